"""The rota area's week tab: the week's grid of staff by day (schedule 4: planned and worked), moved a week at a time,
with quick entry of standard shifts, the shift editor, removal, copying last week, and the key-time coverage strip
under it (Narey rec 4), which follows every change."""

from __future__ import annotations

import logging
from datetime import date, timedelta

from PySide6.QtCore import QModelIndex, QPoint, QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMenu, QVBoxLayout, QWidget

from ...domain.errors import UserFacingError, ValidationFailed
from ...domain.local_time import format_date, to_local
from ...domain.records import Home
from ...domain.roles import Permission
from ...domain.rota import Shift
from ...domain.shift_patterns import removal_problem
from ...services import rota_week
from ...services.workspace import Workspace
from ..messages import ask, ask_reason
from ..page import Page
from ..permissions import allow, as_sentence, refusal
from .coverage_strip import CoverageModel, CoverageStrip
from .shift_editor import ShiftEditor
from .standard_times import StandardTimesDialog
from .week_bar import WeekBar
from .week_grid import WeekGrid
from .week_model import WeekModel, span

log = logging.getLogger(__name__)
STARTED_WARNING = ("\n\nIt has started: with no times worked recorded it counts as worked as planned. Remove it only "
                   "if it was put on the rota by mistake; if nobody worked it, mark it absent instead. Say why it is "
                   "taken off the rota: the record keeps the reason.")


def shift_words(shift: Shift, name: str) -> str:
    """'the day shift 07:00-15:00 of Sam Jones on Mon 23/11/2026'."""
    day = shift.local_date()
    return (f"the {shift.shift_type.label.lower()} shift {span(shift.planned_start, shift.planned_end)} of {name} "
            f"on {day:%a} {format_date(day)}")


class WeekTab(Page):
    """One week at a time (the week shown is kept while the area lives). Those who keep the rota (KEEP_ROTA) add,
    change, remove and copy; provider viewers read it, the controls saying why they are closed."""

    title = "Week"

    def __init__(self, ws: Workspace, home: Home, parent: QWidget | None = None):
        super().__init__(ws, home, parent)
        self.monday = rota_week.week_of(self.today).start
        self.week: rota_week.WeekRota | None = None
        self.editor: ShiftEditor | None = None
        self.times_dialog: StandardTimesDialog | None = None
        self.choice_menu: QMenu | None = None
        self._align_pending = False
        self.model = WeekModel(self)
        self.grid = WeekGrid(self.model)
        self.strip_model = CoverageModel(self)
        self.strip = CoverageStrip(self.strip_model)
        self._build()
        self._connect()
        self.refresh()

    @property
    def today(self) -> date:
        return to_local(self.ws.now()).date()

    @property
    def why_not(self) -> str:
        """'' when this account keeps the rota; otherwise why not."""
        return refusal(self.ws, Permission.KEEP_ROTA, self.home.id)

    # building ------------------------------------------------------------------------------------------------------
    def _build(self) -> None:
        self.bar = WeekBar()
        strip_title = QLabel("Key times: the fewest on duty in each window against its minimum (Narey rec 4)")
        strip_title.setObjectName("sectionTitle")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.setSpacing(6)
        layout.addWidget(self.bar)
        layout.addWidget(self.grid, 1)
        layout.addWidget(strip_title)
        self.strip_row = QHBoxLayout()  # its right margin: the room of the grid's scroll bar (_align_strip)
        self.strip_row.setContentsMargins(0, 0, 0, 0)
        self.strip_row.addWidget(self.strip)
        layout.addLayout(self.strip_row)

    def _connect(self) -> None:
        bar = self.bar
        bar.previous_button.clicked.connect(lambda: self.step_week(-1))
        bar.next_button.clicked.connect(lambda: self.step_week(1))
        bar.this_week_button.clicked.connect(lambda: self.show_week(self.today))
        bar.go_to.textChanged.connect(self._on_go_to_changed)
        bar.add_button.clicked.connect(self.add_at_current)
        bar.open_button.clicked.connect(lambda: self.open_cell(self.grid.currentIndex()))
        bar.remove_button.clicked.connect(lambda: self.remove_at(self.grid.currentIndex()))
        bar.copy_button.clicked.connect(self.copy_last_week)
        bar.times_button.clicked.connect(self.edit_standard_times)
        self.grid.open_requested.connect(self.open_cell)
        self.grid.delete_requested.connect(self.remove_at)
        self.grid.code_typed.connect(self.enter_code)
        self.grid.week_step_requested.connect(self.step_week)
        self.grid.horizontalHeader().sectionResized.connect(self._on_grid_columns_resized)
        self.grid.selectionModel().currentChanged.connect(self._update_buttons)

    # the week shown ----------------------------------------------------------------------------------------------
    def show_week(self, day: date) -> None:
        self.monday = rota_week.week_of(day).start
        self.bar.clear_message()
        self.refresh()

    def step_week(self, step: int) -> None:
        self.show_week(self.monday + timedelta(days=7 * step))

    def _on_go_to_changed(self, text: str) -> None:
        try:
            day = self.bar.go_to.date()
        except ValueError:
            return
        if day is not None and len(text.strip()) == 10 and rota_week.week_of(day).start != self.monday:
            self.show_week(day)

    def refresh(self) -> None:
        """Reads the week shown again (only its shifts: a busy home keeps 2,500 a year); the cell chosen stays."""
        kept = self._current_key()
        self.week = rota_week.read_week(self.ws, self.home, self.monday)
        self.model.set_week(self.week, self.today)
        self.strip_model.set_week(self.week)
        self.strip.fit_height()
        period = self.week.period
        self.bar.week_label.setText(f"Week of {period.start:%a} {format_date(period.start)} to "
                                    f"{period.end:%a} {format_date(period.end)}")
        self.bar.this_week_button.setEnabled(self.today not in set(period.dates()))
        self.grid.editable = not self.why_not
        self.bar.legend.setText(self._legend_text())
        self._restore_current(kept)
        self._align_strip()
        self.grid.fit_rows()
        self._update_buttons()

    def _legend_text(self) -> str:
        codes = " · ".join(f"{s.code} {s.describe()}" for s in rota_week.standard_shifts(self.ws, self.home))
        if self.why_not:
            return f"Shift codes: {codes}. \"did\": the times worked, where they differ from the plan."
        return (f"Type a code in a cell to add that shift: {codes}. \"did\": the times worked. Enter opens a cell, "
                "Delete removes a planned shift, Page Up and Page Down change the week.")

    def _current_key(self) -> tuple[int, date] | None:
        index = self.grid.currentIndex()
        if not index.isValid() or self.model.week is None:
            return None
        return self.model.person(index.row()).id, self.model.day(index.column())

    def _restore_current(self, key: tuple[int, date] | None) -> None:
        staff_id, day = key if key else (None, None)
        if day is not None:
            day = self.monday + timedelta(days=day.weekday())  # the same weekday of the week shown
        index = self.model.index_of(staff_id, day) if staff_id is not None else QModelIndex()
        if not index.isValid() and self.model.rowCount():
            index = self.model.index(0, max(0, min(6, (self.today - self.monday).days)))
        if index.isValid():
            self.grid.setCurrentIndex(index)

    def _on_grid_columns_resized(self, *_args) -> None:
        """Aligned again once every column has its new width (the header resizes them one by one)."""
        if not self._align_pending:
            self._align_pending = True
            QTimer.singleShot(0, self, self._align_strip)

    def _align_strip(self) -> None:
        """The strip's columns under the grid's, whatever the widths of the names and windows, and its right edge
        where the grid's days end (not under the grid's scroll bar)."""
        self._align_pending = False
        width = max(self.grid.verticalHeader().sizeHint().width(), self.strip.verticalHeader().sizeHint().width())
        for view in (self.grid, self.strip):
            if view.verticalHeader().width() != width:
                view.verticalHeader().setFixedWidth(width)
        days = 0
        for column in range(self.strip_model.columnCount()):
            self.strip.setColumnWidth(column, self.grid.columnWidth(column))
            days += self.grid.columnWidth(column)
        if days:
            right = self.grid.width() - width - days - 2 * self.strip.frameWidth()
            self.strip_row.setContentsMargins(0, 0, max(right, 0), 0)

    def _update_buttons(self, *_args) -> None:
        why = self.why_not
        shifts = self.model.shifts_at(self.grid.currentIndex())
        chosen = self.grid.currentIndex().isValid()
        bar = self.bar
        allow(bar.add_button, why, chosen, "Add a shift for the person and day chosen in the grid")
        allow(bar.open_button, why, bool(shifts), "Open the shift in the cell chosen (Enter or F2)")
        allow(bar.remove_button, why, bool(shifts), "Take a planned shift off the rota (Delete); a worked one stays")
        allow(bar.copy_button, why, tip="Copy last week's planned shifts into this week")
        allow(bar.times_button, why, tip="The codes typed in the grid and the times they put on the rota")

    # messages near the grid --------------------------------------------------------------------------------------
    def show_problem(self, text: str) -> None:
        self.bar.show_problem(text)

    def show_status(self, text: str) -> None:
        self.bar.show_status(text)

    def _changed(self, message: str) -> None:
        self.refresh()
        self.show_status(message)
        self.records_changed.emit()

    # quick entry ---------------------------------------------------------------------------------------------------
    def enter_code(self, index: QModelIndex, code: str) -> Shift | None:
        """A standard shift for the cell's person and day; the grid moves on to the next day, as typing a rota
        across a week goes."""
        if self.why_not:
            self.show_problem(self.why_not)
            return None
        person, day = self.model.person(index.row()), self.model.day(index.column())
        try:
            made = rota_week.add_standard_shift(self.ws, self.home, person.id, day, code)
        except ValidationFailed as exc:
            self.show_problem(" ".join(as_sentence(p.message) for p in exc.problems))
            return None
        except UserFacingError as exc:
            self.show_problem(str(exc))
            return None
        log.info("shift added by code: id %s", made.id)
        self._changed(f"Added {shift_words(made, person.full_name)}")
        following = self.model.index_of(person.id, day + timedelta(days=1))
        self.grid.setCurrentIndex(following if following.isValid() else self.model.index_of(person.id, day))
        return made

    # the editor -----------------------------------------------------------------------------------------------------
    def open_cell(self, index: QModelIndex) -> ShiftEditor | None:
        """Enter, F2 or a double-click: the cell's shift, a choice when it has two, or a new one when it has none."""
        if not index.isValid():
            return None
        if self.why_not:
            self.show_problem(f"{self.why_not} The cell's tooltip has the shift's details")
            return None
        shifts = self.model.shifts_at(index)
        if len(shifts) == 1:
            return self.edit_shift(shifts[0])
        if not shifts:
            return self.add_shift(self.model.person(index.row()).id, self.model.day(index.column()))
        self._choose(index, shifts, "Open", self.edit_shift, add=True)
        return None

    def add_at_current(self) -> ShiftEditor | None:
        index = self.grid.currentIndex()
        if not index.isValid() or self.why_not:
            return None
        return self.add_shift(self.model.person(index.row()).id, self.model.day(index.column()))

    def add_shift(self, staff_id: int, day: date) -> ShiftEditor:
        self.editor = ShiftEditor(self.ws, self.home, None, self, staff=self.week.staff, staff_id=staff_id, day=day)
        return self._open_editor()

    def edit_shift(self, shift: Shift) -> ShiftEditor:
        self.editor = ShiftEditor(self.ws, self.home, shift, self, staff=self.week.staff)
        return self._open_editor()

    def _open_editor(self) -> ShiftEditor:
        self.bar.clear_message()
        self.editor.record_saved.connect(self._on_editor_record_saved)
        self.editor.open()
        return self.editor

    def _on_editor_record_saved(self, shift: Shift) -> None:
        name = self.week.names.get(shift.staff_id, "")
        if not self.week.period.contains_date(shift.local_date()):
            self.monday = rota_week.week_of(shift.local_date()).start  # moved to another week: show it there
        self._changed(f"Saved {shift_words(shift, name)}")
        index = self.model.index_of(shift.staff_id, shift.local_date())
        if index.isValid():
            self.grid.setCurrentIndex(index)

    def _choose(self, index: QModelIndex, shifts: list[Shift], verb: str, then, add: bool = False) -> None:
        """A menu of the cell's shifts (a late then a sleep-in), at the cell."""
        self.choice_menu = QMenu(self)
        name = self.model.person(index.row()).full_name
        for shift in shifts:
            action = self.choice_menu.addAction(f"{verb} {shift_words(shift, name)}")
            action.triggered.connect(lambda _=False, s=shift: then(s))
        if add:
            self.choice_menu.addSeparator()
            person, day = self.model.person(index.row()).id, self.model.day(index.column())
            self.choice_menu.addAction("Add another shift…").triggered.connect(lambda: self.add_shift(person, day))
        rect = self.grid.visualRect(index)
        self.choice_menu.popup(self.grid.viewport().mapToGlobal(rect.bottomLeft() + QPoint(0, 1)))

    # removing ---------------------------------------------------------------------------------------------------------
    def remove_at(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        if self.why_not:
            self.show_problem(self.why_not)
            return
        shifts = self.model.shifts_at(index)
        if not shifts:
            self.show_problem("There is no shift in that cell to remove")
        elif len(shifts) == 1:
            self.remove_shift(shifts[0])
        else:
            self._choose(index, shifts, "Remove", self.remove_shift)

    def remove_shift(self, shift: Shift) -> bool:
        """Asks first, and for a shift that has started asks why (services.rota_week.delete_shift keeps the reason
        with the record); a worked shift, or one with an absence, stays on the rota and the line says why."""
        name = self.week.names.get(shift.staff_id, "")
        problem = removal_problem(shift)
        if problem:
            self.show_problem(f"{shift_words(shift, name)} cannot be removed: {problem}")
            return False
        text = f"Take {shift_words(shift, name)} off the rota? The record's history keeps what it was."
        if shift.planned_start > self.ws.now():
            reason = "" if ask(self, "Remove the shift?", text, "Remove") else None
        else:  # with no times worked, a shift that has started counts as worked as planned
            reason = ask_reason(self, "Remove the shift?", text + STARTED_WARNING, "Remove")
        if reason is None:
            return False
        try:
            rota_week.delete_shift(self.ws, self.home, shift.id, reason)
        except ValidationFailed as exc:
            self.show_problem(" ".join(as_sentence(p.message) for p in exc.problems))
            return False
        except UserFacingError as exc:
            self.show_problem(str(exc))
            return False
        self._changed(f"Removed {shift_words(shift, name)}")
        return True

    # copying last week -------------------------------------------------------------------------------------------------
    def copy_last_week(self) -> bool:
        if self.why_not:
            self.show_problem(self.why_not)
            return False
        last = self.monday - timedelta(days=7)
        plan = rota_week.plan_copy_last_week(self.ws, self.home, self.monday)
        if not plan.shifts:
            why = (f"all {plan.skipped} would be left out: {rota_week.left_out(plan)}" if plan.skipped
                   else "it has no planned shifts")
            self.show_status(f"Nothing to copy from the week of {format_date(last)}: {why}")
            return False
        count = len(plan.shifts)
        text = (f"Copy {count} planned shift{'' if count == 1 else 's'} from the week of {format_date(last)} into "
                f"this week, at the same times? Times worked and absences are not copied.")
        if plan.skipped:
            text += f"\n\n{plan.skipped} will be left out: {rota_week.left_out(plan)}."
        if not ask(self, "Copy last week?", text, "Copy"):
            return False
        done = rota_week.copy_last_week(self.ws, self.home, self.monday)
        self._changed(rota_week.copy_summary(done))
        return True

    def edit_standard_times(self) -> StandardTimesDialog | None:
        if self.why_not:
            self.show_problem(self.why_not)
            return None
        self.times_dialog = StandardTimesDialog(self.ws, self.home, self)
        self.times_dialog.standards_saved.connect(lambda: self._changed("Standard shift times saved"))
        self.times_dialog.open()
        return self.times_dialog
