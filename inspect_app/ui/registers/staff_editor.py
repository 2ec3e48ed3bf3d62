"""The editor of one entry in the staff register: role, qualifications, training and reg 35 sign-off authority."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QLabel, QLineEdit

from ...domain.errors import Problem
from ...domain.local_time import format_date, to_local
from ...domain.records import Staff
from ...domain.validation import validate_staff
from ...domain.vocabulary import CARE_ROLES, Employment, StaffRole
from ...services import registers
from ..date_field import DateField
from .editor import RegisterEditor, set_combo_data, vocabulary_combo, vocabulary_value

STAFF_PREFIX = "S-"


class StaffEditor(RegisterEditor[Staff]):
    """Every field of SPEC 2.2 for a member of staff, with the Level 3 due date worked out (reg 32(4))."""

    noun = "staff"

    def intro_text(self) -> str:
        return ("The staff register (schedule 4). Care staff need the Level 3 Diploma within 2 years of starting "
                "a care role (reg 32(4)). Fields marked * are required.")

    def title_text(self) -> str:
        return "Add a member of staff" if self.original is None else f"Edit {self.original.ref}"

    def build_fields(self) -> None:
        self.ref = self.add_field("&Reference *", "staff_ref", QLineEdit())
        self.full_name = self.add_field("&Full name *", "full_name", QLineEdit())
        self.role = self.add_field("R&ole *", "role", vocabulary_combo(StaffRole, blank=False))
        self.employment = self.add_field("&Employment", "employment", vocabulary_combo(Employment))
        self.started = self.add_field("Started in a &care role", "care_role_started_on", DateField())
        self.level3_due = QLabel()
        self.level3_due.setObjectName("hint")
        self.level3_due.setTextInteractionFlags(Qt.TextSelectableByMouse | Qt.TextSelectableByKeyboard)
        self.add_field("Level 3 due", "level3_due", self.level3_due)
        self.fields.pop("level3_due")  # worked out, not typed: not part of "has anything changed"
        self.level3 = self.add_field("Level &3 achieved on", "level3_achieved_on", DateField())
        self.level5 = self.add_field("Level &5 achieved on", "level5_achieved_on", DateField())
        self.pi_trained = self.add_field("&PI trained on", "pi_trained_on", DateField())
        self.pi_trained.setToolTip(f"Physical-intervention training in the home's scheme ({self.home.pi_scheme})")
        self.authorised = self.add_field("Reg 35 sign-off", "authorised_signoff", QCheckBox(
            "&Authorised to sign off reg 35 records (reg 35(3)(b))"))
        self.authorised.setAccessibleName("Authorised to sign off reg 35 records")
        self.authorised.setToolTip("The registered person has authorised them to speak to the staff involved and "
                                   "sign a reg 35 record as accurate")
        self.left_on = self.add_field("Lef&t on", "left_on", DateField())
        self.left_on.setToolTip("Leave blank while they work here")
        self.role.currentIndexChanged.connect(self._on_level3_inputs_changed)
        self.started.textChanged.connect(self._on_level3_inputs_changed)
        self.level3.textChanged.connect(self._on_level3_inputs_changed)

    def load(self, staff: Staff | None) -> None:
        if staff is None:
            existing = [s.ref for s in self.ws.staff.for_home(self.home.id)]
            self.ref.setText(registers.next_ref(existing, STAFF_PREFIX))
            set_combo_data(self.role, StaffRole.CARE_WORKER)
            self._on_level3_inputs_changed()
            return
        self.ref.setText(staff.ref)
        self.full_name.setText(staff.full_name)
        set_combo_data(self.role, staff.role)
        set_combo_data(self.employment, staff.employment)
        self.started.set_date(staff.care_role_started_on)
        self.level3.set_date(staff.level3_achieved_on)
        self.level5.set_date(staff.level5_achieved_on)
        self.pi_trained.set_date(staff.pi_trained_on)
        self.authorised.setChecked(staff.authorised_signoff)
        self.left_on.set_date(staff.left_on)
        self._on_level3_inputs_changed()

    def level3_due_text(self) -> str:
        """What the read-only "Level 3 due" line says for the role and dates typed so far (reg 32(4))."""
        role = vocabulary_value(self.role, StaffRole)
        if role not in CARE_ROLES:
            return "Not needed for this role (reg 32(4) is for care staff)."
        try:
            started, achieved = self.started.date(), self.level3.date()
        except ValueError:
            return "Check the dates typed above."
        if started is None:
            return "Type the date they started a care role to see it."
        due = Staff(home_id=self.home.id, ref="", full_name="", role=role, care_role_started_on=started).level3_due
        if achieved is not None:
            return f"Was due by {format_date(due)}; achieved on {format_date(achieved)}."
        if due < to_local(self.ws.now()).date():
            return f"Overdue: it was due by {format_date(due)} (2 years after starting)."
        return f"Due by {format_date(due)} (2 years after starting a care role)."

    def _on_level3_inputs_changed(self, *_args) -> None:
        self.level3_due.setText(self.level3_due_text())

    def read(self) -> tuple[Staff, list[Problem]]:
        problems: list[Problem] = []
        dates = {name: self.read_date(name, problems) for name in (
            "care_role_started_on", "level3_achieved_on", "level5_achieved_on", "pi_trained_on", "left_on")}
        staff = Staff(home_id=self.home.id, ref=self.ref.text(), full_name=self.full_name.text(),
                      role=vocabulary_value(self.role, StaffRole),
                      employment=vocabulary_value(self.employment, Employment),
                      authorised_signoff=self.authorised.isChecked(), **dates)
        if self.original is not None:
            staff = replace(staff, id=self.original.id)
        return staff, problems

    def validate(self, staff: Staff) -> list[Problem]:
        return validate_staff(staff)

    def store(self, staff: Staff) -> Staff:
        return registers.save_staff(self.ws, staff)
