"""Consistent copies of the database (SQLite's online backup), written atomically, and their rotation."""

from __future__ import annotations

import os
import re
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from ..domain.errors import UserFacingError
from ..paths import backups_dir
from .driver import dbapi
from .keyslots import key_file_for, write_atomically

if TYPE_CHECKING:
    from .database import Database

DAILY_PREFIX = "daily-"


def backup_to(db: "Database", target: Path | str) -> Path:
    """Copy the whole database, consistently and encrypted with its key, to `target`, with its key file beside.

    An existing file there is replaced only on success.
    """
    target = Path(target)
    if db.is_own_file(target):
        raise UserFacingError("the backup cannot be written over the database itself")
    if db.in_transaction:
        # the online backup waits for the lock this same connection holds: it would never finish
        raise UserFacingError("a backup cannot be taken in the middle of a change; try again when it is saved")
    partial = target.with_name(target.name + ".partial")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        partial.unlink(missing_ok=True)
        _copy(db, partial)
        copy_key_file(db.path, target)
        os.replace(partial, target)
    except (OSError, dbapi.Error) as exc:
        _remove_quietly(partial)
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise UserFacingError(f"could not write the backup to {target}: {reason}. "
                              "Any earlier backup there is kept.") from exc
    return target


def _copy(db: "Database", partial: Path) -> None:
    from .database import connect

    dest = connect(partial, db.key)   # the online backup needs the copy keyed as the original
    try:
        db.conn.backup(dest)
        dest.execute("PRAGMA journal_mode = DELETE")
        verdict = dest.execute("PRAGMA quick_check").fetchone()[0]
    finally:
        dest.close()
    if verdict != "ok":
        raise dbapi.DatabaseError(f"the copy failed its check ({verdict})")
    with open(partial, "rb") as handle:
        os.fsync(handle.fileno())


def copy_key_file(database: Path, target: Path) -> None:
    """The slots as they are now go beside a copy of the database, so it opens with today's passwords."""
    source = key_file_for(database)
    if source.exists():
        write_atomically(key_file_for(target), source.read_bytes())


def _remove_quietly(path: Path) -> None:
    try:
        path.unlink(missing_ok=True)
    except OSError:
        pass


def backups_of(database: Path) -> list[Path]:
    """Every copy the program made of this database: the dailies, and those made before a migration or a
    restore (never another database's: "records-old.db"'s start with "daily-records-" too)."""
    folder = backups_dir(database)
    if not folder.is_dir():
        return []
    stem = re.escape(database.stem)
    pattern = re.compile(rf"({DAILY_PREFIX}{stem}-\d{{4}}-\d{{2}}-\d{{2}}|{stem}-before-.+)\.db")
    return sorted(p for p in folder.iterdir() if pattern.fullmatch(p.name))


def daily_backup(db: "Database", today: datetime, keep: int = 14) -> Path | None:
    """Once a day: a copy named for the date; this database's older ones beyond `keep` are removed."""
    folder = backups_dir(db.path)
    name = f"{DAILY_PREFIX}{db.path.stem}-"
    target = folder / f"{name}{today:%Y-%m-%d}.db"
    if target.exists():
        return None
    backup_to(db, target)
    # exactly this database's dailies: "records-old.db"'s backups must not count as "records.db"'s
    pattern = re.compile(re.escape(name) + r"\d{4}-\d{2}-\d{2}\.db")
    dailies = sorted(p for p in folder.iterdir() if pattern.fullmatch(p.name))
    for old in dailies[:-keep] if keep > 0 else []:
        _remove_quietly(old)
        _remove_quietly(key_file_for(old))
    return target
