"""Accounts and roles (SPEC 8), enforced in the services: what each role may do, passwords, taking access away."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta, timezone

import pytest

from inspect_app.domain.errors import UserFacingError, ValidationFailed
from inspect_app.domain.records import Child, Home, Measure
from inspect_app.domain.roles import Account, NotPermitted, Role
from inspect_app.domain.vocabulary import MeasureKind, Position
from inspect_app.services import accounts, compliance, exporting, measure_list, measures, registers
from inspect_app.services.importing import import_csv
from inspect_app.services.workspace import Credentials, Workspace
from inspect_app.storage.keyslots import WrongPassword
from inspect_app.domain.local_time import Period

PASS = "a long pass phrase"


def _sign_in(ws: Workspace, username: str, password: str = PASS) -> Workspace:
    return Workspace.open(ws.db.path, Credentials(username, password), clock=ws.clock)


def _measure(home, child, staff, start, ref="") -> Measure:
    return Measure(home_id=home.id, ref=ref, child_id=child.id, kind=MeasureKind.RESTRAINT, started_at=start,
                   recorded_at=start, duration_minutes=5, location="Lounge", behaviour="Kicking the door",
                   avoidance_steps="Talked with him", description="Held by both arms", used_by=(staff.id,),
                   effectiveness="Calm in five minutes", injury=False, holds=("Single elbow",), position=Position.SEATED,
                   medical_treatment=False, police_involved=False, planned_in_ehcp=False)


@pytest.fixture
def people(ws, home, amy, sam, kim):
    """A care worker (Kim, on the register), a senior (Sam), a provider viewer; and a second home."""
    elm = registers.create_home(ws, Home(urn="SC654321", name="Elm House"))
    made = {
        "kim": accounts.add_account(ws, Account("kim", "Kim Patel", Role.CARE_STAFF, home_ids=frozenset({home.id}),
                                                staff_id=kim.id), PASS),
        "sam": accounts.add_account(ws, Account("sam", "Sam Jones", Role.SENIOR, home_ids=frozenset({home.id}),
                                                staff_id=sam.id), PASS),
        "viewer": accounts.add_account(ws, Account("viewer", "Pat Provider", Role.PROVIDER_VIEWER,
                                                   home_ids=frozenset({home.id, elm.id})), PASS),
    }
    return made, elm


@pytest.fixture
def signed(ws, home, amy, sam, kim, clock):
    """A measure used by Sam (not Kim), and one by Kim, made by the tester (a responsible individual)."""
    start = clock() - timedelta(hours=3)
    by_sam = measures.record_measure(ws, _measure(home, amy, sam, start))
    by_kim = measures.record_measure(ws, _measure(home, amy, kim, start))
    return by_sam, by_kim


def test_care_staff_cannot_sign_off_export_or_import(ws, people, signed, home, sam, clock, tmp_path):
    kim = _sign_in(ws, "kim")
    try:
        with pytest.raises(NotPermitted, match="care staff account cannot sign off"):
            measures.sign_off(kim, signed[1].id, sam.id, clock())
        with pytest.raises(NotPermitted):
            exporting.export_csv(kim, kim.home(), "children", tmp_path / "c.csv")
        with pytest.raises(NotPermitted):
            import_csv(kim, kim.home(), "children", "child_ref,first_name,last_name,admitted_on\n")
        with pytest.raises(NotPermitted):
            compliance.compute(kim, kim.home(), Period(clock().date(), clock().date()))
        with pytest.raises(NotPermitted):
            registers.save_child(kim, Child(home_id=home.id, ref="C-09", first_name="A", last_name="B",
                                            admitted_on=clock().date()))
        assert not (tmp_path / "c.csv").exists()
    finally:
        kim.close()


def test_care_staff_see_only_their_own_records_and_only_their_home(ws, people, signed, home):
    _, elm = people
    kim = _sign_in(ws, "kim")
    try:
        assert [h.urn for h in kim.visible_homes()] == ["SC123456"]
        with pytest.raises(NotPermitted, match="no access"):
            kim.home("SC654321")
        assert [r.measure.ref for r in measure_list.load(kim, home).rows] == [signed[1].ref]
        with pytest.raises(NotPermitted, match="cannot open that record"):
            measures.get_measure(kim, signed[0].id)
        with pytest.raises(NotPermitted):
            measure_list.record_context(kim, home, signed[0].id)
        with pytest.raises(NotPermitted):
            measure_list.load(kim, elm)
    finally:
        kim.close()


def test_care_staff_write_a_record_and_it_names_them(ws, people, home, amy, kim, clock):
    worker = _sign_in(ws, "kim")
    try:
        made = measures.record_measure(worker, _measure(home, amy, kim, clock() - timedelta(hours=1)))
        assert made.recorded_by == kim.id
        row = worker.db.query_one("SELECT actor FROM audit WHERE entity = 'measure' AND entity_id = ?", (made.id,))
        assert row == {"actor": "kim"}
    finally:
        worker.close()


def test_a_senior_signs_only_as_themself(ws, people, signed, sam, kim, clock):
    senior = _sign_in(ws, "sam")
    try:
        with pytest.raises(NotPermitted, match="only as themself"):
            measures.sign_off(senior, signed[0].id, kim.id, clock())
        done = measures.sign_off(senior, signed[0].id, sam.id, clock())
        assert done.signed_by == sam.id
    finally:
        senior.close()


def test_a_provider_viewer_reads_every_home_and_writes_nothing(ws, people, signed, home, amy, sam, clock):
    viewer = _sign_in(ws, "viewer")
    try:
        assert len(measure_list.load(viewer, home).rows) == 2
        assert compliance.compute(viewer, home, Period(clock().date(), clock().date())).measures.count == 2
        with pytest.raises(NotPermitted, match="cannot write"):
            measures.record_measure(viewer, _measure(home, amy, sam, clock()))
        with pytest.raises(NotPermitted):
            measures.add_addendum(viewer, signed[0].id, "text", "reason")
        with pytest.raises(NotPermitted):
            registers.update_home(viewer, replace(home, name="Renamed"))
        with pytest.raises(NotPermitted):
            accounts.add_account(viewer, Account("x", "X", Role.PROVIDER_VIEWER), PASS)
    finally:
        viewer.close()


def test_a_manager_cannot_make_a_responsible_individual_or_give_homes_they_lack(ws, people, home):
    _, elm = people
    manager = accounts.add_account(ws, Account("mo", "Mo Khan", Role.MANAGER, home_ids=frozenset({home.id})), PASS)
    mo = _sign_in(ws, manager.username)
    try:
        with pytest.raises(NotPermitted, match="responsible individual"):
            accounts.add_account(mo, Account("ri", "R I", Role.RESPONSIBLE_INDIVIDUAL,
                                             home_ids=frozenset({home.id})), PASS)
        with pytest.raises(NotPermitted, match="homes that you work in"):
            accounts.add_account(mo, Account("new", "New Person", Role.CARE_STAFF, home_ids=frozenset({elm.id})),
                                 PASS)
        made = accounts.add_account(mo, Account("new", "New Person", Role.CARE_STAFF,
                                                home_ids=frozenset({home.id})), PASS)
        assert made.role is Role.CARE_STAFF
    finally:
        mo.close()


def test_new_accounts_are_validated(ws, home):
    with pytest.raises(ValidationFailed) as caught:
        accounts.add_account(ws, Account("tester", "", Role.CARE_STAFF), "short")
    fields = {p.field for p in caught.value.problems}
    assert fields == {"username", "full_name", "password", "homes"}


def test_changing_a_password_rewraps_one_slot_only(ws, people):
    kim = _sign_in(ws, "kim")
    try:
        with pytest.raises(ValidationFailed, match="not your current password"):
            accounts.change_own_password(kim, "wrong one entirely", "another long phrase")
        accounts.change_own_password(kim, PASS, "another long phrase")
    finally:
        kim.close()
    with pytest.raises(WrongPassword):
        _sign_in(ws, "kim")
    _sign_in(ws, "kim", "another long phrase").close()
    _sign_in(ws, "sam").close()  # everyone else's password still works


def test_a_manager_resets_a_forgotten_password(ws, people):
    accounts.reset_password(ws, "kim", "a manager's new phrase")
    _sign_in(ws, "kim", "a manager's new phrase").close()
    actions = [r["action"] for r in ws.db.query("SELECT action FROM audit WHERE entity = 'account'")]
    assert "password_reset" in actions


def test_deactivating_removes_the_slot_and_keeps_the_name(ws, people, signed):
    with pytest.raises(ValidationFailed, match="say why"):
        accounts.deactivate(ws, "kim", " ")
    accounts.deactivate(ws, "kim", "left on 30/11/2026")
    with pytest.raises(WrongPassword):
        _sign_in(ws, "kim")
    assert "kim" not in ws.slots.usernames
    assert ws.accounts.by_username("kim").active is False
    with pytest.raises(UserFacingError, match="deactivated"):
        accounts.reset_password(ws, "kim", "a manager's new phrase")


def test_nobody_deactivates_themself_or_the_last_manager(ws, people):
    with pytest.raises(UserFacingError, match="your own account"):
        accounts.deactivate(ws, "tester", "testing")
    other = accounts.add_account(ws, Account("ri2", "Second RI", Role.RESPONSIBLE_INDIVIDUAL,
                                             home_ids=ws.account.home_ids), PASS)
    second = _sign_in(ws, other.username)
    try:
        accounts.deactivate(second, "tester", "moved on")
        with pytest.raises(UserFacingError, match="your own account"):
            accounts.deactivate(second, "ri2", "x")
    finally:
        second.close()


def test_a_key_file_that_cannot_be_written_leaves_no_account_behind(ws, home, monkeypatch):
    def refuse(*_args, **_kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("inspect_app.storage.keyslots.write_atomically", refuse)
    with pytest.raises(UserFacingError, match="nothing was changed"):
        accounts.add_account(ws, Account("kim", "Kim Patel", Role.CARE_STAFF, home_ids=frozenset({home.id})), PASS)
    assert ws.accounts.by_username("kim") is None and "kim" not in ws.slots.usernames


def test_account_changes_are_audited_and_verify(ws, people):
    from inspect_app.services.verify import verify

    accounts.update_account(ws, replace(ws.accounts.by_username("kim"), role=Role.SENIOR))
    assert ws.accounts.by_username("kim").role is Role.SENIOR
    assert verify(ws) == []
    ws.db.execute("UPDATE accounts SET role = 'responsible_individual' WHERE username = 'kim'")
    assert any("account" in p and "role" in p for p in verify(ws))


def test_the_clock_is_the_workspaces(ws, clock):
    clock.set(datetime(2026, 12, 1, 9, 0, tzinfo=timezone.utc))
    made = accounts.add_account(ws, Account("kim", "Kim", Role.PROVIDER_VIEWER), PASS)
    assert ws.db.scalar("SELECT created_at FROM accounts WHERE id = ?", (made.id,)) == "2026-12-01T09:00:00Z"
