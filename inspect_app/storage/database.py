"""Opening the database file: the one connection factory, pragmas, transactions and migrations on open."""

from __future__ import annotations

import logging
import sqlite3
from contextlib import contextmanager
from functools import cached_property
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterator

from ..domain.errors import UserFacingError
from . import migrations

log = logging.getLogger(__name__)


class DatabaseError(UserFacingError):
    """The database cannot be opened or used as it is; the message says what to do."""


class DatabaseBusy(DatabaseError):
    """Another connection held the write lock for longer than the busy timeout."""


def connect(path: Path | str) -> sqlite3.Connection:
    """The one place a connection is made (SQLCipher's key will be applied here).

    Autocommit mode: transactions are explicit (`Database.transaction`), so that sqlite3's
    implicit BEGIN/COMMIT never splits a user action in two.
    """
    conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False, timeout=5.0)
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA busy_timeout = 5000")
    return conn


def use_wal(conn: sqlite3.Connection) -> None:
    """SPEC 9: write-ahead log, and a full sync at each commit, so a power cut loses nothing committed.

    Done after the version check: switching mode rewrites the file header, and a file we refuse
    must be left exactly as it was.
    """
    mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
    if mode.lower() != "wal":
        log.warning("journal mode is %s, not WAL", mode)
    conn.execute("PRAGMA synchronous = FULL")


class Database:
    """An open, migrated database file."""

    def __init__(self, path: Path, conn: sqlite3.Connection):
        self.path = path
        self.conn = conn
        self._depth = 0

    @classmethod
    def open(cls, path: Path | str, *, now: datetime | None = None) -> "Database":
        """Open (creating if new) and bring the schema up to date, backing up first."""
        path = Path(path)
        if path.exists() and path.is_dir():
            raise DatabaseError(f"{path} is a folder, not a database file")
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            conn = connect(path)
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.DatabaseError as exc:
            raise DatabaseError(
                f"{path.name} is not a database this program can read ({exc}). "
                "Choose another file, or restore a backup."
            ) from exc
        db = cls(path, conn)
        try:
            migrations.pending(db)  # refuses a newer or a foreign file before anything is written
            use_wal(conn)
            migrations.migrate(db, now or datetime.now(timezone.utc))
        except Exception:
            conn.close()
            raise
        return db

    def is_own_file(self, path: Path | str) -> bool:
        """Whether writing to `path` would write over this database or its journal files."""
        base = self.path.resolve()
        own = {base} | {base.with_name(base.name + suffix) for suffix in ("-wal", "-shm", "-journal")}
        return Path(path).resolve() in own

    def close(self) -> None:
        try:
            self.conn.execute("PRAGMA optimize")
        except sqlite3.Error:
            pass
        self.conn.close()

    def __enter__(self) -> "Database":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator["Database"]:
        """One unit of work: everything inside commits together or not at all. Nests as savepoints."""
        name = f"sp{self._depth}"
        if self._depth == 0:
            self._begin()
        else:
            self.conn.execute(f"SAVEPOINT {name}")
        self._depth += 1
        try:
            yield self
        except BaseException:
            self._depth -= 1
            if self._depth == 0:
                self.conn.execute("ROLLBACK")
            else:
                self.conn.execute(f"ROLLBACK TO {name}")
                self.conn.execute(f"RELEASE {name}")
            raise
        else:
            self._depth -= 1
            if self._depth > 0:
                self.conn.execute(f"RELEASE {name}")
                return
            try:
                self.conn.execute("COMMIT")
            except sqlite3.Error:
                # a failed COMMIT (a full disk) must not leave the connection inside the transaction
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                raise

    @cached_property
    def utils(self):
        """sqlite-utils over the same connection, for introspection (imported on first use: start-up time)."""
        import sqlite_utils

        return sqlite_utils.Database(self.conn)

    def schema_text(self) -> str:
        """The whole schema as SQL, as db/schema.sql keeps it for reviewers."""
        return self.utils.schema.strip() + "\n"

    def _begin(self) -> None:
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            if "locked" in str(exc) or "busy" in str(exc):
                raise DatabaseBusy(
                    "another window or program is saving to this database right now; nothing was changed. "
                    "Try again in a moment."
                ) from exc
            raise

    @property
    def in_transaction(self) -> bool:
        return self._depth > 0

    def query(self, sql: str, params: Any = ()) -> list[dict[str, Any]]:
        cursor = self.conn.execute(sql, params)
        names = [d[0] for d in cursor.description or ()]
        return [dict(zip(names, row)) for row in cursor.fetchall()]

    def query_one(self, sql: str, params: Any = ()) -> dict[str, Any] | None:
        rows = self.query(sql, params)
        return rows[0] if rows else None

    def scalar(self, sql: str, params: Any = ()) -> Any:
        row = self.conn.execute(sql, params).fetchone()
        return row[0] if row else None

    def execute(self, sql: str, params: Any = ()) -> sqlite3.Cursor:
        return self.conn.execute(sql, params)

    def executemany(self, sql: str, rows) -> sqlite3.Cursor:
        return self.conn.executemany(sql, rows)
