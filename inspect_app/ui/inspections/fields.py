"""How an inspection is named to the user, in the requirement editor and over the list of its requirements."""

from __future__ import annotations

from ...domain.inspections import Inspection
from ...domain.local_time import format_date


def inspection_name(inspection: Inspection) -> str:
    """"INS-03, the full inspection of 14/01/2026"."""
    return f"{inspection.ref}, the {inspection.type.label.lower()} inspection of {format_date(inspection.started_on)}"
