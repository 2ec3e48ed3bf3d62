"""The register page every list of a home's records is built on (a searchable, sortable list with Add and Edit,
current or past entries), and the children's and staff registers made with it."""

from __future__ import annotations

from datetime import date
from enum import Enum
from typing import Collection

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from ...domain.local_time import to_local
from ...domain.records import Child, Home, Staff
from ...domain.roles import Permission
from ...services import staffing_view
from ...services.workspace import Workspace
from ..page import Page
from ..permissions import allow, refusal, refused
from .child_editor import ChildEditor
from .column_fit import fit_column_widths
from .editor import RegisterEditor
from .models import (
    CHILD_COLUMNS, STAFF_COLUMNS, Column, RegisterFilter, RegisterModel, always_current, is_current,
    level3_overdue_on, staff_columns, staff_marks, titles,
)
from .record_table import RecordTable
from .refresher_dialog import RefresherDialog
from .staff_editor import StaffEditor


class RegisterPage(Page):
    """A register's list (or any list of a home's records) with search, Add and Edit; subclasses name the records,
    their columns, their editor and the permission that changes them.

    Lists with past entries (people who left) hide them until `past_label`'s box is ticked, and show the
    `past_column` only then; a list with `past_label = None` has no past entries to hide. A subclass adds its own
    parts with `build_above_list` (between the intro and the search box), `build_filters` (after the search box) and
    `build_below_list` (between the list and its count).
    """

    columns: tuple[Column, ...] = ()
    editor_class: type[RegisterEditor] = RegisterEditor
    filter: QComboBox | None = None  # show_filter's "Show:" choice, on pages that have one
    singular = "entry"
    plural = "entries"
    intro = ""
    past_label: str | None = "Show people who have &left"
    past_column: str | None = "Left"
    permission = Permission.EDIT_REGISTERS
    show_heading = True  # the page's title over the list (a tab's own name may say it already)
    side_margin = 24

    @staticmethod
    def current(record, today) -> bool:
        """Shown without ticking the past box."""
        return is_current(record, today)

    @staticmethod
    def marked(record, today: date) -> Collection[str]:
        """The titles of the record's cells that need attention, drawn bold in the problem colour (record_table); the
        cells' own words must say why too. (Static, like `current`: the model keeps it, and must not keep the page.)"""
        return ()

    def column_of(self, title: str) -> int:
        return titles(self.columns).index(title)

    def build_above_list(self) -> list[QWidget]:
        """Parts between the intro and the search box (built while the page is, before the first refresh)."""
        return []

    def build_filters(self) -> list[QWidget]:
        """Inputs after the search box that narrow the list further (built while the page is)."""
        return []

    def build_below_list(self) -> list[QWidget]:
        """Parts between the list and its count (built while the page is)."""
        return []

    def show_filter(self, choices: type[Enum], name: str) -> list[QWidget]:
        """For build_filters: "Show: [choice]" (`self.filter`, holding the enumeration's members by their values as
        text; the first lists every record, so select() can show one the filter hides); a change calls the
        subclass's `_on_filter_changed`."""
        label = QLabel("Sho&w:")
        self.filter = QComboBox()
        for choice in choices:
            self.filter.addItem(choice.value, choice)
        self.filter.setAccessibleName(name)
        label.setBuddy(self.filter)
        self.filter.currentIndexChanged.connect(self._on_filter_changed)
        return [label, self.filter]

    def details_label(self, name: str) -> QLabel:
        """For build_below_list: `self.details`, where the selected record is read in full (the cells cut it)."""
        self.details = QLabel()
        self.details.setObjectName("details")
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextSelectableByMouse | Qt.TextSelectableByKeyboard)
        self.details.setAccessibleName(name)
        return self.details

    def __init__(self, ws: Workspace, home: Home, parent: QWidget | None = None):
        super().__init__(ws, home, parent)
        self.editor: RegisterEditor | None = None
        self.model = RegisterModel(self.columns, self, current=self.current, marked=self.marked)
        self.proxy = RegisterFilter(self)
        self.proxy.setSourceModel(self.model)
        self._build()
        self._show_left_column(self.past_label is None)
        self.refresh()
        self.view.sortByColumn(0, Qt.AscendingOrder)

    def _build(self) -> None:
        intro = QLabel(self.intro)
        intro.setObjectName("hint")
        intro.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(self.side_margin, 16, self.side_margin, 16)
        if self.show_heading:
            heading = QLabel(self.title)
            heading.setObjectName("pageTitle")
            layout.addWidget(heading)
        layout.addWidget(intro)
        for part in self.build_above_list():
            layout.addWidget(part)
        layout.addLayout(self._build_toolbar())
        layout.addWidget(self._build_view(), 1)
        for part in self.build_below_list():
            layout.addWidget(part)
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
        filters = self.build_filters()
        if filters:
            row.addSpacing(12)
        for widget in filters:
            row.addWidget(widget)
        row.addWidget(self.show_past)
        row.addSpacing(12)
        row.addWidget(self.add_button)
        row.addWidget(self.edit_button)
        return row

    def _build_view(self) -> RecordTable:
        self.view = RecordTable(self.proxy, f"Register of {self.plural}")
        self.view.setSortingEnabled(True)
        self.view.viewport_resized.connect(self.fit_columns)
        self.view.horizontalHeader().sortIndicatorChanged.connect(self._on_header_sort_changed)
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
        """Short columns as wide as their contents, the long texts (Column.share) giving way first (column_fit)."""
        fit_column_widths(self.view, self.columns)

    def _on_header_sort_changed(self, *_args) -> None:
        self.fit_columns()  # the sort arrow's room moves to the new column

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
        self.view.horizontalHeader().setSectionHidden(self.column_of(self.past_column), not shown)

    # editing -------------------------------------------------------------------
    def selected_record(self):
        return self.view.current_record()

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
        """Select an entry in the list; one the Show filter hides is shown by listing them all, a past entry by
        ticking the past toggle, one the search hides by clearing the search."""
        row = self.model.row_of(record_id)
        if row < 0 and self.filter is not None and self.filter.currentIndex() > 0:
            before = self.filter.currentIndex()
            self.filter.setCurrentIndex(0)  # show_filter's first choice lists every record
            row = self.model.row_of(record_id)
            if row < 0:
                self.filter.setCurrentIndex(before)
        if row < 0:
            return False
        if not self.model.is_current(row) and not self.show_past.isChecked():
            self.show_past.setChecked(True)
        if self.view.select_record(record_id):
            return True
        self.search.clear()
        return self.view.select_record(record_id)


class OversightPage(RegisterPage):
    """A list of the home's oversight records (independent visits, inspections, the dialogue with Ofsted), a tab of
    an area: all of it listed unless a subclass names past entries (visitors whose appointment ended); reading
    needs READ_ALL_RECORDS (the area's), writing RECORD_OVERSIGHT (manager, responsible individual)."""

    past_label = None
    past_column = None
    permission = Permission.RECORD_OVERSIGHT
    current = staticmethod(always_current)
    side_margin = 16  # inside the area's tabs: a narrower edge, for wider columns


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
             "the registered manager's Level 5 (reg 28), physical-intervention training and its refresher, and who "
             "may sign off reg 35 records (reg 35(3)(b)). Dates past due are in bold red.")

    def __init__(self, ws: Workspace, home: Home, parent: QWidget | None = None):
        super().__init__(ws, home, parent)
        self.view.two_line_rows()  # a qualification's date and what is due read whole

    @staticmethod
    def marked(record: Staff, today: date) -> Collection[str]:
        """reg 32(4): the Level 3 past its due date (refresh adds the PI refresher past its date)."""
        return ("Level 3",) if level3_overdue_on(record, today) else ()

    def load_records(self) -> list[Staff]:
        return self.ws.staff.for_home(self.home.id)

    def build_below_list(self) -> list[QWidget]:
        """The home's PI refresher setting, small, under the list whose dates it decides."""
        self.refresher = QLabel()
        self.refresher.setObjectName("hint")
        self.refresher_button = QPushButton("PI refres&her…")
        self.refresher_button.clicked.connect(self.edit_refresher)
        self.refresher_dialog: RefresherDialog | None = None
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.refresher, 1)
        layout.addWidget(self.refresher_button)
        return [row]

    def refresh(self) -> None:
        months = staffing_view.pi_refresher_months(self.ws, self.home)
        self.model.use(staff_columns(months), staff_marks(months))
        self.refresher.setText(f"Physical-intervention refresher: due {months} months after training (the home's "
                               "setting)." if months else "Physical-intervention refreshers are not tracked (the "
                                                          "home's setting).")
        allow(self.refresher_button, refusal(self.ws, self.permission, self.home.id),
              tip="How many months after training a physical-intervention refresher is due")
        super().refresh()

    def edit_refresher(self) -> RefresherDialog | None:
        if refused(self, self.ws, self.permission, self.home.id):
            return None
        self.refresher_dialog = RefresherDialog(self.ws, self.home, self)
        self.refresher_dialog.months_saved.connect(self._on_refresher_months_saved)
        self.refresher_dialog.open()
        return self.refresher_dialog

    def _on_refresher_months_saved(self, _months: int) -> None:
        self.refresh()
        self.records_changed.emit()
