"""The accounts page: who can sign in, with Add, Change, Set a new password and Deactivate, and the settings box."""

from __future__ import annotations

import logging

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QHBoxLayout, QHeaderView, QLabel, QPushButton, QTableView,
                               QVBoxLayout, QWidget)

from ...domain.records import Home
from ...domain.roles import Account, Permission
from ...services.workspace import Workspace
from ..page import Page
from ..permissions import allow, refusal, refused, show_refusal
from .dialogs import AccountDialog, DeactivateDialog, PasswordDialog
from .model import AccountsModel, account_rows
from .settings_box import SettingsBox

log = logging.getLogger(__name__)


class AccountsPage(Page):
    """For managers (SPEC 8): every change goes through services/accounts.py, which checks the role again."""

    title = "Accounts"
    settings_changed = Signal()

    def __init__(self, ws: Workspace, home: Home, parent: QWidget | None = None):
        super().__init__(ws, home, parent)
        self.dialog: QDialog | None = None  # the dialog opened last (tests use it)
        self.model = AccountsModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        heading = QLabel(self.title)
        heading.setObjectName("pageTitle")
        intro = QLabel("Everyone who signs in has their own account: the audit trail names them on every change. "
                       "Deactivating an account takes the person's access away; the records they wrote keep "
                       "their name.")
        intro.setObjectName("hint")
        intro.setWordWrap(True)
        self.status = QLabel()
        self.status.setObjectName("status")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addLayout(self._build_buttons())
        layout.addWidget(self._build_table(), 1)
        layout.addWidget(self.status)
        self.settings_box: SettingsBox | None = None
        if ws.account.may(Permission.MANAGE_DATABASE):
            self.settings_box = SettingsBox(ws)
            self.settings_box.settings_changed.connect(self.settings_changed)
            layout.addWidget(self.settings_box)
        self.refresh()
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # as the service lists them: active first

    def _build_buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.add_button = QPushButton("&Add account…")
        self.change_button = QPushButton("&Change…")
        self.password_button = QPushButton("Set a new &password…")
        self.deactivate_button = QPushButton("&Deactivate…")
        for button, slot in ((self.add_button, self.add_account), (self.change_button, self.change_selected),
                             (self.password_button, self.set_password_selected),
                             (self.deactivate_button, self.deactivate_selected)):
            button.clicked.connect(slot)
            row.addWidget(button)
        row.addStretch(1)
        QShortcut(QKeySequence.StandardKey.New, self, activated=self.add_account, context=Qt.WindowShortcut)
        return row

    def _build_table(self) -> QTableView:
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setAccessibleName("Accounts")
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.activated.connect(self._on_table_activated)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        return self.table

    # reading ---------------------------------------------------------------------
    def refresh(self) -> None:
        if not self.ws.account.may(Permission.MANAGE_ACCOUNTS):
            self.model.set_rows([])
        else:
            chosen = self.selected()
            self.model.set_rows(account_rows(self.ws))
            if chosen is not None:
                self.select(chosen.id)
        if self.settings_box is not None:
            self.settings_box.load()
        self._update_buttons()

    def selected(self) -> Account | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.account(self.proxy.mapToSource(rows[0]).row()) if rows else None

    def select(self, account_id: int) -> bool:
        row = self.model.row_of(account_id)
        if row < 0:
            return False
        self.table.selectRow(self.proxy.mapFromSource(self.model.index(row, 0)).row())
        return True

    def _why_not_manage(self, target: Account | None) -> str:
        why = refusal(self.ws, Permission.MANAGE_ACCOUNTS)
        if why or target is None or self.ws.account.may_appoint(target.role):
            return why
        return (f"A {self.ws.account.role.label.lower()} account cannot change a {target.role.label.lower()}'s "
                "account.")

    def _update_buttons(self, *_args) -> None:
        a = self.selected()
        why = self._why_not_manage(a)
        usable = a is not None and a.active
        yours = a is not None and a.id == self.ws.account.id
        allow(self.add_button, refusal(self.ws, Permission.MANAGE_ACCOUNTS), tip="Add an account (Ctrl+N)")
        allow(self.change_button, why, usable, "Change the name, role, homes or staff entry")
        allow(self.password_button, why or ("Change your own password with File > Change my password…: it asks "
                                            "for the current one." if yours else ""), usable)
        allow(self.deactivate_button, why or ("You cannot deactivate your own account; ask another manager."
                                              if yours else ""), usable)

    # actions ---------------------------------------------------------------------
    def add_account(self) -> QDialog | None:
        if refused(self, self.ws, Permission.MANAGE_ACCOUNTS):
            return None
        return self._open(AccountDialog(self.ws, None, self))

    def change_selected(self) -> QDialog | None:
        return self._open_for_selected(lambda a: AccountDialog(self.ws, a, self), self.change_button)

    def set_password_selected(self) -> QDialog | None:
        return self._open_for_selected(lambda a: PasswordDialog(self.ws, a, self), self.password_button)

    def deactivate_selected(self) -> QDialog | None:
        return self._open_for_selected(lambda a: DeactivateDialog(self.ws, a, self), self.deactivate_button)

    def _open_for_selected(self, make, button: QPushButton) -> QDialog | None:
        """A double-click or a shortcut can reach an action the buttons forbid: say why, calmly."""
        if self.selected() is None:
            return None
        if not button.isEnabled():
            if button.toolTip():
                show_refusal(self, button.toolTip())
            return None
        return self._open(make(self.selected()))

    def _open(self, dialog: QDialog) -> QDialog:
        dialog.account_saved.connect(self._on_account_saved)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.open()  # window-modal, never blocks the event loop
        return dialog

    def _on_account_saved(self, account: Account) -> None:
        self.refresh()
        self.select(account.id)
        said = getattr(self.dialog, "done_text", "Saved")
        self.status.setText(f"{said}: {account.full_name} ({account.username}).")
        log.info("account saved: id %s", account.id)
        self.records_changed.emit()

    def _on_table_activated(self, _index) -> None:
        self.change_selected()
