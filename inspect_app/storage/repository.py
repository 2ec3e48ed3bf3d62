"""A table of one record type, read and written with its audit rows in the same transaction."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING, Any, Generic, Iterable, TypeVar

from ..domain.errors import UserFacingError
from . import audit
from .codec import from_row, to_row

if TYPE_CHECKING:
    from .database import Database

R = TypeVar("R")


class NotFound(UserFacingError):
    pass


class Repository(Generic[R]):
    table: str = ""
    record_cls: type = object
    entity: str = ""
    skip: frozenset[str] = frozenset({"id"})
    rename: dict[str, str] = {}
    order_by: str = "ref"

    def __init__(self, db: "Database"):
        self.db = db

    # reading ---------------------------------------------------------------
    def _decode(self, row: dict[str, Any]) -> R:
        return from_row(self.record_cls, row, self.skip, self.rename, id=row["id"])

    def get(self, record_id: int) -> R:
        row = self.db.query_one(f"SELECT * FROM {self.table} WHERE id = ?", (record_id,))
        if row is None:
            raise NotFound(f"no {self.entity} with id {record_id}")
        return self._decode(row)

    def by_ref(self, home_id: int, ref: str) -> R | None:
        row = self.db.query_one(f"SELECT * FROM {self.table} WHERE home_id = ? AND ref = ?", (home_id, ref))
        return None if row is None else self._decode(row)

    def for_home(self, home_id: int) -> list[R]:
        rows = self.db.query(f"SELECT * FROM {self.table} WHERE home_id = ? ORDER BY {self.order_by}", (home_id,))
        return [self._decode(r) for r in rows]

    def count(self, home_id: int) -> int:
        return self.db.scalar(f"SELECT count(*) FROM {self.table} WHERE home_id = ?", (home_id,))

    # writing ---------------------------------------------------------------
    def snapshot(self, record: R) -> dict[str, Any]:
        """What the audit trail keeps of a record: its stored columns."""
        return to_row(record, self.skip, self.rename)

    def insert(self, record: R, *, actor: str, at: datetime, reason: str = "", action: str = "create") -> R:
        row = self.snapshot(record)
        with self.db.transaction():
            cursor = self.db.execute(
                f"INSERT INTO {self.table} ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
                list(row.values()),
            )
            saved = replace(record, id=cursor.lastrowid)
            self._after_write(saved)
            audit.write(self.db, at=at, actor=actor, home_id=self._home_of(saved), entity=self.entity,
                        entity_id=saved.id, action=action, after=self.snapshot_full(saved), reason=reason)
        return saved

    def update(self, record: R, *, actor: str, at: datetime, reason: str = "", action: str = "update") -> R:
        if record.id is None:
            raise ValueError("update needs a saved record")
        with self.db.transaction():
            before = self.get(record.id)
            row = self.snapshot(record)
            self.db.execute(
                f"UPDATE {self.table} SET {', '.join(f'{c} = ?' for c in row)} WHERE id = ?",
                [*row.values(), record.id],
            )
            self._after_write(record)
            audit.write(self.db, at=at, actor=actor, home_id=self._home_of(record), entity=self.entity,
                        entity_id=record.id, action=action, before=self.snapshot_full(before),
                        after=self.snapshot_full(record), reason=reason)
        return record

    def insert_many(self, records: Iterable[R], *, actor: str, at: datetime, reason: str = "") -> list[R]:
        with self.db.transaction():
            return [self.insert(r, actor=actor, at=at, reason=reason) for r in records]

    # hooks -----------------------------------------------------------------
    def snapshot_full(self, record: R) -> dict[str, Any]:
        return self.snapshot(record)

    def _after_write(self, record: R) -> None:
        """Child tables written with the record (a measure's staff)."""

    def _home_of(self, record: R) -> int | None:
        return getattr(record, "home_id", None)
