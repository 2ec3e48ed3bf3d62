"""The rota area's key times tab: the home's windows listed, added, changed, removed and put back to the defaults,
problems shown under their fields, the last window kept, and read-only for those who may not change them."""

from __future__ import annotations

from datetime import time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from inspect_app.domain.rota import DEFAULT_WINDOWS, KeyTimeWindow
from inspect_app.domain.vocabulary import WindowDays
from inspect_app.services import rota
from inspect_app.ui.rota import key_times_tab
from inspect_app.ui.rota.key_times_tab import LAST_WINDOW, KeyTimesTab

from .lists_and_editors import click_save, open_page


@pytest.fixture
def answers(monkeypatch):
    """The answers to the tab's questions (remove? restore?), in order; what was asked is kept."""
    given: list[bool] = []
    asked: list[str] = []

    def ask(_parent, title, _text, _action):
        asked.append(title)
        return given.pop(0)

    monkeypatch.setattr(key_times_tab, "ask", ask)
    return given, asked


def rows(tab: KeyTimesTab) -> list[tuple[str, ...]]:
    model = tab.view.model()
    return [tuple(model.index(r, c).data() for c in range(model.columnCount())) for r in range(model.rowCount())]


def choose(tab: KeyTimesTab, name: str) -> None:
    assert tab.select(name), name


def test_the_homes_windows_by_start_time(qtbot, ws, home):
    tab = open_page(qtbot, KeyTimesTab, ws, home, (1100, 700))
    assert rows(tab) == [
        ("Morning", "07:00", "09:30", "2", "Every day", "No"),
        ("After school", "15:30", "18:00", "2", "Every day", "No"),
        ("Evening", "18:00", "22:30", "2", "Every day", "No"),
        ("Night", "22:30", "07:00 the next day", "1", "Every day", "No"),
    ]
    assert tab.view.currentIndex().row() == 0 and tab.edit_button.isEnabled() and tab.remove_button.isEnabled()
    assert not tab.read_only.isVisible()


def test_adding_a_window_replaces_the_set_and_tells_the_area(qtbot, ws, home):
    tab = open_page(qtbot, KeyTimesTab, ws, home, (1100, 700))
    editor = tab.add()
    assert editor.windowTitle() == "Add a key-time window"
    qtbot.keyClicks(editor.name, "Bedtime")
    for field, value in ((editor.start, "20:00"), (editor.end, "21:30")):
        field.clear()
        qtbot.keyClicks(field, value)
    assert editor.crossing.text() == "The same day, from 20:00 to 21:30."
    editor.min_staff.setValue(3)
    editor.days.setCurrentIndex(editor.days.findData(WindowDays.WEEKENDS.value))
    with qtbot.waitSignal(tab.records_changed):
        click_save(editor)
    assert rota.key_time_windows(ws, home) == sorted(
        [*DEFAULT_WINDOWS, KeyTimeWindow("Bedtime", time(20), time(21, 30), 3, WindowDays.WEEKENDS)],
        key=lambda w: w.start)
    assert ("Bedtime", "20:00", "21:30", "3", "Weekends", "No") in rows(tab)
    assert tab.selected_window().name == "Bedtime"


def test_a_window_across_midnight_says_so_as_it_is_typed(qtbot, ws, home):
    tab = open_page(qtbot, KeyTimesTab, ws, home, (1100, 700))
    editor = tab.add()
    editor.start.clear()
    qtbot.keyClicks(editor.start, "23.00")
    editor.end.clear()
    qtbot.keyClicks(editor.end, "0100")
    assert editor.crossing.text() == "Crosses midnight: from 23:00 to 01:00 the next morning."


def test_problems_are_shown_under_their_fields_and_nothing_is_saved(qtbot, ws, home):
    tab = open_page(qtbot, KeyTimesTab, ws, home, (1100, 700))
    editor = tab.add()
    editor.start.clear()
    qtbot.keyClicks(editor.start, "18:00")
    editor.end.clear()
    qtbot.keyClicks(editor.end, "18:00")
    click_save(editor)
    assert editor.problems.text_of("window") == "Give the window a name."
    assert editor.problems.text_of("end") == "The window starts and ends at the same time."
    qtbot.keyClicks(editor.name, "evening")
    editor.start.clear()
    qtbot.keyClicks(editor.start, "25:00")
    click_save(editor)
    assert editor.problems.text_of("window") == "The home already has a window called evening."
    assert editor.problems.text_of("start") == "Type a time of day as hh:mm, for example 07:30."
    assert editor.problems.text_of("end") == ""  # not checked against a start that cannot be read
    assert editor.isVisible()
    assert rota.key_time_windows(ws, home) == list(DEFAULT_WINDOWS)


def test_editing_a_window_keeps_the_others(qtbot, ws, home):
    tab = open_page(qtbot, KeyTimesTab, ws, home, (1100, 700))
    choose(tab, "night")
    editor = tab.edit_selected()
    assert editor.windowTitle() == "Edit the night window"
    assert (editor.name.text(), editor.start.text(), editor.end.text(), editor.min_staff.value()) == (
        "night", "22:30", "07:00", 1)
    assert editor.crossing.text() == "Crosses midnight: from 22:30 to 07:00 the next morning."
    editor.min_staff.setValue(2)
    editor.sleep_ins.setChecked(True)
    with qtbot.waitSignal(tab.records_changed):
        click_save(editor)
    assert rota.key_time_windows(ws, home) == [*DEFAULT_WINDOWS[:3], KeyTimeWindow("night", time(22, 30), time(7), 2,
                                                                                    sleep_in_counts=True)]
    assert rows(tab)[3] == ("Night", "22:30", "07:00 the next day", "2", "Every day", "Yes")


def test_the_name_a_window_already_has_is_no_clash_with_itself(qtbot, ws, home):
    tab = open_page(qtbot, KeyTimesTab, ws, home, (1100, 700))
    choose(tab, "evening")
    editor = tab.edit_selected()
    editor.name.setText("Evening")
    with qtbot.waitSignal(tab.records_changed):
        click_save(editor)
    assert [w.name for w in rota.key_time_windows(ws, home)] == ["morning", "after school", "Evening", "night"]


def test_removing_a_window_asks_first(qtbot, ws, home, answers):
    given, asked = answers
    tab = open_page(qtbot, KeyTimesTab, ws, home, (1100, 700))
    choose(tab, "evening")
    given.append(False)
    assert not tab.remove_selected()
    assert rota.key_time_windows(ws, home) == list(DEFAULT_WINDOWS)
    given.append(True)
    with qtbot.waitSignal(tab.records_changed):
        qtbot.mouseClick(tab.remove_button, Qt.LeftButton)
    assert asked == ["Remove the key-time window?"] * 2
    assert [w.name for w in rota.key_time_windows(ws, home)] == ["morning", "after school", "night"]
    assert [r[0] for r in rows(tab)] == ["Morning", "After school", "Night"]


def test_the_last_window_cannot_be_removed_and_says_why(qtbot, ws, home, answers):
    rota.set_key_time_windows(ws, home, [DEFAULT_WINDOWS[3]])
    tab = open_page(qtbot, KeyTimesTab, ws, home, (1100, 700))
    assert not tab.remove_button.isEnabled() and tab.remove_button.toolTip() == LAST_WINDOW
    qtbot.waitExposed(tab)
    tab.activateWindow()  # a shortcut works in the active window
    qtbot.waitUntil(lambda: QApplication.activeWindow() is tab)
    tab.view.setFocus()
    qtbot.keyClick(tab.view, Qt.Key_Delete)  # the shortcut reaches it anyway: told, not asked
    assert tab.general.text() == LAST_WINDOW and tab.general.isVisible()
    assert answers[1] == [] and len(rota.key_time_windows(ws, home)) == 1


def test_restoring_the_defaults(qtbot, ws, home, answers):
    given, asked = answers
    rota.set_key_time_windows(ws, home, [KeyTimeWindow("handover", time(14), time(15), 3)])
    tab = open_page(qtbot, KeyTimesTab, ws, home, (1100, 700))
    given.append(True)
    with qtbot.waitSignal(tab.records_changed):
        qtbot.mouseClick(tab.defaults_button, Qt.LeftButton)
    assert asked == ["Restore the default key-time windows?"]
    assert rota.key_time_windows(ws, home) == list(DEFAULT_WINDOWS)
    assert [r[0] for r in rows(tab)] == ["Morning", "After school", "Evening", "Night"]


def test_a_senior_reads_the_windows_and_is_told_why_they_cannot_change_them(qtbot, senior_ws, home):
    tab = open_page(qtbot, KeyTimesTab, senior_ws, home, (1100, 700))
    assert len(rows(tab)) == 4
    for button in (tab.add_button, tab.edit_button, tab.remove_button, tab.defaults_button):
        assert not button.isEnabled()
        assert "cannot change the home, its children and staff" in button.toolTip()
    assert tab.read_only.isVisible() and tab.read_only.text().endswith("The windows are shown read-only.")
    assert tab.add() is None  # Ctrl+N or a double-click: a calm refusal, no editor
    assert tab.editor is None
