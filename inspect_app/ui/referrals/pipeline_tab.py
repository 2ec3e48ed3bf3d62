"""The pipeline of referrals: every referral of the home, newest first, with a filter by decision, what stands out
marked in colour and in words (accepted outside the statement of purpose or with no impact assessment before
admission, reg 14(2)(a); a decision that needs its rationale, Narey 23 and 24), and the decision form to open."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import Enum
from typing import Collection

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from ...domain.local_time import format_date, to_local
from ...domain.placements import Referral, needs_explaining
from ...domain.records import Child, Home
from ...domain.vocabulary import DeciderRole, ManagerView, ReferralDecision, SopFit
from ...services import placements
from ...services.workspace import Workspace
from ..permissions import refusal
from ..registers.column_fit import fit_column_widths
from ..registers.models import Column, always_current, date_key
from ..registers.pages import RegisterPage
from .decision_warnings import decision_warnings, impact_warning, purpose_warning, rationale_warning
from .referral_editor import ReferralEditor

@dataclass(frozen=True)
class PipelineRow:
    """A referral with its child's register entry (once admitted) and the provider's final-say setting."""

    referral: Referral
    child: Child | None
    final_say: DeciderRole

    @property
    def id(self) -> int | None:
        return self.referral.id

    @property
    def outside_purpose(self) -> bool:
        return self.referral.outside_purpose

    @property
    def impact_missing(self) -> bool:
        return self.referral.accepted_without_assessment

    @property
    def unexplained(self) -> str:
        return needs_explaining(self.referral, self.final_say)

    @property
    def flagged(self) -> bool:
        return self.outside_purpose or self.impact_missing or bool(self.unexplained)


CELL_PADDING = 20  # the style sheet's item padding (6 px either side) and Qt's text margins
NOT_RECORDED = "Not\nrecorded"  # two short lines: the rows are two lines high, the columns many
FIT_WORDS = {SopFit.WITHIN: "Within", SopFit.PARTLY: "Partly", SopFit.OUTSIDE: "Outside"}
VIEW_WORDS = {ManagerView.SUPPORT: "Supports", ManagerView.OPPOSE: "Opposes", ManagerView.NOT_CONSULTED:
              "Not\nconsulted"}
EMERGENCY_WORDS = {True: "\nEmergency", False: "\nPlanned", None: ""}


def referred_text(row: PipelineRow, _today: date) -> str:
    """The day, and under it whether it was an emergency: a column of its own would be mostly heading (as the
    visits' date and whether announced)."""
    return f"{format_date(row.referral.referred_on)}{EMERGENCY_WORDS[row.referral.emergency]}"


def child_text(row: PipelineRow, _today: date) -> str:
    return row.child.full_name if row.child is not None else (row.referral.child_initials or "Not recorded")


def fit_text(row: PipelineRow, _today: date) -> str:
    words = FIT_WORDS.get(row.referral.sop_fit, NOT_RECORDED)
    return f"{words}\nreg 14(2)(a)" if row.outside_purpose else words


def fit_whole(row: PipelineRow, _today: date) -> str:
    fit = row.referral.sop_fit
    return purpose_warning(row.referral) or (fit.label if fit else "Fit not recorded")


def decision_text(row: PipelineRow, today: date) -> str:
    """The decision over its date; "no rationale" in place of the date when it needs one and has none."""
    r = row.referral
    decision = r.decision_as_at(today)
    if row.unexplained:
        return f"{decision.label}\nno rationale"
    return decision.label if decision is ReferralDecision.PENDING else f"{decision.label}\n{format_date(r.decided_on)}"


def decision_whole(row: PipelineRow, today: date) -> str:
    r = row.referral
    decided = f" on {format_date(r.decided_on)}" if r.decided_on else ""
    text = f"{r.decision_as_at(today).label}{decided}."
    return f"{text}\n{rationale_warning(r, row.final_say)}" if row.unexplained else text


def decided_by_text(row: PipelineRow, _today: date) -> str:
    r = row.referral
    role = r.decided_by_role.label.lower() if r.decided_by_role else ""
    return "\n".join(part for part in (r.decided_by, role) if part)


def admitted_text(row: PipelineRow, _today: date) -> str:
    admitted = format_date(row.referral.admitted_on)
    return f"{admitted or 'Not yet'}\nno impact check" if row.impact_missing else admitted


PIPELINE_COLUMNS: tuple[Column[PipelineRow], ...] = (
    Column("Ref", lambda r, _t: r.referral.ref),
    Column("Referred", referred_text, lambda r, _t: (r.referral.referred_on, r.referral.ref),
           tip="The day the referral came, and whether it was an emergency or planned"),
    Column("Child", child_text, share=1, tip="The child's initials, or their name once admitted (the register)"),
    Column("Age", lambda r, _t: "" if r.referral.age_at_referral is None else str(r.referral.age_at_referral),
           lambda r, _t: (r.referral.age_at_referral is None, r.referral.age_at_referral or 0),
           tip="Age at referral"),
    Column("Placing\nauthority", lambda r, _t: r.referral.placing_authority, share=2),
    Column("Fit", fit_text, whole=fit_whole,
           tip="The fit with the statement of purpose (reg 14(2)(a)): within, partly or outside; an accepted "
               "referral partly within or outside it stands out"),
    Column("Manager's\nview", lambda r, _t: VIEW_WORDS.get(r.referral.manager_view, NOT_RECORDED),
           tip="The registered manager's view of the placement (Narey recommendations 23 and 24)"),
    Column("Decision", decision_text, whole=decision_whole,
           tip="The decision and its date; \"no rationale\": decided by someone other than the final say, or "
               "against the manager's view, with no rationale (Narey 23 and 24)"),
    Column("Decided by", decided_by_text, share=3, tip="Who decided, and in what role"),
    Column("Admitted", admitted_text, lambda r, _t: date_key(r.referral.admitted_on),
           whole=lambda r, _t: impact_warning(r.referral) or admitted_text(r, _t),
           tip="The admission date; \"no impact check\": accepted with no impact risk assessment on the "
               "children already there before admission (reg 14(2)(a))"),
)


class Show(Enum):
    """Which referrals the pipeline lists: all, or those with one decision as it stands today."""

    ALL = "All referrals"
    PENDING = "Pending"
    ACCEPTED = "Accepted"
    DECLINED = "Declined"
    WITHDRAWN = "Withdrawn"

    def admits(self, row: PipelineRow, today: date) -> bool:
        return self is Show.ALL or row.referral.decision_as_at(today).value == self.name.lower()


def details_text(row: PipelineRow) -> str:
    """The selected referral's warnings in full, for the line under the list (the cells say them in a word or two)."""
    warnings = decision_warnings(row.referral, row.final_say)
    head = f"{row.referral.ref}: "
    return head + (" ".join(warnings) if warnings else "nothing to flag.")


class PipelineTab(RegisterPage):
    """The referrals, newest first; the filter by decision; New and Edit (EDIT_REGISTERS: managers and the
    responsible individual), Enter and double-click opening the decision form. Others read the list and are told
    why they cannot change it."""

    title = "Referrals"
    columns = PIPELINE_COLUMNS
    editor_class = ReferralEditor
    singular = "referral"
    plural = "referrals"
    past_label = None
    past_column = None
    current = staticmethod(always_current)
    side_margin = 16
    intro = ("Every referral to the home and the decision on it, newest first. A child is admitted only if their "
             "needs are within the statement of purpose and after an impact risk assessment on the children already "
             "here (reg 14(2)(a)); a decision by someone other than the final say, or against the manager's view, "
             "needs its rationale (Narey 23 and 24). What needs looking at is in bold red.")
    shown = Show.ALL

    def __init__(self, ws: Workspace, home: Home, parent: QWidget | None = None):
        self._everything: list[PipelineRow] = []
        super().__init__(ws, home, parent)
        self.add_button.setText("&New referral…")
        self.view.two_line_rows()
        self.view.selectionModel().currentRowChanged.connect(self._on_view_current_changed)
        self.model.modelReset.connect(self._on_view_current_changed)
        self._on_view_current_changed()
        self.view.sortByColumn(self.column_of("Referred"), Qt.DescendingOrder)

    def build_above_list(self) -> list[QWidget]:
        self.read_only = QLabel()
        self.read_only.setObjectName("note")
        self.read_only.setWordWrap(True)
        return [self.read_only]

    def build_filters(self) -> list[QWidget]:
        return self.show_filter(Show, "Which referrals to show")

    def build_below_list(self) -> list[QWidget]:
        self.details_label("What stands out in the selected referral")
        return [self.details]

    # reading ----------------------------------------------------------------------------------------------------------
    def load_records(self) -> list[PipelineRow]:
        today = to_local(self.ws.now()).date()
        children = {c.id: c for c in self.ws.children.for_home(self.home.id)}
        final_say = placements.final_say(self.ws, self.home)
        self._everything = [PipelineRow(r, children.get(r.child_id), final_say)
                            for r in self.ws.referrals.for_home(self.home.id)]
        return [row for row in self._everything if self.shown.admits(row, today)]

    @staticmethod
    def marked(row: PipelineRow, _today: date) -> Collection[str]:
        return [title for title, flagged in (("Fit", row.outside_purpose), ("Admitted", row.impact_missing),
                                             ("Decision", bool(row.unexplained))) if flagged]

    def fit_columns(self) -> None:
        """As column_fit shares the width out, the child's names never narrower than their longest word (a name on
        two lines reads whole; a name cut short does not)."""
        child = self.column_of("Child")
        words = {w for row in range(self.model.rowCount()) for w in str(self.model.index(row, child).data()).split()}
        metrics = self.view.fontMetrics()
        widest = max((metrics.horizontalAdvance(w) for w in words), default=0)
        fit_column_widths(self.view, self.columns, least={child: widest + CELL_PADDING})

    def selected_record(self) -> Referral | None:
        row = super().selected_record()
        return None if row is None else row.referral

    def _on_view_current_changed(self, *_args) -> None:
        row = self.view.current_record()
        self.details.setText("Choose a referral to read here what stands out in it." if row is None
                             else details_text(row))

    def _on_filter_changed(self, *_args) -> None:
        self.shown = self.filter.currentData()
        self.refresh()

    def _update_count(self) -> None:
        today = to_local(self.ws.now()).date()
        rows = self._everything
        counts = {d: sum(r.referral.decision_as_at(today) is d for r in rows) for d in ReferralDecision}
        text = " · ".join([f"{len(rows)} referral{'' if len(rows) == 1 else 's'}"]
                          + [f"{n} {d.label.lower()}" for d, n in counts.items()])
        flagged = sum(r.flagged for r in rows)
        text += f" · {flagged} to look at" if flagged else ""
        if self.proxy.rowCount() != len(rows):
            text += f" · {self.proxy.rowCount()} shown"
        self.count.setText(text)

    def _update_buttons(self, *args) -> None:
        super()._update_buttons(*args)
        why = refusal(self.ws, self.permission, self.home.id)
        self.read_only.setText(f"{why} The referrals are shown read-only." if why else "")
        self.read_only.setVisible(bool(why))
