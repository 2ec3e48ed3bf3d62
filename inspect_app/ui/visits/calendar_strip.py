"""The visits tab's strip of twelve months: each one covered by a visit, missed (reg 44(1)), or still due this month;
a month chosen lists only its visits."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum

from dateutil.relativedelta import relativedelta
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QSizePolicy, QWidget

from ...domain.local_time import Period, to_local
from ...domain.reg44_compliance import months_without_visit

MONTHS_SHOWN = 12


class MonthState(str, Enum):
    COVERED = "covered"  # at least one visit on a day of it, on or before today
    MISSED = "missed"  # reg 44(1): the month ended with no visit
    DUE = "due"  # the current month, not yet visited
    TO_COME = "to_come"  # after the current month
    BEFORE = "before"  # ended before the home's first visitor or visit was recorded: nothing to show yet


@dataclass(frozen=True)
class MonthCell:
    """What the strip says about one calendar month."""

    month: date  # its first day
    state: MonthState
    visits: int = 0  # visits on or before today
    later: int = 0  # visits dated after today (not yet made)

    @property
    def status(self) -> str:
        """The cell's last line: short enough for a cell a twelfth of the strip wide."""
        if self.state is MonthState.COVERED:
            return f"{self.visits} visit{'' if self.visits == 1 else 's'}"
        return {MonthState.MISSED: "Missed", MonthState.DUE: "Due", MonthState.TO_COME: "To come",
                MonthState.BEFORE: "No records"}[self.state]

    @property
    def text(self) -> str:
        return f"{self.month:%b}\n{self.month:%Y}\n{self.status}"

    @property
    def description(self) -> str:
        """The whole sentence, for screen readers and the tooltip."""
        name = f"{self.month:%B %Y}"
        if self.state is MonthState.COVERED:
            said = f"{name}: visited ({self.status})"
        elif self.state is MonthState.MISSED:
            said = f"{name}: missed, the month ended with no independent visit (reg 44(1))"
        elif self.state is MonthState.DUE:
            said = f"{name}: due, no independent visit yet this month"
        elif self.state is MonthState.BEFORE:
            said = (f"{name}: before the first visitor or visit recorded here; the compliance check still counts "
                    "a month with no visit")
        else:
            said = f"{name}: still to come"
        if self.later:
            said += f"; {self.later} visit{'' if self.later == 1 else 's'} dated later than today"
        return said


def month_start(day: date) -> date:
    return day.replace(day=1)


def month_cells(visit_days: list[date], last_month: date, as_at: datetime, count: int = MONTHS_SHOWN,
                records_from: date | None = None) -> list[MonthCell]:
    """`count` months ending with `last_month`, as at that moment; "missed" is the compliance check's own
    finding (domain.reg44_compliance.months_without_visit), so the strip and the checks always agree. Months that
    ended before `records_from` (the first visitor's appointment or first visit; by default the first visit; with
    none at all, every month before this one) say "No records" rather than "Missed": a home that has just started keeping its visits here is not shown a
    year of red."""
    today = to_local(as_at).date()
    first = month_start(last_month) - relativedelta(months=count - 1)
    period = Period(first, month_start(last_month) + relativedelta(months=1, days=-1))
    missed = set(months_without_visit(visit_days, period, as_at))
    made = Counter(month_start(d) for d in visit_days if d <= today)
    later = Counter(month_start(d) for d in visit_days if d > today)
    begins = month_start(min([records_from] if records_from else visit_days, default=today))
    cells = []
    for i in range(count):
        month = first + relativedelta(months=i)
        if made[month]:
            state = MonthState.COVERED
        elif month < begins and month < month_start(today):
            state = MonthState.BEFORE
        elif f"{month:%Y-%m}" in missed:
            state = MonthState.MISSED
        elif month <= today:
            state = MonthState.DUE
        else:
            state = MonthState.TO_COME
        cells.append(MonthCell(month, state, made[month], later[month]))
    return cells


class CalendarStrip(QWidget):
    """Twelve month buttons ending with the current month, and buttons to move them a year back and forward.

    A click on a month chooses it (`month_chosen` carries its first day); a click on the chosen month, or
    `choose(None)`, goes back to all months (`month_chosen` carries None). The cells' colours come from the style
    sheet by their `state` property; their words say the same, for anyone who cannot tell the colours apart."""

    month_chosen = Signal(object)  # date | None

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("calendarStrip")
        self.setAccessibleName("Independent visits month by month")
        self._days: list[date] = []
        self._records_from: date | None = None
        self._as_at: datetime | None = None
        self.last_month: date | None = None
        self.chosen: date | None = None
        self.cells_shown: list[MonthCell] = []
        self.earlier = self._arrow("‹", "Earlier months", "Show the 12 months before these")
        self.later = self._arrow("›", "Later months", "Show the next 12 months, up to this month")
        self.earlier.clicked.connect(lambda: self.move(-MONTHS_SHOWN))
        self.later.clicked.connect(lambda: self.move(MONTHS_SHOWN))
        self.buttons = [self._cell(i) for i in range(MONTHS_SHOWN)]
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(4)
        row.addWidget(self.earlier)
        for button in self.buttons:
            row.addWidget(button, 1)
        row.addWidget(self.later)

    def _arrow(self, text: str, name: str, tip: str) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName("stripArrow")
        button.setAccessibleName(name)
        button.setToolTip(tip)
        button.setSizePolicy(QSizePolicy.Fixed, QSizePolicy.Expanding)
        return button

    def _cell(self, index: int) -> QPushButton:
        button = QPushButton()
        button.setObjectName("monthCell")
        button.setCheckable(True)
        button.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Preferred)
        button.clicked.connect(lambda _checked=False, i=index: self._on_cell_clicked(i))
        return button

    # what it shows -------------------------------------------------------------
    @property
    def current_month(self) -> date:
        return month_start(to_local(self._as_at).date())

    def set_visits(self, visit_days: list[date], as_at: datetime, records_from: date | None = None) -> None:
        """The home's visit dates as at a moment, and the day its records of visits begin; the strip keeps its place
        unless that is after this month."""
        self._days = list(visit_days)
        self._records_from = records_from
        self._as_at = as_at
        if self.last_month is None or self.last_month > self.current_month:
            self.last_month = self.current_month
        self._show()

    def move(self, months: int) -> None:
        """Months back (negative) or forward; never past the current month."""
        if self.last_month is None:
            return
        self.last_month = min(self.last_month + relativedelta(months=months), self.current_month)
        self._show()

    def choose(self, month: date | None) -> None:
        self.chosen = None if month is None else month_start(month)
        self._show_chosen()
        self.month_chosen.emit(self.chosen)

    def button_of(self, month: date) -> QPushButton | None:
        for cell, button in zip(self.cells_shown, self.buttons):
            if cell.month == month_start(month):
                return button
        return None

    def _show(self) -> None:
        self.cells_shown = month_cells(self._days, self.last_month, self._as_at, records_from=self._records_from)
        for cell, button in zip(self.cells_shown, self.buttons):
            button.setText(cell.text)
            button.setAccessibleName(cell.description)
            button.setToolTip(f"{cell.description}.\nClick to list this month's visits; click again to list all.")
            button.setProperty("state", cell.state.value)
            button.style().unpolish(button)
            button.style().polish(button)
        self.later.setEnabled(self.last_month < self.current_month)
        self._show_chosen()

    def _show_chosen(self) -> None:
        for cell, button in zip(self.cells_shown, self.buttons):
            button.setChecked(cell.month == self.chosen)

    def _on_cell_clicked(self, index: int) -> None:
        month = self.cells_shown[index].month
        self.choose(None if month == self.chosen else month)

    def keyPressEvent(self, event) -> None:  # Qt override: Page Up/Down move a year, as in a calendar
        if event.modifiers() == Qt.NoModifier and event.key() in (Qt.Key_PageUp, Qt.Key_PageDown):
            self.move(-MONTHS_SHOWN if event.key() == Qt.Key_PageUp else MONTHS_SHOWN)
            return
        super().keyPressEvent(event)  # Ctrl+PgUp/PgDown stay the tabs'
