"""The rota's week as the window keeps it (schedule 4: planned and worked; Narey rec 4: key times): the week's shifts
by person and day with the key-time coverage, quick entry from the home's standard shifts, a shift changed with its
reason or taken off the rota, and last week's plan copied into this one."""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from datetime import date, time, timedelta

from ..domain.errors import Problem, UserFacingError, ValidationFailed
from ..domain.local_time import Period, WallTimeError, format_date, to_local
from ..domain.records import Home, Staff
from ..domain.roles import Permission
from ..domain.rota import Coverage, KeyTimeWindow, Shift, on_duty_during, validate_shift
from ..domain.shift_patterns import (
    DEFAULT_STANDARD_SHIFTS, CopyPlan, StandardShift, clock_change_advice, find_standard, needs_reason, plan_copy,
    removal_problem, validate_standards,
)
from ..domain.vocabulary import CARE_ROLES, ShiftType
from . import rota, settings
from .workspace import Workspace

log = logging.getLogger(__name__)

STANDARD_SHIFTS_KEY = "standard_shifts"
_NEAR = timedelta(days=2)  # no shift is longer than a day: a copy can overlap only shifts starting this near


def week_of(day: date) -> Period:
    """The week (Monday to Sunday) that holds the day."""
    monday = day - timedelta(days=day.weekday())
    return Period(monday, monday + timedelta(days=6))


@dataclass(frozen=True)
class WeekRota:
    """One week of a home's rota: who is listed, each person's shifts by the day they start, and the coverage of
    the key-time windows (from services.rota.read_around, so it agrees with the compliance check)."""

    period: Period
    staff: list[Staff]  # care roles first, then the others; each by name
    shifts: dict[tuple[int, date], list[Shift]]  # (staff id, local date planned to start on) -> in start order
    coverage: list[Coverage]  # every date, every window applying on it, by date then window start
    around: list[Shift]  # every shift that can touch the week's windows: who was on duty in each
    windows: list[KeyTimeWindow]  # the home's key-time windows, by start
    names: dict[int, str]  # every member of staff of the home, by id (those on duty in a window may not be listed)

    def shifts_of(self, staff_id: int | None, day: date) -> list[Shift]:
        return self.shifts.get((staff_id, day), [])

    def on_duty(self, found: Coverage) -> list[tuple[Shift, bool]]:
        """The shifts on duty at some moment of that window on that date, each with whether the window counts it
        (a sleep-in counts only where the window says so)."""
        return [(s, found.window.counts(s)) for s in on_duty_during(self.around, *found.window.bounds(found.day))]


def read_week(ws: Workspace, home: Home, day: date) -> WeekRota:
    """The week holding `day`: only the shifts near it are read (a busy home keeps 2,500 a year)."""
    period = week_of(day)
    rota_around = rota.read_around(ws, home, period)
    around = rota_around.shifts
    shifts: dict[tuple[int, date], list[Shift]] = {}
    for s in sorted(around, key=lambda s: s.planned_start):
        if period.contains_date(s.local_date()):
            shifts.setdefault((s.staff_id, s.local_date()), []).append(s)
    on_rota = {staff_id for staff_id, _day in shifts}
    everyone = ws.staff.for_home(home.id)
    listed = [p for p in everyone if p.id in on_rota or p.left_on is None or p.left_on > period.start]
    listed.sort(key=lambda p: (p.role not in CARE_ROLES, p.full_name.casefold()))
    return WeekRota(period, listed, shifts, rota_around.coverage, around, rota_around.windows,
                    {p.id: p.full_name for p in everyone})


# the home's standard shifts (quick entry) ----------------------------------------------------------------------

def standard_shifts(ws: Workspace, home: Home) -> list[StandardShift]:
    """The home's standard shifts, or the usual ones until it sets its own."""
    stored = settings.of_home(ws, home, STANDARD_SHIFTS_KEY)
    if not stored:
        return list(DEFAULT_STANDARD_SHIFTS)
    return [standard_from_json(s) for s in stored]


def set_standard_shifts(ws: Workspace, home: Home, standards: list[StandardShift], reason: str = "") -> None:
    """Replaces the home's standard shifts; those who keep the rota choose its usual times."""
    ws.require(Permission.KEEP_ROTA, home.id)
    standards = [replace(s, code=s.code.strip().upper()) for s in standards]
    problems = validate_standards(standards)
    if problems:
        raise ValidationFailed(problems)
    settings.put_for_home(ws, home, STANDARD_SHIFTS_KEY, [standard_to_json(s) for s in standards],
                          reason or "standard shift times")


def standard_to_json(s: StandardShift) -> dict:
    return {"code": s.code, "type": s.shift_type.value, "start": s.start.strftime("%H:%M"),
            "end": s.end.strftime("%H:%M")}


def standard_from_json(value: dict) -> StandardShift:
    return StandardShift(value["code"], ShiftType(value["type"]), time.fromisoformat(value["start"]),
                         time.fromisoformat(value["end"]))


def add_standard_shift(ws: Workspace, home: Home, staff_id: int, day: date, code: str) -> Shift:
    """Quick entry: the standard shift with that code, for that person, starting on that day."""
    ws.require(Permission.KEEP_ROTA, home.id)
    standards = standard_shifts(ws, home)
    standard = find_standard(standards, code)
    if standard is None:
        codes = ", ".join(s.code for s in standards)
        raise ValidationFailed([Problem("code", f"{code.strip() or 'that'} is not a shift code here: use one of "
                                                f"{codes} (Standard shift times lists them)")])
    try:
        start, end = standard.times_on(day)
    except WallTimeError as exc:
        raise UserFacingError(clock_change_advice(exc, f"{standard.describe()} on {format_date(day)}")
                              + ". Add the shift with Enter and give its times") from None
    return rota.save_shift(ws, Shift(home.id, staff_id, standard.shift_type, start, end))


# one shift changed or removed ------------------------------------------------------------------------------------

def save_shift(ws: Workspace, shift: Shift, reason: str = "") -> Shift:
    """A new shift, or a change to one; a change to what was already worked needs its reason (the audit trail keeps
    the reason with the earlier state: a shift changed after it was worked keeps its history)."""
    ws.require(Permission.KEEP_ROTA, shift.home_id)
    before = ws.shifts.in_home(shift.id, shift.home_id)
    if before is not None and needs_reason(before, shift, ws.now()) and not reason.strip():
        problems = validate_shift(shift) + [Problem("reason", "say why a shift already worked is changed: the "
                                                              "record keeps the reason with what it said before")]
        raise ValidationFailed(problems)
    return rota.save_shift(ws, shift, reason.strip())


def delete_shift(ws: Workspace, home: Home, shift_id: int, reason: str = "") -> Shift:
    """Takes a planned shift off the rota (one not worked, with no absence); the audit trail keeps what it was. One
    that has started needs its reason, as a change to its plan does: with no times worked it counts as worked as
    planned, so removing it changes the hours worked (schedule 4)."""
    ws.require(Permission.KEEP_ROTA, home.id)
    stored = ws.shifts.in_home(shift_id, home.id)
    if stored is None:
        raise UserFacingError("that shift is no longer on this home's rota; nothing was changed")
    problem = removal_problem(stored)
    if problem:
        raise UserFacingError(f"This shift cannot be removed: {problem}")
    if stored.planned_start <= ws.now() and not reason.strip():
        raise ValidationFailed([Problem("reason", "say why a shift that has started is taken off the rota: the "
                                                  "record keeps the reason with what it said")])
    ws.shifts.delete(stored, actor=ws.actor, at=ws.now(), reason=reason.strip() or "taken off the rota")
    log.info("shift removed: id %s", shift_id)
    return stored


# last week's plan copied -------------------------------------------------------------------------------------------

def plan_copy_last_week(ws: Workspace, home: Home, day: date) -> CopyPlan:
    """What copying the week before into the week holding `day` would add, and leave out (nothing is written): not
    on days already past, nor the bank or agency cover of last week's absences."""
    ws.require(Permission.KEEP_ROTA, home.id)
    week = week_of(day)
    last = week_of(week.start - timedelta(days=7))
    source = ws.shifts.starting_between(home.id, last.starts_at, last.ends_before)
    existing = ws.shifts.starting_between(home.id, week.starts_at - _NEAR, week.ends_before + _NEAR)
    return plan_copy(source, existing, {p.id: p for p in ws.staff.for_home(home.id)},
                     today=to_local(ws.now()).date())


def copy_last_week(ws: Workspace, home: Home, day: date) -> CopyPlan:
    """Last week's planned shifts into the week holding `day`, at the same wall-clock times: not the times worked, not
    the absences; days already past, the bank or agency cover of an absence, people who have left by the day, and
    copies that would overlap a shift already there, are left out and counted. One transaction, audited (one row
    holding every new shift: storage.audit.write_batch)."""
    week = week_of(day)
    with ws.db.transaction():
        plan = plan_copy_last_week(ws, home, day)
        reason = f"copied from the week of {format_date(week.start - timedelta(days=7))}"
        plan.shifts = ws.shifts.insert_many(plan.shifts, actor=ws.actor, at=ws.now(), reason=reason)
    log.info("week copied for home %s: %d shifts, %d skipped", home.id, len(plan.shifts), plan.skipped)
    return plan


def copy_summary(plan: CopyPlan) -> str:
    """'14 shifts copied; 2 skipped: already on the rota' (with several reasons, how many for each)."""
    text = f"{_count(len(plan.shifts), 'shift')} copied"
    return f"{text}; {plan.skipped} skipped: {left_out(plan)}" if plan.skipped else text


def left_out(plan: CopyPlan) -> str:
    """Why shifts were left out of a copy: 'already on the rota', or '2 already on the rota, 1 the person had left
    by then'."""
    reasons = [(n, why) for n, why in ((plan.past, "on days already past"),
                                       (plan.covered_absence, "covered an absence"),
                                       (plan.overlapping, "already on the rota"),
                                       (plan.left, "the person had left by then"),
                                       (plan.clock_change, "a time the clocks skip or repeat that night")) if n]
    if len(reasons) == 1:
        return reasons[0][1]
    return ", ".join(f"{n} {why}" for n, why in reasons)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"
