"""Whole-database health checks in SQL: SQLite's integrity and foreign-key checks."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .database import Database


def integrity_problems(db: "Database") -> list[str]:
    """What `PRAGMA integrity_check` reports; empty when the file is sound."""
    found = [row[0] for row in db.execute("PRAGMA integrity_check").fetchall()]
    return [] if found == ["ok"] else found


def foreign_key_problems(db: "Database") -> list[str]:
    """Rows pointing at a row that does not exist, as 'table row N refers to a missing PARENT'."""
    return [
        f"{table} row {rowid} refers to a missing {parent} row"
        for table, rowid, parent, _ in db.execute("PRAGMA foreign_key_check").fetchall()
    ]
