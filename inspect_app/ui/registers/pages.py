"""The children and staff pages: a searchable, sortable register with Add and Edit, current or past entries."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView, QCheckBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QPushButton, QTableView,
    QVBoxLayout, QWidget,
)

from ...domain.local_time import to_local
from ...domain.records import Child, Home, Staff
from ...domain.roles import Permission
from ...services.workspace import Workspace
from ..page import Page
from ..permissions import allow, refusal, refused
from .child_editor import ChildEditor
from .editor import RegisterEditor
from .models import CHILD_COLUMNS, STAFF_COLUMNS, Column, RegisterFilter, RegisterModel, is_current
from .staff_editor import StaffEditor


class RegisterPage(Page):
    """A register's list (or any list of a home's records) with search, Add and Edit; subclasses name the records,
    their columns, their editor and the permission that changes them.

    Lists with past entries (people who left) hide them until `past_label`'s box is ticked, and show the
    `past_column` only then; a list with `past_label = None` has no past entries to hide.
    """

    columns: tuple[Column, ...] = ()
    editor_class: type[RegisterEditor] = RegisterEditor
    singular = "entry"
    plural = "entries"
    intro = ""
    past_label: str | None = "Show people who have &left"
    past_column: str | None = "Left"
    permission = Permission.EDIT_REGISTERS

    @staticmethod
    def current(record, today) -> bool:
        """Shown without ticking the past box."""
        return is_current(record, today)

    def __init__(self, ws: Workspace, home: Home, parent: QWidget | None = None):
        super().__init__(ws, home, parent)
        self.editor: RegisterEditor | None = None
        self.model = RegisterModel(self.columns, self, current=self.current)
        self.proxy = RegisterFilter(self)
        self.proxy.setSourceModel(self.model)
        self._build()
        self._show_left_column(self.past_label is None)
        self.refresh()
        self.view.sortByColumn(0, Qt.AscendingOrder)

    def _build(self) -> None:
        heading = QLabel(self.title)
        heading.setObjectName("pageTitle")
        intro = QLabel(self.intro)
        intro.setObjectName("hint")
        intro.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addLayout(self._build_toolbar())
        layout.addWidget(self._build_view(), 1)
        self.count = QLabel()
        self.count.setObjectName("hint")
        layout.addWidget(self.count)

    def _build_toolbar(self) -> QHBoxLayout:
        search_label = QLabel("&Search:")
        self.search = QLineEdit()
        self.search.setPlaceholderText("name, reference or any other detail")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(f"Search the {self.plural}")
        search_label.setBuddy(self.search)
        self.search.textChanged.connect(self._on_search_changed)
        self.show_past = QCheckBox(self.past_label or "")
        if self.past_label is None:  # nothing to hide: every entry shows (set before the slot is connected)
            self.show_past.setChecked(True)
            self.show_past.hide()
            self.proxy.set_show_past(True)
        self.show_past.toggled.connect(self._on_show_past_toggled)
        self.add_button = QPushButton(f"&Add {self.singular}…")
        self.add_button.clicked.connect(self.add)
        self.edit_button = QPushButton("&Edit…")
        self.edit_button.clicked.connect(self.edit_selected)
        QShortcut(QKeySequence.New, self, activated=self.add, context=Qt.WindowShortcut)
        QShortcut(QKeySequence.Find, self, activated=self.search.setFocus, context=Qt.WindowShortcut)
        row = QHBoxLayout()
        row.addWidget(search_label)
        row.addWidget(self.search, 1)
        row.addWidget(self.show_past)
        row.addSpacing(12)
        row.addWidget(self.add_button)
        row.addWidget(self.edit_button)
        return row

    def _build_view(self) -> QTableView:
        self.view = QTableView()
        self.view.setModel(self.proxy)
        self.view.setAccessibleName(f"Register of {self.plural}")
        self.view.setSortingEnabled(True)
        self.view.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setShowGrid(False)
        self.view.verticalHeader().hide()
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.Interactive)
        header.setStretchLastSection(True)
        self.view.viewport().installEventFilter(self)
        self.view.activated.connect(self._on_view_activated)
        self.view.selectionModel().currentRowChanged.connect(self._update_buttons)
        return self.view

    # reading -----------------------------------------------------------------
    def load_records(self) -> list:
        raise NotImplementedError

    def refresh(self) -> None:
        self.model.set_records(self.load_records(), to_local(self.ws.now()).date())
        self._update_count()
        self._update_buttons()
        self.fit_columns()

    def fit_columns(self) -> None:
        """Each column as wide as its contents; if that is too wide, the long-text columns give up width first,
        in proportion to how much they can spare (never narrower than their heading)."""
        header = self.view.horizontalHeader()
        shown = [c for c in range(len(self.columns)) if not header.isSectionHidden(c)]
        least = {c: header.sectionSizeHint(c) for c in shown}
        widths = {c: max(self.view.sizeHintForColumn(c), least[c]) for c in shown}
        room = {c: widths[c] - least[c] for c in shown if self.columns[c].stretch}
        over = min(sum(widths.values()) - self.view.viewport().width(), sum(room.values()))
        if over > 0:
            for c in room:
                widths[c] -= over * room[c] // sum(room.values())
            rest = sum(widths.values()) - self.view.viewport().width()
            for c in sorted(room, key=lambda c: widths[c] - least[c], reverse=True):
                take = max(0, min(rest, widths[c] - least[c]))
                widths[c] -= take
                rest -= take
        for c in shown:
            header.resizeSection(c, widths[c])

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt override: the table's viewport resized
        if watched is self.view.viewport() and event.type() == QEvent.Resize:
            self.fit_columns()
        return super().eventFilter(watched, event)

    def _update_count(self) -> None:
        shown = self.proxy.rowCount()
        if self.past_label is None:
            self.count.setText(f"{shown} shown · {self.model.rowCount()} in all")
            return
        current = sum(1 for row in range(self.model.rowCount()) if self.model.is_current(row))
        self.count.setText(f"{shown} shown · {current} here now · {self.model.rowCount()} on the register")

    def _update_buttons(self, *_args) -> None:
        """Only a role that may change the registers edits them (SPEC 8); the others read, and are told why."""
        why = refusal(self.ws, self.permission, self.home.id)
        allow(self.add_button, why, tip=f"Add a new {self.singular} (Ctrl+N)")
        allow(self.edit_button, why, self.view.currentIndex().isValid(),
              "Edit the selected entry (Enter or double-click)")

    def _on_search_changed(self, text: str) -> None:
        self.proxy.set_search(text)
        self._update_count()
        self._update_buttons()

    def _on_show_past_toggled(self, shown: bool) -> None:
        self.proxy.set_show_past(shown)
        self._show_left_column(shown)
        self._update_count()
        self._update_buttons()
        self.fit_columns()

    def _show_left_column(self, shown: bool) -> None:
        """The leaving date is blank for everyone here now: the column shows only with past entries."""
        if self.past_column is None:
            return
        left = [c.title for c in self.columns].index(self.past_column)
        self.view.horizontalHeader().setSectionHidden(left, not shown)

    # editing -------------------------------------------------------------------
    def selected_record(self):
        index = self.view.currentIndex()
        if not index.isValid():
            return None
        return self.model.record(self.proxy.mapToSource(index).row())

    def add(self) -> RegisterEditor | None:
        if refused(self, self.ws, self.permission, self.home.id):
            return None
        return self._open_editor(None)

    def edit_selected(self) -> RegisterEditor | None:
        record = self.selected_record()
        if record is None or refused(self, self.ws, self.permission, self.home.id):
            return None
        return self._open_editor(record)

    def _on_view_activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.edit_selected()

    def _open_editor(self, record) -> RegisterEditor:
        """Window-modal but not blocking (open(), not exec()), so the page stays testable."""
        self.editor = self.editor_class(self.ws, self.home, record, self)
        self.editor.record_saved.connect(self._on_editor_record_saved)
        self.editor.open()
        return self.editor

    def _on_editor_record_saved(self, record) -> None:
        self.refresh()
        self.select(record.id)
        self.records_changed.emit()

    def select(self, record_id: int) -> bool:
        """Select an entry in the list; a past entry is shown by ticking the past toggle."""
        row = self.model.row_of(record_id)
        if row < 0:
            return False
        if not self.model.is_current(row) and not self.show_past.isChecked():
            self.show_past.setChecked(True)
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():
            self.search.clear()
            index = self.proxy.mapFromSource(self.model.index(row, 0))
        self.view.setCurrentIndex(index)
        self.view.scrollTo(index)
        return True


class ChildrenPage(RegisterPage):
    title = "Children"
    columns = CHILD_COLUMNS
    editor_class = ChildEditor
    singular = "child"
    plural = "children"
    past_label = "Show children who have &left"
    intro = ("The register of children (schedule 4): who lives here, when they came and left, who placed them "
             "and on what legal basis.")

    def load_records(self) -> list[Child]:
        return self.ws.children.for_home(self.home.id)


class StaffPage(RegisterPage):
    title = "Staff"
    columns = STAFF_COLUMNS
    editor_class = StaffEditor
    singular = "member of staff"
    plural = "staff"
    past_label = "Show staff who have &left"
    intro = ("The staff register: roles, the Level 3 Diploma (due 2 years after starting a care role, reg 32(4)), "
             "physical-intervention training, and who may sign off reg 35 records (reg 35(3)(b)).")

    def load_records(self) -> list[Staff]:
        return self.ws.staff.for_home(self.home.id)
