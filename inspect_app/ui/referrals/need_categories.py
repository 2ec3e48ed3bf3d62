"""The small dialog that keeps the provider's need categories (SPEC 2.1): the names the statements of purpose and the
referrals tick, one list for the whole database."""

from __future__ import annotations

import logging

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from ...services import placements
from ...services.workspace import Workspace
from ..forms import FieldProblems, save_cancel
from ..registers.editor import confirm_discard

log = logging.getLogger(__name__)
INTRO = ("One category a line. The statements of purpose and the referrals tick from this list. A name taken off it "
         "stays on the versions and referrals that have it.")


class NeedCategoriesDialog(QDialog):
    """Save replaces the list (services.placements.set_need_categories: those who manage the database); Cancel asks
    before discarding a change."""

    categories_saved = Signal()

    def __init__(self, ws: Workspace, parent: QWidget | None = None):
        super().__init__(parent)
        self.ws = ws
        self.setWindowTitle("Need categories")
        intro = QLabel(INTRO)
        intro.setObjectName("hint")
        intro.setWordWrap(True)
        self.general = QLabel()
        self.problems = FieldProblems(self.general)
        self.names = QPlainTextEdit("\n".join(placements.need_categories(ws)))
        self.names.setAccessibleName("Need categories, one a line")
        self.names.setTabChangesFocus(True)
        self.buttons = save_cancel(self)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.general)
        layout.addWidget(self.names)
        layout.addWidget(self.buttons)
        self._initial = self.names.toPlainText()
        self.setMinimumSize(460, 380)

    def save(self) -> None:
        lines = self.names.toPlainText().splitlines()
        saved = self.problems.attempt(lambda: placements.set_need_categories(self.ws, lines))
        if saved is None:
            return
        log.info("need categories saved: %d", len(saved))
        self._initial = self.names.toPlainText()
        self.categories_saved.emit()
        self.accept()

    def reject(self) -> None:  # Qt override: Cancel, Escape and the close button
        if self.names.toPlainText() != self._initial and not confirm_discard(self):
            return
        super().reject()
