"""The editor of one independent person in the visitors register (reg 43): their appointment, the reg 43(3)
conditions of independence they have confirmed, and the date of their declaration."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import QCheckBox, QGroupBox, QLineEdit, QVBoxLayout, QWidget

from ...domain.errors import Problem
from ...domain.records import Home
from ...domain.visits import ALL_CONDITIONS, Visitor, validate_visitor
from ...domain.vocabulary import Independence
from ...services import registers, visits
from ...services.workspace import Workspace
from ..date_field import DateField
from ..registers.editor import RegisterEditor

VISITOR_PREFIX = "IV-"


class VisitorEditor(RegisterEditor[Visitor]):
    """Every field SPEC 2.4 lists for a visitor; the six conditions of reg 43(3) are a checklist, and a declaration
    date is accepted only once all six are ticked (the domain's rule, shown under the checklist)."""

    noun = "visitor"

    def __init__(self, ws: Workspace, home: Home, record: Visitor | None = None, parent: QWidget | None = None):
        super().__init__(ws, home, record, parent)
        # as wide as the longest condition (a check box's text does not wrap)
        self.setMinimumWidth(max(self.minimumWidth(), self.layout().minimumSize().width()))

    def intro_text(self) -> str:
        return ("Reg 43 asks the provider to appoint an independent person to visit the home every month. "
                "They must be independent of the home: not working for the provider (except to make these "
                "visits), not involved in any child's care here, not paying for placements, with no money in the "
                "home and no connection that could cast doubt on their impartiality. Tick each condition they have "
                "confirmed, then record the date of their declaration. Fields marked * are required.")

    def title_text(self) -> str:
        return "Add an independent visitor" if self.original is None else f"Edit {self.original.ref}"

    def build_fields(self) -> None:
        self.ref = self.add_field("&Reference *", "visitor_ref", QLineEdit())
        self.name = self.add_field("&Name *", "name", QLineEdit())
        self.organisation = self.add_field("&Organisation", "organisation", QLineEdit())
        self.appointed_on = self.add_field("&Appointed on", "appointed_on", DateField())
        self._build_conditions()
        self.declared_on = self.add_field("&Declared independent on", "declared_independent_on", DateField())
        self.declared_on.setToolTip("The date of their signed declaration that every condition above holds")
        self.ended_on = self.add_field("&Ended on", "ended_on", DateField())
        self.ended_on.setToolTip("Leave blank while they are the home's independent person")

    def _build_conditions(self) -> None:
        """The checklist; each box is a field of its own for "has anything changed", after the box holding them."""
        self.conditions_box = QGroupBox()
        self.conditions_box.setObjectName("choices")  # no title: the form's label says what it is
        layout = QVBoxLayout(self.conditions_box)
        self.condition_boxes: dict[Independence, QCheckBox] = {}
        for condition in ALL_CONDITIONS:
            box = QCheckBox(condition.label)
            box.setAccessibleName(condition.label)
            layout.addWidget(box)
            self.condition_boxes[condition] = box
        self.add_field("&Independence (reg 43(3))", "conditions", self.conditions_box)
        self.conditions_box.setAccessibleName("Conditions of independence confirmed (reg 43(3))")
        first = self.condition_boxes[ALL_CONDITIONS[0]]
        self.form.labelForField(self.conditions_box.parentWidget()).setBuddy(first)
        for condition, box in self.condition_boxes.items():
            self.fields[f"conditions.{condition.value}"] = box

    def load(self, visitor: Visitor | None) -> None:
        if visitor is None:
            existing = [v.ref for v in self.ws.visitors.for_home(self.home.id)]
            self.ref.setText(registers.next_ref(existing, VISITOR_PREFIX))
            return
        self.ref.setText(visitor.ref)
        self.name.setText(visitor.name)
        self.organisation.setText(visitor.organisation)
        self.appointed_on.set_date(visitor.appointed_on)
        for condition, box in self.condition_boxes.items():
            box.setChecked(condition in visitor.conditions)
        self.declared_on.set_date(visitor.declared_independent_on)
        self.ended_on.set_date(visitor.ended_on)

    def read(self) -> tuple[Visitor, list[Problem]]:
        problems: list[Problem] = []
        dates = {name: self.read_date(name, problems) for name in (
            "appointed_on", "declared_independent_on", "ended_on")}
        visitor = Visitor(home_id=self.home.id, ref=self.ref.text(), name=self.name.text(),
                          organisation=self.organisation.text(),
                          conditions=tuple(c for c, box in self.condition_boxes.items() if box.isChecked()), **dates)
        if self.original is not None:
            visitor = replace(visitor, id=self.original.id)
        return visitor, problems

    def validate(self, visitor: Visitor) -> list[Problem]:
        return validate_visitor(visitor)

    def store(self, visitor: Visitor) -> Visitor:
        return visits.save_visitor(self.ws, visitor)
