"""Exporting CSV files: the import format, written atomically, and an exact round trip."""

from __future__ import annotations

import csv
from pathlib import Path
from dataclasses import replace
from datetime import date, datetime, timezone

import pytest

from inspect_app.domain.errors import UserFacingError
from inspect_app.domain.records import Child, Measure
from inspect_app.domain.vocabulary import MeasureKind, Position
from inspect_app.services import exporting, registers
from inspect_app.services.importing import import_csv

UTC = timezone.utc


@pytest.fixture
def records(ws, home, amy, sam, kim):
    """A signed restraint in the autumn fold hour (the second 01:30), and an open sanction with a narrative
    that needs quoting."""
    registers.save_child(ws, Child(home_id=home.id, ref="C-02", first_name="Zoë", last_name="O'Neil",
                                   admitted_on=date(2026, 1, 4), left_on=date(2026, 11, 1), ehcp=True))
    fold = datetime(2026, 10, 25, 1, 30, tzinfo=UTC)  # 01:30 GMT, after the clocks went back
    ws.measures.insert(Measure(
        home_id=home.id, ref="R-0001", child_id=amy.id, kind=MeasureKind.RESTRAINT, started_at=fold,
        recorded_at=fold.replace(hour=3, second=15), duration_minutes=4, location="Lounge",
        behaviour="Threw a chair, then said \"sorry\"\nand sat down", avoidance_steps="Talked; offered space",
        description="Standing hold", position=Position.STANDING, holds=("Double elbow", "Basket hold"),
        used_by=(sam.id, kim.id), effectiveness="Calmed", injury=False, recorded_by=kim.id,
        user_spoken_to_at=fold.replace(hour=9), signed_at=fold.replace(hour=10), signed_by=sam.id, signer_authorised=True,
        child_spoken_to_at=datetime(2026, 10, 27, 16, tzinfo=UTC), child_spoken_to_by=sam.id,
        child_views="  Said it was unfair "), actor="tester", at=fold)
    ws.measures.insert(Measure(
        home_id=home.id, ref="R-0002", child_id=amy.id, kind=MeasureKind.SANCTION,
        started_at=datetime(2026, 7, 1, 18, tzinfo=UTC), recorded_at=datetime(2026, 7, 1, 19, tzinfo=UTC),
        planned_in_ehcp=False, police_involved=True), actor="tester", at=fold)


SPEC_MEASURE_COLUMNS = (
    "incident_ref child_ref measure started_at duration_minutes location behaviour avoidance_steps description "
    "position holds used_by others_present effectiveness injury injury_details medical_treatment planned_in_ehcp "
    "police_involved recorded_at recorded_by user_spoken_to_at signed_at signed_by child_spoken_to_at "
    "child_spoken_to_by child_views").split()


def read(path) -> list[list[str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def test_the_header_is_in_spec_order_and_values_in_import_form(ws, home, records, tmp_path):
    path = tmp_path / "measures.csv"
    assert exporting.export_csv(ws, home, "measures", path) == 2
    header, *rows = read(path)
    assert header == SPEC_MEASURE_COLUMNS
    by_ref = {row[0]: dict(zip(header, row)) for row in rows}
    assert [row[0] for row in rows] == ["R-0002", "R-0001"]  # in the order they happened
    first = by_ref["R-0001"]
    assert first["started_at"] == "2026-10-25T01:30+00:00"
    assert first["recorded_at"] == "2026-10-25T03:30:15+00:00"
    assert (first["holds"], first["used_by"], first["injury"], first["police_involved"]) == (
        "Double elbow;Basket hold", "S-01;S-02", "no", "")
    second = by_ref["R-0002"]
    assert (second["started_at"], second["measure"], second["police_involved"]) == (
        "2026-07-01T19:00+01:00", "sanction", "yes")


def test_children_and_staff_headers_are_in_spec_order(ws, home, records, tmp_path):
    exporting.export_csv(ws, home, "children", tmp_path / "c.csv")
    exporting.export_csv(ws, home, "staff", tmp_path / "s.csv")
    assert read(tmp_path / "c.csv")[0] == ("child_ref first_name last_name date_of_birth sex admitted_on left_on "
                                           "placing_authority legal_status ehcp").split()
    assert read(tmp_path / "s.csv")[0] == ("staff_ref full_name role employment care_role_started_on "
                                           "level3_achieved_on level5_achieved_on pi_trained_on authorised_signoff "
                                           "left_on").split()
    zoe = read(tmp_path / "c.csv")[2]
    assert zoe == ["C-02", "Zoë", "O'Neil", "", "", "2026-01-04", "2026-11-01", "", "", "yes"]


def test_round_trip_into_a_fresh_database_gives_identical_records(ws, home, records, tmp_path, clock, new_workspace):
    files = {kind: tmp_path / f"{kind}.csv" for kind in ("children", "staff", "measures")}
    for kind, path in files.items():
        exporting.export_csv(ws, home, kind, path)
    fresh = new_workspace(tmp_path / "fresh.db", clock)
    try:
        copy = registers.create_home(fresh, replace(home, id=None))
        for kind, path in files.items():
            import_csv(fresh, copy, kind, path)
        for kind, path in files.items():
            again = tmp_path / f"again-{kind}.csv"
            exporting.export_csv(fresh, copy, kind, again)
            assert again.read_bytes() == path.read_bytes()
        for repo in ("children", "staff", "measures"):
            original = [replace(r, id=None, home_id=None) for r in getattr(ws, repo).for_home(home.id)]
            copied = [replace(r, id=None, home_id=None) for r in getattr(fresh, repo).for_home(copy.id)]
            if repo == "measures":  # staff and children ids differ between the databases
                original = [replace(m, child_id=None, used_by=(), recorded_by=None, signed_by=None,
                                    child_spoken_to_by=None) for m in original]
                copied = [replace(m, child_id=None, used_by=(), recorded_by=None, signed_by=None,
                                  child_spoken_to_by=None) for m in copied]
            assert copied == original
    finally:
        fresh.close()


def test_reimport_into_the_same_database_skips_every_row(ws, home, records, tmp_path):
    for kind, count in (("children", 2), ("staff", 2), ("measures", 2)):
        path = tmp_path / f"{kind}.csv"
        exporting.export_csv(ws, home, kind, path)
        result = import_csv(ws, home, kind, path)
        assert (result.added, result.skipped) == (0, count)


def test_an_existing_file_is_replaced_only_when_the_new_one_is_complete(ws, home, records, tmp_path, monkeypatch):
    path = tmp_path / "children.csv"
    path.write_text("the old file\n", encoding="utf-8")

    def broken_writer(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(exporting.csv, "writer", broken_writer)
    with pytest.raises(UserFacingError, match="No space left on device"):
        exporting.export_csv(ws, home, "children", path)
    assert path.read_text(encoding="utf-8") == "the old file\n"
    assert [p.name for p in tmp_path.iterdir() if p.name != "records.db" and "records.db" not in p.name] == [
        "children.csv"]


def test_a_missing_folder_is_a_plain_error(ws, home, tmp_path):
    with pytest.raises(UserFacingError, match="does not exist"):
        exporting.export_csv(ws, home, "children", tmp_path / "nowhere" / "children.csv")


def test_a_kind_that_is_not_one_says_so(ws, home, tmp_path):
    with pytest.raises(UserFacingError, match="is not a kind of file"):
        exporting.export_csv(ws, home, "referrals", tmp_path / "referrals.csv")
    assert not (tmp_path / "referrals.csv").exists()


@pytest.mark.parametrize("suffix", ["", "-wal", "-shm", ".keys"])
def test_an_export_over_the_database_its_journal_or_its_key_file_is_refused(ws, home, amy, suffix):
    target = Path(str(ws.db.path) + suffix)
    before = target.read_bytes() if target.exists() else None
    with pytest.raises(UserFacingError, match="database itself"):
        exporting.export_csv(ws, home, "children", target)
    assert (target.read_bytes() if target.exists() else None) == before
    assert ws.children.by_ref(home.id, "C-01") is not None
