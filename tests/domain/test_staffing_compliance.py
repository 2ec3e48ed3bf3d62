"""The staffing findings (SPEC 3, 7): windows below their minimum over the period, hours planned and worked, the agency
share, and care staff past their Level 3 due date (reg 32(4))."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest

from inspect_app.domain.local_time import Period, from_wall_time
from inspect_app.domain.records import Staff
from inspect_app.domain.rota import DEFAULT_WINDOWS, Shift
from inspect_app.domain.staffing_compliance import level3_overdue, staffing_report
from inspect_app.domain.vocabulary import Absence, Employment, ShiftType, StaffRole

MORNING, AFTER_SCHOOL, EVENING, NIGHT = DEFAULT_WINDOWS
MON = date(2026, 11, 16)


def wall(day: date, hh: int, mm: int = 0) -> datetime:
    return from_wall_time(datetime.combine(day, time(hh, mm)))


def person(ref: str, staff_id: int, role=StaffRole.CARE_WORKER, employment=Employment.PERMANENT, **kw) -> Staff:
    return Staff(home_id=1, ref=ref, full_name=ref, role=role, employment=employment, id=staff_id, **kw)


def on(staff_id: int, day: date, start: int, hours: int, **kw) -> Shift:
    begin = wall(day, start)
    return Shift(1, staff_id, kw.pop("kind", ShiftType.DAY), begin, begin + timedelta(hours=hours), **kw)


# level 3 (reg 32(4)) -----------------------------------------------------------------------------------

def test_level3_is_overdue_the_day_after_the_second_anniversary_of_starting_a_care_role():
    started = person("S-01", 1, care_role_started_on=date(2024, 11, 16))
    assert level3_overdue([started], wall(date(2026, 11, 16), 23, 59)) == []   # the due date itself
    assert level3_overdue([started], wall(date(2026, 11, 17), 0, 0)) == ["S-01"]


def test_level3_overdue_counts_care_roles_still_employed_without_it_at_the_as_at_time():
    as_at = wall(MON, 12)
    long_ago = date(2020, 1, 6)
    staff = [
        person("S-05", 5, care_role_started_on=long_ago),                                          # overdue
        person("S-02", 2, role=StaffRole.SENIOR, care_role_started_on=long_ago,
               level3_achieved_on=date(2026, 12, 1)),                                               # after as-at
        person("S-03", 3, role=StaffRole.DEPUTY_MANAGER, care_role_started_on=long_ago, left_on=date(2026, 12, 1)),
        person("S-04", 4, care_role_started_on=long_ago, level3_achieved_on=MON),                  # has it today
        person("S-06", 6, care_role_started_on=long_ago, left_on=MON),                             # left today
        person("S-07", 7, role=StaffRole.REGISTERED_MANAGER, care_role_started_on=long_ago),       # not a care role
        person("S-08", 8, role=StaffRole.OTHER, care_role_started_on=long_ago),
        person("S-09", 9),                                                                          # no start date
        person("S-10", 10, care_role_started_on=date(2025, 2, 1)),                                 # not yet due
    ]
    assert level3_overdue(staff, as_at) == ["S-02", "S-03", "S-05"]


def test_the_level3_is_held_from_the_day_it_was_achieved():
    """One rule for the finding and the register: achieved on or before the day; a date after it is not yet."""
    started = person("S-01", 1, care_role_started_on=date(2020, 1, 6), level3_achieved_on=MON)
    assert started.level3_achieved_by(MON) and started.level3_achieved_by(MON + timedelta(days=400))
    assert not started.level3_achieved_by(MON - timedelta(days=1))
    assert not person("S-02", 2).level3_achieved_by(MON)
    assert level3_overdue([started], wall(MON - timedelta(days=1), 12)) == ["S-01"]
    assert level3_overdue([started], wall(MON, 0)) == []


def test_the_as_at_time_must_carry_a_zone():
    with pytest.raises(ValueError):
        level3_overdue([], datetime(2026, 11, 16, 12))


# the report ---------------------------------------------------------------------------------------------

def test_hours_planned_and_worked_and_the_agency_share():
    period = Period(MON, MON + timedelta(days=1))
    staff = [person("S-01", 1), person("S-02", 2, employment=Employment.AGENCY), person("S-03", 3,
                                                                                       employment=Employment.BANK)]
    shifts = [
        on(1, MON - timedelta(days=1), 22, 9, kind=ShiftType.WAKING_NIGHT),  # the day before: not the period's hours
        on(1, MON, 8, 8, actual_start=wall(MON, 8), actual_end=wall(MON, 17)),   # planned 8, worked 9
        on(2, MON, 8, 12),                                                       # agency, worked as planned: 12
        on(3, MON, 14, 9, absence=Absence.SICK),                                 # planned 9, worked 0
        on(3, MON + timedelta(days=1), 8, 8),                                    # not ended by the as-at time
    ]
    report = staffing_report(shifts, [], staff, period, wall(MON + timedelta(days=1), 12))
    assert report.planned_hours == 37.0         # 8 + 12 + 9 + 8
    assert report.actual_hours == 21.0          # 9 + 12 + 0
    assert report.agency_share == 0.5714        # 12 / 21
    assert report.windows_below_minimum == []   # no windows


def test_no_hours_worked_gives_a_share_of_nothing():
    report = staffing_report([on(1, MON, 8, 8)], [], [person("S-01", 1)], Period(MON, MON), wall(MON, 9))
    assert (report.planned_hours, report.actual_hours, report.agency_share) == (8.0, 0.0, 0.0)


def test_windows_below_minimum_cover_every_date_sorted_by_date_then_start():
    period = Period(MON, MON + timedelta(days=1))
    shifts = [on(1, MON - timedelta(days=1), 22, 10, kind=ShiftType.WAKING_NIGHT),  # covers Monday's morning
              on(2, MON, 7, 15), on(3, MON, 7, 15),                                  # two on 07:00-22:00
              on(4, MON, 22, 9, kind=ShiftType.WAKING_NIGHT)]                       # Monday's night
    found = staffing_report(shifts, list(DEFAULT_WINDOWS), [], period, wall(MON, 12)).windows_below_minimum
    assert [(c.day, c.window.name, c.on_duty, c.window.min_staff) for c in found] == [
        (MON, "evening", 1, 2),                      # both left at 22:00: only the night worker until 22:30
        (MON + timedelta(days=1), "morning", 0, 2),  # Tuesday: the night worker leaves at 07:00, as it starts
        (MON + timedelta(days=1), "after school", 0, 2),
        (MON + timedelta(days=1), "evening", 0, 2),
        (MON + timedelta(days=1), "night", 0, 1),
    ]
