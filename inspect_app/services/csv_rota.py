"""The rota's CSV kinds of SPEC 7: `shifts` (schedule 4: the roster planned and worked) and `key_times` (the home's
key-time windows, Narey rec 4, which an import replaces whole); registered in csv_kinds.KINDS when imported."""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import datetime, time, timedelta

from ..domain.errors import Problem
from ..domain.local_time import format_local
from ..domain.records import Home
from ..domain.rota import KeyTimeWindow, Shift, leaver_problem, overlap_problem, validate_shift, validate_window
from ..domain.vocabulary import Absence, ShiftType, WindowDays
from . import csv_values as cv
from .csv_kinds import KINDS, Column, Kind, Registers, choice, link, moment, text, yes_no
from .rota import key_time_windows, set_key_time_windows
from .workspace import Workspace

# no shift is longer than a day (domain.rota.MAX_SHIFT_HOURS): only shifts starting this near can overlap
NEAR = timedelta(days=2)
_CLOCK = re.compile(r"^(\d{1,2}):(\d{2})$")


# shifts -----------------------------------------------------------------------------------------------------

def _shift_named(values: tuple, regs: Registers) -> str:
    staff_id, planned_start = values
    return f"the shift of {regs.ref_of('staff', staff_id)} planned to start {format_local(planned_start)}"


def _near_the_file(ws: Workspace, home: Home, keys: list[tuple]) -> list[Shift]:
    """The stored shifts a file's rows may be, or overlap: those starting within NEAR of the file's first and last
    (one query, not one per row)."""
    if not keys:
        return []
    starts = [planned_start for _, planned_start in keys]
    return ws.shifts.starting_between(home.id, min(starts) - NEAR, max(starts) + NEAR)


def _overlaps(regs: Registers, new: list[tuple[int, Shift]], stored: list[Shift]) -> list[tuple[int, Problem]]:
    """No person on two overlapping shifts (SPEC 2.6): the file's shifts against each other and against the stored
    ones. Each person's shifts are sorted by planned start and each is compared only with those starting within
    NEAR after it, so a file of 100,000 shifts is checked in a few hundred thousand comparisons."""
    by_person: dict[int, list[tuple[datetime, int, Shift]]] = defaultdict(list)
    for line, shift in new:
        by_person[shift.staff_id].append((shift.planned_start, line, shift))
    for shift in stored:
        by_person[shift.staff_id].append((shift.planned_start, 0, shift))  # line 0: already in the database
    found: dict[int, Problem] = {}
    for shifts in by_person.values():
        if len(shifts) < 2:
            continue
        shifts.sort(key=lambda entry: (entry[0], entry[1]))
        for i, (start, line, shift) in enumerate(shifts):
            j, until = i + 1, start + NEAR
            while j < len(shifts) and shifts[j][0] < until:
                later_line, later = shifts[j][1], shifts[j][2]
                if (line or later_line) and shift.overlaps(later):
                    _note_overlap(regs, found, (line, shift), (later_line, later))
                j += 1
    return sorted(found.items(), key=lambda item: item[0])


def _note_overlap(regs: Registers, found: dict[int, Problem], one: tuple[int, Shift], other: tuple[int, Shift]) -> None:
    """The overlap is reported on the file's later line, naming the other shift (and its line, when in the file)."""
    (line, shift), (other_line, other_shift) = sorted((one, other), key=lambda e: e[0], reverse=True)
    if line in found:
        return
    name = regs.by_id("staff")[shift.staff_id].full_name
    problem = overlap_problem(shift, [other_shift], name)[0]
    if other_line:
        problem = Problem(problem.field, f"{problem.message} (line {other_line} of this file)")
    found[line] = problem


SHIFTS = Kind(
    "shifts", Shift, "shifts",
    (
        link("staff_ref", "staff_id", "staff", True), choice("shift_type", ShiftType, True),
        moment("planned_start", True), moment("planned_end", True), moment("actual_start"), moment("actual_end"),
        choice("absence", Absence), yes_no("shift_lead"),
    ),
    check=lambda regs, record: validate_shift(record) or leaver_problem(record, regs.by_id("staff")[record.staff_id]),
    # a shift has no reference: it is known by its member of staff and planned start (db/0006_rota.sql)
    identity_columns=("staff_ref", "planned_start"),
    named=_shift_named,
    differs_advice="correct the shift in the program",
    existing=_near_the_file,
    check_file=_overlaps,
)


# key_times ----------------------------------------------------------------------------------------------------

def _parse_clock(cell: str) -> time | None:
    if cv.is_blank(cell):
        return None
    found = _CLOCK.match(cell.strip())
    if found and int(found.group(1)) < 24 and int(found.group(2)) < 60:
        return time(int(found.group(1)), int(found.group(2)))
    raise cv.CellError(f"{cv.quoted(cell)} is not a time of day: write it as HH:MM, for example 07:00 or 22:30")


def clock(name: str, required: bool = False) -> Column:
    """A time of day, HH:MM on the 24-hour clock (a window ending at midnight ends at 00:00)."""
    return Column(name, name, lambda t, _: _parse_clock(t), lambda v, _: "" if v is None else v.strftime("%H:%M"),
                  required)


KEY_TIMES = Kind(
    "key_times", KeyTimeWindow, "",
    (
        text("window", True, field="name"), clock("start", True), clock("end", True),
        Column("min_staff", "min_staff", lambda t, _: cv.parse_int(t), lambda v, _: cv.format_int(v), True),
        choice("days", WindowDays), yes_no("sleep_in_counts"),
    ),
    check=lambda regs, record: validate_window(record),
    # the same name in another case is the same window (services.rota refuses it too)
    identity=lambda values: values[0].casefold(),
    # the windows are a setting of the home, not records: a file replaces them all, so none is "already there"
    stored=key_time_windows,
    existing=lambda ws, home, keys: [],
    replaces="key-time windows",
    write=set_key_time_windows,
    of_home=False,
)

KINDS.update({kind.name: kind for kind in (SHIFTS, KEY_TIMES)})
