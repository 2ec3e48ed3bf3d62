"""Rewrites db/schema.sql, the whole schema after every migration, for reviewers (a test keeps it true)."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from inspect_app.paths import migrations_dir
from inspect_app.storage.database import Database


def current_schema() -> str:
    with tempfile.TemporaryDirectory() as folder, Database.open(Path(folder) / "fresh.db", key=None) as db:
        return db.schema_text()


if __name__ == "__main__":
    (migrations_dir() / "schema.sql").write_text(
        "-- The schema after every migration: made by tools/write_schema_snapshot.py, never edited by hand.\n"
        + current_schema(), encoding="utf-8")
    sys.exit(0)
