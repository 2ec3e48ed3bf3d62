"""Opening and migrating databases: fresh files, reopening, newer files refused, backups first, failed steps undone."""

from __future__ import annotations

import hashlib
import shutil
from inspect_app.storage.driver import dbapi as sqlite3
from datetime import date, datetime, timezone
from pathlib import Path

import pytest

from inspect_app.domain.vocabulary import LegalStatus, MeasureKind, Position, StaffRole
from inspect_app.paths import backups_dir
from inspect_app.storage import audit, migrations
from inspect_app.storage.database import Database, connect
from inspect_app.storage.migrations import Migration, NewerDatabaseError

NOW = datetime(2026, 11, 22, 12, 0, tzinfo=timezone.utc)
FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "schema_0001.db"
TABLES_0001 = {"homes", "settings", "children", "staff", "measures", "measure_users", "measure_addenda", "audit"}
FAKE_0002 = Migration("0002_visits", "CREATE TABLE visits (id INTEGER PRIMARY KEY, home_id INTEGER NOT NULL "
                                     "REFERENCES homes(id), visited_on TEXT NOT NULL) STRICT;\n"
                                     "ALTER TABLE homes ADD COLUMN report_target TEXT NOT NULL DEFAULT 'month_end';")


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def tables(db_or_conn) -> set[str]:
    rows = db_or_conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
    return {r[0] for r in rows}


def first_schema() -> list[Migration]:
    return [m for m in migrations.known_migrations() if m.name == "0001_initial"]


@pytest.fixture
def old_db(tmp_path) -> Path:
    """A copy of the fixture written by the first schema (never the committed file itself)."""
    path = tmp_path / "records.db"
    shutil.copyfile(FIXTURE, path)
    return path


# fresh databases ---------------------------------------------------------------------------

def test_a_fresh_database_gets_every_migration_in_order(tmp_path):
    with Database.open(tmp_path / "new.db", key=None, now=NOW) as db:
        known = [m.name for m in migrations.known_migrations()]
        assert known[0] == "0001_initial"
        assert migrations.applied_names(db) == known
        assert db.scalar("PRAGMA user_version") == len(known)
        assert TABLES_0001 <= tables(db)
        applied_at = db.scalar("SELECT applied_at FROM schema_migrations WHERE name = '0001_initial'")
        assert applied_at == "2026-11-22T12:00:00Z"
    assert not backups_dir(tmp_path / "new.db").exists()  # nothing to back up in a new file


def test_a_fresh_database_is_in_wal_mode_with_foreign_keys_on(tmp_path):
    with Database.open(tmp_path / "new.db", key=None, now=NOW) as db:
        assert db.scalar("PRAGMA journal_mode").lower() == "wal"
        assert db.scalar("PRAGMA foreign_keys") == 1
        with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY"):
            db.execute("INSERT INTO children (home_id, ref, first_name, last_name, admitted_on) "
                       "VALUES (99, 'C-01', 'A', 'B', '2026-01-01')")
    # WAL mode is a property of the file: a plain connection sees it too
    raw = sqlite3.connect(str(tmp_path / "new.db"))
    try:
        assert raw.execute("PRAGMA journal_mode").fetchone()[0].lower() == "wal"
    finally:
        raw.close()


def test_every_table_is_strict(tmp_path):
    with Database.open(tmp_path / "new.db", key=None, now=NOW) as db:
        for name in TABLES_0001 | {"schema_migrations"}:
            sql = db.scalar("SELECT sql FROM sqlite_master WHERE name = ?", (name,))
            assert "STRICT" in sql.upper(), name
        db.execute("INSERT INTO homes (urn, name) VALUES ('SC123456', 'Oak')")
        with pytest.raises(sqlite3.IntegrityError, match="cannot store TEXT value in INTEGER column"):
            db.execute("UPDATE homes SET places = 'four'")
        with pytest.raises(sqlite3.IntegrityError):
            db.execute("INSERT INTO audit (at, actor, entity, action, prev_hash, hash, entity_id) "
                       "VALUES ('x', 'x', 'x', 'x', 'x', 'x', 'seven')")


def test_opening_twice_applies_nothing_new_and_makes_no_backup(tmp_path):
    path = tmp_path / "new.db"
    Database.open(path, key=None, now=NOW).close()
    with Database.open(path, key=None, now=NOW) as db:
        count = db.scalar("SELECT count(*) FROM schema_migrations")
        assert migrations.migrate(db, NOW) == []
        assert db.scalar("SELECT count(*) FROM schema_migrations") == count
        assert db.scalar("PRAGMA user_version") == count
    assert not backups_dir(path).exists()


def test_a_folder_or_a_file_that_is_not_a_database_is_refused_with_a_message(tmp_path):
    from inspect_app.storage.database import DatabaseError
    with pytest.raises(DatabaseError, match="folder"):
        Database.open(tmp_path, key=None)
    junk = tmp_path / "notes.db"
    junk.write_bytes(b"this is a text file, not SQLite" * 100)
    before = digest(junk)
    with pytest.raises(DatabaseError, match="Restore the latest backup"):
        Database.open(junk, key=None, now=NOW)
    assert digest(junk) == before


# a database from a newer version ---------------------------------------------------------------

def _newer(path: Path, sql: str) -> None:
    Database.open(path, key=None, now=NOW).close()
    raw = sqlite3.connect(str(path))
    try:
        raw.execute(sql)
        raw.commit()
    finally:
        raw.close()


@pytest.mark.parametrize("sql", [
    "INSERT INTO schema_migrations (name, applied_at) VALUES ('0099_from_the_future', '2030-01-01T00:00:00Z')",
    "PRAGMA user_version = 99",
])
def test_a_database_from_a_newer_version_is_refused_and_left_unchanged(tmp_path, sql):
    path = tmp_path / "records.db"
    _newer(path, sql)
    before = digest(path)
    with pytest.raises(NewerDatabaseError) as caught:
        Database.open(path, key=None, now=NOW)
    assert "newer version" in str(caught.value)
    assert digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "userdata") == ["records.db"]  # no WAL, no backup


def test_a_backup_from_a_newer_version_is_refused_and_left_unchanged(tmp_path):
    # Backups are written in rollback-journal mode (storage/backup.py), so a backup made by a newer
    # version is not in WAL mode. Opening it must not switch it to WAL: the message says
    # "Nothing in the file was changed", and SPEC 9 asks for a refusal, not a conversion.
    path = tmp_path / "backup.db"
    _newer(path, "PRAGMA user_version = 99")
    raw = sqlite3.connect(str(path))
    raw.execute("PRAGMA journal_mode = DELETE")
    raw.close()
    before = digest(path)
    with pytest.raises(NewerDatabaseError):
        Database.open(path, key=None, now=NOW)
    assert digest(path) == before


# migrating an old database -----------------------------------------------------------------

def test_the_first_schema_fixture_opens_and_every_record_reads_back(old_db, sign_in):
    ws = sign_in(old_db, clock=lambda: NOW)
    try:
        assert migrations.applied_names(ws.db) == [m.name for m in migrations.known_migrations()]
        home = ws.home()
        assert (home.urn, home.name, home.places, home.age_min, home.age_max) == ("SC100001", "Rowan House", 4, 10, 17)
        children = ws.children.for_home(home.id)
        assert [(c.ref, c.first_name, c.admitted_on, c.left_on, c.legal_status, c.ehcp) for c in children] == [
            ("C-01", "Ada", date(2025, 9, 1), None, LegalStatus.S31, True),
            ("C-02", "Ben", date(2025, 11, 3), date(2026, 4, 30), LegalStatus.S20, False),
        ]
        staff = {s.ref: s for s in ws.staff.for_home(home.id)}
        assert staff["S-01"].authorised_signoff is True and staff["S-01"].role is StaffRole.SENIOR
        assert staff["S-02"].authorised_signoff is False and staff["S-02"].level3_achieved_on is None
        measures = {m.ref: m for m in ws.measures.for_home(home.id)}
        assert sorted(measures) == ["R-0001", "R-0002", "R-0003"]
        first = measures["R-0001"]
        assert first.kind is MeasureKind.RESTRAINT and first.position is Position.SEATED
        assert first.holds == ("Seated double elbow",)
        assert first.used_by == tuple(sorted((staff["S-01"].id, staff["S-02"].id)))
        assert first.started_at == datetime(2026, 3, 28, 19, 0, tzinfo=timezone.utc)
        assert first.signed_by == staff["S-01"].id and first.locked
        assert first.child_views == "I didn't like it"
        assert measures["R-0002"].kind is MeasureKind.SANCTION and measures["R-0002"].signed_at is None
        assert measures["R-0003"].planned_in_ehcp is True
        assert measures["R-0003"].started_at == datetime(2026, 10, 25, 1, 30, tzinfo=timezone.utc)
        assert audit.verify_chain(ws.db) is None
        assert ws.db.scalar("PRAGMA integrity_check") == "ok"
    finally:
        ws.close()


def test_the_committed_fixture_is_still_the_first_schema(old_db):
    before = digest(FIXTURE)
    raw = sqlite3.connect(str(old_db))
    try:
        assert [r[0] for r in raw.execute("SELECT name FROM schema_migrations")] == ["0001_initial"]
        assert raw.execute("PRAGMA user_version").fetchone()[0] == 1
    finally:
        raw.close()
    assert digest(FIXTURE) == before
    assert not FIXTURE.with_name(FIXTURE.name + "-wal").exists()  # tests work on copies only


def test_an_old_database_with_data_is_backed_up_before_a_new_migration(old_db):
    db = Database(old_db, connect(old_db))
    try:
        count_before = db.scalar("SELECT count(*) FROM measures")
        assert migrations.migrate(db, NOW, known=first_schema() + [FAKE_0002]) == ["0002_visits"]
        assert "visits" in tables(db)
        assert db.scalar("SELECT report_target FROM homes") == "month_end"
        assert db.scalar("PRAGMA user_version") == 2
        assert db.scalar("SELECT count(*) FROM measures") == count_before
    finally:
        db.conn.close()
    backups = list(backups_dir(old_db).iterdir())
    assert [b.name for b in backups] == ["records-before-0002_visits-20261122T120000Z.db"]
    copy = sqlite3.connect(f"file:{backups[0]}?mode=ro", uri=True)
    try:
        assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert "visits" not in tables(copy)  # the state before the migration
        assert copy.execute("PRAGMA user_version").fetchone()[0] == 1
        assert copy.execute("SELECT count(*) FROM measures").fetchone()[0] == count_before
        assert copy.execute("SELECT ref FROM children ORDER BY ref").fetchall() == [("C-01",), ("C-02",)]
    finally:
        copy.close()


def test_a_migration_that_fails_halfway_leaves_the_database_as_it_was(old_db):
    broken = Migration("0002_broken", "CREATE TABLE visits (id INTEGER PRIMARY KEY) STRICT;\n"
                                      "ALTER TABLE homes ADD COLUMN report_target TEXT;\n"
                                      "INSERT INTO no_such_table VALUES (1);")
    db = Database(old_db, connect(old_db))
    try:
        schema_before = db.query("SELECT type, name, sql FROM sqlite_master ORDER BY name")
        with pytest.raises(sqlite3.OperationalError, match="no_such_table"):
            migrations.migrate(db, NOW, known=first_schema() + [broken])
        assert not db.conn.in_transaction
        assert db.query("SELECT type, name, sql FROM sqlite_master ORDER BY name") == schema_before
        assert db.scalar("PRAGMA user_version") == 1
        assert migrations.applied_names(db) == ["0001_initial"]
        # and a working migration still applies afterwards
        assert migrations.migrate(db, NOW, known=first_schema() + [FAKE_0002]) == ["0002_visits"]
    finally:
        db.conn.close()


def test_a_failed_first_migration_leaves_a_new_file_empty(tmp_path):
    path = tmp_path / "new.db"
    broken = Migration("0001_initial", "CREATE TABLE homes (id INTEGER PRIMARY KEY) STRICT;\nSELECT * FROM nowhere;")
    db = Database(path, connect(path))
    try:
        with pytest.raises(sqlite3.OperationalError):
            migrations.migrate(db, NOW, known=[broken])
        assert tables(db) == set()
        assert db.scalar("PRAGMA user_version") == 0
    finally:
        db.conn.close()


def test_a_database_newer_than_the_known_list_is_refused_before_any_backup(old_db):
    db = Database(old_db, connect(old_db))
    try:
        with pytest.raises(NewerDatabaseError):
            migrations.migrate(db, NOW, known=[])
    finally:
        db.conn.close()
    assert not backups_dir(old_db).exists()


def test_the_rota_checks_step_keeps_every_shift_and_still_refuses_what_the_old_checks_refused(tmp_path):
    """0007_shift_checks makes the shifts table again (SQLite cannot change a check in place): a database from
    0006 keeps its shifts, ids and index, and the same values are refused."""
    path = tmp_path / "rota.db"
    db = Database(path, connect(path))
    try:
        known = migrations.known_migrations()
        upto_0006 = [m for m in known if m.name <= "0006_rota"]
        migrations.migrate(db, NOW, known=upto_0006)
        db.conn.execute("INSERT INTO homes (id, urn, name) VALUES (1, 'SC123456', 'Oak House')")
        db.conn.execute("INSERT INTO staff (id, home_id, ref, full_name, role) VALUES (4, 1, 'S-01', 'Sam', 'senior')")
        shifts = [(7, 1, 4, "day", "2026-10-24T06:00:00Z", "2026-10-24T14:00:00Z", None, None, "sick", 1),
                  (9, 1, 4, "sleep_in", "2026-10-24T21:30:00Z", "2026-10-25T07:00:00Z", "2026-10-24T21:35:00Z",
                   "2026-10-25T07:05:00Z", None, None)]
        db.conn.executemany("INSERT INTO shifts VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", shifts)
        db.conn.commit()
        assert "0007_shift_checks" in migrations.migrate(db, NOW, known=known)
        assert db.conn.execute("SELECT * FROM shifts ORDER BY id").fetchall() == shifts
        assert db.scalar("PRAGMA integrity_check") == "ok" and db.query("PRAGMA foreign_key_check") == []
        assert db.scalar("SELECT count(*) FROM sqlite_master WHERE name = 'shifts_by_start'") == 1
        for column, bad in (("shift_type", "'nap'"), ("absence", "'holiday'"), ("shift_lead", "2")):
            with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
                db.conn.execute(f"UPDATE shifts SET {column} = {bad} WHERE id = 9")
        db.conn.execute("UPDATE shifts SET absence = NULL, shift_lead = 0, shift_type = 'waking_night' WHERE id = 7")
    finally:
        db.conn.close()
