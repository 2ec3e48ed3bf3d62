"""The rota's week tab as a user sees it: a hand-made week in the grid (two shifts a day, a night across midnight, a
clock-change night, an absence, times worked), quick entry by typing a code, overlaps refused near the grid, the
shift editor's problems, removal rules, copying last week, the coverage strip's words and its agreement with the
compliance check, and a provider viewer's read-only grid. The clock is fixed at Wednesday 25/11/2026 10:00 (UTC)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QStyleOptionViewItem

from inspect_app.domain.local_time import Period, from_wall_time
from inspect_app.domain.records import Staff
from inspect_app.domain.roles import Account, Role
from inspect_app.domain.rota import Shift
from inspect_app.domain.vocabulary import Absence, Employment, ShiftType, StaffRole
from inspect_app.services import accounts, compliance, registers, rota
from inspect_app.services.workspace import Credentials, Workspace
from inspect_app.ui.app import load_style_sheet
from inspect_app.ui.main_window import page_factories
from inspect_app.ui.registers import editor as editor_module
from inspect_app.ui.rota import standard_times, week_tab
from inspect_app.ui.rota.area import RotaArea
from inspect_app.ui.rota.coverage_strip import STATE_ROLE
from inspect_app.ui.rota.shift_editor import ShiftEditor
from inspect_app.ui.rota.week_model import ABSENT_ROLE
from inspect_app.ui.rota.week_tab import WeekTab
from tests.conftest import PASSWORD
from tests.ui.lists_and_editors import click_save, open_page

MONDAY = date(2026, 11, 23)
WEDNESDAY = MONDAY + timedelta(days=2)
NOW = datetime(2026, 11, 25, 10, 0, tzinfo=timezone.utc)


def wall(day: date, hh: int, mm: int = 0) -> datetime:
    return from_wall_time(datetime.combine(day, time(hh, mm)))


def put(ws, home, person, day: date, start: tuple, end: tuple, kind=ShiftType.DAY, **kw) -> Shift:
    end_day = day + timedelta(days=1) if time(*end) <= time(*start) else day
    return rota.save_shift(ws, Shift(home.id, person.id, kind, wall(day, *start), wall(end_day, *end), **kw))


@pytest.fixture(autouse=True)
def _wednesday(clock):
    clock.set(NOW)


def make_tab(qtbot, ws, home) -> WeekTab:
    return open_page(qtbot, WeekTab, ws, home, size=(1100, 760))


def text_at(tab: WeekTab, person: Staff, day: date) -> str:
    return tab.model.index_of(person.id, day).data() or ""


def choose(tab: WeekTab, person: Staff, day: date) -> None:
    tab.grid.setCurrentIndex(tab.model.index_of(person.id, day))


def strip_texts(tab: WeekTab) -> dict[str, list[str]]:
    model = tab.strip_model
    return {model.headerData(r, Qt.Vertical): [model.index(r, c).data() for c in range(7)]
            for r in range(model.rowCount())}


def signed_in_as(ws, home, role: Role, clock) -> Workspace:
    accounts.add_account(ws, Account("other", "Other Person", role, home_ids=frozenset({home.id})), PASSWORD)
    return Workspace.open(ws.db.path, Credentials("other", PASSWORD), clock=clock)


# the grid -----------------------------------------------------------------------------------------------------------

@pytest.fixture
def week(ws, home, sam, kim):
    """Sam: a late then a sleep-in on Monday (lead on the late), a day on Wednesday worked 07:10-15:40. Kim: a waking
    night from Tuesday into Wednesday, a late on Thursday she was off sick for."""
    return {
        "late": put(ws, home, sam, MONDAY, (14, 30), (22, 30), ShiftType.LATE, shift_lead=True),
        "sleep": put(ws, home, sam, MONDAY, (22, 30), (8, 0), ShiftType.SLEEP_IN),
        "day": put(ws, home, sam, WEDNESDAY, (7, 0), (15, 0), actual_start=wall(WEDNESDAY, 7, 10),
                   actual_end=wall(WEDNESDAY, 15, 40)),
        "night": put(ws, home, kim, MONDAY + timedelta(days=1), (22, 0), (7, 30), ShiftType.WAKING_NIGHT),
        "sick": put(ws, home, kim, MONDAY + timedelta(days=3), (14, 30), (22, 30), ShiftType.LATE,
                    absence=Absence.SICK),
    }


def test_the_grid_shows_a_hand_made_week(qtbot, ws, home, sam, kim, week):
    boss = registers.save_staff(ws, Staff(home_id=home.id, ref="S-09", full_name="Alex Boss",
                                          role=StaffRole.REGISTERED_MANAGER, employment=Employment.PERMANENT))
    tab = make_tab(qtbot, ws, home)
    model = tab.model
    assert tab.bar.week_label.text() == "Week of Mon 23/11/2026 to Sun 29/11/2026"
    assert [model.headerData(r, Qt.Vertical) for r in range(model.rowCount())] == [
        "Kim Patel\nCare worker · agency", "Sam Jones\nSenior", "Alex Boss\nManager"]
    assert model.headerData(2, Qt.Horizontal) == "Wed\n25/11\nToday"
    assert model.headerData(0, Qt.Horizontal) == "Mon\n23/11"
    assert text_at(tab, sam, MONDAY) == "Late · lead\n14:30-22:30\nSleep-in\n22:30-08:00"
    assert text_at(tab, sam, WEDNESDAY) == "Day\n07:00-15:00\ndid 07:10-15:40"
    assert text_at(tab, kim, MONDAY + timedelta(days=1)) == "Waking night\n22:00-07:30"  # in its start day's cell
    assert text_at(tab, kim, WEDNESDAY) == ""
    assert text_at(tab, kim, MONDAY + timedelta(days=3)) == "Late\n14:30-22:30\nAbsent: sick"
    assert text_at(tab, boss, MONDAY) == ""
    sick_cell = model.index_of(kim.id, MONDAY + timedelta(days=3))
    assert sick_cell.data(ABSENT_ROLE) and not model.index_of(sam.id, MONDAY).data(ABSENT_ROLE)
    option = QStyleOptionViewItem()
    tab.grid.itemDelegate().initStyleOption(option, sick_cell)
    assert option.font.italic()  # the absence style: its words say "Absent: sick" too
    tip = model.index_of(sam.id, WEDNESDAY).data(Qt.ToolTipRole)
    assert tip == ("Sam Jones, Wed 25/11/2026:\nDay shift planned 25/11/2026 07:00-15:00 (8 h)\n"
                   "Worked 07:10-15:40 (8 h 30 min)")
    assert "ending the next day" in model.index_of(kim.id, MONDAY + timedelta(days=1)).data(Qt.ToolTipRole)


def test_a_clock_change_night_keeps_its_wall_clock_times_in_its_start_days_cell(qtbot, ws, home, kim):
    saturday = date(2026, 10, 24)
    put(ws, home, kim, saturday, (22, 0), (7, 30), ShiftType.WAKING_NIGHT)
    tab = make_tab(qtbot, ws, home)
    tab.show_week(saturday)
    assert tab.model.headerData(6, Qt.Horizontal) == "Sun\n25/10\nClocks back"
    assert text_at(tab, kim, saturday) == "Waking night\n22:00-07:30"
    assert "(10 h 30 min), ending the next day" in tab.model.index_of(kim.id, saturday).data(Qt.ToolTipRole)


def test_the_week_moves_by_buttons_keys_and_a_date_and_is_kept(qtbot, ws, home, sam):
    tab = make_tab(qtbot, ws, home)
    assert not tab.bar.this_week_button.isEnabled()
    tab.bar.next_button.click()
    assert tab.monday == MONDAY + timedelta(days=7) and tab.bar.this_week_button.isEnabled()
    tab.grid.setFocus()
    qtbot.keyClick(tab.grid, Qt.Key_PageUp)
    qtbot.keyClick(tab.grid, Qt.Key_PageUp)
    assert tab.monday == MONDAY - timedelta(days=7)
    tab.bar.this_week_button.click()
    assert tab.monday == MONDAY
    tab.bar.go_to.setText("14/03/2026")
    assert tab.monday == date(2026, 3, 9)
    tab.refresh()  # a change elsewhere: the week shown stays
    assert tab.monday == date(2026, 3, 9)


def test_arrows_move_between_cells(qtbot, ws, home, sam, kim):
    tab = make_tab(qtbot, ws, home)
    choose(tab, kim, MONDAY)
    qtbot.keyClick(tab.grid, Qt.Key_Right)
    qtbot.keyClick(tab.grid, Qt.Key_Down)
    assert (tab.grid.currentIndex().row(), tab.grid.currentIndex().column()) == (1, 1)


# quick entry -----------------------------------------------------------------------------------------------------

def test_typing_d_in_a_cell_puts_a_day_shift_there(qtbot, ws, home, sam):
    tab = make_tab(qtbot, ws, home)
    choose(tab, sam, MONDAY)
    with qtbot.waitSignal(tab.records_changed):
        qtbot.keyClicks(tab.grid, "d")
        assert tab.grid.entry.isVisible() and tab.grid.entry.text() == "D"
        qtbot.keyClick(tab.grid.entry, Qt.Key_Return)
    [made] = ws.shifts.for_home(home.id)
    assert (made.staff_id, made.shift_type, made.planned_start, made.planned_end) == (
        sam.id, ShiftType.DAY, wall(MONDAY, 7), wall(MONDAY, 15))
    assert text_at(tab, sam, MONDAY) == "Day\n07:00-15:00"
    assert tab.bar.status.text() == "Added the day shift 07:00-15:00 of Sam Jones on Mon 23/11/2026."
    assert tab.grid.currentIndex() == tab.model.index_of(sam.id, MONDAY + timedelta(days=1))  # on to Tuesday
    qtbot.keyClicks(tab.grid, "W")
    qtbot.keyClicks(tab.grid.entry, "n")
    qtbot.keyClick(tab.grid.entry, Qt.Key_Return)
    assert text_at(tab, sam, MONDAY + timedelta(days=1)) == "Waking night\n22:00-07:30"


def test_an_overlap_or_an_unknown_code_is_refused_with_the_message_near_the_grid(qtbot, ws, home, sam, week):
    tab = make_tab(qtbot, ws, home)
    choose(tab, sam, MONDAY)
    qtbot.keyClicks(tab.grid, "L")
    qtbot.keyClicks(tab.grid.entry, "D")
    qtbot.keyClick(tab.grid.entry, Qt.Key_Return)
    assert tab.bar.problem.isVisibleTo(tab)
    assert tab.bar.problem.text() == ("Sam Jones is already on a late shift from 23/11/2026 14:30 that overlaps this "
                                  "one.")
    qtbot.keyClicks(tab.grid, "Q")
    qtbot.keyClick(tab.grid.entry, Qt.Key_Return)
    assert tab.bar.problem.text() == ("Q is not a shift code here: use one of D, L, LD, WN, SI (Standard shift times "
                                  "lists them).")
    qtbot.keyClicks(tab.grid, "D")
    qtbot.keyClick(tab.grid.entry, Qt.Key_Escape)  # Escape adds nothing
    assert len(ws.shifts.for_home(home.id)) == 5
    assert tab.grid.currentIndex() == tab.model.index_of(sam.id, MONDAY)


# the editor --------------------------------------------------------------------------------------------------------

def test_enter_on_an_empty_cell_opens_a_new_shift_for_that_person_and_day(qtbot, ws, home, sam):
    tab = make_tab(qtbot, ws, home)
    choose(tab, sam, WEDNESDAY)
    qtbot.keyClick(tab.grid, Qt.Key_Return)
    editor: ShiftEditor = tab.editor
    assert editor.isVisible() and editor.windowTitle() == "Add a shift"
    assert (editor.person.currentText(), editor.day.text(), editor.kind.currentText()) == (
        "Sam Jones", "25/11/2026", "Day")
    assert (editor.planned_start.text(), editor.planned_end.text()) == ("07:00", "15:00")
    editor.kind.setCurrentIndex(editor.kind.findText("Waking night"))  # the standard times follow the type
    assert (editor.planned_start.text(), editor.planned_end.text()) == ("22:00", "07:30")
    assert editor.planned_note.text() == "ends Thu 26/11 07:30 · 9 h 30 min"
    with qtbot.waitSignal(tab.records_changed):
        click_save(editor)
    assert text_at(tab, sam, WEDNESDAY) == "Waking night\n22:00-07:30"


def test_the_editor_shows_problems_under_their_fields(qtbot, ws, home, sam):
    tab = make_tab(qtbot, ws, home)
    editor = tab.add_shift(sam.id, MONDAY)
    editor.planned_end.setText("25:00")
    editor.actual_start.setText("07:05")
    click_save(editor)
    assert editor.problems.text_of("planned") == "End: type a time of day as hh:mm, for example 07:30."
    assert editor.problems.text_of("actual") == "End: give both the start and the end worked, or neither."
    editor.planned_end.setText("15:00")
    editor.actual_start.clear()
    editor.absence.setCurrentIndex(editor.absence.findText("Sick"))
    editor.actual_start.setText("07:00")
    editor.actual_end.setText("15:00")
    click_save(editor)
    assert editor.problems.text_of("absence") == "A shift marked absent has no times worked."
    assert editor.isVisible() and ws.shifts.for_home(home.id) == []


def test_a_time_the_clocks_skip_is_refused_saying_what_to_type(qtbot, ws, home, sam):
    tab = make_tab(qtbot, ws, home)
    editor = tab.add_shift(sam.id, MONDAY)
    editor.day.setText("29/03/2026")
    editor.planned_start.setText("01:30")
    click_save(editor)
    assert editor.problems.text_of("planned").startswith(
        "A planned time: the clocks go forward from 01:00 to 02:00 that night, so no time from 01:00 to 01:59 "
        "exists. Use 00:59 or earlier, or 02:00 or later")
    editor.planned_start.setText("02:00")
    click_save(editor)
    [made] = ws.shifts.for_home(home.id)
    assert made.planned_hours == 13  # 02:00 BST to 15:00 BST


def test_changing_a_worked_shift_needs_a_reason_and_cancel_asks_first(qtbot, ws, home, sam, week, monkeypatch):
    tab = make_tab(qtbot, ws, home)
    editor = tab.edit_shift(week["day"])
    assert editor.actual_start.text() == "07:10" and editor.actual_note.text() == "8 h 30 min worked"
    editor.actual_end.setText("16:10")
    click_save(editor)
    assert editor.problems.text_of("reason").startswith("Say why a shift already worked is changed")
    asked = []
    monkeypatch.setattr(editor_module, "confirm_discard", lambda parent: asked.append(parent) or False)
    editor.reject()
    assert asked == [editor] and editor.isVisible()  # kept open: nothing lost
    editor.reason.setText("stayed for an incident")
    with qtbot.waitSignal(tab.records_changed):
        click_save(editor)
    assert ws.shifts.get(week["day"].id).actual_end == wall(WEDNESDAY, 16, 10)
    assert text_at(tab, sam, WEDNESDAY) == "Day\n07:00-15:00\ndid 07:10-16:10"


def test_a_cell_with_two_shifts_asks_which_to_open(qtbot, ws, home, sam, week):
    tab = make_tab(qtbot, ws, home)
    choose(tab, sam, MONDAY)
    qtbot.keyClick(tab.grid, Qt.Key_F2)
    actions = [a.text() for a in tab.choice_menu.actions() if a.text()]
    assert actions == ["Open the late shift 14:30-22:30 of Sam Jones on Mon 23/11/2026",
                       "Open the sleep-in shift 22:30-08:00 of Sam Jones on Mon 23/11/2026", "Add another shift…"]
    tab.choice_menu.actions()[1].trigger()
    assert tab.editor.original == week["sleep"]
    tab.choice_menu.close()


# removing ------------------------------------------------------------------------------------------------------------

def test_delete_asks_before_removing_a_planned_shift_and_a_worked_one_stays(qtbot, ws, home, sam, kim, week,
                                                                            monkeypatch):
    tab = make_tab(qtbot, ws, home)
    asked = []
    monkeypatch.setattr(week_tab, "ask", lambda parent, title, text, action: asked.append(text) or False)
    monkeypatch.setattr(week_tab, "ask_reason", lambda parent, title, text, action: asked.append(text) and None)
    choose(tab, kim, MONDAY + timedelta(days=1))
    qtbot.keyClick(tab.grid, Qt.Key_Delete)
    assert asked[0].startswith("Take the waking night shift 22:00-07:30 of Kim Patel on Tue 24/11/2026 off the "
                               "rota? The record's history keeps what it was.\n\nIt has started")  # last night's
    assert ws.shifts.get(week["night"].id) == week["night"]  # answered Cancel
    monkeypatch.setattr(week_tab, "ask", lambda *args: True)
    monkeypatch.setattr(week_tab, "ask_reason", lambda *args: "")
    qtbot.keyClick(tab.grid, Qt.Key_Delete)
    # a shift that has started is removed only with a reason (services.rota_week.delete_shift): none is given here
    assert tab.bar.problem.text().startswith("Say why a shift that has started is taken off the rota")
    assert ws.shifts.get(week["night"].id) == week["night"]
    monkeypatch.setattr(week_tab, "ask_reason", lambda *args: "put on the wrong person's row")
    with qtbot.waitSignal(tab.records_changed):
        qtbot.keyClick(tab.grid, Qt.Key_Delete)
    assert text_at(tab, kim, MONDAY + timedelta(days=1)) == ""
    assert tab.bar.status.text() == "Removed the waking night shift 22:00-07:30 of Kim Patel on Tue 24/11/2026."
    ahead = put(ws, home, kim, MONDAY + timedelta(days=4), (7, 0), (15, 0))
    tab.refresh()
    choose(tab, kim, MONDAY + timedelta(days=4))
    with qtbot.waitSignal(tab.records_changed):
        qtbot.keyClick(tab.grid, Qt.Key_Delete)
    assert text_at(tab, kim, MONDAY + timedelta(days=4)) == "" and ws.shifts.in_home(ahead.id, home.id) is None
    assert tab.bar.status.text() == "Removed the day shift 07:00-15:00 of Kim Patel on Fri 27/11/2026."
    choose(tab, sam, WEDNESDAY)
    qtbot.keyClick(tab.grid, Qt.Key_Delete)
    assert tab.bar.problem.text().startswith("The day shift 07:00-15:00 of Sam Jones on Wed 25/11/2026 cannot be removed: "
                                         "it was worked")
    choose(tab, kim, MONDAY + timedelta(days=3))
    qtbot.keyClick(tab.grid, Qt.Key_Delete)
    assert "records an absence (sick)" in tab.bar.problem.text()
    assert len(ws.shifts.for_home(home.id)) == 4


# copying last week ---------------------------------------------------------------------------------------------------

def test_copy_last_week_confirms_the_count_and_says_what_was_skipped(qtbot, ws, home, sam, kim, monkeypatch,
                                                                     clock):
    clock.set(wall(MONDAY, 0))  # the first moment of the week: none of its days is past yet
    last = MONDAY - timedelta(days=7)
    lee = registers.save_staff(ws, Staff(home_id=home.id, ref="S-04", full_name="Lee Leaving",
                                         role=StaffRole.CARE_WORKER, left_on=MONDAY))
    for d in range(3):
        put(ws, home, sam, last + timedelta(days=d), (7, 0), (15, 0), actual_start=wall(last + timedelta(days=d), 7),
            actual_end=wall(last + timedelta(days=d), 15, 30))
    put(ws, home, kim, last, (14, 30), (22, 30), ShiftType.LATE, absence=Absence.LEAVE)
    put(ws, home, lee, last + timedelta(days=4), (22, 0), (7, 30), ShiftType.WAKING_NIGHT)
    put(ws, home, sam, MONDAY, (8, 0), (22, 0), ShiftType.LONG_DAY)  # already there: Sam's Monday copy overlaps
    tab = make_tab(qtbot, ws, home)
    asked = []
    monkeypatch.setattr(week_tab, "ask", lambda parent, title, text, action: asked.append(text) or True)
    with qtbot.waitSignal(tab.records_changed):
        tab.bar.copy_button.click()
    assert asked == ["Copy 3 planned shifts from the week of 16/11/2026 into this week, at the same times? Times "
                     "worked and absences are not copied.\n\n2 will be left out: 1 already on the rota, 1 the person "
                     "had left by then."]
    assert tab.bar.status.text() == "3 shifts copied; 2 skipped: 1 already on the rota, 1 the person had left by then."
    assert text_at(tab, kim, MONDAY) == "Late\n14:30-22:30"  # the plan, not the leave
    assert text_at(tab, sam, MONDAY + timedelta(days=1)) == "Day\n07:00-15:00"  # not the times worked
    tab.bar.copy_button.click()
    assert tab.bar.status.text() == ("Nothing to copy from the week of 16/11/2026: all 5 would be left out: 4 already "
                                     "on the rota, 1 the person had left by then.")
    clock.set(NOW)  # Wednesday: Monday's and Tuesday's copies would be plans for days gone
    tab.bar.copy_button.click()
    assert tab.bar.status.text() == ("Nothing to copy from the week of 16/11/2026: all 5 would be left out: 3 on days "
                                     "already past, 1 already on the rota, 1 the person had left by then.")


# the coverage strip --------------------------------------------------------------------------------------------------

def test_the_strip_says_covered_short_and_not_applying_and_agrees_with_the_compliance_check(qtbot, ws, home, sam, kim,
                                                                                           clock):
    rota.set_key_time_windows(ws, home, [*rota.key_time_windows(ws, home)[:3],
                                         rota.window_from_json({"name": "weekend lunch", "start": "12:00",
                                                                "end": "13:00", "min_staff": 1,
                                                                "days": "weekends", "sleep_in_counts": False}),
                                         rota.key_time_windows(ws, home)[3]])
    for d in range(7):
        day = MONDAY + timedelta(days=d)
        put(ws, home, sam, day, (7, 0), (22, 0), ShiftType.LONG_DAY)
        if d != 2:
            put(ws, home, kim, day, (7, 0), (22, 30), ShiftType.LONG_DAY)
    put(ws, home, kim, MONDAY, (22, 30), (7, 0), ShiftType.WAKING_NIGHT)
    tab = make_tab(qtbot, ws, home)
    texts = strip_texts(tab)
    assert list(texts) == ["Morning 07:00-09:30", "Weekend lunch 12:00-13:00", "After school 15:30-18:00",
                           "Evening 18:00-22:30", "Night 22:30-07:00"]
    assert texts["Morning 07:00-09:30"] == ["2 of 2", "2 of 2", "1 of 2 - short", "2 of 2", "2 of 2", "2 of 2",
                                            "2 of 2"]
    assert texts["Weekend lunch 12:00-13:00"] == ["-"] * 5 + ["2 of 1"] * 2
    assert texts["Evening 18:00-22:30"][0] == "1 of 2 - short"  # Sam leaves at 22:00
    assert texts["Night 22:30-07:00"] == ["1 of 1"] + ["0 of 1 - short"] * 6
    strip = tab.strip_model
    assert strip.index(0, 2).data(STATE_ROLE) == "short" and strip.index(0, 1).data(STATE_ROLE) == "calm"
    assert strip.index(1, 0).data(STATE_ROLE) == "none"
    assert strip.index(0, 2).data(Qt.ToolTipRole) == (
        "Morning 07:00-09:30 on Wed 25/11/2026: 1 on duty at the fewest, 2 needed: short (Narey rec 4).\n"
        "On duty in the window: Sam Jones (long day).")
    assert strip.index(4, 1).data(Qt.ToolTipRole).endswith("Nobody is on duty in the window.")
    shown = [(strip.day(c), strip.coverage_at(r, c).window.name) for r in range(strip.rowCount()) for c in range(7)
             if strip.index(r, c).data(STATE_ROLE) == "short"]
    period = Period(MONDAY, MONDAY + timedelta(days=6))
    found = compliance.staffing_for(ws, home, period, clock()).windows_below_minimum
    assert sorted(shown) == sorted((c.day, c.window.name) for c in found) and len(found) == 15  # see above, and
    # Wednesday after school (Kim is not on), and every evening (Sam leaves at 22:00)


def test_the_strip_follows_every_change_in_the_grid(qtbot, ws, home, sam, kim):
    put(ws, home, sam, MONDAY, (7, 0), (15, 0))
    tab = make_tab(qtbot, ws, home)
    assert strip_texts(tab)["Morning 07:00-09:30"][0] == "1 of 2 - short"
    choose(tab, kim, MONDAY)
    qtbot.keyClicks(tab.grid, "D")
    qtbot.keyClick(tab.grid.entry, Qt.Key_Return)
    assert strip_texts(tab)["Morning 07:00-09:30"][0] == "2 of 2"


def test_the_strip_lines_up_under_the_grids_days(qtbot, ws, home, sam):
    tab = make_tab(qtbot, ws, home)
    tab.setStyleSheet(load_style_sheet())
    tab.resize(1000, 700)
    qtbot.waitUntil(lambda: [tab.strip.columnWidth(c) for c in range(7)] == [tab.grid.columnWidth(c)
                                                                             for c in range(7)])
    for c in range(7):
        assert tab.strip.columnViewportPosition(c) == tab.grid.columnViewportPosition(c)
        assert tab.strip.columnWidth(c) == tab.grid.columnWidth(c)
    assert tab.strip.verticalHeader().width() == tab.grid.verticalHeader().width()
    assert tab.strip.itemDelegate().parent().shortColor.name() == "#b3261e"  # the problem colour, from the sheet


# who may ---------------------------------------------------------------------------------------------------------------

def test_a_provider_viewer_reads_the_grid_with_editing_closed_and_said_why(qtbot, ws, home, sam, clock, week):
    viewer = signed_in_as(ws, home, Role.PROVIDER_VIEWER, clock)
    try:
        tab = make_tab(qtbot, viewer, home)
        assert text_at(tab, sam, MONDAY).startswith("Late · lead")
        for button in (tab.bar.add_button, tab.bar.open_button, tab.bar.remove_button, tab.bar.copy_button, tab.bar.times_button):
            assert not button.isEnabled()
            assert button.toolTip().startswith("A provider viewer account cannot keep the rota")
        choose(tab, sam, MONDAY + timedelta(days=1))
        qtbot.keyClicks(tab.grid, "D")
        assert not tab.grid.entry.isVisible()
        assert tab.bar.problem.text().startswith("A provider viewer account cannot keep the rota and the hours worked")
        qtbot.keyClick(tab.grid, Qt.Key_Return)
        assert tab.editor is None
        assert len(viewer.shifts.for_home(home.id)) == 5
    finally:
        viewer.close()


def test_a_senior_keeps_the_rota(qtbot, senior_ws, home, sam):
    tab = make_tab(qtbot, senior_ws, home)
    assert tab.bar.copy_button.isEnabled() and tab.grid.editable
    choose(tab, sam, MONDAY)
    qtbot.keyClicks(tab.grid, "L")
    qtbot.keyClick(tab.grid.entry, Qt.Key_Return)
    assert text_at(tab, sam, MONDAY) == "Late\n14:30-22:30"


# the area ---------------------------------------------------------------------------------------------------------------

def test_the_window_opens_the_rota_area_with_its_three_tabs(qtbot, ws, home, sam):
    area = page_factories()["rota"](ws, home)
    qtbot.addWidget(area)
    assert isinstance(area, RotaArea)
    assert [area.tabs.tabText(i) for i in range(area.tabs.count())] == ["&Week", "Mont&h", "&Key times"]
    area.show_week(date(2026, 12, 2))
    assert area.week.monday == date(2026, 11, 30) and area.tabs.currentWidget() is area.week
    with qtbot.waitSignal(area.records_changed):
        area.week.records_changed.emit()


def test_a_week_of_the_busy_demo_home_reads_only_its_own_shifts(qtbot, ws, home, sam, kim):
    shifts = [Shift(home.id, p.id, ShiftType.DAY, wall(MONDAY - timedelta(days=d), 7),
                    wall(MONDAY - timedelta(days=d), 15)) for d in range(1, 400) for p in (sam, kim)]
    ws.shifts.insert_many(shifts, actor="tester", at=NOW)
    tab = make_tab(qtbot, ws, home)
    assert sum(len(v) for v in tab.week.shifts.values()) == 0
    assert len(tab.week.around) == 4  # the Saturday and Sunday before: they can cover Monday's first window
    tab.step_week(-1)
    assert sum(len(v) for v in tab.week.shifts.values()) == 14


# the standard shift times ----------------------------------------------------------------------------------------------

def test_standard_shift_times_are_changed_in_their_dialog_and_used_by_quick_entry(qtbot, ws, home, sam, monkeypatch):
    tab = make_tab(qtbot, ws, home)
    # the usual times until the home sets its own: a sleep-in hands over to the day at 07:00
    assert tab.bar.legend.text().startswith("Type a code in a cell to add that shift: D Day 07:00-15:00 · L Late "
                                            "14:30-22:30 · LD Long day 08:00-22:00 · WN Waking night 22:00-07:30 · "
                                            "SI Sleep-in 22:30-07:00. ")
    dialog = tab.edit_standard_times()
    assert [line[0].text() for line in dialog.lines] == ["D", "L", "LD", "WN", "SI"]
    dialog.lines[0][2].setText("7:30")  # D from 07:30
    dialog.add_line(None)
    code, kind, start, end = dialog.lines[-1]
    code.setText("e")
    start.setText("06:00")
    end.setText("lunch")
    click_save(dialog)
    assert dialog.general.text() == "E: type a time of day as hh:mm, for example 07:30."
    end.setText("14:00")
    dialog.lines[1][0].setText("D")  # two Ds
    click_save(dialog)
    assert dialog.general.text() == "D is used twice."
    asked = []
    monkeypatch.setattr(standard_times, "confirm_discard", lambda parent: asked.append(parent) or False)
    dialog.reject()
    assert asked == [dialog] and dialog.isVisible()  # changes typed: asked first, and kept open
    dialog.lines[1][0].clear()  # a code cleared is dropped
    with qtbot.waitSignal(tab.records_changed):
        click_save(dialog)
    assert tab.bar.legend.text().startswith("Type a code in a cell to add that shift: D Day 07:30-15:00 · LD Long day")
    assert "E Day 06:00-14:00" in tab.bar.legend.text() and "L Late" not in tab.bar.legend.text()
    choose(tab, sam, MONDAY)
    qtbot.keyClicks(tab.grid, "E")
    qtbot.keyClick(tab.grid.entry, Qt.Key_Return)
    assert text_at(tab, sam, MONDAY) == "Day\n06:00-14:00"


def test_the_months_day_shows_its_week(qtbot, ws, home, sam):
    area = RotaArea(ws, home)
    qtbot.addWidget(area)
    area.tabs.setCurrentWidget(area.month)
    area.month.week_requested.emit(date(2026, 12, 10))
    assert area.tabs.currentWidget() is area.week and area.week.monday == date(2026, 12, 7)


def test_times_worked_after_midnight_are_placed_on_the_next_day(qtbot, ws, home, kim, week):
    tab = make_tab(qtbot, ws, home)
    editor = tab.edit_shift(week["night"])  # planned Tue 24/11 22:00 to Wed 07:30
    editor.actual_start.setText("0010")
    editor.actual_end.setText("7:45")
    assert editor.actual_note.text() == "7 h 35 min worked, from Wed 25/11"
    editor.actual_start.setText("21:50")
    assert editor.actual_note.text() == "9 h 55 min worked, ending Wed 25/11"
    with qtbot.waitSignal(tab.records_changed):
        click_save(editor)
    saved = ws.shifts.get(week["night"].id)
    assert (saved.actual_start, saved.actual_end) == (wall(date(2026, 11, 24), 21, 50), wall(WEDNESDAY, 7, 45))
    assert text_at(tab, kim, date(2026, 11, 24)) == "Waking night\n22:00-07:30\ndid 21:50-07:45"


def test_removing_a_shift_that_has_started_warns_it_counts_as_worked(qtbot, ws, home, sam, monkeypatch):
    started = put(ws, home, sam, MONDAY, (7, 0), (15, 0))
    tab = make_tab(qtbot, ws, home)
    asked = []
    monkeypatch.setattr(week_tab, "ask_reason", lambda parent, title, text, action: asked.append(text) and None)
    assert not tab.remove_shift(started)
    assert asked[0].endswith("It has started: with no times worked recorded it counts as worked as planned. Remove "
                             "it only if it was put on the rota by mistake; if nobody worked it, mark it absent "
                             "instead. Say why it is taken off the rota: the record keeps the reason.")
    assert ws.shifts.get(started.id) == started


def test_a_time_in_the_repeated_hour_stored_with_its_offset_is_kept_when_other_fields_change(qtbot, ws, home, kim):
    saturday = date(2026, 10, 24)
    second_half_past_one = datetime(2026, 10, 25, 1, 30, tzinfo=timezone.utc)  # 01:30 GMT, after the clocks went back
    night = put(ws, home, kim, saturday, (22, 0), (7, 30), ShiftType.WAKING_NIGHT, actual_start=wall(saturday, 22),
                actual_end=second_half_past_one)
    tab = make_tab(qtbot, ws, home)
    editor = tab.edit_shift(night)
    assert editor.windowTitle() == "Edit the waking night shift of Kim Patel on Sat 24/10/2026"
    assert editor.actual_end.text() == "01:30"
    editor.lead.setChecked(True)
    click_save(editor)
    saved = ws.shifts.get(night.id)
    assert saved.shift_lead and saved.actual_end == second_half_past_one
    editor = tab.edit_shift(saved)
    editor.actual_end.setText("01:40")  # typed: which 01:40 cannot be told
    click_save(editor)
    assert "the clocks go back from 02:00 to 01:00 that night" in editor.problems.text_of("actual")
