"""Exporting one kind of a home's records to a CSV file in the import format (SPEC 7), written atomically."""

from __future__ import annotations

import csv
import logging
import os
import tempfile
from pathlib import Path

from ..domain.errors import UserFacingError
from ..domain.records import Home
from ..domain.roles import Permission
from .csv_kinds import Kind, Registers, kind_named
from .workspace import Workspace

log = logging.getLogger(__name__)


def export_rows(ws: Workspace, home: Home, spec: Kind) -> list[list[str]]:
    """The header (SPEC order) and one row per record, as the import reads them back."""
    ws.require(Permission.EXPORT_RECORDS, home.id)
    regs = Registers.load(ws, home)
    records = spec.records_of(ws, home)
    return [spec.header] + [spec.to_row(record, regs) for record in records]


def export_csv(ws: Workspace, home: Home, kind: str, path: Path | str) -> int:
    """Write the home's records of one kind to `path`; returns how many. An existing file is replaced
    only once the new one is complete, so a failure never leaves half a file."""
    spec = kind_named(kind)
    if ws.db.is_own_file(path):
        raise UserFacingError(f"{path} is the database itself: choose another name for the CSV file")
    rows = export_rows(ws, home, spec)
    _write_atomically(Path(path), rows)
    log.info("exported %d %s of home %s", len(rows) - 1, spec.name, home.id)
    return len(rows) - 1


def _write_atomically(path: Path, rows: list[list[str]]) -> None:
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise UserFacingError(f"cannot write {path}: the folder {folder} does not exist")
    try:
        handle, partial = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".partial", dir=folder)
    except OSError as exc:
        raise UserFacingError(f"cannot write in {folder}: {exc.strerror or exc}") from exc
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            csv.writer(out).writerows(rows)
            out.flush()
            os.fsync(out.fileno())
        os.replace(partial, path)
    except OSError as exc:
        Path(partial).unlink(missing_ok=True)
        raise UserFacingError(f"cannot write {path}: {exc.strerror or exc}") from exc
    except BaseException:
        Path(partial).unlink(missing_ok=True)
        raise
