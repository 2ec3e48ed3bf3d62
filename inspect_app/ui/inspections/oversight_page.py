"""What the inspections and dialogue lists share: a register page of a home's Ofsted records, all of them listed,
written only with RECORD_OVERSIGHT (manager, responsible individual)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from ...domain.records import Home
from ...domain.roles import Permission
from ...services.workspace import Workspace
from ..registers.models import always_current
from ..registers.pages import RegisterPage

SIDE_MARGIN = 16


class OversightPage(RegisterPage):
    """A RegisterPage with no past entries to hide; reading needs READ_ALL_RECORDS (the area's), writing
    RECORD_OVERSIGHT."""

    past_label = None
    past_column = None
    permission = Permission.RECORD_OVERSIGHT
    current = staticmethod(always_current)

    def __init__(self, ws: Workspace, home: Home, parent: QWidget | None = None):
        super().__init__(ws, home, parent)
        # the tab's own name is the heading: the page's title would say it again, in the height the lists need
        self.findChild(QLabel, "pageTitle").hide()
        margins = self.layout().contentsMargins()  # inside the area's tabs: a narrower edge, for wider columns
        margins.setLeft(SIDE_MARGIN)
        margins.setRight(SIDE_MARGIN)
        self.layout().setContentsMargins(margins)
