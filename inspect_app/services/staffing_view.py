"""What the window shows about staffing (Narey rec 4, reg 32): a month of key-time coverage with who was on duty,
the gaps in the rota from now to the end of tomorrow in plain words, and the home's physical-intervention refresher
setting."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from dateutil.relativedelta import relativedelta

from ..domain.errors import Problem, ValidationFailed
from ..domain.local_time import Period, format_date, to_local
from ..domain.records import Home, Staff
from ..domain.roles import Permission
from ..domain.rota import Coverage, KeyTimeWindow, on_duty_least
from ..domain.staffing_compliance import StaffingReport, level3_overdue, staffing_report
from ..domain.staffing_mix import window_mix
from . import rota, settings
from .workspace import Workspace

ROTA_AREA = "rota"    # the window's area keeping the rota and the key times
STAFF_AREA = "staff"  # the staff register

KEY_TIMES_CITATION = "Narey rec 4"
KEY_TIMES_EXPLANATION = ("Narey recommendation 4: enough staff on duty at the key times of the day. Each key-time "
                         "window has the minimum the home set (Rota and key times); the rota planned or worked has "
                         "fewer on duty at some moment of it.")
LEVEL3_CITATION = "reg 32(4)"
LEVEL3_EXPLANATION = ("Reg 32(4): care staff need the Level 3 Diploma for Residential Childcare within 2 years of "
                      "starting a care role.")

PI_REFRESHER_KEY = "pi_refresher_months"
DEFAULT_PI_REFRESHER_MONTHS = 12  # most schemes refresh yearly; the home's scheme may say otherwise
MAX_PI_REFRESHER_MONTHS = 60


# a month of coverage ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class MonthCell:
    """One window on one date: the fewest on duty, who was on duty at any moment of it, and whether a Level 3 and a
    physical-intervention trained person were on duty throughout (domain.staffing_mix)."""

    coverage: Coverage
    people: tuple[str, ...]
    level3_throughout: bool
    pi_throughout: bool

    @property
    def short(self) -> bool:
        return self.coverage.short


@dataclass(frozen=True)
class MonthView:
    month: date  # its first day
    days: tuple[date, ...]
    windows: tuple[KeyTimeWindow, ...]  # by start
    cells: dict[tuple[date, str], MonthCell]  # by date and window name; none where a window does not apply
    report: StaffingReport  # the month's figures as at `as_at` (hours worked so far)
    as_at: datetime
    planned_days: frozenset[date]  # the local dates with a shift planned to start on them

    def cell(self, day: date, window: KeyTimeWindow) -> MonthCell | None:
        return self.cells.get((day, window.name))


def month_of(day: date) -> Period:
    first = day.replace(day=1)
    return Period(first, first + relativedelta(months=1, days=-1))


def month_view(ws: Workspace, home: Home, day: date, now: datetime | None = None) -> MonthView:
    """The calendar month holding `day`: every window on every date (future dates by the planned rota), with the
    month's figures as at `now` (default: the workspace's clock)."""
    now = now or ws.now()
    period = month_of(day)
    around = rota.read_around(ws, home, period)  # READ_ALL_RECORDS
    shifts, windows = around.shifts, around.windows
    staff = ws.staff.for_home(home.id)
    by_id = {p.id: p for p in staff}
    cells = {}
    for c in around.coverage:
        mix = window_mix(shifts, c.window, c.day, by_id)
        names = tuple(by_id[i].full_name if i in by_id else "someone not on the register" for i in mix.people)
        cells[(c.day, c.window.name)] = MonthCell(c, names, mix.level3_throughout, mix.pi_throughout)
    return MonthView(period.start, tuple(period.dates()), tuple(windows), cells,
                     staffing_report(shifts, windows, staff, period, now), now,
                     frozenset(s.local_date() for s in shifts))


# the gaps ahead ---------------------------------------------------------------------------------------------------

GAP, NO_ROTA, LEVEL3 = "gap", "no_rota", "level3"  # what a StaffingItem is about


@dataclass(frozen=True)
class StaffingItem:
    """One gap in the rota ahead, the rota not planned at all, or one member of staff past their Level 3 due date."""

    kind: str            # GAP, NO_ROTA or LEVEL3
    record_ref: str      # "24/11 evening", or the staff reference
    urgent: bool         # a window of today or tonight (tomorrow's can still be filled), or a Level 3 past its date
    starts_at: datetime | None
    text: str
    citation: str
    explanation: str     # the rule in full, and who is on duty, for a tooltip
    under_way: bool = False

    @property
    def area(self) -> str:
        """The window's area that puts it right."""
        return STAFF_AREA if self.kind == LEVEL3 else ROTA_AREA

    @property
    def status(self) -> str:
        if self.kind == LEVEL3:
            return "Overdue"
        if self.kind == NO_ROTA:
            return "To do"
        return "Short now" if self.under_way else "Short"


def gaps_ahead(ws: Workspace, home: Home, now: datetime | None = None) -> list[StaffingItem]:
    """The key-time windows from now to the end of tomorrow with fewer on the rota than their minimum: today's not yet
    ended (one under way judged from now to its end), the night under way since yesterday evening, tonight's, and
    tomorrow's; those under way first, then by start. With no shift at all on the rota from now on, one item says so
    instead of a line for every window. Then the care staff past their Level 3 due date (reg 32(4))."""
    ws.require(Permission.SEE_FIGURES, home.id)
    now = now or ws.now()
    today = to_local(now).date()
    days = Period(today - timedelta(days=1), today + timedelta(days=1))
    around = rota.read_around(ws, home, days)
    staff = ws.staff.for_home(home.id)
    if any(s.end > now for s in around.shifts):
        items = _gaps(around, {p.id: p for p in staff}, now)
    else:
        items = [StaffingItem(NO_ROTA, f"{today:%d/%m}", False, None,
                              "No shifts are on the rota from now to the end of tomorrow: plan them, so that the "
                              "key times can be checked", KEY_TIMES_CITATION, KEY_TIMES_EXPLANATION)]
    refs = set(level3_overdue(staff, now))
    return items + [_level3_item(p) for p in sorted(staff, key=lambda p: p.ref) if p.ref in refs]


def _gaps(around: rota.RotaAround, by_id: dict[int, Staff], now: datetime) -> list[StaffingItem]:
    today = to_local(now).date()
    shifts = around.shifts
    items = []
    for c in around.coverage:
        start, end = c.window.bounds(c.day)
        if not c.short or end <= now:
            continue
        under_way = start <= now
        if under_way:  # judged from now to its end: a shortage already over needs nobody now
            c = c._replace(on_duty=on_duty_least([s for s in shifts if c.window.counts(s)], now, end))
            if not c.short:
                continue
        names = [by_id[i].full_name for i in window_mix(shifts, c.window, c.day, by_id).people if i in by_id]
        who = f"On duty in it: {', '.join(names)}." if names else "Nobody is on the rota for it."
        items.append(StaffingItem(GAP, f"{c.day:%d/%m} {c.window.name}", c.day <= today, start,
                                  gap_text(c, today, under_way=under_way), KEY_TIMES_CITATION,
                                  f"{KEY_TIMES_EXPLANATION} {who}", under_way=under_way))
    items.sort(key=lambda i: i.starts_at)
    return items


def gap_text(c: Coverage, today: date, under_way: bool = False) -> str:
    """"Tonight's night window 22:30-07:00 (from Tue 24/11) has 0 of 1 on duty: 1 more needed"; the night that began
    yesterday evening, still under way after midnight, is "This night's" (tonight's is the one ahead)."""
    w = c.window
    if c.day < today:
        when, date_note = "This night's", f"from {c.day:%a %d/%m}"
    elif c.day == today and w.crosses_midnight:
        when, date_note = "Tonight's", f"from {c.day:%a %d/%m}"
    elif c.day == today:
        when, date_note = "Today's", f"{c.day:%a %d/%m}"
    else:
        when, date_note = "Tomorrow's", f"{'from ' if w.crosses_midnight else ''}{c.day:%a %d/%m}"
    if under_way:
        date_note += ", under way"
    missing = w.min_staff - c.on_duty
    return (f"{when} {w.name} window {w.start:%H:%M}-{w.end:%H:%M} ({date_note}) has {c.on_duty} of {w.min_staff} "
            f"on duty: {missing} more needed")


def _level3_item(person: Staff) -> StaffingItem:
    """Overdue (level3_overdue): none recorded, or one dated after today (not achieved yet, or a slip to correct)."""
    held = ("has no Level 3 Diploma recorded" if person.level3_achieved_on is None else
            f"has a Level 3 Diploma dated {format_date(person.level3_achieved_on)}, after today")
    return StaffingItem(LEVEL3, person.ref, True, None,
                        f"{person.full_name} {held}: it was due by {format_date(person.level3_due)}, 2 years after "
                        "starting a care role", LEVEL3_CITATION, LEVEL3_EXPLANATION)


# the physical-intervention refresher ------------------------------------------------------------------------------

def pi_refresher_months(ws: Workspace, home: Home) -> int:
    """How many months after training a physical-intervention refresher is due (0: not tracked); a home setting,
    since schemes differ."""
    found = settings.of_home(ws, home, PI_REFRESHER_KEY)
    if isinstance(found, int) and not isinstance(found, bool) and 0 <= found <= MAX_PI_REFRESHER_MONTHS:
        return found
    return DEFAULT_PI_REFRESHER_MONTHS


def set_pi_refresher_months(ws: Workspace, home: Home, months: int) -> int:
    ws.require(Permission.EDIT_REGISTERS, home.id)
    if not isinstance(months, int) or isinstance(months, bool) or not 0 <= months <= MAX_PI_REFRESHER_MONTHS:
        raise ValidationFailed([Problem(PI_REFRESHER_KEY, f"choose a number of months from 0 (not tracked) to "
                                                          f"{MAX_PI_REFRESHER_MONTHS}")])
    settings.put_for_home(ws, home, PI_REFRESHER_KEY, months, "physical-intervention refresher")
    return months
