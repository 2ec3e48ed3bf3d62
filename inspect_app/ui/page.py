"""What every area of the main window is: a widget over one home's records that can refresh itself."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from ..domain.records import Home
from ..services.workspace import Workspace


class Page(QWidget):
    """Base of every page. Emit `records_changed` after any save so that other pages refresh."""

    records_changed = Signal()
    title = ""

    def __init__(self, ws: Workspace, home: Home, parent: QWidget | None = None):
        super().__init__(parent)
        self.ws = ws
        self.home = home

    def refresh(self) -> None:
        """Reload what the page shows from the database; cheap enough to call after every save."""
