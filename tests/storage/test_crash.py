"""A process killed (SIGKILL) in the middle of a large write leaves a database that opens whole (SPEC 9)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from datetime import date, datetime, timezone
from pathlib import Path

import pytest

from inspect_app.domain.records import Child, Home, Staff
from inspect_app.domain.vocabulary import StaffRole
from inspect_app.services import registers
from inspect_app.storage import audit

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")

NOW = datetime(2026, 11, 22, 12, 0, tzinfo=timezone.utc)
PER_ROUND_COMMITTED = 5
PER_ROUND_KILLED = 300

# The writer: commits a few measures, says so, then writes many more in ONE transaction, says when it is at
# the kill point, keeps writing, and waits on stdin before committing, so the kill always lands before COMMIT.
# A tiny page cache makes SQLite spill the open transaction into the WAL file before the kill.
WRITER = textwrap.dedent("""
    import sys
    from datetime import datetime, timedelta, timezone
    from inspect_app.domain.records import Measure
    from inspect_app.domain.vocabulary import MeasureKind
    import os
    from inspect_app.services.workspace import Credentials, Workspace

    path, round_no, committed, killed, kill_at = sys.argv[1], *map(int, sys.argv[2:])
    now = datetime(2026, 11, 22, 12, 0, tzinfo=timezone.utc)
    ws = Workspace.open(path, Credentials(os.environ["INSPECT_APP_USER"], os.environ["INSPECT_APP_PASSWORD"]), clock=lambda: now)
    ws.db.execute("PRAGMA cache_size = -64")
    home = ws.home()
    child = ws.children.for_home(home.id)[0]
    staff = ws.staff.for_home(home.id)[0]

    def measure(ref):
        start = now - timedelta(days=3)
        return Measure(home_id=home.id, ref=ref, child_id=child.id, kind=MeasureKind.RESTRAINT, started_at=start,
                       recorded_at=start + timedelta(hours=2), used_by=(staff.id,), behaviour="x" * 2000,
                       holds=("Single elbow",))

    ws.measures.insert_many([measure(f"C{round_no}-{i:04d}") for i in range(committed)], actor="writer", at=now)
    print("committed", flush=True)
    with ws.db.transaction():
        for i in range(killed):
            ws.measures.insert(measure(f"K{round_no}-{i:04d}"), actor="writer", at=now)
            if i == kill_at:
                print("kill me", flush=True)
        sys.stdin.readline()
    print("should never get here", flush=True)
""")


def _set_up(path: Path, new_workspace) -> None:
    ws = new_workspace(path, clock=lambda: NOW)
    try:
        home = registers.create_home(ws, Home(urn="SC123456", name="Oak House"))
        registers.save_child(ws, Child(home_id=home.id, ref="C-01", first_name="Amy", last_name="Brown",
                                       admitted_on=date(2025, 6, 1)))
        registers.save_staff(ws, Staff(home_id=home.id, ref="S-01", full_name="Sam Jones", role=StaffRole.SENIOR,
                                       authorised_signoff=True))
    finally:
        ws.close()


def _write_and_kill(path: Path, script: Path, round_no: int, kill_at: int) -> None:
    args = [sys.executable, str(script), str(path), str(round_no), str(PER_ROUND_COMMITTED),
            str(PER_ROUND_KILLED), str(kill_at)]
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    proc = subprocess.Popen(args, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env=env)
    try:
        lines = []
        for line in proc.stdout:
            lines.append(line.strip())
            if line.strip() == "kill me":
                proc.send_signal(signal.SIGKILL)
                break
        proc.wait(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        proc.stdout.close()
        proc.stdin.close()
        stderr = proc.stderr.read()
        proc.stderr.close()
    assert lines == ["committed", "kill me"], stderr
    assert proc.returncode == -signal.SIGKILL


def test_killing_the_writer_mid_transaction_loses_exactly_the_open_transaction(tmp_path, new_workspace, sign_in):
    path = tmp_path / "records.db"
    script = tmp_path / "writer.py"
    script.write_text(WRITER)
    _set_up(path, new_workspace)
    kill_points = [0, 75, 150, 225, PER_ROUND_KILLED - 1]
    wal_sizes: list[int] = []
    for round_no, kill_at in enumerate(kill_points, start=1):
        _write_and_kill(path, script, round_no, kill_at)
        wal_sizes.append((tmp_path / "records.db-wal").stat().st_size)
        ws = sign_in(path, clock=lambda: NOW)
        try:
            assert ws.db.scalar("PRAGMA integrity_check") == "ok"
            assert ws.db.scalar("PRAGMA foreign_key_check") is None
            refs = [m.ref for m in ws.measures.for_home(ws.home().id)]
            expected = sorted(f"C{r}-{i:04d}" for r in range(1, round_no + 1) for i in range(PER_ROUND_COMMITTED))
            assert sorted(refs) == expected, f"round {round_no}, killed at {kill_at}"
            assert ws.db.scalar("SELECT count(*) FROM measure_users") == len(expected)
            # three register rows and the home, then one audit row per committed measure
            assert ws.db.scalar("SELECT count(*) FROM audit WHERE entity = 'measure'") == len(expected)
            assert audit.verify_chain(ws.db) is None
        finally:
            ws.close()
    # each round starts with an empty WAL: later kills left more of the open transaction on disk to undo
    assert wal_sizes == sorted(set(wal_sizes)), wal_sizes
