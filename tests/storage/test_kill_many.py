"""Killing the program (SIGKILL) at random points in imports and saves, 200 times, loses nothing committed (SPEC 9).

The worker and the checks live in benchmarks/kill_test.py, which the lead runs for the figures of
the issue note; this test runs the same `run()` and asserts them.
"""

from __future__ import annotations

import importlib.util
import signal
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL") or not hasattr(signal, "pause"),
                                reason="needs SIGKILL and fork")

KILLS = 200
SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "kill_test.py"


def _kill_test():
    spec = importlib.util.spec_from_file_location("kill_test", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module   # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_two_hundred_kills_lose_no_committed_record_and_damage_nothing(tmp_path):
    figures = _kill_test().run(tmp_path, kills=KILLS, seed=1)
    report = figures.report() + "".join(f"\n  {failure}" for failure in figures.failures[:10])
    print(report)
    assert figures.kills == KILLS, report
    assert (figures.integrity_failures, figures.verify_failures, figures.lost_records, figures.half_done) == (
        0, 0, 0, 0), report
    assert figures.failures == [], report
    # the kills really landed in the work, and the checks really looked at something
    assert figures.committed_units > KILLS and figures.records_checked > 10 * KILLS, report
    assert figures.phases.get("inside the write transaction", 0) + figures.phases.get("inside COMMIT", 0) >= 40, \
        report
