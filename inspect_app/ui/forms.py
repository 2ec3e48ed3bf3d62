"""Form building blocks shared by every editor: a labelled field with its problem shown beneath it."""

from __future__ import annotations

from datetime import datetime
from typing import Callable, TypeVar

from PySide6.QtCore import QDate, QDateTime, QTime, QTimeZone, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDateTimeEdit, QDialog, QDialogButtonBox, QFormLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget, QWidgetItem,
)

from ..domain.errors import Problem, UserFacingError, ValidationFailed
from ..domain.local_time import HOME_ZONE_NAME, WallTimeError, from_wall_time, to_local

T = TypeVar("T")
DATETIME_FORMAT = "dd/MM/yyyy HH:mm"


class FieldProblems:
    """Shows each Problem under the field it names; problems for unknown fields go to a general label."""

    def __init__(self, general: QLabel):
        self._labels: dict[str, QLabel] = {}
        self._widgets: dict[str, QWidget] = {}
        self._general = general
        general.setObjectName("problem")
        general.setWordWrap(True)
        general.hide()

    def add_row(self, form: QFormLayout, label: str, field: str, widget: QWidget) -> QLabel:
        """Adds "label: widget" with an empty problem line under the widget; returns that line.

        The widget and its line are held together, and the holder takes the form's whole width: a problem under a
        narrow field (a combo box) wraps at the form's width rather than the field's, and is not cut off. The widget
        itself keeps the width the form would give it."""
        holder = QWidget()
        holder.setSizePolicy(QSizePolicy.Expanding, holder.sizePolicy().verticalPolicy())
        box = QVBoxLayout(holder)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        box.addWidget(widget)
        if _stays_narrow(form, widget):
            box.setAlignment(widget, Qt.AlignLeft)
        name = label.replace("&", "").rstrip(":")
        problem = QLabel()
        problem.setObjectName("problem")
        problem.setWordWrap(True)
        problem.setAccessibleName(f"Problem with {name}")
        problem.hide()
        box.addWidget(problem)
        caption = QLabel(label)
        caption.setBuddy(widget)
        widget.setAccessibleName(name)
        form.addRow(caption, holder)
        self._labels[field] = problem
        self._widgets[field] = widget
        return problem

    def clear(self) -> None:
        for label in self._labels.values():
            label.clear()
            label.hide()
        for widget in self._widgets.values():
            widget.setProperty("invalid", False)
            widget.style().unpolish(widget)
            widget.style().polish(widget)
        self._general.clear()
        self._general.hide()

    def show(self, problems: list[Problem]) -> None:
        """Shows every problem; focuses the first field that has one."""
        self.clear()
        general: list[str] = []
        first: QWidget | None = None
        by_field: dict[str, list[str]] = {}
        for p in problems:
            if p.field in self._labels:
                by_field.setdefault(p.field, []).append(_sentence(p.message))
            else:
                general.append(_sentence(p.message))
        for field, messages in by_field.items():
            label = self._labels[field]
            label.setText(" ".join(messages))
            label.show()
            widget = self._widgets[field]
            widget.setProperty("invalid", True)
            widget.style().unpolish(widget)
            widget.style().polish(widget)
            first = first or widget
        if general:
            self._general.setText(" ".join(general))
            self._general.show()
        if first is not None:
            first.setFocus(Qt.OtherFocusReason)

    def attempt(self, work: Callable[[], T]) -> T | None:
        """Runs a service call; an expected failure is shown (by its fields, or in general) and gives None."""
        try:
            return work()
        except ValidationFailed as exc:
            self.show(exc.problems)
        except UserFacingError as exc:
            self.show([Problem("", str(exc))])
        return None

    def text_of(self, field: str) -> str:
        label = self._labels.get(field)
        return label.text() if label is not None and not label.isHidden() else ""


def _stays_narrow(form: QFormLayout, widget: QWidget) -> bool:
    """A form that widens only the fields that expand (ExpandingFieldsGrow) would leave this one at its own width;
    other forms widen every field that may grow, or none."""
    if form.fieldGrowthPolicy() != QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow:
        return False
    return not QWidgetItem(widget).expandingDirections() & Qt.Horizontal


def _sentence(message: str) -> str:
    message = message.strip()
    return (message[:1].upper() + message[1:]).rstrip(".") + "."


def datetime_edit(value: datetime | None) -> QDateTimeEdit:
    """A UK wall-clock date and time field (the stored value is UTC).

    The edit holds its reading in UTC so that Qt never adjusts it: in the computer's own zone Qt quietly
    moves a time that does not exist on the night the clocks go forward (01:30 becomes 02:30), and
    datetime_value could not refuse it with the clock-change message.
    """
    edit = QDateTimeEdit()
    edit.setDisplayFormat(DATETIME_FORMAT)
    edit.setCalendarPopup(True)
    edit.setTimeZone(QTimeZone(QTimeZone.Initialization.UTC))
    if value is not None:
        set_wall_time(edit, value)
    return edit


def set_wall_time(edit: QDateTimeEdit, value: datetime) -> None:
    local = to_local(value)
    edit.setDateTime(QDateTime(QDate(local.year, local.month, local.day), QTime(local.hour, local.minute),
                               QTimeZone(QTimeZone.Initialization.UTC)))


def datetime_value(edit: QDateTimeEdit) -> datetime:
    """The field's UK wall time as an aware UTC datetime; raises WallTimeError on a clock-change gap or fold."""
    qdt = edit.dateTime()
    d, t = qdt.date(), qdt.time()
    return from_wall_time(datetime(d.year(), d.month(), d.day(), t.hour(), t.minute()), HOME_ZONE_NAME)


def wall_time_problem(edit: QDateTimeEdit) -> str:
    """The clock-change message for the reading, or '' when it is a real UK time."""
    try:
        datetime_value(edit)
    except WallTimeError as exc:
        return str(exc)
    return ""


def watch_wall_time(edit: QDateTimeEdit, problem: QLabel) -> None:
    """Shows the clock-change message under the field as soon as such a time is entered."""

    def _on_edit_changed(*_args) -> None:
        message = wall_time_problem(edit)
        if message:
            problem.setText(_sentence(message))
            problem.show()
        elif problem.property("wall_time_shown"):
            problem.clear()
            problem.hide()
        problem.setProperty("wall_time_shown", bool(message))

    problem.setProperty("wall_time_shown", False)  # read above; a missing property would come back empty
    edit.dateTimeChanged.connect(_on_edit_changed)


def save_cancel(dialog: QDialog) -> QDialogButtonBox:
    """An editing dialog's Save (also Ctrl+S) and Cancel: Save calls `dialog.save`, Cancel its `reject` (which asks
    before discarding a change). A dialog whose Enter saves makes Save its default once laid out."""
    buttons = QDialogButtonBox(QDialogButtonBox.Save | QDialogButtonBox.Cancel)
    buttons.accepted.connect(dialog.save)
    buttons.rejected.connect(dialog.reject)
    QShortcut(QKeySequence.Save, dialog, activated=dialog.save)
    return buttons
