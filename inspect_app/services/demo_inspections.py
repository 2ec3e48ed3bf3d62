"""Demo Ofsted records (SPEC 2.5): a full inspection about once a year with a second one for some homes, what each asked of
the home and the progress on it, and the log of contacts with Ofsted (Narey recommendation 19)."""

from __future__ import annotations

import logging
import random
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import TYPE_CHECKING

from ..domain.inspections import (Inspection, InspectionAction, OfstedContact, validate_action, validate_contact,
                                  validate_inspection)
from ..domain.vocabulary import ActionKind, ActionStatus, DialoguePhase, InspectionType, InterimOutcome, Judgement
from . import demo_oversight_text as text
from .demo_visits import checked

if TYPE_CHECKING:
    from .demo import DemoHome

log = logging.getLogger(__name__)

OUTSTANDING, GOOD, REQUIRES_IMPROVEMENT = Judgement.OUTSTANDING, Judgement.GOOD, Judgement.REQUIRES_IMPROVEMENT
_SCALE = (OUTSTANDING, GOOD, REQUIRES_IMPROVEMENT)  # the demo stays calm: no home is judged inadequate
_INTERIM_OUTCOMES = (InterimOutcome.IMPROVED, InterimOutcome.SUSTAINED, InterimOutcome.DECLINED)
_CONTACTS_PER_YEAR = {True: (14, 20), False: (8, 14)}  # the busy home talks to Ofsted more
_CHANNELS = ("Telephone", "Telephone", "Email", "Email", "Online portal", "Meeting", "Video call")
_INSPECTION_DAYS = 2  # an inspection of a children's home usually takes two or three days


@dataclass(frozen=True)
class _Full:
    started_on: date
    overall: Judgement


# --- inspections -----------------------------------------------------------------------------------

def _next_overall(rng: random.Random, previous: Judgement) -> Judgement:
    if previous is REQUIRES_IMPROVEMENT:
        return rng.choices(_SCALE, (2, 60, 38))[0]
    return rng.choices(_SCALE, (12 if previous is OUTSTANDING else 8, 78, 14))[0]


def _full_inspections(ctx: DemoHome, rng: random.Random) -> list[_Full]:
    """About one a year (Narey rec 18), starting from one just before the demo's years; the busy home's latest is
    "requires improvement to be good", so its window says plainly that it is an adequate home (rec 22)."""
    found = [_Full(_working_day(ctx.first_day - timedelta(days=rng.randint(30, 280))),
                   rng.choices(_SCALE, (10, 75, 15))[0])]
    while True:
        day = _working_day(found[-1].started_on + timedelta(days=rng.randint(300, 390)))
        if day > ctx.last_day:
            break
        found.append(_Full(day, _next_overall(rng, found[-1].overall)))
    if ctx.index == 0:
        found[-1] = _Full(found[-1].started_on, REQUIRES_IMPROVEMENT)
        if len(found) > 1 and found[-2].overall is REQUIRES_IMPROVEMENT:
            found[-2] = _Full(found[-2].started_on, GOOD)  # a good home that slipped
    return found


def _judgements(rng: random.Random, overall: Judgement) -> tuple[Judgement, Judgement]:
    """Help and protection and leadership mostly match the overall judgement, now and then one step either way."""
    def near() -> Judgement:
        step = rng.choices((-1, 0, 1), (12, 76, 12))[0]
        return _SCALE[min(len(_SCALE) - 1, max(0, _SCALE.index(overall) + step))]
    return near(), near()


# DOMAIN: interim inspections judged a home's effectiveness until 2022; assurance inspections came after
INTERIMS_ENDED = date(2022, 4, 1)


def _working_day(day: date) -> date:
    """Inspectors come on a weekday, and not between Christmas and the New Year."""
    while day.weekday() >= 5 or (day.month == 12 and day.day >= 22) or (day.month == 1 and day.day <= 2):
        day += timedelta(days=1)
    return day


def _second_in_year(ctx: DemoHome, rng: random.Random, full: _Full, next_full: date | None,
                    last: bool) -> Inspection | None:
    """Homes not judged good get a second full inspection in the year (DOMAIN: at least two); some good ones get an
    interim (before 2022) or assurance inspection, and the busy home always has two in its year (SPEC 10). After the
    busy home's last full inspection the second one judges it "requires improvement to be good" again, so its latest
    judgement stays the one the window explains (rec 22)."""
    if ctx.index != 0 and full.overall is not REQUIRES_IMPROVEMENT and rng.random() < 0.7:
        return None
    day = _working_day(full.started_on + timedelta(days=rng.randint(140, 220)))
    if day < ctx.first_day or day > ctx.last_day or (next_full is not None and day > next_full - timedelta(days=60)):
        return None
    if full.overall is REQUIRES_IMPROVEMENT:
        overall = REQUIRES_IMPROVEMENT if ctx.index == 0 and last else _next_overall(rng, full.overall)
        helped, leadership = _judgements(rng, overall)
        return Inspection(home_id=ctx.home.id, ref="", started_on=day, type=InspectionType.FULL, overall=overall,
                          helped_protected=helped, leadership=leadership)
    if day >= INTERIMS_ENDED:
        return Inspection(home_id=ctx.home.id, ref="", started_on=day, type=InspectionType.ASSURANCE)
    return Inspection(home_id=ctx.home.id, ref="", started_on=day, type=InspectionType.INTERIM,
                      interim_outcome=rng.choices(_INTERIM_OUTCOMES, (15, 80, 5))[0])


def _published(ctx: DemoHome, rng: random.Random, started: date) -> date | None:
    day = started + timedelta(days=rng.randint(21, 42))  # published 3 to 6 weeks after the inspection
    return day if day <= ctx.last_day else None


def inspections(ctx: DemoHome, rng: random.Random) -> list[Inspection]:
    fulls = _full_inspections(ctx, rng)
    found = []
    for i, full in enumerate(fulls):
        if full.started_on >= ctx.first_day:
            helped, leadership = _judgements(rng, full.overall)
            found.append(Inspection(home_id=ctx.home.id, ref="", started_on=full.started_on, type=InspectionType.FULL,
                                    overall=full.overall, helped_protected=helped, leadership=leadership))
        following = fulls[i + 1].started_on if i + 1 < len(fulls) else None
        if (second := _second_in_year(ctx, rng, full, following, last=following is None)) is not None:
            found.append(second)
    found.sort(key=lambda f: f.started_on)
    return [replace(f, ref=f"INS-{n:02d}", published_on=_published(ctx, rng, f.started_on))
            for n, f in enumerate(found, start=1)]


# --- what each asked of the home, and the progress on it -------------------------------------------------

def _asked(rng: random.Random, inspection: Inspection) -> tuple[int, int]:
    """How many requirements and recommendations (0 to 4 of each): more when the judgement is lower."""
    if inspection.type is not InspectionType.FULL:
        low = inspection.interim_outcome is InterimOutcome.DECLINED
        return rng.randint(1, 3) if low else rng.choice((0, 0, 1)), rng.randint(0, 2)
    if inspection.overall is REQUIRES_IMPROVEMENT:
        return rng.randint(2, 4), rng.randint(1, 3)
    if inspection.overall is OUTSTANDING:
        return 0, rng.randint(0, 1)
    return rng.choice((0, 0, 1, 2)), rng.randint(1, 3)


def _progress(ctx: DemoHome, rng: random.Random, action: InspectionAction, started: date,
              notes: tuple[str, str]) -> InspectionAction:
    """Most are met by their due date, a few late; what is not met by the demo's end is open or in progress.
    `notes` are what to say once met, and while in progress."""
    due = action.due_on or started + timedelta(days=90)
    span = max(7, (due - started).days)
    met = started + timedelta(days=rng.randint(7, span) if rng.random() < 0.85 else span + rng.randint(1, 45))
    if met <= ctx.last_day:
        return replace(action, status=ActionStatus.MET, completed_on=met, progress=notes[0])
    if (ctx.last_day - started).days >= 7:
        return replace(action, status=ActionStatus.IN_PROGRESS, progress=notes[1])
    return action


def _actions(ctx: DemoHome, rng: random.Random, inspection: Inspection, first_number: int) -> list[InspectionAction]:
    requirements, recommendations = _asked(rng, inspection)
    chosen = [(ActionKind.REQUIREMENT, r) for r in rng.sample(text.REQUIREMENTS, requirements)]
    chosen += [(ActionKind.RECOMMENDATION, r) for r in rng.sample(text.INSPECTION_RECOMMENDATIONS, recommendations)]
    met, going = rng.sample(text.ACTION_MET, len(text.ACTION_MET)), rng.sample(text.ACTION_PROGRESS,
                                                                             len(text.ACTION_PROGRESS))
    notes = [(met[i % len(met)], going[i % len(going)]) for i in range(len(chosen))]  # different ones where they can
    found = []
    for number, (kind, (regulation, words)) in enumerate(chosen, start=first_number):
        # a requirement is to be met by a date; a recommendation often has none
        weeks = rng.choice((4, 6, 8, 12)) if kind is ActionKind.REQUIREMENT or rng.random() < 0.5 else None
        due = inspection.started_on + timedelta(weeks=weeks) if weeks else None
        action = InspectionAction(home_id=ctx.home.id, ref=f"IA-{number:03d}", inspection_id=inspection.id,
                                  kind=kind, text=words, regulation=regulation, due_on=due)
        found.append(_progress(ctx, rng, action, inspection.started_on, notes[number - first_number]))
    return found


# --- the dialogue with Ofsted (Narey rec 19) -----------------------------------------------------------

def _contact(ctx: DemoHome, rng: random.Random, day: date, phase: DialoguePhase, words: tuple[str, str, str],
             channel: str, with_whom: str) -> OfstedContact:
    topic, summary, follow_up = words
    done = day + timedelta(days=rng.randint(1, 28)) if follow_up and rng.random() > 0.12 else None
    return OfstedContact(home_id=ctx.home.id, ref="", occurred_on=day, phase=phase, with_whom=with_whom,
                         channel=channel, topic=topic, summary=summary, follow_up=follow_up,
                         follow_up_done_on=done if done and done <= ctx.last_day else None)


def _around_inspection(ctx: DemoHome, rng: random.Random, inspection: Inspection, required: bool) -> list:
    """The start and the feedback during the inspection; afterwards the draft report, publication, action plan."""
    lead = text.REGULATORS[0]
    start, feedback = text.CONTACTS_DURING
    accuracy, published, plan = text.CONTACTS_AFTER
    after = inspection.started_on + timedelta(days=_INSPECTION_DAYS)
    planned = [(inspection.started_on, DialoguePhase.DURING, start, "Inspection visit"),
               (after, DialoguePhase.DURING, feedback, "Meeting"),
               (after + timedelta(days=rng.randint(7, 12)), DialoguePhase.AFTER, accuracy, "Email")]
    if inspection.published_on is not None:
        planned.append((inspection.published_on, DialoguePhase.AFTER, published, "Online portal"))
    if required:
        planned.append((after + timedelta(days=rng.randint(14, 28)), DialoguePhase.AFTER, plan, "Email"))
    return [_contact(ctx, rng, day, phase, words, channel, lead)
            for day, phase, words, channel in planned if day <= ctx.last_day]


def _phase(day: date, inspected: list[Inspection]) -> DialoguePhase | None:
    """Where a contact falls against the inspections: None during one (the inspection's own contacts cover it)."""
    offsets = [(day - i.started_on).days for i in inspected]
    if any(-1 <= days <= _INSPECTION_DAYS + 1 for days in offsets):
        return None
    if any(-30 <= days < 0 for days in offsets):
        return DialoguePhase.BEFORE
    if any(0 < days <= 60 for days in offsets):
        return DialoguePhase.AFTER
    return DialoguePhase.BETWEEN


def _other_contacts(ctx: DemoHome, rng: random.Random, inspected: list[Inspection], count: int) -> list:
    span = (ctx.last_day - ctx.first_day).days
    found = []
    while len(found) < count:
        day = ctx.first_day + timedelta(days=rng.randint(0, span))
        if (phase := _phase(day, inspected)) is not None:
            found.append(_contact(ctx, rng, day, phase, rng.choice(text.CONTACTS_BETWEEN), rng.choice(_CHANNELS),
                                  rng.choice(text.REGULATORS)))
    return found


def contacts(ctx: DemoHome, rng: random.Random, inspected: list[Inspection],
             actions: list[InspectionAction]) -> list[OfstedContact]:
    required = {a.inspection_id for a in actions if a.kind is ActionKind.REQUIREMENT}
    found = [c for i in inspected for c in _around_inspection(ctx, rng, i, i.id in required)]
    low, high = _CONTACTS_PER_YEAR[ctx.index == 0]
    wanted = round(rng.randint(low, high) * ((ctx.last_day - ctx.first_day).days + 1) / 365)
    found += _other_contacts(ctx, rng, inspected, max(0, wanted - len(found)))
    found.sort(key=lambda c: (c.occurred_on, c.topic))
    return [replace(c, ref=f"OC-{n:03d}") for n, c in enumerate(found, start=1)]


def make_inspections(ctx: DemoHome, rng: random.Random) -> None:
    """The inspections, what each asked of the home with its progress, and the dialogue log, with audit rows."""
    ws, now = ctx.ws, ctx.ws.now()
    inspected = ws.inspections.insert_many(checked(inspections(ctx, rng), validate_inspection),
                                           actor=ws.actor, at=now, reason="demo data")
    actions: list[InspectionAction] = []
    for inspection in inspected:
        actions += checked(_actions(ctx, rng, inspection, len(actions) + 1),
                            lambda a, i=inspection: validate_action(a, i))
    ws.inspection_actions.insert_many(actions, actor=ws.actor, at=now, reason="demo data")
    found = checked(contacts(ctx, rng, inspected, actions), validate_contact)
    ws.contacts.insert_many(found, actor=ws.actor, at=now, reason="demo data")
    log.info("demo home %s: %d inspections, %d requirements and recommendations, %d contacts with Ofsted",
             ctx.home.id, len(inspected), len(actions), len(found))
