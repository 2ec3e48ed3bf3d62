"""Keeping the rota (schedule 4: planned and worked) and the home's key-time windows (Narey rec 4), checked,
permitted and audited."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, time, timedelta

from ..domain.errors import Problem, ValidationFailed
from ..domain.records import Home
from ..domain.roles import Permission
from ..domain.local_time import Period
from ..domain.rota import (DEFAULT_WINDOWS, Coverage, Duty, KeyTimeWindow, Shift, coverage, leaver_problem,
                           overlap_problem, validate_shift, validate_window)
from ..domain.vocabulary import WindowDays
from . import settings
from .saving import store
from .workspace import Workspace

KEY_TIMES_KEY = "key_times"
_NEAR = timedelta(days=2)  # no shift is longer than a day: only those starting this near can overlap


def save_shift(ws: Workspace, shift: Shift, reason: str = "") -> Shift:
    """A new shift, or a change to one (the times worked added later); the audit trail keeps each earlier state."""
    ws.require(Permission.KEEP_ROTA, shift.home_id)
    person = ws.staff.in_home(shift.staff_id, shift.home_id)
    problems = validate_shift(shift)
    if person is None:
        problems.append(Problem("staff_ref", "choose a member of this home's staff"))
    elif found := leaver_problem(shift, person):
        problems += found
    elif not problems:
        near = ws.shifts.of_staff_near(shift.home_id, shift.staff_id, shift.planned_start - _NEAR,
                                       shift.planned_start + _NEAR)
        problems += overlap_problem(shift, near, person.full_name)
    return store(ws, ws.shifts, shift, problems, reason)


def shifts_around(ws: Workspace, home: Home, period: Period) -> list[Shift]:
    """The shifts that can touch the period's key-time windows: from two days before it (a night shift covers the
    first morning) to the day after it (the last night window ends the next morning)."""
    ws.require(Permission.READ_ALL_RECORDS, home.id)
    return ws.shifts.starting_between(home.id, *_around(period))


def duties_around(ws: Workspace, home: Home, period: Period) -> list[Duty]:
    """shifts_around's shifts as the staffing figures count them (domain.rota.Duty), read lean for a provider's
    years."""
    ws.require(Permission.READ_ALL_RECORDS, home.id)
    return ws.shifts.duties_between(home.id, *_around(period))


def _around(period: Period) -> tuple[datetime, datetime]:
    return period.starts_at - _NEAR, period.ends_before + timedelta(days=1)


@dataclass(frozen=True)
class RotaAround:
    """A period's rota as the views read it, once: the shifts that can touch its windows, the home's windows by
    start, and every date's coverage (by date then window start; future dates by the planned rota)."""

    shifts: list[Shift]
    windows: list[KeyTimeWindow]
    coverage: list[Coverage]


def read_around(ws: Workspace, home: Home, period: Period) -> RotaAround:
    shifts = shifts_around(ws, home, period)
    windows = sorted(key_time_windows(ws, home), key=lambda w: w.start)
    return RotaAround(shifts, windows, coverage(shifts, windows, list(period.dates())))


def coverage_for(ws: Workspace, home: Home, period: Period) -> list[Coverage]:
    """Every date of the period and every window that applies on it, by date then window start, with the fewest on
    duty (future dates by the planned rota)."""
    return read_around(ws, home, period).coverage


def key_time_windows(ws: Workspace, home: Home) -> list[KeyTimeWindow]:
    """The home's windows, or SPEC 2.6's defaults until it sets its own."""
    stored = settings.of_home(ws, home, KEY_TIMES_KEY)
    if not stored:
        return list(DEFAULT_WINDOWS)
    return [window_from_json(w) for w in stored]


def set_key_time_windows(ws: Workspace, home: Home, windows: list[KeyTimeWindow], reason: str = "") -> None:
    """Replaces the home's windows (they are settings, not records: SPEC 7)."""
    ws.require(Permission.EDIT_REGISTERS, home.id)
    windows = [replace(w, name=w.name.strip()) for w in windows]
    # a home with no windows would silently go back to the defaults (key_time_windows): say so instead
    problems = [] if windows else [Problem("window", "give at least one key-time window")]
    problems += [Problem(p.field, f"{w.name}: {p.message}" if w.name else p.message)
                 for w in windows for p in validate_window(w)]
    names = [w.name.casefold() for w in windows]
    problems += [Problem("window", f"{w.name} is named twice") for i, w in enumerate(windows)
                 if w.name.casefold() in names[:i]]
    if problems:
        raise ValidationFailed(problems)
    settings.put_for_home(ws, home, KEY_TIMES_KEY, [window_to_json(w) for w in windows], reason or "key-time windows")


def window_to_json(w: KeyTimeWindow) -> dict:
    return {"name": w.name, "start": w.start.strftime("%H:%M"), "end": w.end.strftime("%H:%M"),
            "min_staff": w.min_staff, "days": w.days.value, "sleep_in_counts": w.sleep_in_counts}


def window_from_json(value: dict) -> KeyTimeWindow:
    return KeyTimeWindow(value["name"], time.fromisoformat(value["start"]), time.fromisoformat(value["end"]),
                         int(value["min_staff"]), WindowDays(value["days"]), bool(value["sleep_in_counts"]))
