"""The visits tab: every independent visit of the home, newest first, under a strip of twelve months that shows
the months covered and missed (reg 44(1)), and the home's target for sending reports to Ofsted."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Collection

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from ...domain.local_time import format_date
from ...domain.records import Home
from ...domain.reg44_compliance import report_late
from ...domain.visits import Recommendation, ReportTarget, Visit, Visitor
from ...domain.vocabulary import Decision, Opinion
from ...services import visits as visit_service
from ...services.workspace import Workspace
from ..permissions import allow, refusal, refused
from ..registers.column_fit import fit_column_widths
from ..registers.models import Column
from ..registers.pages import OversightPage
from .calendar_strip import CalendarStrip, month_start
from .report_target import ReportTargetDialog
from .visit_editor import VisitEditor


@dataclass(frozen=True)
class VisitRow:
    """A visit with what its row needs: its visitor, its recommendations and the home's report target."""

    visit: Visit
    visitor: Visitor | None
    recommendations: tuple[Recommendation, ...]
    target: ReportTarget

    @property
    def id(self) -> int | None:
        return self.visit.id

    @property
    def undeclared(self) -> bool:
        """reg 43(3): no declaration of independence by the day of the visit."""
        return self.visitor is None or not self.visitor.declared_by(self.visit.visited_on)


def visitor_text(row: VisitRow, _today: date) -> str:
    if row.visitor is None:
        return "Unknown visitor"
    if not row.undeclared:
        return row.visitor.name
    # declared later: the visit still came before it (reg 43(3)); never declared: say so
    return f"{row.visitor.name}\n({'not yet declared' if row.visitor.declared_independent_on else 'no declaration'})"


def date_text(row: VisitRow, _today: date) -> str:
    """The day, and under it whether the visit was announced: a column of its own would be mostly heading."""
    announced = {True: "\nAnnounced", False: "\nUnannounced", None: ""}[row.visit.announced]
    return f"{format_date(row.visit.visited_on)}{announced}"


def opinion_text(value: Opinion | None) -> str:
    return "Not recorded" if value is None else value.label


SPOKEN_TO = (("children_spoken_to", "child", "children"), ("staff_spoken_to", "staff", "staff"),
             ("parents_spoken_to", "parent", "parents"), ("others_spoken_to", "other", "others"))


def spoken_to_text(row: VisitRow, _today: date) -> str:
    """e.g. "3 children, 4 staff,\n1 parent"; a number not recorded is left out (0 is a number)."""
    parts = []
    for name, one, many in SPOKEN_TO:
        count = getattr(row.visit, name)
        if count is not None:
            parts.append(f"{count} {one if count == 1 else many}")
    if not parts:
        return "Not recorded"
    # two short lines rather than one long one
    return ",\n".join(", ".join(line) for line in (parts[:2], parts[2:]) if line)


def report_text(row: VisitRow, today: date) -> str:
    """Sent, sent late, or not sent, against the home's target (a report sent on the target day is on time)."""
    visit, due = row.visit, row.target.due_on(row.visit.visited_on)
    if visit.report_sent_on is not None:
        if visit.report_sent_on > due:
            return f"Sent late {format_date(visit.report_sent_on)}\n(target {format_date(due)})"
        return f"Sent {format_date(visit.report_sent_on)}"
    return f"Not sent\n{'was due' if today > due else 'due'} by {format_date(due)}"


def report_sort_key(row: VisitRow, _today: date):
    return (row.visit.report_sent_on is not None, row.visit.report_sent_on or row.target.due_on(row.visit.visited_on))


def recommendations_text(row: VisitRow, today: date) -> str:
    if not row.recommendations:
        return "None"
    pending = sum(1 for r in row.recommendations if r.decision_as_at(today) is Decision.PENDING)
    return f"{len(row.recommendations)} ({f'{pending} pending' if pending else 'all decided'})"


def recommendations_sort_key(row: VisitRow, today: date):
    pending = sum(1 for r in row.recommendations if r.decision_as_at(today) is Decision.PENDING)
    return (pending, len(row.recommendations))


VISIT_COLUMNS: tuple[Column[VisitRow], ...] = (
    Column("Ref", lambda r, _t: r.visit.ref),
    Column("Date", date_text, lambda r, _t: (r.visit.visited_on, r.visit.ref),
           tip="The day of the visit, and whether it was announced (visits may be unannounced, reg 44(2))"),
    Column("Visitor", visitor_text,
           tip="The independent person (reg 43); \"not yet declared\" or \"no declaration\": no declaration of "
               "independence by the day of the visit"),
    Column("Report", report_text, report_sort_key,
           tip="The report sent to Ofsted (reg 44(7)), against the home's target"),
    Column("Spoken to", spoken_to_text,
           tip="How many children, staff, parents and others the visitor spoke to (reg 44(2))"),
    Column("Safeguarded", lambda r, _t: opinion_text(r.visit.safeguarded),
           tip="reg 44(4)(a): the visitor's opinion on whether children are effectively safeguarded"),
    Column("Well-being", lambda r, _t: opinion_text(r.visit.wellbeing_promoted),
           tip="reg 44(4)(b): the visitor's opinion on whether the conduct of the home promotes children's "
               "well-being"),
    Column("Recommendations", recommendations_text, recommendations_sort_key,
           tip="The report's recommendations (reg 44(5)), and how many the home has still to decide"),
)
DATE_COLUMN = 1
WIDEST = 240  # a column's most, in pixels


class VisitsTab(OversightPage):
    """The list of visits (RECORD_OVERSIGHT changes them; seniors and provider viewers read), the calendar strip
    above it, and the home's report target under the strip. A late report and a visitor with no declaration stand
    out (their words say so too)."""

    title = "Visits by the independent person"
    columns = VISIT_COLUMNS
    editor_class = VisitEditor
    singular = "visit"
    plural = "visits"
    intro = ("At least one visit in every calendar month (reg 44(1)), each with a report to Ofsted (reg 44(7)) "
             "giving the two opinions of reg 44(4). A month that ended with no visit is shown as missed; "
             "click a month to list only its visits.")

    def __init__(self, ws: Workspace, home: Home, parent: QWidget | None = None):
        self.month: date | None = None  # the month chosen on the strip; None lists them all
        self.rows: list[VisitRow] = []
        self.target = ReportTarget()
        self.target_dialog: ReportTargetDialog | None = None
        super().__init__(ws, home, parent)
        self.view.two_line_rows()
        self.view.setWordWrap(False)  # the long texts have their own line breaks; a squeezed line is cut short
        self.view.sortByColumn(DATE_COLUMN, Qt.DescendingOrder)

    def build_above_list(self) -> list[QWidget]:
        self.strip = CalendarStrip()
        self.strip.month_chosen.connect(self._on_strip_month_chosen)
        return [self.strip, self._build_target_line()]

    def build_filters(self) -> list[QWidget]:
        self.show_all = QPushButton("Show a&ll months")
        self.show_all.setToolTip("List the visits of every month, not only the month chosen above")
        self.show_all.clicked.connect(lambda: self.strip.choose(None))
        return [self.show_all]

    def _build_target_line(self) -> QWidget:
        self.target_label = QLabel()
        self.target_label.setObjectName("hint")
        self.target_label.setWordWrap(True)
        self.target_button = QPushButton("Report &target…")
        self.target_button.clicked.connect(self.edit_report_target)
        line = QWidget()
        row = QHBoxLayout(line)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.target_label, 1)
        row.addWidget(self.target_button)
        return line

    # reading -------------------------------------------------------------------
    def refresh(self) -> None:
        self._gather()
        super().refresh()

    def _gather(self) -> None:
        """Every visit of the home with its visitor and recommendations; the strip counts them all."""
        self.target = visit_service.report_target(self.ws, self.home)
        visitors = {v.id: v for v in self.ws.visitors.for_home(self.home.id)}
        recommendations: dict[int, list[Recommendation]] = defaultdict(list)
        for rec in self.ws.recommendations.for_home(self.home.id):
            recommendations[rec.visit_id].append(rec)
        self.rows = [VisitRow(v, visitors.get(v.visitor_id), tuple(recommendations[v.id]), self.target)
                     for v in self.ws.visits.for_home(self.home.id)]
        starts = [v.appointed_on for v in visitors.values() if v.appointed_on] + [r.visit.visited_on for r in self.rows]
        self.strip.set_visits([r.visit.visited_on for r in self.rows], self.ws.now(), min(starts, default=None))
        self.target_label.setText(f"Reports go to Ofsted {self.target.describe()}: this home's target "
                                  "(the regulations fix no date).")

    @staticmethod
    def marked(row: VisitRow, today: date) -> Collection[str]:
        """reg 43(3): a visitor with no declaration of independence; reg 44(7): a report late against the target."""
        return [title for title, late in (("Visitor", row.undeclared),
                                          ("Report", report_late(row.visit, row.target, today))) if late]

    def load_records(self) -> list[VisitRow]:
        if self.month is None:
            return list(self.rows)
        return [r for r in self.rows if month_start(r.visit.visited_on) == self.month]

    def fit_columns(self) -> None:
        """Each column as wide as its contents (a long text comes on two lines, and beyond WIDEST it is cut short,
        whole in its tooltip): no column gives way, so in a narrow window the list scrolls sideways rather than cut
        every text short."""
        fit_column_widths(self.view, self.columns, widest=WIDEST)

    def _update_count(self) -> None:
        shown, every = self.proxy.rowCount(), len(self.rows)
        if self.month is None:
            self.count.setText(f"{shown} shown · {every} in all")
        elif self.model.rowCount() == 0:
            self.count.setText(f"No visit in {self.month:%B %Y} · {every} in all")
        else:
            self.count.setText(f"{shown} shown · {self.model.rowCount()} in {self.month:%B %Y} · {every} in all")

    def _update_buttons(self, *args) -> None:
        super()._update_buttons(*args)
        allow(self.target_button, refusal(self.ws, self.permission, self.home.id),
              tip="Change the home's target for sending reports to Ofsted")
        self.show_all.setEnabled(self.month is not None)

    def _on_strip_month_chosen(self, month: date | None) -> None:
        self.month = month
        super().refresh()  # not self.refresh(): the same records, fewer or more of them shown

    def selected_record(self) -> Visit | None:
        row = super().selected_record()
        return None if row is None else row.visit

    # editing -------------------------------------------------------------------
    def _on_editor_record_saved(self, record: Visit) -> None:
        if self.month is not None and month_start(record.visited_on) != self.month:
            self.strip.choose(None)  # the visit saved is in another month: list them all, so it can be selected
        super()._on_editor_record_saved(record)

    def edit_report_target(self) -> ReportTargetDialog | None:
        if refused(self, self.ws, self.permission, self.home.id):
            return None
        self.target_dialog = ReportTargetDialog(self.ws, self.home, self)
        self.target_dialog.target_saved.connect(self._on_target_dialog_saved)
        self.target_dialog.open()
        return self.target_dialog

    def _on_target_dialog_saved(self, _target: ReportTarget) -> None:
        self.refresh()
        self.records_changed.emit()  # the dashboard and the checks measure lateness against it too
