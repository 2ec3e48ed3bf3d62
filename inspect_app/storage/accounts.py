"""The accounts table and the homes each account may open; every change audited like any record."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING, Any

from ..domain.local_time import to_utc_text
from ..domain.roles import Account, Role
from . import audit
from .repository import NotFound

if TYPE_CHECKING:
    from .database import Database


class AccountRepository:
    entity = "account"

    def __init__(self, db: "Database"):
        self.db = db

    def _decode(self, row: dict[str, Any]) -> Account:
        homes = self.db.query("SELECT home_id FROM account_homes WHERE account_id = ?", (row["id"],))
        return Account(username=row["username"], full_name=row["full_name"], role=Role(row["role"]),
                       id=row["id"], home_ids=frozenset(h["home_id"] for h in homes),
                       staff_id=row["staff_id"], active=bool(row["active"]))

    def by_username(self, username: str) -> Account | None:
        row = self.db.query_one("SELECT * FROM accounts WHERE username = ?", (username,))
        return None if row is None else self._decode(row)

    def get(self, account_id: int) -> Account:
        row = self.db.query_one("SELECT * FROM accounts WHERE id = ?", (account_id,))
        if row is None:
            raise NotFound(f"no account with id {account_id}")
        return self._decode(row)

    def all(self) -> list[Account]:
        return [self._decode(r) for r in self.db.query("SELECT * FROM accounts ORDER BY active DESC, username")]

    def count_active(self) -> int:
        return self.db.scalar("SELECT count(*) FROM accounts WHERE active = 1")

    @staticmethod
    def snapshot(account: Account) -> dict[str, Any]:
        """What the audit trail keeps: never a password (there is none here to keep)."""
        return {"username": account.username, "full_name": account.full_name, "role": account.role.value,
                "staff_id": account.staff_id, "active": int(account.active), "home_ids": sorted(account.home_ids)}

    def insert(self, account: Account, *, actor: str, at: datetime, reason: str = "") -> Account:
        with self.db.transaction():
            cursor = self.db.execute(
                "INSERT INTO accounts (username, full_name, role, staff_id, active, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                (account.username, account.full_name, account.role.value, account.staff_id, int(account.active),
                 to_utc_text(at)))
            saved = replace(account, id=cursor.lastrowid)
            self._write_homes(saved)
            audit.write(self.db, at=at, actor=actor, home_id=None, entity=self.entity, entity_id=saved.id,
                        action="create", after=self.snapshot(saved), reason=reason)
        return saved

    def update(self, account: Account, *, actor: str, at: datetime, reason: str = "", action: str = "update") -> Account:
        with self.db.transaction():
            before = self.get(account.id)
            self.db.execute(
                "UPDATE accounts SET full_name = ?, role = ?, staff_id = ?, active = ?, "
                "deactivated_at = CASE WHEN ? = 0 THEN coalesce(deactivated_at, ?) ELSE NULL END WHERE id = ?",
                (account.full_name, account.role.value, account.staff_id, int(account.active), int(account.active),
                 to_utc_text(at), account.id))
            self._write_homes(account)
            audit.write(self.db, at=at, actor=actor, home_id=None, entity=self.entity, entity_id=account.id,
                        action=action, before=self.snapshot(before), after=self.snapshot(account), reason=reason)
        return account

    def note(self, account: Account, *, actor: str, at: datetime, action: str, reason: str = "") -> None:
        """An audited event that changes no column (a password changed: the key file changed instead)."""
        with self.db.transaction():
            audit.write(self.db, at=at, actor=actor, home_id=None, entity=self.entity, entity_id=account.id,
                        action=action, reason=reason)

    def _write_homes(self, account: Account) -> None:
        self.db.execute("DELETE FROM account_homes WHERE account_id = ?", (account.id,))
        self.db.executemany("INSERT INTO account_homes (account_id, home_id) VALUES (?, ?)",
                            [(account.id, h) for h in sorted(account.home_ids)])
