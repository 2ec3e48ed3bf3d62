"""A table written in bulk keeps one audit row per insert_many (the rota: SPEC 10's 100,000 shifts) and still gives
verify and history each record's own state; a removed record's id is never given to another."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import datetime, timedelta, timezone

import pytest

from inspect_app.domain.rota import Shift
from inspect_app.domain.vocabulary import Absence, ShiftType
from inspect_app.storage import audit
from inspect_app.storage.database import connect

UTC = timezone.utc
AT = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)
FIRST = datetime(2026, 11, 2, 7, 0, tzinfo=UTC)


def week_of_shifts(home, person, days: int = 7) -> list[Shift]:
    return [Shift(home.id, person.id, ShiftType.DAY, FIRST + timedelta(days=n), FIRST + timedelta(days=n, hours=8))
            for n in range(days)]


def outside(db, sql: str) -> None:
    """Another program with the file and its key."""
    raw = connect(db.path, db.key)
    try:
        raw.execute(sql)
    finally:
        raw.close()


@pytest.fixture
def batch(ws, home, sam):
    return ws.shifts.insert_many(week_of_shifts(home, sam), actor="tester", at=AT, action="import", reason="rota.csv")


def test_a_batch_is_one_audit_row_and_verify_passes(ws, batch):
    rows = ws.db.query("SELECT entity, entity_id, action, reason FROM audit WHERE entity = 'shift'")
    assert rows == [{"entity": "shift", "entity_id": batch[-1].id, "action": "import", "reason": "rota.csv"}]
    assert [s.id for s in batch] == list(range(batch[0].id, batch[0].id + 7))
    assert audit.verify_chain(ws.db) is None and audit.verify_records(ws.db) == []


def test_an_outside_edit_of_a_shift_written_in_a_batch_is_found(ws, batch):
    outside(ws.db, f"UPDATE shifts SET absence = 'sick' WHERE id = {batch[3].id}")
    assert audit.verify_records(ws.db) == [f"shift {batch[3].id} differs from its last audited state (absence)"]


def test_a_shift_added_or_removed_outside_the_program_is_found(ws, batch, home, sam):
    outside(ws.db, f"DELETE FROM shifts WHERE id = {batch[0].id}")
    outside(ws.db, f"INSERT INTO shifts (id, home_id, staff_id, shift_type, planned_start, planned_end) VALUES "
                   f"(999, {home.id}, {sam.id}, 'late', '2026-12-01T14:00:00Z', '2026-12-01T22:00:00Z')")
    assert set(audit.verify_records(ws.db)) == {
        "shift 999 has no audit row: it was added outside the program",
        f"shift {batch[0].id} was removed outside the program"}


def test_the_history_of_a_shift_begins_with_its_batch_then_each_change(ws, batch):
    worked = replace(batch[2], actual_start=batch[2].planned_start, actual_end=batch[2].planned_end + timedelta(hours=1))
    ws.shifts.update(worked, actor="manager", at=AT + timedelta(days=1), reason="stayed late")
    trail = audit.history(ws.db, "shift", batch[2].id)
    assert [(r["action"], r["actor"], r["reason"]) for r in trail] == [
        ("import", "tester", "rota.csv"), ("update", "manager", "stayed late")]
    assert json_of(trail[0]["after"])["actual_end"] is None
    assert json_of(trail[1]["after"])["actual_end"] == "2026-11-04T16:00:00Z"
    # the batch row holds the others too, but each history is the shift's own
    assert len(audit.history(ws.db, "shift", batch[6].id)) == 1
    assert audit.history(ws.db, "shift", batch[6].id + 1) == []


def test_a_removed_shift_is_audited_with_what_it_was_and_its_id_is_not_given_again(ws, batch, home, sam):
    last = batch[-1]
    ws.shifts.delete(last, actor="manager", at=AT, reason="not needed")
    assert audit.verify_records(ws.db) == []
    trail = audit.history(ws.db, "shift", last.id)
    assert [r["action"] for r in trail] == ["import", audit.DELETE]
    assert json_of(trail[1]["before"])["planned_start"] == "2026-11-08T07:00:00Z" and trail[1]["after"] is None
    again = ws.shifts.insert(replace(last, id=None, shift_type=ShiftType.LATE), actor="manager", at=AT)
    assert again.id == last.id + 1
    more = ws.shifts.insert_many([replace(last, id=None, planned_start=FIRST + timedelta(days=20),
                                          planned_end=FIRST + timedelta(days=20, hours=8), absence=Absence.LEAVE)],
                                 actor="manager", at=AT)
    assert more[0].id == last.id + 2
    assert audit.verify_records(ws.db) == []


def test_an_empty_batch_writes_nothing(ws, home):
    before = ws.db.scalar("SELECT count(*) FROM audit")
    assert ws.shifts.insert_many([], actor="tester", at=AT) == []
    assert ws.db.scalar("SELECT count(*) FROM audit") == before


def json_of(text: str) -> dict:
    return json.loads(text)


def test_a_shift_is_read_back_as_the_codec_would_read_it(ws, home, sam):
    """ShiftRepository decodes its rows itself (for speed): the same record as the generic decoding gives."""
    from inspect_app.storage.codec import from_row
    from inspect_app.storage.repository import Repository

    full = Shift(home.id, sam.id, ShiftType.SLEEP_IN, FIRST, FIRST + timedelta(hours=10), FIRST + timedelta(minutes=5),
                 FIRST + timedelta(hours=10, minutes=20), None, True)
    absent = Shift(home.id, sam.id, ShiftType.WAKING_NIGHT, FIRST + timedelta(days=1), FIRST + timedelta(days=1, hours=9),
                   absence=Absence.LEAVE, shift_lead=False)
    saved = [ws.shifts.insert(s, actor="tester", at=AT) for s in (full, absent)]
    for record in saved:
        row = ws.db.query_one("SELECT * FROM shifts WHERE id = ?", (record.id,))
        generic = from_row(Shift, row, Repository.skip, {}, id=row["id"])
        assert ws.shifts.get(record.id) == generic == record


def test_the_duties_sqlite_works_out_are_those_of_the_shifts_themselves(ws, home, sam):
    """ShiftRepository.duties_between (the compliance run's lean read) agrees with Duty.of: actual times where
    recorded, planned otherwise; sleep-ins and absences marked; across the October clock change."""
    from inspect_app.domain.rota import Duty

    back = datetime(2026, 10, 24, 21, 30, tzinfo=UTC)  # 22:30 BST, the night the clocks go back
    shifts = [
        Shift(home.id, sam.id, ShiftType.SLEEP_IN, back, back + timedelta(hours=9, minutes=30),
              back + timedelta(minutes=5), back + timedelta(hours=9, minutes=50)),
        Shift(home.id, sam.id, ShiftType.DAY, back + timedelta(days=1), back + timedelta(days=1, hours=8),
              absence=Absence.SICK),
        Shift(home.id, sam.id, ShiftType.LATE, back + timedelta(days=2), back + timedelta(days=2, hours=8),
              back + timedelta(days=2, minutes=-10), None, None, True),
    ]
    shifts[2] = replace(shifts[2], actual_end=None, actual_start=None)
    ws.shifts.insert_many(shifts, actor="tester", at=AT, action="import", reason="rota.csv")
    stored = ws.shifts.starting_between(home.id, back - timedelta(days=1), back + timedelta(days=4))
    duties = ws.shifts.duties_between(home.id, back - timedelta(days=1), back + timedelta(days=4))
    assert len(stored) == 3
    assert sorted(duties) == sorted(Duty.of(s) for s in stored)
    by_start = sorted(duties, key=lambda d: d.planned_start)
    assert [(bool(d.sleep_in), bool(d.on_duty)) for d in by_start] == [(True, True), (False, False), (False, True)]
    assert by_start[0].end - by_start[0].start == 9 * 3600 + 45 * 60  # worked 22:35 BST to 07:20 GMT
    assert by_start[2].start == by_start[2].planned_start
    assert ws.shifts.duties_between(home.id, back + timedelta(days=4), back + timedelta(days=5)) == []
