"""Rows of a list that need attention drawn so that they stand out, and long texts' tooltips wrapped to be read."""

from __future__ import annotations

import html
from typing import Callable

from PySide6.QtCore import QEvent, QModelIndex, Property
from PySide6.QtGui import QColor, QFontMetrics, QHelpEvent, QPalette
from PySide6.QtWidgets import QAbstractItemView, QStyledItemDelegate, QStyleOptionViewItem, QToolTip, QWidget


class MarkedRows(QStyledItemDelegate):
    """Draws the rows `marked` says need attention in bold and in the colour `color` gives (the style sheet's,
    through the owner's `markColor`); the row's own words say why too, so colour is never the only sign.

    `tip`, when given, supplies a cell's whole text for its tooltip, wrapped rather than one line across the screen.
    """

    def __init__(self, view: QAbstractItemView, marked: Callable[[QModelIndex], bool] = lambda _index: False,
                 color: Callable[[], QColor] = QColor, tip: Callable[[QModelIndex], str] | None = None):
        super().__init__(view)
        self._marked = marked
        self._color = color
        self._tip = tip

    def initStyleOption(self, option: QStyleOptionViewItem, index: QModelIndex) -> None:  # Qt override
        super().initStyleOption(option, index)
        if index.isValid() and self._marked(index):
            option.font.setBold(True)
            option.fontMetrics = QFontMetrics(option.font)  # the elision of a long text measures the bold font
            if self._color().isValid():
                option.palette.setColor(QPalette.ColorRole.Text, self._color())

    def tooltip(self, index: QModelIndex) -> str:
        """The cell's tooltip as shown: the whole text, wrapped (rich text wraps; plain text does not)."""
        text = self._tip(index) if self._tip is not None else ""
        if not text:
            return str(index.data() or "")
        paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in text.splitlines() if p.strip())
        return f"<qt>{paragraphs}</qt>"

    def helpEvent(self, event: QHelpEvent, view: QAbstractItemView, option: QStyleOptionViewItem,
                  index: QModelIndex) -> bool:  # Qt override
        if event.type() != QEvent.Type.ToolTip or not index.isValid():
            return super().helpEvent(event, view, option, index)
        text = self.tooltip(index)
        if text:
            QToolTip.showText(event.globalPos(), text, view)
        else:
            QToolTip.hideText()
        return True


def _mark_color(widget: QWidget) -> QColor:
    return getattr(widget, "_mark_color", QColor())


def _set_mark_color(widget: QWidget, color: QColor) -> None:
    if color == _mark_color(widget):  # polishing sets it again and again: repaint only for a new colour
        return
    widget._mark_color = QColor(color)  # type: ignore[attr-defined]
    widget.update()


def mark_color_property() -> Property:
    """`markColor = mark_color_property()` in a widget class: the style sheet sets the colour of its marked rows."""
    return Property(QColor, _mark_color, _set_mark_color)
