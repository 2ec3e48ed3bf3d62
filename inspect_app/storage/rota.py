"""The rota: shifts planned and worked, read by home and time, written with their audit rows."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from ..domain.local_time import to_utc_text
from ..domain.rota import Shift
from .repository import Repository


class ShiftRepository(Repository[Shift]):
    table = "shifts"
    record_cls = Shift
    entity = "shift"
    order_by = "planned_start, staff_id"
    audit_in_batches = True  # SPEC 10: 100,000 shifts imported in under 5 s; nothing looks up a shift's own audit rows

    def snapshot(self, record: Shift) -> dict[str, Any]:
        """The stored columns, as codec.to_row makes them, written out: an import of 100,000 shifts spends a
        good part of its time here (SPEC 10); tests/services/test_import_rota.py checks the two agree."""
        return {
            "home_id": record.home_id, "staff_id": record.staff_id, "shift_type": record.shift_type.value,
            "planned_start": to_utc_text(record.planned_start), "planned_end": to_utc_text(record.planned_end),
            "actual_start": None if record.actual_start is None else to_utc_text(record.actual_start),
            "actual_end": None if record.actual_end is None else to_utc_text(record.actual_end),
            "absence": None if record.absence is None else record.absence.value,
            "shift_lead": None if record.shift_lead is None else int(record.shift_lead),
        }

    def starting_between(self, home_id: int, first: datetime, before: datetime) -> list[Shift]:
        """Shifts planned to start in [first, before)."""
        rows = self.db.query(f"SELECT * FROM shifts WHERE home_id = ? AND planned_start >= ? AND planned_start < ? "
                             f"ORDER BY {self.order_by}", (home_id, to_utc_text(first), to_utc_text(before)))
        return [self._decode(r) for r in rows]

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
