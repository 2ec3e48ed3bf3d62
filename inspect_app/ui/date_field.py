"""A date typed the British way (22/11/2026) or picked from a calendar; blank means not recorded."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QRect, Qt
from PySide6.QtGui import QIcon, QKeyEvent, QPainter, QPixmap
from PySide6.QtWidgets import QCalendarWidget, QLineEdit, QMenu, QStyle, QWidget, QWidgetAction

from ..domain.local_time import format_date
from ..services.csv_values import CellError, parse_date


_ARROW = ":/qt-project.org/styles/commonstyle/images/arrow-down-16.png"  # the arrow the style sheet uses


def _arrow_icon(widget: QWidget) -> QIcon:
    """The arrow at the size the combo boxes' arrows have (10 px, style.qss), in the action's 16-pixel place:
    at 16 px it looks heavier than theirs, on the same form."""
    arrow = QIcon(_ARROW)
    if arrow.isNull():
        return widget.style().standardIcon(QStyle.SP_ArrowDown)
    canvas = QPixmap(32, 32)  # drawn at twice the size, so that it stays sharp on a high-resolution screen
    canvas.setDevicePixelRatio(2)
    canvas.fill(Qt.transparent)
    painter = QPainter(canvas)
    painter.setRenderHint(QPainter.SmoothPixmapTransform)
    painter.drawPixmap(QRect(3, 3, 10, 10), arrow.pixmap(20, 20))
    painter.end()
    return QIcon(canvas)


class DateField(QLineEdit):
    """A line edit for one date: typing works as people expect, unlike a QDateEdit with a blank value.

    Alt+Down or F4 opens the calendar; `date()` raises ValueError with a message for the form.
    """

    def __init__(self, value: date | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setPlaceholderText("dd/mm/yyyy")
        self.setMaxLength(10)
        self.calendar_action = self.addAction(_arrow_icon(self), QLineEdit.TrailingPosition)
        self.calendar_action.setToolTip("Choose from a calendar (Alt+Down)")
        self.calendar_action.triggered.connect(self.show_calendar)
        self.calendar: QCalendarWidget | None = None
        self.set_date(value)

    def set_date(self, value: date | None) -> None:
        self.setText(format_date(value))

    def date(self) -> date | None:
        """The date typed, or None if blank; ValueError if the text is not a date."""
        try:
            return parse_date(self.text())
        except CellError as exc:
            raise ValueError(f"{exc}, for example 03/04/2011") from None

    def keyPressEvent(self, event: QKeyEvent) -> None:  # Qt override
        if event.key() == Qt.Key_F4 or (event.key() == Qt.Key_Down and event.modifiers() & Qt.AltModifier):
            self.show_calendar()
            return
        super().keyPressEvent(event)

    def show_calendar(self) -> None:
        menu = QMenu(self)
        self.calendar = QCalendarWidget()
        self.calendar.setGridVisible(True)
        self.calendar.setFirstDayOfWeek(Qt.Monday)
        try:
            current = self.date()
        except ValueError:
            current = None
        if current is not None:
            self.calendar.setSelectedDate(QDate(current.year, current.month, current.day))
        holder = QWidgetAction(menu)
        holder.setDefaultWidget(self.calendar)
        menu.addAction(holder)
        self.calendar.clicked.connect(lambda picked: self._on_calendar_picked(picked, menu))
        self.calendar.activated.connect(lambda picked: self._on_calendar_picked(picked, menu))
        menu.popup(self.mapToGlobal(self.rect().bottomLeft()))
        self.calendar.setFocus()

    def _on_calendar_picked(self, picked: QDate, menu: QMenu) -> None:
        self.set_date(date(picked.year(), picked.month(), picked.day()))
        menu.close()
        self.setFocus()
