"""The rota area's month tab: a hand-made month with known short windows, shown as a user reads it (the counts, the
"short" marks in words and colour, weekends and today, the tooltips with who was on duty, the month's figures), moving
between months, and a day asking for its week."""

from __future__ import annotations

from datetime import date, datetime, time, timezone

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics, QPalette
from PySide6.QtWidgets import QStyleOptionViewItem

from inspect_app.domain.rota import KeyTimeWindow
from inspect_app.domain.vocabulary import ShiftType, WindowDays
from inspect_app.services import rota
from inspect_app.ui.app import load_style_sheet
from inspect_app.ui.rota.month_tab import (
    MARK_MARGIN, PLANNED_ROLE, SHORT_MARK, STATE_ROLE, TINT_ROLE, MonthTab, fitted_mark, mark_font,
)

from tests.rota_days import TUE, WED, add_lee, add_pat, plan_two_days, put

from .lists_and_editors import open_page

MORNING, AFTER_SCHOOL, EVENING, NIGHT = range(4)  # the rows: the default windows by start


@pytest.fixture
def month(ws, home, sam, kim, clock):
    """As at Tue 24/11/2026 20:00, the two days of tests/rota_days.py: the evening short on Tuesday from 19:00, nobody
    at night; the after school short on Wednesday."""
    plan_two_days(ws, home, sam, kim, add_lee(ws, home), add_pat(ws, home))
    clock.set(datetime(2026, 11, 24, 20, 0, tzinfo=timezone.utc))


def open_month(qtbot, ws, home, width: int = 1280) -> MonthTab:
    """The tab with the window's style sheet (its colours and fonts)."""
    tab = open_page(qtbot, MonthTab, ws, home, (width, 800))
    tab.setStyleSheet(load_style_sheet())
    return tab


def text(tab: MonthTab, row: int, day: date, role: int = Qt.ItemDataRole.DisplayRole):
    return tab.model.index(row, day.day - 1).data(role)


def drawn(tab: MonthTab, row: int, day: date) -> tuple[bool, bool, str, str]:
    """Bold, italic, the text colour and the background colour a cell is drawn with ("" for none)."""
    option = QStyleOptionViewItem()
    tab.grid.itemDelegate().initStyleOption(option, tab.model.index(row, day.day - 1))
    brush = option.backgroundBrush
    background = brush.color().name() if brush.style() != Qt.BrushStyle.NoBrush else ""
    return option.font.bold(), option.font.italic(), option.palette.color(QPalette.ColorRole.Text).name(), background


def test_each_window_is_a_row_and_each_day_a_column(qtbot, ws, home, month):
    tab = open_month(qtbot, ws, home)
    assert tab.heading.text() == "November 2026"
    assert (tab.model.rowCount(), tab.model.columnCount()) == (4, 30)
    header = [tab.model.headerData(r, Qt.Vertical) for r in range(4)]
    assert header == ["Morning\n07:00-09:30\n2 needed", "After school\n15:30-18:00\n2 needed",
                      "Evening\n18:00-22:30\n2 needed", "Night\n22:30-07:00\n1 needed"]
    # 1 November 2026 is a Sunday; the day's name in full in the tooltip
    assert tab.model.headerData(0, Qt.Horizontal) == "S\n1"
    assert tab.model.headerData(23, Qt.Horizontal) == "T\n24"
    assert tab.model.headerData(23, Qt.Horizontal, Qt.ToolTipRole) == "Tuesday 24/11/2026 (today)"
    assert tab.model.headerData(0, Qt.Horizontal, Qt.ToolTipRole) == "Sunday 01/11/2026"


def test_the_short_windows_say_so_in_words_and_colour(qtbot, ws, home, month):
    tab = open_month(qtbot, ws, home)
    assert [text(tab, row, TUE) for row in range(4)] == ["2", "2", "1/2\nshort", "0/1\nshort"]
    assert [text(tab, row, WED) for row in range(4)] == ["2", "1/2\nshort", "2", "1"]
    assert text(tab, MORNING, date(2026, 11, 2)) == "0/2\nshort"  # nobody on the rota
    grid = tab.grid
    short = (True, False, grid.shortColor.name(), grid.shortBackground.name())
    assert drawn(tab, EVENING, TUE) == (True, False, grid.shortColor.name(), grid.shortBackground.name()) == short
    # enough on duty: the calm colour; today's column tinted; tomorrow's windows still to come, in italics
    assert drawn(tab, MORNING, TUE) == (False, False, grid.calmColor.name(), grid.todayBackground.name())
    assert drawn(tab, MORNING, WED) == (False, True, grid.calmColor.name(), "")
    assert text(tab, MORNING, WED, PLANNED_ROLE) and not text(tab, MORNING, TUE, PLANNED_ROLE)
    # the evening under way at 20:00 has started: not italic
    assert not drawn(tab, EVENING, TUE)[1]
    # weekends tinted (Saturday 28 and Sunday 29), weekdays not
    assert [text(tab, MORNING, date(2026, 11, d), TINT_ROLE) for d in (27, 28, 29, 30)] == [
        "", "weekend", "weekend", ""]
    assert drawn(tab, AFTER_SCHOOL, date(2026, 11, 21))[3] == grid.shortBackground.name()  # short wins
    assert grid.shortBackground != grid.weekendBackground != grid.todayBackground


def test_a_cells_tooltip_says_what_it_counts_and_who_was_on_duty(qtbot, ws, home, month):
    tab = open_month(qtbot, ws, home)
    assert text(tab, EVENING, TUE, Qt.ToolTipRole) == (
        "Evening 18:00-22:30 on 24/11/2026: 1 on duty, 2 needed: short by 1 (Narey rec 4).\n"
        "On duty in it: Lee Hart, Pat Quinn.\n"
        "A Level 3 qualified person on duty throughout: yes.\n"
        "A physical-intervention trained person on duty throughout: yes.")
    assert text(tab, NIGHT, WED, Qt.ToolTipRole) == (
        "Night 22:30-07:00 on 25/11/2026: 1 on duty, 1 needed.\n"
        "By the planned rota (still to come).\n"
        "On duty in it: Pat Quinn, Kim Patel.\n"
        "A Level 3 qualified person on duty throughout: no.\n"
        "A physical-intervention trained person on duty throughout: no.")
    assert text(tab, EVENING, TUE, Qt.AccessibleTextRole) == text(tab, EVENING, TUE, Qt.ToolTipRole)


def test_a_window_not_applying_on_a_day_shows_a_dash(qtbot, ws, home, month):
    rota.set_key_time_windows(ws, home, [KeyTimeWindow("school run", time(7, 30), time(9), 2, WindowDays.WEEKDAYS)])
    tab = open_month(qtbot, ws, home)
    assert text(tab, 0, date(2026, 11, 1)) == "-"
    assert text(tab, 0, date(2026, 11, 1), Qt.ToolTipRole) == "School run 07:30-09:00 does not apply on Sundays."
    assert drawn(tab, 0, date(2026, 11, 1))[2] == tab.grid.noneColor.name()
    assert text(tab, 0, TUE) == "2"


def test_the_months_figures_above_it(qtbot, ws, home, month):
    tab = open_month(qtbot, ws, home)
    # 23 past days with nobody (4 windows each) and 3 windows of the 24th and 25th; hours planned 8 x 6 + 4.5 + 5 + 9.5,
    # worked by 20:00 on the 24th: Sam's and Kim's days and Pat's late (bank: 4.5 of 20.5)
    # 26-30/11 have no shift on the rota yet: their 20 windows are not counted
    assert tab.summary.text() == (
        "Below the minimum: 95 of 100 key-time windows; 5 days not yet on the rota, not counted.\n"
        "Hours planned 67; worked so far 20.5, of which agency staff 39% and bank staff 22%.\n"
        "On duty throughout: a Level 3 qualified person in 4 of 100 windows (4%); a physical-intervention trained "
        "person in 4 (4%).")


def test_moving_between_months(qtbot, ws, home, month):
    tab = open_month(qtbot, ws, home)
    assert not tab.this_month.isEnabled()
    qtbot.mouseClick(tab.following, Qt.LeftButton)
    assert tab.heading.text() == "December 2026" and tab.model.columnCount() == 31
    assert tab.this_month.isEnabled()
    assert text(tab, MORNING, date(2026, 12, 1)) == "\u2013"  # not on the rota yet
    assert tab.summary.text() == "No shift is on the rota for this month yet: 31 days not yet on the rota."
    qtbot.mouseClick(tab.this_month, Qt.LeftButton)
    assert tab.heading.text() == "November 2026"
    qtbot.mouseClick(tab.previous, Qt.LeftButton)
    qtbot.mouseClick(tab.previous, Qt.LeftButton)
    assert tab.heading.text() == "September 2026"
    tab.grid.setFocus()
    qtbot.keyClick(tab.grid, Qt.Key_PageDown)
    assert tab.heading.text() == "October 2026" and tab.model.columnCount() == 31


def test_a_day_double_clicked_or_entered_asks_for_its_week(qtbot, ws, home, month):
    tab = open_month(qtbot, ws, home)
    index = tab.model.index(EVENING, TUE.day - 1)
    centre = tab.grid.visualRect(index).center()
    with qtbot.waitSignal(tab.week_requested) as asked:
        qtbot.mouseClick(tab.grid.viewport(), Qt.LeftButton, pos=centre)
        qtbot.mouseDClick(tab.grid.viewport(), Qt.LeftButton, pos=centre)
    assert asked.args == [TUE]
    tab.grid.setCurrentIndex(tab.model.index(MORNING, 2))
    with qtbot.waitSignal(tab.week_requested) as asked:
        qtbot.keyClick(tab.grid, Qt.Key_Return)
    assert asked.args == [date(2026, 11, 3)]


def test_a_refresh_shows_a_change_to_the_rota(qtbot, ws, home, month, sam):
    tab = open_month(qtbot, ws, home)
    put(ws, home, sam, TUE, "18:00", "22:30", ShiftType.LATE)
    tab.refresh()
    assert text(tab, EVENING, TUE) == "2"
    assert tab.summary.text().startswith("Below the minimum: 94 of 100")


def test_a_day_to_come_with_no_shift_on_the_rota_shows_a_dash_not_short(qtbot, ws, home, month, sam):
    tab = open_month(qtbot, ws, home)
    thursday = date(2026, 11, 26)  # after today, and nobody is on the rota for it yet
    assert [text(tab, row, thursday) for row in range(4)] == ["\u2013"] * 4
    assert text(tab, EVENING, thursday, Qt.ToolTipRole) == (
        "Evening 18:00-22:30 on 26/11/2026: no rota planned yet for this date. Put its shifts on the rota (the Week "
        "tab), so that the key times can be checked.")
    assert text(tab, EVENING, thursday, STATE_ROLE) == "unplanned"
    assert drawn(tab, EVENING, thursday) == (False, False, tab.grid.noneColor.name(), "")
    # a day gone by with nobody on the rota was short; tomorrow, on the rota, counts by its plan
    assert text(tab, MORNING, date(2026, 11, 23)) == "0/2\nshort"
    assert text(tab, AFTER_SCHOOL, WED) == "1/2\nshort"
    put(ws, home, sam, thursday, "07:00", "15:00")  # one shift puts the day on the rota: its windows count
    tab.refresh()
    assert [text(tab, row, thursday) for row in range(4)] == ["1/2\nshort", "0/2\nshort", "0/2\nshort", "0/1\nshort"]
    assert tab.summary.text().startswith(
        "Below the minimum: 99 of 104 key-time windows; 4 days not yet on the rota, not counted.\n")


def test_a_short_window_fits_its_column_in_a_31_day_month_at_1280_pixels(qtbot, ws, home, sam, clock):
    clock.set(datetime(2027, 1, 4, 12, 0, tzinfo=timezone.utc))
    put(ws, home, sam, date(2026, 12, 31), "07:00", "15:00")  # New Year's Eve: one on the day, nobody later
    tab = open_month(qtbot, ws, home, width=1045)  # the area's width in a window 1280 pixels wide
    tab.show_month(date(2026, 12, 1))
    qtbot.waitUntil(lambda: tab.grid.columnWidth(30) > 0)
    assert tab.model.columnCount() == 31
    for row in range(4):
        index = tab.model.index(row, 30)
        count, _, word = index.data().partition("\n")
        assert word == SHORT_MARK
        option = QStyleOptionViewItem()
        tab.grid.initViewItemOption(option)  # the grid's font, as the style sheet sets it
        tab.grid.itemDelegate().initStyleOption(option, index)
        width = tab.grid.columnWidth(30)
        small = mark_font(option.font)
        mark = fitted_mark(word, small, width)
        assert QFontMetrics(option.font).horizontalAdvance(count) < width
        assert QFontMetrics(small).horizontalAdvance(mark) + 2 * MARK_MARGIN <= width
    tab.resize(1600, 800)  # a wider window: the word itself
    qtbot.waitUntil(lambda: tab.grid.columnWidth(30) > 40)
    assert fitted_mark(SHORT_MARK, small, tab.grid.columnWidth(30)) == SHORT_MARK
