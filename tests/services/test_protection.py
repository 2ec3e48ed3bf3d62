"""Encryption at rest, the move from a plain older file, restore, a full disk, one window per file (SPEC 8, 9)."""

from __future__ import annotations

import shutil
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from inspect_app.domain.errors import UserFacingError
from inspect_app.domain.records import Child
from inspect_app.domain.roles import Account, NotPermitted, Role
from inspect_app.paths import backups_dir
from inspect_app.services import accounts, registers
from inspect_app.services.restore import restore
from inspect_app.services.workspace import Credentials, NotYetEncrypted, Workspace
from inspect_app.storage.backup import backup_to
from inspect_app.storage.database import DiskFull, connect
from inspect_app.storage.driver import is_plain_sqlite
from inspect_app.storage.encryption import ENCRYPTING, WIPING, encrypt_plain_file
from inspect_app.storage.instance_lock import AlreadyOpen, InstanceLock
from inspect_app.storage.keyslots import WrongPassword, key_file_for

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "schema_0001.db"
# in the plain fixture; long enough that random ciphertext never holds them by chance (a 3-letter name would)
NAMES = (b"Rowan House", b"Sam Jones", b"Kim Patel")


def _raw_bytes(*paths: Path) -> bytes:
    return b"".join(p.read_bytes() for p in paths if p.exists())


def test_the_file_and_its_journal_hold_no_child_name(ws, home, amy):
    ws.db.execute("PRAGMA wal_checkpoint(PASSIVE)")
    raw = _raw_bytes(ws.db.path, ws.db.path.with_name("records.db-wal"))
    assert b"Brown" not in raw and b"Oak House" not in raw and len(raw) > 4096
    assert not is_plain_sqlite(ws.db.path)


def test_a_wrong_password_is_refused_and_the_file_is_untouched(ws, home):
    ws.close()
    before = ws.db.path.read_bytes()
    with pytest.raises(WrongPassword, match="do not open this database"):
        Workspace.open(ws.db.path, Credentials("tester", "not the password"))
    assert ws.db.path.read_bytes() == before


def test_a_plain_older_file_is_encrypted_on_first_sign_in_with_its_backups(tmp_path, clock):
    path = tmp_path / "records.db"
    shutil.copy(FIXTURE, path)
    folder = backups_dir(path)
    folder.mkdir()
    old_backup = folder / "daily-records-2026-11-01.db"
    shutil.copy(FIXTURE, old_backup)
    credentials = Credentials("jo", "a long pass phrase")
    with pytest.raises(NotYetEncrypted):
        Workspace.open(path, credentials)
    ws = Workspace.protect(path, credentials, "Jo Bloggs", clock=clock)
    try:
        assert ws.account.role is Role.RESPONSIBLE_INDIVIDUAL and ws.account.full_name == "Jo Bloggs"
        assert ws.home().name == "Rowan House"  # the first account works in every home already there
        assert [c.first_name for c in ws.children.for_home(ws.home().id)] == ["Ada", "Ben"]
    finally:
        ws.close()
    leftovers = [p.name for p in tmp_path.iterdir() if ENCRYPTING in p.name or WIPING in p.name]
    assert leftovers == []
    every_file = [p for p in [*tmp_path.iterdir(), *folder.iterdir()] if p.is_file()]
    assert all(name not in _raw_bytes(*every_file) for name in NAMES)
    assert key_file_for(old_backup).exists()
    Workspace.open(old_backup, credentials).close()  # the old backup opens with the same password
    Workspace.open(path, credentials).close()


@pytest.mark.parametrize("renames_done, wipe_fails", [(0, False), (1, False), (2, False), (3, True)])
def test_an_encryption_cut_short_by_a_crash_is_finished_at_the_next_sign_in(tmp_path, monkeypatch, renames_done,
                                                                             wipe_fails):
    """Renames, in order: the key file into place, the plain file aside, the encrypted copy into place."""
    import inspect_app.storage.encryption as encryption

    path = tmp_path / "records.db"
    shutil.copy(FIXTURE, path)
    credentials = Credentials("jo", "a long pass phrase")
    real_replace, done = encryption.os.replace, []

    def replace_then_crash(src, dst):
        if len(done) == renames_done:
            raise KeyboardInterrupt("power cut")
        done.append(dst)
        real_replace(src, dst)

    monkeypatch.setattr(encryption.os, "replace", replace_then_crash)
    if wipe_fails:
        monkeypatch.setattr(encryption, "_wipe", lambda p: (_ for _ in ()).throw(KeyboardInterrupt("power cut")))
    with pytest.raises(KeyboardInterrupt):
        Workspace.protect(path, credentials, "Jo")
    monkeypatch.undo()
    if renames_done == 0:  # no key file yet: still a plain file, asked to be protected again, and it can be
        with pytest.raises(NotYetEncrypted):
            Workspace.open(path, credentials)
        Workspace.protect(path, credentials, "Jo").close()
    ws = Workspace.open(path, credentials)
    try:
        assert [c.first_name for c in ws.children.for_home(ws.home().id)] == ["Ada", "Ben"]
    finally:
        ws.close()
    assert not is_plain_sqlite(path)
    files = [p for p in tmp_path.iterdir() if p.is_file()]
    assert all(ENCRYPTING not in p.name and WIPING not in p.name for p in files), files
    assert NAMES[0] not in _raw_bytes(*files)


def test_a_file_that_cannot_be_encrypted_is_left_as_it_was(tmp_path):
    path = tmp_path / "records.db"
    path.write_bytes(b"SQLite format 3\x00" + b"\x00" * 100)  # claims to be SQLite; is not
    before = path.read_bytes()
    with pytest.raises(UserFacingError):
        encrypt_plain_file(path, b"k" * 32, None)
    assert path.read_bytes() == before
    assert not path.with_name(path.name + ENCRYPTING).exists()


# restore -------------------------------------------------------------------------------------------------

def test_restore_puts_a_backup_back_and_keeps_the_file_it_replaced(ws, home, amy, clock, tmp_path):
    copy = backup_to(ws.db, tmp_path / "copies" / "monday.db")
    registers.save_child(ws, Child(home_id=home.id, ref="C-02", first_name="Ben", last_name="Carter",
                                   admitted_on=date(2026, 1, 1)))
    ws.close()
    report = restore(ws.db.path, copy, Credentials("tester", "correct horse battery"), clock=clock)
    again = Workspace.open(ws.db.path, Credentials("tester", "correct horse battery"), clock=clock)
    try:
        assert [c.ref for c in again.children.for_home(home.id)] == ["C-01"]
    finally:
        again.close()
    assert report.set_aside is not None and report.set_aside.parent == backups_dir(ws.db.path)
    kept = Workspace.open(report.set_aside, Credentials("tester", "correct horse battery"), clock=clock)
    try:
        assert [c.ref for c in kept.children.for_home(home.id)] == ["C-01", "C-02"]
    finally:
        kept.close()


def test_restore_refuses_a_damaged_backup_and_changes_nothing(ws, home, amy, clock, tmp_path):
    copy = backup_to(ws.db, tmp_path / "copy.db")
    data = bytearray(copy.read_bytes())
    data[5000:9000] = b"\xff" * 4000  # a few pages of the backup scrambled
    copy.write_bytes(bytes(data))
    ws.close()
    before = ws.db.path.read_bytes()
    with pytest.raises(UserFacingError, match="nothing was changed"):
        restore(ws.db.path, copy, Credentials("tester", "correct horse battery"), clock=clock)
    assert ws.db.path.read_bytes() == before


def test_restore_needs_a_manager_and_the_window_closed(ws, home, clock, tmp_path):
    accounts.add_account(ws, Account("kim", "Kim", Role.CARE_STAFF, home_ids=frozenset({home.id})),
                         "a long pass phrase")
    copy = backup_to(ws.db, tmp_path / "copy.db")
    with pytest.raises(NotPermitted):
        restore(ws.db.path, copy, Credentials("kim", "a long pass phrase"), clock=clock)
    with InstanceLock(ws.db.path):
        with pytest.raises(AlreadyOpen, match="already open in another window"):
            restore(ws.db.path, copy, Credentials("tester", "correct horse battery"), clock=clock)


def test_a_second_window_on_the_same_file_is_refused_politely(ws):
    first = InstanceLock(ws.db.path).acquire()
    try:
        with pytest.raises(AlreadyOpen, match="Switch to that window"):
            InstanceLock(ws.db.path).acquire()
    finally:
        first.release()
    InstanceLock(ws.db.path).acquire().release()  # free again once the first window closes


# a full disk -----------------------------------------------------------------------------------------------

def test_a_full_disk_is_said_plainly_and_nothing_saved_is_lost(ws, home, amy):
    pages = ws.db.scalar("PRAGMA page_count")
    ws.db.execute(f"PRAGMA max_page_count = {pages + 1}")  # as if the disk filled up now
    with pytest.raises(DiskFull, match="disk is full.*everything saved before is safe"):
        registers.save_child(ws, replace(amy, id=None, ref="C-02", first_name="Ben", last_name="X" * 20000))
    ws.db.execute("PRAGMA max_page_count = 1073741823")
    assert [c.ref for c in ws.children.for_home(home.id)] == ["C-01"]
    assert ws.db.scalar("PRAGMA integrity_check") == "ok"
    registers.save_child(ws, replace(amy, id=None, ref="C-02", first_name="Ben"))  # works once there is room
    assert len(ws.children.for_home(home.id)) == 2


def test_a_raw_connection_without_the_key_reads_nothing(ws, home):
    raw = connect(ws.db.path, None)
    try:
        with pytest.raises(Exception, match="not a database"):
            raw.execute("SELECT count(*) FROM homes").fetchone()
    finally:
        raw.close()


# taking access away changes the key -------------------------------------------------------------------------

def test_a_leaver_with_a_copy_of_the_old_key_file_cannot_open_the_database(ws, home, amy, tmp_path):
    from inspect_app.storage.keyslots import KeySlots

    accounts.add_account(ws, Account("kim", "Kim Patel", Role.SENIOR, home_ids=frozenset({home.id})),
                         "a long pass phrase")
    kept = tmp_path / "kims-copy.keys"
    kept.write_bytes(key_file_for(ws.db.path).read_bytes())  # taken home before leaving
    old_key = KeySlots.load(ws.db.path).unlock("kim", "a long pass phrase")
    accounts.deactivate(ws, "kim", "left on 30/11/2026")
    assert ws.db.key != old_key
    assert [c.ref for c in ws.children.for_home(home.id)] == ["C-01"]  # the open window carries on
    ws.close()
    shutil.copy(kept, key_file_for(ws.db.path))
    with pytest.raises(UserFacingError, match="cannot be read"):
        Workspace.open(ws.db.path, Credentials("kim", "a long pass phrase"))
    raw = connect(ws.db.path, old_key)
    with pytest.raises(Exception, match="not a database"):
        raw.execute("SELECT count(*) FROM children").fetchone()
    raw.close()


@pytest.mark.parametrize("crash_after_rekey", [False, True])
def test_a_key_change_cut_short_finishes_at_the_next_sign_in(ws, home, amy, monkeypatch, crash_after_rekey):
    from inspect_app.storage.keyslots import KeySlots

    accounts.add_account(ws, Account("kim", "Kim Patel", Role.SENIOR, home_ids=frozenset({home.id})),
                         "a long pass phrase")
    old_key = ws.db.key
    real_seal_all, calls = KeySlots.seal_all, []

    def seal_then_crash(self, keys):
        calls.append(len(keys))
        if len(calls) == 2:  # the second sealing comes after the re-encryption
            raise KeyboardInterrupt("power cut")
        real_seal_all(self, keys)

    monkeypatch.setattr(KeySlots, "seal_all", seal_then_crash)
    if not crash_after_rekey:
        real_execute = ws.db.conn.execute

        def no_rekey(sql, *args):
            if sql.startswith("PRAGMA rekey"):
                raise KeyboardInterrupt("power cut")
            return real_execute(sql, *args)

        ws.db.conn = _Wrapped(ws.db.conn, no_rekey)
    with pytest.raises(KeyboardInterrupt):
        accounts.deactivate(ws, "kim", "left")
    monkeypatch.undo()
    ws.db.conn.close()  # the process died: its connection goes
    again = Workspace.open(ws.db.path, Credentials("tester", "correct horse battery"))
    try:
        assert [c.ref for c in again.children.for_home(home.id)] == ["C-01"]
        assert again.db.key != old_key
        assert again.db.scalar("PRAGMA integrity_check") == "ok"
    finally:
        again.close()
    assert len(KeySlots.load(ws.db.path).candidates("tester", "correct horse battery")) == 1


class _Wrapped:
    """A connection whose execute is replaced (sqlcipher3's connection methods cannot be patched)."""

    def __init__(self, inner, execute):
        self.inner, self.execute = inner, execute

    def __getattr__(self, name):
        return getattr(self.inner, name)


def test_plain_backups_a_crash_left_behind_are_encrypted_at_the_next_sign_in(tmp_path, monkeypatch):
    import inspect_app.services.workspace as workspace

    path = tmp_path / "records.db"
    shutil.copy(FIXTURE, path)
    backups_dir(path).mkdir()
    old_backup = backups_dir(path) / "daily-records-2026-11-01.db"
    shutil.copy(FIXTURE, old_backup)
    credentials = Credentials("jo", "a long pass phrase")

    def power_cut(*_args):
        raise KeyboardInterrupt("power cut")

    monkeypatch.setattr(workspace, "encrypt_plain_backups", power_cut)
    with pytest.raises(KeyboardInterrupt):
        Workspace.protect(path, credentials, "Jo")
    monkeypatch.undo()
    assert is_plain_sqlite(old_backup) and not is_plain_sqlite(path)
    Workspace.open(path, credentials).close()
    assert not is_plain_sqlite(old_backup) and NAMES[0] not in old_backup.read_bytes()
