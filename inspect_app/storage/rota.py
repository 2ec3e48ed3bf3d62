"""The rota: shifts planned and worked, read by home and time, written with their audit rows."""

from __future__ import annotations

from datetime import datetime

from ..domain.local_time import to_utc_text
from ..domain.rota import Shift
from .repository import Repository


class ShiftRepository(Repository[Shift]):
    table = "shifts"
    record_cls = Shift
    entity = "shift"
    order_by = "planned_start, staff_id"

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
