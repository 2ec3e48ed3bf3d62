"""The window's area for referrals and placement decisions (regs 14 and 16; Narey recommendations 21, 23 and 24):
the pipeline of referrals, the placements' outcomes and the statement of purpose, one tab each."""

from .area import ReferralsArea

__all__ = ["ReferralsArea"]
