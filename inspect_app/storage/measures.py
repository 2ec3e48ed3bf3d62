"""The reg 35 record of measures, the staff who used each one, and addenda to signed records."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from typing import Any

from ..domain.deadlines import MeasureSteps
from ..domain.local_time import from_utc_text, to_utc_text
from ..domain.records import Addendum, Measure
from ..domain.vocabulary import MeasureKind
from . import audit
from .codec import from_row, to_row
from .repository import Repository


_KINDS = {k.value: k for k in MeasureKind}


def _moment(text: str | None) -> datetime | None:
    return None if text is None else from_utc_text(text)


def _bool(value: int | None) -> bool | None:
    return None if value is None else bool(value)


class MeasureRepository(Repository[Measure]):
    table = "measures"
    record_cls = Measure
    entity = "measure"
    skip = frozenset({"id", "used_by"})
    rename = {"zone_name": "zone"}
    order_by = "started_at, ref"

    def _users(self, measure_ids: list[int] | None = None, home_id: int | None = None) -> dict[int, tuple[int, ...]]:
        if home_id is not None:
            rows = self.db.execute(
                "SELECT mu.measure_id, mu.staff_id FROM measure_users mu JOIN measures m ON m.id = mu.measure_id "
                "WHERE m.home_id = ? ORDER BY mu.measure_id, mu.staff_id", (home_id,))
        else:
            marks = ", ".join("?" * len(measure_ids or []))
            rows = self.db.execute(
                f"SELECT measure_id, staff_id FROM measure_users WHERE measure_id IN ({marks}) "
                "ORDER BY measure_id, staff_id", measure_ids or [])
        users: dict[int, list[int]] = defaultdict(list)
        for measure_id, staff_id in rows:
            users[measure_id].append(staff_id)
        return {k: tuple(v) for k, v in users.items()}

    def _decode(self, row: dict[str, Any], users: tuple[int, ...] | None = None) -> Measure:
        if users is None:
            users = self._users([row["id"]]).get(row["id"], ())
        return from_row(Measure, row, self.skip, self.rename, id=row["id"], used_by=users)

    def for_home(self, home_id: int) -> list[Measure]:
        users = self._users(home_id=home_id)
        rows = self.db.query(f"SELECT * FROM measures WHERE home_id = ? ORDER BY {self.order_by}", (home_id,))
        return [self._decode(r, users.get(r["id"], ())) for r in rows]

    def started_between(self, home_id: int, start: datetime, end_before: datetime) -> list[Measure]:
        rows = self.db.query(
            f"SELECT * FROM measures WHERE home_id = ? AND started_at >= ? AND started_at < ? ORDER BY {self.order_by}",
            (home_id, to_utc_text(start), to_utc_text(end_before)),
        )
        users = self._users([r["id"] for r in rows]) if rows else {}
        return [self._decode(r, users.get(r["id"], ())) for r in rows]

    def steps_between(self, home_id: int, start: datetime, end_before: datetime) -> list[MeasureSteps]:
        """The measures started in [start, end_before), read without their narrative or staff (what the reg 35 checks
        and the Annex A counts need): a third of the time of started_between, which a provider's five years of
        compliance need (SPEC 10); tests/storage/test_repositories.py checks the two agree."""
        rows = self.db.execute(
            "SELECT ref, child_id, kind, started_at, zone, recorded_at, signed_at, signed_by, signer_authorised, "
            "child_spoken_to_at, planned_in_ehcp FROM measures "
            f"WHERE home_id = ? AND started_at >= ? AND started_at < ? ORDER BY {self.order_by}",
            (home_id, to_utc_text(start), to_utc_text(end_before)))
        return [MeasureSteps(ref, child_id, _KINDS[kind], from_utc_text(started_at), zone, from_utc_text(recorded_at),
                             _moment(signed_at), signed_by, _bool(authorised), _moment(spoken_to), _bool(planned))
                for ref, child_id, kind, started_at, zone, recorded_at, signed_at, signed_by, authorised, spoken_to,
                planned in rows]

    def next_ref(self, home_id: int, prefix: str = "R-") -> str:
        refs = self.db.query("SELECT ref FROM measures WHERE home_id = ? AND ref LIKE ?", (home_id, prefix + "%"))
        numbers = [int(r["ref"][len(prefix):]) for r in refs if r["ref"][len(prefix):].isdigit()]
        return f"{prefix}{(max(numbers) if numbers else 0) + 1:04d}"

    def snapshot_full(self, record: Measure, row: dict[str, Any] | None = None) -> dict[str, Any]:
        row = super().snapshot_full(record, row)
        row["used_by"] = sorted(set(record.used_by))
        return row

    def _after_insert_many(self, records: list[Measure]) -> None:
        self.db.executemany("INSERT INTO measure_users (measure_id, staff_id) VALUES (?, ?)",
                            [(r.id, s) for r in records for s in sorted(set(r.used_by))])

    def _after_write(self, record: Measure) -> None:
        current = set(self._users([record.id]).get(record.id, ()))
        wanted = set(record.used_by)
        if current - wanted:
            self.db.executemany("DELETE FROM measure_users WHERE measure_id = ? AND staff_id = ?",
                                [(record.id, s) for s in sorted(current - wanted)])
        if wanted - current:
            self.db.executemany("INSERT INTO measure_users (measure_id, staff_id) VALUES (?, ?)",
                                [(record.id, s) for s in sorted(wanted - current)])


class AddendumRepository:
    def __init__(self, db):
        self.db = db

    def add(self, addendum: Addendum, *, home_id: int) -> Addendum:
        row = to_row(addendum, frozenset({"id"}))
        with self.db.transaction():
            cursor = self.db.execute(
                f"INSERT INTO measure_addenda ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
                list(row.values()))
            audit.write(self.db, at=addendum.made_at, actor=addendum.made_by, home_id=home_id,
                        entity="measure", entity_id=addendum.measure_id, action="addendum",
                        after={"text": addendum.text}, reason=addendum.reason)
        return Addendum(**{**addendum.__dict__, "id": cursor.lastrowid})

    def for_measure(self, measure_id: int) -> list[Addendum]:
        rows = self.db.query("SELECT * FROM measure_addenda WHERE measure_id = ? ORDER BY id", (measure_id,))
        return [from_row(Addendum, r, frozenset({"id"}), id=r["id"]) for r in rows]


def open_measures(repo: MeasureRepository, home_id: int) -> list[Measure]:
    """Measures with a reg 35 step still to do, whatever their age."""
    rows = repo.db.query(
        "SELECT * FROM measures WHERE home_id = ? AND planned_in_ehcp = 0 "
        "AND (signed_at IS NULL OR child_spoken_to_at IS NULL) ORDER BY started_at, ref", (home_id,))
    users = repo._users([r["id"] for r in rows]) if rows else {}
    return [repo._decode(r, users.get(r["id"], ())) for r in rows]
