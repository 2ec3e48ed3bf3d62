"""Python's cycle collector, run by the window's event loop instead of at any allocation.

Left to itself, the collector runs whenever enough objects have been allocated: on a background thread,
or in the middle of a Qt call that holds one of Qt's own locks. Freeing a Qt object there deadlocks
(~QObject waits for the lock its caller holds) or crashes (Shiboken defers a worker's deletion to the
GUI thread, and a widget deleted late takes the program down): both were seen in this program's tests.
So automatic collection is off, and a timer on the GUI thread collects at a safe point, between events,
with the same generations and thresholds Python itself would use.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QCoreApplication, QObject, QTimer

INTERVAL_MS = 500


class CycleCollector(QObject):
    """Owned by the application; `collect` is also called by hand at other safe points (tests, shutting down)."""

    def __init__(self, app: QCoreApplication):
        super().__init__(app)
        self.thresholds = gc.get_threshold()
        gc.disable()
        self.timer = QTimer(self)
        self.timer.setInterval(INTERVAL_MS)
        self.timer.timeout.connect(self.collect)
        self.timer.start()

    def collect(self) -> int:
        """The oldest generation whose count passed its threshold, as the automatic collector would choose."""
        counts = gc.get_count()
        for generation in (2, 1, 0):
            if counts[generation] > self.thresholds[generation]:
                return gc.collect(generation)
        return 0


def install(app: QCoreApplication) -> CycleCollector:
    """Once per application."""
    found = app.findChild(CycleCollector)
    return found if found is not None else CycleCollector(app)
