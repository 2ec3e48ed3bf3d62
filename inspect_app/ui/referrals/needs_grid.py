"""The ticked list of need categories (SPEC 2.1: the provider's own), shared by a referral's form and a version of
the statement of purpose: two columns of boxes, the ones outside the statement of purpose marked."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QFrame, QGridLayout, QWidget

OUTSIDE_TIP = "Not in the statement of purpose in effect on the referral date (reg 14(2)(a))"


class NeedsGrid(QFrame):
    """A box for each of the provider's need categories, down the first column then the second; a need a record holds
    that is no longer a category (the provider renamed it) gets its own box, so that nothing is lost on saving."""

    changed = Signal()

    def __init__(self, categories: tuple[str, ...], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("needsGrid")
        self.boxes: dict[str, QCheckBox] = {}
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(4, 2, 4, 2)
        self._grid.setVerticalSpacing(2)
        self._grid.setHorizontalSpacing(16)
        self._categories = tuple(categories)
        for name in self._categories:
            self._add_box(name)
        self._place()

    def _add_box(self, name: str) -> QCheckBox:
        box = QCheckBox(name)
        box.setAccessibleName(f"Need: {name}")
        box.toggled.connect(self.changed)
        self.boxes[name] = box
        return box

    def _place(self) -> None:
        half = (len(self.boxes) + 1) // 2
        for index, box in enumerate(self.boxes.values()):
            self._grid.addWidget(box, index % half, index // half)
        if self.boxes:
            self.setFocusProxy(next(iter(self.boxes.values())))

    def set_needs(self, needs: tuple[str, ...]) -> None:
        """Ticks these needs (and only these); one that is not a category is added as a box of its own."""
        known = {name.casefold(): name for name in self.boxes}
        extra = [n for n in needs if n.casefold() not in known]
        if extra:
            for name in extra:
                self._add_box(name)
            self._place()
            known = {name.casefold(): name for name in self.boxes}
        wanted = {n.casefold() for n in needs}
        for name, box in self.boxes.items():
            box.setChecked(name.casefold() in wanted)

    def needs(self) -> tuple[str, ...]:
        """The ticked needs, in the categories' order."""
        return tuple(name for name, box in self.boxes.items() if box.isChecked())

    def mark_outside(self, outside: set[str]) -> None:
        """The ticked needs the statement of purpose leaves out: their boxes marked (style.qss) and their tooltips
        saying why; the side panel lists them in words too."""
        folded = {n.casefold() for n in outside}
        for name, box in self.boxes.items():
            out = name.casefold() in folded
            if bool(box.property("outside")) != out:
                box.setProperty("outside", out)
                box.style().unpolish(box)
                box.style().polish(box)
            box.setToolTip(OUTSIDE_TIP if out else "")
