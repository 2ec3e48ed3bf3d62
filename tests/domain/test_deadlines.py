"""The reg 35(3) deadlines: 24 and 48 hours of elapsed time, 5 calendar days, and where each step stands."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from inspect_app.domain.deadlines import (
    State,
    Step,
    child_deadline,
    record_deadline,
    signoff_deadline,
    step_statuses,
)
from inspect_app.domain.local_time import from_wall_time, to_local
from inspect_app.domain.records import Measure
from inspect_app.domain.vocabulary import MeasureKind

UTC = timezone.utc
MINUTE = timedelta(minutes=1)


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=UTC)


def measure(started_at: datetime, **changes) -> Measure:
    values = dict(home_id=1, ref="R-0001", child_id=1, kind=MeasureKind.RESTRAINT, started_at=started_at,
                  recorded_at=started_at + timedelta(hours=1))
    values.update(changes)
    return Measure(**values)


def statuses(m: Measure, as_at: datetime, authorised: bool = True) -> dict[Step, object]:
    return {s.step: s for s in step_statuses(m, as_at, authorised)}


def local_text(moment: datetime) -> str:
    return to_local(moment).strftime("%d/%m/%Y %H:%M %Z")


# the deadlines themselves --------------------------------------------------------------------

def test_48_hours_across_the_october_change_are_48_real_hours():
    start = from_wall_time(datetime(2026, 10, 24, 12, 0))  # 12:00 BST = 11:00 UTC
    m = measure(start)
    assert signoff_deadline(m) == utc(2026, 10, 26, 11, 0)
    assert local_text(signoff_deadline(m)) == "26/10/2026 11:00 GMT"
    assert record_deadline(m) == utc(2026, 10, 25, 11, 0)
    assert local_text(record_deadline(m)) == "25/10/2026 11:00 GMT"


def test_48_hours_across_the_march_change_are_48_real_hours():
    start = from_wall_time(datetime(2026, 3, 28, 12, 0))  # 12:00 GMT = 12:00 UTC
    m = measure(start)
    assert signoff_deadline(m) == utc(2026, 3, 30, 12, 0)
    assert local_text(signoff_deadline(m)) == "30/03/2026 13:00 BST"
    assert local_text(record_deadline(m)) == "29/03/2026 13:00 BST"


def test_five_days_are_calendar_days_at_the_same_local_clock_time():
    october = measure(from_wall_time(datetime(2026, 10, 22, 18, 15)))
    assert local_text(child_deadline(october)) == "27/10/2026 18:15 GMT"
    assert child_deadline(october) - october.started_at == timedelta(days=5, hours=1)
    march = measure(from_wall_time(datetime(2026, 3, 27, 18, 15)))
    assert local_text(child_deadline(march)) == "01/04/2026 18:15 BST"
    assert child_deadline(march) - march.started_at == timedelta(days=5, hours=-1)


# where a step stands -------------------------------------------------------------------------

START = from_wall_time(datetime(2026, 10, 24, 12, 0))
AFTER_ALL = START + timedelta(days=30)


@pytest.mark.parametrize("step, field, deadline", [
    (Step.RECORD, "recorded_at", START + timedelta(hours=24)),
    (Step.SIGNOFF, "signed_at", START + timedelta(hours=48)),
    (Step.CHILD, "child_spoken_to_at", utc(2026, 10, 29, 12, 0)),  # 12:00 GMT, five days on
])
def test_a_step_done_exactly_at_its_deadline_is_on_time_and_a_minute_later_is_late(step, field, deadline):
    extra = {"signed_by": 7} if field == "signed_at" else {}
    on_time = statuses(measure(START, **{field: deadline}, **extra), AFTER_ALL)[step]
    assert on_time.deadline == deadline
    assert on_time.state is State.ON_TIME and not on_time.late
    late = statuses(measure(START, **{field: deadline + MINUTE}, **extra), AFTER_ALL)[step]
    assert late.state is State.DONE_LATE and late.late
    assert late.done_at == deadline + MINUTE


def test_a_step_not_done_is_due_up_to_its_deadline_and_missed_after():
    m = measure(START)  # recorded, not signed, child not spoken to
    deadline = START + timedelta(hours=48)
    assert statuses(m, deadline)[Step.SIGNOFF].state is State.DUE
    assert statuses(m, deadline - MINUTE)[Step.SIGNOFF].state is State.DUE
    missed = statuses(m, deadline + MINUTE)[Step.SIGNOFF]
    assert missed.state is State.MISSED and missed.late and missed.done_at is None


def test_a_step_done_after_the_as_at_moment_is_not_done_yet_at_that_moment():
    signed = START + timedelta(hours=50)  # late sign-off, done after as-at below
    m = measure(START, signed_at=signed, signed_by=7)
    before_deadline = statuses(m, START + timedelta(hours=47))[Step.SIGNOFF]
    assert before_deadline.state is State.DUE and before_deadline.done_at is None
    between = statuses(m, START + timedelta(hours=49))[Step.SIGNOFF]
    assert between.state is State.MISSED and between.done_at is None
    after = statuses(m, START + timedelta(hours=51))[Step.SIGNOFF]
    assert after.state is State.DONE_LATE and after.done_at == signed


def test_the_record_itself_is_unknown_before_it_was_made():
    m = measure(START, recorded_at=START + timedelta(hours=30))
    assert statuses(m, START + timedelta(hours=10))[Step.RECORD].state is State.DUE
    assert statuses(m, START + timedelta(hours=25))[Step.RECORD].state is State.MISSED
    assert statuses(m, START + timedelta(hours=31))[Step.RECORD].state is State.DONE_LATE


def test_a_measure_planned_in_the_ehc_plan_has_no_steps():
    # reg 35(4): none of reg 35(3) applies
    m = measure(START, planned_in_ehcp=True, recorded_at=START + timedelta(days=10))
    assert step_statuses(m, AFTER_ALL, signer_authorised=False) == []


def test_an_unauthorised_signer_is_unauthorised_not_late():
    late_and_unauthorised = measure(START, signed_at=START + timedelta(hours=60), signed_by=9)
    status = statuses(late_and_unauthorised, AFTER_ALL, authorised=False)[Step.SIGNOFF]
    assert status.state is State.UNAUTHORISED
    assert not status.late
    on_time_but_unauthorised = measure(START, signed_at=START + timedelta(hours=2), signed_by=9)
    assert statuses(on_time_but_unauthorised, AFTER_ALL, authorised=False)[Step.SIGNOFF].state is State.UNAUTHORISED


def test_an_unauthorised_signature_made_after_the_as_at_moment_is_not_known_yet():
    m = measure(START, signed_at=START + timedelta(hours=10), signed_by=9)
    assert statuses(m, START + timedelta(hours=5), authorised=False)[Step.SIGNOFF].state is State.DUE


def test_authorisation_concerns_the_signoff_step_only():
    m = measure(START, signed_at=START + timedelta(hours=2), signed_by=9,
                child_spoken_to_at=START + timedelta(days=1), child_spoken_to_by=9)
    found = statuses(m, AFTER_ALL, authorised=False)
    assert found[Step.RECORD].state is State.ON_TIME
    assert found[Step.CHILD].state is State.ON_TIME


def test_every_step_cites_its_part_of_reg_35():
    assert [s.rule.citation for s in Step] == ["reg 35(3)(a)", "reg 35(3)(b)", "reg 35(3)(c)"]
    assert [s.step for s in step_statuses(measure(START), AFTER_ALL, True)] == list(Step)


def test_as_at_must_carry_a_zone():
    with pytest.raises(ValueError):
        step_statuses(measure(START), datetime(2026, 11, 1, 12, 0), True)
