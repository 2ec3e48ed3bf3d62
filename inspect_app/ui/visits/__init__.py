"""The window's area for independent person visits (regs 43 and 44): the visits, their recommendations and the
visitors, one tab each."""

from .area import VisitsArea

__all__ = ["VisitsArea"]
