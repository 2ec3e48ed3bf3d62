"""What the home must do next and by when, in plain words ("Speak to A.B. about Tuesday's restraint by Sunday 14:30"),
and the figures and statements the dashboard shows about the home."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from ..domain.compliance import AnnexA
from ..domain.deadlines import State, Step, signer_was_authorised, step_statuses
from ..domain.inspections import Inspection, adequate_home_note, last_completed_full
from ..domain.local_time import Period, to_local
from ..domain.records import Child, Home, Measure
from ..domain.roles import Permission
from ..domain.vocabulary import MeasureKind
from ..storage.measures import open_measures
from . import compliance, oversight_todo
from .oversight_todo import OversightItem
from .workspace import Workspace


@dataclass(frozen=True)
class Action:
    """One thing to do on one record."""

    measure_ref: str
    measure_id: int
    step: Step
    deadline: datetime
    overdue: bool
    text: str
    citation: str


def _when(moment: datetime, now: datetime) -> str:
    """'today 14:30', 'tomorrow 09:00', 'Sunday 14:30' within a week, else '03/12/2026 14:30'."""
    local, today = to_local(moment), to_local(now).date()
    days = (local.date() - today).days
    clock = f"{local:%H:%M}"
    if days == 0:
        return f"today {clock}"
    if days == 1:
        return f"tomorrow {clock}"
    if days == -1:
        return f"yesterday {clock}"
    if 1 < days < 7 or -7 < days < -1:
        return f"{local:%A} {clock}"
    return f"{local:%d/%m/%Y} {clock}"


_SHORT_KIND = {
    MeasureKind.RESTRAINT: "restraint",
    MeasureKind.RESTRICTION_OF_LIBERTY: "restriction of liberty",
    MeasureKind.HOLDING: "hold",
    MeasureKind.SANCTION: "sanction",
    MeasureKind.OTHER: "measure of control",
}


def _what(m: Measure, now: datetime) -> str:
    """"Tuesday's restraint (R-0042)", or "the restraint on 03/11/2026 (R-0042)" when older than a week."""
    local, today = to_local(m.started_at), to_local(now).date()
    days = (today - local.date()).days
    kind = _SHORT_KIND[m.kind]
    if days == 0:
        return f"today's {kind} ({m.ref})"
    if days == 1:
        return f"yesterday's {kind} ({m.ref})"
    if 1 < days < 7:
        return f"{local:%A}'s {kind} ({m.ref})"
    return f"the {kind} on {local:%d/%m/%Y} ({m.ref})"


def describe(step: Step, m: Measure, child: Child, deadline: datetime, now: datetime, overdue: bool) -> str:
    what = _what(m, now)
    if step is Step.SIGNOFF:
        action = f"{child.initials}: speak to the staff involved in {what} and sign the record off"
    elif step is Step.CHILD:
        action = f"Speak to {child.initials} about {what}"
    else:
        action = f"{child.initials}: write up {what}"
    if overdue:
        return f"{action}: this was due by {_when(deadline, now)}"
    return f"{action} by {_when(deadline, now)}"


def actions(ws: Workspace, home: Home, now: datetime | None = None) -> list[Action]:
    """Open steps, overdue first, then by deadline."""
    now = now or ws.now()
    children = {c.id: c for c in ws.children.for_home(home.id)}
    staff = {s.id: s for s in ws.staff.for_home(home.id)}
    found: list[Action] = []
    for m in open_measures(ws.measures, home.id):
        for status in step_statuses(m, now, signer_was_authorised(m, staff)):
            if status.done_at is not None:
                continue
            overdue = status.state is State.MISSED
            found.append(Action(m.ref, m.id, status.step, status.deadline, overdue,
                                describe(status.step, m, children[m.child_id], status.deadline, now, overdue),
                                status.step.rule.citation))
    found.sort(key=lambda a: (not a.overdue, a.deadline))
    return found


RECENT_DAYS = 28


@dataclass(frozen=True)
class Figures:
    """What the dashboard shows about the home besides the reg 35 steps, as at one moment."""

    as_at: datetime
    resident: int
    recent_restraints: int
    awaiting_signoff: int
    overdue: int
    annex_since: date
    annex: AnnexA
    annex_since_what: str = "the first admission on record"
    # what is open about the independent visits and Ofsted (regs 43 and 44, Narey rec 19), overdue first
    oversight: tuple[OversightItem, ...] = ()
    # Narey rec 22: the plain sentence when the latest overall judgement is "requires improvement to be good"
    adequate_home: str = ""


def _annex_since_what(since: date, last_full: Inspection | None, children: list[Child]) -> str:
    """SPEC 5: Annex A counts since the last full inspection; with none recorded, since the first admission."""
    if last_full is not None and last_full.started_on == since:
        return "the last full inspection"
    return "the first admission on record" if children else "no admission recorded yet"


def gather(ws: Workspace, home: Home) -> tuple[list[Action], Figures]:
    """The open reg 35 steps, and the figures and the rest of what is open, from the records only (SPEC 1, principle
    4: nobody types a number twice)."""
    ws.require(Permission.SEE_FIGURES, home.id)
    now = ws.now()
    today = to_local(now).date()
    todo = actions(ws, home, now)
    children = ws.children.for_home(home.id)
    recent = ws.measures.steps_between(home.id, now - timedelta(days=RECENT_DAYS), now)
    since = min(compliance.default_annex_a_since(ws, home), today)
    inspections = ws.inspections.for_home(home.id)
    figures = Figures(
        as_at=now,
        resident=sum(1 for c in children if c.resident_on(today)),
        recent_restraints=sum(1 for m in recent if m.is_restraint),
        # reg 35(3)(b): a record with its sign-off step still open is awaiting sign-off
        awaiting_signoff=len({a.measure_id for a in todo if a.step is Step.SIGNOFF}),
        overdue=sum(1 for a in todo if a.overdue),
        annex_since=since,
        annex_since_what=_annex_since_what(since, last_completed_full(inspections, today), children),
        annex=compliance.annex_a_for(ws, home, Period(since, today), now),
        oversight=tuple(oversight_todo.items(ws, home, now)),
        adequate_home=adequate_home_note(inspections, today),
    )
    return todo, figures
