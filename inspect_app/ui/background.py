"""One verb for background work: run a function off the GUI thread, then call back on it."""

from __future__ import annotations

import logging
import threading
from typing import Any, Callable

from PySide6.QtCore import QObject, QTimer, Signal

log = logging.getLogger(__name__)


class _Signals(QObject):
    progressed = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(object)


class Progress:
    """Handed to the work function: report(done, total, text); cancelled tells it to stop early."""

    def __init__(self, signals: _Signals):
        self._signals = signals
        self.cancelled = False

    def report(self, done: int, total: int, text: str = "") -> None:
        self._signals.progressed.emit(done, total, text)


class Operation:
    """Operation(work).on_progress(f).success(f).failure(f).start(); `work(progress)` runs off the GUI thread.

    The work must open its own database connection if it writes a lot, or use the
    workspace's (the connection allows use from another thread; one writer at a time).

    Qt objects must never be freed on a worker thread: Shiboken defers the deletion to the GUI thread, and a
    widget deleted late there crashes the program (seen: a segmentation fault, now and then). So each
    operation is let go only on the GUI thread once its thread has ended: the worker never holds the last
    reference to its signals, or to a widget its work names. (Python's cycle collector, which could free Qt
    objects on any thread, runs only on the GUI thread: see collector.py.)
    """

    _running: set["Operation"] = set()
    RELEASE_POLL_MS = 5

    def __init__(self, work: Callable[[Progress], Any]):
        self._work = work
        self.signals = _Signals()
        self.progress = Progress(self.signals)
        self._thread: threading.Thread | None = None

    def on_progress(self, callback: Callable[[int, int, str], None]) -> "Operation":
        self.signals.progressed.connect(callback)
        return self

    def success(self, callback: Callable[[Any], None]) -> "Operation":
        self.signals.succeeded.connect(callback)
        return self

    def failure(self, callback: Callable[[BaseException], None]) -> "Operation":
        self.signals.failed.connect(callback)
        return self

    def cancel(self) -> None:
        self.progress.cancelled = True

    def run(self) -> None:
        """The work, then its outcome told to the GUI thread (as a queued signal); on the worker thread."""
        try:
            result = self._work(self.progress)
        except BaseException as exc:  # reported to the GUI thread, never lost
            log.exception("background operation failed")
            self.signals.failed.emit(exc)
        else:
            self.signals.succeeded.emit(result)

    def start(self) -> "Operation":
        # Kept alive until its callbacks have run and its thread has ended, whether or not the caller keeps it.
        Operation._running.add(self)
        self.signals.succeeded.connect(self._release)
        self.signals.failed.connect(self._release)
        self._thread = threading.Thread(target=self.run, name="background operation", daemon=True)
        self._thread.start()
        return self

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the work has ended (tests, and closing the program); True when it has."""
        if self._thread is not None:
            self._thread.join(timeout)
        return self._thread is None or not self._thread.is_alive()

    @classmethod
    def wait_for_all(cls, timeout: float = 10.0) -> bool:
        return all(op.wait(timeout) for op in list(cls._running))

    def _release(self, _result: Any = None) -> None:
        # deferred: the signal may still be calling the other slots when this one runs; and never before the
        # thread has ended, so that the worker never holds the last reference
        if self._thread is not None and self._thread.is_alive():
            QTimer.singleShot(self.RELEASE_POLL_MS, self._release)
            return
        QTimer.singleShot(0, lambda: Operation._running.discard(self))
