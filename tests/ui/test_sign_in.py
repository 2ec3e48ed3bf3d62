"""Signing in as a person sees it: the password checked off the GUI thread, a wrong one refused under its field, the
user name remembered (never the password), one window per database, and changing one's own password."""

from __future__ import annotations

import logging
import sys

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialog

from inspect_app.domain.records import Home
from inspect_app.paths import default_database_path
from inspect_app.services import registers
from inspect_app.services.workspace import Credentials, Workspace
from inspect_app.storage.instance_lock import InstanceLock
from inspect_app.storage.keyslots import WrongPassword, key_file_for
from inspect_app.ui import app as app_module
from inspect_app.ui import session as session_module
from inspect_app.ui import sign_in
from inspect_app.ui.password_dialog import ChangePasswordDialog
from inspect_app.ui.sign_in import OTHER_FILE, USERNAME_KEY, SignInDialog
from tests.conftest import PASSWORD, TESTER

WRONG = ("That user name and password do not open this database. Check the spelling and Caps Lock; if you have "
         "forgotten your password, a manager can set a new one.")


@pytest.fixture
def settings(tmp_path):
    return QSettings(str(tmp_path / "window.ini"), QSettings.IniFormat)


@pytest.fixture
def records(db_path, new_workspace, clock):
    """A database with a home, closed again: what the sign-in dialog opens."""
    made = new_workspace(db_path, clock=clock)
    registers.create_home(made, Home(urn="SC123456", name="Oak House"))
    made.close()
    return db_path


@pytest.fixture
def dialog(qtbot, records, settings, clock):
    d = SignInDialog(records, settings, clock=clock)
    qtbot.addWidget(d)
    d.show()
    yield d
    if d.workspace is not None:
        d.workspace.close()


def sign_in_with(qtbot, d: SignInDialog, username: str, password: str) -> None:
    d.username.clear()
    qtbot.keyClicks(d.username, username)
    qtbot.keyClicks(d.password, password)
    d.sign_in_button.click()


def test_the_password_is_hidden_as_it_is_typed(dialog):
    assert dialog.password.echoMode() == dialog.password.EchoMode.Password
    assert dialog.username.text() == ""  # nobody has signed in here before
    assert dialog.other_file_button.isHidden()  # offered only when this file has a problem


def test_a_wrong_password_is_refused_under_its_field_the_user_name_kept(qtbot, dialog):
    sign_in_with(qtbot, dialog, "tester", "not the password at all")
    qtbot.waitUntil(lambda: dialog.problems.text_of("password") != "", timeout=5000)
    assert dialog.problems.text_of("password") == WRONG
    assert dialog.password.text() == "" and dialog.username.text() == "tester"
    assert dialog.isVisible() and dialog.result() == 0 and dialog.workspace is None
    assert dialog.sign_in_button.isEnabled() and dialog.password.isEnabled()


def test_an_unknown_user_name_gets_the_same_message(qtbot, dialog):
    sign_in_with(qtbot, dialog, "nobody", PASSWORD)
    qtbot.waitUntil(lambda: dialog.problems.text_of("password") != "", timeout=5000)
    assert dialog.problems.text_of("password") == WRONG  # nothing tells which user names exist


def test_the_right_password_opens_the_records_and_the_user_name_is_remembered(qtbot, dialog, settings, tmp_path):
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        sign_in_with(qtbot, dialog, " Tester ", PASSWORD)
    ws = dialog.workspace
    assert ws.actor == "tester" and [h.urn for h in ws.visible_homes()] == ["SC123456"]
    assert settings.value(USERNAME_KEY) == "tester"
    assert PASSWORD not in (tmp_path / "window.ini").read_text(encoding="utf-8")


def test_the_last_user_name_is_filled_in_and_the_password_asked_for(qtbot, records, settings, clock):
    settings.setValue(USERNAME_KEY, "tester")
    d = SignInDialog(records, settings, clock=clock)
    qtbot.addWidget(d)
    d.show()
    assert d.username.text() == "tester" and d.password.text() == ""
    assert d.focusWidget() is d.password


def test_empty_fields_are_named_and_nothing_is_tried(qtbot, dialog):
    dialog.sign_in_button.click()
    assert dialog.problems.text_of("username") == "Enter your user name."
    assert dialog.problems.text_of("password") == "Enter your password."
    assert dialog.operation is None


def test_a_missing_key_file_is_said_at_once_with_a_way_to_another_file(qtbot, records, settings, clock, monkeypatch,
                                                                       tmp_path):
    key_file_for(records).unlink()
    d = SignInDialog(records, settings, clock=clock)
    qtbot.addWidget(d)
    d.show()
    assert "records.db.keys" in d.problems._general.text() and "is missing" in d.problems._general.text()
    assert d.other_file_button.isVisible()
    monkeypatch.setattr(sign_in, "choose_database_file", lambda parent=None: tmp_path / "other.db")
    d.other_file_button.click()
    assert d.result() == OTHER_FILE and d.other_file == tmp_path / "other.db"


def test_a_file_that_is_not_a_database_is_explained_plainly(qtbot, tmp_path, settings, clock):
    bad = tmp_path / "records.db"
    bad.write_bytes(b"this is not a database" * 100)
    d = SignInDialog(bad, settings, clock=clock)
    qtbot.addWidget(d)
    d.show()
    assert d.problems._general.isVisible() and d.other_file_button.isVisible()
    assert "Traceback" not in d.problems._general.text()


# one window per database -------------------------------------------------------------------------------------------

def test_a_second_lock_on_the_same_records_is_refused_politely(records, monkeypatch):
    said = []
    monkeypatch.setattr(session_module.QMessageBox, "information",
                        lambda parent, title, text: said.append((title, text)))
    first = session_module.take_instance_lock(records)
    try:
        assert first is not None and first.held
        assert session_module.take_instance_lock(records) is None
    finally:
        first.release()
    [(title, text)] = said
    assert title == "Already open"
    assert text.startswith("records.db is already open in another window of this program on this computer")
    again = session_module.take_instance_lock(records)  # once let go, it can be taken
    assert again is not None
    again.release()


@pytest.fixture
def quiet_start(monkeypatch):
    """run_window installs its excepthook and a log file; both are put back after the test."""
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    root = logging.getLogger()
    before = list(root.handlers)
    yield
    for handler in [h for h in root.handlers if h not in before]:
        root.removeHandler(handler)
        handler.close()


def test_a_second_window_on_the_same_records_ends_without_touching_them(quiet_start, new_workspace, clock,
                                                                         monkeypatch):
    path = default_database_path()
    new_workspace(path, clock=clock).close()
    before = path.read_bytes()
    said = []
    monkeypatch.setattr(session_module.QMessageBox, "information", lambda parent, title, text: said.append(text))
    monkeypatch.setattr(SignInDialog, "exec", lambda self: pytest.fail("asked to sign in"))
    other = InstanceLock(path).acquire()
    try:
        assert app_module.run_window([]) == 0
    finally:
        other.release()
    assert len(said) == 1 and "already open" in said[0]
    assert path.read_bytes() == before


# changing one's own password --------------------------------------------------------------------------------------

@pytest.fixture
def password_dialog(qtbot, ws):
    d = ChangePasswordDialog(ws)
    qtbot.addWidget(d)
    d.show()
    return d


def type_passwords(qtbot, d, current, new, again) -> None:
    qtbot.keyClicks(d.current, current)
    qtbot.keyClicks(d.new, new)
    qtbot.keyClicks(d.again, again)


def test_a_wrong_current_password_is_named_next_to_it_and_nothing_changes(qtbot, ws, password_dialog, clock):
    type_passwords(qtbot, password_dialog, "not my password", "a brand new password", "a brand new password")
    password_dialog.change_button.click()
    qtbot.waitUntil(lambda: password_dialog.problems.text_of("current_password") != "", timeout=5000)
    assert password_dialog.problems.text_of("current_password") == "This is not your current password."
    assert password_dialog.current.text() == "" and password_dialog.isVisible()
    Workspace.open(ws.db.path, TESTER, clock=clock).close()  # the old password still opens it


def test_new_password_problems_are_shown_before_anything_is_checked(qtbot, password_dialog):
    type_passwords(qtbot, password_dialog, PASSWORD, "short", "shorter")
    password_dialog.change_button.click()
    assert "at least 10 characters" in password_dialog.problems.text_of("new_password")
    assert password_dialog.problems.text_of("new_password_again") == ("The two new passwords are not the same; type "
                                                                     "them again.")
    assert password_dialog.operation is None


def test_changing_the_password_rewraps_this_accounts_slot(qtbot, ws, password_dialog, clock):
    type_passwords(qtbot, password_dialog, PASSWORD, "a brand new password", "a brand new password")
    with qtbot.waitSignal(password_dialog.accepted, timeout=5000):
        password_dialog.change_button.click()
    with pytest.raises(WrongPassword):
        Workspace.open(ws.db.path, TESTER, clock=clock)
    Workspace.open(ws.db.path, Credentials("tester", "a brand new password"), clock=clock).close()


def test_the_dialogs_escape_is_refused_while_the_password_is_written(qtbot, password_dialog):
    password_dialog.operation = object()  # as while the work runs
    password_dialog.reject()
    assert password_dialog.isVisible()
    password_dialog.operation = None
    password_dialog.reject()
    assert password_dialog.result() == QDialog.Rejected
