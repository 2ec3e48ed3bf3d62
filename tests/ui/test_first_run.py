"""The welcome dialog: set up a home (and on a new database its first account) with problems shown beside the fields,
or make a demo home in the background, in its own file (demo.db) with its own account, never in the user's database."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QPushButton

from inspect_app.domain.records import Home
from inspect_app.paths import demo_database_path
from inspect_app.services import registers
from inspect_app.domain.roles import Role
from inspect_app.services.workspace import Credentials, Workspace
from inspect_app.storage.driver import is_plain_sqlite
from inspect_app.storage.instance_lock import InstanceLock
from inspect_app.storage.keyslots import WrongPassword, key_file_for
from inspect_app.ui import first_run
from inspect_app.ui.demo_access import DEMO_CREDENTIALS, DEMO_UNREADABLE
from inspect_app.ui.first_run import DEMO_STOPPED, FirstRunDialog


@pytest.fixture
def dialog(qtbot, ws):
    d = FirstRunDialog(ws)
    qtbot.addWidget(d)
    d.show()
    yield d
    if d.workspace is not None and d.workspace is not ws:
        d.workspace.close()  # the demo's database, handed to whoever shows it
    if d.demo_lock is not None:
        d.demo_lock.release()


def homes_in_demo_file() -> list[str]:
    check = Workspace.open(demo_database_path(), DEMO_CREDENTIALS)
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
    earlier = Workspace.create(demo_database_path(), DEMO_CREDENTIALS)
    registers.create_home(earlier, Home(urn="SC999001", name="Demo House"))
    earlier.close()
    monkeypatch.setattr(first_run, "demo_generator", lambda: pytest.fail("the demo was made again"))
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        dialog.demo_button.click()
    assert [h.urn for h in dialog.homes] == ["SC999001"] and dialog.workspace.db.path == demo_database_path()
    assert ws.homes.all() == []


def test_a_demo_file_that_cannot_be_read_is_explained_and_nothing_is_added(qtbot, ws, dialog, monkeypatch):
    demo_database_path().parent.mkdir(parents=True, exist_ok=True)
    demo_database_path().write_bytes(b"this is not a database" * 100)
    monkeypatch.setattr(first_run, "demo_generator", lambda: pytest.fail("made somewhere else"))
    dialog.demo_button.click()
    qtbot.waitUntil(lambda: dialog.status.isVisible(), timeout=5000)
    assert dialog.status.text() == DEMO_UNREADABLE.format(path=demo_database_path())
    assert dialog.isVisible() and dialog.demo_button.isEnabled() and dialog.workspace is None
    assert demo_database_path().read_bytes() == b"this is not a database" * 100  # not the program's to delete
    assert dialog.demo_lock is None  # let go again
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
    assert dialog.workspace is None and dialog.demo_lock is None  # the demo's database is closed, its lock let go


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


# the demo's own account ------------------------------------------------------------------------------------------

def test_the_demo_signs_in_by_itself_with_the_demo_account(qtbot, ws, dialog, monkeypatch):
    monkeypatch.setattr(first_run, "demo_generator", lambda: _one_demo_home)
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        dialog.demo_button.click()
    demo = dialog.workspace
    assert demo.actor == "demo" and demo.account.role is Role.RESPONSIBLE_INDIVIDUAL
    assert len(DEMO_CREDENTIALS.password) >= 10
    assert dialog.demo_lock is not None and dialog.demo_lock.held  # handed to the window with the demo
    with pytest.raises(WrongPassword):
        Workspace.open(demo_database_path(), Credentials("demo", "not the demo password"))


def _one_demo_home(ws, **options):
    return [registers.create_home(ws, Home(urn="SC999001", name="Demo House"))]


def test_a_plain_demo_from_an_earlier_version_is_made_again_with_its_backups(qtbot, ws, dialog, monkeypatch):
    import sqlite3

    demo_database_path().parent.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(demo_database_path()) as plain:
        plain.execute("CREATE TABLE child (first_name TEXT)")
        plain.execute("INSERT INTO child VALUES ('Ada')")
    plain.close()
    backups = demo_database_path().parent / "backups"
    backups.mkdir()
    old_demo_backup = backups / "demo-before-0004_accounts-20261101T000000Z.db"
    users_backup = backups / "daily-records-2026-11-21.db"
    old_demo_backup.write_bytes(b"SQLite format 3\x00 made-up")
    users_backup.write_bytes(b"the user's own backup")
    monkeypatch.setattr(first_run, "demo_generator", lambda: _one_demo_home)
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        dialog.demo_button.click()
    assert not is_plain_sqlite(demo_database_path()) and key_file_for(demo_database_path()).exists()
    assert [h.urn for h in dialog.homes] == ["SC999001"]
    assert not old_demo_backup.exists()
    assert users_backup.read_bytes() == b"the user's own backup"  # never the user's


def test_a_demo_open_in_another_window_is_said_and_left_alone(qtbot, ws, dialog, monkeypatch):
    monkeypatch.setattr(first_run, "demo_generator", lambda: pytest.fail("made while open elsewhere"))
    other = InstanceLock(demo_database_path()).acquire()
    try:
        dialog.demo_button.click()
        assert "already open in another window" in dialog.status.text()
        assert dialog.workspace is None and dialog.demo_button.isEnabled()
        assert not demo_database_path().exists()
    finally:
        other.release()


# a new database: the first account comes with the home ----------------------------------------------------------

@pytest.fixture
def new_records(qtbot, tmp_path, clock):
    """The welcome dialog where there is no database yet (first run)."""
    d = FirstRunDialog(None, path=tmp_path / "records.db", clock=clock)
    qtbot.addWidget(d)
    d.show()
    yield d
    if d.workspace is not None:
        d.workspace.close()


def fill_account(qtbot, d, username="jo", full_name="Jo Bloggs", password="three random words",
                 again="three random words"):
    qtbot.keyClicks(d.account.username, username)
    qtbot.keyClicks(d.account.full_name, full_name)
    qtbot.keyClicks(d.account.password, password)
    qtbot.keyClicks(d.account.again, again)


def fill_home(qtbot, d, urn="SC654321"):
    qtbot.keyClicks(d.urn, urn)
    qtbot.keyClicks(d.name, "Willow Lodge")


def test_on_a_new_database_the_account_is_asked_for_with_the_home(new_records):
    d = new_records
    assert d.account_box.isVisible() and d.account.password.echoMode() == d.account.password.EchoMode.Password
    assert d.account.username.hasFocus() or d.focusWidget() is d.account.username


def test_account_problems_are_shown_next_to_their_fields_and_nothing_is_made(qtbot, new_records, tmp_path):
    d = new_records
    fill_account(qtbot, d, username="jo", full_name="", password="short", again="shorter")
    fill_home(qtbot, d)
    d.create_button.click()
    assert d.problems.text_of("full_name") == "Enter your full name, as it should appear in the records."
    assert "at least 10 characters" in d.problems.text_of("password")
    assert d.problems.text_of("password_again") == "The two passwords are not the same; type them again."
    assert d.problems.text_of("username") == ""
    assert not (tmp_path / "records.db").exists() and not key_file_for(tmp_path / "records.db").exists()


def test_a_password_holding_the_user_name_is_refused(qtbot, new_records):
    fill_account(qtbot, new_records, username="jobloggs", password="jobloggs-password", again="jobloggs-password")
    fill_home(qtbot, new_records)
    new_records.create_button.click()
    assert new_records.problems.text_of("password") == "The password must not contain the user name."


def test_a_bad_urn_makes_no_database_even_with_a_good_account(qtbot, new_records, tmp_path):
    fill_account(qtbot, new_records)
    fill_home(qtbot, new_records, urn="SC12")
    new_records.create_button.click()
    assert new_records.problems.text_of("urn") == "An Ofsted URN looks like SC123456, or 7 digits."
    assert not (tmp_path / "records.db").exists()


def test_setting_up_makes_the_encrypted_database_its_first_account_and_the_home(qtbot, new_records, tmp_path, clock):
    path = tmp_path / "records.db"
    fill_account(qtbot, new_records, username="Jo")
    fill_home(qtbot, new_records)
    with qtbot.waitSignal(new_records.accepted, timeout=5000):
        new_records.create_button.click()
    made = new_records.workspace
    assert made.db.path == path and not is_plain_sqlite(path)
    assert (made.actor, made.account.full_name, made.account.role) == ("jo", "Jo Bloggs", Role.RESPONSIBLE_INDIVIDUAL)
    [home] = made.visible_homes()
    assert (home.urn, home.name) == ("SC654321", "Willow Lodge") and new_records.homes == [home]
    with pytest.raises(WrongPassword):
        Workspace.open(path, Credentials("jo", "not the password"), clock=clock)
    again = Workspace.open(path, Credentials("jo", "three random words"), clock=clock)
    again.close()


def test_quitting_before_setting_up_makes_no_file(qtbot, new_records, tmp_path):
    fill_account(qtbot, new_records)
    new_records.quit_button.click()
    assert new_records.result() == QDialog.Rejected
    assert list(tmp_path.glob("records.db*")) == []
