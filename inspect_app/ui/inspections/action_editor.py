"""The editor of one requirement or recommendation an inspection made, and of the home's progress on it."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from ...domain.errors import Problem
from ...domain.inspections import Inspection, InspectionAction, validate_action
from ...domain.records import Home
from ...domain.vocabulary import ActionKind, ActionStatus
from ...services import inspections, registers
from ...services.workspace import Workspace
from ..date_field import DateField
from ..registers.editor import RegisterEditor, set_combo_data, text_box, vocabulary_combo, vocabulary_value
from .fields import inspection_name

ACTION_PREFIX = "IA-"
ACTION_WIDTH = 3
ONLY_MET = "A completion date goes with the status \u201cmet\u201d: choose it first."


class ActionEditor(RegisterEditor[InspectionAction]):
    """Every field SPEC 2.5 gives a requirement or recommendation; the completion date is open only once it is met."""

    noun = "inspection action"

    def __init__(self, ws: Workspace, home: Home, inspection: Inspection, record: InspectionAction | None = None,
                 parent: QWidget | None = None):
        self.inspection = inspection  # read while the base class builds and loads the fields
        super().__init__(ws, home, record, parent)

    def intro_text(self) -> str:
        return ("What the inspection asked of the home. A requirement names a regulation the home did not meet and "
                "the date to meet it by; a recommendation is a way to improve. Keep its progress here as it happens. "
                "Fields marked * are required.")

    def title_text(self) -> str:
        if self.original is None:
            return f"Add a requirement or recommendation of {self.inspection.ref}"
        return f"Edit {self.original.ref} of {self.inspection.ref}"

    def build_fields(self) -> None:
        self.ref = self.add_field("&Reference *", "ref", QLineEdit())
        self.made_by = QLabel(inspection_name(self.inspection))
        self.made_by.setTextInteractionFlags(Qt.TextSelectableByMouse | Qt.TextSelectableByKeyboard)
        self.add_field("Made by", "inspection", self.made_by)
        self.fields.pop("inspection")  # shown, not typed: not part of "has anything changed"
        self.kind = self.add_field("&Kind *", "kind", vocabulary_combo(ActionKind, blank=False))
        self.text = self.add_field("&What it asks *", "text", text_box(4))
        self.text.setPlaceholderText("as the report gives it")
        self.regulation = self.add_field("Re&gulation", "regulation", QLineEdit())
        self.regulation.setPlaceholderText("for a requirement, e.g. 12(2)(a)")
        self.due_on = self.add_field("&Due on", "due_on", DateField())
        self.due_on.setToolTip("The date the report gives to meet it by")
        self.status = self.add_field("St&atus *", "status", vocabulary_combo(ActionStatus, blank=False))
        self.progress = self.add_field("&Progress", "progress", text_box(3))
        self.progress.setPlaceholderText("what has been done, by whom and when")
        self.completed_on = self.add_field("Co&mpleted on", "completed_on", DateField())
        self.status.currentIndexChanged.connect(self._on_status_changed)

    def load(self, action: InspectionAction | None) -> None:
        if action is None:
            existing = [a.ref for a in self.ws.inspection_actions.for_home(self.home.id)]
            self.ref.setText(registers.next_ref(existing, ACTION_PREFIX, ACTION_WIDTH))
            set_combo_data(self.kind, ActionKind.REQUIREMENT)
            set_combo_data(self.status, ActionStatus.OPEN)
            self._on_status_changed()
            return
        self.ref.setText(action.ref)
        set_combo_data(self.kind, action.kind)
        self.text.setPlainText(action.text)
        self.regulation.setText(action.regulation)
        self.due_on.set_date(action.due_on)
        set_combo_data(self.status, action.status)
        self.progress.setPlainText(action.progress)
        self.completed_on.set_date(action.completed_on)
        self._on_status_changed()

    def _on_status_changed(self, *_args) -> None:
        """The completion date is open only with the status "met" (the domain refuses it otherwise); problems shown
        were about the status before, and go."""
        self.problems.clear()
        met = vocabulary_value(self.status, ActionStatus) is ActionStatus.MET
        if not met:
            self.completed_on.clear()
        self.completed_on.setEnabled(met)
        self.completed_on.setToolTip("The date it was met" if met else ONLY_MET)

    def read(self) -> tuple[InspectionAction, list[Problem]]:
        problems: list[Problem] = []
        due = self.read_date("due_on", problems)
        completed = self.read_date("completed_on", problems)
        action = InspectionAction(home_id=self.home.id, ref=self.ref.text(), inspection_id=self.inspection.id,
                                  kind=vocabulary_value(self.kind, ActionKind), text=self.text.toPlainText().strip(),
                                  regulation=self.regulation.text(), due_on=due,
                                  status=vocabulary_value(self.status, ActionStatus),
                                  progress=self.progress.toPlainText().strip(), completed_on=completed)
        if self.original is not None:
            action = replace(action, id=self.original.id)
        return action, problems

    def validate(self, action: InspectionAction) -> list[Problem]:
        return validate_action(action, self.inspection)

    def store(self, action: InspectionAction) -> InspectionAction:
        return inspections.save_action(self.ws, action)
