"""The sign-in dialog: a user name and password open the database, the password's slow check off the GUI thread."""

from __future__ import annotations

import logging
import sys
from datetime import datetime
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (
    QApplication, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout,
    QWidget,
)

from ..domain.errors import Problem, UserFacingError
from ..paths import default_database_path
from ..services.workspace import Credentials, Workspace, utc_now
from ..storage.keyslots import KeyFileProblem, KeySlots, WrongPassword
from . import messages
from .account_fields import password_edit
from .background import Operation
from .dialog_fit import FitHeight
from .forms import FieldProblems

log = logging.getLogger(__name__)

USERNAME_KEY = "sign_in/username"  # the last user name signed in with (never the password)
OTHER_FILE = 2  # the dialog's result when the user chose another database file instead
SIGNING_IN = "Checking your password…"
UNEXPECTED = "The records could not be opened: the program hit a problem it did not expect (see the log)."


def choose_database_file(parent: QWidget | None = None) -> Path | None:
    """Another database file (a seam the tests replace)."""
    name, _filter = QFileDialog.getOpenFileName(
        parent, "Open another database file", str(default_database_path().parent),
        "Databases (*.db);;All files (*)")
    return Path(name) if name else None


class SignInDialog(QDialog):
    """Accepted once the password opened the database (`workspace` holds it); rejected on Quit; finished with
    OTHER_FILE and `other_file` set when the user chose to open another file."""

    def __init__(self, path: Path, settings: QSettings | None = None, *,
                 clock: Callable[[], datetime] = utc_now, parent: QWidget | None = None):
        super().__init__(parent)
        self.path = Path(path)
        self.settings = settings
        self.clock = clock
        self.workspace: Workspace | None = None
        self.other_file: Path | None = None
        self.operation: Operation | None = None
        self.setWindowTitle(f"Sign in — {messages.APP_TITLE}")
        heading = QLabel(f"<h2>{messages.APP_TITLE}</h2><p>Sign in with your own user name and password.</p>")
        heading.setWordWrap(True)
        where = QLabel(f"Records: {self.path}")
        where.setObjectName("hint")
        where.setWordWrap(True)
        general = QLabel()
        self.problems = FieldProblems(general)
        form = QFormLayout()
        self.username = QLineEdit(self._remembered_username())
        self.username.setMaxLength(64)
        self.password = password_edit()
        self.problems.add_row(form, "&User name", "username", self.username)
        self.problems.add_row(form, "&Password", "password", self.password)
        self.status = QLabel()
        self.status.setObjectName("status")
        self.status.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(general)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addWidget(where)
        layout.addWidget(self._build_buttons())
        self.setMinimumWidth(460)
        (self.password if self.username.text() else self.username).setFocus()
        self._check_key_file()
        FitHeight(self)

    def _build_buttons(self) -> QDialogButtonBox:
        buttons = QDialogButtonBox()
        self.sign_in_button = buttons.addButton("&Sign in", QDialogButtonBox.AcceptRole)
        self.sign_in_button.setDefault(True)
        self.other_file_button = QPushButton("&Open another file…")
        buttons.addButton(self.other_file_button, QDialogButtonBox.ActionRole)
        self.other_file_button.hide()  # offered once this file turns out to have a problem (after addButton: it shows)
        self.quit_button = buttons.addButton("&Quit", QDialogButtonBox.RejectRole)
        self.sign_in_button.clicked.connect(self.sign_in)
        self.other_file_button.clicked.connect(self._on_other_file_clicked)
        buttons.rejected.connect(self.reject)
        return buttons

    def _remembered_username(self) -> str:
        name = self.settings.value(USERNAME_KEY, "") if self.settings is not None else ""
        return name if isinstance(name, str) else ""

    def _check_key_file(self) -> None:
        """A missing or damaged key file is said at once, not after the password was typed."""
        try:
            KeySlots.load(self.path)
        except KeyFileProblem as exc:
            self._show_file_problem(exc)

    # signing in --------------------------------------------------------------------
    def sign_in(self) -> None:
        credentials = Credentials(self.username.text(), self.password.text())
        missing = []
        if not credentials.username.strip():
            missing.append(Problem("username", "enter your user name"))
        if not credentials.password:
            missing.append(Problem("password", "enter your password"))
        if missing:
            self.problems.show(missing)
            return
        self.problems.clear()
        self._set_busy(True)
        path, clock = self.path, self.clock
        self.operation = Operation(lambda _progress: Workspace.open(path, credentials, clock=clock))
        self.operation.success(self._on_signed_in).failure(self._on_refused).start()

    def _on_signed_in(self, ws: Workspace) -> None:
        self._set_busy(False)
        self.workspace = ws
        if self.settings is not None:
            self.settings.setValue(USERNAME_KEY, ws.actor)
            self.settings.sync()
        log.info("signed in: account %s", ws.account.id)
        self.accept()

    def _on_refused(self, error: BaseException) -> None:
        self._set_busy(False)
        if isinstance(error, WrongPassword):
            log.info("sign-in refused")
            self.problems.show([Problem("password", str(error))])
            self.password.clear()
            self.password.setFocus(Qt.OtherFocusReason)
        elif isinstance(error, UserFacingError):
            log.warning("database could not be opened: %s", type(error).__name__)
            self._show_file_problem(error)
        else:
            self.problems.show([Problem("", UNEXPECTED)])
            sys.excepthook(type(error), error, error.__traceback__)  # logged, with the details to copy

    def _show_file_problem(self, error: UserFacingError) -> None:
        self.problems.show([Problem("", str(error))])
        self.other_file_button.show()

    def _on_other_file_clicked(self) -> None:
        chosen = choose_database_file(self)
        if chosen is not None:
            self.other_file = chosen
            self.done(OTHER_FILE)

    def _set_busy(self, busy: bool) -> None:
        for widget in (self.username, self.password, self.sign_in_button, self.other_file_button, self.quit_button):
            widget.setEnabled(not busy)
        self.status.setText(SIGNING_IN)
        self.status.setVisible(busy)
        if busy:
            QApplication.setOverrideCursor(Qt.WaitCursor)
        else:
            QApplication.restoreOverrideCursor()
            self.operation = None

    def reject(self) -> None:  # Qt override: Escape or Quit while the password is being checked waits for it
        if self.operation is not None:
            return
        super().reject()
