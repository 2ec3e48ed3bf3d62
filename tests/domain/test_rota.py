"""The rota's rules (SPEC 2.6, 7; schedule 4; Narey rec 4): windows across midnight and the clock changes, who is on
duty in a window, sleep-ins, absences, actual against planned times, overlapping shifts, and the checks.

Hand-worked: on Sunday 29/03/2026 the clocks go forward at 01:00 GMT to 02:00 BST (01:00-01:59 does not exist); on
Sunday 25/10/2026 they go back at 02:00 BST to 01:00 GMT (01:00-01:59 happens twice).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from inspect_app.domain.local_time import from_wall_time
from inspect_app.domain.rota import (
    DEFAULT_WINDOWS,
    Duty,
    KeyTimeWindow,
    Shift,
    coverage,
    on_duty_least,
    overlap_problem,
    short_windows,
    validate_shift,
    validate_window,
)
from inspect_app.domain.vocabulary import Absence, ShiftType, WindowDays

UTC = timezone.utc
BST = timezone(timedelta(hours=1))
MORNING, AFTER_SCHOOL, EVENING, NIGHT = DEFAULT_WINDOWS


def wall(day: date, hh: int, mm: int = 0) -> datetime:
    return from_wall_time(datetime.combine(day, time(hh, mm)))


def shift(day: date, start: tuple[int, int], end_day: date, end: tuple[int, int], staff: int = 1,
          kind: ShiftType = ShiftType.DAY, **kw) -> Shift:
    return Shift(home_id=1, staff_id=staff, shift_type=kind, planned_start=wall(day, *start),
                 planned_end=wall(end_day, *end), **kw)


def hours(bounds: tuple[datetime, datetime]) -> float:
    return (bounds[1] - bounds[0]).total_seconds() / 3600


def one(shifts: list[Shift], window: KeyTimeWindow, day: date) -> int:
    found = coverage(shifts, [window], [day])
    assert len(found) == 1
    return found[0].on_duty


TUE = date(2026, 11, 17)
WED = TUE + timedelta(days=1)


# windows: across midnight and the clock changes -----------------------------------------------------

def test_a_night_window_belongs_to_the_date_it_starts_on():
    assert NIGHT.crosses_midnight and not EVENING.crosses_midnight
    assert NIGHT.bounds(TUE) == (datetime(2026, 11, 17, 22, 30, tzinfo=UTC), datetime(2026, 11, 18, 7, tzinfo=UTC))
    assert KeyTimeWindow("late", time(22), time(0), 1).bounds(TUE)[1] == datetime(2026, 11, 18, tzinfo=UTC)


@pytest.mark.parametrize("day, length", [
    (date(2026, 10, 24), 9.5),   # 22:30 BST (21:30 UTC) to 07:00 GMT (07:00 UTC): the clocks went back in it
    (date(2026, 10, 25), 8.5),   # the night after: GMT throughout
    (date(2026, 3, 28), 7.5),    # 22:30 GMT (22:30 UTC) to 07:00 BST (06:00 UTC): the clocks went forward in it
    (date(2026, 3, 29), 8.5),    # BST throughout
    (date(2026, 7, 1), 8.5),
])
def test_the_night_window_on_the_clock_change_nights_has_its_real_length(day, length):
    assert hours(NIGHT.bounds(day)) == length


def test_a_window_whose_wall_start_does_not_exist_is_read_with_the_offset_before_the_change():
    # 01:30 on 29/03 does not exist: read as 01:30 GMT (= 02:30 BST); 03:00 BST is 02:00 UTC
    window = KeyTimeWindow("early", time(1, 30), time(3), 1)
    assert window.bounds(date(2026, 3, 29)) == (datetime(2026, 3, 29, 1, 30, tzinfo=UTC),
                                                datetime(2026, 3, 29, 2, tzinfo=UTC))


def test_a_window_whose_wall_start_happens_twice_starts_at_its_first_occurrence():
    # 01:30 on 25/10 is first 01:30 BST (00:30 UTC); 03:00 GMT is 03:00 UTC: two and a half real hours
    window = KeyTimeWindow("early", time(1, 30), time(3), 1)
    assert window.bounds(date(2026, 10, 25)) == (datetime(2026, 10, 25, 0, 30, tzinfo=UTC),
                                                 datetime(2026, 10, 25, 3, tzinfo=UTC))


@pytest.mark.parametrize("night, worked", [(date(2026, 10, 24), 11.0), (date(2026, 3, 28), 9.0)])
def test_a_shift_across_a_clock_change_night_is_its_real_hours_and_covers_the_night(night, worked):
    s = shift(night, (22, 0), night + timedelta(days=1), (8, 0), kind=ShiftType.WAKING_NIGHT)
    assert s.planned_hours == worked and s.worked_hours == worked
    assert s.local_date() == night
    assert one([s], NIGHT, night) == 1


def test_a_shift_in_the_repeated_hour_is_placed_by_its_offset():
    # the second 01:00-01:59 (GMT) on 25/10 is after the first (BST): a shift 01:00 BST to 01:30 GMT is 1.5 hours
    s = Shift(1, 1, ShiftType.LATE, datetime(2026, 10, 25, 1, tzinfo=BST), datetime(2026, 10, 25, 1, 30, tzinfo=UTC))
    assert s.planned_hours == 1.5


def test_a_night_window_counts_the_next_mornings_gap_against_the_night_it_started():
    night = shift(TUE, (22, 0), WED, (6, 0), kind=ShiftType.WAKING_NIGHT)
    day = shift(WED, (7, 0), WED, (15, 0), staff=2)
    # 06:00-07:00 on Wednesday nobody is on: the night window of Tuesday is short, not Wednesday's
    found = coverage([night, day], [NIGHT], [TUE, WED])
    assert [(c.day, c.on_duty) for c in found] == [(TUE, 0), (WED, 0)]
    assert one([night, day, shift(WED, (6, 0), WED, (7, 0), staff=3)], NIGHT, TUE) == 1


# who is on duty in a window --------------------------------------------------------------------------

def test_a_shift_ending_exactly_at_the_windows_start_is_not_on_duty_in_it():
    assert one([shift(TUE, (8, 0), TUE, (18, 0))], EVENING, TUE) == 0


def test_a_shift_starting_exactly_at_the_windows_end_is_not_on_duty_in_it():
    assert one([shift(TUE, (22, 30), WED, (7, 0))], EVENING, TUE) == 0
    assert one([shift(TUE, (22, 30), WED, (7, 0))], NIGHT, TUE) == 1


def test_an_absent_shift_is_not_on_duty_and_has_no_hours_worked():
    absent = shift(TUE, (14, 0), TUE, (23, 0), absence=Absence.SICK)
    assert one([absent], EVENING, TUE) == 0
    assert not absent.on_duty and absent.worked_hours == 0 and absent.planned_hours == 9


@pytest.mark.parametrize("counts, expected", [(False, 1), (True, 2)])
def test_sleep_in_staff_count_only_where_the_window_says_so(counts, expected):
    waking = shift(TUE, (22, 0), WED, (7, 30), kind=ShiftType.WAKING_NIGHT)
    sleep_in = shift(TUE, (22, 0), WED, (8, 0), staff=2, kind=ShiftType.SLEEP_IN)
    assert one([waking, sleep_in], replace(NIGHT, sleep_in_counts=counts), TUE) == expected


def test_actual_times_are_used_where_recorded():
    early = shift(TUE, (7, 0), TUE, (15, 0))
    late_in = shift(TUE, (7, 0), TUE, (15, 0), staff=2, actual_start=wall(TUE, 7, 45), actual_end=wall(TUE, 15))
    assert one([early, late_in], MORNING, TUE) == 1  # 07:00-07:45 only one was there
    assert late_in.start == wall(TUE, 7, 45) and late_in.planned_start == wall(TUE, 7)
    assert late_in.worked_hours == 7.25 and late_in.planned_hours == 8
    stayed = shift(TUE, (8, 0), TUE, (17, 0), actual_start=wall(TUE, 8), actual_end=wall(TUE, 18, 30))
    tea = replace(EVENING, end=time(18, 30))  # stayed on until 18:30 though planned to leave at 17:00
    assert one([stayed], tea, TUE) == 1 and one([replace(stayed, actual_start=None, actual_end=None)], tea, TUE) == 0


def test_the_fewest_on_duty_at_any_moment_counts_a_gap_in_the_middle():
    all_evening = shift(TUE, (14, 0), TUE, (23, 0), staff=1)
    leaves = shift(TUE, (14, 0), TUE, (20, 0), staff=2)
    arrives = shift(TUE, (20, 30), TUE, (23, 0), staff=3)
    assert one([all_evening, leaves, arrives], EVENING, TUE) == 1  # 20:00-20:30
    handover = shift(TUE, (20, 0), TUE, (23, 0), staff=3)
    assert one([all_evening, leaves, handover], EVENING, TUE) == 2  # leaving and arriving at 20:00: no gap


def test_on_duty_least_by_itself():
    start, end = wall(TUE, 18), wall(TUE, 22, 30)
    assert on_duty_least([], start, end) == 0
    two = [shift(TUE, (17, 0), TUE, (23, 0)), shift(TUE, (18, 0), TUE, (22, 30), staff=2)]
    assert on_duty_least(two, start, end) == 2
    assert on_duty_least(two + [shift(TUE, (19, 0), TUE, (20, 0), staff=3)], start, end) == 2
    assert on_duty_least([shift(TUE, (18, 0), TUE, (22, 29), staff=2)], start, end) == 0  # the last minute


def test_windows_apply_on_weekdays_or_weekends_and_a_night_by_the_day_it_starts():
    fri, sat, sun, mon = (date(2026, 11, 20) + timedelta(days=i) for i in range(4))
    weekdays = replace(NIGHT, name="school night", days=WindowDays.WEEKDAYS)
    weekends = replace(MORNING, name="weekend morning", days=WindowDays.WEEKENDS)
    assert [weekdays.applies_on(d) for d in (fri, sat, sun, mon)] == [True, False, False, True]
    assert [weekends.applies_on(d) for d in (fri, sat, sun, mon)] == [False, True, True, False]
    found = coverage([], [weekdays, weekends, EVENING], [fri, sat, sun, mon])
    assert [(c.day, c.window.name) for c in found] == [
        (fri, "school night"), (fri, "evening"), (sat, "weekend morning"), (sat, "evening"),
        (sun, "weekend morning"), (sun, "evening"), (mon, "school night"), (mon, "evening")]
    assert all(c.short for c in found)


# overlapping shifts -------------------------------------------------------------------------------------

def test_overlapping_planned_shifts_of_one_person_are_refused_with_a_clear_message():
    stored = replace(shift(TUE, (8, 0), TUE, (20, 0)), id=7)
    new = shift(TUE, (19, 0), WED, (7, 0), kind=ShiftType.WAKING_NIGHT)
    [problem] = overlap_problem(new, [stored], "Sam Jones")
    assert problem.field == "planned_start"
    assert problem.message == "Sam Jones is already on a day shift from 17/11/2026 08:00 that overlaps this one"


def test_overlapping_times_worked_are_refused_on_the_times_worked_and_back_to_back_is_fine():
    stored = replace(shift(TUE, (8, 0), TUE, (20, 0)), id=7)
    back_to_back = shift(TUE, (20, 0), WED, (8, 0), kind=ShiftType.SLEEP_IN)
    assert overlap_problem(back_to_back, [stored], "Sam Jones") == []
    stayed_on = replace(stored, actual_start=wall(TUE, 8), actual_end=wall(TUE, 21))
    worked = replace(back_to_back, actual_start=wall(TUE, 20), actual_end=wall(WED, 8))
    [problem] = overlap_problem(worked, [stayed_on], "Sam Jones")
    assert (problem.field, problem.message) == (
        "actual_start", "the times worked overlap those of Sam Jones's day shift, worked from 17/11/2026 08:00 to "
                        "17/11/2026 21:00")
    assert overlap_problem(stayed_on, [worked], "Sam Jones")[0].field == "actual_start"  # either way round
    assert overlap_problem(replace(worked, staff_id=2), [stayed_on], "Kim Patel") == []


def test_times_worked_are_compared_only_with_times_worked():
    """A late that ran on to 22:45 does not clash with the same person's sleep-in planned from 22:30 while the
    sleep-in has no times worked: the plan of one is not held against what was worked on the other."""
    late = replace(shift(TUE, (14, 30), TUE, (22, 30), kind=ShiftType.LATE), id=7,
                   actual_start=wall(TUE, 14, 30), actual_end=wall(TUE, 22, 45))
    sleep_in = shift(TUE, (22, 30), WED, (7, 0), kind=ShiftType.SLEEP_IN)
    assert overlap_problem(sleep_in, [late], "Sam Jones") == []
    assert overlap_problem(late, [replace(sleep_in, id=8)], "Sam Jones") == []
    assert not late.overlaps(sleep_in) and not sleep_in.overlaps(late)


def test_a_shift_marked_absent_overlaps_nothing_but_its_start_is_still_taken():
    """Someone absent from their day shift was not on duty: a swap onto the late that day is allowed. The rota keeps
    one shift per person and planned start, so another shift from the same moment is still refused."""
    day = replace(shift(TUE, (7, 0), TUE, (15, 0)), id=7, absence=Absence.OTHER)
    late = shift(TUE, (14, 30), TUE, (22, 30), kind=ShiftType.LATE)
    assert overlap_problem(late, [day], "Sam Jones") == []
    assert overlap_problem(replace(day, id=None), [replace(late, id=8)], "Sam Jones") == []
    again = shift(TUE, (7, 0), TUE, (19, 0), kind=ShiftType.LONG_DAY)
    [problem] = overlap_problem(again, [day], "Sam Jones")
    assert problem.field == "planned_start" and "day shift from 17/11/2026 07:00" in problem.message


def test_a_shift_does_not_overlap_its_own_stored_state():
    stored = replace(shift(TUE, (8, 0), TUE, (20, 0)), id=7)
    assert overlap_problem(replace(stored, actual_start=wall(TUE, 8), actual_end=wall(TUE, 21)), [stored], "S") == []


def test_two_new_shifts_of_one_person_that_overlap_are_found():
    """A file's rows are new (no id yet): two of them for one person at once are refused like any other."""
    first = shift(TUE, (8, 0), TUE, (20, 0))
    second = shift(TUE, (14, 0), TUE, (22, 0), kind=ShiftType.LATE)
    assert overlap_problem(second, [first], "Sam Jones") != []
    assert overlap_problem(first, [first], "Sam Jones") == []


# checks -------------------------------------------------------------------------------------------------

def test_validate_shift_problems():
    ok = shift(TUE, (8, 0), TUE, (20, 0))
    assert validate_shift(ok) == []
    assert validate_shift(replace(ok, actual_start=wall(TUE, 8), actual_end=wall(TUE, 20, 15))) == []

    def fields(s: Shift) -> list[tuple[str, str]]:
        return [(p.field, p.message) for p in validate_shift(s)]

    assert fields(replace(ok, planned_end=ok.planned_start)) == [
        ("planned_end", "the planned end is not after its start")]
    assert fields(replace(ok, actual_start=wall(TUE, 8))) == [("actual_end", "give both the actual start and end")]
    assert fields(replace(ok, actual_end=wall(TUE, 8))) == [("actual_start", "give both the actual start and end")]
    assert fields(replace(ok, actual_start=wall(TUE, 9), actual_end=wall(TUE, 8))) == [
        ("actual_end", "the actual end is not after its start")]
    assert fields(replace(ok, planned_end=wall(date(2026, 11, 18), 10, 1))) == [
        ("planned_end", "a shift of more than 26 hours is not likely: check the dates")]
    assert fields(replace(ok, absence=Absence.LEAVE, actual_start=ok.planned_start, actual_end=ok.planned_end)) == [
        ("absence", "a shift marked absent has no times worked")]
    assert [p.field for p in validate_shift(replace(ok, planned_start=datetime(1026, 11, 17, tzinfo=UTC)))] == [
        "planned_start"]


def test_times_worked_far_from_the_plan_are_a_problem_on_the_times_worked():
    """A slip of a day in a date would put the hours on the wrong day (and hide an overlap): more than 12 hours
    between the planned start and the start worked is refused; 12 hours exactly, or either side, is not."""
    ok = shift(TUE, (8, 0), TUE, (20, 0))
    next_day = replace(ok, actual_start=wall(WED, 8), actual_end=wall(WED, 20))
    assert [(p.field, p.message) for p in validate_shift(next_day)] == [
        ("actual_start", "the times worked are far from the planned times: check the dates")]
    assert validate_shift(replace(ok, actual_start=wall(TUE, 20), actual_end=wall(TUE, 23))) == []
    assert validate_shift(replace(ok, actual_start=wall(TUE, 0), actual_end=wall(TUE, 12))) == []
    early = replace(ok, actual_start=wall(date(2026, 11, 16), 19, 59), actual_end=wall(TUE, 12))
    assert [p.field for p in validate_shift(early)] == ["actual_start"]


def test_a_shift_needs_its_planned_times():
    ok = shift(TUE, (8, 0), TUE, (20, 0))
    assert [(p.field, p.message) for p in validate_shift(replace(ok, planned_start=None, planned_end=None))] == [
        ("planned_start", "give the planned start and end")]
    assert [p.field for p in validate_shift(replace(ok, planned_end=None))] == ["planned_end"]


def test_validate_window_problems():
    assert validate_window(NIGHT) == []
    unnamed = KeyTimeWindow(" ", time(9), time(9), 51)
    assert [p.field for p in validate_window(unnamed)] == ["window", "end", "min_staff"]
    assert [p.field for p in validate_window(replace(MORNING, min_staff=-1))] == ["min_staff"]
    assert validate_window(replace(MORNING, min_staff=0)) == []


# coverage as one step function agrees with counting each window on its own ------------------------------------------

_QUARTERS = st.integers(min_value=0, max_value=4 * 24 * 4)  # quarter hours over four days around the autumn change


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(_QUARTERS, st.integers(min_value=1, max_value=4 * 26), st.sampled_from(list(ShiftType)),
                          st.booleans()), max_size=14))
def test_coverage_agrees_with_the_fewest_on_duty_counted_window_by_window(drawn):
    origin = datetime(2026, 10, 23, 20, 0, tzinfo=UTC)
    shifts = [Shift(1, n, kind, origin + timedelta(minutes=15 * q), origin + timedelta(minutes=15 * (q + length)),
                    absence=Absence.SICK if absent else None)
              for n, (q, length, kind, absent) in enumerate(drawn)]
    days = [date(2026, 10, 23) + timedelta(days=n) for n in range(4)]
    windows = [*DEFAULT_WINDOWS, replace(NIGHT, name="night with sleep-ins", sleep_in_counts=True)]
    for found in coverage(shifts, windows, days):
        start, end = found.window.bounds(found.day)
        counted = [s for s in shifts if found.window.counts(s)]
        assert found.on_duty == on_duty_least(counted, start, end), found
    # the compliance run's way to the short ones (SPEC 10) finds exactly those, by date then window
    everything = coverage(shifts, windows, days)
    assert short_windows([Duty.of(s) for s in shifts], windows, days) == [c for c in everything if c.short]


def test_short_windows_on_a_weekend_only_window_and_a_minimum_of_three():
    weekends = KeyTimeWindow("weekend lunch", time(12), time(14), 3, WindowDays.WEEKENDS)
    sat, sun, mon = date(2026, 11, 21), date(2026, 11, 22), date(2026, 11, 23)
    three = [shift(sat, (11, 0), sat, (15, 0), staff=n) for n in (1, 2, 3)]
    two = [shift(sun, (11, 0), sun, (13, 0), staff=n) for n in (1, 2)] + [shift(sun, (11, 0), sun, (15, 0), staff=3)]
    found = short_windows([Duty.of(s) for s in three + two], [weekends], [sat, sun, mon])
    assert [(c.day, c.on_duty) for c in found] == [(sun, 1)]  # Monday has no such window; Sunday drops to 1 at 13:00
