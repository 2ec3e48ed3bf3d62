"""The hand-checked scenario across both 2026 clock changes, through the command line as a user would run it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from inspect_app import cli

SCENARIO = Path(__file__).parent / "scenarios" / "clock_changes_2026"
EXPECTED = json.loads((SCENARIO / "expected.json").read_text())


@pytest.fixture
def loaded(tmp_path, capsys):
    db = str(tmp_path / "scenario.db")
    assert cli.main(["--db", db, "init", "--urn", "SC654321", "--name", "Beech Lodge", "--places", "4"]) == 0
    for kind in ("children", "staff", "measures"):
        assert cli.main(["--db", db, "import", kind, str(SCENARIO / f"{kind}.csv")]) == 0, capsys.readouterr().err
    capsys.readouterr()
    return db


@pytest.mark.parametrize("as_at", sorted(EXPECTED["as_at"]))
def test_compliance_matches_the_hand_check(loaded, capsys, as_at):
    period = EXPECTED["period"]
    code = cli.main(["--db", loaded, "compliance", "--from", period["from"], "--to", period["to"],
                     "--as-at", as_at, "--format", "json"])
    out = json.loads(capsys.readouterr().out)
    assert code == 0
    expected = EXPECTED["as_at"][as_at]
    assert out["measures"] == {**out["measures"], **expected["measures"]}
    assert {k: out["annex_a"][k] for k in expected["annex_a"]} == expected["annex_a"]
    assert out["period"] == period
    assert out["home"] == {"urn": "SC654321", "name": "Beech Lodge"}


def test_text_form_names_the_late_records(loaded, capsys):
    code = cli.main(["--db", loaded, "compliance", "--from", "2026-03-01", "--to", "2026-10-31",
                     "--as-at", "2026-11-10T09:00", "--format", "text"])
    text = capsys.readouterr().out
    assert code == 0
    assert "R-05, R-06, R-07" in text
    assert "reg 35(3)(b)" in text
