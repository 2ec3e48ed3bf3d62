"""The demo's rota: the busy home-year's shifts (SPEC 10), nobody on two shifts at once or outside their employment,
absences without times, the weeks ahead planned only, both clock-change nights, and staffing findings that are true
without being absurd (Narey rec 4)."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date, datetime, time, timedelta, timezone

import pytest

from inspect_app.domain.local_time import Period, local_midnight, to_local
from inspect_app.domain.rota import Shift, overlap_problem, validate_shift
from inspect_app.domain.vocabulary import Absence, Employment, ShiftType, StaffRole
from inspect_app.services import compliance, demo, rota
from inspect_app.services.demo_rota import PLANNED_AHEAD, checked
from inspect_app.services.workspace import Workspace
from inspect_app.storage import keyslots

from ..conftest import FAST_COST, FixedClock, create_as_tester

END = date(2026, 11, 22)  # the local date of the clock below
CLOCK = datetime(2026, 11, 22, 12, 0, tzinfo=timezone.utc)
YEAR = Period(date(2025, 11, 22), END - timedelta(days=1))
CUTOFF = local_midnight(END)
SPRING, AUTUMN = date(2026, 3, 28), date(2026, 10, 24)  # the evenings before the clocks change


def _generate(path) -> Workspace:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(keyslots, "DEFAULT_COST", FAST_COST)
        ws = create_as_tester(path, FixedClock(CLOCK))
    demo.generate(ws, homes=2, years=1, seed=7)
    return ws


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    """A busy home and a calmer one over a year (made once: a rota is thousands of shifts)."""
    ws = _generate(tmp_path_factory.mktemp("rota") / "demo.db")
    busy, calmer = sorted(ws.homes.all(), key=lambda h: h.id)
    yield ws, busy, calmer
    ws.close()


@pytest.fixture(scope="module")
def busy_shifts(made) -> list[Shift]:
    ws, busy, _ = made
    return ws.shifts.for_home(busy.id)


@pytest.fixture(scope="module")
def staff(made) -> dict:
    ws, busy, _ = made
    return {s.id: s for s in ws.staff.for_home(busy.id)}


def _in_year(shifts: list[Shift]) -> list[Shift]:
    return [s for s in shifts if YEAR.contains_date(s.local_date())]


def test_the_busy_home_year_has_about_2500_shifts_with_some_absent_and_covered(busy_shifts, staff):
    year = _in_year(busy_shifts)
    assert 2300 <= len(year) <= 2700  # SPEC 10: the busy home-year has about 2,500 shifts
    assert set(Counter(s.shift_type for s in year)) == set(ShiftType)
    absences = Counter(s.absence for s in year)
    assert 0.025 <= absences[Absence.SICK] / len(year) <= 0.055  # sickness about 3-5% of shifts
    assert 0.015 <= absences[Absence.LEAVE] / len(year) <= 0.06  # a week or two a year each
    assert 0 < absences[Absence.OTHER] < absences[Absence.SICK]
    employment = Counter(staff[s.staff_id].employment for s in year if s.on_duty)
    assert employment[Employment.BANK] > 0 and employment[Employment.AGENCY] > 0  # cover
    assert employment[Employment.PERMANENT] > 0.85 * len(year)
    roles = Counter(staff[s.staff_id].role for s in year)
    assert roles[StaffRole.REGISTERED_MANAGER] == 0  # office hours, not shifts
    assert 50 <= roles[StaffRole.DEPUTY_MANAGER] <= 150  # about two shifts a week


def test_leave_is_taken_most_in_august_and_at_christmas(busy_shifts):
    months = Counter(s.local_date().month for s in busy_shifts if s.absence is Absence.LEAVE)
    assert months[8] > months[11] and months[12] > months[11]


def test_nobody_is_on_two_shifts_at_once_and_each_shift_is_one_a_person_may_save(made, staff):
    ws, busy, calmer = made
    for home in (busy, calmer):
        by_person = defaultdict(list)
        for shift in ws.shifts.for_home(home.id):
            assert validate_shift(shift) == []
            by_person[shift.staff_id].append(shift)
        for shifts in by_person.values():
            shifts.sort(key=lambda s: s.planned_start)
            for before, after in zip(shifts, shifts[1:]):
                assert overlap_problem(after, [before], "them") == []
                # 11 hours' rest between shifts (Working Time Regulations 1998, reg 10), save a sleep-in straight
                # after a late
                chained = after.shift_type is ShiftType.SLEEP_IN and after.planned_start == before.planned_end
                assert chained or after.planned_start - before.planned_end >= timedelta(hours=11)


def test_the_check_refuses_an_overlap_and_a_bad_shift(busy_shifts, staff):
    names = {i: s.full_name for i, s in staff.items()}
    shift = next(s for s in busy_shifts if s.shift_type is ShiftType.DAY)
    later = Shift(shift.home_id, shift.staff_id, ShiftType.LATE, shift.planned_start + timedelta(hours=7),
                  shift.planned_end + timedelta(hours=7))
    with pytest.raises(ValueError, match="overlaps"):
        checked([shift, later], names)
    with pytest.raises(ValueError, match="not after its start"):
        checked([Shift(shift.home_id, shift.staff_id, ShiftType.DAY, shift.planned_end, shift.planned_start)], names)


def test_nobody_works_before_starting_or_after_leaving(made):
    ws, busy, calmer = made
    leavers_worked = 0
    for home in (busy, calmer):
        people = {s.id: s for s in ws.staff.for_home(home.id)}
        for shift in ws.shifts.for_home(home.id):
            person = people[shift.staff_id]
            assert person.care_role_started_on <= to_local(min(shift.start, shift.planned_start)).date()
            if person.left_on is not None:
                assert max(shift.end, shift.planned_end) <= local_midnight(person.left_on)
                leavers_worked += 1
    assert leavers_worked > 0  # the check above met someone who left


def test_absent_shifts_have_no_times_and_most_are_covered(busy_shifts):
    year = _in_year(busy_shifts)
    absent = [s for s in year if s.absence is not None]
    assert absent and all(s.actual_start is None and s.actual_end is None for s in absent)
    places = {ShiftType.DAY: 2, ShiftType.LATE: 2, ShiftType.WAKING_NIGHT: 1}  # each day's, in the demo's pattern
    on_duty = Counter((s.shift_type, s.planned_start) for s in year if s.on_duty and s.shift_type in places)
    missed = Counter((s.shift_type, s.planned_start) for s in absent if s.shift_type in places)
    uncovered = sum(max(0, places[kind] - on_duty[(kind, start)]) for kind, start in missed)
    assert 0 < uncovered < 0.5 * sum(missed.values())  # most are covered, not all


def test_times_worked_are_near_the_plan_with_some_staying_late(busy_shifts):
    worked = [s for s in _in_year(busy_shifts) if s.actual_start is not None]
    assert len(worked) > 0.85 * len(_in_year(busy_shifts))
    starts = [(s.actual_start - s.planned_start) / timedelta(minutes=1) for s in worked]
    ends = [(s.actual_end - s.planned_end) / timedelta(minutes=1) for s in worked]
    assert sum(abs(m) <= 20 for m in starts) > 0.95 * len(worked)
    assert sum(-20 <= m <= 20 for m in ends) > 0.85 * len(worked)
    assert 10 < sum(m >= 30 for m in ends) < 0.1 * len(worked)  # staying on after an incident
    assert 0 < sum(m <= -5 for m in ends) < 0.05 * len(worked)  # the odd early finish
    assert all(s.actual_end <= CUTOFF for s in worked)  # nothing happens after the demo's end


def test_four_weeks_are_planned_ahead_with_nothing_worked_or_missed_yet(busy_shifts):
    ahead = [s for s in busy_shifts if s.planned_start >= CUTOFF]
    assert {s.local_date() for s in ahead} == {END + timedelta(days=n) for n in range(PLANNED_AHEAD.days)}
    assert 150 <= len(ahead) <= 200
    assert all(s.actual_start is None and s.actual_end is None and s.absence is None for s in ahead)
    # the last night before the end is planned too, though it ends after it: not worked yet
    last_night = [s for s in busy_shifts if s.planned_start < CUTOFF < s.planned_end]
    assert last_night and all(s.actual_end is None for s in last_night)


def test_tonight_and_tomorrow_are_covered_by_the_planned_rota(made):
    ws, busy, _ = made
    found = rota.coverage_for(ws, busy, Period(END, END + timedelta(days=1)))
    assert len(found) == 8 and all(c.on_duty >= 1 for c in found)


@pytest.mark.parametrize("evening, hours", [(SPRING, 8.5), (AUTUMN, 10.5)])
def test_a_waking_night_on_a_clock_change_night_is_its_real_length(busy_shifts, evening, hours):
    nights = [s for s in busy_shifts if s.local_date() == evening and s.shift_type is ShiftType.WAKING_NIGHT]
    assert nights
    for night in nights:
        assert to_local(night.planned_start).time() == time(22, 0)
        assert to_local(night.planned_end).time() == time(7, 30)
        assert night.planned_hours == hours
    sleep_in = next(s for s in busy_shifts if s.local_date() == evening and s.shift_type is ShiftType.SLEEP_IN)
    assert sleep_in.planned_hours == hours - 1  # 22:30-07:00: 7.5 hours in March, 9.5 in October


def test_one_lead_for_each_part_of_each_day_usually_a_senior(busy_shifts, staff):
    periods = {ShiftType.DAY: "day", ShiftType.LONG_DAY: "day", ShiftType.LATE: "late",
               ShiftType.WAKING_NIGHT: "night", ShiftType.SLEEP_IN: "night"}
    leads = Counter((s.local_date(), periods[s.shift_type]) for s in busy_shifts if s.shift_lead)
    on_duty = {(s.local_date(), periods[s.shift_type]) for s in busy_shifts if s.on_duty}
    assert set(leads) == on_duty and set(leads.values()) == {1}
    assert not any(s.shift_lead for s in busy_shifts if not s.on_duty)
    senior = (StaffRole.SENIOR, StaffRole.DEPUTY_MANAGER)
    day_leads = [staff[s.staff_id].role for s in busy_shifts if s.shift_lead and periods[s.shift_type] != "night"]
    assert sum(r in senior for r in day_leads) > 0.7 * len(day_leads)


def test_the_busy_home_is_short_some_windows_a_month_and_the_calmer_home_fewer(made):
    ws, busy, calmer = made
    short = compliance.compute(ws, busy, YEAR, CLOCK).staffing.windows_below_minimum
    months = Counter(c.day.strftime("%Y-%m") for c in short)
    assert 15 <= len(short) <= 80 and len(months) >= 6 and max(months.values()) <= 15
    assert all(c.on_duty == c.window.min_staff - 1 for c in short if c.window.name != "night")  # one short, not two
    calm = compliance.compute(ws, calmer, YEAR, CLOCK).staffing.windows_below_minimum
    assert len(calm) < len(short)


def test_the_staffing_figures_of_the_last_year_are_sensible(made):
    ws, busy, _ = made
    found = compliance.to_json(compliance.compute(ws, busy, YEAR, CLOCK))["staffing"]
    assert 18_000 <= found["planned_hours"] <= 24_000  # a home of 3-6 places staffed round the clock
    assert 0.9 * found["planned_hours"] <= found["actual_hours"] < found["planned_hours"]  # absences, not covered
    assert 0 < found["agency_share"] < 0.3
    assert found["level3_overdue"]


def test_the_same_seed_gives_the_same_rota(made, tmp_path):
    ws, busy, _ = made
    again = _generate(tmp_path / "again.db")
    try:
        home = min(again.homes.all(), key=lambda h: h.id)
        rows = [[(s.staff_id, s.shift_type, s.planned_start, s.planned_end, s.actual_start, s.actual_end, s.absence,
                  s.shift_lead) for s in w.shifts.for_home(h.id)] for w, h in ((ws, busy), (again, home))]
        assert rows[0] == rows[1] and len(rows[0]) > 2000
    finally:
        again.close()
