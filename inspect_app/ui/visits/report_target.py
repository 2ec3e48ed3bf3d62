"""The dialog that sets the home's target for sending each independent visit's report to Ofsted."""

from __future__ import annotations

import logging
from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel, QRadioButton, QSpinBox, QVBoxLayout,
    QWidget,
)

from ...domain.local_time import format_date, to_local
from ...domain.records import Home
from ...domain.visits import MAX_TARGET_DAYS, ReportTarget, TargetRule
from ...services import visits as visit_service
from ...services.workspace import Workspace
from ..forms import FieldProblems, save_cancel

log = logging.getLogger(__name__)

EXPLANATION = (
    "Reg 44(7) says each visit's report goes to Ofsted, but the regulations fix no date for it that we could "
    "confirm, so the home sets its own target. The visits list, the checks and the evidence pack call a report "
    "late when it is sent after this target, or not sent once the target has passed.")

RULE_TEXTS = (
    (TargetRule.END_OF_NEXT_MONTH, "By the end of the &month after the visit (the default)"),
    (TargetRule.END_OF_MONTH, "By the end of the month &of the visit"),
    (TargetRule.DAYS_AFTER, "&Within a number of days of the visit:"),
)


class ReportTargetDialog(QDialog):
    """Choose one of ReportTarget's three rules; saved by services.visits.set_report_target (RECORD_OVERSIGHT).
    Window-modal but opened with open(), so the tab stays testable; `target_saved` carries the new target."""

    target_saved = Signal(object)  # ReportTarget

    def __init__(self, ws: Workspace, home: Home, parent: QWidget | None = None):
        super().__init__(parent)
        self.ws = ws
        self.home = home
        self.setWindowTitle("Target for sending reports to Ofsted")
        self.general = QLabel()
        self.problems = FieldProblems(self.general)
        self.rules = QButtonGroup(self)
        self.radios: dict[TargetRule, QRadioButton] = {}
        self.days = QSpinBox()
        self.example = QLabel()
        self.example.setObjectName("hint")
        self.example.setWordWrap(True)
        self._build()
        self._load(visit_service.report_target(ws, home))
        self.rules.idToggled.connect(self._on_rules_toggled)
        self.days.valueChanged.connect(self._on_days_changed)
        self.setMinimumWidth(560)

    def _build(self) -> None:
        intro = QLabel(EXPLANATION)
        intro.setObjectName("hint")
        intro.setWordWrap(True)
        form = QFormLayout()
        self.problems.add_row(form, "Send each &report", "days", self._choices())
        self.buttons = save_cancel(self)
        self.buttons.button(QDialogButtonBox.Save).setDefault(True)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.general)
        layout.addLayout(form)
        layout.addWidget(self.example)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

    def _choices(self) -> QWidget:
        holder = QWidget()
        box = QVBoxLayout(holder)
        box.setContentsMargins(0, 0, 0, 0)
        for index, (rule, text) in enumerate(RULE_TEXTS):
            radio = QRadioButton(text)
            radio.setAccessibleName(text.replace("&", "").rstrip(":"))
            self.rules.addButton(radio, index)
            self.radios[rule] = radio
            if rule is not TargetRule.DAYS_AFTER:
                box.addWidget(radio)
                continue
            self.days.setRange(1, MAX_TARGET_DAYS)
            self.days.setSuffix(" days")
            self.days.setAccessibleName("Number of days after the visit")
            self.days.setToolTip(f"From 1 to {MAX_TARGET_DAYS} days after the day of the visit")
            row = QHBoxLayout()
            row.addWidget(radio)
            row.addWidget(self.days)
            row.addStretch(1)
            box.addLayout(row)
        holder.setFocusProxy(self.radios[TargetRule.END_OF_NEXT_MONTH])
        return holder

    def _load(self, target: ReportTarget) -> None:
        self.radios[target.rule].setChecked(True)
        self.days.setValue(target.days)
        self._show_example()

    def chosen(self) -> ReportTarget:
        rule = RULE_TEXTS[self.rules.checkedId()][0]
        return ReportTarget(rule, self.days.value())

    def _show_example(self) -> None:
        """The rule worked out for a visit today, so that the words cannot be misread."""
        self.days.setEnabled(self.radios[TargetRule.DAYS_AFTER].isChecked())
        today: date = to_local(self.ws.now()).date()
        target = self.chosen()
        self.example.setText(f"For a visit today ({format_date(today)}), the report would be due by "
                             f"{format_date(target.due_on(today))}.")

    def _on_rules_toggled(self, _id: int, checked: bool) -> None:
        if checked:
            self._show_example()

    def _on_days_changed(self, _value: int) -> None:
        self._show_example()

    def save(self) -> None:
        target = self.chosen()
        saved = self.problems.attempt(lambda: visit_service.set_report_target(self.ws, self.home, target))
        if saved is None:
            return
        log.info("reg 44 report target set for home %s: %s", self.home.id, saved.rule.value)
        self.target_saved.emit(saved)
        self.accept()
