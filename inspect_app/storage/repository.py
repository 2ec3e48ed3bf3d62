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
    # one audit row for each insert_many (all the records' states in it) instead of one a record: for a table filled
    # in bulk (a rota: SPEC 10's 100,000 shifts) and with no rule that looks up a record's own audit rows
    audit_in_batches: bool = False

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
        with self.db.transaction():
            saved = replace(record, id=self._next_id())
            row = {"id": saved.id, **self.snapshot(saved)}
            self.db.execute(f"INSERT INTO {self.table} ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
                            list(row.values()))
            self._after_write(saved)
            audit.write(self.db, at=at, actor=actor, home_id=self._home_of(saved), entity=self.entity,
                        entity_id=saved.id, action=action, after=self.snapshot_full(saved, row), reason=reason)
        return saved

    def _next_id(self) -> int:
        """Past every id the table or the audit trail has used: a removed record's id is never given to another,
        so a record's history is its own."""
        used = (self.db.scalar(f"SELECT max(id) FROM {self.table}") or 0,
                self.db.scalar("SELECT max(entity_id) FROM audit WHERE entity = ?", (self.entity,)) or 0)
        return max(used) + 1

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
        records = list(records)
        if not records:
            return []
        with self.db.transaction():
            first = self._next_id()
            if self.audit_in_batches:  # no row per record is kept for the audit: the stored values alone
                rows = []
                columns = ["id", *self.snapshot(records[0])]
                values = [[first + i, *self.stored_values(r)] for i, r in enumerate(records)]
            else:
                rows = [self.snapshot(r) for r in records]
                columns = ["id", *rows[0]]
                values = [[first + i, *row.values()] for i, row in enumerate(rows)]
            sql = f"INSERT INTO {self.table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
            for start in range(0, len(values), BATCH):
                self.db.executemany(sql, values[start:start + BATCH])
                if progress:
                    progress(min(start + BATCH, len(values)))
            saved = [_with_id(r, first + i) for i, r in enumerate(records)]
            self._after_insert_many(saved)
            if self.audit_in_batches:
                audit.write_batch(self.db, at=at, actor=actor, home_id=self._home_of(saved[0]), entity=self.entity,
                                  action=action, columns=columns, rows=values, reason=reason)
            else:
                audit.write_many(self.db, [
                    dict(at=at, actor=actor, home_id=self._home_of(r), entity=self.entity, entity_id=r.id,
                         action=action, after=self.snapshot_full(r, row), reason=reason)
                    for r, row in zip(saved, rows)])
        return saved

    def delete(self, record: R, *, actor: str, at: datetime, reason: str = "") -> None:
        """Removes a record; the audit trail keeps what it was (its last state, as `before`)."""
        with self.db.transaction():
            before = self.get(record.id)
            self.db.execute(f"DELETE FROM {self.table} WHERE id = ?", (record.id,))
            audit.write(self.db, at=at, actor=actor, home_id=self._home_of(before), entity=self.entity,
                        entity_id=record.id, action=audit.DELETE, before=self.snapshot_full(before), reason=reason)

    # hooks -----------------------------------------------------------------
    def stored_values(self, record: R) -> tuple:
        """The values of snapshot(record), in its order (a repository writing in bulk may make them directly)."""
        return tuple(self.snapshot(record).values())

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


def _with_id(record: R, record_id: int) -> R:
    """A copy of a new record with its id: what dataclasses.replace makes, a tenth of the time (replace runs the
    whole __init__ again; a 100,000-shift import makes as many, SPEC 10). Records are plain frozen dataclasses with
    no __post_init__, so copying the fields is all replace would do."""
    copy = object.__new__(type(record))
    copy.__dict__.update(record.__dict__)
    copy.__dict__["id"] = record_id
    return copy
