"""File > Change my password: the signed-in person's current password, then the new one twice (SPEC 8)."""

from __future__ import annotations

import logging
import sys
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from ..domain.errors import Problem, UserFacingError, ValidationFailed
from ..domain.roles import password_problems
from ..services.accounts import change_own_password
from ..services.workspace import Workspace
from .account_fields import PASSWORD_HINT, password_edit
from .background import Operation
from .dialog_fit import FitHeight
from .forms import FieldProblems

log = logging.getLogger(__name__)

CHANGED = "Your password was changed. Use the new one from now on."


class ChangePasswordDialog(QDialog):
    """Accepted once the new password is in place; only this person's key slot changes."""

    def __init__(self, ws: Workspace, parent: QWidget | None = None):
        super().__init__(parent)
        self.ws = ws
        self.operation: Operation | None = None
        self.setWindowTitle("Change my password")
        intro = QLabel(f"Signed in as <b>{escape(ws.account.full_name)}</b> ({escape(ws.actor)}). "
                       "Your new password opens these records from your next sign-in; nobody else's changes.")
        intro.setWordWrap(True)
        general = QLabel()
        self.problems = FieldProblems(general)
        form = QFormLayout()
        self.current = password_edit()
        self.new = password_edit(PASSWORD_HINT)
        self.again = password_edit()
        self.problems.add_row(form, "&Current password", "current_password", self.current)
        self.problems.add_row(form, "&New password", "new_password", self.new)
        self.problems.add_row(form, "New password &again", "new_password_again", self.again)
        self.buttons = QDialogButtonBox()
        self.change_button = self.buttons.addButton("C&hange password", QDialogButtonBox.AcceptRole)
        self.change_button.setDefault(True)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.Cancel)
        self.change_button.clicked.connect(self.change)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(general)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)
        self.current.setFocus()
        FitHeight(self)

    def on_screen_problems(self) -> list[Problem]:
        """What can be seen without the slow password check; the service checks everything again."""
        current, new, again = self.current.text(), self.new.text(), self.again.text()
        found = [] if current else [Problem("current_password", "type your current password")]
        found += [Problem("new_password", m) for m in password_problems(new, username=self.ws.actor)]
        if not again:
            found.append(Problem("new_password_again", "type the new password again, to be sure of it"))
        elif again != new:
            found.append(Problem("new_password_again", "the two new passwords are not the same; type them again"))
        return found

    def change(self) -> None:
        problems = self.on_screen_problems()
        if problems:
            self.problems.show(problems)
            return
        self.problems.clear()
        ws, current, new = self.ws, self.current.text(), self.new.text()
        self._set_busy(True)
        self.operation = Operation(lambda _progress: change_own_password(ws, current, new))
        self.operation.success(self._on_changed).failure(self._on_refused).start()

    def _on_changed(self, _result) -> None:
        self._set_busy(False)
        log.info("password changed: account %s", self.ws.account.id)
        self.accept()

    def _on_refused(self, error: BaseException) -> None:
        self._set_busy(False)
        if isinstance(error, ValidationFailed):
            self.problems.show(error.problems)
            if any(p.field == "current_password" for p in error.problems):
                self.current.clear()
        elif isinstance(error, UserFacingError):
            self.problems.show([Problem("", str(error))])
        else:
            self.problems.show([Problem("", "The password was not changed: the program hit a problem it did not "
                                            "expect (see the log).")])
            sys.excepthook(type(error), error, error.__traceback__)

    def _set_busy(self, busy: bool) -> None:
        for widget in (self.current, self.new, self.again, self.change_button, self.cancel_button):
            widget.setEnabled(not busy)
        if busy:
            QApplication.setOverrideCursor(Qt.WaitCursor)
        else:
            QApplication.restoreOverrideCursor()
            self.operation = None

    def reject(self) -> None:  # Qt override: not while the new password is being written
        if self.operation is not None:
            return
        super().reject()
