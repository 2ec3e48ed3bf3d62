"""Table models of the registers and other lists of a home's records, and the filter that searches them and hides past
entries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Callable, Collection, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt

from ...domain.local_time import format_date
from ...domain.records import Child, Staff
from ...domain.staffing_compliance import pi_refresher_due
from ...domain.vocabulary import CARE_ROLES, StaffRole
from ...services.staffing_view import DEFAULT_PI_REFRESHER_MONTHS

R = TypeVar("R")
RECORD_ID_ROLE = Qt.UserRole + 1
MARKED_ROLE = Qt.UserRole + 2  # True for a cell that needs attention: drawn bold in the problem colour (record_table)


@dataclass(frozen=True)
class Column(Generic[R]):
    """One column: its title, the text shown, and the raw value it sorts on (dates as dates, not text)."""

    title: str
    display: Callable[[R, date], str]
    sort_key: Callable[[R, date], Any] | None = None
    share: int = 0  # a long text's share of the width the short columns leave (column_fit); 0: a short column
    tip: str = ""  # what the column means, for the header's tooltip
    whole: Callable[[R, date], str] | None = None  # the cell's tooltip when the cell shortens it (its lines kept)


def titles(columns: tuple[Column, ...]) -> tuple[str, ...]:
    """Every column's title: what a page's `marked` gives for a whole row."""
    return tuple(c.title for c in columns)


def one_line(text: str) -> str:
    """A text of several lines as one, for a cell of a list (the tooltip keeps the lines: Column.whole)."""
    return " ".join(text.split())


def date_key(value: date | None) -> tuple:
    """A date to sort on, the blank ones first."""
    return value is None, value or date.min


def _yes_no(value: bool | None) -> str:
    return {True: "Yes", False: "No", None: "Not recorded"}[value]


def age_on(born: date | None, day: date) -> int | None:
    if born is None:
        return None
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def _born_text(child: Child, today: date) -> str:
    age = age_on(child.date_of_birth, today)
    return "" if age is None else f"{format_date(child.date_of_birth)} ({age})"


def level3_text(staff: Staff, today: date) -> str:
    """"Achieved", "Due by" or "Overdue since" over the date: two short lines, for a narrow column. An achievement
    dated after today is not one yet (Staff.level3_achieved_by): the due date is shown, and the date typed."""
    if staff.level3_achieved_by(today):
        return f"Achieved\n{format_date(staff.level3_achieved_on)}"
    later = (f"achievement dated {format_date(staff.level3_achieved_on)} is after today"
             if staff.level3_achieved_on is not None else "")
    due = staff.level3_due
    if due is None:
        if later:
            return f"Not achieved yet\n({later})"
        return "" if staff.role not in CARE_ROLES else "Start date not recorded"
    text = f"Overdue since\n{format_date(due)}" if due < today else f"Due by\n{format_date(due)}"
    return f"{text} ({later})" if later else text


def is_current(record: Child | Staff, today: date) -> bool:
    """Still at the home today (someone who left today is shown with the past entries)."""
    return record.left_on is None or record.left_on > today


def always_current(_record: Any, _today: date) -> bool:
    """For a list with no past entries to hide."""
    return True


def _date_column(title: str, name: str, tip: str = "") -> Column:
    return Column(title, lambda r, _t: format_date(getattr(r, name)), lambda r, _t: date_key(getattr(r, name)),
                  tip=tip)


CHILD_COLUMNS: tuple[Column[Child], ...] = (
    Column("Ref", lambda c, _t: c.ref),
    Column("Name", lambda c, _t: c.full_name, lambda c, _t: (c.last_name.casefold(), c.first_name.casefold())),
    Column("Born (age)", _born_text, lambda c, _t: (c.date_of_birth is None, c.date_of_birth or date.min),
           tip="Date of birth, and age today"),
    Column("Sex", lambda c, _t: c.sex),
    _date_column("Admitted", "admitted_on"),
    _date_column("Left", "left_on"),
    Column("Placing authority", lambda c, _t: c.placing_authority, share=1),
    Column("Legal status", lambda c, _t: c.legal_status.label if c.legal_status else "Not recorded", share=1),
    Column("EHC plan", lambda c, _t: _yes_no(c.ehcp)),
)

def level5_text(staff: Staff, _today: date) -> str:
    """reg 28: the registered manager's Level 5. Only "Achieved" or "Not recorded": the register holds no date they
    started to manage, so no due date is worked out (the date started in a care role would be years too early)."""
    if staff.level5_achieved_on is not None:
        return f"Achieved\n{format_date(staff.level5_achieved_on)}"
    return "Not recorded" if staff.role is StaffRole.REGISTERED_MANAGER else ""


def pi_text(staff: Staff, today: date, months: int) -> str:
    """"24/11/2025", and on a second line "refresher due 24/11/2026" or "refresher overdue since ..."; the date alone
    when the home tracks no refresher (0 months)."""
    if staff.pi_trained_on is None:
        return "Not recorded" if staff.role in CARE_ROLES else ""
    trained = format_date(staff.pi_trained_on)
    due = pi_refresher_due(staff, months)
    if due is None:
        return trained
    return f"{trained}\nrefresher {'overdue since' if due < today else 'due'} {format_date(due)}"


def level3_overdue_on(staff: Staff, today: date) -> bool:
    """reg 32(4): here now, in a care role, without the Level 3 (achieved by today) after its due date."""
    due = staff.level3_due
    return is_current(staff, today) and not staff.level3_achieved_by(today) and due is not None and due < today


def pi_refresher_overdue_on(staff: Staff, today: date, months: int) -> bool:
    due = pi_refresher_due(staff, months)
    return is_current(staff, today) and due is not None and due < today


def staff_columns(refresher_months: int = DEFAULT_PI_REFRESHER_MONTHS) -> tuple[Column[Staff], ...]:
    """The staff register's columns; the PI training's refresher after the home's number of months (a setting:
    services.staffing_view.pi_refresher_months)."""
    refresher = (f"a refresher due {refresher_months} months after it (the home's setting: schemes differ, most "
                 "refresh yearly)" if refresher_months else "no refresher tracked (the home's setting)")
    return (
        Column("Ref", lambda s, _t: s.ref),
        Column("Name", lambda s, _t: s.full_name),
        Column("Role", lambda s, _t: s.role.label, lambda s, _t: list(StaffRole).index(s.role), share=1),
        Column("Employment", lambda s, _t: s.employment.label if s.employment else "Not recorded"),
        _date_column("Started", "care_role_started_on", "Started in a care role"),
        Column("Level 3", level3_text, lambda s, t: (s.level3_achieved_by(t), s.level3_due or date.max),
               share=2, tip="Level 3 Diploma: due 2 years after starting a care role (reg 32(4))"),
        Column("Level 5", level5_text, lambda s, _t: date_key(s.level5_achieved_on),
               tip="Level 5 Diploma in Leadership and Management for Residential Childcare: a registered manager "
                   "needs it within 3 years of starting to manage the home (reg 28). The register does not hold the "
                   "date they started to manage, so no due date is worked out here."),
        Column("PI trained", lambda s, t: pi_text(s, t, refresher_months),
               lambda s, _t: (pi_refresher_due(s, refresher_months) or s.pi_trained_on or date.max), share=2,
               tip=f"Physical-intervention training in the home's scheme: the date, and {refresher}"),
        Column("Signs off", lambda s, _t: "Yes" if s.authorised_signoff else "No",
               tip="Authorised by the registered person to sign off reg 35 records (reg 35(3)(b))"),
        _date_column("Left", "left_on"),
    )


def staff_marks(refresher_months: int = DEFAULT_PI_REFRESHER_MONTHS) -> Callable[[Staff, date], Collection[str]]:
    """The staff register's cells that need attention: the Level 3 past its due date, the PI refresher past its."""
    def marked(staff: Staff, today: date) -> Collection[str]:
        return (("Level 3",) if level3_overdue_on(staff, today) else ()) + (
            ("PI trained",) if pi_refresher_overdue_on(staff, today, refresher_months) else ())
    return marked


STAFF_COLUMNS: tuple[Column[Staff], ...] = staff_columns()


def nothing_marked(_record: Any, _today: date) -> Collection[str]:
    return ()


class RegisterModel(QAbstractTableModel, Generic[R]):
    """Rows of one register (or any list of records) with their texts, tooltips, sort keys and marks worked out once,
    so data() does no work; `current` says which rows are shown without "show past entries", `marked` the titles of
    a record's cells that need attention."""

    def __init__(self, columns: tuple[Column, ...], parent=None, current: Callable[[Any, date], bool] = is_current,
                 marked: Callable[[Any, date], Collection[str]] = nothing_marked):
        super().__init__(parent)
        self.columns = columns
        self._is_current = current
        self._marked_titles = marked
        self._records: list[R] = []
        self._texts: list[tuple[str, ...]] = []
        self._tips: list[tuple[str, ...]] = []
        self._keys: list[tuple[Any, ...]] = []
        self._current: list[bool] = []
        self._marked: list[frozenset[int]] = []
        self._searched: list[tuple[str, ...]] = []  # the texts on one line, in lower case: a search spans a break

    def set_records(self, records: list[R], today: date) -> None:
        self.beginResetModel()
        self._records = list(records)
        self._texts = [tuple(c.display(r, today) for c in self.columns) for r in self._records]
        self._searched = [tuple(one_line(t).casefold() for t in texts) for texts in self._texts]
        self._tips = [tuple(c.whole(r, today) if c.whole else text for c, text in zip(self.columns, texts))
                      for r, texts in zip(self._records, self._texts)]
        self._keys = [tuple((c.sort_key or c.display)(r, today) for c in self.columns) for r in self._records]
        self._current = [self._is_current(r, today) for r in self._records]
        self._marked = [self._columns_titled(self._marked_titles(r, today)) for r in self._records]
        self.endResetModel()

    def use(self, columns: tuple[Column, ...], marked: Callable[[Any, date], Collection[str]] | None = None) -> None:
        """The same columns' texts (and marks) worked out another way, from the next set_records on: a home's
        setting they depend on was read again (the staff register's PI refresher)."""
        if [c.title for c in columns] != [c.title for c in self.columns]:
            raise ValueError("a list's columns are changed only for columns with the same titles")
        self.columns = columns
        if marked is not None:
            self._marked_titles = marked

    def _columns_titled(self, names: Collection[str]) -> frozenset[int]:
        return frozenset(i for i, c in enumerate(self.columns) if c.title in names)

    def record(self, row: int) -> R:
        return self._records[row]

    def row_of(self, record_id: int) -> int:
        return next((i for i, r in enumerate(self._records) if r.id == record_id), -1)

    def sort_key(self, row: int, column: int) -> Any:
        return self._keys[row][column]

    def is_current(self, row: int) -> bool:
        return self._current[row]

    def matches(self, row: int, needle: str) -> bool:
        return any(needle in text for text in self._searched[row])

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # Qt override
        return 0 if parent.isValid() else len(self._records)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # Qt override
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.DisplayRole):  # Qt override
        if orientation != Qt.Horizontal:
            return None
        if role == Qt.DisplayRole:
            return self.columns[section].title
        if role == Qt.ToolTipRole:
            return self.columns[section].tip or self.columns[section].title
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.DisplayRole):  # Qt override
        if not index.isValid():
            return None
        if role == Qt.DisplayRole:
            return self._texts[index.row()][index.column()]
        if role == Qt.ToolTipRole:
            return self._tips[index.row()][index.column()]
        if role == MARKED_ROLE:
            return index.column() in self._marked[index.row()]
        if role == RECORD_ID_ROLE:
            return self._records[index.row()].id
        return None


class RegisterFilter(QSortFilterProxyModel):
    """Search across every column, and show only the people here today unless past entries are asked for."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._needle = ""
        self._show_past = False

    def set_search(self, text: str) -> None:
        self.beginFilterChange()
        self._needle = text.strip().casefold()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_show_past(self, shown: bool) -> None:
        self.beginFilterChange()
        self._show_past = shown
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent) -> bool:  # Qt override
        model: RegisterModel = self.sourceModel()
        if not self._show_past and not model.is_current(source_row):
            return False
        return not self._needle or model.matches(source_row, self._needle)

    def lessThan(self, left: QModelIndex, right: QModelIndex) -> bool:  # Qt override
        model: RegisterModel = self.sourceModel()
        return model.sort_key(left.row(), left.column()) < model.sort_key(right.row(), right.column())
