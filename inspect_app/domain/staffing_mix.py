"""Who was on duty at the key times of the day (SPEC 2.6, Narey rec 4): the people in a key-time window, whether a
Level 3 qualified person (reg 32(4)) and a physical-intervention trained person were on duty throughout it, over a
period the share of windows that had them, and the bank share of hours worked.

Decisions (one rule for all of them, the coverage rule of SPEC 7):
- A person is on duty in a window when one of their shifts that the window counts (not absent; a sleep-in only
  where the window says sleep-ins count) is on duty, over [its start, its end) with actual times where recorded
  and planned otherwise, at any moment of the window.
- A window has a Level 3 person "throughout" when at EVERY moment of it at least one person on duty whose
  `level3_achieved_on` is on or before the window's date (the date it starts on) is on duty: the qualified shifts
  together cover the window without a gap, one after another counting (a handover at 15:00 from one qualified
  person to another is no gap; a qualified person leaving half way with nobody qualified after them is one). The
  same for a physical-intervention trained person (`pi_trained_on` on or before that date). A refresher that is
  due does not take the training away here: the register shows the refresher date (a home's scheme sets it).
- The shares cover every window of the period that applies on its date, future ones by the planned rota (as
  windows_below_minimum does); a window with nobody on duty has neither.
- The bank share is bank staff's share of the hours actually worked (the same hours as the agency share: shifts of
  the period that have ended by the as-at time)."""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from datetime import date, datetime
from typing import Iterable, Mapping

from .records import Staff
from .rota import LONGEST_SHIFT, KeyTimeWindow, Shift, on_duty_during
from .vocabulary import Employment, ShiftType



def has_level3(person: Staff | None, day: date) -> bool:
    """reg 32(4): the Level 3 Diploma achieved on or before that day."""
    return person is not None and person.level3_achieved_on is not None and person.level3_achieved_on <= day


def pi_trained(person: Staff | None, day: date) -> bool:
    """Trained in the home's physical-intervention scheme on or before that day."""
    return person is not None and person.pi_trained_on is not None and person.pi_trained_on <= day


def covered_throughout(shifts: Iterable[Shift], start: datetime, end: datetime) -> bool:
    """Whether the shifts, one after another or together, are on duty at every moment of [start, end)."""
    return _sorted_cover(sorted(shifts, key=lambda s: s.start), start, end)


@dataclass(frozen=True)
class WindowMix:
    """Who was on duty in one window on one date, and whether the qualified and trained were there throughout."""

    day: date
    window: KeyTimeWindow
    people: tuple[int, ...]  # staff ids, by the time they came on duty (each once)
    level3_throughout: bool
    pi_throughout: bool


def on_duty_in(shifts: Iterable[Shift], window: KeyTimeWindow, day: date) -> list[Shift]:
    """The shifts the window counts that are on duty at any moment of it on that date, by their start."""
    return sorted((s for s in on_duty_during(shifts, *window.bounds(day)) if window.counts(s)), key=lambda s: s.start)


def window_mix(shifts: Iterable[Shift], window: KeyTimeWindow, day: date, staff: Mapping[int, Staff]) -> WindowMix:
    """The people on duty in the window on that date, and whether a Level 3 and a PI-trained person were on duty
    at every moment of it."""
    start, end = window.bounds(day)
    found = on_duty_in(shifts, window, day)
    people = tuple(dict.fromkeys(s.staff_id for s in found))
    level3 = _sorted_cover([s for s in found if has_level3(staff.get(s.staff_id), day)], start, end)
    trained = _sorted_cover([s for s in found if pi_trained(staff.get(s.staff_id), day)], start, end)
    return WindowMix(day, window, people, level3, trained)


@dataclass(frozen=True)
class MixFigures:
    """Over a period: how many windows there were, and how many had a Level 3 / a PI-trained person throughout."""

    windows: int = 0
    level3_throughout: int = 0
    pi_throughout: int = 0

    @property
    def level3_share(self) -> float:
        return round(self.level3_throughout / self.windows, 4) if self.windows else 0.0

    @property
    def pi_share(self) -> float:
        return round(self.pi_throughout / self.windows, 4) if self.windows else 0.0


def mix_over(shifts: list[Shift], windows: list[KeyTimeWindow], days: Iterable[date],
             staff: Iterable[Staff]) -> MixFigures:
    """The figures for every window applying on each date (the same answers as window_mix, a provider's years fast).

    Only the shifts of people who ever had the Level 3 or the training are looked at, sorted once by start; each
    window looks at those starting from a longest shift before it to its end (as domain.rota.coverage does)."""
    level3 = {p.id: p.level3_achieved_on for p in staff if p.level3_achieved_on is not None}
    trained = {p.id: p.pi_trained_on for p in staff if p.pi_trained_on is not None}
    useful = sorted((s for s in shifts if s.on_duty and (s.staff_id in level3 or s.staff_id in trained)),
                    key=lambda s: s.start)
    without_sleep_ins = [s for s in useful if s.shift_type is not ShiftType.SLEEP_IN]
    lists = {True: (useful, [s.start for s in useful]),
             False: (without_sleep_ins, [s.start for s in without_sleep_ins])}
    count = with_level3 = with_pi = 0
    for day in days:
        for window in windows:
            if not window.applies_on(day):
                continue
            count += 1
            chosen, moments = lists[window.sleep_in_counts]
            start, end = window.bounds(day)
            near = chosen[bisect_left(moments, start - LONGEST_SHIFT):bisect_left(moments, end)]
            if not near:
                continue
            with_level3 += _sorted_cover([s for s in near if level3.get(s.staff_id, date.max) <= day], start, end)
            with_pi += _sorted_cover([s for s in near if trained.get(s.staff_id, date.max) <= day], start, end)
    return MixFigures(count, with_level3, with_pi)


def _sorted_cover(near: list[Shift], start: datetime, end: datetime) -> bool:
    """covered_throughout for shifts already sorted by start."""
    reach = start
    for s in near:
        if s.start > reach:
            return False  # a gap: from `reach` to this shift's start none of them was on duty
        if s.end > reach:
            reach = s.end
            if reach >= end:
                return True
    return False


def employment_shares(worked: list[tuple[int, float]], staff: Iterable[Staff]) -> tuple[float, float]:
    """The agency and the bank staff's shares of the hours worked (each a staff id and its hours), 4 decimals each; 0
    when no hours were worked."""
    total = sum(hours for _, hours in worked)
    if not total:
        return 0.0, 0.0
    staff = list(staff)
    shares = []
    for employment in (Employment.AGENCY, Employment.BANK):
        ids = {p.id for p in staff if p.employment is employment}
        shares.append(round(sum(hours for staff_id, hours in worked if staff_id in ids) / total, 4) if ids else 0.0)
    return shares[0], shares[1]
