"""The rota area's month tab: a month of key-time coverage (Narey rec 4), one row per window and one column per day,
the short windows marked in words and colour, the days not yet on the rota marked as such, with the month's figures
above it."""

from __future__ import annotations

import datetime as dt

from dateutil.relativedelta import relativedelta
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QKeyEvent, QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QPushButton, QStyle, QStyledItemDelegate,
    QStyleOptionViewItem, QTableView, QVBoxLayout, QWidget,
)

from ...domain.local_time import format_date, to_local
from ...domain.records import Home
from ...domain.rota import KeyTimeWindow
from ...services import staffing_view
from ...services.staffing_view import MonthCell, MonthView
from ...services.workspace import Workspace
from ..page import Page
from ..sheet_colors import paint_colors, sheet_color
from .coverage_strip import window_description, window_label

STATE_ROLE = Qt.ItemDataRole.UserRole + 1     # "calm", "short", "none" (the window does not apply that day) or
                                              # "unplanned" (a day to come with no shift on the rota yet)
TINT_ROLE = Qt.ItemDataRole.UserRole + 2   # "weekend", "today" or "" (the column's tint)
PLANNED_ROLE = Qt.ItemDataRole.UserRole + 3   # the window has not started: the planned rota
SHORT_MARK = "short"
NARROW_MARK = "!"  # under a short count where the day's column is too narrow for the word (the tooltip says it)
NOT_APPLYING = "-"
MARK_MARGIN = 1  # pixels kept clear either side of the mark under a short count
NOT_ON_ROTA = "\u2013"
INTRO = ("Each key-time window on each day of the month: the fewest staff on duty at any moment of it, from the "
         "times worked where recorded and the planned rota otherwise (Narey recommendation 4). A short window says "
         "\u201cshort\u201d (\u201c!\u201d if narrow) under its count; \u201c\u2013\u201d marks a day to come "
         "not yet on the rota. Today is tinted blue, weekends grey; windows to come are in italics. Double-click a "
         "day, or press Enter, to see its week.")


def days_not_on_rota(view: MonthView) -> frozenset[dt.date]:
    """The month's days after today with no shift at all planned to start on them: the rota is not made yet, so
    their windows are not counted short (as the dashboard's "no rota" item, services.staffing_view.NO_ROTA)."""
    today = to_local(view.as_at).date()
    return frozenset(day for day in view.days if day > today and day not in view.planned_days)


def cell_state(cell: MonthCell | None, not_on_rota: bool) -> str:
    """What a cell shows (STATE_ROLE): "none", "unplanned", "short" or "calm"."""
    if cell is None:
        return "none"
    if not_on_rota:
        return "unplanned"
    return "short" if cell.short else "calm"


def cell_text(cell: MonthCell | None, state: str) -> str:
    """"2" when enough are on duty; "1/2" over "short" when not; "-" when the window does not apply that day; "–"
    on a day not yet on the rota."""
    if state == "none":
        return NOT_APPLYING
    if state == "unplanned":
        return NOT_ON_ROTA
    found = cell.coverage
    if not found.short:
        return str(found.on_duty)
    return f"{found.on_duty}/{found.window.min_staff}\n{SHORT_MARK}"


def cell_tip(cell: MonthCell, planned: bool) -> str:
    """"Evening 18:00-22:30 on 24/11/2026: 1 on duty, 2 needed", then whether it is short, who, and the mix."""
    found = cell.coverage
    lines = [f"{window_label(found.window)} on {format_date(found.day)}: {found.on_duty} on duty, "
             f"{found.window.min_staff} needed"
             + (f": short by {found.window.min_staff - found.on_duty} (Narey rec 4)." if found.short else "."),
             "By the planned rota (still to come)." if planned else "",
             f"On duty in it: {', '.join(cell.people)}." if cell.people else "Nobody on duty in it.",
             f"A Level 3 qualified person on duty throughout: {'yes' if cell.level3_throughout else 'no'}.",
             f"A physical-intervention trained person on duty throughout: {'yes' if cell.pi_throughout else 'no'}."]
    return "\n".join(line for line in lines if line)


def empty_tip(window: KeyTimeWindow, day: dt.date, state: str) -> str:
    """The tooltip of a cell with no coverage to show: the window does not apply, or the day is not on the rota."""
    if state == "none":
        return f"{window_label(window)} does not apply on {day:%A}s."
    return (f"{window_label(window)} on {format_date(day)}: no rota planned yet for this date. Put its shifts on the "
            "rota (the Week tab), so that the key times can be checked.")


def hours_text(hours: float) -> str:
    """1,642.5 (no trailing zeros; hours are kept to 2 decimals)."""
    return f"{hours:,.2f}".rstrip("0").rstrip(".")


def summary_text(view: MonthView, not_on_rota: frozenset[dt.date] = frozenset()) -> str:
    """The month's figures (SPEC 2.6), a line each: the windows short, the hours and who worked them, the
    qualification mix; the windows of days not yet on the rota are left out of the counts, and said."""
    if not view.cells:
        return "No key-time window applies in this month."
    r = view.report
    cells = [c for c in view.cells.values() if c.coverage.day not in not_on_rota]
    waiting = len(not_on_rota)
    waiting_text = f"{waiting} day{'' if waiting == 1 else 's'} not yet on the rota"
    if not cells:
        return f"No shift is on the rota for this month yet: {waiting_text}."
    first = f"Below the minimum: {sum(c.short for c in cells)} of {len(cells)} key-time windows"
    first += f"; {waiting_text}, not counted." if waiting else "."
    level3, trained = sum(c.level3_throughout for c in cells), sum(c.pi_throughout for c in cells)
    return "\n".join((
        first,
        f"Hours planned {hours_text(r.planned_hours)}; worked so far {hours_text(r.actual_hours)}, of which agency "
        f"staff {r.agency_share:.0%} and bank staff {r.bank_share:.0%}.",
        f"On duty throughout: a Level 3 qualified person in {level3} of {len(cells)} windows "
        f"({level3 / len(cells):.0%}); a physical-intervention trained person in {trained} "
        f"({trained / len(cells):.0%}).",
    ))


class MonthModel(QAbstractTableModel):
    """The month as cells of text: rows are the windows by start, columns the days; worked out once per month."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.shown: MonthView | None = None
        self.days: tuple[dt.date, ...] = ()
        self._today: dt.date | None = None
        self._cells: list[list[MonthCell | None]] = []
        self._texts: list[list[str]] = []
        self._tips: list[list[str]] = []
        self._planned: list[list[bool]] = []
        self._states: list[list[str]] = []
        self._labels: list[tuple[str, str]] = []

    def set_month(self, view: MonthView, not_on_rota: frozenset[dt.date] = frozenset()) -> None:
        """The month's cells; those of the `not_on_rota` days say so rather than count (the rota is not made yet)."""
        self.beginResetModel()
        self.shown = view
        self.days = view.days
        self._today = to_local(view.as_at).date()
        self._cells = [[view.cell(day, w) for day in view.days] for w in view.windows]
        self._states = [[cell_state(c, day in not_on_rota) for c, day in zip(row, view.days)] for row in self._cells]
        self._texts = [[cell_text(c, state) for c, state in zip(row, states)]
                       for row, states in zip(self._cells, self._states)]
        self._planned = [[state in ("calm", "short") and c.coverage.window.bounds(c.coverage.day)[0] > view.as_at
                          for c, state in zip(row, states)] for row, states in zip(self._cells, self._states)]
        self._tips = [[cell_tip(c, planned) if state in ("calm", "short") else empty_tip(w, day, state)
                       for c, state, planned, day in zip(row, states, planned_row, view.days)]
                      for w, row, states, planned_row in zip(view.windows, self._cells, self._states, self._planned)]
        self._labels = [(f"{w.name[:1].upper()}{w.name[1:]}\n{w.start:%H:%M}-{w.end:%H:%M}\n{w.min_staff} needed",
                         window_description(w)) for w in view.windows]
        self.endResetModel()

    def cell(self, row: int, column: int) -> MonthCell | None:
        return self._cells[row][column]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # Qt override
        return 0 if parent.isValid() else len(self._cells)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # Qt override
        return 0 if parent.isValid() else len(self.days)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.DisplayRole):  # Qt override
        if orientation == Qt.Vertical:
            label, description = self._labels[section]
            return label if role == Qt.DisplayRole else description if role == Qt.ToolTipRole else None
        day = self.days[section]
        if role == Qt.DisplayRole:
            return f"{day:%a}"[:1] + f"\n{day.day}"  # M T W T F S S, as calendars do: a day is a narrow column
        if role == Qt.ToolTipRole:
            return f"{day:%A} {format_date(day)}" + (" (today)" if day == self._today else "")
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.DisplayRole):  # Qt override
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if role == Qt.DisplayRole:
            return self._texts[row][column]
        if role in (Qt.ToolTipRole, Qt.AccessibleTextRole):
            return self._tips[row][column]
        if role == Qt.TextAlignmentRole:
            return int(Qt.AlignCenter)
        if role == STATE_ROLE:
            return self._states[row][column]
        if role == TINT_ROLE:
            day = self.days[column]
            return "today" if day == self._today else "weekend" if day.weekday() >= 5 else ""
        if role == PLANNED_ROLE:
            return self._planned[row][column]
        return None


def mark_font(font: QFont) -> QFont:
    """The smaller size of the mark under a short count."""
    small = QFont(font)
    small.setPointSizeF(max(font.pointSizeF() * 0.7, 7.0))  # "short" fits a 30-day month's day at 1280 pixels
    return small


def fitted_mark(mark: str, font: QFont, width: int) -> str:
    """The word under a short count, or "!" in a day's column too narrow for it (a 31-day month at 1280 pixels);
    the colour and the count say it too, and the tooltip says "short by 1"."""
    return mark if QFontMetrics(font).horizontalAdvance(mark) + 2 * MARK_MARGIN <= width else NARROW_MARK


class MonthCells(QStyledItemDelegate):
    """Each cell drawn whole, without the style sheet's padding (a month's day is a narrow column): the count in the
    middle, and for a short window the word "short" (or "!") under it, bold in `shortColor` on `shortBackground`;
    enough on duty in `calmColor`; today's column on `todayBackground` and a weekend on `weekendBackground`; a window
    still to come in italics; a window not applying that day, or a day not yet on the rota, in `noneColor`."""

    def initStyleOption(self, option: QStyleOptionViewItem,
                        index: QModelIndex | QPersistentModelIndex) -> None:  # Qt override
        super().initStyleOption(option, index)
        grid: MonthGrid = self.parent()
        state = index.data(STATE_ROLE)
        text = {"short": grid.shortColor, "calm": grid.calmColor, "none": grid.noneColor,
                "unplanned": grid.noneColor}.get(state, QColor())
        tint = index.data(TINT_ROLE)
        background = grid.shortBackground if state == "short" else (
            grid.todayBackground if tint == "today" else grid.weekendBackground if tint == "weekend" else QColor())
        if state == "short":
            option.font.setWeight(QFont.Weight.Bold)
        if index.data(PLANNED_ROLE):
            option.font.setItalic(True)
        paint_colors(option, background, text)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:  # Qt override
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        painter.save()
        if selected:
            painter.fillRect(opt.rect, opt.palette.color(QPalette.ColorRole.Highlight))
        elif opt.backgroundBrush.style() != Qt.BrushStyle.NoBrush:
            painter.fillRect(opt.rect, opt.backgroundBrush)
        painter.setPen(opt.palette.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text))
        count, _, mark = str(index.data(Qt.DisplayRole) or "").partition("\n")
        painter.setFont(opt.font)
        if not mark:
            painter.drawText(opt.rect, Qt.AlignCenter, count)
        else:  # the count just above the middle, the mark just below it, in a smaller size
            middle = opt.rect.center().y()
            painter.drawText(opt.rect.adjusted(0, 0, 0, middle - opt.rect.bottom()), Qt.AlignHCenter | Qt.AlignBottom,
                             count)
            small = mark_font(opt.font)
            painter.setFont(small)
            painter.drawText(opt.rect.adjusted(0, middle - opt.rect.top() + 1, 0, 0), Qt.AlignHCenter | Qt.AlignTop,
                             fitted_mark(mark, small, opt.rect.width()))
        if opt.state & QStyle.StateFlag.State_HasFocus:
            painter.setPen(QPen(opt.palette.color(QPalette.ColorRole.Highlight).darker(160), 2))
            painter.drawRect(opt.rect.adjusted(1, 1, -1, -1))
        painter.restore()


class MonthGrid(QTableView):
    """The month's cells, every day's column the same width so that the month reads as a calendar row. Page Up and
    Page Down ask for the month before or after (`month_step`), as in a calendar."""

    month_step = Signal(int)

    def __init__(self, model: MonthModel, parent: QWidget | None = None):
        super().__init__(parent)
        self.setModel(model)
        self.setObjectName("monthGrid")
        self.setAccessibleName("The month's key-time coverage: the fewest on duty in each window, by day")
        self.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SingleSelection)
        self.setTabKeyNavigation(False)
        self.setWordWrap(True)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.Stretch)
        self.horizontalHeader().setMinimumSectionSize(24)
        self.verticalHeader().setSectionResizeMode(QHeaderView.Stretch)  # a few windows: the rows share the room
        self.verticalHeader().setDefaultAlignment(Qt.AlignLeft | Qt.AlignVCenter)
        self.setItemDelegate(MonthCells(self))

    def keyPressEvent(self, event: QKeyEvent) -> None:  # Qt override: the view would move a page of rows
        if event.modifiers() == Qt.NoModifier and event.key() in (Qt.Key_PageUp, Qt.Key_PageDown):
            self.month_step.emit(-1 if event.key() == Qt.Key_PageUp else 1)
            return
        super().keyPressEvent(event)  # Ctrl+PgUp/PgDown stay the area's tabs'

    def fit_rows(self) -> None:
        """Rows at least as tall as a window's three-line label; more when there is room."""
        self.ensurePolished()
        self.verticalHeader().setMinimumSectionSize(3 * self.fontMetrics().lineSpacing() + 14)

    calmColor = sheet_color("calmColor")
    shortBackground = sheet_color("shortBackground")
    shortColor = sheet_color("shortColor")
    noneColor = sheet_color("noneColor")
    weekendBackground = sheet_color("weekendBackground")
    todayBackground = sheet_color("todayBackground")


class MonthTab(Page):
    """A month of coverage with previous / next / this month; a day double-clicked (or Enter) asks the area for its
    week (`week_requested`). The month shown is kept while the tab lives; a refresh reads it again."""

    title = "Month"
    week_requested = Signal(dt.date)

    def __init__(self, ws: Workspace, home: Home, parent: QWidget | None = None):
        super().__init__(ws, home, parent)
        self.month = to_local(ws.now()).date().replace(day=1)
        self.shown: MonthView | None = None
        self.model = MonthModel(self)
        self.grid = MonthGrid(self.model)
        self.grid.activated.connect(self._on_grid_activated)
        self._build()
        self.refresh()

    def _build(self) -> None:
        intro = QLabel(INTRO)
        intro.setObjectName("hint")
        intro.setWordWrap(True)
        self.heading = QLabel()
        self.heading.setObjectName("sectionTitle")
        self.previous = QPushButton("\u2039 &Previous month")
        self.following = QPushButton("&Next month \u203a")
        self.this_month = QPushButton("&This month")
        for button, step, tip in ((self.previous, -1, "The month before (Page Up)"),
                                  (self.following, 1, "The month after (Page Down)"),
                                  (self.this_month, 0, "Back to the month of today")):
            button.setToolTip(tip)
            button.clicked.connect(lambda _checked=False, step=step: self.step_month(step))
        self.grid.month_step.connect(self.step_month)
        self.summary = QLabel()
        self.summary.setObjectName("monthSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextSelectableByMouse | Qt.TextSelectableByKeyboard)
        navigation = QHBoxLayout()
        navigation.addWidget(self.heading)
        navigation.addStretch(1)
        for button in (self.previous, self.this_month, self.following):
            navigation.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(intro)
        layout.addLayout(navigation)
        layout.addWidget(self.summary)
        layout.addWidget(self.grid, 1)

    def step_month(self, months: int) -> None:
        """Months back (negative) or forward; 0 goes back to the month of today."""
        today = to_local(self.ws.now()).date()
        self.month = today.replace(day=1) if months == 0 else self.month + relativedelta(months=months)
        self.refresh()

    def show_month(self, day: dt.date) -> None:
        self.month = day.replace(day=1)
        self.refresh()

    def refresh(self) -> None:
        self.shown = staffing_view.month_view(self.ws, self.home, self.month)
        waiting = days_not_on_rota(self.shown)
        self.model.set_month(self.shown, waiting)
        self.grid.fit_rows()
        self.heading.setText(f"{self.month:%B %Y}")
        self.summary.setText(summary_text(self.shown, waiting))
        self.this_month.setEnabled(self.month != to_local(self.ws.now()).date().replace(day=1))

    def _on_grid_activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.week_requested.emit(self.model.days[index.column()])
