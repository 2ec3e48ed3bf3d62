"""The pipeline of referrals as a user sees it: newest first, the filter by decision, what needs looking at marked in
colour and in words (reg 14(2)(a); Narey 23 and 24), the decision form opened from the list, and who may change it."""

from __future__ import annotations

from datetime import date, datetime, timezone

import pytest
from PySide6.QtCore import Qt

from inspect_app.domain.vocabulary import DeciderRole, Ending, ManagerView, ReferralDecision, RiskLevel, SopFit
from inspect_app.services import placements
from inspect_app.ui.main_window import MainWindow
from inspect_app.ui.referrals import ReferralsArea
from inspect_app.ui.referrals.pipeline_tab import PipelineTab, Show
from tests.ui.lists_and_editors import cell, drawn, open_page, visible_refs
from tests.ui.test_referrals_editor import EBD, OFFENDING, accepted, referral, two_versions

RED = "#123456"  # the style sheet's problem colour, as the tests set it


@pytest.fixture
def purposes(ws, home):
    return two_versions(ws, home)


@pytest.fixture
def pipeline(ws, home, purposes):
    """Today is 22/11/2026; the final say is the registered manager's (the default)."""
    accepted(ws, home, "RF-001", admitted_on=date(2026, 10, 9))  # nothing to flag
    referral(ws, home, "RF-002", date(2026, 5, 3), child_initials="J.K.", age_at_referral=16,
             placing_authority="Medway Council", emergency=True, needs=(EBD, OFFENDING), sop_fit=SopFit.PARTLY,
             manager_view=ManagerView.OPPOSE, decision=ReferralDecision.ACCEPTED, decided_by="Dana Hill",
             decided_by_role=DeciderRole.RESPONSIBLE_INDIVIDUAL, decided_on=date(2026, 5, 5),
             admitted_on=date(2026, 5, 6), ended_on=date(2026, 7, 1), ending=Ending.UNPLANNED)
    referral(ws, home, "RF-003", date(2026, 8, 14), child_initials="L.M.", decision=ReferralDecision.DECLINED,
             decided_by="Pat Moss", decided_by_role=DeciderRole.REGISTERED_MANAGER, decided_on=date(2026, 8, 20),
             rationale="No place free")
    referral(ws, home, "RF-004", date(2026, 11, 10), child_initials="T.R.", emergency=False)
    referral(ws, home, "RF-005", date(2026, 10, 2), child_initials="P.Q.", decision=ReferralDecision.WITHDRAWN,
             decided_on=date(2026, 10, 9))
    referral(ws, home, "RF-006", date(2026, 9, 1), child_initials="S.T.", sop_fit=SopFit.OUTSIDE,
             impact_assessed_on=date(2026, 9, 3), impact_risk=RiskLevel.LOW, decision=ReferralDecision.ACCEPTED,
             decided_by="Pat Moss", decided_by_role=DeciderRole.REGISTERED_MANAGER, decided_on=date(2026, 9, 4),
             rationale="The authority funds a specialist worker")


def make_page(qtbot, ws, home) -> PipelineTab:
    page = open_page(qtbot, PipelineTab, ws, home)
    page.setStyleSheet(f"RecordTable {{ qproperty-problemColor: {RED}; }}")  # as resources/style.qss does
    page.ensurePolished()
    return page


def test_the_referrals_newest_first_with_each_column_in_words(qtbot, ws, home, pipeline):
    page = make_page(qtbot, ws, home)
    assert visible_refs(page.view) == ["RF-004", "RF-005", "RF-001", "RF-006", "RF-003", "RF-002"]
    row = {title: cell(page.view, "RF-002", title) for title in (
        "Referred", "Child", "Age", "Placing\nauthority", "Fit", "Manager's\nview", "Decision", "Decided by",
        "Admitted")}
    assert row == {"Referred": "03/05/2026\nEmergency", "Child": "J.K.", "Age": "16",
                   "Placing\nauthority": "Medway Council", "Fit": "Partly\nreg 14(2)(a)", "Manager's\nview": "Opposes",
                   "Decision": "Accepted\nno rationale", "Decided by": "Dana Hill\nresponsible individual",
                   "Admitted": "06/05/2026\nno impact check"}
    assert cell(page.view, "RF-004", "Decision") == "Pending"
    assert cell(page.view, "RF-003", "Decision") == "Declined\n20/08/2026"
    assert cell(page.view, "RF-001", "Admitted") == "09/10/2026"
    assert cell(page.view, "RF-005", "Manager's\nview") == "Not\nrecorded"
    assert page.count.text() == "6 referrals · 1 pending · 3 accepted · 1 declined · 1 withdrawn · 2 to look at"


def test_what_needs_looking_at_is_marked_in_colour_and_said_in_words(qtbot, ws, home, pipeline):
    page = make_page(qtbot, ws, home)
    for title in ("Fit", "Decision", "Admitted"):
        assert drawn(page.view, "RF-002", title) == (True, RED)
    assert not drawn(page.view, "RF-002", "Child")[0]
    assert drawn(page.view, "RF-006", "Fit")[0]  # outside, even with its rationale: reg 14(2)(a)
    assert not drawn(page.view, "RF-006", "Decision")[0] and not drawn(page.view, "RF-006", "Admitted")[0]
    assert not any(drawn(page.view, "RF-001", title)[0] for title in ("Fit", "Decision", "Admitted"))
    assert cell(page.view, "RF-002", "Decision", Qt.ToolTipRole) == (
        "Accepted on 05/05/2026.\nThe rationale is needed: decided by the responsible individual, while the provider "
        "gives the final say to the registered manager (Narey recommendations 23 and 24).")
    page.select(ws.referrals.by_ref(home.id, "RF-002").id)
    assert page.details.text().startswith("RF-002: Accepted while only partly within the statement of purpose")
    page.select(ws.referrals.by_ref(home.id, "RF-001").id)
    assert page.details.text() == "RF-001: nothing to flag."


def test_the_marks_follow_who_has_the_final_say(qtbot, ws, home, pipeline):
    page = make_page(qtbot, ws, home)
    placements.set_final_say(ws, home, DeciderRole.RESPONSIBLE_INDIVIDUAL)
    page.refresh()
    assert cell(page.view, "RF-002", "Decision") == "Accepted\nno rationale"  # still against the manager's view
    assert cell(page.view, "RF-003", "Decision") == "Declined\n20/08/2026"  # it has its rationale
    assert cell(page.view, "RF-001", "Decision") == "Accepted\nno rationale"  # the manager, not the final say
    assert drawn(page.view, "RF-001", "Decision")[0]


def test_the_filter_shows_one_decision(qtbot, ws, home, pipeline):
    page = make_page(qtbot, ws, home)
    shown = {}
    for choice in Show:
        page.filter.setCurrentIndex(page.filter.findData(choice))
        shown[choice] = visible_refs(page.view)
    assert shown == {Show.ALL: ["RF-004", "RF-005", "RF-001", "RF-006", "RF-003", "RF-002"],
                     Show.PENDING: ["RF-004"], Show.ACCEPTED: ["RF-001", "RF-006", "RF-002"],
                     Show.DECLINED: ["RF-003"], Show.WITHDRAWN: ["RF-005"]}
    assert page.count.text().endswith(" · 1 shown")


def test_a_decision_dated_after_today_is_still_pending(qtbot, ws, home, purposes, clock):
    """A decision cannot be dated in the future; one dated after the day the window looks at (the computer's clock
    put back) is pending as at that day."""
    today = clock()
    clock.set(datetime(2026, 11, 25, 12, 0, tzinfo=timezone.utc))
    referral(ws, home, "RF-001", date(2026, 11, 20), decision=ReferralDecision.DECLINED,
             decided_on=date(2026, 11, 25), decided_by="Pat Moss", decided_by_role=DeciderRole.REGISTERED_MANAGER)
    clock.set(today)
    page = make_page(qtbot, ws, home)
    page.filter.setCurrentIndex(page.filter.findData(Show.PENDING))
    assert visible_refs(page.view) == ["RF-001"] and cell(page.view, "RF-001", "Decision") == "Pending"


def test_enter_and_double_click_open_the_decision_form(qtbot, ws, home, pipeline):
    page = make_page(qtbot, ws, home)
    page.select(ws.referrals.by_ref(home.id, "RF-003").id)
    qtbot.keyClick(page.view, Qt.Key_Return)
    assert page.editor is not None and page.editor.original.ref == "RF-003" and page.editor.isVisible()
    page.editor.done(0)
    index = page.proxy.index(visible_refs(page.view).index("RF-006"), 2)
    centre = page.view.visualRect(index).center()
    qtbot.mouseClick(page.view.viewport(), Qt.LeftButton, pos=centre)  # a double-click starts as a click
    qtbot.mouseDClick(page.view.viewport(), Qt.LeftButton, pos=centre)
    assert page.editor.original.ref == "RF-006"


def test_a_new_referral_saved_under_a_filter_that_hides_it_is_shown(qtbot, ws, home, pipeline):
    page = make_page(qtbot, ws, home)
    page.filter.setCurrentIndex(page.filter.findData(Show.DECLINED))
    editor = page.add()
    qtbot.keyClicks(editor.fields.initials, "Z.Z.")
    editor.save()
    assert page.filter.currentData() is Show.ALL and page.selected_record().ref == "RF-007"


def test_a_senior_reads_the_pipeline_and_is_told_why_it_cannot_change_it(qtbot, home, pipeline, senior_ws):
    page = make_page(qtbot, senior_ws, home)
    assert len(visible_refs(page.view)) == 6
    page.select(senior_ws.referrals.by_ref(home.id, "RF-001").id)
    assert not page.add_button.isEnabled() and not page.edit_button.isEnabled()
    assert page.add_button.toolTip().startswith("A senior account cannot change the home")
    assert not page.read_only.isHidden()
    assert page.read_only.text().endswith("The referrals are shown read-only.")
    qtbot.keyClick(page.view, Qt.Key_Return)
    assert page.editor is None


def test_a_manager_may_change_them(qtbot, ws, home, pipeline):
    from tests.conftest import signed_in_as
    from inspect_app.domain.roles import Role

    manager = signed_in_as(ws, home, Role.MANAGER)
    try:
        page = make_page(qtbot, manager, home)
        assert page.add_button.isEnabled() and page.read_only.isHidden()
    finally:
        manager.close()


def test_the_area_opens_from_the_window_with_its_three_tabs(qtbot, ws, home, pipeline):
    window = MainWindow(ws, home=home)
    qtbot.addWidget(window)
    area = window.show_area("referrals")
    assert isinstance(area, ReferralsArea)
    assert [area.tabs.tabText(i) for i in range(area.tabs.count())] == [
        "&Referrals", "&Outcomes", "Statement of &purpose"]
    area.tabs.setCurrentWidget(area.purpose)
    editor = area.pipeline.add()
    qtbot.keyClicks(editor.fields.initials, "Z.Z.")
    with qtbot.waitSignal(area.records_changed):
        editor.save()
