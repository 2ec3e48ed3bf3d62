"""Starting the window: the application object, its style, logging, the last-resort error dialog, the database, and
which records the window shows (the user's own, or the demo kept apart from them)."""

from __future__ import annotations

import logging
import sys
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QApplication, QDialog, QDialogButtonBox, QFileDialog, QHBoxLayout, QLabel, QMainWindow, QMessageBox, QPlainTextEdit,
    QPushButton, QVBoxLayout, QWidget,
)

from .. import __version__
from ..domain.errors import UserFacingError
from ..paths import default_database_path, demo_database_path, log_dir, resources_dir, user_data_dir
from ..services.workspace import Workspace
from . import messages
from .main_window import MainWindow

log = logging.getLogger(__name__)

ORGANISATION = "InspectionEvidence"
LOG_FILE = "inspect-app.log"
_LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def create_application(argv: list[str] | None = None) -> QApplication:
    """The one QApplication, named for QSettings, with the Fusion style and the project's style sheet."""
    app = QApplication.instance()
    if app is None:
        # Qt's own -style option rather than setStyle(), which hands Python a QStyle and so builds the binding's
        # enums of QStyle, some 8 ms of every start (SPEC 10); the style is the same
        app = QApplication([*(argv if argv is not None else sys.argv), "-style", "Fusion"])
    else:
        app.setStyle("Fusion")
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(messages.APP_TITLE)
    app.setApplicationVersion(__version__)
    app.setStyleSheet(load_style_sheet())
    return app


def load_style_sheet() -> str:
    path = resources_dir() / "style.qss"
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        log.warning("style sheet not found at %s", path)
        return ""


def window_settings() -> QSettings:
    """Window state (not records) in an INI file beside the user's data, so portable installs and tests stay apart."""
    return QSettings(str(user_data_dir() / "window.ini"), QSettings.IniFormat)


def setup_logging(folder: Path | None = None) -> Path:
    """A rotating log file; it holds ids and counts only, never names or narratives (SPEC 1, principle 3)."""
    import logging.handlers  # here, not at the top: its sockets and pickling would slow every start

    folder = folder or log_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / LOG_FILE
    root = logging.getLogger()
    for handler in root.handlers:
        if isinstance(handler, logging.FileHandler) and Path(handler.baseFilename) == path:
            return path
    handler = logging.handlers.RotatingFileHandler(path, maxBytes=1_000_000, backupCount=5, encoding="utf-8")
    handler.setFormatter(logging.Formatter(_LOG_FORMAT))
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    return path


class ErrorDialog(QDialog):
    """A calm message for an unexpected error, with the details collapsed and easy to copy."""

    def __init__(self, details: str, parent: QWidget | None = None):
        from PySide6.QtWidgets import QStyle  # here: its many enums would cost every start several milliseconds

        super().__init__(parent)
        self.setWindowTitle(messages.GENERIC_ERROR_TITLE)
        icon = QLabel()
        icon.setPixmap(self.style().standardIcon(QStyle.SP_MessageBoxWarning).pixmap(40, 40))
        self.message = QLabel(messages.GENERIC_ERROR)
        self.message.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(icon, 0)
        top.addWidget(self.message, 1)
        self.details = QPlainTextEdit(details)
        self.details.setObjectName("errorDetails")
        self.details.setReadOnly(True)
        self.details.setAccessibleName("Error details")
        self.details.hide()
        self.toggle = QPushButton("Show details")
        self.toggle.setCheckable(True)
        self.toggle.toggled.connect(self._on_toggle_toggled)
        self.copy = QPushButton("Copy details")
        self.copy.clicked.connect(self._on_copy_clicked)
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.addButton(self.toggle, QDialogButtonBox.ActionRole)
        buttons.addButton(self.copy, QDialogButtonBox.ActionRole)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.Close).setDefault(True)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.details, 1)
        layout.addWidget(buttons)
        self.resize(520, 180)

    def _on_toggle_toggled(self, shown: bool) -> None:
        self.details.setVisible(shown)
        self.toggle.setText("Hide details" if shown else "Show details")
        self.resize(self.width(), 420 if shown else 180)

    def _on_copy_clicked(self) -> None:
        QGuiApplication.clipboard().setText(self.details.toPlainText())


def error_details(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> str:
    lines = traceback.format_exception(kind, value, tb)
    return f"{messages.APP_TITLE} {__version__}, Python {sys.version.split()[0]}\n\n" + "".join(lines)


_open_dialogs: list[ErrorDialog] = []


def handle_exception(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
    """The last resort: log the traceback, then show the generic dialog (never the raw error text alone)."""
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, value, tb)
        return
    log.error("unexpected error", exc_info=(kind, value, tb))
    if QApplication.instance() is None:
        return
    dialog = ErrorDialog(error_details(kind, value, tb), QApplication.activeWindow())
    _open_dialogs.append(dialog)
    dialog.finished.connect(lambda _result: _open_dialogs.remove(dialog))
    dialog.open()


def install_excepthook() -> None:
    sys.excepthook = handle_exception


def ask_about_database(message: str, parent: QWidget | None = None) -> bool:
    """Says plainly why the database cannot be opened; True if the user wants to choose another file."""
    box = QMessageBox(QMessageBox.Warning, "The records cannot be opened", message, parent=parent)
    box.setInformativeText("You can choose another database file, or quit and ask for help.")
    choose = box.addButton("Choose another file…", QMessageBox.AcceptRole)
    box.addButton("Quit", QMessageBox.RejectRole)
    box.setDefaultButton(choose)
    box.exec()
    return box.clickedButton() is choose


def choose_database_file(parent: QWidget | None = None) -> Path | None:
    """An existing database, or the name of a new one."""
    name, _filter = QFileDialog.getSaveFileName(
        parent, "Choose a database file", str(default_database_path().parent), "Databases (*.db);;All files (*)",
        options=QFileDialog.DontConfirmOverwrite)
    return Path(name) if name else None


def open_workspace(path: Path) -> Workspace | None:
    """Open the database, or explain why not and offer another file; None when the user quits."""
    while True:
        try:
            return Workspace.open(path)
        except UserFacingError as exc:
            log.warning("database could not be opened: %s", type(exc).__name__)
            if not ask_about_database(str(exc)):
                return None
            chosen = choose_database_file()
            if chosen is None:
                return None
            path = chosen


def welcome(own: Workspace, parent: QWidget | None = None, offer_demo: bool = True) -> Workspace | None:
    """The records to show: `own` once it has a home (on first run the welcome dialog makes one), or the demo's
    own database when the user chose the demo; None when the user quits or cancels."""
    if own.homes.all():
        return own
    from .first_run import FirstRunDialog  # only a database with no home needs it: a faster start otherwise

    dialog = FirstRunDialog(own, parent, offer_demo=offer_demo)
    if dialog.exec() != QDialog.Accepted:
        return None
    return dialog.workspace


def is_demo(ws: Workspace) -> bool:
    """Whether these are the made-up demo records (demo.db), however they were opened."""
    return ws.db.is_own_file(demo_database_path())


def build_main_window(ws: Workspace, settings: QSettings | None = None, demo: bool = False) -> MainWindow:
    """The main window over an open workspace with at least one home; window state restored from settings."""
    return MainWindow(ws, settings=settings if settings is not None else window_settings(), demo=demo)


class WindowSession:
    """The window over the user's own database, or over the demo (kept apart in demo.db) until the user sets up
    their own home. `own` is the only database a real home is ever created in."""

    def __init__(self, own: Workspace, settings: QSettings | None = None):
        self.own = own
        self.settings = settings
        self.shown: Workspace | None = None
        self.window: MainWindow | None = None

    def start(self) -> bool:
        """Shows the window, after the welcome dialog on first run; False when the user quit that dialog."""
        ws = welcome(self.own)
        if ws is None:
            return False
        self._show(ws)
        return True

    def set_up_own_home(self) -> None:
        """From the demo: the welcome dialog on the user's own database; once the home exists the window shows it
        (cancelled, the demo stays on screen)."""
        ws = welcome(self.own, self.window, offer_demo=False)
        if ws is not None:
            self._show(ws)

    def _show(self, ws: Workspace) -> None:
        old, demo = self.window, is_demo(ws)
        if old is not None:
            old.save_state()
            old.settings = None  # closing it below must not write over the state the new window starts from
        self.window = build_main_window(ws, self.settings, demo=demo)
        self.window.own_home_requested.connect(self.set_up_own_home)
        self.window.show()  # before the old one closes: the last window closing would quit the program
        if old is not None:
            old.close()
            old.deleteLater()
        if self.shown is not None and self.shown is not self.own and self.shown is not ws:
            self.shown.close()  # the demo's database, left for the user's own
        self.shown = ws
        log.info("window shown over %s", "the demo" if demo else "the user's records")
        if not demo:  # made-up records need no daily copies beside the real ones
            window = self.window
            QTimer.singleShot(0, lambda: take_daily_backup(ws, window))

    def close(self) -> None:
        if self.shown is not None and self.shown is not self.own:
            self.shown.close()
        self.shown = None
        self.own.close()


def take_daily_backup(ws: Workspace, window: QMainWindow) -> None:
    """SPEC 9: the day's first opening copies the database to backups/ (keeping 14); a failure is said, not fatal."""
    try:
        made = ws.daily_backup()
    except UserFacingError as exc:
        window.statusBar().showMessage(f"Today's backup could not be made: {exc}")
        log.warning("daily backup failed")
        return
    if made is not None:
        window.statusBar().showMessage("Today's backup was made.", 8000)
        log.info("daily backup made")


def run_window(argv: list[str] | None = None) -> int:
    """`inspect-app` with no arguments: open the user's default database in the window."""
    app = create_application(argv)
    log_path = setup_logging()
    install_excepthook()
    log.info("starting version %s", __version__)
    ws = open_workspace(default_database_path())
    if ws is None:
        return 0
    session = WindowSession(ws)
    try:
        if not session.start():
            log.info("first run cancelled; no home created")
            return 0
        log.info("log at %s", log_path.name)
        return app.exec()
    finally:
        session.close()
