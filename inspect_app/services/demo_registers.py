"""Demo registers (schedule 4): a home's staff over the years and the children who lived there."""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import TYPE_CHECKING

from dateutil.relativedelta import relativedelta

from ..domain.records import Child, Staff
from ..domain.vocabulary import Employment, LegalStatus, StaffRole
from . import demo_text as text
from . import registers

if TYPE_CHECKING:
    from .demo import DemoHome

YEAR = 365
_LEGAL = {LegalStatus.S31: 55, LegalStatus.S20: 25, LegalStatus.INTERIM_CARE_ORDER: 12, LegalStatus.REMAND: 3,
          LegalStatus.OTHER: 5}
_ADMISSION_AGES = (10, 11, 12, 13, 14, 15, 16)
_AGE_WEIGHTS = (1, 2, 3, 5, 6, 6, 4)


@dataclass(frozen=True)
class ChildProfile:
    """How often a child's behaviour leads to a measure, relative to the others in the home."""

    weight: float
    # rec 25: for some very challenging children restraint may not reduce over time.
    persistent: bool = False
    # reg 35(4): the share of this child's restraints planned as routine in their EHC plan.
    planned_share: float = 0.0


class _Names:
    """Full names not yet used in this home, so that two people never share one."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.used: set[str] = set()

    def draw(self, sex: str) -> tuple[str, str]:
        while True:
            first, last = text.person_name(self.rng, sex)
            if f"{first} {last}" not in self.used:
                self.used.add(f"{first} {last}")
                return first, last


def _days_before(day: date, rng: random.Random, low: int, high: int) -> date:
    return day - timedelta(days=rng.randint(low, high))


# --- staff -----------------------------------------------------------------------------------

def _level3(rng: random.Random, started: date, until: date, overdue: bool = False) -> date | None:
    """reg 32(4): the Level 3 Diploma within 2 years of starting a care role; most make it in time."""
    if overdue:
        return None
    achieved = started + timedelta(days=rng.randint(240, 700))
    if achieved <= until:
        return achieved
    return None


def _pi_trained(rng: random.Random, started: date, until: date, lapsed: bool = False) -> date:
    """Refresher training about yearly; a lapsed one is over a year old."""
    trained = _days_before(until, rng, 400, 600) if lapsed else _days_before(until, rng, 10, 330)
    return min(until, max(trained, started + timedelta(days=rng.randint(5, 40))))


def _person(ctx: DemoHome, rng: random.Random, names: _Names, role: StaffRole, employment: Employment,
            started: date, **extra) -> Staff:
    first, last = names.draw(rng.choice("FM"))
    until = extra.get("left_on") or ctx.last_day
    values = dict(level3_achieved_on=_level3(rng, started, until),
                  pi_trained_on=_pi_trained(rng, started, until))
    values.update(extra)
    return Staff(home_id=ctx.home.id, ref="", full_name=f"{first} {last}", role=role, employment=employment,
                 care_role_started_on=started, **values)


def _managers(ctx: DemoHome, rng: random.Random, names: _Names) -> list[Staff]:
    names.used.add(ctx.home.registered_manager)
    started = _days_before(ctx.first_day, rng, 8 * YEAR, 16 * YEAR)
    manager = Staff(home_id=ctx.home.id, ref="", full_name=ctx.home.registered_manager,
                    role=StaffRole.REGISTERED_MANAGER, employment=Employment.PERMANENT,
                    care_role_started_on=started, level3_achieved_on=_level3(rng, started, ctx.first_day),
                    level5_achieved_on=_days_before(ctx.first_day, rng, 100, 3 * YEAR),
                    pi_trained_on=_pi_trained(rng, started, ctx.last_day), authorised_signoff=True)
    deputy = _person(ctx, rng, names, StaffRole.DEPUTY_MANAGER, Employment.PERMANENT,
                     _days_before(ctx.first_day, rng, 4 * YEAR, 12 * YEAR), authorised_signoff=True)
    count = rng.randint(2, 4)
    seniors = [_person(ctx, rng, names, StaffRole.SENIOR, Employment.PERMANENT,
                       _days_before(ctx.first_day, rng, 2 * YEAR + 60, 9 * YEAR),
                       # reg 35(3)(b): the registered person authorises some seniors to sign off,
                       # and leaves at least one senior unauthorised.
                       authorised_signoff=(i == 0) or (i < count - 1 and rng.random() < 0.5))
               for i in range(count)]
    return [manager, deputy, *seniors]


def _care_workers(ctx: DemoHome, rng: random.Random, names: _Names, count: int) -> list[Staff]:
    span = (ctx.last_day - ctx.first_day).days + 3 * YEAR
    starts = sorted((_days_before(ctx.last_day, rng, 30, span) for _ in range(count)), reverse=True)
    # one or two still employed past their 2-year Level 3 window without it (reg 32(4))
    past_window = [i for i, s in enumerate(starts) if (ctx.last_day - s).days > 2 * YEAR + 30]
    if not past_window:
        starts[-1] = _days_before(ctx.last_day, rng, 2 * YEAR + 60, 3 * YEAR)
        past_window = [count - 1]
    overdue = set(rng.sample(past_window, min(len(past_window), rng.randint(1, 2))))
    lapsed = rng.randrange(count)
    return [_person(ctx, rng, names, StaffRole.CARE_WORKER, Employment.PERMANENT, started,
                    level3_achieved_on=_level3(rng, started, ctx.last_day, overdue=i in overdue),
                    pi_trained_on=_pi_trained(rng, started, ctx.last_day, lapsed=i == lapsed))
            for i, started in enumerate(starts)]


def _casual(ctx: DemoHome, rng: random.Random, names: _Names, employment: Employment) -> list[Staff]:
    return [_person(ctx, rng, names, StaffRole.CARE_WORKER, employment,
                    _days_before(ctx.first_day, rng, 60, 6 * YEAR))
            for _ in range(rng.randint(1, 2))]


def _leavers(ctx: DemoHome, rng: random.Random, names: _Names) -> list[Staff]:
    """Staff who worked here during the years covered and have since left."""
    days = (ctx.last_day - ctx.first_day).days
    found = []
    for _ in range(max(1, round(1.5 * days / YEAR))):
        left = ctx.first_day + timedelta(days=rng.randint(30, max(31, days - 30)))
        started = _days_before(ctx.first_day, rng, 60, 4 * YEAR)
        found.append(_person(ctx, rng, names, StaffRole.CARE_WORKER, Employment.PERMANENT, started,
                             left_on=left, pi_trained_on=_pi_trained(rng, started, left)))
    return found


def make_staff(ctx: DemoHome, rng: random.Random) -> None:
    """About 14-20 staff now, plus those who left during the years covered."""
    names = _Names(rng)
    total = rng.randint(14, 20)
    managers = _managers(ctx, rng, names)
    bank = _casual(ctx, rng, names, Employment.BANK)
    agency = _casual(ctx, rng, names, Employment.AGENCY)
    workers = _care_workers(ctx, rng, names, max(4, total - len(managers) - len(bank) - len(agency)))
    everyone = managers + sorted(workers + bank + agency + _leavers(ctx, rng, names),
                                 key=lambda s: (s.care_role_started_on, s.full_name))
    for number, person in enumerate(everyone, start=1):
        saved = registers.save_staff(ctx.ws, replace(person, ref=f"S-{number:02d}"))
        ctx.staff.append(saved)


# --- children --------------------------------------------------------------------------------

def _stay_length(rng: random.Random, mean: float) -> int:
    """Some placements break down within weeks, most last months, a few years."""
    low, high = rng.choices(((0.1, 0.4), (0.5, 1.3), (1.4, 2.4)), (25, 50, 25))[0]
    return max(7, round(mean * rng.uniform(low, high)))


def _stays(ctx: DemoHome, rng: random.Random, places: int, admissions: int) -> list[tuple[date, date | None]]:
    """(admitted, planned leaving) for each child, bed by bed, with a few weeks' vacancy between."""
    cycle = min(700.0, max(75.0, places * YEAR / admissions))
    found = []
    for _ in range(places):
        admitted = _days_before(ctx.first_day, rng, 1, round(cycle * 1.2))
        stay = _stay_length(rng, cycle - 18)
        leaving = max(admitted + timedelta(days=stay), ctx.first_day + timedelta(days=rng.randint(3, 60)))
        while admitted <= ctx.last_day:
            found.append((admitted, leaving))
            admitted = leaving + timedelta(days=rng.randint(3, 35))
            leaving = admitted + timedelta(days=_stay_length(rng, cycle - 18))
    return found


def _profile(rng: random.Random, child: Child) -> ChildProfile:
    roll = rng.random()
    planned = 0.05 if child.ehcp and rng.random() < 0.4 else 0.0
    if roll < 0.25:
        return ChildProfile(rng.uniform(5, 12), planned_share=planned)
    return ChildProfile(rng.uniform(0.6, 2.0) if roll < 0.6 else rng.uniform(0.05, 0.4), planned_share=planned)


def _child(ctx: DemoHome, rng: random.Random, names: _Names, admitted: date, leaving: date | None,
           age: int) -> Child:
    sex = "M" if rng.random() < 0.55 else "F"
    first, last = names.draw(sex)
    born = admitted - relativedelta(years=age) - timedelta(days=rng.randint(1, 360))
    adult = born + relativedelta(years=18)
    if leaving is not None and leaving > adult:
        leaving = adult  # placements end at 18
    if leaving is not None and leaving > ctx.last_day:
        leaving = None  # still living here at the end of the demo
    return Child(home_id=ctx.home.id, ref="", first_name=first, last_name=last, admitted_on=admitted,
                 date_of_birth=born, sex=sex, left_on=leaving,
                 placing_authority=rng.choice(text.PLACING_AUTHORITIES),
                 legal_status=rng.choices(list(_LEGAL), list(_LEGAL.values()))[0], ehcp=rng.random() < 0.35)


def make_children(ctx: DemoHome, rng: random.Random) -> None:
    """Places filled over the years: 8-12 children a year, admitted at 10-16, leaving by 18."""
    names = _Names(rng)
    places = ctx.home.places or 4
    drafts: list[tuple[Child, ChildProfile]] = []
    per_year = rng.randint(8, 12)
    admissions = max(1, per_year - places)
    if ctx.index == 0 or rng.random() < 0.3:
        admitted = _days_before(ctx.first_day, rng, 30, 200)
        age = max(10, 12 - (ctx.last_day - ctx.first_day).days // (2 * YEAR))
        child = replace(_child(ctx, rng, names, admitted, None, age), ehcp=True)
        drafts.append((child, ChildProfile(5.0, persistent=True, planned_share=0.04)))
        places -= 1
    for admitted, leaving in _stays(ctx, rng, places, admissions):
        age = rng.choices(_ADMISSION_AGES, _AGE_WEIGHTS)[0]
        child = _child(ctx, rng, names, admitted, leaving, age)
        drafts.append((child, _profile(rng, child)))
    drafts.sort(key=lambda d: (d[0].admitted_on, d[0].last_name))
    for number, (draft, profile) in enumerate(drafts, start=1):
        saved = registers.save_child(ctx.ws, replace(draft, ref=f"C-{number:02d}"))
        ctx.children.append(saved)
        ctx.profiles[saved.id] = profile
