"""The reg 43 and 44 checks on hand-built records: month edges, report targets, declarations, recommendations, and the
as-at moment near midnight in summer and winter time (SPEC 2.4, 3, 7)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta, timezone

import pytest

from inspect_app.domain.local_time import Period, from_wall_time
from inspect_app.domain.reg44_compliance import months_of, months_without_visit, reg44_report, report_late
from inspect_app.domain.rules import MONTHLY_VISIT, RECOMMENDATION_DECIDED, REPORT_SENT, UNDECLARED_VISITOR
from inspect_app.domain.visits import ALL_CONDITIONS, Recommendation, ReportTarget, TargetRule, Visit, Visitor
from inspect_app.domain.vocabulary import Decision

UTC = timezone.utc
JO = Visitor(1, "IV-01", "Jo Bloggs", conditions=ALL_CONDITIONS, declared_independent_on=date(2025, 1, 6), id=1)
VISITORS = {JO.id: JO}
YEAR_2026 = Period(date(2026, 1, 1), date(2026, 12, 31))
DEFAULT = ReportTarget()


def wall(*args) -> datetime:
    return from_wall_time(datetime(*args))


def visit(ref: str, on: date, visitor: Visitor = JO, vid: int | None = None, **changes) -> Visit:
    return Visit(home_id=1, ref=ref, visitor_id=visitor.id, visited_on=on, id=vid or int(ref[-3:]), **changes)


def rec(ref: str, of: Visit, consider_by: date | None, decision: Decision = Decision.PENDING,
        decided_on: date | None = None) -> Recommendation:
    return Recommendation(home_id=1, ref=ref, visit_id=of.id, text="Repair the gate", consider_by=consider_by,
                          decision=decision, decided_on=decided_on, reason="", id=int(ref[-3:]))


def report(visits, recs=(), period=YEAR_2026, as_at=None, target=DEFAULT, visitors=VISITORS):
    return reg44_report(visitors, list(visits), list(recs), period, as_at or wall(2027, 3, 1, 12, 0), target)


# the months a period touches, and which of them had a visit -----------------------------------------------

def test_the_months_a_period_touches_include_its_partial_first_and_last_months():
    assert months_of(Period(date(2026, 1, 31), date(2026, 3, 1))) == [date(2026, 1, 1), date(2026, 2, 1),
                                                                       date(2026, 3, 1)]
    assert months_of(Period(date(2026, 12, 15), date(2027, 1, 2))) == [date(2026, 12, 1), date(2027, 1, 1)]
    assert months_of(Period(date(2026, 2, 10), date(2026, 2, 10))) == [date(2026, 2, 1)]


def test_a_visit_on_the_first_or_the_last_day_covers_its_month_and_no_other():
    found = months_without_visit([date(2026, 3, 1), date(2026, 5, 31)], Period(date(2026, 2, 1), date(2026, 6, 30)),
                                 wall(2026, 7, 1, 9, 0))
    assert found == ["2026-02", "2026-04", "2026-06"]


def test_the_31st_of_one_month_does_not_cover_the_1st_of_the_next():
    period = Period(date(2026, 10, 1), date(2026, 11, 30))
    assert months_without_visit([date(2026, 10, 31)], period, wall(2026, 12, 5, 9, 0)) == ["2026-11"]
    assert months_without_visit([date(2026, 11, 1)], period, wall(2026, 12, 5, 9, 0)) == ["2026-10"]


def test_a_month_not_ended_at_the_as_at_time_is_not_reported():
    period = Period(date(2026, 9, 1), date(2026, 11, 30))
    # 30/11 23:59 GMT: November has not ended, however little of it is left
    assert months_without_visit([], period, wall(2026, 11, 30, 23, 59)) == ["2026-09", "2026-10"]
    # the first moment of December ends it
    assert months_without_visit([], period, wall(2026, 12, 1, 0, 0)) == ["2026-09", "2026-10", "2026-11"]


def test_months_after_the_as_at_time_are_not_reported():
    assert months_without_visit([], YEAR_2026, wall(2026, 4, 15, 12, 0)) == ["2026-01", "2026-02", "2026-03"]


def test_a_visit_outside_the_period_covers_a_month_the_period_touches():
    period = Period(date(2026, 3, 15), date(2026, 5, 14))
    early_march = visit("V-001", date(2026, 3, 2))   # before the period, in March
    late_may = visit("V-002", date(2026, 5, 20))     # after the period, in May
    found = report([early_march, late_may], period=period, as_at=wall(2026, 6, 10, 12, 0))
    assert found.months_without_visit == ["2026-04"]
    assert found.visits == []  # neither is a visit of the period
    assert found.late_reports == found.undeclared_visitor_visits == []  # so neither is checked


def test_visits_are_the_periods_up_to_the_as_at_day_sorted_by_reference():
    found = report([visit("V-003", date(2026, 3, 1)), visit("V-001", date(2026, 1, 31)),
                    visit("V-002", date(2026, 2, 14)), visit("V-004", date(2026, 4, 20)),
                    visit("V-000", date(2025, 12, 31), vid=99)],
                   as_at=wall(2026, 4, 19, 12, 0))
    assert found.visits == ["V-001", "V-002", "V-003"]  # V-004 is dated after the as-at day: not yet known
    assert found.months_without_visit == []


# the report target ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("target, visited, due", [
    (ReportTarget(), date(2026, 1, 15), date(2026, 2, 28)),                 # January -> end of February
    (ReportTarget(), date(2028, 1, 31), date(2028, 2, 29)),                 # a leap year's February
    (ReportTarget(), date(2026, 12, 1), date(2027, 1, 31)),                 # December -> January of the next year
    (ReportTarget(), date(2026, 10, 31), date(2026, 11, 30)),
    (ReportTarget(TargetRule.END_OF_MONTH), date(2026, 2, 1), date(2026, 2, 28)),
    (ReportTarget(TargetRule.END_OF_MONTH), date(2026, 12, 31), date(2026, 12, 31)),
    (ReportTarget(TargetRule.DAYS_AFTER, 28), date(2026, 1, 15), date(2026, 2, 12)),
    (ReportTarget(TargetRule.DAYS_AFTER, 14), date(2026, 12, 20), date(2027, 1, 3)),
    (ReportTarget(TargetRule.DAYS_AFTER, 1), date(2026, 2, 28), date(2026, 3, 1)),
])
def test_each_target_rule_gives_the_last_day_on_time(target, visited, due):
    assert target.due_on(visited) == due


def test_the_target_is_described_in_words():
    assert ReportTarget().describe() == "by the end of the month after the visit"
    assert ReportTarget(TargetRule.END_OF_MONTH).describe() == "by the end of the month of the visit"
    assert ReportTarget(TargetRule.DAYS_AFTER, 10).describe() == "within 10 days of the visit"


@pytest.mark.parametrize("target", [ReportTarget(), ReportTarget(TargetRule.END_OF_MONTH),
                                    ReportTarget(TargetRule.DAYS_AFTER, 28)])
def test_sent_on_the_target_day_is_on_time_and_the_day_after_is_late(target):
    made = visit("V-001", date(2026, 1, 15))
    due = target.due_on(made.visited_on)
    later = date(2026, 6, 1)
    assert not report_late(replace(made, report_sent_on=due), target, later)
    assert report_late(replace(made, report_sent_on=due + timedelta(days=1)), target, later)


def test_a_report_not_sent_is_late_only_once_the_target_has_passed():
    made = visit("V-001", date(2026, 10, 5))  # due by 30/11/2026
    assert not report_late(made, DEFAULT, date(2026, 11, 30))  # the target day itself: due, not late
    assert report_late(made, DEFAULT, date(2026, 12, 1))


def test_a_report_sent_after_the_as_at_day_was_not_sent_as_at_then():
    made = visit("V-001", date(2026, 10, 5), report_sent_on=date(2026, 11, 20))
    assert not report_late(made, DEFAULT, date(2026, 11, 10))  # not sent yet, and not yet due
    late = visit("V-002", date(2026, 9, 5), report_sent_on=date(2026, 10, 30))  # on time, in the end
    assert report_late(late, DEFAULT, date(2026, 10, 29)) is False
    assert report_late(visit("V-003", date(2026, 8, 5), report_sent_on=date(2026, 10, 30)), DEFAULT,
                       date(2026, 10, 1))  # due by 30/09, still not sent on 01/10


def test_late_reports_name_the_sent_date_and_the_target():
    sent_late = visit("V-002", date(2026, 1, 10), report_sent_on=date(2026, 3, 2))  # due 28/02
    unsent = visit("V-001", date(2026, 2, 10))                                        # due 31/03
    on_time = visit("V-003", date(2026, 3, 10), report_sent_on=date(2026, 4, 30))     # due 30/04
    found = report([sent_late, unsent, on_time], period=Period(date(2026, 1, 1), date(2026, 3, 31)),
                   as_at=wall(2026, 5, 1, 9, 0))
    assert found.late_reports == ["V-001", "V-002"]
    details = {f.record_ref: f.detail for f in found.findings if f.rule is REPORT_SENT}
    assert details == {"V-002": "sent 02/03/2026; target 28/02/2026", "V-001": "not sent; target 31/03/2026"}


# declarations of independence (reg 43) ---------------------------------------------------------------------------

def test_a_declaration_dated_the_day_of_the_visit_counts_and_the_day_after_does_not():
    on_the_day = Visitor(1, "IV-02", "Ann Day", conditions=ALL_CONDITIONS, declared_independent_on=date(2026, 3, 9),
                         id=2)
    next_day = Visitor(1, "IV-03", "Bo Late", conditions=ALL_CONDITIONS, declared_independent_on=date(2026, 3, 10),
                       id=3)
    never = Visitor(1, "IV-04", "Cy None", id=4)
    visitors = {v.id: v for v in (on_the_day, next_day, never)}
    made = [visit("V-001", date(2026, 3, 9), on_the_day), visit("V-002", date(2026, 3, 9), next_day),
            visit("V-003", date(2026, 3, 9), never), visit("V-004", date(2026, 3, 10), next_day)]
    found = report(made, visitors=visitors)
    assert found.undeclared_visitor_visits == ["V-002", "V-003"]
    details = [f.detail for f in found.findings if f.rule is UNDECLARED_VISITOR]
    assert details == ["Bo Late had made no declaration of independence by 09/03/2026",
                       "Cy None had made no declaration of independence by 09/03/2026"]


def test_a_visit_by_a_visitor_not_on_the_register_is_undeclared():
    stranger = Visitor(1, "IV-09", "Stranger", id=9)
    found = report([visit("V-001", date(2026, 3, 9), stranger)], visitors={})
    assert found.undeclared_visitor_visits == ["V-001"]


# recommendations (reg 44(5)) ---------------------------------------------------------------------------------------

V1 = visit("V-001", date(2026, 3, 9))


def test_a_pending_recommendation_with_no_date_is_never_overdue():
    assert not rec("REC-001", V1, None).overdue_on(date(2040, 1, 1))
    assert report([V1], [rec("REC-001", V1, None)], as_at=wall(2030, 1, 1, 0, 0)).recommendations_overdue == []


def test_pending_on_the_consider_by_day_is_not_overdue_and_the_day_after_is():
    pending = rec("REC-001", V1, date(2026, 4, 9))
    assert not pending.overdue_on(date(2026, 4, 9))
    assert pending.overdue_on(date(2026, 4, 10))


def test_decided_on_the_day_is_in_time_and_the_day_after_is_overdue():
    on_the_day = rec("REC-001", V1, date(2026, 4, 9), Decision.ACCEPTED, date(2026, 4, 9))
    day_after = rec("REC-002", V1, date(2026, 4, 9), Decision.DECLINED, date(2026, 4, 10))
    assert not on_the_day.overdue_on(date(2026, 12, 31))
    assert day_after.overdue_on(date(2026, 12, 31))
    found = report([V1], [day_after, on_the_day])
    assert found.recommendations_overdue == ["REC-002"]
    detail = next(f.detail for f in found.findings if f.rule is RECOMMENDATION_DECIDED)
    assert detail == "decided 10/04/2026; to be considered by 09/04/2026"


def test_a_decision_dated_after_the_as_at_day_was_still_pending_then():
    decided_later = rec("REC-001", V1, date(2026, 4, 9), Decision.ACCEPTED, date(2026, 4, 8))
    assert decided_later.decision_as_at(date(2026, 4, 7)) is Decision.PENDING
    assert decided_later.decision_as_at(date(2026, 4, 8)) is Decision.ACCEPTED
    very_late = rec("REC-002", V1, date(2026, 4, 9), Decision.ACCEPTED, date(2026, 6, 1))
    # as at 20/04 it was pending past its date: overdue, and said to be still undecided
    found = report([V1], [very_late], as_at=wall(2026, 4, 20, 12, 0))
    assert found.recommendations_overdue == ["REC-002"]
    assert [f.detail for f in found.findings if f.rule is RECOMMENDATION_DECIDED] == [
        "still to be decided; to be considered by 09/04/2026"]
    # as at 05/04 it was pending with its date ahead: nothing to report
    assert report([V1], [very_late], as_at=wall(2026, 4, 5, 12, 0)).recommendations_overdue == []


def test_only_the_recommendations_of_the_periods_visits_are_checked():
    before = visit("V-001", date(2025, 12, 10))
    inside = visit("V-002", date(2026, 1, 10))
    recs = [rec("REC-001", before, date(2025, 12, 31)), rec("REC-002", inside, date(2026, 1, 31))]
    assert report([before, inside], recs).recommendations_overdue == ["REC-002"]


# the as-at moment near midnight: the home's local date decides ---------------------------------------------------

def test_near_midnight_in_winter_local_and_utc_dates_agree():
    made = visit("V-001", date(2026, 10, 5))  # report due by 30/11/2026
    period = Period(date(2026, 10, 1), date(2026, 10, 31))
    assert report([made], period=period, as_at=datetime(2026, 11, 30, 23, 59, tzinfo=UTC)).late_reports == []
    assert report([made], period=period, as_at=datetime(2026, 12, 1, 0, 0, tzinfo=UTC)).late_reports == ["V-001"]


def test_near_midnight_in_summer_the_british_date_decides_not_the_utc_one():
    made = visit("V-001", date(2026, 6, 5))  # report due by 31/07/2026
    pending = rec("REC-001", made, date(2026, 7, 31))
    period = Period(date(2026, 6, 1), date(2026, 7, 31))
    before = datetime(2026, 7, 31, 22, 59, tzinfo=UTC)  # 23:59 BST on 31/07
    after = datetime(2026, 7, 31, 23, 0, tzinfo=UTC)    # 00:00 BST on 01/08, though still 31/07 in UTC
    early = report([made], [pending], period=period, as_at=before)
    assert (early.late_reports, early.recommendations_overdue, early.months_without_visit) == ([], [], [])
    late = report([made], [pending], period=period, as_at=after)
    assert late.late_reports == ["V-001"]
    assert late.recommendations_overdue == ["REC-001"]
    assert late.months_without_visit == ["2026-07"]  # July has ended in Britain (June had its visit)


def test_a_visit_dated_today_counts_as_at_any_moment_of_today():
    made = visit("V-001", date(2026, 7, 1))
    as_at = datetime(2026, 6, 30, 23, 30, tzinfo=UTC)  # 00:30 BST on 01/07
    assert report([made], period=Period(date(2026, 7, 1), date(2026, 7, 31)), as_at=as_at).visits == ["V-001"]


# findings carry their rule and citation ------------------------------------------------------------------------

def test_every_list_has_its_findings_with_the_regulation():
    undeclared = Visitor(1, "IV-02", "Ann Other", id=2)
    made = [visit("V-001", date(2026, 1, 10), undeclared), visit("V-002", date(2026, 3, 10))]
    found = report(made, [rec("REC-001", made[1], date(2026, 3, 20))],
                   period=Period(date(2026, 1, 1), date(2026, 3, 31)), as_at=wall(2026, 4, 15, 9, 0),
                   visitors={1: JO, 2: undeclared})
    by_rule = {}
    for f in found.findings:
        by_rule.setdefault(f.rule.citation, []).append(f.record_ref)
    assert by_rule == {"reg 44(1)": ["2026-02"], "reg 44(7)": ["V-001"], "reg 43": ["V-001"],
                       "reg 44(5)": ["REC-001"]}
    assert [f.detail for f in found.findings if f.rule is MONTHLY_VISIT] == ["no independent visit in February 2026"]
    assert (MONTHLY_VISIT.citation, REPORT_SENT.citation, UNDECLARED_VISITOR.citation,
            RECOMMENDATION_DECIDED.citation) == ("reg 44(1)", "reg 44(7)", "reg 43", "reg 44(5)")
