"""The register of independent persons (reg 43): who visits, for whom they work, when they were appointed, and
whether they have declared their independence."""

from __future__ import annotations

from datetime import date
from typing import Collection

from ...domain.local_time import format_date
from ...domain.visits import Visitor
from ..registers.models import Column, date_key
from ..registers.pages import OversightPage
from .visitor_editor import VisitorEditor

NO_DECLARATION = "No declaration"


def declaration_text(visitor: Visitor, _today: date) -> str:
    if visitor.declared_independent_on is None:
        return NO_DECLARATION
    return f"Declared {format_date(visitor.declared_independent_on)}"


VISITOR_COLUMNS: tuple[Column[Visitor], ...] = (
    Column("Ref", lambda v, _t: v.ref),
    Column("Name", lambda v, _t: v.name, lambda v, _t: v.name.casefold()),
    Column("Organisation", lambda v, _t: v.organisation, lambda v, _t: v.organisation.casefold(), share=1),
    Column("Appointed", lambda v, _t: format_date(v.appointed_on), lambda v, _t: date_key(v.appointed_on)),
    # with no declaration first: a visit by them counts against the home (SPEC 3)
    Column("Declaration", declaration_text,
           lambda v, _t: (v.declared_independent_on is not None, v.declared_independent_on or date.min),
           tip="Their declaration of independence: every condition of reg 43(3) confirmed"),
    Column("Ended", lambda v, _t: format_date(v.ended_on), lambda v, _t: date_key(v.ended_on),
           tip="When they stopped being the home's independent person"),
)


class VisitorsTab(OversightPage):
    """The visitors register; those whose appointment ended are hidden until asked for, and a visitor with no
    declaration of independence stands out."""

    title = "Independent visitors (reg 43)"
    columns = VISITOR_COLUMNS
    editor_class = VisitorEditor
    singular = "visitor"
    plural = "independent visitors"
    intro = ("The independent persons the provider has appointed to visit the home each month (reg 43). Each must "
             "declare that they meet every condition of independence in reg 43(3); a visit made before their "
             "declaration is reported by the checks.")
    past_label = "Show visitors whose appointment e&nded"
    past_column = "Ended"

    @staticmethod
    def current(record: Visitor, today: date) -> bool:
        return record.current_on(today)

    def load_records(self) -> list[Visitor]:
        return self.ws.visitors.for_home(self.home.id)

    @staticmethod
    def marked(record: Visitor, _today: date) -> Collection[str]:
        """reg 43(3): a visit by someone with no declaration of independence counts against the home."""
        return ("Declaration",) if record.declared_independent_on is None else ()

    def _update_count(self) -> None:
        current = sum(1 for row in range(self.model.rowCount()) if self.model.is_current(row))
        self.count.setText(f"{self.proxy.rowCount()} shown · {current} appointed now · "
                           f"{self.model.rowCount()} on the register")
