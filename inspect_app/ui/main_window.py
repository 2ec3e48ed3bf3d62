"""The main window: the header with the home, the navigation between areas, their pages, menus and status bar."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QByteArray, QItemSelectionModel, QSettings, QStringListModel, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QComboBox, QDialog, QFileDialog, QFrame, QHBoxLayout, QLabel, QListView, QMainWindow, QMessageBox, QPushButton,
    QSplitter, QStackedWidget, QVBoxLayout, QWidget,
)

from .. import __version__
from ..domain.errors import UserFacingError
from ..domain.local_time import to_local
from ..domain.records import Home
from ..paths import backups_dir, log_dir
from ..services.workspace import Workspace
from ..storage.backup import backup_to
from . import messages
from .areas import AREAS, NotBuiltPage
from .dashboard import DashboardPage
from .page import Page

log = logging.getLogger(__name__)

PageFactory = Callable[[Workspace, Home], "Page | None"]

DEMO_NOTICE = "Demo home — made-up records, kept apart from yours"
SET_UP_OWN_HOME = "Set up my own home…"


def measures_page(ws: Workspace, home: Home) -> Page:
    from .measures.page import MeasuresPage  # imported when first shown, like every page but the dashboard

    return MeasuresPage(ws, home)


def children_page(ws: Workspace, home: Home) -> Page:
    from .registers import ChildrenPage  # imported when first shown, like every page but the dashboard

    return ChildrenPage(ws, home)


def staff_page(ws: Workspace, home: Home) -> Page:
    from .registers import StaffPage

    return StaffPage(ws, home)


def page_factories() -> dict[str, PageFactory]:
    """The dashboard is shown first, so only it is imported with the window (SPEC 10: a fast start)."""
    return {"dashboard": DashboardPage, "measures": measures_page, "children": children_page, "staff": staff_page}


class MainWindow(QMainWindow):
    """One home at a time; pages are built when first shown and refreshed when shown after a change elsewhere.

    With `demo` the workspace is the made-up demo home: the window says so at all times, and offers to set up
    the user's own home (`own_home_requested`; the app opens the user's database, never this one).
    """

    own_home_requested = Signal()

    def __init__(self, ws: Workspace, home: Home | None = None, settings: QSettings | None = None,
                 factories: dict[str, PageFactory] | None = None, parent: QWidget | None = None,
                 demo: bool = False):
        super().__init__(parent)
        self.ws = ws
        self.demo = demo
        self.settings = settings
        self.factories = factories if factories is not None else page_factories()
        homes = ws.homes.all()
        self.home = home or self._remembered_home(homes) or homes[0]
        self.pages: dict[str, Page] = {}
        self._stale: set[str] = set()
        self._build_header(homes)
        self._build_body()
        self._build_menus()
        self.setCentralWidget(self._central)
        self.database_label = QLabel(f"{'Demo records' if demo else 'Records'}: {ws.db.path}")
        self.database_label.setObjectName("hint")
        self.statusBar().addPermanentWidget(self.database_label)
        self._show_home()
        self.resize(1280, 800)
        self._restore_state()
        if demo:  # the header's button comes first in the tab chain; a stray Enter must not leave the demo
            self.navigation.setFocus()

    # building ----------------------------------------------------------------
    def _build_header(self, homes: list[Home]) -> None:
        self.header = QFrame()
        self.header.setObjectName("header")
        self.home_name = QLabel()
        self.home_name.setObjectName("homeName")
        self.home_details = QLabel()
        self.home_details.setObjectName("homeDetails")
        names = QVBoxLayout()
        names.setSpacing(0)
        names.addWidget(self.home_name)
        names.addWidget(self.home_details)
        row = QHBoxLayout(self.header)
        row.setContentsMargins(16, 10, 16, 10)
        row.addLayout(names, 1)
        self.demo_notice: QLabel | None = None
        self.own_home_button: QPushButton | None = None
        if self.demo:
            self._build_demo_notice(row)
        self.home_chooser: QComboBox | None = None  # one home: nothing to choose, and a faster start without it
        if len(homes) > 1:
            self.home_chooser = self._build_home_chooser(homes)
            chooser_label = QLabel("&Home:")
            chooser_label.setBuddy(self.home_chooser)
            row.addWidget(chooser_label)
            row.addWidget(self.home_chooser)

    def _build_demo_notice(self, row: QHBoxLayout) -> None:
        self.demo_notice = QLabel(DEMO_NOTICE)
        self.demo_notice.setObjectName("demoNotice")
        self.demo_notice.setAccessibleName(DEMO_NOTICE)
        self.own_home_button = QPushButton(SET_UP_OWN_HOME)
        self.own_home_button.setToolTip("Leave the demo and set up your home in your own records")
        self.own_home_button.clicked.connect(self.own_home_requested)
        row.addWidget(self.demo_notice)
        row.addSpacing(8)
        row.addWidget(self.own_home_button)
        row.addSpacing(16)

    def _build_home_chooser(self, homes: list[Home]) -> QComboBox:
        chooser = QComboBox()
        chooser.setAccessibleName("Home")
        chooser.setToolTip("Choose which home's records to show")
        for h in homes:
            chooser.addItem(f"{h.name} ({h.urn})", h.id)
        chooser.setCurrentIndex(max(0, chooser.findData(self.home.id)))
        chooser.currentIndexChanged.connect(self._on_home_chooser_changed)
        return chooser

    def _build_body(self) -> None:
        self.nav_model = QStringListModel([a.title for a in AREAS])
        self.navigation = QListView()
        self.navigation.setObjectName("navigation")
        self.navigation.setAccessibleName("Areas")
        self.navigation.setModel(self.nav_model)
        self.navigation.setEditTriggers(QListView.NoEditTriggers)
        self.navigation.setWordWrap(True)
        self.navigation.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.navigation.setMinimumWidth(200)
        self.navigation.selectionModel().currentChanged.connect(self._on_navigation_changed)
        self.stack = QStackedWidget()
        splitter = QSplitter()
        splitter.addWidget(self.navigation)
        splitter.addWidget(self.stack)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([235, 1045])
        splitter.setChildrenCollapsible(False)
        self._central = QWidget()
        layout = QVBoxLayout(self._central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.header)
        layout.addWidget(splitter, 1)

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        self.own_home_action: QAction | None = None
        if self.demo:
            self.own_home_action = self._action(file_menu, SET_UP_OWN_HOME, self.own_home_requested)
            file_menu.addSeparator()
        self._action(file_menu, "&Home details…", self.edit_home_details)
        self.backup_action = self._action(file_menu, "&Back up now…", self.back_up, "Ctrl+Shift+B")
        file_menu.addSeparator()
        self._action(file_menu, "&Quit", self.close, QKeySequence.Quit, "Ctrl+Q")
        go_menu = self.menuBar().addMenu("&Go")
        for index, area in enumerate(AREAS):
            self._action(go_menu, area.title, lambda _=False, i=index: self.show_area(AREAS[i].key),
                         f"Ctrl+{index + 1}")
        go_menu.addSeparator()
        self._action(go_menu, "&Refresh this page", self.refresh_current, QKeySequence.Refresh, "F5")
        help_menu = self.menuBar().addMenu("&Help")
        self._action(help_menu, f"&About {messages.APP_TITLE}", self.show_about)

    def _action(self, menu, text: str, slot, *shortcuts) -> QAction:
        action = QAction(text, self)
        keys: list[QKeySequence] = []
        for s in shortcuts:
            keys.extend(QKeySequence.keyBindings(s) if isinstance(s, QKeySequence.StandardKey) else [QKeySequence(s)])
        unique = list({k.toString(): k for k in keys if not k.isEmpty()}.values())
        action.setShortcuts(unique)
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    # pages -------------------------------------------------------------------
    def _show_home(self) -> None:
        h = self.home
        demo = " (demo)" if self.demo else ""
        self.setWindowTitle(f"{h.name} ({h.urn}){demo} — {messages.APP_TITLE}")
        self.home_name.setText(h.name)
        details = [f"URN {h.urn}"]
        if h.provider_name:
            details.append(h.provider_name)
        if h.places:
            details.append(f"{h.places} places")
        self.home_details.setText(" · ".join(details))

    def page(self, key: str) -> Page:
        """The page of an area for the current home, built on first use."""
        page = self.pages.get(key)
        if page is None:
            area = next(a for a in AREAS if a.key == key)
            factory = self.factories.get(key)
            page = factory(self.ws, self.home) if factory else None
            if page is None:
                page = NotBuiltPage(self.ws, self.home, area)
            page.records_changed.connect(lambda k=key: self._on_page_records_changed(k))
            if hasattr(page, "measure_chosen"):
                page.measure_chosen.connect(self.show_measure)
            self.pages[key] = page
            self.stack.addWidget(page)
            log.info("page built: %s", key)
        return page

    def show_area(self, key: str) -> Page:
        row = next(i for i, a in enumerate(AREAS) if a.key == key)
        index = self.nav_model.index(row)
        if self.navigation.currentIndex() != index:
            self.navigation.selectionModel().setCurrentIndex(index, QItemSelectionModel.ClearAndSelect)
        return self.pages[key]

    def current_key(self) -> str:
        row = self.navigation.currentIndex().row()
        return AREAS[row].key if row >= 0 else AREAS[0].key

    def _on_navigation_changed(self, current, _previous) -> None:
        if not current.isValid():
            return
        key = AREAS[current.row()].key
        page = self.page(key)
        if key in self._stale:
            self._stale.discard(key)
            page.refresh()
        self.stack.setCurrentWidget(page)
        self.statusBar().clearMessage()

    def _on_page_records_changed(self, source: str) -> None:
        """A save on one page: the others refresh when they are next shown."""
        self._stale.update(k for k in self.pages if k != source)

    def refresh_current(self) -> None:
        key = self.current_key()
        self._stale.discard(key)
        self.page(key).refresh()
        self.statusBar().showMessage("Refreshed.", 3000)

    def show_measure(self, measure_id: int) -> None:
        """Open one reg 35 record on the measures page (the dashboard uses this)."""
        page = self.show_area("measures")
        opener = getattr(page, "open_measure", None)
        if callable(opener):
            opener(measure_id)

    def _on_home_chooser_changed(self, index: int) -> None:
        home_id = self.home_chooser.itemData(index) if self.home_chooser is not None else None
        if home_id is None or home_id == self.home.id:
            return
        self.switch_home(self.ws.homes.get(home_id))

    def switch_home(self, home: Home) -> None:
        """Show another home: every page is rebuilt for it, lazily."""
        key = self.current_key()
        for page in self.pages.values():
            self.stack.removeWidget(page)
            page.deleteLater()
        self.pages.clear()
        self._stale.clear()
        self.home = home
        self._show_home()
        self.navigation.selectionModel().clearCurrentIndex()
        self.show_area(key)
        log.info("home switched to id %s", home.id)

    # menus -------------------------------------------------------------------
    def edit_home_details(self) -> QDialog:
        """The home's details and its physical-intervention scheme; once saved, every page shows them."""
        from .home_editor import HomeEditor

        editor = HomeEditor(self.ws, self.home, self)
        editor.record_saved.connect(self.switch_home)
        editor.open()
        return editor

    def back_up(self) -> None:
        suggested = backups_dir(self.ws.db.path) / f"{self.ws.db.path.stem}-{to_local(self.ws.now()):%Y-%m-%d-%H%M}.db"
        name, _filter = QFileDialog.getSaveFileName(self, "Back up the records", str(suggested),
                                                    "Databases (*.db)")
        if name:
            self.back_up_to(Path(name))

    def back_up_to(self, target: Path) -> bool:
        try:
            written = backup_to(self.ws.db, target)
        except UserFacingError as exc:
            QMessageBox.warning(self, "The backup was not made", str(exc))
            return False
        self.statusBar().showMessage(f"Backed up to {written}", 10000)
        log.info("backup written")
        return True

    def about_text(self) -> str:
        return (f"<p><b>{messages.APP_TITLE}</b> version {__version__}</p>"
                "<p>Records of a children's home for Ofsted inspection: restraint and other measures (reg 35), "
                "the registers of children and staff, and the evidence behind them.</p>"
                f"<p>{'The made-up demo home is' if self.demo else 'Your records are'} kept in:<br>"
                f"{self.ws.db.path}</p>"
                f"<p>Backups:<br>{backups_dir(self.ws.db.path)}</p>"
                f"<p>Log files (no names or narratives):<br>{log_dir()}</p>")

    def show_about(self) -> None:
        QMessageBox.about(self, f"About {messages.APP_TITLE}", self.about_text())

    # window state --------------------------------------------------------------
    def _remembered_home(self, homes: list[Home]) -> Home | None:
        urn = self.settings.value("window/home") if self.settings is not None else None
        return next((h for h in homes if h.urn == urn), None)

    def _restore_state(self) -> None:
        """Geometry and the last page from QSettings (organisational settings live in the database)."""
        last = None
        if self.settings is not None:
            geometry = self.settings.value("window/geometry")
            if isinstance(geometry, QByteArray):
                self.restoreGeometry(geometry)
            last = self.settings.value("window/page")
        self.show_area(last if last in {a.key for a in AREAS} else AREAS[0].key)

    def save_state(self) -> None:
        if self.settings is None:
            return
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/page", self.current_key())
        self.settings.setValue("window/home", self.home.urn)
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:  # Qt override
        self.save_state()
        super().closeEvent(event)

