"""Shifts put on the rota by hand: standard shifts and their codes, clock times typed and placed on their dates
(midnight and both clock changes), a week's plan copied, and what may not be removed or changed without a reason."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time, timedelta

import pytest

from inspect_app.domain.local_time import WallTimeError, from_wall_time, to_local
from inspect_app.domain.records import Staff
from inspect_app.domain.rota import Shift
from inspect_app.domain.shift_patterns import (
    DEFAULT_STANDARD_SHIFTS, StandardShift, clock_change_advice, copied, cover_left_out, find_standard,
    is_clock_change_day, needs_reason, parse_clock, plan_copy, removal_problem, validate_standards, wall_times,
    worked_times,
)
from inspect_app.domain.vocabulary import Absence, Employment, ShiftType, StaffRole

SPRING = date(2026, 3, 29)  # the clocks go forward at 01:00 GMT
AUTUMN = date(2026, 10, 25)  # the clocks go back at 02:00 BST


def wall(day: date, hh: int, mm: int = 0) -> datetime:
    return from_wall_time(datetime.combine(day, time(hh, mm)))


def hours(start: datetime, end: datetime) -> float:
    return (end - start).total_seconds() / 3600


def shift(staff_id: int, day: date, start: time, end: time, kind=ShiftType.DAY, **kw) -> Shift:
    begin, finish = wall_times(day, start, end)
    return Shift(1, staff_id, kind, begin, finish, **kw)


@pytest.mark.parametrize("typed, expected", [("07:30", time(7, 30)), ("7:30", time(7, 30)), ("7.30", time(7, 30)),
                                             ("0730", time(7, 30)), ("7", time(7)), (" 22:00 ", time(22)),
                                             ("00:00", time(0))])
def test_clock_times_are_read_as_people_type_them(typed, expected):
    assert parse_clock(typed) == expected


@pytest.mark.parametrize("typed", ["", "24:00", "7:60", "730", "seven", "7:3", "12345"])
def test_a_clock_time_that_cannot_be_read_says_what_to_type(typed):
    with pytest.raises(ValueError, match="hh:mm, for example 07:30"):
        parse_clock(typed)


def test_the_usual_standard_shifts_and_their_codes():
    assert [(s.code, s.describe()) for s in DEFAULT_STANDARD_SHIFTS] == [
        ("D", "Day 07:00-15:00"), ("L", "Late 14:30-22:30"), ("LD", "Long day 08:00-22:00"),
        ("WN", "Waking night 22:00-07:30"), ("SI", "Sleep-in 22:30-07:00")]
    assert find_standard(DEFAULT_STANDARD_SHIFTS, " wn ").shift_type is ShiftType.WAKING_NIGHT
    assert find_standard(DEFAULT_STANDARD_SHIFTS, "X") is None


def test_a_night_ends_the_next_morning_and_keeps_its_wall_clock_times_over_both_clock_changes():
    night = StandardShift("WN", ShiftType.WAKING_NIGHT, time(22), time(7, 30))
    start, end = night.times_on(date(2026, 11, 23))
    assert (to_local(start).strftime("%d/%m %H:%M"), to_local(end).strftime("%d/%m %H:%M")) == (
        "23/11 22:00", "24/11 07:30")
    assert hours(start, end) == 9.5
    assert hours(*night.times_on(SPRING - timedelta(days=1))) == 8.5  # an hour skipped
    assert hours(*night.times_on(AUTUMN - timedelta(days=1))) == 10.5  # an hour repeated


def test_a_standard_time_the_clocks_skip_or_repeat_is_refused_with_what_to_do():
    early = StandardShift("E", ShiftType.DAY, time(1, 30), time(9))
    with pytest.raises(WallTimeError) as skipped:
        early.times_on(SPRING)
    assert "no time from 01:00 to 01:59 exists. Use 00:59 or earlier, or 02:00 or later" in clock_change_advice(
        skipped.value, "Early")
    with pytest.raises(WallTimeError) as repeated:
        early.times_on(AUTUMN)
    assert clock_change_advice(repeated.value, "Early").startswith(
        "Early: the clocks go back from 02:00 to 01:00 that night, so times from 01:00 to 01:59 happen twice")
    assert is_clock_change_day(SPRING) and is_clock_change_day(AUTUMN) and not is_clock_change_day(date(2026, 11, 1))


@pytest.mark.parametrize("planned, came, left, expected_start, expected_end", [
    ((2026, 11, 23, 7, 0), time(6, 50), time(15, 40), "23/11 06:50", "23/11 15:40"),
    ((2026, 11, 23, 23, 30), time(0, 10), time(8, 0), "24/11 00:10", "24/11 08:00"),  # came after midnight
    ((2026, 11, 24, 0, 15), time(23, 55), time(7, 0), "23/11 23:55", "24/11 07:00"),  # came before midnight
    ((2026, 11, 23, 22, 0), time(22, 5), time(7, 45), "23/11 22:05", "24/11 07:45"),
])
def test_times_worked_are_placed_on_the_dates_nearest_the_plan(planned, came, left, expected_start, expected_end):
    start, end = worked_times(from_wall_time(datetime(*planned)), came, left)
    assert (to_local(start).strftime("%d/%m %H:%M"), to_local(end).strftime("%d/%m %H:%M")) == (
        expected_start, expected_end)


def test_standard_shifts_are_checked():
    good = list(DEFAULT_STANDARD_SHIFTS)
    assert validate_standards(good) == []
    bad = [*good, StandardShift("D", ShiftType.DAY, time(9), time(9)), StandardShift("D1", ShiftType.DAY, time(9),
                                                                                       time(17))]
    assert [str(p) for p in validate_standards(bad)] == [
        "code: D is used twice", "end: D: the shift starts and ends at the same time",
        "code: D1: a code is 1 to 3 letters, for example LD"]
    assert [p.field for p in validate_standards([])] == ["standard"]


# copying a week ------------------------------------------------------------------------------------------------

def person(staff_id: int, left_on: date | None = None, employment: Employment | None = None) -> Staff:
    return Staff(1, f"S-{staff_id}", f"Person {staff_id}", StaffRole.CARE_WORKER, employment, left_on=left_on,
                 id=staff_id)


def test_a_copy_is_the_plan_a_week_later_without_times_worked_or_absence():
    worked = shift(1, date(2026, 11, 16), time(7), time(15), shift_lead=True, id=9,
                   actual_start=wall(date(2026, 11, 16), 7, 10), actual_end=wall(date(2026, 11, 16), 15, 40))
    copy = copied(worked, 7)
    assert copy == Shift(1, 1, ShiftType.DAY, wall(date(2026, 11, 23), 7), wall(date(2026, 11, 23), 15),
                         shift_lead=True)
    assert copied(replace(worked, actual_start=None, actual_end=None, absence=Absence.SICK), 7).absence is None


def test_a_copy_across_the_autumn_change_keeps_the_wall_clock_times_and_gains_the_hour():
    night = shift(1, date(2026, 10, 17), time(22), time(7, 30), ShiftType.WAKING_NIGHT)
    copy = copied(night, 7)
    assert to_local(copy.planned_start).strftime("%a %d/%m %H:%M") == "Sat 24/10 22:00"
    assert to_local(copy.planned_end).strftime("%a %d/%m %H:%M") == "Sun 25/10 07:30"
    assert (night.planned_hours, copy.planned_hours) == (9.5, 10.5)


def test_plan_copy_skips_leavers_overlaps_and_times_the_clocks_skip():
    monday = date(2026, 3, 16)
    source = [shift(1, monday, time(7), time(15)), shift(2, monday, time(7), time(15)),
              shift(3, monday + timedelta(days=3), time(7), time(15)),
              shift(1, monday + timedelta(days=6), time(1, 30), time(9)),  # Sunday 22/03 01:30: 29/03 has none
              shift(4, monday, time(14, 30), time(22, 30), ShiftType.LATE)]
    existing = [shift(2, monday + timedelta(days=7), time(14), time(22), ShiftType.LATE)]  # overlaps 2's copy
    staff = {1: person(1), 2: person(2), 3: person(3, left_on=monday + timedelta(days=10))}  # 4: not on the staff
    plan = plan_copy(source, existing, staff)
    assert [(s.staff_id, to_local(s.planned_start).strftime("%d/%m %H:%M")) for s in plan.shifts] == [
        (1, "23/03 07:00")]
    assert (plan.overlapping, plan.left, plan.clock_change, plan.skipped) == (1, 2, 1, 4)


def test_plan_copy_checks_copies_against_each_other():
    monday = date(2026, 11, 16)
    source = [shift(1, monday, time(7), time(15)), shift(1, monday, time(14), time(22), ShiftType.LATE)]
    plan = plan_copy(source, [], {1: person(1)})  # the source overlapped (made before the check existed)
    assert len(plan.shifts) == 1 and plan.overlapping == 1


def test_someone_leaving_on_a_later_day_keeps_the_days_before_it():
    monday = date(2026, 11, 16)
    source = [shift(1, monday + timedelta(days=d), time(7), time(15)) for d in range(7)]
    plan = plan_copy(source, [], {1: person(1, left_on=date(2026, 11, 26))})  # left on the Thursday
    assert [to_local(s.planned_start).strftime("%a") for s in plan.shifts] == ["Mon", "Tue", "Wed"]
    assert plan.left == 4


def test_plan_copy_leaves_out_days_already_past():
    monday = date(2026, 11, 16)
    source = [shift(1, monday + timedelta(days=d), time(7), time(15)) for d in range(7)]
    plan = plan_copy(source, [], {1: person(1)}, today=date(2026, 11, 25))  # the Wednesday of the copy's week
    assert [to_local(s.planned_start).strftime("%a %d/%m") for s in plan.shifts] == [
        "Wed 25/11", "Thu 26/11", "Fri 27/11", "Sat 28/11", "Sun 29/11"]
    assert (plan.past, plan.skipped) == (2, 2)
    assert plan_copy(source, [], {1: person(1)}, today=date(2026, 12, 7)).past == 7


def test_plan_copy_leaves_out_the_bank_or_agency_cover_of_an_absence():
    """Sam (1) was sick on Monday's day shift and Pat (bank, 2) covered it: the copy puts Sam back on the plan, so
    Pat's cover is left out; Pat's late that day, and Ann's (agency, 3) second day shift, were not cover of the one
    absence and are copied; Kim (permanent, 4) on the day shift is never cover."""
    monday = date(2026, 11, 16)
    staff = {1: person(1), 2: person(2, employment=Employment.BANK), 3: person(3, employment=Employment.AGENCY),
             4: person(4, employment=Employment.PERMANENT)}
    sick = shift(1, monday, time(7), time(15), absence=Absence.SICK)
    cover = shift(2, monday, time(7), time(15))
    second = shift(3, monday, time(7, 30), time(15, 30))
    source = [sick, shift(4, monday, time(6, 30), time(14, 30)), cover, second,
              shift(2, monday + timedelta(days=1), time(14, 30), time(22, 30), ShiftType.LATE)]
    assert cover_left_out(source, staff) == {cover}
    plan = plan_copy(source, [], staff)
    assert sorted(s.staff_id for s in plan.shifts) == [1, 2, 3, 4]
    assert (plan.covered_absence, plan.skipped) == (1, 1)
    # two absences that day: both bank and agency shifts were cover
    assert cover_left_out(source + [shift(4, monday, time(7), time(15), absence=Absence.LEAVE)], staff) == {
        cover, second}
    # an absence on another shift type, or another day, is not covered by them
    assert cover_left_out([replace(sick, shift_type=ShiftType.LATE), cover, second], staff) == set()


# removal and reasons -------------------------------------------------------------------------------------------

def test_only_a_shift_with_nothing_recorded_may_be_removed():
    day = date(2026, 11, 23)
    planned = shift(1, day, time(7), time(15))
    assert removal_problem(planned) == ""
    assert removal_problem(replace(planned, actual_start=wall(day, 7), actual_end=wall(day, 15))).startswith(
        "it was worked")
    assert "records an absence (sick)" in removal_problem(replace(planned, absence=Absence.SICK))


def test_a_reason_is_needed_only_to_change_what_was_worked():
    day = date(2026, 11, 23)
    planned = shift(1, day, time(7), time(15), id=1)
    before, after = wall(day, 6), wall(day, 8)
    worked = replace(planned, actual_start=wall(day, 7, 10), actual_end=wall(day, 15, 30))
    assert not needs_reason(planned, replace(planned, planned_end=wall(day, 16)), before)  # the plan, not started
    assert needs_reason(planned, replace(planned, planned_end=wall(day, 16)), after)  # the plan of a started shift
    assert not needs_reason(planned, worked, after)  # the times worked recorded for the first time
    assert not needs_reason(planned, replace(planned, absence=Absence.SICK), after)
    assert needs_reason(worked, replace(worked, actual_end=wall(day, 16)), after)  # worked times corrected
    assert not needs_reason(worked, replace(worked, shift_lead=True), after)  # who led it is not what was worked
