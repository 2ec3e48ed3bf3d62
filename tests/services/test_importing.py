"""Importing CSV files: all or nothing, every bad row named by line and column, identical rows skipped."""

from __future__ import annotations

import json
from datetime import date, datetime, timezone

import pytest

from inspect_app.domain.errors import UserFacingError
from inspect_app.domain.local_time import Period
from inspect_app.domain.vocabulary import LegalStatus, MeasureKind, Position, StaffRole
from inspect_app.services import compliance
from inspect_app.services.importing import ImportFailed, import_csv

UTC = timezone.utc

CHILDREN = (
    "child_ref,first_name,last_name,date_of_birth,sex,admitted_on,left_on,placing_authority,legal_status,ehcp\n"
    "C-10,Ben,Carter,19/12/2010,M,2026-03-15,,Kirklees Council,Interim Care Order,no\n"
    "C-11,Cara,Dunn,2012-07-07,F,2026-10-25,,Bradford Council,s20,\n"
)

MEASURE_HEADER = ("incident_ref,child_ref,measure,started_at,duration_minutes,location,behaviour,avoidance_steps,"
                  "description,position,holds,used_by,injury,recorded_at,recorded_by,signed_at,signed_by,"
                  "user_spoken_to_at,child_spoken_to_at,child_spoken_to_by,child_views")


def measure_row(ref="R-01", *, started="2026-07-01T19:00", recorded="2026-07-01T21:00", signed="2026-07-02T10:00",
                signer="S-01", holds="Double elbow", used_by="S-01;S-02", child="C-01") -> str:
    spoken = "2026-07-02T09:00" if signed else ""
    return (f"{ref},{child},restraint,{started},5,Lounge,Threw a chair,Talked it through,Standing hold,standing,"
            f"{holds},{used_by},no,{recorded},S-02,{signed},{signer if signed else ''},{spoken},,,")


def measures_csv(*rows: str) -> str:
    return "\n".join((MEASURE_HEADER,) + rows) + "\n"


def problem_lines(err: pytest.ExceptionInfo) -> list[str]:
    return err.value.lines()


# file format -----------------------------------------------------------------

def test_children_import_reads_every_column(ws, home):
    result = import_csv(ws, home, "children", CHILDREN)
    assert (result.added, result.skipped, result.warnings) == (2, 0, [])
    ben = ws.children.by_ref(home.id, "C-10")
    assert (ben.first_name, ben.date_of_birth, ben.admitted_on) == ("Ben", date(2010, 12, 19), date(2026, 3, 15))
    assert (ben.legal_status, ben.ehcp, ben.sex, ben.placing_authority) == (
        LegalStatus.INTERIM_CARE_ORDER, False, "M", "Kirklees Council")
    assert ws.children.by_ref(home.id, "C-11").ehcp is None  # blank: not recorded


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig"])
def test_a_file_with_or_without_a_byte_order_mark(ws, home, tmp_path, encoding):
    path = tmp_path / "children.csv"
    path.write_text(CHILDREN.replace("Ben", "Zoë"), encoding=encoding)
    assert import_csv(ws, home, "children", path).added == 2
    assert ws.children.by_ref(home.id, "C-10").first_name == "Zoë"


def test_a_file_that_is_not_utf8_is_refused_plainly(ws, home, tmp_path):
    path = tmp_path / "children.csv"
    path.write_bytes(CHILDREN.replace("Ben", "Zoë").encode("cp1252"))
    with pytest.raises(ImportFailed) as err:
        import_csv(ws, home, "children", path)
    assert "not UTF-8" in problem_lines(err)[0] and problem_lines(err)[0].startswith("children.csv: ")


def test_columns_in_another_order_and_any_case(ws, home):
    text = ("Admitted_On,last_name,CHILD_REF,first_name\n"
            "2026-01-05,Evans,C-20,Dan\n")
    import_csv(ws, home, "children", text)
    dan = ws.children.by_ref(home.id, "C-20")
    assert (dan.first_name, dan.last_name, dan.admitted_on) == ("Dan", "Evans", date(2026, 1, 5))


def test_unknown_and_missing_required_columns_are_named_on_line_1(ws, home):
    text = "child_ref,first_name,nickname,admitted_on\nC-20,Dan,Danny,2026-01-05\n"
    with pytest.raises(ImportFailed) as err:
        import_csv(ws, home, "children", text)
    lines = problem_lines(err)
    assert lines[0].startswith("children.csv:1: nickname: not a column of children files")
    assert "children.csv:1: last_name: this required column is missing" in lines
    assert ws.children.count(home.id) == 0


def test_a_blank_required_value_and_bad_dates_name_line_and_column(ws, home):
    text = ("child_ref,first_name,last_name,date_of_birth,admitted_on\n"
            "C-20,Dan,,2011-01-01,2026-01-05\n"
            "C-21,Eve,Fox,31/02/2015,2026-01-05\n"
            "C-22,Guy,Hill,2014-01-01,next week\n")
    with pytest.raises(ImportFailed) as err:
        import_csv(ws, home, "children", text)
    assert problem_lines(err) == [
        "children.csv:2: last_name: a value is required here",
        'children.csv:3: date_of_birth: "31/02/2015" is not a date',
        'children.csv:4: admitted_on: "next week" is not a date: write it as YYYY-MM-DD or DD/MM/YYYY',
    ]


def test_line_numbers_are_physical_lines_across_blank_lines_and_multi_line_cells(ws, home, amy, sam, kim):
    text = (MEASURE_HEADER + "\n\n"
            + measure_row("R-01").replace("Threw a chair", '"Threw a chair\nat a peer"') + "\n"
            + measure_row("R-02", started="yesterday") + "\n")
    with pytest.raises(ImportFailed) as err:
        import_csv(ws, home, "measures", text)
    assert problem_lines(err) == ['measures.csv:5: started_at: "yesterday" is not a date and time: write it as '
                                  '2026-03-29T14:30 (an offset such as +01:00 may follow) or 29/03/2026 14:30']


def test_a_row_with_more_cells_than_the_header_is_refused(ws, home):
    with pytest.raises(ImportFailed) as err:
        import_csv(ws, home, "children", "child_ref,first_name,last_name,admitted_on\nC-1,A,B,2026-01-01,x\n")
    assert problem_lines(err) == ["children.csv:2: this row has 5 cells but the header has 4"]


def test_an_empty_file_needs_a_header(ws, home):
    with pytest.raises(ImportFailed, match="the first line must be the header row"):
        import_csv(ws, home, "children", "")


def test_a_kind_that_is_not_one_says_so_plainly(ws, home):
    with pytest.raises(UserFacingError, match='"referrals" is not a kind of file: use one of'):
        import_csv(ws, home, "referrals", "referral_ref\n")


# all or nothing ----------------------------------------------------------------

def test_several_bad_rows_are_all_listed_and_nothing_is_written(ws, home, amy, sam, kim):
    audit_before = ws.db.scalar("SELECT count(*) FROM audit")
    text = measures_csv(
        measure_row("R-01"),
        measure_row("R-02", started="31/02/2026 10:00"),
        measure_row("R-03"),
        measure_row("R-04", used_by="S-01;S-99"),
        measure_row("R-05", recorded="2026-07-01T18:00"),  # recorded before it started
    )
    with pytest.raises(ImportFailed) as err:
        import_csv(ws, home, "measures", text)
    assert problem_lines(err) == [
        'measures.csv:3: started_at: "31/02/2026 10:00" is not a date and time',
        'measures.csv:5: used_by: "S-99" is not on this home\'s staff register',
        "measures.csv:6: recorded_at: the record is dated before the measure started",
    ]
    assert ws.measures.count(home.id) == 0
    assert ws.db.scalar("SELECT count(*) FROM audit") == audit_before


def test_a_failure_while_writing_leaves_the_database_as_it_was(ws, home, amy, sam, kim, monkeypatch):
    """The records are in, the audit rows are being written, and the disk fills: nothing is kept."""
    from inspect_app.storage import repository

    def audit_fails(db, entries):
        assert db.scalar("SELECT count(*) FROM measures") == 5  # the records were written first
        raise OSError("disk full")

    monkeypatch.setattr(repository.audit, "write_many", audit_fails)
    audit_before = ws.db.scalar("SELECT count(*) FROM audit")
    with pytest.raises(OSError):
        import_csv(ws, home, "measures", measures_csv(*(measure_row(f"R-0{i}") for i in range(1, 6))))
    assert ws.measures.count(home.id) == 0
    assert ws.db.scalar("SELECT count(*) FROM measure_users") == 0
    assert ws.db.scalar("SELECT count(*) FROM audit") == audit_before
    assert not ws.db.in_transaction


def test_a_reference_twice_in_one_file_is_an_error(ws, home, amy, sam, kim):
    with pytest.raises(ImportFailed) as err:
        import_csv(ws, home, "measures", measures_csv(measure_row("R-01"), measure_row("R-01")))
    assert problem_lines(err) == ["measures.csv:3: incident_ref: R-01 is already on line 2 of this file"]


def test_an_identical_reimport_is_skipped_and_a_changed_one_refused(ws, home):
    import_csv(ws, home, "children", CHILDREN)
    again = import_csv(ws, home, "children", CHILDREN)
    assert (again.added, again.skipped) == (0, 2)
    changed = CHILDREN.replace("Cara,Dunn,2012-07-07", "Cara,Dunne,2012-07-08")
    with pytest.raises(ImportFailed) as err:
        import_csv(ws, home, "children", changed)
    assert problem_lines(err) == [
        "children.csv:3: child_ref: C-11 is already in this home's records with a different last_name, "
        "date_of_birth: use a new reference, or correct the record in the program"]
    assert ws.children.by_ref(home.id, "C-11").last_name == "Dunn"


def test_imported_records_are_audited_as_an_import_of_the_file(ws, home, tmp_path):
    path = tmp_path / "june.csv"
    path.write_text(CHILDREN, encoding="utf-8")
    import_csv(ws, home, "children", path)
    rows = ws.db.query("SELECT action, reason, actor, entity FROM audit WHERE entity = 'child'")
    assert rows == [{"action": "import", "reason": "import of june.csv", "actor": "tester", "entity": "child"}] * 2


def test_progress_is_reported_up_to_the_total(ws, home):
    seen = []
    import_csv(ws, home, "children", CHILDREN, progress=lambda done, total: seen.append((done, total)))
    assert seen[-1] == (4, 4)
    assert all(done <= total for done, total in seen)


def test_progress_goes_up_while_the_cells_are_read_then_the_rows_checked_then_written(ws, home):
    rows = "".join(f"C-{n:04d},Child,{n},2012-01-01,F,2025-01-{1 + n % 28:02d},,,,\n" for n in range(1, 1001))
    seen = []
    import_csv(ws, home, "children", CHILDREN.splitlines(keepends=True)[0] + rows,
               progress=lambda done, total: seen.append(done))
    assert seen == sorted(seen) and seen[-1] == 2000
    assert len([d for d in seen if d <= 500]) >= 5  # a share after each column read (first half of the checking)
    assert any(500 < d < 1000 for d in seen)  # then as the rows are checked


# staff and measures -------------------------------------------------------------

def test_staff_import(ws, home):
    text = ("staff_ref,full_name,role,employment,care_role_started_on,level3_achieved_on,authorised_signoff\n"
            "S-10,Maria Lopez,Registered Manager,permanent,2015-04-01,30/09/2016,yes\n"
            "S-11,Lee Grant,care worker,BANK,,,\n")
    import_csv(ws, home, "staff", text)
    maria, lee = ws.staff.by_ref(home.id, "S-10"), ws.staff.by_ref(home.id, "S-11")
    assert (maria.role, maria.level3_achieved_on, maria.authorised_signoff) == (
        StaffRole.REGISTERED_MANAGER, date(2016, 9, 30), True)
    assert (lee.role, lee.authorised_signoff) == (StaffRole.CARE_WORKER, False)


def test_a_bad_role_is_refused_with_the_choices(ws, home):
    with pytest.raises(ImportFailed) as err:
        import_csv(ws, home, "staff", "staff_ref,full_name,role\nS-10,Maria Lopez,cook\n")
    assert problem_lines(err)[0].startswith('staff.csv:2: role: "cook" is not one of: care_worker, senior')


def test_measures_import_resolves_children_and_staff(ws, home, amy, sam, kim):
    result = import_csv(ws, home, "measures", measures_csv(measure_row("R-01", used_by="S-02; S-01")))
    m = ws.measures.by_ref(home.id, "R-01")
    assert result.added == 1
    assert (m.child_id, m.kind, m.position, m.holds) == (amy.id, MeasureKind.RESTRAINT, Position.STANDING,
                                                        ("Double elbow",))
    assert set(m.used_by) == {sam.id, kim.id}
    assert (m.recorded_by, m.signed_by) == (kim.id, sam.id)
    assert m.started_at == datetime(2026, 7, 1, 18, 0, tzinfo=UTC)  # BST wall time
    assert m.recorded_at == datetime(2026, 7, 1, 20, 0, tzinfo=UTC)  # from the file, not the clock


def test_an_unknown_child_or_staff_reference_is_an_error(ws, home, amy, sam, kim):
    text = measures_csv(measure_row("R-01", child="C-99"), measure_row("R-02", signer="S-42"))
    with pytest.raises(ImportFailed) as err:
        import_csv(ws, home, "measures", text)
    assert problem_lines(err) == ['measures.csv:2: child_ref: "C-99" is not on this home\'s register of children',
                                  'measures.csv:3: signed_by: "S-42" is not on this home\'s staff register']


def test_clock_change_times_need_an_offset(ws, home, amy, sam, kim):
    text = measures_csv(measure_row("R-01", started="2026-03-29T01:30", recorded="2026-03-29T03:00", signed=""),
                        measure_row("R-02", started="2026-10-25T01:30", recorded="2026-10-25T03:00", signed=""))
    with pytest.raises(ImportFailed) as err:
        import_csv(ws, home, "measures", text)
    lines = problem_lines(err)
    assert lines[0].startswith("measures.csv:2: started_at: 29/03/2026 01:30 does not exist in UK time")
    assert lines[1].startswith("measures.csv:3: started_at: 25/10/2026 01:30 happens twice in UK time")
    fixed = text.replace("2026-03-29T01:30", "2026-03-29T01:30+00:00").replace("2026-10-25T01:30",
                                                                                 "2026-10-25T01:30+00:00")
    assert import_csv(ws, home, "measures", fixed).added == 2
    assert ws.measures.by_ref(home.id, "R-02").started_at == datetime(2026, 10, 25, 1, 30, tzinfo=UTC)


def test_a_hold_outside_the_scheme_is_kept_with_a_warning(ws, home, amy, sam, kim):
    result = import_csv(ws, home, "measures", measures_csv(measure_row(holds="Double elbow;Basket hold")))
    assert [w.describe(result.file_name) for w in result.warnings] == [
        'measures.csv:2: holds: "Basket hold" is not a hold in the home\'s scheme (Team Teach); kept as written']
    assert ws.measures.by_ref(home.id, "R-01").holds == ("Double elbow", "Basket hold")


def test_historic_late_and_unauthorised_steps_are_imported_as_findings(ws, home, amy, sam, kim):
    text = measures_csv(
        measure_row("R-01", signer="S-02"),  # Kim is not authorised to sign off
        measure_row("R-02", recorded="2026-07-03T19:00", signed="2026-07-04T10:00"),  # late record and sign-off
    )
    assert import_csv(ws, home, "measures", text).added == 2
    result = compliance.compute(ws, home, Period(date(2026, 7, 1), date(2026, 7, 31)))
    report = compliance.to_json(result)["measures"]
    assert report["signed_by_unauthorised"] == ["R-01"]
    assert report["late_record"] == ["R-02"] and report["late_signoff"] == ["R-02"]


def test_a_measure_while_the_child_was_not_resident_is_refused(ws, home, amy, sam, kim):
    with pytest.raises(ImportFailed) as err:
        import_csv(ws, home, "measures", measures_csv(measure_row(started="2025-01-01T10:00",
                                                                    recorded="2025-01-01T12:00",
                                                                    signed="2025-01-02T10:00")))
    assert problem_lines(err) == ["measures.csv:2: child_ref: C-01 was not living at the home on 01/01/2025"]


def test_a_signature_without_its_signer_is_refused(ws, home, amy, sam, kim):
    with pytest.raises(ImportFailed) as err:
        import_csv(ws, home, "measures", measures_csv(measure_row(signer="")))
    assert problem_lines(err) == ["measures.csv:2: signed_by: say both who signed and when"]


def test_records_of_another_home_are_not_matched(ws, home, amy, sam, kim):
    from inspect_app.domain.records import Home
    from inspect_app.services.registers import create_home

    other = create_home(ws, Home(urn="SC654321", name="Elm House"))
    with pytest.raises(ImportFailed, match="not on this home's register of children"):
        import_csv(ws, other, "measures", measures_csv(measure_row()))


def test_the_audit_row_keeps_the_staff_who_used_the_measure(ws, home, amy, sam, kim):
    import_csv(ws, home, "measures", measures_csv(measure_row()))
    after = json.loads(ws.db.scalar("SELECT after FROM audit WHERE entity = 'measure'"))
    assert sorted(after["used_by"]) == sorted([sam.id, kim.id])


def test_an_unknown_column_does_not_hide_the_bad_rows(ws, home, amy, sam, kim):
    text = ("incident_ref,child_ref,measure,started_at,recorded_at,colour\n"
            "R-01,C-01,restraint,2026-07-01T19:00,2026-07-01T20:00,red\n"
            "R-02,C-09,restraint,2026-07-01T19:00,2026-07-01T20:00,blue\n"
            "R-03,C-01,restraint,2026-07-01T19:00,2026-07-01T20:00,green,extra\n")
    with pytest.raises(ImportFailed) as err:
        import_csv(ws, home, "measures", text)
    lines = problem_lines(err)
    assert lines[0].startswith("measures.csv:1: colour: not a column of measures files")
    assert lines[1:] == ['measures.csv:3: child_ref: "C-09" is not on this home\'s register of children',
                         "measures.csv:4: this row has 7 cells but the header has 6"]
    assert ws.measures.count(home.id) == 0
