"""Keeping the records of independent visits, inspections and contacts with Ofsted: checked, permitted, audited."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from inspect_app.domain.errors import ValidationFailed
from inspect_app.domain.inspections import Inspection, InspectionAction, OfstedContact
from inspect_app.domain.records import Home
from inspect_app.domain.roles import Account, NotPermitted, Role
from inspect_app.domain.visits import ALL_CONDITIONS, Recommendation, ReportTarget, TargetRule, Visit, Visitor
from inspect_app.domain.vocabulary import (ActionKind, ActionStatus, Decision, DialoguePhase, Independence,
                                           InspectionType, Judgement, Opinion, RecordChecked)
from inspect_app.services import accounts, inspections, registers, visits
from inspect_app.services.verify import verify
from inspect_app.services.workspace import Credentials, Workspace
from inspect_app.storage import audit

PASS = "a long pass phrase"


@pytest.fixture
def visitor(ws, home):
    return visits.save_visitor(ws, Visitor(home.id, "IV-01", "Jo Bloggs", "Bloggs Consulting",
                                           appointed_on=date(2025, 1, 6), conditions=ALL_CONDITIONS,
                                           declared_independent_on=date(2025, 1, 6)))


@pytest.fixture
def visit(ws, home, visitor):
    return visits.save_visit(ws, Visit(home.id, "V-001", visitor.id, date(2026, 10, 31), announced=False,
                                       children_spoken_to=3, staff_spoken_to=2, parents_spoken_to=1,
                                       records_checked=(RecordChecked.RESTRAINT_LOG, RecordChecked.ROTA),
                                       premises_checked=True, safeguarded=Opinion.YES,
                                       wellbeing_promoted=Opinion.NOT_STATED, report_received_on=date(2026, 11, 4)))


def test_a_visit_reads_back_exactly_as_saved(ws, visit):
    again = ws.visits.get(visit.id)
    assert again == visit
    assert again.records_checked == (RecordChecked.RESTRAINT_LOG, RecordChecked.ROTA)
    assert isinstance(again.records_checked[0], RecordChecked)  # an enumeration member, not its spelling
    assert ws.visitors.get(visit.visitor_id).conditions == ALL_CONDITIONS


def test_every_problem_of_a_visit_is_named_and_nothing_is_saved(ws, home, visitor):
    bad = Visit(home.id, "V 1", visitor.id, date(2026, 10, 1), children_spoken_to=-1,
                report_sent_on=date(2026, 9, 30))
    with pytest.raises(ValidationFailed) as caught:
        visits.save_visit(ws, bad)
    assert {p.field for p in caught.value.problems} == {"visit_ref", "children_spoken_to", "report_sent_on"}
    assert ws.visits.count(home.id) == 0


def test_a_visit_needs_a_visitor_of_this_home(ws, home, visitor):
    other = registers.create_home(ws, Home(urn="SC654321", name="Elm House"))
    theirs = visits.save_visitor(ws, Visitor(other.id, "IV-01", "Someone Else"))
    with pytest.raises(ValidationFailed) as caught:
        visits.save_visit(ws, Visit(home.id, "V-001", theirs.id, date(2026, 10, 1)))
    assert [p.field for p in caught.value.problems] == ["visitor_ref"]


def test_a_visit_outside_the_visitors_appointment_is_refused(ws, home, visitor):
    ended = visits.save_visitor(ws, replace(visitor, ended_on=date(2026, 6, 30)))
    with pytest.raises(ValidationFailed, match="stopped being"):
        visits.save_visit(ws, Visit(home.id, "V-001", ended.id, date(2026, 7, 1)))
    with pytest.raises(ValidationFailed, match="appointed on 06/01/2025"):
        visits.save_visit(ws, Visit(home.id, "V-002", ended.id, date(2025, 1, 5)))
    assert visits.save_visit(ws, Visit(home.id, "V-003", ended.id, date(2026, 6, 30))).id  # the last day counts


def test_a_declaration_confirms_every_condition(ws, home):
    partial = Visitor(home.id, "IV-02", "Ann Other", conditions=(Independence.NOT_EMPLOYEE,),
                      declared_independent_on=date(2026, 1, 1))
    with pytest.raises(ValidationFailed) as caught:
        visits.save_visitor(ws, partial)
    assert [p.field for p in caught.value.problems] == ["conditions"]
    assert "no financial interest" in caught.value.problems[0].message
    # the conditions may be ticked before the declaration is signed
    assert visits.save_visitor(ws, replace(partial, declared_independent_on=None)).id


def test_references_are_unique_within_a_home(ws, home, visitor, visit):
    with pytest.raises(ValidationFailed, match="already used"):
        visits.save_visitor(ws, Visitor(home.id, "IV-01", "Second Person"))
    with pytest.raises(ValidationFailed, match="already used"):
        visits.save_visit(ws, replace(visit, id=None))


def test_a_recommendations_decision_rules(ws, home, visit):
    rec = Recommendation(home.id, "REC-001", visit.id, "Repair the garden gate", consider_by=date(2026, 11, 30))
    saved = visits.save_recommendation(ws, rec)
    assert saved.decision is Decision.PENDING
    with pytest.raises(ValidationFailed) as caught:
        visits.save_recommendation(ws, replace(saved, decision=Decision.DECLINED, decided_on=date(2026, 11, 10),
                                               completed_on=date(2026, 11, 12)))
    assert {p.field for p in caught.value.problems} == {"reason", "completed_on"}
    with pytest.raises(ValidationFailed) as caught:
        visits.save_recommendation(ws, replace(saved, decided_on=date(2026, 11, 10)))
    assert [p.field for p in caught.value.problems] == ["decided_on"]
    with pytest.raises(ValidationFailed) as caught:
        visits.save_recommendation(ws, replace(saved, consider_by=date(2026, 10, 30)))
    assert [p.field for p in caught.value.problems] == ["consider_by"]
    done = visits.save_recommendation(ws, replace(saved, decision=Decision.ACCEPTED, decided_on=date(2026, 11, 10),
                                                  owner=" Sam Jones ", completed_on=date(2026, 11, 20)))
    assert ws.recommendations.get(done.id).owner == "Sam Jones"


def test_the_report_target_is_a_setting_of_each_home(ws, home):
    assert visits.report_target(ws, home) == ReportTarget()  # the default: end of the month after the visit
    assert ReportTarget().due_on(date(2026, 12, 1)) == date(2027, 1, 31)
    visits.set_report_target(ws, home, ReportTarget(TargetRule.DAYS_AFTER, 14))
    assert visits.report_target(ws, home).due_on(date(2026, 12, 31)) == date(2027, 1, 14)
    other = registers.create_home(ws, Home(urn="SC654321", name="Elm House"))
    assert visits.report_target(ws, other) == ReportTarget()
    with pytest.raises(ValidationFailed):
        visits.set_report_target(ws, home, ReportTarget(TargetRule.DAYS_AFTER, 0))
    assert visits.report_target(ws, home).days == 14


def test_an_unreadable_stored_target_falls_back_to_the_default():
    assert ReportTarget.from_json({"rule": "fortnightly"}) == ReportTarget()
    assert ReportTarget.from_json(None) == ReportTarget()
    assert ReportTarget.from_json({"rule": "days_after", "days": 999}) == ReportTarget()
    assert ReportTarget.from_json({"rule": "end_of_month"}).rule is TargetRule.END_OF_MONTH


def test_inspections_judgements_follow_the_type(ws, home):
    full = Inspection(home.id, "INS-01", date(2026, 3, 10), InspectionType.FULL, Judgement.GOOD, Judgement.GOOD,
                      Judgement.REQUIRES_IMPROVEMENT, published_on=date(2026, 4, 20))
    assert inspections.save_inspection(ws, full).id
    with pytest.raises(ValidationFailed) as caught:
        inspections.save_inspection(ws, Inspection(home.id, "INS-02", date(2026, 9, 1), InspectionType.INTERIM,
                                                   overall=Judgement.GOOD, published_on=date(2026, 8, 1)))
    assert {p.field for p in caught.value.problems} == {"overall", "published_on"}
    with pytest.raises(ValidationFailed) as caught:
        inspections.save_inspection(ws, replace(full, id=None, ref="INS-03", helped_protected=Judgement.INADEQUATE))
    assert [p.field for p in caught.value.problems] == ["overall"]


def test_an_inspections_requirement_and_its_progress(ws, home):
    made = inspections.save_inspection(ws, Inspection(home.id, "INS-01", date(2026, 3, 10), InspectionType.FULL))
    req = InspectionAction(home.id, "IA-001", made.id, ActionKind.REQUIREMENT, "Keep reg 35 records complete",
                           regulation="reg 35", due_on=date(2026, 5, 1))
    saved = inspections.save_action(ws, req)
    assert saved.overdue_on(date(2026, 5, 2)) and not saved.overdue_on(date(2026, 5, 1))
    with pytest.raises(ValidationFailed) as caught:
        inspections.save_action(ws, replace(saved, completed_on=date(2026, 4, 1)))
    assert [p.field for p in caught.value.problems] == ["completed_on"]
    met = inspections.save_action(ws, replace(saved, status=ActionStatus.MET, completed_on=date(2026, 4, 1),
                                              progress="New checklist in use"))
    assert not met.overdue_on(date(2027, 1, 1))


def test_a_contact_with_ofsted(ws, home):
    contact = OfstedContact(home.id, "OC-001", date(2026, 6, 1), DialoguePhase.BETWEEN, "Regulatory inspector",
                            "Telephone", "Notification", follow_up_done_on=date(2026, 5, 1))
    with pytest.raises(ValidationFailed) as caught:
        inspections.save_contact(ws, contact)
    assert {p.field for p in caught.value.problems} == {"follow_up", "follow_up_done_on"}
    saved = inspections.save_contact(ws, replace(contact, follow_up="Send the plan", follow_up_done_on=None))
    assert saved.follow_up_open


@pytest.mark.parametrize("role", [Role.SENIOR, Role.PROVIDER_VIEWER, Role.CARE_STAFF])
def test_only_managers_and_responsible_individuals_record_them(ws, home, visitor, role):
    accounts.add_account(ws, Account("other", "Other Person", role, home_ids=frozenset({home.id})), PASS)
    other = Workspace.open(ws.db.path, Credentials("other", PASS), clock=ws.clock)
    try:
        with pytest.raises(NotPermitted):
            visits.save_visitor(other, replace(visitor, name="Changed"))
        with pytest.raises(NotPermitted):
            inspections.save_contact(other, OfstedContact(home.id, "OC-001", date(2026, 6, 1)))
        with pytest.raises(NotPermitted):
            visits.set_report_target(other, home, ReportTarget(TargetRule.END_OF_MONTH))
    finally:
        other.close()
    assert ws.visitors.get(visitor.id).name == "Jo Bloggs"


def test_changes_are_audited_and_an_outside_edit_is_found(ws, home, visit):
    visits.save_visit(ws, replace(visit, report_sent_on=date(2026, 11, 20)), reason="report sent")
    trail = audit.history(ws.db, "reg44_visit", visit.id)
    assert [row["action"] for row in trail] == ["create", "update"]
    assert trail[-1]["actor"] == "tester" and trail[-1]["reason"] == "report sent"
    assert verify(ws) == []
    ws.db.execute("UPDATE reg44_visits SET report_sent_on = '2026-11-01' WHERE id = ?", (visit.id,))
    problems = verify(ws)
    assert any("reg44_visit" in p and "report_sent_on" in p for p in problems)


def test_a_decision_needs_its_date_in_the_window_and_an_import_warns(ws, home, visit, tmp_path):
    from inspect_app.services.importing import import_csv

    rec = Recommendation(home.id, "REC-001", visit.id, "Repair the gate", consider_by=date(2026, 11, 30),
                         decision=Decision.ACCEPTED)
    with pytest.raises(ValidationFailed) as caught:
        visits.save_recommendation(ws, rec)
    assert [p.field for p in caught.value.problems] == ["decided_on"]
    result = import_csv(ws, home, "reg44_recommendations",
                        "rec_ref,visit_ref,text,consider_by,decision\nREC-001,V-001,Repair the gate,2026-11-30,accepted\n")
    assert result.added == 1
    assert [(w.line, w.column) for w in result.warnings] == [(2, "decided_on")]


def test_annex_a_counts_from_the_last_full_inspection_once_one_is_recorded(ws, home, amy):
    from inspect_app.services.compliance import default_annex_a_since

    assert default_annex_a_since(ws, home) == amy.admitted_on  # none recorded: since the first admission
    inspections.save_inspection(ws, Inspection(home.id, "INS-01", date(2025, 9, 1), InspectionType.FULL))
    inspections.save_inspection(ws, Inspection(home.id, "INS-02", date(2026, 3, 2), InspectionType.INTERIM))
    assert default_annex_a_since(ws, home) == date(2025, 9, 1)  # an interim inspection is not a full one
    inspections.save_inspection(ws, Inspection(home.id, "INS-03", date(2026, 12, 1), InspectionType.FULL))
    assert default_annex_a_since(ws, home) == date(2025, 9, 1)  # one dated after today is not yet known


def test_annex_a_does_not_count_from_the_inspection_under_way(ws, home, amy, clock):
    """Ofsted ask for Annex A on arrival: recording the inspection that started today must not shrink the period."""
    from inspect_app.services.compliance import default_annex_a_since

    last = inspections.save_inspection(ws, Inspection(home.id, "INS-01", date(2025, 9, 1), InspectionType.FULL,
                                                      published_on=date(2025, 10, 10)))
    now = inspections.save_inspection(ws, Inspection(home.id, "INS-02", date(2026, 11, 22), InspectionType.FULL))
    assert default_annex_a_since(ws, home) == last.started_on
    # the next day it is still under way: its report is not published, and the last one's was
    from datetime import datetime, timezone
    clock.set(datetime(2026, 11, 23, 9, tzinfo=timezone.utc))
    assert default_annex_a_since(ws, home) == last.started_on
    inspections.save_inspection(ws, replace(now, published_on=date(2026, 12, 20)))
    clock.set(datetime(2026, 12, 21, 9, tzinfo=timezone.utc))
    assert default_annex_a_since(ws, home) == now.started_on  # published: now it is the last full inspection


def test_a_record_of_another_home_cannot_be_changed_by_naming_this_one(ws, home, amy):
    """The permission is checked against the record's home: a stored record of another home stays as it was."""
    elm = registers.create_home(ws, Home(urn="SC654321", name="Elm House"))
    accounts.add_account(ws, Account("mo", "Mo Khan", Role.MANAGER, home_ids=frozenset({home.id})), PASS)
    theirs = inspections.save_contact(ws, OfstedContact(elm.id, "OC-001", date(2026, 6, 1), summary="Elm's own"))
    elm_child = registers.save_child(ws, replace(amy, id=None, home_id=elm.id))
    mo = Workspace.open(ws.db.path, Credentials("mo", PASS), clock=ws.clock)
    try:
        with pytest.raises(NotPermitted, match="another home"):
            inspections.save_contact(mo, replace(theirs, home_id=home.id, summary="overwritten"))
        with pytest.raises(NotPermitted, match="another home"):
            registers.save_child(mo, replace(elm_child, home_id=home.id, first_name="Changed"))
    finally:
        mo.close()
    assert ws.contacts.get(theirs.id).summary == "Elm's own" and ws.contacts.get(theirs.id).home_id == elm.id
    assert ws.children.get(elm_child.id).first_name == "Amy"


def test_an_outside_edit_of_the_report_target_is_found(ws, home):
    """The target decides which reports are late: changing it outside the program must show like any other edit."""
    visits.set_report_target(ws, home, ReportTarget(TargetRule.DAYS_AFTER, 14))
    assert verify(ws) == []
    ws.db.execute("UPDATE settings SET value = ? WHERE key = 'reg44_report_target'",
                  ('{"rule": "days_after", "days": 92}',))
    assert any("reg44_report_target" in p and "differs" in p for p in verify(ws))
    ws.db.execute("DELETE FROM settings WHERE key = 'reg44_report_target'")
    assert any("reg44_report_target" in p and "removed" in p for p in verify(ws))


def test_records_checked_are_read_as_people_write_them(ws, home, visitor):
    from inspect_app.services.importing import import_csv

    import_csv(ws, home, "reg44_visits", "visit_ref,visitor_ref,visited_on,records_checked\n"
                                         "V-001,IV-01,2026-10-01,Reg 45 report; Restraint log;ROTA\n")
    assert ws.visits.by_ref(home.id, "V-001").records_checked == (
        RecordChecked.RESTRAINT_LOG, RecordChecked.ROTA, RecordChecked.REG45_REPORT)  # in the checklist's order
