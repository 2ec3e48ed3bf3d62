"""The database-wide settings, each declared once with its type, default, limits and the words a user sees."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..domain.errors import Problem, ValidationFailed
from ..domain.records import Home
from ..domain.roles import Permission
from ..storage.settings import SettingsRepository
from .workspace import Workspace


@dataclass(frozen=True)
class Setting:
    key: str
    title: str
    default: int
    minimum: int
    maximum: int
    help: str


IDLE_LOCK_MINUTES = Setting("idle_lock_minutes", "Lock the window after this many idle minutes", 10, 1, 240,
                            "The window hides the records and asks for the password again; typing is kept.")
BACKUPS_KEPT = Setting("backups_kept", "Daily backups to keep", 14, 1, 365,
                       "One backup is made each day the program is used; older ones beyond this are removed.")
ALL = (IDLE_LOCK_MINUTES, BACKUPS_KEPT)


def value(ws: Workspace, setting: Setting) -> int:
    found = SettingsRepository(ws.db).get(setting.key)
    return found if isinstance(found, int) and setting.minimum <= found <= setting.maximum else setting.default


def change(ws: Workspace, setting: Setting, new: Any) -> int:
    """Managers change the database's settings (SPEC 8); each change is audited."""
    ws.require(Permission.MANAGE_DATABASE)
    if not isinstance(new, int) or isinstance(new, bool) or not setting.minimum <= new <= setting.maximum:
        raise ValidationFailed([Problem(setting.key, f"choose a whole number from {setting.minimum} to "
                                                     f"{setting.maximum}")])
    SettingsRepository(ws.db).put(setting.key, new, actor=ws.actor, at=ws.now())
    return new


def of_home(ws: Workspace, home: Home, key: str) -> Any | None:
    """A setting a home chose for itself (its report target, key times, standard shifts...), or None: the caller
    knows the default and what may read it."""
    return SettingsRepository(ws.db).get(key, home.id)


def put_for_home(ws: Workspace, home: Home, key: str, value: Any, reason: str) -> None:
    """Keeps a home's setting, audited (verify checks it stays as written); the caller checks permission and value."""
    SettingsRepository(ws.db).put(key, value, actor=ws.actor, at=ws.now(), home_id=home.id, reason=reason)
