"""Checking a database: SQLite's integrity and foreign keys, the audit chain, and records against it (SPEC 8, 9)."""

from __future__ import annotations

from ..storage.audit import verify_chain, verify_records
from ..storage.checks import foreign_key_problems, integrity_problems
from .workspace import Workspace


def verify(ws: Workspace) -> list[str]:
    """Every problem found, one plain sentence each; an empty list means the database passed."""
    problems = [f"the database file is damaged: {p}" for p in integrity_problems(ws.db)]
    if problems:
        return problems  # the other checks would read a file already known to be damaged
    problems += [f"broken link between records: {p}" for p in foreign_key_problems(ws.db)]
    broken = verify_chain(ws.db)
    if broken is not None:
        problems.append(f"the audit trail was tampered with: row {broken.audit_id} {broken.problem}")
    # SPEC 8: an edit made outside the program, to a record rather than to the trail, is caught here
    problems += [f"changed outside the program: {p}" for p in verify_records(ws.db)]
    return problems
