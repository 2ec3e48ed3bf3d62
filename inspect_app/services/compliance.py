"""Compliance for a home, a period and an as-at moment (SPEC 3), as data, as JSON and as text."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from dateutil.relativedelta import relativedelta

from ..domain.compliance import AnnexA, MeasuresReport, annex_a, measures_report
from ..domain.inspections import adequate_home_note, last_completed_full
from ..domain.reg44_compliance import Reg44Report, months_of, reg44_report
from ..domain.staffing_compliance import StaffingReport, duty_report, staffing_report
from ..domain.local_time import Period, to_local
from ..domain.placements import PlacementsReport
from ..domain.records import Home
from ..domain.roles import Permission
from . import placements, rota, visits
from .bulk_work import cycle_collector_paused
from .workspace import Workspace


@dataclass(frozen=True)
class Compliance:
    home: Home
    period: Period
    as_at: datetime
    annex_a: AnnexA
    measures: MeasuresReport
    reg44: Reg44Report
    staffing: StaffingReport
    placements: PlacementsReport = field(default_factory=PlacementsReport)
    adequate_home: str = ""  # Narey rec 22, when the latest overall judgement is "requires improvement to be good"


@cycle_collector_paused()  # many records made at once (services.bulk_work)
def compute(ws: Workspace, home: Home, period: Period, as_at: datetime | None = None,
            with_mix: bool = False) -> Compliance:
    """`with_mix`: also the Level 3 and PI cover of the key-time windows, for the text (to_text); the JSON has none."""
    ws.require(Permission.SEE_FIGURES, home.id)
    as_at = as_at or ws.now()
    children = ws.children.for_home(home.id)
    staff = {s.id: s for s in ws.staff.for_home(home.id)}
    measures = ws.measures.steps_between(home.id, period.starts_at, period.ends_before)  # without their narrative
    return Compliance(
        home=home,
        period=period,
        as_at=as_at,
        annex_a=annex_a(children, measures, period, as_at),
        measures=measures_report(measures, {c.id: c for c in children}, staff, period, as_at),
        reg44=reg44_for(ws, home, period, as_at),
        staffing=staffing_for(ws, home, period, as_at, with_mix),
        placements=placements.placements_for(ws, home, period, as_at),
        adequate_home=adequate_home_note(ws.inspections.for_home(home.id), to_local(as_at).date()),
    )


def staffing_for(ws: Workspace, home: Home, period: Period, as_at: datetime, with_mix: bool = False) -> StaffingReport:
    """The staffing findings, from the shifts that can touch the period's windows: read lean (as duties) unless the
    mix is wanted, which looks at who each shift is."""
    ws.require(Permission.SEE_FIGURES, home.id)
    windows, staff = rota.key_time_windows(ws, home), ws.staff.for_home(home.id)
    if with_mix:
        return staffing_report(rota.shifts_around(ws, home, period), windows, staff, period, as_at, with_mix=True)
    return duty_report(rota.duties_around(ws, home, period), windows, staff, period, as_at)


def reg44_for(ws: Workspace, home: Home, period: Period, as_at: datetime) -> Reg44Report:
    """The reg 44 findings; visits are read for every whole month the period touches, since a visit on a day of
    the month outside the period still covers that month (reg 44(1)). The recommendations checked are those of the
    period's visits and those to be considered by a date in the period (one made just before the period and left
    undecided in it is the period's finding)."""
    ws.require(Permission.SEE_FIGURES, home.id)
    months = months_of(period)
    last = months[-1] + relativedelta(months=1, days=-1)
    found = ws.visits.between(home.id, months[0], last)
    recs = {r.id: r for r in ws.recommendations.for_visits([v.id for v in found if period.contains_date(v.visited_on)])}
    recs.update((r.id, r) for r in ws.recommendations.considered_between(home.id, period.start, period.end))
    visitors = {v.id: v for v in ws.visitors.for_home(home.id)}
    return reg44_report(visitors, found, list(recs.values()), period, as_at, visits.report_target(ws, home))


def annex_a_for(ws: Workspace, home: Home, period: Period, as_at: datetime) -> AnnexA:
    """The Annex A figures alone: cheaper than compute, which also checks every step of every record."""
    ws.require(Permission.SEE_FIGURES, home.id)
    started = ws.measures.steps_between(home.id, period.starts_at, period.ends_before)
    return annex_a(ws.children.for_home(home.id), started, period, as_at)


def annex_a_json(figures: AnnexA) -> dict[str, Any]:
    return {
        "admitted": len(figures.admitted),
        "left": len(figures.left),
        "resident": len(figures.resident),
        "restraint_incidents": len(figures.restraint_incidents),
        "children_restrained": len(figures.children_restrained),
        "refs": {
            "admitted": list(figures.admitted),
            "left": list(figures.left),
            "resident": list(figures.resident),
            "restraint_incidents": list(figures.restraint_incidents),
            "children_restrained": list(figures.children_restrained),
        },
        "not_recorded": list(AnnexA.NOT_RECORDED),
    }


def to_json(result: Compliance) -> dict[str, Any]:
    m, r, st, p = result.measures, result.reg44, result.staffing, result.placements
    return {
        "home": {"urn": result.home.urn, "name": result.home.name},
        "period": {"from": result.period.start.isoformat(), "to": result.period.end.isoformat()},
        "as_at": to_local(result.as_at).isoformat(timespec="seconds"),
        "annex_a": annex_a_json(result.annex_a),
        "measures": {
            "count": m.count,
            "children": m.children,
            "exempt_planned": m.exempt_planned,
            "late_record": m.late_record,
            "late_signoff": m.late_signoff,
            "signed_by_unauthorised": m.signed_by_unauthorised,
            "late_child_debrief": m.late_child_debrief,
            "due": m.due,
        },
        "reg44": {
            "visits": r.visits,
            "months_without_visit": r.months_without_visit,
            "late_reports": r.late_reports,
            "undeclared_visitor_visits": r.undeclared_visitor_visits,
            "recommendations_overdue": r.recommendations_overdue,
            "report_target": r.target.describe(),
        },
        "staffing": {
            "windows_below_minimum": [{"date": c.day.isoformat(), "window": c.window.name, "on_duty": c.on_duty,
                                       "required": c.window.min_staff} for c in st.windows_below_minimum],
            "planned_hours": st.planned_hours,
            "actual_hours": st.actual_hours,
            "agency_share": st.agency_share,
            "level3_overdue": st.level3_overdue,
        },
        "placements": {
            "referrals": p.referrals,
            "accepted": p.accepted,
            "declined": p.declined,
            "against_manager_view": p.against_manager_view,
            "outside_statement_of_purpose": p.outside_statement_of_purpose,
            "accepted_without_impact_assessment": p.accepted_without_impact_assessment,
            "unplanned_endings": p.unplanned_endings,
        },
        "inspections": {"adequate_home": result.adequate_home},
    }


def _refs(items: list[str] | tuple[str, ...]) -> str:
    return ", ".join(items) if items else "none"


def _of(part: int, whole: int) -> str:
    """"1,402 of 1,460 (96%)", or that there was nothing to count."""
    return f"{part:,} of {whole:,} ({part / whole:.0%})" if whole else "no key-time windows in the period"


def to_text(result: Compliance) -> str:
    a, m, r = result.annex_a, result.measures, result.reg44
    lines = [
        f"{result.home.name} ({result.home.urn})",
        f"Period {result.period.start:%d/%m/%Y} to {result.period.end:%d/%m/%Y}, "
        f"as at {to_local(result.as_at):%d/%m/%Y %H:%M}",
        "",
        "Annex A",
        f"  Children admitted:            {len(a.admitted)}",
        f"  Children who left:            {len(a.left)}",
        f"  Children resident at the end: {len(a.resident)}",
        f"  Restraint incidents:          {len(a.restraint_incidents)}",
        f"  Children restrained:          {len(a.children_restrained)}",
        "  Not recorded by this program: missing episodes, children at risk of sexual exploitation",
        "",
        "Measures of control, discipline and restraint (reg 35)",
        f"  Records in the period: {m.count} about {len(m.children)} children",
        f"  Planned in an EHC plan, exempt (reg 35(4)): {_refs(m.exempt_planned)}",
        f"  Record not made within 24 hours (reg 35(3)(a)): {_refs(m.late_record)}",
        f"  Not signed off within 48 hours (reg 35(3)(b)): {_refs(m.late_signoff)}",
        f"  Signed by someone not authorised (reg 35(3)(b)): {_refs(m.signed_by_unauthorised)}",
        f"  Child not spoken to within 5 days (reg 35(3)(c)): {_refs(m.late_child_debrief)}",
        f"  Steps still due: {_refs(m.due)}",
        "",
        "Independent person visits (regs 43 and 44)",
        f"  Visits in the period: {len(r.visits)}",
        f"  Months with no visit (reg 44(1)): {_refs(r.months_without_visit)}",
        f"  Reports not sent to Ofsted by the home's target, {r.target.describe()} (reg 44(7)): "
        f"{_refs(r.late_reports)}",
        f"  Visits by a visitor not declared independent (reg 43): {_refs(r.undeclared_visitor_visits)}",
        f"  Recommendations not decided by their date (reg 44(5)): {_refs(r.recommendations_overdue)}",
        "",
        *_staffing_text(result.staffing),
        "",
        *_placements_text(result.placements),
    ]
    if result.adequate_home:
        lines += ["", result.adequate_home]
    return "\n".join(lines) + "\n"


def _staffing_text(st: StaffingReport) -> list[str]:
    short = [f"{c.day:%d/%m} {c.window.name} {c.on_duty} of {c.window.min_staff}" for c in st.windows_below_minimum]
    lines = [
        "Staffing at key times (Narey recommendation 4; schedule 4)",
        f"  Key-time windows below their minimum: {_refs(short)}",
        f"  Hours planned: {st.planned_hours:g}; hours worked: {st.actual_hours:g}; agency share of hours worked: "
        f"{st.agency_share:.0%}; bank share: {st.bank_share:.0%}",
    ]
    if st.mix is not None:  # compute(..., with_mix=True)
        lines += [
            f"  Key-time windows with a Level 3 qualified person on duty throughout (reg 32): "
            f"{_of(st.mix.level3_throughout, st.mix.windows)}",
            f"  Key-time windows with a physical-intervention trained person on duty throughout: "
            f"{_of(st.mix.pi_throughout, st.mix.windows)}",
        ]
    return lines + [f"  Care staff past their Level 3 due date (reg 32(4)): {_refs(st.level3_overdue)}"]


def _placements_text(p: PlacementsReport) -> list[str]:
    return [
        "Referrals and placement decisions (reg 14; Narey recommendations 21, 23 and 24)",
        f"  Referrals received: {len(p.referrals)}; accepted: {_refs(p.accepted)}; declined: {_refs(p.declined)}",
        f"  Decided against the manager's view: {_refs(p.against_manager_view)}",
        f"  Accepted partly or outside the statement of purpose (reg 14(2)(a)): "
        f"{_refs(p.outside_statement_of_purpose)}",
        f"  Accepted without an impact risk assessment before admission (reg 14(2)(a)): "
        f"{_refs(p.accepted_without_impact_assessment)}",
        f"  Decisions needing their rationale (recommendations 23 and 24): {_refs(p.unexplained)}",
        f"  Placements ended unplanned: {_refs(p.unplanned_endings)}",
    ]


def default_annex_a_since(ws: Workspace, home: Home) -> date:
    """Annex A counts since the last full inspection (its first day; not one under way now); with none recorded,
    since the first admission."""
    last = last_completed_full(ws.inspections.for_home(home.id), to_local(ws.now()).date())
    if last is not None:
        return last.started_on
    children = ws.children.for_home(home.id)
    if children:
        return min(c.admitted_on for c in children)
    return to_local(ws.now()).date()
