"""The demo rota's plan: the shifts a home staffs each day, and who is put on each one (employed, rested, fairly).

The pattern (for SPEC 2.6's default windows, a home of 3-6 places): two on a day shift 07:00-15:00 and two on a late
14:30-22:30 (the handover half-hour before the after-school window), a waking night 22:00-07:30 (handovers with the
late and the morning), and the second on the late stays on as the sleep-in 22:30-07:00. Homes of 5-6 places, and
the busy home, add a long day 08:00-22:00 at weekends and in the summer holiday, when the children are in all day.
Every wall time here exists on both clock-change nights, so a waking night is 10.5 hours in real time in October and
8.5 in March (from_wall_time converts each once).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache

from ..domain.local_time import UTC, from_wall_time
from ..domain.records import Staff
from ..domain.vocabulary import Employment, ShiftType, StaffRole

REST = timedelta(hours=11)  # Working Time Regulations 1998, reg 10: 11 hours' rest between working days
MAX_DAYS_IN_A_ROW = 5  # reg 11: a day off each week; nobody is put on more than five days running
MAX_NIGHTS_IN_A_ROW = 4


@dataclass(frozen=True)
class Slot:
    """One place on the rota of a day: its type, wall times, and the period whose lead it may be."""

    shift_type: ShiftType
    start: time
    end: time  # on the next day when not after the start
    period: str  # "day", "late" or "night": one shift lead each (SPEC 2.6)

    def bounds(self, day: date) -> tuple[datetime, datetime]:
        end_day = day + timedelta(days=1) if self.end <= self.start else day
        return _moment(day, self.start), _moment(end_day, self.end)


@lru_cache(maxsize=1 << 14)  # a provider's homes share the dates and times: each converted once
def _moment(day: date, at: time) -> datetime:
    return from_wall_time(datetime.combine(day, at))


DAY = Slot(ShiftType.DAY, time(7, 0), time(15, 0), "day")
LONG_DAY = Slot(ShiftType.LONG_DAY, time(8, 0), time(22, 0), "day")
LATE = Slot(ShiftType.LATE, time(14, 30), time(22, 30), "late")
WAKING_NIGHT = Slot(ShiftType.WAKING_NIGHT, time(22, 0), time(7, 30), "night")
SLEEP_IN = Slot(ShiftType.SLEEP_IN, time(22, 30), time(7, 0), "night")  # straight after the first late

# The order a day is planned in (by start), and the places that must be someone senior if one is free.
_USUAL = (DAY, DAY, LATE, LATE, WAKING_NIGHT)
_WITH_LONG_DAY = (DAY, DAY, LONG_DAY, LATE, LATE, WAKING_NIGHT)
_SUMMER = ((7, 22), (8, 31))  # the school summer holiday, about
_RANKS = {StaffRole.DEPUTY_MANAGER: 0, StaffRole.SENIOR: 1, StaffRole.CARE_WORKER: 2}
CASUAL_RANK = {Employment.BANK: 3, Employment.AGENCY: 4}


def slots_of(day: date, long_days: bool) -> tuple[Slot, ...]:
    """A long day where the home has them, when the children are in all day: weekends and the summer holiday."""
    if long_days and (day.weekday() >= 5 or _SUMMER[0] <= (day.month, day.day) <= _SUMMER[1]):
        return _WITH_LONG_DAY
    return _USUAL


class Worker:
    """One member of staff as the planner sees them: when they may work, how much, and what they last did."""

    __slots__ = ("staff", "rank", "first", "last", "contract", "cap", "nights", "free_from", "last_date", "streak",
                 "week_hours", "load", "leave", "sick_until")

    def __init__(self, staff: Staff, rank: int, contract: float, nights: bool = False):
        self.staff = staff
        self.rank = rank  # 0 deputy, 1 senior, 2 care worker, 3 bank, 4 agency: who leads a shift
        self.first = staff.care_role_started_on or date.min
        # the last date they may start a shift: a night started then ends before the day they left (left_on)
        self.last = staff.left_on - timedelta(days=2) if staff.left_on else date.max
        self.contract = contract  # hours a week
        self.cap = contract + 4.0  # a few hours either way, week to week
        self.nights = nights  # waking nights only
        self.free_from = datetime.min.replace(tzinfo=UTC)
        self.last_date = date.min
        self.streak = 0
        self.week_hours = 0.0
        self.load = 0.0  # how much they have had lately against their contract: the fairest pick is the lightest
        self.leave: set[date] = set()
        self.sick_until = date.min

    def new_week(self, rng: random.Random) -> None:
        self.load = 0.5 * self.load + rng.random() * 0.2  # last week counts half, the week before a quarter...
        self.week_hours = 0.0

    def can_take(self, day: date, yesterday: date, start: datetime, hours: float, overtime: float) -> bool:
        if not (self.first <= day <= self.last) or self.last_date == day or self.free_from > start:
            return False
        if self.week_hours + hours > self.cap + overtime:
            return False
        return self.last_date != yesterday or self.streak < (MAX_NIGHTS_IN_A_ROW if self.nights else MAX_DAYS_IN_A_ROW)

    def take(self, day: date, end: datetime, hours: float) -> None:
        self.streak = self.streak + 1 if self.last_date == day - timedelta(days=1) else 1
        self.last_date = day
        self.free_from = end + REST
        self.week_hours += hours
        self.load += hours / self.contract


def lightest(pool: list[Worker], day: date, start: datetime, hours: float, overtime: float = 0.0) -> Worker | None:
    """The one free to take the shift who has worked least lately, against their contract."""
    best, least = None, float("inf")
    yesterday = day - timedelta(days=1)
    for w in pool:
        if w.load < least and w.can_take(day, yesterday, start, hours, overtime):
            best, least = w, w.load
    return best


@dataclass
class Team:
    """A home's staff in the planner's groups: who leads, who works days, who works nights, who covers."""

    seniors: list[Worker]  # deputy and seniors: a shift lead where one is free
    days: list[Worker]  # everyone permanent who works days and lates (seniors too)
    nights: list[Worker]  # waking-night staff
    bank: list[Worker]
    agency: list[Worker]

    @property
    def everyone(self) -> list[Worker]:
        return [w for w in self.seniors if w not in self.days] + self.days + self.nights + self.bank + self.agency

    def new_week(self, rng: random.Random) -> None:
        for w in self.everyone:
            w.new_week(rng)

    def pick(self, slot: Slot, day: date, start: datetime, hours: float, lead: bool) -> Worker | None:
        """Who is put on a place: a senior for a lead's place, night staff for nights, else anyone permanent, then
        with some overtime, then bank and agency booked ahead (a home short of staff)."""
        if slot.shift_type is ShiftType.WAKING_NIGHT:
            tries = [(self.nights, 0.0), (self.days, 0.0), (self.nights, 10.0), (self.days, 10.0)]
        elif lead:
            tries = [(self.seniors, 0.0), (self.days, 0.0), (self.seniors, 8.0), (self.days, 8.0)]
        else:
            tries = [(self.days, 0.0), (self.days, 8.0)]
        for pool, overtime in tries + [(self.bank, 0.0), (self.agency, 0.0)]:
            if (found := lightest(pool, day, start, hours, overtime)) is not None:
                return found
        return None

    def cover(self, bank_first: bool, day: date, start: datetime, hours: float) -> Worker | None:
        """Bank staff first (they know the children), or agency first; the other when nobody there is free."""
        pools = (self.bank, self.agency) if bank_first else (self.agency, self.bank)
        for pool in pools:
            if (found := lightest(pool, day, start, hours)) is not None:
                return found
        return None


def make_team(staff: list[Staff], rng: random.Random) -> Team:
    """Contracts: most full time (37.5 hours), some part time; a few care workers on waking nights only; the
    deputy does two day shifts a week; the registered manager is not on the rota (office hours)."""
    team = Team([], [], [], [], [])
    for person in staff:
        if person.employment in CASUAL_RANK and person.role is StaffRole.CARE_WORKER:
            hours = 30.0 if person.employment is Employment.BANK else 40.0
            pool = team.bank if person.employment is Employment.BANK else team.agency
            pool.append(Worker(person, CASUAL_RANK[person.employment], hours))
        elif person.role is StaffRole.DEPUTY_MANAGER:
            team.seniors.append(Worker(person, 0, 16.0))
        elif person.role is StaffRole.SENIOR:
            team.seniors.append(worker := Worker(person, 1, 37.5))
            team.days.append(worker)
        elif person.role is StaffRole.CARE_WORKER:
            if rng.random() < 0.25:
                team.nights.append(Worker(person, 2, rng.choice((28.5, 38.0)), nights=True))
            else:
                team.days.append(Worker(person, 2, 37.5 if rng.random() < 0.75 else rng.choice((22.5, 30.0))))
    return team
