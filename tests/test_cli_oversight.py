"""The command line with the oversight kinds of SPEC 7: import and export of visitors, reg 44 visits and
recommendations, inspections and contacts with Ofsted, and the `reg44` keys of `compliance --format json` for a
year checked by hand."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import run_cli as run

ROOT = Path(__file__).resolve().parent.parent
OVERSIGHT = ("visitors", "reg44_visits", "reg44_recommendations", "inspections", "ofsted_contacts")

# A year checked by hand: the period is January to October 2026, as at 22/11/2026 12:00 (the test clock), and the
# home's report target is the default, the end of the month after the visit.
VISITORS = ("visitor_ref,name,organisation,appointed_on,declared_independent_on\n"
            "IV-01,Jo Bloggs,Bloggs Consulting,2025-12-01,2025-12-01\n"
            "IV-02,Ann Other,,2026-05-01,15/07/2026\n")  # not declared until 15/07/2026
VISITS = (
    "visit_ref,visitor_ref,visited_on,report_sent_on,records_checked,safeguarded,wellbeing_promoted\n"
    "V-000,IV-01,2025-12-15,2026-01-10,rota,yes,yes\n"          # before the period
    "V-001,IV-01,01/01/2026,28/02/2026,rota,yes,yes\n"          # the 1st; sent on the target day: on time
    "V-002,IV-01,2026-02-28,2026-03-31,rota,yes,yes\n"          # no visit in March
    "V-003,IV-01,2026-04-30,2026-06-01,rota,yes,yes\n"          # target 31/05: late
    "V-004,IV-02,2026-05-31,2026-06-15,rota,yes,yes\n"          # the 31st; by a visitor not yet declared
    "V-005,IV-02,2026-06-15,,rota,no,not stated\n"              # not declared; never sent, target 31/07 passed
    "V-006,IV-02,2026-07-15,2026-08-31,rota,yes,yes\n"          # declared that very day; no visit in August
    "V-007,IV-01,2026-09-30,,rota,yes,yes\n"                    # not sent, target 31/10 passed
    "V-008,IV-01,2026-10-31,,rota,yes,yes\n"                    # not sent, target 30/11 still ahead
    "V-009,IV-01,2026-11-01,,rota,yes,yes\n")                   # after the period
RECS = (
    "rec_ref,visit_ref,text,consider_by,decision,decided_on,reason,completed_on\n"
    "REC-000,V-000,Old,2026-01-15,,,,\n"                 # its visit is before the period, its date in it: overdue
    "REC-00A,V-000,Older,2025-12-31,,,,\n"               # its visit and its date before the period: not checked
    "REC-001,V-001,Fix the gate,2026-02-15,accepted,2026-02-10,,2026-02-20\n"
    "REC-002,V-003,Repaint,2026-05-31,declined,2026-06-05,No budget,\n"   # decided after its date
    "REC-003,V-005,Move the office,2026-07-31,,,,\n"                      # still pending after its date
    "REC-004,V-006,New sofa,2026-08-31,accepted,2026-08-31,,\n"           # decided on the day
    "REC-005,V-007,Garden,,,,,\n"                                         # pending with no date: never overdue
    "REC-006,V-008,Kitchen,2026-11-30,pending,,,\n")                      # its date still ahead
INSPECTIONS = ("inspection_ref,started_on,type,overall,helped_protected,leadership,interim_outcome,published_on\n"
               "INS-01,2025-03-10,full,requires improvement,good,good,,2025-04-20\n")
CONTACTS = ("contact_ref,occurred_on,phase,with_whom,channel,topic,summary\n"
            'OC-001,2026-06-01,between,Inspector,Telephone,Notification,"Asked about, ""the"" notice"\n')
TEXTS = dict(zip(OVERSIGHT, (VISITORS, VISITS, RECS, INSPECTIONS, CONTACTS)))
HEADERS = {  # SPEC 7's columns in its order; reg44_visits adds parents_spoken_to at the end
    "visitors": "visitor_ref name organisation appointed_on declared_independent_on ended_on",
    "reg44_visits": "visit_ref visitor_ref visited_on announced children_spoken_to staff_spoken_to others_spoken_to "
                    "records_checked premises_checked safeguarded wellbeing_promoted report_received_on "
                    "report_sent_on conflict_of_interest parents_spoken_to",
    "reg44_recommendations": "rec_ref visit_ref text consider_by decision decided_on reason owner completed_on",
    "inspections": "inspection_ref started_on type overall helped_protected leadership interim_outcome published_on",
    "ofsted_contacts": "contact_ref occurred_on phase with_whom channel topic summary follow_up follow_up_done_on",
}


@pytest.fixture
def db(tmp_path, capsys, clock) -> str:
    path = str(tmp_path / "cli.db")
    assert run(capsys, "--db", path, "init", "--urn", "SC123456", "--name", "Oak House", clock=clock)[0] == 0
    return path


@pytest.fixture
def loaded(db, tmp_path, capsys, clock) -> str:
    """The hand-checked year, imported kind by kind through the command line."""
    for kind in OVERSIGHT:
        path = tmp_path / f"{kind}.csv"
        path.write_text(TEXTS[kind], encoding="utf-8")
        code, out, err = run(capsys, "--db", db, "import", kind, str(path), clock=clock)
        assert (code, err) == (0, ""), err
        rows = TEXTS[kind].count("\n") - 1
        assert out == f"{kind}.csv: {rows} {kind} records added, 0 already there and unchanged, 0 warnings\n"
    return db


def test_each_kind_is_imported_from_a_file(loaded, sign_in):
    ws = sign_in(loaded)
    try:
        home = ws.home()
        counts = [getattr(ws, repo).count(home.id)
                  for repo in ("visitors", "visits", "recommendations", "inspections", "contacts")]
        assert counts == [2, 10, 8, 1, 1]
        assert ws.contacts.by_ref(home.id, "OC-001").summary == 'Asked about, "the" notice'
        rec = ws.recommendations.by_ref(home.id, "REC-002")
        assert (rec.visit_id, rec.reason) == (ws.visits.by_ref(home.id, "V-003").id, "No budget")
    finally:
        ws.close()


def test_compliance_json_gives_the_reg44_lists_of_the_hand_checked_year(loaded, capsys, clock):
    code, out, err = run(capsys, "--db", loaded, "compliance", "--from", "2026-01-01", "--to", "2026-10-31",
                         "--format", "json", clock=clock)
    assert (code, err) == (0, "")
    body = json.loads(out)
    assert body["as_at"] == "2026-11-22T12:00:00+00:00"
    reg44 = body["reg44"]
    assert {k: reg44[k] for k in ("visits", "months_without_visit", "late_reports", "undeclared_visitor_visits",
                                  "recommendations_overdue")} == {
        "visits": ["V-001", "V-002", "V-003", "V-004", "V-005", "V-006", "V-007", "V-008"],
        "months_without_visit": ["2026-03", "2026-08"],
        "late_reports": ["V-003", "V-005", "V-007"],
        "undeclared_visitor_visits": ["V-004", "V-005"],
        "recommendations_overdue": ["REC-000", "REC-002", "REC-003"],
    }


def test_a_malformed_file_exits_1_with_one_line_per_problem(loaded, capsys, tmp_path, clock):
    bad = tmp_path / "more-visits.csv"
    bad.write_text("visit_ref,visitor_ref,visited_on,records_checked,safeguarded,colour\n"
                   "V-010,IV-01,2026-11-05,rota,yes,red\n"
                   "V-011,IV-09,2026-11-06,rota,yes,\n"
                   "V-012,IV-01,31/11/2026,diaries,perhaps,\n"
                   "V-001,IV-01,2026-01-02,rota,yes,\n", encoding="utf-8")
    code, out, err = run(capsys, "--db", loaded, "import", "reg44_visits", str(bad), clock=clock)
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        "more-visits.csv:1: colour: not a column of reg44_visits files (the columns are: visit_ref, visitor_ref, "
        "visited_on, announced, children_spoken_to, staff_spoken_to, others_spoken_to, records_checked, "
        "premises_checked, safeguarded, wellbeing_promoted, report_received_on, report_sent_on, "
        "conflict_of_interest, parents_spoken_to)",
        'more-visits.csv:3: visitor_ref: "IV-09" is not on this home\'s register of independent visitors',
        'more-visits.csv:4: visited_on: "31/11/2026" is not a date',
        'more-visits.csv:4: records_checked: "diaries" is not one of: restraint_log, missing_log, complaints, '
        "sanctions, rota, supervision, reg45_report, notifications, case_records",
        'more-visits.csv:4: safeguarded: "perhaps" is not one of: yes, no, not_stated',
        # a blank cell is "not recorded", so this row differs from V-001 in more than its date
        "more-visits.csv:5: visit_ref: V-001 is already in this home's records with a different visited_on, "
        "wellbeing_promoted, report_sent_on: use a new reference, or correct the record in the program",
    ]
    code, out, _ = run(capsys, "--db", loaded, "export", "reg44_visits", str(tmp_path / "check.csv"), clock=clock)
    assert out.endswith(": 10 reg44_visits records written\n")  # nothing of the bad file was added


@pytest.mark.parametrize("kind", OVERSIGHT)
def test_export_writes_the_file_and_it_imports_again_unchanged(loaded, capsys, tmp_path, clock, kind):
    path = tmp_path / "out" / f"{kind}.csv"
    path.parent.mkdir()
    rows = TEXTS[kind].count("\n") - 1
    code, out, err = run(capsys, "--db", loaded, "export", kind, str(path), clock=clock)
    assert (code, err, out) == (0, "", f"{path}: {rows} {kind} records written\n")
    with open(path, encoding="utf-8", newline="") as handle:
        header, *body = list(csv.reader(handle))
    assert (header, len(body)) == (HEADERS[kind].split(), rows)
    assert [row[0] for row in body] == sorted(row[0] for row in body)  # by reference (or date, which agrees here)
    code, out, _ = run(capsys, "--db", loaded, "import", kind, str(path), clock=clock)
    assert code == 0 and f"0 {kind} records added, {rows} already there and unchanged" in out


def test_a_senior_cannot_import_or_export_them(loaded, capsys, tmp_path, clock, sign_in, monkeypatch):
    from inspect_app.domain.roles import Account, Role
    from inspect_app.services.accounts import add_account

    ws = sign_in(loaded)
    add_account(ws, Account("sally", "Sally Senior", Role.SENIOR, home_ids=frozenset({ws.home().id})),
                "a long pass phrase")
    ws.close()
    monkeypatch.setenv("INSPECT_APP_USER", "sally")
    monkeypatch.setenv("INSPECT_APP_PASSWORD", "a long pass phrase")
    code, _, err = run(capsys, "--db", loaded, "export", "visitors", str(tmp_path / "v.csv"), clock=clock)
    assert code == 1 and "cannot export records to a file" in err and not (tmp_path / "v.csv").exists()
    code, _, err = run(capsys, "--db", loaded, "import", "visitors", str(tmp_path / "visitors.csv"), clock=clock)
    assert code == 1 and "cannot import records from a file" in err


def test_python_m_inspect_app_import_help_lists_the_kinds():
    done = subprocess.run([sys.executable, "-m", "inspect_app", "import", "--help"], capture_output=True, text=True,
                          cwd=ROOT, timeout=60)
    assert done.returncode == 0
    listed = " ".join(done.stdout.split())
    assert all(kind in listed for kind in OVERSIGHT), done.stdout
