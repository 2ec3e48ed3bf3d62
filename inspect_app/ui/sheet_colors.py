"""Colours a view takes from the one style sheet (`qproperty-<name>: #b3261e;` in resources/style.qss) and how its
delegate paints a cell with them: the sheet decides every colour, the views only name them."""

from __future__ import annotations

from PySide6.QtCore import Property
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QStyleOptionViewItem


def sheet_color(name: str, default: str | None = None) -> Property:
    """A colour property of an item view that the style sheet sets (qproperty-<name>); until it does, `default`, or
    an invalid colour (the cells then keep the palette's colours). A new colour repaints the view."""
    attribute = f"_{name}"
    fallback = QColor(default) if default else QColor()

    def getter(self) -> QColor:
        return getattr(self, attribute, fallback)

    def setter(self, color: QColor) -> None:
        if color == getter(self):  # polishing sets it again and again: repaint only for a new colour
            return
        setattr(self, attribute, QColor(color))
        self.viewport().update()

    return Property(QColor, getter, setter)


def paint_colors(option: QStyleOptionViewItem, background: QColor, text: QColor) -> None:
    """A cell's background and text in the sheet's colours, where it gives them; a chosen cell keeps its text colour
    (the colour says something, and its words say the same)."""
    if background.isValid():
        option.backgroundBrush = background
    if text.isValid():
        option.palette.setColor(QPalette.ColorRole.Text, text)
        option.palette.setColor(QPalette.ColorRole.HighlightedText, text)
