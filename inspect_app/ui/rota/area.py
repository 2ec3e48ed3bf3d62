"""The rota area: the week's rota with its key-time coverage, the month's coverage and the home's key-time windows
(schedule 4; Narey recommendation 4), one tab each, kept in step with one another."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from ...domain.records import Home
from ...services.workspace import Workspace
from ..page import Page
from .week_tab import WeekTab


class RotaArea(Page):
    """Three tabs over one home's rota. A save in one tab refreshes the others (a key-time window changed is at once
    in the week's strip), and the area tells the window that records changed; a day double-clicked in the month
    shows its week.

    Ctrl+PgDown / Ctrl+Tab and Ctrl+PgUp / Ctrl+Shift+Tab move between the tabs wherever the focus is; Alt and the
    underlined letter choose one."""

    title = "Rota and key times"

    def __init__(self, ws: Workspace, home: Home, parent: QWidget | None = None):
        super().__init__(ws, home, parent)
        # imported here: the tabs are the area's parts, and the window imports the area only when first shown
        from .key_times_tab import KeyTimesTab
        from .month_tab import MonthTab

        self.week = WeekTab(ws, home)
        self.month = MonthTab(ws, home)
        self.key_times = KeyTimesTab(ws, home)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("areaTabs")
        self.tabs.setAccessibleName("Rota: the week, the month and the key times")
        self.tabs.setDocumentMode(True)
        for tab, text, tip in (
                (self.week, "&Week", "The week's rota, planned and worked (schedule 4), with the staffing at key "
                                     "times under it"),
                (self.month, "Mont&h", "A month of staffing at the key times of the day (Narey rec 4)"),
                (self.key_times, "&Key times", "The home's key-time windows and the staff each needs")):
            index = self.tabs.addTab(tab, text)
            self.tabs.setTabToolTip(index, tip)
            tab.records_changed.connect(lambda source=tab: self._on_tab_records_changed(source))
        week_requested = getattr(self.month, "week_requested", None)
        if week_requested is not None:
            week_requested.connect(self.show_week)
        for keys, step in ((QKeySequence("Ctrl+PgDown"), 1), (QKeySequence.NextChild, 1),
                           (QKeySequence("Ctrl+PgUp"), -1), (QKeySequence.PreviousChild, -1)):
            QShortcut(keys, self, activated=lambda step=step: self.move_tab(step),
                      context=Qt.WidgetWithChildrenShortcut)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.tabs)

    @property
    def pages(self) -> tuple[Page, ...]:
        return (self.week, self.month, self.key_times)

    def move_tab(self, step: int) -> None:
        self.tabs.setCurrentIndex((self.tabs.currentIndex() + step) % self.tabs.count())

    def show_week(self, day: date) -> None:
        """The week holding `day`, on the week tab (the month's double-click asks for it)."""
        self.week.show_week(day)
        self.tabs.setCurrentWidget(self.week)
        self.week.grid.setFocus()

    def refresh(self) -> None:
        for page in self.pages:
            page.refresh()

    def _on_tab_records_changed(self, source: Page) -> None:
        for page in self.pages:
            if page is not source:
                page.refresh()
        self.records_changed.emit()
