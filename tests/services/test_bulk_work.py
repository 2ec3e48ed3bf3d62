"""Long jobs pause Python's cycle collector (services.bulk_work) and always turn it back on."""

from __future__ import annotations

import gc
from datetime import date

import pytest

from inspect_app.domain.local_time import Period
from inspect_app.services import compliance, importing
from inspect_app.services.bulk_work import cycle_collector_paused


def test_the_collector_is_paused_inside_nested_jobs_and_back_on_after_an_error():
    assert gc.isenabled()
    with cycle_collector_paused():
        assert not gc.isenabled()
        with pytest.raises(RuntimeError):
            with cycle_collector_paused():
                assert not gc.isenabled()
                raise RuntimeError("a job failed")
        assert not gc.isenabled()  # the outer job is still running
    assert gc.isenabled()


def test_a_collector_turned_off_by_someone_else_stays_off():
    gc.disable()
    try:
        with cycle_collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_an_import_and_a_compliance_run_pause_it_and_leave_it_on(ws, home, monkeypatch):
    seen = []
    for module, name in ((importing, "_read_rows"), (compliance, "staffing_for")):
        real = getattr(module, name)
        monkeypatch.setattr(module, name, lambda *args, real=real: seen.append(gc.isenabled()) or real(*args))
    with pytest.raises(importing.ImportFailed):
        importing.import_csv(ws, home, "shifts", "not,a,header\n")
    compliance.compute(ws, home, Period(date(2026, 11, 1), date(2026, 11, 30)))
    assert seen == [False, False] and gc.isenabled()
