"""A short list of options the user ticks (holds used, staff who used the measure), keyboard-friendly."""

from __future__ import annotations

from typing import Any, Iterable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QListWidget, QListWidgetItem

_KEY = int(Qt.ItemDataRole.UserRole)


class CheckList(QListWidget):
    """Ticks, not selection: Space ticks the current option; `changed` fires on every tick."""

    changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setUniformItemSizes(True)
        self.itemChanged.connect(self._on_item_changed)

    def set_options(self, options: Iterable[tuple[str, Any]], checked: Iterable[Any] = ()) -> None:
        wanted = set(checked)
        self.blockSignals(True)
        self.clear()
        for label, key in options:
            item = QListWidgetItem(label, self)
            item.setData(_KEY, key)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsSelectable)
            item.setCheckState(Qt.CheckState.Checked if key in wanted else Qt.CheckState.Unchecked)
        self.blockSignals(False)
        self._fit_height()
        self.changed.emit()

    def checked_keys(self) -> list[Any]:
        return [self.item(i).data(_KEY) for i in range(self.count())
                if self.item(i).checkState() == Qt.CheckState.Checked]

    def set_checked(self, key: Any, on: bool = True) -> None:
        for i in range(self.count()):
            if self.item(i).data(_KEY) == key:
                self.item(i).setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)

    def labels(self) -> list[str]:
        return [self.item(i).text() for i in range(self.count())]

    def set_read_only(self) -> None:
        """Shows only the ticked options, and no longer lets them change (a signed record)."""
        for i in range(self.count()):
            item = self.item(i)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            item.setHidden(item.checkState() != Qt.CheckState.Checked)
        self._fit_height()

    def _fit_height(self) -> None:
        # show every option without scrolling up to about seven, then scroll
        shown = sum(1 for i in range(self.count()) if not self.item(i).isHidden())
        rows = max(1, min(shown, 7))
        height = self.sizeHintForRow(0) if self.count() else self.fontMetrics().height() + 6
        self.setFixedHeight(rows * height + 2 * self.frameWidth() + 4)

    def _on_item_changed(self, _item: QListWidgetItem) -> None:
        self.changed.emit()
