"""The reg 35 list's table model (precomputed rows, sorted on raw values) and its filter proxy."""

from __future__ import annotations

import gc
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QColor, QFont

from ...domain.vocabulary import MeasureKind, Position
from ...services.measure_list import (CHILD_COLUMN, COLUMNS, POSITION_COLUMN, STATUS_COLUMN, MeasureRow,
                                      StatusFilter)

MEASURE_ID_ROLE = int(Qt.ItemDataRole.UserRole) + 1
SORT_ROLE = int(Qt.ItemDataRole.UserRole) + 2
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_FONT = int(Qt.ItemDataRole.FontRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
# prone is flagged in red, not bold: bold "Ground (prone) ⚠" is wider than its column, and would lose the ⚠
_PRONE_COLOUR = QColor("#b3261e")
_ACCESSIBLE = int(Qt.ItemDataRole.AccessibleTextRole)
_PRONE_TIP = "Prone (face down) is the highest-risk position: the record should say why it was needed."
LARGE_LIST = 5_000


def spare_from_collector(row_count: int) -> None:
    """Keeps a long list's rows out of Python's full garbage collections (SPEC 10: no pause over 100 ms).

    A full collection walks every object alive; with 50,000 rows that takes about 100 ms, and it can
    start in the middle of a scroll. The rows hold no reference cycles and are freed by reference
    counting when the list is reloaded, so moving them out of the collector's sight loses nothing.
    """
    if row_count >= LARGE_LIST:
        gc.freeze()


class MeasuresModel(QAbstractTableModel):
    """The home's measures, one row each; data() only reads values computed when the rows were built."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[MeasureRow] = []
        self._full_names = False
        self._sort: tuple[int, Qt.SortOrder] | None = None
        self._bold = QFont()
        self._bold.setBold(True)

    # Qt overrides --------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and int(role) == _DISPLAY:
            return COLUMNS[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        row = self._rows[index.row()]
        column = index.column()
        role = int(role)
        if role == _DISPLAY or role == _ACCESSIBLE:
            if column == CHILD_COLUMN and self._full_names:
                return row.child_name
            return row.display[column]
        if role == MEASURE_ID_ROLE:
            return row.measure.id
        if role == _TOOLTIP:
            return self._tooltip(row, column)
        if role == _FONT and self._emphasised(row, column):
            return self._bold
        if role == _FOREGROUND and column == POSITION_COLUMN and row.measure.position is Position.GROUND_PRONE:
            return _PRONE_COLOUR
        if role == SORT_ROLE:
            return self._key(row, column)
        return None

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        """One Python sort on precomputed keys: 50,000 rows in a few milliseconds (SPEC 10)."""
        if self._sort == (column, order):
            return  # the rows are kept sorted; the view asks twice when a header is clicked
        self._sort = (column, order)
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        old_rows = [self._rows[i.row()] for i in old]
        self._sort_rows()
        if old:  # a selection: keep it on the same records (identity comparison, a C-speed scan)
            self.changePersistentIndexList(old, [self.index(self._rows.index(r), i.column())
                                                 for r, i in zip(old_rows, old)])
        self.layoutChanged.emit()

    # the project's API ---------------------------------------------------
    def set_rows(self, rows: list[MeasureRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._sort_rows()
        self.endResetModel()
        spare_from_collector(len(self._rows))

    def row_at(self, source_row: int) -> MeasureRow:
        return self._rows[source_row]

    def rows(self) -> list[MeasureRow]:
        return list(self._rows)

    def row_of(self, measure_id: int) -> int | None:
        for n, row in enumerate(self._rows):
            if row.measure.id == measure_id:
                return n
        return None

    @property
    def full_names(self) -> bool:
        return self._full_names

    def set_full_names(self, on: bool) -> None:
        """Children are shown by initials unless the user asks (SPEC 1: private by default)."""
        if on == self._full_names:
            return
        self._full_names = on
        if self._sort and self._sort[0] == CHILD_COLUMN:
            column, order = self._sort
            self._sort = None
            self.sort(column, order)
        if self._rows:
            self.dataChanged.emit(self.index(0, CHILD_COLUMN), self.index(len(self._rows) - 1, CHILD_COLUMN))

    # helpers -------------------------------------------------------------
    def _key(self, row: MeasureRow, column: int):
        if column == CHILD_COLUMN and self._full_names:
            return row.child_name_key
        return row.sort_keys[column]

    def _sort_rows(self) -> None:
        if self._sort is None:
            return
        column, order = self._sort
        descending = order == Qt.SortOrder.DescendingOrder
        if column == CHILD_COLUMN and self._full_names:
            self._rows.sort(key=lambda r: r.child_name_key, reverse=descending)
        else:  # a stable sort: ties keep the order of the previous sort
            self._rows.sort(key=lambda r: r.sort_keys[column], reverse=descending)

    @staticmethod
    def _emphasised(row: MeasureRow, column: int) -> bool:
        return column == STATUS_COLUMN and row.status.late and row.status.open

    def _tooltip(self, row: MeasureRow, column: int) -> str | None:
        if column == STATUS_COLUMN:
            return f"{row.status.text}\n{row.status.detail}"
        if column == POSITION_COLUMN and row.measure.position is Position.GROUND_PRONE:
            return _PRONE_TIP
        if column == CHILD_COLUMN:
            return row.child_name if self._full_names else row.display[column]
        return row.display[column] or None  # the whole text of a cell too narrow for it


@dataclass(frozen=True)
class Filters:
    """What the user narrowed the list to; None or blank means 'any'."""

    text: str = ""
    child_id: int | None = None
    kind: MeasureKind | None = None
    status: StatusFilter | None = None
    date_from: date | None = None
    date_to: date | None = None

    @property
    def empty(self) -> bool:
        return self == Filters() or (not self.text.strip() and self == Filters(text=self.text))

    def accepts(self, row: MeasureRow, words: list[str] | None = None) -> bool:
        """`words` are the search text split once by the caller (this runs once per row)."""
        m = row.measure
        if self.child_id is not None and m.child_id != self.child_id:
            return False
        if self.kind is not None and m.kind is not self.kind:
            return False
        if self.date_from is not None and row.started_on < self.date_from:
            return False
        if self.date_to is not None and row.started_on > self.date_to:
            return False
        if self.status is not None and not row.status.matches(self.status):
            return False
        if words is None:
            words = self.text.casefold().split()
        return all(w in row.search_text for w in words)


class MeasuresFilter(QSortFilterProxyModel):
    """Filters the list; sorting is handed to the source model, which sorts on raw keys in one pass."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._filters = Filters()
        self._words: list[str] = []
        self._accept_all = True
        self._source: MeasuresModel | None = None

    def setSourceModel(self, model: MeasuresModel) -> None:  # Qt override
        self._source = model
        super().setSourceModel(model)

    @property
    def filters(self) -> Filters:
        return self._filters

    def set_filters(self, filters: Filters) -> None:
        if filters == self._filters:
            return
        self._filters = filters
        self._words = filters.text.casefold().split()
        self._accept_all = filters.empty
        # a full re-map is one pass over the rows; Qt's incremental row removal is far slower on 50,000 rows
        self.invalidate()

    def filterAcceptsRow(self, source_row: int, source_parent) -> bool:  # Qt override
        return self._accept_all or self._filters.accepts(self._source.row_at(source_row), self._words)

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:  # Qt override
        # Qt's own sort would call Python once per comparison (about a million calls for 50,000 rows)
        self._source.sort(column, order)

    def proxy_row_of(self, measure_id: int) -> int | None:
        source_row = self._source.row_of(measure_id)
        if source_row is None:
            return None
        index = self.mapFromSource(self._source.index(source_row, 0))
        return index.row() if index.isValid() else None
