"""The command line of SPEC 7, run in-process: subcommands, exit codes and the one-line messages."""

from __future__ import annotations

import json
import subprocess
import sys
import types
from pathlib import Path

import pytest

from inspect_app import __main__ as entry
from inspect_app import cli
from inspect_app.domain.records import Home
from inspect_app.domain.roles import Account, Role
from inspect_app.services.accounts import add_account
from inspect_app.storage.database import connect
from tests.conftest import run_cli as run

ROOT = Path(__file__).resolve().parent.parent

CHILDREN = ("child_ref,first_name,last_name,date_of_birth,sex,admitted_on\n"
            "C-01,Amy,Brown,2011-04-03,F,2025-06-01\n"
            "C-02,Ben,Carter,2010-12-19,M,2026-03-15\n")
STAFF = ("staff_ref,full_name,role,authorised_signoff\n"
         "S-01,Sam Jones,senior,yes\n"
         "S-02,Kim Patel,care worker,no\n")
MEASURES = (
    "incident_ref,child_ref,measure,started_at,used_by,recorded_at,recorded_by,signed_at,signed_by,"
    "user_spoken_to_at\n"
    "R-01,C-01,restraint,2026-11-01T19:00,S-01;S-02,2026-11-01T21:00,S-02,2026-11-02T10:00,S-02,2026-11-02T09:00\n"
    "R-02,C-02,sanction,2026-11-20T19:00,S-01,2026-11-21T20:00,S-01,,,\n"
)


@pytest.fixture
def files(tmp_path) -> dict[str, Path]:
    found = {}
    for kind, text in (("children", CHILDREN), ("staff", STAFF), ("measures", MEASURES)):
        found[kind] = tmp_path / f"{kind}.csv"
        found[kind].write_text(text, encoding="utf-8")
    return found


@pytest.fixture
def db(tmp_path, files, capsys, clock) -> str:
    """A database with one home, its registers and two measures, loaded through the command line."""
    path = str(tmp_path / "cli.db")
    assert run(capsys, "--db", path, "init", "--urn", "SC123456", "--name", "Oak House", "--places", "4",
               clock=clock)[0] == 0
    for kind in ("children", "staff", "measures"):
        code, out, err = run(capsys, "--db", path, "import", kind, str(files[kind]), clock=clock)
        assert (code, err) == (0, ""), err
    return path


# help and usage ----------------------------------------------------------------

@pytest.mark.parametrize("command", [[], *([c] for c in cli._COMMANDS)])
def test_every_subcommand_has_help(capsys, command):
    code, out, _ = run(capsys, *command, "--help")
    assert code == 0
    assert "usage: inspect-app" in out


@pytest.mark.parametrize("argv", [
    ["frobnicate"],
    ["init", "--name", "Oak House"],  # --urn missing
    ["import", "cats", "x.csv"],
    ["compliance", "--to", "2026-01-01"],
    ["compliance", "--from", "2026-01-01", "--to", "2026-02-01", "--format", "xml"],
    ["demo", "--homes", "two"],
    ["--db"],
])
def test_bad_usage_exits_2(capsys, argv):
    code, _, err = run(capsys, *argv)
    assert code == 2
    assert "usage:" in err


# init, import, export ---------------------------------------------------------------

def test_init_creates_the_database_and_the_home(tmp_path, capsys, sign_in):
    path = tmp_path / "new" / "records.db"
    code, out, _ = run(capsys, "init", "--urn", "sc123456", "--name", "Oak House", "--db", str(path))
    assert code == 0 and "Oak House (SC123456)" in out
    ws = sign_in(path)
    try:
        assert ws.home().places is None and ws.home().urn == "SC123456"
    finally:
        ws.close()


def test_init_twice_says_the_home_exists(db, capsys):
    code, _, err = run(capsys, "init", "--urn", "SC123456", "--name", "Oak House", "--db", db)
    assert code == 1
    assert err == "urn: a home with URN SC123456 is already in this database\n"


def test_without_db_the_default_database_is_used(capsys, tmp_path, clock):
    assert run(capsys, "init", "--urn", "SC123456", "--name", "Oak House", clock=clock)[0] == 0
    assert (tmp_path / "userdata" / "records.db").exists()  # INSPECT_APP_DATA, set by conftest
    code, out, _ = run(capsys, "annex-a", "--format", "json", clock=clock)
    assert code == 0 and json.loads(out)["home"]["urn"] == "SC123456"


def test_a_missing_database_is_not_created_by_other_commands(capsys, tmp_path):
    code, _, err = run(capsys, "--db", str(tmp_path / "none.db"), "verify")
    assert code == 1 and "there is no database at" in err
    assert not (tmp_path / "none.db").exists()


def test_import_reports_every_bad_row_and_writes_nothing(db, capsys, tmp_path, sign_in):
    bad = tmp_path / "more-children.csv"
    bad.write_text("child_ref,first_name,last_name,date_of_birth,admitted_on\n"
                   "C-05,Eve,Fox,2012-01-01,2026-01-05\n"
                   "C-06,Guy,Hill,31/02/2015,2026-01-05\n"
                   "C-07,Ian,,2013-01-01,2026-01-05\n", encoding="utf-8")
    code, out, err = run(capsys, "import", "children", str(bad), "--db", db)
    assert code == 1 and out == ""
    assert err.splitlines() == ['more-children.csv:3: date_of_birth: "31/02/2015" is not a date',
                                "more-children.csv:4: last_name: a value is required here"]
    ws = sign_in(db)
    try:
        assert ws.children.count(ws.home().id) == 2
    finally:
        ws.close()


def test_import_prints_warnings_and_succeeds(db, capsys, tmp_path, clock):
    path = tmp_path / "m.csv"
    path.write_text("incident_ref,child_ref,measure,started_at,recorded_at,holds\n"
                    "R-03,C-01,restraint,2026-11-03T10:00,2026-11-03T11:00,Basket hold\n", encoding="utf-8")
    code, out, err = run(capsys, "--db", db, "import", "measures", str(path), clock=clock)
    assert code == 0
    assert "1 measures records added" in out
    assert err == ('warning: m.csv:2: holds: "Basket hold" is not a hold in the home\'s scheme (Team Teach); '
                   "kept as written\n")


def test_a_kind_not_in_the_spec_is_a_usage_error_naming_the_kinds(db, capsys, tmp_path):
    code, _, err = run(capsys, "--db", db, "import", "rotas", str(tmp_path / "rotas.csv"))
    assert code == 2 and "invalid choice: 'rotas'" in err and "placements" in err


def test_export_then_reimport_skips_every_row(db, capsys, tmp_path):
    out_file = tmp_path / "export" / "measures.csv"
    out_file.parent.mkdir()
    code, out, _ = run(capsys, "export", "measures", str(out_file), "--db", db, "--home", "SC123456")
    assert code == 0 and "2 measures records written" in out
    code, out, _ = run(capsys, "import", "measures", str(out_file), "--db", db)
    assert code == 0 and "0 measures records added, 2 already there" in out


def _outside(db, sign_in):
    """A connection as another program would have it, given the key (which only a password unlocks)."""
    ws = sign_in(db)
    key = ws.db.key
    ws.close()
    return connect(db, key)


def test_the_signed_in_account_is_named_in_the_audit_trail(db, capsys, tmp_path, sign_in):
    ws = sign_in(db)
    add_account(ws, Account("Maria", "Maria Lopez", Role.MANAGER, home_ids=frozenset({ws.home().id})),
                "a long pass phrase")
    ws.close()
    secret = tmp_path / "maria.txt"
    secret.write_text("a long pass phrase\n", encoding="utf-8")
    path = tmp_path / "c.csv"
    path.write_text("child_ref,first_name,last_name,admitted_on\nC-09,Ida,Jay,2026-01-01\n", encoding="utf-8")
    assert run(capsys, "--db", db, "--user", "maria", "--password-file", str(secret), "import", "children",
               str(path))[0] == 0
    row = _outside(db, sign_in).execute("SELECT actor, action FROM audit ORDER BY id DESC LIMIT 1").fetchone()
    assert row == ("maria", "import")


def test_a_database_with_two_homes_needs_home(db, capsys, clock, sign_in):
    ws = sign_in(db, clock=clock)
    try:
        from inspect_app.services.registers import create_home
        create_home(ws, Home(urn="SC654321", name="Elm House"))
    finally:
        ws.close()
    code, _, err = run(capsys, "--db", db, "annex-a", clock=clock)
    assert code == 1 and "choose one with --home URN" in err
    code, out, _ = run(capsys, "--db", db, "annex-a", "--home", "SC654321", "--format", "json", clock=clock)
    assert code == 0 and json.loads(out)["home"] == {"urn": "SC654321", "name": "Elm House"}


# compliance and annex A ------------------------------------------------------------------

def test_compliance_json_has_the_spec_keys(db, capsys, clock):
    code, out, _ = run(capsys, "compliance", "--db", db, "--from", "01/11/2026", "--to", "2026-11-30",
                       "--format", "json", clock=clock)
    body = json.loads(out)
    assert code == 0
    assert body["home"] == {"urn": "SC123456", "name": "Oak House"}
    assert body["period"] == {"from": "2026-11-01", "to": "2026-11-30"}
    assert body["as_at"] == "2026-11-22T12:00:00+00:00"
    assert {"admitted", "left", "resident", "restraint_incidents", "children_restrained"} <= set(body["annex_a"])
    assert set(body["measures"]) >= {"count", "children", "exempt_planned", "late_record", "late_signoff",
                                     "signed_by_unauthorised", "late_child_debrief", "due"}
    assert body["annex_a"]["restraint_incidents"] == 1 and body["annex_a"]["children_restrained"] == 1
    assert body["measures"]["count"] == 2
    assert body["measures"]["children"] == ["C-01", "C-02"]
    assert body["measures"]["signed_by_unauthorised"] == ["R-01"]  # Kim signed, not authorised
    assert body["measures"]["late_record"] == ["R-02"]  # recorded 25 hours after it started
    assert body["measures"]["due"] == ["R-02"]  # sign-off due by 22/11 19:00, after the as-at moment
    assert body["measures"]["late_child_debrief"] == ["R-01"]
    assert out.startswith("{\n  \"home\"")  # indented, in the contract's order


def test_compliance_as_at_is_uk_wall_time_and_refuses_clock_change_times(db, capsys, clock):
    code, out, _ = run(capsys, "--db", db, "compliance", "--from", "2026-11-01", "--to", "2026-11-30",
                       "--as-at", "2026-11-01T20:00", "--format", "json", clock=clock)
    assert code == 0 and json.loads(out)["as_at"] == "2026-11-01T20:00:00+00:00"
    code, _, err = run(capsys, "--db", db, "compliance", "--from", "2026-03-01", "--to", "2026-11-30",
                       "--as-at", "2026-10-25T01:30", clock=clock)
    assert code == 1 and err.startswith("--as-at: 25/10/2026 01:30 happens twice in UK time")


def test_compliance_text_and_bad_dates(db, capsys, clock):
    code, out, err = run(capsys, "--db", db, "compliance", "--from", "2026-11-01", "--to", "2026-11-30", clock=clock)
    assert code == 0, err
    assert "Key-time windows with a Level 3 qualified person on duty throughout (reg 32): " in out  # the mix, for text
    assert "Signed by someone not authorised (reg 35(3)(b)): R-01" in out
    code, _, err = run(capsys, "--db", db, "compliance", "--from", "2026-11-31", "--to", "2026-11-30")
    assert (code, err) == (1, '--from: "2026-11-31" is not a date\n')
    code, _, err = run(capsys, "--db", db, "compliance", "--from", "2026-12-01", "--to", "2026-11-30")
    assert code == 1 and "ends (30/11/2026) before it starts" in err


def test_annex_a_json_and_text(db, capsys, clock):
    code, out, _ = run(capsys, "--db", db, "annex-a", "--since", "2026-01-01", "--format", "json", clock=clock)
    body = json.loads(out)
    assert code == 0
    assert (body["since"], body["to"], body["home"]["urn"]) == ("2026-01-01", "2026-11-22", "SC123456")
    assert (body["admitted"], body["resident"], body["restraint_incidents"]) == (1, 2, 1)
    code, out, _ = run(capsys, "--db", db, "annex-a", clock=clock)  # since the first admission
    assert code == 0 and "from 01/06/2025 to 22/11/2026" in out and "Children admitted:          2" in out


# pack, demo, backup, verify ----------------------------------------------------------------

def test_pack_is_not_in_this_version(db, capsys):
    code, _, err = run(capsys, "--db", db, "pack", "--from", "2026-01-01", "--to", "2026-02-01", "-o", "x.pdf")
    assert (code, err) == (1, "the evidence pack is not available in this version\n")


def test_demo_calls_the_generator(tmp_path, capsys, clock, monkeypatch):
    calls = []

    def generate(ws, homes, years, seed, progress):
        calls.append((homes, years, seed, progress))
        from inspect_app.services.registers import create_home
        return [create_home(ws, Home(urn=f"SC00000{i}", name=f"Home {i}")) for i in range(1, homes + 1)]

    monkeypatch.setitem(sys.modules, "inspect_app.services.demo", types.SimpleNamespace(generate=generate))
    code, out, _ = run(capsys, "demo", "--homes", "2", "--years", "3", "--seed", "7", "--db",
                       str(tmp_path / "demo.db"), clock=clock)
    assert code == 0 and calls == [(2, 3, 7, None)]
    assert out.startswith("Made 2 homes over 3 years: 0 children, 0 staff, 0 measures")
    assert "0 shifts, 0 referrals, in " in out


def test_backup_makes_a_copy_that_verifies(db, capsys, tmp_path):
    dest = tmp_path / "copies" / "backup.db"
    code, out, _ = run(capsys, "--db", db, "backup", str(dest))
    assert code == 0 and dest.exists()
    code, out, err = run(capsys, "--db", str(dest), "verify")
    assert (code, err) == (0, "") and "sound" in out


def test_verify_finds_an_edit_made_outside_the_program(db, capsys, sign_in):
    conn = _outside(db, sign_in)
    conn.execute("DROP TRIGGER audit_append_only_update")
    conn.execute("UPDATE audit SET actor = 'someone else' WHERE id = 3")
    conn.close()
    code, _, err = run(capsys, "--db", db, "verify")
    assert code == 1
    assert "the audit trail was tampered with: row 3 was changed after it was written" in err


def test_verify_finds_a_record_changed_outside_the_program(db, capsys, sign_in):
    conn = _outside(db, sign_in)
    conn.execute("UPDATE children SET last_name = 'Smith' WHERE ref = 'C-01'")
    conn.close()
    code, _, err = run(capsys, "--db", db, "verify")
    assert code == 1 and "changed outside the program" in err and "last_name" in err


def test_an_unexpected_error_is_logged_not_shown(db, capsys, tmp_path, monkeypatch):
    def explode(*args, **kwargs):
        raise RuntimeError("a bug with a child's name in it")

    monkeypatch.setattr(cli, "import_csv", explode)
    code, out, err = run(capsys, "--db", db, "import", "children", str(tmp_path / "children.csv"))
    assert code == 1
    assert "Traceback" not in err and "child's name" not in err and len(err.splitlines()) == 1
    log = tmp_path / "userdata" / "logs" / "inspect-app.log"
    assert "Traceback" in log.read_text(encoding="utf-8") and "RuntimeError" in log.read_text(encoding="utf-8")


# the entry point ----------------------------------------------------------------------------

def test_no_arguments_opens_the_window(monkeypatch):
    monkeypatch.setitem(sys.modules, "inspect_app.ui.app", types.SimpleNamespace(run_window=lambda: 42))
    assert entry.main([]) == 42


def test_arguments_go_to_the_command_line(monkeypatch):
    seen = []
    monkeypatch.setattr(cli, "main", lambda argv: seen.append(argv) or 0)
    assert entry.main(["verify"]) == 0 and seen == [["verify"]]


def test_python_m_inspect_app_help():
    done = subprocess.run([sys.executable, "-m", "inspect_app", "--help"], capture_output=True, text=True,
                          cwd=ROOT, timeout=60)
    assert done.returncode == 0 and "compliance" in done.stdout


def test_the_installed_script():
    script = ROOT / ".venv" / "bin" / "inspect-app"
    if not script.exists():
        pytest.skip("the inspect-app script is not installed in .venv")
    done = subprocess.run([str(script), "import", "--help"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and "KIND" in done.stdout
    done = subprocess.run([str(script), "compliance"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 2


# signing in (SPEC 7, 8) -----------------------------------------------------------------

def test_without_an_account_the_command_says_how_to_sign_in(db, capsys, monkeypatch):
    monkeypatch.delenv("INSPECT_APP_PASSWORD")
    code, out, err = run(capsys, "--db", db, "verify")
    assert (code, out) == (2, "")
    assert err == ("sign in: give --user NAME and --password-file FILE, or set INSPECT_APP_USER and "
                   "INSPECT_APP_PASSWORD\n")


def test_a_wrong_password_is_one_clear_line(db, capsys, tmp_path):
    secret = tmp_path / "wrong.txt"
    secret.write_text("not the password\n", encoding="utf-8")
    code, out, err = run(capsys, "--db", db, "--password-file", str(secret), "annex-a")
    assert (code, out) == (1, "")
    assert len(err.splitlines()) == 1 and "do not open this database" in err and "Traceback" not in err


def test_care_staff_cannot_make_the_pack_or_back_up(db, capsys, tmp_path, sign_in, monkeypatch):
    ws = sign_in(db)
    add_account(ws, Account("kim", "Kim Patel", Role.CARE_STAFF, home_ids=frozenset({ws.home().id})),
                "a long pass phrase")
    ws.close()
    monkeypatch.setenv("INSPECT_APP_USER", "kim")
    monkeypatch.setenv("INSPECT_APP_PASSWORD", "a long pass phrase")
    code, _, err = run(capsys, "--db", db, "pack", "--from", "2026-01-01", "--to", "2026-11-01", "-o",
                       str(tmp_path / "pack.pdf"))
    assert code == 1 and "cannot make the evidence pack" in err
    code, _, err = run(capsys, "--db", db, "backup", str(tmp_path / "copy.db"))
    assert code == 1 and "cannot back up" in err and not (tmp_path / "copy.db").exists()
    code, _, err = run(capsys, "--db", db, "compliance", "--from", "2026-01-01", "--to", "2026-11-01")
    assert code == 1 and "cannot see the compliance" in err


def test_the_pack_takes_its_own_password_file_and_signs_in_before_the_subcommand(db, capsys, tmp_path):
    pdf_secret = tmp_path / "pdf.txt"
    pdf_secret.write_text("for the pdf\n", encoding="utf-8")
    code, _, err = run(capsys, "--db", db, "pack", "--from", "2026-01-01", "--to", "2026-11-01", "-o",
                       str(tmp_path / "pack.pdf"), "--password-file", str(pdf_secret))
    assert (code, err) == (1, "the evidence pack is not available in this version\n")


def test_restore_puts_a_backup_back(db, capsys, tmp_path, files, sign_in):
    dest = tmp_path / "copies" / "backup.db"
    assert run(capsys, "--db", db, "backup", str(dest))[0] == 0
    more = tmp_path / "more.csv"
    more.write_text("child_ref,first_name,last_name,admitted_on\nC-09,Ida,Jay,2026-01-01\n", encoding="utf-8")
    assert run(capsys, "--db", db, "import", "children", str(more))[0] == 0
    code, out, err = run(capsys, "--db", db, "restore", str(dest))
    assert (code, err) == (0, "") and "Restored" in out and "kept as" in out
    ws = sign_in(db)
    try:
        assert [c.ref for c in ws.children.for_home(ws.home().id)] == ["C-01", "C-02"]
    finally:
        ws.close()
    code, _, err = run(capsys, "--db", db, "restore", str(tmp_path / "missing.db"))
    assert code == 1 and "there is no backup file" in err


def test_an_old_plain_database_is_encrypted_by_the_first_sign_in(tmp_path, capsys):
    import shutil

    path = tmp_path / "old.db"
    shutil.copy(ROOT / "tests" / "fixtures" / "schema_0001.db", path)
    code, out, err = run(capsys, "--db", str(path), "annex-a", "--format", "json")
    assert code == 0 and json.loads(out)["home"]["name"] == "Rowan House"
    assert "now encrypted" in err and "tester is its first account" in err
    assert b"Rowan House" not in path.read_bytes()
