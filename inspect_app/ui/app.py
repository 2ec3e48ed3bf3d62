"""Starting the window: the application object, its style, logging, the last-resort error dialog, and the main window
over the records signed in to (session.py decides whose, and who is signed in)."""

from __future__ import annotations

import logging
import sys
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QSettings
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QApplication, QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QMainWindow, QMessageBox, QPlainTextEdit,
    QPushButton, QVBoxLayout, QWidget,
)

from .. import __version__
from ..domain.errors import UserFacingError
from ..paths import default_database_path, demo_database_path, log_dir, resources_dir, user_data_dir
from ..services.workspace import Workspace
from ..storage.instance_lock import InstanceLock
from . import collector, messages
from .permissions import as_sentence
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
    collector.install(app)
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
    """The last resort: an expected refusal is said in its own words; anything else is logged with its traceback
    and shown as the generic dialog (never the raw error text alone)."""
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, value, tb)
        return
    if QApplication.instance() is None:
        log.error("unexpected error", exc_info=(kind, value, tb))
        return
    if issubclass(kind, UserFacingError):
        # an expected refusal (a role without the permission, a full disk) that no screen caught: its own words
        log.warning("%s reached the last resort", kind.__name__)
        _keep_open(QMessageBox(QMessageBox.Icon.Information, "Not done", as_sentence(str(value) or "that could not be done"),
                               QMessageBox.StandardButton.Ok, QApplication.activeWindow()))
        return
    log.error("unexpected error", exc_info=(kind, value, tb))
    _keep_open(ErrorDialog(error_details(kind, value, tb), QApplication.activeWindow()))


def _keep_open(dialog: QDialog) -> None:
    """Shown without blocking, and kept alive until it closes."""
    _open_dialogs.append(dialog)
    dialog.finished.connect(lambda _result: _open_dialogs.remove(dialog))
    dialog.open()


def install_excepthook() -> None:
    sys.excepthook = handle_exception


def is_demo(ws: Workspace) -> bool:
    """Whether these are the made-up demo records (demo.db), however they were opened."""
    return ws.db.is_own_file(demo_database_path())


def build_main_window(ws: Workspace, settings: QSettings | None = None, demo: bool = False,
                      instance_lock: InstanceLock | None = None) -> MainWindow:
    """The main window over an open workspace with a home the account may open; window state restored from settings.
    `instance_lock` is the lock held on the database (a restore lets it go and takes it again)."""
    return MainWindow(ws, settings=settings if settings is not None else window_settings(), demo=demo,
                      instance_lock=instance_lock)


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
    """`inspect-app` with no arguments: sign in to the user's default database and show it in the window."""
    app = create_application(argv)
    log_path = setup_logging()
    install_excepthook()
    log.info("starting version %s", __version__)
    from .session import WindowSession  # after the application exists: what it imports needs none of the above

    session = WindowSession(default_database_path(), window_settings())
    try:
        if not session.start():
            log.info("no window shown: the user stopped before signing in, or the records are open elsewhere")
            return 0
        log.info("log at %s", log_path.name)
        return app.exec()
    finally:
        session.close()
