"""The rota's week laid out as the window shows it at 1280 pixels: every shift type's lines drawn whole in a day's
column, the coverage strip ending where the grid's days end (not under its scroll bar), and the shift editor's member
of staff, fixed for a shift already made, shown whole in a read-only field."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QComboBox, QLineEdit, QStyleOptionViewItem

from inspect_app.domain.local_time import from_wall_time
from inspect_app.domain.records import Staff
from inspect_app.domain.rota import Shift
from inspect_app.domain.vocabulary import Absence, Employment, ShiftType, StaffRole
from inspect_app.services import registers, rota
from inspect_app.ui.app import load_style_sheet
from inspect_app.ui.rota.area import RotaArea
from inspect_app.ui.rota.week_grid import text_fits
from inspect_app.ui.rota.week_model import SHORT_ROLE
from tests.ui.lists_and_editors import click_save, open_page

MONDAY = date(2026, 11, 23)
NOW = datetime(2026, 11, 30, 10, 0, tzinfo=timezone.utc)  # the week shown is over: every shift has its times worked
AREA_SIZE = (1045, 700)  # the rota area in a window 1280 pixels wide (the list of areas takes the rest)
TIMES = {ShiftType.DAY: ((7, 0), (15, 0)), ShiftType.LATE: ((14, 30), (22, 30)), ShiftType.LONG_DAY: ((8, 0), (22, 0)),
         ShiftType.WAKING_NIGHT: ((22, 0), (7, 30)), ShiftType.SLEEP_IN: ((22, 30), (7, 0))}


@pytest.fixture(autouse=True)
def _after_the_week(clock):
    clock.set(NOW)


def wall(day: date, hh: int, mm: int = 0) -> datetime:
    return from_wall_time(datetime.combine(day, time(hh, mm)))


def put(ws, home, person, day: date, kind: ShiftType, worked_minutes: int = 0, **kw) -> Shift:
    """A shift of the type's usual times, worked `worked_minutes` later at both ends (0: as planned)."""
    (sh, sm), (eh, em) = TIMES[kind]
    start, end = wall(day, sh, sm), wall(day + timedelta(days=(eh, em) <= (sh, sm)), eh, em)
    late = timedelta(minutes=worked_minutes)
    worked = {"actual_start": start + late, "actual_end": end + late} if worked_minutes else {}
    return rota.save_shift(ws, Shift(home.id, person.id, kind, start, end, **worked, **kw))


def open_area(qtbot, ws, home) -> RotaArea:
    area = open_page(qtbot, RotaArea, ws, home, AREA_SIZE)
    area.setStyleSheet(load_style_sheet())  # its fonts and padding decide what fits
    area.week.show_week(MONDAY)
    return area


def drawn_option(grid, index) -> QStyleOptionViewItem:
    """The option a cell is drawn with: the grid's font and the cell's rect, as the delegate fills it in."""
    option = QStyleOptionViewItem()
    grid.initViewItemOption(option)
    option.rect = grid.visualRect(index)
    grid.itemDelegate().initStyleOption(option, index)
    return option


def test_every_shift_type_with_its_lead_and_times_worked_fits_a_days_column(qtbot, ws, home, sam, kim):
    """Each type as lead with its times worked (Sam), each absent (Kim), and a late then a sleep-in in one cell."""
    for offset, kind in enumerate(ShiftType):
        put(ws, home, sam, MONDAY + timedelta(days=offset), kind, worked_minutes=13, shift_lead=True)
        put(ws, home, kim, MONDAY + timedelta(days=offset), kind, absence=Absence.OTHER, shift_lead=True)
    lee = registers.save_staff(ws, Staff(home.id, "S-07", "Alexandra Worthington", StaffRole.CARE_WORKER,
                                         Employment.AGENCY))
    put(ws, home, lee, MONDAY + timedelta(days=5), ShiftType.LATE, worked_minutes=-16, shift_lead=True)
    put(ws, home, lee, MONDAY + timedelta(days=5), ShiftType.SLEEP_IN, worked_minutes=-8, shift_lead=True)
    area = open_area(qtbot, ws, home)
    grid, model = area.week.grid, area.week.model
    qtbot.waitUntil(lambda: grid.columnWidth(6) > 0 and grid.viewport().width() < 1000)
    assert grid.columnWidth(0) < 125  # as narrow as the window gives it at 1280 pixels
    shortened = []
    for row in range(model.rowCount()):
        for column in range(7):
            index = model.index(row, column)
            option = drawn_option(grid, index)
            assert text_fits(option, grid), (index.data(), grid.columnWidth(column))
            if option.text.replace("\u2028", "\n") != index.data():
                shortened.append(index.data().split("\n")[0])
    assert shortened and set(shortened) == {"Waking night · lead"}  # only what had to be, and said whole in the tip
    night = model.index_of(sam.id, MONDAY + timedelta(days=3))
    assert night.data(SHORT_ROLE).startswith("W. night · lead\n22:00-07:30\ndid 22:13-07:43")
    assert "Waking night shift planned" in night.data(0x03)  # Qt.ToolTipRole


def test_the_coverage_strip_ends_where_the_grids_days_end(qtbot, ws, home, sam):
    for n in range(14):  # more people than the grid has room for: it scrolls
        registers.save_staff(ws, Staff(home.id, f"S-{20 + n}", f"Person {n}", StaffRole.CARE_WORKER,
                                       Employment.PERMANENT))
    area = open_area(qtbot, ws, home)
    tab = area.week
    tab.bar.go_to.setFocus()  # not the grid: its focus ring is a pixel wider than its frame
    bar = tab.grid.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.isVisible() and tab.strip_row.contentsMargins().right() > 0)

    def right_edge(view) -> int:
        return view.viewport().mapTo(tab, QPoint(view.viewport().width(), 0)).x()

    qtbot.waitUntil(lambda: right_edge(tab.strip) == right_edge(tab.grid))
    assert tab.strip.viewport().width() == sum(tab.grid.columnWidth(c) for c in range(7))
    assert tab.strip.geometry().right() <= bar.mapTo(tab, QPoint(0, 0)).x()  # its frame, and no more, under the bar


def test_a_shift_already_made_shows_its_member_of_staff_read_only_and_whole(qtbot, ws, home, sam):
    shift = put(ws, home, sam, MONDAY, ShiftType.LATE)
    area = open_area(qtbot, ws, home)
    editor = area.week.edit_shift(shift)
    person = editor.person
    assert isinstance(person, QLineEdit) and person.isReadOnly() and person.text() == "Sam Jones"
    assert person.toolTip().startswith("A shift stays with its member of staff")
    qtbot.waitUntil(person.isVisible)
    assert person.width() >= person.fontMetrics().horizontalAdvance("Sam Jones") + 20
    editor.lead.setChecked(True)
    with qtbot.waitSignal(editor.record_saved):
        click_save(editor)
    saved = ws.shifts.get(shift.id)
    assert saved.staff_id == sam.id and saved.shift_lead
    added = area.week.add_shift(sam.id, MONDAY + timedelta(days=1))
    assert isinstance(added.person, QComboBox) and added.person.isEnabled()  # a new shift: anyone on the rota
