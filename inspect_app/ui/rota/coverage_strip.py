"""The key-time coverage strip under the week grid (Narey rec 4): one row per key-time window, one column per day in
line with the grid's, each cell the fewest on duty against the minimum ("2 of 2", or "1 of 2 - short" on the problem
colour: the words say it too), and who was on duty in its tooltip."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView, QHeaderView, QStyledItemDelegate, QStyleOptionViewItem, QTableView, QWidget,
)

from ...domain.local_time import format_date
from ...domain.rota import Coverage, KeyTimeWindow
from ...domain.vocabulary import ShiftType, WindowDays
from ...services.rota_week import WeekRota
from ..sheet_colors import paint_colors, sheet_color

STATE_ROLE = Qt.ItemDataRole.UserRole + 1  # "calm", "short" or "none" (the window does not apply that day)
NOT_APPLYING = "-"


def window_label(window: KeyTimeWindow) -> str:
    return f"{window.name[:1].upper()}{window.name[1:]} {window.start:%H:%M}-{window.end:%H:%M}"


def window_description(window: KeyTimeWindow) -> str:
    days = {WindowDays.ALL: "every day", WindowDays.WEEKDAYS: "on weekdays",
            WindowDays.WEEKENDS: "at weekends"}[window.days]
    sleep_ins = "sleep-in staff count" if window.sleep_in_counts else "sleep-in staff do not count"
    return f"{window_label(window)}: at least {window.min_staff} on duty {days}; {sleep_ins} (Narey rec 4)."


def coverage_text(found: Coverage | None) -> str:
    if found is None:
        return NOT_APPLYING
    text = f"{found.on_duty} of {found.window.min_staff}"
    return f"{text} - short" if found.short else text


def coverage_tip(found: Coverage, week: WeekRota) -> str:
    """'Evening 18:00-22:30 on Tue 24/11/2026: 1 on duty at the fewest, 2 needed: short (Narey rec 4)', then who."""
    window, day = found.window, found.day
    head = (f"{window_label(window)} on {day:%a} {format_date(day)}: {found.on_duty} on duty at the fewest, "
            f"{window.min_staff} needed")
    head += ": short (Narey rec 4)." if found.short else "."
    people = []
    for shift, counted in week.on_duty(found):
        name = week.names.get(shift.staff_id, "Someone no longer listed")
        what = shift.shift_type.label.lower()
        if not counted and shift.shift_type is ShiftType.SLEEP_IN:
            what += ", not counted in this window"
        people.append(f"{name} ({what})")
    who = f"On duty in the window: {', '.join(people)}." if people else "Nobody is on duty in the window."
    return f"{head}\n{who}"


class CoverageModel(QAbstractTableModel):
    """The week's coverage as cells of text, worked out once per week."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.week: WeekRota | None = None
        self.days: list[date] = []
        self._cells: list[list[Coverage | None]] = []
        self._tips: list[list[str]] = []
        self._labels: list[tuple[str, str]] = []

    def set_week(self, week: WeekRota) -> None:
        self.beginResetModel()
        self.week = week
        found = {(c.day, c.window): c for c in week.coverage}
        self.days = days = list(week.period.dates())
        self._labels = [(window_label(w), window_description(w)) for w in week.windows]
        self._cells = [[found.get((day, w)) for day in days] for w in week.windows]
        self._tips = [[coverage_tip(c, week) if c else f"{window_label(w)} does not apply on "
                       f"{day:%A}s." for c, day in zip(row, days)] for w, row in zip(week.windows, self._cells)]
        self.endResetModel()

    def coverage_at(self, row: int, column: int) -> Coverage | None:
        return self._cells[row][column]

    def day(self, column: int) -> date:
        return self.days[column]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # Qt override
        return 0 if parent.isValid() else len(self._cells)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # Qt override
        return 0 if parent.isValid() or self.week is None else 7

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.DisplayRole):  # Qt override
        if self.week is None:
            return None
        if orientation == Qt.Horizontal:
            return f"{self.day(section):%a %d/%m}" if role == Qt.DisplayRole else None
        if role == Qt.DisplayRole:
            return self._labels[section][0]
        if role == Qt.ToolTipRole:
            return self._labels[section][1]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.DisplayRole):  # Qt override
        if not index.isValid():
            return None
        found = self._cells[index.row()][index.column()]
        if role == Qt.DisplayRole:
            return coverage_text(found)
        if role in (Qt.ToolTipRole, Qt.AccessibleTextRole):
            return self._tips[index.row()][index.column()]
        if role == Qt.TextAlignmentRole:
            return int(Qt.AlignCenter)
        if role == STATE_ROLE:
            return "none" if found is None else ("short" if found.short else "calm")
        return None


class CoverageCells(QStyledItemDelegate):
    """A short window bold on the strip's `shortBackground` in `shortColor`; one with enough on duty on
    `calmBackground` in `calmColor`; a window not applying that day in `noneColor`."""

    def initStyleOption(self, option: QStyleOptionViewItem,
                        index: QModelIndex | QPersistentModelIndex) -> None:  # Qt override
        super().initStyleOption(option, index)
        strip: CoverageStrip = self.parent()
        state = index.data(STATE_ROLE)
        background, text = {"short": (strip.shortBackground, strip.shortColor),
                            "calm": (strip.calmBackground, strip.calmColor),
                            "none": (QColor(), strip.noneColor)}.get(state, (QColor(), QColor()))
        if state == "short":
            option.font.setWeight(QFont.Weight.DemiBold)
        paint_colors(option, background, text)


class CoverageStrip(QTableView):
    """The strip: as tall as its rows (it never scrolls), its columns kept as wide as the grid's by the tab."""

    def __init__(self, model: CoverageModel, parent: QWidget | None = None):
        super().__init__(parent)
        self.setModel(model)
        self.setObjectName("coverageStrip")
        self.setAccessibleName("Key-time coverage: the fewest on duty in each window, by day")
        self.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SingleSelection)
        self.setTabKeyNavigation(False)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.horizontalHeader().hide()  # the grid's headings are just above, in the same columns
        self.horizontalHeader().setSectionResizeMode(QHeaderView.Fixed)
        self.verticalHeader().setSectionResizeMode(QHeaderView.Fixed)
        self.verticalHeader().setDefaultAlignment(Qt.AlignLeft | Qt.AlignVCenter)
        self.setItemDelegate(CoverageCells(self))

    def fit_height(self) -> None:
        """Exactly as tall as its rows and frame."""
        self.ensurePolished()
        rows = self.verticalHeader()
        rows.setDefaultSectionSize(self.fontMetrics().lineSpacing() + 12)
        self.setFixedHeight(rows.length() + 2 * self.frameWidth())

    calmBackground = sheet_color("calmBackground")
    calmColor = sheet_color("calmColor")
    shortBackground = sheet_color("shortBackground")
    shortColor = sheet_color("shortColor")
    noneColor = sheet_color("noneColor")
