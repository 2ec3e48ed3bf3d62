"""The rota: shifts planned and worked, read by home and time, written with their audit rows."""

from __future__ import annotations

from datetime import datetime
from functools import lru_cache
from typing import Any

from ..domain.local_time import from_utc_text, to_utc_text
from ..domain.rota import Duty, Shift
from ..domain.vocabulary import Absence, ShiftType
from .repository import Repository


_COLUMNS = ("home_id", "staff_id", "shift_type", "planned_start", "planned_end", "actual_start", "actual_end",
            "absence", "shift_lead", "id")
_STORED = _COLUMNS[:-1]  # snapshot's columns: all but the id
_SHIFT_TYPES = {t.value: t for t in ShiftType}
_ABSENCES = {a.value: a for a in Absence}


def _shift(values: tuple) -> Shift:
    """A stored row (the _COLUMNS), written out rather than by codec.from_row for speed;
    tests/storage/test_audit_batches.py checks the two agree."""
    home_id, staff_id, kind, planned_start, planned_end, actual_start, actual_end, absence, lead, shift_id = values
    return Shift(home_id, staff_id, _SHIFT_TYPES[kind], _moment(planned_start), _moment(planned_end),
                 None if actual_start is None else _moment(actual_start),
                 None if actual_end is None else _moment(actual_end),
                 None if absence is None else _ABSENCES[absence], None if lead is None else bool(lead), shift_id)


@lru_cache(maxsize=1 << 16)  # a rota's times repeat: every day shift of a date starts at the same moment
def _moment(text: str) -> datetime:
    return from_utc_text(text)


class ShiftRepository(Repository[Shift]):
    table = "shifts"
    record_cls = Shift
    entity = "shift"
    order_by = "planned_start, staff_id"
    audit_in_batches = True  # SPEC 10: 100,000 shifts imported in under 5 s; nothing looks up a shift's own audit rows

    def _decode(self, row: dict[str, Any]) -> Shift:
        return _shift(tuple(row[c] for c in _COLUMNS))

    def snapshot(self, record: Shift) -> dict[str, Any]:
        return dict(zip(_STORED, self.stored_values(record)))

    def stored_values(self, record: Shift) -> tuple:
        """The stored columns (_STORED), as codec.to_row makes them, written out: an import of 100,000 shifts spends
        a good part of its time here (SPEC 10); tests/services/test_import_rota.py checks the two agree."""
        return (record.home_id, record.staff_id, record.shift_type.value, to_utc_text(record.planned_start),
                to_utc_text(record.planned_end),
                None if record.actual_start is None else to_utc_text(record.actual_start),
                None if record.actual_end is None else to_utc_text(record.actual_end),
                None if record.absence is None else record.absence.value,
                None if record.shift_lead is None else int(record.shift_lead))

    def starting_between(self, home_id: int, first: datetime, before: datetime) -> list[Shift]:
        """Shifts planned to start in [first, before), read as tuples: a provider's five years are 120,000 shifts
        for one compliance run (SPEC 10: under 1 s)."""
        cursor = self.db.execute(f"SELECT {', '.join(_COLUMNS)} FROM shifts WHERE home_id = ? AND planned_start >= ? "
                                 f"AND planned_start < ? ORDER BY {self.order_by}",
                                 (home_id, to_utc_text(first), to_utc_text(before)))
        return [_shift(values) for values in cursor]

    def duties_between(self, home_id: int, first: datetime, before: datetime) -> list[Duty]:
        """starting_between's shifts as the staffing figures count them, worked out by SQLite: a compliance run
        reads a provider's five years, 120,000 shifts (SPEC 10: under 1 s); tests/storage/test_rota_storage.py
        checks these agree with Duty.of."""
        cursor = self.db.execute(
            "SELECT staff_id, shift_type = ?, absence IS NULL, unixepoch(planned_start), unixepoch(planned_end), "
            "unixepoch(COALESCE(actual_start, planned_start)), unixepoch(COALESCE(actual_end, planned_end)) "
            "FROM shifts WHERE home_id = ? AND planned_start >= ? AND planned_start < ?",
            (ShiftType.SLEEP_IN.value, home_id, to_utc_text(first), to_utc_text(before)))
        return list(map(Duty._make, cursor))

    def of_staff_near(self, home_id: int, staff_id: int, first: datetime, before: datetime) -> list[Shift]:
        """One person's shifts planned to start in [first, before): those a new shift could overlap."""
        rows = self.db.query("SELECT * FROM shifts WHERE home_id = ? AND staff_id = ? AND planned_start >= ? "
                             "AND planned_start < ? ORDER BY planned_start",
                             (home_id, staff_id, to_utc_text(first), to_utc_text(before)))
        return [self._decode(r) for r in rows]

    def at(self, home_id: int, staff_id: int, planned_start: datetime) -> Shift | None:
        """The shift a file names by its member of staff and planned start."""
        row = self.db.query_one("SELECT * FROM shifts WHERE home_id = ? AND staff_id = ? AND planned_start = ?",
                                (home_id, staff_id, to_utc_text(planned_start)))
        return None if row is None else self._decode(row)
