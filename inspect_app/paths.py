"""Where the program's resources, migrations, user data and logs live, in the source tree or a bundle."""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_DIR_NAME = "InspectionEvidence"


def install_root() -> Path:
    """The folder holding `db/` and `resources/`: the PyInstaller bundle or the source tree."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle)
    return Path(__file__).resolve().parent.parent


def migrations_dir() -> Path:
    return install_root() / "db"


def resources_dir() -> Path:
    return install_root() / "resources"


def user_data_dir() -> Path:
    """The per-user folder for the default database, backups and logs.

    INSPECT_APP_DATA overrides it (tests and portable installs use this).
    """
    override = os.environ.get("INSPECT_APP_DATA")
    if override:
        return Path(override)
    if sys.platform.startswith("win"):
        base = Path(os.environ.get("LOCALAPPDATA", Path.home() / "AppData" / "Local"))
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME", Path.home() / ".local" / "share"))
    return base / APP_DIR_NAME


def default_database_path() -> Path:
    return user_data_dir() / "records.db"


def demo_database_path() -> Path:
    """The made-up demo home lives in a file of its own, so it never mixes with a home's real records."""
    return user_data_dir() / "demo.db"


def backups_dir(database: Path) -> Path:
    """Backups sit beside the database they copy, so moving the folder moves both."""
    return database.parent / "backups"


def log_dir() -> Path:
    return user_data_dir() / "logs"
