"""Findings on the reg 35 record and the Annex A figures, for a home, a period and an as-at moment."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol, Sequence, TypeVar

from .deadlines import State, Step, StepStatus, Stepped, signer_was_authorised, step_statuses
from .local_time import Period, require_aware, to_local
from .records import Child, Staff
from .rules import PLANNED_EXEMPT, SIGNED_BY_UNAUTHORISED, Rule


@dataclass(frozen=True)
class Finding:
    """One record that breaks, or is about to need, one rule."""

    record_ref: str
    rule: Rule
    detail: str
    deadline: datetime | None = None


@dataclass(frozen=True)
class DueItem:
    """A step still open with its deadline ahead: what to do next and by when."""

    measure: Stepped
    step: Step
    deadline: datetime


@dataclass
class MeasuresReport:
    count: int = 0
    children: list[str] = field(default_factory=list)
    exempt_planned: list[str] = field(default_factory=list)
    late_record: list[str] = field(default_factory=list)
    late_signoff: list[str] = field(default_factory=list)
    signed_by_unauthorised: list[str] = field(default_factory=list)
    late_child_debrief: list[str] = field(default_factory=list)
    due: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    due_items: list[DueItem] = field(default_factory=list)


@dataclass(frozen=True)
class AnnexA:
    """Ofsted's on-arrival figures the product can answer from its records (SPEC 5)."""

    admitted: tuple[str, ...]
    left: tuple[str, ...]
    resident: tuple[str, ...]
    restraint_incidents: tuple[str, ...]
    children_restrained: tuple[str, ...]

    NOT_RECORDED = (
        "missing_episodes",
        "children_missing",
        "children_at_risk_of_sexual_exploitation",
    )


class Started(Protocol):
    """What the Annex A counts need of a measure: a Measure, or a lighter row read only for counting."""

    ref: str
    child_id: int
    started_at: datetime

    @property
    def is_restraint(self) -> bool: ...


S = TypeVar("S", bound=Started)

_LATE_LISTS = {Step.RECORD: "late_record", Step.SIGNOFF: "late_signoff", Step.CHILD: "late_child_debrief"}


def measures_in(measures: Sequence[S], period: Period, as_at: datetime) -> list[S]:
    """Measures started in the period and not after the as-at moment (the future is not yet known)."""
    require_aware(as_at)
    return [m for m in measures if period.contains(m.started_at) and m.started_at <= as_at]


def measures_report(
    measures: Sequence[Stepped],
    children: dict[int, Child],
    staff: dict[int, Staff],
    period: Period,
    as_at: datetime,
) -> MeasuresReport:
    report = MeasuresReport()
    chosen = measures_in(measures, period, as_at)
    report.count = len(chosen)
    report.children = sorted({children[m.child_id].ref for m in chosen})
    for m in chosen:
        if m.planned_in_ehcp:
            report.exempt_planned.append(m.ref)
            report.findings.append(Finding(m.ref, PLANNED_EXEMPT, "planned in the child's EHC plan"))
            continue
        open_ahead = False
        for status in step_statuses(m, as_at, signer_was_authorised(m, staff)):
            _file(report, m, status)
            if status.state is State.DUE:
                open_ahead = True
                report.due_items.append(DueItem(m, status.step, status.deadline))
        if open_ahead:
            report.due.append(m.ref)
    for name in ("exempt_planned", "late_record", "late_signoff", "signed_by_unauthorised",
                 "late_child_debrief", "due"):
        getattr(report, name).sort()
    report.due_items.sort(key=lambda item: item.deadline)
    return report


def _file(report: MeasuresReport, m: Stepped, status: StepStatus) -> None:
    if status.state is State.UNAUTHORISED:
        report.signed_by_unauthorised.append(m.ref)
        report.findings.append(Finding(m.ref, SIGNED_BY_UNAUTHORISED, "signed by someone not authorised"))
    elif status.late:
        getattr(report, _LATE_LISTS[status.step]).append(m.ref)
        when = "not done" if status.done_at is None else f"done {to_local(status.done_at):%d/%m/%Y %H:%M}"
        report.findings.append(
            Finding(m.ref, status.step.rule, f"{when}; deadline {to_local(status.deadline):%d/%m/%Y %H:%M}",
                    status.deadline)
        )


def annex_a(children: list[Child], measures: Sequence[Started], period: Period, as_at: datetime) -> AnnexA:
    by_id = {c.id: c for c in children}
    restraints = [m for m in measures_in(measures, period, as_at) if m.is_restraint]
    return AnnexA(
        admitted=tuple(sorted(c.ref for c in children if period.contains_date(c.admitted_on))),
        left=tuple(sorted(c.ref for c in children if c.left_on and period.contains_date(c.left_on))),
        resident=tuple(sorted(c.ref for c in children if c.resident_on(period.end))),
        restraint_incidents=tuple(sorted(m.ref for m in restraints)),
        children_restrained=tuple(sorted({by_id[m.child_id].ref for m in restraints})),
    )
