"""The dashboard's lists as table models: the reg 35 steps, what is open about the independent visits and Ofsted, and
the staffing gaps ahead; each row's texts worked out once, so that data() does no work."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from ..services.dashboard import Action
from ..services.oversight_todo import OversightItem
from ..services.staffing_view import StaffingItem

OVERDUE_ROLE = Qt.UserRole + 1
MEASURE_ID_ROLE = Qt.UserRole + 2
# Looked up once: the view asks for data thousands of times, and each `Qt.X` costs microseconds in PySide6.
_DISPLAY, _TOOLTIP = Qt.DisplayRole, Qt.ToolTipRole


class _TodoModel(QAbstractTableModel):
    """A list of things to do, in the order given (overdue first); the status is said in words, not colour alone.
    What each cell shows is worked out once per reset, since the view asks for it on every layout and paint."""

    HEADERS = ("Status", "What needs doing", "Regulation", "Record")

    def __init__(self, parent=None):
        super().__init__(parent)
        self._shown: list[tuple[str, str, str, str]] = []
        self._overdue: list[bool] = []
        self._tips: list[str] = []  # the rule in full, with its regulation

    def _reset(self, shown: list[tuple[str, str, str, str]], overdue: list[bool], tips: list[str]) -> None:
        self.beginResetModel()
        self._shown, self._overdue, self._tips = shown, overdue, tips
        self.endResetModel()

    def overdue(self, row: int) -> bool:
        return self._overdue[row]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # Qt override
        return 0 if parent.isValid() else len(self._shown)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # Qt override
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.DisplayRole):  # Qt override
        if orientation == Qt.Horizontal and role == _DISPLAY:
            return self.HEADERS[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.DisplayRole):  # Qt override
        if role == _DISPLAY:
            return self._shown[index.row()][index.column()] if index.isValid() else None
        if not index.isValid():
            return None
        if role == _TOOLTIP:
            return self._tips[index.row()]
        if role == OVERDUE_ROLE:
            return self._overdue[index.row()]
        return None


class ActionsModel(_TodoModel):
    """The open steps of the reg 35 record."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._items: list[Action] = []

    def set_actions(self, items: list[Action]) -> None:
        self._items = list(items)
        self._reset([(("Overdue" if a.overdue else "Due"), _sentence(a.text), a.citation, a.measure_ref)
                     for a in self._items], [a.overdue for a in self._items],
                    [f"{a.step.rule.title} ({a.citation}). {a.step.rule.explanation}" for a in self._items])

    def action(self, row: int) -> Action:
        return self._items[row]

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.DisplayRole):  # Qt override
        if role == MEASURE_ID_ROLE and index.isValid():
            return self._items[index.row()].measure_id
        return super().data(index, role)


class OversightModel(_TodoModel):
    """What is open about the independent visits and Ofsted: the month's visit, reports, recommendations,
    inspection requirements and follow-ups."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._items: tuple[OversightItem, ...] = ()

    def set_items(self, items: tuple[OversightItem, ...]) -> None:
        self._items = tuple(items)
        # an item with no date set (a follow-up, an undated recommendation) is to do, never overdue
        self._reset([("Overdue" if i.overdue else "Due" if i.due_on else "To do", _sentence(i.text), i.citation,
                      i.record_ref) for i in self._items], [i.overdue for i in self._items],
                    [f"{i.citation}. {i.explanation}" for i in self._items])

    def item(self, row: int) -> OversightItem:
        return self._items[row]


class StaffingModel(_TodoModel):
    """The key-time windows short from now to the end of tomorrow (Narey rec 4), and care staff past their Level 3
    due date (reg 32(4)); a window under way and a Level 3 past its date stand out. The tooltip says who is on duty."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._items: tuple[StaffingItem, ...] = ()

    def set_items(self, items: list[StaffingItem]) -> None:
        self._items = tuple(items)
        self._reset([(i.status, _sentence(i.text), i.citation, i.record_ref) for i in self._items],
                    [i.urgent for i in self._items], [f"{i.citation}. {i.explanation}" for i in self._items])

    def item(self, row: int) -> StaffingItem:
        return self._items[row]


def _sentence(text: str) -> str:
    return text if text.endswith(".") else text + "."
