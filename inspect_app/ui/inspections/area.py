"""The window's "Inspections and Ofsted" area: the inspections with their requirements, and the dialogue log."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from ...domain.records import Home
from ...services.workspace import Workspace
from ..page import Page
from .contacts_tab import ContactsTab
from .inspections_tab import InspectionsTab


class InspectionsArea(Page):
    """Two tabs over one home's Ofsted records; a save in one refreshes the other, and the area says a record
    changed so that the rest of the window (the dashboard, the checks) follows."""

    title = "Inspections and Ofsted"

    def __init__(self, ws: Workspace, home: Home, parent: QWidget | None = None):
        super().__init__(ws, home, parent)
        self.inspections = InspectionsTab(ws, home)
        self.contacts = ContactsTab(ws, home)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("areaTabs")
        self.tabs.setAccessibleName("Inspections and Ofsted: inspections, and the dialogue with Ofsted")
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.inspections, "&Inspections")
        self.tabs.setTabToolTip(0, "Ofsted's inspections, their judgements, and their requirements and "
                                   "recommendations with the home's progress")
        self.tabs.addTab(self.contacts, "&Dialogue with Ofsted")
        self.tabs.setTabToolTip(1, "Contacts with Ofsted before, during, after and between inspections "
                                   "(Narey recommendation 19)")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.tabs)
        self.inspections.records_changed.connect(self._on_inspections_records_changed)
        self.contacts.records_changed.connect(self._on_contacts_records_changed)

    def refresh(self) -> None:
        self.inspections.refresh()
        self.contacts.refresh()

    def _on_inspections_records_changed(self) -> None:
        self.contacts.refresh()
        self.records_changed.emit()

    def _on_contacts_records_changed(self) -> None:
        self.inspections.refresh()
        self.records_changed.emit()
