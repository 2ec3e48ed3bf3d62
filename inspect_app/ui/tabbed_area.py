"""An area of the window made of tabs over one home's records (independent visits, inspections, the rota): the tabs,
the keys that move between them wherever the focus is, and a save in one tab refreshing the others."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from ..domain.records import Home
from ..services.workspace import Workspace
from .page import Page


class TabbedArea(Page):
    """Tabs, each a Page, added by a subclass with `add_tab`. A save in one tab refreshes the others (a new visit is
    at once in the recommendations' choice of visits, a key-time window changed in the week's strip), and the area
    tells the window that records changed, so that the dashboard and the checks follow.

    Ctrl+PgDown / Ctrl+Tab and Ctrl+PgUp / Ctrl+Shift+Tab move between the tabs wherever the focus is (QTabWidget
    does it only when the key reaches it, and a list keeps Ctrl+PgDown for itself); Alt and the underlined letter
    choose one."""

    def __init__(self, ws: Workspace, home: Home, accessible_name: str, parent: QWidget | None = None):
        super().__init__(ws, home, parent)
        self._pages: list[Page] = []
        self.tabs = QTabWidget()
        self.tabs.setObjectName("areaTabs")
        self.tabs.setAccessibleName(accessible_name)
        self.tabs.setDocumentMode(True)
        for keys, step in ((QKeySequence("Ctrl+PgDown"), 1), (QKeySequence.NextChild, 1),
                           (QKeySequence("Ctrl+PgUp"), -1), (QKeySequence.PreviousChild, -1)):
            QShortcut(keys, self, activated=lambda step=step: self.move_tab(step),
                      context=Qt.WidgetWithChildrenShortcut)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.tabs)

    def add_tab(self, page: Page, text: str, tip: str) -> None:
        """A tab named `text` (with its Alt letter), its tooltip saying what it holds."""
        index = self.tabs.addTab(page, text)
        self.tabs.setTabToolTip(index, tip)
        page.records_changed.connect(lambda source=page: self._on_tab_records_changed(source))
        self._pages.append(page)

    @property
    def pages(self) -> tuple[Page, ...]:
        return tuple(self._pages)

    def move_tab(self, step: int) -> None:
        self.tabs.setCurrentIndex((self.tabs.currentIndex() + step) % self.tabs.count())

    def refresh(self) -> None:
        for page in self._pages:
            page.refresh()

    def _on_tab_records_changed(self, source: Page) -> None:
        for page in self._pages:
            if page is not source:
                page.refresh()
        self.records_changed.emit()
