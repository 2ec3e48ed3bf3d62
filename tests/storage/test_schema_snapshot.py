"""db/schema.sql is the schema the migrations really make."""

from __future__ import annotations

from inspect_app.paths import migrations_dir


def test_the_schema_snapshot_matches_the_migrations(ws):
    snapshot = (migrations_dir() / "schema.sql").read_text(encoding="utf-8")
    body = snapshot.split("\n", 1)[1]
    assert body == ws.db.schema_text(), "run: python tools/write_schema_snapshot.py"
