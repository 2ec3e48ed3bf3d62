"""The small dialog that admits an accepted referral's child: their entry in the register of children (schedule 4),
the admission date and placing authority taken from the referral, saved with the referral's link to it."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QWidget

from ...domain.errors import Problem
from ...domain.local_time import format_date
from ...domain.placements import Referral
from ...domain.records import Child, Home
from ...domain.validation import validate_child
from ...domain.vocabulary import LegalStatus
from ...services import placements, registers
from ...services.workspace import Workspace
from ..registers.child_editor import CHILD_PREFIX, add_identity_fields
from ..registers.editor import RegisterEditor, vocabulary_combo, vocabulary_value


class AdmitDialog(RegisterEditor[Child]):
    """Reference (the next free one), name, date of birth, sex and legal status; `admitted` with the referral and the
    child as stored, once placements.admit has saved both together."""

    admitted = Signal(object, object)
    noun = "child"

    def __init__(self, ws: Workspace, home: Home, referral: Referral, parent: QWidget | None = None):
        self.referral = referral
        self.admitted_referral: Referral | None = None
        super().__init__(ws, home, None, parent)
        self.setMinimumWidth(560)
        self.save_button.setText("Admit")
        self.record_saved.connect(lambda child: self.admitted.emit(self.admitted_referral, child))

    def intro_text(self) -> str:
        r = self.referral
        placed = f", placed by {r.placing_authority}" if r.placing_authority else ""
        return (f"Puts the child of referral {r.ref} on the register of children (schedule 4), admitted on "
                f"{format_date(r.admitted_on)}{placed}, and links the referral to the entry: the admission date and "
                "placing authority come from the referral. Fields marked * are required.")

    def title_text(self) -> str:
        initials = f" ({self.referral.child_initials})" if self.referral.child_initials else ""
        return f"Admit the child{initials}"

    def build_fields(self) -> None:
        add_identity_fields(self)
        self.legal_status = self.add_field("Le&gal status", "legal_status", vocabulary_combo(LegalStatus))
        admitted = QLabel(format_date(self.referral.admitted_on))
        admitted.setAccessibleName("Admitted on, from the referral")
        self.form.addRow("Admitted on", admitted)
        authority = QLabel(self.referral.placing_authority or "Not recorded on the referral")
        authority.setAccessibleName("Placing authority, from the referral")
        self.form.addRow("Placing authority", authority)

    def load(self, _child: Child | None) -> None:
        existing = [c.ref for c in self.ws.children.for_home(self.home.id)]
        self.ref.setText(registers.next_ref(existing, CHILD_PREFIX))

    def read(self) -> tuple[Child, list[Problem]]:
        problems: list[Problem] = []
        born = self.read_date("date_of_birth", problems)
        child = Child(home_id=self.home.id, ref=self.ref.text(), first_name=self.first_name.text(),
                      last_name=self.last_name.text(), admitted_on=self.referral.admitted_on, date_of_birth=born,
                      sex=self.sex.currentText().strip(), placing_authority=self.referral.placing_authority,
                      legal_status=vocabulary_value(self.legal_status, LegalStatus))
        return child, problems

    def validate(self, child: Child) -> list[Problem]:
        return validate_child(child)

    def store(self, child: Child) -> Child:
        self.admitted_referral, saved = placements.admit(self.ws, self.referral, child)
        return saved
