"""The register of independent persons (reg 43) as a user sees it: declarations, past visitors, the checklist."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtWidgets import QDialogButtonBox, QLabel

from inspect_app.domain.visits import ALL_CONDITIONS, Visitor
from inspect_app.domain.vocabulary import Independence
from inspect_app.services import visits
from inspect_app.ui.app import load_style_sheet
from inspect_app.ui.registers import editor as editor_module
from inspect_app.ui.visits.visitors_tab import VisitorsTab
from tests.ui.lists_and_editors import cell, click_save, drawn, focus_order, open_page, visible_refs


def make_page(qtbot, ws, home) -> VisitorsTab:
    return open_page(qtbot, VisitorsTab, ws, home)


@pytest.fixture
def register(ws, home):
    """Today is 22/11/2026: one declared, one not yet, one whose appointment ended."""
    visits.save_visitor(ws, Visitor(home_id=home.id, ref="IV-01", name="Jane Bloggs", organisation="Reg44 Ltd",
                                    appointed_on=date(2026, 1, 5), conditions=ALL_CONDITIONS,
                                    declared_independent_on=date(2026, 2, 1)))
    visits.save_visitor(ws, Visitor(home_id=home.id, ref="IV-02", name="Omar Khan", appointed_on=date(2026, 11, 1),
                                    conditions=(Independence.NOT_EMPLOYEE,)))
    visits.save_visitor(ws, Visitor(home_id=home.id, ref="IV-03", name="Pat Lowe", appointed_on=date(2024, 3, 1),
                                    conditions=ALL_CONDITIONS, declared_independent_on=date(2024, 3, 1),
                                    ended_on=date(2025, 12, 31)))


def test_the_register_shows_declarations_and_hides_ended_appointments(qtbot, ws, home, register):
    page = make_page(qtbot, ws, home)
    assert visible_refs(page.view) == ["IV-01", "IV-02"]
    assert cell(page.view, "IV-01", "Declaration") == "Declared 01/02/2026"
    assert cell(page.view, "IV-02", "Declaration") == "No declaration"
    assert cell(page.view, "IV-01", "Organisation") == "Reg44 Ltd"
    assert page.view.isColumnHidden(page.column_of("Ended"))
    assert page.show_past.text() == "Show visitors whose appointment e&nded"
    page.show_past.click()
    assert visible_refs(page.view) == ["IV-01", "IV-02", "IV-03"]
    assert cell(page.view, "IV-03", "Ended") == "31/12/2025"
    assert not page.view.isColumnHidden(page.column_of("Ended"))
    assert page.count.text() == "3 shown · 2 appointed now · 3 on the register"


def test_no_declaration_is_drawn_in_the_problem_colour(qtbot, ws, home, register):
    page = make_page(qtbot, ws, home)
    page.setStyleSheet(load_style_sheet())  # the program's one style sheet, on this page only
    page.ensurePolished()
    assert drawn(page.view, "IV-02", "Declaration") == (True, "#b3261e")
    assert not drawn(page.view, "IV-02", "Name")[0] and not drawn(page.view, "IV-01", "Declaration")[0]


def test_the_checklist_has_each_condition_of_reg_43(qtbot, ws, home):
    page = make_page(qtbot, ws, home)
    editor = page.add()
    assert editor.ref.text() == "IV-01"
    assert [b.text() for b in editor.condition_boxes.values()] == [c.label for c in Independence]
    assert not any(b.isChecked() for b in editor.condition_boxes.values())
    assert "reg 43" in editor.findChild(QLabel, "hint").text().lower()


def test_a_declaration_needs_every_condition_ticked(qtbot, ws, home):
    page = make_page(qtbot, ws, home)
    editor = page.add()
    qtbot.keyClicks(editor.name, "Jane Bloggs")
    qtbot.keyClicks(editor.appointed_on, "05/01/2026")
    for condition in ALL_CONDITIONS[:4]:
        editor.condition_boxes[condition].click()
    qtbot.keyClicks(editor.declared_on, "01/02/2026")
    click_save(editor)
    problem = editor.problems.text_of("conditions")
    assert problem.startswith("A declaration of independence confirms every condition of reg 43(3)")
    assert "not the provider's responsible individual" in problem
    assert editor.conditions_box.property("invalid") is True
    assert ws.visitors.for_home(home.id) == [] and editor.isVisible()
    for condition in ALL_CONDITIONS[4:]:
        editor.condition_boxes[condition].click()
    with qtbot.waitSignal(page.records_changed):
        click_save(editor)
    saved = ws.visitors.by_ref(home.id, "IV-01")
    assert (saved.conditions, saved.declared_independent_on) == (ALL_CONDITIONS, date(2026, 2, 1))
    assert cell(page.view, "IV-01", "Declaration") == "Declared 01/02/2026"


def test_conditions_may_be_recorded_before_the_declaration(qtbot, ws, home, register):
    page = make_page(qtbot, ws, home)
    page.select(ws.visitors.by_ref(home.id, "IV-02").id)
    editor = page.edit_selected()
    assert [c for c, b in editor.condition_boxes.items() if b.isChecked()] == [Independence.NOT_EMPLOYEE]
    editor.condition_boxes[Independence.NO_CONNECTIONS].click()
    click_save(editor)
    assert ws.visitors.by_ref(home.id, "IV-02").conditions == (Independence.NOT_EMPLOYEE,
                                                               Independence.NO_CONNECTIONS)


def test_ticking_a_condition_counts_as_a_change(qtbot, ws, home, register, monkeypatch):
    asked = []
    monkeypatch.setattr(editor_module, "confirm_discard", lambda parent: asked.append(1) or True)
    page = make_page(qtbot, ws, home)
    editor = page.add()
    editor.condition_boxes[Independence.NOT_COMMISSIONER].click()
    editor.buttons.button(QDialogButtonBox.Cancel).click()
    assert asked == [1]


def test_ending_an_appointment_keeps_the_visitor_shown(qtbot, ws, home, register):
    page = make_page(qtbot, ws, home)
    page.select(ws.visitors.by_ref(home.id, "IV-01").id)
    editor = page.edit_selected()
    qtbot.keyClicks(editor.ended_on, "01/11/2026")
    click_save(editor)
    assert page.show_past.isChecked() and page.selected_record().ref == "IV-01"


def test_a_senior_reads_the_register_but_cannot_add(qtbot, home, register, senior_ws):
    page = make_page(qtbot, senior_ws, home)
    assert visible_refs(page.view) == ["IV-01", "IV-02"]
    assert not page.add_button.isEnabled()
    assert page.add_button.toolTip() == ("A senior account cannot record independent visits, inspections and "
                                         "contacts with Ofsted. Ask a manager if this needs doing.")
    assert page.add() is None and page.editor is None


def test_every_field_has_an_accessible_name_and_tab_goes_down_the_form(qtbot, ws, home):
    page = make_page(qtbot, ws, home)
    editor = page.add()
    assert all(w.accessibleName() for w in editor.fields.values())
    assert editor.condition_boxes[Independence.NO_CONNECTIONS].accessibleName() == Independence.NO_CONNECTIONS.label
    assert focus_order(editor.ref, set(editor.fields.values())) == list(editor.fields.values())
