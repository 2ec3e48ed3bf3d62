"""The requirements and recommendations of the inspection chosen above them, and the home's progress on each: a list
in which overdue ones stand out, with Add and Edit."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QPushButton, QTableView, QVBoxLayout, QWidget,
)

from ...domain.inspections import Inspection, InspectionAction
from ...domain.local_time import format_date
from ...domain.records import Home
from ...domain.roles import Permission
from ...domain.vocabulary import ActionStatus
from ...services.workspace import Workspace
from ..permissions import allow, refusal, refused
from ..registers.models import Column, RegisterFilter, RegisterModel, always_current
from .action_editor import ActionEditor
from .column_fit import fit_by_shares, two_line_rows
from .fields import inspection_name, one_line
from .marks import MarkedRows, mark_color_property


def _status_text(action: InspectionAction, today: date) -> str:
    """"Overdue" first, so that a narrow column still shows it."""
    if action.overdue_on(today):
        return f"Overdue \u00b7 {action.status.label.lower()}"
    return action.status.label


def _date_column(title: str, name: str, tip: str = "") -> Column:
    return Column(title, lambda a, _t: format_date(getattr(a, name)), tip=tip)


ACTION_COLUMNS: tuple[Column[InspectionAction], ...] = (
    Column("Ref", lambda a, _t: a.ref),
    Column("Kind", lambda a, _t: a.kind.label),
    Column("What", lambda a, _t: one_line(a.text), stretch=True, tip="What the inspection asked of the home"),
    Column("Regulation", lambda a, _t: a.regulation, tip="The regulation a requirement names"),
    _date_column("Due", "due_on", "The date the report gives to meet it by"),
    Column("Status", _status_text, stretch=True,
           tip="Open, in progress or met; \u201cOverdue\u201d when not met by its due date"),
    Column("Progress", lambda a, _t: one_line(a.progress), stretch=True, tip="What the home has done about it"),
    _date_column("Completed", "completed_on", "The date it was met"),
)
_WHOLE_TEXT = {"What": "text", "Progress": "progress"}
_TITLES = [c.title for c in ACTION_COLUMNS]
# the texts' shares of the width the short columns leave: the requirement's own words get the most
_TEXT_SHARES = {_TITLES.index("What"): 50, _TITLES.index("Status"): 15, _TITLES.index("Progress"): 35}
# pixels: two lines of a text still say something; "Overdue ·" and the status fit on two lines
_TEXT_LEAST = {_TITLES.index("What"): 180, _TITLES.index("Status"): 120, _TITLES.index("Progress"): 110}
NONE_CHOSEN = "Choose an inspection above to see what it asked of the home."


class ActionsPanel(QWidget):
    """Master-detail: the page above chooses the inspection (`show_inspection`); a save here emits `action_saved`
    and the page reloads both lists."""

    action_saved = Signal(object)  # the InspectionAction saved
    markColor = mark_color_property()

    def __init__(self, ws: Workspace, home: Home, parent: QWidget | None = None):
        super().__init__(parent)
        self.ws = ws
        self.home = home
        self.inspection: Inspection | None = None
        self.today = date.min
        self.editor: ActionEditor | None = None
        self.model = RegisterModel(ACTION_COLUMNS, self, current=always_current)
        self.proxy = RegisterFilter(self)
        self.proxy.set_show_past(True)
        self.proxy.setSourceModel(self.model)
        heading = QLabel("Requirements and recommendations")
        heading.setObjectName("sectionTitle")
        self.about = QLabel(NONE_CHOSEN)
        self.about.setObjectName("hint")
        self.about.setWordWrap(True)
        self.add_button = QPushButton("Add &requirement or recommendation\u2026")
        self.add_button.clicked.connect(self.add)
        self.edit_button = QPushButton("&Update progress\u2026")
        self.edit_button.clicked.connect(self.edit_selected)
        row = QHBoxLayout()
        row.addWidget(heading)
        row.addStretch(1)
        row.addWidget(self.add_button)
        row.addWidget(self.edit_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.about)
        layout.addWidget(self._build_view(), 1)
        self._update_buttons()

    def _build_view(self) -> QTableView:
        self.view = QTableView()
        self.view.setModel(self.proxy)
        self.view.setAccessibleName("Requirements and recommendations of the chosen inspection")
        # in the report's order (by reference), not sortable: a handful of rows, and the sort marks would take
        # the width the texts need
        self.proxy.sort(0, Qt.AscendingOrder)
        self.view.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setShowGrid(False)
        self.view.verticalHeader().hide()
        two_line_rows(self.view)
        self.view.setItemDelegate(MarkedRows(self.view, self._is_marked, lambda: self.markColor, self._whole_text))
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.Interactive)
        self.view.viewport().installEventFilter(self)
        self.view.activated.connect(self._on_view_activated)
        self.view.selectionModel().currentRowChanged.connect(self._update_buttons)
        return self.view

    def fit_columns(self) -> None:
        fit_by_shares(self.view, _TEXT_SHARES, _TEXT_LEAST)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt override: the table's viewport resized
        if watched is self.view.viewport() and event.type() == QEvent.Resize:
            self.fit_columns()
        return super().eventFilter(watched, event)

    # reading -----------------------------------------------------------------
    def show_inspection(self, inspection: Inspection | None, actions: tuple[InspectionAction, ...],
                        today: date) -> None:
        self.inspection = inspection
        self.today = today
        self.model.set_records(list(actions) if inspection is not None else [], today)
        self.about.setText(self._about_text())
        self._update_buttons()
        self.fit_columns()

    def _about_text(self) -> str:
        if self.inspection is None:
            return NONE_CHOSEN
        actions = [self.model.record(row) for row in range(self.model.rowCount())]
        if not actions:
            return f"Of {inspection_name(self.inspection)}: none recorded."
        met = sum(1 for a in actions if a.status is ActionStatus.MET)
        overdue = sum(1 for a in actions if a.overdue_on(self.today))
        parts = [f"{len(actions)} in all", f"{met} met"] + ([f"{overdue} overdue"] if overdue else [])
        return f"Of {inspection_name(self.inspection)}: {', '.join(parts)}."

    def selected_action(self) -> InspectionAction | None:
        index = self.view.currentIndex()
        return self._record_at(index) if index.isValid() else None

    def select(self, action_id: int) -> bool:
        row = self.model.row_of(action_id)
        if row < 0:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        self.view.setCurrentIndex(index)
        self.view.scrollTo(index)
        return True

    def _record_at(self, index: QModelIndex) -> InspectionAction:
        return self.model.record(self.proxy.mapToSource(index).row())

    def _is_marked(self, index: QModelIndex) -> bool:
        return self._record_at(index).overdue_on(self.today)

    def _whole_text(self, index: QModelIndex) -> str:
        name = _WHOLE_TEXT.get(ACTION_COLUMNS[index.column()].title)
        return getattr(self._record_at(index), name) if name else ""

    def _update_buttons(self, *_args) -> None:
        """Writing needs RECORD_OVERSIGHT (manager, responsible individual); others read and are told why."""
        why = refusal(self.ws, Permission.RECORD_OVERSIGHT, self.home.id)
        chosen = self.inspection is not None
        allow(self.add_button, why, chosen,
              "Add a requirement or recommendation of this inspection" if chosen else NONE_CHOSEN)
        allow(self.edit_button, why, self.view.currentIndex().isValid(),
              "Edit the selected one and its progress (Enter or double-click)")

    # editing -------------------------------------------------------------------
    def add(self) -> ActionEditor | None:
        if self.inspection is None or refused(self, self.ws, Permission.RECORD_OVERSIGHT, self.home.id):
            return None
        return self._open_editor(None)

    def edit_selected(self) -> ActionEditor | None:
        action = self.selected_action()
        if action is None or refused(self, self.ws, Permission.RECORD_OVERSIGHT, self.home.id):
            return None
        return self._open_editor(action)

    def _on_view_activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.edit_selected()

    def _open_editor(self, action: InspectionAction | None) -> ActionEditor:
        """Window-modal but not blocking (open(), not exec()), so the panel stays testable."""
        self.editor = ActionEditor(self.ws, self.home, self.inspection, action, self)
        self.editor.record_saved.connect(self.action_saved)
        self.editor.open()
        return self.editor
