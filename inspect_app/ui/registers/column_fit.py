"""Column widths for a list of records: the short columns as wide as their contents, the long texts sharing what is
left in set proportions and giving way first when the list is narrow (a text that needs less than its share gives the
rest to the others), no heading cut short, and room for the sort arrow only in the heading the list is sorted by."""

from __future__ import annotations

from typing import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QTableView

from .models import Column

HEADING_PADDING = 16  # the style sheet's 6 px each side of a heading, its 1 px border, and a little room


def fit_column_widths(view: QTableView, columns: Sequence[Column], least: dict[int, int] | None = None,
                      wanted: dict[int, int] | None = None, widest: int | None = None) -> None:
    """Each column as wide as it wants (its contents', or its `wanted` entry, up to `widest`: a longer text is cut
    short, whole in its tooltip), the text columns (`Column.share`) sharing the width the others leave. None is
    narrower than its heading or its `least` entry: when even that does not fit, the list scrolls sideways."""
    header = view.horizontalHeader()
    shown = [c for c in range(len(columns)) if not header.isSectionHidden(c)]
    floor = {c: max(heading_width(view, c), (least or {}).get(c, 0)) for c in shown}
    want = {}
    for c in shown:
        contents = (wanted or {}).get(c) or view.sizeHintForColumn(c)
        want[c] = max(floor[c], contents if widest is None else min(contents, widest))
    texts = {c: columns[c].share for c in shown if columns[c].share}
    widths = {c: want[c] for c in shown if c not in texts}
    widths.update(share_out(view.viewport().width() - sum(widths.values()), texts, want, floor))
    for column, width in widths.items():
        header.resizeSection(column, width)


def heading_width(view: QTableView, column: int) -> int:
    """The width of a heading's words (bold, as the style sheet draws them) and its padding; the heading the list is
    sorted by keeps Qt's own size, with room for the arrow (Qt keeps that room in every heading: a third of a narrow
    column's width)."""
    header = view.horizontalHeader()
    font = QFont(header.font())
    font.setWeight(QFont.Weight.DemiBold)
    title = str(view.model().headerData(column, Qt.Horizontal) or "")
    words = max(QFontMetrics(font).horizontalAdvance(line) for line in title.splitlines() or [""]) + HEADING_PADDING
    if header.isSortIndicatorShown() and header.sortIndicatorSection() == column:
        return max(words, header.sectionSizeHint(column))
    return words


def share_out(room: int, shares: dict[int, int], wanted: dict[int, int], least: dict[int, int]) -> dict[int, int]:
    """`room` pixels shared in proportion to `shares`, none given more than it wants nor less than its least."""
    widths: dict[int, int] = {}
    # those that want least for their share first: what they leave is shared again by the rest
    waiting = sorted(shares, key=lambda c: wanted[c] / shares[c])
    while waiting and wanted[waiting[0]] <= room * shares[waiting[0]] // sum(shares[c] for c in waiting):
        first = waiting.pop(0)
        widths[first] = wanted[first]
        room -= wanted[first]
    total = sum(shares[c] for c in waiting)
    given = {c: room * shares[c] // total for c in waiting} if total else {}
    short = sum(max(0, least[c] - w) for c, w in given.items())  # raised to their least, taken from the others
    spare = {c: w - least[c] for c, w in given.items() if w > least[c]}
    for c, w in given.items():
        cut = short * spare[c] // sum(spare.values()) if c in spare else 0
        widths[c] = max(least[c], w - min(cut, spare.get(c, 0)))
    return widths
