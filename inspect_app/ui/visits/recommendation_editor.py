"""The editor of one recommendation of an independent person's report (reg 44(5)): its visit, its text, the date to
consider it by, the home's decision and reason, its owner and when it was done."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit

from ...domain.errors import Problem
from ...domain.local_time import format_date, to_local
from ...domain.visits import Recommendation, Visit, validate_recommendation
from ...domain.vocabulary import Decision
from ...services import registers, visits
from ..date_field import DateField
from ..registers.editor import RegisterEditor, set_combo_data, text_box

REC_PREFIX = "REC-"
REC_WIDTH = 3
# Pending first: a recommendation arrives undecided, and the home has until its consider-by date (reg 44(5))
DECISIONS = (Decision.PENDING, Decision.ACCEPTED, Decision.DECLINED)
REASON_HINTS = {Decision.PENDING: "once the home has decided",
                Decision.ACCEPTED: "optional: anything to add about the decision",
                Decision.DECLINED: "required: why the home declined it (reg 44(5))"}


def visit_label(visit: Visit, visitor_name: str) -> str:
    """How a visit is named in a list: "V-012 · 03/11/2026 · Jane Bloggs"."""
    return " · ".join(part for part in (visit.ref, format_date(visit.visited_on), visitor_name) if part)


class RecommendationEditor(RegisterEditor[Recommendation]):
    """Every field SPEC 2.4 lists for a recommendation; the fields a decision does not yet need are disabled."""

    noun = "recommendation"

    def intro_text(self) -> str:
        return ("A recommendation from an independent person's report (reg 44(5)). The home must consider it by "
                "the date given and decide whether to accept it; if it declines, it must say why. "
                "Fields marked * are required.")

    def title_text(self) -> str:
        return "Add a recommendation" if self.original is None else f"Edit {self.original.ref}"

    def build_fields(self) -> None:
        self.ref = self.add_field("&Reference *", "rec_ref", QLineEdit())
        self.visit = self.add_field("&Visit *", "visit_ref", QComboBox())
        self.visit.setPlaceholderText("No visit recorded yet: record the visit first")
        self.text = self.add_field("Reco&mmendation *", "text", text_box(4))
        self.text.setPlaceholderText("as the report gives it")
        self.consider_by = self.add_field("&Consider by", "consider_by", DateField())
        self.consider_by.setToolTip("The date by which the home must consider it and decide (reg 44(5))")
        self.decision = self.add_field("&Decision", "decision", QComboBox())
        for decision in DECISIONS:
            self.decision.addItem(decision.label, decision.value)
        self.decided_on = self.add_field("Decided &on", "decided_on", DateField())
        self.reason = self.add_field("Rea&son", "reason", text_box(2))
        self.owner = self.add_field("O&wner", "owner", QComboBox())
        self.owner.setEditable(True)
        self.owner.setInsertPolicy(QComboBox.NoInsert)
        self.owner.lineEdit().setPlaceholderText("who sees it through: choose or type a name")
        self.owner.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
        self.owner.setMinimumContentsLength(36)  # room for the hint and a long name
        self.completed_on = self.add_field("Com&pleted on", "completed_on", DateField())
        self.decision.currentIndexChanged.connect(self._on_decision_changed)

    def load(self, rec: Recommendation | None) -> None:
        self._fill_visits(rec.visit_id if rec else None)
        self._fill_owners(rec.owner if rec else "")
        if rec is None:
            existing = [r.ref for r in self.ws.recommendations.for_home(self.home.id)]
            self.ref.setText(registers.next_ref(existing, REC_PREFIX, REC_WIDTH))
            self._on_decision_changed()
            return
        self.ref.setText(rec.ref)
        self.text.setPlainText(rec.text)
        self.consider_by.set_date(rec.consider_by)
        set_combo_data(self.decision, rec.decision)
        self.decided_on.set_date(rec.decided_on)
        self.reason.setPlainText(rec.reason)
        self.owner.setCurrentText(rec.owner)
        self.completed_on.set_date(rec.completed_on)
        self._on_decision_changed()

    def _fill_visits(self, keep: int | None) -> None:
        """The home's visits, newest first; a new recommendation is most often from the latest report."""
        names = {v.id: v.name for v in self.ws.visitors.for_home(self.home.id)}
        self._visits = {v.id: v for v in self.ws.visits.for_home(self.home.id)}
        newest_first = sorted(self._visits.values(), key=lambda v: (v.visited_on, v.ref), reverse=True)
        for v in newest_first:
            self.visit.addItem(visit_label(v, names.get(v.visitor_id, "")), v.id)
        self.visit.setCurrentIndex(self.visit.findData(keep) if keep is not None else (0 if newest_first else -1))

    def _fill_owners(self, keep: str) -> None:
        """Suggests the staff here today (the owner is a name, not a link: it may be someone else entirely)."""
        today = to_local(self.ws.now()).date()
        names = sorted({s.full_name for s in self.ws.staff.for_home(self.home.id)
                        if s.left_on is None or s.left_on > today} | ({keep} if keep else set()), key=str.casefold)
        self.owner.addItems(["", *names])
        self.owner.setCurrentText(keep)

    def _on_decision_changed(self, *_args) -> None:
        """A pending recommendation has no decision date or reason yet; only an accepted one can be completed.
        A field that stops applying is emptied, so that what is saved is what the form shows."""
        decision = Decision(self.decision.currentData())
        self._set_applies(self.decided_on, decision is not Decision.PENDING)
        self._set_applies(self.reason, decision is not Decision.PENDING)
        self._set_applies(self.completed_on, decision is Decision.ACCEPTED)
        self.reason.setPlaceholderText(REASON_HINTS[decision])

    @staticmethod
    def _set_applies(widget: DateField | QPlainTextEdit, applies: bool) -> None:
        if not applies:
            widget.clear()
        widget.setEnabled(applies)

    def read(self) -> tuple[Recommendation, list[Problem]]:
        problems: list[Problem] = []
        dates = {name: self.read_date(name, problems) for name in ("consider_by", "decided_on", "completed_on")}
        rec = Recommendation(home_id=self.home.id, ref=self.ref.text(), visit_id=self.visit.currentData() or 0,
                             text=self.text.toPlainText().strip(), decision=Decision(self.decision.currentData()),
                             reason=self.reason.toPlainText().strip(), owner=self.owner.currentText().strip(),
                             **dates)
        if self.original is not None:
            rec = replace(rec, id=self.original.id)
        return rec, problems

    def validate(self, rec: Recommendation) -> list[Problem]:
        return validate_recommendation(rec, self._visits.get(rec.visit_id))

    def store(self, rec: Recommendation) -> Recommendation:
        return visits.save_recommendation(self.ws, rec)
