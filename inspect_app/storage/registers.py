"""Homes and their registers of children and staff (schedule 4)."""

from __future__ import annotations

from ..domain.records import Child, Home, Staff
from .repository import Repository


class HomeRepository(Repository[Home]):
    table = "homes"
    record_cls = Home
    entity = "home"
    order_by = "name"

    def by_urn(self, urn: str) -> Home | None:
        row = self.db.query_one("SELECT * FROM homes WHERE urn = ?", (urn.strip().upper(),))
        return None if row is None else self._decode(row)

    def all(self) -> list[Home]:
        return [self._decode(r) for r in self.db.query("SELECT * FROM homes ORDER BY name")]

    def _home_of(self, record: Home) -> int | None:
        return record.id


class ChildRepository(Repository[Child]):
    table = "children"
    record_cls = Child
    entity = "child"


class StaffRepository(Repository[Staff]):
    table = "staff"
    record_cls = Staff
    entity = "staff"
