"""No child's name can be read from the bytes on disk: the database, its journal, its backups, its key files.

Issue 3's acceptance: after the demo, `grep -a` for any child's name in the database file and its
backups finds nothing, and a wrong password fails with a clear message. The names searched for are
read back through the signed-in program, and the same search is shown to find them in a plain copy.

What is searched: each name of 6 or more letters on its own, and for every name the forms plain
SQLite text takes (a children row holds first and last name side by side; the audit trail holds
`: "Name"`). Shorter names are not searched bare: encrypted bytes are random, and a 3-letter name
like "Ava" turns up by chance about once in 16 MB of them, which would make the test fail at random.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from inspect_app import cli
from inspect_app.domain.records import Child
from inspect_app.services import registers
from inspect_app.storage.driver import is_plain_sqlite

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "schema_0001.db"
SHORTEST_BARE = 6  # bytes: a chance match in 10 MB of random bytes is then about 1 in 30 million


def _needles(first: str, last: str) -> set[bytes]:
    forms = {first + last, f"{first} {last}", f': "{first}"', f': "{last}"'}
    forms |= {name for name in (first, last) if len(name.encode()) >= SHORTEST_BARE}
    return {form.encode("utf-8") for form in forms}


def _all_needles(names: list[tuple[str, str]]) -> set[bytes]:
    return set().union(*(_needles(first, last) for first, last in names))


def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file())


def _found(files: list[Path], needles: set[bytes]) -> list[str]:
    """`grep -a` for every needle in every file: 'file: needle' for each one found."""
    hits = []
    for path in files:
        data = path.read_bytes()
        hits += [f"{path.name}: {needle.decode()}" for needle in sorted(needles) if needle in data]
    return hits


def _names(ws) -> list[tuple[str, str]]:
    return [(c.first_name, c.last_name) for home in ws.visible_homes() for c in ws.children.for_home(home.id)]


def _plain_copy(ws, target: Path) -> Path:
    """The positive control: the same database exported without a key (SQLCipher's own export)."""
    ws.db.execute("ATTACH DATABASE ? AS plain KEY ''", (str(target),))
    try:
        ws.db.execute("SELECT sqlcipher_export('plain')")
    finally:
        ws.db.execute("DETACH DATABASE plain")
    assert is_plain_sqlite(target)
    return target


def test_no_child_name_in_the_database_its_journal_backups_or_key_files(tmp_path, tmp_path_factory, clock,
                                                                       sign_in, capsys):
    folder = tmp_path / "records"
    db = folder / "records.db"
    assert cli.main(["demo", "--db", str(db), "--seed", "3"], clock=clock) == 0
    assert cli.main(["backup", "--db", str(db), str(folder / "copies" / "today.db")], clock=clock) == 0
    capsys.readouterr()
    ws = sign_in(db, clock=clock)
    try:
        assert ws.daily_backup() is not None
        # a change still in the write-ahead log, not yet in the main file
        home = ws.visible_homes()[0]
        registers.save_child(ws, Child(home_id=home.id, ref="C-99", first_name="Zenobia",
                                       last_name="Quartermaine", admitted_on=clock().date()))
        names = _names(ws)
        needles = _all_needles(names)
        files = _files(tmp_path)   # the records folder, and the program's own data folder (its logs)
        assert {p.suffix for p in files} >= {".db", ".keys", ".db-wal"}, files
        assert (folder / "records.db-wal").stat().st_size > 0
        assert len(names) >= 10 and [p for p in files if "backups" in p.parts], files
        assert _found(files, needles) == []
        control = _plain_copy(ws, tmp_path_factory.mktemp("control") / "plain.db")
    finally:
        ws.close()
    # the search finds every child in plain bytes: by the row form, and by the audit trail's form
    plain = control.read_bytes()
    assert all((first + last).encode() in plain and f': "{first}"'.encode() in plain for first, last in names)
    assert _found(_files(tmp_path), needles) == []   # closed: the log is folded into the main file


def test_a_wrong_password_is_refused_in_one_plain_line(tmp_path, new_workspace, capsys, monkeypatch, clock):
    db = tmp_path / "records.db"
    new_workspace(db, clock=clock).close()
    capsys.readouterr()
    monkeypatch.setenv("INSPECT_APP_PASSWORD", "not the right password")
    code = cli.main(["verify", "--db", str(db)], clock=clock)
    out, err = capsys.readouterr()
    assert code == 1 and out == ""
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err, err
    assert "password" in err and "do not open this database" in err, err


def _plain_older_folder(tmp_path: Path) -> Path:
    """A copy of the first version's database, with a daily backup as that version kept them (plain)."""
    folder = tmp_path / "older"
    (folder / "backups").mkdir(parents=True)
    shutil.copyfile(FIXTURE, folder / "records.db")
    shutil.copyfile(FIXTURE, folder / "backups" / "daily-records-2026-01-15.db")
    return folder


def test_an_older_plain_database_is_encrypted_with_its_backups_at_first_sign_in(tmp_path, capsys, sign_in, clock):
    original = FIXTURE.read_bytes()
    folder = _plain_older_folder(tmp_path)
    db = folder / "records.db"
    assert cli.main(["verify", "--db", str(db)], clock=clock) == 0
    out, err = capsys.readouterr()
    assert "now encrypted" in err and "sound" in out, (out, err)
    ws = sign_in(db, clock=clock)
    try:
        names = _names(ws)
    finally:
        ws.close()
    assert sorted(names) == [("Ada", "Hill"), ("Ben", "Ford")]
    needles = _all_needles(names)
    assert len(_found([FIXTURE], needles)) >= 2 * len(names)   # the search finds them in the plain original
    files = _files(folder)
    assert not [p for p in files if is_plain_sqlite(p)], files
    assert _found(files, needles) == []
    assert not [p for p in folder.rglob("*") if p.name.endswith((".plain-wipe", ".encrypting"))]
    assert FIXTURE.read_bytes() == original


@pytest.mark.parametrize("command", [["verify"], ["compliance", "--from", "2026-01-01", "--to", "2026-01-31"]])
def test_once_an_older_database_is_encrypted_another_password_is_refused_plainly(tmp_path, capsys, monkeypatch,
                                                                                 command, clock):
    """The first sign-in to an older file makes its first account; after that, another password is refused
    in one line, and the file is not decrypted."""
    folder = _plain_older_folder(tmp_path)
    db = folder / "records.db"
    assert cli.main(["verify", "--db", str(db)], clock=clock) == 0
    capsys.readouterr()
    monkeypatch.setenv("INSPECT_APP_PASSWORD", "someone else's password")
    code = cli.main([*command, "--db", str(db)], clock=clock)
    out, err = capsys.readouterr()
    assert code == 1 and len(err.strip().splitlines()) == 1 and "Traceback" not in err, err
    assert not is_plain_sqlite(db)
