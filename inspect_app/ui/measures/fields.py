"""The inputs of the reg 35 record form, grouped and ordered as reg 35(3)(a) lists them."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QCheckBox, QComboBox, QFormLayout, QGroupBox, QLabel, QLineEdit, QPlainTextEdit,
                               QSpinBox, QVBoxLayout, QWidget)

from ...domain.records import Child, Home, Measure, Staff
from ...domain.vocabulary import MeasureKind, Position
from ..forms import FieldProblems, datetime_edit, datetime_value, set_wall_time, watch_wall_time
from .checklist import CheckList

# reg 35(3)(a), in the regulation's own words and order
TITLES = (
    "(i) The name of the child",
    "(ii) Details of the child's behaviour leading to the use of the measure",
    "(iii) The date, time and location of the use of the measure",
    "(iv) A description of the measure and its duration",
    "(v) Details of any methods used or steps taken to avoid the need to use the measure",
    "(vi) The name of the person who used the measure, and of any other person present",
    "(vii) The effectiveness and any consequences of the use of the measure",
    "(viii) A description of any injury to the child or any other person, and any medical treatment",
)
PHYSICAL_KINDS = (MeasureKind.RESTRAINT, MeasureKind.HOLDING)
PRONE_WARNING = ("⚠ Prone (face down) is the highest-risk position. Say in the description why it was "
                 "needed, how long it lasted and how the child's breathing was watched.")
PLANNED_NOTE = ("Reg 35(4): restraint planned as a matter of routine in the child's EHC plan is exempt, so the "
                "24-hour, 48-hour and 5-day deadlines do not apply to this record.")
# Item data is never None: PySide6 6.12 on Python 3.11 drops a reference to None each time Qt hands an
# empty value back to Python (currentData(), itemData(), property()), and enough of them crash the program.
NO_CHOICE = ""
INJURY_CHOICES = (("Choose…", NO_CHOICE), ("No one was injured", "no"), ("Yes, someone was injured", "yes"))
INJURY_VALUES = {NO_CHOICE: None, "no": False, "yes": True}
NOT_ENTERED = -1


def text_box(lines: int = 3) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setTabChangesFocus(True)  # Tab moves on, as in every other field
    box.setMinimumHeight(box.fontMetrics().lineSpacing() * lines + 14)
    box.setMaximumHeight(box.fontMetrics().lineSpacing() * (lines + 3) + 14)
    return box


class MeasureFields(QWidget):
    """Every input of a measure; problems are shown under the field they name (ui/forms.FieldProblems)."""

    def __init__(self, home: Home, children: list[Child], staff: list[Staff], general: QLabel, parent=None):
        super().__init__(parent)
        self.home = home
        self.problems = FieldProblems(general)
        self._forms: list[QFormLayout] = []
        self._box = QVBoxLayout(self)
        self._box.setContentsMargins(0, 0, 0, 0)
        self._box.setSpacing(12)
        self._build_child(children)
        self._build_when_where()
        self._build_measure()
        self._build_physical()
        self._build_people(staff)
        self._build_outcome()
        self._build_exemption()
        self._align_labels()
        self._on_kind_changed()

    # building -------------------------------------------------------------
    def _group(self, title: str) -> QFormLayout:
        group = QGroupBox(title)
        group.setAccessibleName(title)
        form = QFormLayout(group)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self._box.addWidget(group)
        self._forms.append(form)
        return form

    def _align_labels(self) -> None:
        """One label column across every group, so the fields line up down the whole form."""
        labels = [form.itemAt(row, QFormLayout.ItemRole.LabelRole).widget() for form in self._forms
                  for row in range(form.rowCount()) if form.itemAt(row, QFormLayout.ItemRole.LabelRole)]
        labels = [label for label in labels if label is not None]
        width = max((label.sizeHint().width() for label in labels), default=0)
        for label in labels:
            label.setMinimumWidth(width)

    def _build_child(self, children: list[Child]) -> None:
        self.child = QComboBox()
        self.child.addItem("Choose the child…", 0)
        for c in sorted(children, key=lambda c: (c.first_name.casefold(), c.last_name.casefold())):
            self.child.addItem(f"{c.full_name} ({c.ref})", c.id)
        self.problems.add_row(self._group(TITLES[0]), "&Child:", "child_ref", self.child)
        self.behaviour = text_box(3)
        self.problems.add_row(self._group(TITLES[1]), "&Behaviour:", "behaviour", self.behaviour)

    def _build_when_where(self) -> None:
        form = self._group(TITLES[2])
        self.started = datetime_edit(None)
        started_problem = self.problems.add_row(form, "&Started (UK time):", "started_at", self.started)
        watch_wall_time(self.started, started_problem)
        self.location = QLineEdit()
        self.location.setPlaceholderText("e.g. lounge, kitchen, garden, in the car")
        self.problems.add_row(form, "&Location:", "location", self.location)

    def _build_measure(self) -> None:
        form = self._group(TITLES[3])
        self.kind = QComboBox()
        for kind in MeasureKind:
            self.kind.addItem(kind.label, kind.value)
        self.problems.add_row(form, "&Measure:", "kind", self.kind)
        self.description = text_box(3)
        self.problems.add_row(form, "&Description:", "description", self.description)
        self.duration = QSpinBox()
        self.duration.setRange(NOT_ENTERED, 24 * 60)
        self.duration.setSpecialValueText("Not entered")
        self.duration.setSuffix(" minutes")
        self.duration.setValue(NOT_ENTERED)
        self.problems.add_row(form, "D&uration:", "duration_minutes", self.duration)
        self.kind.currentIndexChanged.connect(self._on_kind_changed)

    def _build_physical(self) -> None:
        self.physical = QGroupBox("Physical intervention: holds, position and staff")
        self.physical.setAccessibleName(self.physical.title())
        form = QFormLayout(self.physical)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self._box.addWidget(self.physical)
        self._forms.append(form)
        self.holds = CheckList()
        self.holds.set_options((h, h) for h in self.home.pi_holds)
        self.problems.add_row(form, f"&Holds used ({self.home.pi_scheme}):", "holds", self.holds)
        self.other_holds = QLineEdit()
        self.other_holds.setPlaceholderText("a hold not in the list; separate several with ;")
        self.problems.add_row(form, "&Other hold:", "other_holds", self.other_holds)
        self.position = QComboBox()
        self.position.addItem("Choose…", NO_CHOICE)
        for p in Position:
            self.position.addItem(p.label, p.value)
        self.problems.add_row(form, "&Position:", "position", self.position)
        self.prone_warning = QLabel(PRONE_WARNING)
        self.prone_warning.setObjectName("warning")
        self.prone_warning.setWordWrap(True)
        self.prone_warning.hide()
        form.addRow("", self.prone_warning)
        self.staff_count = QLabel()
        self.staff_count.setAccessibleName("Number of staff")
        form.addRow("Number of staff:", self.staff_count)
        self.position.currentIndexChanged.connect(self._on_position_changed)

    def _build_people(self, staff: list[Staff]) -> None:
        self.avoidance = text_box(3)
        self.problems.add_row(self._group(TITLES[4]), "What was &tried first:", "avoidance_steps", self.avoidance)
        form = self._group(TITLES[5])
        self.used_by = CheckList()
        self.set_staff(staff, ())
        self.problems.add_row(form, "&Used by:", "used_by", self.used_by)
        self.others_present = QLineEdit()
        self.others_present.setPlaceholderText("names and roles, e.g. Jo Smith (night worker), another child")
        self.problems.add_row(form, "Others &present:", "others_present", self.others_present)
        self.used_by.changed.connect(self._on_used_by_changed)

    def _build_outcome(self) -> None:
        self.effectiveness = text_box(3)
        self.effectiveness.setPlaceholderText("How well it worked, and what followed for the child and others")
        self.problems.add_row(self._group(TITLES[6]), "&Effectiveness:", "effectiveness", self.effectiveness)
        form = self._group(TITLES[7])
        self.injury = QComboBox()
        for label, value in INJURY_CHOICES:
            self.injury.addItem(label, value)
        self.problems.add_row(form, "&Injury:", "injury", self.injury)
        self.injury_details = text_box(2)
        self.problems.add_row(form, "Injury &details:", "injury_details", self.injury_details)
        self.treatment = QLineEdit()
        self.treatment.setPlaceholderText("first aid, GP, hospital… or none")
        self.problems.add_row(form, "Medical &treatment:", "medical_treatment", self.treatment)

    def _build_exemption(self) -> None:
        form = self._group("Planning and notifications")
        self.planned = QCheckBox("Planned as a matter of routine in the child's EHC plan (reg 35(4))")
        self.planned.setAccessibleName("Planned in the child's EHC plan")
        form.addRow(self.planned)
        self.planned_note = QLabel(PLANNED_NOTE)
        self.planned_note.setObjectName("notice")
        self.planned_note.setWordWrap(True)
        self.planned_note.hide()
        form.addRow(self.planned_note)
        self.police = QCheckBox("The police were involved")
        self.police.setAccessibleName("Police involved")
        form.addRow(self.police)
        self.planned.toggled.connect(self.planned_note.setVisible)

    # reacting ---------------------------------------------------------------
    def set_staff(self, staff: list[Staff], checked) -> None:
        options = [(f"{s.full_name} ({s.role.label})", s.id)
                   for s in sorted(staff, key=lambda s: s.full_name.casefold())]
        self.used_by.set_options(options, checked)

    def is_physical(self) -> bool:
        return self.chosen_kind() in PHYSICAL_KINDS

    # Qt hands back a str-based enum as a plain str: these turn the stored value back into the enum
    def chosen_kind(self) -> MeasureKind:
        return MeasureKind(self.kind.currentData())

    def chosen_position(self) -> Position | None:
        value = self.position.currentData()
        return Position(value) if value else None

    def _on_kind_changed(self, *_args) -> None:
        # holds and position belong to a restraint or a hold only (the domain refuses them otherwise)
        self.physical.setVisible(self.is_physical())
        self._on_used_by_changed()

    def _on_position_changed(self, *_args) -> None:
        self.prone_warning.setVisible(self.chosen_position() is Position.GROUND_PRONE)

    def _on_used_by_changed(self) -> None:
        count = len(self.used_by.checked_keys())
        self.staff_count.setText(f"{count} (the staff ticked under (vi))" if count else
                                 "none yet: tick the staff who used it under (vi)")

    # values -------------------------------------------------------------------
    def load(self, m: Measure | None, default_start: datetime) -> None:
        """Fills the inputs from a record (or a blank record starting at `default_start`)."""
        set_wall_time(self.started, m.started_at if m else default_start.replace(second=0, microsecond=0))
        if m is None:
            return
        _choose(self.child, m.child_id or 0)
        self.behaviour.setPlainText(m.behaviour)
        self.location.setText(m.location)
        _choose(self.kind, m.kind.value)
        self.description.setPlainText(m.description)
        self.duration.setValue(NOT_ENTERED if m.duration_minutes is None else m.duration_minutes)
        scheme = {h.casefold() for h in self.home.pi_holds}
        for hold in m.holds:
            self.holds.set_checked(hold)
        self.other_holds.setText("; ".join(h for h in m.holds if h.casefold() not in scheme))
        _choose(self.position, m.position.value if m.position else NO_CHOICE)
        self.avoidance.setPlainText(m.avoidance_steps)
        for staff_id in m.used_by:
            self.used_by.set_checked(staff_id)
        self.others_present.setText(m.others_present)
        self.effectiveness.setPlainText(m.effectiveness)
        _choose(self.injury, {None: NO_CHOICE, False: "no", True: "yes"}[m.injury])
        self.injury_details.setPlainText(m.injury_details)
        self.treatment.setText(m.medical_treatment)
        self.planned.setChecked(m.planned_in_ehcp)
        self.police.setChecked(bool(m.police_involved))

    def read(self, base: Measure) -> Measure:
        """The record the inputs describe, on top of `base`; raises WallTimeError for a clock-change time."""
        physical = self.is_physical()
        others = [h.strip() for h in self.other_holds.text().replace(",", ";").split(";") if h.strip()]
        duration = self.duration.value()
        return base.with_changes(
            child_id=self.child.currentData() or 0,
            behaviour=self.behaviour.toPlainText().strip(),
            started_at=datetime_value(self.started),
            location=self.location.text().strip(),
            kind=self.chosen_kind(),
            description=self.description.toPlainText().strip(),
            duration_minutes=None if duration == NOT_ENTERED else duration,
            holds=tuple(self.holds.checked_keys() + others) if physical else (),
            position=self.chosen_position() if physical else None,
            avoidance_steps=self.avoidance.toPlainText().strip(),
            used_by=tuple(self.used_by.checked_keys()),
            others_present=self.others_present.text().strip(),
            effectiveness=self.effectiveness.toPlainText().strip(),
            injury=INJURY_VALUES[self.injury.currentData()],
            injury_details=self.injury_details.toPlainText().strip(),
            medical_treatment=self.treatment.text().strip(),
            planned_in_ehcp=self.planned.isChecked(),
            police_involved=self.police.isChecked(),
        )

    def snapshot(self) -> tuple:
        """Everything typed or chosen, to tell whether there are unsaved changes."""
        return (self.child.currentIndex(), self.behaviour.toPlainText(), self.started.dateTime().toString(),
                self.location.text(), self.kind.currentIndex(), self.description.toPlainText(),
                self.duration.value(), tuple(self.holds.checked_keys()), self.other_holds.text(),
                self.position.currentIndex(), self.avoidance.toPlainText(), tuple(self.used_by.checked_keys()),
                self.others_present.text(), self.effectiveness.toPlainText(), self.injury.currentIndex(),
                self.injury_details.toPlainText(), self.treatment.text(), self.planned.isChecked(),
                self.police.isChecked())

    def set_read_only(self) -> None:
        """A signed record: everything readable and selectable, nothing changeable."""
        for box in (self.behaviour, self.description, self.avoidance, self.effectiveness, self.injury_details):
            box.setReadOnly(True)
        for line in (self.location, self.other_holds, self.others_present, self.treatment):
            line.setReadOnly(True)
            line.setPlaceholderText("")
        self.started.setReadOnly(True)
        self.duration.setReadOnly(True)
        self.holds.set_read_only()
        self.used_by.set_read_only()
        for widget in (self.child, self.kind, self.position, self.injury, self.planned, self.police):
            widget.setEnabled(False)


def _choose(combo: QComboBox, value) -> None:
    index = combo.findData(value)
    if index >= 0:
        combo.setCurrentIndex(index)
