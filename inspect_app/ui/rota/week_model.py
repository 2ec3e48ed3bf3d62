"""The week grid's table model: one row per member of staff, one column per day (Monday to Sunday), each cell the
shifts that person is planned to start that day, in words: type and planned times, the times worked where they
differ, an absence, the shift lead."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from ...domain.local_time import format_date, to_local
from ...domain.records import Staff
from ...domain.rota import Shift
from ...domain.shift_patterns import is_clock_change_day
from ...domain.vocabulary import Employment, ShiftType, StaffRole
from ...services.rota_week import WeekRota

ABSENT_ROLE = Qt.ItemDataRole.UserRole + 1  # every shift of the cell is absent: drawn in the absence style
TODAY_ROLE = Qt.ItemDataRole.UserRole + 2  # the cell is in today's column
SHORT_ROLE = Qt.ItemDataRole.UserRole + 3  # the cell's text with the long shift types shortened (a narrow column)
SHORT_TYPES = {ShiftType.WAKING_NIGHT: "W. night"}  # "Waking night · lead" is wider than a day at 1280 pixels


def clock(moment: datetime) -> str:
    return f"{to_local(moment):%H:%M}"


def span(start: datetime, end: datetime) -> str:
    return f"{clock(start)}-{clock(end)}"


def duration(start: datetime, end: datetime) -> str:
    minutes = round((end - start).total_seconds() / 60)
    hours, rest = divmod(minutes, 60)
    return f"{hours} h {rest:02d} min" if rest else f"{hours} h"


def worked_differs(shift: Shift) -> bool:
    return shift.actual_start is not None and (shift.actual_start, shift.actual_end) != (shift.planned_start,
                                                                                        shift.planned_end)


def shift_lines(shift: Shift, short: bool = False) -> list[str]:
    """'Day · lead' over the planned '07:00-15:00', then 'did 07:10-15:40' where the times worked differ, or
    'Absent: sick'. Lines short enough for a day's column on a 1280-pixel screen: longer ones would wrap, and a
    week of worked shifts would fill the screen with a few people; `short` shortens the long types ('W. night ·
    lead'), for a column too narrow for them (the tooltip has the type in full)."""
    kind = SHORT_TYPES.get(shift.shift_type, shift.shift_type.label) if short else shift.shift_type.label
    lines = [kind + (" · lead" if shift.shift_lead else ""), span(shift.planned_start, shift.planned_end)]
    if shift.absence is not None:
        lines.append(f"Absent: {shift.absence.label.lower()}")
    elif worked_differs(shift):
        lines.append(f"did {span(shift.actual_start, shift.actual_end)}")
    return lines


def cell_text(shifts: list[Shift], short: bool = False) -> str:
    return "\n".join(line for s in shifts for line in shift_lines(s, short))


def shift_description(shift: Shift) -> str:
    """The whole story of one shift, for the cell's tooltip and screen readers."""
    planned = (f"{shift.shift_type.label} shift planned {format_date(to_local(shift.planned_start).date())} "
               f"{span(shift.planned_start, shift.planned_end)} ({duration(shift.planned_start, shift.planned_end)})")
    if to_local(shift.planned_end).date() != to_local(shift.planned_start).date():
        planned += ", ending the next day"
    parts = [planned + (", shift lead" if shift.shift_lead else "")]
    if shift.absence is not None:
        parts.append(f"Absent ({shift.absence.label.lower()}): not worked")
    elif shift.actual_start is not None:
        parts.append(f"Worked {span(shift.actual_start, shift.actual_end)} "
                     f"({duration(shift.actual_start, shift.actual_end)})")
    else:
        parts.append("Times worked not recorded: counted as planned")
    return "\n".join(parts)


def staff_label(person: Staff, first_day: date) -> str:
    """'Sam Lee' over 'Care worker · agency' (and when they left, if they have)."""
    role = "Manager" if person.role is StaffRole.REGISTERED_MANAGER else person.role.label
    # agency and bank staff stand out (SPEC 2.6: their share of the hours); permanent is the usual case
    second = role if person.employment in (None, Employment.PERMANENT) else f"{role} · {person.employment.label.lower()}"
    if person.left_on is not None and person.left_on <= first_day:
        second += f" · left {format_date(person.left_on)}"
    elif person.left_on is not None:
        second += f" · leaves {format_date(person.left_on)}"
    return f"{person.full_name}\n{second}"


def day_heading(day: date, today: date) -> str:
    """'Mon' over '23/11', with 'Today' or the clock change under them."""
    lines = [f"{day:%a}", f"{day:%d/%m}"]
    if day == today:
        lines.append("Today")
    if is_clock_change_day(day):
        lines.append("Clocks " + ("forward" if day.month < 7 else "back"))
    return "\n".join(lines)


class WeekModel(QAbstractTableModel):
    """The week's rota as cells of text; read-only (the tab adds and changes shifts through the services)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.week: WeekRota | None = None
        self.today: date | None = None
        self.days: list[date] = []
        self._texts: list[list[str]] = []
        self._short: list[list[str]] = []
        self._absent: list[list[bool]] = []
        self._labels: list[str] = []

    def set_week(self, week: WeekRota, today: date) -> None:
        """Every cell's text worked out once (data() is asked again and again as the grid is drawn)."""
        self.beginResetModel()
        self.week, self.today = week, today
        self.days = list(week.period.dates())
        cells = [[week.shifts_of(p.id, day) for day in self.days] for p in week.staff]
        self._texts = [[cell_text(shifts) for shifts in row] for row in cells]
        self._short = [[cell_text(shifts, short=True) for shifts in row] for row in cells]
        self._absent = [[bool(shifts) and all(s.absence is not None for s in shifts) for shifts in row]
                        for row in cells]
        self._labels = [staff_label(p, week.period.start) for p in week.staff]
        self.endResetModel()

    def person(self, row: int) -> Staff:
        return self.week.staff[row]

    def day(self, column: int) -> date:
        return self.days[column]

    def shifts_at(self, index: QModelIndex | QPersistentModelIndex) -> list[Shift]:
        if not index.isValid() or self.week is None:
            return []
        return self.week.shifts_of(self.person(index.row()).id, self.day(index.column()))

    def index_of(self, staff_id: int, day: date) -> QModelIndex:
        row = next((i for i, p in enumerate(self.week.staff) if p.id == staff_id), -1) if self.week else -1
        return self.index(row, self.days.index(day)) if row >= 0 and day in self.days else QModelIndex()

    # Qt overrides ----------------------------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() or self.week is None else len(self.week.staff)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() or self.week is None else 7

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.DisplayRole):
        if self.week is None:
            return None
        if orientation == Qt.Horizontal:
            day = self.day(section)
            if role == Qt.DisplayRole:
                return day_heading(day, self.today)
            if role == Qt.ToolTipRole:
                return f"{day:%A} {format_date(day)}" + (" (today)" if day == self.today else "")
            return None
        if role in (Qt.DisplayRole, Qt.ToolTipRole):
            return self._labels[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.DisplayRole):
        if not index.isValid() or self.week is None:
            return None
        if role == Qt.DisplayRole:
            return self._texts[index.row()][index.column()]
        if role in (Qt.ToolTipRole, Qt.AccessibleTextRole):
            return self._tooltip(index)
        if role == SHORT_ROLE:
            return self._short[index.row()][index.column()]
        if role == ABSENT_ROLE:
            return self._absent[index.row()][index.column()]
        if role == TODAY_ROLE:
            return self.days[index.column()] == self.today
        return None

    def _tooltip(self, index: QModelIndex | QPersistentModelIndex) -> str:
        person, day = self.person(index.row()), self.day(index.column())
        shifts = self.shifts_at(index)
        head = f"{person.full_name}, {day:%a} {format_date(day)}"
        if not shifts:
            return f"{head}: no shift.\nType a shift code (D, L...) to add one, or press Enter."
        return "\n".join([f"{head}:", *(shift_description(s) for s in shifts)])
