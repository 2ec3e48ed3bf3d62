"""The frame shared by the dialogs that add a step to a record: what record, a form, problems, one action."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QComboBox, QDateTimeEdit, QDialog, QDialogButtonBox, QFormLayout, QGroupBox, QLabel,
                               QMessageBox, QPushButton, QVBoxLayout, QWidget)

from ...domain.errors import Problem
from ...domain.local_time import WallTimeError
from ...domain.records import Staff
from ...services.measure_list import RecordContext
from ...services.workspace import Workspace
from .. import messages
from ..forms import FieldProblems, datetime_edit, watch_wall_time


def confirm_discard(parent: QWidget) -> bool:
    """Asks before throwing away what the user typed."""
    answer = QMessageBox.question(parent, messages.DISCARD_TITLE, messages.DISCARD_TEXT,
                                  QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
                                  QMessageBox.StandardButton.Cancel)
    return answer == QMessageBox.StandardButton.Discard


def staff_combo(staff: list[Staff], chosen: int | None = None, mark_authorised: bool = True) -> QComboBox:
    """Everyone on the register; those authorised to sign reg 35 records are marked as such."""
    combo = QComboBox()
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
    for s in sorted(staff, key=lambda s: (not s.authorised_signoff, s.full_name.casefold())):
        mark = " — authorised to sign off" if mark_authorised and s.authorised_signoff else ""
        combo.addItem(f"{s.full_name} ({s.role.label}){mark}", s.id)
    if chosen is not None and combo.findData(chosen) >= 0:
        combo.setCurrentIndex(combo.findData(chosen))
    return combo


class StepDialog(QDialog):
    """Subclasses add rows to `self.form` and implement `perform()`; `saved` carries the measure id."""

    saved = Signal(int)
    time_field = ""  # the field a clock-change time is reported against

    def __init__(self, ws: Workspace, context: RecordContext, title: str, action: str, parent=None):
        super().__init__(parent)
        self.ws = ws
        self.context = context
        self.setWindowTitle(title)
        self.setMinimumWidth(760)
        box = QVBoxLayout(self)
        box.setContentsMargins(18, 14, 18, 14)
        box.setSpacing(10)
        record = QGroupBox("The record")
        inner = QVBoxLayout(record)
        self.summary = QLabel(context.summary())
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName("Record")
        inner.addWidget(self.summary)
        box.addWidget(record)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        box.addWidget(self.intro)
        self.deadline = QLabel()
        self.deadline.setObjectName("note")
        self.deadline.setWordWrap(True)
        box.addWidget(self.deadline)
        self.general = QLabel()
        box.addWidget(self.general)
        self.problems = FieldProblems(self.general)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setVerticalSpacing(10)
        box.addLayout(self.form)
        box.addStretch(1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.action = QPushButton(action)
        self.buttons.addButton(self.action, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self._on_action_clicked)
        self.buttons.rejected.connect(self.reject)
        box.addWidget(self.buttons)
        self.action.setDefault(True)  # only once inside the dialog does Qt keep it as Enter's button
        QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self, activated=self._on_action_clicked)

    def perform(self):
        """Calls the service; raises ValidationFailed, UserFacingError or WallTimeError."""
        raise NotImplementedError

    def has_input(self) -> bool:
        """True when closing would lose something the user typed."""
        return False

    def reject(self) -> None:  # Qt override: Cancel, Escape and the close button
        if self.has_input() and not confirm_discard(self):
            return
        super().reject()

    def add_time_row(self, label: str) -> QDateTimeEdit:
        """The step's UK date-and-time field (`time_field`), starting at now; a clock-change time is named as typed."""
        edit = datetime_edit(self.context.now)
        watch_wall_time(edit, self.problems.add_row(self.form, label, self.time_field, edit))
        return edit

    def _on_action_clicked(self) -> None:
        self.problems.clear()
        try:
            done = self.problems.attempt(self.perform)
        except WallTimeError as exc:
            self.problems.show([Problem(self.time_field, str(exc))])
            return
        if done is not None:
            self.saved.emit(self.context.measure.id)
            self.accept()
