"""The main window: the header with the home and who is signed in, the navigation between the areas the account may
use, their pages, menus, the warning banner and the status bar."""

from __future__ import annotations

import importlib
import logging
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QByteArray, QItemSelectionModel, QSettings, QStringListModel, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QDialog, QFileDialog, QLabel, QListView, QMainWindow, QMessageBox, QSplitter, QStackedWidget, QVBoxLayout, QWidget,
)

from .. import __version__
from ..domain.errors import UserFacingError
from ..domain.local_time import to_local
from ..domain.records import Home
from ..domain.roles import NotPermitted, Permission
from ..paths import backups_dir, log_dir
from ..services.workspace import Workspace
from ..storage.backup import backup_to
from ..storage.instance_lock import InstanceLock
from . import messages
from .areas import AREAS, NotBuiltPage, areas_for
from .checks import CheckBanner, RecordsCheck
from .dashboard import DashboardPage
from .page import Page
from .permissions import allow, refusal, refused, show_refusal
from .window_header import DEMO_NOTICE, SET_UP_OWN_HOME, WindowHeader

__all__ = ["AREAS", "DEMO_NOTICE", "MainWindow", "NotBuiltPage", "page_factories"]  # what the app and its tests use

log = logging.getLogger(__name__)

PageFactory = Callable[[Workspace, Home], "Page | None"]


def _imported_when_shown(page: str) -> PageFactory:
    module, name = page.split(":")

    def build(ws: Workspace, home: Home) -> Page:
        return getattr(importlib.import_module(module, __package__), name)(ws, home)

    return build


def page_factories() -> dict[str, PageFactory]:
    """The dashboard is shown first, so only it is imported with the window; every other page when first shown
    (SPEC 10: a fast start)."""
    return {"dashboard": DashboardPage, **{a.key: _imported_when_shown(a.page) for a in AREAS if a.page}}


class MainWindow(QMainWindow):
    """One home at a time; pages are built when first shown and refreshed when shown after a change elsewhere.

    With `demo` the workspace is the made-up demo home: the window says so at all times, and offers to set up
    the user's own home (`own_home_requested`; the app opens the user's database, never this one).

    It follows the account's role (SPEC 8): only the areas and homes it may use are shown; actions it may not take
    are disabled with the reason (the services refuse them anyway). After a restore the workspace is closed, and
    `workspace_reopened` carries the one to show a new window over; `instance_lock`, the owner's lock on the
    database, is let go during a restore and taken again.
    """

    own_home_requested = Signal()
    workspace_reopened = Signal(object)  # a Workspace
    settings_changed = Signal()  # the database's settings (idle lock minutes, backups kept) were changed

    def __init__(self, ws: Workspace, home: Home | None = None, settings: QSettings | None = None,
                 factories: dict[str, PageFactory] | None = None, parent: QWidget | None = None,
                 demo: bool = False, instance_lock: InstanceLock | None = None):
        super().__init__(parent)
        self.ws = ws
        self.demo = demo
        self.settings = settings
        self.instance_lock = instance_lock
        self.factories = factories if factories is not None else page_factories()
        self.areas = areas_for(ws.account)
        homes = ws.visible_homes()
        if not homes:
            ws.home()  # raises, saying why: no home yet, or none this account may open
        visible = home if home is not None and home.id in ws.account.home_ids else None
        self.home = visible or self._remembered_home(homes) or homes[0]
        self.restore_run = None
        self._checked_on_open = False
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
        self.header = WindowHeader(self.ws, homes, self.home, self.demo)
        self.header.own_home_requested.connect(self.own_home_requested)
        self.header.home_chosen.connect(self._on_home_chosen)
        # the header's parts, as the window's (the app and its tests reach them here)
        self.home_name, self.home_details = self.header.home_name, self.header.home_details
        self.demo_notice, self.own_home_button = self.header.demo_notice, self.header.own_home_button
        self.home_chooser, self.signed_in = self.header.home_chooser, self.header.signed_in

    def _build_body(self) -> None:
        self.nav_model = QStringListModel([a.title for a in self.areas])
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
        self.banner = CheckBanner()
        self.checks = RecordsCheck(self.ws, self, self.banner)
        self.banner.check_requested.connect(self.check_records)
        self.banner.restore_requested.connect(self.restore_from_backup)
        layout.addWidget(self.banner)
        layout.addWidget(splitter, 1)

    def _build_menus(self) -> None:
        self.file_menu = file_menu = self.menuBar().addMenu("&File")
        file_menu.setToolTipsVisible(True)  # a disabled action says why
        self.own_home_action: QAction | None = None
        if self.demo:
            self.own_home_action = self._action(file_menu, SET_UP_OWN_HOME, self.own_home_requested)
            file_menu.addSeparator()
        self.home_details_action = self._action(file_menu, "&Home details…", self.edit_home_details)
        self.backup_action = self._action(file_menu, "&Back up now…", self.back_up, "Ctrl+Shift+B")
        file_menu.addSeparator()
        self.check_action = self._action(file_menu, "Chec&k the records…", self.check_records)
        self.check_action.setToolTip("Check the file, the audit trail and every record for changes made outside "
                                     "the program")
        self.restore_action = self._action(file_menu, "&Restore from a backup…", self.restore_from_backup)
        file_menu.addSeparator()
        self.quit_action = self._action(file_menu, "&Quit", self.close, QKeySequence.Quit, "Ctrl+Q")
        self._gate_menus()
        go_menu = self.menuBar().addMenu("&Go")
        for index, area in enumerate(self.areas):
            self._action(go_menu, area.title, lambda _=False, k=area.key: self.show_area(k),
                         f"Ctrl+{(index + 1) % 10}" if index < 10 else None)
        go_menu.addSeparator()
        self._action(go_menu, "&Refresh this page", self.refresh_current, QKeySequence.Refresh, "F5")
        help_menu = self.menuBar().addMenu("&Help")
        self._action(help_menu, f"&About {messages.APP_TITLE}", self.show_about)

    def _gate_menus(self) -> None:
        allow(self.home_details_action, refusal(self.ws, Permission.EDIT_REGISTERS, self.home.id))
        allow(self.backup_action, refusal(self.ws, Permission.MANAGE_DATABASE))
        # the demo's made-up records have no backups; the folder beside it holds the user's own
        allow(self.restore_action, refusal(self.ws, Permission.MANAGE_DATABASE) or
              ("The demo's made-up records have no backups." if self.demo else ""),
              tip="Put a backup back in place of the records; the file as it is now is kept")

    def _action(self, menu, text: str, slot, *shortcuts) -> QAction:
        action = QAction(text, self)
        keys: list[QKeySequence] = []
        for s in filter(None, shortcuts):
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
        self.header.show_home(h)

    def page(self, key: str) -> Page:
        """The page of an area for the current home, built on first use; NotPermitted for an area not shown."""
        page = self.pages.get(key)
        if page is None:
            area = next((a for a in self.areas if a.key == key), None)
            if area is None:
                title = next(a.title for a in AREAS if a.key == key)
                raise NotPermitted(f"{title} is not open to a {self.ws.account.role.label.lower()} account")
            factory = self.factories.get(key)
            page = factory(self.ws, self.home) if factory else None
            if page is None:
                page = NotBuiltPage(self.ws, self.home, area)
            page.records_changed.connect(lambda k=key: self._on_page_records_changed(k))
            # what a page may ask of the window: open a record, go to an area, apply changed settings
            for signal, slot in (("measure_chosen", self.show_measure), ("area_chosen", self.show_area),
                                 ("settings_changed", self.settings_changed)):
                if hasattr(page, signal):
                    getattr(page, signal).connect(slot)
            self.pages[key] = page
            self.stack.addWidget(page)
            log.info("page built: %s", key)
        return page

    def show_area(self, key: str) -> Page | None:
        """Shows the area's page; an area this account may not use stays hidden, and a calm note says so."""
        row = next((i for i, a in enumerate(self.areas) if a.key == key), None)
        if row is None:
            title = next(a.title for a in AREAS if a.key == key)
            show_refusal(self, f"{title} is not open to a {self.ws.account.role.label.lower()} account. Ask a "
                               "manager if you need it")
            return None
        index = self.nav_model.index(row)
        if self.navigation.currentIndex() != index:
            self.navigation.selectionModel().setCurrentIndex(index, QItemSelectionModel.ClearAndSelect)
        return self.pages[key]

    def current_key(self) -> str:
        row = self.navigation.currentIndex().row()
        return self.areas[row].key if row >= 0 else self.areas[0].key

    def _on_navigation_changed(self, current, _previous) -> None:
        if not current.isValid():
            return
        key = self.areas[current.row()].key
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
        opener = getattr(page, "open_measure", None) if page is not None else None
        if callable(opener):
            opener(measure_id)

    def _on_home_chosen(self, home_id: int) -> None:
        if home_id != self.home.id:
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
        self._gate_menus()
        self.navigation.selectionModel().clearCurrentIndex()
        self.show_area(key)
        log.info("home switched to id %s", home.id)

    # menus -------------------------------------------------------------------
    def edit_home_details(self) -> QDialog | None:
        """The home's details and its physical-intervention scheme; once saved, every page shows them."""
        from .home_editor import HomeEditor

        if refused(self, self.ws, Permission.EDIT_REGISTERS, self.home.id):
            return None
        editor = HomeEditor(self.ws, self.home, self)
        editor.record_saved.connect(self.switch_home)
        editor.open()
        return editor

    def back_up(self) -> None:
        if refused(self, self.ws, Permission.MANAGE_DATABASE):
            return
        suggested = backups_dir(self.ws.db.path) / f"{self.ws.db.path.stem}-{to_local(self.ws.now()):%Y-%m-%d-%H%M}.db"
        name, _filter = QFileDialog.getSaveFileName(self, "Back up the records", str(suggested),
                                                    "Databases (*.db)")
        if name:
            self.back_up_to(Path(name))

    def back_up_to(self, target: Path) -> bool:
        if refused(self, self.ws, Permission.MANAGE_DATABASE):
            return False
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

    # checks and restore (SPEC 8, 9) ---------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:  # Qt override: check the records once the window is up
        super().showEvent(event)
        if not self._checked_on_open:
            self._checked_on_open = True
            QTimer.singleShot(0, self.checks.run)

    def check_records(self) -> None:
        """File > Check the records…: verify again, with progress, and say what was found."""
        self.checks.run(report=True)

    def restore_from_backup(self) -> QDialog | None:
        from .restore_dialog import RestoreDialog

        if refused(self, self.ws, Permission.MANAGE_DATABASE) or self.demo:
            return None
        dialog = RestoreDialog(self.ws, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.restore_chosen.connect(self._on_restore_chosen)
        dialog.open()
        return dialog

    def _on_restore_chosen(self, source: Path, password: str) -> None:
        from .restore_dialog import RestoreRun

        self.restore_run = RestoreRun(self.ws, source, password, self.instance_lock, self)
        self.restore_run.finished.connect(self._on_restore_finished)
        self.restore_run.start()

    def _on_restore_finished(self, outcome) -> None:
        from .restore_dialog import show_outcome

        if outcome.workspace is not None:
            self.workspace_reopened.emit(outcome.workspace)  # the owner shows a new window over it
        # told once the new window is up, above it
        QTimer.singleShot(0, lambda: show_outcome(outcome))

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
        self.show_area(last if last in {a.key for a in self.areas} else self.areas[0].key)

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

