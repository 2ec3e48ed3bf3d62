"""Records from an earlier version, kept without a password: the dialog that makes their first account and
encrypts them (SPEC 8), with the work off the GUI thread."""

from __future__ import annotations

import logging
import sys
from datetime import datetime
from pathlib import Path
from typing import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QProgressDialog, QVBoxLayout, QWidget

from ..domain.errors import Problem, UserFacingError, ValidationFailed
from ..services.workspace import Workspace, utc_now
from . import messages
from .account_fields import NewAccountFields
from .background import Operation
from .dialog_fit import FitHeight
from .forms import FieldProblems

log = logging.getLogger(__name__)

EXPLANATION = (
    "<h2>Your records will now be protected by a password</h2>"
    "<p>{name} was made by an earlier version of this program, which kept the records without a password. "
    "From now on they are encrypted on this computer, and so are their backups: nobody can read them without "
    "signing in.</p>"
    "<p>You become the <b>responsible individual</b> for these records: the first account, which adds the other "
    "people who use the program and gives each their own password. Keep your password safe.</p>")
PROTECTING = "Protecting your records… Please leave the computer on until this is done."


class ProtectDialog(QDialog):
    """Accepted once the plain database is encrypted and its first account made (`workspace` holds it)."""

    def __init__(self, path: Path, *, clock: Callable[[], datetime] = utc_now, parent: QWidget | None = None):
        super().__init__(parent)
        self.path = Path(path)
        self.clock = clock
        self.workspace: Workspace | None = None
        self.operation: Operation | None = None
        self.progress: QProgressDialog | None = None
        self.setWindowTitle(f"Protect your records — {messages.APP_TITLE}")
        text = QLabel(EXPLANATION.format(name=self.path.name))
        text.setWordWrap(True)
        where = QLabel(f"Records: {self.path}")
        where.setObjectName("hint")
        where.setWordWrap(True)
        general = QLabel()
        self.problems = FieldProblems(general)
        form = QFormLayout()
        self.account = NewAccountFields(form, self.problems)
        buttons = QDialogButtonBox()
        self.protect_button = buttons.addButton("&Protect my records", QDialogButtonBox.AcceptRole)
        self.protect_button.setDefault(True)
        self.quit_button = buttons.addButton("&Quit", QDialogButtonBox.RejectRole)
        self.protect_button.clicked.connect(self.protect)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(general)
        layout.addLayout(form)
        layout.addWidget(where)
        layout.addWidget(buttons)
        self.setMinimumWidth(560)
        self.account.username.setFocus()
        FitHeight(self)

    def protect(self) -> None:
        problems = self.account.problems()
        if problems:
            self.problems.show(problems)
            return
        self.problems.clear()
        credentials, full_name = self.account.credentials(), self.account.full_name_text()
        path, clock = self.path, self.clock
        self._set_busy(True)
        self.operation = Operation(lambda _progress: Workspace.protect(path, credentials, full_name, clock=clock))
        self.operation.success(self._on_protected).failure(self._on_failed).start()

    def _on_protected(self, ws: Workspace) -> None:
        self._set_busy(False)
        log.info("plain database encrypted; first account %s", ws.account.id)
        self.workspace = ws
        self.accept()

    def _on_failed(self, error: BaseException) -> None:
        self._set_busy(False)
        if isinstance(error, ValidationFailed):
            self.problems.show(error.problems)
        elif isinstance(error, UserFacingError):
            self.problems.show([Problem("", str(error))])
        else:
            self.problems.show([Problem("", "The records could not be protected: the program hit a problem it did "
                                            "not expect (see the log). They were left as they were.")])
            sys.excepthook(type(error), error, error.__traceback__)

    def _set_busy(self, busy: bool) -> None:
        for widget in [self.protect_button, self.quit_button, *self.account.widgets()]:
            widget.setEnabled(not busy)
        if busy:
            # no Stop button: the copy is swapped in whole or not at all, and is quick; it is only waited for
            self.progress = QProgressDialog(PROTECTING, "", 0, 0, self)
            self.progress.setCancelButton(None)
            self.progress.setWindowTitle("Protecting your records")
            self.progress.setWindowModality(Qt.WindowModal)
            self.progress.setMinimumDuration(300)
            self.progress.setValue(0)
        else:
            self.operation = None
            if self.progress is not None:
                self.progress.close()
                self.progress.deleteLater()
                self.progress = None

    def reject(self) -> None:  # Qt override: the encryption is never left half-way by Escape
        if self.operation is not None:
            return
        super().reject()
