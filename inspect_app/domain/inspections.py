"""Ofsted inspections with their judgements, what each asked of the home and its progress, and the log of contacts
with Ofsted (Narey recommendations 18 to 20 and 22), with the checks every such record must pass."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .errors import Problem
from .validation import check_ref, year_problems
from .vocabulary import (ActionKind, ActionStatus, DialoguePhase, InspectionType, InterimOutcome, Judgement)

JUDGEMENT_AREAS = (
    ("overall", "Overall experiences and progress of children and young people"),
    ("helped_protected", "How well children and young people are helped and protected"),
    ("leadership", "The effectiveness of leaders and managers"),
)


@dataclass(frozen=True)
class Inspection:
    home_id: int
    ref: str
    started_on: date
    type: InspectionType
    overall: Judgement | None = None
    helped_protected: Judgement | None = None
    leadership: Judgement | None = None
    interim_outcome: InterimOutcome | None = None
    published_on: date | None = None
    id: int | None = None

    @property
    def judged(self) -> bool:
        return any(getattr(self, name) is not None for name, _ in JUDGEMENT_AREAS)


@dataclass(frozen=True)
class InspectionAction:
    """A requirement (a regulation not met, with a date to meet it by) or a recommendation of an inspection."""

    home_id: int
    ref: str
    inspection_id: int
    kind: ActionKind
    text: str
    regulation: str = ""
    due_on: date | None = None
    status: ActionStatus = ActionStatus.OPEN
    progress: str = ""
    completed_on: date | None = None
    id: int | None = None

    def overdue_on(self, day: date) -> bool:
        return self.status is not ActionStatus.MET and self.due_on is not None and day > self.due_on


@dataclass(frozen=True)
class OfstedContact:
    """One contact with Ofsted (Narey recommendation 19: the dialogue between homes and inspectors)."""

    home_id: int
    ref: str
    occurred_on: date
    phase: DialoguePhase | None = None
    with_whom: str = ""
    channel: str = ""
    topic: str = ""
    summary: str = ""
    follow_up: str = ""
    follow_up_done_on: date | None = None
    id: int | None = None

    @property
    def follow_up_open(self) -> bool:
        return bool(self.follow_up.strip()) and self.follow_up_done_on is None


CHANNELS = ("Telephone", "Email", "Meeting", "Inspection visit", "Letter", "Online portal", "Video call")


def latest_judged(inspections: list[Inspection], as_at: date | None = None) -> Inspection | None:
    """The most recent inspection with an overall judgement (a full inspection), up to `as_at`."""
    judged = [i for i in inspections if i.overall is not None and (as_at is None or i.started_on <= as_at)]
    return max(judged, key=lambda i: (i.started_on, i.id or 0), default=None)


def latest_full(inspections: list[Inspection], as_at: date | None = None) -> Inspection | None:
    full = [i for i in inspections if i.type is InspectionType.FULL and (as_at is None or i.started_on <= as_at)]
    return max(full, key=lambda i: (i.started_on, i.id or 0), default=None)


def last_completed_full(inspections: list[Inspection], today: date) -> Inspection | None:
    """"The last full inspection" that Annex A counts from, as it stands on `today`: the latest whose report is
    published. With no publication dates recorded, the latest started before today. An inspection under way (the
    one whose inspectors are asking for Annex A now) is never it."""
    full = [i for i in inspections if i.type is InspectionType.FULL and i.started_on < today]
    published = [i for i in full if i.published_on is not None and i.published_on <= today]
    if any(i.published_on is not None for i in full):
        full = published
    return max(full, key=lambda i: (i.started_on, i.id or 0), default=None)


# Narey recommendation 22: "requires improvement to be good" means an adequate home, and should say so.
ADEQUATE_HOME = ("Ofsted's latest overall judgement of this home is \u201crequires improvement to be good\u201d. In "
                 "plain words, this is an adequate home, with things to improve before it is good (Narey "
                 "recommendation 22).")


def adequate_home_note(inspections: list[Inspection], as_at: date | None = None) -> str:
    """The plain statement of rec 22 when the latest overall judgement is "requires improvement to be good"."""
    latest = latest_judged(inspections, as_at)
    return ADEQUATE_HOME if latest is not None and latest.overall is Judgement.REQUIRES_IMPROVEMENT else ""


# checks --------------------------------------------------------------------------------------------------

def validate_inspection(inspection: Inspection) -> list[Problem]:
    if found := year_problems(inspection):
        return found
    problems = check_ref(inspection.ref, "inspection_ref")
    judged = [name for name, _ in JUDGEMENT_AREAS if getattr(inspection, name) is not None]
    if judged and inspection.type is not InspectionType.FULL:
        kind = inspection.type.label.lower()
        article = "an" if kind[0] in "aeiou" else "a"
        problems += [Problem(name, f"only a full inspection gives judgements; this is {article} {kind} inspection")
                     for name in judged]
    if inspection.interim_outcome is not None and inspection.type is not InspectionType.INTERIM:
        problems.append(Problem("interim_outcome", "only an interim inspection has an interim outcome"))
    # SCCIF: if help and protection is inadequate, the overall experiences and progress judgement is inadequate
    if (inspection.helped_protected is Judgement.INADEQUATE and inspection.overall is not None
            and inspection.overall is not Judgement.INADEQUATE):
        problems.append(Problem("overall", "when help and protection is judged inadequate, the overall judgement "
                                           "is inadequate too (Ofsted's framework)"))
    if inspection.published_on and inspection.published_on < inspection.started_on:
        problems.append(Problem("published_on", "the report is published before the inspection started"))
    return problems


def validate_action(action: InspectionAction, inspection: Inspection | None) -> list[Problem]:
    if found := year_problems(action):
        return found
    problems = check_ref(action.ref, "ref")
    if inspection is None:
        problems.append(Problem("inspection", "choose the inspection that made it"))
    if not action.text.strip():
        problems.append(Problem("text", f"write the {action.kind.label.lower()} as the report gives it"))
    if inspection is not None and action.due_on and action.due_on < inspection.started_on:
        problems.append(Problem("due_on", "the due date is before the inspection"))
    if action.completed_on is not None and action.status is not ActionStatus.MET:
        problems.append(Problem("completed_on", "a completion date goes with the status \u201cmet\u201d"))
    if inspection is not None and action.completed_on and action.completed_on < inspection.started_on:
        problems.append(Problem("completed_on", "completed before the inspection"))
    return problems


def validate_contact(contact: OfstedContact) -> list[Problem]:
    if found := year_problems(contact):
        return found
    problems = check_ref(contact.ref, "contact_ref")
    if contact.follow_up_done_on and not contact.follow_up.strip():
        problems.append(Problem("follow_up", "say what the follow-up was"))
    if contact.follow_up_done_on and contact.follow_up_done_on < contact.occurred_on:
        problems.append(Problem("follow_up_done_on", "the follow-up is dated before the contact"))
    return problems
