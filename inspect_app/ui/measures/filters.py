"""The row of filters above the reg 35 list: search, child, kind of measure, status, dates, full names."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (QCheckBox, QComboBox, QGridLayout, QHBoxLayout, QLabel, QLineEdit,
                               QPushButton, QWidget)

from ...domain.records import Child
from ...domain.vocabulary import MeasureKind
from ...services.measure_list import StatusFilter
from ..date_field import DateField
from .model import Filters

# "any" is "" (or 0 for a child), never None: see NO_CHOICE in fields.py for the PySide6 reason
ANY = ""
STATUS_CHOICES = (("Any status", ANY), ("Open: a step still to do", StatusFilter.OPEN.value),
                  ("Late: a step missed or done late", StatusFilter.LATE.value),
                  ("Complete: nothing left to do", StatusFilter.COMPLETE.value))
SEARCH_PAUSE_MS = 200  # wait for a pause in typing before filtering a long list


def _labelled(layout: QGridLayout, row: int, column: int, text: str, widget: QWidget) -> None:
    label = QLabel(text)
    label.setBuddy(widget)
    widget.setAccessibleName(text.replace("&", "").rstrip(":"))
    layout.addWidget(label, row, column)
    layout.addWidget(widget, row, column + 1)


class FilterBar(QWidget):
    """Emits `changed` with the Filters to apply and `full_names_toggled` when the names toggle changes."""

    changed = Signal(object)
    full_names_toggled = Signal(bool)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._children: list[Child] = []
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(8)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Reference, child or location")
        self.search.setClearButtonEnabled(True)
        _labelled(grid, 0, 0, "Searc&h:", self.search)
        self.child = QComboBox()
        _labelled(grid, 0, 2, "Chi&ld:", self.child)
        self.kind = QComboBox()
        self.kind.addItem("All measures", ANY)
        for kind in MeasureKind:
            self.kind.addItem(kind.label, kind.value)  # Qt would turn the str-based enum into a str anyway
        _labelled(grid, 0, 4, "Measu&re:", self.kind)
        self.status = QComboBox()
        for text, value in STATUS_CHOICES:
            self.status.addItem(text, value)
        _labelled(grid, 1, 0, "S&tatus:", self.status)
        self.date_from = DateField()
        self.date_to = DateField()
        _labelled(grid, 1, 2, "&From:", self.date_from)
        _labelled(grid, 1, 4, "T&o:", self.date_to)
        grid.addLayout(self._build_toggles(), 0, 6, 2, 1)
        grid.setColumnStretch(1, 3)
        grid.setColumnStretch(3, 2)
        grid.setColumnStretch(5, 2)
        self._pause = QTimer(self)
        self._pause.setSingleShot(True)
        self._pause.setInterval(SEARCH_PAUSE_MS)
        self._pause.timeout.connect(self._emit)
        self.search.textChanged.connect(self._pause.start)
        for combo in (self.child, self.kind, self.status):
            combo.currentIndexChanged.connect(self._emit)
        for edit in (self.date_from, self.date_to):
            edit.textChanged.connect(self._pause.start)
        self.set_children([])

    def _build_toggles(self) -> QHBoxLayout:
        box = QHBoxLayout()
        self.full_names = QCheckBox("Show full &names")
        self.full_names.setToolTip("Children are shown by initials unless you ask for their names")
        self.full_names.toggled.connect(self._on_full_names_toggled)
        self.clear_button = QPushButton("&Clear filters")
        self.clear_button.clicked.connect(self.clear)
        box.addWidget(self.full_names)
        box.addWidget(self.clear_button)
        return box

    def set_children(self, children: list[Child]) -> None:
        """The children in the list, shown by initials (or names when asked); keeps the current choice."""
        self._children = sorted(children, key=lambda c: (c.first_name.casefold(), c.last_name.casefold()))
        chosen = self.child.currentData() if self.child.count() else 0
        self.child.blockSignals(True)
        self.child.clear()
        self.child.addItem("All children", 0)
        for c in self._children:
            shown = c.full_name if self.full_names.isChecked() else c.initials
            self.child.addItem(f"{shown} ({c.ref})", c.id)
        index = self.child.findData(chosen)
        self.child.setCurrentIndex(max(index, 0))
        self.child.blockSignals(False)
        if index < 0:  # the child chosen is no longer listed: show all
            self._emit()

    def filters(self) -> Filters:
        status = self.status.currentData()
        return Filters(text=self.search.text(), child_id=self.child.currentData() or None, kind=self._kind(),
                       status=StatusFilter(status) if status else None, date_from=_typed(self.date_from),
                       date_to=_typed(self.date_to))

    def _kind(self) -> MeasureKind | None:
        value = self.kind.currentData()
        return MeasureKind(value) if value else None

    def clear(self) -> None:
        for widget in (self.search, self.child, self.kind, self.status, self.date_from, self.date_to):
            widget.blockSignals(True)
        self.search.clear()
        for combo in (self.child, self.kind, self.status):
            combo.setCurrentIndex(0)
        for edit in (self.date_from, self.date_to):
            edit.set_date(None)
        for widget in (self.search, self.child, self.kind, self.status, self.date_from, self.date_to):
            widget.blockSignals(False)
        self._emit()

    def apply_now(self) -> None:
        """Filters at once, without waiting for a pause in typing."""
        self._pause.stop()
        self._emit()

    def _emit(self, *_args) -> None:
        self._pause.stop()
        self.changed.emit(self.filters())

    def _on_full_names_toggled(self, on: bool) -> None:
        self.set_children(self._children)
        self.full_names_toggled.emit(on)


def _typed(field: DateField):
    """The date typed, or no limit while the text is blank or not yet a whole date."""
    try:
        return field.date()
    except ValueError:
        return None
