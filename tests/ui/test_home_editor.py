"""The home's details: the scheme and its holds are set here, problems shown by their fields, changes audited."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox

from inspect_app.storage import audit
from inspect_app.ui.home_editor import HomeEditor, holds_from_text


@pytest.fixture(autouse=True)
def _never_block(monkeypatch):
    monkeypatch.setattr(QMessageBox, "question", lambda *_a, **_k: QMessageBox.StandardButton.Discard)


@pytest.fixture
def editor(qtbot, ws, home):
    dialog = HomeEditor(ws, home)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_a_home_using_another_scheme_sets_its_holds(qtbot, ws, home, editor):
    editor.scheme.clear()
    qtbot.keyClicks(editor.scheme, "MAPA")
    editor.holds.clear()
    qtbot.keyClicks(editor.holds, "Child control position")
    editor.holds.appendPlainText("  team  control position \n\nchild control position\nSupportive escort")
    with qtbot.waitSignal(editor.record_saved):
        editor.save_button.click()
    saved = ws.homes.get(home.id)
    assert saved.pi_scheme == "MAPA"
    assert saved.pi_holds == ("Child control position", "team control position", "Supportive escort")
    assert audit.history(ws.db, "home", home.id)[-1]["reason"] == "home details edited"


def test_problems_are_shown_next_to_their_fields_and_nothing_is_saved(qtbot, ws, home, editor):
    editor.urn.clear()
    qtbot.keyClicks(editor.urn, "SC12")
    editor.age_min.setValue(16)
    editor.age_max.setValue(12)
    editor.holds.clear()
    editor.save_button.click()
    assert "URN" in editor.problems.text_of("urn")
    assert "below the youngest" in editor.problems.text_of("age_max")
    assert "one a line" in editor.problems.text_of("pi_holds")
    assert ws.homes.get(home.id) == home


def test_holds_text_drops_blanks_and_repeats():
    assert holds_from_text("A hold\n\n a  hold \nB") == ("A hold", "B")
