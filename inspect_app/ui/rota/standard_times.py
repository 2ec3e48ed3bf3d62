"""The small dialog that sets the home's standard shifts: the codes typed in the week grid (D, L, LD, WN, SI) and
the type and times each one puts on the rota."""

from __future__ import annotations

import logging

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox, QDialog, QGridLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget,
)

from ...domain.errors import Problem
from ...domain.records import Home
from ...domain.shift_patterns import DEFAULT_STANDARD_SHIFTS, MAX_STANDARD_SHIFTS, StandardShift, parse_clock
from ...domain.vocabulary import ShiftType
from ...services import rota_week
from ...services.workspace import Workspace
from ..forms import FieldProblems, save_cancel
from ..registers.editor import confirm_discard, set_combo_data, vocabulary_combo, vocabulary_value, widget_value

log = logging.getLogger(__name__)


class StandardTimesDialog(QDialog):
    """One line per code: code, type, start, end. A line with a blank code is dropped; saving replaces them all
    (services.rota_week.set_standard_shifts: those who keep the rota). Opened with open(); asks before discarding."""

    standards_saved = Signal()

    def __init__(self, ws: Workspace, home: Home, parent: QWidget | None = None):
        super().__init__(parent)
        self.ws, self.home = ws, home
        self.setWindowTitle("Standard shift times")
        self.lines: list[tuple[QLineEdit, QComboBox, QLineEdit, QLineEdit]] = []
        self.general = QLabel()
        self.problems = FieldProblems(self.general)
        intro = QLabel("Type a code in a cell of the week to put that shift on the rota for that person and day. "
                       "A shift whose end is before its start ends the next morning.")
        intro.setObjectName("hint")
        intro.setWordWrap(True)
        self.grid = QGridLayout()
        for column, heading in enumerate(("Code", "Type", "Start", "End")):
            self.grid.addWidget(QLabel(f"<b>{heading}</b>"), 0, column)
        self.add_button = QPushButton("&Add a code")
        self.add_button.clicked.connect(lambda: self.add_line(None))
        self.defaults_button = QPushButton("Use the &usual times")
        self.defaults_button.setToolTip(", ".join(f"{s.code} {s.describe()}" for s in DEFAULT_STANDARD_SHIFTS))
        self.defaults_button.clicked.connect(lambda: self.show_standards(list(DEFAULT_STANDARD_SHIFTS)))
        self.buttons = save_cancel(self)
        extra = QHBoxLayout()
        extra.addWidget(self.add_button)
        extra.addWidget(self.defaults_button)
        extra.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.general)
        layout.addLayout(self.grid)
        layout.addLayout(extra)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.show_standards(rota_week.standard_shifts(ws, home))
        self._initial = self.snapshot()
        self.setMinimumWidth(520)

    def show_standards(self, standards: list[StandardShift]) -> None:
        for line in self.lines:
            for widget in line:
                widget.hide()
                widget.deleteLater()
        self.lines = []
        for standard in standards:
            self.add_line(standard)

    def add_line(self, standard: StandardShift | None) -> None:
        if len(self.lines) >= MAX_STANDARD_SHIFTS:
            self.problems.show([Problem("", f"keep at most {MAX_STANDARD_SHIFTS} standard shifts")])
            return
        n = len(self.lines) + 1
        code = QLineEdit(standard.code if standard else "")
        code.setMaxLength(3)
        kind = vocabulary_combo(ShiftType, blank=False)
        if standard:
            set_combo_data(kind, standard.shift_type)
        start = QLineEdit(f"{standard.start:%H:%M}" if standard else "")
        end = QLineEdit(f"{standard.end:%H:%M}" if standard else "")
        for widget, name in ((code, "Code"), (kind, "Type"), (start, "Start"), (end, "End")):
            widget.setAccessibleName(f"{name} of standard shift {n}")
        for box in (start, end):
            box.setPlaceholderText("hh:mm")
            box.setMaxLength(5)
        self.grid.addWidget(code, n, 0)
        self.grid.addWidget(kind, n, 1)
        self.grid.addWidget(start, n, 2)
        self.grid.addWidget(end, n, 3)
        self.lines.append((code, kind, start, end))
        if standard is None:
            code.setFocus()

    def read(self) -> tuple[list[StandardShift], list[Problem]]:
        standards, problems = [], []
        for code, kind, start, end in self.lines:
            if not code.text().strip():
                continue  # a line left blank, or cleared to drop the code
            try:
                standards.append(StandardShift(code.text().strip().upper(), vocabulary_value(kind, ShiftType),
                                               parse_clock(start.text()), parse_clock(end.text())))
            except ValueError as exc:
                problems.append(Problem("", f"{code.text().strip().upper()}: {exc}"))
        return standards, problems

    def snapshot(self) -> tuple:
        return tuple(widget_value(w) for line in self.lines for w in line)

    def save(self) -> None:
        standards, problems = self.read()
        if problems:
            self.problems.show(problems)
            return
        done = self.problems.attempt(lambda: rota_week.set_standard_shifts(self.ws, self.home, standards) or True)
        if done:
            log.info("standard shifts saved: %d codes", len(standards))
            self._initial = self.snapshot()
            self.standards_saved.emit()
            self.accept()

    def reject(self) -> None:  # Qt override: Cancel, Escape and the close button
        if self.snapshot() != self._initial and not confirm_discard(self):
            return
        super().reject()
