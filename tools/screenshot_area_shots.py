"""The shots of the record areas (independent visits, inspections, the rota, referrals) for tools/screenshots.py,
taken over the demo's busy home (the list of all shots: tools/screenshot_shots.py)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Callable

from PySide6.QtWidgets import QAbstractItemView, QTableView, QWidget

from inspect_app.domain.local_time import to_local
from inspect_app.services import rota_week
from inspect_app.services.workspace import Workspace

if TYPE_CHECKING:  # the machinery imports this module, not the other way round
    from screenshots import Scene

ROTA_WEEKS_BACK = 8  # how far back from the week looked at the rota shots look for a week worth showing


def rota_week_shown(ws: Workspace) -> date:
    """The Monday of the week the rota shots show: the week looked at if it has a short key-time window and an
    absence, else the latest week before it that has both (the demo's rota is made up only to its end)."""
    home = ws.homes.all()[0]
    monday = rota_week.week_of(to_local(ws.now()).date()).start  # the moment the shots are looked at
    for back in range(ROTA_WEEKS_BACK + 1):
        week = rota_week.read_week(ws, home, monday - timedelta(days=7 * back))
        absent = any(s.absence for shifts in week.shifts.values() for s in shifts)
        if absent and any(c.short for c in week.coverage):
            return week.period.start
    raise LookupError("no week of the demo's rota has both a short key-time window and an absence")


def visits(scene: Scene) -> QWidget:
    """The busy home's year of independent visits: the month strip with its missed month, late reports."""
    return scene.window(scene.ws, "visits")


def visit_editor(scene: Scene) -> QWidget:
    tab = scene.behind(scene.ws, "visits").page("visits").visits
    tab.view.selectRow(0)
    return tab.edit_selected()


def recommendations(scene: Scene) -> QWidget:
    """The reg 44(5) tracker: what needs deciding first."""
    window = scene.window(scene.ws, "visits")
    area = window.page("visits")
    area.tabs.setCurrentWidget(area.recommendations)
    return window


def visitors(scene: Scene) -> QWidget:
    window = scene.window(scene.ws, "visits")
    area = window.page("visits")
    area.visitors.show_past.setChecked(True)
    area.tabs.setCurrentWidget(area.visitors)
    return window


def inspections(scene: Scene) -> QWidget:
    """The inspections with their requirements and the rec 22 note (the busy home's last full inspection)."""
    return scene.window(scene.ws, "inspections")


def dialogue(scene: Scene) -> QWidget:
    window = scene.window(scene.ws, "inspections")
    area = window.page("inspections")
    area.tabs.setCurrentIndex(1)
    return window


def rota_week_tab(scene: Scene) -> QWidget:
    """The week's grid, planned and worked, scrolled to the absence behind the strip's first short window (the
    absence chosen: the grid lays its rows out only once shown)."""
    window = scene.window(scene.ws, "rota")
    week = window.page("rota").week
    week.show_week(rota_week_shown(scene.ws))
    window.show()
    scene.settle()
    first_short = next(c.day for c in week.week.coverage if c.short)
    absent = sorted((s for shifts in week.week.shifts.values() for s in shifts if s.absence),
                    key=lambda s: (s.local_date() != first_short, s.planned_start))[0]
    cell = week.model.index_of(absent.staff_id, absent.local_date())
    week.grid.setCurrentIndex(cell)
    _scroll_whole_rows(week.grid, cell.row())
    return window


def _scroll_whole_rows(grid: QTableView, row: int) -> None:
    """The row in sight, with as many whole rows above it as fit (a row cut in half at the top hides its lines)."""
    top, height = row, grid.rowHeight(row)
    while top > 0 and height + grid.rowHeight(top - 1) <= grid.viewport().height():
        top -= 1
        height += grid.rowHeight(top)
    grid.scrollTo(grid.model().index(top, 0), QAbstractItemView.PositionAtTop)


def rota_month(scene: Scene) -> QWidget:
    """The month of coverage: the month looked at when it has a short window, else the month of the week shown."""
    window = scene.window(scene.ws, "rota")
    area = window.page("rota")
    if not area.month.shown.report.windows_below_minimum:
        area.month.show_month(rota_week_shown(scene.ws))
    area.tabs.setCurrentWidget(area.month)
    return window


def key_times(scene: Scene) -> QWidget:
    window = scene.window(scene.ws, "rota")
    area = window.page("rota")
    area.tabs.setCurrentWidget(area.key_times)
    return window


def shift_editor(scene: Scene) -> QWidget:
    """A shift worked longer than planned (times worked differ from the plan), open in its editor over the week."""
    area = scene.behind(scene.ws, "rota").page("rota")
    area.show_week(rota_week_shown(scene.ws))
    shifts = [s for day in area.week.week.shifts.values() for s in day if s.actual_end and not s.absence]
    worked = max(shifts, key=lambda s: (s.actual_end - s.planned_end, s.planned_start))
    editor = area.week.edit_shift(worked)
    editor.adjustSize()
    return editor


def referrals(scene: Scene) -> QWidget:
    """The pipeline of referrals: what needs looking at in bold red, and said in words."""
    return scene.window(scene.ws, "referrals")


def referral_decision(scene: Scene) -> QWidget:
    """The decision form of the newest referral with something to flag, the statement of purpose beside it."""
    tab = scene.behind(scene.ws, "referrals").page("referrals").pipeline
    rows = [tab.view.record_at(tab.proxy.index(r, 0)) for r in range(tab.proxy.rowCount())]
    tab.select(next((row for row in rows if row.flagged), rows[0]).id)
    return tab.edit_selected()


def referrals_tab(tab: str) -> Callable[[Scene], QWidget]:
    """The referrals area with one of its other tabs in front (the outcomes, the statement of purpose)."""
    def shot(scene: Scene) -> QWidget:
        window = scene.window(scene.ws, "referrals")
        area = window.page("referrals")
        area.tabs.setCurrentWidget(getattr(area, tab))
        return window
    return shot
