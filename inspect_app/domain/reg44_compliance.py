"""The reg 44 findings (SPEC 3 and 7) for a home, a period and an as-at moment: months without a visit, late or
missing reports, visits by a visitor not yet declared independent, and recommendations not decided in time."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from dateutil.relativedelta import relativedelta

from .compliance import Finding
from .local_time import Period, require_aware, to_local
from .rules import MONTHLY_VISIT, RECOMMENDATION_DECIDED, REPORT_SENT, UNDECLARED_VISITOR
from .vocabulary import Decision
from .visits import Recommendation, ReportTarget, Visit, Visitor


@dataclass
class Reg44Report:
    visits: list[str] = field(default_factory=list)
    months_without_visit: list[str] = field(default_factory=list)
    late_reports: list[str] = field(default_factory=list)
    undeclared_visitor_visits: list[str] = field(default_factory=list)
    recommendations_overdue: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    target: ReportTarget = field(default_factory=ReportTarget)  # the home's, which decided `late_reports`


def months_of(period: Period) -> list[date]:
    """The first day of every calendar month the period touches."""
    month = period.start.replace(day=1)
    months = []
    while month <= period.end:
        months.append(month)
        month += relativedelta(months=1)
    return months


def months_without_visit(visit_days: set[date] | list[date], period: Period, as_at: datetime) -> list[str]:
    """SPEC 7: calendar months of the period, ended by the as-at time (the home's local date decides), with no visit
    on any day of the month. Only ended months are reported, and a visit dated after the as-at day cannot fall in one."""
    today = to_local(require_aware(as_at)).date()
    seen = {(d.year, d.month) for d in visit_days}
    return [f"{m:%Y-%m}" for m in months_of(period)
            if m + relativedelta(months=1) <= today and (m.year, m.month) not in seen]


def report_late(visit: Visit, target: ReportTarget, today: date) -> bool:
    """Sent after the target, or not sent (as at today) with the target passed; sending on the target day is on time."""
    due = target.due_on(visit.visited_on)
    sent = visit.report_sent_on if visit.report_sent_on is not None and visit.report_sent_on <= today else None
    return sent > due if sent is not None else today > due


def reg44_report(visitors: dict[int, Visitor], visits: list[Visit], recommendations: list[Recommendation],
                 period: Period, as_at: datetime, target: ReportTarget) -> Reg44Report:
    """`visits` may reach beyond the period (a month's visit outside the period still covers the month). The
    recommendations checked are those of the period's visits, and those to be considered by a date in the period."""
    today = to_local(require_aware(as_at)).date()
    report = Reg44Report(target=target)
    known = [v for v in visits if v.visited_on <= today]
    chosen = sorted((v for v in known if period.contains_date(v.visited_on)), key=lambda v: v.ref)
    report.visits = [v.ref for v in chosen]
    report.months_without_visit = months_without_visit([v.visited_on for v in known], period, as_at)
    for month in report.months_without_visit:
        report.findings.append(Finding(month, MONTHLY_VISIT, f"no independent visit in {_month_name(month)}"))
    for v in chosen:
        if report_late(v, target, today):
            report.late_reports.append(v.ref)
            due = target.due_on(v.visited_on)
            when = (f"sent {v.report_sent_on:%d/%m/%Y}" if v.report_sent_on and v.report_sent_on <= today
                    else "not sent")
            report.findings.append(Finding(v.ref, REPORT_SENT, f"{when}; target {due:%d/%m/%Y}"))
        visitor = visitors.get(v.visitor_id)
        if visitor is None or not visitor.declared_by(v.visited_on):
            report.undeclared_visitor_visits.append(v.ref)
            name = visitor.name if visitor else "an unknown visitor"
            report.findings.append(Finding(v.ref, UNDECLARED_VISITOR,
                                           f"{name} had made no declaration of independence by {v.visited_on:%d/%m/%Y}"))
    in_period = {v.id for v in chosen}
    for rec in sorted(recommendations, key=lambda r: r.ref):
        considered_in_period = rec.consider_by is not None and period.contains_date(rec.consider_by)
        if (rec.visit_id in in_period or considered_in_period) and rec.overdue_on(today):
            report.recommendations_overdue.append(rec.ref)
            report.findings.append(Finding(rec.ref, RECOMMENDATION_DECIDED, _overdue_detail(rec, today)))
    return report


def _overdue_detail(rec: Recommendation, today: date) -> str:
    if rec.decision_as_at(today) is Decision.PENDING:
        return f"still to be decided; to be considered by {rec.consider_by:%d/%m/%Y}"
    return f"decided {rec.decided_on:%d/%m/%Y}; to be considered by {rec.consider_by:%d/%m/%Y}"


def _month_name(month: str) -> str:
    return f"{date.fromisoformat(month + '-01'):%B %Y}"
