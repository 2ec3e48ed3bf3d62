"""The window's questions before a change Cancel cannot undo (ui/messages.py), answered as a user would."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QLineEdit, QPushButton

from inspect_app.ui.messages import ask, ask_reason


def answer(then) -> list[QDialog]:
    """Once the question is up (it runs its own event loop), `then(dialog)`; a dialog still open after it is
    rejected, so that a failing test ends rather than waits. The dialogs seen are returned (filled in later)."""
    seen: list[QDialog] = []

    def act():
        dialog = QApplication.activeModalWidget()
        if dialog is None:  # not shown yet
            QTimer.singleShot(10, act)
            return
        seen.append(dialog)
        try:
            then(dialog)
        finally:
            if dialog.isVisible():
                dialog.reject()
    QTimer.singleShot(0, act)
    return seen


def test_asking_for_a_reason_gives_what_was_typed_or_none_for_cancel(qtbot):
    def type_and_press_enter(dialog):
        box = dialog.findChild(QLineEdit)
        qtbot.keyClicks(box, "  put on the wrong row ")
        qtbot.keyClick(box, Qt.Key_Return)  # the action is the default button

    seen = answer(type_and_press_enter)
    assert ask_reason(None, "Remove the shift?", "It has started. Say why.", "Remove") == "put on the wrong row"
    dialog = seen[0]
    assert dialog.windowTitle() == "Remove the shift?" and dialog.findChild(QLineEdit).accessibleName() == "Reason"
    answer(lambda dialog: dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.Cancel).click())
    assert ask_reason(None, "Remove the shift?", "It has started. Say why.", "Remove") is None


def test_asking_first_needs_the_named_action_cancel_being_the_default(qtbot):
    answer(lambda dialog: qtbot.keyClick(dialog, Qt.Key_Return))
    assert not ask(None, "Copy last week?", "Copy 3 planned shifts?", "Copy")
    answer(lambda dialog: next(b for b in dialog.findChildren(QPushButton) if b.text() == "Copy").click())
    assert ask(None, "Copy last week?", "Copy 3 planned shifts?", "Copy")
