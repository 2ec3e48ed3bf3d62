"""The week grid as a view: cells chosen one at a time with the arrow keys, Enter or F2 to open a cell's shift, Delete
to remove one, Page Up and Page Down for the week before and after, and a shift code typed in a cell (quick entry);
today's column and absences drawn in the style sheet's colours (their words say the same)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFocusEvent, QFontMetrics, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView, QHeaderView, QLineEdit, QStyle, QStyledItemDelegate, QStyleOptionViewItem, QTableView, QWidget,
)

from ..sheet_colors import paint_colors, sheet_color
from .week_model import ABSENT_ROLE, SHORT_ROLE, TODAY_ROLE, WeekModel

OPEN_KEYS = (Qt.Key_Return, Qt.Key_Enter, Qt.Key_F2)
LINE_SEPARATOR = "\u2028"  # a cell's line break, as QStyledItemDelegate.displayText gives it


class ShiftCells(QStyledItemDelegate):
    """Today's column on the grid's `todayBackground`; a cell whose shifts are all absent on `absentBackground` in
    `absentColor`, italic (its text says "Absent: sick" too). A cell whose lines are wider than its column shows
    the long shift types shortened ("W. night · lead"); the tooltip has them in full."""

    def initStyleOption(self, option: QStyleOptionViewItem,
                        index: QModelIndex | QPersistentModelIndex) -> None:  # Qt override
        super().initStyleOption(option, index)
        grid: WeekGrid = self.parent()
        if index.data(ABSENT_ROLE):
            option.font.setItalic(True)
            paint_colors(option, grid.absentBackground, grid.absentColor)
        elif index.data(TODAY_ROLE):
            paint_colors(option, grid.todayBackground, QColor())
        if option.rect.width() > 0 and not text_fits(option, grid):  # a size hint asks with no width: any fits
            option.text = self.displayText(index.data(SHORT_ROLE), option.locale)  # its lines as Qt separates them


def text_fits(option: QStyleOptionViewItem, view: QWidget) -> bool:
    """Whether every line of the cell's text is drawn whole in its rect, inside the style sheet's padding and the
    style's text margins (a line that is not ends in "…")."""
    style = view.style()
    room = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, option, view).width()
    room -= 2 * (style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1)  # as QCommonStyle
    metrics = QFontMetrics(option.font)
    return all(metrics.horizontalAdvance(line) <= room for line in option.text.split(LINE_SEPARATOR))


class QuickEntry(QLineEdit):
    """The small box over a cell that takes a shift code: Enter adds the shift, Escape (or leaving it) does not."""

    code_entered = Signal(str)

    def __init__(self, parent: QWidget):
        super().__init__(parent)
        self.setObjectName("quickEntry")
        self.setMaxLength(3)
        self.setAccessibleName("Shift code")
        self.hide()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # Qt override
        if event.key() in (Qt.Key_Return, Qt.Key_Enter):
            text = self.text().strip()
            self.close_entry()
            if text:
                self.code_entered.emit(text)
            return
        if event.key() == Qt.Key_Escape:
            self.close_entry()
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:  # Qt override: clicking elsewhere adds nothing
        super().focusOutEvent(event)
        if self.isVisible():
            self.hide()

    def close_entry(self) -> None:
        self.hide()
        self.parent().parent().setFocus(Qt.OtherFocusReason)  # back to the grid (the box sits on its viewport)


class WeekGrid(QTableView):
    """A read-only table of the week; what the keys ask for is signalled to the tab, which does it through the
    services: `open_requested` (Enter, F2, double-click), `delete_requested` (Delete), `code_typed` (a code typed in
    a cell and Enter), `week_step_requested` (-1 or 1: Page Up, Page Down)."""

    open_requested = Signal(QModelIndex)
    delete_requested = Signal(QModelIndex)
    code_typed = Signal(QModelIndex, str)
    week_step_requested = Signal(int)

    def __init__(self, model: WeekModel, parent: QWidget | None = None):
        super().__init__(parent)
        self.editable = False  # quick entry is offered only to an account that keeps the rota
        self.setModel(model)
        self.setObjectName("weekGrid")
        self.setAccessibleName("The week's rota: staff by day")
        self.setSelectionBehavior(QAbstractItemView.SelectItems)
        self.setSelectionMode(QAbstractItemView.SingleSelection)
        self.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.setWordWrap(False)  # each shift's lines are short; Qt's row heights do not allow for a wrapped line
        self.setTextElideMode(Qt.ElideRight)  # a line longer than its column ends "…" (the tooltip has it whole)
        self.setTabKeyNavigation(False)  # Tab leaves the grid; the arrows move in it
        self.setVerticalScrollMode(QAbstractItemView.ScrollPerPixel)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.Stretch)
        self.horizontalHeader().setDefaultAlignment(Qt.AlignCenter)
        self.verticalHeader().setSectionResizeMode(QHeaderView.Fixed)  # fit_rows, once the columns are laid out
        self.verticalHeader().setDefaultAlignment(Qt.AlignLeft | Qt.AlignVCenter)
        self._fit_pending = False
        self.horizontalHeader().sectionResized.connect(self._on_columns_resized)
        self.setItemDelegate(ShiftCells(self))
        self.entry = QuickEntry(self.viewport())
        self.entry.code_entered.connect(self._on_entry_code_entered)
        self._entry_index = QPersistentModelIndex()
        self.doubleClicked.connect(self.open_requested)

    def week_model(self) -> WeekModel:
        return self.model()

    def fit_rows(self) -> None:
        """Each row as tall as its fullest cell (or its name and role)."""
        self._fit_pending = False
        self.resizeRowsToContents()

    def _on_columns_resized(self, *_args) -> None:
        """The window was resized: the rows are fitted again once, after all seven columns have their width."""
        if not self._fit_pending:
            self._fit_pending = True
            QTimer.singleShot(0, self, self.fit_rows)

    # quick entry ------------------------------------------------------------------------------------------------
    def start_entry(self, text: str) -> None:
        """The code box over the current cell, holding what was typed so far."""
        index = self.currentIndex()
        if not index.isValid():
            return
        self._entry_index = QPersistentModelIndex(index)
        rect = self.visualRect(index)
        width = max(rect.width(), self.entry.fontMetrics().horizontalAdvance("WWW") + 20)
        height = self.entry.sizeHint().height()
        self.entry.setGeometry(rect.x(), rect.y(), width, height)
        self.entry.setText(text)
        self.entry.show()
        self.entry.setFocus(Qt.OtherFocusReason)

    def _on_entry_code_entered(self, code: str) -> None:
        if self._entry_index.isValid():
            self.code_typed.emit(QModelIndex(self._entry_index), code)

    # keys ---------------------------------------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:  # Qt override
        key, plain = event.key(), not event.modifiers() & (Qt.ControlModifier | Qt.AltModifier)
        if key in OPEN_KEYS and plain:
            self.open_requested.emit(self.currentIndex())
        elif key in (Qt.Key_Delete, Qt.Key_Backspace) and plain:
            self.delete_requested.emit(self.currentIndex())
        elif key in (Qt.Key_PageUp, Qt.Key_PageDown) and event.modifiers() == Qt.NoModifier:
            self.week_step_requested.emit(-1 if key == Qt.Key_PageUp else 1)
        elif plain and event.text().isalpha() and self.currentIndex().isValid():
            if self.editable:
                self.start_entry(event.text().upper())
            else:
                self.code_typed.emit(self.currentIndex(), event.text())  # the tab says why it cannot be added
        else:
            super().keyPressEvent(event)

    # the style sheet's colours ----------------------------------------------------------------------------------
    todayBackground = sheet_color("todayBackground")
    absentBackground = sheet_color("absentBackground")
    absentColor = sheet_color("absentColor")
