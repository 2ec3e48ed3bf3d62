"""The dialogue log with Ofsted (Narey recommendation 19) as a user sees it: newest first, open follow-ups standing
out and filtered on request, the search, and the contact editor."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtGui import QColor

from inspect_app.domain.inspections import CHANNELS, OfstedContact
from inspect_app.domain.vocabulary import DialoguePhase
from inspect_app.services import inspections
from inspect_app.ui.app import load_style_sheet
from inspect_app.ui.inspections.contacts_tab import ContactsTab
from tests.ui.lists_and_editors import cell, click_save, drawn, focus_order, open_page, visible_refs

SUMMARY = "Asked how to send the revised statement of purpose.\nAdvised to use the portal within 28 days."


@pytest.fixture
def log(ws, home):
    """Five contacts; OC-004 and OC-005 have follow-ups still to do."""
    for ref, day, phase, channel, topic, summary, follow_up, done in (
            ("OC-001", date(2026, 3, 12), DialoguePhase.DURING, "Meeting", "Final feedback", "Two areas to act on.",
             "", None),
            ("OC-002", date(2026, 4, 2), DialoguePhase.AFTER, "Email", "Factual accuracy", "Two corrections sent.",
             "Check the published report", date(2026, 4, 22)),
            ("OC-003", date(2026, 9, 10), DialoguePhase.BETWEEN, "Telephone", "Notification", "Explained the plan.",
             "", None),
            ("OC-004", date(2026, 11, 2), DialoguePhase.BETWEEN, "Online portal", "Statement of purpose", SUMMARY,
             "Send the revised statement", None),
            ("OC-005", date(2026, 11, 16), DialoguePhase.BEFORE, "Telephone", "Reg 44 reports", "Sent two reports.",
             "Send the October response", None)):
        inspections.save_contact(ws, OfstedContact(home.id, ref, day, phase, "Regulatory inspector", channel, topic,
                                                   summary, follow_up, done))


def make_tab(qtbot, ws, home) -> ContactsTab:
    return open_page(qtbot, ContactsTab, ws, home)


def test_the_log_is_newest_first_and_says_which_follow_ups_are_open(qtbot, ws, home, log):
    tab = make_tab(qtbot, ws, home)
    assert visible_refs(tab.view) == ["OC-005", "OC-004", "OC-003", "OC-002", "OC-001"]
    assert cell(tab.view, "OC-004", "Date") == "02/11/2026"
    assert cell(tab.view, "OC-004", "Phase") == "Between"
    assert cell(tab.view, "OC-004", "Channel") == "Online portal"
    assert cell(tab.view, "OC-004", "Done") == "Open"
    assert cell(tab.view, "OC-002", "Done") == "22/04/2026"
    assert cell(tab.view, "OC-001", "Done") == ""  # nothing was to follow
    assert cell(tab.view, "OC-004", "Summary") == ("Asked how to send the revised statement of purpose. Advised to use "
                                              "the portal within 28 days.")
    marks = tab.view.itemDelegate()
    summary = tab.proxy.index(1, [c.title for c in tab.columns].index("Summary"))
    assert marks.tooltip(summary) == ("<qt><p>Asked how to send the revised statement of purpose.</p><p>Advised to "
                                      "use the portal within 28 days.</p></qt>")
    assert tab.count.text() == "5 shown \u00b7 5 in all"


def test_open_follow_ups_stand_out_in_the_style_sheet_colour(qtbot, ws, home, log):
    tab = make_tab(qtbot, ws, home)
    tab.setStyleSheet(load_style_sheet())  # the program's one style sheet, on this page only
    tab.ensurePolished()
    assert tab.view.problemColor == QColor("#b3261e")
    assert [drawn(tab.view, ref)[0] for ref in visible_refs(tab.view)] == [True, True, False, False, False]
    assert drawn(tab.view, "OC-005")[1] == "#b3261e"
    assert drawn(tab.view, "OC-003")[1] != "#b3261e"


def test_open_follow_ups_only(qtbot, ws, home, log):
    tab = make_tab(qtbot, ws, home)
    assert tab.open_only.text() == "&Open follow-ups only (2)"
    tab.open_only.click()
    assert visible_refs(tab.view) == ["OC-005", "OC-004"]
    assert tab.count.text() == "2 shown \u00b7 5 in all"
    tab.open_only.click()
    assert len(visible_refs(tab.view)) == 5


def test_the_search_and_the_filter_together(qtbot, ws, home, log):
    tab = make_tab(qtbot, ws, home)
    qtbot.keyClicks(tab.search, "telephone")
    assert visible_refs(tab.view) == ["OC-005", "OC-003"]
    tab.open_only.setChecked(True)
    assert visible_refs(tab.view) == ["OC-005"]
    tab.search.clear()
    qtbot.keyClicks(tab.search, "28 days")  # words of a summary's second line
    assert visible_refs(tab.view) == ["OC-004"]


def test_adding_a_contact_by_typing(qtbot, ws, home, log):
    tab = make_tab(qtbot, ws, home)
    editor = tab.add()
    assert editor.ref.text() == "OC-006"
    assert editor.occurred_on.text() == "22/11/2026"
    assert [editor.channel.itemText(i) for i in range(1, editor.channel.count())] == list(CHANNELS)
    editor.phase.setCurrentIndex(editor.phase.findData(DialoguePhase.BETWEEN.value))
    qtbot.keyClicks(editor.with_whom, "Regulatory inspector")
    qtbot.keyClicks(editor.channel.lineEdit(), "Teams call")  # a channel not in the list is typed
    qtbot.keyClicks(editor.topic, "Level 3 progress")
    qtbot.keyClicks(editor.summary, "Gave the college dates.")
    qtbot.keyClicks(editor.follow_up, "Confirm enrolment")
    with qtbot.waitSignal(tab.records_changed):
        click_save(editor)
    assert visible_refs(tab.view)[0] == "OC-006"
    assert tab.selected_record().ref == "OC-006"
    assert cell(tab.view, "OC-006", "Done") == "Open"
    assert tab.open_only.text() == "&Open follow-ups only (3)"
    saved = ws.contacts.by_ref(home.id, "OC-006")
    assert (saved.occurred_on, saved.phase, saved.channel, saved.follow_up, saved.follow_up_done_on) == (
        date(2026, 11, 22), DialoguePhase.BETWEEN, "Teams call", "Confirm enrolment", None)


def test_marking_a_follow_up_done_while_only_open_ones_are_shown_keeps_it_in_sight(qtbot, ws, home, log):
    tab = make_tab(qtbot, ws, home)
    tab.open_only.setChecked(True)
    tab.view.setCurrentIndex(tab.proxy.index(visible_refs(tab.view).index("OC-004"), 0))
    editor = tab.edit_selected()
    assert editor.summary.toPlainText() == SUMMARY
    qtbot.keyClicks(editor.follow_up_done_on, "20/11/2026")
    click_save(editor)
    assert not tab.open_only.isChecked()
    assert tab.selected_record().ref == "OC-004"
    assert cell(tab.view, "OC-004", "Done") == "20/11/2026"
    assert tab.open_only.text() == "&Open follow-ups only (1)"


def test_a_follow_up_done_before_the_contact_or_without_saying_what_is_refused(qtbot, ws, home, log):
    tab = make_tab(qtbot, ws, home)
    editor = tab.add()
    editor.occurred_on.clear()
    qtbot.keyClicks(editor.occurred_on, "10/11/2026")
    qtbot.keyClicks(editor.follow_up_done_on, "09/11/2026")
    click_save(editor)
    assert editor.problems.text_of("follow_up") == "Say what the follow-up was."
    assert editor.problems.text_of("follow_up_done_on") == "The follow-up is dated before the contact."
    assert editor.isVisible()
    assert ws.contacts.count(home.id) == 5


def test_a_contact_needs_its_date(qtbot, ws, home):
    tab = make_tab(qtbot, ws, home)
    editor = tab.add()
    editor.occurred_on.clear()
    click_save(editor)
    assert editor.problems.text_of("occurred_on") == "The date of the contact is required."
    assert ws.contacts.count(home.id) == 0


def test_every_contact_field_has_an_accessible_name_and_tab_goes_down_the_form(qtbot, ws, home):
    tab = make_tab(qtbot, ws, home)
    editor = tab.add()
    assert all(w.accessibleName() for w in editor.fields.values())
    assert focus_order(editor.ref, set(editor.fields.values())) == list(editor.fields.values())
