"""Keeping the rota and the key-time windows through the services: who may, overlaps refused by name, another home's
staff refused, history kept in the audit trail (schedule 4 keeps planned and worked), windows set and checked."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, datetime, time

import pytest

from inspect_app.domain.errors import ValidationFailed
from inspect_app.domain.local_time import from_wall_time
from inspect_app.domain.records import Home, Staff
from inspect_app.domain.roles import NotPermitted, Role
from inspect_app.domain.rota import DEFAULT_WINDOWS, KeyTimeWindow, Shift
from inspect_app.domain.vocabulary import ShiftType, StaffRole, WindowDays
from inspect_app.services import registers, rota
from inspect_app.services.verify import verify
from tests.conftest import signed_in_as
from inspect_app.storage import audit

DAY = date(2026, 11, 17)


def wall(hh: int, mm: int = 0, day: date = DAY) -> datetime:
    return from_wall_time(datetime.combine(day, time(hh, mm)))


def day_shift(home, person, start: int = 8, end: int = 20, **kw) -> Shift:
    return Shift(home.id, person.id, kw.pop("kind", ShiftType.DAY), wall(start), wall(end), **kw)



# shifts ---------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("role", [Role.CARE_STAFF, Role.PROVIDER_VIEWER])
def test_care_staff_and_provider_viewers_cannot_keep_the_rota(ws, home, sam, role):
    other = signed_in_as(ws, home, role)
    try:
        with pytest.raises(NotPermitted):
            rota.save_shift(other, day_shift(home, sam))
    finally:
        other.close()
    assert ws.shifts.for_home(home.id) == []


@pytest.mark.parametrize("role", [Role.SENIOR, Role.MANAGER])
def test_seniors_and_managers_keep_the_rota(ws, home, sam, role):
    other = signed_in_as(ws, home, role)
    try:
        saved = rota.save_shift(other, day_shift(home, sam))
    finally:
        other.close()
    assert ws.shifts.get(saved.id) == saved
    assert audit.history(ws.db, "shift", saved.id)[0]["actor"] == "other"


def test_the_responsible_individual_keeps_the_rota(ws, home, sam):
    saved = rota.save_shift(ws, day_shift(home, sam))
    assert saved.id is not None and ws.shifts.at(home.id, sam.id, wall(8)) == saved


def test_an_overlapping_shift_is_refused_naming_the_person_and_the_other_shift(ws, home, sam, kim):
    rota.save_shift(ws, day_shift(home, sam))
    with pytest.raises(ValidationFailed) as caught:
        rota.save_shift(ws, day_shift(home, sam, 19, 23, kind=ShiftType.LATE))
    assert [str(p) for p in caught.value.problems] == [
        "planned_start: Sam Jones is already on a day shift from 17/11/2026 08:00 that overlaps this one"]
    rota.save_shift(ws, day_shift(home, sam, 20, 23, kind=ShiftType.LATE))  # back to back
    rota.save_shift(ws, day_shift(home, kim, 19, 23, kind=ShiftType.LATE))  # someone else
    assert len(ws.shifts.for_home(home.id)) == 3


def test_an_overlap_in_the_times_worked_is_refused_when_both_are_recorded(ws, home, sam):
    day = rota.save_shift(ws, day_shift(home, sam))
    late = rota.save_shift(ws, day_shift(home, sam, 20, 23, kind=ShiftType.LATE))
    # the late's own times are not recorded yet: the day that ran on to 21:00 is not held against its plan
    day = rota.save_shift(ws, replace(day, actual_start=wall(8), actual_end=wall(21)))
    with pytest.raises(ValidationFailed) as caught:
        rota.save_shift(ws, replace(late, actual_start=wall(20, 30), actual_end=wall(23)))
    assert [str(p) for p in caught.value.problems] == [
        "actual_start: the times worked overlap those of Sam Jones's day shift, worked from 17/11/2026 08:00 to "
        "17/11/2026 21:00"]
    assert ws.shifts.get(late.id).actual_start is None
    rota.save_shift(ws, replace(late, actual_start=wall(21), actual_end=wall(23)))  # from when the day ended


def test_a_shift_from_the_day_someone_left_is_refused(ws, home):
    lee = registers.save_staff(ws, Staff(home_id=home.id, ref="S-04", full_name="Lee Leaving",
                                         role=StaffRole.CARE_WORKER, left_on=DAY))
    with pytest.raises(ValidationFailed) as caught:
        rota.save_shift(ws, day_shift(home, lee))
    assert [str(p) for p in caught.value.problems] == [
        "staff_ref: Lee Leaving left on 17/11/2026: a shift from that day on cannot be theirs. Choose someone still "
        "here, or correct the leaving date in the staff register"]
    # the day is the home's date of the planned start: a night from the evening before is still theirs
    night = Shift(home.id, lee.id, ShiftType.WAKING_NIGHT, from_wall_time(datetime(2026, 11, 16, 22)), wall(7))
    assert rota.save_shift(ws, night).id is not None
    assert len(ws.shifts.for_home(home.id)) == 1


def test_another_homes_staff_cannot_be_put_on_this_homes_rota(ws, home, sam):
    elm = registers.create_home(ws, Home(urn="SC654321", name="Elm House"))
    theirs = registers.save_staff(ws, Staff(home_id=elm.id, ref="E-01", full_name="Eve Green",
                                            role=StaffRole.CARE_WORKER))
    with pytest.raises(ValidationFailed) as caught:
        rota.save_shift(ws, day_shift(home, theirs))
    assert [p.field for p in caught.value.problems] == ["staff_ref"]
    elm_shift = rota.save_shift(ws, day_shift(elm, theirs))
    with pytest.raises(NotPermitted, match="another home"):
        rota.save_shift(ws, replace(elm_shift, home_id=home.id, staff_id=sam.id))
    assert ws.shifts.get(elm_shift.id).home_id == elm.id


def test_a_bad_shift_is_refused_with_every_problem(ws, home, sam):
    with pytest.raises(ValidationFailed) as caught:
        rota.save_shift(ws, day_shift(home, sam, 20, 8, actual_start=wall(8)))
    assert [p.field for p in caught.value.problems] == ["planned_end", "actual_end"]


def test_a_shift_changed_after_it_was_worked_keeps_its_history(ws, home, sam, clock):
    planned = rota.save_shift(ws, day_shift(home, sam))
    worked = rota.save_shift(ws, replace(planned, actual_start=wall(8, 10), actual_end=wall(20, 30)),
                             reason="times worked")
    rota.save_shift(ws, replace(worked, actual_end=wall(21)), reason="stayed for a handover")
    trail = audit.history(ws.db, "shift", planned.id)
    assert [(r["action"], r["reason"]) for r in trail] == [
        ("create", ""), ("update", "times worked"), ("update", "stayed for a handover")]
    befores = [json.loads(r["before"]) for r in trail[1:]]
    afters = [json.loads(r["after"]) for r in trail]
    assert befores[0]["actual_end"] is None and afters[1]["actual_end"] == "2026-11-17T20:30:00Z"
    assert befores[1]["actual_end"] == "2026-11-17T20:30:00Z" and afters[2]["actual_end"] == "2026-11-17T21:00:00Z"
    assert afters[0]["planned_end"] == afters[2]["planned_end"] == "2026-11-17T20:00:00Z"  # the plan is kept
    assert verify(ws) == []


# key-time windows ------------------------------------------------------------------------------------------

CHOSEN = [
    KeyTimeWindow("school run", time(7, 30), time(9), 2, WindowDays.WEEKDAYS),
    KeyTimeWindow("overnight", time(23), time(7), 2, WindowDays.ALL, sleep_in_counts=True),
]


def test_a_home_has_the_default_windows_until_it_sets_its_own(ws, home):
    assert rota.key_time_windows(ws, home) == list(DEFAULT_WINDOWS)
    assert [(w.name, w.start, w.end, w.min_staff) for w in DEFAULT_WINDOWS] == [
        ("morning", time(7), time(9, 30), 2), ("after school", time(15, 30), time(18), 2),
        ("evening", time(18), time(22, 30), 2), ("night", time(22, 30), time(7), 1)]


def test_setting_windows_replaces_them_all_and_is_audited(ws, home):
    rota.set_key_time_windows(ws, home, list(DEFAULT_WINDOWS))
    rota.set_key_time_windows(ws, home, [replace(CHOSEN[0], name="  school run "), CHOSEN[1]], reason="new rota")
    assert rota.key_time_windows(ws, home) == CHOSEN
    rows = ws.db.query("SELECT actor, home_id, before, after, reason FROM audit WHERE entity = 'setting' ORDER BY id")
    assert [(r["actor"], r["home_id"], r["reason"]) for r in rows] == [
        ("tester", home.id, "key-time windows"), ("tester", home.id, "new rota")]
    last = json.loads(rows[-1]["after"])
    assert last["key"] == "key_times" and [w["name"] for w in last["value"]] == ["school run", "overnight"]
    assert last["value"][1] == {"name": "overnight", "start": "23:00", "end": "07:00", "min_staff": 2, "days": "all",
                                "sleep_in_counts": True}
    assert [w["name"] for w in json.loads(rows[-1]["before"])["value"]] == [w.name for w in DEFAULT_WINDOWS]
    elm = registers.create_home(ws, Home(urn="SC654321", name="Elm House"))
    assert rota.key_time_windows(ws, elm) == list(DEFAULT_WINDOWS)  # one home's windows are its own


def test_windows_are_checked_before_any_is_kept(ws, home):
    bad = [KeyTimeWindow("", time(9), time(9), 1), replace(CHOSEN[0], min_staff=60), CHOSEN[1],
           replace(CHOSEN[1], name="OVERNIGHT ")]
    with pytest.raises(ValidationFailed) as caught:
        rota.set_key_time_windows(ws, home, bad)
    assert [str(p) for p in caught.value.problems] == [
        "window: give the window a name", "end: the window starts and ends at the same time",
        "min_staff: school run: the minimum staff must be from 0 to 50", "window: OVERNIGHT is named twice"]
    with pytest.raises(ValidationFailed, match="at least one"):
        rota.set_key_time_windows(ws, home, [])
    assert rota.key_time_windows(ws, home) == list(DEFAULT_WINDOWS)


def test_only_managers_and_responsible_individuals_set_windows(ws, home):
    senior = signed_in_as(ws, home, Role.SENIOR)
    try:
        with pytest.raises(NotPermitted):
            rota.set_key_time_windows(senior, home, CHOSEN)
        assert rota.key_time_windows(senior, home) == list(DEFAULT_WINDOWS)
    finally:
        senior.close()


def test_an_outside_edit_of_the_windows_is_found(ws, home):
    rota.set_key_time_windows(ws, home, CHOSEN)
    assert verify(ws) == []
    stored = [rota.window_to_json(replace(w, min_staff=0)) for w in CHOSEN]
    ws.db.execute("UPDATE settings SET value = ? WHERE key = 'key_times'", (json.dumps(stored),))
    assert any("key_times" in p and "differs" in p for p in verify(ws))


def test_windows_round_trip_through_their_stored_form():
    for w in [*DEFAULT_WINDOWS, *CHOSEN]:
        assert rota.window_from_json(rota.window_to_json(w)) == w
