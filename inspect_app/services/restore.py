"""Putting a backup back in place of the database (SPEC 9), after checking that it is whole and openable.

The database being replaced is never deleted: it is moved into the backup folder first, with its
journal files and key file, so a restore can itself be undone.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Callable

from ..domain.errors import UserFacingError
from ..domain.roles import Permission, normalise_username
from ..paths import backups_dir
from ..storage import migrations
from ..storage.accounts import AccountRepository
from ..storage.audit import verify_chain
from ..storage.checks import integrity_problems
from ..storage.database import Database, DatabaseError
from ..storage.driver import dbapi, is_plain_sqlite
from ..storage.instance_lock import InstanceLock
from ..storage.backup import copy_key_file
from ..storage.keyslots import KeySlots, key_file_for, write_atomically
from .workspace import Credentials, Workspace, utc_now

log = logging.getLogger(__name__)
JOURNALS = ("-wal", "-shm", "-journal")


@dataclass
class RestoreReport:
    database: Path
    source: Path
    set_aside: Path | None
    warnings: list[str] = field(default_factory=list)

    def summary(self) -> str:
        kept = f"; the database it replaced is kept as {self.set_aside}" if self.set_aside else ""
        return f"Restored {self.database} from {self.source}{kept}"


def restore(database: Path | str, source: Path | str, credentials: Credentials, *,
            clock: Callable[[], datetime] = utc_now) -> RestoreReport:
    """Check `source`, set the current database aside, and put `source` (with its key file) in its place."""
    database, source = Path(database), Path(source)
    if not source.is_file():
        raise UserFacingError(f"there is no backup file at {source}")
    if source.resolve() == database.resolve():
        raise UserFacingError("that is the database itself: choose a backup file")
    slots = _slots_for(source, database)
    key = _key_that_reads(source, slots.candidates(credentials.username, credentials.password))
    warnings = _check_backup(source, key, credentials)
    stamp = clock().strftime("%Y%m%dT%H%M%SZ")
    with InstanceLock(database, purpose="restore"):
        aside = _set_aside(database, stamp)
        try:
            _put_in_place(source, database, slots)
        except OSError as exc:
            _undo_set_aside(database, aside)
            raise UserFacingError(f"the backup could not be copied into place ({exc.strerror or exc}); "
                                  "the database was left as it was") from exc
    # open once: migrations bring an older backup up to date (backing it up first), and the account is checked
    Workspace.open(database, credentials, clock=clock).close()
    log.info("restored the database from a backup; the previous file was set aside")
    return RestoreReport(database, source, aside, warnings)


def check_password(database: Path | str, source: Path | str, credentials: Credentials) -> None:
    """WrongPassword (or a plain message) unless this password opens the backup: asked before anything is closed."""
    source = Path(source)
    if not source.is_file():
        raise UserFacingError(f"there is no backup file at {source}")
    _slots_for(source, Path(database)).candidates(credentials.username, credentials.password)


def _slots_for(source: Path, database: Path) -> KeySlots:
    """The backup's own key file; without one, the database's (backups share its key)."""
    if is_plain_sqlite(source):
        raise UserFacingError(f"{source.name} is not encrypted: it is from an earlier version. Open it with that "
                              "version, or sign in to it directly so that it is encrypted, then restore it")
    if key_file_for(source).exists():
        return KeySlots.load(source)
    if key_file_for(database).exists():
        return KeySlots.load(database)
    raise UserFacingError(f"{source.name} has no key file beside it ({key_file_for(source).name}); "
                          "copy it from where the backup was made")


def _key_that_reads(source: Path, candidates: list[bytes]) -> bytes:
    """The backup's key (a backup taken while the key was changing may have either)."""
    key = Database.key_that_reads(source, candidates)
    if key is None:
        raise DatabaseError(f"{source.name} cannot be read with its key file: it is damaged, or the key file "
                            "belongs to another database; nothing was changed")
    return key


def _check_backup(source: Path, key: bytes, credentials: Credentials) -> list[str]:
    """Refuse a damaged backup, one from a newer version, or one in which this account may not restore."""
    try:
        db = Database.open_read_only(source, key)
    except dbapi.Error as exc:
        raise DatabaseError(f"{source.name} cannot be read with this key file ({exc}); nothing was changed") from exc
    try:
        damage = integrity_problems(db)
        if damage:
            raise DatabaseError(f"{source.name} is damaged ({damage[0]}); nothing was changed. Try an older backup")
        migrations.pending(db)   # refuses a backup from a newer version
        if db.has_table("accounts"):  # a backup from before accounts has none to ask
            account = AccountRepository(db).by_username(normalise_username(credentials.username))
            if account is not None:
                account.require(Permission.MANAGE_DATABASE)
        broken = verify_chain(db)
        return [] if broken is None else [
            f"the backup's audit trail is broken at row {broken.audit_id} ({broken.problem}); run verify after"]
    except dbapi.DatabaseError as exc:
        raise DatabaseError(f"{source.name} cannot be read ({exc}); nothing was changed") from exc
    finally:
        db.close()


def _set_aside(database: Path, stamp: str) -> Path | None:
    """Move the current database (and its journals and key file) into the backup folder, by renaming."""
    if not database.exists():
        return None
    folder = backups_dir(database)
    folder.mkdir(parents=True, exist_ok=True)
    aside = folder / f"{database.stem}-before-restore-{stamp}.db"
    for suffix in JOURNALS:
        journal = database.with_name(database.name + suffix)
        if journal.exists():
            os.replace(journal, aside.with_name(aside.name + suffix))
    copy_key_file(database, aside)
    os.replace(database, aside)
    return aside


def _undo_set_aside(database: Path, aside: Path | None) -> None:
    if aside is None:
        return
    for suffix in JOURNALS:
        moved = aside.with_name(aside.name + suffix)
        if moved.exists():
            os.replace(moved, database.with_name(database.name + suffix))
    os.replace(aside, database)


def _put_in_place(source: Path, database: Path, slots: KeySlots) -> None:
    partial = database.with_name(database.name + ".restoring")
    write_atomically(partial, source.read_bytes())
    slots.save(key_file_for(database))
    os.replace(partial, database)
