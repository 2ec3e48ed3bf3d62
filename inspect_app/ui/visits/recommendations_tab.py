"""The recommendations tracker (reg 44(5)): every recommendation of the independent person's reports, overdue first,
with what the home decided, who owns it and where it stands today."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import Enum
from typing import Collection

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QWidget

from ...domain.local_time import format_date, to_local
from ...domain.records import Home
from ...domain.visits import Recommendation, Visit
from ...domain.vocabulary import Decision
from ...services.workspace import Workspace
from ..registers.column_fit import fit_column_widths
from ..registers.models import Column, date_key, one_line, titles
from ..registers.pages import OversightPage
from .recommendation_editor import RecommendationEditor

CELL_PADDING = 20  # the style sheet's item padding (6 px either side) and Qt's text margins


# what the tracker shows ------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class TrackedRecommendation:
    """One row of the tracker: the recommendation, its visit, and where it stands on the day it is looked at."""

    rec: Recommendation
    visit: Visit | None
    overdue: bool  # as the compliance check says (Recommendation.overdue_on): late to be decided, or decided late
    to_decide: bool  # no decision yet as at today
    open: bool  # to decide, or accepted and not yet completed

    @property
    def id(self) -> int | None:
        return self.rec.id


def track(rec: Recommendation, visit: Visit | None, today: date) -> TrackedRecommendation:
    decision = rec.decision_as_at(today)
    done = rec.completed_on is not None and rec.completed_on <= today
    return TrackedRecommendation(rec, visit, rec.overdue_on(today), decision is Decision.PENDING,
                                 decision is Decision.PENDING or (decision is Decision.ACCEPTED and not done))


def status_text(rec: Recommendation, today: date) -> str:
    """Where it stands as at the end of `today`, in the words of the compliance check (reg 44(5))."""
    decision = rec.decision_as_at(today)
    if rec.overdue_on(today):
        if decision is Decision.PENDING:
            return f"Overdue: to be decided by {format_date(rec.consider_by)}"
        return f"Decided late ({format_date(rec.decided_on)}, due {format_date(rec.consider_by)})"
    if decision is Decision.PENDING:
        if rec.consider_by is None:
            return "No date set to consider it by"
        return f"To decide by {format_date(rec.consider_by)}"
    if decision is Decision.DECLINED:
        return "Declined"
    if rec.completed_on is not None and rec.completed_on <= today:
        return f"Done {format_date(rec.completed_on)}"
    return "Accepted, in hand"


def status_order(rec: Recommendation, today: date) -> tuple:
    """The tracker's order, what needs doing first: overdue and still undecided, then those to decide by their date,
    then those with no date to decide by, then those decided late (a finding, but nothing left to decide), then the
    rest; each group by its consider-by date."""
    pending = rec.decision_as_at(today) is Decision.PENDING
    if pending:
        group = 0 if rec.overdue_on(today) else (1 if rec.consider_by is not None else 2)
    else:
        group = 3 if rec.overdue_on(today) else 4
    return group, rec.consider_by or date.max, rec.ref


def decision_text(rec: Recommendation) -> str:
    if rec.decision is Decision.DECLINED:
        return f"Declined: {one_line(rec.reason)}" if rec.reason.strip() else "Declined"
    return rec.decision.label


def _visit_text(row: TrackedRecommendation, _today: date) -> str:
    """On two lines, as the rows are two lines tall: the column need only be as wide as a date."""
    return "" if row.visit is None else f"{row.visit.ref}\n{format_date(row.visit.visited_on)}"


def two_line_width(text: str, metrics: QFontMetrics) -> int:
    """The least width at which `text`, broken at a space, takes no more than two lines."""
    words = text.split(" ")
    return min((max(metrics.horizontalAdvance(" ".join(words[:i])), metrics.horizontalAdvance(" ".join(words[i:])))
                for i in range(1, len(words))), default=metrics.horizontalAdvance(text))


def details_text(row: TrackedRecommendation) -> str:
    """The whole of the selected recommendation, for the line under the table (the cells cut long texts short)."""
    rec = row.rec
    visit = f" (visit {row.visit.ref} of {format_date(row.visit.visited_on)})" if row.visit else ""
    decided = f" on {format_date(rec.decided_on)}" if rec.decided_on else ""
    decision = "Not yet decided." if rec.pending else f"{rec.decision.label}{decided}."
    reason = f" {_sentence(rec.reason)}" if rec.reason.strip() else ""
    return f"{rec.ref}{visit}: {_sentence(rec.text)} {decision}{reason}"


def _sentence(text: str) -> str:
    text = one_line(text)
    return text if text.endswith((".", "!", "?")) else text + "."


TRACKER_COLUMNS: tuple[Column[TrackedRecommendation], ...] = (
    Column("Ref", lambda t, _d: t.rec.ref),
    Column("Visit", _visit_text, lambda t, _d: (t.visit.visited_on, t.visit.ref) if t.visit else (date.min, ""),
           tip="The visit whose report made the recommendation"),
    # the texts' shares of the width the short columns leave: the recommendation half, the decision and the owner a
    # quarter each (a text that needs less gives the rest to the others)
    Column("Recommendation", lambda t, _d: one_line(t.rec.text), lambda t, _d: t.rec.text.casefold(), share=2,
           whole=lambda t, _d: t.rec.text),
    # the heading on two lines: the column need only be as wide as a date, and the tracker has many columns
    Column("Consider\nby", lambda t, _d: format_date(t.rec.consider_by), lambda t, _d: date_key(t.rec.consider_by),
           tip="The date by which the home must consider it and decide (reg 44(5))"),
    Column("Decision", lambda t, _d: decision_text(t.rec), share=1),
    Column("Owner", lambda t, _d: t.rec.owner, lambda t, _d: (not t.rec.owner, t.rec.owner.casefold()), share=1,
           tip="Who sees it through"),
    Column("Completed", lambda t, _d: format_date(t.rec.completed_on), lambda t, _d: date_key(t.rec.completed_on)),
    Column("Status", lambda t, today: status_text(t.rec, today), lambda t, today: status_order(t.rec, today),
           tip="Where it stands today; overdue ones first"),
)


class Show(Enum):
    """Which recommendations the tracker lists."""

    ALL = "All recommendations"
    OPEN = "Still open"
    OVERDUE = "Overdue or decided late"

    def admits(self, row: TrackedRecommendation) -> bool:
        return {Show.ALL: True, Show.OPEN: row.open, Show.OVERDUE: row.overdue}[self]


def plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


class RecommendationsTab(OversightPage):
    """The action tracker: overdue recommendations first and in the problem colour, a filter for the open and the
    overdue ones, and Add/Edit for those who record oversight."""

    title = "Recommendations (reg 44(5))"
    columns = TRACKER_COLUMNS
    editor_class = RecommendationEditor
    singular = "recommendation"
    plural = "recommendations"
    intro = ("Every recommendation of the independent person's reports. The home must consider each one by its "
             "date and decide whether to accept it, saying why if not (reg 44(5)). What still needs deciding comes "
             "first, overdue at the top.")
    shown = Show.ALL  # the filter's choice; a class default, since the first load happens inside __init__

    def __init__(self, ws: Workspace, home: Home, parent: QWidget | None = None):
        self._everything: list[TrackedRecommendation] = []
        super().__init__(ws, home, parent)
        self.view.two_line_rows()  # the long statuses and a good part of each recommendation show without a tooltip
        self.view.selectionModel().currentRowChanged.connect(self._on_view_current_changed)
        self.model.modelReset.connect(self._on_view_current_changed)
        self._on_view_current_changed()
        self.view.sortByColumn(self.column_of("Status"), Qt.AscendingOrder)

    def build_filters(self) -> list[QWidget]:
        return self.show_filter(Show, "Which recommendations to show")

    def build_below_list(self) -> list[QWidget]:
        self.details_label("The selected recommendation in full")
        return [self.details]

    def load_records(self) -> list[TrackedRecommendation]:
        today = to_local(self.ws.now()).date()
        visits = {v.id: v for v in self.ws.visits.for_home(self.home.id)}
        self._everything = [track(rec, visits.get(rec.visit_id), today)
                            for rec in self.ws.recommendations.for_home(self.home.id)]
        return [row for row in self._everything if self.shown.admits(row)]

    @staticmethod
    def marked(record: TrackedRecommendation, _today: date) -> Collection[str]:
        """An overdue decision marks its whole row; one decided late only its status (nothing is left to do)."""
        if record.overdue and record.to_decide:
            return titles(TRACKER_COLUMNS)
        return ("Status",) if record.overdue else ()

    def fit_columns(self) -> None:
        """The status as wide as two lines of the longest one; the decision never narrower than its longest word
        (a reason for declining follows it, cut short); the rest as column_fit shares it out."""
        metrics = QFontMetrics(self._bold_font())
        status, decision = self.column_of("Status"), self.column_of("Decision")
        statuses = {self.model.index(row, status).data() for row in range(self.model.rowCount())}
        two_lines = max((two_line_width(text, metrics) + CELL_PADDING for text in statuses), default=0)
        fit_column_widths(self.view, self.columns, wanted={status: two_lines},
                          least={decision: max(metrics.horizontalAdvance(d.label) for d in Decision) + CELL_PADDING})

    def _bold_font(self):
        """The overdue rows' font, and the headings'."""
        bold = self.view.font()
        bold.setBold(True)
        return bold

    def selected_record(self) -> Recommendation | None:
        row = super().selected_record()
        return None if row is None else row.rec

    def _on_view_current_changed(self, *_args) -> None:
        row = self.view.current_record()
        self.details.setText("Choose a recommendation to read it in full here." if row is None else details_text(row))

    def _on_filter_changed(self, *_args) -> None:
        self.shown = self.filter.currentData()
        self.refresh()

    def _update_count(self) -> None:
        rows = self._everything
        late = sum(r.overdue and r.to_decide for r in rows)
        decided_late = sum(r.overdue and not r.to_decide for r in rows)
        text = (f"{plural(len(rows), 'recommendation')} · {late} overdue · {sum(r.to_decide for r in rows)} to decide"
                + (f" · {decided_late} decided late" if decided_late else ""))
        if self.proxy.rowCount() != len(rows):
            text += f" · {self.proxy.rowCount()} shown"
        self.count.setText(text)
