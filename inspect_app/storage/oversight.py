"""The records of independent visits (regs 43 and 44), Ofsted inspections and the dialogue with Ofsted."""

from __future__ import annotations

from datetime import date

from ..domain.inspections import Inspection, InspectionAction, OfstedContact
from ..domain.visits import Recommendation, Visit, Visitor
from .repository import Repository


class VisitorRepository(Repository[Visitor]):
    table = "visitors"
    record_cls = Visitor
    entity = "visitor"


class VisitRepository(Repository[Visit]):
    table = "reg44_visits"
    record_cls = Visit
    entity = "reg44_visit"
    order_by = "visited_on, ref"

    def between(self, home_id: int, first: date, last: date) -> list[Visit]:
        """Visits on the dates from `first` to `last`, both included."""
        rows = self.db.query(f"SELECT * FROM {self.table} WHERE home_id = ? AND visited_on BETWEEN ? AND ? "
                             f"ORDER BY {self.order_by}", (home_id, first.isoformat(), last.isoformat()))
        return [self._decode(r) for r in rows]


class RecommendationRepository(Repository[Recommendation]):
    table = "reg44_recommendations"
    record_cls = Recommendation
    entity = "reg44_recommendation"

    def considered_between(self, home_id: int, first: date, last: date) -> list[Recommendation]:
        """Recommendations to be considered by a date from `first` to `last`, both included."""
        rows = self.db.query(f"SELECT * FROM {self.table} WHERE home_id = ? AND consider_by BETWEEN ? AND ? "
                             "ORDER BY ref", (home_id, first.isoformat(), last.isoformat()))
        return [self._decode(r) for r in rows]

    def for_visits(self, visit_ids: list[int]) -> list[Recommendation]:
        if not visit_ids:
            return []
        marks = ", ".join("?" * len(visit_ids))
        rows = self.db.query(f"SELECT * FROM {self.table} WHERE visit_id IN ({marks}) ORDER BY ref", visit_ids)
        return [self._decode(r) for r in rows]


class InspectionRepository(Repository[Inspection]):
    table = "inspections"
    record_cls = Inspection
    entity = "inspection"
    order_by = "started_on, ref"


class InspectionActionRepository(Repository[InspectionAction]):
    table = "inspection_actions"
    record_cls = InspectionAction
    entity = "inspection_action"


class ContactRepository(Repository[OfstedContact]):
    table = "ofsted_contacts"
    record_cls = OfstedContact
    entity = "ofsted_contact"
    order_by = "occurred_on, ref"
