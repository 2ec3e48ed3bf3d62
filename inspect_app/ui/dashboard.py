"""The dashboard page: the home's figures, and what is overdue or due on the reg 35 record, most urgent first."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Property, Qt, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView, QFrame, QGridLayout, QHeaderView, QLabel, QStackedWidget, QStyledItemDelegate,
    QStyleOptionViewItem, QTableView, QVBoxLayout, QWidget,
)

from ..domain.local_time import format_date, format_local
from ..domain.records import Home
from ..services.dashboard import Action, gather
from ..services.workspace import Workspace
from .page import Page

NOTHING_DUE = "Nothing is due. Every record is up to date."
OVERDUE_ROLE = Qt.UserRole + 1
MEASURE_ID_ROLE = Qt.UserRole + 2


class ActionsModel(QAbstractTableModel):
    """The open steps, in the order given (overdue first); the status is said in words, not colour alone."""

    HEADERS = ("Status", "What needs doing", "Regulation", "Record")

    def __init__(self, parent=None):
        super().__init__(parent)
        self._items: list[Action] = []

    def set_actions(self, items: list[Action]) -> None:
        self.beginResetModel()
        self._items = list(items)
        self.endResetModel()

    def action(self, row: int) -> Action:
        return self._items[row]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # Qt override
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # Qt override
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.DisplayRole):  # Qt override
        if orientation == Qt.Horizontal and role == Qt.DisplayRole:
            return self.HEADERS[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.DisplayRole):  # Qt override
        if not index.isValid():
            return None
        item = self._items[index.row()]
        if role == Qt.DisplayRole:
            return (("Overdue" if item.overdue else "Due"), _sentence(item.text), item.citation,
                    item.measure_ref)[index.column()]
        if role == Qt.ToolTipRole:
            return f"{item.step.rule.title} ({item.citation}). {item.step.rule.explanation}"
        if role == OVERDUE_ROLE:
            return item.overdue
        if role == MEASURE_ID_ROLE:
            return item.measure_id
        return None


def _sentence(text: str) -> str:
    return text if text.endswith(".") else text + "."


class _OverdueDelegate(QStyledItemDelegate):
    """Draws overdue rows bold in the view's overdue colour (set in the style sheet)."""

    def initStyleOption(self, option: QStyleOptionViewItem, index: QModelIndex) -> None:  # Qt override
        super().initStyleOption(option, index)
        if index.data(OVERDUE_ROLE):
            option.font.setBold(True)
            option.palette.setColor(QPalette.Text, self.parent().overdue_color)
            option.palette.setColor(QPalette.HighlightedText, self.parent().overdue_color)


class ActionsView(QTableView):
    """The table of steps to do; `overdueColor` comes from resources/style.qss."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._overdue_color = QColor("#b3261e")
        self.setItemDelegate(_OverdueDelegate(self))
        self.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.setSelectionMode(QAbstractItemView.SingleSelection)
        self.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setWordWrap(True)
        self.setShowGrid(False)
        self.verticalHeader().hide()
        self.setAccessibleName("What needs doing")

    def _get_overdue_color(self) -> QColor:
        return self._overdue_color

    def _set_overdue_color(self, color: QColor) -> None:
        self._overdue_color = QColor(color)
        self.viewport().update()

    overdueColor = Property(QColor, _get_overdue_color, _set_overdue_color)

    @property
    def overdue_color(self) -> QColor:
        return self._overdue_color


class FigureBox(QFrame):
    """One number with its caption."""

    def __init__(self, caption: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("figure")
        self.value = QLabel("–")
        self.value.setObjectName("figureValue")
        self.caption = QLabel(caption)
        self.caption.setObjectName("figureCaption")
        self.caption.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.setSpacing(2)
        layout.addWidget(self.value)
        layout.addWidget(self.caption)
        self.setAccessibleName(caption)

    def set_value(self, value: int) -> None:
        self.value.setText(str(value))
        self.setAccessibleDescription(f"{self.caption.text()}: {value}")


class DashboardPage(Page):
    """What is overdue and due, and the figures an inspector asks for first."""

    title = "Dashboard"
    measure_chosen = Signal(int)

    def __init__(self, ws: Workspace, home: Home, parent: QWidget | None = None):
        super().__init__(ws, home, parent)
        heading = QLabel("Dashboard")
        heading.setObjectName("pageTitle")
        self.as_at = QLabel()
        self.as_at.setObjectName("hint")
        self.now_boxes = self._figure_row(("Children living here now", "Restraints in the last 28 days",
                                           "Awaiting sign-off (reg 35(3)(b))", "Steps overdue"))
        self.annex_title = QLabel()
        self.annex_title.setObjectName("sectionTitle")
        self.annex_boxes = self._figure_row(("Children admitted", "Children who left", "Children resident now",
                                             "Restraint incidents", "Children restrained"))
        self.annex_note = QLabel("Not recorded by this program yet: missing episodes, and children at risk of "
                                 "sexual exploitation.")
        self.annex_note.setObjectName("note")
        self.annex_note.setWordWrap(True)
        todo_title = QLabel("What needs doing")
        todo_title.setObjectName("sectionTitle")
        self._build_todo()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        for widget in (heading, self.as_at, self.now_boxes, None, self.annex_title, self.annex_boxes,
                       self.annex_note, None, todo_title):
            if widget is None:
                layout.addSpacing(10)
            else:
                layout.addWidget(widget)
        layout.addWidget(self.todo, 1)
        layout.addWidget(self.hint)
        self.refresh()

    def _build_todo(self) -> None:
        """The list of steps, or a calm line when there are none."""
        self.model = ActionsModel(self)
        self.view = ActionsView()
        self.view.setModel(self.model)
        self.view.activated.connect(self._on_view_activated)
        self._configure_columns()
        self.calm = QLabel(NOTHING_DUE)
        self.calm.setObjectName("calm")
        self.calm.setAlignment(Qt.AlignLeft | Qt.AlignTop)
        self.todo = QStackedWidget()
        self.todo.addWidget(self.view)
        self.todo.addWidget(self.calm)
        self.hint = QLabel("Double-click a line, or select it and press Enter, to open the record.")
        self.hint.setObjectName("hint")

    def _figure_row(self, captions: tuple[str, ...]) -> QWidget:
        row = QWidget()
        grid = QGridLayout(row)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(10)
        row.boxes = [FigureBox(caption) for caption in captions]  # type: ignore[attr-defined]
        for column, box in enumerate(row.boxes):  # type: ignore[attr-defined]
            grid.addWidget(box, 0, column)
            grid.setColumnStretch(column, 1)
        return row

    def _configure_columns(self) -> None:
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeToContents)
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)

    def refresh(self) -> None:
        todo, figures = gather(self.ws, self.home)
        self.model.set_actions(todo)
        self.todo.setCurrentWidget(self.view if todo else self.calm)
        self.hint.setVisible(bool(todo))
        self.as_at.setText(f"{self.home.name}, as at {format_local(figures.as_at, with_day=True)}")
        for box, value in zip(self.now_boxes.boxes, (figures.resident, figures.recent_restraints,
                                                     figures.awaiting_signoff, figures.overdue)):
            box.set_value(value)
        a = figures.annex
        self.annex_title.setText(f"Annex A figures since {format_date(figures.annex_since)} "
                                 "(the first admission on record)")
        for box, refs in zip(self.annex_boxes.boxes, (a.admitted, a.left, a.resident, a.restraint_incidents,
                                                      a.children_restrained)):
            box.set_value(len(refs))
        if todo and not self.view.currentIndex().isValid():
            self.view.setCurrentIndex(self.model.index(0, 1))

    @property
    def nothing_due_shown(self) -> bool:
        return self.todo.currentWidget() is self.calm

    def _on_view_activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.measure_chosen.emit(self.model.action(index.row()).measure_id)
