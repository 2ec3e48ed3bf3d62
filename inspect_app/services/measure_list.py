"""The reg 35 list as rows: each measure's display values, raw sort keys and workflow status, computed once."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import Enum

from ..domain.deadlines import State, Step, StepStatus, signer_was_authorised, step_statuses
from ..domain.local_time import LONDON, format_local, to_local
from ..domain.records import Addendum, Child, Home, Measure, Staff
from ..domain.roles import Permission
from ..domain.vocabulary import Position
from .measures import get_measure, may_see, require_reader
from .workspace import Workspace

POSITION_TEXT = {
    Position.STANDING: "Standing",
    Position.SEATED: "Seated",
    Position.KNEELING: "Kneeling",
    Position.GROUND_SUPINE: "Ground (supine)",
    # prone (face down) is the highest-risk position: flagged in words, not colour alone
    Position.GROUND_PRONE: "Ground (prone) ⚠",
}
POSITION_ORDER = {p: i for i, p in enumerate(Position)}
_STEP_NAMES = {Step.RECORD: "Record (24 hours)", Step.SIGNOFF: "Sign-off (48 hours)",
               Step.CHILD: "Child spoken to (5 days)"}
_STATE_NAMES = {State.ON_TIME: "done on time", State.DONE_LATE: "done late", State.DUE: "due",
                State.MISSED: "not done, late", State.UNAUTHORISED: "signed by someone not authorised"}


class StatusFilter(Enum):
    """What the list can be narrowed to: a step still to do, a step late, or nothing left to do."""

    OPEN = "open"
    LATE = "late"
    COMPLETE = "complete"


@dataclass(frozen=True, slots=True)
class MeasureStatus:
    text: str  # "Awaiting sign-off — due Thu 14:30"
    steps: tuple[StepStatus, ...]  # empty for a measure planned in an EHC plan
    sort_key: tuple  # most urgent first
    open: bool  # a reg 35(3) step still to do
    late: bool  # a step missed, done late or signed by someone not authorised

    @property
    def detail(self) -> str:
        """Each step with its deadline, for a tooltip (worked out only when asked)."""
        if not self.steps:
            return "Reg 35(4): planned in the child's EHC plan, so the reg 35(3) deadlines do not apply."
        return _detail(self.steps)

    def matches(self, wanted: StatusFilter | None) -> bool:
        if wanted is None:
            return True
        if wanted is StatusFilter.OPEN:
            return self.open
        if wanted is StatusFilter.LATE:
            return self.late
        return not self.open


def short_when(moment: datetime, now: datetime) -> str:
    """'today 14:30', 'Thu 14:30' within the week ahead, else '03/12/2026 14:30' (short: it fits a column)."""
    local, today = to_local(moment), to_local(now).date()
    days = (local.date() - today).days
    if days == 0:
        return f"today {local:%H:%M}"
    if 0 < days < 7:
        return f"{local:%a %H:%M}"
    return f"{local:%d/%m/%Y %H:%M}"


def _detail(statuses: tuple[StepStatus, ...]) -> str:
    lines = []
    for s in statuses:
        done = f", done {format_local(s.done_at)}" if s.done_at else ""
        lines.append(f"{_STEP_NAMES[s.step]}: {_STATE_NAMES[s.state]} (deadline {format_local(s.deadline)}{done})")
    return "\n".join(lines)


def measure_status(m: Measure, now: datetime, signer_authorised: bool) -> MeasureStatus:
    """Where the record stands in the reg 35(3) workflow at `now`, in a few words."""
    if m.planned_in_ehcp:
        # reg 35(4): restraint planned in the child's EHC plan has no 24 h / 48 h / 5 day steps
        return MeasureStatus("Planned (EHC plan)", (), (4, 0.0), False, False)
    steps = tuple(step_statuses(m, now, signer_authorised))
    _record, signoff, child = steps  # step_statuses gives RECORD, SIGNOFF, CHILD in that order
    late = any(s.late or s.state is State.UNAUTHORISED for s in steps)
    for step, waiting, overdue in ((signoff, "Sign-off due", "Sign-off late"),
                                   (child, "Signed — child due", "Child conversation late")):
        if step.done_at is None:
            if step.state is State.MISSED:  # the deadline it missed is in the tooltip (`detail`)
                return MeasureStatus(overdue, steps, (0, step.deadline.timestamp()), True, True)
            return MeasureStatus(f"{waiting} {short_when(step.deadline, now)}", steps,
                                 (1, step.deadline.timestamp()), True, late)
    if signoff.state is State.UNAUTHORISED:
        return MeasureStatus("Signed by someone not authorised", steps, (2, 0.0), False, True)
    text = "Child spoken to (late step)" if late else "Child spoken to"
    return MeasureStatus(text, steps, (2 if late else 3, 0.0), False, late)


_DIGITS = re.compile(r"(\d+)")


def natural_key(text: str) -> tuple:
    """R-9 before R-10: numbers inside a reference compare as numbers."""
    return tuple(int(part) if part.isdigit() else part.casefold() for part in _DIGITS.split(text))


@dataclass(frozen=True, slots=True)
class MeasureRow:
    """One line of the list: what it shows, what it sorts on, and what it filters on."""

    measure: Measure
    display: tuple[str, ...]  # in COLUMNS order; the child column holds initials
    child_name: str
    sort_keys: tuple  # in COLUMNS order; the child column sorts on initials
    child_name_key: str
    started_on: date  # local date, for the date-range filter
    search_text: str  # lower case: reference, child (initials, name, reference), location
    status: MeasureStatus

    @property
    def measure_id(self) -> int | None:
        return self.measure.id


COLUMNS = ("Ref", "Started", "Child", "Measure", "Position", "Duration", "Staff", "Injury", "Status")
CHILD_COLUMN = COLUMNS.index("Child")
STATUS_COLUMN = COLUMNS.index("Status")
POSITION_COLUMN = COLUMNS.index("Position")
STARTED_COLUMN = COLUMNS.index("Started")


def _injury(m: Measure) -> tuple[str, int]:
    if m.injury is None:
        return "Not stated", -1
    return ("Yes", 1) if m.injury else ("No", 0)


class _Registers:
    """What each row needs from the registers, worked out once per child and per member of staff."""

    def __init__(self, children: dict[int, Child], staff: dict[int, Staff]):
        self.initials = {i: c.initials for i, c in children.items()}
        self.names = {i: c.full_name for i, c in children.items()}
        self.search = {i: f"{c.initials} {c.full_name} {c.ref}".casefold() for i, c in children.items()}
        self.staff_names = {i: s.full_name for i, s in staff.items()}
        self.staff = staff


def _build_row(m: Measure, reg: _Registers, now: datetime) -> MeasureRow:
    status = measure_status(m, now, signer_was_authorised(m, reg.staff))
    staff_text = ", ".join(reg.staff_names.get(s, "(not on register)") for s in m.used_by)
    injury_text, injury_key = _injury(m)
    # the home's zone; strftime is avoided because it is slow across 50,000 rows
    local = m.started_at.astimezone(LONDON)
    started = f"{local.day:02d}/{local.month:02d}/{local.year} {local.hour:02d}:{local.minute:02d}"
    position = POSITION_TEXT[m.position] if m.position else ""
    duration = "" if m.duration_minutes is None else f"{m.duration_minutes} min"
    initials, name, kind = reg.initials[m.child_id], reg.names[m.child_id], m.kind.label
    display = (m.ref, started, initials, kind, position, duration, staff_text, injury_text, status.text)
    keys = (natural_key(m.ref), m.started_at.timestamp(), initials.casefold(), kind.casefold(),
            POSITION_ORDER.get(m.position, -1), -1 if m.duration_minutes is None else m.duration_minutes,
            staff_text.casefold(), injury_key, status.sort_key)
    search = f"{m.ref} {reg.search[m.child_id]} {m.location}".casefold()
    return MeasureRow(m, display, name, keys, name.casefold(), local.date(), search, status)


def build_rows(measures: list[Measure], children: dict[int, Child], staff: dict[int, Staff],
               now: datetime) -> list[MeasureRow]:
    """Every display value computed here, once, so the table never works them out while scrolling (SPEC 10)."""
    registers = _Registers(children, staff)
    return [_build_row(m, registers, now) for m in measures]


@dataclass(frozen=True)
class MeasureList:
    """A home's measures as rows, with the registers they were built from."""

    rows: list[MeasureRow]
    children: list[Child]
    staff: list[Staff]
    built_at: datetime


def load(ws: Workspace, home: Home) -> MeasureList:
    """Reads the home's measures and registers once and builds the rows (no per-row database access).

    Only the records this account may read (SPEC 8: care staff see their own).
    """
    require_reader(ws, home.id)
    children = ws.children.for_home(home.id)
    staff = ws.staff.for_home(home.id)
    now = ws.now()
    measures = ws.measures.for_home(home.id)
    if not ws.account.may(Permission.READ_ALL_RECORDS):
        measures = [m for m in measures if may_see(ws, m)]
    rows = build_rows(measures, {c.id: c for c in children}, {s.id: s for s in staff}, now)
    return MeasureList(rows, children, staff, now)


def counts(rows: list[MeasureRow]) -> dict[StatusFilter, int]:
    """How many records have a step to do, a late step, or nothing left to do."""
    found = {f: 0 for f in StatusFilter}
    for row in rows:
        for f in StatusFilter:
            if row.status.matches(f):
                found[f] += 1
    return found


@dataclass(frozen=True)
class RecordContext:
    """One record (or none yet, for a new one) with what its form and dialogs show beside it."""

    home: Home
    measure: Measure | None
    child: Child | None
    children: list[Child]  # the register, for the child chooser
    staff: list[Staff]  # the register, for the staff choosers
    addenda: list[Addendum]
    now: datetime

    @property
    def staff_by_id(self) -> dict[int, Staff]:
        return {s.id: s for s in self.staff}

    def summary(self) -> str:
        """'R-0042 · A.B. · Physical restraint · started Sun 22/11/2026 09:15 · used by Sam Jones'."""
        m, staff = self.measure, self.staff_by_id
        if m is None or self.child is None:
            return "A new record"
        users = ", ".join(staff[s].full_name for s in m.used_by if s in staff) or "no staff named"
        return (f"{m.ref} · {self.child.initials} · {m.kind.label} · started "
                f"{format_local(m.started_at, with_day=True)} · used by {users}")


def record_context(ws: Workspace, home: Home, measure_id: int | None = None) -> RecordContext:
    """The record (if any) and the home's registers, read once for a form or dialog."""
    if measure_id is None:
        ws.require(Permission.WRITE_MEASURES, home.id)
    else:
        require_reader(ws, home.id)
    children, staff = ws.children.for_home(home.id), ws.staff.for_home(home.id)
    if measure_id is None:
        return RecordContext(home, None, None, children, staff, [], ws.now())
    m = get_measure(ws, measure_id)
    child = next((c for c in children if c.id == m.child_id), None)
    return RecordContext(home, m, child, children, staff, ws.addenda.for_measure(m.id), ws.now())


def current_children(children: list[Child], now: datetime, keep: int | None = None) -> list[Child]:
    """Children living at the home, or who left in the last week (a record may follow a move by a day or
    two), and the one a record already names."""
    today = to_local(now).date()
    recent = today - timedelta(days=7)
    return [c for c in children
            if c.admitted_on <= today and (c.left_on is None or c.left_on >= recent) or c.id == keep]


def current_staff(staff: list[Staff], now: datetime, keep: tuple[int, ...] = ()) -> list[Staff]:
    """Staff still working at the home, and anyone a record already names."""
    today = to_local(now).date()
    return [s for s in staff if s.left_on is None or s.left_on >= today or s.id in keep]
