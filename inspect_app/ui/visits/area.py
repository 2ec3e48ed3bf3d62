"""The independent visits area: the visits, recommendations and visitors tabs, kept in step with one another."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from ...domain.records import Home
from ...services.workspace import Workspace
from ..page import Page
from .visits_tab import VisitsTab


class VisitsArea(Page):
    """Three tabs over one home's reg 43 and 44 records. A save in one tab refreshes the others (a new visit is
    at once in the recommendations' choice of visits), and the area tells the window that records changed.

    Ctrl+PgDown / Ctrl+Tab and Ctrl+PgUp / Ctrl+Shift+Tab move between the tabs wherever the focus is (QTabWidget
    does it only when the key reaches it, and a list keeps Ctrl+PgDown for itself); Alt and the underlined letter
    choose one."""

    title = "Independent visits (reg 44)"

    def __init__(self, ws: Workspace, home: Home, parent: QWidget | None = None):
        super().__init__(ws, home, parent)
        # imported here: the tabs are the area's parts, and the window imports the area only when first shown
        from .recommendations_tab import RecommendationsTab
        from .visitors_tab import VisitorsTab

        self.visits = VisitsTab(ws, home)
        self.recommendations = RecommendationsTab(ws, home)
        self.visitors = VisitorsTab(ws, home)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("areaTabs")
        self.tabs.setAccessibleName("Independent visits: visits, recommendations and visitors")
        self.tabs.setDocumentMode(True)
        for tab, text, tip in (
                (self.visits, "&Visits", "Each month's visit and its report (reg 44)"),
                (self.recommendations, "&Recommendations", "The reports' recommendations and the home's decision "
                                                           "on each (reg 44(5))"),
                (self.visitors, "V&isitors", "The independent persons and their declarations (reg 43)")):
            index = self.tabs.addTab(tab, text)
            self.tabs.setTabToolTip(index, tip)
            tab.records_changed.connect(lambda source=tab: self._on_tab_records_changed(source))
        for keys, step in ((QKeySequence("Ctrl+PgDown"), 1), (QKeySequence.NextChild, 1),
                           (QKeySequence("Ctrl+PgUp"), -1), (QKeySequence.PreviousChild, -1)):
            QShortcut(keys, self, activated=lambda step=step: self.move_tab(step),
                      context=Qt.WidgetWithChildrenShortcut)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.tabs)

    @property
    def pages(self) -> tuple[Page, ...]:
        return (self.visits, self.recommendations, self.visitors)

    def move_tab(self, step: int) -> None:
        self.tabs.setCurrentIndex((self.tabs.currentIndex() + step) % self.tabs.count())

    def refresh(self) -> None:
        for page in self.pages:
            page.refresh()

    def _on_tab_records_changed(self, source: Page) -> None:
        for page in self.pages:
            if page is not source:
                page.refresh()
        self.records_changed.emit()
