"""The accounts page's dialogs: add or change an account, set a new password, deactivate; each through
services/accounts.py, with its problems shown next to the fields."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QGroupBox, QLabel,
                               QLineEdit, QVBoxLayout, QWidget)

from ...domain.errors import Problem
from ...domain.local_time import to_local
from ...domain.roles import GRANTS, Account, Permission, Role
from ...services import accounts
from ...services.workspace import Workspace
from ..forms import FieldProblems
from ..registers.editor import confirm_discard

NOT_LINKED = "Not on the staff register"
PASSWORDS_DIFFER = "the two passwords are not the same: type the same password in both"


def role_text(role: Role) -> str:
    """What an account of this role may do, from the one table of grants (SPEC 8)."""
    granted = [p.value for p in Permission if p in GRANTS[role]]
    listed = ", ".join(granted[:-1]) + (" and " if len(granted) > 1 else "") + granted[-1]
    return f"May {listed}."


def password_box() -> QLineEdit:
    box = QLineEdit()
    box.setEchoMode(QLineEdit.EchoMode.Password)
    return box


class _AccountsDialog(QDialog):
    """The frame every dialog here shares: an introduction, problems, a form, one action and Cancel."""

    account_saved = Signal(object)  # the Account as saved
    done_text = "Saved"  # what the page says once it is done

    def __init__(self, ws: Workspace, title: str, intro: str, action: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.ws = ws
        self.setWindowTitle(title)
        self.setMinimumWidth(620)
        self.intro = QLabel(intro)
        self.intro.setWordWrap(True)
        self.general = QLabel()
        self.problems = FieldProblems(self.general)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.action = self.buttons.addButton(action, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self, activated=self.save)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.general)
        layout.addLayout(self.form)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.action.setDefault(True)  # only once inside the dialog does Qt keep it as Enter's button
        self._clean: tuple = ()

    def snapshot(self) -> tuple:
        return ()

    def save(self) -> None:
        raise NotImplementedError

    def done_saving(self, saved: Account | None) -> None:
        if saved is not None:
            self._clean = self.snapshot()
            self.account_saved.emit(saved)
            self.accept()

    def reject(self) -> None:  # Qt override: Cancel, Escape and the close button
        if self.snapshot() != self._clean and not confirm_discard(self):
            return
        super().reject()


class AccountDialog(_AccountsDialog):
    """A new account (with its first password typed twice), or a change of name, role, homes or staff entry."""

    def __init__(self, ws: Workspace, account: Account | None = None, parent: QWidget | None = None):
        new = account is None
        super().__init__(
            ws, "Add an account" if new else f"Change {account.username}'s account",
            "A person who signs in with their own user name and password. Give them the role their job needs, "
            "and link care staff to their entry on the staff register: they see the records they wrote or took "
            "part in." if new else "The user name and the password are not changed here.",
            "&Add the account" if new else "&Save the changes", parent)
        self.original = account
        self.username = QLineEdit(account.username if account else "")
        self.username.setReadOnly(not new)
        self.problems.add_row(self.form, "&User name:", "username", self.username)
        self.full_name = QLineEdit(account.full_name if account else "")
        self.problems.add_row(self.form, "&Full name:", "full_name", self.full_name)
        self._build_role(account)
        self._build_homes(account)
        self.staff = QComboBox()
        self.staff.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.problems.add_row(self.form, "&Staff register entry:", "staff", self.staff)
        self._fill_staff(account.staff_id if account else None)
        self.password = self.password_again = None
        if new:
            self.password = password_box()
            self.problems.add_row(self.form, "First &password:", "password", self.password)
            self.password_again = password_box()
            self.problems.add_row(self.form, "The password &again:", "password_again", self.password_again)
        self._clean = self.snapshot()

    def _build_role(self, account: Account | None) -> None:
        self.role = QComboBox()
        for role in Role:
            if self.ws.account.may_appoint(role) or (account is not None and role is account.role):
                self.role.addItem(role.label, role.value)
        chosen = self.role.findData(account.role.value if account else Role.CARE_STAFF.value)
        self.role.setCurrentIndex(max(chosen, 0))
        if account is not None and account.id == self.ws.account.id:
            self.role.setEnabled(False)
            self.role.setToolTip("You cannot change your own role; ask another manager")
        self.problems.add_row(self.form, "&Role:", "role", self.role)
        self.role_hint = QLabel()
        self.role_hint.setObjectName("hint")
        self.role_hint.setWordWrap(True)
        self.form.addRow("", self.role_hint)
        self.role.currentIndexChanged.connect(self._on_role_changed)
        self._on_role_changed()

    def _build_homes(self, account: Account | None) -> None:
        self.homes_box = QGroupBox()
        self.homes_box.setObjectName("choices")  # no title: none of a titled box's room above it
        box = QVBoxLayout(self.homes_box)
        self.home_boxes: dict[int, QCheckBox] = {}
        homes = self.ws.visible_homes()
        for h in homes:
            check = QCheckBox(f"{h.name} ({h.urn})")
            check.setChecked(h.id in account.home_ids if account else len(homes) == 1)
            check.toggled.connect(self._on_home_toggled)
            box.addWidget(check)
            self.home_boxes[h.id] = check
        self.problems.add_row(self.form, "&Homes:", "homes", self.homes_box)
        if self.home_boxes:  # the label's shortcut goes to the first home
            self.form.labelForField(self.homes_box.parentWidget()).setBuddy(next(iter(self.home_boxes.values())))

    def _fill_staff(self, keep: int | None) -> None:
        """Everyone on the chosen homes' staff registers who is here now (and the one linked already)."""
        today = to_local(self.ws.now()).date()
        homes = {h.id: h for h in self.ws.visible_homes() if self.home_boxes[h.id].isChecked()}
        self.staff.clear()
        self.staff.addItem(NOT_LINKED, None)
        for home in homes.values():
            for s in sorted(self.ws.staff.for_home(home.id), key=lambda s: s.full_name.casefold()):
                if s.id == keep or s.left_on is None or s.left_on >= today:
                    where = f" — {home.name}" if len(homes) > 1 else ""
                    self.staff.addItem(f"{s.full_name} ({s.role.label}){where}", s.id)
        self.staff.setCurrentIndex(max(self.staff.findData(keep), 0) if keep is not None else 0)

    def _on_role_changed(self, *_args) -> None:
        self.role_hint.setText(role_text(Role(self.role.currentData())))

    def _on_home_toggled(self, *_args) -> None:
        self._fill_staff(self.staff.currentData())

    def snapshot(self) -> tuple:
        typed = (self.password.text(), self.password_again.text()) if self.password is not None else ()
        return (self.username.text(), self.full_name.text(), self.role.currentIndex(), self.staff.currentIndex(),
                tuple(c.isChecked() for c in self.home_boxes.values())) + typed

    def read(self) -> Account:
        chosen = frozenset(h for h, check in self.home_boxes.items() if check.isChecked())
        if self.original is not None:  # homes this manager cannot see are kept as they were
            chosen |= self.original.home_ids - set(self.home_boxes)
        base = self.original or Account("", "", Role.CARE_STAFF)
        return replace(base, username=self.username.text(), full_name=self.full_name.text(),
                       role=Role(self.role.currentData()), home_ids=chosen, staff_id=self.staff.currentData())

    def save(self) -> None:
        account = self.read()
        self.problems.clear()
        if self.original is not None:
            self.done_saving(self.problems.attempt(lambda: accounts.update_account(self.ws, account)))
            return
        password = self.password.text()
        problems = accounts.account_problems(self.ws, account, password)
        if password != self.password_again.text():
            problems.append(Problem("password_again", PASSWORDS_DIFFER))
        if problems:
            self.problems.show(problems)
            return
        self.done_saving(self.problems.attempt(lambda: accounts.add_account(self.ws, account, password)))


class PasswordDialog(_AccountsDialog):
    """A manager sets a new password for someone who forgot theirs; only that person's key slot changes."""

    done_text = "A new password was set for"

    def __init__(self, ws: Workspace, account: Account, parent: QWidget | None = None):
        super().__init__(ws, "Set a new password",
                         f"A new password for {account.full_name} ({account.username}). Tell it to them in person, "
                         "not by email or text; they can change it once they have signed in.",
                         "&Set the password", parent)
        self.account = account
        self.password = password_box()
        self.problems.add_row(self.form, "New &password:", "password", self.password)
        self.password_again = password_box()
        self.problems.add_row(self.form, "The password &again:", "password_again", self.password_again)
        self._clean = self.snapshot()

    def snapshot(self) -> tuple:
        return (self.password.text(), self.password_again.text())

    def save(self) -> None:
        self.problems.clear()
        if self.password.text() != self.password_again.text():
            self.problems.show([Problem("password_again", PASSWORDS_DIFFER)])
            return
        done = self.problems.attempt(lambda: accounts.reset_password(self.ws, self.account.username,
                                                                     self.password.text()) or True)
        self.done_saving(self.account if done else None)


class DeactivateDialog(_AccountsDialog):
    """Takes someone's access away, with the reason; their name stays on everything they wrote."""

    done_text = "Deactivated"

    def __init__(self, ws: Workspace, account: Account, parent: QWidget | None = None):
        super().__init__(ws, "Deactivate an account",
                         f"{account.full_name} ({account.username}) will no longer be able to sign in: their "
                         "password stops opening the records, on this computer and in every backup made from now "
                         "on.\n\nThe records they wrote keep their name, and the audit trail keeps every change "
                         "they made. The account cannot be used again: if they come back, give them a new one, "
                         "with a new user name.",
                         "&Deactivate the account", parent)
        self.account = account
        self.reason = QLineEdit()
        self.reason.setPlaceholderText("for example: left the home on 30/11/2026")
        self.problems.add_row(self.form, "&Reason:", "reason", self.reason)
        self._clean = self.snapshot()

    def snapshot(self) -> tuple:
        return (self.reason.text(),)

    def save(self) -> None:
        self.problems.clear()
        self.done_saving(self.problems.attempt(
            lambda: accounts.deactivate(self.ws, self.account.username, self.reason.text())))
