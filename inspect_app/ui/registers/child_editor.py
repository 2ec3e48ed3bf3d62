"""The editor of one entry in the register of children (schedule 4: admission and leaving dates, legal basis)."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QCompleter, QLineEdit

from ...domain.errors import Problem
from ...domain.local_time import to_local
from ...domain.records import Child
from ...domain.validation import validate_child
from ...domain.vocabulary import LegalStatus
from ...services import registers
from .editor import RegisterEditor, set_combo_data, vocabulary_combo, vocabulary_value, yes_no_combo
from ..date_field import DateField

CHILD_PREFIX = "C-"


class ChildEditor(RegisterEditor[Child]):
    """Every field of SPEC 2.2 for a child; a new child gets the next free reference."""

    noun = "child"

    def intro_text(self) -> str:
        return ("The register of children (schedule 4) records when each child came and left, who placed them "
                "and on what legal basis. Fields marked * are required.")

    def title_text(self) -> str:
        return "Add a child" if self.original is None else f"Edit {self.original.ref}"

    def build_fields(self) -> None:
        add_identity_fields(self)
        self.admitted_on = self.add_field("&Admitted on *", "admitted_on", DateField())
        self.left_on = self.add_field("Lef&t on", "left_on", DateField())
        self.left_on.setToolTip("Leave blank while the child lives here")
        self.placing_authority = self.add_field("&Placing authority", "placing_authority", QLineEdit())
        self._complete_authorities()
        self.legal_status = self.add_field("Le&gal status", "legal_status", vocabulary_combo(LegalStatus))
        self.ehcp = self.add_field("&EHC plan", "ehcp", yes_no_combo())

    def _complete_authorities(self) -> None:
        known = sorted({c.placing_authority for c in self.ws.children.for_home(self.home.id) if c.placing_authority})
        completer = QCompleter(known, self.placing_authority)
        completer.setCaseSensitivity(Qt.CaseInsensitive)
        self.placing_authority.setCompleter(completer)

    def load(self, child: Child | None) -> None:
        if child is None:
            existing = [c.ref for c in self.ws.children.for_home(self.home.id)]
            self.ref.setText(registers.next_ref(existing, CHILD_PREFIX))
            self.admitted_on.set_date(to_local(self.ws.now()).date())
            return
        self.ref.setText(child.ref)
        self.first_name.setText(child.first_name)
        self.last_name.setText(child.last_name)
        self.date_of_birth.set_date(child.date_of_birth)
        self.sex.setCurrentText(child.sex)
        self.admitted_on.set_date(child.admitted_on)
        self.left_on.set_date(child.left_on)
        self.placing_authority.setText(child.placing_authority)
        set_combo_data(self.legal_status, child.legal_status)
        set_combo_data(self.ehcp, child.ehcp)

    def read(self) -> tuple[Child, list[Problem]]:
        problems: list[Problem] = []
        born = self.read_date("date_of_birth", problems)
        admitted = self.read_date("admitted_on", problems)
        left = self.read_date("left_on", problems)
        if admitted is None and not any(p.field == "admitted_on" for p in problems):
            problems.append(Problem("admitted_on", "the admission date is required (schedule 4)"))
        child = Child(home_id=self.home.id, ref=self.ref.text(), first_name=self.first_name.text(),
                      last_name=self.last_name.text(), admitted_on=admitted or to_local(self.ws.now()).date(),
                      date_of_birth=born, sex=self.sex.currentText().strip(), left_on=left,
                      placing_authority=self.placing_authority.text().strip(),
                      legal_status=vocabulary_value(self.legal_status, LegalStatus), ehcp=self.ehcp.currentData())
        if self.original is not None:
            child = replace(child, id=self.original.id)
        return child, problems

    def validate(self, child: Child) -> list[Problem]:
        return validate_child(child)

    def store(self, child: Child) -> Child:
        return registers.save_child(self.ws, child)


def add_identity_fields(editor) -> None:
    """Who the child is, first in every editor that puts a child on the register (this one, and admitting a child
    from a referral): reference, names, date of birth and sex, as `editor.ref`, `.first_name`, `.last_name`,
    `.date_of_birth` and `.sex`."""
    editor.ref = editor.add_field("&Reference *", "child_ref", QLineEdit())
    editor.first_name = editor.add_field("&First name *", "first_name", QLineEdit())
    editor.last_name = editor.add_field("&Last name *", "last_name", QLineEdit())
    editor.date_of_birth = editor.add_field("Date of &birth", "date_of_birth", DateField())
    editor.sex = editor.add_field("Se&x", "sex", QComboBox())
    editor.sex.setEditable(True)
    editor.sex.addItems(["", "F", "M"])
    editor.sex.lineEdit().setPlaceholderText("as the child's records give it, e.g. F or M")
