"""The registers of children and staff (schedule 4): their lists and editors."""

from .pages import ChildrenPage, StaffPage

__all__ = ["ChildrenPage", "StaffPage"]
