"""The command line with the rota's kinds of SPEC 7: `import` and `export` of `shifts` and `key_times` (importing key
times replaces the home's windows), their exit codes and messages, and `import --help` naming them."""

from __future__ import annotations

from pathlib import Path

import pytest

from inspect_app.domain.rota import DEFAULT_WINDOWS
from tests.conftest import run_cli as run

STAFF = ("staff_ref,full_name,role\n"
         "S-01,Sam Jones,senior\n"
         "S-02,Kim Patel,care_worker\n")
SHIFTS = ("staff_ref,shift_type,planned_start,planned_end,actual_start,actual_end,absence,shift_lead\n"
          "S-01,day,2026-10-24T07:00,2026-10-24T15:00,2026-10-24T07:00,2026-10-24T15:30,,yes\n"
          "S-02,waking_night,2026-10-24T22:00,2026-10-25T07:00,,,,\n"
          "S-01,sleep_in,2026-10-25T01:30+00:00,2026-10-25T09:00,,,sick,\n")
WINDOWS = ("window,start,end,min_staff,days,sleep_in_counts\n"
           "morning,07:00,09:30,2,weekdays,no\n"
           "night,22:00,07:00,1,all,yes\n")


def write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


@pytest.fixture
def db(tmp_path, capsys, clock) -> str:
    path = str(tmp_path / "cli.db")
    assert run(capsys, "--db", path, "init", "--urn", "SC123456", "--name", "Oak House", clock=clock)[0] == 0
    assert run(capsys, "--db", path, "import", "staff", write(tmp_path, "staff.csv", STAFF), clock=clock)[0] == 0
    return path


def test_import_help_lists_the_rota_kinds(capsys):
    code, out, _ = run(capsys, "import", "--help")
    assert code == 0 and "shifts" in out and "key_times" in out
    code, out, _ = run(capsys, "export", "--help")
    assert code == 0 and "shifts" in out and "key_times" in out


def test_shifts_are_imported_exported_and_imported_again_unchanged(db, capsys, tmp_path, clock):
    code, out, err = run(capsys, "--db", db, "import", "shifts", write(tmp_path, "shifts.csv", SHIFTS), clock=clock)
    assert (code, out, err) == (0, "shifts.csv: 3 shifts records added, 0 already there and unchanged, 0 warnings\n",
                                "")
    target = tmp_path / "out.csv"
    code, out, err = run(capsys, "--db", db, "export", "shifts", str(target), clock=clock)
    assert (code, out, err) == (0, f"{target}: 3 shifts records written\n", "")
    lines = target.read_text(encoding="utf-8").splitlines()
    assert lines[0] == SHIFTS.splitlines()[0]
    assert lines[1:] == [
        "S-01,day,2026-10-24T07:00+01:00,2026-10-24T15:00+01:00,2026-10-24T07:00+01:00,2026-10-24T15:30+01:00,,yes",
        "S-02,waking_night,2026-10-24T22:00+01:00,2026-10-25T07:00+00:00,,,,",
        "S-01,sleep_in,2026-10-25T01:30+00:00,2026-10-25T09:00+00:00,,,sick,"]
    code, out, _ = run(capsys, "--db", db, "import", "shifts", str(target), clock=clock)
    assert code == 0 and "0 shifts records added, 3 already there and unchanged" in out


def test_a_bad_shifts_file_exits_1_with_one_line_per_problem(db, capsys, tmp_path, clock):
    bad = SHIFTS + ("S-02,day,2026-10-25T06:00,2026-10-25T14:00,,,,\n"     # overlaps line 3's night
                    "S-03,day,2026-10-26T07:00,2026-10-26T15:00,,,,\n"
                    "S-01,day,2026-03-29T01:30,2026-03-29T09:00,,,,\n")
    code, out, err = run(capsys, "--db", db, "import", "shifts", write(tmp_path, "bad.csv", bad), clock=clock)
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        "bad.csv:5: planned_start: Kim Patel is already on a waking night shift from 24/10/2026 22:00 that overlaps "
        "this one (line 3 of this file)",
        'bad.csv:6: staff_ref: "S-03" is not on this home\'s staff register',
        "bad.csv:7: planned_start: 29/03/2026 01:30 does not exist in UK time (the clocks went forward); give the "
        "time with its offset, for example +01:00"]
    code, out, _ = run(capsys, "--db", db, "export", "shifts", str(tmp_path / "none.csv"), clock=clock)
    assert (code, out) == (0, f"{tmp_path / 'none.csv'}: 0 shifts records written\n")   # nothing was imported


def test_key_times_export_the_defaults_and_an_import_replaces_them(db, capsys, tmp_path, clock):
    defaults = tmp_path / "defaults.csv"
    code, out, _ = run(capsys, "--db", db, "export", "key_times", str(defaults), clock=clock)
    assert (code, out) == (0, f"{defaults}: {len(DEFAULT_WINDOWS)} key_times records written\n")
    assert defaults.read_text(encoding="utf-8").splitlines()[1] == "morning,07:00,09:30,2,all,no"
    code, out, err = run(capsys, "--db", db, "import", "key_times", write(tmp_path, "kt.csv", WINDOWS), clock=clock)
    assert (code, out, err) == (0, "kt.csv: the home's key-time windows were replaced by the 2 in this file, "
                                   "0 warnings\n", "")
    again = tmp_path / "again.csv"
    assert run(capsys, "--db", db, "export", "key_times", str(again), clock=clock)[0] == 0
    assert again.read_text(encoding="utf-8") == WINDOWS


def test_a_bad_key_times_file_exits_1_and_keeps_the_windows(db, capsys, tmp_path, clock):
    bad = WINDOWS + "NIGHT,23:00,06:00,1,all,yes\n"
    code, out, err = run(capsys, "--db", db, "import", "key_times", write(tmp_path, "kt.csv", bad), clock=clock)
    assert (code, out, err) == (1, "", "kt.csv:4: window: NIGHT is already on line 3 of this file\n")
    target = tmp_path / "kept.csv"
    run(capsys, "--db", db, "export", "key_times", str(target), clock=clock)
    assert len(target.read_text(encoding="utf-8").splitlines()) == 1 + len(DEFAULT_WINDOWS)


def test_a_kind_misspelt_is_a_usage_error(db, capsys, tmp_path, clock):
    code, _, err = run(capsys, "--db", db, "import", "shift", write(tmp_path, "s.csv", SHIFTS), clock=clock)
    assert code == 2 and "invalid choice: 'shift'" in err
