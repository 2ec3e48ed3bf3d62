"""Warnings on open (SPEC 8, 9): the records are checked in the background, a change made outside the program or a
damaged file is shown in a banner, File > Check the records… says what it found, and a backup can be restored."""

from __future__ import annotations

import os
from datetime import date

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox

from inspect_app.domain.records import Child
from inspect_app.domain.roles import Account, Role
from inspect_app.paths import backups_dir
from inspect_app.services import accounts, registers
from inspect_app.services.workspace import Credentials, Workspace
from inspect_app.storage.backup import backup_to
from inspect_app.storage.instance_lock import InstanceLock
from inspect_app.ui.checks import CheckBanner, CheckResult
from inspect_app.ui.main_window import MainWindow
from inspect_app.ui.restore_dialog import RestoreDialog

from tests.conftest import PASSWORD


@pytest.fixture(autouse=True)
def _close_outcomes():
    """A restore's outcome note outlives its window; none is left over for the next test."""
    yield
    from inspect_app.ui import restore_dialog

    for box in list(restore_dialog._outcomes):
        box.close()


@pytest.fixture
def settings(tmp_path):
    return QSettings(str(tmp_path / "window.ini"), QSettings.IniFormat)


def open_window(qtbot, ws, settings, **kwargs) -> tuple[MainWindow, CheckResult]:
    """The window shown, and what its check on open found."""
    w = MainWindow(ws, settings=settings, **kwargs)
    qtbot.addWidget(w)
    with qtbot.waitSignal(w.checks.checked) as found:
        w.show()
    return w, found.args[0]


def tamper(ws) -> None:
    """What someone with the key and the sqlite3 shell could do: the trigger out of the way, then an edit."""
    ws.db.execute("DROP TRIGGER audit_append_only_update")
    ws.db.execute("UPDATE audit SET reason='x' WHERE id=1")


def damage(ws) -> None:
    """Zeros over part of a page near the end of the file, as a failing disk might leave it."""
    for n in range(40):
        registers.save_child(ws, Child(home_id=ws.visible_homes()[0].id, ref=f"C-{n:02}", first_name="A" * 60,
                                       last_name="B" * 60, admitted_on=date(2025, 6, 1)))
    ws.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(ws.db.path.read_bytes())
    at = len(data) - 2 * 4096 + 100
    data[at:at + 50] = bytes(50)
    ws.db.path.write_bytes(bytes(data))


def test_a_sound_database_shows_no_banner(qtbot, ws, home, settings):
    w, result = open_window(qtbot, ws, settings)
    assert result.passed
    assert not w.banner.isVisible()


def test_a_change_made_outside_the_program_is_warned_of_on_open(qtbot, ws, home, settings):
    tamper(ws)
    w, result = open_window(qtbot, ws, settings)
    assert not result.passed and not result.damaged
    assert w.banner.isVisible()
    text = w.banner.text.text()
    assert text.startswith("The audit trail shows a change made outside the program.")
    assert "row 1 was changed after it was written" in text
    assert text.endswith("Run a check from File > Check the records…, and tell your responsible individual.")
    assert w.banner.action.text() == "Check the records…"


def test_check_the_records_reports_what_it_found(qtbot, ws, home, settings):
    w, _ = open_window(qtbot, ws, settings)
    with qtbot.waitSignal(w.checks.checked):
        w.check_action.trigger()
    assert w.checks.message.text().startswith("The records passed every check")

    tamper(ws)
    with qtbot.waitSignal(w.checks.checked):
        w.banner.check_requested.emit()  # the banner's button, or File > Check the records…
    box = w.checks.message
    assert box.icon() == QMessageBox.Icon.Warning
    assert box.text().startswith("The check found 1 problem. Tell your responsible individual")
    assert "• The audit trail was tampered with: row 1 was changed after it was written." in box.informativeText()
    assert w.checks.progress is None  # the progress shown while checking has gone
    assert w.banner.isVisible()


def test_a_damaged_file_points_to_a_restore(qtbot, ws, home, settings):
    damage(ws)
    w, result = open_window(qtbot, ws, settings)
    assert result.damaged
    assert "failed SQLite's integrity check" in w.banner.text.text()
    assert "File > Restore from a backup…" in w.banner.text.text()
    assert w.banner.action.text() == "Restore from a backup…" and w.banner.action.isVisibleTo(w.banner)


def test_someone_who_cannot_restore_is_told_to_ask_a_manager(qtbot):
    banner = CheckBanner()
    qtbot.addWidget(banner)
    banner.show_result(CheckResult(("the database file is damaged: *** in database main ***\nPage 5: bad",)),
                       may_restore=False)
    assert "Page 5: bad" in banner.text.text() and "\n" not in banner.text.text()
    assert "Ask a manager to restore the latest sound backup" in banner.text.text()
    assert not banner.action.isVisibleTo(banner)


def make_backups(ws) -> list:
    """Two daily backups, the older one made a day earlier."""
    folder = backups_dir(ws.db.path)
    older = backup_to(ws.db, folder / "daily-records-2026-11-21.db")
    newer = backup_to(ws.db, folder / "daily-records-2026-11-22.db")
    os.utime(older, (1795251600, 1795251600))  # 21/11/2026 09:00 UTC
    os.utime(newer, (1795338000, 1795338000))  # 22/11/2026 09:00 UTC
    return [newer, older]


def test_the_restore_dialog_lists_the_backups_newest_first(qtbot, ws, home):
    made = make_backups(ws)
    dialog = RestoreDialog(ws)
    qtbot.addWidget(dialog)
    model = dialog.model
    assert [b.path for b in model.backups] == made
    assert model.index(0, 0).data() == "Sun 22/11/2026 09:00"
    assert model.index(1, 0).data() == "Sat 21/11/2026 09:00"
    assert model.index(0, 1).data().endswith("KB")
    assert dialog.chosen() == made[0]
    assert "the current file is moved into the backup folder" in dialog.findChildren(type(dialog.general))[0].text()


def test_a_wrong_password_is_refused_before_anything_is_closed(qtbot, ws, home, settings):
    make_backups(ws)
    w, _ = open_window(qtbot, ws, settings)
    dialog = w.restore_from_backup()
    qtbot.keyClicks(dialog.password, "not my password")
    dialog.restore_button.click()
    qtbot.waitUntil(lambda: dialog.problems.text_of("password") != "")
    assert dialog.problems.text_of("password").startswith("That user name and password do not open")
    assert dialog.isVisible() and dialog.restore_button.isEnabled()
    assert ws.homes.all()  # the window's records are still open


def test_a_restore_puts_the_backup_in_place_and_hands_over_the_reopened_records(qtbot, ws, home, settings, clock):
    newer, _older = make_backups(ws)
    registers.save_child(ws, Child(home_id=home.id, ref="C-09", first_name="Ben", last_name="Cole",
                                   admitted_on=date(2026, 11, 20)))
    lock = InstanceLock(ws.db.path).acquire()
    try:
        w, _ = open_window(qtbot, ws, settings, instance_lock=lock)
        dialog = w.restore_from_backup()
        qtbot.keyClicks(dialog.password, PASSWORD)
        with qtbot.waitSignal(w.workspace_reopened, timeout=10000) as reopened:
            dialog.restore_button.click()
        restored: Workspace = reopened.args[0]
        try:
            assert restored.db.path == ws.db.path and restored.actor == "tester"
            assert [c.ref for c in restored.children.for_home(home.id)] == []  # Ben came after the backup
            assert lock.held
            kept = list(backups_dir(ws.db.path).glob("records-before-restore-*.db"))
            assert len(kept) == 1
            qtbot.waitUntil(lambda: bool(_outcome_shown()))
            assert "The backup daily-records-2026-11-22.db was restored." in _outcome_shown()
            assert kept[0].name in _outcome_shown()
        finally:
            restored.close()
    finally:
        lock.release()


def _outcome_shown() -> str:
    from inspect_app.ui import restore_dialog

    return " ".join(box.text() for box in restore_dialog._outcomes)


def test_a_restore_that_fails_reopens_the_records_as_they_were(qtbot, ws, home, settings, clock):
    """A backup cut short fails its check: nothing is replaced, and the records reopen for the manager as they were."""
    accounts.add_account(ws, Account("pat", "Pat Moss", Role.MANAGER, home_ids=frozenset({home.id})), "a good password 1")
    manager = Workspace.open(ws.db.path, Credentials("pat", "a good password 1"), clock=clock)
    backup = backup_to(ws.db, backups_dir(ws.db.path) / "copy.db")
    broken = backup.read_bytes()
    backup.write_bytes(broken[:len(broken) // 2])  # cut short: it fails its check
    w, _ = open_window(qtbot, manager, settings)
    dialog = w.restore_from_backup()
    qtbot.keyClicks(dialog.password, "a good password 1")
    with qtbot.waitSignal(w.workspace_reopened, timeout=10000) as reopened:
        dialog.restore_button.click()
    again: Workspace = reopened.args[0]
    try:
        assert again.actor == "pat" and again.homes.all()
        qtbot.waitUntil(lambda: "The backup was not restored, and the records are as they were." in _outcome_shown())
        assert not list(backups_dir(ws.db.path).glob("*-before-restore-*.db"))
    finally:
        again.close()
