"""Who was on duty at the key times (SPEC 2.6): the people in a window, a Level 3 qualified and a PI-trained person on
duty throughout it, the period's shares, and the bank share of hours worked."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

import pytest

from inspect_app.domain.local_time import Period, from_wall_time
from inspect_app.domain.records import Staff
from inspect_app.domain.rota import DEFAULT_WINDOWS, KeyTimeWindow, Shift
from inspect_app.domain.staffing_compliance import staffing_report
from inspect_app.domain.staffing_mix import (
    MixFigures, covered_throughout, employment_shares, has_level3, mix_over, on_duty_in, pi_trained, window_mix,
)
from inspect_app.domain.vocabulary import Absence, Employment, ShiftType, StaffRole, WindowDays

MORNING, AFTER_SCHOOL, EVENING, NIGHT = DEFAULT_WINDOWS
NIGHT_SLEEP_INS = KeyTimeWindow("night", time(22, 30), time(7), 1, sleep_in_counts=True)
TUE = date(2026, 11, 24)
QUALIFIED = date(2020, 1, 1)


def wall(day: date, hh: int, mm: int = 0) -> datetime:
    return from_wall_time(datetime.combine(day, time(hh, mm)))


def person(staff_id: int, level3: date | None = None, pi: date | None = None,
           employment: Employment = Employment.PERMANENT) -> Staff:
    return Staff(home_id=1, ref=f"S-{staff_id:02}", full_name=f"Person {staff_id}", role=StaffRole.CARE_WORKER,
                 employment=employment, level3_achieved_on=level3, pi_trained_on=pi, id=staff_id)


def shift(staff_id: int, day: date, start: tuple[int, int], end: tuple[int, int], kind=ShiftType.DAY,
          end_day: date | None = None, **kw) -> Shift:
    return Shift(1, staff_id, kind, wall(day, *start), wall(end_day or day, *end), **kw)


STAFF = {1: person(1, level3=QUALIFIED, pi=QUALIFIED), 2: person(2), 3: person(3, level3=QUALIFIED),
         4: person(4, pi=QUALIFIED)}


# the people on duty -----------------------------------------------------------------------------------------

def test_the_people_on_duty_at_any_moment_of_the_window_in_the_order_they_came():
    shifts = [
        shift(2, TUE, (7, 0), (15, 0)),
        shift(1, TUE, (16, 0), (22, 30)),                                   # from half way: on duty in it
        shift(3, TUE, (9, 0), (15, 30)),                                    # ends exactly at its start: not
        shift(4, TUE, (18, 0), (23, 0)),                                    # starts exactly at its end: not
        shift(3, TUE, (15, 0), (17, 0), absence=Absence.SICK),             # absent: not
        shift(2, TUE, (15, 0), (22, 0), kind=ShiftType.LATE, actual_start=wall(TUE, 15, 0),
              actual_end=wall(TUE, 15, 45)),                                # worked 15:00-15:45: on duty in it
    ]
    mix = window_mix(shifts, AFTER_SCHOOL, TUE, STAFF)
    assert mix.people == (2, 1)
    assert [s.staff_id for s in on_duty_in(shifts, AFTER_SCHOOL, TUE)] == [2, 1]


def test_a_sleep_in_is_on_duty_only_in_a_window_where_sleep_ins_count():
    sleep_in = shift(1, TUE, (22, 0), (8, 0), kind=ShiftType.SLEEP_IN, end_day=TUE + timedelta(days=1))
    waking = shift(2, TUE, (22, 0), (7, 30), kind=ShiftType.WAKING_NIGHT, end_day=TUE + timedelta(days=1))
    not_counted = window_mix([sleep_in, waking], NIGHT, TUE, STAFF)
    assert not_counted.people == (2,) and not not_counted.level3_throughout and not not_counted.pi_throughout
    counted = window_mix([sleep_in, waking], NIGHT_SLEEP_INS, TUE, STAFF)
    assert counted.people == (1, 2) and counted.level3_throughout and counted.pi_throughout


# throughout ---------------------------------------------------------------------------------------------------

def test_a_qualified_person_leaving_half_way_leaves_the_rest_of_the_window_without_one():
    shifts = [shift(2, TUE, (14, 0), (22, 0)),
              shift(1, TUE, (14, 0), (22, 0), actual_start=wall(TUE, 14), actual_end=wall(TUE, 16, 45))]
    mix = window_mix(shifts, AFTER_SCHOOL, TUE, STAFF)
    assert mix.people == (2, 1)  # both were on duty in it
    assert not mix.level3_throughout and not mix.pi_throughout


def test_a_handover_between_two_qualified_people_is_no_gap_and_a_minute_between_them_is_one():
    handover = [shift(1, TUE, (7, 0), (16, 45)), shift(3, TUE, (16, 45), (23, 0))]
    assert window_mix(handover, AFTER_SCHOOL, TUE, STAFF).level3_throughout
    late = [shift(1, TUE, (7, 0), (16, 45)), shift(3, TUE, (16, 46), (23, 0))]
    assert not window_mix(late, AFTER_SCHOOL, TUE, STAFF).level3_throughout
    # the Level 3 throughout, the PI training only until 16:45 (person 3 has no PI training)
    assert not window_mix(handover, AFTER_SCHOOL, TUE, STAFF).pi_throughout


def test_the_level3_and_the_training_are_separate_people_or_one():
    shifts = [shift(3, TUE, (15, 0), (18, 0)), shift(4, TUE, (15, 0), (18, 0))]  # Level 3 only, PI only
    mix = window_mix(shifts, AFTER_SCHOOL, TUE, STAFF)
    assert mix.level3_throughout and mix.pi_throughout


def test_an_absent_qualified_person_does_not_count():
    shifts = [shift(1, TUE, (15, 0), (18, 0), absence=Absence.LEAVE), shift(2, TUE, (15, 0), (18, 0))]
    mix = window_mix(shifts, AFTER_SCHOOL, TUE, STAFF)
    assert mix.people == (2,) and not mix.level3_throughout


def test_qualified_means_on_or_before_the_date_the_window_starts_on():
    night = [shift(5, TUE, (22, 0), (7, 30), kind=ShiftType.WAKING_NIGHT, end_day=TUE + timedelta(days=1))]
    on_the_day = {5: person(5, level3=TUE, pi=TUE)}
    next_day = {5: person(5, level3=TUE + timedelta(days=1), pi=TUE + timedelta(days=1))}
    assert window_mix(night, NIGHT, TUE, on_the_day).level3_throughout
    assert window_mix(night, NIGHT, TUE, on_the_day).pi_throughout
    assert not window_mix(night, NIGHT, TUE, next_day).level3_throughout  # it ends that day, started the day before
    assert not window_mix(night, NIGHT, TUE, next_day).pi_throughout
    assert has_level3(on_the_day[5], TUE) and not has_level3(next_day[5], TUE) and not has_level3(None, TUE)
    assert pi_trained(on_the_day[5], TUE) and not pi_trained(person(6), TUE)


def test_a_person_not_on_the_register_counts_as_neither():
    assert not window_mix([shift(9, TUE, (15, 0), (18, 0))], AFTER_SCHOOL, TUE, STAFF).level3_throughout


def test_the_night_the_clocks_go_back_is_covered_to_seven_o_clock_gmt():
    saturday = date(2026, 10, 24)
    sunday = saturday + timedelta(days=1)
    to_seven = shift(1, saturday, (22, 0), (7, 0), kind=ShiftType.WAKING_NIGHT, end_day=sunday)
    to_six = shift(1, saturday, (22, 0), (6, 0), kind=ShiftType.WAKING_NIGHT, end_day=sunday)
    assert window_mix([to_seven], NIGHT, saturday, STAFF).level3_throughout
    assert not window_mix([to_six], NIGHT, saturday, STAFF).level3_throughout  # 06:00 GMT: an hour short


def test_covered_throughout_takes_the_shifts_in_any_order():
    start, end = wall(TUE, 15, 30), wall(TUE, 18)
    parts = [shift(1, TUE, (17, 0), (19, 0)), shift(1, TUE, (15, 0), (16, 0)), shift(1, TUE, (15, 30), (17, 0))]
    assert covered_throughout(parts, start, end)
    assert not covered_throughout(parts[:2], start, end)
    assert not covered_throughout([], start, end)


# over a period ------------------------------------------------------------------------------------------------

def test_the_figures_over_a_period_count_each_window_that_applies():
    week = Period(date(2026, 11, 23), date(2026, 11, 29))
    weekday_morning = KeyTimeWindow("morning", time(7), time(9, 30), 2, days=WindowDays.WEEKDAYS)
    shifts = [shift(1, date(2026, 11, 23), (7, 0), (9, 30)), shift(4, date(2026, 11, 24), (7, 0), (9, 30))]
    figures = mix_over(shifts, [weekday_morning], week.dates(), STAFF.values())
    assert figures == MixFigures(windows=5, level3_throughout=1, pi_throughout=2)
    assert figures.level3_share == 0.2 and figures.pi_share == 0.4
    assert MixFigures().level3_share == 0.0 and MixFigures().pi_share == 0.0


def test_the_fast_figures_agree_with_each_window_worked_out_alone():
    """Random rotas over a fortnight with clock changes, sleep-ins, absences and qualifications gained part way."""
    rng = random.Random(7)
    late_night = KeyTimeWindow("late night", time(23), time(1), 1, sleep_in_counts=True)
    windows = sorted([*DEFAULT_WINDOWS, late_night], key=lambda w: w.start)
    for first in (date(2026, 3, 22), date(2026, 10, 18), date(2026, 11, 16)):
        days = [first + timedelta(days=i) for i in range(14)]
        staff = {i: person(i, level3=rng.choice([None, QUALIFIED, first + timedelta(days=rng.randrange(14))]),
                           pi=rng.choice([None, QUALIFIED, first + timedelta(days=rng.randrange(14))]))
                 for i in range(1, 7)}
        shifts = []
        for day in [first - timedelta(days=1)] + days:
            for staff_id in staff:
                if rng.random() < 0.5:
                    continue
                begin = datetime.combine(day, time(rng.randrange(24), rng.choice([0, 30])))
                try:
                    start = from_wall_time(begin)
                except ValueError:
                    continue
                shifts.append(Shift(1, staff_id, rng.choice(list(ShiftType)), start,
                                    start + timedelta(hours=rng.randrange(2, 14)),
                                    absence=Absence.SICK if rng.random() < 0.1 else None))
        one_by_one = [window_mix(shifts, w, d, staff) for d in days for w in windows if w.applies_on(d)]
        assert mix_over(shifts, windows, days, staff.values()) == MixFigures(
            len(one_by_one), sum(m.level3_throughout for m in one_by_one), sum(m.pi_throughout for m in one_by_one))


# hours --------------------------------------------------------------------------------------------------------

def test_the_agency_and_bank_shares_of_hours_worked():
    staff = [person(1), person(2, employment=Employment.AGENCY), person(3, employment=Employment.BANK), person(4)]
    worked = [shift(1, TUE, (7, 0), (15, 0)),                                         # 8
              shift(2, TUE, (7, 0), (13, 0)),                                         # agency 6
              shift(3, TUE, (14, 0), (22, 0), actual_start=wall(TUE, 14), actual_end=wall(TUE, 20)),  # bank 6
              shift(3, TUE, (7, 0), (9, 0), absence=Absence.SICK)]                   # none
    hours = [(s.staff_id, s.worked_hours) for s in worked]
    assert employment_shares(hours, staff) == (0.3, 0.3)
    assert employment_shares([], staff) == (0.0, 0.0)
    assert employment_shares(hours[:1], staff) == (0.0, 0.0)


def test_the_report_gives_the_bank_share_and_works_the_mix_out_only_when_asked():
    period = Period(TUE, TUE)
    staff = [STAFF[1], person(2, employment=Employment.BANK)]
    shifts = [shift(1, TUE, (7, 0), (23, 0), kind=ShiftType.LONG_DAY), shift(2, TUE, (7, 0), (15, 0))]
    as_at = wall(TUE + timedelta(days=2), 12)
    report = staffing_report(shifts, list(DEFAULT_WINDOWS), staff, period, as_at)
    assert report.bank_share == 0.3333  # 8 of 24
    assert report.mix is None  # not worked out for the JSON
    report = staffing_report(shifts, list(DEFAULT_WINDOWS), staff, period, as_at, with_mix=True)
    # morning, after school, evening: person 1 throughout; the night has nobody
    assert report.mix == MixFigures(windows=4, level3_throughout=3, pi_throughout=3)
    assert report.mix.level3_share == 0.75


@pytest.mark.parametrize("day", [date(2026, 3, 28), date(2026, 10, 24)])
def test_a_night_window_on_a_clock_change_night_is_one_window(day):
    shifts = [shift(1, day, (22, 0), (8, 0), kind=ShiftType.WAKING_NIGHT, end_day=day + timedelta(days=1))]
    assert mix_over(shifts, [NIGHT], [day], STAFF.values()) == MixFigures(1, 1, 1)
