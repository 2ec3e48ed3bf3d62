"""Opening the database file: the one connection factory, pragmas, transactions and migrations on open."""

from __future__ import annotations

import logging
from contextlib import contextmanager
from functools import cached_property
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterator

from ..domain.errors import UserFacingError
from . import migrations
from .driver import Connection, Cursor, apply_key, dbapi, is_full

log = logging.getLogger(__name__)


class DatabaseError(UserFacingError):
    """The database cannot be opened or used as it is; the message says what to do."""


class DatabaseBusy(DatabaseError):
    """Another connection held the write lock for longer than the busy timeout."""


class DiskFull(DatabaseError):
    """The disk (or the database's size limit) is full; the change was not saved and nothing was lost."""

    def __init__(self):
        super().__init__("the disk is full, so this change was not saved; everything saved before is safe. "
                         "Free some space (or move the records to a bigger disk) and try again.")


RESTORE_ADVICE = ("Restore the latest backup (File > Restore from a backup..., or 'inspect-app restore FILE' with a "
                  "file from the backups folder beside the database); the damaged file is kept, not deleted.")


def is_damage(exc: BaseException) -> bool:
    """SQLite's own words for a damaged file (as opposed to a busy one or a bad statement)."""
    name = getattr(exc, "sqlite_errorname", "")
    return isinstance(exc, dbapi.DatabaseError) and (
        name in {"SQLITE_CORRUPT", "SQLITE_NOTADB"} or "malformed" in str(exc) or "not a database" in str(exc))


def connect(path: Path | str, key: bytes | None = None) -> Connection:
    """The one place a connection is made; `key` is the database's SQLCipher key (None: a plain file).

    Autocommit mode: transactions are explicit (`Database.transaction`), so that the driver's
    implicit BEGIN/COMMIT never splits a user action in two.
    """
    conn = dbapi.connect(str(path), isolation_level=None, check_same_thread=False, timeout=5.0)
    apply_key(conn, key)
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA busy_timeout = 5000")
    return conn


def use_wal(conn: Connection) -> None:
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

    def __init__(self, path: Path, conn: Connection, key: bytes | None = None):
        self.path = path
        self.conn = conn
        self.key = key
        self._depth = 0

    @classmethod
    def open(cls, path: Path | str, *, key: bytes | None, now: datetime | None = None) -> "Database":
        """Open (creating if new) with this key and bring the schema up to date, backing up first."""
        path = Path(path)
        if path.exists() and path.is_dir():
            raise DatabaseError(f"{path} is a folder, not a database file")
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            conn = connect(path, key)
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            # SQLCipher decrypts and checks each page as it is read: a 32 MB page cache (the default is 2 MB)
            # keeps a busy home's pages decrypted once (benchmark: compliance 10 homes x 5 years 0.57 -> 0.39 s)
            conn.execute("PRAGMA cache_size = -32000")
        except dbapi.DatabaseError as exc:
            raise DatabaseError(
                f"{path.name} cannot be read: it is damaged, it is not a records file of this program, or "
                f"its key file belongs to another database. {RESTORE_ADVICE}"
            ) from exc
        db = cls(path, conn, key)
        try:
            migrations.pending(db)  # refuses a newer or a foreign file before anything is written
            use_wal(conn)
            migrations.migrate(db, now or datetime.now(timezone.utc))
        except Exception:
            conn.close()
            raise
        return db

    @classmethod
    def open_read_only(cls, path: Path | str, key: bytes | None) -> "Database":
        """A file looked at, never changed (a backup being checked): no migration, no journal-mode switch."""
        conn = connect(path, key)
        try:
            conn.execute("PRAGMA query_only = ON")
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except dbapi.Error:
            conn.close()
            raise
        return cls(Path(path), conn, key)

    @staticmethod
    def key_that_reads(path: Path | str, candidates: list[bytes]) -> bytes | None:
        """The first of `candidates` that opens the file (None: none does)."""
        for key in candidates:
            try:
                Database.open_read_only(path, key).close()
                return key
            except dbapi.DatabaseError:
                continue
        return None

    def has_table(self, name: str) -> bool:
        return bool(self.scalar("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)))

    def is_own_file(self, path: Path | str) -> bool:
        """Whether writing to `path` would write over this database, its journal files or its key file."""
        base = self.path.resolve()
        suffixes = ("-wal", "-shm", "-journal", ".keys", ".lock")
        own = {base} | {base.with_name(base.name + suffix) for suffix in suffixes}
        return Path(path).resolve() in own

    def close(self) -> None:
        try:
            self.conn.execute("PRAGMA optimize")
        except dbapi.Error:
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
        except BaseException as exc:
            self._depth -= 1
            if self._depth == 0:
                if self.conn.in_transaction:  # SQLite may have rolled back already (a full disk does)
                    self.conn.execute("ROLLBACK")
            elif self.conn.in_transaction:
                self.conn.execute(f"ROLLBACK TO {name}")
                self.conn.execute(f"RELEASE {name}")
            if self._depth == 0 and isinstance(exc, dbapi.Error) and is_full(exc):
                raise DiskFull() from exc
            raise
        else:
            self._depth -= 1
            if self._depth > 0:
                self.conn.execute(f"RELEASE {name}")
                return
            try:
                self.conn.execute("COMMIT")
            except dbapi.Error as exc:
                # a failed COMMIT (a full disk) must not leave the connection inside the transaction
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                if is_full(exc):
                    raise DiskFull() from exc
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
        except dbapi.OperationalError as exc:
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

    def execute(self, sql: str, params: Any = ()) -> Cursor:
        return self.conn.execute(sql, params)

    def executemany(self, sql: str, rows) -> Cursor:
        return self.conn.executemany(sql, rows)
