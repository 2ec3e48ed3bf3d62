"""An import killed (SIGKILL) while it writes leaves the database exactly as before the import (SPEC 9)."""

from __future__ import annotations

import signal
import subprocess
import sys
import textwrap

import pytest

from inspect_app.services.importing import import_csv
from inspect_app.services.verify import verify

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")

ROWS = 6000  # more than one write batch, so the kill lands between two batches of the same transaction

# The importer reports progress; once it is writing (past the checks), it says so and waits on stdin,
# so the kill always lands inside the import's one transaction, before COMMIT.
IMPORTER = textwrap.dedent("""
    import sys
    from datetime import datetime, timezone
    from pathlib import Path
    from inspect_app.services.importing import import_csv
    import os
    from inspect_app.services.workspace import Credentials, Workspace

    path, csv_path, rows = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3])
    ws = Workspace.open(path, Credentials(os.environ["INSPECT_APP_USER"], os.environ["INSPECT_APP_PASSWORD"]), clock=lambda: datetime(2026, 11, 22, 12, tzinfo=timezone.utc))

    def progress(done, total):
        if done > rows:  # the second half of the count is the writing
            print("writing", flush=True)
            sys.stdin.readline()

    import_csv(ws, ws.home(), "measures", csv_path, progress=progress)
    print("should never get here", flush=True)
""")

HEADER = "incident_ref,child_ref,measure,started_at,recorded_at,used_by,behaviour\n"


def test_a_killed_import_keeps_nothing_and_loses_nothing(ws, home, amy, sam, tmp_path, sign_in):
    import_csv(ws, home, "measures", HEADER + "R-00001,C-01,restraint,2026-11-01T10:00,2026-11-01T12:00,S-01,x\n")
    rows = "".join(f"R-{i:05d},C-01,restraint,2026-11-02T10:00,2026-11-02T11:00,S-01,{'y' * 200}\n"
                   for i in range(2, ROWS + 2))
    big = tmp_path / "measures.csv"
    big.write_text(HEADER + rows, encoding="utf-8")
    before = (ws.measures.count(home.id), ws.db.scalar("SELECT count(*) FROM audit"))
    path = ws.db.path
    ws.close()

    child = subprocess.Popen([sys.executable, "-c", IMPORTER, str(path), str(big), str(ROWS)],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout.readline().strip() == "writing"
        child.send_signal(signal.SIGKILL)
    finally:
        child.wait(timeout=30)

    again = sign_in(path)
    try:
        assert again.db.scalar("PRAGMA integrity_check") == "ok"
        assert (again.measures.count(home.id), again.db.scalar("SELECT count(*) FROM audit")) == before
        assert verify(again) == []
        assert again.measures.by_ref(home.id, "R-00001") is not None
    finally:
        again.close()
