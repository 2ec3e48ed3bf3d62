"""The database's own settings (organisational choices, not window state), read and written with audit."""

from __future__ import annotations

import json
from datetime import datetime
from typing import TYPE_CHECKING, Any

from . import audit

if TYPE_CHECKING:
    from .database import Database


class SettingsRepository:
    entity = "setting"

    def __init__(self, db: "Database"):
        self.db = db

    def get(self, key: str, home_id: int | None = None) -> Any | None:
        row = self.db.query_one("SELECT value FROM settings WHERE key = ? AND home_id IS ?", (key, home_id))
        return None if row is None else json.loads(row["value"])

    def put(self, key: str, value: Any, *, actor: str, at: datetime, home_id: int | None = None,
            reason: str = "") -> None:
        with self.db.transaction():
            before = self.get(key, home_id)
            self.db.execute("DELETE FROM settings WHERE key = ? AND home_id IS ?", (key, home_id))
            self.db.execute("INSERT INTO settings (home_id, key, value) VALUES (?, ?, ?)",
                            (home_id, key, json.dumps(value)))
            audit.write(self.db, at=at, actor=actor, home_id=home_id, entity=self.entity, entity_id=None,
                        action="update", before={"key": key, "value": before}, after={"key": key, "value": value},
                        reason=reason)
