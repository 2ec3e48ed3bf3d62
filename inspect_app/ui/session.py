"""Whose records the window shows: signing in (or setting up, or protecting older records) before it opens, one
window per database, the demo kept apart from the user's own records, and the account's own menu actions."""

from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QMainWindow, QMenu, QMessageBox, QWidget

from ..domain.roles import Permission
from ..paths import demo_database_path
from ..services.workspace import Workspace, utc_now
from ..storage.driver import is_plain_sqlite
from ..storage.instance_lock import AlreadyOpen, InstanceLock
from ..storage.keyslots import key_file_for
from .app import build_main_window, is_demo, take_daily_backup
from .main_window import MainWindow

log = logging.getLogger(__name__)

ALREADY_OPEN_TITLE = "Already open"
NO_HOME_TITLE = "No home to show yet"
NO_HOME_ACCESS = "This account has no access to any home yet. Ask a manager to give you access."
NO_HOME_TO_SET_UP = ("There is no home in these records yet, and setting one up needs a manager's account. "
                     "Ask a manager to sign in and set it up.")


def take_instance_lock(path: Path, parent: QWidget | None = None) -> InstanceLock | None:
    """The database's one-window lock; None after saying politely that another window has the file open."""
    try:
        return InstanceLock(path).acquire()
    except AlreadyOpen as exc:
        log.info("database already open in another window; not opened here")
        QMessageBox.information(parent, ALREADY_OPEN_TITLE, str(exc))  # it starts with the file's name, as it is
        return None


class WindowSession:
    """The window over the user's own database (`path`), or over the demo (kept apart in demo.db) until the user sets
    up their own home. `own` is the user's database once signed in (or made), the only one a real home goes in."""

    def __init__(self, path: Path, settings: QSettings | None = None, *, clock: Callable[[], datetime] = utc_now):
        self.path = Path(path)
        self.settings = settings
        self.clock = clock
        self.own: Workspace | None = None
        self.shown: Workspace | None = None
        self.window: MainWindow | None = None
        self.idle_lock = None  # lock.IdleLock over the shown records (imported with the first window)
        self._locks: dict[Path, InstanceLock] = {}
        self.account_actions: list[QAction] = []  # File > Change my password…, Lock now

    def start(self) -> bool:
        """Shows the window after signing in (or the first run); False when the user quit, or the file is open in
        another window."""
        ws = self.open_own(None, offer_demo=True)
        if ws is None:
            return False
        self._show(ws)
        return True

    def set_up_own_home(self) -> None:
        """From the demo: the user's own records (signing in or making them); the window shows them once they have
        a home (cancelled, the demo stays on screen)."""
        ws = self.open_own(self.window, offer_demo=False)
        if ws is not None:
            self._show(ws)

    # which records ---------------------------------------------------------------------
    def open_own(self, parent: QWidget | None, offer_demo: bool) -> Workspace | None:
        """The user's records with a home to show, or the demo when chosen; None when the user stops."""
        if self.own is not None:
            return self._welcome(self.own, parent, offer_demo)
        while True:
            if not self._lock(self.path, parent):
                return None
            outcome = self._sign_in_or_set_up(parent, offer_demo)
            if not isinstance(outcome, Path):
                return outcome
            self._unlock(self.path)  # another file was chosen
            self.path = outcome

    def _sign_in_or_set_up(self, parent: QWidget | None, offer_demo: bool) -> Workspace | Path | None:
        path, keys = self.path, key_file_for(self.path)
        if not path.exists() and not keys.exists():
            return self._first_run(None, parent, offer_demo)
        if is_plain_sqlite(path) and not keys.exists():
            from .protect_dialog import ProtectDialog  # once, for records from before passwords

            dialog = ProtectDialog(path, clock=self.clock, parent=parent)
        else:
            from .sign_in import SignInDialog

            dialog = SignInDialog(path, self.settings, clock=self.clock, parent=parent)
        result = dialog.exec()
        if result == QDialog.Accepted:
            self.own = dialog.workspace
            return self._welcome(self.own, parent, offer_demo)
        return getattr(dialog, "other_file", None)  # a file chosen instead, or None: the user quit

    def _welcome(self, ws: Workspace, parent: QWidget | None, offer_demo: bool) -> Workspace | None:
        if ws.visible_homes():
            return ws
        if ws.homes.all() or not ws.account.may(Permission.EDIT_REGISTERS):
            QMessageBox.information(parent, NO_HOME_TITLE, NO_HOME_ACCESS if ws.homes.all() else NO_HOME_TO_SET_UP)
            return None
        return self._first_run(ws, parent, offer_demo)

    def _first_run(self, ws: Workspace | None, parent: QWidget | None, offer_demo: bool) -> Workspace | None:
        from .first_run import FirstRunDialog  # only a database with no home needs it: a faster start otherwise

        dialog = FirstRunDialog(ws, parent, offer_demo, path=self.path, clock=self.clock)
        if dialog.exec() != QDialog.Accepted:
            return None
        if dialog.demo_lock is not None:
            self._locks[demo_database_path()] = dialog.demo_lock
        else:
            self.own = dialog.workspace  # made by the dialog when there was no database yet
        return dialog.workspace

    # one window per database -------------------------------------------------------------
    def _lock(self, path: Path, parent: QWidget | None) -> bool:
        if path not in self._locks:
            lock = take_instance_lock(path, parent)
            if lock is None:
                return False
            self._locks[path] = lock
        return True

    def _unlock(self, path: Path) -> None:
        lock = self._locks.pop(path, None)
        if lock is not None:
            lock.release()

    # the window -----------------------------------------------------------------------------
    def _show(self, ws: Workspace) -> None:
        old, demo = self.window, is_demo(ws)
        if old is not None:
            old.save_state()
            old.settings = None  # closing it below must not write over the state the new window starts from
        self.window = build_main_window(ws, self.settings, demo=demo, instance_lock=self._lock_of(ws))
        self.window.own_home_requested.connect(self.set_up_own_home)
        self.window.workspace_reopened.connect(self._on_workspace_reopened)
        self.window.settings_changed.connect(self._on_settings_changed)
        self._start_idle_lock(ws, demo)
        self.account_actions = add_account_actions(self.window, ws, self.idle_lock, demo=demo)
        self.window.show()  # before the old one closes: the last window closing would quit the program
        if old is not None:
            old.close()
            old.deleteLater()
        if self.shown is not None and self.shown is not self.own and self.shown is not ws:
            self.shown.close()  # the demo's database, left for the user's own
            self._unlock(demo_database_path())
        self.shown = ws
        log.info("window shown over %s", "the demo" if demo else "the user's records")
        if not demo:  # made-up records need no daily copies beside the real ones
            QTimer.singleShot(0, lambda window=self.window: self._back_up_daily(ws, window))

    def _back_up_daily(self, ws: Workspace, window: MainWindow) -> None:
        if self.shown is ws and self.window is window:  # not once the window was closed or replaced
            take_daily_backup(ws, window)

    def _on_workspace_reopened(self, ws: Workspace) -> None:
        """After a restore from a backup: the window's workspace was closed, and `ws` is on the records as they now
        are; a new window shows it."""
        if self.shown is self.own:
            self.own = ws
        self.shown = ws
        self._show(ws)

    def _on_settings_changed(self) -> None:
        from ..services.settings import IDLE_LOCK_MINUTES, value

        if self.idle_lock is not None and self.shown is not None:
            self.idle_lock.set_minutes(value(self.shown, IDLE_LOCK_MINUTES))

    def _lock_of(self, ws: Workspace) -> InstanceLock | None:
        return next((lock for path, lock in self._locks.items() if ws.db.is_own_file(path)), None)

    def _start_idle_lock(self, ws: Workspace, demo: bool) -> None:
        from ..services.settings import IDLE_LOCK_MINUTES, value
        from .demo_access import DEMO_CREDENTIALS
        from .lock import IdleLock

        if self.idle_lock is not None:
            self.idle_lock.stop()
        hint = f"This is the demo: its password is {DEMO_CREDENTIALS.password}" if demo else ""
        self.idle_lock = IdleLock(ws, value(ws, IDLE_LOCK_MINUTES), hint=hint)

    def close(self) -> None:
        if self.idle_lock is not None:
            self.idle_lock.stop()
            self.idle_lock = None
        if self.shown is not None and self.shown is not self.own:
            self.shown.close()
        self.shown = None
        if self.own is not None:
            self.own.close()
            self.own = None
        for lock in self._locks.values():
            lock.release()
        self._locks.clear()


# the account's own actions, in the File menu -----------------------------------------------------

def file_menu(window: QMainWindow) -> QMenu:
    return next(a.menu() for a in window.menuBar().actions() if a.menu() is not None)


def add_account_actions(window: MainWindow, ws: Workspace, idle_lock, *, demo: bool = False) -> list[QAction]:
    """File > Change my password… and Lock now (Ctrl+L, from any window of the program), above Quit; the demo
    says its sign-in beside its notice, and keeps its password (the notice would be wrong otherwise)."""
    change = QAction("&Change my password…", window)
    change.triggered.connect(lambda _checked=False: open_password_dialog(window, ws))
    change.setEnabled(not demo)
    lock_now = QAction("&Lock now", window)
    lock_now.setShortcut(QKeySequence("Ctrl+L"))
    lock_now.setShortcutContext(Qt.ApplicationShortcut)
    lock_now.triggered.connect(lambda _checked=False: idle_lock.lock())
    menu = file_menu(window)
    separators = [a for a in menu.actions() if a.isSeparator()]
    anchor = separators[-1] if separators else None
    if anchor is None:
        menu.addSeparator()
        menu.addActions([change, lock_now])
    else:
        menu.insertSeparator(anchor)
        menu.insertActions(anchor, [change, lock_now])
    if demo and window.demo_notice is not None:
        from .demo_access import DEMO_CREDENTIALS

        # on the notice's own line, across the header: it wraps in a narrow window rather than widening it
        window.demo_notice.setText(f"{window.demo_notice.text()}. To sign in: user name "
                                   f"{DEMO_CREDENTIALS.username}, password {DEMO_CREDENTIALS.password}")
    return [change, lock_now]


def open_password_dialog(window: QMainWindow, ws: Workspace) -> QDialog:
    from .password_dialog import CHANGED, ChangePasswordDialog

    dialog = ChangePasswordDialog(ws, window)
    dialog.accepted.connect(lambda: window.statusBar().showMessage(CHANGED, 10000))
    dialog.open()
    return dialog
