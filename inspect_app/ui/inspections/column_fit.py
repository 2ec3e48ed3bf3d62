"""Column widths for a list with several long texts: the short columns as wide as their contents, the texts sharing
what is left in set proportions (a text that needs less than its share gives the rest to the others)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QTableView

HEADING_PADDING = 16  # the style sheet's 6 px each side of a heading, and a little room
ROW_PADDING = 12  # the style sheet's 4 px above and below a cell's text, and room for the focus frame


def fit_by_shares(view: QTableView, shares: dict[int, int], least_widths: dict[int, int] | None = None) -> None:
    """`shares` maps a text column to its share of the width the other columns leave. No text is made narrower
    than its heading's words, or than its `least_widths` entry: when even that does not fit, the list scrolls
    sideways."""
    header = view.horizontalHeader()
    shown = [c for c in range(header.count()) if not header.isSectionHidden(c)]
    least = {c: header.sectionSizeHint(c) for c in shown}
    least.update({c: max(min(least[c], heading_width(view, c)), (least_widths or {}).get(c, 0))
                  for c in shown if c in shares})
    wanted = {c: max(view.sizeHintForColumn(c), least[c]) for c in shown}
    widths = {c: wanted[c] for c in shown if c not in shares}
    texts = [c for c in shown if c in shares]
    widths.update(share_out(view.viewport().width() - sum(widths.values()), {c: shares[c] for c in texts},
                            {c: wanted[c] for c in texts}, {c: least[c] for c in texts}))
    for column, width in widths.items():
        header.resizeSection(column, width)


def heading_width(view: QTableView, column: int) -> int:
    """The width of a heading's words (bold, as the style sheet draws them) and its padding: less than Qt's own
    size hint, which keeps room for a margin on each side too."""
    font = QFont(view.horizontalHeader().font())
    font.setWeight(QFont.Weight.DemiBold)
    title = str(view.model().headerData(column, Qt.Horizontal) or "")
    return max(QFontMetrics(font).horizontalAdvance(line) for line in title.splitlines() or [""]) + HEADING_PADDING


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


def two_line_rows(view: QTableView) -> None:
    """Rows two lines high, long texts wrapped onto the second line and cut short after it (the tooltip has the
    rest): a name, a topic or the start of a summary reads whole where one line would leave a word or two."""
    view.ensurePolished()  # the style sheet's font, which sets the line height
    view.setWordWrap(True)
    view.setTextElideMode(Qt.ElideRight)
    view.verticalHeader().setDefaultSectionSize(2 * view.fontMetrics().lineSpacing() + ROW_PADDING)
