"""The small dialog that sets a home's physical-intervention refresher interval, opened from the staff register."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QSpinBox, QVBoxLayout, QWidget

from ...domain.records import Home
from ...services import staffing_view
from ...services.workspace import Workspace
from ..forms import FieldProblems, save_cancel
from .editor import confirm_discard


class RefresherDialog(QDialog):
    """How many months after training a physical-intervention refresher is due: a home setting (schemes differ; most
    refresh yearly), 0 for none tracked; saved by services.staffing_view (EDIT_REGISTERS, audited). Cancel, Escape
    and the close button ask before a change is thrown away, as every editor does."""

    months_saved = Signal(int)

    def __init__(self, ws: Workspace, home: Home, parent: QWidget | None = None):
        super().__init__(parent)
        self.ws, self.home = ws, home
        self.setWindowTitle("Physical-intervention refresher")
        intro = QLabel("Physical-intervention schemes set how often training is refreshed; most refresh it every "
                       "year. The staff register shows each refresher's due date from this, and marks one past due.")
        intro.setObjectName("hint")
        intro.setWordWrap(True)
        self.general = QLabel()
        self.problems = FieldProblems(self.general)
        self.months = QSpinBox()
        self.months.setRange(0, staffing_view.MAX_PI_REFRESHER_MONTHS)
        self.months.setSuffix(" months")
        self.months.setSpecialValueText("Not tracked")
        self.months.setValue(staffing_view.pi_refresher_months(ws, home))
        self._saved = self.months.value()
        form = QFormLayout()
        self.problems.add_row(form, "&Refresher due after", staffing_view.PI_REFRESHER_KEY, self.months)
        self.buttons = save_cancel(self)
        self.buttons.button(QDialogButtonBox.Save).setDefault(True)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.general)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(480)

    def save(self) -> None:
        months = self.problems.attempt(
            lambda: staffing_view.set_pi_refresher_months(self.ws, self.home, self.months.value()))
        if months is None:
            return
        self._saved = months
        self.months_saved.emit(months)
        self.accept()

    def reject(self) -> None:  # Qt override: Cancel, Escape and the close button all come here
        if self.months.value() != self._saved and not confirm_discard(self):
            return
        super().reject()
