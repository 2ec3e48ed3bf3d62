"""The areas of the main window (SPEC 2), in order, and the plain page of an area not built yet."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ..domain.records import Home
from ..services.workspace import Workspace
from . import messages
from .page import Page


@dataclass(frozen=True)
class Area:
    """One entry of the navigation (SPEC 2), with what it will do while it is not built yet."""

    key: str
    title: str
    future: str = ""


AREAS: tuple[Area, ...] = (
    Area("dashboard", "Dashboard"),
    Area("measures", "Restraint and other measures (reg 35)",
         "record every measure of control, discipline or restraint within 24 hours, sign it off within 48 hours "
         "and record the conversation with the child within 5 days."),
    Area("children", "Children"),
    Area("staff", "Staff"),
    Area("visits", "Independent visits (reg 44)",
         "keep the register of independent visitors, each month's visit and report, and what happened to "
         "every recommendation (regs 43 and 44)."),
    Area("inspections", "Inspections and Ofsted",
         "keep inspection judgements, requirements and their progress, and the log of contacts with Ofsted "
         "(Narey recommendations 18 to 20)."),
    Area("rota", "Rota and key times",
         "keep the planned rota and the hours actually worked (schedule 4), and show staffing at the key "
         "times of the day (Narey recommendation 4)."),
    Area("referrals", "Referrals and placements",
         "record referrals, the fit with the statement of purpose, impact risk assessments, the manager's "
         "view and each placement decision (regs 14 and 16; Narey recommendations 21, 23 and 24)."),
    Area("pack", "Evidence pack",
         "build the PDF evidence pack for an inspection, with the Annex A figures, from the records."),
)


class NotBuiltPage(Page):
    """A plain page for an area that is not built yet, saying what it will do."""

    def __init__(self, ws: Workspace, home: Home, area: Area, parent: QWidget | None = None):
        super().__init__(ws, home, parent)
        self.title = area.title
        heading = QLabel(area.title)
        heading.setObjectName("pageTitle")
        self.text = QLabel(f"{messages.NOT_BUILT_YET}\n\nWhen it is ready, this area will {area.future}")
        self.text.setObjectName("notBuilt")
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextSelectableByMouse | Qt.TextSelectableByKeyboard)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.addWidget(heading)
        layout.addWidget(self.text)
        layout.addStretch(1)
