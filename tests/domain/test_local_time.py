"""Local time in Europe/London on the 2026 clock-change nights: wall times, periods and calendar days.

Expected values are worked out by hand: on Sunday 29/03/2026 the clocks go forward at 01:00 GMT
(01:00 UTC) to 02:00 BST, so 01:00-01:59 does not exist; on Sunday 25/10/2026 they go back at
02:00 BST (01:00 UTC) to 01:00 GMT, so 01:00-01:59 happens twice.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from inspect_app.domain.local_time import (
    Period,
    WallTimeError,
    add_calendar_days,
    from_utc_text,
    from_wall_time,
    local_midnight,
    to_local,
    to_utc_text,
)

UTC = timezone.utc


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=UTC)


# from_wall_time ---------------------------------------------------------------------------------

@pytest.mark.parametrize("wall, expected", [
    (datetime(2026, 1, 15, 9, 0), utc(2026, 1, 15, 9, 0)),            # GMT: UTC+0
    (datetime(2026, 7, 15, 9, 0), utc(2026, 7, 15, 8, 0)),            # BST: UTC+1
    (datetime(2026, 3, 29, 0, 59), utc(2026, 3, 29, 0, 59)),          # last GMT minute before the jump
    (datetime(2026, 3, 29, 2, 0), utc(2026, 3, 29, 1, 0)),            # first BST minute after it
    (datetime(2026, 10, 25, 0, 59), utc(2026, 10, 24, 23, 59)),       # still BST, before the fold
    (datetime(2026, 10, 25, 2, 0), utc(2026, 10, 25, 2, 0)),          # GMT, after the fold
    (datetime(2026, 10, 25, 0, 0), utc(2026, 10, 24, 23, 0)),         # local midnight in BST
])
def test_from_wall_time_converts_existing_times_to_utc(wall, expected):
    got = from_wall_time(wall)
    assert got == expected
    assert got.utcoffset() == timedelta(0)


@pytest.mark.parametrize("wall", [datetime(2026, 3, 29, 1, 0), datetime(2026, 3, 29, 1, 30),
                                  datetime(2026, 3, 29, 1, 59)])
def test_from_wall_time_refuses_a_time_in_the_spring_gap(wall):
    with pytest.raises(WallTimeError) as caught:
        from_wall_time(wall)
    message = str(caught.value)
    assert f"29/03/2026 {wall:%H:%M}" in message
    assert "does not exist" in message
    assert "+01:00" in message  # tells the user how to say what they mean


@pytest.mark.parametrize("wall", [datetime(2026, 10, 25, 1, 0), datetime(2026, 10, 25, 1, 30),
                                  datetime(2026, 10, 25, 1, 59)])
def test_from_wall_time_refuses_a_time_that_happens_twice_in_the_autumn(wall):
    with pytest.raises(WallTimeError) as caught:
        from_wall_time(wall)
    message = str(caught.value)
    assert f"25/10/2026 {wall:%H:%M}" in message
    assert "happens twice" in message
    assert "+01:00" in message and "+00:00" in message


def test_wall_time_error_is_a_value_error_so_input_parsers_can_catch_it():
    assert issubclass(WallTimeError, ValueError)


def test_to_local_tells_the_two_half_past_ones_apart():
    first = to_local(utc(2026, 10, 25, 0, 30))
    second = to_local(utc(2026, 10, 25, 1, 30))
    assert (first.hour, first.minute, first.utcoffset()) == (1, 30, timedelta(hours=1))
    assert (second.hour, second.minute, second.utcoffset()) == (1, 30, timedelta(0))


def test_naive_datetimes_are_refused_outside_the_input_parser():
    with pytest.raises(ValueError):
        to_local(datetime(2026, 1, 1, 12, 0))
    with pytest.raises(ValueError):
        to_utc_text(datetime(2026, 1, 1, 12, 0))


def test_storage_text_is_utc_and_round_trips():
    moment = from_wall_time(datetime(2026, 7, 1, 14, 30))
    assert to_utc_text(moment) == "2026-07-01T13:30:00Z"
    assert from_utc_text("2026-07-01T13:30:00Z") == moment


# Period --------------------------------------------------------------------------------------

def test_local_midnight_in_summer_is_23_00_utc_the_day_before():
    assert local_midnight(date(2026, 7, 1)) == utc(2026, 6, 30, 23, 0)
    assert local_midnight(date(2026, 1, 1)) == utc(2026, 1, 1, 0, 0)


def test_the_spring_forward_day_is_23_hours_long():
    day = Period(date(2026, 3, 29), date(2026, 3, 29))
    assert day.starts_at == utc(2026, 3, 29, 0, 0)   # midnight GMT
    assert day.ends_before == utc(2026, 3, 29, 23, 0)  # midnight BST on the 30th
    assert day.ends_before - day.starts_at == timedelta(hours=23)


def test_the_fall_back_day_is_25_hours_long():
    day = Period(date(2026, 10, 25), date(2026, 10, 25))
    assert day.starts_at == utc(2026, 10, 24, 23, 0)  # midnight BST
    assert day.ends_before == utc(2026, 10, 26, 0, 0)  # midnight GMT on the 26th
    assert day.ends_before - day.starts_at == timedelta(hours=25)


def test_a_period_across_both_changes_starts_and_ends_at_local_midnight():
    period = Period(date(2026, 3, 1), date(2026, 10, 31))
    assert period.starts_at == utc(2026, 3, 1, 0, 0)
    assert period.ends_before == utc(2026, 11, 1, 0, 0)
    summer = Period(date(2026, 4, 1), date(2026, 9, 30))
    assert summer.starts_at == utc(2026, 3, 31, 23, 0)
    assert summer.ends_before == utc(2026, 9, 30, 23, 0)


def test_a_one_day_period_contains_its_local_midnight_and_not_the_next():
    day = Period(date(2026, 7, 1), date(2026, 7, 1))
    assert day.contains(utc(2026, 6, 30, 23, 0))        # 00:00 BST on 01/07
    assert not day.contains(utc(2026, 6, 30, 22, 59))   # 23:59 BST on 30/06
    assert day.contains(utc(2026, 7, 1, 22, 59))        # 23:59 BST on 01/07
    assert not day.contains(utc(2026, 7, 1, 23, 0))     # 00:00 BST on 02/07


def test_contains_is_exact_at_the_boundaries_of_the_fall_back_day():
    day = Period(date(2026, 10, 25), date(2026, 10, 25))
    assert day.contains(day.starts_at)
    assert not day.contains(day.starts_at - timedelta(microseconds=1))
    assert day.contains(day.ends_before - timedelta(microseconds=1))
    assert not day.contains(day.ends_before)
    # both 01:30s belong to the 25th
    assert day.contains(utc(2026, 10, 25, 0, 30)) and day.contains(utc(2026, 10, 25, 1, 30))


def test_contains_accepts_any_aware_zone_and_refuses_naive():
    day = Period(date(2026, 7, 1), date(2026, 7, 1))
    bst = timezone(timedelta(hours=1))
    assert day.contains(datetime(2026, 7, 1, 0, 0, tzinfo=bst))
    with pytest.raises(ValueError):
        day.contains(datetime(2026, 7, 1, 12, 0))


def test_contains_date_is_inclusive_at_both_ends():
    period = Period(date(2026, 3, 29), date(2026, 10, 25))
    assert period.contains_date(date(2026, 3, 29))
    assert period.contains_date(date(2026, 10, 25))
    assert not period.contains_date(date(2026, 3, 28))
    assert not period.contains_date(date(2026, 10, 26))


def test_a_period_cannot_end_before_it_starts():
    with pytest.raises(ValueError):
        Period(date(2026, 10, 26), date(2026, 10, 25))


def test_dates_lists_every_local_date_once_across_the_changes():
    period = Period(date(2026, 3, 28), date(2026, 3, 30))
    assert list(period.dates()) == [date(2026, 3, 28), date(2026, 3, 29), date(2026, 3, 30)]
    assert len(list(Period(date(2026, 10, 24), date(2026, 10, 26)).dates())) == 3


# add_calendar_days ---------------------------------------------------------------------------

def test_calendar_days_across_the_october_change_keep_the_local_clock_time():
    start = from_wall_time(datetime(2026, 10, 22, 12, 0))  # 11:00 UTC (BST)
    deadline = add_calendar_days(start, 5)
    assert deadline == utc(2026, 10, 27, 12, 0)  # 12:00 GMT
    assert deadline - start == timedelta(hours=121)
    assert to_local(deadline).strftime("%d/%m/%Y %H:%M") == "27/10/2026 12:00"


def test_calendar_days_across_the_march_change_keep_the_local_clock_time():
    start = from_wall_time(datetime(2026, 3, 26, 12, 0))  # 12:00 UTC (GMT)
    deadline = add_calendar_days(start, 5)
    assert deadline == utc(2026, 3, 31, 11, 0)  # 12:00 BST
    assert deadline - start == timedelta(hours=119)


def test_calendar_days_that_do_not_cross_a_change_are_whole_days():
    start = from_wall_time(datetime(2026, 6, 10, 23, 30))
    assert add_calendar_days(start, 5) - start == timedelta(days=5)


def test_a_deadline_landing_in_the_spring_gap_moves_forward_by_the_gap():
    # 24/03/2026 01:30 GMT + 5 calendar days = 29/03/2026 01:30, which never shows on a UK clock.
    # The kinder reading for the home: forward by the hour the clocks skip, 02:30 BST = 01:30 UTC.
    start = from_wall_time(datetime(2026, 3, 24, 1, 30))
    deadline = add_calendar_days(start, 5)
    assert deadline == utc(2026, 3, 29, 1, 30)
    assert to_local(deadline).strftime("%H:%M") == "02:30"


def test_a_deadline_at_the_very_start_of_the_gap_is_the_jump_itself():
    start = from_wall_time(datetime(2026, 3, 24, 1, 0))
    assert add_calendar_days(start, 5) == utc(2026, 3, 29, 1, 0)


def test_a_deadline_landing_in_the_autumn_fold_takes_the_later_occurrence():
    start = from_wall_time(datetime(2026, 10, 20, 1, 30))  # 00:30 UTC (BST)
    deadline = add_calendar_days(start, 5)
    assert deadline == utc(2026, 10, 25, 1, 30)  # the second 01:30, GMT
    assert to_local(deadline).utcoffset() == timedelta(0)


@pytest.mark.parametrize("start", [utc(2026, 10, 25, 0, 30), utc(2026, 10, 25, 1, 30)])
def test_either_half_past_one_on_the_fold_night_gives_the_same_day_deadline(start):
    # both are 01:30 on 25/10 by the wall clock; five days later 01:30 exists once (GMT)
    assert add_calendar_days(start, 5) == utc(2026, 10, 30, 1, 30)


def test_calendar_days_from_the_first_minute_after_the_jump():
    start = utc(2026, 3, 29, 1, 0)  # 02:00 BST
    assert add_calendar_days(start, 5) == utc(2026, 4, 3, 1, 0)
    assert add_calendar_days(start, -5) == utc(2026, 3, 24, 2, 0)  # 02:00 GMT
