"""What the window shows about staffing: the gaps from now to the end of tomorrow in plain words (a window under way
judged from now to its end; the night started yesterday evening is "this night's", the one ahead "tonight's"), a
month of coverage with who was on duty and the month's figures, and the home's physical-intervention refresher
setting."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time, timezone

import pytest

from inspect_app.domain.errors import ValidationFailed
from inspect_app.domain.local_time import from_wall_time
from inspect_app.domain.roles import NotPermitted, Role
from inspect_app.domain.rota import DEFAULT_WINDOWS, KeyTimeWindow
from inspect_app.domain.vocabulary import Absence, ShiftType
from inspect_app.services import registers, rota, staffing_view
from inspect_app.services.staffing_view import GAP, LEVEL3, NO_ROTA, gaps_ahead, month_view
from tests.conftest import signed_in_as
from tests.rota_days import TUE, WED, add_lee, add_pat, plan_two_days, put

def utc(*args) -> datetime:
    return datetime(*args, tzinfo=timezone.utc)  # November: the home's clock is UTC


@pytest.fixture
def lee(ws, home):
    return add_lee(ws, home)


@pytest.fixture
def pat(ws, home):
    return add_pat(ws, home)


@pytest.fixture
def two_days(ws, home, sam, kim, lee, pat):
    """tests/rota_days.py: Tue 24/11 and Wed 25/11. Sam (S-01) has no Level 3, due 06/01/2022."""
    plan_two_days(ws, home, sam, kim, lee, pat)


LEVEL3_LINE = ("Sam Jones has no Level 3 Diploma recorded: it was due by 06/01/2022, 2 years after starting a care "
               "role")


def test_the_gaps_from_an_evening_to_the_end_of_tomorrow(ws, home, two_days):
    items = gaps_ahead(ws, home, utc(2026, 11, 24, 20, 0))
    assert [(i.kind, i.status, i.urgent, i.record_ref, i.text, i.citation, i.area) for i in items] == [
        (GAP, "Short now", True, "24/11 evening", "Today's evening window 18:00-22:30 (Tue 24/11, under way) has 1 of "
                                                  "2 on duty: 1 more needed", "Narey rec 4", "rota"),
        (GAP, "Short", True, "24/11 night", "Tonight's night window 22:30-07:00 (from Tue 24/11) has 0 of 1 on duty: "
                                            "1 more needed", "Narey rec 4", "rota"),
        (GAP, "Short", False, "25/11 after school", "Tomorrow's after school window 15:30-18:00 (Wed 25/11) has 1 of 2 "
                                                    "on duty: 1 more needed", "Narey rec 4", "rota"),
        (LEVEL3, "Overdue", True, "S-01", LEVEL3_LINE, "reg 32(4)", "staff"),
    ]
    assert items[0].explanation.endswith("On duty in it: Lee Hart, Pat Quinn.")
    assert items[1].explanation.endswith("Nobody is on the rota for it.")


def test_a_night_window_started_yesterday_evening_is_this_nights_until_it_ends(ws, home, two_days):
    items = gaps_ahead(ws, home, utc(2026, 11, 25, 3, 0))
    assert [i.text for i in items] == [
        "This night's night window 22:30-07:00 (from Tue 24/11, under way) has 0 of 1 on duty: 1 more needed",
        "Today's after school window 15:30-18:00 (Wed 25/11) has 1 of 2 on duty: 1 more needed",
        # Thursday is tomorrow now, and nothing is planned on it
        "Tomorrow's morning window 07:00-09:30 (Thu 26/11) has 0 of 2 on duty: 2 more needed",
        "Tomorrow's after school window 15:30-18:00 (Thu 26/11) has 0 of 2 on duty: 2 more needed",
        "Tomorrow's evening window 18:00-22:30 (Thu 26/11) has 0 of 2 on duty: 2 more needed",
        "Tomorrow's night window 22:30-07:00 (from Thu 26/11) has 0 of 1 on duty: 1 more needed",
        LEVEL3_LINE,
    ]
    assert [i.urgent for i in items] == [True, True, False, False, False, False, True]
    # at 07:00 the night window has ended: it is no longer listed
    assert not any("Tue 24/11" in i.text for i in gaps_ahead(ws, home, utc(2026, 11, 25, 7, 0)))
    assert any("Tue 24/11" in i.text for i in gaps_ahead(ws, home, utc(2026, 11, 25, 6, 59)))


def test_after_midnight_the_night_under_way_and_tonights_are_told_apart(ws, home, sam):
    put(ws, home, sam, WED, "07:00", "15:00")  # nobody on either night
    texts = [i.text for i in gaps_ahead(ws, home, utc(2026, 11, 24, 0, 30)) if "night window" in i.text]
    assert texts == [
        "This night's night window 22:30-07:00 (from Mon 23/11, under way) has 0 of 1 on duty: 1 more needed",
        "Tonight's night window 22:30-07:00 (from Tue 24/11) has 0 of 1 on duty: 1 more needed",
        "Tomorrow's night window 22:30-07:00 (from Wed 25/11) has 0 of 1 on duty: 1 more needed"]


def test_a_window_under_way_is_judged_from_now_to_its_end(ws, home, sam, kim):
    """The evening needs 2: Sam on a late, Kim on one that she came to at 19:00. At 20:00 both are there: the
    shortage from 18:00 to 19:00 is over and is not a gap now; a shortage still to come is."""
    put(ws, home, sam, TUE, "14:30", "22:30", ShiftType.LATE)
    kim_late = put(ws, home, kim, TUE, "18:00", "22:30", ShiftType.LATE,
                   actual_start=from_wall_time(datetime(2026, 11, 24, 19)),
                   actual_end=from_wall_time(datetime(2026, 11, 24, 22, 30)))
    assert not any(i.record_ref == "24/11 evening" for i in gaps_ahead(ws, home, utc(2026, 11, 24, 20, 0)))
    rota.save_shift(ws, replace(kim_late, actual_end=from_wall_time(datetime(2026, 11, 24, 21, 0))))
    [evening] = [i for i in gaps_ahead(ws, home, utc(2026, 11, 24, 20, 0)) if i.record_ref == "24/11 evening"]
    assert (evening.status, evening.text) == (
        "Short now", "Today's evening window 18:00-22:30 (Tue 24/11, under way) has 1 of 2 on duty: 1 more needed")
    # a window not yet started is judged whole
    [later] = [i for i in gaps_ahead(ws, home, utc(2026, 11, 24, 17, 0)) if i.record_ref == "24/11 evening"]
    assert later.status == "Short"


def test_an_absence_reported_for_tomorrow_opens_a_gap(ws, home, two_days, kim):
    sick = ws.shifts.at(home.id, kim.id, from_wall_time(datetime(2026, 11, 25, 7, 0)))
    rota.save_shift(ws, replace(sick, absence=Absence.SICK))
    texts = [i.text for i in gaps_ahead(ws, home, utc(2026, 11, 24, 20, 0))]
    assert "Tomorrow's morning window 07:00-09:30 (Wed 25/11) has 1 of 2 on duty: 1 more needed" in texts


def test_with_no_rota_ahead_one_line_says_so(ws, home, sam, kim):
    put(ws, home, kim, date(2026, 11, 23), "07:00", "15:00")  # Monday's: ended
    items = gaps_ahead(ws, home, utc(2026, 11, 24, 8, 0))
    assert [(i.kind, i.status, i.urgent, i.text) for i in items] == [
        (NO_ROTA, "To do", False, "No shifts are on the rota from now to the end of tomorrow: plan them, so that the "
                                  "key times can be checked"),
        (LEVEL3, "Overdue", True, LEVEL3_LINE)]


def test_nothing_to_show_when_the_next_two_days_are_covered(ws, home, kim, lee):
    for day in (TUE, WED):
        put(ws, home, kim, day, "07:00", "22:30", ShiftType.LONG_DAY)
        put(ws, home, lee, day, "07:00", "22:30", ShiftType.LONG_DAY)
    put(ws, home, kim, date(2026, 11, 23), "22:00", "07:00", ShiftType.WAKING_NIGHT)
    put(ws, home, kim, TUE, "22:30", "07:00", ShiftType.WAKING_NIGHT)  # from the end of her long day
    put(ws, home, lee, WED, "22:30", "07:00", ShiftType.WAKING_NIGHT)
    assert gaps_ahead(ws, home, utc(2026, 11, 24, 6, 0)) == []


def test_a_level3_dated_after_today_is_still_overdue_and_says_so(ws, home, sam):
    registers.save_staff(ws, replace(sam, level3_achieved_on=date(2026, 12, 20)))
    [item] = [i for i in gaps_ahead(ws, home, utc(2026, 11, 24, 20, 0)) if i.kind == LEVEL3]
    assert item.text == ("Sam Jones has a Level 3 Diploma dated 20/12/2026, after today: it was due by 06/01/2022, 2 "
                         "years after starting a care role")
    assert not [i for i in gaps_ahead(ws, home, utc(2026, 12, 20, 0, 0)) if i.kind == LEVEL3]


def test_seeing_the_gaps_needs_the_figures_permission(ws, home, two_days):
    carer = signed_in_as(ws, home, Role.CARE_STAFF)
    try:
        with pytest.raises(NotPermitted):
            gaps_ahead(carer, home, utc(2026, 11, 24, 20, 0))
    finally:
        carer.close()


# the month ---------------------------------------------------------------------------------------------------------

def test_a_month_has_every_window_of_every_day_with_who_was_on_duty(ws, home, two_days, clock):
    clock.set(utc(2026, 11, 24, 20, 0))
    view = month_view(ws, home, date(2026, 11, 17))
    assert view.month == date(2026, 11, 1) and len(view.days) == 30
    assert view.windows == DEFAULT_WINDOWS
    assert len(view.cells) == 120
    evening = view.cell(TUE, DEFAULT_WINDOWS[2])
    assert (evening.coverage.on_duty, evening.short, evening.people) == (1, True, ("Lee Hart", "Pat Quinn"))
    assert evening.level3_throughout and evening.pi_throughout  # Lee, on duty throughout, has both
    after_school = view.cell(WED, DEFAULT_WINDOWS[1])
    assert (after_school.coverage.on_duty, after_school.people) == (1, ("Lee Hart",))  # Pat comes at its end
    night = view.cell(WED, DEFAULT_WINDOWS[3])
    assert (night.coverage.on_duty, night.people, night.level3_throughout) == (1, ("Pat Quinn", "Kim Patel"), False)
    # the month's figures as at the clock: every other day of November has nobody on the rota
    r = view.report
    short_on_24_25 = [(c.day, c.window.name) for c in r.windows_below_minimum if c.day in (TUE, WED)]
    assert short_on_24_25 == [(TUE, "evening"), (TUE, "night"), (WED, "after school")]
    assert len(r.windows_below_minimum) == 28 * 4 + 3
    assert r.planned_hours == 2 * 3 * 8 + 4.5 + 5 + 9.5  # 48 + Pat's 4.5 and 5 + Kim's night 9.5
    assert r.actual_hours == 8 + 8 + 4.5  # ended by Tuesday 20:00: Sam's and Kim's days, Pat's late (not Lee's)
    assert r.bank_share == round(4.5 / 20.5, 4)
    # Lee, the only Level 3, throughout the after school and evening windows of both days
    cells = view.cells.values()
    assert (len(cells), sum(c.level3_throughout for c in cells), sum(c.pi_throughout for c in cells)) == (120, 4, 4)


def test_a_month_follows_the_homes_windows(ws, home, two_days, clock):
    rota.set_key_time_windows(ws, home, [KeyTimeWindow("handover", time(14, 0), time(15, 0), 3)])
    view = month_view(ws, home, date(2026, 11, 1), utc(2026, 11, 24, 20, 0))
    assert [w.name for w in view.windows] == ["handover"] and len(view.cells) == 30
    assert view.cell(TUE, view.windows[0]).coverage.on_duty == 2


@pytest.mark.parametrize("role, reads", [(Role.PROVIDER_VIEWER, True), (Role.SENIOR, True),
                                         (Role.CARE_STAFF, False)])
def test_who_reads_the_month(ws, home, two_days, role, reads):
    other = signed_in_as(ws, home, role)
    try:
        if reads:
            assert len(month_view(other, home, TUE).cells) == 120
        else:
            with pytest.raises(NotPermitted):
                month_view(other, home, TUE)
    finally:
        other.close()


# the refresher setting ------------------------------------------------------------------------------------------

def test_the_pi_refresher_is_12_months_until_the_home_sets_it(ws, home):
    assert staffing_view.pi_refresher_months(ws, home) == 12
    assert staffing_view.set_pi_refresher_months(ws, home, 6) == 6
    assert staffing_view.pi_refresher_months(ws, home) == 6
    staffing_view.set_pi_refresher_months(ws, home, 0)
    assert staffing_view.pi_refresher_months(ws, home) == 0  # not tracked
    rows = ws.db.query("SELECT actor, reason, after FROM audit WHERE entity = 'setting' ORDER BY id")
    assert [(r["actor"], r["reason"]) for r in rows][-2:] == [("tester", "physical-intervention refresher")] * 2


@pytest.mark.parametrize("months", [-1, 61, True, "12"])
def test_a_refresher_out_of_range_is_refused(ws, home, months):
    with pytest.raises(ValidationFailed, match="from 0"):
        staffing_view.set_pi_refresher_months(ws, home, months)
    assert staffing_view.pi_refresher_months(ws, home) == 12


def test_only_those_who_change_the_registers_set_the_refresher(ws, home):
    senior = signed_in_as(ws, home, Role.SENIOR)
    try:
        with pytest.raises(NotPermitted):
            staffing_view.set_pi_refresher_months(senior, home, 24)
        assert staffing_view.pi_refresher_months(senior, home) == 12
    finally:
        senior.close()
