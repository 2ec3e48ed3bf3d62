"""Signing off (reg 35(3)(b)), the conversation with the child (reg 35(3)(c)) and addenda, as the dialogs show them."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from PySide6.QtCore import QDate, QDateTime, QTime, QTimeZone
from PySide6.QtWidgets import QMessageBox

from inspect_app.domain.records import Measure
from inspect_app.domain.vocabulary import MeasureKind, Position
from inspect_app.services import measures
from inspect_app.services.measure_list import record_context
from inspect_app.ui.measures.addendum import AddendumDialog
from inspect_app.ui.measures.form import MeasureForm
from inspect_app.ui.measures.signoff import ChildConversationDialog, SignOffDialog


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=timezone.utc)


@pytest.fixture(autouse=True)
def _never_block(monkeypatch):
    monkeypatch.setattr(QMessageBox, "question", lambda *_a, **_k: QMessageBox.StandardButton.Discard)


@pytest.fixture
def restraint(ws, home, amy, sam, kim, clock) -> Measure:
    """A complete record of a restraint on Sunday 22/11/2026 at 09:00, written at 10:00; now is 12:00."""
    clock.set(utc(2026, 11, 22, 10, 0))
    m = measures.record_measure(ws, Measure(
        home_id=home.id, ref="", child_id=amy.id, kind=MeasureKind.RESTRAINT, started_at=utc(2026, 11, 22, 9, 0),
        recorded_at=utc(2026, 11, 22, 9, 0), duration_minutes=5, location="Lounge", behaviour="Kicking doors",
        avoidance_steps="Talked it through", description="Standing hold", position=Position.STANDING,
        holds=("Single elbow",), used_by=(kim.id,), effectiveness="Settled", injury=False))
    clock.set(utc(2026, 11, 22, 12, 0))
    return m


def open_dialog(qtbot, ws, home, cls, measure_id):
    dialog = cls(ws, record_context(ws, home, measure_id))
    qtbot.addWidget(dialog)
    dialog.open()  # window-modal, as the page opens it: never blocks
    return dialog


def choose(combo, staff_id: int) -> None:
    combo.setCurrentIndex(combo.findData(staff_id))


def test_an_unauthorised_signer_is_refused_next_to_the_signer(qtbot, ws, home, restraint, kim):
    dialog = open_dialog(qtbot, ws, home, SignOffDialog, restraint.id)
    choose(dialog.signer, kim.id)
    dialog.action.click()
    refusal = dialog.problems.text_of("signed_by")
    assert "Kim Patel is not authorised to sign off records (reg 35(3)(b))" in refusal
    assert dialog.isVisible()
    assert not ws.measures.get(restraint.id).locked


def test_signing_off_properly_locks_the_record(qtbot, ws, home, restraint, sam):
    dialog = open_dialog(qtbot, ws, home, SignOffDialog, restraint.id)
    assert "sign by Tue 24/11/2026 09:00" in dialog.deadline.text()
    choose(dialog.signer, sam.id)
    dialog.spoken_at.setDateTime(QDateTime(QDate(2026, 11, 22), QTime(11, 30), QTimeZone.utc()))
    with qtbot.waitSignal(dialog.saved) as saved:
        dialog.action.click()
    assert saved.args == [restraint.id]
    m = ws.measures.get(restraint.id)
    assert m.locked and m.signed_by == sam.id and m.signed_at == utc(2026, 11, 22, 12, 0)
    assert m.user_spoken_to_at == utc(2026, 11, 22, 11, 30)
    form = MeasureForm(ws, home, restraint.id)
    qtbot.addWidget(form)
    form.show()
    assert form.read_only and form.notice.isVisible()
    assert form.fields.location.isReadOnly() and not form.save_button.isVisible()


def test_signing_from_the_form_locks_it_there_and_then(qtbot, ws, home, restraint, sam):
    form = MeasureForm(ws, home, restraint.id)
    qtbot.addWidget(form)
    form.show()
    assert form.sign_button.isVisible() and not form.read_only
    dialog = form.open_sign_off()
    choose(dialog.signer, sam.id)
    with qtbot.waitSignal(form.record_saved):
        dialog.action.click()
    assert form.read_only and form.notice.isVisible()
    assert form.fields.behaviour.isReadOnly()
    assert not form.sign_button.isVisible() and form.child_button.isVisible()
    assert "Signed as accurate by Sam Jones" in form.trail.signoff.text()


def test_the_form_asks_for_changes_to_be_saved_before_signing(qtbot, ws, home, restraint):
    form = MeasureForm(ws, home, restraint.id)
    qtbot.addWidget(form)
    form.show()
    qtbot.keyClicks(form.fields.location, " by the stairs")
    assert form.open_sign_off() is None
    assert "save your changes first" in form.general.text().lower()


def test_a_late_sign_off_is_allowed_and_says_it_is_late(qtbot, ws, home, restraint, sam, clock):
    clock.set(utc(2026, 11, 25, 9, 0))  # 72 hours after the start: the 48 hours have passed
    dialog = open_dialog(qtbot, ws, home, SignOffDialog, restraint.id)
    assert "That time has passed" in dialog.deadline.text()
    choose(dialog.signer, sam.id)
    with qtbot.waitSignal(dialog.saved):
        dialog.action.click()
    assert ws.measures.get(restraint.id).signed_at == utc(2026, 11, 25, 9, 0)


def test_a_clock_change_time_for_the_staff_conversation_is_refused(qtbot, ws, home, restraint, sam):
    dialog = open_dialog(qtbot, ws, home, SignOffDialog, restraint.id)
    choose(dialog.signer, sam.id)
    dialog.spoken_at.setDateTime(QDateTime(QDate(2026, 10, 25), QTime(1, 30), QTimeZone.utc()))
    dialog.action.click()
    assert "happens twice in UK time" in dialog.problems.text_of("user_spoken_to_at")
    assert not ws.measures.get(restraint.id).locked


def test_the_child_conversation_needs_the_childs_views(qtbot, ws, home, restraint, sam):
    measures.sign_off(ws, restraint.id, sam.id, utc(2026, 11, 22, 11, 0))
    dialog = open_dialog(qtbot, ws, home, ChildConversationDialog, restraint.id)
    assert dialog.by.currentData() == sam.id  # the person who signed, by default
    assert "speak to the child by Fri 27/11/2026 09:00" in dialog.deadline.text()
    dialog.action.click()
    assert "what the child said" in dialog.problems.text_of("child_views")
    qtbot.keyClicks(dialog.views, "She said the hold hurt her wrist and she wants to talk to her mum")
    with qtbot.waitSignal(dialog.saved):
        dialog.action.click()
    m = ws.measures.get(restraint.id)
    assert m.child_views.startswith("She said the hold hurt") and m.child_spoken_to_by == sam.id
    assert m.child_spoken_to_at == utc(2026, 11, 22, 12, 0)


def test_the_child_conversation_comes_after_sign_off(qtbot, ws, home, restraint, sam):
    dialog = open_dialog(qtbot, ws, home, ChildConversationDialog, restraint.id)
    qtbot.keyClicks(dialog.views, "Felt it was unfair")
    dialog.action.click()
    assert "sign the record off first (reg 35(3)(b))" in dialog.general.text().lower()
    assert ws.measures.get(restraint.id).child_spoken_to_at is None


def test_an_addendum_needs_text_and_reason_and_then_shows_on_the_record(qtbot, ws, home, restraint, sam):
    measures.sign_off(ws, restraint.id, sam.id, utc(2026, 11, 22, 11, 0))
    dialog = open_dialog(qtbot, ws, home, AddendumDialog, restraint.id)
    dialog.action.click()
    assert "write the correction" in dialog.problems.text_of("text").lower()
    assert "say why" in dialog.problems.text_of("reason").lower()
    qtbot.keyClicks(dialog.text, "A red mark on her wrist was seen at bedtime; first aid given")
    qtbot.keyClicks(dialog.reason, "Injury noticed after the record was signed")
    with qtbot.waitSignal(dialog.saved):
        dialog.action.click()
    assert [a.reason for a in ws.addenda.for_measure(restraint.id)] == ["Injury noticed after the record was signed"]
    form = MeasureForm(ws, home, restraint.id)
    qtbot.addWidget(form)
    form.show()
    assert "A red mark on her wrist" in form.trail.addenda.text()
    assert ws.measures.get(restraint.id).injury is False  # the signed record itself is unchanged


def test_cancelling_a_typed_addendum_asks_first(qtbot, ws, home, restraint, sam, monkeypatch):
    measures.sign_off(ws, restraint.id, sam.id, utc(2026, 11, 22, 11, 0))
    dialog = open_dialog(qtbot, ws, home, AddendumDialog, restraint.id)
    qtbot.keyClicks(dialog.reason, "Wrong time")
    monkeypatch.setattr(QMessageBox, "question", lambda *_a, **_k: QMessageBox.StandardButton.Cancel)
    dialog.reject()
    assert dialog.isVisible()
