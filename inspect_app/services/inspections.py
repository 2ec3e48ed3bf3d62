"""Keeping the record of Ofsted inspections, what each asked of the home and the home's progress, and the log of
contacts with Ofsted (Narey recommendation 19), each checked, permitted and audited."""

from __future__ import annotations

from dataclasses import replace

from ..domain.inspections import (Inspection, InspectionAction, OfstedContact, validate_action, validate_contact,
                                  validate_inspection)
from ..domain.roles import Permission
from .saving import ref_taken, store
from .workspace import Workspace


def save_inspection(ws: Workspace, inspection: Inspection, reason: str = "") -> Inspection:
    ws.require(Permission.RECORD_OVERSIGHT, inspection.home_id)
    inspection = replace(inspection, ref=inspection.ref.strip())
    problems = validate_inspection(inspection) + ref_taken(ws.inspections, inspection, "inspection_ref")
    return store(ws, ws.inspections, inspection, problems, reason)


def save_action(ws: Workspace, action: InspectionAction, reason: str = "") -> InspectionAction:
    """A requirement or recommendation of an inspection, or the home's progress on it."""
    ws.require(Permission.RECORD_OVERSIGHT, action.home_id)
    action = replace(action, ref=action.ref.strip(), regulation=action.regulation.strip())
    inspection = ws.inspections.in_home(action.inspection_id, action.home_id)
    problems = validate_action(action, inspection) + ref_taken(ws.inspection_actions, action, "ref")
    return store(ws, ws.inspection_actions, action, problems, reason)


def save_contact(ws: Workspace, contact: OfstedContact, reason: str = "") -> OfstedContact:
    ws.require(Permission.RECORD_OVERSIGHT, contact.home_id)
    contact = replace(contact, ref=contact.ref.strip(), with_whom=contact.with_whom.strip(),
                      channel=contact.channel.strip(), topic=contact.topic.strip())
    problems = validate_contact(contact) + ref_taken(ws.contacts, contact, "contact_ref")
    return store(ws, ws.contacts, contact, problems, reason)
