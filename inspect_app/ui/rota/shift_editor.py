"""The editor of one shift (schedule 4: the roster planned and the roster actually worked): who, which day, the type,
the planned times, the times worked, an absence, the shift lead, and the reason for changing what was worked."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time

from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QLineEdit, QWidget

from ...domain.errors import Problem
from ...domain.local_time import WallTimeError, format_date, to_local
from ...domain.records import Home, Staff
from ...domain.rota import Shift, validate_shift
from ...domain.shift_patterns import (
    StandardShift, clock_change_advice, needs_reason, parse_clock, wall_times, worked_times,
)
from ...domain.vocabulary import Absence, ShiftType
from ...services import rota_week
from ...services.workspace import Workspace
from ..date_field import DateField
from ..registers.editor import RegisterEditor, set_combo_data, vocabulary_combo, vocabulary_value
from ..visits.visit_editor import GroupedProblems
from .week_model import duration

NOT_ABSENT = "Not absent"
_PLAN = ("day", "planned_start", "planned_end")
_WORKED = ("actual_start", "actual_end")


def _time_box(name: str, tip: str) -> QLineEdit:
    box = QLineEdit()
    box.setObjectName("clockTime")
    box.setPlaceholderText("hh:mm")
    box.setMaxLength(5)
    box.setFixedWidth(box.fontMetrics().horizontalAdvance("00:000") + 24)
    box.setAccessibleName(name)
    box.setToolTip(tip)
    return box


class ShiftEditor(RegisterEditor[Shift]):
    """A new shift for a person and day (from the grid's cell) or a change to one. Times are clock times: the end is
    the next time the clock reads it (a night ends the next morning); the times worked are placed on the dates
    nearest the plan. A clock-change time is refused under its field, saying what to type instead."""

    noun = "shift"

    def __init__(self, ws: Workspace, home: Home, record: Shift | None = None, parent: QWidget | None = None, *,
                 staff: list[Staff] | None = None, staff_id: int | None = None, day: date | None = None):
        self.staff = staff if staff is not None else ws.staff.for_home(home.id)
        self.start_staff, self.start_day = staff_id, day
        self.standards = rota_week.standard_shifts(ws, home)
        self._filled_type: ShiftType | None = None  # the type whose standard times a new shift was given
        self._loaded: dict[str, str] = {}  # the day and times as a shift already made was shown
        super().__init__(ws, home, record, parent)
        self.setMinimumWidth(600)

    def intro_text(self) -> str:
        return ("The rota keeps the planned shift and the times actually worked (schedule 4). Leave the times "
                "worked blank until the shift is over; blank means worked as planned. Fields marked * are required.")

    def title_text(self) -> str:
        if self.original is None:
            return "Add a shift"
        name = next((p.full_name for p in self.staff if p.id == self.original.staff_id), "")
        day = self.original.local_date()
        return (f"Edit the {self.original.shift_type.label.lower()} shift of {name} on {day:%a} "
                f"{format_date(day)}")

    def build_fields(self) -> None:
        self.problems = GroupedProblems(self.general)  # rows of two inputs: start and end
        self.person = self.add_field("Member of &staff *", "staff_ref",
                                     self._staff_combo() if self.original is None else self._fixed_person())
        self.day = self.add_field("&Day it starts *", "day", DateField())
        self.day.setMaximumWidth(self.day.fontMetrics().horizontalAdvance("00/00/00000") + 48)
        self.kind = self.add_field("&Type *", "shift_type", vocabulary_combo(ShiftType, blank=False))
        self.planned_start, self.planned_end, self.planned_note = self._times_row(
            "&Planned times *", "planned", "planned_start", "planned_end", "Planned")
        self.actual_start, self.actual_end, self.actual_note = self._times_row(
            "Times &worked", "actual", "actual_start", "actual_end", "Worked")
        self.absence = self.add_field("&Absence", "absence", self._absence_combo())
        self.lead = self.add_field("Shift lead", "shift_lead", QCheckBox("Shift &lead"))
        self.lead.setAccessibleName("Shift lead")
        self.reason = self.add_field("&Reason for the change", "reason", QLineEdit())
        self.reason.setPlaceholderText("needed only to change what was already worked")
        for box in (self.planned_start, self.planned_end, self.actual_start, self.actual_end):
            box.textChanged.connect(self._on_times_changed)
        self.day.textChanged.connect(self._on_times_changed)
        self.kind.currentIndexChanged.connect(self._on_kind_changed)

    def _staff_combo(self) -> QComboBox:
        combo = QComboBox()
        for person in self.staff:
            combo.addItem(person.full_name, person.id)
        return combo

    def _fixed_person(self) -> QLineEdit:
        """A shift already made stays with its member of staff (another person's shift is another shift): their
        name, read-only and as wide as it needs."""
        name = next((p.full_name for p in self.staff if p.id == self.original.staff_id), "Someone no longer listed")
        box = QLineEdit(name)
        box.setReadOnly(True)
        box.setToolTip("A shift stays with its member of staff: add a shift for someone else instead")
        box.setMinimumWidth(box.fontMetrics().horizontalAdvance(name) + 24)  # the frame and its padding
        box.setMaximumWidth(max(box.minimumWidth(), self.fontMetrics().horizontalAdvance("0" * 30)))
        return box

    @staticmethod
    def _absence_combo() -> QComboBox:
        combo = vocabulary_combo(Absence)
        combo.setItemText(0, NOT_ABSENT)
        combo.setToolTip("An absent shift was not worked: it does not count as on duty, and has no times worked")
        return combo

    def _times_row(self, label: str, row: str, start_field: str, end_field: str, name: str):
        holder = QWidget()
        line = QHBoxLayout(holder)
        line.setContentsMargins(0, 0, 0, 0)
        start = _time_box(f"{name} start", "Type a time as hh:mm, for example 07:30")
        end = _time_box(f"{name} end", "The next time the clock reads this: a night shift ends the next morning")
        to = QLabel("to")
        note = QLabel()
        note.setObjectName("hint")
        note.setWordWrap(True)
        for part in (start, to, end):
            line.addWidget(part)
        line.addWidget(note, 1)
        holder.setFocusProxy(start)
        self.problems.add_row(self.form, label, row, holder)
        self.problems.add_part(start_field, row, "" if row == "planned" else "Start", start)
        self.problems.add_part(end_field, row, "End", end)
        self.fields[start_field], self.fields[end_field] = start, end
        return start, end, note

    # loading -----------------------------------------------------------------------------------------------------
    def load(self, shift: Shift | None) -> None:
        if shift is None:
            set_combo_data(self.person, self.start_staff)
            self.day.set_date(self.start_day or to_local(self.ws.now()).date())
            standard = next((s for s in self.standards if s.shift_type is ShiftType.DAY), None)
            self._fill_standard(standard or self.standards[0])
            self.reason.setEnabled(False)
            self.reason.setPlaceholderText("not needed for a new shift")
            return
        self.day.set_date(shift.local_date())
        set_combo_data(self.kind, shift.shift_type)
        self.planned_start.setText(f"{to_local(shift.planned_start):%H:%M}")
        self.planned_end.setText(f"{to_local(shift.planned_end):%H:%M}")
        if shift.actual_start is not None:
            self.actual_start.setText(f"{to_local(shift.actual_start):%H:%M}")
            self.actual_end.setText(f"{to_local(shift.actual_end):%H:%M}")
        set_combo_data(self.absence, shift.absence)
        self.lead.setChecked(bool(shift.shift_lead))
        self._loaded = {f: self.fields[f].text() for f in (*_PLAN, *_WORKED)}
        self._on_times_changed()

    def _fill_standard(self, standard: StandardShift) -> None:
        set_combo_data(self.kind, standard.shift_type)
        self.planned_start.setText(f"{standard.start:%H:%M}")
        self.planned_end.setText(f"{standard.end:%H:%M}")
        self._filled_type = standard.shift_type

    def _on_kind_changed(self, *_args) -> None:
        """A new shift whose times are still a standard shift's takes the standard times of the type chosen."""
        kind = vocabulary_value(self.kind, ShiftType)
        if self.original is not None or self._filled_type is None or kind is self._filled_type:
            return
        current = next((s for s in self.standards if s.shift_type is self._filled_type), None)
        untouched = current is not None and (self.planned_start.text(), self.planned_end.text()) == (
            f"{current.start:%H:%M}", f"{current.end:%H:%M}")
        standard = next((s for s in self.standards if s.shift_type is kind), None)
        if untouched and standard is not None:
            self._fill_standard(standard)

    # reading -----------------------------------------------------------------------------------------------------
    def _clock(self, box: QLineEdit, field: str, problems: list[Problem], required: bool) -> time | None:
        if not box.text().strip():
            if required:
                problems.append(Problem(field, "give the time"))
            return None
        try:
            return parse_clock(box.text())
        except ValueError as exc:
            problems.append(Problem(field, str(exc)))
            return None

    def read(self) -> tuple[Shift, list[Problem]]:
        problems: list[Problem] = []
        day = self.read_date("day", problems)
        if day is None and not any(p.field == "day" for p in problems):
            problems.append(Problem("day", "give the day the shift starts"))
        times = {f: self._clock(self.fields[f], f, problems, f.startswith("planned"))
                 for f in ("planned_start", "planned_end", "actual_start", "actual_end")}
        planned = self._moments(day, times, problems)
        worked = self._worked(planned, times, problems)
        staff_id = self.person.currentData() if self.original is None else self.original.staff_id
        shift = Shift(self.home.id, staff_id, vocabulary_value(self.kind, ShiftType),
                      planned[0] if planned else None, planned[1] if planned else None,
                      worked[0], worked[1], vocabulary_value(self.absence, Absence), self._lead())
        if self.original is not None:
            shift = replace(shift, id=self.original.id)
        return shift, problems

    def _lead(self) -> bool | None:
        """Ticked: True; not ticked: None (not recorded), or False where the shift said so before."""
        if self.lead.isChecked():
            return True
        return False if self.original is not None and self.original.shift_lead is False else None

    def _unchanged(self, names: tuple[str, ...]) -> bool:
        """The day and times as they were shown: the stored moments stand (a time in the hour repeated when the
        clocks go back, imported with its offset, is kept rather than refused)."""
        return bool(self._loaded) and all(self.fields[f].text() == self._loaded[f] for f in names)

    def _moments(self, day: date | None, times: dict, problems: list[Problem]):
        if self._unchanged(_PLAN):
            return self.original.planned_start, self.original.planned_end
        if day is None or times["planned_start"] is None or times["planned_end"] is None:
            return None
        try:
            return wall_times(day, times["planned_start"], times["planned_end"])
        except WallTimeError as exc:
            problems.append(Problem("planned_start", clock_change_advice(exc, "A planned time")))
            return None

    def _worked(self, planned, times: dict, problems: list[Problem]) -> tuple[datetime | None, datetime | None]:
        start, end = times["actual_start"], times["actual_end"]
        if start is None and end is None:
            return None, None
        if start is None or end is None:
            problems.append(Problem("actual_end" if end is None else "actual_start",
                                    "give both the start and the end worked, or neither"))
            return None, None
        if planned is None:
            return None, None
        if self._unchanged((*_PLAN, *_WORKED)):
            return self.original.actual_start, self.original.actual_end
        try:
            return worked_times(planned[0], start, end)
        except WallTimeError as exc:
            problems.append(Problem("actual_start", clock_change_advice(exc, "A time worked")))
            return None, None

    def validate(self, shift: Shift) -> list[Problem]:
        if shift.planned_start is None or shift.planned_end is None:
            return []
        return validate_shift(shift)

    def store(self, shift: Shift) -> Shift:
        return rota_week.save_shift(self.ws, shift, self.reason.text())

    # worked out as it is typed -----------------------------------------------------------------------------------
    def _on_times_changed(self, *_args) -> None:
        self.planned_note.setText(self._note(self.planned_start, self.planned_end, planned=True))
        self.actual_note.setText(self._note(self.actual_start, self.actual_end, planned=False))
        self._update_reason()

    def _note(self, start_box: QLineEdit, end_box: QLineEdit, planned: bool) -> str:
        """'ends Tue 24/11 07:30 · 9 h 30 min' for the plan; '8 h 18 min worked' (with the dates where they are not
        the plan's) for the times worked; or what a blank means."""
        shift, _problems = self.read()
        if not planned and not start_box.text().strip() and not end_box.text().strip():
            return "blank: worked as planned (or not yet recorded)"
        start, end = (shift.planned_start, shift.planned_end) if planned else (shift.actual_start, shift.actual_end)
        if start is None or end is None:
            return ""
        begins, ends = to_local(start), to_local(end)
        if planned:
            when = f"{ends:%a %d/%m %H:%M}" if ends.date() != begins.date() else f"{ends:%H:%M}"
            return f"ends {when} · {duration(start, end)}"
        note = f"{duration(start, end)} worked"
        if begins.date() != shift.local_date():
            note += f", from {begins:%a %d/%m}"
        return note + (f", ending {ends:%a %d/%m}" if ends.date() != begins.date() else "")

    def _update_reason(self) -> None:
        if self.original is None:
            return
        shift, problems = self.read()
        needed = not problems and needs_reason(self.original, shift, self.ws.now())
        self.reason.setEnabled(True)
        self.reason.setToolTip("Needed: this changes what was already worked" if needed else
                               "Needed only to change what was already worked")
