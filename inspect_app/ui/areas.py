"""The areas of the main window (SPEC 2), in order, who may use each (SPEC 8), and the plain page of an area not
built yet."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ..domain.records import Home
from ..domain.roles import Account, Permission
from ..services.workspace import Workspace
from . import messages
from .page import Page


@dataclass(frozen=True)
class Area:
    """One entry of the navigation (SPEC 2), with what it will do while it is not built yet."""

    key: str
    title: str
    future: str = ""
    # shown to an account holding any of these (SPEC 8); empty: to everyone
    needs: frozenset[Permission] = field(default_factory=frozenset)
    # its page, "module:Class" in this package, imported when first shown (SPEC 10: a fast start); "": not built yet
    page: str = ""

    def open_to(self, account: Account) -> bool:
        return not self.needs or any(account.may(p) for p in self.needs)


_P = Permission
_READ_ALL = frozenset({_P.READ_ALL_RECORDS})


AREAS: tuple[Area, ...] = (
    Area("dashboard", "Dashboard", needs=frozenset({_P.SEE_FIGURES})),
    Area("measures", "Restraint and other measures (reg 35)",
         "record every measure of control, discipline or restraint within 24 hours, sign it off within 48 hours "
         "and record the conversation with the child within 5 days.",
         needs=frozenset({_P.READ_ALL_RECORDS, _P.READ_OWN_MEASURES}), page=".measures.page:MeasuresPage"),
    Area("children", "Children", needs=_READ_ALL, page=".registers:ChildrenPage"),
    Area("staff", "Staff", needs=_READ_ALL, page=".registers:StaffPage"),
    Area("visits", "Independent visits (reg 44)",
         "keep the register of independent visitors, each month's visit and report, and what happened to "
         "every recommendation (regs 43 and 44).",
         needs=_READ_ALL, page=".visits:VisitsArea"),
    Area("inspections", "Inspections and Ofsted",
         "keep inspection judgements, requirements and their progress, and the log of contacts with Ofsted "
         "(Narey recommendations 18 to 20).",
         needs=_READ_ALL, page=".inspections:InspectionsArea"),
    Area("rota", "Rota and key times",
         "keep the planned rota and the hours actually worked (schedule 4), and show staffing at the key "
         "times of the day (Narey recommendation 4).",
         needs=_READ_ALL, page=".rota:RotaArea"),
    Area("referrals", "Referrals and placements",
         "record referrals, the fit with the statement of purpose, impact risk assessments, the manager's "
         "view and each placement decision (regs 14 and 16; Narey recommendations 21, 23 and 24).",
         needs=_READ_ALL, page=".referrals:ReferralsArea"),
    Area("pack", "Evidence pack",
         "build the PDF evidence pack for an inspection, with the Annex A figures, from the records.",
         needs=frozenset({_P.EXPORT_PACK})),
    Area("accounts", "Accounts", needs=frozenset({_P.MANAGE_ACCOUNTS, _P.MANAGE_DATABASE}),
         page=".accounts.page:AccountsPage"),
)


def areas_for(account: Account) -> tuple[Area, ...]:
    """The areas this account may use, in order: care staff have no dashboard and land on their records."""
    return tuple(a for a in AREAS if a.open_to(account))


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
