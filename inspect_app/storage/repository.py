"""A table of one record type, read and written with its audit rows in the same transaction."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING, Any, Callable, Generic, Iterable, TypeVar

from ..domain.errors import UserFacingError
from . import audit
from .codec import from_row, to_row

if TYPE_CHECKING:
    from .database import Database

R = TypeVar("R")
BATCH = 2000


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

    def in_home(self, record_id: int | None, home_id: int) -> R | None:
        """The record with that id if it belongs to the home; None otherwise (another home's id is as good as none)."""
        if record_id is None:
            return None
        row = self.db.query_one(f"SELECT * FROM {self.table} WHERE id = ? AND home_id = ?", (record_id, home_id))
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

    def insert_many(self, records: Iterable[R], *, actor: str, at: datetime, reason: str = "",
                    action: str = "create", progress: Callable[[int], None] | None = None) -> list[R]:
        """Many new records and their audit rows in one transaction, written in bulk (imports, the demo)."""
        with self.db.transaction():
            next_id = (self.db.scalar(f"SELECT max(id) FROM {self.table}") or 0) + 1
            saved = [replace(r, id=next_id + i) for i, r in enumerate(records)]
            if not saved:
                return []
            rows = [{"id": r.id, **self.snapshot(r)} for r in saved]
            afters = [self.snapshot_full(r, row) for r, row in zip(saved, rows)]
            columns = list(rows[0])
            sql = f"INSERT INTO {self.table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
            for start in range(0, len(rows), BATCH):
                self.db.executemany(sql, [list(row.values()) for row in rows[start:start + BATCH]])
                if progress:
                    progress(min(start + BATCH, len(rows)))
            self._after_insert_many(saved)
            audit.write_many(self.db, [
                dict(at=at, actor=actor, home_id=self._home_of(r), entity=self.entity, entity_id=r.id,
                     action=action, after=after, reason=reason)
                for r, after in zip(saved, afters)])
        return saved

    # hooks -----------------------------------------------------------------
    def snapshot_full(self, record: R, row: dict[str, Any] | None = None) -> dict[str, Any]:
        """The audit trail's view of a record: its row (given, or made here) and any child-table values."""
        row = dict(row) if row is not None else self.snapshot(record)
        row.pop("id", None)
        return row

    def _after_insert_many(self, records: list[R]) -> None:
        """Child tables for many new records at once."""
        for record in records:
            self._after_write(record)

    def _after_write(self, record: R) -> None:
        """Child tables written with the record (a measure's staff)."""

    def _home_of(self, record: R) -> int | None:
        return getattr(record, "home_id", None)
