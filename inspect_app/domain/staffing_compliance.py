"""The staffing findings (SPEC 3 and 7) for a home, a period and an as-at moment: key-time windows below their
minimum (Narey rec 4), hours planned and worked, the agency share, and care staff past their Level 3 due date."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from .local_time import Period, require_aware, to_local
from .records import Staff
from .rota import Coverage, KeyTimeWindow, Shift, coverage
from .vocabulary import CARE_ROLES, Employment


@dataclass
class StaffingReport:
    windows_below_minimum: list[Coverage] = field(default_factory=list)
    planned_hours: float = 0.0
    actual_hours: float = 0.0
    agency_share: float = 0.0
    level3_overdue: list[str] = field(default_factory=list)


def level3_overdue(staff: list[Staff], as_at: datetime) -> list[str]:
    """reg 32(4): staff in a care role, employed at the as-at time, without the Level 3 more than 2 years after
    starting a care role."""
    today = to_local(require_aware(as_at)).date()
    return sorted(s.ref for s in staff
                  if s.role in CARE_ROLES and (s.left_on is None or s.left_on > today)
                  and s.level3_due is not None and today > s.level3_due
                  and (s.level3_achieved_on is None or s.level3_achieved_on > today))


def staffing_report(shifts: list[Shift], windows: list[KeyTimeWindow], staff: list[Staff], period: Period,
                    as_at: datetime) -> StaffingReport:
    """`shifts` may reach beyond the period (a shift of the day before can cover a morning window)."""
    require_aware(as_at)
    report = StaffingReport()
    # by date, then window start (coverage keeps the order of the dates and of the windows it is given)
    by_start = sorted(windows, key=lambda w: w.start)
    report.windows_below_minimum = [c for c in coverage(shifts, by_start, list(period.dates())) if c.short]
    mine = [s for s in shifts if period.contains_date(s.local_date())]
    report.planned_hours = round(sum(s.planned_hours for s in mine), 2)
    worked = [s for s in mine if s.end <= as_at]  # hours are worked once the shift has ended
    agency = {s.id for s in staff if s.employment is Employment.AGENCY}
    total = sum(s.worked_hours for s in worked)
    report.actual_hours = round(total, 2)
    report.agency_share = round(sum(s.worked_hours for s in worked if s.staff_id in agency) / total, 4) if total else 0.0
    report.level3_overdue = level3_overdue(staff, as_at)
    return report
