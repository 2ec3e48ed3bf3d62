"""The placements' outcomes: each child admitted from a referral, when they came and left, how long they stayed (to
today while the placement goes on) and whether it ended as planned, with the totals under the list."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Collection

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from ...domain.local_time import format_date, to_local
from ...domain.placements import Referral
from ...domain.records import Child, Home
from ...domain.vocabulary import Ending
from ...services.workspace import Workspace
from ..registers.models import Column, always_current, date_key
from ..registers.pages import RegisterPage
from .referral_editor import ReferralEditor


@dataclass(frozen=True)
class Placement:
    """An admitted referral with its child's register entry, and its length of stay as at the day looked at."""

    referral: Referral
    child: Child | None
    days: int

    @property
    def id(self) -> int | None:
        return self.referral.id

    @property
    def ended(self) -> bool:
        return self.referral.ended_on is not None


def days_text(days: int) -> str:
    return "1 day" if days == 1 else f"{days} days"


def _stay_text(p: Placement, _today: date) -> str:
    return days_text(p.days) if p.ended else f"{days_text(p.days)} so far"


def _ending_text(p: Placement, _today: date) -> str:
    if not p.ended:
        return "Still here"
    return p.referral.ending.label if p.referral.ending else "Not recorded"


OUTCOME_COLUMNS: tuple[Column[Placement], ...] = (
    Column("Ref", lambda p, _t: p.referral.ref, tip="The referral the child was admitted from"),
    Column("Child", lambda p, _t: p.child.full_name if p.child else p.referral.child_initials, share=2),
    Column("Placing authority", lambda p, _t: p.referral.placing_authority, share=2),
    Column("Admitted", lambda p, _t: format_date(p.referral.admitted_on),
           lambda p, _t: date_key(p.referral.admitted_on)),
    Column("Ended", lambda p, _t: format_date(p.referral.ended_on), lambda p, _t: date_key(p.referral.ended_on)),
    Column("Length of stay", _stay_text, lambda p, _t: p.days,
           tip="Days from admission to the end of the placement, or to today while it goes on"),
    Column("Ending", _ending_text, lambda p, _t: (not p.ended, _ending_text(p, _t)),
           tip="Whether the placement ended as planned; an unplanned ending stands out"),
)


def totals_text(placements: list[Placement]) -> str:
    """The average length of stay (all placements, and the ended ones alone) and the planned and unplanned
    endings."""
    if not placements:
        return "No child has been admitted from a referral yet."
    ended = [p for p in placements if p.ended]
    average = round(sum(p.days for p in placements) / len(placements))
    text = f"Average length of stay: {days_text(average)} over {len(placements)} placement" \
           f"{'' if len(placements) == 1 else 's'} (to today for the {len(placements) - len(ended)} still here)"
    if ended:
        text += f"; {days_text(round(sum(p.days for p in ended) / len(ended)))} over the {len(ended)} ended"
    planned = sum(p.referral.ending is Ending.PLANNED for p in ended)
    unplanned = sum(p.referral.ending is Ending.UNPLANNED for p in ended)
    text += f".\nEndings: {planned} planned, {unplanned} unplanned"
    if planned + unplanned:
        text += f" ({round(100 * unplanned / (planned + unplanned))}% unplanned)"
    unknown = len(ended) - planned - unplanned
    return text + (f", {unknown} not recorded." if unknown else ".")


class OutcomesTab(RegisterPage):
    """The placements (admitted referrals), newest admission first; Enter or double-click opens the referral's
    decision form, where its ending is recorded (EDIT_REGISTERS)."""

    title = "Placement outcomes"
    columns = OUTCOME_COLUMNS
    editor_class = ReferralEditor
    singular = "placement"
    plural = "placements"
    past_label = None
    past_column = None
    current = staticmethod(always_current)
    side_margin = 16
    intro = ("Each child admitted from a referral: how long they stayed (to today while they are here) and whether "
             "the placement ended as planned. Unplanned endings are in bold red. Record an ending in the referral's "
             "decision form.")

    def __init__(self, ws: Workspace, home: Home, parent: QWidget | None = None):
        self.placements: list[Placement] = []
        super().__init__(ws, home, parent)
        self.add_button.hide()  # a placement comes from a referral: the Referrals tab adds them
        self.edit_button.setText("&Open referral…")
        self.view.sortByColumn(self.column_of("Admitted"), Qt.DescendingOrder)

    def build_below_list(self) -> list[QWidget]:
        self.totals = QLabel()
        self.totals.setObjectName("totals")
        self.totals.setWordWrap(True)
        self.totals.setTextInteractionFlags(Qt.TextSelectableByMouse | Qt.TextSelectableByKeyboard)
        self.totals.setAccessibleName("Totals of the placements")
        return [self.totals]

    def load_records(self) -> list[Placement]:
        today = to_local(self.ws.now()).date()
        children = {c.id: c for c in self.ws.children.for_home(self.home.id)}
        self.placements = [Placement(r, children.get(r.child_id), r.length_of_stay(today))
                           for r in self.ws.referrals.for_home(self.home.id)
                           if r.admitted_on is not None and r.admitted_on <= today]
        self.totals.setText(totals_text(self.placements))
        return self.placements

    @staticmethod
    def marked(p: Placement, _today: date) -> Collection[str]:
        return ("Ending",) if p.ended and p.referral.ending is Ending.UNPLANNED else ()

    def add(self) -> None:
        """Nothing: a placement is added by admitting the child of an accepted referral."""
        return None

    def selected_record(self) -> Referral | None:
        row = super().selected_record()
        return None if row is None else row.referral

    def _update_buttons(self, *args) -> None:
        super()._update_buttons(*args)
        if self.edit_button.isEnabled():
            self.edit_button.setToolTip("Open the selected placement's referral, to record its ending (Enter)")
