"""Importing and exporting the rota's kinds of SPEC 7: `shifts` (known by their member of staff and planned start;
overlaps refused against the database and within the file; both clock-change nights) and `key_times` (an import
replaces the home's windows whole; the defaults exported until the home sets its own)."""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from datetime import date, datetime, time, timezone

import pytest

from inspect_app.domain.records import Home
from inspect_app.domain.roles import Account, NotPermitted, Role
from inspect_app.domain.rota import DEFAULT_WINDOWS, KeyTimeWindow, Shift
from inspect_app.domain.vocabulary import Absence, ShiftType, WindowDays
from inspect_app.services import accounts, exporting, registers, rota
from inspect_app.services.csv_kinds import KINDS, kind_named
from inspect_app.services.importing import ImportFailed, import_csv
from inspect_app.services.verify import verify
from inspect_app.services.workspace import Credentials, Workspace
from inspect_app.storage.codec import to_row

UTC = timezone.utc
HEADER = "staff_ref,shift_type,planned_start,planned_end,actual_start,actual_end,absence,shift_lead\n"
# a week around the October clock change (25/10/2026: 02:00 BST becomes 01:00 GMT) and one over the March one
SHIFTS = HEADER + (
    "S-01,day,2026-10-24T07:00,2026-10-24T15:00,2026-10-24T07:05,2026-10-24T15:10,,yes\n"
    "S-02,waking_night,24/10/2026 22:00,25/10/2026 07:00,,,,no\n"              # 10 hours: one happens twice
    "S-01,sleep_in,2026-10-25T01:30+01:00,2026-10-25T09:00,,,,\n"              # the first 01:30, given its offset
    "S-02,late,2026-10-25T14:00,2026-10-25T22:00,,,sick,\n"
    "S-01,Waking Night,2026-03-28T22:00,2026-03-29T07:00,2026-03-28T22:00,2026-03-29T03:00+01:00,,\n"
    "S-02,Long Day,2026-03-29T08:00,2026-03-29T20:00,,,LEAVE,\n")


def problem_lines(err: pytest.ExceptionInfo) -> list[str]:
    return err.value.lines()


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(UTC)


def exported(ws, home, kind: str) -> str:
    out = io.StringIO(newline="")
    csv.writer(out).writerows(exporting.export_rows(ws, home, KINDS[kind]))
    return out.getvalue()


def senior_of(ws, home) -> Workspace:
    accounts.add_account(ws, Account("sally", "Sally Senior", Role.SENIOR, home_ids=frozenset({home.id})),
                         "a long pass phrase")
    return Workspace.open(ws.db.path, Credentials("sally", "a long pass phrase"), clock=ws.clock)


# shifts: every column, clock changes, round trips ----------------------------------------------------------

def test_shifts_read_every_column_across_both_clock_changes(ws, home, sam, kim):
    result = import_csv(ws, home, "shifts", SHIFTS)
    assert (result.added, result.skipped, result.warnings) == (6, 0, [])
    march_night, leave, first, night, sleep_in, sick = ws.shifts.for_home(home.id)   # by planned start
    assert first == Shift(home.id, sam.id, ShiftType.DAY, at("2026-10-24T07:00+01:00"), at("2026-10-24T15:00+01:00"),
                          at("2026-10-24T07:05+01:00"), at("2026-10-24T15:10+01:00"), None, True, id=first.id)
    assert (night.staff_id, night.planned_hours, night.shift_lead) == (kim.id, 10.0, False)
    assert sleep_in.planned_start == at("2026-10-25T00:30+00:00") and sleep_in.planned_hours == 8.5
    assert (sick.absence, sick.worked_hours) == (Absence.SICK, 0.0)
    assert march_night.planned_hours == 8.0 and march_night.worked_hours == 4.0   # 22:00 GMT to 03:00 BST
    assert (leave.shift_type, leave.absence) == (ShiftType.LONG_DAY, Absence.LEAVE)
    assert verify(ws) == []   # one audit row per shift


def test_a_clock_change_wall_time_without_its_offset_is_refused(ws, home, sam):
    text = HEADER + ("S-01,sleep_in,2026-10-25T01:30,2026-10-25T09:00,,,,\n"
                     "S-01,waking_night,2026-03-29T01:30,2026-03-29T07:00,,,,\n")
    with pytest.raises(ImportFailed) as err:
        import_csv(ws, home, "shifts", text)
    assert problem_lines(err) == [
        "shifts.csv:2: planned_start: 25/10/2026 01:30 happens twice in UK time (the clocks went back); give the "
        "time with its offset: +01:00 for the first, +00:00 for the second",
        "shifts.csv:3: planned_start: 29/03/2026 01:30 does not exist in UK time (the clocks went forward); give the "
        "time with its offset, for example +01:00"]
    assert ws.shifts.count(home.id) == 0


def test_export_then_import_into_a_fresh_database_is_identical(ws, home, sam, kim, tmp_path, new_workspace, clock):
    import_csv(ws, home, "shifts", SHIFTS)
    path = tmp_path / "shifts.csv"
    assert exporting.export_csv(ws, home, "shifts", path) == 6
    text = path.read_text(encoding="utf-8")
    assert text.splitlines()[0] == HEADER.strip()
    assert "S-01,sleep_in,2026-10-25T01:30+01:00,2026-10-25T09:00+00:00,,,," in text   # offsets: no doubt
    other = new_workspace(tmp_path / "other.db", clock)
    try:
        there = registers.create_home(other, Home(urn=home.urn, name=home.name))
        ids = {person.id: registers.save_staff(other, replace(person, id=None, home_id=there.id)).id
               for person in (sam, kim)}
        assert import_csv(other, there, "shifts", path).added == 6
        moved = [replace(s, id=None, home_id=there.id, staff_id=ids[s.staff_id]) for s in ws.shifts.for_home(home.id)]
        assert [replace(s, id=None) for s in other.shifts.for_home(there.id)] == moved
        assert exported(other, there, "shifts") == exported(ws, home, "shifts")
    finally:
        other.close()


def test_importing_the_export_into_the_same_database_skips_every_row(ws, home, sam, kim):
    import_csv(ws, home, "shifts", SHIFTS)
    result = import_csv(ws, home, "shifts", exported(ws, home, "shifts"))
    assert (result.added, result.skipped) == (0, 6)
    assert ws.shifts.count(home.id) == 6


def test_a_stored_shift_with_different_content_is_an_error_naming_the_columns(ws, home, sam, kim):
    import_csv(ws, home, "shifts", SHIFTS)
    changed = HEADER + "S-01,day,2026-10-24T07:00,2026-10-24T16:00,2026-10-24T07:05,2026-10-24T15:10,,no\n"
    with pytest.raises(ImportFailed) as err:
        import_csv(ws, home, "shifts", changed)
    assert problem_lines(err) == [
        "shifts.csv:2: planned_start: the shift of S-01 planned to start 24/10/2026 07:00 is already in this home's "
        "records with a different planned_end, shift_lead: correct the shift in the program"]


def test_the_same_shift_twice_in_a_file_names_the_first_line(ws, home, sam):
    text = HEADER + ("S-01,day,2026-11-02T07:00,2026-11-02T15:00,,,,\n"
                     "S-01,late,02/11/2026 07:00,2026-11-02T15:00,,,,\n")
    with pytest.raises(ImportFailed) as err:
        import_csv(ws, home, "shifts", text)
    assert problem_lines(err) == ["shifts.csv:3: planned_start: the shift of S-01 planned to start 02/11/2026 07:00 "
                                  "is already on line 2 of this file"]


# overlaps -----------------------------------------------------------------------------------------------------

def test_overlapping_rows_in_one_file_are_refused_on_the_later_line(ws, home, sam, kim):
    text = HEADER + ("S-01,day,2026-11-02T07:00,2026-11-02T15:00,,,,\n"
                     "S-02,day,2026-11-02T07:00,2026-11-02T15:00,,,,\n"     # someone else: fine
                     "S-01,late,2026-11-02T15:00,2026-11-02T22:00,,,,\n"    # starts as the day ends: fine
                     "S-01,long_day,2026-11-02T08:00,2026-11-02T20:00,,,,\n")
    with pytest.raises(ImportFailed) as err:
        import_csv(ws, home, "shifts", text)
    assert problem_lines(err) == [
        "shifts.csv:5: planned_start: Sam Jones is already on a day shift from 02/11/2026 07:00 that overlaps this "
        "one (line 2 of this file)"]
    assert ws.shifts.count(home.id) == 0


def test_times_worked_that_overlap_are_refused_too(ws, home, sam):
    text = HEADER + ("S-01,waking_night,2026-11-01T22:00,2026-11-02T07:00,2026-11-01T22:00,2026-11-02T07:30,,\n"
                     "S-01,day,2026-11-02T07:00,2026-11-02T15:00,2026-11-02T07:00,2026-11-02T15:00,,\n")
    with pytest.raises(ImportFailed) as err:
        import_csv(ws, home, "shifts", text)
    assert problem_lines(err) == [
        "shifts.csv:3: actual_start: the times worked overlap those of Sam Jones's waking night shift, worked from "
        "01/11/2026 22:00 to 02/11/2026 07:30 (line 2 of this file)"]


def test_a_shift_overlapping_one_in_the_database_is_refused(ws, home, sam, kim):
    rota.save_shift(ws, Shift(home.id, sam.id, ShiftType.LONG_DAY, at("2026-11-02T08:00+00:00"),
                              at("2026-11-02T20:00+00:00")))
    text = HEADER + ("S-02,day,2026-11-02T07:00,2026-11-02T15:00,,,,\n"
                     "S-01,late,2026-11-02T14:00,2026-11-02T22:00,,,,\n"
                     "S-01,waking_night,2026-11-02T22:00,2026-11-03T07:00,,,,\n")   # from when the late ends
    with pytest.raises(ImportFailed) as err:
        import_csv(ws, home, "shifts", text)
    assert problem_lines(err) == [
        "shifts.csv:3: planned_start: Sam Jones is already on a long day shift from 02/11/2026 08:00 that overlaps "
        "this one"]
    text = HEADER + "S-01,waking_night,2026-11-02T20:00,2026-11-03T07:00,,,,\n"   # from when the long day ends
    assert import_csv(ws, home, "shifts", text).added == 1


def test_an_absent_shift_overlaps_nothing_but_its_planned_start_is_still_taken(ws, home, sam):
    """Someone absent is not on duty: a swap onto another shift that day is allowed; the same person and planned
    start is still one shift (db/0006_rota.sql)."""
    swap = HEADER + ("S-01,day,2026-11-02T07:00,2026-11-02T15:00,,,sick,\n"
                     "S-01,late,2026-11-02T14:00,2026-11-02T22:00,,,,\n")
    assert import_csv(ws, home, "shifts", swap).added == 2
    same_start = HEADER + ("S-01,day,2026-11-09T07:00,2026-11-09T15:00,,,sick,\n"
                           "S-01,late,2026-11-09T07:00,2026-11-09T15:00,,,,\n")
    with pytest.raises(ImportFailed, match="line 2 of this file"):
        import_csv(ws, home, "shifts", same_start)


def test_a_shift_from_the_day_someone_left_is_refused(ws, home, sam):
    registers.save_staff(ws, replace(sam, left_on=date(2026, 11, 3)))
    text = HEADER + ("S-01,day,2026-11-02T07:00,2026-11-02T15:00,,,,\n"
                     "S-01,day,2026-11-03T07:00,2026-11-03T15:00,,,,\n")
    with pytest.raises(ImportFailed) as err:
        import_csv(ws, home, "shifts", text)
    assert problem_lines(err) == [
        "shifts.csv:3: staff_ref: Sam Jones left on 03/11/2026: a shift from that day on cannot be theirs. Choose "
        "someone still here, or correct the leaving date in the staff register"]


# malformed files ------------------------------------------------------------------------------------------------

def test_every_bad_row_is_named_by_line_and_column_and_nothing_is_written(ws, home, sam):
    text = HEADER + ("S-09,day,2026-11-02T07:00,2026-11-02T15:00,,,,\n"
                     "S-01,nap,2026-11-03T07:00,2026-11-03T15:00,,,,maybe\n"
                     "S-01,day,2026-11-04T07:00,2026-11-04T07:00,,,,\n"
                     "S-01,day,2026-11-05T07:00,2026-11-05T15:00,2026-11-05T07:00,,,\n"
                     "S-01,day,2026-11-06T07:00,2026-11-06T15:00,2026-11-06T07:00,2026-11-06T15:00,sick,\n"
                     "S-01,day,2026-11-07T07:00,2026-11-09T15:00,,,,\n"
                     ",,31/02/2026 07:00,,,,,\n"
                     "S-01,day,2026-11-08T07:00,2026-11-08T15:00,,,,\n")          # good, but not written
    with pytest.raises(ImportFailed) as err:
        import_csv(ws, home, "shifts", text)
    assert problem_lines(err) == [
        'shifts.csv:2: staff_ref: "S-09" is not on this home\'s staff register',
        'shifts.csv:3: shift_type: "nap" is not one of: day, late, long_day, waking_night, sleep_in',
        'shifts.csv:3: shift_lead: "maybe" is not yes or no',
        "shifts.csv:4: planned_end: the planned end is not after its start",
        "shifts.csv:5: actual_end: give both the actual start and end",
        "shifts.csv:6: absence: a shift marked absent has no times worked",
        "shifts.csv:7: planned_end: a shift of more than 26 hours is not likely: check the dates",
        "shifts.csv:8: staff_ref: a value is required here",
        "shifts.csv:8: shift_type: a value is required here",
        'shifts.csv:8: planned_start: "31/02/2026 07:00" is not a date and time',
        "shifts.csv:8: planned_end: a value is required here"]
    assert ws.shifts.count(home.id) == 0


def test_a_missing_required_column_or_an_unknown_one_stops_the_file(ws, home, sam):
    with pytest.raises(ImportFailed) as err:
        import_csv(ws, home, "shifts", "staff_ref,shift_type,planned_start,ref\nS-01,day,2026-11-02T07:00,x\n")
    assert problem_lines(err) == [
        "shifts.csv:1: ref: not a column of shifts files (the columns are: staff_ref, shift_type, planned_start, "
        "planned_end, actual_start, actual_end, absence, shift_lead)",
        "shifts.csv:1: planned_end: this required column is missing"]


def test_columns_in_any_order_with_blanks_not_recorded(ws, home, sam):
    text = "planned_end,staff_ref,planned_start,shift_type\n2026-11-02T15:00,S-01,2026-11-02T07:00,DAY\n"
    assert import_csv(ws, home, "shifts", text).added == 1
    (shift,) = ws.shifts.for_home(home.id)
    assert (shift.actual_start, shift.absence, shift.shift_lead) == (None, None, None)


# permissions, progress, storage ---------------------------------------------------------------------------------

def test_a_senior_keeps_the_rota_but_may_not_import_it(ws, home, sam, kim, tmp_path):
    senior = senior_of(ws, home)
    try:
        for kind, text in (("shifts", SHIFTS), ("key_times", "window,start,end,min_staff\nnight,22:00,07:00,1\n")):
            with pytest.raises(NotPermitted, match="cannot import records"):
                import_csv(senior, home, kind, text)
            with pytest.raises(NotPermitted, match="cannot export records"):
                exporting.export_csv(senior, home, kind, tmp_path / f"{kind}.csv")
        rota.save_shift(senior, Shift(home.id, sam.id, ShiftType.DAY, at("2026-11-02T07:00+00:00"),
                                      at("2026-11-02T15:00+00:00")))   # KEEP_ROTA is not IMPORT
    finally:
        senior.close()
    assert ws.shifts.count(home.id) == 1 and rota.key_time_windows(ws, home) == list(DEFAULT_WINDOWS)


def test_progress_is_reported_through_checking_and_writing(ws, home, sam):
    rows = "".join(f"S-01,day,2026-{1 + n // 28:02d}-{1 + n % 28:02d}T07:00,2026-{1 + n // 28:02d}-"
                   f"{1 + n % 28:02d}T15:00,,,,\n" for n in range(300))
    seen = []
    result = import_csv(ws, home, "shifts", HEADER + rows, progress=lambda done, total: seen.append((done, total)))
    assert result.added == 300
    assert seen[0][1] == 600 and seen[-1] == (600, 600) and seen == sorted(seen)


def test_the_repository_stores_a_shift_exactly_as_the_codec_would(ws, home, sam):
    shifts = [Shift(home.id, sam.id, ShiftType.SLEEP_IN, at("2026-10-25T01:30+01:00"), at("2026-10-25T09:00+00:00"),
                    at("2026-10-24T23:00+00:00"), at("2026-10-25T08:59+00:00"), None, True),
              Shift(home.id, sam.id, ShiftType.DAY, at("2026-11-02T07:00+00:00"), at("2026-11-02T15:00+00:00"),
                    absence=Absence.OTHER, shift_lead=False)]
    for shift in shifts:
        assert ws.shifts.snapshot(shift) == to_row(shift, ws.shifts.skip, ws.shifts.rename)
        assert list(ws.shifts.snapshot(shift)) == list(to_row(shift, ws.shifts.skip))


# key_times ------------------------------------------------------------------------------------------------------

WINDOWS = ("window,start,end,min_staff,days,sleep_in_counts\n"
           "breakfast,07:00,09:00,2,all,no\n"
           "Weekend afternoon,13:00,18:00,3,Weekends,\n"
           "night,22:30,7:00,1,,yes\n")


def test_key_times_replace_the_homes_windows_and_say_so(ws, home):
    result = import_csv(ws, home, "key_times", WINDOWS)
    assert result.summary() == "key_times.csv: the home's key-time windows were replaced by the 3 in this file, " \
                               "0 warnings"
    assert rota.key_time_windows(ws, home) == [
        KeyTimeWindow("breakfast", time(7), time(9), 2, WindowDays.ALL, False),
        KeyTimeWindow("Weekend afternoon", time(13), time(18), 3, WindowDays.WEEKENDS, False),
        KeyTimeWindow("night", time(22, 30), time(7), 1, WindowDays.ALL, True)]
    import_csv(ws, home, "key_times", "window,start,end,min_staff\nmorning,07:00,09:30,2\n")
    assert [w.name for w in rota.key_time_windows(ws, home)] == ["morning"]   # replaced, not added to
    assert verify(ws) == []


def test_key_times_export_the_defaults_until_the_home_sets_its_own_and_round_trip(ws, home, tmp_path):
    assert exported(ws, home, "key_times").splitlines() == [
        "window,start,end,min_staff,days,sleep_in_counts", "morning,07:00,09:30,2,all,no",
        "after school,15:30,18:00,2,all,no", "evening,18:00,22:30,2,all,no", "night,22:30,07:00,1,all,no"]
    import_csv(ws, home, "key_times", WINDOWS)
    path = tmp_path / "key_times.csv"
    assert exporting.export_csv(ws, home, "key_times", path) == 3
    before = rota.key_time_windows(ws, home)
    assert import_csv(ws, home, "key_times", path).added == 3
    assert rota.key_time_windows(ws, home) == before
    assert exported(ws, home, "key_times") == path.read_bytes().decode("utf-8")


def test_bad_key_times_are_named_by_line_and_column_and_the_windows_kept(ws, home):
    text = ("window,start,end,min_staff,days,sleep_in_counts\n"
            "morning,7am,09:30,2,all,no\n"
            ",24:00,09:30,,sometimes,perhaps\n"
            "evening,18:00,18:00,99,,\n"
            "Morning,08:00,09:00,1,,\n")
    with pytest.raises(ImportFailed) as err:
        import_csv(ws, home, "key_times", text)
    assert problem_lines(err) == [
        'key_times.csv:2: start: "7am" is not a time of day: write it as HH:MM, for example 07:00 or 22:30',
        "key_times.csv:3: window: a value is required here",
        'key_times.csv:3: start: "24:00" is not a time of day: write it as HH:MM, for example 07:00 or 22:30',
        "key_times.csv:3: min_staff: a value is required here",
        'key_times.csv:3: days: "sometimes" is not one of: all, weekdays, weekends',
        'key_times.csv:3: sleep_in_counts: "perhaps" is not yes or no',
        "key_times.csv:4: end: the window starts and ends at the same time",
        "key_times.csv:4: min_staff: the minimum staff must be from 0 to 50",
        "key_times.csv:5: window: Morning is already on line 2 of this file"]
    assert rota.key_time_windows(ws, home) == list(DEFAULT_WINDOWS)


def test_a_key_times_file_with_no_windows_is_refused(ws, home):
    with pytest.raises(ImportFailed, match="the file has no rows: it would leave the home with no key-time windows"):
        import_csv(ws, home, "key_times", "window,start,end,min_staff\n")


def test_both_rota_kinds_are_available(ws):
    assert kind_named("Shifts").name == "shifts" and kind_named("key-times").name == "key_times"
    assert kind_named("Placements").name == "placements"
