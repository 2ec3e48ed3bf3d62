"""Repositories: round trips of every record type, one audit row per write, transactions, the sign-off lock."""

from __future__ import annotations

import json
from inspect_app.storage.database import connect
from inspect_app.storage.driver import dbapi as sqlite3
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone

import pytest

from inspect_app.domain.records import Addendum, Child, Home, Measure, Staff
from inspect_app.domain.vocabulary import Employment, LegalStatus, MeasureKind, Position, StaffRole
from inspect_app.storage import audit
from inspect_app.storage.repository import NotFound

UTC = timezone.utc
AT = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)
START = datetime(2026, 10, 25, 1, 30, tzinfo=UTC)  # the second 01:30 on the fall-back night


def audit_rows(ws) -> list[dict]:
    return ws.db.query("SELECT * FROM audit ORDER BY id")


def full_measure(home, child, *staff, **changes) -> Measure:
    values = dict(
        home_id=home.id, ref="R-0042", child_id=child.id, kind=MeasureKind.RESTRAINT, started_at=START,
        recorded_at=START + timedelta(hours=3, minutes=7, seconds=5), duration_minutes=12,
        location="Kitchen; by the back door", behaviour="Threw plates — \"I hate it here\"",
        avoidance_steps="Offered space, talked", description="Two-person standing hold",
        position=Position.GROUND_PRONE, holds=("Single elbow", "Héld; with semicolon", "Friendly hold"),
        used_by=tuple(s.id for s in staff), others_present="Night waker", effectiveness="Calm after 12 min",
        injury=True, injury_details="Carpet burn", medical_treatment="Cleaned, no further", planned_in_ehcp=False,
        police_involved=False, recorded_by=staff[0].id, user_spoken_to_at=START + timedelta(hours=20),
        child_views="", zone_name="Europe/London",
    )
    values.update(changes)
    return Measure(**values)


# round trips -------------------------------------------------------------------------------

def test_a_home_with_every_field_round_trips(ws):
    home = Home(urn="SC654321", name="Beech Lodge", places=5, provider_name="Evergreen Care Ltd",
                registered_manager="Pat Lee", responsible_individual="Jo Khan", age_min=8, age_max=17,
                pi_scheme="PRICE", pi_holds=("Hold A", "Hold B"))
    saved = ws.homes.insert(home, actor="tester", at=AT)
    assert saved.id is not None
    assert ws.homes.get(saved.id) == saved
    assert ws.homes.by_urn("sc654321") == saved
    changed = replace(saved, places=None, pi_holds=(), age_min=None, name="Beech Lodge (new)")
    ws.homes.update(changed, actor="tester", at=AT)
    assert ws.homes.get(saved.id) == changed


def test_a_child_with_every_field_round_trips(ws, home):
    child = Child(home_id=home.id, ref="C-07", first_name="Zoë", last_name="O'Neil", admitted_on=date(2026, 3, 29),
                  date_of_birth=date(2012, 2, 29), sex="F", left_on=date(2026, 10, 25),
                  placing_authority="Leeds", legal_status=LegalStatus.INTERIM_CARE_ORDER, ehcp=True)
    saved = ws.children.insert(child, actor="tester", at=AT)
    assert ws.children.get(saved.id) == saved
    assert ws.children.by_ref(home.id, "C-07") == saved
    bare = Child(home_id=home.id, ref="C-08", first_name="A", last_name="B", admitted_on=date(2026, 1, 1))
    bare = ws.children.insert(bare, actor="tester", at=AT)
    assert ws.children.get(bare.id) == bare
    assert bare.ehcp is None and bare.legal_status is None and bare.left_on is None
    no_ehcp = replace(bare, ehcp=False)
    ws.children.update(no_ehcp, actor="tester", at=AT)
    assert ws.children.get(bare.id).ehcp is False


def test_staff_with_every_field_round_trip(ws, home):
    staff = Staff(home_id=home.id, ref="S-09", full_name="Lee Ward", role=StaffRole.DEPUTY_MANAGER,
                  employment=Employment.BANK, care_role_started_on=date(2019, 9, 1),
                  level3_achieved_on=date(2021, 3, 3), level5_achieved_on=date(2024, 5, 5),
                  pi_trained_on=date(2026, 1, 10), authorised_signoff=True, left_on=date(2026, 12, 31))
    saved = ws.staff.insert(staff, actor="tester", at=AT)
    got = ws.staff.get(saved.id)
    assert got == saved
    assert got.authorised_signoff is True and got.role is StaffRole.DEPUTY_MANAGER
    bare = ws.staff.insert(Staff(home_id=home.id, ref="S-10", full_name="X", role=StaffRole.OTHER),
                           actor="tester", at=AT)
    assert ws.staff.get(bare.id) == bare
    assert ws.staff.get(bare.id).authorised_signoff is False


def test_a_measure_with_every_field_round_trips(ws, home, amy, sam, kim):
    m = full_measure(home, amy, sam, kim, signed_at=START + timedelta(hours=30), signed_by=sam.id,
                     child_spoken_to_at=START + timedelta(days=2), child_spoken_to_by=sam.id,
                     child_views="It was unfair", police_involved=None)
    saved = ws.measures.insert(m, actor="tester", at=AT)
    got = ws.measures.get(saved.id)
    assert got == saved
    assert got.started_at == START and got.started_at.utcoffset() == timedelta(0)
    assert got.holds == m.holds and got.used_by == tuple(sorted((sam.id, kim.id)))
    assert got.position is Position.GROUND_PRONE and got.injury is True and got.police_involved is None
    assert ws.measures.by_ref(home.id, "R-0042") == saved
    assert ws.measures.for_home(home.id) == [saved]


def test_a_measure_with_nothing_optional_round_trips(ws, home, amy):
    m = Measure(home_id=home.id, ref="R-0001", child_id=amy.id, kind=MeasureKind.SANCTION, started_at=AT,
                recorded_at=AT)
    saved = ws.measures.insert(m, actor="tester", at=AT)
    got = ws.measures.get(saved.id)
    assert got == saved
    assert got.used_by == () and got.holds == () and got.position is None and got.injury is None


def test_a_measures_steps_are_those_of_the_measure_read_in_full(ws, home, amy, sam, kim):
    """steps_between (compliance's lean read, SPEC 10) gives each measure's fields as started_between does."""
    from inspect_app.domain.deadlines import MeasureSteps

    full = full_measure(home, amy, sam, kim, signed_at=START + timedelta(hours=30), signed_by=sam.id,
                        signer_authorised=True, child_spoken_to_at=START + timedelta(days=2))
    bare = Measure(home_id=home.id, ref="R-0043", child_id=amy.id, kind=MeasureKind.SANCTION,
                   started_at=START + timedelta(days=1), recorded_at=START + timedelta(days=1), planned_in_ehcp=True,
                   zone_name="Europe/Dublin")
    for m in (full, bare):
        ws.measures.insert(m, actor="tester", at=AT)
    args = (home.id, START, START + timedelta(days=2))
    read = ws.measures.started_between(*args)
    assert ws.measures.steps_between(*args) == [MeasureSteps(*(getattr(m, f) for f in MeasureSteps._fields))
                                                 for m in read]
    assert [s.is_restraint for s in ws.measures.steps_between(*args)] == [True, False]


def test_a_measure_update_changes_fields_and_staff(ws, home, amy, sam, kim):
    saved = ws.measures.insert(full_measure(home, amy, sam), actor="tester", at=AT)
    changed = replace(saved, kind=MeasureKind.HOLDING, position=Position.SEATED, holds=(), used_by=(kim.id,),
                      injury=False, injury_details="", duration_minutes=0, planned_in_ehcp=True)
    ws.measures.update(changed, actor="tester", at=AT)
    assert ws.measures.get(saved.id) == changed


def test_reading_a_missing_record_is_not_found_and_by_ref_gives_none(ws, home):
    with pytest.raises(NotFound):
        ws.measures.get(999)
    assert ws.children.by_ref(home.id, "C-99") is None


def test_for_home_keeps_homes_apart_and_orders_as_documented(ws, home, amy, sam):
    other = ws.homes.insert(Home(urn="SC999999", name="Ash"), actor="tester", at=AT)
    other_child = ws.children.insert(Child(home_id=other.id, ref="C-01", first_name="O", last_name="P",
                                           admitted_on=date(2025, 1, 1)), actor="tester", at=AT)
    late = ws.measures.insert(full_measure(home, amy, sam, ref="R-0001", started_at=START + timedelta(days=1),
                                           recorded_at=START + timedelta(days=1)), actor="tester", at=AT)
    early = ws.measures.insert(full_measure(home, amy, sam, ref="R-0002"), actor="tester", at=AT)
    ws.measures.insert(full_measure(other, other_child, sam, ref="R-0001"), actor="tester", at=AT)
    assert [m.ref for m in ws.measures.for_home(home.id)] == [early.ref, late.ref]  # by start, then ref
    assert [c.ref for c in ws.children.for_home(other.id)] == ["C-01"]
    assert ws.children.by_ref(other.id, "C-01") == other_child
    assert ws.measures.count(home.id) == 2


def test_insert_many_round_trips_with_one_audit_row_each(ws, home, amy, sam, kim):
    records = [full_measure(home, amy, sam, kim, ref=f"R-{n:04d}") for n in range(1, 6)]
    before = len(audit_rows(ws))
    saved = ws.measures.insert_many(records, actor="tester", at=AT)
    assert [ws.measures.get(m.id) for m in saved] == saved
    rows = audit_rows(ws)[before:]
    assert [(r["entity"], r["entity_id"], r["action"]) for r in rows] == [("measure", m.id, "create") for m in saved]
    assert audit.verify_chain(ws.db) is None


# audit rows --------------------------------------------------------------------------------

def test_each_insert_writes_one_audit_row_with_the_record_after(ws, home, amy, sam):
    before = len(audit_rows(ws))
    saved = ws.measures.insert(full_measure(home, amy, sam), actor="pat", at=AT, reason="typed in")
    rows = audit_rows(ws)[before:]
    assert len(rows) == 1
    row = rows[0]
    assert (row["actor"], row["entity"], row["entity_id"], row["action"], row["reason"], row["home_id"]) == (
        "pat", "measure", saved.id, "create", "typed in", home.id)
    assert row["at"] == "2026-11-22T12:00:00Z"
    assert row["before"] is None
    after = json.loads(row["after"])
    stored = ws.db.query_one("SELECT * FROM measures WHERE id = ?", (saved.id,))
    assert after == {**{k: v for k, v in stored.items() if k != "id"}, "used_by": [sam.id]}


def test_each_update_writes_one_audit_row_with_before_and_after(ws, home, amy, sam):
    saved = ws.measures.insert(full_measure(home, amy, sam), actor="tester", at=AT)
    count = len(audit_rows(ws))
    ws.measures.update(replace(saved, location="Garden"), actor="tester", at=AT + timedelta(minutes=5),
                       reason="wrong room")
    rows = audit_rows(ws)[count:]
    assert len(rows) == 1
    before, after = json.loads(rows[0]["before"]), json.loads(rows[0]["after"])
    assert before["location"] == "Kitchen; by the back door" and after["location"] == "Garden"
    assert {k for k in before if before[k] != after[k]} == {"location"}
    assert rows[0]["action"] == "update" and rows[0]["reason"] == "wrong room"


@pytest.mark.parametrize("entity", ["home", "child", "staff"])
def test_register_writes_are_audited_once_each(ws, home, entity):
    repo, record = {
        "home": (ws.homes, Home(urn="SC222222", name="Elm")),
        "child": (ws.children, Child(home_id=home.id, ref="C-05", first_name="A", last_name="B",
                                     admitted_on=date(2026, 1, 1))),
        "staff": (ws.staff, Staff(home_id=home.id, ref="S-05", full_name="A B", role=StaffRole.SENIOR)),
    }[entity]
    count = len(audit_rows(ws))
    saved = repo.insert(record, actor="tester", at=AT)
    repo.update(saved, actor="tester", at=AT)
    rows = audit_rows(ws)[count:]
    assert [(r["entity"], r["entity_id"], r["action"]) for r in rows] == [
        (entity, saved.id, "create"), (entity, saved.id, "update")]
    expected_home = saved.id if entity == "home" else home.id
    assert {r["home_id"] for r in rows} == {expected_home}


def test_an_addendum_is_kept_and_audited(ws, home, amy, sam):
    m = ws.measures.insert(full_measure(home, amy, sam), actor="tester", at=AT)
    count = len(audit_rows(ws))
    added = ws.addenda.add(Addendum(m.id, AT, "pat", "wrong time written", "It began at 01:20"), home_id=home.id)
    assert ws.addenda.for_measure(m.id) == [added]
    rows = audit_rows(ws)[count:]
    assert [(r["entity"], r["entity_id"], r["action"], r["reason"]) for r in rows] == [
        ("measure", m.id, "addendum", "wrong time written")]
    with pytest.raises(sqlite3.IntegrityError, match="never changed"):
        ws.db.execute("UPDATE measure_addenda SET text = 'x'")
    with pytest.raises(sqlite3.IntegrityError, match="never deleted"):
        ws.db.execute("DELETE FROM measure_addenda")


# transactions ------------------------------------------------------------------------------

def test_a_failure_inside_a_transaction_rolls_back_the_record_and_its_audit_row(ws, home, amy, sam):
    counts = (ws.measures.count(home.id), len(audit_rows(ws)))
    with pytest.raises(RuntimeError):
        with ws.db.transaction():
            ws.measures.insert(full_measure(home, amy, sam), actor="tester", at=AT)
            assert ws.measures.count(home.id) == counts[0] + 1
            raise RuntimeError("power cut")
    assert (ws.measures.count(home.id), len(audit_rows(ws))) == counts
    assert ws.db.scalar("SELECT count(*) FROM measure_users") == 0
    assert not ws.db.in_transaction and not ws.db.conn.in_transaction


def test_a_failing_insert_leaves_no_audit_row(ws, home, amy, sam):
    ws.measures.insert(full_measure(home, amy, sam), actor="tester", at=AT)
    count = len(audit_rows(ws))
    with pytest.raises(sqlite3.IntegrityError):
        ws.measures.insert(full_measure(home, amy, sam), actor="tester", at=AT)  # same ref: UNIQUE
    assert len(audit_rows(ws)) == count


def test_a_nested_transaction_rolls_back_only_the_inner_part(ws, home, amy, sam):
    count = len(audit_rows(ws))
    with ws.db.transaction():
        outer = ws.measures.insert(full_measure(home, amy, sam, ref="R-0001"), actor="tester", at=AT)
        try:
            with ws.db.transaction():
                ws.measures.insert(full_measure(home, amy, sam, ref="R-0002"), actor="tester", at=AT)
                raise ValueError("inner failure")
        except ValueError:
            pass
        ws.measures.insert(full_measure(home, amy, sam, ref="R-0003"), actor="tester", at=AT)
    assert [m.ref for m in ws.measures.for_home(home.id)] == ["R-0001", "R-0003"]
    rows = audit_rows(ws)[count:]
    assert len(rows) == 2 and rows[0]["entity_id"] == outer.id
    assert audit.verify_chain(ws.db) is None


def test_an_outer_failure_rolls_back_a_completed_inner_transaction(ws, home, amy, sam):
    with pytest.raises(KeyError):
        with ws.db.transaction():
            with ws.db.transaction():
                ws.measures.insert(full_measure(home, amy, sam), actor="tester", at=AT)
            raise KeyError("later failure")
    assert ws.measures.count(home.id) == 0


# the sign-off lock -------------------------------------------------------------------------

CONVERSATION_FIELDS = {"child_spoken_to_at", "child_spoken_to_by", "child_views"}
NEW_VALUES = {
    "ref": "'R-9999'", "kind": "'sanction'", "started_at": "'2026-10-24T01:30:00Z'", "zone": "'Europe/Paris'",
    "duration_minutes": "99", "location": "'x'", "behaviour": "'x'", "avoidance_steps": "'x'",
    "description": "'x'", "position": "'standing'", "holds": "'[]'", "others_present": "'x'",
    "effectiveness": "'x'", "injury": "0", "injury_details": "'x'", "medical_treatment": "'x'",
    "planned_in_ehcp": "1", "police_involved": "1", "recorded_at": "'2026-10-25T23:00:00Z'",
    "user_spoken_to_at": "'2026-10-25T22:00:00Z'", "signed_at": "'2026-10-26T00:00:00Z'", "signed_by": "NULL",
    "recorded_by": "NULL", "child_id": "{other_child}", "home_id": "{other_home}", "signer_authorised": "0",
}


@pytest.fixture
def signed(ws, home, amy, sam, kim):
    m = full_measure(home, amy, sam, kim, signed_at=START + timedelta(hours=30), signed_by=sam.id,
                     user_spoken_to_at=START + timedelta(hours=29))
    return ws.measures.insert(m, actor="tester", at=AT)


def test_the_lock_list_covers_every_column_of_the_measures_table(ws):
    columns = {r["name"] for r in ws.db.query("PRAGMA table_info(measures)")}
    assert columns - {"id"} - CONVERSATION_FIELDS == set(NEW_VALUES)


@pytest.mark.parametrize("column", sorted(NEW_VALUES))
def test_a_signed_record_refuses_a_change_to_any_of_its_fields(ws, home, signed, column):
    other_home = ws.homes.insert(Home(urn="SC777777", name="Other"), actor="tester", at=AT)
    other_child = ws.children.insert(Child(home_id=home.id, ref="C-02", first_name="B", last_name="C",
                                           admitted_on=date(2025, 1, 1)), actor="tester", at=AT)
    value = NEW_VALUES[column].format(other_home=other_home.id, other_child=other_child.id)
    before = ws.db.query_one("SELECT * FROM measures WHERE id = ?", (signed.id,))
    with pytest.raises(sqlite3.IntegrityError, match="signed off"):
        ws.db.execute(f"UPDATE measures SET {column} = {value} WHERE id = ?", (signed.id,))
    assert ws.db.query_one("SELECT * FROM measures WHERE id = ?", (signed.id,)) == before


def test_a_signed_record_cannot_be_deleted_nor_its_staff_changed(ws, signed, sam, kim, home):
    with pytest.raises(sqlite3.IntegrityError, match="signed off"):
        ws.db.execute("DELETE FROM measures WHERE id = ?", (signed.id,))
    with pytest.raises(sqlite3.IntegrityError, match="signed off"):
        ws.db.execute("DELETE FROM measure_users WHERE measure_id = ? AND staff_id = ?", (signed.id, kim.id))
    assert ws.measures.get(signed.id).used_by == tuple(sorted((sam.id, kim.id)))


def test_a_signed_record_refuses_an_added_member_of_staff(ws, signed, home):
    # used_by is reg 35(3)(a)(vi) and one of domain.records.LOCKED_MEASURE_FIELDS
    extra = ws.staff.insert(Staff(home_id=home.id, ref="S-03", full_name="Extra", role=StaffRole.CARE_WORKER),
                            actor="tester", at=AT)
    with pytest.raises(sqlite3.IntegrityError, match="signed off"):
        ws.db.execute("INSERT INTO measure_users (measure_id, staff_id) VALUES (?, ?)", (signed.id, extra.id))


def test_the_repository_cannot_change_a_signed_record_and_audits_nothing(ws, signed):
    count = len(audit_rows(ws))
    with pytest.raises(sqlite3.IntegrityError):
        ws.measures.update(replace(signed, location="Garden"), actor="tester", at=AT)
    assert ws.measures.get(signed.id) == signed
    assert len(audit_rows(ws)) == count


def test_a_signed_record_still_takes_the_conversation_with_the_child(ws, signed, sam):
    done = replace(signed, child_spoken_to_at=START + timedelta(days=3), child_spoken_to_by=sam.id,
                   child_views="I was scared")
    ws.measures.update(done, actor="tester", at=AT, action="child_debrief")
    assert ws.measures.get(signed.id) == done


def test_an_unsigned_record_can_be_changed_and_deleted(ws, home, amy, sam):
    m = ws.measures.insert(full_measure(home, amy, sam), actor="tester", at=AT)
    ws.db.execute("UPDATE measures SET location = 'Hall' WHERE id = ?", (m.id,))
    ws.db.execute("DELETE FROM measures WHERE id = ?", (m.id,))
    assert ws.measures.count(home.id) == 0


# the audit trail itself --------------------------------------------------------------------

def test_audit_rows_cannot_be_updated_or_deleted(ws, home):
    with pytest.raises(sqlite3.IntegrityError, match="never changed"):
        ws.db.execute("UPDATE audit SET actor = 'someone else'")
    with pytest.raises(sqlite3.IntegrityError, match="never deleted"):
        ws.db.execute("DELETE FROM audit")


def _outside_edit(db, *statements: str) -> None:
    """Another program with the file and its key: it drops the guards first, as anyone with sqlcipher could."""
    raw = connect(db.path, db.key)
    try:
        raw.execute("DROP TRIGGER audit_append_only_update")
        raw.execute("DROP TRIGGER audit_append_only_delete")
        for sql in statements:
            raw.execute(sql)
    finally:
        raw.close()


@pytest.fixture
def five_rows(ws, home, amy, sam, kim):
    """Five audit rows or more: the home, a child, two staff, a measure, an update."""
    m = ws.measures.insert(full_measure(home, amy, sam), actor="tester", at=AT)
    ws.measures.update(replace(m, location="Hall"), actor="tester", at=AT)
    ids = [r["id"] for r in audit_rows(ws)]
    assert len(ids) >= 5 and audit.verify_chain(ws.db) is None
    return ids


def test_verify_chain_names_the_first_row_changed_outside_the_program(ws, db_path, five_rows):
    target = five_rows[2]
    _outside_edit(ws.db, f"UPDATE audit SET after = after || ' ' WHERE id = {target}",
                  f"UPDATE audit SET actor = 'x' WHERE id = {five_rows[4]}")
    found = audit.verify_chain(ws.db)
    assert found is not None
    assert found.audit_id == target
    assert "changed" in found.problem


def test_verify_chain_finds_a_removed_row_at_the_row_after_it(ws, db_path, five_rows):
    _outside_edit(ws.db, f"DELETE FROM audit WHERE id = {five_rows[1]}")
    found = audit.verify_chain(ws.db)
    assert found is not None and found.audit_id == five_rows[2]
    assert "removed" in found.problem


def test_verify_chain_finds_an_edited_row_even_with_its_own_hash_recomputed(ws, db_path, five_rows):
    # An editor who rewrites row k's hash to match its new content still breaks row k+1's link.
    target = five_rows[1]
    row = ws.db.query_one("SELECT * FROM audit WHERE id = ?", (target,))
    row["actor"] = "someone else"
    new_hash = audit._digest(row["prev_hash"], row)
    _outside_edit(ws.db, f"UPDATE audit SET actor = 'someone else', hash = '{new_hash}' WHERE id = {target}")
    found = audit.verify_chain(ws.db)
    assert found is not None and found.audit_id == five_rows[2]
