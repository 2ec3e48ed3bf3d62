"""What the home must do next about visits and Ofsted: the month's visit, reports to send, recommendations to decide,
inspection requirements and follow-ups, in plain words with the regulation, overdue first."""

from __future__ import annotations

from datetime import date, datetime, timezone

import pytest

from inspect_app.domain.inspections import Inspection, InspectionAction, OfstedContact
from inspect_app.domain.roles import Account, NotPermitted, Role
from inspect_app.domain.visits import ALL_CONDITIONS, Recommendation, ReportTarget, TargetRule, Visit, Visitor
from inspect_app.domain.vocabulary import ActionKind, ActionStatus, Decision, InspectionType
from inspect_app.services import accounts, inspections, visits
from inspect_app.services.oversight_todo import items, quote
from inspect_app.services.workspace import Credentials, Workspace

TARGET = "(the home's target: by the end of the month after the visit)"


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=timezone.utc)


@pytest.fixture
def jo(ws, home):
    return visits.save_visitor(ws, Visitor(home.id, "IV-01", "Jo Bloggs", appointed_on=date(2025, 1, 6),
                                           conditions=ALL_CONDITIONS, declared_independent_on=date(2025, 1, 6)))


def add_visit(ws, home, jo, ref, on, **changes) -> Visit:
    return visits.save_visit(ws, Visit(home.id, ref, jo.id, on, **changes))


def shown(ws, home, now=None) -> list[tuple]:
    return [(i.area, i.record_ref, i.overdue, i.citation, i.text) for i in items(ws, home, now)]


# the month's visit (reg 44(1)) -------------------------------------------------------------------------------

def test_with_no_visit_this_month_the_days_left_are_said(ws, home):
    # the clock: Sunday 22/11/2026 12:00; 22 to 30 November is 9 days, today included
    found = items(ws, home)
    assert [(i.area, i.record_ref, i.overdue, i.due_on, i.citation) for i in found] == [
        ("visits", "Nov 2026", False, date(2026, 11, 30), "reg 44(1)")]
    assert found[0].text == "No independent visit yet this month: 9 days left, to the end of 30/11/2026"
    assert "at least once in every calendar month" in found[0].explanation


def test_a_visit_recorded_this_month_removes_it_but_one_dated_later_this_month_does_not(ws, home, jo):
    add_visit(ws, home, jo, "V-001", date(2026, 10, 31), report_sent_on=date(2026, 11, 2))  # last month's
    add_visit(ws, home, jo, "V-002", date(2026, 11, 28))  # planned: it has not happened yet
    assert [i.record_ref for i in items(ws, home)] == ["Nov 2026"]
    add_visit(ws, home, jo, "V-003", date(2026, 11, 1), report_sent_on=date(2026, 11, 5))
    assert items(ws, home) == []


def test_on_the_last_day_of_the_month_it_says_so(ws, home, clock):
    clock.set(utc(2026, 11, 30, 23, 59))
    assert shown(ws, home)[0][4] == "No independent visit yet this month: today is the last day of the month"


def test_the_month_is_the_homes_local_month_near_midnight_in_summer(ws, home, jo, clock):
    add_visit(ws, home, jo, "V-001", date(2026, 7, 31), report_sent_on=date(2026, 7, 31))
    clock.set(utc(2026, 7, 31, 22, 59))  # 23:59 BST on 31/07: July's visit is done
    assert items(ws, home) == []
    clock.set(utc(2026, 7, 31, 23, 0))   # 00:00 BST on 01/08, still 31/07 in UTC: August has begun
    assert shown(ws, home) == [("visits", "Aug 2026", False, "reg 44(1)",
                                "No independent visit yet this month: 31 days left, to the end of 31/08/2026")]


# reports to send (reg 44(7)), with the home's target ---------------------------------------------------------------

def test_each_report_not_yet_sent_with_its_target_date(ws, home, jo):
    add_visit(ws, home, jo, "V-001", date(2026, 9, 9))                                         # due 31/10: passed
    add_visit(ws, home, jo, "V-002", date(2026, 10, 14), report_received_on=date(2026, 10, 20))  # due 30/11
    add_visit(ws, home, jo, "V-003", date(2026, 10, 2), report_sent_on=date(2026, 10, 30))     # sent: nothing to do
    add_visit(ws, home, jo, "V-004", date(2026, 11, 3), report_received_on=date(2026, 11, 9),
              report_sent_on=date(2026, 11, 25))  # dated after today: not sent as at now; due 31/12
    assert shown(ws, home) == [
        ("visits", "V-001", True, "reg 44(7)", "Get the report from the independent person and send it to Ofsted "
                                               f"(visit on 09/09/2026): was due by 31/10/2026 {TARGET}"),
        ("visits", "V-002", False, "reg 44(7)", f"Send the report to Ofsted (visit on 14/10/2026): due by 30/11/2026 "
                                                f"{TARGET}"),
        ("visits", "V-004", False, "reg 44(7)", f"Send the report to Ofsted (visit on 03/11/2026): due by 31/12/2026 "
                                                f"{TARGET}"),
    ]


def test_on_the_target_day_a_report_is_due_and_the_day_after_overdue(ws, home, jo, clock):
    add_visit(ws, home, jo, "V-001", date(2026, 10, 14), report_received_on=date(2026, 10, 20))
    add_visit(ws, home, jo, "V-002", date(2026, 11, 2), report_sent_on=date(2026, 11, 3))
    clock.set(utc(2026, 11, 30, 23, 59))
    assert [(i.overdue, i.text.split(": ", 1)[1]) for i in items(ws, home)] == [(False, f"due by 30/11/2026 {TARGET}")]
    clock.set(utc(2026, 12, 1, 0, 0))
    found = [i for i in items(ws, home) if i.record_ref == "V-001"]
    assert [(i.overdue, i.text.split(": ", 1)[1]) for i in found] == [(True, f"was due by 30/11/2026 {TARGET}")]


def test_the_homes_own_target_gives_the_date_and_is_named(ws, home, jo):
    add_visit(ws, home, jo, "V-001", date(2026, 11, 2), report_received_on=date(2026, 11, 5))
    visits.set_report_target(ws, home, ReportTarget(TargetRule.DAYS_AFTER, 14))
    assert shown(ws, home)[0][2:] == (True, "reg 44(7)", "Send the report to Ofsted (visit on 02/11/2026): was due by "
                                                         "16/11/2026 (the home's target: within 14 days of the visit)")


# recommendations to decide (reg 44(5)) --------------------------------------------------------------------------

def test_each_pending_recommendation_with_its_date_or_none(ws, home, jo):
    v = add_visit(ws, home, jo, "V-001", date(2026, 11, 2), report_sent_on=date(2026, 11, 6))

    def rec(ref, text, by=None, **changes):
        visits.save_recommendation(ws, Recommendation(home.id, ref, v.id, text, consider_by=by, **changes))

    rec("REC-001", "Repair the garden gate", date(2026, 12, 5))
    rec("REC-002", "Review the night-time staffing on weekends, especially when two new children arrive close "
                   "together", date(2026, 11, 21))
    rec("REC-003", "Repaint the lounge")
    rec("REC-004", "Replace the kitchen blind", date(2026, 11, 20), decision=Decision.ACCEPTED,
        decided_on=date(2026, 11, 10))
    rec("REC-005", "Update the missing from care protocol", date(2026, 11, 22))  # today: still in time
    rec("REC-006", "Check the fire doors", date(2026, 11, 15), decision=Decision.ACCEPTED,
        decided_on=date(2026, 11, 24))  # decided on a later date: still pending as at today
    assert [(r, o, t) for _a, r, o, _c, t in shown(ws, home)] == [
        ("REC-006", True, "Decide on the recommendation \u201cCheck the fire doors\u201d from the visit on "
                          "02/11/2026: was to be decided by 15/11/2026"),
        ("REC-002", True, "Decide on the recommendation \u201cReview the night-time staffing on "
                          "weekends\u2026\u201d from the visit on 02/11/2026: was to be decided by 21/11/2026"),
        ("REC-005", False, "Decide on the recommendation \u201cUpdate the missing from care protocol\u201d from the "
                           "visit on 02/11/2026: to decide by 22/11/2026"),
        ("REC-001", False, "Decide on the recommendation \u201cRepair the garden gate\u201d from the visit on "
                           "02/11/2026: to decide by 05/12/2026"),
        ("REC-003", False, "Decide on the recommendation \u201cRepaint the lounge\u201d from the visit on "
                           "02/11/2026: no date set to consider it by"),
    ]
    assert {c for _a, _r, _o, c, _t in shown(ws, home)} == {"reg 44(5)"}


def test_a_quote_is_one_short_line():
    assert quote("Fix\nthe   gate") == "\u201cFix the gate\u201d"
    long = quote("a" * 100)
    assert long == "\u201c" + "a" * 48 + "\u2026\u201d"


# inspections and the dialogue with Ofsted ---------------------------------------------------------------------------

def test_requirements_not_met_and_open_follow_ups(ws, home):
    made = inspections.save_inspection(ws, Inspection(home.id, "INS-01", date(2026, 3, 10), InspectionType.FULL))

    def action(ref, kind=ActionKind.REQUIREMENT, **changes):
        inspections.save_action(ws, InspectionAction(home.id, ref, made.id, kind, f"Text of {ref}", **changes))

    action("IA-001", regulation="reg 12", due_on=date(2026, 5, 1), status=ActionStatus.IN_PROGRESS)
    action("IA-002", regulation="reg 35", due_on=date(2026, 12, 1))
    action("IA-003", due_on=date(2026, 4, 1), status=ActionStatus.MET, completed_on=date(2026, 3, 30))
    action("IA-004", ActionKind.RECOMMENDATION, due_on=date(2026, 4, 1))  # a recommendation: not a requirement
    action("IA-005")
    inspections.save_contact(ws, OfstedContact(home.id, "OC-001", date(2026, 11, 2), follow_up="Send the plan"))
    inspections.save_contact(ws, OfstedContact(home.id, "OC-002", date(2026, 11, 3), follow_up="Call back",
                                               follow_up_done_on=date(2026, 11, 4)))
    later = inspections.save_inspection(ws, Inspection(home.id, "INS-02", date(2026, 12, 1), InspectionType.FULL))
    inspections.save_action(ws, InspectionAction(home.id, "IA-006", later.id, ActionKind.REQUIREMENT, "Not yet"))
    inspections.save_contact(ws, OfstedContact(home.id, "OC-003", date(2026, 11, 23), follow_up="Not yet"))
    found = [i for i in shown(ws, home) if i[0] == "inspections"]  # nothing dated after today (22/11/2026)
    assert found == [
        ("inspections", "IA-001", True, "reg 12", "Meet the requirement \u201cText of IA-001\u201d of the "
                                                  "inspection of 10/03/2026: was due by 01/05/2026 (in progress)"),
        ("inspections", "IA-002", False, "reg 35", "Meet the requirement \u201cText of IA-002\u201d of the "
                                                   "inspection of 10/03/2026: due by 01/12/2026"),
        ("inspections", "IA-005", False, "Ofsted requirement", "Meet the requirement \u201cText of IA-005\u201d of "
                                                               "the inspection of 10/03/2026: no date set to meet "
                                                               "it by"),
        ("inspections", "OC-001", False, "Narey rec 19", "Follow up the contact with Ofsted on 02/11/2026: "
                                                         "\u201cSend the plan\u201d"),
    ]


# order and permission ---------------------------------------------------------------------------------------------

def test_overdue_first_then_by_date_then_undated(ws, home, jo):
    v = add_visit(ws, home, jo, "V-001", date(2026, 9, 9))  # report due 31/10: overdue
    visits.save_recommendation(ws, Recommendation(home.id, "REC-001", v.id, "Undated"))
    visits.save_recommendation(ws, Recommendation(home.id, "REC-002", v.id, "Late", consider_by=date(2026, 10, 1)))
    visits.save_recommendation(ws, Recommendation(home.id, "REC-003", v.id, "Ahead", consider_by=date(2026, 12, 1)))
    made = inspections.save_inspection(ws, Inspection(home.id, "INS-01", date(2026, 3, 10), InspectionType.FULL))
    inspections.save_action(ws, InspectionAction(home.id, "IA-001", made.id, ActionKind.REQUIREMENT, "Req",
                                                 due_on=date(2026, 11, 25)))
    inspections.save_contact(ws, OfstedContact(home.id, "OC-001", date(2026, 11, 2), follow_up="Send the plan"))
    found = items(ws, home)
    assert [(i.record_ref, i.overdue) for i in found] == [
        ("REC-002", True), ("V-001", True),                          # overdue, oldest date first
        ("IA-001", False), ("Nov 2026", False), ("REC-003", False),  # due 25/11, 30/11, 01/12
        ("OC-001", False), ("REC-001", False)]                       # no date: last, by reference


def test_as_at_an_earlier_moment(ws, home, jo):
    add_visit(ws, home, jo, "V-001", date(2026, 11, 2))
    # as at 01/11 the visit of 02/11 had not happened: November's visit is still to do, and no report is due
    assert [i.record_ref for i in items(ws, home, utc(2026, 11, 1, 12, 0))] == ["Nov 2026"]


@pytest.mark.parametrize("role, allowed", [(Role.CARE_STAFF, False), (Role.SENIOR, True),
                                           (Role.PROVIDER_VIEWER, True)])
def test_who_may_see_them(ws, home, role, allowed):
    accounts.add_account(ws, Account("other", "Other Person", role, home_ids=frozenset({home.id})),
                         "a long pass phrase")
    other = Workspace.open(ws.db.path, Credentials("other", "a long pass phrase"), clock=ws.clock)
    try:
        if allowed:
            assert [i.record_ref for i in items(other, home)] == ["Nov 2026"]
        else:
            with pytest.raises(NotPermitted):
                items(other, home)
    finally:
        other.close()
