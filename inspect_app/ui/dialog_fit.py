"""Dialogs that grow to fit their words: a problem shown under a field, once it wraps, makes the dialog taller
instead of being cut off."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QWidget


FIT_ON = frozenset({QEvent.LayoutRequest, QEvent.Resize, QEvent.Show})


class FitHeight(QObject):
    """Keeps `target` at least as tall as its layout needs at its present width. Qt's own minimum size leaves out
    the lines a word-wrapped label adds when it wraps, so such text would be clipped."""

    def __init__(self, target: QWidget):
        super().__init__(target)
        self.target = target
        target.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt override
        # getattr: while the window is being destroyed, Qt may still call this after Python let go of `target`
        if event.type() in FIT_ON and watched is getattr(self, "target", None):
            self.fit()
        return False

    def fit(self) -> None:
        layout = self.target.layout()
        if layout is None or not layout.hasHeightForWidth():
            return
        needed = layout.totalHeightForWidth(self.target.width())
        if needed > 0 and needed != self.target.minimumHeight():
            self.target.setMinimumHeight(needed)
