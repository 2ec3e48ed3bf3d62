"""The welcome dialog: set up a home with its problems shown beside the fields, or make a demo home in the background,
in its own file (demo.db), never in the user's database."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QPushButton

from inspect_app.domain.records import Home
from inspect_app.paths import demo_database_path
from inspect_app.services import registers
from inspect_app.services.workspace import Workspace
from inspect_app.ui import first_run
from inspect_app.ui.first_run import DEMO_STOPPED, FirstRunDialog


@pytest.fixture
def dialog(qtbot, ws):
    d = FirstRunDialog(ws)
    qtbot.addWidget(d)
    d.show()
    yield d
    if d.workspace is not None and d.workspace is not ws:
        d.workspace.close()  # the demo's database, handed to whoever shows it


def homes_in_demo_file() -> list[str]:
    check = Workspace.open(demo_database_path())
    try:
        return [h.urn for h in check.homes.all()]
    finally:
        check.close()


def test_a_urn_that_is_not_one_is_shown_next_to_the_field_and_nothing_is_made(qtbot, ws, dialog):
    qtbot.keyClicks(dialog.urn, "SC12345")
    qtbot.keyClicks(dialog.name, "Willow Lodge")
    dialog.create_button.click()
    assert dialog.problems.text_of("urn") == "An Ofsted URN looks like SC123456, or 7 digits."
    assert dialog.problems.text_of("name") == ""
    assert dialog.isVisible() and dialog.result() == 0
    assert ws.homes.all() == []


def test_a_missing_name_is_shown_next_to_its_field(qtbot, ws, dialog):
    qtbot.keyClicks(dialog.urn, "SC123456")
    dialog.create_button.click()
    assert dialog.problems.text_of("name") == "The home needs a name."
    assert dialog.problems.text_of("urn") == ""


def test_setting_up_the_home_creates_it_and_closes(qtbot, ws, dialog):
    qtbot.keyClicks(dialog.urn, "sc654321")
    qtbot.keyClicks(dialog.name, "Willow Lodge")
    dialog.places.setValue(5)
    qtbot.keyClicks(dialog.provider, "Evergreen Care Ltd")
    with qtbot.waitSignal(dialog.accepted):
        dialog.create_button.click()
    [home] = ws.homes.all()
    assert (home.urn, home.name, home.places, home.provider_name) == ("SC654321", "Willow Lodge", 5,
                                                                      "Evergreen Care Ltd")
    assert dialog.homes == [home]
    assert dialog.workspace is ws


def test_a_seven_digit_urn_and_no_places_are_accepted(qtbot, ws, dialog):
    qtbot.keyClicks(dialog.urn, "1234567")
    qtbot.keyClicks(dialog.name, "Birch House")
    dialog.create_button.click()
    assert dialog.result() == QDialog.Accepted
    assert ws.homes.all()[0].places is None


def test_quit_makes_nothing(qtbot, ws, dialog):
    qtbot.keyClicks(dialog.urn, "SC123456")
    dialog.quit_button.click()
    assert dialog.result() == QDialog.Rejected
    assert ws.homes.all() == []


def test_demo_runs_in_the_background_with_progress(qtbot, ws, dialog, monkeypatch):
    seen = []

    def generate(ws, *, homes, years, seed, progress, cancelled):
        seen.append((homes, years, seed, cancelled()))
        progress(0, 1, "Making home 1 of 1")
        return [registers.create_home(ws, Home(urn="SC999001", name="Demo House"))]

    monkeypatch.setattr(first_run, "demo_generator", lambda: generate)
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        dialog.demo_button.click()
        assert not dialog.create_button.isEnabled()  # nothing else while it runs
    assert seen == [(1, 1, 1, False)]
    assert [h.urn for h in dialog.homes] == ["SC999001"]


def test_the_demo_is_made_in_its_own_file_and_the_users_database_stays_without_a_home(qtbot, ws, dialog,
                                                                                       monkeypatch):
    written_to = []

    def generate(target, **options):
        written_to.append(target.db.path)
        return [registers.create_home(target, Home(urn="SC999001", name="Demo House"))]

    monkeypatch.setattr(first_run, "demo_generator", lambda: generate)
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        dialog.demo_button.click()
    assert written_to == [demo_database_path()]
    assert dialog.workspace is not ws and dialog.workspace.db.path == demo_database_path()
    assert ws.homes.all() == []
    assert homes_in_demo_file() == ["SC999001"]


def test_a_demo_made_before_is_opened_not_made_again(qtbot, ws, dialog, monkeypatch):
    earlier = Workspace.open(demo_database_path())
    registers.create_home(earlier, Home(urn="SC999001", name="Demo House"))
    earlier.close()
    monkeypatch.setattr(first_run, "demo_generator", lambda: pytest.fail("the demo was made again"))
    dialog.demo_button.click()
    assert dialog.result() == QDialog.Accepted
    assert [h.urn for h in dialog.homes] == ["SC999001"] and dialog.workspace.db.path == demo_database_path()
    assert ws.homes.all() == []


def test_a_demo_file_that_cannot_be_read_is_explained_and_nothing_is_added(qtbot, ws, dialog, monkeypatch):
    demo_database_path().parent.mkdir(parents=True, exist_ok=True)
    demo_database_path().write_bytes(b"this is not a database" * 100)
    monkeypatch.setattr(first_run, "demo_generator", lambda: pytest.fail("made somewhere else"))
    dialog.demo_button.click()
    assert dialog.status.text() == first_run.DEMO_UNREADABLE.format(path=demo_database_path())
    assert dialog.isVisible() and dialog.demo_button.isEnabled() and dialog.workspace is None
    assert ws.homes.all() == []


def test_leaving_the_demo_for_the_users_own_home_offers_the_home_form_only(qtbot, ws):
    d = FirstRunDialog(ws, offer_demo=False)
    qtbot.addWidget(d)
    d.show()
    assert d.demo_box.isHidden() and d.quit_button.text() == "&Cancel"
    d.quit_button.click()
    assert d.result() == QDialog.Rejected and ws.homes.all() == []


def test_stopping_the_demo_adds_nothing(qtbot, ws, dialog, monkeypatch):
    go = threading.Event()

    def generate(ws, *, homes, years, seed, progress, cancelled):
        go.wait(5)  # held until the test has pressed Stop
        if cancelled():
            return []
        return [registers.create_home(ws, Home(urn="SC999001", name="Demo House"))]

    monkeypatch.setattr(first_run, "demo_generator", lambda: generate)
    dialog.demo_button.click()
    [stop] = [b for b in dialog.progress.findChildren(QPushButton) if b.text() == "&Stop"]
    stop.click()
    go.set()
    qtbot.waitUntil(lambda: dialog.status.isVisible(), timeout=5000)
    assert dialog.status.text() == DEMO_STOPPED
    assert dialog.isVisible() and dialog.create_button.isEnabled()
    assert ws.homes.all() == [] and homes_in_demo_file() == []
    assert dialog.demo_ws is None  # the demo's database is closed again


def test_escape_on_the_progress_stops_the_demo_too(qtbot, ws, dialog, monkeypatch):
    go = threading.Event()

    def generate(ws, *, homes, years, seed, progress, cancelled):
        go.wait(5)
        return [] if cancelled() else [registers.create_home(ws, Home(urn="SC999001", name="Demo House"))]

    monkeypatch.setattr(first_run, "demo_generator", lambda: generate)
    dialog.demo_button.click()
    qtbot.keyClick(dialog.progress, Qt.Key_Escape)
    go.set()
    qtbot.waitUntil(lambda: dialog.status.isVisible(), timeout=5000)
    assert dialog.status.text() == DEMO_STOPPED


def test_a_failing_demo_says_so_and_leaves_the_dialog_usable(qtbot, ws, dialog, monkeypatch):
    def generate(ws, **options):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(first_run, "demo_generator", lambda: generate)
    dialog.demo_button.click()
    qtbot.waitUntil(lambda: dialog.status.isVisible(), timeout=5000)
    assert dialog.status.text().startswith("The demo home could not be made")
    assert "disk on fire" not in dialog.status.text()  # raw error text is for the log, not the user
    assert dialog.demo_button.isEnabled()


def test_the_real_demo_generator_makes_a_home(qtbot, ws, dialog):
    with qtbot.waitSignal(dialog.accepted, timeout=60000):
        dialog.demo_button.click()
    assert len(dialog.homes) == 1
    assert dialog.workspace.children.for_home(dialog.homes[0].id)
    assert ws.homes.all() == []
