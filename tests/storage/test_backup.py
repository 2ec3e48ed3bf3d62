"""Backups: a consistent copy that opens, never over the database itself, daily rotation, failures keep the old copy."""

from __future__ import annotations

import hashlib
from inspect_app.storage.database import connect
from inspect_app.storage.driver import dbapi as sqlite3
from inspect_app.storage.keyslots import key_file_for
import subprocess
import sys
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path
from types import SimpleNamespace

import pytest

from inspect_app.domain.errors import UserFacingError
from inspect_app.domain.records import Measure
from inspect_app.domain.vocabulary import MeasureKind
from inspect_app.paths import backups_dir
from inspect_app.services.workspace import Workspace
from inspect_app.storage import audit
from inspect_app.storage.backup import backup_to, daily_backup

UTC = timezone.utc
AT = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def filled(ws, home, amy, sam, kim):
    """A home with registers and a few measures, one of them updated."""
    for n in range(1, 4):
        m = ws.measures.insert(Measure(home_id=home.id, ref=f"R-{n:04d}", child_id=amy.id,
                                       kind=MeasureKind.RESTRAINT, started_at=AT - timedelta(days=n),
                                       recorded_at=AT - timedelta(days=n) + timedelta(hours=1),
                                       used_by=(sam.id, kim.id), holds=("Single elbow",)),
                               actor="tester", at=AT)
    ws.measures.update(replace(m, location="Garden"), actor="tester", at=AT)
    return ws


def everything(ws: Workspace) -> dict:
    homes = ws.homes.all()
    return {
        "homes": homes,
        "children": [ws.children.for_home(h.id) for h in homes],
        "staff": [ws.staff.for_home(h.id) for h in homes],
        "measures": [ws.measures.for_home(h.id) for h in homes],
        "audit": ws.db.query("SELECT * FROM audit ORDER BY id"),
    }


def test_a_backup_opens_and_holds_every_record(filled, tmp_path, sign_in):
    target = backup_to(filled.db, tmp_path / "copies" / "copy.db")
    assert target == tmp_path / "copies" / "copy.db"
    assert not (tmp_path / "copies" / "copy.db.partial").exists()
    assert key_file_for(target).read_bytes() == key_file_for(filled.db.path).read_bytes()  # it opens alone
    assert b"SQLite format 3" not in target.read_bytes()[:16]  # encrypted, as the database is
    raw = connect(target, filled.db.key)  # a single file, readable without its WAL
    try:
        assert raw.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    finally:
        raw.close()
    copy = sign_in(target, clock=lambda: AT)
    try:
        assert everything(copy) == everything(filled)
        assert audit.verify_chain(copy.db) is None
    finally:
        copy.close()


def test_a_backup_holds_only_committed_data(filled, db_path, tmp_path):
    other = connect(db_path, filled.db.key)
    try:
        other.execute("BEGIN IMMEDIATE")
        other.execute("INSERT INTO homes (urn, name) VALUES ('SC999999', 'Uncommitted')")
        target = backup_to(filled.db, tmp_path / "copy.db")
        other.execute("ROLLBACK")
    finally:
        other.close()
    raw = connect(target, filled.db.key)
    try:
        assert raw.execute("SELECT urn FROM homes").fetchall() == [("SC123456",)]
    finally:
        raw.close()


def test_a_backup_replaces_an_older_backup_of_the_same_name(filled, tmp_path):
    target = tmp_path / "copy.db"
    target.write_bytes(b"an old backup")
    backup_to(filled.db, target)
    raw = connect(target, filled.db.key)
    try:
        assert raw.execute("SELECT count(*) FROM measures").fetchone()[0] == 3
    finally:
        raw.close()


@pytest.mark.parametrize("spelling", ["same", "dotted", "symlink"])
def test_writing_over_the_database_itself_is_refused(filled, db_path, spelling):
    target = {"same": db_path, "dotted": db_path.parent / "." / db_path.name,
              "symlink": db_path.parent / "link.db"}[spelling]
    if spelling == "symlink":
        target.symlink_to(db_path)
    count = filled.measures.count(filled.home().id)
    with pytest.raises(UserFacingError, match="over the database itself"):
        backup_to(filled.db, target)
    assert filled.measures.count(filled.home().id) == count
    assert filled.db.scalar("PRAGMA integrity_check") == "ok"


# daily backups -----------------------------------------------------------------------------

def test_daily_backup_once_a_day_keeping_only_the_newest(filled, db_path):
    made = []
    for day in range(1, 7):
        made.append(daily_backup(filled.db, datetime(2026, 11, day, 9, 0, tzinfo=UTC), keep=3))
    assert daily_backup(filled.db, datetime(2026, 11, 6, 18, 0, tzinfo=UTC), keep=3) is None  # same day again
    folder = backups_dir(db_path)
    kept = ["daily-records-2026-11-04.db", "daily-records-2026-11-05.db", "daily-records-2026-11-06.db"]
    # each backup has its key file beside it, and goes with it
    assert sorted(p.name for p in folder.iterdir()) == sorted(kept + [name + ".keys" for name in kept])
    assert made[-1] == folder / "daily-records-2026-11-06.db"


def test_daily_rotation_leaves_other_files_in_the_backups_folder_alone(filled, db_path):
    folder = backups_dir(db_path)
    folder.mkdir(parents=True)
    before_migration = folder / "records-before-0002_visits-20261101T000000Z.db"
    before_migration.write_bytes(b"kept")
    for day in range(1, 4):
        daily_backup(filled.db, datetime(2026, 11, day, 9, 0, tzinfo=UTC), keep=1)
    assert before_migration.exists()
    assert sorted(p.name for p in folder.glob("daily-*.db")) == ["daily-records-2026-11-03.db"]


def test_daily_rotation_of_one_database_keeps_another_databases_backups(filled, db_path):
    # Backups sit beside the database (paths.backups_dir): two databases in one folder share it.
    # "records-old.db"'s dailies start with "daily-records-" too, and must not count as records.db's.
    folder = backups_dir(db_path)
    folder.mkdir(parents=True)
    theirs = [folder / f"daily-records-old-2026-10-0{n}.db" for n in (1, 2)]
    for path in theirs:
        path.write_bytes(b"another database's backup")
    for day in range(1, 4):
        daily_backup(filled.db, datetime(2026, 11, day, 9, 0, tzinfo=UTC), keep=2)
    assert all(path.exists() for path in theirs)
    assert sorted(p.name for p in folder.glob("daily-records-2026-*.db")) == [
        "daily-records-2026-11-02.db", "daily-records-2026-11-03.db"]


# failures ----------------------------------------------------------------------------------

class _DiskFullConnection:
    """Stands in for the database connection: the copy fails as it would when the disk is full."""

    def backup(self, target, **_):
        raise sqlite3.OperationalError("database or disk is full")


def test_a_failed_backup_keeps_the_previous_backup_and_says_why(filled, tmp_path):
    target = backup_to(filled.db, tmp_path / "copy.db")
    previous = digest(target)
    failing = SimpleNamespace(path=filled.db.path, conn=_DiskFullConnection(), key=filled.db.key, in_transaction=False,
                              is_own_file=filled.db.is_own_file)
    with pytest.raises(UserFacingError, match="full"):
        backup_to(failing, target)
    assert digest(target) == previous
    assert not (tmp_path / "copy.db.partial").exists()


def test_a_failed_replace_keeps_the_previous_backup(filled, tmp_path, monkeypatch):
    target = backup_to(filled.db, tmp_path / "copy.db")
    previous = digest(target)
    filled.measures.update(replace(filled.measures.by_ref(filled.home().id, "R-0001"), location="Hall"),
                           actor="tester", at=AT)

    def refuse(*_):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("inspect_app.storage.backup.os.replace", refuse)
    with pytest.raises(UserFacingError, match="could not write the backup"):
        backup_to(filled.db, target)
    assert digest(target) == previous
    assert not (tmp_path / "copy.db.partial").exists()


def test_a_backup_into_a_folder_that_cannot_exist_says_why(filled, tmp_path):
    (tmp_path / "a-file").write_text("not a folder")
    with pytest.raises(UserFacingError):
        backup_to(filled.db, tmp_path / "a-file" / "copy.db")


_BACKUP_IN_TRANSACTION = """
import sqlite3, sys
from datetime import datetime, timezone
from inspect_app.domain.errors import UserFacingError
from inspect_app.storage.backup import backup_to
from inspect_app.storage.database import Database

db = Database.open(sys.argv[1], key=None, now=datetime(2026, 11, 22, tzinfo=timezone.utc))
with db.transaction():
    db.execute("INSERT INTO homes (urn, name) VALUES ('SC999999', 'Not committed')")
    try:
        backup_to(db, sys.argv[2])
    except UserFacingError:
        print("refused")
    else:
        print("copied", sqlite3.connect(sys.argv[2]).execute("SELECT count(*) FROM homes").fetchone()[0])
"""


def test_a_backup_asked_for_inside_an_open_transaction_does_not_hang(tmp_path):
    # Run apart, with a time limit: SQLite's backup cannot read a database its own connection is writing,
    # and sqlite3's backup() retries that for ever. Refusing, or copying only committed data, are both fine.
    script = tmp_path / "backup_in_transaction.py"
    script.write_text(_BACKUP_IN_TRANSACTION)
    try:
        done = subprocess.run([sys.executable, str(script), str(tmp_path / "records.db"), str(tmp_path / "copy.db")],
                              capture_output=True, text=True, timeout=4)
    except subprocess.TimeoutExpired:
        pytest.fail("backup_to inside Database.transaction() hung (killed after 4 s)")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() in {"refused", "copied 0"}
