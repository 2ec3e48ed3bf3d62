"""Adding a correction or addition to a signed record, with the reason; the record itself stays as signed."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit

from ...services import measures
from ...services.measure_list import RecordContext
from ...services.workspace import Workspace
from .fields import text_box
from .step_dialog import StepDialog


class AddendumDialog(StepDialog):
    """The text and the reason, both required (SPEC 2.3: after sign-off, corrections are addenda)."""

    def __init__(self, ws: Workspace, context: RecordContext, parent=None):
        super().__init__(ws, context, "Add an addendum", "&Add addendum", parent)
        self.intro.setText(
            "The signed record stays exactly as it was. This addendum is kept beneath it with your name, the "
            "time and the reason, and cannot be changed afterwards.")
        self.text = text_box(5)
        self.text.setPlaceholderText("The correction or the information to add")
        self.problems.add_row(self.form, "&Correction or addition:", "text", self.text)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText("e.g. the time was recorded wrongly; a bruise was found the next day")
        self.problems.add_row(self.form, "&Reason:", "reason", self.reason)

    def has_input(self) -> bool:
        return bool(self.text.toPlainText().strip() or self.reason.text().strip())

    def perform(self):
        return measures.add_addendum(self.ws, self.context.measure.id, self.text.toPlainText(), self.reason.text())
