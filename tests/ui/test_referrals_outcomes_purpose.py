"""The placements' outcomes (length of stay, planned and unplanned endings, with the totals) and the statement of
purpose tab (its versions, adding one, and who may set the final say on placements) as a user sees them."""

from __future__ import annotations

from datetime import date

import pytest

from inspect_app.domain.placements import PurposeVersion
from inspect_app.domain.roles import Role
from inspect_app.domain.vocabulary import DeciderRole, Ending, ReferralDecision
from inspect_app.services import placements
from inspect_app.ui.referrals import ReferralsArea
from inspect_app.ui.referrals.outcomes_tab import OutcomesTab, totals_text
from inspect_app.ui.referrals.purpose_tab import ONLY_THE_RI, PurposeTab
from tests.conftest import signed_in_as
from tests.ui.lists_and_editors import cell, click_save, drawn, open_page, visible_refs
from tests.ui.test_referrals_editor import (AUTISM, CSE, EBD, LD, MH, accepted, admitted_child, referral,
                                           two_versions)

RED = "#123456"


@pytest.fixture
def purposes(ws, home):
    return two_versions(ws, home)


@pytest.fixture
def placed(ws, home, purposes):
    """Three placements as at 22/11/2026: one ended as planned after 30 days, one unplanned after 56, and Amy's
    still going (44 days so far); and a referral accepted but not yet admitted, which is no placement."""
    accepted(ws, home, "RF-001", admitted_on=date(2026, 10, 9), child_id=admitted_child(ws, home).id)
    accepted(ws, home, "RF-002", admitted_on=date(2026, 10, 7), ended_on=date(2026, 11, 6), ending=Ending.PLANNED,
             child_initials="A.A.")
    referral(ws, home, "RF-003", date(2026, 5, 3), child_initials="J.K.", decision=ReferralDecision.ACCEPTED,
             decided_on=date(2026, 5, 5), admitted_on=date(2026, 5, 6), ended_on=date(2026, 7, 1),
             ending=Ending.UNPLANNED, placing_authority="Medway Council")
    accepted(ws, home, "RF-004")


# outcomes -------------------------------------------------------------------------------------------------------

def test_each_placement_with_its_length_of_stay_and_ending(qtbot, ws, home, placed):
    page = open_page(qtbot, OutcomesTab, ws, home)
    assert visible_refs(page.view) == ["RF-001", "RF-002", "RF-003"]  # the newest admission first
    assert [cell(page.view, "RF-001", t) for t in ("Child", "Admitted", "Ended", "Length of stay", "Ending")] == [
        "Amy Brown", "09/10/2026", "", "44 days so far", "Still here"]
    assert [cell(page.view, "RF-003", t) for t in ("Child", "Placing authority", "Length of stay", "Ending")] == [
        "J.K.", "Medway Council", "56 days", "Unplanned"]
    assert cell(page.view, "RF-002", "Ending") == "Planned"


def test_the_totals_give_the_average_stay_and_the_endings(qtbot, ws, home, placed):
    page = open_page(qtbot, OutcomesTab, ws, home)
    # (44 + 30 + 56) / 3 = 43.3; the ended ones (30 + 56) / 2 = 43
    assert page.totals.text() == ("Average length of stay: 43 days over 3 placements (to today for the 1 still "
                                  "here); 43 days over the 2 ended.\nEndings: 1 planned, 1 unplanned (50% unplanned).")
    assert totals_text([]) == "No child has been admitted from a referral yet."


def test_an_unplanned_ending_stands_out(qtbot, ws, home, placed):
    page = open_page(qtbot, OutcomesTab, ws, home)
    page.setStyleSheet(f"RecordTable {{ qproperty-problemColor: {RED}; }}")
    page.ensurePolished()
    assert drawn(page.view, "RF-003", "Ending") == (True, RED)
    assert not drawn(page.view, "RF-002", "Ending")[0] and not drawn(page.view, "RF-001", "Ending")[0]


def test_a_placement_opens_its_referral_to_record_the_ending(qtbot, ws, home, placed):
    page = open_page(qtbot, OutcomesTab, ws, home)
    assert page.add_button.isHidden() and page.add() is None
    page.select(ws.referrals.by_ref(home.id, "RF-001").id)
    editor = page.edit_selected()
    qtbot.keyClicks(editor.fields.ended_on, "21/11/2026")
    editor.fields.ending.setCurrentIndex(editor.fields.ending.findData(Ending.PLANNED.value))
    click_save(editor)
    assert cell(page.view, "RF-001", "Length of stay") == "43 days"
    assert page.totals.text().endswith("Endings: 2 planned, 1 unplanned (33% unplanned).")


def test_an_admission_on_the_pipeline_shows_in_the_outcomes(qtbot, ws, home, placed):
    area = open_page(qtbot, ReferralsArea, ws, home)
    area.pipeline.select(ws.referrals.by_ref(home.id, "RF-004").id)
    editor = area.pipeline.edit_selected()
    qtbot.keyClicks(editor.fields.admitted_on, "20/11/2026")
    dialog = editor.admit()
    qtbot.keyClicks(dialog.first_name, "Jay")
    qtbot.keyClicks(dialog.last_name, "King")
    click_save(dialog)
    assert visible_refs(area.outcomes.view)[0] == "RF-004"
    assert cell(area.outcomes.view, "RF-004", "Child") == "Jay King"


# the statement of purpose -----------------------------------------------------------------------------------------

def test_the_versions_newest_first_and_which_is_in_effect(qtbot, ws, home, purposes):
    placements.save_purpose(ws, PurposeVersion(home.id, date(2027, 1, 1), (EBD,), 12, 17, 3))
    page = open_page(qtbot, PurposeTab, ws, home)
    assert [page.view.model().index(r, 0).data() for r in range(3)] == ["01/01/2027", "01/04/2026", "01/01/2025"]
    assert [cell(page.view, d, "In effect") for d in ("01/01/2027", "01/04/2026", "01/01/2025")] == [
        "Still to come", "In effect now", "Until 01/04/2026"]
    assert cell(page.view, "01/04/2026", "Needs it is for") == "; ".join((EBD, LD, AUTISM, MH, CSE))
    assert [cell(page.view, "01/01/2025", t) for t in ("Ages", "Places", "Emergency\nadmissions")] == [
        "10 to 17", "4", "No"]
    assert page.selected_record().effective_from == date(2026, 4, 1)  # the one in effect, read in full below
    assert page.details.text() == (f"From 01/04/2026 (in effect now): ages 11 to 17 · 4 places · takes emergency "
                                   f"admissions. Needs it is for: {EBD}; {LD}; {AUTISM}; {MH}; {CSE}.")


def test_a_new_version_starts_from_the_one_in_effect_and_is_saved(qtbot, ws, home, purposes):
    page = open_page(qtbot, PurposeTab, ws, home)
    editor = page.add()
    assert editor.effective_from.text() == "22/11/2026"
    assert editor.needs.needs() == (EBD, LD, AUTISM, MH, CSE)
    assert (editor.age_min.text(), editor.age_max.text(), editor.emergency.isChecked()) == ("11", "17", True)
    editor.needs.boxes[AUTISM].setChecked(False)
    editor.places.setText("5")
    qtbot.keyClicks(editor.notes, "Autism now outside our purpose")
    with qtbot.waitSignal(page.records_changed):
        click_save(editor)
    saved = placements.current_purpose(ws, home)
    assert (saved.effective_from, saved.needs, saved.places, saved.notes) == (
        date(2026, 11, 22), (EBD, LD, MH, CSE), 5, "Autism now outside our purpose")
    assert cell(page.view, "22/11/2026", "In effect") == "In effect now"


def test_a_version_with_its_problems_shown_under_their_fields(qtbot, ws, home, purposes):
    page = open_page(qtbot, PurposeTab, ws, home)
    editor = page.add()
    editor.effective_from.setText("01/04/2026")  # a version from that day exists
    for box in editor.needs.boxes.values():
        box.setChecked(False)
    editor.age_min.setText("16")
    editor.age_max.setText("12")
    click_save(editor)
    assert editor.problems.text_of("needs") == "Choose the range of needs the home is for."
    assert editor.problems.text_of("age_max") == "Oldest: the oldest age is below the youngest."
    assert editor.age_max.property("invalid") is True
    assert editor.isVisible() and len(placements.purpose_versions(ws, home)) == 2
    for name in (EBD, MH):
        editor.needs.boxes[name].setChecked(True)
    editor.age_max.setText("17")
    click_save(editor)
    assert editor.problems.text_of("effective_from").startswith("A version from 01/04/2026 is already recorded")


# the final say ----------------------------------------------------------------------------------------------------

def test_the_responsible_individual_sets_who_has_the_final_say(qtbot, ws, home, purposes):
    page = open_page(qtbot, PurposeTab, ws, home)
    box = page.final_say_box
    assert box.role.currentData() == DeciderRole.REGISTERED_MANAGER.value and box.role.isEnabled()
    assert not box.set_button.isEnabled() and box.note.isHidden()  # nothing changed yet
    box.role.setCurrentIndex(box.role.findData(DeciderRole.RESPONSIBLE_INDIVIDUAL.value))
    assert box.set_button.isEnabled()
    with qtbot.waitSignal(page.records_changed):
        box.set_button.click()
    assert placements.final_say(ws, home) is DeciderRole.RESPONSIBLE_INDIVIDUAL
    assert not box.set_button.isEnabled()


def test_a_manager_sees_the_final_say_read_only_and_why(qtbot, ws, home, purposes):
    manager = signed_in_as(ws, home, Role.MANAGER)
    try:
        page = open_page(qtbot, PurposeTab, manager, home)
        box = page.final_say_box
        assert page.add_button.isEnabled()  # a manager keeps the statement of purpose
        assert not box.role.isEnabled() and not box.set_button.isEnabled()
        assert box.note.text() == ONLY_THE_RI and not box.note.isHidden()
        assert box.set_button.toolTip() == ONLY_THE_RI
        assert box.save() is None  # the service refuses too, calmly
        assert box.general.text().startswith("Only the responsible individual sets who has the final say")
    finally:
        manager.close()


def test_a_senior_reads_the_versions_only(qtbot, home, purposes, senior_ws):
    page = open_page(qtbot, PurposeTab, senior_ws, home)
    assert page.model.rowCount() == 2 and not page.add_button.isEnabled()
    assert page.final_say_box.note.text().startswith("A senior account cannot change the home")


# the provider's need categories -------------------------------------------------------------------------------------

def test_the_need_categories_are_kept_from_the_purpose_tab(qtbot, ws, home, purposes, monkeypatch):
    from inspect_app.ui.referrals import need_categories

    page = open_page(qtbot, PurposeTab, ws, home)
    assert page.needs_button.isEnabled() and page.needs_text.text().startswith("Need categories: 10,")
    dialog = page.edit_needs()
    dialog.names.setPlainText("Autism\nautism")
    dialog.save()
    assert dialog.general.text() == "A category is listed twice." and dialog.isVisible()
    asked = []
    monkeypatch.setattr(need_categories, "confirm_discard", lambda parent: asked.append(1) or False)
    dialog.reject()
    assert asked == [1] and dialog.isVisible()  # kept open: the change is not lost
    dialog.names.setPlainText("Autism\nMental health\n\n  Self-harm  ")
    dialog.save()
    assert placements.need_categories(ws) == ("Autism", "Mental health", "Self-harm") and not dialog.isVisible()
    assert page.needs_text.text().startswith("Need categories: 3,")


@pytest.mark.parametrize("role", [Role.SENIOR, Role.MANAGER])
def test_only_the_ri_changes_the_need_categories(qtbot, ws, home, purposes, role):
    other = signed_in_as(ws, home, role)
    try:
        page = open_page(qtbot, PurposeTab, other, home)
        assert not page.needs_button.isEnabled() and page.needs_button.toolTip()
        if role is Role.MANAGER:
            assert page.needs_button.toolTip().startswith("Only the responsible individual keeps")
    finally:
        other.close()
