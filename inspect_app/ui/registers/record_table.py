"""The table every list of a home's records is shown in: one row chosen at a time and read-only; the cells that need
attention bold in the style sheet's problem colour (their own words say why too, so colour is never the only sign);
long texts' tooltips wrapped so that they can be read."""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QFontMetrics, QHelpEvent, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView, QHeaderView, QStyledItemDelegate, QStyleOptionViewItem, QTableView, QToolTip, QWidget,
)

from ..sheet_colors import sheet_color
from .models import MARKED_ROLE, RegisterFilter, RegisterModel

ROW_PADDING = 12  # the style sheet's 4 px above and below a cell's text, and room for the focus frame


class MarkedCells(QStyledItemDelegate):
    """Draws the cells the model marks (MARKED_ROLE) bold, in the table's `problemColor`, selected or not; shows a
    cell's tooltip as paragraphs, one for each line of its text, which Qt wraps (a plain tooltip is one line, however
    long)."""

    def __init__(self, table: RecordTable):
        # the table, its parent, is asked for the colour as cells are drawn: a reference kept would make a cycle,
        # and the cycle collector could clear one half while Qt still draws with the other
        super().__init__(table)

    def initStyleOption(self, option: QStyleOptionViewItem,
                        index: QModelIndex | QPersistentModelIndex) -> None:  # Qt override
        super().initStyleOption(option, index)
        if not index.isValid() or not index.data(MARKED_ROLE):
            return
        option.font.setBold(True)
        option.fontMetrics = QFontMetrics(option.font)  # a long text is cut short by the bold font's widths
        color = self.parent().problemColor
        if color.isValid():
            option.palette.setColor(QPalette.ColorRole.Text, color)
            option.palette.setColor(QPalette.ColorRole.HighlightedText, color)

    @staticmethod
    def tooltip(index: QModelIndex) -> str:
        """The cell's tooltip as shown: its whole text (Column.whole), a paragraph for each line; "" for none."""
        text = str(index.data(Qt.ItemDataRole.ToolTipRole) or "")
        paragraphs = "".join(f"<p>{html.escape(line)}</p>" for line in text.splitlines() if line.strip())
        return f"<qt>{paragraphs}</qt>" if paragraphs else ""

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


class RecordTable(QTableView):
    """A list of records over a RegisterFilter and its RegisterModel: whole rows chosen one at a time, nothing edited
    in place, marked cells drawn by MarkedCells in `problemColor` (resources/style.qss sets it), and
    `viewport_resized` for the page to fit its columns again."""

    viewport_resized = Signal()

    def __init__(self, proxy: RegisterFilter, accessible_name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setModel(proxy)
        self.setAccessibleName(accessible_name)
        self.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.setSelectionMode(QAbstractItemView.SingleSelection)
        self.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setShowGrid(False)
        self.verticalHeader().hide()
        self.horizontalHeader().setSectionResizeMode(QHeaderView.Interactive)
        self.horizontalHeader().setStretchLastSection(True)
        self.setItemDelegate(MarkedCells(self))

    def viewportEvent(self, event: QEvent) -> bool:  # Qt override
        if event.type() == QEvent.Type.Resize:
            self.viewport_resized.emit()
        return super().viewportEvent(event)

    def two_line_rows(self) -> None:
        """Rows two lines high, long texts wrapped onto the second line and cut short after it (the tooltip has the
        rest): a name, a status or the start of a summary reads whole where one line would leave a word or two."""
        self.ensurePolished()  # the style sheet's font, which sets the line height
        self.setWordWrap(True)
        self.setTextElideMode(Qt.ElideRight)
        rows = self.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.Fixed)
        rows.setDefaultSectionSize(2 * self.fontMetrics().lineSpacing() + ROW_PADDING)

    # the records behind the rows ------------------------------------------------------------------------------------
    def _source(self) -> RegisterModel:
        return self.model().sourceModel()

    def record_at(self, index: QModelIndex) -> Any:
        return self._source().record(self.model().mapToSource(index).row())

    def current_record(self) -> Any:
        index = self.currentIndex()
        return self.record_at(index) if index.isValid() else None

    def select_record(self, record_id: int) -> bool:
        """Make the record with this id the current row; False when it is not listed or the filter hides it."""
        row = self._source().row_of(record_id)
        index = self.model().mapFromSource(self._source().index(row, 0)) if row >= 0 else QModelIndex()
        if not index.isValid():
            return False
        self.setCurrentIndex(index)
        self.scrollTo(index)
        return True

    problemColor = sheet_color("problemColor")  # none until the style sheet gives it: the marked cells are bold only
