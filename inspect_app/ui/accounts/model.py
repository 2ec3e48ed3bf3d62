"""The list of accounts as the accounts page shows it: one row an account, in words a manager reads."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from ...domain.roles import Account
from ...services.workspace import Workspace

COLUMNS = ("User name", "Full name", "Role", "Homes", "Staff register entry", "Status")


@dataclass(frozen=True)
class AccountRow:
    account: Account
    cells: tuple[str, ...]


def _homes_text(account: Account, names: dict[int, str]) -> str:
    shown = sorted(names[h] for h in account.home_ids if h in names)
    others = len([h for h in account.home_ids if h not in names])
    if others:
        shown.append(f"{others} other home{'' if others == 1 else 's'}")
    return ", ".join(shown) or "No home"


def _staff_text(ws: Workspace, account: Account) -> str:
    if account.staff_id is None:
        return "Not linked"
    staff = ws.staff.get(account.staff_id)
    if staff.home_id not in ws.account.home_ids:
        return "In another home"
    return f"{staff.full_name} ({staff.ref})"


def account_rows(ws: Workspace) -> list[AccountRow]:
    """The accounts of the homes the signed-in manager works in (and those tied to no home, such as a provider
    viewer's): a manager of one home has no business with another home's staff."""
    names = {h.id: h.name for h in ws.visible_homes()}
    rows = []
    for a in ws.accounts.all():
        if a.home_ids and not a.home_ids & ws.account.home_ids and a.id != ws.account.id:
            continue
        you = " (you)" if a.id == ws.account.id else ""
        rows.append(AccountRow(a, (a.username + you, a.full_name, a.role.label, _homes_text(a, names),
                                   _staff_text(ws, a), "Active" if a.active else "Deactivated")))
    return rows


class AccountsModel(QAbstractTableModel):
    """Read-only rows; changes go through the dialogs and services/accounts.py."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[AccountRow] = []

    def set_rows(self, rows: list[AccountRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def account(self, row: int) -> Account:
        return self._rows[row].account

    def row_of(self, account_id: int) -> int:
        return next((i for i, r in enumerate(self._rows) if r.account.id == account_id), -1)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # Qt override
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # Qt override
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return row.cells[index.column()]
        return None
