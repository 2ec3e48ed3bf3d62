"""The children and staff registers: the lists, their search and past toggle, and the editors, as a user sees them."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from inspect_app.domain.records import Child, Staff
from inspect_app.domain.vocabulary import LegalStatus, StaffRole
from inspect_app.services import registers
from inspect_app.ui.app import load_style_sheet
from inspect_app.ui.registers import editor as editor_module
from inspect_app.ui.registers import refresher_dialog as refresher_module
from inspect_app.ui.registers.models import CHILD_COLUMNS, RegisterFilter, RegisterModel
from inspect_app.ui.registers.pages import ChildrenPage, StaffPage
from tests.ui.lists_and_editors import cell, click_save, drawn, focus_order, open_page, visible_refs


@pytest.fixture
def left_child(ws, home):
    return registers.save_child(ws, Child(home_id=home.id, ref="C-07", first_name="Lee", last_name="Grant",
                                          admitted_on=date(2024, 1, 5), left_on=date(2025, 3, 1)))


# the list ---------------------------------------------------------------------------------------------------

def test_children_list_shows_current_children_and_past_ones_on_request(qtbot, ws, home, amy, left_child):
    page = open_page(qtbot, ChildrenPage, ws, home)
    assert visible_refs(page.view) == ["C-01"]
    assert cell(page.view, "C-01", "Name") == "Amy Brown"
    assert cell(page.view, "C-01", "Admitted") == "01/06/2025"
    assert cell(page.view, "C-01", "Born (age)") == "03/04/2011 (15)"  # as at 22/11/2026
    page.show_past.click()
    assert visible_refs(page.view) == ["C-01", "C-07"]
    assert cell(page.view, "C-07", "Left") == "01/03/2025"
    assert page.count.text() == "2 shown · 1 here now · 2 on the register"


def test_search_box_filters_on_any_column(qtbot, ws, home, amy, left_child):
    page = open_page(qtbot, ChildrenPage, ws, home)
    page.show_past.setChecked(True)
    qtbot.keyClicks(page.search, "grant")
    assert visible_refs(page.view) == ["C-07"]
    page.search.clear()
    qtbot.keyClicks(page.search, "nobody called this")
    assert visible_refs(page.view) == []
    assert not page.edit_button.isEnabled()


def test_sorting_uses_dates_not_their_text(qtbot, ws, home):
    # "01/12/2010" sorts before "02/01/2009" as text; as dates it comes after
    for ref, born in (("C-01", date(2010, 12, 1)), ("C-02", date(2009, 1, 2)), ("C-03", date(2012, 5, 30))):
        registers.save_child(ws, Child(home_id=home.id, ref=ref, first_name="A", last_name=ref,
                                       admitted_on=date(2025, 1, 1), date_of_birth=born))
    model = RegisterModel(CHILD_COLUMNS)
    model.set_records(ws.children.for_home(home.id), date(2026, 11, 22))
    proxy = RegisterFilter()
    proxy.setSourceModel(model)
    column = [c.title for c in CHILD_COLUMNS].index("Born (age)")
    proxy.sort(column, Qt.AscendingOrder)
    assert [proxy.index(r, 0).data() for r in range(3)] == ["C-02", "C-01", "C-03"]


# the child editor ---------------------------------------------------------------------------------------------

def test_new_child_gets_the_next_free_reference(qtbot, ws, home, amy):
    page = open_page(qtbot, ChildrenPage, ws, home)
    editor = page.add()
    assert editor.ref.text() == "C-02"
    assert editor.admitted_on.text() == "22/11/2026"  # today, from the workspace clock


def test_saving_with_missing_names_shows_the_problem_next_to_each_field(qtbot, ws, home):
    page = open_page(qtbot, ChildrenPage, ws, home)
    editor = page.add()
    click_save(editor)
    assert editor.problems.text_of("first_name") == "The first name is required."
    assert editor.problems.text_of("last_name") == "The last name is required."
    assert editor.isVisible()
    assert editor.first_name.property("invalid") is True
    assert ws.children.for_home(home.id) == []


def test_typing_a_child_and_saving_puts_them_in_the_list(qtbot, ws, home, amy):
    page = open_page(qtbot, ChildrenPage, ws, home)
    editor = page.add()
    qtbot.keyClicks(editor.first_name, "Jordan")
    qtbot.keyClicks(editor.last_name, "Reid")
    qtbot.keyClicks(editor.date_of_birth, "14/02/2012")
    editor.admitted_on.clear()
    qtbot.keyClicks(editor.admitted_on, "02/11/2026")
    qtbot.keyClicks(editor.placing_authority, "Leeds City Council")
    editor.legal_status.setCurrentIndex(editor.legal_status.findData(LegalStatus.S31))
    editor.ehcp.setCurrentIndex(editor.ehcp.findText("Yes"))
    with qtbot.waitSignal(page.records_changed):
        click_save(editor)
    assert not editor.isVisible()
    assert visible_refs(page.view) == ["C-01", "C-02"]
    assert cell(page.view, "C-02", "Name") == "Jordan Reid"
    assert cell(page.view, "C-02", "Legal status") == "Section 31 care order"
    assert page.selected_record().ref == "C-02"
    saved = ws.children.by_ref(home.id, "C-02")
    assert (saved.date_of_birth, saved.admitted_on, saved.ehcp) == (date(2012, 2, 14), date(2026, 11, 2), True)


def test_a_date_that_is_not_a_date_is_shown_with_the_other_problems(qtbot, ws, home):
    page = open_page(qtbot, ChildrenPage, ws, home)
    editor = page.add()
    qtbot.keyClicks(editor.date_of_birth, "31/02/2012")
    click_save(editor)
    assert "is not a date" in editor.problems.text_of("date_of_birth")
    assert editor.problems.text_of("first_name") == "The first name is required."


def test_date_of_birth_after_admission_is_refused(qtbot, ws, home):
    page = open_page(qtbot, ChildrenPage, ws, home)
    editor = page.add()
    qtbot.keyClicks(editor.first_name, "Jo")
    qtbot.keyClicks(editor.last_name, "Bell")
    qtbot.keyClicks(editor.date_of_birth, "01/01/2027")
    click_save(editor)
    assert editor.problems.text_of("date_of_birth") == "The date of birth is after the admission date."


def test_a_reference_already_used_is_refused(qtbot, ws, home, amy):
    page = open_page(qtbot, ChildrenPage, ws, home)
    editor = page.add()
    editor.ref.clear()
    qtbot.keyClicks(editor.ref, "C-01")
    qtbot.keyClicks(editor.first_name, "Jo")
    qtbot.keyClicks(editor.last_name, "Bell")
    click_save(editor)
    assert editor.problems.text_of("child_ref") == "C-01 is already used by another record."


def test_enter_on_a_row_opens_the_child_and_saves_the_change(qtbot, ws, home, amy):
    page = open_page(qtbot, ChildrenPage, ws, home)
    page.view.setCurrentIndex(page.proxy.index(0, 0))
    qtbot.keyClick(page.view, Qt.Key_Return)
    editor = page.editor
    assert editor is not None and editor.isVisible()
    assert (editor.first_name.text(), editor.admitted_on.text()) == ("Amy", "01/06/2025")
    qtbot.keyClicks(editor.left_on, "20/11/2026")
    click_save(editor)
    assert ws.children.get(amy.id).left_on == date(2026, 11, 20)
    assert page.show_past.isChecked()  # she has left: the list shows past children to keep her selected
    assert page.selected_record().id == amy.id


def test_double_click_opens_the_editor(qtbot, ws, home, amy):
    page = open_page(qtbot, ChildrenPage, ws, home)
    rect = page.view.visualRect(page.proxy.index(0, 1))
    qtbot.mouseClick(page.view.viewport(), Qt.LeftButton, pos=rect.center())  # a double-click starts as a click
    qtbot.mouseDClick(page.view.viewport(), Qt.LeftButton, pos=rect.center())
    assert page.editor is not None and page.editor.original.id == amy.id


def test_cancel_with_changes_asks_first(qtbot, ws, home, amy, monkeypatch):
    asked = []
    monkeypatch.setattr(editor_module, "confirm_discard", lambda parent: asked.append(1) or False)
    page = open_page(qtbot, ChildrenPage, ws, home)
    editor = page.add()
    qtbot.keyClicks(editor.first_name, "Jo")
    editor.buttons.button(QDialogButtonBox.Cancel).click()
    assert asked == [1] and editor.isVisible()
    monkeypatch.setattr(editor_module, "confirm_discard", lambda parent: True)
    qtbot.keyClick(editor, Qt.Key_Escape)
    assert not editor.isVisible()
    assert [c.ref for c in ws.children.for_home(home.id)] == ["C-01"]


def test_cancel_without_changes_does_not_ask(qtbot, ws, home, amy, monkeypatch):
    monkeypatch.setattr(editor_module, "confirm_discard", lambda parent: pytest.fail("asked for nothing"))
    page = open_page(qtbot, ChildrenPage, ws, home)
    page.view.setCurrentIndex(page.proxy.index(0, 0))
    editor = page.edit_selected()
    editor.buttons.button(QDialogButtonBox.Cancel).click()
    assert not editor.isVisible()


def test_every_child_field_has_an_accessible_name_and_tab_goes_down_the_form(qtbot, ws, home):
    page = open_page(qtbot, ChildrenPage, ws, home)
    editor = page.add()
    assert all(w.accessibleName() for w in editor.fields.values())
    assert editor.fields["first_name"].accessibleName() == "First name *"
    assert focus_order(editor.ref, set(editor.fields.values())) == list(editor.fields.values())


# staff -----------------------------------------------------------------------------------------------------------

def test_staff_list_shows_the_level3_position(qtbot, ws, home, sam, kim):
    page = open_page(qtbot, StaffPage, ws, home)
    assert visible_refs(page.view) == ["S-01", "S-02"]
    # reg 32(4): 2 years after starting a care role; as at 22/11/2026
    assert cell(page.view, "S-01", "Level 3") == "Overdue since\n06/01/2022"
    assert cell(page.view, "S-02", "Level 3") == "Due by\n01/02/2027"
    assert cell(page.view, "S-01", "Signs off") == "Yes"
    assert cell(page.view, "S-02", "Employment") == "Agency"


def test_a_level3_dated_after_today_is_not_achieved_yet(qtbot, ws, home, sam, kim):
    """An achievement dated after today (an expected date typed early, or a slip) does not count: the due date is
    shown with it, and past the due date the cell is marked like any other overdue Level 3 (as at 22/11/2026)."""
    registers.save_staff(ws, Staff(**{**sam.__dict__, "level3_achieved_on": date(2026, 12, 20)}))
    registers.save_staff(ws, Staff(**{**kim.__dict__, "level3_achieved_on": date(2027, 1, 10)}))
    registers.save_staff(ws, Staff(home.id, "S-03", "Meg Lowe", StaffRole.REGISTERED_MANAGER,
                                   level3_achieved_on=date(2026, 12, 1)))
    page = open_page(qtbot, StaffPage, ws, home)
    assert cell(page.view, "S-01", "Level 3") == ("Overdue since\n06/01/2022 (achievement dated 20/12/2026 is after "
                                                  "today)")
    assert cell(page.view, "S-02", "Level 3") == "Due by\n01/02/2027 (achievement dated 10/01/2027 is after today)"
    assert cell(page.view, "S-03", "Level 3") == "Not achieved yet\n(achievement dated 01/12/2026 is after today)"
    assert drawn(page.view, "S-01", "Level 3")[0]
    assert not drawn(page.view, "S-02", "Level 3")[0] and not drawn(page.view, "S-03", "Level 3")[0]


@pytest.fixture
def qualified(ws, home, sam, kim):
    """As at 22/11/2026: Sam (senior, no Level 3, due 06/01/2022); Kim (agency, due 01/02/2027) trained 01/03/2026;
    Meg, a registered manager with her Level 5, trained 01/11/2025 (a yearly refresher past due); Ann, a registered
    manager with no Level 5 recorded; Lee, who left, past his Level 3 date."""
    registers.save_staff(ws, Staff(home.id, "S-02", kim.full_name, kim.role, kim.employment, kim.care_role_started_on,
                                   pi_trained_on=date(2026, 3, 1), id=kim.id))
    registers.save_staff(ws, Staff(home.id, "S-03", "Meg Lowe", StaffRole.REGISTERED_MANAGER,
                                   care_role_started_on=date(2015, 1, 1), level3_achieved_on=date(2016, 2, 1),
                                   level5_achieved_on=date(2018, 3, 1), pi_trained_on=date(2025, 11, 1)))
    registers.save_staff(ws, Staff(home.id, "S-04", "Ann Cole", StaffRole.REGISTERED_MANAGER))
    registers.save_staff(ws, Staff(home.id, "S-05", "Lee Hart", StaffRole.CARE_WORKER,
                                   care_role_started_on=date(2019, 1, 1), left_on=date(2026, 6, 30)))


def test_staff_list_shows_each_qualifications_due_date_and_marks_the_past_due(qtbot, ws, home, qualified):
    page = open_page(qtbot, StaffPage, ws, home)
    page.setStyleSheet(load_style_sheet())  # the program's one style sheet, on this page only
    page.ensurePolished()
    assert visible_refs(page.view) == ["S-01", "S-02", "S-03", "S-04"]
    texts = {ref: tuple(cell(page.view, ref, title) for title in ("Level 3", "Level 5", "PI trained"))
             for ref in visible_refs(page.view)}
    assert texts == {
        "S-01": ("Overdue since\n06/01/2022", "", "Not recorded"),
        "S-02": ("Due by\n01/02/2027", "", "01/03/2026\nrefresher due 01/03/2027"),
        "S-03": ("Achieved\n01/02/2016", "Achieved\n01/03/2018", "01/11/2025\nrefresher overdue since 01/11/2026"),
        "S-04": ("", "Not recorded", ""),
    }
    # past due: bold in the problem colour (the words say it too); the rest plain
    assert drawn(page.view, "S-01", "Level 3") == (True, "#b3261e")
    assert drawn(page.view, "S-03", "PI trained") == (True, "#b3261e")
    assert not drawn(page.view, "S-02", "Level 3")[0] and not drawn(page.view, "S-02", "PI trained")[0]
    assert not drawn(page.view, "S-03", "Level 3")[0]
    # someone who left is listed with the past entries, and not marked: nothing is due from them
    page.show_past.setChecked(True)
    assert cell(page.view, "S-05", "Level 3") == "Overdue since\n01/01/2021"
    assert not drawn(page.view, "S-05", "Level 3")[0]


def test_the_due_date_columns_say_where_their_dates_come_from(qtbot, ws, home, qualified):
    page = open_page(qtbot, StaffPage, ws, home)
    model = page.view.model()
    tip = {model.headerData(c, Qt.Horizontal): model.headerData(c, Qt.Horizontal, Qt.ToolTipRole)
           for c in range(model.columnCount())}
    assert "within 3 years of starting to manage the home (reg 28)" in tip["Level 5"]
    assert "does not hold the date they started to manage, so no due date is worked out" in tip["Level 5"]
    assert tip["PI trained"].endswith("a refresher due 12 months after it (the home's setting: schemes differ, most "
                                      "refresh yearly)")
    assert page.refresher.text() == ("Physical-intervention refresher: due 12 months after training (the home's "
                                     "setting).")


def test_the_pi_refresher_is_a_home_setting_changed_from_the_staff_list(qtbot, ws, home, qualified):
    page = open_page(qtbot, StaffPage, ws, home)
    dialog = page.edit_refresher()
    assert dialog.months.value() == 12
    dialog.months.setValue(24)
    with qtbot.waitSignal(page.records_changed):
        dialog.buttons.button(QDialogButtonBox.Save).click()
    assert cell(page.view, "S-03", "PI trained") == "01/11/2025\nrefresher due 01/11/2027"
    assert not drawn(page.view, "S-03", "PI trained")[0]
    dialog = page.edit_refresher()
    dialog.months.setValue(0)
    assert dialog.months.text() == "Not tracked"
    dialog.buttons.button(QDialogButtonBox.Save).click()
    assert cell(page.view, "S-03", "PI trained") == "01/11/2025"
    assert page.refresher.text() == "Physical-intervention refreshers are not tracked (the home's setting)."


def test_a_senior_cannot_change_the_refresher(qtbot, senior_ws, home):
    page = open_page(qtbot, StaffPage, senior_ws, home)
    assert not page.refresher_button.isEnabled()
    assert "cannot change the home, its children and staff" in page.refresher_button.toolTip()
    assert page.edit_refresher() is None


def test_cancelling_a_changed_refresher_asks_first(qtbot, ws, home, monkeypatch):
    page = open_page(qtbot, StaffPage, ws, home)
    asked = []
    monkeypatch.setattr(refresher_module, "confirm_discard", lambda parent: asked.append(parent) or False)
    dialog = page.edit_refresher()
    dialog.reject()  # nothing changed: closes without asking
    assert not asked and not dialog.isVisible()
    dialog = page.edit_refresher()
    dialog.months.setValue(18)
    dialog.buttons.button(QDialogButtonBox.Cancel).click()
    assert asked == [dialog] and dialog.isVisible()  # answered "keep editing"
    qtbot.keyClick(dialog, Qt.Key_Escape)
    assert len(asked) == 2 and dialog.isVisible()
    monkeypatch.setattr(refresher_module, "confirm_discard", lambda parent: asked.append(parent) or True)
    dialog.reject()
    assert not dialog.isVisible() and dialog.months.value() == 18
    assert page.edit_refresher().months.value() == 12  # the change was not saved


def test_staff_editor_shows_the_level3_due_date_as_it_is_typed(qtbot, ws, home):
    page = open_page(qtbot, StaffPage, ws, home)
    editor = page.add()
    assert editor.ref.text() == "S-01"
    assert editor.role.currentText() == "Care worker"
    assert editor.level3_due.text() == "Type the date they started a care role to see it."
    qtbot.keyClicks(editor.started, "06/01/2025")
    assert editor.level3_due.text() == "Due by 06/01/2027 (2 years after starting a care role)."
    editor.started.clear()
    qtbot.keyClicks(editor.started, "01/09/2023")
    assert editor.level3_due.text() == "Overdue: it was due by 01/09/2025 (2 years after starting)."
    qtbot.keyClicks(editor.level3, "15/07/2025")
    assert editor.level3_due.text() == "Was due by 01/09/2025; achieved on 15/07/2025."
    editor.role.setCurrentIndex(editor.role.findData(StaffRole.RESPONSIBLE_INDIVIDUAL))
    assert editor.level3_due.text() == "Not needed for this role (reg 32(4) is for care staff)."


def test_adding_staff_authorised_to_sign_off(qtbot, ws, home):
    page = open_page(qtbot, StaffPage, ws, home)
    editor = page.add()
    qtbot.keyClicks(editor.full_name, "Dee Walsh")
    editor.role.setCurrentIndex(editor.role.findData(StaffRole.DEPUTY_MANAGER))
    qtbot.keyClicks(editor.started, "01/03/2019")
    qtbot.keyClicks(editor.level3, "01/03/2020")
    qtbot.keyClicks(editor.pi_trained, "12/10/2026")
    editor.authorised.click()
    with qtbot.waitSignal(page.records_changed):
        click_save(editor)
    saved = ws.staff.by_ref(home.id, "S-01")
    assert (saved.full_name, saved.role, saved.authorised_signoff) == ("Dee Walsh", StaffRole.DEPUTY_MANAGER, True)
    assert saved.pi_trained_on == date(2026, 10, 12)
    assert cell(page.view, "S-01", "Level 3") == "Achieved\n01/03/2020"


def test_staff_problems_are_shown_next_to_their_fields(qtbot, ws, home, sam):
    page = open_page(qtbot, StaffPage, ws, home)
    editor = page.add()
    editor.ref.clear()
    qtbot.keyClicks(editor.ref, "S-01")
    qtbot.keyClicks(editor.started, "01/03/2024")
    qtbot.keyClicks(editor.left_on, "01/02/2024")
    click_save(editor)
    assert editor.problems.text_of("full_name") == "The full name is required."
    assert editor.problems.text_of("left_on") == "The leaving date is before the care role started."
    assert editor.isVisible()


def test_editing_staff_keeps_what_was_not_changed(qtbot, ws, home, sam):
    page = open_page(qtbot, StaffPage, ws, home)
    page.view.setCurrentIndex(page.proxy.index(0, 0))
    editor = page.edit_selected()
    assert editor.authorised.isChecked() and editor.started.text() == "06/01/2020"
    qtbot.keyClicks(editor.level3, "30/06/2021")
    click_save(editor)
    saved = ws.staff.get(sam.id)
    assert saved == Staff(**{**sam.__dict__, "level3_achieved_on": date(2021, 6, 30)})
