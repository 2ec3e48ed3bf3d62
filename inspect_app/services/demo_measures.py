"""Demo reg 35 records: when measures happen, to whom, what was done, and how the three reg 35(3) steps went."""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from dateutil.relativedelta import relativedelta

from ..domain.local_time import WallTimeError, from_wall_time, to_local
from ..domain.records import Child, Measure, Staff
from ..domain.validation import completeness_problems, validate_measure
from ..domain.vocabulary import MeasureKind, Position, StaffRole
from . import demo_text as text

if TYPE_CHECKING:
    from .demo import DemoHome

# Relative likelihood by local hour: the evening (16:00-22:00) and after school are the peaks,
# with some at night and the school run; weekends spread through the day (DOMAIN.md key times).
_WEEKDAY_HOURS = (1, .5, .3, .2, .1, .1, .3, 2, 3, 1, .6, .6, .6, .6, .8, 3, 5, 6, 6, 7, 7, 6, 4, 2)
_WEEKEND_HOURS = (1.5, .8, .4, .2, .1, .1, .2, .4, .8, 1.5, 2.5, 3, 3, 3, 3.5, 4, 5, 5, 5.5, 6, 6, 5, 4, 2.5)
_POSITIONS = tuple(Position)  # standing, seated, kneeling, ground supine, ground prone
_POSITION_WEIGHTS = (50, 31, 7, 10, 2)  # prone is the highest risk and rare
_SIGNER_WEIGHT = {StaffRole.REGISTERED_MANAGER: 4, StaffRole.DEPUTY_MANAGER: 3, StaffRole.SENIOR: 2}
_USER_WEIGHT = {StaffRole.CARE_WORKER: 3, StaffRole.SENIOR: 2.5, StaffRole.DEPUTY_MANAGER: 1,
                StaffRole.REGISTERED_MANAGER: 0.3}
HOUR = timedelta(hours=1)
Physical = tuple[Position | None, tuple[str, ...], int]


@dataclass(frozen=True)
class KindPlan:
    """How many of one kind of measure a home-year has, next to its restraints."""

    kind: MeasureKind
    per_restraint: float
    floor: float  # a year's count even in a calm home
    spread: float  # 1: follows the children who are restrained most; 0.5: spread more evenly


KIND_PLANS = (
    KindPlan(MeasureKind.RESTRAINT, 1.0, 0.0, 1.0),
    KindPlan(MeasureKind.HOLDING, 0.12, 2.0, 1.0),
    KindPlan(MeasureKind.SANCTION, 0.25, 12.0, 0.5),
    KindPlan(MeasureKind.RESTRICTION_OF_LIBERTY, 0.04, 1.0, 1.0),
    KindPlan(MeasureKind.OTHER, 0.03, 2.0, 0.5),
)


@dataclass(frozen=True)
class Event:
    day: date
    child: Child
    kind: MeasureKind


# --- how many, when and to whom ----------------------------------------------------------------

def _poisson(rng: random.Random, mean: float) -> int:
    limit, count, product = math.exp(-mean), 0, rng.random()
    while product > limit:
        count += 1
        product *= rng.random()
    return count


def _settling(ctx: DemoHome, child: Child, day: date) -> float:
    """Most children settle and are restrained less over time; the rec 25 child does not."""
    profile = ctx.profiles[child.id]
    days_in = (day - child.admitted_on).days
    if profile.persistent:
        return profile.weight * (1.0 + 0.2 * min(days_in / 365, 2.0))
    return profile.weight * max(0.3, math.exp(-days_in / 240))


def _child_days(ctx: DemoHome, start: date, end: date) -> list[tuple[date, Child, float]]:
    """Each day each child lived here, before `end`, with how likely a measure is that day."""
    found = []
    for child in ctx.children:
        day = max(start, child.admitted_on)
        stop = min(end, child.left_on) if child.left_on else end
        while day < stop:
            weekend = 1.15 if day.weekday() >= 5 else 1.0
            found.append((day, child, _settling(ctx, child, day) * weekend))
            day += timedelta(days=1)
    return found


def _year_targets(ctx: DemoHome, rng: random.Random, years: int) -> list[float]:
    """Restraints each year: the busy home stays busy; others drift up or down."""
    trend = rng.uniform(-0.3, 0.1)
    middle = (years - 1) / 2
    if ctx.index == 0:
        return [ctx.restraints_per_year * rng.uniform(0.95, 1.05) for _ in range(years)]
    return [ctx.restraints_per_year * math.exp(trend * (y - middle)) * rng.uniform(0.85, 1.15)
            for y in range(years)]


def events(ctx: DemoHome, rng: random.Random) -> list[Event]:
    years = max(1, relativedelta(ctx.last_day + timedelta(days=1), ctx.first_day).years)
    found: list[Event] = []
    for year, restraints in enumerate(_year_targets(ctx, rng, years)):
        start = ctx.first_day + relativedelta(years=year)
        end = ctx.last_day + timedelta(days=1) if year == years - 1 else start + relativedelta(years=1)
        days = _child_days(ctx, start, end)
        if not days:
            continue
        means = []
        for plan in KIND_PLANS:
            wanted = restraints * plan.per_restraint + plan.floor
            means.append(wanted / sum(w ** plan.spread for _, _, w in days))
        for day, child, weight in days:
            rates = [mean * weight ** plan.spread for mean, plan in zip(means, KIND_PLANS)]
            for _ in range(_poisson(rng, sum(rates))):
                found.append(Event(day, child, rng.choices(KIND_PLANS, rates)[0].kind))
    return found + _recent(ctx, found)


def _recent(ctx: DemoHome, found: list[Event]) -> list[Event]:
    """The busy home always has a record from the last evening, so its dashboard has steps due."""
    if ctx.index != 0 or any(e.day == ctx.last_day for e in found):
        return []
    resident = [c for c in ctx.children if c.resident_on(ctx.last_day)]
    if not resident:
        return []
    child = max(resident, key=lambda c: ctx.profiles[c.id].weight)
    return [Event(ctx.last_day, child, MeasureKind.RESTRAINT)]


def start_time(rng: random.Random, day: date) -> datetime:
    """A Europe/London wall time that day, as UTC; clock-change gap or fold times move an hour on."""
    weekday = day.weekday() < 5
    hour = rng.choices(range(24), _WEEKDAY_HOURS if weekday else _WEEKEND_HOURS)[0]
    wall = datetime.combine(day, time(hour, rng.randrange(60)))
    try:
        return from_wall_time(wall)
    except WallTimeError:
        return from_wall_time(wall + HOUR)


# --- who ---------------------------------------------------------------------------------------

def _employed(staff: list[Staff], day: date) -> list[Staff]:
    return [s for s in staff if s.care_role_started_on <= day and (s.left_on is None or s.left_on >= day)]


def _pick(rng: random.Random, people: list[Staff], weights: dict, count: int) -> list[Staff]:
    """Up to `count` different people, more likely by role (compared by id: records compare slowly)."""
    pool = [p for p in people if weights.get(p.role)]
    chosen: list[Staff] = []
    while pool and len(chosen) < count:
        index = rng.choices(range(len(pool)), [weights[p.role] for p in pool])[0]
        chosen.append(pool.pop(index))
    return chosen


def signer(ctx: DemoHome, rng: random.Random, day: date, authorised: bool = True) -> Staff | None:
    people = [s for s in _employed(ctx.staff, day) if s.authorised_signoff == authorised]
    picked = _pick(rng, people, _SIGNER_WEIGHT, 1)
    return picked[0] if picked else None


# --- what -------------------------------------------------------------------------------------

def _duration(rng: random.Random, kind: MeasureKind) -> int:
    if kind is MeasureKind.RESTRAINT:
        low, high = rng.choices(((1, 5), (5, 10), (10, 15), (15, 25), (25, 40)), (35, 35, 18, 9, 3))[0]
        return rng.randint(low, high)
    spans = {MeasureKind.HOLDING: (1, 8), MeasureKind.RESTRICTION_OF_LIBERTY: (10, 90),
             MeasureKind.SANCTION: (60, 480), MeasureKind.OTHER: (5, 60)}
    return rng.randint(*spans[kind])


def _holds(rng: random.Random, scheme: tuple[str, ...], position: Position) -> tuple[str, ...]:
    seated = [h for h in scheme if any(w in h.lower() for w in text.SEATED_HOLD_WORDS)]
    if position is Position.SEATED and seated:
        return (rng.choice(seated),)
    others = [h for h in scheme if h not in seated]
    return tuple(rng.sample(others, 1 if rng.random() < 0.7 else 2))


def _physical(rng: random.Random, ctx: DemoHome, kind: MeasureKind) -> Physical:
    """Position, holds and how many staff: ground holds need more hands."""
    if kind is MeasureKind.RESTRAINT:
        position = rng.choices(_POSITIONS, _POSITION_WEIGHTS)[0]
        staff = rng.choices((1, 2, 3), (15, 60, 25))[0]
        if position in (Position.GROUND_SUPINE, Position.GROUND_PRONE):
            staff = max(staff, 2)
        return position, _holds(rng, ctx.home.pi_holds, position), staff
    if kind is MeasureKind.HOLDING:
        return rng.choice((Position.STANDING, Position.SEATED)), (), rng.choice((1, 1, 2))
    return None, (), rng.choice((1, 1, 2))


def draft(ctx: DemoHome, rng: random.Random, event: Event, started: datetime, ref: str) -> Measure:
    """One complete reg 35(3)(a) record; its workflow steps are filled in by `steps`."""
    local_hour = to_local(started).hour
    position, holds, staff_count = _physical(rng, ctx, event.kind)
    employed = _employed(ctx.staff, event.day)
    users = _pick(rng, employed, _USER_WEIGHT, staff_count)
    used = {p.id for p in users}
    others = [p.full_name for p in _pick(rng, [p for p in employed if p.id not in used], _USER_WEIGHT, 1)]
    if rng.random() < 0.3:
        others.append("another young person")
    hurt = rng.random() < (0.06 if event.kind is MeasureKind.RESTRAINT else 0.01)
    details, treatment = text.injury(rng) if hurt else ("", "")
    police = rng.random() < (0.015 if event.kind is MeasureKind.RESTRAINT else 0.004)
    planned = event.kind is MeasureKind.RESTRAINT and rng.random() < ctx.profiles[event.child.id].planned_share
    described = text.description(rng, event.kind, position, holds, len(users))
    return Measure(
        home_id=ctx.home.id, ref=ref, child_id=event.child.id, kind=event.kind, started_at=started,
        recorded_at=started, duration_minutes=_duration(rng, event.kind),
        location=text.location(rng, local_hour, event.day.weekday() < 5),
        behaviour=text.behaviour(rng, event.kind, local_hour, event.day.weekday() < 5),
        avoidance_steps=text.avoidance_steps(rng),
        description=described + (" This hold is planned in the EHC plan." if planned else ""),
        position=position, holds=holds, used_by=tuple(sorted(p.id for p in users)),
        others_present="; ".join(others), effectiveness=text.effectiveness(rng, event.kind, police),
        injury=hurt, injury_details=details, medical_treatment=treatment, planned_in_ehcp=planned,
        police_involved=police, recorded_by=users[0].id if users else None,
    )


# --- the reg 35(3) steps ---------------------------------------------------------------------

def _record_delay(rng: random.Random) -> timedelta:
    """reg 35(3)(a) 24 hours: mostly the same shift, some the next morning, a few late."""
    low, high = rng.choices(((0.3, 5), (5, 20), (20, 23.5), (25, 72)), (85, 10, 3, 2))[0]
    return timedelta(hours=rng.uniform(low, high))


def _signoff_after_start(rng: random.Random) -> timedelta:
    """reg 35(3)(b) 48 hours: mostly within it, a few late."""
    low, high = rng.choices(((6, 38), (49, 150)), (96, 4))[0]
    return timedelta(hours=rng.uniform(low, high))


def _child_after_start(rng: random.Random) -> timedelta:
    """reg 35(3)(c) 5 days: mostly a day to four days on, a few late."""
    low, high = rng.choices(((1, 4), (5.3, 10)), (96, 4))[0]
    return timedelta(days=rng.uniform(low, high))


def _daytime(rng: random.Random, moment: datetime, first: int, last: int) -> datetime:
    """Managers sign off and talk with children in the day: a night-time moment moves to the next morning."""
    local = to_local(moment)
    if first <= local.hour < last:
        return moment
    day = local.date() if local.hour < first else local.date() + timedelta(days=1)
    return from_wall_time(datetime.combine(day, time(rng.randint(first, first + 2), rng.randrange(60))))


def steps(ctx: DemoHome, rng: random.Random, m: Measure) -> Measure:
    """The times of the record, sign-off and talk with the child; what falls after the cut-off is still open."""
    finished = m.started_at + timedelta(minutes=m.duration_minutes or 0)
    recorded = finished + _record_delay(rng)
    if recorded > ctx.cutoff:  # written up before the demo ends, however late it would otherwise have been
        earliest = min(finished, ctx.cutoff)
        recorded = earliest + (ctx.cutoff - earliest) * rng.uniform(0.3, 0.95)
    signed = max(m.started_at + _signoff_after_start(rng), recorded + timedelta(minutes=rng.randint(30, 600)))
    signed = _daytime(rng, signed, 8, 20)
    by = signer(ctx, rng, _local_day(signed))
    if signed > ctx.cutoff or by is None:
        return replace(m, recorded_at=recorded)
    spoken = max(recorded, signed - timedelta(minutes=rng.randint(0, 180)))
    m = replace(m, recorded_at=recorded, user_spoken_to_at=spoken, signed_at=signed, signed_by=by.id)
    debrief = max(m.started_at + _child_after_start(rng), signed + timedelta(minutes=rng.randint(20, 1440)))
    debrief = _daytime(rng, debrief, 10, 21)
    if debrief > ctx.cutoff:
        return m
    return replace(m, child_spoken_to_at=debrief, child_spoken_to_by=by.id, child_views=text.child_views(rng))


def _local_day(moment: datetime) -> date:
    return to_local(moment).date()


def unauthorised(ctx: DemoHome, rng: random.Random, records: list[Measure]) -> list[Measure]:
    """One or two a year signed by a senior not authorised to sign (reg 35(3)(b)): a finding to show."""
    signed = [i for i, m in enumerate(records) if m.signed_by is not None and not m.planned_in_ehcp]
    years = max(1, round((ctx.last_day - ctx.first_day).days / 365))
    for i in rng.sample(signed, min(len(signed), years * rng.randint(1, 2))):
        m = records[i]
        by = signer(ctx, rng, _local_day(m.signed_at), authorised=False)
        if by is not None and by.role is StaffRole.SENIOR:
            records[i] = replace(m, signed_by=by.id)
    return records


def make_measures(ctx: DemoHome, rng: random.Random) -> None:
    """Every measure of the years covered, in time order, written with its audit row."""
    timed = sorted(((start_time(rng, e.day), e) for e in events(ctx, rng)), key=lambda pair: pair[0])
    records = [steps(ctx, rng, draft(ctx, rng, event, started, f"R-{n:04d}"))
               for n, (started, event) in enumerate(timed, start=1)]
    now = ctx.ws.now()
    by_id = {c.id: c for c in ctx.children}
    records = unauthorised(ctx, rng, records)
    for m in records:
        problems = validate_measure(m, by_id[m.child_id]) + completeness_problems(m)
        if problems:
            raise ValueError(f"demo measure {m.ref} is inconsistent: {problems[0]}")
    ctx.measures.extend(ctx.ws.measures.insert_many(records, actor=ctx.ws.actor, at=now, reason="demo data"))
