"""The made-up demo home's own database (demo.db): opened with the demo account, made again when it is too old."""

from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path
from typing import Callable

from ..domain.errors import UserFacingError
from ..paths import demo_database_path
from ..storage.backup import backups_of
from ..services.workspace import Credentials, Workspace
from ..storage.driver import is_plain_sqlite
from ..storage.keyslots import key_file_for

log = logging.getLogger(__name__)

# Every copy of the program has this account in its demo: the records in demo.db are made up, and the window
# says the password beside the demo notice, so that anyone can come back in after the idle lock.
DEMO_CREDENTIALS = Credentials("demo", "made-up-records")
DEMO_FULL_NAME = "Demo user"
DEMO_UNREADABLE = ("The demo home could not be opened: this program cannot read its file, {path}. Nothing was added. "
                   "You can still set up your own home. To explore the demo, delete that file (it holds made-up "
                   "records only) and try again.")


class DemoUnreadable(UserFacingError):
    """demo.db is there but cannot be opened with the demo account (not this program's file, or damaged)."""

    def __init__(self, path: Path):
        super().__init__(DEMO_UNREADABLE.format(path=path))


def open_demo_workspace(clock: Callable[[], datetime], path: Path | None = None) -> Workspace:
    """The demo's own database, signed in as the demo account; made (empty) when there is none yet. A demo from
    before passwords (a plain file) is made again: its records are made up, so nothing of value is lost."""
    path = path or demo_database_path()
    if path.exists() and is_plain_sqlite(path) and not key_file_for(path).exists():
        log.info("the demo from an earlier version is made again")
        remove_demo_files(path)
    if not path.exists():
        key_file_for(path).unlink(missing_ok=True)  # left by a demo that was never finished
        return Workspace.create(path, DEMO_CREDENTIALS, DEMO_FULL_NAME, clock=clock)
    try:
        return Workspace.open(path, DEMO_CREDENTIALS, clock=clock)
    except UserFacingError as exc:
        log.warning("demo database could not be opened: %s", type(exc).__name__)
        raise DemoUnreadable(path) from exc


def remove_demo_files(path: Path) -> None:
    """demo.db, its journals, its key file and its backups (made-up records only; never the user's)."""
    for suffix in ("", "-wal", "-shm", "-journal", ".keys"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)
    for old in backups_of(path):
        old.unlink(missing_ok=True)
        key_file_for(old).unlink(missing_ok=True)
