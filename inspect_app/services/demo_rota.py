"""Demo rota (schedule 4: the roster planned and the roster actually worked; Narey rec 4: staff on duty at key times):
every shift of the years covered and four weeks planned ahead, with sickness, leave, cover and times worked."""

from __future__ import annotations

import bisect
import logging
import random
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from operator import attrgetter
from typing import TYPE_CHECKING

from ..domain.rota import Shift, overlap_problem, validate_shift
from ..domain.vocabulary import Absence, ShiftType
from .demo_rota_patterns import (LATE, REST, SLEEP_IN, WAKING_NIGHT, Slot, Team, Worker, make_team, slots_of)

if TYPE_CHECKING:
    from .demo import DemoHome

log = logging.getLogger(__name__)

PLANNED_AHEAD = timedelta(days=28)  # a rota is published weeks ahead: the week view and "tonight / tomorrow" need it
_ONE_DAY = timedelta(days=1)
_MINUTE = timedelta(minutes=1)
_INCIDENT_NEAR_END = timedelta(minutes=90)  # an incident this near the end of a shift keeps staff on to see it through
# A short break, by month: half terms and Easter a little more (the summer and Christmas come on top).
_LEAVE_MONTHS = (0.6, 1.0, 0.8, 1.5, 1.2, 1.0, 1.0, 1.0, 0.8, 1.2, 0.6, 0.6)


@dataclass(frozen=True)
class _Rates:
    """How often things happen: sickness starts (a spell of 1-3 days follows), other absences, absences covered by
    bank or agency (a waking night nearly always: someone must be awake; a sleep-in goes with its late), places left
    unfilled in the weeks ahead."""

    sick: float
    other: float
    cover: dict[ShiftType, float]
    unfilled_ahead: float
    bank_first: float  # the share of cover sought from bank staff before agency
    leave_cover: float = 0.98


# The busy home finds cover less often (and turns to agency sooner), so its key-time windows fall below the minimum a
# few times a month; the calmer homes about once a month.
_BUSY = _Rates(0.034, 0.004, {ShiftType.DAY: 0.5, ShiftType.LATE: 0.55, ShiftType.LONG_DAY: 0.4,
                              ShiftType.WAKING_NIGHT: 0.97}, 0.01, 0.3)
_CALMER = _Rates(0.03, 0.003, {ShiftType.DAY: 0.92, ShiftType.LATE: 0.93, ShiftType.LONG_DAY: 0.75,
                               ShiftType.WAKING_NIGHT: 0.99}, 0.004, 0.6)


class _Entry:
    """A shift while it is being made (a Shift is made once its lead is known)."""

    __slots__ = ("worker", "slot", "day", "start", "end", "absence", "actual_start", "actual_end", "follows")

    def __init__(self, worker: Worker, slot: Slot, day: date, start: datetime, end: datetime,
                 absence: Absence | None = None, follows: "_Entry | None" = None):
        self.worker, self.slot, self.day, self.start, self.end = worker, slot, day, start, end
        self.absence, self.follows = absence, follows
        self.actual_start: datetime | None = None
        self.actual_end: datetime | None = None


# --- leave -----------------------------------------------------------------------------------------

def _book_leave(ctx: DemoHome, rng: random.Random, team: Team) -> None:
    """A week or two a year each: a summer holiday for many, Christmas for some, a short break at another time; no
    more than three of the team away on the same day (the manager says no to a fourth)."""
    away: Counter[date] = Counter()
    people = [w for w in team.everyone if w.rank < 3]  # permanent staff (bank and agency book their own time off)
    year = ctx.first_day
    while year <= ctx.last_day:
        for w in people:
            for first, length in _wishes(rng, year):
                for moved in (0, 7, -7, 14, -14):  # a week earlier or later if the dates asked for are taken
                    days = [first + timedelta(days=moved + n) for n in range(length)]
                    if all(away[d] < 3 for d in days):
                        w.leave.update(days)
                        away.update(days)
                        break
        year += timedelta(days=365)


def _wishes(rng: random.Random, year: date) -> list[tuple[date, int]]:
    """(first day, days) of the leave one person asks for in the year from `year`."""
    found = []
    if rng.random() < 0.6:  # the school summer holiday
        found.append((_on_or_after(year, 7, 20) + timedelta(days=rng.randint(0, 35)), rng.choice((7, 14))))
    if rng.random() < 0.35:  # Christmas
        found.append((_on_or_after(year, 12, 18) + timedelta(days=rng.randint(0, 9)), rng.randint(4, 7)))
    if len(found) < 2 and rng.random() < 0.8:
        month = rng.choices(range(1, 13), _LEAVE_MONTHS)[0]
        found.append((_on_or_after(year, month, 1) + timedelta(days=rng.randint(0, 27)), rng.randint(4, 7)))
    return found


def _on_or_after(day: date, month: int, of_month: int) -> date:
    """The first date on or after `day` with that month and day of the month."""
    found = date(day.year, month, of_month)
    return found if found >= day else date(day.year + 1, month, of_month)


# --- the plan, day by day --------------------------------------------------------------------------

def _absence(rng: random.Random, rates: _Rates, w: Worker, day: date) -> Absence | None:
    if day in w.leave:
        return Absence.LEAVE
    if day <= w.sick_until:
        return Absence.SICK  # the rest of a spell of sickness
    roll = rng.random()
    if roll < rates.sick:
        w.sick_until = day + timedelta(days=rng.choice((0, 0, 1, 1, 2)))
        return Absence.SICK
    return Absence.OTHER if roll < rates.sick + rates.other else None


def _put_on(entries: list[_Entry], w: Worker, slot: Slot, day: date, bounds: tuple[datetime, datetime],
            absence: Absence | None, sleeps_in: bool) -> None:
    start, end = bounds
    w.take(day, end, (end - start).total_seconds() / 3600)
    entries.append(entry := _Entry(w, slot, day, start, end, absence))
    if sleeps_in:  # straight on from the late: rest from the morning after
        start, end = SLEEP_IN.bounds(day)
        w.free_from = end + REST
        entries.append(_Entry(w, SLEEP_IN, day, start, end, absence, follows=entry))


def _plan_day(ctx: DemoHome, rng: random.Random, rates: _Rates, team: Team, entries: list[_Entry], day: date,
              long_days: bool) -> None:
    """Each place of the day filled, and most absences covered: those that are not leave the home short (windows
    below minimum)."""
    ahead = day > ctx.last_day  # planned only: nobody is absent yet and nothing is worked
    led: set[str] = set()
    short: set[Slot] = set()  # places missing someone today
    for slot in slots_of(day, long_days):
        lead = slot.period not in led
        led.add(slot.period)
        if ahead and rng.random() < rates.unfilled_ahead:
            continue  # a place the manager has still to fill
        bounds = slot.bounds(day)
        hours = (bounds[1] - bounds[0]).total_seconds() / 3600
        if (w := team.pick(slot, day, bounds[0], hours, lead)) is None:
            continue  # nobody free, not even bank or agency: the home is short that day
        absence = None if ahead else _absence(rng, rates, w, day)
        sleeps_in = slot is LATE and not lead  # the second on the late stays on as the sleep-in
        _put_on(entries, w, slot, day, bounds, absence, sleeps_in)
        if absence is None:
            continue
        if cover := _cover(rng, rates, team, slot, day, bounds[0], hours, absence, slot in short):
            _put_on(entries, cover, slot, day, bounds, None, sleeps_in)
        else:
            short.add(slot)


def _cover(rng: random.Random, rates: _Rates, team: Team, slot: Slot, day: date, start: datetime, hours: float,
           absence: Absence, last_one: bool) -> Worker | None:
    """Leave is booked ahead: someone else is put on, a colleague or bank or agency staff. Sickness is sudden: bank or
    agency staff are rung, and not always found; but when the other on that shift is already missing, someone comes
    in whatever it takes (the on-call manager rings round), so a window is never left with nobody."""
    if absence is Absence.LEAVE or last_one:
        chance = 1.0 if last_one else rates.leave_cover
        return team.pick(slot, day, start, hours, lead=False) if rng.random() < chance else None
    if rng.random() >= rates.cover[slot.shift_type]:
        return None
    return team.cover(rng.random() < rates.bank_first, day, start, hours)


def _plan(ctx: DemoHome, rng: random.Random, team: Team) -> list[_Entry]:
    rates = _BUSY if ctx.index == 0 else _CALMER
    long_days = ctx.index == 0 or (ctx.home.places or 4) >= 5
    entries: list[_Entry] = []
    day = ctx.first_day
    while day <= ctx.last_day + PLANNED_AHEAD:
        if day.weekday() == 0 or day == ctx.first_day:
            team.new_week(rng)
        _plan_day(ctx, rng, rates, team, entries, day, long_days)
        day += _ONE_DAY
    return entries


# --- as worked -------------------------------------------------------------------------------------

def _arrival(rng: random.Random) -> timedelta:
    """Most come in a few minutes early for the handover; now and then someone is late."""
    roll = rng.random()
    if roll < 0.8:
        return -rng.randint(0, 15) * _MINUTE
    return timedelta(0) if roll < 0.96 else rng.randint(2, 20) * _MINUTE


def _departure(rng: random.Random, entry: _Entry, incident: bool) -> timedelta:
    """A few minutes over for the handover; longer after an incident near the end of the shift (seeing it through
    and writing the record, reg 35(3)(a)); the odd early finish, never from a waking night (someone must be awake
    until the day staff arrive)."""
    roll = rng.random()
    if incident and roll < 0.6:
        return rng.randint(25, 110) * _MINUTE
    if roll < 0.02:
        return rng.randint(20, 90) * _MINUTE
    if roll < 0.05 and entry.slot is LATE:  # once the waking night has come in
        return -rng.randint(5, 25) * _MINUTE
    if roll < 0.05 and entry.slot is not WAKING_NIGHT:
        return -rng.randint(10, 45) * _MINUTE
    return rng.randint(0, 12) * _MINUTE


def _work(ctx: DemoHome, rng: random.Random, entries: list[_Entry]) -> None:
    """Times worked, for the shifts that have ended by the demo's end and were not missed."""
    incident_ends = sorted(m.started_at + timedelta(minutes=m.duration_minutes or 0) for m in ctx.measures)
    for e in entries:
        if e.absence is not None:
            continue
        if e.follows is not None:  # a sleep-in starts when its late ends
            if e.follows.actual_end is None:
                continue
            if e.end > ctx.cutoff:  # still asleep at the demo's end: the late handed over to it on time
                e.follows.actual_end = min(e.follows.actual_end, e.start)
                continue
            e.actual_start, e.actual_end = e.follows.actual_end, e.end + rng.randint(0, 10) * _MINUTE
        elif e.end > ctx.cutoff:
            continue
        else:
            near = bisect.bisect_left(incident_ends, e.end - _INCIDENT_NEAR_END)
            incident = near < len(incident_ends) and incident_ends[near] < e.end
            e.actual_start, e.actual_end = e.start + _arrival(rng), e.end + _departure(rng, e, incident)
        if e.actual_end > ctx.cutoff:  # it ends after the demo's end: not recorded yet
            e.actual_start = e.actual_end = None


# --- shifts ----------------------------------------------------------------------------------------

def _leads(entries: list[_Entry]) -> set[int]:
    """One lead for each period of each day, among those on duty: the most senior, then the longest in care work."""
    best: dict[tuple[date, str], _Entry] = {}
    for e in entries:
        if e.absence is not None:
            continue
        key = (e.day, e.slot.period)
        other = best.get(key)
        if other is None or (e.worker.rank, e.worker.first) < (other.worker.rank, other.worker.first):
            best[key] = e
    return {id(e) for e in best.values()}


def _shifts(ctx: DemoHome, entries: list[_Entry]) -> list[Shift]:
    leads = _leads(entries)
    home = ctx.home.id
    return [Shift(home, e.worker.staff.id, e.slot.shift_type, e.start, e.end, e.actual_start, e.actual_end,
                  e.absence, id(e) in leads) for e in entries]


def checked(shifts: list[Shift], names: dict[int, str]) -> list[Shift]:
    """Each shift passes the checks a user's shift must pass, and nobody is on two at once (a failure is a bug)."""
    person, ends_last = None, []  # of this person's shifts so far: the one planned to end last, the one worked to
    for shift in sorted(shifts, key=attrgetter("staff_id", "planned_start")):
        if shift.staff_id != person:
            person, ends_last = shift.staff_id, []
        if problems := validate_shift(shift) or overlap_problem(shift, ends_last, names[person]):
            raise ValueError(f"demo shift of staff {person} at {shift.planned_start} is inconsistent: {problems[0]}")
        if not ends_last:
            ends_last = [shift, shift]
        else:
            planned, worked = ends_last
            ends_last = [shift if shift.planned_end > planned.planned_end else planned,
                         shift if shift.end > worked.end else worked]
    return shifts


def make_rota(ctx: DemoHome, rng: random.Random) -> None:
    """The home's shifts from its first day to four weeks after its last, written with their audit rows."""
    team = make_team(ctx.staff, rng)
    _book_leave(ctx, rng, team)
    entries = _plan(ctx, rng, team)
    _work(ctx, rng, entries)
    shifts = checked(_shifts(ctx, entries), {s.id: s.full_name for s in ctx.staff})
    ctx.ws.shifts.insert_many(shifts, actor=ctx.ws.actor, at=ctx.ws.now(), reason="demo data")
    log.info("demo home %s: %d shifts, %d absent", ctx.home.id, len(shifts),
             sum(1 for s in shifts if s.absence is not None))
