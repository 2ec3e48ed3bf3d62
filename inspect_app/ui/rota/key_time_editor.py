"""The editor of one key-time window (SPEC 2.6, Narey rec 4): its name, times, minimum staff, days and whether
sleep-in staff count; saving replaces the home's set of windows with this one changed or added."""

from __future__ import annotations

from datetime import time

from PySide6.QtWidgets import QCheckBox, QLabel, QLineEdit, QSpinBox, QWidget

from ...domain.errors import Problem
from ...domain.records import Home
from ...domain.rota import KeyTimeWindow, validate_window
from ...domain.shift_patterns import parse_clock
from ...domain.vocabulary import WindowDays
from ...services import rota
from ...services.workspace import Workspace
from ..registers.editor import RegisterEditor, set_combo_data, vocabulary_combo, vocabulary_value

MAX_STAFF = 50  # validate_window's limit
DAYS_WORDS = {WindowDays.ALL: "Every day", WindowDays.WEEKDAYS: "Weekdays (Monday to Friday)",
              WindowDays.WEEKENDS: "Weekends (Saturday and Sunday)"}


def time_field(value: time, tip: str) -> QLineEdit:
    """A 24-hour clock time typed as 07:30 (7:30, 7.30 and 0730 are read too), as in the shift editor."""
    field = QLineEdit(f"{value:%H:%M}")
    field.setObjectName("clockTime")
    field.setPlaceholderText("hh:mm")
    field.setMaxLength(5)
    field.setFixedWidth(field.fontMetrics().horizontalAdvance("00:000") + 24)
    field.setToolTip(tip)
    return field


class KeyTimeEditor(RegisterEditor[KeyTimeWindow]):
    """Add a window (record None) or change one; the others are kept as they are. Saved with
    services.rota.set_key_time_windows (EDIT_REGISTERS: the manager and the responsible individual)."""

    noun = "key-time window"

    def __init__(self, ws: Workspace, home: Home, record: KeyTimeWindow | None = None,
                 parent: QWidget | None = None):
        self.others = [w for w in rota.key_time_windows(ws, home) if record is None or w != record]
        super().__init__(ws, home, record, parent)

    def intro_text(self) -> str:
        return ("A time of day when at least a number of staff must be on duty (Narey recommendation 4). A window "
                "may cross midnight, like the night from 22:30 to 07:00: it belongs to the day it starts on. The "
                "rota's coverage counts the fewest on duty at any moment of it.")

    def title_text(self) -> str:
        return "Add a key-time window" if self.original is None else f"Edit the {self.original.name} window"

    def build_fields(self) -> None:
        self.name = self.add_field("&Name *", "window", QLineEdit())
        self.name.setPlaceholderText("e.g. bedtime")
        self.start = self.add_field("&Starts at *", "start", time_field(time(18), "When the window starts, as 18:00"))
        self.end = self.add_field("&Ends at *", "end", time_field(time(22, 30), "When it ends, as 22:30; a time at "
                                                                               "or before the start is the next day"))
        self.crossing = QLabel()
        self.crossing.setObjectName("hint")
        self.add_field("", "crossing", self.crossing)
        self.fields.pop("crossing")  # worked out, not typed
        self.min_staff = self.add_field("&Minimum on duty *", "min_staff", QSpinBox())
        self.min_staff.setRange(0, MAX_STAFF)
        self.min_staff.setSuffix(" staff")
        self.days = self.add_field("&Days *", "days", vocabulary_combo(WindowDays, blank=False))
        for i in range(self.days.count()):
            self.days.setItemText(i, DAYS_WORDS[WindowDays(self.days.itemData(i))])
        self.sleep_ins = self.add_field("Sleep-ins", "sleep_in_counts", QCheckBox(
            "Sleep-in staff &count in this window"))
        self.sleep_ins.setAccessibleName("Sleep-in staff count in this window")
        self.sleep_ins.setToolTip("Usually only at night: a sleep-in worker is in the building but asleep, and "
                                  "counts only where the home says so")
        self.start.textChanged.connect(self._on_times_changed)
        self.end.textChanged.connect(self._on_times_changed)

    def load(self, window: KeyTimeWindow | None) -> None:
        if window is not None:
            self.name.setText(window.name)
            self.start.setText(f"{window.start:%H:%M}")
            self.end.setText(f"{window.end:%H:%M}")
            self.min_staff.setValue(window.min_staff)
            set_combo_data(self.days, window.days)
            self.sleep_ins.setChecked(window.sleep_in_counts)
        else:
            self.min_staff.setValue(2)
        self._on_times_changed()

    def crossing_text(self) -> str:
        """Whether the times typed so far cross midnight, in words; nothing while a time cannot be read."""
        try:
            start, end = parse_clock(self.start.text()), parse_clock(self.end.text())
        except ValueError:
            return ""
        if start == end:
            return ""
        if end < start:
            return f"Crosses midnight: from {start:%H:%M} to {end:%H:%M} the next morning."
        return f"The same day, from {start:%H:%M} to {end:%H:%M}."

    def _on_times_changed(self, *_args) -> None:
        self.crossing.setText(self.crossing_text())

    def read(self) -> tuple[KeyTimeWindow, list[Problem]]:
        """The window, and every problem with it (the service's own checks name the window in their words)."""
        problems: list[Problem] = []
        start, end = self._clock(self.start, "start", problems), self._clock(self.end, "end", problems)
        window = KeyTimeWindow(self.name.text().strip(), start or time(0), end or time(0), self.min_staff.value(),
                               vocabulary_value(self.days, WindowDays), self.sleep_ins.isChecked())
        problems += [p for p in validate_window(window) if p.field == "window" or None not in (start, end)]
        if window.name and any(w.name.casefold() == window.name.casefold() for w in self.others):
            problems.append(Problem("window", f"the home already has a window called {window.name}"))
        return window, problems

    @staticmethod
    def _clock(field: QLineEdit, name: str, problems: list[Problem]) -> time | None:
        if not field.text().strip():
            problems.append(Problem(name, "give the time"))
            return None
        try:
            return parse_clock(field.text())
        except ValueError as exc:
            problems.append(Problem(name, str(exc)))
            return None

    def store(self, window: KeyTimeWindow) -> KeyTimeWindow:
        rota.set_key_time_windows(self.ws, self.home, sorted([*self.others, window], key=lambda w: w.start),
                                  reason="key-time window added" if self.original is None else
                                  f"key-time window {self.original.name} changed")
        return window
