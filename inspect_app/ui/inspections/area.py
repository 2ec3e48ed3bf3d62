"""The window's "Inspections and Ofsted" area: the inspections with their requirements, and the dialogue log."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from ...domain.records import Home
from ...services.workspace import Workspace
from ..tabbed_area import TabbedArea
from .contacts_tab import ContactsTab
from .inspections_tab import InspectionsTab


class InspectionsArea(TabbedArea):
    """Two tabs over one home's Ofsted records; a save in one refreshes the other, and the area says a record
    changed so that the rest of the window (the dashboard, the checks) follows (TabbedArea)."""

    title = "Inspections and Ofsted"

    def __init__(self, ws: Workspace, home: Home, parent: QWidget | None = None):
        super().__init__(ws, home, "Inspections and Ofsted: inspections, and the dialogue with Ofsted", parent)
        self.inspections = InspectionsTab(ws, home)
        self.contacts = ContactsTab(ws, home)
        self.add_tab(self.inspections, "&Inspections", "Ofsted's inspections, their judgements, and their "
                                                       "requirements and recommendations with the home's progress")
        self.add_tab(self.contacts, "&Dialogue with Ofsted", "Contacts with Ofsted before, during, after and "
                                                              "between inspections (Narey recommendation 19)")
