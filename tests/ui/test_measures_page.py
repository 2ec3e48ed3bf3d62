"""The reg 35 page: a record typed into the form appears in the list with its status; filters; the actions."""

from __future__ import annotations

from datetime import date, datetime, timezone

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from inspect_app.domain.records import Child, Measure
from inspect_app.domain.vocabulary import MeasureKind, Position
from inspect_app.services import measures, registers
from inspect_app.services.measure_list import COLUMNS, StatusFilter
from inspect_app.ui.measures.form import MeasureForm
from inspect_app.ui.measures.page import MeasuresPage
from inspect_app.ui.measures.signoff import SignOffDialog
from inspect_app.ui.forms import set_wall_time

COL = {name: i for i, name in enumerate(COLUMNS)}


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=timezone.utc)


@pytest.fixture(autouse=True)
def _never_block(monkeypatch):
    monkeypatch.setattr(QMessageBox, "question", lambda *_a, **_k: QMessageBox.StandardButton.Discard)


def record(ws, home, child, staff, started: datetime, **changes) -> Measure:
    values = dict(home_id=home.id, ref="", child_id=child.id, kind=MeasureKind.RESTRAINT, started_at=started,
                  recorded_at=started, duration_minutes=5, location="Lounge", behaviour="Kicking doors",
                  avoidance_steps="Talked it through", description="Standing hold", position=Position.STANDING,
                  holds=("Single elbow",), used_by=(staff.id,), effectiveness="Settled", injury=False)
    values.update(changes)
    return measures.record_measure(ws, Measure(**values))


def make_page(qtbot, ws, home) -> MeasuresPage:
    page = MeasuresPage(ws, home)
    qtbot.addWidget(page)
    page.resize(1280, 800)
    with qtbot.waitSignal(page.loaded):
        page.show()  # the rows load off the GUI thread on first show
    return page


def shown(page, column: str) -> list[str]:
    """What the list shows in a column, top to bottom (display text is never empty-valued here)."""
    return [page.proxy.index(r, COL[column]).data() for r in range(page.proxy.rowCount())]


def row_of(page, ref: str) -> dict[str, str]:
    row = shown(page, "Ref").index(ref)
    return {name: page.proxy.index(row, i).data() for name, i in COL.items()}


def test_an_empty_list_says_so(qtbot, ws, home):
    page = make_page(qtbot, ws, home)
    assert page.proxy.rowCount() == 0
    assert page.summary.text().startswith("0 records")
    assert page.new_button.isEnabled() and not page.open_button.isEnabled()


def test_a_record_typed_into_the_form_appears_in_the_list_with_its_status(qtbot, ws, home, amy, sam):
    page = make_page(qtbot, ws, home)
    qtbot.keyClick(page.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)  # Ctrl+N: new record
    form = page.dialog
    assert isinstance(form, MeasureForm) and form.isVisible()
    f = form.fields
    f.child.setCurrentIndex(f.child.findData(amy.id))
    qtbot.keyClicks(f.behaviour, "Pushed a member of staff and threw a chair")
    set_wall_time(f.started, utc(2026, 11, 22, 9, 15))
    qtbot.keyClicks(f.location, "Dining room")
    qtbot.keyClicks(f.description, "Two staff used single elbow holds, standing, until she was calm")
    f.duration.setValue(4)
    f.holds.set_checked("Single elbow")
    f.position.setCurrentIndex(f.position.findData(Position.GROUND_PRONE.value))
    f.used_by.set_checked(sam.id)
    qtbot.keyClicks(f.effectiveness, "Calm after four minutes")
    f.injury.setCurrentIndex(f.injury.findData("no"))
    form.save_button.click()
    assert "tried first" in f.problems.text_of("avoidance_steps")  # required (reg 35(3)(a)(v))
    qtbot.keyClicks(f.avoidance, "Offered her a walk in the garden and time in her room")
    with qtbot.waitSignal(page.records_changed), qtbot.waitSignal(page.loaded):
        form.save_button.click()
    row = row_of(page, "R-0001")
    assert row["Status"] == "Sign-off due Tue 09:15"  # 48 hours after it started
    assert row["Child"] == "A.B." and row["Position"] == "Ground (prone) ⚠" and row["Started"] == "22/11/2026 09:15"
    assert page.selected_measure().ref == "R-0001"  # the saved record is selected
    assert page.summary.text().startswith("1 record · 1 with a step to do")


def test_buttons_follow_the_state_of_the_selected_record(qtbot, ws, home, amy, sam, clock):
    unsigned = record(ws, home, amy, sam, utc(2026, 11, 22, 9, 0))
    signed = record(ws, home, amy, sam, utc(2026, 11, 21, 9, 0))
    measures.sign_off(ws, signed.id, sam.id, utc(2026, 11, 22, 10, 0))
    page = make_page(qtbot, ws, home)
    page.select_measure(unsigned.id)
    assert page.open_button.isEnabled() and page.sign_button.isEnabled()
    assert not page.child_button.isEnabled() and not page.addendum_button.isEnabled()
    page.select_measure(signed.id)
    assert not page.sign_button.isEnabled()
    assert page.child_button.isEnabled() and page.addendum_button.isEnabled()


def test_signing_off_from_the_list_updates_the_status(qtbot, ws, home, amy, sam):
    m = record(ws, home, amy, sam, utc(2026, 11, 22, 9, 0))
    page = make_page(qtbot, ws, home)
    page.select_measure(m.id)
    page.sign_button.click()
    dialog = page.dialog
    assert isinstance(dialog, SignOffDialog)
    dialog.signer.setCurrentIndex(dialog.signer.findData(sam.id))
    with qtbot.waitSignal(page.records_changed), qtbot.waitSignal(page.loaded):
        dialog.action.click()
    assert row_of(page, m.ref)["Status"] == "Signed — child due Fri 09:00"
    assert page.child_button.isEnabled() and not page.sign_button.isEnabled()


def test_time_passing_turns_due_into_late(qtbot, ws, home, amy, sam, clock):
    m = record(ws, home, amy, sam, utc(2026, 11, 22, 9, 0))
    page = make_page(qtbot, ws, home)
    assert row_of(page, m.ref)["Status"] == "Sign-off due Tue 09:00"
    clock.set(utc(2026, 11, 24, 9, 1))
    with qtbot.waitSignal(page.loaded):
        page.refresh()
    assert row_of(page, m.ref)["Status"] == "Sign-off late"
    assert "1 with a late step" in page.summary.text()


def test_filters_search_status_child_and_full_names(qtbot, ws, home, amy, sam):
    ben = registers.save_child(ws, Child(home_id=home.id, ref="C-02", first_name="Ben", last_name="Carter",
                                         admitted_on=date(2025, 1, 6)))
    done = record(ws, home, amy, sam, utc(2026, 11, 10, 9, 0), location="Garden")
    measures.sign_off(ws, done.id, sam.id, utc(2026, 11, 10, 12, 0))
    measures.record_child_debrief(ws, done.id, sam.id, utc(2026, 11, 11, 12, 0), "Understood why")
    record(ws, home, ben, sam, utc(2026, 11, 22, 8, 0))
    page = make_page(qtbot, ws, home)
    assert sorted(shown(page, "Child")) == ["A.B.", "B.C."]
    bar = page.filter_bar
    qtbot.keyClicks(bar.search, "garden")
    qtbot.waitUntil(lambda: page.proxy.rowCount() == 1)  # after a short pause in typing
    assert shown(page, "Ref") == [done.ref]
    bar.search.clear()
    bar.apply_now()
    bar.status.setCurrentIndex(bar.status.findData(StatusFilter.OPEN.value))
    assert shown(page, "Child") == ["B.C."]
    bar.status.setCurrentIndex(bar.status.findData(StatusFilter.COMPLETE.value))
    assert shown(page, "Child") == ["A.B."]
    bar.clear()
    bar.child.setCurrentIndex(bar.child.findData(ben.id))
    assert shown(page, "Child") == ["B.C."]
    assert bar.child.currentText() == "B.C. (C-02)"
    bar.full_names.click()
    assert shown(page, "Child") == ["Ben Carter"]
    assert bar.child.currentText() == "Ben Carter (C-02)"  # the choice is kept
    bar.clear()
    assert page.proxy.rowCount() == 2


def test_enter_and_open_measure_show_the_records_form(qtbot, ws, home, amy, sam):
    m = record(ws, home, amy, sam, utc(2026, 11, 22, 9, 0))
    page = make_page(qtbot, ws, home)
    page.select_measure(m.id)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert isinstance(page.dialog, MeasureForm) and page.dialog.measure.id == m.id
    page.dialog.close()
    form = page.open_measure(m.id)  # as the dashboard does
    assert form.isVisible() and form.ref.text() == m.ref


def test_sorting_by_a_column_header_uses_raw_values(qtbot, ws, home, amy, sam):
    for minutes in (9, 100, 10):
        record(ws, home, amy, sam, utc(2026, 11, 22, 9, minutes % 60), duration_minutes=minutes)
    page = make_page(qtbot, ws, home)
    page.table.sortByColumn(COL["Duration"], Qt.SortOrder.AscendingOrder)
    assert shown(page, "Duration") == ["9 min", "10 min", "100 min"]
