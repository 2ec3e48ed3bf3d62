"""Acceptance (issue 4): a hand-checked year of independent visits and recommendations, recorded through the services
into a real database, gives exactly the `reg44` lists of SPEC 7; and the plain rec 22 sentence when it applies."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timezone

import pytest

from inspect_app.domain.inspections import ADEQUATE_HOME, Inspection
from inspect_app.domain.local_time import Period
from inspect_app.domain.visits import ALL_CONDITIONS, Recommendation, ReportTarget, TargetRule, Visit, Visitor
from inspect_app.domain.vocabulary import Decision, InspectionType, Judgement
from inspect_app.services import compliance, inspections, visits

# As at Wednesday 20/01/2027 10:00 GMT; the period runs from the last full inspection (10/02/2026) to that day.
# It touches the months February 2026 to January 2027; January 2027 has not ended, so it is never reported.
AS_AT = datetime(2027, 1, 20, 10, 0, tzinfo=timezone.utc)
PERIOD = Period(date(2026, 2, 10), date(2027, 1, 20))

# (ref, visitor, visited on, report sent on); target: the end of the month after the visit (the default)
VISITS = [
    ("V-001", "IV-01", date(2026, 1, 28), None),               # January: a month the period does not touch
    ("V-002", "IV-01", date(2026, 2, 1), date(2026, 4, 2)),    # before the period: covers February only
    ("V-003", "IV-01", date(2026, 3, 1), date(2026, 4, 30)),   # the 1st; sent on the target day
    ("V-004", "IV-01", date(2026, 4, 30), date(2026, 6, 1)),   # target 31/05: sent a day late
    ("V-005", "IV-01", date(2026, 5, 31), date(2026, 6, 15)),  # the 31st; on time
    ("V-006", "IV-02", date(2026, 6, 20), date(2026, 7, 10)),  # Pat Green had not yet declared (15/07)
    ("V-007", "IV-02", date(2026, 7, 15), date(2026, 8, 31)),  # declared that very day; sent on the target day
    # August: no visit
    ("V-008", "IV-01", date(2026, 9, 9), None),                # target 31/10 passed: never sent
    ("V-009", "IV-01", date(2026, 10, 31), date(2026, 12, 1)),  # target 30/11: sent the day after
    # November: no visit
    ("V-010", "IV-01", date(2026, 12, 3), None),               # target 31/01/2027 still ahead: due, not late
    ("V-011", "IV-03", date(2026, 12, 17), date(2027, 1, 5)),  # Lee Shaw has made no declaration at all
    ("V-012", "IV-01", date(2027, 1, 14), None),               # target 28/02/2027 ahead
]

# (ref, visit, consider by, decision, decided on)
RECS = [
    ("REC-001", "V-001", date(2026, 2, 5), Decision.PENDING, None),   # its visit and its date before: not checked
    ("REC-002", "V-002", date(2026, 3, 1), Decision.PENDING, None),   # its visit before, its date in: checked
    ("REC-003", "V-003", date(2026, 3, 31), Decision.ACCEPTED, date(2026, 3, 15)),
    ("REC-004", "V-003", date(2026, 3, 31), Decision.DECLINED, date(2026, 3, 31)),  # on the day: in time
    ("REC-005", "V-004", date(2026, 5, 31), Decision.ACCEPTED, date(2026, 6, 1)),   # the day after: overdue
    ("REC-006", "V-004", None, Decision.PENDING, None),                           # no date: never overdue
    ("REC-007", "V-005", date(2026, 6, 30), Decision.PENDING, None),              # pending long past: overdue
    ("REC-008", "V-006", date(2026, 7, 20), Decision.ACCEPTED, date(2026, 7, 10)),
    ("REC-009", "V-007", date(2026, 8, 31), Decision.ACCEPTED, date(2027, 1, 25)),  # decided after the as-at day:
    #                                                                               pending then, and past its date
    ("REC-010", "V-007", date(2027, 1, 31), Decision.ACCEPTED, date(2027, 1, 25)),  # pending then, date ahead
    ("REC-011", "V-008", date(2027, 1, 20), Decision.PENDING, None),              # the consider-by day is today
    ("REC-012", "V-008", date(2027, 1, 19), Decision.PENDING, None),              # yesterday: overdue
    ("REC-013", "V-009", date(2026, 11, 30), Decision.DECLINED, date(2026, 11, 30)),
    ("REC-014", "V-010", date(2027, 1, 31), Decision.PENDING, None),
    ("REC-015", "V-011", date(2027, 1, 17), Decision.ACCEPTED, date(2026, 12, 18)),
    ("REC-016", "V-012", None, Decision.PENDING, None),
]

# Worked out by hand from the tables above.
EXPECTED_REG44 = {
    # every visit dated in the period up to the as-at day: not V-001 (January) nor V-002 (01/02, before the 10th)
    "visits": ["V-003", "V-004", "V-005", "V-006", "V-007", "V-008", "V-009", "V-010", "V-011", "V-012"],
    # February is covered by V-002 although it is outside the period; August and November had none; January 2027
    # has not ended
    "months_without_visit": ["2026-08", "2026-11"],
    # V-004 sent 01/06 (target 31/05); V-008 not sent, target 31/10 passed; V-009 sent 01/12 (target 30/11).
    # Not V-003 or V-007 (sent on the target day), not V-010 or V-012 (targets ahead), not V-002 (outside)
    "late_reports": ["V-004", "V-008", "V-009"],
    # V-006: Pat Green declared on 15/07, after the visit of 20/06 (V-007, on 15/07, is fine); V-011: Lee Shaw never
    "undeclared_visitor_visits": ["V-006", "V-011"],
    # REC-005 decided a day after its date; REC-007 and REC-012 pending past it; REC-009 decided only after the
    # as-at day, so pending as at then, and past its date. REC-002's visit is before the period but it was to be
    # decided by 01/03, in the period, and is still pending. REC-001's visit and date are both before the period
    "recommendations_overdue": ["REC-002", "REC-005", "REC-007", "REC-009", "REC-012"],
    "report_target": "by the end of the month after the visit",
}


@pytest.fixture
def year(ws, home, clock):
    """The table above recorded through the services, as the window and the import record them."""
    clock.set(AS_AT)
    visitors = {
        "IV-01": Visitor(home.id, "IV-01", "Jo Bloggs", "Bloggs Consulting", appointed_on=date(2025, 1, 6),
                         conditions=ALL_CONDITIONS, declared_independent_on=date(2025, 1, 6)),
        "IV-02": Visitor(home.id, "IV-02", "Pat Green", appointed_on=date(2026, 6, 1),
                         conditions=ALL_CONDITIONS, declared_independent_on=date(2026, 7, 15)),
        "IV-03": Visitor(home.id, "IV-03", "Lee Shaw", appointed_on=date(2026, 12, 1)),
    }
    saved = {ref: visits.save_visitor(ws, v).id for ref, v in visitors.items()}
    made = {}
    for ref, who, on, sent in VISITS:
        made[ref] = visits.save_visit(ws, Visit(home.id, ref, saved[who], on, report_received_on=on,
                                                report_sent_on=sent))
    for ref, of, by, decision, decided in RECS:
        visits.save_recommendation(ws, Recommendation(
            home.id, ref, made[of].id, f"Recommendation {ref}", consider_by=by, decision=decision,
            decided_on=decided, reason="Already in hand" if decision is Decision.DECLINED else ""))
    return made


def test_a_hand_checked_year_gives_exactly_the_reg44_lists(ws, home, year):
    result = compliance.compute(ws, home, PERIOD)  # as at now: the clock says 20/01/2027 10:00
    assert compliance.to_json(result)["reg44"] == EXPECTED_REG44
    assert compliance.to_json(result)["as_at"] == "2027-01-20T10:00:00+00:00"


def test_the_home_s_report_target_decides_lateness(ws, home, year):
    visits.set_report_target(ws, home, ReportTarget(TargetRule.DAYS_AFTER, 28))
    reg44 = compliance.to_json(compliance.compute(ws, home, PERIOD))["reg44"]
    # 28 days after each visit: V-003 due 29/03 (sent 30/04), V-004 due 28/05 (sent 01/06), V-007 due 12/08
    # (sent 31/08), V-008 due 07/10 (not sent), V-009 due 28/11 (sent 01/12), V-010 due 31/12 (not sent).
    # V-005 (due 28/06, sent 15/06), V-006 (18/07, 10/07) and V-011 (14/01, 05/01) were on time; V-012 is due 11/02
    assert reg44["late_reports"] == ["V-003", "V-004", "V-007", "V-008", "V-009", "V-010"]
    assert reg44["report_target"] == "within 28 days of the visit"
    assert {k: v for k, v in reg44.items() if k not in ("late_reports", "report_target")} == {
        k: v for k, v in EXPECTED_REG44.items() if k not in ("late_reports", "report_target")}


def test_an_earlier_as_at_moment_sees_the_year_as_it_stood_then(ws, home, year):
    # 30/11/2026 23:59 GMT: November has not yet ended, V-009's target (30/11) has not passed, and REC-012 and
    # REC-011 still have their dates ahead
    result = compliance.compute(ws, home, PERIOD, datetime(2026, 11, 30, 23, 59, tzinfo=timezone.utc))
    reg44 = compliance.to_json(result)["reg44"]
    assert reg44["months_without_visit"] == ["2026-08"]
    assert reg44["late_reports"] == ["V-004", "V-008"]
    assert reg44["visits"] == ["V-003", "V-004", "V-005", "V-006", "V-007", "V-008", "V-009"]
    assert reg44["recommendations_overdue"] == ["REC-002", "REC-005", "REC-007", "REC-009"]
    assert reg44["undeclared_visitor_visits"] == ["V-006"]


def test_the_text_names_each_list_with_its_regulation(ws, home, year):
    lines = compliance.to_text(compliance.compute(ws, home, PERIOD)).splitlines()
    section = lines[lines.index("Independent person visits (regs 43 and 44)"):]
    assert section[1:6] == [
        "  Visits in the period: 10",
        "  Months with no visit (reg 44(1)): 2026-08, 2026-11",
        "  Reports not sent to Ofsted by the home's target, by the end of the month after the visit (reg 44(7)): "
        "V-004, V-008, V-009",
        "  Visits by a visitor not declared independent (reg 43): V-006, V-011",
        "  Recommendations not decided by their date (reg 44(5)): REC-002, REC-005, REC-007, REC-009, REC-012",
    ]


def test_every_finding_names_its_record_and_regulation(ws, home, year):
    findings = compliance.compute(ws, home, PERIOD).reg44.findings
    assert sorted((f.rule.citation, f.record_ref) for f in findings) == [
        ("reg 43", "V-006"), ("reg 43", "V-011"),
        ("reg 44(1)", "2026-08"), ("reg 44(1)", "2026-11"),
        ("reg 44(5)", "REC-002"), ("reg 44(5)", "REC-005"), ("reg 44(5)", "REC-007"), ("reg 44(5)", "REC-009"), ("reg 44(5)", "REC-012"),
        ("reg 44(7)", "V-004"), ("reg 44(7)", "V-008"), ("reg 44(7)", "V-009"),
    ]


def test_an_empty_home_has_every_month_without_a_visit(ws, home, clock):
    clock.set(AS_AT)
    reg44 = compliance.to_json(compliance.compute(ws, home, PERIOD))["reg44"]
    assert reg44["months_without_visit"] == ["2026-02", "2026-03", "2026-04", "2026-05", "2026-06", "2026-07",
                                             "2026-08", "2026-09", "2026-10", "2026-11", "2026-12"]
    assert reg44["visits"] == reg44["late_reports"] == reg44["recommendations_overdue"] == []


# Narey recommendation 22 --------------------------------------------------------------------------------------

@pytest.fixture
def requires_improvement(ws, home, clock):
    clock.set(AS_AT)
    return inspections.save_inspection(ws, Inspection(
        home.id, "INS-01", date(2026, 2, 10), InspectionType.FULL, Judgement.REQUIRES_IMPROVEMENT, Judgement.GOOD,
        Judgement.REQUIRES_IMPROVEMENT, published_on=date(2026, 3, 20)))


def test_requires_improvement_is_said_plainly_to_mean_an_adequate_home(ws, home, requires_improvement):
    result = compliance.compute(ws, home, PERIOD)
    assert result.adequate_home == ADEQUATE_HOME
    assert "this is an adequate home" in ADEQUATE_HOME and "Narey recommendation 22" in ADEQUATE_HOME
    assert compliance.to_text(result).rstrip("\n").endswith(ADEQUATE_HOME)
    assert compliance.to_json(result)["inspections"] == {"adequate_home": ADEQUATE_HOME}


def test_an_interim_inspection_after_it_does_not_change_the_judgement(ws, home, requires_improvement):
    inspections.save_inspection(ws, Inspection(home.id, "INS-02", date(2026, 9, 1), InspectionType.INTERIM))
    assert compliance.compute(ws, home, PERIOD).adequate_home == ADEQUATE_HOME


def test_a_home_judged_good_afterwards_is_not_called_adequate(ws, home, requires_improvement):
    inspections.save_inspection(ws, Inspection(home.id, "INS-02", date(2026, 12, 8), InspectionType.FULL,
                                               Judgement.GOOD, Judgement.GOOD, Judgement.GOOD))
    result = compliance.compute(ws, home, PERIOD)
    assert result.adequate_home == ""
    assert "adequate" not in compliance.to_text(result)
    assert compliance.to_json(result)["inspections"] == {"adequate_home": ""}
    # as at a day before the second inspection, the first was still the latest judgement
    before = compliance.compute(ws, home, PERIOD, datetime(2026, 12, 7, 12, 0, tzinfo=timezone.utc))
    assert before.adequate_home == ADEQUATE_HOME


def test_a_home_never_judged_requires_improvement_gets_no_sentence(ws, home, clock):
    clock.set(AS_AT)
    inspections.save_inspection(ws, Inspection(home.id, "INS-01", date(2026, 2, 10), InspectionType.FULL,
                                               Judgement.GOOD, Judgement.REQUIRES_IMPROVEMENT, Judgement.GOOD))
    assert compliance.compute(ws, home, PERIOD).adequate_home == ""  # only the overall judgement counts


def test_a_recommendation_decided_later_is_no_longer_overdue_from_that_day(ws, home, year):
    rec = ws.recommendations.by_ref(home.id, "REC-007")
    visits.save_recommendation(ws, replace(rec, decision=Decision.ACCEPTED, decided_on=date(2027, 1, 20)))
    # decided at last, but after its date (30/06/2026): still overdue under SPEC 7 ("or decided after it")
    assert "REC-007" in compliance.to_json(compliance.compute(ws, home, PERIOD))["reg44"]["recommendations_overdue"]
