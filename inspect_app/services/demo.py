"""The `demo` generator (SPEC 7): a provider's homes filled with believable made-up records, fixed by a seed.

Nothing here reads the wall clock or the global random generator: the data depends only on the
seed, the end date (by default the local date of the workspace clock) and what the database
already holds (URNs and home names are not reused). Each home is written in one transaction, with
every record's audit row, so stopping between homes leaves whole homes only.
"""

from __future__ import annotations

import logging
import random
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Callable

from dateutil.relativedelta import relativedelta

from ..domain.errors import UserFacingError
from ..domain.local_time import local_midnight, to_local
from ..domain.records import Child, Home, Measure, Staff
from ..domain.roles import Permission
from . import demo_text as text
from . import registers
from .bulk_work import cycle_collector_paused
from .demo_inspections import make_inspections
from .demo_measures import make_measures
from .demo_placements import make_placements
from .demo_registers import ChildProfile, make_children, make_staff
from .demo_rota import make_rota
from .demo_visits import make_visits
from .workspace import Workspace

log = logging.getLogger(__name__)

# SPEC 10 reference data: the first home is the "busy home-year", about 300 restraints a year.
BUSY_RESTRAINTS_PER_YEAR = 300.0
# Other homes vary: some much calmer, some nearly as busy (ranges of restraints a year).
_OTHER_HOMES = (((8, 40), 4), ((60, 140), 4), ((160, 260), 2))
_SCHEME_WEIGHTS = {"Team Teach": 5, "MAPA": 2, "PRICE": 1, "CALM": 2}


@dataclass
class DemoHome:
    """One home being generated: what each area reads and adds to, in order."""

    ws: Workspace
    home: Home
    index: int
    first_day: date  # the first local date covered
    last_day: date  # the last local date covered (the day before `end`)
    cutoff: datetime  # the first moment of `end`: nothing happens from then on, and steps due after it are open
    restraints_per_year: float
    staff: list[Staff] = field(default_factory=list)
    children: list[Child] = field(default_factory=list)
    profiles: dict[int, ChildProfile] = field(default_factory=dict)
    measures: list[Measure] = field(default_factory=list)


Area = Callable[[DemoHome, random.Random], None]

# The per-area generators, run in this order for each home. Each gets its own random stream, named
# for the area, so adding an area later leaves the data of the others as it was. Every area of
# SPEC 2 is here; a new one is appended.
AREAS: list[tuple[str, Area]] = [
    ("staff", make_staff),
    ("children", make_children),
    ("measures", make_measures),
    ("visits", make_visits),
    ("inspections", make_inspections),
    ("rota", make_rota),  # after the measures: staff stay on after an incident near the end of their shift
    ("placements", make_placements),  # after the children: a referral for each child admitted (2.7)
]


@dataclass(frozen=True)
class _Provider:
    name: str
    responsible_individuals: tuple[str, ...]

    @classmethod
    def draw(cls, rng: random.Random) -> "_Provider":
        people = tuple(" ".join(text.person_name(rng, rng.choice("FM"))) for _ in range(rng.randint(1, 2)))
        return cls(rng.choice(text.PROVIDERS), people)


def _new_home(ws: Workspace, rng: random.Random, index: int, provider: _Provider, taken: set[str]) -> Home:
    name = text.home_name(rng)
    while name in taken:
        name = text.home_name(rng)
    urn = f"SC{rng.randint(100000, 999999)}"
    while urn in taken or ws.homes.by_urn(urn) is not None:
        urn = f"SC{rng.randint(100000, 999999)}"
    taken.update((name, urn))
    scheme = rng.choices(list(_SCHEME_WEIGHTS), list(_SCHEME_WEIGHTS.values()))[0]
    people = provider.responsible_individuals
    home = Home(urn=urn, name=name, places=rng.randint(3, 6), provider_name=provider.name,
                registered_manager=" ".join(text.person_name(rng, rng.choice("FM"))),
                responsible_individual=people[index % len(people)],
                age_min=rng.choice((10, 11)), age_max=17, pi_scheme=scheme, pi_holds=text.PI_SCHEMES[scheme])
    return registers.create_home(ws, home)


def _restraints_per_year(rng: random.Random, index: int) -> float:
    if index == 0:
        return BUSY_RESTRAINTS_PER_YEAR
    low, high = rng.choices([r for r, _ in _OTHER_HOMES], [w for _, w in _OTHER_HOMES])[0]
    return rng.uniform(low, high)


def _make_home(ws: Workspace, seed: int, index: int, provider: _Provider, taken: set[str],
               end: date, years: int) -> DemoHome:
    rng = random.Random(f"{seed}:{index}:home")
    home = _new_home(ws, rng, index, provider, taken)
    ctx = DemoHome(ws, home, index, first_day=end - relativedelta(years=years),
                   last_day=end - relativedelta(days=1), cutoff=local_midnight(end),
                   restraints_per_year=_restraints_per_year(rng, index))
    for name, area in AREAS:
        area(ctx, random.Random(f"{seed}:{index}:{name}"))
    return ctx


@cycle_collector_paused()  # many records made at once (services.bulk_work)
def generate(ws: Workspace, *, homes: int = 1, years: int = 1, seed: int = 1,
             progress: Callable[[int, int, str], None] | None = None, end: date | None = None,
             cancelled: Callable[[], bool] | None = None) -> list[Home]:
    """Add `homes` made-up homes covering the `years` before `end`; returns the homes written.

    `progress(done, total, text)` is told at the start and after each home; when `cancelled()`
    turns true the generator stops before the next home, and every home already written stays whole.
    """
    ws.require(Permission.MANAGE_DATABASE)
    if homes < 1 or years < 1:
        raise UserFacingError("the demo needs at least one home and one year")
    end = end or to_local(ws.now()).date()
    provider = _Provider.draw(random.Random(f"{seed}:provider"))
    taken = {h.name for h in ws.homes.all()}
    made: list[Home] = []
    if progress is not None:
        progress(0, homes, f"Making {homes} demo home{'s' if homes > 1 else ''}")
    for index in range(homes):
        if cancelled is not None and cancelled():
            log.info("demo stopped after %d of %d homes", index, homes)
            break
        with ws.db.transaction():
            ctx = _make_home(ws, seed, index, provider, taken, end, years)
        made.append(ctx.home)
        log.info("demo home %s: %d staff, %d children, %d measures",
                 ctx.home.id, len(ctx.staff), len(ctx.children), len(ctx.measures))
        if progress is not None:
            progress(index + 1, homes, f"Made {index + 1} of {homes} demo homes")
    return made
