"""Two days of a home's rota that the staffing tests share (the service, the month tab, the dashboard): Tue 24/11/2026
and Wed 25/11/2026, with Lee (Level 3, PI trained) and Pat (bank, neither) beside conftest's Sam and Kim."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from inspect_app.domain.local_time import from_wall_time
from inspect_app.domain.records import Staff
from inspect_app.domain.rota import Shift
from inspect_app.domain.vocabulary import Employment, ShiftType, StaffRole
from inspect_app.services import registers, rota

TUE, WED = date(2026, 11, 24), date(2026, 11, 25)


def put(ws, home, person, day: date, start: str, end: str, kind=ShiftType.DAY, **kw) -> Shift:
    """A shift from the wall-clock times of `day`; one ending at or before its start ends the next morning."""
    begin = from_wall_time(datetime.combine(day, time.fromisoformat(start)))
    finish = from_wall_time(datetime.combine(day + timedelta(days=end <= start), time.fromisoformat(end)))
    return rota.save_shift(ws, Shift(home.id, person.id, kind, begin, finish, **kw))


def add_lee(ws, home) -> Staff:
    return registers.save_staff(ws, Staff(home.id, "S-03", "Lee Hart", StaffRole.CARE_WORKER, Employment.PERMANENT,
                                          care_role_started_on=date(2019, 1, 1), level3_achieved_on=date(2020, 1, 1),
                                          pi_trained_on=date(2026, 1, 10)))


def add_pat(ws, home) -> Staff:
    return registers.save_staff(ws, Staff(home.id, "S-04", "Pat Quinn", StaffRole.CARE_WORKER, Employment.BANK,
                                          care_role_started_on=date(2026, 1, 1)))


def plan_two_days(ws, home, sam, kim, lee, pat) -> None:
    """Tue: days of Sam and Kim, Lee's late, Pat's late ending at 19:00 (the evening has Lee alone from then); nobody
    on the night. Wed: the same days, Lee's late, Pat from 18:00 (the after school has Lee alone from 15:00), Kim's
    waking night."""
    for day in (TUE, WED):
        put(ws, home, sam, day, "07:00", "15:00")
        put(ws, home, kim, day, "07:00", "15:00")
        put(ws, home, lee, day, "14:30", "22:30", ShiftType.LATE)
    put(ws, home, pat, TUE, "14:30", "19:00", ShiftType.LATE)
    put(ws, home, pat, WED, "18:00", "23:00", ShiftType.LATE)
    put(ws, home, kim, WED, "22:00", "07:30", ShiftType.WAKING_NIGHT)
