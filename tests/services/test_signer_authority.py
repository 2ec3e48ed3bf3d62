"""reg 35(3)(b): whether a signature was by an authorised person is judged as it stood when the record was signed."""

from __future__ import annotations

import shutil
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from inspect_app.domain.local_time import Period
from inspect_app.domain.records import Measure
from inspect_app.domain.vocabulary import MeasureKind, Position
from inspect_app.services import compliance, measures, registers
from inspect_app.services.verify import verify

FIXTURE = Path(__file__).parent.parent / "fixtures" / "schema_0001.db"
YEAR = Period(date(2026, 1, 1), date(2026, 12, 31))


def restraint(home, child, staff, started: datetime) -> Measure:
    return Measure(home_id=home.id, ref="", child_id=child.id, kind=MeasureKind.RESTRAINT, started_at=started,
                   recorded_at=started, duration_minutes=5, location="Lounge", behaviour="Kicking doors",
                   avoidance_steps="Talked it through", description="Standing hold", position=Position.STANDING,
                   holds=("Single elbow",), used_by=(staff.id,), effectiveness="Settled", injury=False)


def findings(ws, home):
    return compliance.compute(ws, home, YEAR, ws.now()).measures


def test_withdrawing_authority_later_does_not_change_records_already_signed(ws, home, amy, sam, clock):
    m = measures.record_measure(ws, restraint(home, amy, sam, clock() - timedelta(hours=3)))
    measures.sign_off(ws, m.id, sam.id, clock() - timedelta(hours=1))
    clock.set(clock() + timedelta(days=30))
    registers.save_staff(ws, replace(ws.staff.get(sam.id), authorised_signoff=False, left_on=date(2026, 12, 1)))
    report = findings(ws, home)
    assert report.signed_by_unauthorised == [] and report.late_signoff == []
    assert ws.measures.get(m.id).signer_authorised is True


def test_an_imported_unauthorised_signature_stays_a_finding_after_the_signer_is_authorised(ws, home, amy, kim, clock):
    from inspect_app.services.importing import import_csv

    import_csv(ws, home, "measures", "incident_ref,child_ref,measure,started_at,recorded_at,signed_at,signed_by\n"
                                     "R-1,C-01,restraint,2026-11-20T10:00,2026-11-20T11:00,2026-11-21T09:00,S-02\n")
    assert findings(ws, home).signed_by_unauthorised == ["R-1"]
    registers.save_staff(ws, replace(ws.staff.get(kim.id), authorised_signoff=True))
    assert findings(ws, home).signed_by_unauthorised == ["R-1"]


def test_records_signed_before_the_upgrade_take_the_signers_authorisation_and_still_verify(tmp_path, sign_in):
    copy = tmp_path / "old.db"
    shutil.copy(FIXTURE, copy)
    ws = sign_in(copy, clock=lambda: datetime(2026, 11, 22, 12, tzinfo=timezone.utc))
    try:
        signed = [m for m in ws.measures.for_home(ws.home().id) if m.signed_by is not None]
        assert signed, "the fixture has a signed record"
        for m in signed:
            assert m.signer_authorised == ws.staff.get(m.signed_by).authorised_signoff
        assert verify(ws) == []
    finally:
        ws.close()
