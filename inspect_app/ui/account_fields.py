"""The fields that make a database's first account (user name, full name, the password twice), checked on screen."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLineEdit

from ..domain.errors import Problem
from ..domain.roles import password_problems, username_problems
from ..services.workspace import Credentials
from .forms import FieldProblems

PASSWORD_HINT = "at least 10 characters; three random words work well"


def password_edit(placeholder: str = "") -> QLineEdit:
    """A password field: dots on screen; the window never stores what is typed in it."""
    edit = QLineEdit()
    edit.setEchoMode(QLineEdit.Password)
    edit.setPlaceholderText(placeholder)
    edit.setMaxLength(256)
    return edit


class NewAccountFields:
    """Adds the four rows to `form`; `problems()` lists what the person can put right before anything is written."""

    def __init__(self, form: QFormLayout, problems: FieldProblems):
        self.username = QLineEdit()
        self.username.setMaxLength(64)
        self.username.setPlaceholderText("e.g. jsmith: you type it to sign in")
        self.full_name = QLineEdit()
        self.full_name.setPlaceholderText("as it should appear in the records")
        self.password = password_edit(PASSWORD_HINT)
        self.again = password_edit()
        problems.add_row(form, "User na&me *", "username", self.username)
        problems.add_row(form, "&Full name *", "full_name", self.full_name)
        problems.add_row(form, "Pass&word *", "password", self.password)
        problems.add_row(form, "Password &again *", "password_again", self.again)

    def credentials(self) -> Credentials:
        return Credentials(self.username.text(), self.password.text())

    def full_name_text(self) -> str:
        return self.full_name.text().strip()

    def problems(self) -> list[Problem]:
        name, password, again = self.username.text(), self.password.text(), self.again.text()
        found = [Problem("username", m) for m in username_problems(name)]
        if not self.full_name_text():
            found.append(Problem("full_name", "enter your full name, as it should appear in the records"))
        found += [Problem("password", m) for m in password_problems(password, username=name)]
        if not again:
            found.append(Problem("password_again", "type the password again, to be sure of it"))
        elif again != password:
            found.append(Problem("password_again", "the two passwords are not the same; type them again"))
        return found

    def set_enabled(self, enabled: bool) -> None:
        for edit in (self.username, self.full_name, self.password, self.again):
            edit.setEnabled(enabled)

    def widgets(self) -> list[QLineEdit]:
        return [self.username, self.full_name, self.password, self.again]
