"""Consistent copies of the database (SQLite's online backup), written atomically, and their rotation."""

from __future__ import annotations

import os
import sqlite3
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from ..domain.errors import UserFacingError
from ..paths import backups_dir

if TYPE_CHECKING:
    from .database import Database

DAILY_PREFIX = "daily-"


def backup_to(db: "Database", target: Path | str) -> Path:
    """Copy the whole database, consistently, to `target`; an existing file there is replaced only on success."""
    target = Path(target)
    if target.resolve() == Path(db.path).resolve():
        raise UserFacingError("the backup cannot be written over the database itself")
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    if partial.exists():
        partial.unlink()
    try:
        dest = sqlite3.connect(str(partial))
        try:
            db.conn.backup(dest)
            dest.execute("PRAGMA journal_mode = DELETE")
            ok = dest.execute("PRAGMA quick_check").fetchone()[0]
        finally:
            dest.close()
        if ok != "ok":
            raise UserFacingError(f"the backup copy failed its check ({ok}); the old backup is kept")
        with open(partial, "rb") as handle:
            os.fsync(handle.fileno())
        os.replace(partial, target)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise UserFacingError(f"could not write the backup to {target}: {exc.strerror or exc}") from exc
    return target


def daily_backup(db: "Database", today: datetime, keep: int = 14) -> Path | None:
    """Once a day: a copy named for the date; older ones beyond `keep` are removed."""
    folder = backups_dir(db.path)
    target = folder / f"{DAILY_PREFIX}{db.path.stem}-{today:%Y-%m-%d}.db"
    if target.exists():
        return None
    backup_to(db, target)
    dailies = sorted(folder.glob(f"{DAILY_PREFIX}{db.path.stem}-*.db"))
    for old in dailies[:-keep] if keep > 0 else []:
        old.unlink(missing_ok=True)
    return target
