"""Acceptance (issue 5): a hand-checked week of shifts around the October 2026 clock change, kept through the services,
gives exactly the `staffing` keys of SPEC 7's compliance JSON.

The week is Monday 19/10 to Sunday 25/10/2026; the clocks go back at 02:00 BST on Sunday 25/10 (to 01:00 GMT), inside
the night of Saturday 24/10, so that night window (22:30 BST = 21:30 UTC to 07:00 GMT = 07:00 UTC) is 9.5 real hours.
As at Sunday 25/10 12:00 (GMT, so 12:00 UTC): Sunday's shifts have not ended, so they are planned hours only.

The home's windows (set, not the defaults): morning 07:00-09:30, 2 staff, weekdays only; after school 15:30-18:00, 2;
evening 18:00-22:30, 2; night 22:30-07:00, 2, sleep-in staff counting. Long days (LD) are 07:00-22:30 (15.5 h),
waking nights (WN) 22:00-07:30 (9.5 h), sleep-ins (SI) 22:00-08:00 (10 h) unless said otherwise.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time, timezone

import pytest

from inspect_app.domain.local_time import Period, from_wall_time
from inspect_app.domain.records import Staff
from inspect_app.domain.rota import KeyTimeWindow, Shift
from inspect_app.domain.vocabulary import Absence, Employment, ShiftType, StaffRole, WindowDays
from inspect_app.services import compliance, registers, rota

WEEK = Period(date(2026, 10, 19), date(2026, 10, 25))
AS_AT = datetime(2026, 10, 25, 12, 0, tzinfo=timezone.utc)  # Sunday noon GMT

WINDOWS = [
    KeyTimeWindow("morning", time(7), time(9, 30), 2, WindowDays.WEEKDAYS),
    KeyTimeWindow("after school", time(15, 30), time(18), 2),
    KeyTimeWindow("evening", time(18), time(22, 30), 2),
    KeyTimeWindow("night", time(22, 30), time(7), 2, sleep_in_counts=True),
]

# ref, full name, role, employment, started in a care role, Level 3 achieved on, left on
STAFF = [
    ("S-03", "Lee Hart", StaffRole.CARE_WORKER, Employment.PERMANENT, date(2024, 3, 1), None, None),
    ("S-04", "Ann Cole", StaffRole.CARE_WORKER, Employment.BANK, date(2023, 5, 1), date(2026, 11, 1), None),
    ("S-05", "Tom Reed", StaffRole.CARE_WORKER, Employment.PERMANENT, date(2019, 1, 1), None, date(2026, 10, 22)),
    ("S-06", "Joy Okafor", StaffRole.CARE_WORKER, Employment.AGENCY, date(2022, 1, 1), date(2023, 1, 1), None),
    ("S-07", "Raj Mehta", StaffRole.DEPUTY_MANAGER, Employment.PERMANENT, date(2018, 9, 1), date(2019, 9, 1), None),
    ("S-08", "Meg Lowe", StaffRole.REGISTERED_MANAGER, Employment.PERMANENT, date(2015, 1, 1), None, None),
    ("S-09", "Pat Quinn", StaffRole.CARE_WORKER, Employment.BANK, date(2025, 6, 1), None, None),
]

LD, DAY, LATE, WN, SI = (ShiftType.LONG_DAY, ShiftType.DAY, ShiftType.LATE, ShiftType.WAKING_NIGHT,
                         ShiftType.SLEEP_IN)
# staff, type, planned start and end ("DD HH:MM", October 2026, UK wall time), actual start and end, absence
ROTA = [
    ("S-06", WN, "18 22:00", "19 07:30"), ("S-01", SI, "18 22:00", "19 08:00"),  # Sunday before: Monday's morning
    # Mon 19: full cover
    ("S-05", LD, "19 07:00", "19 22:30"), ("S-03", LD, "19 07:00", "19 22:30"),
    ("S-06", WN, "19 22:00", "20 07:30"), ("S-07", SI, "19 22:00", "20 08:00"),
    # Tue 20: Tom went home at 17:00
    ("S-05", LD, "20 07:00", "20 22:30", "20 07:00", "20 17:00"), ("S-02", LD, "20 07:00", "20 22:30"),
    ("S-06", WN, "20 22:00", "21 07:30"), ("S-07", SI, "20 22:00", "21 08:00"),
    # Wed 21: Lee off sick; Ann (bank) came in at 08:00 to cover
    ("S-03", LD, "21 07:00", "21 22:30", None, None, Absence.SICK), ("S-04", LD, "21 08:00", "21 22:30"),
    ("S-02", LD, "21 07:00", "21 22:30"), ("S-06", WN, "21 22:00", "22 07:30"), ("S-01", SI, "21 22:00", "22 08:00"),
    # Thu 22: Kim left at 20:00, Ann's late shift from 20:30
    ("S-02", LD, "22 07:00", "22 22:30", "22 07:00", "22 20:00"), ("S-03", LD, "22 07:00", "22 22:30"),
    ("S-04", LATE, "22 20:30", "22 23:00"), ("S-09", WN, "22 22:00", "23 07:30"), ("S-07", SI, "22 22:00", "23 08:00"),
    # Fri 23: Pat's waking night started at 23:00
    ("S-02", LD, "23 07:00", "23 22:30"), ("S-03", LD, "23 07:00", "23 22:30"),
    ("S-09", WN, "23 22:00", "24 07:30", "23 23:00", "24 07:30"), ("S-01", SI, "23 22:00", "24 08:00"),
    # Sat 24: Lee from 10:00 (no morning window at weekends); the clocks go back in the night; Raj left at 06:30 GMT
    ("S-03", LD, "24 10:00", "24 22:30"), ("S-04", LD, "24 07:00", "24 22:30"),
    ("S-09", WN, "24 22:00", "25 07:30"), ("S-07", SI, "24 22:00", "25 08:00", "24 22:00", "25 06:30"),
    # Sun 25 (after the as-at time: the planned rota): Sam's day to 21:00, then his sleep-in from 21:00
    ("S-02", LD, "25 07:00", "25 22:30"), ("S-01", DAY, "25 07:00", "25 21:00"),
    ("S-01", SI, "25 21:00", "26 08:00"), ("S-06", WN, "25 22:00", "26 07:30"),
    ("S-03", LD, "26 07:00", "26 22:30"),  # Monday after the week: neither its hours nor its windows
]


def at(text: str) -> datetime:
    day, clock_time = text.split()
    return from_wall_time(datetime.combine(date(2026, 10, int(day)), time.fromisoformat(clock_time)))


@pytest.fixture
def week(ws, home, sam, kim):
    """Sam (S-01, senior, given his Level 3 in 2021) and Kim (S-02, agency, due 01/02/2027) from conftest, and the
    rest."""
    people = {"S-01": registers.save_staff(ws, replace(sam, level3_achieved_on=date(2021, 6, 1))), "S-02": kim}
    for ref, name, role, employment, started, level3, left in STAFF:
        people[ref] = registers.save_staff(ws, Staff(home.id, ref, name, role, employment, care_role_started_on=started,
                                                     level3_achieved_on=level3, left_on=left))
    rota.set_key_time_windows(ws, home, WINDOWS)
    for ref, kind, start, end, *rest in ROTA:
        actual_start, actual_end, absence = (rest + [None, None, None])[:3]
        rota.save_shift(ws, Shift(home.id, people[ref].id, kind, at(start), at(end),
                                  actual_start=at(actual_start) if actual_start else None,
                                  actual_end=at(actual_end) if actual_end else None, absence=absence))
    return compliance.compute(ws, home, WEEK, AS_AT, with_mix=True)


def test_the_week_around_the_october_clock_change_gives_exactly_the_staffing_keys(week):
    assert compliance.to_json(week)["staffing"] == {
        "windows_below_minimum": [
            # Mon 19: LD Tom + Lee 07:00-22:30, WN Joy + SI Raj from 22:00: every window has 2 (the morning has
            # Sunday's night staff until 07:30/08:00 as well).
            # Tue 20: Tom (actual 07:00-17:00) left; Kim alone 17:00-22:30
            {"date": "2026-10-20", "window": "after school", "on_duty": 1, "required": 2},
            {"date": "2026-10-20", "window": "evening", "on_duty": 1, "required": 2},
            # Wed 21: Lee absent (does not count); Ann from 08:00: Kim alone 07:00-08:00
            {"date": "2026-10-21", "window": "morning", "on_duty": 1, "required": 2},
            # Thu 22: Kim left 20:00 (actual), Ann arrived 20:30: Lee alone 20:00-20:30, a gap in the middle
            {"date": "2026-10-22", "window": "evening", "on_duty": 1, "required": 2},
            # Fri 23: the long days end at 22:30 exactly (not in the night window); Pat came at 23:00: the sleep-in
            # (Sam, counted in this window) alone 22:30-23:00
            {"date": "2026-10-23", "window": "night", "on_duty": 1, "required": 2},
            # Sat 24: the morning window is weekdays only (Ann alone 07:00-10:00 is no finding); the night runs to
            # 07:00 GMT = 07:00 UTC, and Raj's sleep-in ended 06:30 GMT: Pat alone 06:30-07:00 (read in BST, 07:00
            # would be 06:00 UTC and the gap would be missed)
            {"date": "2026-10-24", "window": "night", "on_duty": 1, "required": 2},
            # Sun 25 (planned): Sam's day ends 21:00 and his sleep-in starts then; sleep-ins do not count in the
            # evening window: Kim alone 21:00-22:30. The night has Joy and Sam's sleep-in (counted): 2
            {"date": "2026-10-25", "window": "evening", "on_duty": 1, "required": 2},
        ],
        # Planned to start 19-25/10 (absent and future shifts too; the Sunday before and Monday after are not):
        # Mon 15.5+15.5+9.5+10 = 50.5; Tue 50.5; Wed 15.5 (absent) +14.5+15.5+9.5+10 = 65; Thu 15.5+15.5+2.5+9.5+10
        # = 53; Fri 50.5; Sat 12.5+15.5 + WN 22:00 BST-07:30 GMT 10.5 + SI 22:00 BST-08:00 GMT 11 = 49.5;
        # Sun 15.5 + 14 + SI 21:00-08:00 11 + 9.5 = 50. Total 369.
        "planned_hours": 369.0,
        # Worked, of the shifts ended by Sunday 12:00 (none of Sunday's): Mon 50.5; Tue 10 (Tom) +15.5+9.5+10 = 45;
        # Wed 0 (sick) +14.5+15.5+9.5+10 = 49.5; Thu 13 (Kim) +15.5+2.5+9.5+10 = 50.5; Fri 15.5+15.5 + 8.5 (Pat
        # from 23:00) +10 = 49.5; Sat 12.5+15.5+10.5 + 9.5 (Raj 21:00-06:30 UTC) = 48. Total 293.
        "actual_hours": 293.0,
        # Agency: Kim 15.5+15.5+13+15.5 = 59.5 and Joy 9.5 x 3 = 28.5 (her Sunday 18 night is before the week):
        # 88 / 293 = 0.30034...
        "agency_share": 0.3003,
        # Lee: started 01/03/2024, due 01/03/2026, none. Ann: due 01/05/2025, achieved 01/11/2026, after the as-at
        # time. Not: Tom (left 22/10), Meg (registered manager: not a care role in reg 32(4)'s sense here), Kim and
        # Pat (not yet due), Sam, Joy and Raj (achieved).
        "level3_overdue": ["S-03", "S-04"],
    }


def test_the_text_report_shows_each_staffing_item(week):
    text = compliance.to_text(week)
    assert ("Key-time windows below their minimum: 20/10 after school 1 of 2, 20/10 evening 1 of 2, "
            "21/10 morning 1 of 2, 22/10 evening 1 of 2, 23/10 night 1 of 2, 24/10 night 1 of 2, "
            "25/10 evening 1 of 2") in text
    # bank: Ann 14.5 + 2.5 + 15.5 and Pat 9.5 + 8.5 + 10.5 = 61 of 293
    assert "Hours planned: 369; hours worked: 293; agency share of hours worked: 30%; bank share: 21%" in text
    # 26 windows (no morning at the weekend). Level 3: Sam, Joy, Raj (Ann's is dated after the week). Throughout:
    # the nights of Mon-Fri (Joy's waking nights, then Raj's and Sam's sleep-ins, counted at night), Sunday's after
    # school (Sam's day) and night (Joy). Not Saturday's night: Raj left at 06:30, Pat alone to 07:00. No mornings:
    # the night's Level 3 leaves at 07:30 and the sleep-ins do not count in the morning. Nobody has PI training.
    assert "Key-time windows with a Level 3 qualified person on duty throughout (reg 32): 7 of 26 (27%)" in text
    assert "Key-time windows with a physical-intervention trained person on duty throughout: 0 of 26 (0%)" in text
    assert "Care staff past their Level 3 due date (reg 32(4)): S-03, S-04" in text


def test_without_the_mix_the_figures_are_the_same_read_lean_and_the_text_leaves_the_mix_out(week, ws):
    """compute reads the shifts as duties (SPEC 10) unless the Level 3 and PI mix is wanted: the same figures."""
    lean = compliance.compute(ws, week.home, WEEK, AS_AT)
    assert lean.staffing.mix is None and week.staffing.mix is not None
    assert compliance.to_json(lean) == compliance.to_json(week)
    text = compliance.to_text(lean)
    assert "on duty throughout" not in text and "Care staff past their Level 3 due date (reg 32(4)): S-03, S-04" in text


def test_the_default_windows_give_other_findings_for_the_same_week(ws, home, week):
    """With SPEC 2.6's defaults (night needs 1, sleep-ins not counted; morning every day) the same rota reads
    differently: the findings follow the home's windows, not a fixed rule."""
    rota.set_key_time_windows(ws, home, [KeyTimeWindow("morning", time(7), time(9, 30), 2),
                                         KeyTimeWindow("night", time(22, 30), time(7), 1)])
    found = compliance.to_json(compliance.compute(ws, home, WEEK, AS_AT))["staffing"]["windows_below_minimum"]
    assert found == [
        {"date": "2026-10-21", "window": "morning", "on_duty": 1, "required": 2},
        # Fri 23: only the sleep-in 22:30-23:00, and it does not count here
        {"date": "2026-10-23", "window": "night", "on_duty": 0, "required": 1},
        # Sat 24 (a weekend morning now counts): Pat's waking night ends 07:30, Sam's sleep-in does not count, Lee
        # comes at 10:00: Ann alone 07:30-09:30
        {"date": "2026-10-24", "window": "morning", "on_duty": 1, "required": 2},
        # Sat 24's night: Pat throughout (the 06:30 gap was Raj's sleep-in, not counted now). Sun 25: Kim and Sam
        # from 07:00 (2); the night has Joy from 22:00 (1). No findings.
    ]
