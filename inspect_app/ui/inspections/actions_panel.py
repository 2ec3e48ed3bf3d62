"""The requirements and recommendations of the inspection chosen above them, and the home's progress on each: a list
in which overdue ones stand out, with Add and Edit."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ...domain.inspections import Inspection, InspectionAction
from ...domain.local_time import format_date
from ...domain.records import Home
from ...domain.roles import Permission
from ...domain.vocabulary import ActionStatus
from ...services.workspace import Workspace
from ..permissions import allow, refusal, refused
from ..registers.column_fit import fit_column_widths
from ..registers.models import Column, RegisterFilter, RegisterModel, always_current, one_line, titles
from ..registers.record_table import RecordTable
from .action_editor import ActionEditor
from .fields import inspection_name


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
    # the texts' shares of the width the short columns leave: the requirement's own words get the most
    Column("What", lambda a, _t: one_line(a.text), share=50, tip="What the inspection asked of the home",
           whole=lambda a, _t: a.text),
    Column("Regulation", lambda a, _t: a.regulation, tip="The regulation a requirement names"),
    _date_column("Due", "due_on", "The date the report gives to meet it by"),
    Column("Status", _status_text, share=15,
           tip="Open, in progress or met; \u201cOverdue\u201d when not met by its due date"),
    Column("Progress", lambda a, _t: one_line(a.progress), share=35, tip="What the home has done about it",
           whole=lambda a, _t: a.progress),
    _date_column("Completed", "completed_on", "The date it was met"),
)
_TITLES = titles(ACTION_COLUMNS)
# pixels: two lines of a text still say something; "Overdue ·" and the status fit on two lines
_TEXT_LEAST = {_TITLES.index("What"): 180, _TITLES.index("Status"): 120, _TITLES.index("Progress"): 110}
NONE_CHOSEN = "Choose an inspection above to see what it asked of the home."


def _marked(action: InspectionAction, today: date) -> tuple[str, ...]:
    """An overdue one marks its whole row (its status says "Overdue" too)."""
    return _TITLES if action.overdue_on(today) else ()


class ActionsPanel(QWidget):
    """Master-detail: the page above chooses the inspection (`show_inspection`); a save here emits `action_saved`
    and the page reloads both lists."""

    action_saved = Signal(object)  # the InspectionAction saved

    def __init__(self, ws: Workspace, home: Home, parent: QWidget | None = None):
        super().__init__(parent)
        self.ws = ws
        self.home = home
        self.inspection: Inspection | None = None
        self.today = date.min
        self.editor: ActionEditor | None = None
        self.model = RegisterModel(ACTION_COLUMNS, self, current=always_current, marked=_marked)
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

    def _build_view(self) -> RecordTable:
        self.view = RecordTable(self.proxy, "Requirements and recommendations of the chosen inspection")
        # in the report's order (by reference), not sortable: a handful of rows, and the sort marks would take
        # the width the texts need
        self.proxy.sort(0, Qt.AscendingOrder)
        self.view.two_line_rows()
        self.view.viewport_resized.connect(self.fit_columns)
        self.view.activated.connect(self._on_view_activated)
        self.view.selectionModel().currentRowChanged.connect(self._update_buttons)
        return self.view

    def fit_columns(self) -> None:
        fit_column_widths(self.view, ACTION_COLUMNS, least=_TEXT_LEAST)

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
        return self.view.current_record()

    def select(self, action_id: int) -> bool:
        return self.view.select_record(action_id)

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
