"""The reg 35 record form as a care worker uses it: typing, problems next to fields, clock changes, saving."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from PySide6.QtCore import QDate, QDateTime, Qt, QTime, QTimeZone
from PySide6.QtWidgets import QComboBox, QLineEdit, QMessageBox, QPlainTextEdit

from inspect_app.domain.records import Measure
from inspect_app.domain.vocabulary import MeasureKind, Position
from inspect_app.services import measures
from inspect_app.ui.measures.form import SIGNED_NOTICE, MeasureForm
from inspect_app.ui.forms import set_wall_time

UTC = timezone.utc


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=UTC)


def choose(combo: QComboBox, value) -> None:
    index = combo.findData(value)
    assert index >= 0, f"{value!r} is not offered"
    combo.setCurrentIndex(index)


def fill(qtbot, form: MeasureForm, child, staff, *, leave_out: str = "") -> None:
    """Types a whole physical restraint into the form, except the field named in `leave_out`."""
    f = form.fields
    choose(f.child, child.id)
    texts = {"behaviour": (f.behaviour, "Threw a mug at another young person and would not stop"),
             "location": (f.location, "Kitchen"),
             "description": (f.description, "Two staff guided her to the sofa using single elbow holds"),
             "avoidance_steps": (f.avoidance, "Offered time out in her room; talked about her football match"),
             "effectiveness": (f.effectiveness, "Calm within five minutes; apologised and tidied up")}
    for name, (widget, text) in texts.items():
        if name != leave_out:
            qtbot.keyClicks(widget, text)
    set_wall_time(f.started, utc(2026, 11, 22, 9, 15))
    choose(f.kind, MeasureKind.RESTRAINT.value)
    f.duration.setValue(6)
    f.holds.set_checked("Single elbow")
    choose(f.position, Position.SEATED.value)
    if leave_out != "used_by":
        f.used_by.set_checked(staff.id)
    choose(f.injury, "no")


@pytest.fixture(autouse=True)
def _never_block(monkeypatch):
    """Closing a form with unsaved input asks; at teardown the answer is 'discard', never a modal wait."""
    monkeypatch.setattr(QMessageBox, "question", lambda *_a, **_k: QMessageBox.StandardButton.Discard)


@pytest.fixture
def form(qtbot, ws, home, amy, sam, kim):
    form = MeasureForm(ws, home)
    qtbot.addWidget(form)
    form.show()
    return form


def test_a_required_field_left_empty_is_named_next_to_it_and_nothing_is_saved(qtbot, ws, home, amy, sam, form):
    fill(qtbot, form, amy, sam, leave_out="avoidance_steps")
    form.save_button.click()
    assert "What was tried first to avoid it (reg 35(3)(a)(v))".lower() in \
        form.fields.problems.text_of("avoidance_steps").lower()
    assert form.fields.problems.text_of("behaviour") == ""
    assert form.isVisible()
    assert ws.measures.for_home(home.id) == []


def test_saving_captures_the_time_of_the_first_save(qtbot, ws, home, amy, sam, form, clock):
    fill(qtbot, form, amy, sam)
    with qtbot.waitSignal(form.record_saved) as saved:
        form.save_button.click()
    m = ws.measures.get(saved.args[0])
    assert m.ref == "R-0001"
    assert m.recorded_at == clock()  # captured by the program, never typed
    assert m.started_at == utc(2026, 11, 22, 9, 15)
    assert m.holds == ("Single elbow",) and m.position is Position.SEATED and m.used_by == (sam.id,)
    assert m.injury is False and m.duration_minutes == 6
    assert not form.isVisible()


def test_nothing_chosen_shows_every_problem_at_once(qtbot, form):
    form.save_button.click()
    problems = form.fields.problems
    assert "choose the child" in problems.text_of("child_ref").lower()
    for name in ("behaviour", "location", "description", "avoidance_steps", "effectiveness", "duration_minutes",
                 "used_by", "injury", "position", "holds"):
        assert problems.text_of(name), name


def type_wall_time(edit, year: int, month: int, day: int, hour: int, minute: int) -> None:
    """What the user reads in the field, as typed (the field holds its reading as it is)."""
    edit.setDateTime(QDateTime(QDate(year, month, day), QTime(hour, minute), QTimeZone.utc()))


def test_a_time_that_does_not_exist_on_the_clock_change_night_is_refused_next_to_the_field(qtbot, ws, home, amy,
                                                                                              sam, form):
    fill(qtbot, form, amy, sam)
    type_wall_time(form.fields.started, 2026, 3, 29, 1, 30)  # the clocks went from 01:00 to 02:00
    assert form.fields.started.text() == "29/03/2026 01:30"  # kept as typed, not quietly moved to 02:30
    assert "does not exist in UK time" in form.fields.problems.text_of("started_at")  # shown as soon as typed
    form.save_button.click()
    assert "does not exist in UK time" in form.fields.problems.text_of("started_at")
    assert ws.measures.for_home(home.id) == []


def test_a_time_that_happens_twice_when_the_clocks_go_back_is_refused(qtbot, ws, home, amy, sam, form):
    fill(qtbot, form, amy, sam)
    type_wall_time(form.fields.started, 2026, 10, 25, 1, 30)  # 01:00-02:00 happens twice that night
    form.save_button.click()
    assert "happens twice in UK time" in form.fields.problems.text_of("started_at")
    assert ws.measures.for_home(home.id) == []


def test_a_start_in_the_future_is_refused_by_the_service_next_to_the_field(qtbot, ws, home, amy, sam, form):
    fill(qtbot, form, amy, sam)
    set_wall_time(form.fields.started, utc(2026, 11, 22, 13, 0))  # an hour after "now"
    form.save_button.click()
    assert "cannot start in the future" in form.fields.problems.text_of("started_at")


def test_prone_is_flagged_in_words_and_the_staff_count_follows_the_ticks(qtbot, form, sam, kim):
    f = form.fields
    assert f.physical.isVisible()
    assert not f.prone_warning.isVisible()
    choose(f.position, Position.GROUND_PRONE.value)
    assert f.prone_warning.isVisible() and "highest-risk" in f.prone_warning.text()
    f.used_by.set_checked(sam.id)
    f.used_by.set_checked(kim.id)
    assert f.staff_count.text().startswith("2 ")
    choose(f.kind, MeasureKind.SANCTION.value)
    assert not f.physical.isVisible()  # holds and position belong to a restraint or a hold only


def test_a_sanction_needs_no_holds_or_position(qtbot, ws, home, amy, sam, form):
    fill(qtbot, form, amy, sam)
    choose(form.fields.kind, MeasureKind.SANCTION.value)
    with qtbot.waitSignal(form.record_saved) as saved:
        qtbot.keyClick(form, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)  # Ctrl+S saves
    m = ws.measures.get(saved.args[0])
    assert m.kind is MeasureKind.SANCTION and m.position is None and m.holds == ()


def test_planned_in_the_ehc_plan_says_the_deadlines_do_not_apply(qtbot, form):
    assert not form.fields.planned_note.isVisible()
    form.fields.planned.click()
    assert form.fields.planned_note.isVisible()
    assert "do not apply" in form.fields.planned_note.text()


def test_cancel_with_unsaved_input_asks_first(qtbot, form, monkeypatch):
    asked = []

    def answer(reply):
        def question(*_args, **_kwargs):
            asked.append(True)
            return reply
        return question

    qtbot.keyClicks(form.fields.location, "Garden")
    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.Cancel))
    form.close_button.click()
    assert asked and form.isVisible()
    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.Discard))
    form.close_button.click()
    assert len(asked) == 2 and not form.isVisible()


def test_cancel_without_input_does_not_ask(qtbot, form, monkeypatch):
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: pytest.fail("asked needlessly"))
    form.close_button.click()
    assert not form.isVisible()


def record(ws, home, child, staff, clock) -> Measure:
    clock.set(utc(2026, 11, 22, 10, 0))
    m = measures.record_measure(ws, Measure(
        home_id=home.id, ref="", child_id=child.id, kind=MeasureKind.RESTRAINT, started_at=utc(2026, 11, 22, 9, 0),
        recorded_at=utc(2026, 11, 22, 9, 0), duration_minutes=5, location="Lounge", behaviour="Kicking doors",
        avoidance_steps="Talked it through", description="Standing hold", position=Position.STANDING,
        holds=("Single elbow",), used_by=(staff.id,), effectiveness="Settled", injury=False))
    clock.set(utc(2026, 11, 22, 12, 0))
    return m


def test_an_unsigned_record_can_be_corrected_and_keeps_its_first_save_time(qtbot, ws, home, amy, sam, clock):
    m = record(ws, home, amy, sam, clock)
    form = MeasureForm(ws, home, m.id)
    qtbot.addWidget(form)
    form.show()
    assert "Sun 22/11/2026 10:00" in form.recorded.text()  # shown, never typed
    assert form.ref.text() == m.ref
    form.fields.location.clear()
    qtbot.keyClicks(form.fields.location, "Hallway")
    with qtbot.waitSignal(form.record_saved):
        form.save_button.click()
    saved = ws.measures.get(m.id)
    assert saved.location == "Hallway" and saved.recorded_at == utc(2026, 11, 22, 10, 0)


def test_a_signed_record_opens_read_only_with_its_sign_off_and_addenda(qtbot, ws, home, amy, sam, clock):
    m = record(ws, home, amy, sam, clock)
    measures.sign_off(ws, m.id, sam.id, utc(2026, 11, 22, 11, 0))
    measures.add_addendum(ws, m.id, "The hold lasted 6 minutes, not 5", "Timing checked with CCTV")
    form = MeasureForm(ws, home, m.id)
    qtbot.addWidget(form)
    form.show()
    assert form.read_only
    assert form.notice.isVisible() and form.notice.text() == SIGNED_NOTICE
    assert form.fields.behaviour.isReadOnly() and not form.fields.child.isEnabled()
    assert not form.save_button.isVisible() and form.close_button.text() == "Close"
    assert "Signed as accurate by Sam Jones on Sun 22/11/2026 12:00" in form.trail.signoff.text()
    assert "Not yet recorded: due by Fri 27/11/2026 09:00" in form.trail.child.text()
    assert "Timing checked with CCTV" in form.trail.addenda.text()
    assert form.addendum_button.isVisible() and form.child_button.isVisible()
    used_by = form.fields.used_by
    shown = [used_by.item(i).text() for i in range(used_by.count()) if not used_by.item(i).isHidden()]
    assert shown == ["Sam Jones (Senior)"]  # only who used it, not the whole register


def test_every_input_has_an_accessible_name_and_tab_follows_the_regulation(qtbot, form):
    f = form.fields
    inputs = [f.child, f.behaviour, f.started, f.location, f.kind, f.description, f.duration, f.holds,
              f.other_holds, f.position, f.avoidance, f.used_by, f.others_present, f.effectiveness, f.injury,
              f.injury_details, f.treatment, f.planned, f.police]
    for widget in inputs:
        assert widget.accessibleName(), widget
    assert form.save_button.isDefault()
    order, widget = [], f.child
    for _ in range(200):
        if widget in inputs and widget not in order:
            order.append(widget)
        widget = widget.nextInFocusChain()
    assert order == inputs
    assert all(isinstance(w, (QPlainTextEdit, QLineEdit)) or w.focusPolicy() != Qt.FocusPolicy.NoFocus
               for w in inputs)
