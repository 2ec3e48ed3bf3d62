"""One verb for background work: run a function off the GUI thread, then call back on it."""

from __future__ import annotations

import logging
from typing import Any, Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal

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


class Operation(QRunnable):
    """Operation(work).on_progress(f).success(f).failure(f).start(); `work(progress)` runs off the GUI thread.

    The work must open its own database connection if it writes a lot, or use the
    workspace's (the connection allows use from another thread; one writer at a time).
    """

    _running: set["Operation"] = set()

    def __init__(self, work: Callable[[Progress], Any]):
        super().__init__()
        self._work = work
        self.signals = _Signals()
        self.progress = Progress(self.signals)
        self.setAutoDelete(False)

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

    def run(self) -> None:  # Qt override, called on a pool thread
        try:
            result = self._work(self.progress)
        except BaseException as exc:  # reported to the GUI thread, never lost
            log.exception("background operation failed")
            self.signals.failed.emit(exc)
        else:
            self.signals.succeeded.emit(result)

    def start(self) -> "Operation":
        # Kept alive until its callbacks have run, whether or not the caller keeps a reference.
        Operation._running.add(self)
        self.signals.succeeded.connect(self._release)
        self.signals.failed.connect(self._release)
        QThreadPool.globalInstance().start(self)
        return self

    def _release(self, _result: Any) -> None:
        # deferred: the signal may still be calling the other slots when this one runs
        QTimer.singleShot(0, lambda: Operation._running.discard(self))
