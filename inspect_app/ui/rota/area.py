"""The rota area: the week's rota with its key-time coverage, the month's coverage and the home's key-time windows
(schedule 4; Narey recommendation 4), one tab each, kept in step with one another."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QWidget

from ...domain.records import Home
from ...services.workspace import Workspace
from ..tabbed_area import TabbedArea
from .week_tab import WeekTab


class RotaArea(TabbedArea):
    """Three tabs over one home's rota (a key-time window changed is at once in the week's strip: TabbedArea keeps
    them in step); a day double-clicked in the month shows its week."""

    title = "Rota and key times"

    def __init__(self, ws: Workspace, home: Home, parent: QWidget | None = None):
        super().__init__(ws, home, "Rota: the week, the month and the key times", parent)
        # imported here: the tabs are the area's parts, and the window imports the area only when first shown
        from .key_times_tab import KeyTimesTab
        from .month_tab import MonthTab

        self.week = WeekTab(ws, home)
        self.month = MonthTab(ws, home)
        self.key_times = KeyTimesTab(ws, home)
        self.add_tab(self.week, "&Week", "The week's rota, planned and worked (schedule 4), with the staffing at key "
                                         "times under it")
        self.add_tab(self.month, "Mont&h", "A month of staffing at the key times of the day (Narey rec 4)")
        self.add_tab(self.key_times, "&Key times", "The home's key-time windows and the staff each needs")
        self.month.week_requested.connect(self.show_week)

    def show_week(self, day: date) -> None:
        """The week holding `day`, on the week tab (the month's double-click asks for it)."""
        self.week.show_week(day)
        self.tabs.setCurrentWidget(self.week)
        self.week.grid.setFocus()
