"""Shared fixtures: a fresh database in a temporary folder, a fixed clock, a home with registers."""

from __future__ import annotations

import os
from datetime import date, datetime, timezone

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from inspect_app.domain.records import Child, Home, Staff  # noqa: E402
from inspect_app.domain.vocabulary import Employment, StaffRole  # noqa: E402
from inspect_app.services import registers  # noqa: E402
from inspect_app.services.workspace import Credentials, Workspace  # noqa: E402
from inspect_app.storage import keyslots  # noqa: E402

PASSWORD = "correct horse battery"
TESTER = Credentials("tester", PASSWORD)
# scrypt at its real cost takes half a second per sign-in; tests use a small cost (stored in each slot, so
# a file made here still opens). tests/storage/test_keyslots.py checks the real default.
FAST_COST = keyslots.Cost(2 ** 8)


class FixedClock:
    """An injected "now" that tests move by hand; never the wall clock."""

    def __init__(self, moment: datetime):
        self.moment = moment

    def __call__(self) -> datetime:
        return self.moment

    def set(self, moment: datetime) -> None:
        self.moment = moment


@pytest.fixture(autouse=True)
def _isolated_user_data(tmp_path, monkeypatch):
    """No test touches the real user folder or the tester's login name."""
    monkeypatch.setenv("INSPECT_APP_DATA", str(tmp_path / "userdata"))
    monkeypatch.setenv("INSPECT_APP_USER", TESTER.username)
    monkeypatch.setenv("INSPECT_APP_PASSWORD", TESTER.password)
    monkeypatch.setattr(keyslots, "DEFAULT_COST", FAST_COST)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(datetime(2026, 11, 22, 12, 0, tzinfo=timezone.utc))


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "records.db"


@pytest.fixture
def ws(db_path, clock):
    """A new database whose first account, the tester, is its responsible individual."""
    workspace = Workspace.create(db_path, TESTER, "Test Person", clock=clock)
    yield workspace
    workspace.close()


@pytest.fixture
def home(ws):
    return registers.create_home(ws, Home(urn="SC123456", name="Oak House", places=4,
                                          provider_name="Evergreen Care Ltd"))


@pytest.fixture
def amy(ws, home):
    return registers.save_child(ws, Child(home_id=home.id, ref="C-01", first_name="Amy", last_name="Brown",
                                          admitted_on=date(2025, 6, 1), date_of_birth=date(2011, 4, 3)))


@pytest.fixture
def sam(ws, home):
    """A senior authorised to sign off reg 35 records."""
    return registers.save_staff(ws, Staff(home_id=home.id, ref="S-01", full_name="Sam Jones",
                                          role=StaffRole.SENIOR, employment=Employment.PERMANENT,
                                          authorised_signoff=True, care_role_started_on=date(2020, 1, 6)))


@pytest.fixture
def kim(ws, home):
    """A care worker not authorised to sign off."""
    return registers.save_staff(ws, Staff(home_id=home.id, ref="S-02", full_name="Kim Patel",
                                          role=StaffRole.CARE_WORKER, employment=Employment.AGENCY,
                                          care_role_started_on=date(2025, 2, 1)))


def open_as_tester(path, clock=None) -> Workspace:
    """Sign in to an existing file as the tester; a plain file from before encryption is encrypted first."""
    from inspect_app.services.workspace import NotYetEncrypted

    kwargs = {"clock": clock} if clock is not None else {}
    try:
        return Workspace.open(path, TESTER, **kwargs)
    except NotYetEncrypted:
        return Workspace.protect(path, TESTER, "Test Person", **kwargs)


@pytest.fixture
def sign_in():
    """`sign_in(path, clock=None)`: the tester's workspace on an existing (or plain, older) database file."""
    return open_as_tester


def create_as_tester(path, clock=None) -> Workspace:
    kwargs = {"clock": clock} if clock is not None else {}
    return Workspace.create(path, TESTER, "Test Person", **kwargs)


@pytest.fixture
def new_workspace():
    """`new_workspace(path, clock=None)`: a new database whose first account is the tester."""
    return create_as_tester


def signed_in_as(ws: Workspace, home: Home, role, username: str = "other") -> Workspace:
    """The same database opened by a second account with `role` in `home` (the caller closes it)."""
    from inspect_app.domain.roles import Account
    from inspect_app.services import accounts

    accounts.add_account(ws, Account(username, "Other Person", role, home_ids=frozenset({home.id})), PASSWORD)
    return Workspace.open(ws.db.path, Credentials(username, PASSWORD), clock=ws.clock)


def run_cli(capsys, *argv, clock=None) -> tuple[int, str, str]:
    """The command line run in this process: its exit code, standard output and standard error."""
    from inspect_app import cli

    code = cli.main(list(argv), clock=clock)
    out, err = capsys.readouterr()
    return code, out, err
