"""The staffing findings (SPEC 3 and 7) for a home, a period and an as-at moment: key-time windows below their
minimum (Narey rec 4), hours planned and worked, the agency and bank shares, windows with a Level 3 qualified and a
physical-intervention trained person on duty throughout (SPEC 2.6), and care staff past their Level 3 due date."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from dateutil.relativedelta import relativedelta

from .local_time import Period, require_aware, to_local
from .records import Staff
from .rota import Coverage, Duty, KeyTimeWindow, Shift, short_windows
from .staffing_mix import MixFigures, employment_shares, mix_over
from .vocabulary import CARE_ROLES


@dataclass
class StaffingReport:
    windows_below_minimum: list[Coverage] = field(default_factory=list)
    planned_hours: float = 0.0
    actual_hours: float = 0.0
    agency_share: float = 0.0
    level3_overdue: list[str] = field(default_factory=list)
    # SPEC 2.6, besides the keys of SPEC 7 (in the text, not in the JSON): the bank share, and the windows with a
    # Level 3 qualified and a PI-trained person on duty throughout (domain.staffing_mix). The mix is worked out only
    # when asked for (staffing_report's with_mix): it costs as much as the coverage, and the JSON (a provider's five
    # years, SPEC 10) has no use for it.
    bank_share: float = 0.0
    mix: MixFigures | None = None


def level3_overdue(staff: list[Staff], as_at: datetime) -> list[str]:
    """reg 32(4): staff in a care role, employed at the as-at time, without the Level 3 (achieved on or before the
    as-at date: Staff.level3_achieved_by) more than 2 years after starting a care role."""
    today = to_local(require_aware(as_at)).date()
    return sorted(s.ref for s in staff
                  if s.role in CARE_ROLES and (s.left_on is None or s.left_on > today)
                  and s.level3_due is not None and today > s.level3_due and not s.level3_achieved_by(today))


def pi_refresher_due(person: Staff, months: int) -> date | None:
    """When the physical-intervention training is to be refreshed: `months` after the last training recorded (the
    home's setting: schemes differ, most refresh yearly); None with no training recorded or no refresher set (0)."""
    if person.pi_trained_on is None or months <= 0:
        return None
    return person.pi_trained_on + relativedelta(months=months)


def staffing_report(shifts: list[Shift], windows: list[KeyTimeWindow], staff: list[Staff], period: Period,
                    as_at: datetime, with_mix: bool = False) -> StaffingReport:
    """`shifts` may reach beyond the period (a shift of the day before can cover a morning window)."""
    report = duty_report([Duty.of(s) for s in shifts], windows, staff, period, as_at)
    if with_mix:
        report.mix = mix_over(shifts, sorted(windows, key=lambda w: w.start), period.dates(), staff)
    return report


def duty_report(duties: list[Duty], windows: list[KeyTimeWindow], staff: list[Staff], period: Period,
                as_at: datetime) -> StaffingReport:
    """staffing_report, without the mix, from the shifts as duties: a provider's years, read lean (SPEC 10)."""
    require_aware(as_at)
    report = StaffingReport()
    # by date, then window start
    report.windows_below_minimum = short_windows(duties, sorted(windows, key=lambda w: w.start), list(period.dates()))
    # planned to start on a date of the period: compared as moments (the same test as local_date(), once a shift)
    first, before, now = period.starts_at.timestamp(), period.ends_before.timestamp(), as_at.timestamp()
    mine = [d for d in duties if first <= d.planned_start < before]
    report.planned_hours = round(sum(d.planned_end - d.planned_start for d in mine) / 3600, 2)
    # worked once the shift has ended; an absence worked none
    worked = [(d.staff_id, (d.end - d.start) / 3600 if d.on_duty else 0.0) for d in mine if d.end <= now]
    report.actual_hours = round(sum(hours for _, hours in worked), 2)
    report.agency_share, report.bank_share = employment_shares(worked, staff)
    report.level3_overdue = level3_overdue(staff, as_at)
    return report
