"""The reg 35(3) steps of a measure, their deadlines, and where each stands at a given moment."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import Enum
from typing import Mapping, NamedTuple, Union

from .local_time import add_calendar_days, require_aware
from .records import Measure, Staff
from .vocabulary import MeasureKind
from .rules import CHILD_5_DAYS, RECORD_24H, SIGNOFF_48H, Rule


class Step(Enum):
    RECORD = "record"
    SIGNOFF = "signoff"
    CHILD = "child"

    @property
    def rule(self) -> Rule:
        return {Step.RECORD: RECORD_24H, Step.SIGNOFF: SIGNOFF_48H, Step.CHILD: CHILD_5_DAYS}[self]


class State(Enum):
    ON_TIME = "on_time"  # done by the deadline
    DONE_LATE = "done_late"  # done, after the deadline
    DUE = "due"  # not done, deadline still ahead
    MISSED = "missed"  # not done, deadline passed
    UNAUTHORISED = "unauthorised"  # signed, but by someone not authorised to sign


@dataclass(frozen=True)
class StepStatus:
    step: Step
    deadline: datetime
    done_at: datetime | None
    state: State

    @property
    def late(self) -> bool:
        return self.state in (State.DONE_LATE, State.MISSED)


class MeasureSteps(NamedTuple):
    """A measure as the reg 35 checks and the Annex A counts read it, without its narrative: a provider's five years
    are 8,000 records for one compliance run (SPEC 10: under 1 s), read this way by
    storage.measures.MeasureRepository.steps_between."""

    ref: str
    child_id: int
    kind: MeasureKind
    started_at: datetime
    zone_name: str
    recorded_at: datetime
    signed_at: datetime | None
    signed_by: int | None
    signer_authorised: bool | None
    child_spoken_to_at: datetime | None
    planned_in_ehcp: bool | None

    is_restraint = Measure.is_restraint  # the domain's rule itself, not a copy of it


Stepped = Union[Measure, MeasureSteps]  # what the checks below take


def record_deadline(measure: Stepped) -> datetime:
    # reg 35(3)(a): 24 hours, elapsed time
    return measure.started_at + timedelta(hours=24)


def signoff_deadline(measure: Stepped) -> datetime:
    # reg 35(3)(b): 48 hours, elapsed time (48 real hours across a clock change)
    return measure.started_at + timedelta(hours=48)


def child_deadline(measure: Stepped) -> datetime:
    # reg 35(3)(c): 5 days, calendar days: the same local clock time 5 days later
    return add_calendar_days(measure.started_at, 5, measure.zone_name)


def _known_by(moment: datetime | None, as_at: datetime) -> datetime | None:
    """A step done after the as-at moment was not done yet at that moment."""
    return moment if moment is not None and moment <= as_at else None


def _state(deadline: datetime, done_at: datetime | None, as_at: datetime) -> State:
    if done_at is not None:
        return State.ON_TIME if done_at <= deadline else State.DONE_LATE
    return State.MISSED if as_at > deadline else State.DUE


def signer_was_authorised(measure: Stepped, staff: Mapping[int, Staff]) -> bool:
    """reg 35(3)(b): whether the signature was by an authorised person, as it stood when they signed.

    The record keeps that with the signature; only a record that does not (none should) falls back on the
    signer's authorisation today.
    """
    if measure.signed_by is None:
        return False
    if measure.signer_authorised is not None:
        return measure.signer_authorised
    signer = staff.get(measure.signed_by)
    return bool(signer and signer.authorised_signoff)


def step_statuses(measure: Stepped, as_at: datetime, signer_authorised: bool) -> list[StepStatus]:
    """The three steps as they stood at `as_at`; none for a measure planned in an EHC plan (reg 35(4))."""
    require_aware(as_at)
    if measure.planned_in_ehcp:
        return []
    statuses = []
    for step, deadline, done_at in (
        (Step.RECORD, record_deadline(measure), measure.recorded_at),
        (Step.SIGNOFF, signoff_deadline(measure), measure.signed_at),
        (Step.CHILD, child_deadline(measure), measure.child_spoken_to_at),
    ):
        known = _known_by(done_at, as_at)
        state = _state(deadline, known, as_at)
        if step is Step.SIGNOFF and known is not None and not signer_authorised:
            state = State.UNAUTHORISED
        statuses.append(StepStatus(step, deadline, known, state))
    return statuses
