"""Independent person visits (regs 43 and 44): the visitors register, each visit, its recommendations, the home's
report target, and the checks every such record must pass."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from enum import Enum

from dateutil.relativedelta import relativedelta

from .errors import Problem
from .validation import check_ref, year_problems
from .vocabulary import Decision, Independence, Opinion, RecordChecked

ALL_CONDITIONS: tuple[Independence, ...] = tuple(Independence)


@dataclass(frozen=True)
class Visitor:
    """An independent person appointed by the provider (reg 43), with their declaration of independence."""

    home_id: int
    ref: str
    name: str
    organisation: str = ""
    appointed_on: date | None = None
    # the reg 43(3) conditions the declaration confirms; a declaration confirms them all
    conditions: tuple[Independence, ...] = ()
    declared_independent_on: date | None = None
    ended_on: date | None = None
    id: int | None = None

    def declared_by(self, day: date) -> bool:
        """A declaration of independence made on or before that day."""
        return self.declared_independent_on is not None and self.declared_independent_on <= day

    def current_on(self, day: date) -> bool:
        return self.ended_on is None or self.ended_on >= day


@dataclass(frozen=True)
class Visit:
    """One monthly visit by an independent person (reg 44(1)-(4)) and what became of its report."""

    home_id: int
    ref: str
    visitor_id: int
    visited_on: date
    announced: bool | None = None
    children_spoken_to: int | None = None
    staff_spoken_to: int | None = None
    others_spoken_to: int | None = None
    records_checked: tuple[RecordChecked, ...] = ()
    premises_checked: bool | None = None
    # reg 44(4): the two opinions the report must give
    safeguarded: Opinion | None = None
    wellbeing_promoted: Opinion | None = None
    report_received_on: date | None = None
    report_sent_on: date | None = None
    conflict_of_interest: str = ""
    parents_spoken_to: int | None = None
    id: int | None = None

    @property
    def month(self) -> str:
        return f"{self.visited_on:%Y-%m}"


@dataclass(frozen=True)
class Recommendation:
    """A recommendation of an independent person's report (reg 44(5)), and the home's decision on it."""

    home_id: int
    ref: str
    visit_id: int
    text: str
    consider_by: date | None = None
    decision: Decision = Decision.PENDING
    decided_on: date | None = None
    reason: str = ""
    owner: str = ""
    completed_on: date | None = None
    id: int | None = None

    @property
    def pending(self) -> bool:
        return self.decision is Decision.PENDING

    def decision_as_at(self, day: date) -> Decision:
        """The decision as it stood at the end of that day (a decision dated later was not yet made)."""
        if self.pending or (self.decided_on is not None and self.decided_on > day):
            return Decision.PENDING
        return self.decision

    def overdue_on(self, day: date) -> bool:
        """SPEC 7: still pending after its consider-by date, or decided after it."""
        if self.consider_by is None:
            return False
        if self.decision_as_at(day) is Decision.PENDING:
            return day > self.consider_by
        return self.decided_on is not None and self.decided_on > self.consider_by


class TargetRule(str, Enum):
    END_OF_NEXT_MONTH = "end_of_next_month"
    END_OF_MONTH = "end_of_month"
    DAYS_AFTER = "days_after"


@dataclass(frozen=True)
class ReportTarget:
    """By when the home means to have each visit's report sent to Ofsted. The regulations fix no date that we could
    confirm (DOMAIN: reg 44 deadline, unconfirmed), so it is a setting of the home; the default is the end of the
    month after the visit."""

    rule: TargetRule = TargetRule.END_OF_NEXT_MONTH
    days: int = 28

    def due_on(self, visited_on: date) -> date:
        """The last day the report may be sent on and still be on time."""
        if self.rule is TargetRule.DAYS_AFTER:
            return visited_on + relativedelta(days=self.days)
        months = 1 if self.rule is TargetRule.END_OF_NEXT_MONTH else 0
        return visited_on.replace(day=1) + relativedelta(months=months + 1, days=-1)

    def describe(self) -> str:
        if self.rule is TargetRule.DAYS_AFTER:
            return f"within {self.days} days of the visit"
        if self.rule is TargetRule.END_OF_MONTH:
            return "by the end of the month of the visit"
        return "by the end of the month after the visit"

    def to_json(self) -> dict:
        return {"rule": self.rule.value, "days": self.days}

    @classmethod
    def from_json(cls, value) -> "ReportTarget":
        """The stored setting; anything unreadable gives the default."""
        try:
            target = cls(TargetRule(value["rule"]), int(value.get("days", 28)))
        except (TypeError, ValueError, KeyError, AttributeError):
            return cls()
        return target if not target_problems(target) else cls()


MAX_TARGET_DAYS = 92


def target_problems(target: ReportTarget) -> list[Problem]:
    if target.rule is TargetRule.DAYS_AFTER and not 1 <= target.days <= MAX_TARGET_DAYS:
        return [Problem("days", f"choose a number of days from 1 to {MAX_TARGET_DAYS}")]
    return []


# checks --------------------------------------------------------------------------------------------------

def _text_required(value: str, field: str, message: str) -> list[Problem]:
    return [] if value.strip() else [Problem(field, message)]


def _not_before(later: date | None, earlier: date | None, field: str, message: str) -> list[Problem]:
    return [Problem(field, message)] if later and earlier and later < earlier else []


def complete_declaration(visitor: Visitor) -> Visitor:
    """A declaration of independence confirms every reg 43(3) condition (a file gives only its date)."""
    if visitor.declared_independent_on is not None and not visitor.conditions:
        return replace(visitor, conditions=ALL_CONDITIONS)
    return visitor


def validate_visitor(visitor: Visitor) -> list[Problem]:
    if found := year_problems(visitor):
        return found
    problems = check_ref(visitor.ref, "visitor_ref")
    problems += _text_required(visitor.name, "name", "the visitor's name is required")
    problems += _not_before(visitor.ended_on, visitor.appointed_on, "ended_on",
                            "the appointment ends before it began")
    missing = [c for c in ALL_CONDITIONS if c not in visitor.conditions]
    if visitor.declared_independent_on is not None and missing:
        problems.append(Problem("conditions", "a declaration of independence confirms every condition of reg 43(3); "
                                              f"not yet confirmed: {', '.join(c.label.lower() for c in missing)}"))
    return problems


MAX_PEOPLE = 500


def validate_visit(visit: Visit, visitor: Visitor | None) -> list[Problem]:
    if found := year_problems(visit):
        return found
    problems = check_ref(visit.ref, "visit_ref")
    if visitor is None:
        problems.append(Problem("visitor_ref", "choose the independent person who visited"))
    else:
        if visitor.appointed_on and visit.visited_on < visitor.appointed_on:
            problems.append(Problem("visited_on", f"{visitor.name} was appointed on "
                                                  f"{visitor.appointed_on:%d/%m/%Y}, after this visit"))
        if visitor.ended_on and visit.visited_on > visitor.ended_on:
            problems.append(Problem("visited_on", f"{visitor.name} stopped being the home's independent person on "
                                                  f"{visitor.ended_on:%d/%m/%Y}, before this visit"))
    for name in ("children_spoken_to", "parents_spoken_to", "staff_spoken_to", "others_spoken_to"):
        count = getattr(visit, name)
        if count is not None and not 0 <= count <= MAX_PEOPLE:
            problems.append(Problem(name, f"the number must be from 0 to {MAX_PEOPLE}"))
    problems += _not_before(visit.report_received_on, visit.visited_on, "report_received_on",
                            "the report was received before the visit")
    problems += _not_before(visit.report_sent_on, visit.visited_on, "report_sent_on",
                            "the report was sent before the visit")
    return problems


def validate_recommendation(rec: Recommendation, visit: Visit | None) -> list[Problem]:
    if found := year_problems(rec):
        return found
    problems = check_ref(rec.ref, "rec_ref")
    if visit is None:
        problems.append(Problem("visit_ref", "choose the visit whose report made this recommendation"))
    problems += _text_required(rec.text, "text", "write the recommendation as the report gives it")
    if visit is not None:
        problems += _not_before(rec.consider_by, visit.visited_on, "consider_by",
                                "the date to consider it by is before the visit")
        problems += _not_before(rec.decided_on, visit.visited_on, "decided_on", "the decision is dated before the visit")
    if rec.pending:
        if rec.decided_on is not None:
            problems.append(Problem("decided_on", "a pending recommendation has no decision date yet"))
        if rec.completed_on is not None:
            problems.append(Problem("completed_on", "a pending recommendation cannot be completed yet"))
    if rec.decision is Decision.DECLINED and not rec.reason.strip():
        problems.append(Problem("reason", "say why the recommendation was declined (reg 44(5))"))
    if rec.decision is Decision.DECLINED and rec.completed_on is not None:
        problems.append(Problem("completed_on", "a declined recommendation is not completed"))
    problems += _not_before(rec.completed_on, rec.decided_on, "completed_on", "completed before it was accepted")
    return problems


def recommendation_gaps(rec: Recommendation) -> list[Problem]:
    """What a decision needs to be checked against its date (reg 44(5)); the window insists, an import warns."""
    if not rec.pending and rec.decided_on is None:
        return [Problem("decided_on", "give the date of the decision, so that it can be checked against the date "
                                      "to consider it by (reg 44(5))")]
    return []
