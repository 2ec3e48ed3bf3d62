"""How shifts are put on the rota by hand: the home's standard shifts typed as codes (D, L, LD, WN, SI), clock times
read as wall-clock moments (across midnight and the clock changes), a week's plan copied to the next, and what may
not be removed or changed without a reason (schedule 4 keeps the roster planned and the roster actually worked)."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from .errors import Problem
from .local_time import WallTimeError, day_offsets, from_wall_time, to_local
from .records import Staff
from .rota import Shift, leaver_problem, validate_shift
from .vocabulary import Employment, ShiftType

CODE_PATTERN = re.compile(r"^[A-Z]{1,3}$")
MAX_STANDARD_SHIFTS = 12


@dataclass(frozen=True)
class StandardShift:
    """A shift the home usually works, typed on the rota as its code ("D" puts a day shift 07:00-15:00 there)."""

    code: str
    shift_type: ShiftType
    start: time
    end: time

    def times_on(self, day: date) -> tuple[datetime, datetime]:
        """Planned start and end for a shift starting on `day` (UTC); WallTimeError on a clock-change time."""
        return wall_times(day, self.start, self.end)

    def describe(self) -> str:
        return f"{self.shift_type.label} {self.start:%H:%M}-{self.end:%H:%M}"


DEFAULT_STANDARD_SHIFTS: tuple[StandardShift, ...] = (
    StandardShift("D", ShiftType.DAY, time(7, 0), time(15, 0)),
    StandardShift("L", ShiftType.LATE, time(14, 30), time(22, 30)),
    StandardShift("LD", ShiftType.LONG_DAY, time(8, 0), time(22, 0)),
    StandardShift("WN", ShiftType.WAKING_NIGHT, time(22, 0), time(7, 30)),
    # after a late: one person, back to back; the sleep-in hands over to the day at 07:00 (as the demo's do)
    StandardShift("SI", ShiftType.SLEEP_IN, time(22, 30), time(7, 0)),
)


def find_standard(standards: list[StandardShift] | tuple[StandardShift, ...], code: str) -> StandardShift | None:
    key = code.strip().upper()
    return next((s for s in standards if s.code == key), None)


def validate_standards(standards: list[StandardShift]) -> list[Problem]:
    problems = [] if standards else [Problem("standard", "keep at least one standard shift")]
    if len(standards) > MAX_STANDARD_SHIFTS:
        problems.append(Problem("standard", f"keep at most {MAX_STANDARD_SHIFTS} standard shifts"))
    seen: set[str] = set()
    for s in standards:
        if not CODE_PATTERN.match(s.code):
            problems.append(Problem("code", f"{s.code or 'a blank code'}: a code is 1 to 3 letters, for example LD"))
        elif s.code in seen:
            problems.append(Problem("code", f"{s.code} is used twice"))
        seen.add(s.code)
        if s.start == s.end:
            problems.append(Problem("end", f"{s.code}: the shift starts and ends at the same time"))
    return problems


# clock times -------------------------------------------------------------------------------------------------

_CLOCK = re.compile(r"^(\d{1,2})(?:[:.]?(\d{2}))?$")


def parse_clock(text: str) -> time:
    """A clock time as people type it: 07:30, 7:30, 7.30, 0730 or 7; ValueError with what to type otherwise."""
    found = _CLOCK.match(text.strip())
    if found and len(text.strip()) != 3:  # "730" could be 07:30 or 73:0: ask for the colon
        hours, minutes = int(found.group(1)), int(found.group(2) or 0)
        if hours < 24 and minutes < 60:
            return time(hours, minutes)
    raise ValueError("type a time of day as hh:mm, for example 07:30")


def wall_times(day: date, start: time, end: time) -> tuple[datetime, datetime]:
    """A shift from `start` on `day` to the next time the clock reads `end` (the next morning for a night), as UTC
    moments. A night across a clock change keeps its wall-clock times: 22:00-07:30 is 8.5 hours worked in
    spring and 10.5 in autumn. WallTimeError for a time the clocks skip or repeat."""
    end_day = day + timedelta(days=1) if end <= start else day
    return (from_wall_time(datetime.combine(day, start)), from_wall_time(datetime.combine(end_day, end)))


def worked_times(planned_start: datetime, start: time, end: time) -> tuple[datetime, datetime]:
    """Times worked typed as clock times, placed on the dates they must be: the start is the reading nearest the
    planned start (someone due at 23:30 who came at 00:10 came the next day; someone due at 07:00 who came at 06:50
    came the same day), the end the next reading after it. WallTimeError on a clock-change time."""
    planned = to_local(planned_start).replace(tzinfo=None)
    candidates = [datetime.combine(planned.date() + timedelta(days=d), start) for d in (-1, 0, 1)]
    begin = min(candidates, key=lambda c: abs(c - planned))
    finish = datetime.combine(begin.date() + timedelta(days=1) if end <= start else begin.date(), end)
    return from_wall_time(begin), from_wall_time(finish)


def clock_change_advice(error: WallTimeError, what: str) -> str:
    """What to do about a time the clocks skip or repeat, in words for the rota (the UK's changes are at 01:00 GMT:
    forward to 02:00 in March, back from 02:00 to 01:00 in October)."""
    if "does not exist" in str(error):
        return (f"{what}: the clocks go forward from 01:00 to 02:00 that night, so no time from 01:00 to 01:59 "
                "exists. Use 00:59 or earlier, or 02:00 or later")
    return (f"{what}: the clocks go back from 02:00 to 01:00 that night, so times from 01:00 to 01:59 happen twice "
            "and cannot be told apart here. Use 00:59 or earlier, or 02:00 or later (the nearer one)")


def is_clock_change_day(day: date) -> bool:
    """The clocks change during this local date (the grid says so in its heading)."""
    first, last = day_offsets(day)
    return first != last


# a week's plan copied --------------------------------------------------------------------------------------------

def copied(shift: Shift, days: int) -> Shift:
    """The shift's plan `days` later at the same wall-clock times (the hours change if a clock change lies between):
    no times worked, no absence, no id. WallTimeError if a time falls where the clocks skip or repeat."""
    start = to_local(shift.planned_start).replace(tzinfo=None) + timedelta(days=days)
    end = to_local(shift.planned_end).replace(tzinfo=None) + timedelta(days=days)
    return Shift(shift.home_id, shift.staff_id, shift.shift_type, from_wall_time(start), from_wall_time(end),
                 shift_lead=shift.shift_lead)


@dataclass
class CopyPlan:
    """What copying a week's plan would add, and what it would leave out and why."""

    shifts: list[Shift] = field(default_factory=list)
    overlapping: int = 0  # one person's copy would overlap a shift already on the rota
    left: int = 0  # the person has left by the day of the copy
    clock_change: int = 0  # a time the clocks skip or repeat on the later date
    past: int = 0  # the copy's day is already past: a plan is not made for days gone
    covered_absence: int = 0  # a bank or agency shift that covered someone's absence that week

    @property
    def skipped(self) -> int:
        return self.overlapping + self.left + self.clock_change + self.past + self.covered_absence


def plan_copy(source: list[Shift], existing: list[Shift], staff: dict[int, Staff], days: int = 7,
              today: date | None = None) -> CopyPlan:
    """The planned shifts of `source` copied `days` later; a copy is left out when its day is before `today`, when
    it is a bank or agency shift that covered an absence (cover_left_out), when its person has left by its day (or
    is not a member of staff), when it would overlap a shift of theirs already there or copied before it, or when a
    time cannot be read on its new date."""
    plan = CopyPlan()
    taken: dict[int, list[Shift]] = {}
    for s in existing:
        taken.setdefault(s.staff_id, []).append(s)
    cover = cover_left_out(source, staff)
    for shift in sorted(source, key=lambda s: (s.planned_start, s.staff_id)):
        person = staff.get(shift.staff_id)
        if today is not None and shift.local_date() + timedelta(days=days) < today:
            plan.past += 1
            continue
        if shift in cover:
            plan.covered_absence += 1
            continue
        try:
            copy = copied(shift, days)
        except WallTimeError:
            plan.clock_change += 1
            continue
        if validate_shift(copy):  # a 26-hour shift made longer by the autumn change: too long to be likely
            plan.clock_change += 1
            continue
        if person is None or leaver_problem(copy, person):
            plan.left += 1
        elif any(copy.overlaps(other) for other in taken.get(shift.staff_id, [])):
            plan.overlapping += 1
        else:
            plan.shifts.append(copy)
            taken.setdefault(shift.staff_id, []).append(copy)
    return plan


def cover_left_out(source: list[Shift], staff: dict[int, Staff]) -> set[Shift]:
    """The bank or agency shifts that covered an absence of that week: on each date and shift type, as many as the
    shifts there marked absent, the earliest first. The absent person is copied back onto the plan, so copying their
    cover too would put one person more on the rota than it needs."""
    absences = Counter((s.local_date(), s.shift_type) for s in source if s.absence is not None)
    found: set[Shift] = set()
    for shift in sorted(source, key=lambda s: (s.planned_start, s.staff_id)):
        person = staff.get(shift.staff_id)
        key = (shift.local_date(), shift.shift_type)
        if (shift.absence is None and absences[key] > 0 and person is not None
                and person.employment in (Employment.BANK, Employment.AGENCY)):
            absences[key] -= 1
            found.add(shift)
    return found


# what may be removed, and what needs a reason ---------------------------------------------------------------------

def removal_problem(shift: Shift) -> str:
    """Why a shift may not be taken off the rota ('' when it may): schedule 4 keeps the roster actually worked, and
    a recorded absence is part of it."""
    if shift.actual_start is not None or shift.actual_end is not None:
        # not "mark it absent": an absence is refused while times worked are recorded (rota.validate_shift)
        return ("it was worked (its times worked are recorded), and the rota keeps the hours actually worked "
                "(schedule 4). Correct its times worked instead; if nobody worked it, clear its times worked (with "
                "the reason) first")
    if shift.absence is not None:
        return (f"it records an absence ({shift.absence.label.lower()}), which the rota keeps. If the absence was a "
                "mistake, open the shift and clear it first")
    return ""


def needs_reason(before: Shift, after: Shift, now: datetime) -> bool:
    """A change to what was worked needs a reason in the audit trail: times worked or an absence already recorded
    changed, or the plan of a shift that has started changed. Recording the times worked for the first time does
    not."""
    recorded = (before.actual_start, before.actual_end, before.absence)
    if recorded != (None, None, None) and recorded != (after.actual_start, after.actual_end, after.absence):
        return True
    return before.planned_start <= now and _plan(before) != _plan(after)


def _plan(shift: Shift) -> tuple:
    return (shift.staff_id, shift.shift_type, shift.planned_start, shift.planned_end)
