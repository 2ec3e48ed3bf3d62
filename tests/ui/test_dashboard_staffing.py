"""The dashboard's staffing tab: the key-time windows short from now to the end of tomorrow and the care staff past
their Level 3 due date, as at a fixed moment, in words with the rule; opening the rota (or the staff register); and
the calm line when the next two days are covered."""

from __future__ import annotations

from datetime import date, datetime, timezone

import pytest
from PySide6.QtCore import Qt

from inspect_app.domain.vocabulary import ShiftType
from inspect_app.ui.dashboard import NOTHING_SHORT, DashboardPage
from tests.rota_days import TUE, WED, add_lee, add_pat, plan_two_days, put
from tests.ui.lists_and_editors import model_rows, open_page

STAFFING = 2  # the third tab


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=timezone.utc)


@pytest.fixture
def lee(ws, home):
    return add_lee(ws, home)


@pytest.fixture
def two_days(ws, home, sam, kim, lee):
    """The two days of tests/rota_days.py: the evening short on Tuesday from 19:00 and nobody at night; the after
    school short on Wednesday. Sam (S-01, a senior since 06/01/2020) has no Level 3."""
    plan_two_days(ws, home, sam, kim, lee, add_pat(ws, home))


def make_page(qtbot, ws, home) -> DashboardPage:
    page = open_page(qtbot, DashboardPage, ws, home, (1100, 760))
    qtbot.waitExposed(page)
    return page


def staffing_rows(page) -> list[tuple[str, ...]]:
    return model_rows(page.staffing_model)


LEVEL3 = ("Overdue", "Sam Jones has no Level 3 Diploma recorded: it was due by 06/01/2022, 2 years after starting a "
                     "care role.", "reg 32(4)", "S-01")


def test_tonights_and_tomorrows_gaps_as_at_an_evening(qtbot, ws, home, two_days, clock):
    clock.set(utc(2026, 11, 24, 20, 0))
    page = make_page(qtbot, ws, home)
    assert page.lists.tabText(STAFFING) == "Staffing: 3 gaps, 1 Level 3 overdue"
    assert page.lists.tabBar().tabTextColor(STAFFING) == page.view.overdue_color  # tonight's gaps stand out
    assert page.lists.currentIndex() == 0 and page.staffing_tab.view is None  # built when first shown
    page.lists.setCurrentIndex(STAFFING)
    assert page.staffing_tab.view.isVisible() and page.staffing_tab.hint.isVisible()
    assert staffing_rows(page) == [
        ("Short now", "Today's evening window 18:00-22:30 (Tue 24/11, under way) has 1 of 2 on duty: 1 more needed.",
         "Narey rec 4", "24/11 evening"),
        ("Short", "Tonight's night window 22:30-07:00 (from Tue 24/11) has 0 of 1 on duty: 1 more needed.",
         "Narey rec 4", "24/11 night"),
        ("Short", "Tomorrow's after school window 15:30-18:00 (Wed 25/11) has 1 of 2 on duty: 1 more needed.",
         "Narey rec 4", "25/11 after school"),
        LEVEL3,
    ]
    # today's and tonight's gaps and the Level 3 in bold, in the overdue colour; tomorrow's can still be filled
    assert [page.staffing_model.overdue(r) for r in range(4)] == [True, True, False, True]
    tip = page.staffing_model.index(0, 1).data(Qt.ToolTipRole)
    assert tip.startswith("Narey rec 4. Narey recommendation 4: enough staff on duty at the key times of the day.")
    assert tip.endswith("On duty in it: Lee Hart, Pat Quinn.")


def test_a_night_started_yesterday_evening_is_this_nights_until_seven(qtbot, ws, home, two_days, clock):
    clock.set(utc(2026, 11, 25, 3, 0))
    page = make_page(qtbot, ws, home)
    page.lists.setCurrentIndex(STAFFING)
    first, second = staffing_rows(page)[:2]
    assert first == ("Short now", "This night's night window 22:30-07:00 (from Tue 24/11, under way) has 0 of 1 on "
                                  "duty: 1 more needed.", "Narey rec 4", "24/11 night")
    assert second[1] == "Today's after school window 15:30-18:00 (Wed 25/11) has 1 of 2 on duty: 1 more needed."
    clock.set(utc(2026, 11, 25, 7, 0))
    page.refresh()
    assert not any("Tue 24/11" in row[1] for row in staffing_rows(page))


def test_a_line_opens_the_rota_or_the_staff_register(qtbot, ws, home, two_days, clock):
    clock.set(utc(2026, 11, 24, 20, 0))
    page = make_page(qtbot, ws, home)
    page.lists.setCurrentIndex(STAFFING)
    view = page.staffing_tab.view
    view.setFocus()
    assert view.currentIndex().row() == 0
    with qtbot.waitSignal(page.area_chosen) as chosen:
        qtbot.keyClick(view, Qt.Key_Return)
    assert chosen.args == ["rota"]
    centre = view.visualRect(page.staffing_model.index(3, 1)).center()
    with qtbot.waitSignal(page.area_chosen) as chosen:
        qtbot.mouseClick(view.viewport(), Qt.LeftButton, pos=centre)
        qtbot.mouseDClick(view.viewport(), Qt.LeftButton, pos=centre)
    assert chosen.args == ["staff"]


def test_two_days_covered_are_said_calmly(qtbot, ws, home, kim, lee, clock):
    for day in (TUE, WED):
        put(ws, home, kim, day, "07:00", "22:30", ShiftType.LONG_DAY)
        put(ws, home, lee, day, "07:00", "22:30", ShiftType.LONG_DAY)
    put(ws, home, kim, date(2026, 11, 23), "22:00", "07:00", ShiftType.WAKING_NIGHT)
    put(ws, home, kim, TUE, "22:30", "07:00", ShiftType.WAKING_NIGHT)
    put(ws, home, lee, WED, "22:30", "07:00", ShiftType.WAKING_NIGHT)
    clock.set(utc(2026, 11, 24, 6, 0))
    page = make_page(qtbot, ws, home)
    assert page.lists.tabText(STAFFING) == "Staffing: nothing to do"
    page.lists.setCurrentIndex(STAFFING)
    assert page.staffing_tab.calm.isVisible() and page.staffing_tab.calm.text() == NOTHING_SHORT
    assert not page.staffing_tab.view.isVisible() and not page.staffing_tab.hint.isVisible()


def test_a_home_with_no_rota_ahead_is_told_to_plan_it(qtbot, ws, home, kim, clock):
    clock.set(utc(2026, 11, 24, 20, 0))
    page = make_page(qtbot, ws, home)
    assert page.lists.tabText(STAFFING) == "Staffing: no rota planned"
    assert page.lists.tabBar().tabTextColor(STAFFING) != page.view.overdue_color
    page.lists.setCurrentIndex(STAFFING)
    assert staffing_rows(page) == [("To do", "No shifts are on the rota from now to the end of tomorrow: plan them, "
                                             "so that the key times can be checked.", "Narey rec 4", "24/11")]
