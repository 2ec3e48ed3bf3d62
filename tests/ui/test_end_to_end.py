"""The whole window as a manager uses it: type a restraint into the form, fix what it asks, save, and find the
record in the list and the next step on the dashboard."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QMessageBox

from inspect_app.domain.vocabulary import MeasureKind, Position
from inspect_app.ui.forms import set_wall_time
from inspect_app.ui.main_window import MainWindow


@pytest.fixture(autouse=True)
def _never_block(monkeypatch):
    monkeypatch.setattr(QMessageBox, "question", lambda *_a, **_k: QMessageBox.StandardButton.Discard)


def choose(combo, value) -> None:
    index = combo.findData(value)
    assert index >= 0, f"{value!r} is not offered"
    combo.setCurrentIndex(index)


def test_a_restraint_typed_in_the_window_reaches_the_list_and_the_dashboard(qtbot, ws, home, amy, sam, tmp_path):
    window = MainWindow(ws, settings=QSettings(str(tmp_path / "window.ini"), QSettings.IniFormat))
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    dashboard = window.page("dashboard")
    assert dashboard.model.rowCount() == 0  # nothing to do yet

    window.show_area("measures")
    page = window.page("measures")
    qtbot.waitUntil(lambda: page.new_button.isEnabled())
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.navigation.setFocus()  # straight from the navigation list, Ctrl+N makes a new record
    qtbot.keyClick(window.navigation, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    form = page.dialog
    f = form.fields
    choose(f.child, amy.id)
    qtbot.keyClicks(f.behaviour, "Kicked the door and threw a chair at a peer")
    set_wall_time(f.started, datetime(2026, 11, 22, 9, 15, tzinfo=timezone.utc))
    qtbot.keyClicks(f.location, "Lounge")
    choose(f.kind, MeasureKind.RESTRAINT.value)
    qtbot.keyClicks(f.description, "Standing hold by one member of staff")
    f.duration.setValue(3)
    f.holds.set_checked("Single elbow")
    choose(f.position, Position.STANDING.value)
    f.used_by.set_checked(sam.id)
    qtbot.keyClicks(f.effectiveness, "Calm within three minutes")
    choose(f.injury, "no")
    form.save_button.click()
    assert "tried first" in f.problems.text_of("avoidance_steps")  # reg 35(3)(a)(v) is required
    assert ws.measures.count(home.id) == 0

    qtbot.keyClicks(f.avoidance, "Talked with her and offered the garden")
    with qtbot.waitSignal(page.loaded):
        form.save_button.click()
    assert page.selected_measure().ref == "R-0001"

    window.show_area("dashboard")
    texts = [dashboard.model.index(r, 1).data() for r in range(dashboard.model.rowCount())]
    assert texts[0] == ("A.B.: speak to the staff involved in today's restraint (R-0001) and sign the record "
                        "off by Tuesday 09:15.")
    assert any(t.startswith("Speak to A.B. about today's restraint (R-0001) by") for t in texts)
