"""The rota area's key times tab: the home's key-time windows (SPEC 2.6, Narey rec 4) listed, added, changed,
removed and put back to the defaults; the manager and the responsible individual change them, others read them."""

from __future__ import annotations

import logging
from datetime import date

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ...domain.errors import Problem
from ...domain.local_time import to_local
from ...domain.records import Home
from ...domain.roles import Permission
from ...domain.rota import DEFAULT_WINDOWS, KeyTimeWindow
from ...domain.vocabulary import WindowDays
from ...services import rota
from ...services.workspace import Workspace
from ..forms import FieldProblems
from ..messages import ask
from ..page import Page
from ..permissions import allow, refusal, refused
from ..registers.column_fit import fit_column_widths
from ..registers.models import Column, RegisterFilter, RegisterModel, always_current
from ..registers.record_table import RecordTable
from .key_time_editor import KeyTimeEditor

log = logging.getLogger(__name__)

DAYS_TEXT = {WindowDays.ALL: "Every day", WindowDays.WEEKDAYS: "Weekdays", WindowDays.WEEKENDS: "Weekends"}
LAST_WINDOW = "A home needs at least one key-time window: change this one instead, or restore the defaults."
INTRO = ("The times of day when enough staff must be on duty (Narey recommendation 4). The week's strip, the month "
         "and the checks count the fewest on duty at any moment of each window, from the times worked where recorded "
         "and the planned rota otherwise. A window crossing midnight belongs to the day it starts on.")


def _ends(w: KeyTimeWindow, _today: date) -> str:
    return f"{w.end:%H:%M} the next day" if w.crosses_midnight else f"{w.end:%H:%M}"


WINDOW_COLUMNS: tuple[Column[KeyTimeWindow], ...] = (
    Column("Window", lambda w, _t: f"{w.name[:1].upper()}{w.name[1:]}", lambda w, _t: w.name.casefold(), share=1),
    Column("Starts", lambda w, _t: f"{w.start:%H:%M}", lambda w, _t: w.start),
    Column("Ends", _ends, lambda w, _t: (w.start, w.end), tip="A window ending at or before its start crosses "
                                                              "midnight and ends the next day"),
    Column("Minimum on duty", lambda w, _t: str(w.min_staff), lambda w, _t: w.min_staff),
    Column("Days", lambda w, _t: DAYS_TEXT[w.days], lambda w, _t: list(WindowDays).index(w.days)),
    Column("Sleep-ins count", lambda w, _t: "Yes" if w.sleep_in_counts else "No",
           tip="Whether staff on a sleep-in shift count towards the minimum in this window"),
)


class KeyTimesTab(Page):
    """The windows by start time, with Add, Edit, Remove and Restore the defaults (EDIT_REGISTERS); each change
    replaces the home's set (services.rota.set_key_time_windows, audited) and emits `records_changed`, so that the
    week's strip and the month count by the new windows at once."""

    title = "Key times"
    permission = Permission.EDIT_REGISTERS

    def __init__(self, ws: Workspace, home: Home, parent: QWidget | None = None):
        super().__init__(ws, home, parent)
        self.windows: list[KeyTimeWindow] = []
        self.editor: KeyTimeEditor | None = None
        self.model = RegisterModel(WINDOW_COLUMNS, self, current=always_current)
        self.proxy = RegisterFilter(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.set_show_past(True)
        self.view = RecordTable(self.proxy, "The home's key-time windows")
        self.view.setSortingEnabled(True)
        self.view.viewport_resized.connect(self.fit_columns)
        self.view.activated.connect(self._on_view_activated)
        self._build()
        self.view.selectionModel().currentRowChanged.connect(self._update_buttons)
        self.view.sortByColumn(1, Qt.AscendingOrder)  # by start, before the first row is chosen
        self.refresh()

    def _build(self) -> None:
        intro = QLabel(INTRO)
        intro.setObjectName("hint")
        intro.setWordWrap(True)
        self.general = QLabel()
        self.problems = FieldProblems(self.general)  # a refusal from the service, said above the list
        self.add_button = QPushButton("&Add window…")
        self.edit_button = QPushButton("&Edit…")
        self.remove_button = QPushButton("&Remove")
        self.defaults_button = QPushButton("Restore the &defaults…")
        for button, slot in ((self.add_button, self.add), (self.edit_button, self.edit_selected),
                             (self.remove_button, self.remove_selected), (self.defaults_button, self.restore_defaults)):
            button.clicked.connect(slot)
        QShortcut(QKeySequence.New, self, activated=self.add, context=Qt.WidgetWithChildrenShortcut)
        QShortcut(QKeySequence.Delete, self.view, activated=self.remove_selected, context=Qt.WidgetShortcut)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.defaults_button)
        self.read_only = QLabel()
        self.read_only.setObjectName("note")
        self.read_only.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(intro)
        layout.addWidget(self.read_only)
        layout.addWidget(self.general)
        layout.addLayout(buttons)
        layout.addWidget(self.view, 1)

    # reading -----------------------------------------------------------------------------------------------------
    def refresh(self) -> None:
        self.windows = sorted(rota.key_time_windows(self.ws, self.home), key=lambda w: w.start)
        self.model.set_records(self.windows, to_local(self.ws.now()).date())
        if not self.view.currentIndex().isValid() and self.proxy.rowCount():
            self.view.setCurrentIndex(self.proxy.index(0, 0))
        self._update_buttons()
        self.fit_columns()

    def fit_columns(self) -> None:
        fit_column_widths(self.view, WINDOW_COLUMNS)

    def selected_window(self) -> KeyTimeWindow | None:
        return self.view.current_record()

    def select(self, name: str) -> bool:
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if self.view.record_at(index).name.casefold() == name.casefold():
                self.view.setCurrentIndex(index)
                return True
        return False

    def _update_buttons(self, *_args) -> None:
        """Only the manager and the responsible individual change the windows (SPEC 8); the others read them and are
        told why; the last window cannot be removed."""
        why = refusal(self.ws, self.permission, self.home.id)
        chosen = self.selected_window() is not None
        allow(self.add_button, why, tip="Add a key-time window (Ctrl+N)")
        allow(self.edit_button, why, chosen, "Change the selected window (Enter or double-click)")
        last = len(self.windows) <= 1
        allow(self.remove_button, why or (LAST_WINDOW if last else ""), chosen,
              "Remove the selected window (Delete)")
        allow(self.defaults_button, why, tip="Put back the four windows of the defaults: morning 07:00-09:30, after "
                                             "school 15:30-18:00, evening 18:00-22:30 (2 staff each) and night "
                                             "22:30-07:00 (1)")
        self.read_only.setText(f"{why} The windows are shown read-only." if why else "")
        self.read_only.setVisible(bool(why))

    # changing ----------------------------------------------------------------------------------------------------
    def add(self) -> KeyTimeEditor | None:
        return None if refused(self, self.ws, self.permission, self.home.id) else self._open_editor(None)

    def edit_selected(self) -> KeyTimeEditor | None:
        window = self.selected_window()
        if window is None or refused(self, self.ws, self.permission, self.home.id):
            return None
        return self._open_editor(window)

    def _on_view_activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.edit_selected()

    def _open_editor(self, window: KeyTimeWindow | None) -> KeyTimeEditor:
        """Window-modal but not blocking (open(), not exec()), so the tab stays testable."""
        self.editor = KeyTimeEditor(self.ws, self.home, window, self)
        self.editor.record_saved.connect(self._on_editor_record_saved)
        self.editor.open()
        return self.editor

    def _on_editor_record_saved(self, window: KeyTimeWindow) -> None:
        self._changed(window.name)

    def remove_selected(self) -> bool:
        window = self.selected_window()
        if window is None or refused(self, self.ws, self.permission, self.home.id):
            return False
        if len(self.windows) <= 1:
            self.problems.show([Problem("", LAST_WINDOW)])
            return False
        if not ask(self, "Remove the key-time window?",
                   f"Remove the {window.name} window ({window.start:%H:%M}-{window.end:%H:%M})? The rota will no "
                   "longer be checked against it; the records of shifts are not changed.", "Remove"):
            return False
        return self._replace([w for w in self.windows if w != window], f"key-time window {window.name} removed")

    def restore_defaults(self) -> bool:
        if refused(self, self.ws, self.permission, self.home.id):
            return False
        if not ask(self, "Restore the default key-time windows?",
                   "Replace the home's key-time windows with the four defaults: morning 07:00-09:30, after school "
                   "15:30-18:00 and evening 18:00-22:30 with 2 staff each, and night 22:30-07:00 with 1 (sleep-in "
                   "staff not counted)?", "Restore the defaults"):
            return False
        return self._replace(list(DEFAULT_WINDOWS), "key-time windows restored to the defaults")

    def _replace(self, windows: list[KeyTimeWindow], reason: str) -> bool:
        """The home's windows replaced; a refusal from the service is said above the list."""
        def replace() -> list[KeyTimeWindow]:
            rota.set_key_time_windows(self.ws, self.home, windows, reason)
            return windows

        self.problems.clear()
        if self.problems.attempt(replace) is None:
            return False
        log.info("key-time windows of home %s replaced: %d windows", self.home.id, len(windows))
        self._changed(None)
        return True

    def _changed(self, name: str | None) -> None:
        self.refresh()
        if name is not None:
            self.select(name)
        self.records_changed.emit()
