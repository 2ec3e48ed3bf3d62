"""One program at a time holds a database open for a window or a restore: an OS file lock beside it.

The operating system drops the lock when the process ends, however it ends (a crash, a kill, a power
cut), so a stale lock never keeps anyone out.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..domain.errors import UserFacingError

if os.name == "nt":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False

    def _unlock(fd: int) -> None:
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except OSError:
            return False

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


class AlreadyOpen(UserFacingError):
    """Another window (or a restore) has this database open."""


def lock_path(database: Path | str) -> Path:
    database = Path(database)
    return database.with_name(database.name + ".lock")


class InstanceLock:
    """Held while a window shows the database, or while a restore replaces it."""

    def __init__(self, database: Path | str, purpose: str = "window"):
        self.path = lock_path(database)
        self.purpose = purpose
        self._fd: int | None = None

    def acquire(self) -> "InstanceLock":
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        if not _try_lock(fd):
            os.close(fd)
            raise AlreadyOpen(f"{self.path.name[:-5]} is already open in another window of this program on this "
                              "computer. Switch to that window (it may be minimised), or close it first.")
        self._fd = fd
        return self

    def release(self) -> None:
        if self._fd is not None:
            try:
                _unlock(self._fd)
            finally:
                os.close(self._fd)
                self._fd = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def __enter__(self) -> "InstanceLock":
        return self.acquire()

    def __exit__(self, *exc) -> None:
        self.release()
