"""The command line with the `placements` kind of SPEC 7: import, export and import again, a malformed file, and the
`placements` keys of `compliance --format json` for a year checked by hand (the same year as
tests/domain/test_placements.py, as at 20/11/2026 12:00; the test clock says 22/11/2026)."""

from __future__ import annotations

import csv
import json

import pytest

from tests.conftest import run_cli as run

CHILDREN = ("child_ref,first_name,last_name,admitted_on,placing_authority\n"
            "C-01,Jay,Brook,2026-01-12,Leeds\n"
            "C-02,Kim,Lowe,2026-02-10,Bradford\n"
            "C-00,Ola,Reed,2025-10-04,York\n")
HEADER = ("referral_ref,referred_on,child_ref,child_initials,age_at_referral,placing_authority,emergency,needs,sop_fit,"
          "sop_notes,impact_assessed_on,impact_risk,manager_view,manager_view_reason,decision,decided_by,"
          "decided_by_role,decided_on,rationale,admitted_on,ended_on,ending\n")
PLACEMENTS = HEADER + (
    # accepted within, assessed before admission, still placed
    "RF-01,2026-01-05,C-01,,13,Leeds,no,Autism;Mental health,within,,2026-01-08,low,support,,accepted,Pat Reid,"
    "registered manager,2026-01-09,,2026-01-12,,\n"
    # accepted partly, assessed on the admission day, ended unplanned
    'RF-02,01/02/2026,C-02,,14,Bradford,yes,Autism,partly,"autism, not in the statement",2026-02-10,medium,,,'
    "accepted,Pat Reid,registered_manager,2026-02-06,,2026-02-10,2026-06-30,unplanned\n"
    # accepted by the RI against the manager's view, no rationale, assessed after admission (no register entry yet)
    "RF-03,2026-03-01,,M.T.,15,Leeds,no,,within,,2026-03-20,high,oppose,too many older boys,accepted,Lee Ward,"
    "responsible_individual,2026-03-10,,2026-03-12,,\n"
    # declined while the manager supported, with a rationale
    "RF-04,2026-04-02,,A.K.,12,Wakefield,,,,,,,support,,declined,Lee Ward,responsible individual,2026-04-06,"
    "the impact on the two youngest was too high,,,\n"
    # withdrawn by the authority
    "RF-05,2026-05-05,,B.N.,16,Kirklees,,,,,,,,,withdrawn,,,2026-05-07,,,,\n"
    # accepted outside the statement, never assessed, not yet admitted
    "RF-06,2026-09-01,,C.D.,11,Leeds,no,Offending behaviour,outside,,,,,,accepted,Pat Reid,registered_manager,"
    "2026-09-03,,,,\n"
    # decided after the as-at day (20/11): pending then
    "RF-07,2026-11-10,,E.F.,13,York,,,,,,,oppose,,accepted,,responsible_individual,2026-11-21,,,,\n"
    # referred before the year, ended unplanned in it
    "RF-00,2025-10-01,C-00,,15,York,no,,outside,,2025-10-02,low,,,accepted,Pat Reid,registered_manager,"
    "2025-10-03,,2025-10-04,2026-02-14,unplanned\n")


@pytest.fixture
def loaded(tmp_path, capsys, clock) -> str:
    db = str(tmp_path / "cli.db")
    assert run(capsys, "--db", db, "init", "--urn", "SC123456", "--name", "Oak House", clock=clock)[0] == 0
    for kind, text in (("children", CHILDREN), ("placements", PLACEMENTS)):
        path = tmp_path / f"{kind}.csv"
        path.write_text(text, encoding="utf-8")
        code, out, err = run(capsys, "--db", db, "import", kind, str(path), clock=clock)
        assert (code, err) == (0, ""), err
    return db


def test_compliance_json_gives_the_placements_lists_of_the_hand_checked_year(loaded, capsys, clock):
    code, out, err = run(capsys, "--db", loaded, "compliance", "--from", "2026-01-01", "--to", "2026-12-31",
                         "--as-at", "2026-11-20T12:00", "--format", "json", clock=clock)
    assert (code, err) == (0, "")
    assert json.loads(out)["placements"] == {
        "referrals": ["RF-01", "RF-02", "RF-03", "RF-04", "RF-05", "RF-06", "RF-07"],
        "accepted": ["RF-01", "RF-02", "RF-03", "RF-06"],
        "declined": ["RF-04"],
        "against_manager_view": ["RF-03", "RF-04"],
        "outside_statement_of_purpose": ["RF-02", "RF-06"],
        "accepted_without_impact_assessment": ["RF-03", "RF-06"],
        "unplanned_endings": ["RF-00", "RF-02"],
    }
    code, text, _ = run(capsys, "--db", loaded, "compliance", "--from", "2026-01-01", "--to", "2026-12-31",
                        "--as-at", "2026-11-20T12:00", clock=clock)
    assert "  Decisions needing their rationale (recommendations 23 and 24): RF-03\n" in text


def test_an_export_imports_again_unchanged(loaded, capsys, tmp_path, clock):
    out_path = tmp_path / "out.csv"
    assert run(capsys, "--db", loaded, "export", "placements", str(out_path), clock=clock)[:2] == (
        0, f"{out_path}: 8 placements records written\n")
    rows = list(csv.DictReader(out_path.open(encoding="utf-8")))
    assert list(rows[0])[-2:] == ["impact_summary", "impact_mitigations"]  # SPEC 7's columns, then these two
    by_ref = {r["referral_ref"]: r for r in rows}
    assert (by_ref["RF-02"]["needs"], by_ref["RF-02"]["sop_notes"]) == ("Autism", "autism, not in the statement")
    assert by_ref["RF-03"]["decided_by_role"] == "responsible_individual"
    code, out, err = run(capsys, "--db", loaded, "import", "placements", str(out_path), clock=clock)
    assert (code, out, err) == (0, "out.csv: 0 placements records added, 8 already there and unchanged, 0 warnings\n",
                                "")


def test_a_malformed_placements_file_exits_1_with_one_line_per_problem(loaded, capsys, tmp_path, clock):
    bad = tmp_path / "more.csv"
    bad.write_text(HEADER +
                   "RF-10,2026-11-01,C-09,,,,,,sideways,,,,,,accepted,,,,,,,\n"
                   "RF-11,2026-11-02,,G.H.,,,,,,,,,,,pending,,,2026-11-03,,,,\n"
                   "RF-12,2026-11-02,C-01,,,,,,,,,,,,accepted,,,2026-11-03,,2026-11-04,,\n"
                   "RF-13,2026-11-20,,I.J.,,,,,,,,,,,,,,,,,,\n", encoding="utf-8")
    code, out, err = run(capsys, "--db", loaded, "import", "placements", str(bad), clock=clock)
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        'more.csv:2: child_ref: "C-09" is not on this home\'s register of children',
        'more.csv:2: sop_fit: "sideways" is not one of: within, partly, outside',
        "more.csv:3: decided_on: a pending referral has no decision date: choose the decision",
        "more.csv:4: child_ref: C-01 was admitted from referral RF-01 (the home's records)",
        "more.csv:5: decision: a value is required here",
    ]


def test_a_file_keeps_dates_after_today_and_the_checks_read_them_as_at_a_moment(loaded, capsys, tmp_path, clock):
    """As every kind does, an import keeps the dates a file gives, even after today (22/11/2026 by the test clock):
    the window refuses them (services.placements.future_problems), a file of last year's or next month's does not."""
    later = tmp_path / "later.csv"
    later.write_text(HEADER + "RF-20,2026-11-25,,K.L.,,,,,,,,,,,accepted,,registered_manager,2026-11-27,,,,\n",
                     encoding="utf-8")
    assert run(capsys, "--db", loaded, "import", "placements", str(later), clock=clock)[0] == 0
    code, out, _ = run(capsys, "--db", loaded, "compliance", "--from", "2026-11-01", "--to", "2026-11-30",
                       "--as-at", "2026-11-26T12:00", "--format", "json", clock=clock)
    placed = json.loads(out)["placements"]
    assert "RF-20" in placed["referrals"] and "RF-20" not in placed["accepted"]  # decided the next day


def test_every_kind_spec_7_names_can_be_read_and_written():
    from inspect_app.services.csv_kinds import ALL_KINDS, KINDS

    assert set(KINDS) == set(ALL_KINDS)
