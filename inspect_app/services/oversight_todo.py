"""What the home must do next about its independent visits and Ofsted (regs 43 and 44, Narey recommendation 19), as
at a moment, in plain words with the regulation, overdue first."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from dateutil.relativedelta import relativedelta

from ..domain.inspections import Inspection, InspectionAction, OfstedContact
from ..domain.local_time import format_date, to_local
from ..domain.records import Home
from ..domain.roles import Permission
from ..domain.rules import MONTHLY_VISIT, RECOMMENDATION_DECIDED, REPORT_SENT
from ..domain.visits import Recommendation, ReportTarget, Visit
from ..domain.vocabulary import ActionKind, ActionStatus, Decision
from . import visits as visit_records
from .workspace import Workspace

VISITS_AREA = "visits"            # the window's area keeping visits, visitors and recommendations
INSPECTIONS_AREA = "inspections"  # the window's area keeping inspections and the dialogue with Ofsted

# The inspection framework's wording: a requirement names a regulation not met and a date to meet it by.
REQUIREMENT_CITATION = "Ofsted requirement"
REQUIREMENT_EXPLANATION = ("An inspection's requirement names a regulation the home did not meet and the date by "
                           "which to meet it; inspectors check it at the next inspection.")
FOLLOW_UP_CITATION = "Narey rec 19"
FOLLOW_UP_EXPLANATION = ("Narey recommendation 19: a dialogue between the home and its inspectors before, during "
                         "and after an inspection. Keeping what was agreed shows it.")
QUOTE_LENGTH = 48


@dataclass(frozen=True)
class OversightItem:
    """One thing to do about a visit, a recommendation, an inspection or a contact with Ofsted."""

    area: str               # VISITS_AREA or INSPECTIONS_AREA: where the record is kept
    record_ref: str
    overdue: bool
    due_on: date | None     # the last day it is on time; None when no date was set
    text: str
    citation: str
    explanation: str        # the rule in full, for a tooltip


def items(ws: Workspace, home: Home, now: datetime | None = None) -> list[OversightItem]:
    """Everything open as at `now` (default: the workspace's clock), overdue first, then by date; undated last."""
    ws.require(Permission.SEE_FIGURES, home.id)
    today = to_local(now or ws.now()).date()
    made = [v for v in ws.visits.for_home(home.id) if v.visited_on <= today]
    found = monthly_visit(made, today)
    found += reports_to_send(made, visit_records.report_target(ws, home), today)
    found += recommendations_to_decide(ws.recommendations.for_home(home.id), {v.id: v for v in made}, today)
    inspections = {i.id: i for i in ws.inspections.for_home(home.id) if i.started_on <= today}
    found += requirements_to_meet(ws.inspection_actions.for_home(home.id), inspections, today)
    found += follow_ups(ws.contacts.for_home(home.id), today)
    found.sort(key=lambda i: (not i.overdue, i.due_on is None, i.due_on or date.max, i.record_ref))
    return found


def monthly_visit(made: list[Visit], today: date) -> list[OversightItem]:
    """reg 44(1): a visit at least once in every calendar month; said until one is recorded for this month."""
    first = today.replace(day=1)
    if any(first <= v.visited_on <= today for v in made):
        return []
    last = first + relativedelta(months=1, days=-1)
    days_left = (last - today).days + 1  # today included
    if days_left == 1:
        when = "today is the last day of the month"
    else:
        when = f"{days_left} days left, to the end of {format_date(last)}"
    return [OversightItem(VISITS_AREA, f"{today:%b %Y}", False, last,
                          f"No independent visit yet this month: {when}", MONTHLY_VISIT.citation,
                          MONTHLY_VISIT.explanation)]


def _by(due: date, today: date, ahead: str = "due by", passed: str = "was due by") -> str:
    return f"{passed if today > due else ahead} {format_date(due)}"


def reports_to_send(made: list[Visit], target: ReportTarget, today: date) -> list[OversightItem]:
    """reg 44(7): each report not yet sent to Ofsted, with the date the home's own target gives."""
    found = []
    for v in made:
        if v.report_sent_on is not None and v.report_sent_on <= today:
            continue
        due = target.due_on(v.visited_on)
        received = v.report_received_on is not None and v.report_received_on <= today
        action = "Send the report" if received else "Get the report from the independent person and send it"
        found.append(OversightItem(
            VISITS_AREA, v.ref, today > due, due,
            f"{action} to Ofsted (visit on {format_date(v.visited_on)}): {_by(due, today)} "
            f"(the home's target: {target.describe()})", REPORT_SENT.citation, REPORT_SENT.explanation))
    return found


def recommendations_to_decide(recs: list[Recommendation], made: dict[int, Visit], today: date) -> list[OversightItem]:
    """reg 44(5): each recommendation the home has still to decide on, with its consider-by date."""
    found = []
    for rec in recs:
        visit = made.get(rec.visit_id)
        if visit is None or rec.decision_as_at(today) is not Decision.PENDING:
            continue
        when = (_by(rec.consider_by, today, "to decide by", "was to be decided by") if rec.consider_by
                else "no date set to consider it by")
        found.append(OversightItem(
            VISITS_AREA, rec.ref, rec.overdue_on(today), rec.consider_by,
            f"Decide on the recommendation {quote(rec.text)} from the visit on {format_date(visit.visited_on)}: "
            f"{when}", RECOMMENDATION_DECIDED.citation, RECOMMENDATION_DECIDED.explanation))
    return found


def requirements_to_meet(actions: list[InspectionAction], inspections: dict[int, Inspection],
                         today: date) -> list[OversightItem]:
    """Each requirement of an inspection not yet met, with the date to meet it by."""
    found = []
    for a in actions:
        inspection = inspections.get(a.inspection_id)
        if inspection is None or a.kind is not ActionKind.REQUIREMENT or a.status is ActionStatus.MET:
            continue
        when = _by(a.due_on, today) if a.due_on else "no date set to meet it by"
        progress = " (in progress)" if a.status is ActionStatus.IN_PROGRESS else ""
        found.append(OversightItem(
            INSPECTIONS_AREA, a.ref, a.overdue_on(today), a.due_on,
            f"Meet the requirement {quote(a.text)} of the inspection of {format_date(inspection.started_on)}: "
            f"{when}{progress}", a.regulation or REQUIREMENT_CITATION, REQUIREMENT_EXPLANATION))
    return found


def follow_ups(contacts: list[OfstedContact], today: date) -> list[OversightItem]:
    """Narey recommendation 19: what was agreed with Ofsted and is not yet done (no date: never overdue)."""
    return [OversightItem(INSPECTIONS_AREA, c.ref, False, None,
                          f"Follow up the contact with Ofsted on {format_date(c.occurred_on)}: {quote(c.follow_up)}",
                          FOLLOW_UP_CITATION, FOLLOW_UP_EXPLANATION)
            for c in contacts if c.follow_up_open and c.occurred_on <= today]


def quote(text: str) -> str:
    """The start of a record's own words, on one line, in quotation marks: enough to recognise it by."""
    words = " ".join(text.split())
    if len(words) > QUOTE_LENGTH:
        words = words[:QUOTE_LENGTH].rsplit(" ", 1)[0].rstrip(",.;:") + "\u2026"
    return f"\u201c{words}\u201d"
