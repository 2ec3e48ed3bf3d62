"""Demo independent person visits (regs 43 and 44): the visitors over the years, a visit in nearly every month with
its report, and the recommendations the home considered."""

from __future__ import annotations

import bisect
import logging
import random
from collections import Counter, deque
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any, Callable

from dateutil.relativedelta import relativedelta

from ..domain.errors import Problem
from ..domain.local_time import local_midnight
from ..domain.records import Measure
from ..domain.visits import (ALL_CONDITIONS, Recommendation, ReportTarget, Visit, Visitor, validate_recommendation,
                             validate_visit, validate_visitor)
from ..domain.vocabulary import Decision, Opinion, RecordChecked, StaffRole
from . import demo_oversight_text as text
from .demo_text import person_name

if TYPE_CHECKING:
    from .demo import DemoHome

log = logging.getLogger(__name__)

# SPEC 10: the busy home-year has 12 visits with 40 recommendations (a "no" opinion adds two); calmer homes get fewer.
BUSY_RECOMMENDATIONS_PER_VISIT = 3.0
_CALM_RECOMMENDATIONS_PER_VISIT = (1.0, 2.4)
_NOT_REPEATED_WITHIN = 20  # recommendations: a visitor does not repeat one made in about the last half-year
TARGET = ReportTarget()  # the demo leaves each home's report target at its default
_OWNER_ROLES = (StaffRole.REGISTERED_MANAGER, StaffRole.DEPUTY_MANAGER, StaffRole.SENIOR)
_OPINIONS = (Opinion.YES, Opinion.NO, Opinion.NOT_STATED)
_RECENT_RESTRAINTS = timedelta(days=35)  # what a visitor reads in the restraint log: about the month since the last


@dataclass(frozen=True)
class _Appointment:
    """One independent person's time with the home (their declaration is dated once their first visit is known)."""

    name: str
    organisation: str
    appointed_on: date
    ended_on: date | None

    def covers(self, day: date) -> bool:
        return self.appointed_on <= day and (self.ended_on is None or day <= self.ended_on)


# --- when ------------------------------------------------------------------------------------------

def _month_end(month: date) -> date:
    return month + relativedelta(months=1, days=-1)


def _months(ctx: DemoHome) -> list[date]:
    month, found = ctx.first_day.replace(day=1), []
    while month <= ctx.last_day:
        found.append(month)
        month += relativedelta(months=1)
    return found


def _visits_per_month(ctx: DemoHome, rng: random.Random, months: list[date]) -> dict[date, int]:
    """reg 44(1): at least one visit a month; now and then a month is missed, or has two."""
    counts = {m: 1 for m in months}
    whole = [m for m in months if m >= ctx.first_day and _month_end(m) <= ctx.last_day]
    if ctx.index != 0:
        for month in whole:
            roll = rng.random()
            counts[month] = 0 if roll < 0.03 else 2 if roll > 0.95 else 1
        return counts
    # the busy home misses one month a year and has two visits in another, so the checks find something true
    for stop in range(len(whole), 0, -12):
        block = whole[max(0, stop - 12):stop]
        if len(block) >= 6:
            missed, doubled = rng.sample(block, 2)
            counts[missed], counts[doubled] = 0, 2
    return counts


def _weekday(rng: random.Random, day: date, first: date, last: date) -> date:
    """Most visits fall on a weekday; a weekend visit usually moves to the Friday before or the Monday after."""
    if day.weekday() < 5 or rng.random() < 0.3:
        return day
    moved = day - timedelta(days=day.weekday() - 4) if rng.random() < 0.5 else day + timedelta(days=7 - day.weekday())
    return moved if first <= moved <= last else day


def _days_in(ctx: DemoHome, rng: random.Random, month: date, count: int) -> list[date]:
    first, last = max(month, ctx.first_day), _month_end(month)
    days: list[date] = []
    for _ in range(20):  # two visits in a month are a week or more apart
        if len(days) == count:
            break
        day = _weekday(rng, first + timedelta(days=rng.randint(0, (last - first).days)), first, last)
        if all(abs((day - d).days) >= 7 for d in days):
            days.append(day)
    return sorted(d for d in days if d <= ctx.last_day)  # this month's visit may not have happened yet


def visit_days(ctx: DemoHome, rng: random.Random) -> list[date]:
    months = _months(ctx)
    per_month = _visits_per_month(ctx, rng, months)
    return [day for month in months for day in _days_in(ctx, rng, month, per_month[month])]


# --- who -------------------------------------------------------------------------------------------

def _outsiders(ctx: DemoHome, rng: random.Random, count: int) -> list[str]:
    """Names no one at the home has: reg 43(3), the independent person is neither staff nor the responsible
    individual."""
    taken = {s.full_name for s in ctx.staff} | {ctx.home.registered_manager, ctx.home.responsible_individual}
    found: list[str] = []
    while len(found) < count:
        name = " ".join(person_name(rng, rng.choice("FM")))
        if name not in taken:
            found.append(name)
            taken.add(name)
    return found


def _appointments(ctx: DemoHome, rng: random.Random) -> list[_Appointment]:
    """One or two visitors over the years: a new one is appointed the day after the last one's appointment ends.
    The busy home changed visitor in its last year, so its newest visitor's first visits are in the last year."""
    span = (ctx.last_day - ctx.first_day).days
    people = _outsiders(ctx, rng, 2)
    first = ctx.first_day - timedelta(days=rng.randint(200, 1500))
    if ctx.index == 0:
        change = max(ctx.first_day + timedelta(days=30), ctx.last_day - timedelta(days=rng.randint(90, 240)))
    elif span > 150 and rng.random() < min(0.7, 0.2 * span / 365):
        change = ctx.first_day + timedelta(days=rng.randint(60, span - 60))
    else:
        return [_Appointment(people[0], rng.choice(text.VISITOR_ORGANISATIONS), first, None)]
    return [_Appointment(people[0], rng.choice(text.VISITOR_ORGANISATIONS), first, change - timedelta(days=1)),
            _Appointment(people[1], rng.choice(text.VISITOR_ORGANISATIONS), change, None)]


def _declared_on(ctx: DemoHome, rng: random.Random, appointment: _Appointment, first_visit: date | None) -> date:
    """reg 43(3): the declaration of independence, normally made on appointment and before the first visit. The busy
    home's newest visitor sent theirs a few days after their first visit: a true finding for the check."""
    declared = appointment.appointed_on + timedelta(days=rng.randint(0, 7))
    if first_visit is None:
        return min(declared, ctx.last_day)
    if ctx.index == 0 and appointment.ended_on is None:
        return min(first_visit + timedelta(days=rng.randint(3, 9)), ctx.last_day)
    return min(declared, first_visit)


def _visitors(ctx: DemoHome, rng: random.Random, appointments: list[_Appointment], days: list[date]) -> list[Visitor]:
    found = []
    for number, a in enumerate(appointments, start=1):
        first_visit = next((d for d in days if a.covers(d)), None)
        found.append(Visitor(home_id=ctx.home.id, ref=f"IV-{number:02d}", name=a.name, organisation=a.organisation,
                             appointed_on=a.appointed_on, conditions=ALL_CONDITIONS,
                             declared_independent_on=_declared_on(ctx, rng, a, first_visit), ended_on=a.ended_on))
    return found


# --- the visit and its report ------------------------------------------------------------------------

def _late_reports(ctx: DemoHome, rng: random.Random, count: int) -> set[int]:
    """Which visits' reports go to Ofsted after the target: one or two a year in the busy home, a few elsewhere."""
    if ctx.index != 0:
        return {i for i in range(count) if rng.random() < 0.06}
    late: set[int] = set()
    for stop in range(count, 0, -12):
        block = range(max(0, stop - 12), stop)
        late.update(rng.sample(block, min(len(block), rng.randint(1, 2))))
    return late


def _report_dates(ctx: DemoHome, rng: random.Random, day: date, late: bool) -> tuple[date | None, date | None]:
    """Received a few days after the visit and sent on soon after; what falls after the demo's end has not happened."""
    if late:
        received = day + timedelta(days=rng.randint(10, 30))
        sent = max(received, TARGET.due_on(day) + timedelta(days=rng.randint(1, 20)))
    else:
        received = day + timedelta(days=rng.randint(3, 14))
        sent = received + timedelta(days=rng.randint(0, 7))
    if received > ctx.last_day:
        return None, None
    return received, sent if sent <= ctx.last_day else None


def _opinions(rng: random.Random) -> tuple[Opinion, Opinion]:
    """reg 44(4): mostly yes to both; a "no" once in a while."""
    safeguarded = rng.choices(_OPINIONS, (94, 3, 3))[0]
    weights = (40, 50, 10) if safeguarded is Opinion.NO else (93, 4, 3)
    return safeguarded, rng.choices(_OPINIONS, weights)[0]


def _records_checked(rng: random.Random) -> tuple[RecordChecked, ...]:
    chosen = {RecordChecked.RESTRAINT_LOG} if rng.random() < 0.9 else set()
    # reg 44(3): case records only with the child's and placing authority's consent, so less often
    others = [r for r in RecordChecked if r not in (RecordChecked.RESTRAINT_LOG, RecordChecked.CASE_RECORDS)]
    chosen.update(rng.sample(others, rng.randint(2, 5)))
    if rng.random() < 0.25:
        chosen.add(RecordChecked.CASE_RECORDS)
    return tuple(r for r in RecordChecked if r in chosen)


def _visit(ctx: DemoHome, rng: random.Random, visitor: Visitor, day: date, ref: str, late: bool) -> Visit:
    resident = sum(c.resident_on(day) for c in ctx.children)
    children = 0 if rng.random() < 0.08 else rng.randint(max(0, resident - 2), resident)
    safeguarded, wellbeing = _opinions(rng)
    received, sent = _report_dates(ctx, rng, day, late)
    return Visit(home_id=ctx.home.id, ref=ref, visitor_id=visitor.id, visited_on=day,
                 announced=rng.random() < 0.15, children_spoken_to=children, staff_spoken_to=rng.randint(1, 5),
                 others_spoken_to=rng.choices((0, 1, 2, 3), (45, 35, 15, 5))[0],
                 parents_spoken_to=rng.choices((0, 1, 2), (70, 22, 8))[0], records_checked=_records_checked(rng),
                 premises_checked=rng.random() < 0.9, safeguarded=safeguarded, wellbeing_promoted=wellbeing,
                 report_received_on=received, report_sent_on=sent,
                 conflict_of_interest=rng.choice(text.CONFLICTS) if rng.random() < 0.02 else "")


# --- recommendations (reg 44(5)) ---------------------------------------------------------------------

class _RestraintLog:
    """The home's restraints by local day, so a visitor's recommendation can name what they read."""

    def __init__(self, ctx: DemoHome, measures: list[Measure]):
        restraints = sorted((m for m in measures if m.is_restraint), key=lambda m: m.started_at)
        self.starts = [m.started_at for m in restraints]
        self.restraints = restraints
        self.initials = {c.id: text.initials(c.first_name, c.last_name) for c in ctx.children}

    def most_in_one_place(self, day: date) -> tuple[str, int, str] | None:
        """(child's initials, count, place) for the child held most often in one place in the weeks before."""
        low = bisect.bisect_left(self.starts, local_midnight(day - _RECENT_RESTRAINTS))
        high = bisect.bisect_left(self.starts, local_midnight(day))
        places = Counter((m.child_id, text.place(m.location)) for m in self.restraints[low:high])
        found = [(count, key) for key, count in places.items() if key[1] and count >= 2]
        if not found:
            return None
        count, (child_id, where) = max(found, key=lambda f: (f[0], f[1][0], f[1][1]))
        return self.initials[child_id], count, where


def _owners(ctx: DemoHome, day: date) -> list[str]:
    people = [s.full_name for s in ctx.staff if s.role in _OWNER_ROLES and s.care_role_started_on <= day
              and (s.left_on is None or s.left_on >= day)]
    return people or [ctx.home.registered_manager]


def _decided(ctx: DemoHome, rng: random.Random, rec: Recommendation, visit: Visit, kind: str) -> Recommendation:
    """Decided once the report has arrived (so a late report makes late decisions): mostly accepted and done, some
    declined with a reason, a few decided late or never; nothing after the demo's end."""
    consider_by = rec.consider_by or visit.visited_on
    outcome = rng.choices((Decision.ACCEPTED, Decision.DECLINED, Decision.PENDING), (89, 8, 3))[0]
    if rng.random() < 0.03:
        decided = consider_by + timedelta(days=rng.randint(1, 21))
    else:
        decided = visit.visited_on + timedelta(days=rng.randint(2, (consider_by - visit.visited_on).days))
    if visit.report_received_on is not None:
        decided = max(decided, visit.report_received_on + timedelta(days=rng.randint(0, 7)))
    if outcome is Decision.PENDING or visit.report_received_on is None or decided > ctx.last_day:
        return rec
    if outcome is Decision.DECLINED:
        return replace(rec, decision=outcome, decided_on=decided, reason=text.decline_reason(rng, kind))
    done = decided + timedelta(days=rng.randint(3, 60))
    finished = done if done <= ctx.last_day and rng.random() < 0.9 else None
    return replace(rec, decision=outcome, decided_on=decided, completed_on=finished)


def _texts(rng: random.Random, visit: Visit, mean: float, restraints: _RestraintLog,
           recent: deque[str]) -> list[tuple[str, str]]:
    """This report's recommendations as (text, kind), none made in the last several reports."""
    urgent = Opinion.NO in (visit.safeguarded, visit.wellbeing_promoted)
    whole = int(mean)
    count = max(0, whole + (rng.random() < mean - whole) + rng.choice((-1, 0, 1))) + (2 if urgent else 0)
    hint = restraints.most_in_one_place(visit.visited_on)
    found = [text.restraint_recommendation(rng, *hint)] if count and hint and rng.random() < 0.6 else []
    found += text.visit_recommendations(rng, count - len(found), urgent, set(recent))
    recent.extend(words for words, _ in found)
    return found


def _recommendations(ctx: DemoHome, rng: random.Random, visits: list[Visit]) -> list[Recommendation]:
    mean = BUSY_RECOMMENDATIONS_PER_VISIT if ctx.index == 0 else rng.uniform(*_CALM_RECOMMENDATIONS_PER_VISIT)
    restraints = _RestraintLog(ctx, ctx.measures)
    recent: deque[str] = deque(maxlen=_NOT_REPEATED_WITHIN)
    found = []
    for visit in visits:
        owners = _owners(ctx, visit.visited_on)
        for words, kind in _texts(rng, visit, mean, restraints, recent):
            rec = Recommendation(home_id=ctx.home.id, ref=f"REC-{len(found) + 1:03d}", visit_id=visit.id,
                                 text=words, consider_by=visit.visited_on + timedelta(days=rng.randint(14, 42)),
                                 owner=rng.choice(owners))
            found.append(_decided(ctx, rng, rec, visit, kind))
    return found


def checked(records: list, problems_of: Callable[[Any], list[Problem]]) -> list:
    """The demo's records, each having passed the checks a user's record must pass (a failure is a bug here)."""
    for record in records:
        if problems := problems_of(record):
            raise ValueError(f"demo record {record.ref} is inconsistent: {problems[0]}")
    return records


def make_visits(ctx: DemoHome, rng: random.Random) -> None:
    """The visitors, every visit with its report, and each report's recommendations, written with their audit rows."""
    ws, now = ctx.ws, ctx.ws.now()
    days = visit_days(ctx, rng)
    appointments = _appointments(ctx, rng)
    visitors = ws.visitors.insert_many(checked(_visitors(ctx, rng, appointments, days), validate_visitor),
                                       actor=ws.actor, at=now, reason="demo data")
    late = _late_reports(ctx, rng, len(days))
    drafts = [_visit(ctx, rng, next(v for v, a in zip(visitors, appointments) if a.covers(day)), day,
                     f"V-{n + 1:03d}", n in late) for n, day in enumerate(days)]
    by_id = {v.id: v for v in visitors}
    visits = ws.visits.insert_many(checked(drafts, lambda v: validate_visit(v, by_id[v.visitor_id])),
                                   actor=ws.actor, at=now, reason="demo data")
    visits_by_id = {v.id: v for v in visits}
    recs = checked(_recommendations(ctx, rng, visits), lambda r: validate_recommendation(r, visits_by_id[r.visit_id]))
    ws.recommendations.insert_many(recs, actor=ws.actor, at=now, reason="demo data")
    log.info("demo home %s: %d visitors, %d visits, %d recommendations", ctx.home.id, len(visitors), len(visits),
             len(recs))
