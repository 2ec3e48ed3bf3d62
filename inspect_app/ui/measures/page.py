"""The reg 35 page: the list of measures with its filters, and the actions on the selected record."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QFontMetrics, QKeySequence
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QHBoxLayout, QHeaderView, QLabel, QPushButton,
                               QTableView, QVBoxLayout, QWidget)

from ...domain.errors import UserFacingError
from ...domain.records import Home, Measure
from ...domain.roles import Permission
from ...services import measure_list
from ...services.measure_list import CHILD_COLUMN, STARTED_COLUMN, MeasureList, StatusFilter
from ...services.workspace import Workspace
from ..background import Operation
from ..page import Page
from ..permissions import allow, refusal, refused, show_refusal
from .addendum import AddendumDialog
from .filters import FilterBar
from .form import MeasureForm
from .model import MeasuresFilter, MeasuresModel
from .signoff import ChildConversationDialog, SignOffDialog

log = logging.getLogger(__name__)
# the widest usual value of each column; Staff takes the space left (longer values elide, with a tooltip)
COLUMN_SAMPLES = ("R-0000", "00/00/0000 00:00", "M.W.", "Physical restraint", "Ground (prone) ⚠", "00 min",
                  "", "No", "Signed — child due Wed 00:00")
STAFF_COLUMN = 6
FULL_NAME_SAMPLE = "Alexandra Richardson"


class MeasuresPage(Page):
    """Lists every measure of the home; loads off the GUI thread and emits `loaded` when the rows are in."""

    title = "Restraint and other measures (reg 35)"
    loaded = Signal()

    def __init__(self, ws: Workspace, home: Home, parent: QWidget | None = None):
        super().__init__(ws, home, parent)
        self.dialog: QDialog | None = None  # the form or dialog opened last (tests and the window use it)
        self._loading: Operation | None = None
        # the last few loads stay referenced: a finished one may still be returning from run() on its thread
        self._generation = 0
        self._has_loaded = False
        self._select_after_load: int | None = None
        self.model = MeasuresModel(self)
        self.proxy = MeasuresFilter(self)
        self.proxy.setSourceModel(self.model)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 12)
        heading = QLabel(self.title)
        heading.setObjectName("pageTitle")
        layout.addWidget(heading)
        self.summary = QLabel("Loading records…")
        self.summary.setObjectName("hint")
        self.summary.setAccessibleName("Summary of the list")
        layout.addWidget(self.summary)
        layout.addLayout(self._build_actions())
        self.filter_bar = FilterBar()
        layout.addWidget(self.filter_bar)
        layout.addWidget(self._build_table(), 1)
        self.filter_bar.changed.connect(self._on_filter_bar_changed)
        self.filter_bar.full_names_toggled.connect(self.model.set_full_names)
        self.filter_bar.full_names_toggled.connect(self._fit_columns)
        self.filter_bar.full_names_toggled.connect(self._on_filter_bar_changed)
        self._update_actions()

    # building ------------------------------------------------------------------
    def _build_actions(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.new_button = QPushButton("&New record…")
        self.new_button.setToolTip("Write the record of a measure (Ctrl+N)")
        self.open_button = QPushButton("&Open")
        self.sign_button = QPushButton("&Sign off…")
        self.child_button = QPushButton("Spoke to the &child…")
        self.addendum_button = QPushButton("Add &addendum…")
        for button, slot in ((self.new_button, self.new_record), (self.open_button, self.open_selected),
                             (self.sign_button, self.sign_off_selected),
                             (self.child_button, self.child_conversation_selected),
                             (self.addendum_button, self.addendum_selected)):
            button.clicked.connect(slot)
            row.addWidget(button)
        row.addStretch(1)
        new_action = QAction("New record", self)
        new_action.setShortcut(QKeySequence(QKeySequence.StandardKey.New))
        # the page shown answers Ctrl+N from anywhere in the window; a hidden page's shortcut is inactive
        new_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        new_action.triggered.connect(self.new_record)
        self.addAction(new_action)
        return row

    def _build_table(self) -> QTableView:
        self.table = QTableView()
        self.table.setAccessibleName("Measures of control, discipline and restraint")
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.table.horizontalHeader()
        header.setMinimumSectionSize(60)
        header.setSectionResizeMode(STAFF_COLUMN, QHeaderView.ResizeMode.Stretch)
        self._fit_columns()
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(STARTED_COLUMN, Qt.SortOrder.DescendingOrder)
        self.table.doubleClicked.connect(self._on_table_double_clicked)
        self.table.selectionModel().selectionChanged.connect(self._update_actions)
        open_action = QAction("Open record", self.table)
        open_action.setShortcuts([QKeySequence(Qt.Key.Key_Return), QKeySequence(Qt.Key.Key_Enter)])
        open_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        open_action.triggered.connect(self.open_selected)
        self.table.addAction(open_action)
        return self.table

    def _fit_columns(self) -> None:
        """Widths from the font in use, so they suit the screen's text size; no pass over the rows."""
        self.table.ensurePolished()  # the style sheet's font, not the default one
        self.table.horizontalHeader().ensurePolished()
        text = self.table.fontMetrics()
        bold = self.table.horizontalHeader().font()
        bold.setBold(True)
        heading = QFontMetrics(bold)
        samples = list(COLUMN_SAMPLES)
        if self.model.full_names:
            samples[CHILD_COLUMN] = FULL_NAME_SAMPLE
        for column, sample in enumerate(samples):
            title = self.model.headerData(column, Qt.Orientation.Horizontal)
            # the cell's padding, or the heading's padding and room for the sort arrow
            width = max(text.horizontalAdvance(sample) + 22, heading.horizontalAdvance(title) + 26)
            self.table.setColumnWidth(column, width)

    # loading -------------------------------------------------------------------
    def showEvent(self, event) -> None:  # Qt override: load on first show, not at start-up
        super().showEvent(event)
        if not self._has_loaded and self._loading is None:
            self.refresh()

    def refresh(self) -> None:
        """Reads the home's measures off the GUI thread; the list keeps its filters, sort and selection."""
        self._generation += 1
        generation = self._generation
        ws, home = self.ws, self.home
        operation = Operation(lambda _progress: (generation, measure_list.load(ws, home)))
        # bound methods, not lambdas: Qt drops the connection if the page is deleted while loading
        operation.success(self._on_load_succeeded)
        operation.failure(self._on_load_failed)
        self._loading = operation
        operation.start()

    def _on_load_succeeded(self, loaded: tuple[int, MeasureList]) -> None:
        generation, result = loaded
        if generation != self._generation:
            return  # a newer load is on its way
        self._loading = None
        self._has_loaded = True
        selected = self.selected_measure()
        self.model.set_rows(result.rows)
        self.filter_bar.set_children(result.children)
        self._show_summary(result)
        if selected is not None:
            self.select_measure(selected.id)
        self._update_actions()
        log.info("measures list loaded: %d rows for home %s", len(result.rows), self.home.id)
        self.loaded.emit()

    def _on_load_failed(self, exc: BaseException) -> None:
        self._loading = None
        if isinstance(exc, UserFacingError):
            self.summary.setText(str(exc))
            return
        self.summary.setText("The records could not be read. Try again, or restore a backup.")
        raise exc  # the window's excepthook logs it and shows the generic dialog

    def _show_summary(self, result: MeasureList) -> None:
        found, total = measure_list.counts(result.rows), len(result.rows)
        # SPEC 8: care staff see the records they wrote or took part in; say so, or they would look for the rest
        own = "" if self.ws.account.may(Permission.READ_ALL_RECORDS) else " · the records you wrote or took part in"
        self.summary.setText(f"{total:,} record{'' if total == 1 else 's'}{own} · {found[StatusFilter.OPEN]:,} with "
                             f"a step to do · {found[StatusFilter.LATE]:,} with a late step")

    # selection -----------------------------------------------------------------
    def selected_measure(self) -> Measure | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        source = self.proxy.mapToSource(rows[0])
        return self.model.row_at(source.row()).measure

    def select_measure(self, measure_id: int) -> bool:
        row = self.proxy.proxy_row_of(measure_id)
        if row is None:
            return False
        self.table.selectRow(row)
        self.table.scrollTo(self.proxy.index(row, 0))
        return True

    def _update_actions(self, *_args) -> None:
        """Enabled by the selection and the role (SPEC 8); what the role forbids says why in its tooltip."""
        m = self.selected_measure()
        writing, signing = (refusal(self.ws, p, self.home.id) for p in (Permission.WRITE_MEASURES,
                                                                        Permission.SIGN_OFF))
        allow(self.new_button, writing, tip="Write the record of a measure (Ctrl+N)")
        self.open_button.setEnabled(m is not None)
        allow(self.sign_button, signing, m is not None and not m.locked)
        allow(self.child_button, signing, m is not None and m.locked and m.child_spoken_to_at is None)
        allow(self.addendum_button, writing, m is not None and m.locked)

    # actions -------------------------------------------------------------------
    def new_record(self) -> MeasureForm | None:
        if refused(self, self.ws, Permission.WRITE_MEASURES, self.home.id):
            return None
        return self._open_form(None)

    def open_measure(self, measure_id: int) -> MeasureForm | None:
        """Shows that record's form (the dashboard and the main window call this)."""
        self.select_measure(measure_id)
        return self._open_form(measure_id)

    def _open_form(self, measure_id: int | None) -> MeasureForm | None:
        try:
            form = MeasureForm(self.ws, self.home, measure_id, self)
        except UserFacingError as exc:  # a record this account may not read, or one gone since the list loaded
            show_refusal(self, str(exc), "The record cannot be opened")
            return None
        return self._show(form)

    def open_selected(self) -> MeasureForm | None:
        m = self.selected_measure()
        return self.open_measure(m.id) if m is not None else None

    def sign_off_selected(self) -> QDialog | None:
        return self._step(SignOffDialog, Permission.SIGN_OFF, lambda m: not m.locked)

    def child_conversation_selected(self) -> QDialog | None:
        return self._step(ChildConversationDialog, Permission.SIGN_OFF,
                          lambda m: m.locked and m.child_spoken_to_at is None)

    def addendum_selected(self) -> QDialog | None:
        return self._step(AddendumDialog, Permission.WRITE_MEASURES, lambda m: m.locked)

    def _step(self, dialog_class, permission: Permission, allowed) -> QDialog | None:
        """The buttons are disabled for a role that may not; a shortcut or a script reaching here is told why."""
        m = self.selected_measure()
        if m is None or not allowed(m) or refused(self, self.ws, permission, self.home.id):
            return None
        try:
            context = measure_list.record_context(self.ws, self.home, m.id)
        except UserFacingError as exc:
            show_refusal(self, str(exc), "The record cannot be opened")
            return None
        dialog = dialog_class(self.ws, context, self)
        dialog.saved.connect(self._on_record_saved)
        return self._show(dialog)

    def _show(self, dialog: QDialog) -> QDialog:
        if isinstance(dialog, MeasureForm):
            dialog.record_saved.connect(self._on_record_saved)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.open()  # window-modal, never blocks the event loop
        return dialog

    def _on_record_saved(self, measure_id: int) -> None:
        self._select_after_load = measure_id
        self.loaded.connect(self._on_reloaded_after_save, Qt.ConnectionType.SingleShotConnection)
        self.refresh()
        self.records_changed.emit()

    def _on_reloaded_after_save(self) -> None:
        if self._select_after_load is None:
            return
        if not self.select_measure(self._select_after_load):
            self.filter_bar.clear()  # the saved record is hidden by a filter: show it
            self.select_measure(self._select_after_load)

    def _on_table_double_clicked(self, _index) -> None:
        self.open_selected()

    def _on_filter_bar_changed(self, *_args) -> None:
        self.proxy.set_filters(self.filter_bar.filters())
        self._update_actions()
