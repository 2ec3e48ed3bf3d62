"""The inspections area of the window: Ofsted inspections with their requirements and recommendations, and the
dialogue log with Ofsted (SPEC 2.5; Narey recommendations 19 and 22)."""

from .area import InspectionsArea

__all__ = ["InspectionsArea"]
