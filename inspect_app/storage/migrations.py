"""Named, ordered schema migrations from `db/`, each in one transaction after a consistent backup."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from ..domain.errors import UserFacingError
from ..paths import backups_dir, migrations_dir

if TYPE_CHECKING:
    from .database import Database

log = logging.getLogger(__name__)
NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")


class NewerDatabaseError(UserFacingError):
    """The file was written by a newer version of the program."""


class ForeignDatabaseError(UserFacingError):
    """The file is an SQLite database, but not one of ours."""


@dataclass(frozen=True)
class Migration:
    name: str
    sql: str


def known_migrations(folder: Path | None = None) -> list[Migration]:
    folder = folder or migrations_dir()
    found = sorted(p for p in folder.glob("*.sql") if NAME.match(p.name))
    if not found:
        raise UserFacingError(
            f"this installation of the program is incomplete: its database steps are missing from {folder}. "
            "Install it again as the README says (pip install -e .); nothing was changed."
        )
    return [Migration(p.stem, p.read_text(encoding="utf-8")) for p in found]


def applied_names(db: "Database") -> list[str]:
    exists = db.scalar("SELECT count(*) FROM sqlite_master WHERE name = 'schema_migrations'")
    if not exists:
        return []
    return [r["name"] for r in db.query("SELECT name FROM schema_migrations ORDER BY name")]


def pending(db: "Database", known: list[Migration] | None = None) -> list[Migration]:
    """What is still to apply; refuses a file from a newer version, or one another program made."""
    known = known if known is not None else known_migrations()
    applied = applied_names(db)
    if not applied and db.scalar("SELECT count(*) FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"):
        raise ForeignDatabaseError(
            f"{db.path.name} is a database made by another program, not a records file of this one. "
            "Nothing in it was changed. Choose your records file, or a new file name."
        )
    known_names = [m.name for m in known]
    unknown = [name for name in applied if name not in known_names]
    version = db.scalar("PRAGMA user_version")
    if unknown or version > len(known):
        raise NewerDatabaseError(
            f"{db.path.name} was written by a newer version of this program "
            f"(it has schema step {unknown[-1] if unknown else version}, which this version does not "
            "know). Install the newer version to open it. Nothing in the file was changed."
        )
    return [m for m in known if m.name not in applied]


def migrate(db: "Database", now: datetime, known: list[Migration] | None = None) -> list[str]:
    """Apply what is pending; a database that already holds data is backed up first."""
    todo = pending(db, known)
    if not todo:
        return []
    if applied_names(db):
        from .backup import backup_to

        stamp = now.strftime("%Y%m%dT%H%M%SZ")
        target = backups_dir(db.path) / f"{db.path.stem}-before-{todo[0].name}-{stamp}.db"
        backup_to(db, target)
        log.info("backed up before migrating to %s", target.name)
    for migration in todo:
        _apply(db, migration, now)
    return [m.name for m in todo]


def _apply(db: "Database", migration: Migration, now: datetime) -> None:
    version = db.scalar("PRAGMA user_version") + 1
    script = (
        "BEGIN IMMEDIATE;\n"
        "CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL) STRICT;\n"
        f"{migration.sql}\n;\n"
        f"INSERT INTO schema_migrations (name, applied_at) VALUES ('{migration.name}', "
        f"'{now.strftime('%Y-%m-%dT%H:%M:%SZ')}');\n"
        f"PRAGMA user_version = {version};\n"
        "COMMIT;"
    )
    try:
        db.conn.executescript(script)
    except Exception:
        if db.conn.in_transaction:
            db.conn.execute("ROLLBACK")
        log.exception("migration %s failed; rolled back", migration.name)
        raise
    log.info("applied migration %s", migration.name)
