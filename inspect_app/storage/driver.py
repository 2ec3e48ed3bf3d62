"""The SQLite build this program uses: SQLCipher's, so that every file it writes is encrypted at rest.

Every module catches this driver's exception types (they are not the standard `sqlite3` ones).
"""

from __future__ import annotations

from sqlcipher3 import dbapi2 as dbapi

Connection = dbapi.Connection
Error = dbapi.Error
DatabaseError = dbapi.DatabaseError
OperationalError = dbapi.OperationalError
IntegrityError = dbapi.IntegrityError
Cursor = dbapi.Cursor

KEY_BYTES = 32


def apply_key(conn: Connection, key: bytes | None, schema: str = "main") -> None:
    """Give SQLCipher the raw 256-bit key (no passphrase stretching here: each key slot did that already)."""
    # SQLCipher logs a failed page check to stderr; the user is told in words instead
    conn.execute("PRAGMA cipher_log_level = NONE")
    if key is None:
        return
    if len(key) != KEY_BYTES:
        raise ValueError("a database key is 32 bytes")
    conn.execute(f"PRAGMA {schema}.key = \"x'{key.hex()}'\"")


def attach_encrypted(conn: Connection, path: str, alias: str, key: bytes) -> None:
    conn.execute(f"ATTACH DATABASE ? AS {alias} KEY \"x'{key.hex()}'\"", (path,))


def is_plain_sqlite(path) -> bool:
    """Whether the file is an ordinary, unencrypted SQLite database (from before encryption)."""
    try:
        with open(path, "rb") as handle:
            return handle.read(16) == b"SQLite format 3\x00"
    except OSError:
        return False


def is_full(exc: BaseException) -> bool:
    return getattr(exc, "sqlite_errorname", "") == "SQLITE_FULL" or "disk is full" in str(exc)
