"""The visits tab as a user sees it: the twelve-month strip, the list of visits, the visit editor and the report
target, with records made through services/visits.py and the clock fixed at 22/11/2026 12:00 (UTC)."""

from __future__ import annotations

from datetime import date, datetime, timezone

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox, QPushButton

from inspect_app.domain.visits import ALL_CONDITIONS, Recommendation, ReportTarget, TargetRule, Visit, Visitor
from inspect_app.domain.vocabulary import Decision, Opinion, RecordChecked
from inspect_app.services import visits
from inspect_app.ui.app import load_style_sheet
from inspect_app.ui.registers import editor as editor_module
from inspect_app.ui.visits.calendar_strip import MonthState, month_cells
from inspect_app.ui.visits.visits_tab import VisitsTab
from tests.ui.lists_and_editors import cell, click_save, drawn, focus_order, open_page, visible_refs

# records ------------------------------------------------------------------------------------------------------

@pytest.fixture
def holt(ws, home) -> Visitor:
    """Appointed and declared independent long ago."""
    return visits.save_visitor(ws, Visitor(home.id, "IV-01", "Margaret Holt", "Holt Reviews", date(2024, 1, 1),
                                           ALL_CONDITIONS, date(2024, 1, 1)))


@pytest.fixture
def okafor(ws, home) -> Visitor:
    """Appointed, but no declaration of independence (reg 43(3))."""
    return visits.save_visitor(ws, Visitor(home.id, "IV-02", "David Okafor", "", date(2026, 1, 1)))


def visit(ws, home, visitor, ref: str, day: date, **fields) -> Visit:
    return visits.save_visit(ws, Visit(home.id, ref, visitor.id, day, **fields))


def make_tab(qtbot, ws, home) -> VisitsTab:
    return open_page(qtbot, VisitsTab, ws, home, size=(1100, 700))


def strip_texts(tab) -> list[str]:
    return [b.text().replace("\n", " ") for b in tab.strip.buttons]


# the strip ----------------------------------------------------------------------------------------------------

@pytest.fixture
def year(ws, home, holt) -> list[Visit]:
    """A visit on the 1st of August, two in October on the 1st and the 31st, none in September, and one dated
    30/11/2026, after today: November is not yet covered."""
    return [visit(ws, home, holt, "V-001", date(2026, 8, 1)), visit(ws, home, holt, "V-002", date(2026, 10, 1)),
            visit(ws, home, holt, "V-003", date(2026, 10, 31)), visit(ws, home, holt, "V-004", date(2026, 11, 30))]


def test_the_strip_shows_twelve_months_ending_with_this_one(qtbot, ws, home, year):
    tab = make_tab(qtbot, ws, home)
    assert strip_texts(tab) == [
        "Dec 2025 Missed", "Jan 2026 Missed", "Feb 2026 Missed", "Mar 2026 Missed", "Apr 2026 Missed",
        "May 2026 Missed", "Jun 2026 Missed", "Jul 2026 Missed", "Aug 2026 1 visit", "Sep 2026 Missed",
        "Oct 2026 2 visits", "Nov 2026 Due"]
    states = [b.property("state") for b in tab.strip.buttons]
    assert states[7:] == ["missed", "covered", "missed", "covered", "due"]  # the style sheet colours by these
    assert tab.strip.buttons[9].accessibleName() == (
        "September 2026: missed, the month ended with no independent visit (reg 44(1))")
    assert tab.strip.buttons[11].accessibleName() == (
        "November 2026: due, no independent visit yet this month; 1 visit dated later than today")
    assert tab.strip.buttons[10].accessibleName() == "October 2026: visited (2 visits)"


def test_the_strip_agrees_with_the_compliance_check_at_a_month_end(ws, home):
    # 23:30 UTC on 31/05/2026 is 00:30 on 1 June in London (BST): May has ended, June is the current month
    as_at = datetime(2026, 5, 31, 23, 30, tzinfo=timezone.utc)
    cells = month_cells([date(2026, 4, 30)], date(2026, 6, 1), as_at)
    assert [(c.month, c.state) for c in cells[-3:]] == [
        (date(2026, 4, 1), MonthState.COVERED), (date(2026, 5, 1), MonthState.MISSED),
        (date(2026, 6, 1), MonthState.DUE)]
    cells = month_cells([date(2026, 5, 31)], date(2026, 6, 1), as_at)
    assert cells[-2].state is MonthState.COVERED


def test_the_current_month_follows_the_clock_in_local_time(qtbot, ws, home, holt, clock):
    visit(ws, home, holt, "V-001", date(2026, 4, 30))
    clock.set(datetime(2026, 5, 31, 23, 30, tzinfo=timezone.utc))  # 00:30 on 1 June, London
    tab = make_tab(qtbot, ws, home)
    assert strip_texts(tab)[-3:] == ["Apr 2026 1 visit", "May 2026 Missed", "Jun 2026 Due"]


def test_the_strip_moves_a_year_back_and_forward_but_not_past_this_month(qtbot, ws, home, year, holt):
    visit(ws, home, holt, "V-000", date(2025, 3, 14))
    tab = make_tab(qtbot, ws, home)
    assert not tab.strip.later.isEnabled()
    qtbot.mouseClick(tab.strip.earlier, Qt.LeftButton)
    assert strip_texts(tab)[0] == "Dec 2024 Missed" and strip_texts(tab)[-1] == "Nov 2025 Missed"
    assert strip_texts(tab)[3] == "Mar 2025 1 visit"
    assert tab.strip.later.isEnabled()
    qtbot.mouseClick(tab.strip.later, Qt.LeftButton)
    assert strip_texts(tab)[-1] == "Nov 2026 Due"
    assert not tab.strip.later.isEnabled()
    tab.strip.buttons[0].setFocus()
    qtbot.keyClick(tab.strip.buttons[0], Qt.Key_PageUp)  # the keyboard's way
    assert strip_texts(tab)[-1] == "Nov 2025 Missed"


def test_clicking_a_month_lists_only_its_visits_and_clicking_again_lists_all(qtbot, ws, home, year):
    tab = make_tab(qtbot, ws, home)
    assert visible_refs(tab.view) == ["V-004", "V-003", "V-002", "V-001"]  # newest first
    assert not tab.show_all.isEnabled()
    october = tab.strip.buttons[10]
    qtbot.mouseClick(october, Qt.LeftButton)
    assert visible_refs(tab.view) == ["V-003", "V-002"]
    assert october.isChecked()
    assert tab.count.text() == "2 shown · 2 in October 2026 · 4 in all"
    qtbot.mouseClick(tab.strip.buttons[9], Qt.LeftButton)
    assert visible_refs(tab.view) == []
    assert tab.count.text() == "No visit in September 2026 · 4 in all"
    assert not october.isChecked()
    qtbot.mouseClick(tab.show_all, Qt.LeftButton)
    assert visible_refs(tab.view) == ["V-004", "V-003", "V-002", "V-001"]
    qtbot.mouseClick(october, Qt.LeftButton)
    qtbot.mouseClick(october, Qt.LeftButton)
    assert len(visible_refs(tab.view)) == 4 and not october.isChecked()


# the list ---------------------------------------------------------------------------------------------------------

@pytest.fixture
def reports(ws, home, holt, okafor) -> list[Visit]:
    """Reports against the default target (end of the month after the visit), as at 22/11/2026."""
    made = [
        visit(ws, home, holt, "V-001", date(2026, 6, 15), report_sent_on=date(2026, 7, 31), announced=True,
              children_spoken_to=3, staff_spoken_to=4, parents_spoken_to=1),  # sent on the target day
        visit(ws, home, okafor, "V-002", date(2026, 7, 1), report_sent_on=date(2026, 9, 1), announced=False,
              children_spoken_to=1, staff_spoken_to=0, safeguarded=Opinion.NO,
              wellbeing_promoted=Opinion.NOT_STATED),
        visit(ws, home, holt, "V-003", date(2026, 9, 20)),
        visit(ws, home, holt, "V-004", date(2026, 11, 5), others_spoken_to=2),
    ]
    for ref, decision, decided in (("REC-001", Decision.ACCEPTED, date(2026, 7, 10)),
                                   ("REC-002", Decision.PENDING, None)):
        visits.save_recommendation(ws, Recommendation(home.id, ref, made[1].id, "Review the rota",
                                                      date(2026, 8, 1), decision, decided))
    return made


def test_each_visit_shows_its_report_against_the_target(qtbot, ws, home, reports):
    tab = make_tab(qtbot, ws, home)
    assert visible_refs(tab.view) == ["V-004", "V-003", "V-002", "V-001"]
    assert cell(tab.view, "V-001", "Report") == "Sent 31/07/2026"
    assert cell(tab.view, "V-002", "Report") == "Sent late 01/09/2026\n(target 31/08/2026)"
    assert cell(tab.view, "V-003", "Report") == "Not sent\nwas due by 31/10/2026"
    assert cell(tab.view, "V-004", "Report") == "Not sent\ndue by 31/12/2026"
    tab.setStyleSheet(load_style_sheet())  # the program's one style sheet, on this tab only
    tab.ensurePolished()
    late = (True, "#b3261e")  # bold, in the problem colour
    assert drawn(tab.view, "V-002", "Report") == late and drawn(tab.view, "V-003", "Report") == late
    assert drawn(tab.view, "V-001", "Report") != late and drawn(tab.view, "V-004", "Report") != late
    assert not drawn(tab.view, "V-002", "Ref")[0]  # the late report only, not its whole row
    assert tab.target_label.text() == ("Reports go to Ofsted by the end of the month after the visit: this home's "
                                       "target (the regulations fix no date).")


def test_each_visit_shows_who_was_spoken_to_the_opinions_and_recommendations(qtbot, ws, home, reports):
    tab = make_tab(qtbot, ws, home)
    assert cell(tab.view, "V-001", "Date") == "15/06/2026\nAnnounced"
    assert cell(tab.view, "V-002", "Date") == "01/07/2026\nUnannounced"
    assert cell(tab.view, "V-003", "Date") == "20/09/2026"
    assert cell(tab.view, "V-001", "Spoken to") == "3 children, 4 staff,\n1 parent"
    assert cell(tab.view, "V-002", "Spoken to") == "1 child, 0 staff"
    assert cell(tab.view, "V-003", "Spoken to") == "Not recorded"
    assert cell(tab.view, "V-004", "Spoken to") == "2 others"
    assert (cell(tab.view, "V-002", "Safeguarded"), cell(tab.view, "V-002", "Well-being")) == ("No", "Not stated")
    assert cell(tab.view, "V-003", "Safeguarded") == "Not recorded"
    assert cell(tab.view, "V-002", "Visitor") == "David Okafor\n(no declaration)"
    assert drawn(tab.view, "V-002", "Visitor")[0] and not drawn(tab.view, "V-001", "Visitor")[0]  # bold: no declaration
    assert cell(tab.view, "V-001", "Visitor") == "Margaret Holt"
    assert cell(tab.view, "V-002", "Recommendations") == "2 (1 pending)"
    assert cell(tab.view, "V-001", "Recommendations") == "None"


def test_every_column_is_wide_enough_for_its_heading_and_its_text(qtbot, ws, home, reports):
    tab = make_tab(qtbot, ws, home)
    tab.resize(1400, 700)
    qtbot.waitUntil(lambda: tab.view.viewport().width() > 1200)
    header = tab.view.horizontalHeader()
    for c in range(len(tab.columns)):
        assert header.sectionSize(c) >= tab.view.sizeHintForColumn(c), tab.columns[c].title


# the editor -------------------------------------------------------------------------------------------------------

def test_typing_a_visit_and_saving_it_puts_it_in_the_list(qtbot, ws, home, holt, okafor, reports):
    tab = make_tab(qtbot, ws, home)
    editor = tab.add()
    assert editor.ref.text() == "V-005"
    assert editor.visited_on.text() == "22/11/2026"
    assert editor.visitor.currentData() == holt.id  # the last visit's visitor
    editor.visited_on.clear()
    qtbot.keyClicks(editor.visited_on, "03/11/2026")
    editor.announced.setCurrentIndex(editor.announced.findText("Unannounced"))
    for field, typed in (("children_spoken_to", "3"), ("staff_spoken_to", "4"), ("parents_spoken_to", "0")):
        qtbot.keyClicks(editor.counts[field], typed)
    qtbot.keyClicks(editor.counts["others_spoken_to"], "x1")  # only digits can be typed
    editor.record_boxes[RecordChecked.RESTRAINT_LOG].click()
    editor.record_boxes[RecordChecked.ROTA].click()
    editor.premises.setCurrentIndex(editor.premises.findText("Yes"))
    editor.safeguarded.setCurrentIndex(editor.safeguarded.findData(Opinion.YES.value))
    editor.wellbeing.setCurrentIndex(editor.wellbeing.findData(Opinion.NOT_STATED.value))
    qtbot.keyClicks(editor.received, "10/11/2026")
    qtbot.keyClicks(editor.sent, "12/11/2026")
    qtbot.keyClicks(editor.conflicts, "None arose")
    with qtbot.waitSignal(tab.records_changed):
        click_save(editor)
    assert not editor.isVisible()
    saved = ws.visits.by_ref(home.id, "V-005")
    assert saved == Visit(home.id, "V-005", holt.id, date(2026, 11, 3), False, 3, 4, 1,
                          (RecordChecked.RESTRAINT_LOG, RecordChecked.ROTA), True, Opinion.YES, Opinion.NOT_STATED,
                          date(2026, 11, 10), date(2026, 11, 12), "None arose", 0, id=saved.id)
    assert visible_refs(tab.view)[:2] == ["V-004", "V-005"]
    assert tab.selected_record().id == saved.id
    assert cell(tab.view, "V-005", "Report") == "Sent 12/11/2026"
    assert strip_texts(tab)[-1] == "Nov 2026 2 visits"


def test_a_visit_saved_in_another_month_than_the_one_listed_is_shown_with_all_the_others(qtbot, ws, home, year):
    tab = make_tab(qtbot, ws, home)
    qtbot.mouseClick(tab.strip.buttons[10], Qt.LeftButton)  # October
    editor = tab.add()
    editor.visited_on.clear()
    qtbot.keyClicks(editor.visited_on, "05/11/2026")
    click_save(editor)
    assert tab.month is None and len(visible_refs(tab.view)) == 5
    assert tab.selected_record().ref == "V-005"
    assert strip_texts(tab)[-1] == "Nov 2026 1 visit"


def test_a_report_sent_before_the_visit_is_shown_under_its_field_and_nothing_is_saved(qtbot, ws, home, holt):
    tab = make_tab(qtbot, ws, home)
    editor = tab.add()
    editor.visited_on.clear()
    qtbot.keyClicks(editor.visited_on, "03/11/2026")
    qtbot.keyClicks(editor.sent, "02/11/2026")
    qtbot.keyClicks(editor.counts["children_spoken_to"], "999")
    click_save(editor)
    assert editor.isVisible()
    assert editor.problems.text_of("report_sent_on") == "The report was sent before the visit."
    assert editor.problems.text_of("children_spoken_to") == "Children: the number must be from 0 to 500."
    assert editor.sent.property("invalid") is True
    assert editor.counts["children_spoken_to"].property("invalid") is True
    assert editor.counts["staff_spoken_to"].property("invalid") is not True
    assert ws.visits.for_home(home.id) == []


def test_a_missing_date_and_a_missing_visitor_are_both_shown(qtbot, ws, home):
    tab = make_tab(qtbot, ws, home)
    editor = tab.add()
    assert editor.visitor.currentText() == "No visitors yet: add one on the Visitors tab"
    editor.visited_on.clear()
    qtbot.keyClicks(editor.sent, "02/11/2026")
    click_save(editor)
    assert editor.problems.text_of("visited_on") == "The date of the visit is required."
    assert editor.problems.text_of("visitor_ref") == "Choose the independent person who visited."
    assert editor.problems.text_of("report_sent_on") == ""  # nothing to compare it with
    assert ws.visits.for_home(home.id) == []


def test_the_target_date_beside_the_sent_field_follows_the_visit_date(qtbot, ws, home, holt):
    tab = make_tab(qtbot, ws, home)
    editor = tab.add()
    assert editor.target_note.text() == "Target 31/12/2026 (by the end of the month after the visit)."
    editor.visited_on.clear()
    assert editor.target_note.text() == "Type the date of the visit to see the target."
    qtbot.keyClicks(editor.visited_on, "31/01/2026")
    assert editor.target_note.text() == "Target 28/02/2026 (by the end of the month after the visit)."
    qtbot.keyClicks(editor.sent, "01/03/2026")
    assert editor.target_note.text() == "Target 28/02/2026: sent late."


def test_a_visitor_with_no_declaration_is_marked_in_the_choice_and_under_it(qtbot, ws, home, holt, okafor):
    tab = make_tab(qtbot, ws, home)
    editor = tab.add()
    assert [editor.visitor.itemText(i) for i in range(editor.visitor.count())] == [
        "David Okafor · no declaration of independence", "Margaret Holt · Holt Reviews"]
    editor.visitor.setCurrentIndex(0)
    assert editor.visitor_note.text() == ("No declaration of independence recorded: the checks will list this visit "
                                          "(reg 43(3)).")
    editor.visitor.setCurrentIndex(1)
    assert editor.visitor_note.text() == "Declared independent on 01/01/2024."


def test_editing_a_visit_keeps_what_was_not_changed(qtbot, ws, home, reports):
    tab = make_tab(qtbot, ws, home)
    tab.select(reports[1].id)
    editor = tab.edit_selected()
    assert editor.counts["staff_spoken_to"].text() == "0" and editor.counts["parents_spoken_to"].text() == ""
    assert not editor.dirty
    click_save(editor)
    assert ws.visits.get(reports[1].id) == reports[1]


def test_cancel_after_typing_a_number_asks_first(qtbot, ws, home, holt, monkeypatch):
    asked = []
    monkeypatch.setattr(editor_module, "confirm_discard", lambda parent: asked.append(1) or False)
    tab = make_tab(qtbot, ws, home)
    editor = tab.add()
    qtbot.keyClicks(editor.counts["others_spoken_to"], "2")
    editor.buttons.button(QDialogButtonBox.Cancel).click()
    assert asked == [1] and editor.isVisible()


def test_every_input_of_the_editor_has_an_accessible_name_and_tab_goes_down_the_form(qtbot, ws, home, holt):
    tab = make_tab(qtbot, ws, home)
    editor = tab.add()
    names = {field: w.accessibleName() for field, w in editor.fields.items()}
    assert all(names.values()), names
    assert names["children_spoken_to"] == "Children spoken to"
    assert names["report_sent_on"] == "Report sent to Ofsted"
    assert focus_order(editor.ref, list(editor.fields.values())) == list(editor.fields.values())


# who may change them ------------------------------------------------------------------------------------------------

def test_a_senior_sees_the_visits_but_cannot_add_or_change_the_target(qtbot, home, reports, senior_ws):
    tab = make_tab(qtbot, senior_ws, home)
    assert visible_refs(tab.view) == ["V-004", "V-003", "V-002", "V-001"]
    assert not tab.add_button.isEnabled()
    assert "senior" in tab.add_button.toolTip().lower()
    assert not tab.target_button.isEnabled()
    assert tab.target_button.toolTip() == tab.add_button.toolTip()
    assert tab.add() is None and tab.editor is None
    notes = [box.text() for box in tab.findChildren(QMessageBox) if box.isVisible()]
    assert notes == [tab.add_button.toolTip()]
    assert tab.edit_report_target() is None


# the report target ----------------------------------------------------------------------------------------------------

def test_the_report_target_dialog_changes_the_target_and_the_list_follows(qtbot, ws, home, reports):
    tab = make_tab(qtbot, ws, home)
    dialog = tab.edit_report_target()
    assert dialog.radios[TargetRule.END_OF_NEXT_MONTH].isChecked()
    assert not dialog.days.isEnabled()
    dialog.radios[TargetRule.DAYS_AFTER].click()
    assert dialog.days.isEnabled()
    dialog.days.clear()
    qtbot.keyClicks(dialog.days, "10")
    assert dialog.example.text() == "For a visit today (22/11/2026), the report would be due by 02/12/2026."
    with qtbot.waitSignal(tab.records_changed):
        click_save(dialog)
    assert not dialog.isVisible()
    assert visits.report_target(ws, home) == ReportTarget(TargetRule.DAYS_AFTER, 10)
    assert tab.target_label.text().startswith("Reports go to Ofsted within 10 days of the visit")
    assert cell(tab.view, "V-004", "Report") == "Not sent\nwas due by 15/11/2026"
    assert cell(tab.view, "V-001", "Report") == "Sent late 31/07/2026\n(target 25/06/2026)"


def test_the_report_target_shows_a_refusal_from_the_service(qtbot, ws, home, reports, monkeypatch):
    tab = make_tab(qtbot, ws, home)
    dialog = tab.edit_report_target()
    dialog.radios[TargetRule.END_OF_MONTH].click()
    from inspect_app.domain.errors import Problem, ValidationFailed

    def refuse(*_args):
        raise ValidationFailed([Problem("days", "choose a number of days from 1 to 92")])

    monkeypatch.setattr(visits, "set_report_target", refuse)
    click_save(dialog)
    assert dialog.isVisible()
    assert dialog.problems.text_of("days") == "Choose a number of days from 1 to 92."
    assert visits.report_target(ws, home) == ReportTarget()


def test_every_button_of_the_tab_says_what_it_is(qtbot, ws, home, year):
    tab = make_tab(qtbot, ws, home)
    for button in tab.findChildren(QPushButton):
        assert button.accessibleName() or button.text().replace("&", "").strip(), button.objectName()
    assert tab.strip.earlier.accessibleName() == "Earlier months"


# the area ------------------------------------------------------------------------------------------------------------

def test_the_area_keeps_its_tabs_in_step_and_tells_the_window(qtbot, ws, home, holt, monkeypatch):
    pytest.importorskip("inspect_app.ui.visits.recommendations_tab")
    pytest.importorskip("inspect_app.ui.visits.visitors_tab")
    from inspect_app.ui.visits import VisitsArea

    area = VisitsArea(ws, home)
    qtbot.addWidget(area)
    area.show()
    assert [area.tabs.tabText(i).replace("&", "") for i in range(area.tabs.count())] == [
        "Visits", "Recommendations", "Visitors"]
    refreshed = []
    for name in ("recommendations", "visitors"):
        monkeypatch.setattr(getattr(area, name), "refresh", lambda name=name: refreshed.append(name))
    editor = area.visits.add()
    with qtbot.waitSignal(area.records_changed):
        click_save(editor)
    assert refreshed == ["recommendations", "visitors"]
    assert area.visits.model.rowCount() == 1
    area.activateWindow()
    qtbot.waitUntil(area.isActiveWindow)
    area.visits.view.setFocus()
    qtbot.keyClick(area.visits.view, Qt.Key_PageDown, Qt.ControlModifier)  # a list keeps it for itself otherwise
    assert area.tabs.currentWidget() is area.recommendations
    qtbot.keyClick(area.tabs.currentWidget(), Qt.Key_Tab, Qt.ControlModifier | Qt.ShiftModifier)
    assert area.tabs.currentWidget() is area.visits


def test_months_before_any_visit_or_visitor_was_recorded_are_not_shown_as_missed(qtbot, ws, home, clock):
    """A home that has just started keeping its visits here is not shown a year of red; the checks still count."""
    tab = make_tab(qtbot, ws, home)
    assert set(strip_texts(tab)[:-1]) == {f"{m} No records" for m in (
        "Dec 2025", "Jan 2026", "Feb 2026", "Mar 2026", "Apr 2026", "May 2026", "Jun 2026",
        "Jul 2026", "Aug 2026", "Sep 2026", "Oct 2026")}
    assert strip_texts(tab)[-1] == "Nov 2026 Due"
    visits.save_visitor(ws, Visitor(home.id, "IV-09", "New Person", appointed_on=date(2026, 9, 14)))
    tab.refresh()
    assert strip_texts(tab)[-4:] == ["Aug 2026 No records", "Sep 2026 Missed", "Oct 2026 Missed", "Nov 2026 Due"]
