"""The inspections area as a user sees it: the list of inspections with its requirements below, the inspection and
requirement editors, the plain words of Narey recommendation 22, the two tabs kept in step, and a senior who reads."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox

from inspect_app.domain.inspections import ADEQUATE_HOME, Inspection, InspectionAction, OfstedContact
from inspect_app.domain.vocabulary import ActionKind, ActionStatus, InspectionType, InterimOutcome, Judgement
from inspect_app.services import inspections
from inspect_app.ui.inspections import InspectionsArea
from inspect_app.ui.inspections.inspection_editor import ONLY_FULL
from inspect_app.ui.inspections.inspections_tab import InspectionsTab
from inspect_app.ui.tabbed_area import TabbedArea
from tests.ui.lists_and_editors import cell, click_save, drawn, open_page, visible_refs

J = Judgement
SENIOR_REFUSED = ("A senior account cannot record independent visits, inspections and contacts with Ofsted. Ask a "
                  "manager if this needs doing.")


def full(home, ref: str, started: date, overall, helped, leadership, published: date | None = None) -> Inspection:
    return Inspection(home.id, ref, started, InspectionType.FULL, overall, helped, leadership,
                      published_on=published)


@pytest.fixture
def known(ws, home):
    """Three full inspections; as at 22/11/2026 IA-003 (due 31/10/2026, in progress) is overdue."""
    first = inspections.save_inspection(ws, full(home, "INS-01", date(2024, 3, 12), J.GOOD, J.GOOD, J.GOOD,
                                                 date(2024, 4, 20)))
    second = inspections.save_inspection(ws, full(home, "INS-02", date(2025, 2, 4), J.REQUIRES_IMPROVEMENT, J.GOOD,
                                                  J.REQUIRES_IMPROVEMENT, date(2025, 3, 10)))
    third = inspections.save_inspection(ws, full(home, "INS-03", date(2026, 6, 9), J.REQUIRES_IMPROVEMENT,
                                                 J.REQUIRES_IMPROVEMENT, J.GOOD, date(2026, 7, 14)))
    for inspection, ref, kind, due, status, completed in (
            (second, "IA-001", ActionKind.REQUIREMENT, date(2025, 4, 30), ActionStatus.MET, date(2025, 4, 2)),
            (second, "IA-002", ActionKind.RECOMMENDATION, None, ActionStatus.MET, date(2025, 3, 28)),
            (third, "IA-003", ActionKind.REQUIREMENT, date(2026, 10, 31), ActionStatus.IN_PROGRESS, None),
            (third, "IA-004", ActionKind.REQUIREMENT, date(2026, 9, 30), ActionStatus.MET, date(2026, 9, 12)),
            (third, "IA-005", ActionKind.REQUIREMENT, date(2026, 12, 15), ActionStatus.OPEN, None)):
        inspections.save_action(ws, InspectionAction(home.id, ref, inspection.id, kind, f"What {ref} asks.\nIn full.",
                                                     "32(4)" if kind is ActionKind.REQUIREMENT else "", due, status,
                                                     completed_on=completed))
    return first, second, third


def choose(view, ref: str) -> None:
    view.setCurrentIndex(view.model().index(visible_refs(view).index(ref), 0))


def pick(combo, value) -> None:
    combo.setCurrentIndex(combo.findData(value.value))


# the list and its detail --------------------------------------------------------------------------------------

def test_inspections_newest_first_with_judgements_and_requirements_met(qtbot, ws, home, known):
    tab = open_page(qtbot, InspectionsTab, ws, home)
    columns = tab.columns
    assert visible_refs(tab.view) == ["INS-03", "INS-02", "INS-01"]
    assert cell(tab.view, "INS-03", "Started") == "09/06/2026"
    assert cell(tab.view, "INS-03", "Type") == "Full"
    assert cell(tab.view, "INS-03", "Overall") == "Requires improvement"
    assert cell(tab.view, "INS-03", "Leadership and\nmanagement") == "Good"
    assert cell(tab.view, "INS-03", "Published") == "14/07/2026"
    assert cell(tab.view, "INS-03", "Requirements") == "1 overdue \u00b7 1 of 3 met"
    assert cell(tab.view, "INS-02", "Requirements") == "1 of 1 met"  # its recommendation (IA-002) is not counted
    assert cell(tab.view, "INS-01", "Requirements") == "None"
    # the scale's whole words are in the tooltip
    overall = tab.view.model().index(0, [c.title for c in columns].index("Overall"))
    assert "Requires improvement to be good" in tab.view.itemDelegate().tooltip(overall)
    interim = [c.title for c in columns].index("Interim\noutcome")
    assert tab.view.horizontalHeader().isSectionHidden(interim)  # no interim inspection to show


def test_the_newest_inspection_is_chosen_and_its_requirements_shown_below(qtbot, ws, home, known):
    tab = open_page(qtbot, InspectionsTab, ws, home)
    panel = tab.panel
    assert tab.selected_record().ref == "INS-03"
    assert visible_refs(panel.view) == ["IA-003", "IA-004", "IA-005"]
    assert panel.about.text() == "Of INS-03, the full inspection of 09/06/2026: 3 in all, 1 met, 1 overdue."
    assert cell(panel.view, "IA-003", "Status") == "Overdue \u00b7 in progress"
    assert cell(panel.view, "IA-004", "Completed") == "12/09/2026"
    assert cell(panel.view, "IA-005", "Status") == "Open"
    assert cell(panel.view, "IA-003", "What") == "What IA-003 asks. In full."
    marks = panel.view.itemDelegate()
    assert [drawn(panel.view, ref)[0] for ref in visible_refs(panel.view)] == [True, False, False]  # overdue: bold
    what = panel.proxy.index(0, [c.title for c in panel.model.columns].index("What"))
    assert marks.tooltip(what) == "<qt><p>What IA-003 asks.</p><p>In full.</p></qt>"  # every line, wrapped
    choose(tab.view, "INS-02")
    assert visible_refs(panel.view) == ["IA-001", "IA-002"]
    assert cell(panel.view, "IA-002", "Kind") == "Recommendation"
    choose(tab.view, "INS-01")
    assert visible_refs(panel.view) == []
    assert panel.about.text() == "Of INS-01, the full inspection of 12/03/2024: none recorded."


def test_the_search_narrows_the_inspections(qtbot, ws, home, known):
    tab = open_page(qtbot, InspectionsTab, ws, home)
    qtbot.keyClicks(tab.search, "2025")
    assert visible_refs(tab.view) == ["INS-02"]
    tab.refresh()  # as after a save elsewhere: the search stays as typed, and what it shows is chosen
    assert tab.search.text() == "2025" and visible_refs(tab.view) == ["INS-02"]
    assert visible_refs(tab.panel.view) == ["IA-001", "IA-002"]


# the inspection editor ------------------------------------------------------------------------------------------

def test_adding_an_inspection_by_typing(qtbot, ws, home, known):
    area = open_page(qtbot, InspectionsArea, ws, home)
    tab = area.inspections
    editor = tab.add()
    assert editor.ref.text() == "INS-04"
    assert editor.started_on.text() == "22/11/2026"  # today, from the workspace clock
    editor.started_on.clear()
    qtbot.keyClicks(editor.started_on, "17/11/2026")
    pick(editor.judgements["overall"], J.GOOD)
    pick(editor.judgements["helped_protected"], J.GOOD)
    pick(editor.judgements["leadership"], J.OUTSTANDING)
    with qtbot.waitSignal(area.records_changed):
        click_save(editor)
    assert not editor.isVisible()
    assert visible_refs(tab.view)[0] == "INS-04"
    assert tab.selected_record().ref == "INS-04"
    assert cell(tab.view, "INS-04", "Leadership and\nmanagement") == "Outstanding"
    assert tab.panel.about.text() == "Of INS-04, the full inspection of 17/11/2026: none recorded."
    saved = ws.inspections.by_ref(home.id, "INS-04")
    assert (saved.started_on, saved.type, saved.overall, saved.leadership, saved.published_on) == (
        date(2026, 11, 17), InspectionType.FULL, J.GOOD, J.OUTSTANDING, None)


def test_the_judgement_fields_follow_the_type(qtbot, ws, home):
    tab = open_page(qtbot, InspectionsTab, ws, home)
    editor = tab.add()
    judgements = list(editor.judgements.values())
    assert all(c.isEnabled() for c in judgements) and not editor.interim_outcome.isEnabled()
    pick(editor.judgements["overall"], J.GOOD)
    pick(editor.type, InspectionType.INTERIM)
    assert not any(c.isEnabled() for c in judgements) and editor.interim_outcome.isEnabled()
    assert editor.judgements["overall"].currentData() is None  # emptied: an interim inspection gives none
    assert editor.judgements["overall"].toolTip() == ONLY_FULL
    pick(editor.interim_outcome, InterimOutcome.SUSTAINED)
    pick(editor.type, InspectionType.ASSURANCE)
    assert not editor.interim_outcome.isEnabled() and editor.interim_outcome.currentData() is None
    pick(editor.type, InspectionType.INTERIM)
    pick(editor.interim_outcome, InterimOutcome.SUSTAINED)
    click_save(editor)
    saved = ws.inspections.by_ref(home.id, "INS-01")
    assert (saved.type, saved.overall, saved.interim_outcome) == (InspectionType.INTERIM, None,
                                                                 InterimOutcome.SUSTAINED)
    interim = [c.title for c in tab.columns].index("Interim\noutcome")
    assert not tab.view.horizontalHeader().isSectionHidden(interim)
    assert cell(tab.view, "INS-01", "Interim\noutcome") == "Sustained"


def test_a_bad_combination_shows_the_problem_under_the_field_and_saves_nothing(qtbot, ws, home, known):
    tab = open_page(qtbot, InspectionsTab, ws, home)
    editor = tab.add()
    pick(editor.judgements["helped_protected"], J.INADEQUATE)
    pick(editor.judgements["overall"], J.GOOD)
    qtbot.keyClicks(editor.published_on, "01/01/2026")
    click_save(editor)
    assert editor.problems.text_of("overall") == ("When help and protection is judged inadequate, the overall "
                                                  "judgement is inadequate too (Ofsted's framework).")
    assert editor.problems.text_of("published_on") == "The report is published before the inspection started."
    assert editor.judgements["overall"].property("invalid") is True
    assert editor.isVisible()
    assert ws.inspections.count(home.id) == 3


def test_a_problem_under_a_narrow_combo_is_as_wide_as_the_form_and_shown_whole(qtbot, ws, home, known):
    tab = open_page(qtbot, InspectionsTab, ws, home)
    editor = tab.add()
    pick(editor.judgements["helped_protected"], J.INADEQUATE)
    pick(editor.judgements["overall"], J.GOOD)
    click_save(editor)
    combo = editor.judgements["overall"]
    problem = next(label for label in editor.findChildren(QLabel)
                   if label.accessibleName() == "Problem with Overall experiences and progress")
    # two lines at the form's width, both shown once the dialog has grown to fit (the layout settles through events)
    two_lines = 2 * problem.fontMetrics().lineSpacing()
    qtbot.waitUntil(lambda: problem.height() >= problem.heightForWidth(problem.width()) >= two_lines)
    assert problem.isVisible() and combo.width() < editor.ref.width()  # the combo keeps its own width...
    assert problem.width() == editor.ref.width()  # ...and its problem has the form's, wrapping there


def test_a_start_date_that_is_not_a_date_is_shown_with_the_domain_problems(qtbot, ws, home):
    tab = open_page(qtbot, InspectionsTab, ws, home)
    editor = tab.add()
    editor.started_on.clear()
    qtbot.keyClicks(editor.started_on, "31/02/2026")
    editor.ref.clear()
    click_save(editor)
    assert "is not a date" in editor.problems.text_of("started_on")
    assert editor.problems.text_of("inspection_ref") == "A reference is required."
    assert ws.inspections.count(home.id) == 0


def test_every_inspection_field_has_an_accessible_name(qtbot, ws, home):
    tab = open_page(qtbot, InspectionsTab, ws, home)
    editor = tab.add()
    assert all(w.accessibleName() for w in editor.fields.values())
    assert editor.judgements["helped_protected"].accessibleDescription() == (
        "How well children and young people are helped and protected")


# requirements and recommendations --------------------------------------------------------------------------------

def test_adding_and_completing_a_requirement(qtbot, ws, home, known):
    tab = open_page(qtbot, InspectionsTab, ws, home)
    editor = tab.panel.add()
    assert editor.ref.text() == "IA-006"
    assert editor.made_by.text() == "INS-03, the full inspection of 09/06/2026"
    assert not editor.completed_on.isEnabled()  # a completion date goes with "met" only
    qtbot.keyClicks(editor.text, "The registered person must review every care plan within 28 days.")
    qtbot.keyClicks(editor.regulation, "14(1)")
    qtbot.keyClicks(editor.due_on, "31/12/2026")
    with qtbot.waitSignal(tab.records_changed):
        click_save(editor)
    assert visible_refs(tab.panel.view) == ["IA-003", "IA-004", "IA-005", "IA-006"]
    assert tab.panel.selected_action().ref == "IA-006"
    assert cell(tab.panel.view, "IA-006", "Status") == "Open"
    assert cell(tab.view, "INS-03", "Requirements") == "1 overdue \u00b7 1 of 4 met"

    editor = tab.panel.edit_selected()
    pick(editor.status, ActionStatus.MET)
    assert editor.completed_on.isEnabled()
    qtbot.keyClicks(editor.completed_on, "20/11/2026")
    qtbot.keyClicks(editor.progress, "All plans reviewed; audit on the 1st of each month.")
    with qtbot.waitSignal(tab.records_changed):
        click_save(editor)
    assert cell(tab.panel.view, "IA-006", "Status") == "Met"
    assert cell(tab.panel.view, "IA-006", "Completed") == "20/11/2026"
    assert cell(tab.view, "INS-03", "Requirements") == "1 overdue \u00b7 2 of 4 met"
    saved = ws.inspection_actions.by_ref(home.id, "IA-006")
    assert (saved.inspection_id, saved.kind, saved.regulation, saved.due_on, saved.status, saved.completed_on) == (
        known[2].id, ActionKind.REQUIREMENT, "14(1)", date(2026, 12, 31), ActionStatus.MET, date(2026, 11, 20))


def test_a_requirement_with_no_text_or_due_before_the_inspection_is_refused(qtbot, ws, home, known):
    tab = open_page(qtbot, InspectionsTab, ws, home)
    editor = tab.panel.add()
    qtbot.keyClicks(editor.due_on, "01/06/2026")
    click_save(editor)
    assert editor.problems.text_of("text") == "Write the requirement as the report gives it."
    assert editor.problems.text_of("due_on") == "The due date is before the inspection."
    assert ws.inspection_actions.count(home.id) == 5


def test_taking_a_requirement_back_from_met_empties_its_completion_date(qtbot, ws, home, known):
    tab = open_page(qtbot, InspectionsTab, ws, home)
    choose(tab.panel.view, "IA-004")
    editor = tab.panel.edit_selected()
    assert editor.completed_on.text() == "12/09/2026"
    pick(editor.status, ActionStatus.IN_PROGRESS)
    assert editor.completed_on.text() == "" and not editor.completed_on.isEnabled()
    click_save(editor)
    saved = ws.inspection_actions.by_ref(home.id, "IA-004")
    assert (saved.status, saved.completed_on) == (ActionStatus.IN_PROGRESS, None)


def test_enter_on_a_requirement_opens_it(qtbot, ws, home, known):
    tab = open_page(qtbot, InspectionsTab, ws, home)
    choose(tab.panel.view, "IA-005")
    qtbot.keyClick(tab.panel.view, Qt.Key_Return)
    assert tab.panel.editor is not None and tab.panel.editor.original.ref == "IA-005"


def test_no_requirement_can_be_added_before_there_is_an_inspection(qtbot, ws, home):
    tab = open_page(qtbot, InspectionsTab, ws, home)
    assert tab.panel.inspection is None
    assert not tab.panel.add_button.isEnabled()
    assert tab.panel.add() is None


# Narey recommendation 22 ------------------------------------------------------------------------------------------

def test_the_rec22_note_shows_for_requires_improvement_and_goes_after_a_good_full_inspection(qtbot, ws, home, known):
    area = open_page(qtbot, InspectionsArea, ws, home)
    tab = area.inspections
    assert not tab.note.isHidden() and tab.note.text() == ADEQUATE_HOME
    inspections.save_inspection(ws, Inspection(home.id, "INS-04", date(2026, 9, 20), InspectionType.MONITORING))
    area.refresh()
    assert not tab.note.isHidden()  # a monitoring inspection gives no judgement: the last one stands
    editor = tab.add()
    editor.started_on.clear()
    qtbot.keyClicks(editor.started_on, "18/11/2026")
    for combo in editor.judgements.values():
        pick(combo, J.GOOD)
    click_save(editor)
    assert tab.note.isHidden() and tab.note.text() == ""


def test_no_note_for_a_home_never_inspected(qtbot, ws, home):
    tab = open_page(qtbot, InspectionsTab, ws, home)
    assert tab.note.isHidden()
    assert tab.panel.about.text() == "Choose an inspection above to see what it asked of the home."


# the area ----------------------------------------------------------------------------------------------------------

def test_the_area_has_both_tabs_and_a_save_in_one_refreshes_the_other(qtbot, ws, home, known):
    area = open_page(qtbot, InspectionsArea, ws, home)
    assert [area.tabs.tabText(i) for i in range(area.tabs.count())] == ["&Inspections", "&Dialogue with Ofsted"]
    inspections.save_contact(ws, OfstedContact(home.id, "OC-001", date(2026, 11, 20), follow_up="Call back"))
    inspections.save_inspection(ws, full(home, "INS-04", date(2026, 11, 19), J.GOOD, J.GOOD, J.GOOD))
    area.tabs.setCurrentIndex(1)
    editor = area.contacts.add()
    with qtbot.waitSignal(area.records_changed):
        click_save(editor)
    assert visible_refs(area.inspections.view)[0] == "INS-04"  # the other tab read the records again
    inspections.save_contact(ws, OfstedContact(home.id, "OC-003", date(2026, 11, 21)))
    area.tabs.setCurrentIndex(0)
    editor = area.inspections.add()
    with qtbot.waitSignal(area.records_changed):
        click_save(editor)
    assert visible_refs(area.contacts.view) == ["OC-002", "OC-003", "OC-001"]


def test_ctrl_n_adds_to_the_tab_in_front(qtbot, ws, home, known):
    area = open_page(qtbot, InspectionsArea, ws, home)
    qtbot.waitExposed(area)
    area.activateWindow()  # a shortcut works in the active window; the hidden tab's does not compete
    qtbot.waitUntil(lambda: QApplication.activeWindow() is area)
    qtbot.keyClick(area.inspections.view, Qt.Key_N, Qt.ControlModifier)
    assert area.inspections.editor is not None and area.contacts.editor is None
    area.inspections.editor.done(0)
    area.tabs.setCurrentIndex(1)
    qtbot.keyClick(area.contacts.view, Qt.Key_N, Qt.ControlModifier)
    assert area.contacts.editor is not None and area.contacts.editor.ref.text() == "OC-001"


def test_ctrl_page_down_and_up_move_between_the_tabs_wherever_the_focus_is(qtbot, ws, home, known):
    area = open_page(qtbot, InspectionsArea, ws, home)
    assert isinstance(area, TabbedArea) and area.pages == (area.inspections, area.contacts)
    area.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is area)
    area.inspections.view.setFocus()
    qtbot.keyClick(area.inspections.view, Qt.Key_PageDown, Qt.ControlModifier)  # the list would keep it
    assert area.tabs.currentWidget() is area.contacts
    qtbot.keyClick(area.contacts.search, Qt.Key_PageUp, Qt.ControlModifier)
    assert area.tabs.currentWidget() is area.inspections
    qtbot.keyClick(area.inspections.view, Qt.Key_Tab, Qt.ControlModifier)
    assert area.tabs.currentWidget() is area.contacts


# a role that reads only ---------------------------------------------------------------------------------------------

def test_a_senior_reads_everything_but_cannot_add_or_edit(qtbot, ws, home, known, senior_ws):
    inspections.save_contact(ws, OfstedContact(home.id, "OC-001", date(2026, 11, 20), topic="Reg 44 reports"))
    area = open_page(qtbot, InspectionsArea, senior_ws, home)
    tab, panel, contacts = area.inspections, area.inspections.panel, area.contacts
    assert visible_refs(tab.view) == ["INS-03", "INS-02", "INS-01"]
    assert visible_refs(panel.view) == ["IA-003", "IA-004", "IA-005"]
    assert visible_refs(contacts.view) == ["OC-001"]
    choose(panel.view, "IA-003")
    contacts.view.setCurrentIndex(contacts.proxy.index(0, 0))
    for button in (tab.add_button, tab.edit_button, panel.add_button, panel.edit_button, contacts.add_button,
                   contacts.edit_button):
        assert not button.isEnabled()
        assert button.toolTip() == SENIOR_REFUSED
    assert tab.add() is None and panel.edit_selected() is None
    told = [box.text() for box in area.findChildren(QMessageBox) if box.isVisible()]
    assert told == [SENIOR_REFUSED, SENIOR_REFUSED]
    assert ws.inspections.count(home.id) == 3
