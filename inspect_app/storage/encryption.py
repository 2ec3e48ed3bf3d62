"""Turning a plain (unencrypted) database from an earlier version into an encrypted one, and its backups too.

The steps are ordered so that a crash at any point leaves one readable copy: the encrypted copy is
made and checked beside the original, the key file is written, the two files are swapped by
renames, and only then is the plain copy overwritten and removed. `finish_interrupted` completes
a swap that a crash cut short.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from ..domain.errors import UserFacingError
from .backup import backups_of
from .driver import attach_encrypted, dbapi, is_plain_sqlite
from .keyslots import KeySlots

log = logging.getLogger(__name__)
ENCRYPTING = ".encrypting"
WIPING = ".plain-wipe"


def encrypt_plain_file(path: Path, key: bytes, slots: KeySlots | None) -> None:
    """Replace the plain database at `path` by an encrypted copy under `key`; the plain bytes are overwritten.

    `slots` (for the live database) are written beside it before the swap; a backup gets a copy of them.
    """
    from .database import connect

    staged = path.with_name(path.name + ENCRYPTING)
    staged.unlink(missing_ok=True)
    plain = connect(path)
    try:
        plain.execute("PRAGMA wal_checkpoint(TRUNCATE)")   # every committed change into the main file
        version = plain.execute("PRAGMA user_version").fetchone()[0]
        counts = _counts(plain)
        attach_encrypted(plain, str(staged), "encrypted", key)
        plain.execute("SELECT sqlcipher_export('encrypted')")
        plain.execute(f"PRAGMA encrypted.user_version = {int(version)}")
        plain.execute("DETACH DATABASE encrypted")
    except dbapi.Error as exc:
        staged.unlink(missing_ok=True)
        raise UserFacingError(f"{path.name} could not be encrypted ({exc}); it was left exactly as it was") from exc
    finally:
        plain.close()
    _check_copy(staged, key, counts)
    if slots is not None:
        slots.save()
    _swap(path, staged)


def _counts(conn) -> dict[str, int]:
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                          "AND name NOT LIKE 'sqlite_%'")]
    return {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}


def _check_copy(staged: Path, key: bytes, counts: dict[str, int]) -> None:
    from .database import connect

    copy = connect(staged, key)
    try:
        verdict = copy.execute("PRAGMA integrity_check").fetchone()[0]
        same = _counts(copy) == counts
    finally:
        copy.close()
    if verdict != "ok" or not same:
        staged.unlink(missing_ok=True)
        raise UserFacingError("the encrypted copy did not match the original, so the original was kept as it was")
    _fsync(staged)


def _swap(path: Path, staged: Path) -> None:
    wiping = path.with_name(path.name + WIPING)
    os.replace(path, wiping)
    os.replace(staged, path)
    _wipe(wiping)
    for suffix in ("-wal", "-shm", "-journal"):
        _wipe(path.with_name(path.name + suffix))   # the plain file's (emptied) journals, never the new file's


def finish_interrupted(path: Path) -> None:
    """Complete a swap that a crash cut short; a half-made encrypted copy is discarded (it is made again)."""
    staged = path.with_name(path.name + ENCRYPTING)
    wiping = path.with_name(path.name + WIPING)
    if not path.exists() and staged.exists() and wiping.exists():
        os.replace(staged, path)   # the copy was checked before the first rename
    if path.exists() and not is_plain_sqlite(path) and wiping.exists():
        _wipe(wiping)
    if staged.exists() and (path.exists() and is_plain_sqlite(path)):
        staged.unlink()


def _fsync(path: Path) -> None:
    with open(path, "rb") as handle:
        os.fsync(handle.fileno())


def _wipe(path: Path) -> None:
    """Overwrite with zeros, flush, then remove. (On an SSD the old blocks may survive in the drive's spare
    area; full-disk encryption of the office PC covers that, as the README says.)"""
    if not path.exists():
        return
    size = path.stat().st_size
    with open(path, "r+b") as handle:
        block = b"\0" * (1 << 20)
        written = 0
        while written < size:
            chunk = min(len(block), size - written)
            handle.write(block[:chunk])
            written += chunk
        handle.flush()
        os.fsync(handle.fileno())
    path.unlink()


def change_key(db, slots: KeySlots, new_key: bytes) -> None:
    """Re-encrypt the open database under `new_key` and seal it to every slot (after an account is removed).

    The slots hold both keys until the database is re-encrypted, so a crash at any moment leaves a file
    that opens; `settle_key` finishes the change at the next sign-in.
    """
    old = db.key
    slots.seal_all([new_key, old])
    slots.save()
    db.conn.execute(f"PRAGMA rekey = \"x'{new_key.hex()}'\"")
    db.key = new_key
    slots.seal_all([new_key])
    slots.save()
    log.info("database key changed")


def settle_key(db, slots: KeySlots, candidates: list[bytes]) -> None:
    """Finish a key change a crash interrupted: `db` opened with one of `candidates` (newest first)."""
    if len(candidates) < 2:
        return
    if db.key == candidates[0]:
        slots.seal_all([candidates[0]])
        slots.save()
    else:
        change_key(db, slots, candidates[0])


def plain_backups(database: Path) -> list[Path]:
    """This database's backups that were written before encryption (they hold names in the clear)."""
    return [p for p in backups_of(database) if is_plain_sqlite(p)]


def encrypt_plain_backups(database: Path, key: bytes, slots: KeySlots) -> int:
    """Every plain backup of this database encrypted in place under the same key, with the slots beside it."""
    done = 0
    for backup in plain_backups(database):
        try:
            encrypt_plain_file(backup, key, None)
        except UserFacingError:
            log.warning("a plain backup could not be encrypted; it is wiped instead")
            _wipe(backup)
            continue
        slots.copy_beside(backup)
        done += 1
    return done

