"""The rota (schedule 4: the roster planned and the roster actually worked) and the staffing at key times of the day
(Narey recommendation 4): shifts, key-time windows, and how many were on duty in each window."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass
from typing import Iterable, NamedTuple
from functools import lru_cache, partial
from itertools import accumulate
from datetime import date, datetime, time, timedelta

from .errors import Problem
from .local_time import UTC, day_offsets, format_date, to_local, zone
from .records import Staff
from .validation import year_problems
from .vocabulary import Absence, ShiftType, WindowDays

MAX_SHIFT_HOURS = 26  # a long day, or a sleep-in with its handovers; longer is a typing slip
MAX_START_DRIFT_HOURS = 12  # times worked starting further than this from the plan are on the wrong date
PLANNED, WORKED = "planned", "worked"  # which times of two shifts overlap (Shift.overlap_in)


@dataclass(frozen=True)
class Shift:
    """One shift of one member of staff: planned, and as worked (schedule 4 keeps both)."""

    home_id: int
    staff_id: int
    shift_type: ShiftType
    planned_start: datetime
    planned_end: datetime
    actual_start: datetime | None = None
    actual_end: datetime | None = None
    absence: Absence | None = None
    shift_lead: bool | None = None
    id: int | None = None

    @property
    def start(self) -> datetime:
        """When they were on duty from: the actual time where recorded, the planned time otherwise (SPEC 2.6)."""
        return self.actual_start or self.planned_start

    @property
    def end(self) -> datetime:
        return self.actual_end or self.planned_end

    @property
    def on_duty(self) -> bool:
        """An absent shift was not worked."""
        return self.absence is None

    @property
    def planned_hours(self) -> float:
        return (self.planned_end - self.planned_start).total_seconds() / 3600

    @property
    def worked_hours(self) -> float:
        """Hours actually worked: none when absent; actual times where recorded, planned otherwise."""
        return 0.0 if not self.on_duty else (self.end - self.start).total_seconds() / 3600

    def overlaps(self, other: "Shift") -> bool:
        """The same person cannot be on two shifts at once (SPEC 2.6)."""
        return self.overlap_in(other) is not None

    def overlap_in(self, other: "Shift") -> str | None:
        """Where two shifts of one person clash: PLANNED when their planned times overlap, WORKED when both have
        their times worked recorded and those overlap, None otherwise. The times worked of one are not compared with
        the plan of the other: a late that ran on to 22:45 does not clash with the sleep-in planned from 22:30 until
        the sleep-in's own times are recorded. A shift marked absent clashes with nothing (its person was not on
        duty: a swap onto another shift that day is allowed), except one planned to start at the same moment (the
        rota keeps one shift per person and planned start)."""
        if self.planned_start == other.planned_start:
            return PLANNED
        if not (self.on_duty and other.on_duty):
            return None
        if self.planned_start < other.planned_end and other.planned_start < self.planned_end:
            return PLANNED
        if (self.actual_start is not None and self.actual_end is not None and other.actual_start is not None
                and other.actual_end is not None
                and self.actual_start < other.actual_end and other.actual_start < self.actual_end):
            return WORKED
        return None

    def local_date(self) -> date:
        """The date the shift belongs to: the day it was planned to start on, at the home."""
        return to_local(self.planned_start).date()


@dataclass(frozen=True)
class KeyTimeWindow:
    """A time of day when enough staff must be on duty (Narey rec 4); a window may cross midnight, and belongs to the
    date it starts on."""

    name: str
    start: time
    end: time
    min_staff: int
    days: WindowDays = WindowDays.ALL
    sleep_in_counts: bool = False

    @property
    def crosses_midnight(self) -> bool:
        return self.end <= self.start

    def applies_on(self, day: date) -> bool:
        weekend = day.weekday() >= 5
        return (self.days is WindowDays.ALL or (self.days is WindowDays.WEEKENDS) == weekend)

    def bounds(self, day: date) -> tuple[datetime, datetime]:
        """The window on that date as UTC moments. On a clock-change night a wall time that does not exist is read
        with the offset before the change (01:30 on the spring night is 02:30 BST), and one that happens twice as
        its first occurrence: the window keeps its real length in hours."""
        return _bounds(day, self.start, self.end)

    def counts(self, shift: Shift) -> bool:
        return shift.on_duty and (shift.shift_type is not ShiftType.SLEEP_IN or self.sleep_in_counts)


def _bounds(day: date, start: time, end: time) -> tuple[datetime, datetime]:
    end_day = day + timedelta(days=1) if end <= start else day
    return _moment(day, start), _moment(end_day, end)


@lru_cache(maxsize=1 << 16)
def _bounds_seconds(day: date, start: time, end: time) -> tuple[int, int]:
    """KeyTimeWindow.bounds as POSIX seconds (domain.rota.Duty)."""
    first, last = _bounds(day, start, end)
    return _seconds(first), _seconds(last)


def _seconds(moment: datetime) -> int:
    return int(moment.timestamp())


@lru_cache(maxsize=1 << 16)  # a provider's homes share their windows' times: each date and time is worked out once
def _moment(day: date, at: time) -> datetime:
    first, last = day_offsets(day)
    if first == last:  # no clock change that day: one offset for every time of it (the cheap, usual case)
        return datetime.combine(day, at, tzinfo=UTC) - first
    return datetime.combine(day, at).replace(tzinfo=zone()).astimezone(UTC)


DEFAULT_WINDOWS: tuple[KeyTimeWindow, ...] = (
    KeyTimeWindow("morning", time(7, 0), time(9, 30), 2),
    KeyTimeWindow("after school", time(15, 30), time(18, 0), 2),
    KeyTimeWindow("evening", time(18, 0), time(22, 30), 2),
    KeyTimeWindow("night", time(22, 30), time(7, 0), 1),
)


def on_duty_during(shifts: Iterable[Shift], start: datetime, end: datetime) -> list[Shift]:
    """The shifts on duty at some moment of [start, end) (not absent), in the order given."""
    return [s for s in shifts if s.on_duty and s.start < end and start < s.end]


def on_duty_least(shifts: list[Shift], start: datetime, end: datetime) -> int:
    """The smallest number on duty at any moment of [start, end); each shift on duty over [its start, its end)."""
    events: list[tuple[datetime, int]] = []
    for s in shifts:
        if s.start < end and start < s.end:
            events.append((max(s.start, start), 1))
            if s.end < end:
                events.append((s.end, -1))
    events.sort(key=lambda e: (e[0], e[1]))  # at the same moment, leaving is counted before arriving
    count = 0
    least = None
    i = 0
    moment = start
    while True:
        while i < len(events) and events[i][0] <= moment:
            count += events[i][1]
            i += 1
        least = count if least is None else min(least, count)
        if i >= len(events):
            return least
        moment = events[i][0]
        if moment >= end:
            return least


class Duty(NamedTuple):
    """A shift as the staffing figures count it (SPEC 2.6), its moments as POSIX seconds. A provider's five years are
    120,000 shifts for one compliance run (SPEC 10: under 1 s), read this way straight from storage
    (storage.rota.ShiftRepository.duties_between); the views make theirs from their shifts (Duty.of)."""

    staff_id: int
    sleep_in: bool
    on_duty: bool  # not absent
    planned_start: int
    planned_end: int
    start: int  # on duty from: the actual time where recorded, the planned time otherwise
    end: int

    @classmethod
    def of(cls, shift: Shift) -> "Duty":
        return cls(shift.staff_id, shift.shift_type is ShiftType.SLEEP_IN, shift.on_duty,
                   _seconds(shift.planned_start), _seconds(shift.planned_end), _seconds(shift.start),
                   _seconds(shift.end))


class Coverage(NamedTuple):
    """How many were on duty in one window on one date (a tuple: a provider's years make hundreds of thousands)."""

    day: date
    window: KeyTimeWindow
    on_duty: int

    @property
    def short(self) -> bool:
        return self.on_duty < self.window.min_staff


def coverage(shifts: list[Shift], windows: list[KeyTimeWindow], days: list[date]) -> list[Coverage]:
    """For every date and every window that applies on it, the fewest staff on duty at any moment of the window."""
    steps = _steps_by_sleep_ins([Duty.of(s) for s in shifts], windows)
    found = []
    for day in days:
        for window in windows:
            if window.applies_on(day):
                start, end = _bounds_seconds(day, window.start, window.end)
                found.append(Coverage(day, window, steps[window.sleep_in_counts].least(start, end)))
    return found


def short_windows(duties: list[Duty], windows: list[KeyTimeWindow], days: list[date]) -> list[Coverage]:
    """The windows below their minimum, by date and then in the order of `windows`: the short ones of coverage(),
    for a provider's five years of rota in well under a second (SPEC 10): each window's dates are looked up in the
    step function all at once, and only the short ones have their fewest worked out."""
    steps = _steps_by_sleep_ins(duties, windows)
    found = []
    for order, window in enumerate(windows):
        counted = steps[window.sleep_in_counts]
        dated, starts, ends = _dated_bounds(window.start, window.end, window.days, tuple(days))
        for i in counted.short_in(starts, ends, window.min_staff):
            found.append((dated[i], order, Coverage(dated[i], window, counted.least(starts[i], ends[i]))))
    found.sort(key=lambda f: f[:2])
    return [c for *_, c in found]


@lru_cache(maxsize=64)  # a provider's homes share their windows' times, and a run asks for one period
def _dated_bounds(start: time, end: time, kind: WindowDays, days: tuple[date, ...]) -> tuple[list, list, list]:
    """The dates a window applies on, and its start and end on each as POSIX seconds."""
    window = KeyTimeWindow("", start, end, 0, kind)
    dated = [day for day in days if window.applies_on(day)]
    bounds = [_bounds_seconds(day, start, end) for day in dated]
    return dated, [first for first, _ in bounds], [last for _, last in bounds]


def _steps_by_sleep_ins(duties: list[Duty], windows: list[KeyTimeWindow]) -> dict[bool, "_Steps"]:
    """The number on duty counting sleep-ins, not counting them, or both, as the windows need."""
    return {counted: _Steps([d for d in duties if d.on_duty and (counted or not d.sleep_in)])
            for counted in {w.sleep_in_counts for w in windows}}


class _Steps:
    """The number on duty as a step function of time, worked out once for a home's period (SPEC 10: a provider's five
    years of rota in well under a second): the moments it changes, and the number from each of them on (those
    started by then less those ended by then; each duty is on duty over [its start, its end))."""

    def __init__(self, duties: list[Duty]) -> None:
        change = Counter(d.start for d in duties)
        change.subtract(d.end for d in duties)
        self.moments = sorted(change)
        self.counts = list(accumulate(change[m] for m in self.moments))
        self._after = [0, *self.counts]  # [k]: the number once the first k changes have happened
        self._below: dict[int, list[int]] = {}  # by minimum: [k], how many of the first k counts are below it

    def least(self, start: int, end: int) -> int:
        """The fewest on duty at any moment of [start, end): the number at its start or after a change inside it."""
        first = bisect_right(self.moments, start)
        last = bisect_left(self.moments, end)
        return min(self._after[first:last + 1])  # at the start, then after each change inside

    def short_in(self, starts: list[int], ends: list[int], minimum: int) -> list[int]:
        """The positions i of the windows [starts[i], ends[i]) with fewer than `minimum` on duty at some moment."""
        below = self._below.get(minimum)
        if below is None:
            below = self._below[minimum] = [0, *accumulate(map(minimum.__gt__, self.counts))]
        firsts = map(partial(bisect_right, self.moments), starts)
        lasts = map(partial(bisect_left, self.moments), ends)
        after = self._after
        return [i for i, (first, last) in enumerate(zip(firsts, lasts))
                if after[first] < minimum or below[last] > below[first]]


# checks --------------------------------------------------------------------------------------------------

LONGEST_SHIFT = timedelta(hours=MAX_SHIFT_HOURS)
_DRIFT = timedelta(hours=MAX_START_DRIFT_HOURS)


def validate_shift(shift: Shift) -> list[Problem]:
    if found := year_problems(shift):
        return found
    problems = []
    planned_start, actual_start = shift.planned_start, shift.actual_start
    if planned_start is None and shift.planned_end is None:  # required (SPEC 7): a caller's empty field
        problems.append(Problem("planned_start", "give the planned start and end"))
    for a, b, start, end, label in ((planned_start, shift.planned_end, "planned_start", "planned_end", "planned"),
                                    (actual_start, shift.actual_end, "actual_start", "actual_end", "actual")):
        if (a is None) != (b is None):
            problems.append(Problem(end if b is None else start, f"give both the {label} start and end"))
        elif a is not None and b <= a:
            problems.append(Problem(end, f"the {label} end is not after its start"))
        elif a is not None and (b - a) > LONGEST_SHIFT:
            problems.append(Problem(end, f"a shift of more than {MAX_SHIFT_HOURS} hours is not likely: "
                                         "check the dates"))
    if shift.absence is not None and actual_start is not None:
        problems.append(Problem("absence", "a shift marked absent has no times worked"))
    elif actual_start is not None and planned_start is not None and abs(actual_start - planned_start) > _DRIFT:
        # a day's slip in a date would count the hours on the wrong day, and hide a real overlap
        problems.append(Problem("actual_start", "the times worked are far from the planned times: check the dates"))
    return problems


def leaver_problem(shift: Shift, person: Staff) -> list[Problem]:
    """A shift planned to start on or after the day its member of staff left cannot be theirs."""
    if person.left_on is None or shift.planned_start is None or shift.local_date() < person.left_on:
        return []
    return [Problem("staff_ref", f"{person.full_name} left on {format_date(person.left_on)}: a shift from that day "
                                 "on cannot be theirs. Choose someone still here, or correct the leaving date in the "
                                 "staff register")]


def overlap_problem(shift: Shift, others: list[Shift], name: str) -> list[Problem]:
    """One person cannot be on two overlapping shifts (SPEC 2.6). `others` may hold the shift's own stored state (the
    same id) or the shift itself, which are passed over; new shifts (no id yet, a file's rows) are all compared."""
    for other in others:
        if other is shift or (shift.id is not None and other.id == shift.id):
            continue
        found = shift.overlap_in(other) if other.staff_id == shift.staff_id else None
        kind = other.shift_type.label.lower()
        if found == PLANNED:
            when = to_local(other.planned_start)
            return [Problem("planned_start", f"{name} is already on a {kind} shift from {when:%d/%m/%Y %H:%M} that "
                                             "overlaps this one")]
        if found == WORKED:
            start, end = to_local(other.actual_start), to_local(other.actual_end)
            return [Problem("actual_start", f"the times worked overlap those of {name}'s {kind} shift, worked from "
                                            f"{start:%d/%m/%Y %H:%M} to {end:%d/%m/%Y %H:%M}")]
    return []


def validate_window(window: KeyTimeWindow) -> list[Problem]:
    problems = []
    if not window.name.strip():
        problems.append(Problem("window", "give the window a name"))
    if window.start == window.end:
        problems.append(Problem("end", "the window starts and ends at the same time"))
    if not 0 <= window.min_staff <= 50:
        problems.append(Problem("min_staff", "the minimum staff must be from 0 to 50"))
    return problems
