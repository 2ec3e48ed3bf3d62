"""The small pieces the inspection, requirement and contact editors share: a box for a few lines of text, problem
lines as wide as the form, and how an inspection or a long text is shown to the user."""

from __future__ import annotations

from PySide6.QtWidgets import QPlainTextEdit, QSizePolicy, QWidget

from ...domain.inspections import Inspection
from ...domain.local_time import format_date


def text_box(lines: int) -> QPlainTextEdit:
    """A few lines of text; Tab moves on to the next field rather than typing a tab."""
    box = QPlainTextEdit()
    box.setTabChangesFocus(True)
    box.setFixedHeight(box.fontMetrics().lineSpacing() * lines + 14)
    return box


def widen_problem_lines(fields: dict[str, QWidget]) -> None:
    """Each field's holder (the field and the problem line under it, ui/forms.py) takes the form's whole width, so
    that a problem under a narrow combo box wraps at the dialog's width rather than the box's, and is not cut off."""
    for widget in fields.values():
        holder = widget.parentWidget()
        if holder is not None:
            holder.setSizePolicy(QSizePolicy.Expanding, holder.sizePolicy().verticalPolicy())


def inspection_name(inspection: Inspection) -> str:
    """"INS-03, the full inspection of 14/01/2026"."""
    return f"{inspection.ref}, the {inspection.type.label.lower()} inspection of {format_date(inspection.started_on)}"


def one_line(text: str) -> str:
    """A text of several lines as one, for a cell of a list (the tooltip keeps the lines)."""
    return " ".join(text.split())
