"""Dialogs that grow to fit their words: a problem shown under a field, once it wraps, makes the dialog taller
instead of being cut off."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QAbstractScrollArea, QWidget, QWidgetItem

FIT_ON = frozenset({QEvent.LayoutRequest, QEvent.Resize, QEvent.Show})
QWIDGETSIZE_MAX = (1 << 24) - 1  # Qt's "no maximum"


class FitHeight(QObject):
    """Keeps `target` at least as tall as its layout needs at its present width. Qt's own minimum size leaves out
    the lines a word-wrapped label adds when it wraps, so such text would be clipped. Its height for a width is the
    layout's preferred one, so a box that scrolls and has no set height (a text box, a list) is counted at its least
    height instead of the room it would like: Qt wishes 192 pixels for each, which would make a long form taller than
    a laptop's screen."""

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
        boxes = [box for box in self.target.findChildren(QAbstractScrollArea) if box.isVisibleTo(self.target)]
        needed = layout.totalHeightForWidth(self.target.width()) - sum(_room_wished(box) for box in boxes)
        if needed > 0 and needed != self.target.minimumHeight():
            self.target.setMinimumHeight(needed)


def _room_wished(box: QAbstractScrollArea) -> int:
    """How much taller than its least a scrolling box with no set height would like to be, as its layout sees it;
    nothing for a box given its height (a text box of a few lines: ui/registers/editor.text_box)."""
    if box.maximumHeight() < QWIDGETSIZE_MAX:
        return 0
    item = QWidgetItem(box)  # the sizes a layout uses, within the box's own limits and size policy
    return max(0, item.sizeHint().height() - item.minimumSize().height())
