"""What the editors of a home's records share: labelled fields with their problems, a dialog as tall as they need,
save, and cancel that asks first."""

from __future__ import annotations

import logging
from typing import Any, Generic, TypeVar

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractSpinBox, QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QMessageBox,
    QPlainTextEdit, QVBoxLayout, QWidget,
)

from ...domain.errors import Problem
from ...domain.records import Home
from ...domain.vocabulary import Vocabulary
from ...services.workspace import Workspace
from .. import messages
from ..date_field import DateField
from ..dialog_fit import FitHeight
from ..forms import FieldProblems, save_cancel

log = logging.getLogger(__name__)
R = TypeVar("R")
V = TypeVar("V", bound=Vocabulary)


def confirm_discard(parent: QWidget) -> bool:
    """Asks before unsaved changes are thrown away; tests replace this function."""
    answer = QMessageBox.question(parent, messages.DISCARD_TITLE, messages.DISCARD_TEXT,
                                  QMessageBox.Discard | QMessageBox.Cancel, QMessageBox.Cancel)
    return answer == QMessageBox.Discard


NOT_RECORDED = "Not recorded"


def vocabulary_combo(cls: type[Vocabulary], blank: bool = True) -> QComboBox:
    """A combo of an enumeration's labels; Qt keeps the stored spelling (a str enum would lose its type)."""
    combo = QComboBox()
    if blank:
        combo.addItem(NOT_RECORDED, None)
    for member in cls:
        combo.addItem(member.label, member.value)
    return combo


def vocabulary_value(combo: QComboBox, cls: type[V]) -> V | None:
    value = combo.currentData()
    return None if value is None else cls(value)


def yes_no_combo() -> QComboBox:
    combo = QComboBox()
    for text, value in ((NOT_RECORDED, None), ("Yes", True), ("No", False)):
        combo.addItem(text, value)
    return combo


def text_box(lines: int) -> QPlainTextEdit:
    """A few lines of text; Tab moves on to the next field rather than typing a tab."""
    box = QPlainTextEdit()
    box.setTabChangesFocus(True)
    box.setFixedHeight(box.fontMetrics().lineSpacing() * lines + 14)  # the frame, its padding and margins
    return box


def set_combo_data(combo: QComboBox, value: Any) -> None:
    """Choose the item holding `value` (an enumeration member is found by its stored spelling)."""
    key = value.value if isinstance(value, Vocabulary) else value
    combo.setCurrentIndex(max(combo.findData(key), 0))


def widget_value(widget: QWidget) -> Any:
    """What a field holds now, for telling whether anything was changed."""
    if isinstance(widget, QLineEdit):
        return widget.text()
    if isinstance(widget, QComboBox):
        return (widget.currentIndex(), widget.currentText())
    if isinstance(widget, QCheckBox):
        return widget.isChecked()
    if isinstance(widget, QPlainTextEdit):
        return widget.toPlainText()
    if isinstance(widget, QAbstractSpinBox):
        return widget.text()
    return None


class RegisterEditor(QDialog, Generic[R]):
    """Base of an editor for one register entry. Subclasses build fields, load a record and read it back."""

    record_saved = Signal(object)
    noun = "record"

    def __init__(self, ws: Workspace, home: Home, record: R | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.ws = ws
        self.home = home
        self.original = record
        self.fields: dict[str, QWidget] = {}
        self.form = QFormLayout()
        self.form.setRowWrapPolicy(QFormLayout.DontWrapRows)
        self.form.setFieldGrowthPolicy(QFormLayout.ExpandingFieldsGrow)
        self.form.setVerticalSpacing(6)
        self.general = QLabel()
        self.problems = FieldProblems(self.general)
        self.buttons = save_cancel(self)
        self.save_button = self.buttons.button(QDialogButtonBox.Save)
        self.save_button.setDefault(True)
        intro = QLabel(self.intro_text())
        intro.setObjectName("hint")
        intro.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.general)
        layout.addLayout(self.form)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.build_fields()
        self.load(record)
        self._initial = self.snapshot()
        self.setWindowTitle(self.title_text())
        self.setMinimumWidth(640)
        FitHeight(self)  # a problem that wraps under a field makes the dialog taller, rather than being cut off

    # for subclasses ------------------------------------------------------------
    def intro_text(self) -> str:
        return ""

    def title_text(self) -> str:
        return ""

    def build_fields(self) -> None:
        raise NotImplementedError

    def load(self, record: R | None) -> None:
        raise NotImplementedError

    def read(self) -> tuple[R, list[Problem]]:
        """The record the form describes now, and problems found before the service is asked (unreadable dates)."""
        raise NotImplementedError

    def validate(self, record: R) -> list[Problem]:
        """The domain's checks, so that every problem shows at once even when a date could not be read."""
        return []

    def store(self, record: R) -> R:
        raise NotImplementedError

    # shared ----------------------------------------------------------------------
    def add_field(self, label: str, field: str, widget: QWidget) -> QWidget:
        """A labelled field; `field` is the name the service uses in its problems (child_ref, first_name...)."""
        self.problems.add_row(self.form, label, field, widget)
        self.fields[field] = widget
        return widget

    def read_date(self, field: str, problems: list[Problem]):
        widget: DateField = self.fields[field]  # type: ignore[assignment]
        try:
            return widget.date()
        except ValueError as exc:
            problems.append(Problem(field, str(exc)))
            return None

    def snapshot(self) -> tuple[Any, ...]:
        return tuple(widget_value(w) for w in self.fields.values())

    @property
    def dirty(self) -> bool:
        return self.snapshot() != self._initial

    def save(self) -> None:
        record, problems = self.read()
        if problems:
            seen = {p.field for p in problems}
            self.problems.show(problems + [p for p in self.validate(record) if p.field not in seen])
            return
        saved = self.problems.attempt(lambda: self.store(record))
        if saved is None:
            return
        log.info("%s saved: id %s", self.noun, getattr(saved, "id", None))
        self._initial = self.snapshot()
        self.record_saved.emit(saved)
        self.accept()

    def reject(self) -> None:  # Qt override: Cancel, Escape and the close button all come here
        if self.dirty and not confirm_discard(self):
            return
        super().reject()
