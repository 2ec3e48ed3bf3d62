"""The rota's week through the services: what a week shows and in what order, coverage that agrees with the
compliance check, quick entry from the home's standard shifts, a worked shift changed only with a reason, removal,
and last week's plan copied (counts, leavers, overlaps, a clock change between the weeks), each permitted and
audited."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, datetime, time, timedelta, timezone

import pytest

from inspect_app.domain.errors import UserFacingError, ValidationFailed
from inspect_app.domain.local_time import Period, from_wall_time, to_local
from inspect_app.domain.records import Staff
from inspect_app.domain.roles import NotPermitted, Role
from inspect_app.domain.rota import Shift
from inspect_app.domain.shift_patterns import DEFAULT_STANDARD_SHIFTS, StandardShift
from inspect_app.domain.vocabulary import Absence, Employment, ShiftType, StaffRole
from inspect_app.services import compliance, registers, rota, rota_week
from inspect_app.services.verify import verify
from tests.conftest import signed_in_as
from inspect_app.storage import audit

MONDAY = date(2026, 11, 23)


def wall(day: date, hh: int, mm: int = 0) -> datetime:
    return from_wall_time(datetime.combine(day, time(hh, mm)))


def put(ws, home, person, day: date, start: int, end: int, kind=ShiftType.DAY, **kw) -> Shift:
    end_day = day + timedelta(days=1) if end <= start else day
    return rota.save_shift(ws, Shift(home.id, person.id, kind, wall(day, start), wall(end_day, end), **kw))



def staff(ws, home, ref, name, role=StaffRole.CARE_WORKER, **kw) -> Staff:
    return registers.save_staff(ws, Staff(home_id=home.id, ref=ref, full_name=name, role=role, **kw))


def test_a_week_runs_monday_to_sunday():
    assert rota_week.week_of(date(2026, 11, 26)) == Period(MONDAY, date(2026, 11, 29))
    assert rota_week.week_of(MONDAY) == rota_week.week_of(date(2026, 11, 29))


# the week read ----------------------------------------------------------------------------------------------------

def test_a_week_lists_care_staff_first_then_others_and_only_leavers_with_a_shift(ws, home, sam, kim):
    boss = staff(ws, home, "S-09", "Alex Boss", StaffRole.REGISTERED_MANAGER)
    gone = staff(ws, home, "S-03", "Gail Gone", left_on=date(2026, 11, 1))
    staff(ws, home, "S-04", "Lee Leaving", left_on=date(2026, 11, 25))  # leaves during the week: listed
    left_late = staff(ws, home, "S-05", "Ann Early", left_on=MONDAY)
    put(ws, home, left_late, MONDAY - timedelta(days=1), 22, 7, ShiftType.WAKING_NIGHT)  # ends on the Monday
    week = rota_week.read_week(ws, home, date(2026, 11, 25))
    assert [p.full_name for p in week.staff] == ["Kim Patel", "Lee Leaving", "Sam Jones", "Alex Boss"]
    assert gone not in week.staff and boss in week.staff
    # a shift that week lists them (put on before the leaving date was recorded: a mistake to see and put right)
    registers.save_staff(ws, replace(gone, left_on=None))
    put(ws, home, gone, MONDAY, 7, 15)
    registers.save_staff(ws, gone)
    assert "Gail Gone" in [p.full_name for p in rota_week.read_week(ws, home, MONDAY).staff]


def test_a_week_holds_each_persons_shifts_by_the_day_they_start(ws, home, sam, kim):
    late = put(ws, home, sam, MONDAY, 14, 22, ShiftType.LATE)
    sleep = put(ws, home, sam, MONDAY, 22, 8, ShiftType.SLEEP_IN)
    night = put(ws, home, kim, date(2026, 11, 29), 22, 7, ShiftType.WAKING_NIGHT)  # Sunday into next Monday
    put(ws, home, kim, MONDAY - timedelta(days=1), 7, 15)  # the Sunday before: not this week's
    put(ws, home, kim, MONDAY + timedelta(days=7), 7, 15)  # the Monday after: not this week's
    week = rota_week.read_week(ws, home, MONDAY)
    assert week.shifts_of(sam.id, MONDAY) == [late, sleep]
    assert week.shifts_of(kim.id, date(2026, 11, 29)) == [night]
    assert sum(len(v) for v in week.shifts.values()) == 3


def test_the_weeks_coverage_is_the_compliance_checks(ws, home, sam, kim, clock):
    for day in (MONDAY + timedelta(days=d) for d in range(7)):
        put(ws, home, sam, day, 7, 15)
        if day.weekday() < 3:
            put(ws, home, kim, day, 14, 22, ShiftType.LATE)
    put(ws, home, kim, MONDAY + timedelta(days=4), 22, 7, ShiftType.SLEEP_IN)
    week = rota_week.read_week(ws, home, MONDAY)
    assert week.coverage == rota.coverage_for(ws, home, week.period)
    report = compliance.staffing_for(ws, home, week.period, clock())
    assert [c for c in week.coverage if c.short] == report.windows_below_minimum
    assert len(week.coverage) == 28 and any(c.short for c in week.coverage)


def test_who_was_on_duty_in_a_window_says_whether_the_window_counts_them(ws, home, sam, kim):
    put(ws, home, sam, MONDAY, 14, 22, ShiftType.LATE)
    put(ws, home, kim, MONDAY, 22, 8, ShiftType.SLEEP_IN)
    week = rota_week.read_week(ws, home, MONDAY)
    night = next(c for c in week.coverage if c.day == MONDAY and c.window.name == "night")
    evening = next(c for c in week.coverage if c.day == MONDAY and c.window.name == "evening")
    assert [(s.staff_id, counted) for s, counted in week.on_duty(night)] == [(kim.id, False)]
    assert [(s.staff_id, counted) for s, counted in week.on_duty(evening)] == [(sam.id, True), (kim.id, False)]
    assert (night.on_duty, evening.on_duty) == (0, 0)  # the late leaves at 22:00, before the evening ends


def test_reading_the_week_needs_read_access(ws, home):
    other = signed_in_as(ws, home, Role.CARE_STAFF)
    try:
        with pytest.raises(NotPermitted):
            rota_week.read_week(other, home, MONDAY)
    finally:
        other.close()


# standard shifts and quick entry -------------------------------------------------------------------------------

def test_standard_shifts_are_the_usual_ones_until_the_home_sets_its_own_audited(ws, home):
    assert rota_week.standard_shifts(ws, home) == list(DEFAULT_STANDARD_SHIFTS)
    mine = [StandardShift(" e ", ShiftType.DAY, time(7, 30), time(15, 30)), DEFAULT_STANDARD_SHIFTS[3]]
    rota_week.set_standard_shifts(ws, home, mine)
    assert [s.code for s in rota_week.standard_shifts(ws, home)] == ["E", "WN"]
    row = ws.db.query("SELECT after, reason FROM audit WHERE entity = 'setting' ORDER BY id DESC LIMIT 1")[0]
    assert row["reason"] == "standard shift times"
    assert json.loads(row["after"])["value"][0] == {"code": "E", "type": "day", "start": "07:30", "end": "15:30"}
    with pytest.raises(ValidationFailed, match="used twice"):
        rota_week.set_standard_shifts(ws, home, [mine[1], mine[1]])
    assert verify(ws) == []


@pytest.mark.parametrize("role, allowed", [(Role.SENIOR, True), (Role.PROVIDER_VIEWER, False)])
def test_those_who_keep_the_rota_set_its_standard_shifts(ws, home, role, allowed):
    other = signed_in_as(ws, home, role)
    try:
        if allowed:
            rota_week.set_standard_shifts(other, home, list(DEFAULT_STANDARD_SHIFTS[:2]))
        else:
            with pytest.raises(NotPermitted):
                rota_week.set_standard_shifts(other, home, list(DEFAULT_STANDARD_SHIFTS[:2]))
    finally:
        other.close()
    assert len(rota_week.standard_shifts(ws, home)) == (2 if allowed else 5)


def test_quick_entry_puts_the_standard_shift_on_that_day(ws, home, sam):
    made = rota_week.add_standard_shift(ws, home, sam.id, MONDAY, "wn")
    assert (made.shift_type, made.planned_start, made.planned_end) == (
        ShiftType.WAKING_NIGHT, wall(MONDAY, 22), wall(MONDAY + timedelta(days=1), 7, 30))
    assert ws.shifts.get(made.id) == made


def test_quick_entry_refuses_a_day_after_the_person_left(ws, home):
    lee = staff(ws, home, "S-04", "Lee Leaving", left_on=MONDAY + timedelta(days=2))
    assert rota_week.add_standard_shift(ws, home, lee.id, MONDAY + timedelta(days=1), "D").id is not None
    with pytest.raises(ValidationFailed, match=r"^staff_ref: Lee Leaving left on 25/11/2026: a shift from that day"):
        rota_week.add_standard_shift(ws, home, lee.id, MONDAY + timedelta(days=2), "D")
    assert len(ws.shifts.for_home(home.id)) == 1


def test_a_late_that_ran_on_does_not_clash_with_the_sleep_in_after_it(ws, home, sam, clock):
    """One person's late then sleep-in, back to back; the late's times worked run 15 minutes past the sleep-in's
    planned start (an incident): recorded, as the sleep-in has no times worked yet."""
    clock.set(datetime(2026, 11, 25, 10, tzinfo=timezone.utc))
    late = rota_week.add_standard_shift(ws, home, sam.id, MONDAY, "L")
    rota_week.add_standard_shift(ws, home, sam.id, MONDAY, "SI")
    worked = rota_week.save_shift(ws, replace(late, actual_start=wall(MONDAY, 14, 30),
                                              actual_end=wall(MONDAY, 22, 45)))
    assert ws.shifts.get(late.id) == worked


def test_someone_absent_from_a_shift_can_be_swapped_onto_another_that_day(ws, home, sam):
    put(ws, home, sam, MONDAY, 7, 15, absence=Absence.OTHER)
    assert rota_week.add_standard_shift(ws, home, sam.id, MONDAY, "L").id is not None


def test_quick_entry_refuses_an_unknown_code_and_an_overlap_with_the_services_words(ws, home, sam):
    rota_week.add_standard_shift(ws, home, sam.id, MONDAY, "L")
    with pytest.raises(ValidationFailed) as caught:
        rota_week.add_standard_shift(ws, home, sam.id, MONDAY, "Q")
    assert caught.value.problems[0].message == ("Q is not a shift code here: use one of D, L, LD, WN, SI "
                                                "(Standard shift times lists them)")
    with pytest.raises(ValidationFailed, match="Sam Jones is already on a late shift from 23/11/2026 14:30"):
        rota_week.add_standard_shift(ws, home, sam.id, MONDAY, "LD")
    rota_week.add_standard_shift(ws, home, sam.id, MONDAY, "SI")  # a late then a sleep-in
    assert len(ws.shifts.for_home(home.id)) == 2


def test_quick_entry_at_a_time_the_clocks_skip_says_what_to_do(ws, home, sam):
    rota_week.set_standard_shifts(ws, home, [StandardShift("E", ShiftType.DAY, time(1, 30), time(9))])
    with pytest.raises(UserFacingError, match="no time from 01:00 to 01:59 exists.*Add the shift with Enter"):
        rota_week.add_standard_shift(ws, home, sam.id, date(2026, 3, 29), "E")
    assert ws.shifts.for_home(home.id) == []


# a shift changed or removed ------------------------------------------------------------------------------------------

def test_a_change_to_what_was_worked_needs_a_reason_kept_in_the_trail(ws, home, sam, clock):
    clock.set(datetime(2026, 11, 24, 12, tzinfo=timezone.utc))
    planned = put(ws, home, sam, MONDAY, 7, 15)
    worked = rota_week.save_shift(ws, replace(planned, actual_start=wall(MONDAY, 7, 5),
                                              actual_end=wall(MONDAY, 15, 40)))  # first recorded: no reason
    with pytest.raises(ValidationFailed) as caught:
        rota_week.save_shift(ws, replace(worked, actual_end=wall(MONDAY, 16)))
    assert [p.field for p in caught.value.problems] == ["reason"]
    rota_week.save_shift(ws, replace(worked, actual_end=wall(MONDAY, 16)), "  stayed for an incident ")
    assert [r["reason"] for r in audit.history(ws.db, "shift", planned.id)] == ["", "", "stayed for an incident"]


def test_a_worked_or_absent_shift_is_not_removed_and_says_why(ws, home, sam):
    worked = put(ws, home, sam, MONDAY, 7, 15, actual_start=wall(MONDAY, 7), actual_end=wall(MONDAY, 15))
    sick = put(ws, home, sam, MONDAY + timedelta(days=1), 7, 15, absence=Absence.SICK)
    with pytest.raises(UserFacingError, match="cannot be removed: it was worked"):
        rota_week.delete_shift(ws, home, worked.id)
    with pytest.raises(UserFacingError, match="records an absence"):
        rota_week.delete_shift(ws, home, sick.id)
    assert len(ws.shifts.for_home(home.id)) == 2


def test_a_planned_shift_is_removed_and_the_trail_keeps_it(ws, home, sam):
    planned = put(ws, home, sam, MONDAY, 7, 15)
    rota_week.delete_shift(ws, home, planned.id)
    assert ws.shifts.for_home(home.id) == []
    assert [r["action"] for r in audit.history(ws.db, "shift", planned.id)] == ["create", "delete"]
    assert verify(ws) == []


def test_a_shift_that_has_started_is_removed_only_with_a_reason(ws, home, sam, clock):
    """With no times worked it counts as worked as planned: removing it changes the hours worked, as changing its
    plan would, so the reason is asked for and kept."""
    started = put(ws, home, sam, MONDAY, 7, 15)
    ahead = put(ws, home, sam, MONDAY + timedelta(days=1), 7, 15)
    clock.set(wall(MONDAY, 7))
    with pytest.raises(ValidationFailed) as caught:
        rota_week.delete_shift(ws, home, started.id, "  ")
    assert [str(p) for p in caught.value.problems] == [
        "reason: say why a shift that has started is taken off the rota: the record keeps the reason with what it "
        "said"]
    assert ws.shifts.get(started.id) == started
    rota_week.delete_shift(ws, home, started.id, " put on the wrong person ")
    rota_week.delete_shift(ws, home, ahead.id)  # not started: no reason needed
    assert [r["reason"] for r in audit.history(ws.db, "shift", started.id)] == ["", "put on the wrong person"]
    assert audit.history(ws.db, "shift", ahead.id)[-1]["reason"] == "taken off the rota"


def test_a_provider_viewer_cannot_remove_a_shift(ws, home, sam):
    planned = put(ws, home, sam, MONDAY, 7, 15)
    other = signed_in_as(ws, home, Role.PROVIDER_VIEWER)
    try:
        with pytest.raises(NotPermitted):
            rota_week.delete_shift(other, home, planned.id)
    finally:
        other.close()
    assert ws.shifts.for_home(home.id) == [planned]


# last week copied -----------------------------------------------------------------------------------------------------

def test_last_weeks_plan_is_copied_with_leavers_and_overlaps_counted(ws, home, sam, kim):
    lee = staff(ws, home, "S-04", "Lee Leaving", left_on=MONDAY + timedelta(days=2), employment=Employment.BANK)
    last = MONDAY - timedelta(days=7)
    for d in range(7):
        put(ws, home, sam, last + timedelta(days=d), 7, 15, shift_lead=True,
            actual_start=wall(last + timedelta(days=d), 7, 5), actual_end=wall(last + timedelta(days=d), 15, 20))
    put(ws, home, kim, last, 14, 22, ShiftType.LATE, absence=Absence.SICK)
    put(ws, home, kim, last + timedelta(days=1), 14, 22, ShiftType.LATE)
    put(ws, home, lee, last + timedelta(days=1), 22, 8, ShiftType.SLEEP_IN)
    put(ws, home, lee, last + timedelta(days=3), 22, 8, ShiftType.SLEEP_IN)
    put(ws, home, kim, MONDAY + timedelta(days=1), 13, 21, ShiftType.LATE)  # already there: Kim's copy overlaps
    plan = rota_week.plan_copy_last_week(ws, home, MONDAY + timedelta(days=3))
    assert (len(plan.shifts), plan.overlapping, plan.left) == (9, 1, 1)
    assert ws.shifts.starting_between(home.id, wall(MONDAY, 0), wall(MONDAY + timedelta(days=7), 0)) != []
    done = rota_week.copy_last_week(ws, home, MONDAY)
    assert rota_week.copy_summary(done) == ("9 shifts copied; 2 skipped: 1 already on the rota, "
                                            "1 the person had left by then")
    assert {audit.history(ws.db, "shift", s.id)[0]["reason"] for s in done.shifts} == {
        "copied from the week of 16/11/2026"}
    week = rota_week.read_week(ws, home, MONDAY)
    copies = week.shifts_of(sam.id, MONDAY)
    assert [(s.planned_start, s.actual_start, s.absence, s.shift_lead) for s in copies] == [
        (wall(MONDAY, 7), None, None, True)]
    assert week.shifts_of(kim.id, MONDAY)[0].absence is None  # the plan copied, not the absence
    assert [ws.shifts.get(s.id) for s in done.shifts] == done.shifts
    assert verify(ws) == []


def test_a_copy_leaves_out_days_already_past_and_the_cover_of_absences(ws, home, sam, kim, clock):
    """Copied on Wednesday 25/11: Monday's and Tuesday's copies would be plans for days gone. Kim (agency) covered
    Sam's sick day on Thursday: Sam goes back on the plan, and Kim's cover is left out."""
    last = MONDAY - timedelta(days=7)
    for d in range(7):
        put(ws, home, sam, last + timedelta(days=d), 7, 15, absence=Absence.SICK if d == 3 else None)
    put(ws, home, kim, last + timedelta(days=3), 7, 15)  # the cover
    put(ws, home, kim, last + timedelta(days=4), 14, 22, ShiftType.LATE)  # not cover: copied
    clock.set(wall(MONDAY + timedelta(days=2), 10))
    plan = rota_week.plan_copy_last_week(ws, home, MONDAY)
    assert (len(plan.shifts), plan.past, plan.covered_absence) == (6, 2, 1)
    assert rota_week.left_out(plan) == "2 on days already past, 1 covered an absence"
    done = rota_week.copy_last_week(ws, home, MONDAY)
    assert rota_week.copy_summary(done) == ("6 shifts copied; 3 skipped: 2 on days already past, 1 covered an "
                                            "absence")
    assert sorted((to_local(s.planned_start).strftime("%a"), s.staff_id == kim.id) for s in done.shifts) == [
        ("Fri", False), ("Fri", True), ("Sat", False), ("Sun", False), ("Thu", False), ("Wed", False)]
    assert rota_week.copy_summary(rota_week.copy_last_week(ws, home, MONDAY)) == (
        "0 shifts copied; 9 skipped: 2 on days already past, 1 covered an absence, 6 already on the rota")
    clock.set(wall(MONDAY + timedelta(days=7), 0))
    assert rota_week.left_out(rota_week.plan_copy_last_week(ws, home, MONDAY)) == "on days already past"


def test_copying_twice_adds_nothing_the_second_time(ws, home, sam):
    put(ws, home, sam, MONDAY - timedelta(days=7), 7, 15)
    assert len(rota_week.copy_last_week(ws, home, MONDAY).shifts) == 1
    again = rota_week.copy_last_week(ws, home, MONDAY)
    assert (len(again.shifts), again.overlapping) == (0, 1)
    assert rota_week.copy_summary(again) == "0 shifts copied; 1 skipped: already on the rota"
    assert rota_week.copy_summary(replace(again, overlapping=0)) == "0 shifts copied"


def test_a_copy_across_the_autumn_change_keeps_wall_clock_times(ws, home, sam, kim, clock):
    clock.set(datetime(2026, 10, 19, 6, tzinfo=timezone.utc))
    put(ws, home, sam, date(2026, 10, 17), 22, 7, ShiftType.WAKING_NIGHT)  # Sat -> Sun 9 hours
    put(ws, home, kim, date(2026, 10, 18), 7, 15)  # Sunday
    plan = rota_week.copy_last_week(ws, home, date(2026, 10, 19))
    assert [(to_local(s.planned_start).strftime("%a %d/%m %H:%M"), to_local(s.planned_end).strftime("%d/%m %H:%M"),
             s.planned_hours) for s in plan.shifts] == [("Sat 24/10 22:00", "25/10 07:00", 10.0),
                                                        ("Sun 25/10 07:00", "25/10 15:00", 8.0)]


def test_only_those_who_keep_the_rota_copy_a_week(ws, home, sam):
    put(ws, home, sam, MONDAY - timedelta(days=7), 7, 15)
    other = signed_in_as(ws, home, Role.PROVIDER_VIEWER)
    try:
        with pytest.raises(NotPermitted):
            rota_week.copy_last_week(other, home, MONDAY)
    finally:
        other.close()
    assert len(ws.shifts.for_home(home.id)) == 1
