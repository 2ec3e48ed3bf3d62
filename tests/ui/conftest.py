"""Window tests: Python's cycle collector runs on the GUI thread only, as in the program, and no background work
of one test runs on into the next (it would read a closed database); no dialog is left open; a senior's sign-in."""

from __future__ import annotations

import gc

import pytest
from PySide6.QtWidgets import QApplication, QDialog

from inspect_app.domain.roles import Account, Role
from inspect_app.services import accounts
from inspect_app.services.workspace import Credentials, Workspace
from inspect_app.ui import collector
from inspect_app.ui.background import Operation
from tests.conftest import PASSWORD


@pytest.fixture(autouse=True)
def _collect_cycles_at_safe_points(qapp):
    collector.install(qapp)
    yield
    assert Operation.wait_for_all(timeout=30), "a background operation was still running 30 s after its test"
    gc.collect()  # here, between tests, on the GUI thread and inside no Qt call


@pytest.fixture(autouse=True)
def _no_dialog_left_open(qapp):
    """Editors and refusals are opened, not executed: close what a test leaves open, so that no later test (the
    idle lock's, which covers every window) finds it."""
    yield
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QDialog) and widget.isVisible():
            widget.done(QDialog.Rejected)  # not reject(): an editor with typed changes would ask first


@pytest.fixture
def senior_ws(ws, home, clock) -> Workspace:
    """The same records, signed in as a senior of the home: they read the oversight records and may not change
    them (RECORD_OVERSIGHT is the manager's and the responsible individual's)."""
    accounts.add_account(ws, Account("senior1", "Sam Jones", Role.SENIOR, home_ids=frozenset({home.id})), PASSWORD)
    other = Workspace.open(ws.db.path, Credentials("senior1", PASSWORD), clock=clock)
    yield other
    other.close()
