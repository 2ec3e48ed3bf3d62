"""The idle lock: every window covered after the idle time (fired here by hand, never waited for), the password asked
for in front, and whatever was being typed still there after unlocking."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from inspect_app.ui.lock import WRONG, IdleLock, LockOverlay
from inspect_app.ui.main_window import MainWindow
from inspect_app.ui.measures.form import MeasureForm
from tests.conftest import PASSWORD

TYPED = "Threw a mug at another young person"


@pytest.fixture(autouse=True)
def _never_block(monkeypatch):
    """Closing a form with unsaved input asks; at teardown the answer is 'discard', never a modal wait."""
    monkeypatch.setattr(QMessageBox, "question", lambda *_a, **_k: QMessageBox.StandardButton.Discard)


@pytest.fixture
def idle(qtbot, ws):
    lock = IdleLock(ws, 10)
    yield lock
    lock.stop()


@pytest.fixture
def form(qtbot, ws, home, amy, sam):
    """A half-typed reg 35 record."""
    f = MeasureForm(ws, home)
    qtbot.addWidget(f)
    f.show()
    qtbot.keyClicks(f.fields.behaviour, TYPED)
    return f


def covered(window, widget) -> bool:
    """What a person would see at the middle of `widget`: the lock's overlay, not the widget."""
    centre = widget.mapTo(window, QPoint(widget.width() // 2, widget.height() // 2))
    under = window.childAt(centre)
    return any(o is under or o.isAncestorOf(under) for o in overlays_of(window))


def overlays_of(window) -> list[LockOverlay]:
    return window.findChildren(LockOverlay, options=Qt.FindDirectChildrenOnly)


def overlay_of(window) -> LockOverlay:
    [overlay] = [o for o in overlays_of(window) if o.isVisible()]
    return overlay


def test_after_the_idle_time_a_half_typed_form_is_covered_not_closed(qtbot, idle, form):
    assert idle.timer.interval() == 10 * 60_000 and idle.timer.isActive()
    assert not covered(form, form.fields.behaviour)
    with qtbot.waitSignal(idle.locked):
        idle.timer.timeout.emit()  # as when ten minutes pass with no input
    overlay = overlay_of(form)
    assert overlay.geometry() == form.rect()
    # opaque: it paints its own background (the style sheet's colour, or the palette's without one)
    assert overlay.autoFillBackground() or overlay.testAttribute(Qt.WA_StyledBackground)
    assert covered(form, form.fields.behaviour) and covered(form, form.save_button)
    assert form.isVisible() and form.result() == 0
    assert overlay.asking and overlay.password.isVisible() and overlay.focusWidget() is overlay.password
    assert "Test Person (tester)" in overlay.text.text()


def test_a_wrong_password_keeps_it_locked(qtbot, ws, idle, form):
    idle.lock()
    overlay = overlay_of(form)
    qtbot.keyClicks(overlay.password, "not the password")
    overlay.unlock_button.click()
    qtbot.waitUntil(lambda: overlay.problem.isVisible(), timeout=5000)
    assert overlay.problem.text() == WRONG.format(username="tester")
    assert overlay.password.text() == "" and idle.is_locked and covered(form, form.fields.behaviour)


def test_the_right_password_uncovers_everything_as_it_was(qtbot, idle, form):
    form.fields.behaviour.setFocus()
    idle.lock()
    overlay = overlay_of(form)
    qtbot.keyClicks(overlay.password, PASSWORD)
    with qtbot.waitSignal(idle.unlocked, timeout=5000):
        qtbot.keyClick(overlay.password, Qt.Key_Return)
    assert not idle.is_locked and not covered(form, form.fields.behaviour)
    assert form.fields.behaviour.toPlainText() == TYPED
    assert form.isVisible() and form.result() == 0  # Enter went to the lock, not to the form's Save
    assert form.focusWidget() is form.fields.behaviour
    assert idle.timer.isActive()  # counting again


def test_typing_while_locked_never_reaches_the_covered_form(qtbot, idle, form):
    idle.lock()
    qtbot.keyClicks(form.fields.location, "Kitchen")
    qtbot.keyClick(form.fields.behaviour, Qt.Key_Backspace)
    assert form.fields.location.text() == "" and form.fields.behaviour.toPlainText() == TYPED
    qtbot.keyClick(overlay_of(form).password, Qt.Key_Escape)  # Escape would close the dialog
    assert form.isVisible()
    qtbot.keyClick(overlay_of(form).password, Qt.Key_Tab)  # Tab stays on the lock
    assert form.focusWidget() in (overlay_of(form).password, overlay_of(form).unlock_button)


def test_input_restarts_the_idle_time(qtbot, idle, form):
    idle.timer.stop()
    qtbot.keyClick(form.fields.location, Qt.Key_A)
    assert idle.timer.isActive()
    assert form.fields.location.text() == "a"  # input is watched, not taken


def test_every_window_is_covered_and_the_one_in_front_asks(qtbot, ws, home, amy, sam, idle):
    window = MainWindow(ws)
    qtbot.addWidget(window)
    window.show()
    f = MeasureForm(ws, home, parent=window)
    f.open()  # window-modal over the main window, as the measures page opens it
    qtbot.keyClicks(f.fields.behaviour, TYPED)
    idle.lock()
    assert covered(window, window.navigation) and covered(f, f.fields.behaviour)
    assert overlay_of(f).asking and not overlay_of(window).asking
    assert not overlay_of(window).password.isVisible()
    qtbot.keyClicks(overlay_of(f).password, PASSWORD)
    with qtbot.waitSignal(idle.unlocked, timeout=5000):
        overlay_of(f).unlock_button.click()
    assert not any(o.isVisible() for o in overlays_of(window) + overlays_of(f))
    assert f.fields.behaviour.toPlainText() == TYPED and f.isVisible()


def test_a_window_that_opens_while_locked_is_covered_too(qtbot, ws, idle, form):
    idle.lock()
    late = QDialog()
    qtbot.addWidget(late)
    late.resize(300, 200)
    late.show()
    assert overlay_of(late).asking and not overlay_of(form).asking


def test_a_window_that_grows_stays_covered(qtbot, idle, form):
    idle.lock()
    form.resize(form.width() + 120, form.height() + 80)
    assert overlay_of(form).geometry() == form.rect()


def test_an_open_list_is_closed_by_the_lock(qtbot, idle, form):
    form.fields.child.showPopup()
    assert QApplication.activePopupWidget() is not None
    idle.lock()
    assert QApplication.activePopupWidget() is None


def test_stopping_takes_the_lock_away(qtbot, idle, form):
    idle.lock()
    idle.stop()
    assert not idle.is_locked and not covered(form, form.fields.behaviour)
    idle.timer.timeout.emit()  # a stray fire after stopping covers nothing
    assert not idle.is_locked


def test_the_demo_says_its_password_on_the_lock_and_opens_no_stray_window(qtbot, ws, form):
    idle = IdleLock(ws, 10, hint="This is the demo: its password is made-up-records")
    try:
        windows = len([w for w in QApplication.topLevelWidgets() if w.isVisible()])
        idle.lock()
        assert overlay_of(form).hint.isVisible() and "made-up-records" in overlay_of(form).hint.text()
        assert len([w for w in QApplication.topLevelWidgets() if w.isVisible()]) == windows
    finally:
        idle.stop()
