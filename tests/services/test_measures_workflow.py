"""The reg 35 workflow in services.measures: record, amend, sign off, speak to the child, addenda."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone

import pytest

from inspect_app.domain.errors import UserFacingError, ValidationFailed
from inspect_app.domain.records import Child, Home, Measure, Staff
from inspect_app.domain.vocabulary import MeasureKind, Position, StaffRole
from inspect_app.services import measures as workflow
from inspect_app.services import registers

UTC = timezone.utc
HOUR = timedelta(hours=1)


def typed(home, child, *staff, **changes) -> Measure:
    """What a care worker types into the form: complete, with a recorded_at the program must ignore."""
    values = dict(
        home_id=home.id, ref="", child_id=child.id, kind=MeasureKind.RESTRAINT,
        started_at=datetime(2026, 11, 22, 9, 0, tzinfo=UTC), recorded_at=datetime(2020, 1, 1, tzinfo=UTC),
        duration_minutes=5, location="Lounge", behaviour="Kicked a door and a peer", avoidance_steps="Talked; space",
        description="Two-person seated hold", position=Position.SEATED, holds=("Seated double elbow",),
        used_by=tuple(s.id for s in staff), effectiveness="Calm after five minutes", injury=False,
    )
    values.update(changes)
    return Measure(**values)


def fields(error: ValidationFailed) -> list[str]:
    return [p.field for p in error.problems]


def audit_rows(ws, entity_id: int) -> list[dict]:
    return ws.db.query("SELECT * FROM audit WHERE entity = 'measure' AND entity_id = ? ORDER BY id", (entity_id,))


@pytest.fixture
def recorded(ws, home, amy, sam, kim):
    return workflow.record_measure(ws, typed(home, amy, kim))


@pytest.fixture
def signed(ws, recorded, sam, clock):
    clock.set(clock() + HOUR)
    return workflow.sign_off(ws, recorded.id, sam.id, user_spoken_to_at=clock() - timedelta(minutes=30))


@pytest.fixture
def other_home(ws):
    home = registers.create_home(ws, Home(urn="SC765432", name="Elm Lodge"))
    child = registers.save_child(ws, Child(home_id=home.id, ref="C-01", first_name="Eli", last_name="Moss",
                                           admitted_on=date(2025, 1, 1)))
    boss = registers.save_staff(ws, Staff(home_id=home.id, ref="S-01", full_name="Ola Ray",
                                          role=StaffRole.REGISTERED_MANAGER, authorised_signoff=True))
    return home, child, boss


# record_measure ----------------------------------------------------------------------------

def test_the_record_time_is_taken_from_the_clock_not_typed(ws, recorded, clock):
    assert recorded.recorded_at == clock()
    assert ws.measures.get(recorded.id).recorded_at == datetime(2026, 11, 22, 12, 0, tzinfo=UTC)
    assert recorded.ref == "R-0001"


def test_typed_signoff_and_child_steps_are_not_taken_from_a_new_record(ws, home, amy, sam, kim):
    m = typed(home, amy, kim, signed_at=datetime(2026, 11, 22, 10, 0, tzinfo=UTC), signed_by=sam.id,
              user_spoken_to_at=datetime(2026, 11, 22, 10, 0, tzinfo=UTC),
              child_spoken_to_at=datetime(2026, 11, 22, 11, 0, tzinfo=UTC), child_spoken_to_by=sam.id)
    saved = ws.measures.get(workflow.record_measure(ws, m).id)
    assert (saved.signed_at, saved.signed_by, saved.user_spoken_to_at, saved.child_spoken_to_at) == (None,) * 4
    assert not saved.locked


def test_recording_is_audited_once_with_the_actor_and_the_clock(ws, recorded):
    rows = audit_rows(ws, recorded.id)
    assert [(r["action"], r["actor"], r["at"]) for r in rows] == [("create", "tester", "2026-11-22T12:00:00Z")]


def test_an_incomplete_record_is_refused_with_every_problem_named(ws, home, amy):
    m = typed(home, amy, location="", behaviour=" ", avoidance_steps="", description="", effectiveness="",
              duration_minutes=None, injury=None, position=None, holds=())
    with pytest.raises(ValidationFailed) as caught:
        workflow.record_measure(ws, m)
    assert sorted(fields(caught.value)) == sorted([
        "location", "behaviour", "avoidance_steps", "description", "effectiveness", "duration_minutes",
        "used_by", "injury", "position", "holds"])
    assert "reg 35(3)(a)(v)" in str(caught.value)
    assert ws.measures.count(home.id) == 0


def test_a_start_in_the_future_is_refused(ws, home, amy, kim, clock):
    with pytest.raises(ValidationFailed) as caught:
        workflow.record_measure(ws, typed(home, amy, kim, started_at=clock() + timedelta(minutes=1)))
    assert fields(caught.value) == ["started_at"]
    assert "future" in str(caught.value)
    workflow.record_measure(ws, typed(home, amy, kim, started_at=clock()))  # now itself is fine


def test_a_reference_already_used_is_refused(ws, home, amy, kim, recorded):
    with pytest.raises(ValidationFailed) as caught:
        workflow.record_measure(ws, typed(home, amy, kim, ref=recorded.ref))
    assert fields(caught.value) == ["incident_ref"]


def test_a_child_not_living_there_that_day_is_refused(ws, home, amy, kim):
    with pytest.raises(ValidationFailed) as caught:
        workflow.record_measure(ws, typed(home, amy, kim, started_at=datetime(2025, 5, 31, 12, 0, tzinfo=UTC)))
    assert fields(caught.value) == ["child_ref"]


def test_a_child_or_staff_of_another_home_is_refused(ws, home, amy, kim, other_home):
    _, their_child, their_boss = other_home
    with pytest.raises(ValidationFailed) as caught:
        workflow.record_measure(ws, typed(home, their_child, kim))
    assert fields(caught.value) == ["child_ref"]
    with pytest.raises(ValidationFailed) as caught:
        workflow.record_measure(ws, typed(home, amy, kim, their_boss))
    assert fields(caught.value) == ["used_by"]


# amend_measure -----------------------------------------------------------------------------

def test_a_record_can_be_amended_before_signoff_keeping_its_first_save_time(ws, recorded, clock):
    clock.set(clock() + 2 * HOUR)
    amended = workflow.amend_measure(ws, replace(recorded, location="Kitchen", recorded_at=clock()),
                                     reason="wrong room")
    got = ws.measures.get(recorded.id)
    assert got.location == "Kitchen" and got == amended
    assert got.recorded_at == recorded.recorded_at
    last = audit_rows(ws, recorded.id)[-1]
    assert (last["action"], last["reason"], last["at"]) == ("update", "wrong room", "2026-11-22T14:00:00Z")
    assert json.loads(last["before"])["location"] == "Lounge"


def test_an_amendment_is_checked_like_a_new_record(ws, recorded, clock):
    with pytest.raises(ValidationFailed) as caught:
        workflow.amend_measure(ws, replace(recorded, avoidance_steps=""))
    assert fields(caught.value) == ["avoidance_steps"]
    with pytest.raises(ValidationFailed) as caught:
        workflow.amend_measure(ws, replace(recorded, started_at=clock() + HOUR))
    assert fields(caught.value) == ["started_at"]
    assert ws.measures.get(recorded.id) == recorded


def test_an_amendment_cannot_sign_the_record(ws, recorded, sam, clock):
    sneaky = replace(recorded, signed_at=clock(), signed_by=sam.id, user_spoken_to_at=clock())
    workflow.amend_measure(ws, sneaky)
    assert not ws.measures.get(recorded.id).locked


# sign_off ----------------------------------------------------------------------------------

def test_signoff_by_an_authorised_person_locks_the_record(ws, signed, sam, clock):
    got = ws.measures.get(signed.id)
    assert got.locked and got.signed_by == sam.id and got.signed_at == clock()
    assert got.user_spoken_to_at == clock() - timedelta(minutes=30)
    assert audit_rows(ws, signed.id)[-1]["action"] == "sign_off"


def test_signoff_by_someone_not_authorised_is_refused(ws, recorded, kim, clock):
    with pytest.raises(ValidationFailed) as caught:
        workflow.sign_off(ws, recorded.id, kim.id, user_spoken_to_at=clock())
    assert fields(caught.value) == ["signed_by"]
    assert "Kim Patel is not authorised" in str(caught.value) and "reg 35(3)(b)" in str(caught.value)
    assert not ws.measures.get(recorded.id).locked


def test_signoff_by_an_authorised_person_of_another_home_is_refused(ws, recorded, other_home, clock):
    _, _, their_boss = other_home
    with pytest.raises(ValidationFailed) as caught:
        workflow.sign_off(ws, recorded.id, their_boss.id, user_spoken_to_at=clock())
    assert fields(caught.value) == ["signed_by"]
    assert not ws.measures.get(recorded.id).locked


def test_signoff_by_someone_who_has_left_is_refused(ws, recorded, sam, clock):
    registers.save_staff(ws, replace(sam, left_on=date(2026, 11, 21)))
    with pytest.raises(ValidationFailed) as caught:
        workflow.sign_off(ws, recorded.id, sam.id, user_spoken_to_at=clock())
    assert "has left" in str(caught.value)


@pytest.mark.parametrize("offset", [-4 * HOUR, HOUR])  # before the 09:00 start; after "now"
def test_the_conversation_with_staff_must_fall_between_the_start_and_now(ws, recorded, sam, clock, offset):
    when = recorded.started_at + offset if offset < timedelta(0) else clock() + offset
    with pytest.raises(ValidationFailed) as caught:
        workflow.sign_off(ws, recorded.id, sam.id, user_spoken_to_at=when)
    assert fields(caught.value) == ["user_spoken_to_at"]


def test_an_incomplete_imported_record_cannot_be_signed(ws, home, amy, sam, clock):
    bare = ws.measures.insert(Measure(home_id=home.id, ref="R-0100", child_id=amy.id, kind=MeasureKind.SANCTION,
                                      started_at=clock() - HOUR, recorded_at=clock()), actor="import", at=clock())
    with pytest.raises(ValidationFailed) as caught:
        workflow.sign_off(ws, bare.id, sam.id, user_spoken_to_at=clock())
    assert fields(caught.value) == ["record"]


def test_a_signed_record_cannot_be_signed_again(ws, signed, sam, clock):
    with pytest.raises(UserFacingError, match="already signed off"):
        workflow.sign_off(ws, signed.id, sam.id, user_spoken_to_at=clock())


def test_amending_after_signoff_is_refused_with_the_addendum_message(ws, signed):
    with pytest.raises(UserFacingError) as caught:
        workflow.amend_measure(ws, replace(signed, location="Garden"), reason="typo")
    assert not isinstance(caught.value, ValidationFailed)
    assert str(caught.value) == f"{signed.ref} is signed off: add an addendum with the reason instead"
    assert ws.measures.get(signed.id).location == "Lounge"


# record_child_debrief (reg 35(3)(c)) -------------------------------------------------------

def test_the_child_conversation_needs_signoff_first(ws, recorded, sam, clock):
    with pytest.raises(ValidationFailed) as caught:
        workflow.record_child_debrief(ws, recorded.id, sam.id, clock(), "I was angry")
    assert fields(caught.value) == ["signed_at"]
    assert "sign the record off first" in str(caught.value)


def test_the_child_conversation_needs_the_childs_views(ws, signed, sam, clock):
    with pytest.raises(ValidationFailed) as caught:
        workflow.record_child_debrief(ws, signed.id, sam.id, clock(), "   ")
    assert fields(caught.value) == ["child_views"]


def test_the_child_conversation_is_added_to_a_signed_record(ws, signed, sam, clock):
    clock.set(clock() + timedelta(days=2))
    spoken = clock() - HOUR
    done = workflow.record_child_debrief(ws, signed.id, sam.id, spoken, "  I was angry about my phone  ")
    got = ws.measures.get(signed.id)
    assert got == done
    assert (got.child_spoken_to_at, got.child_spoken_to_by, got.child_views) == (spoken, sam.id,
                                                                                   "I was angry about my phone")
    assert got.signed_at == signed.signed_at  # the signed part did not move
    assert audit_rows(ws, signed.id)[-1]["action"] == "child_debrief"


def test_the_child_conversation_is_recorded_once(ws, signed, sam, clock):
    workflow.record_child_debrief(ws, signed.id, sam.id, clock(), "fine")
    with pytest.raises(ValidationFailed) as caught:
        workflow.record_child_debrief(ws, signed.id, sam.id, clock(), "changed my mind")
    assert fields(caught.value) == ["child_spoken_to_at"]
    assert "addendum" in str(caught.value)


def test_the_child_conversation_by_someone_not_authorised_is_refused(ws, signed, kim, clock):
    with pytest.raises(ValidationFailed) as caught:
        workflow.record_child_debrief(ws, signed.id, kim.id, clock(), "ok")
    assert fields(caught.value) == ["child_spoken_to_by"]


def test_the_child_conversation_by_an_authorised_person_of_another_home_is_refused(ws, signed, other_home, clock):
    # reg 35(3)(c): the registered person or the person they authorised; the other home's manager is neither
    _, _, their_boss = other_home
    with pytest.raises(ValidationFailed) as caught:
        workflow.record_child_debrief(ws, signed.id, their_boss.id, clock(), "ok")
    assert fields(caught.value) == ["child_spoken_to_by"]
    assert ws.measures.get(signed.id).child_spoken_to_at is None


def test_the_child_conversation_must_fall_between_the_start_and_now(ws, signed, sam, clock):
    with pytest.raises(ValidationFailed) as caught:
        workflow.record_child_debrief(ws, signed.id, sam.id, clock() + HOUR, "ok")
    assert fields(caught.value) == ["child_spoken_to_at"]


# add_addendum ------------------------------------------------------------------------------

def test_an_addendum_needs_text_and_a_reason(ws, signed):
    with pytest.raises(ValidationFailed) as caught:
        workflow.add_addendum(ws, signed.id, "  ", "")
    assert fields(caught.value) == ["text", "reason"]
    assert ws.addenda.for_measure(signed.id) == []


def test_an_addendum_is_kept_and_audited_and_the_record_is_untouched(ws, signed, clock):
    clock.set(clock() + HOUR)
    count = len(audit_rows(ws, signed.id))
    added = workflow.add_addendum(ws, signed.id, " It lasted 7 minutes, not 5. ", " clock in the lounge was slow ")
    assert ws.addenda.for_measure(signed.id) == [added]
    assert (added.text, added.reason, added.made_by, added.made_at) == (
        "It lasted 7 minutes, not 5.", "clock in the lounge was slow", "tester", clock())
    rows = audit_rows(ws, signed.id)[count:]
    assert [(r["action"], r["reason"], r["actor"]) for r in rows] == [
        ("addendum", "clock in the lounge was slow", "tester")]
    assert json.loads(rows[0]["after"])["text"] == "It lasted 7 minutes, not 5."
    assert ws.measures.get(signed.id).duration_minutes == 5
