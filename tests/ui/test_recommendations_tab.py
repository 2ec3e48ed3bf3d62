"""The recommendations tracker (reg 44(5)) as a user sees it: overdue first, plain statuses, filters, the editor."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QColor, QHelpEvent
from PySide6.QtWidgets import QStyleOptionViewItem, QToolTip

from inspect_app.domain.local_time import Period
from inspect_app.domain.visits import Recommendation, Visit, Visitor
from inspect_app.domain.vocabulary import Decision
from inspect_app.services import compliance, visits
from inspect_app.ui.visits.recommendations_tab import RecommendationsTab, Show
from tests.ui.lists_and_editors import cell, click_save, drawn, focus_order, open_page, visible_refs


def make_page(qtbot, ws, home) -> RecommendationsTab:
    return open_page(qtbot, RecommendationsTab, ws, home)


@pytest.fixture
def visitor(ws, home) -> Visitor:
    return visits.save_visitor(ws, Visitor(home_id=home.id, ref="IV-01", name="Jane Bloggs", organisation="Reg44 Ltd",
                                           appointed_on=date(2026, 1, 5)))


@pytest.fixture
def october(ws, home, visitor) -> Visit:
    return visits.save_visit(ws, Visit(home_id=home.id, ref="V-001", visitor_id=visitor.id,
                                       visited_on=date(2026, 10, 1)))


@pytest.fixture
def november(ws, home, visitor) -> Visit:
    return visits.save_visit(ws, Visit(home_id=home.id, ref="V-002", visitor_id=visitor.id,
                                       visited_on=date(2026, 11, 3)))


def add(ws, home, visit, ref, consider_by=None, decision=Decision.PENDING, decided_on=None, reason="",
        owner="", completed_on=None) -> Recommendation:
    return visits.save_recommendation(ws, Recommendation(
        home_id=home.id, ref=ref, visit_id=visit.id, text=f"Recommendation {ref}", consider_by=consider_by,
        decision=decision, decided_on=decided_on, reason=reason, owner=owner, completed_on=completed_on))


ACCEPTED, DECLINED = Decision.ACCEPTED, Decision.DECLINED


@pytest.fixture
def tracked(ws, home, october, november):
    """Today is 22/11/2026 (the clock fixture). Added out of order, so that the tracker's order is its own."""
    add(ws, home, october, "REC-001", date(2026, 11, 5), ACCEPTED, date(2026, 11, 1), owner="Sam Jones")
    add(ws, home, october, "REC-002", date(2026, 11, 5), ACCEPTED, date(2026, 10, 20),
        completed_on=date(2026, 11, 12))
    add(ws, home, october, "REC-003", date(2026, 11, 5), DECLINED, date(2026, 11, 2), "Already in the plan")
    add(ws, home, november, "REC-004")  # pending, with no date to consider it by
    add(ws, home, november, "REC-005", date(2026, 12, 5))
    add(ws, home, october, "REC-006", date(2026, 11, 5), ACCEPTED, date(2026, 11, 10))  # decided late
    add(ws, home, november, "REC-007", date(2026, 11, 22))  # due today: not yet overdue
    add(ws, home, october, "REC-008", date(2026, 11, 5))  # still pending: overdue
    add(ws, home, october, "REC-009", date(2026, 11, 1))  # overdue for longer
    add(ws, home, november, "REC-010", date(2026, 11, 30), ACCEPTED, date(2026, 11, 25))  # decided after today


# the tracker ----------------------------------------------------------------------------------------------------

def test_overdue_come_first_then_by_the_date_to_consider_them_by(qtbot, ws, home, tracked):
    page = make_page(qtbot, ws, home)
    # what needs deciding first; decided late (REC-006) is a finding with nothing left to decide
    assert visible_refs(page.view) == ["REC-009", "REC-008", "REC-007", "REC-010", "REC-005", "REC-004", "REC-006",
                                  "REC-001", "REC-002", "REC-003"]
    assert page.view.horizontalHeader().sortIndicatorSection() == page.column_of("Status")


def test_each_status_is_said_in_plain_words(qtbot, ws, home, tracked):
    page = make_page(qtbot, ws, home)
    assert {ref: cell(page.view, ref, "Status") for ref in visible_refs(page.view)} == {
        "REC-009": "Overdue: to be decided by 01/11/2026",
        "REC-008": "Overdue: to be decided by 05/11/2026",
        "REC-006": "Decided late (10/11/2026, due 05/11/2026)",
        "REC-007": "To decide by 22/11/2026",
        "REC-010": "To decide by 30/11/2026",  # decided on 25/11: as at today it is still to decide
        "REC-005": "To decide by 05/12/2026",
        "REC-004": "No date set to consider it by",
        "REC-001": "Accepted, in hand",
        "REC-002": "Done 12/11/2026",
        "REC-003": "Declined",
    }
    assert cell(page.view, "REC-003", "Decision") == "Declined: Already in the plan"
    assert cell(page.view, "REC-008", "Visit") == "V-001\n01/10/2026"
    assert cell(page.view, "REC-001", "Owner") == "Sam Jones"
    assert page.count.text() == "10 recommendations · 2 overdue · 6 to decide · 1 decided late"


def test_the_tracker_agrees_with_the_compliance_check(qtbot, ws, home, tracked):
    page = make_page(qtbot, ws, home)
    page.filter.setCurrentIndex(page.filter.findData(Show.OVERDUE))
    report = compliance.reg44_for(ws, home, Period(date(2026, 1, 1), date(2026, 11, 22)), ws.now())
    assert sorted(visible_refs(page.view)) == report.recommendations_overdue == ["REC-006", "REC-008", "REC-009"]


def test_the_user_may_sort_by_any_column(qtbot, ws, home, tracked):
    page = make_page(qtbot, ws, home)
    page.view.sortByColumn(page.column_of("Ref"), Qt.AscendingOrder)
    assert visible_refs(page.view)[:3] == ["REC-001", "REC-002", "REC-003"]
    page.view.sortByColumn(page.column_of("Consider\nby"), Qt.AscendingOrder)
    assert visible_refs(page.view)[0] == "REC-009" and visible_refs(page.view)[-1] == "REC-004"  # no date: last


def test_filters_show_the_open_and_the_overdue(qtbot, ws, home, tracked):
    page = make_page(qtbot, ws, home)
    page.filter.setCurrentIndex(page.filter.findData(Show.OPEN))
    # pending as at today, or accepted and not completed; declined and done ones are closed
    assert visible_refs(page.view) == ["REC-009", "REC-008", "REC-007", "REC-010", "REC-005", "REC-004", "REC-006",
                                  "REC-001"]
    page.filter.setCurrentIndex(page.filter.findData(Show.OVERDUE))
    assert visible_refs(page.view) == ["REC-009", "REC-008", "REC-006"]
    assert page.count.text() == "10 recommendations · 2 overdue · 6 to decide · 1 decided late · 3 shown"
    page.filter.setCurrentIndex(page.filter.findData(Show.ALL))
    assert len(visible_refs(page.view)) == 10


def test_search_finds_a_recommendation_by_any_detail(qtbot, ws, home, tracked):
    page = make_page(qtbot, ws, home)
    qtbot.keyClicks(page.search, "already in the")
    assert visible_refs(page.view) == ["REC-003"]


def test_overdue_rows_are_drawn_in_the_problem_colour(qtbot, ws, home, tracked):
    page = make_page(qtbot, ws, home)
    page.setStyleSheet("RecordTable { qproperty-problemColor: #123456; }")  # as resources/style.qss does
    page.ensurePolished()
    assert drawn(page.view, "REC-008", "Recommendation") == (True, "#123456")
    assert drawn(page.view, "REC-008", "Owner")[0]
    # decided late: only its status stands out, since nothing is left to decide
    assert drawn(page.view, "REC-006", "Status")[0] and not drawn(page.view, "REC-006", "Owner")[0]
    assert not drawn(page.view, "REC-007", "Recommendation")[0]
    option = QStyleOptionViewItem()  # selected, it still stands out
    page.view.itemDelegate().initStyleOption(option, page.proxy.index(visible_refs(page.view).index("REC-008"), 0))
    assert option.palette.highlightedText().color() == QColor("#123456")


def test_a_long_recommendation_is_whole_in_its_tooltip(qtbot, ws, home, october):
    text = "Review the missing-from-care protocol with the police liaison officer. " * 4
    visits.save_recommendation(ws, Recommendation(home_id=home.id, ref="REC-001", visit_id=october.id,
                                                  text=text + "\nThen brief every shift."))
    page = make_page(qtbot, ws, home)
    index = page.proxy.index(0, page.column_of("Recommendation"))
    assert index.data() == " ".join((text + " Then brief every shift.").split())  # the cell: one line
    assert index.data(Qt.ToolTipRole) == text + "\nThen brief every shift."
    # shown as paragraphs, so that Qt wraps them rather than drawing one line wider than the screen
    at = page.view.visualRect(index).center()
    event = QHelpEvent(QEvent.ToolTip, at, page.view.viewport().mapToGlobal(at))
    assert page.view.itemDelegate().helpEvent(event, page.view, QStyleOptionViewItem(), index)
    assert QToolTip.text() == f"<qt><p>{text}</p><p>Then brief every shift.</p></qt>"


# the editor -----------------------------------------------------------------------------------------------------

def test_adding_a_recommendation(qtbot, ws, home, tracked, sam):
    page = make_page(qtbot, ws, home)
    page.filter.setCurrentIndex(page.filter.findData(Show.OVERDUE))
    editor = page.add()
    assert editor.ref.text() == "REC-011"
    assert [editor.visit.itemText(i) for i in range(editor.visit.count())] == [
        "V-002 · 03/11/2026 · Jane Bloggs", "V-001 · 01/10/2026 · Jane Bloggs"]  # newest first, and chosen
    assert editor.visit.currentIndex() == 0
    assert "Sam Jones" in [editor.owner.itemText(i) for i in range(editor.owner.count())]
    qtbot.keyClicks(editor.text, "Refresh the training on de-escalation.")
    qtbot.keyClicks(editor.consider_by, "03/12/2026")
    qtbot.keyClicks(editor.owner.lineEdit(), "Dee Walsh")  # not on the staff register: a name is enough
    with qtbot.waitSignal(page.records_changed):
        click_save(editor)
    saved = ws.recommendations.by_ref(home.id, "REC-011")
    assert (saved.text, saved.consider_by, saved.decision, saved.owner) == (
        "Refresh the training on de-escalation.", date(2026, 12, 3), Decision.PENDING, "Dee Walsh")
    assert ws.visits.get(saved.visit_id).ref == "V-002"
    assert page.filter.currentData() is Show.ALL  # the overdue filter would have hidden it
    assert page.selected_record().ref == "REC-011"
    assert cell(page.view, "REC-011", "Status") == "To decide by 03/12/2026"


def test_fields_a_decision_does_not_need_are_disabled(qtbot, ws, home, october):
    page = make_page(qtbot, ws, home)
    editor = page.add()
    assert editor.decision.currentText() == "Pending"
    assert not any(w.isEnabled() for w in (editor.decided_on, editor.reason, editor.completed_on))
    editor.decision.setCurrentIndex(editor.decision.findData(Decision.ACCEPTED.value))
    assert all(w.isEnabled() for w in (editor.decided_on, editor.reason, editor.completed_on))
    qtbot.keyClicks(editor.completed_on, "20/11/2026")
    editor.decision.setCurrentIndex(editor.decision.findData(Decision.DECLINED.value))
    assert editor.decided_on.isEnabled() and editor.reason.isEnabled()
    assert not editor.completed_on.isEnabled() and editor.completed_on.text() == ""  # what is saved is what shows


def test_declining_without_a_reason_shows_the_problem_under_reason(qtbot, ws, home, october):
    page = make_page(qtbot, ws, home)
    editor = page.add()
    qtbot.keyClicks(editor.text, "Fit a lock to the office.")
    editor.decision.setCurrentIndex(editor.decision.findData(Decision.DECLINED.value))
    qtbot.keyClicks(editor.decided_on, "10/11/2026")
    click_save(editor)
    assert editor.problems.text_of("reason") == "Say why the recommendation was declined (reg 44(5))."
    assert editor.reason.property("invalid") is True
    assert editor.isVisible()
    assert ws.recommendations.for_home(home.id) == []
    qtbot.keyClicks(editor.reason, "The office is already locked at night.")
    click_save(editor)
    assert ws.recommendations.by_ref(home.id, "REC-001").reason == "The office is already locked at night."


def test_with_no_visit_recorded_the_editor_says_so(qtbot, ws, home):
    page = make_page(qtbot, ws, home)
    editor = page.add()
    assert editor.visit.currentIndex() == -1
    qtbot.keyClicks(editor.text, "Anything")
    click_save(editor)
    assert editor.problems.text_of("visit_ref") == "Choose the visit whose report made this recommendation."


def test_editing_keeps_what_was_not_changed(qtbot, ws, home, tracked):
    page = make_page(qtbot, ws, home)
    page.select(ws.recommendations.by_ref(home.id, "REC-001").id)
    editor = page.edit_selected()
    assert (editor.visit.currentText(), editor.owner.currentText()) == ("V-001 · 01/10/2026 · Jane Bloggs",
                                                                        "Sam Jones")
    assert editor.decision.currentText() == "Accepted" and editor.completed_on.isEnabled()
    qtbot.keyClicks(editor.completed_on, "21/11/2026")
    click_save(editor)
    saved = ws.recommendations.by_ref(home.id, "REC-001")
    assert (saved.completed_on, saved.decided_on, saved.owner) == (date(2026, 11, 21), date(2026, 11, 1), "Sam Jones")
    assert cell(page.view, "REC-001", "Status") == "Done 21/11/2026"


# who may change it ------------------------------------------------------------------------------------------------

def test_a_senior_reads_the_tracker_but_cannot_add(qtbot, home, tracked, senior_ws):
    page = make_page(qtbot, senior_ws, home)
    assert len(visible_refs(page.view)) == 10
    page.view.setCurrentIndex(page.proxy.index(0, 0))
    assert not page.add_button.isEnabled() and not page.edit_button.isEnabled()
    assert page.add_button.toolTip().startswith("A senior account cannot record independent visits")
    assert page.add() is None and page.editor is None


def test_the_selected_recommendation_is_shown_in_full_under_the_list(qtbot, ws, home, tracked):
    page = make_page(qtbot, ws, home)
    assert page.details.text() == "Choose a recommendation to read it in full here."
    page.select(ws.recommendations.by_ref(home.id, "REC-003").id)
    assert page.details.text() == ("REC-003 (visit V-001 of 01/10/2026): Recommendation REC-003. Declined on "
                                   "02/11/2026. Already in the plan.")
    page.filter.setCurrentIndex(page.filter.findData(Show.OVERDUE))
    assert page.details.text() == "Choose a recommendation to read it in full here."


def test_every_field_has_an_accessible_name_and_tab_goes_down_the_form(qtbot, ws, home, october):
    page = make_page(qtbot, ws, home)
    editor = page.add()
    assert all(w.accessibleName() for w in editor.fields.values())
    assert editor.text.tabChangesFocus() and editor.reason.tabChangesFocus()
    assert focus_order(editor.ref, list(editor.fields.values())) == list(editor.fields.values())
