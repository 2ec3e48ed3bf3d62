"""The decision form of a referral (SPEC 2.7) as a user fills it in: every field in its group, the statement of
purpose beside it, the warnings as the fields change, problems under their fields, cancel, save and admit."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGroupBox, QLabel

from inspect_app.domain.placements import DEFAULT_NEEDS, PurposeVersion, Referral
from inspect_app.domain.records import Child, Staff
from inspect_app.domain.vocabulary import (
    DeciderRole, Ending, LegalStatus, ManagerView, ReferralDecision, RiskLevel, SopFit, StaffRole,
)
from inspect_app.services import placements, registers
from inspect_app.ui.referrals import referral_editor
from inspect_app.ui.referrals.pipeline_tab import PipelineTab
from inspect_app.ui.referrals.referral_form import GROUPS
from tests.ui.lists_and_editors import cell, click_save, focus_order, open_page

EBD, LD, AUTISM, MH, CSE, MISSING, SUBSTANCE, OFFENDING = DEFAULT_NEEDS[:8]
ACCEPTED = ReferralDecision.ACCEPTED


def two_versions(ws, home) -> list[PurposeVersion]:
    """Two versions: from 2025 (no emergencies, 10 to 17) and from 01/04/2026 (risk of CSE added, emergencies)."""
    return [placements.save_purpose(ws, PurposeVersion(home.id, date(2025, 1, 1), (EBD, LD, AUTISM, MH), 10, 17, 4)),
            placements.save_purpose(ws, PurposeVersion(home.id, date(2026, 4, 1), (EBD, LD, AUTISM, MH, CSE), 11,
                                                       17, 4, True))]


@pytest.fixture
def purposes(ws, home) -> list[PurposeVersion]:
    return two_versions(ws, home)


@pytest.fixture
def pat(ws, home) -> Staff:
    return registers.save_staff(ws, Staff(home_id=home.id, ref="S-09", full_name="Pat Moss",
                                          role=StaffRole.REGISTERED_MANAGER))


def referral(ws, home, ref: str, referred_on: date, **fields) -> Referral:
    fields.setdefault("child_initials", "J.K.")
    return placements.save_referral(ws, Referral(home_id=home.id, ref=ref, referred_on=referred_on, **fields))


def accepted(ws, home, ref="RF-001", **fields) -> Referral:
    """Accepted by the manager with the manager's support, within the statement, assessed before admission."""
    values = dict(age_at_referral=14, placing_authority="Kent County Council", emergency=False, needs=(EBD,),
                  sop_fit=SopFit.WITHIN, impact_assessed_on=date(2026, 10, 5), impact_risk=RiskLevel.LOW,
                  manager_view=ManagerView.SUPPORT, decision=ACCEPTED, decided_by="Pat Moss",
                  decided_by_role=DeciderRole.REGISTERED_MANAGER, decided_on=date(2026, 10, 6))
    values.update(fields)
    return referral(ws, home, ref, date(2026, 10, 1), **values)


def admitted_child(ws, home, admitted_on: date = date(2026, 10, 9)) -> Child:
    """Amy Brown on the register from the day a referral's admission says (the two must agree)."""
    return registers.save_child(ws, Child(home.id, "C-09", "Amy", "Brown", admitted_on))


def pick(combo, value) -> None:
    combo.setCurrentIndex(combo.findData(getattr(value, "value", value)))


def open_editor(qtbot, ws, home, ref: str | None = None):
    page = open_page(qtbot, PipelineTab, ws, home)
    if ref is None:
        return page, page.add()
    page.select(ws.referrals.by_ref(home.id, ref).id)
    return page, page.edit_selected()


# the fields -----------------------------------------------------------------------------------------------------

def test_every_field_of_a_referral_is_on_the_form_in_its_group(qtbot, ws, home, purposes):
    _page, editor = open_editor(qtbot, ws, home)
    titles = [g.title() for g in editor.fields.findChildren(QGroupBox)]
    assert titles == list(GROUPS)
    assert list(editor.fields.inputs) == [
        "referral_ref", "referred_on", "child_initials", "age_at_referral", "placing_authority", "emergency",
        "sop_fit", "sop_notes", "impact_assessed_on", "impact_risk", "impact_summary", "impact_mitigations",
        "manager_view", "manager_view_reason", "decision", "decided_by", "decided_by_role", "decided_on",
        "rationale", "child_ref", "admitted_on", "ended_on", "ending"]
    assert tuple(editor.fields.needs.boxes) == placements.need_categories(ws)
    assert (editor.fields.ref.text(), editor.fields.referred_on.text()) == ("RF-001", "22/11/2026")
    assert editor.fields.decision.currentText() == "Pending"
    assert editor.windowTitle() == "New referral"
    assert all(w.accessibleName() for w in editor.fields.inputs.values())
    first = editor.fields.ref
    assert focus_order(first, list(editor.fields.inputs.values())) == list(editor.fields.inputs.values())


def test_typing_a_referral_and_saving_writes_it(qtbot, ws, home, purposes, pat):
    page, editor = open_editor(qtbot, ws, home)
    f = editor.fields
    f.referred_on.clear()
    qtbot.keyClicks(f.referred_on, "10/11/2026")
    qtbot.keyClicks(f.initials, "T.R.")
    qtbot.keyClicks(f.age, "15")
    qtbot.keyClicks(f.authority, "Surrey County Council")
    pick(f.emergency, False)
    f.needs.boxes[EBD].setChecked(True)
    f.needs.boxes[CSE].setChecked(True)
    pick(f.fit, SopFit.WITHIN)
    qtbot.keyClicks(f.assessed_on, "12/11/2026")
    pick(f.risk, RiskLevel.MEDIUM)
    qtbot.keyClicks(f.summary, "Has gone missing with peers")
    pick(f.view, ManagerView.SUPPORT)
    pick(f.decision, ACCEPTED)
    f.decided_by.setCurrentText("Pat Moss")  # a manager on the staff register: her role follows
    assert f.role.currentData() == DeciderRole.REGISTERED_MANAGER.value
    qtbot.keyClicks(f.decided_on, "14/11/2026")
    qtbot.keyClicks(f.rationale, "Within our purpose; risks manageable")
    with qtbot.waitSignal(page.records_changed):
        click_save(editor)
    saved = ws.referrals.by_ref(home.id, "RF-001")
    assert (saved.referred_on, saved.child_initials, saved.age_at_referral, saved.placing_authority) == (
        date(2026, 11, 10), "T.R.", 15, "Surrey County Council")
    assert (saved.emergency, saved.needs, saved.sop_fit, saved.impact_assessed_on, saved.impact_risk) == (
        False, (EBD, CSE), SopFit.WITHIN, date(2026, 11, 12), RiskLevel.MEDIUM)
    assert (saved.decision, saved.decided_by, saved.decided_by_role, saved.decided_on, saved.rationale) == (
        ACCEPTED, "Pat Moss", DeciderRole.REGISTERED_MANAGER, date(2026, 11, 14), "Within our purpose; risks "
                                                                                  "manageable")
    assert not editor.isVisible()
    assert page.selected_record().ref == "RF-001"
    assert cell(page.view, "RF-001", "Decision") == "Accepted\n14/11/2026"


def test_editing_keeps_what_was_not_changed(qtbot, ws, home, purposes):
    accepted(ws, home, sop_notes="Fits well", impact_mitigations="Extra waking night")
    _page, editor = open_editor(qtbot, ws, home, "RF-001")
    assert editor.windowTitle() == "Referral RF-001"
    assert not editor.dirty
    qtbot.keyClicks(editor.fields.admitted_on, "09/10/2026")
    click_save(editor)
    saved = ws.referrals.by_ref(home.id, "RF-001")
    assert (saved.admitted_on, saved.sop_notes, saved.impact_mitigations, saved.needs) == (
        date(2026, 10, 9), "Fits well", "Extra waking night", (EBD,))


# problems under their fields --------------------------------------------------------------------------------------

def test_each_problem_is_shown_under_its_field_and_nothing_is_saved(qtbot, ws, home, purposes):
    _page, editor = open_editor(qtbot, ws, home)
    f = editor.fields
    qtbot.keyClicks(f.decided_on, "22/11/2026")  # with the decision still pending
    qtbot.keyClicks(f.admitted_on, "31/02/2026")
    qtbot.keyClicks(f.ended_on, "22/11/2026")
    click_save(editor)
    problems = f.problems
    assert problems.text_of("child_initials") == "Give the child's initials (or choose the child, once admitted)."
    assert problems.text_of("decided_on") == "A pending referral has no decision date: choose the decision."
    assert problems.text_of("admitted_on") == '"31/02/2026" is not a date, for example 03/04/2011.'  
    assert problems.text_of("ended_on") == "A placement can only end after an admission."
    assert problems.text_of("ending") == "Say whether the ending was planned or unplanned."
    assert f.initials.property("invalid") is True and f.decided_on.property("invalid") is True
    assert editor.isVisible() and ws.referrals.for_home(home.id) == []


def test_a_reference_already_used_is_said_under_the_reference(qtbot, ws, home, purposes):
    accepted(ws, home)
    _page, editor = open_editor(qtbot, ws, home)
    assert editor.fields.ref.text() == "RF-002"
    editor.fields.ref.setText("RF-001")
    qtbot.keyClicks(editor.fields.initials, "A.B.")
    click_save(editor)
    assert "RF-001" in editor.fields.problems.text_of("referral_ref")
    assert len(ws.referrals.for_home(home.id)) == 1


def test_a_referral_date_that_cannot_be_read_hides_the_checks_that_need_it(qtbot, ws, home, purposes):
    _page, editor = open_editor(qtbot, ws, home)
    f = editor.fields
    f.referred_on.setText("soon")
    qtbot.keyClicks(f.initials, "A.B.")
    qtbot.keyClicks(f.assessed_on, "01/01/2026")
    click_save(editor)
    assert f.problems.text_of("referred_on").startswith('"soon" is not a date')
    assert f.problems.text_of("impact_assessed_on") == ""  # "before the referral" would compare with a stand-in
    assert editor.panel.in_effect.text() == "Type the referral date to see the statement of purpose in effect then."


# the statement of purpose beside the form ---------------------------------------------------------------------------

def test_the_statement_in_effect_on_the_referral_date_is_beside_the_form(qtbot, ws, home, purposes):
    _page, editor = open_editor(qtbot, ws, home)
    f, panel = editor.fields, editor.panel
    assert panel.in_effect.text() == "In effect on 22/11/2026: the version from 01/04/2026."
    assert panel.summary.text() == "Ages 11 to 17 · 4 places · takes emergency admissions"
    f.needs.boxes[EBD].setChecked(True)
    f.needs.boxes[OFFENDING].setChecked(True)
    assert panel.needs.text().splitlines()[:3] == ["Needs it is for:", f"✓ {EBD}", f"• {LD}"]
    assert panel.mismatches.text() == f"Needs not in the statement: {OFFENDING}."
    assert f.needs.boxes[OFFENDING].property("outside") is True and not f.needs.boxes[EBD].property("outside")
    f.referred_on.setText("03/03/2026")  # the earlier version: no emergencies, no CSE
    pick(f.emergency, True)
    f.needs.boxes[CSE].setChecked(True)
    qtbot.keyClicks(f.age, "18")
    assert panel.in_effect.text() == "In effect on 03/03/2026: the version from 01/01/2025."
    assert panel.mismatches.text().splitlines() == [
        f"Needs not in the statement: {CSE}; {OFFENDING}.", "Age 18 is outside the statement's ages 10 to 17.",
        "An emergency referral, while the statement takes no emergency admissions."]
    f.referred_on.setText("03/03/2024")
    assert panel.in_effect.text() == ("No statement of purpose is recorded for 03/03/2024: add its version on the "
                                      "Statement of purpose tab.")
    assert panel.mismatches.isHidden() and panel.needs.isHidden()


# the warnings, live -------------------------------------------------------------------------------------------------

def test_the_warnings_appear_and_go_as_the_fields_change(qtbot, ws, home, purposes):
    _page, editor = open_editor(qtbot, ws, home)
    f, panel = editor.fields, editor.panel
    assert panel.warnings.isHidden() and panel.calm.text() == "Nothing to flag in the decision as it stands."
    pick(f.decision, ACCEPTED)
    assert panel.warnings.text().startswith("Accepted with no impact risk assessment on the children already living "
                                            "here")
    pick(f.fit, SopFit.PARTLY)
    assert "Accepted while only partly within the statement of purpose" in panel.warnings.text()
    pick(f.role, DeciderRole.RESPONSIBLE_INDIVIDUAL)  # the final say is the registered manager's
    assert ("The rationale is needed: decided by the responsible individual, while the provider gives the final say "
            "to the registered manager (Narey recommendations 23 and 24).") in panel.warnings.text()
    assert f.rationale.placeholderText().startswith("required: decided by the responsible individual")
    qtbot.keyClicks(f.rationale, "No other bed in the county")
    assert "rationale" not in panel.warnings.text()
    qtbot.keyClicks(f.assessed_on, "21/11/2026")
    pick(f.fit, SopFit.WITHIN)
    assert panel.warnings.isHidden() and not panel.calm.isHidden()


def test_a_decision_against_the_managers_view_needs_its_rationale(qtbot, ws, home, purposes):
    _page, editor = open_editor(qtbot, ws, home)
    f = editor.fields
    pick(f.view, ManagerView.OPPOSE)
    pick(f.decision, ACCEPTED)
    pick(f.role, DeciderRole.OTHER)
    assert ("The rationale is needed: decided by someone else, while the provider gives the final say to the "
            "registered manager") in editor.panel.warnings.text()
    pick(f.role, DeciderRole.REGISTERED_MANAGER)  # the manager deciding against their own recorded view: say why
    assert "The rationale is needed: decided against the manager's view" in editor.panel.warnings.text()
    pick(f.view, ManagerView.SUPPORT)
    assert "rationale" not in editor.panel.warnings.text()
    pick(f.role, DeciderRole.RESPONSIBLE_INDIVIDUAL)
    placements.set_final_say(ws, home, DeciderRole.RESPONSIBLE_INDIVIDUAL)
    _page, editor = open_editor(qtbot, ws, home)
    pick(editor.fields.view, ManagerView.OPPOSE)
    pick(editor.fields.decision, ACCEPTED)
    pick(editor.fields.role, DeciderRole.RESPONSIBLE_INDIVIDUAL)  # the final say, but against the manager's view
    assert ("The rationale is needed: decided against the manager's view (Narey recommendations 23 and 24)."
            in editor.panel.warnings.text())


# cancel -------------------------------------------------------------------------------------------------------------

def test_cancel_asks_before_discarding_typing(qtbot, ws, home, purposes, monkeypatch):
    asked = []
    monkeypatch.setattr(referral_editor, "confirm_discard", lambda parent: asked.append(parent) or False)
    _page, editor = open_editor(qtbot, ws, home)
    editor.reject()  # nothing typed: closes without asking
    assert asked == [] and not editor.isVisible()
    _page, editor = open_editor(qtbot, ws, home)
    editor.fields.needs.boxes[AUTISM].setChecked(True)
    qtbot.keyClick(editor, Qt.Key_Escape)
    assert asked == [editor] and editor.isVisible()  # kept open, the typing kept
    assert editor.fields.needs.needs() == (AUTISM,)
    monkeypatch.setattr(referral_editor, "confirm_discard", lambda parent: True)
    editor.reject()
    assert not editor.isVisible() and ws.referrals.for_home(home.id) == []


# admitting ----------------------------------------------------------------------------------------------------------

def test_admit_puts_the_child_on_the_register_and_links_the_referral(qtbot, ws, home, purposes, amy):
    accepted(ws, home, admitted_on=date(2026, 10, 9))
    page, editor = open_editor(qtbot, ws, home, "RF-001")
    assert editor.fields.admit_button.isEnabled()
    editor.fields.admit_button.click()
    dialog = editor.admit_dialog
    assert dialog.ref.text() == "C-02"  # Amy is C-01
    intro = next(label for label in dialog.findChildren(QLabel) if label.objectName() == "hint")
    assert "admitted on 09/10/2026, placed by Kent County Council" in intro.text()  # from the referral: not typed
    assert dialog.windowTitle() == "Admit the child (J.K.)"
    qtbot.keyClicks(dialog.first_name, "Jay")
    qtbot.keyClicks(dialog.last_name, "King")
    qtbot.keyClicks(dialog.date_of_birth, "04/05/2012")
    pick(dialog.legal_status, LegalStatus.S20)
    with qtbot.waitSignal(page.records_changed):
        click_save(dialog)
    child = ws.children.by_ref(home.id, "C-02")
    assert (child.full_name, child.admitted_on, child.placing_authority, child.legal_status) == (
        "Jay King", date(2026, 10, 9), "Kent County Council", LegalStatus.S20)
    assert ws.referrals.by_ref(home.id, "RF-001").child_id == child.id
    assert editor.isVisible() and editor.fields.child.currentData() == child.id and not editor.dirty
    assert not editor.fields.admit_button.isEnabled()
    assert cell(page.view, "RF-001", "Child") == "Jay King"  # the register's name, once admitted


def test_admit_saves_what_was_typed_in_the_form_too(qtbot, ws, home, purposes):
    accepted(ws, home)
    _page, editor = open_editor(qtbot, ws, home, "RF-001")
    qtbot.keyClicks(editor.fields.admitted_on, "10/10/2026")
    qtbot.keyClicks(editor.fields.mitigations, "A waking night for a month")
    dialog = editor.admit()
    qtbot.keyClicks(dialog.first_name, "Jay")
    qtbot.keyClicks(dialog.last_name, "King")
    click_save(dialog)
    saved = ws.referrals.by_ref(home.id, "RF-001")
    assert (saved.admitted_on, saved.impact_mitigations) == (date(2026, 10, 10), "A waking night for a month")
    assert ws.children.get(saved.child_id).admitted_on == date(2026, 10, 10)


def test_admit_asks_for_the_admission_date_and_an_accepted_decision_first(qtbot, ws, home, purposes):
    accepted(ws, home)
    _page, editor = open_editor(qtbot, ws, home, "RF-001")
    assert editor.admit() is None
    assert editor.fields.problems.text_of("admitted_on") == "Give the date the child was admitted, then admit them."
    pick(editor.fields.decision, ReferralDecision.DECLINED)
    assert not editor.fields.admit_button.isEnabled()
    assert editor.fields.admit_button.toolTip().startswith("Accept the referral first")


def test_the_admit_dialog_shows_its_problems_and_asks_before_discarding(qtbot, ws, home, purposes, monkeypatch):
    from inspect_app.ui.registers import editor as editor_module

    accepted(ws, home, admitted_on=date(2026, 10, 9))
    _page, editor = open_editor(qtbot, ws, home, "RF-001")
    dialog = editor.admit()
    qtbot.keyClicks(dialog.date_of_birth, "01/01/2027")
    click_save(dialog)
    assert dialog.problems.text_of("first_name") == "The first name is required."
    assert dialog.problems.text_of("date_of_birth") == "The date of birth is after the admission date."
    assert ws.children.for_home(home.id) == [] and ws.referrals.by_ref(home.id, "RF-001").child_id is None
    asked = []
    monkeypatch.setattr(editor_module, "confirm_discard", lambda parent: asked.append(1) or False)
    dialog.reject()
    assert asked == [1] and dialog.isVisible()


def test_an_ending_is_recorded_on_the_form_and_on_the_register(qtbot, ws, home, purposes):
    amy = admitted_child(ws, home)
    accepted(ws, home, admitted_on=date(2026, 10, 9), child_id=amy.id)
    _page, editor = open_editor(qtbot, ws, home, "RF-001")
    assert editor.fields.child.currentData() == amy.id and not editor.fields.admit_button.isEnabled()
    qtbot.keyClicks(editor.fields.ended_on, "20/11/2026")
    pick(editor.fields.ending, Ending.UNPLANNED)
    click_save(editor)
    saved = ws.referrals.by_ref(home.id, "RF-001")
    assert (saved.ended_on, saved.ending, saved.child_id) == (date(2026, 11, 20), Ending.UNPLANNED, amy.id)
    assert ws.children.get(amy.id).left_on == date(2026, 11, 20)  # one record of the end: the register agrees
