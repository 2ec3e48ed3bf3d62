"""Window tests: Python's cycle collector runs on the GUI thread only, as in the program, and no background work
of one test runs on into the next (it would read a closed database)."""

from __future__ import annotations

import gc

import pytest

from inspect_app.ui import collector
from inspect_app.ui.background import Operation


@pytest.fixture(autouse=True)
def _collect_cycles_at_safe_points(qapp):
    collector.install(qapp)
    yield
    assert Operation.wait_for_all(timeout=30), "a background operation was still running 30 s after its test"
    gc.collect()  # here, between tests, on the GUI thread and inside no Qt call
