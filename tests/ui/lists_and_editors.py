"""What the tests of a list of records and its editor read and do as a user would: the page opened, the references
listed, a cell's text and how it is drawn, Save, and the order Tab goes down a form."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QDialogButtonBox, QStyleOptionViewItem, QTableView, QWidget


def open_page(qtbot, cls, ws, home, size: tuple[int, int] | None = None):
    """A page (or area) of `cls` over the home, shown, and closed after the test."""
    page = cls(ws, home)
    qtbot.addWidget(page)
    if size is not None:
        page.resize(*size)
    page.show()
    return page


def model_rows(model) -> list[tuple[str, ...]]:
    """Every row of a table model as its cells' texts."""
    return [tuple(model.index(r, c).data() for c in range(model.columnCount())) for r in range(model.rowCount())]


def visible_refs(view: QTableView) -> list[str]:
    """The references of the rows shown, top to bottom (the reference is each list's first column)."""
    model = view.model()
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def cell(view: QTableView, ref: str, title: str, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
    """The cell of the row with reference `ref` under the heading `title`."""
    model = view.model()
    column = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())].index(title)
    return model.index(visible_refs(view).index(ref), column).data(role)


def drawn(view: QTableView, ref: str, title: str = "") -> tuple[bool, str]:
    """Whether that cell (or the row's first) is drawn bold, and the colour of its text."""
    model = view.model()
    column = 0 if not title else [model.headerData(c, Qt.Orientation.Horizontal)
                                  for c in range(model.columnCount())].index(title)
    option = QStyleOptionViewItem()
    view.itemDelegate().initStyleOption(option, model.index(visible_refs(view).index(ref), column))
    return option.font.bold(), option.palette.color(QPalette.ColorRole.Text).name()


def click_save(dialog) -> None:
    dialog.buttons.button(QDialogButtonBox.Save).click()


def focus_order(first: QWidget, wanted) -> list[QWidget]:
    """The widgets of `wanted` in the order Tab visits them, starting at `first`."""
    seen, widget = [], first
    while widget not in seen:
        if widget in wanted:
            seen.append(widget)
        widget = widget.nextInFocusChain()
        while widget not in wanted and widget is not first:
            widget = widget.nextInFocusChain()
    return seen
