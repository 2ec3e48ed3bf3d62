"""What sits above the week grid: the week shown and the buttons that move it, the buttons that change the rota, the
legend of shift codes, and the line that says what was done or why it was not."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ..date_field import DateField
from ..permissions import as_sentence


def _row(*parts) -> QHBoxLayout:
    """Widgets left to right; a number is a space of that many pixels, None the stretch between the two ends."""
    row = QHBoxLayout()
    for part in parts:
        if part is None:
            row.addStretch(1)
        elif isinstance(part, int):
            row.addSpacing(part)
        else:
            row.addWidget(part)
    return row


class WeekBar(QWidget):
    """The week tab's controls; the tab connects them and decides which are open to the account."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.previous_button = QPushButton("‹ &Previous week")
        self.this_week_button = QPushButton("Th&is week")
        self.next_button = QPushButton("&Next week ›")
        self.week_label = QLabel()
        self.week_label.setObjectName("sectionTitle")
        self.go_to = DateField()
        self.go_to.setAccessibleName("Go to the week of a date")
        self.go_to.setToolTip("Type a date, or choose one from the calendar (Alt+Down), to show its week")
        self.go_to.setMaximumWidth(self.go_to.fontMetrics().horizontalAdvance("00/00/00000") + 48)
        go_label = QLabel("&Go to:")
        go_label.setBuddy(self.go_to)
        self.add_button = QPushButton("&Add a shift…")
        self.open_button = QPushButton("&Open shift…")
        self.remove_button = QPushButton("Re&move shift")
        self.copy_button = QPushButton("&Copy last week…")
        self.times_button = QPushButton("Standard shift &times…")
        self.legend = self._label("hint")
        self.problem = self._label("problem")
        self.problem.setAccessibleName("Problem with the rota")
        self.status = self._label("status")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addLayout(_row(self.previous_button, self.this_week_button, self.next_button, 12, self.week_label,
                              None, go_label, self.go_to))
        layout.addLayout(_row(self.add_button, self.open_button, self.remove_button, 12, self.copy_button, None,
                              self.times_button))
        for label in (self.legend, self.problem, self.status):
            layout.addWidget(label)
        self.clear_message()

    @staticmethod
    def _label(name: str) -> QLabel:
        label = QLabel()
        label.setObjectName(name)
        label.setWordWrap(True)
        return label

    def show_problem(self, text: str) -> None:
        self.status.hide()
        self.problem.setText(as_sentence(text))
        self.problem.show()

    def show_status(self, text: str) -> None:
        self.problem.hide()
        self.status.setText(as_sentence(text))
        self.status.show()

    def clear_message(self) -> None:
        self.problem.hide()
        self.status.hide()
