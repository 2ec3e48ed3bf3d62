"""Importing a CSV file of one kind into a home: all or nothing, every bad row named by line and column (SPEC 7)."""

from __future__ import annotations

import csv
import io
import logging
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Union

from ..domain.errors import Problem, UserFacingError
from ..domain.records import Home
from ..domain.roles import Permission
from . import csv_values as cv
from .bulk_work import cycle_collector_paused
from .csv_kinds import Kind, Registers, kind_named
from .workspace import Workspace

log = logging.getLogger(__name__)

Source = Union[str, bytes, "os.PathLike[str]"]
Progress = Callable[[int, int], None]
_PROGRESS_EVERY = 250


@dataclass(frozen=True)
class RowProblem:
    """One problem in a file: its physical line (the header is line 1; 0 for the whole file) and column."""

    line: int
    column: str
    message: str

    def describe(self, file_name: str) -> str:
        """`children.csv:7: date_of_birth: "31/02/2015" is not a date`"""
        where = f"{file_name}:{self.line}" if self.line else file_name
        return ": ".join(part for part in (where, self.column, self.message) if part)


@dataclass
class ImportResult:
    kind: str
    file_name: str
    added: int = 0
    skipped: int = 0  # already in the database with identical content
    warnings: list[RowProblem] = field(default_factory=list)
    replaced: str = ""  # settings the file replaced whole (key times), named

    def summary(self) -> str:
        if self.replaced:
            return (f"{self.file_name}: the home's {self.replaced} were replaced by the {self.added} in this file, "
                    f"{len(self.warnings)} warnings")
        return (f"{self.file_name}: {self.added} {self.kind} records added, {self.skipped} already there "
                f"and unchanged, {len(self.warnings)} warnings")


class ImportFailed(UserFacingError):
    """Nothing was imported; carries every problem found in the file."""

    def __init__(self, file_name: str, problems: list[RowProblem]):
        self.file_name = file_name
        self.problems = list(problems)
        count = len(self.problems)
        super().__init__(f"{file_name}: nothing was imported; {count} problem{'s' if count != 1 else ''}:\n"
                         + "\n".join(self.lines()))

    def lines(self) -> list[str]:
        return [p.describe(self.file_name) for p in self.problems]


@dataclass
class _Row:
    line: int
    cells: dict[str, str]


@dataclass
class _Plan:
    """What validating the whole file found: the records to add, and what stops or flags them."""

    new: list[tuple[int, Any]] = field(default_factory=list)
    skipped: int = 0
    problems: list[RowProblem] = field(default_factory=list)
    warnings: list[RowProblem] = field(default_factory=list)


@cycle_collector_paused()  # many records made at once (services.bulk_work)
def import_csv(ws: Workspace, home: Home, kind: str, source: Source, *, name: str | None = None,
               progress: Progress | None = None) -> ImportResult:
    """Add the records of one CSV file to the home, all of them or none.

    `source` is a path (os.PathLike), the file's bytes, or its text (a str is text, not a path).
    `progress(done, total)` is called as rows are checked and then written (total = 2 x rows).
    """
    ws.require(Permission.IMPORT, home.id)
    spec = kind_named(kind)
    text, file_name = _read_source(source, name or f"{spec.name}.csv")
    rows, structure = _read_rows(text, spec, file_name)
    total = 2 * len(rows)
    plan = _validate(ws, home, spec, rows, _steps(progress, 0, total))
    problems = structure + plan.problems
    if spec.replaces and not rows and not problems:
        problems = [RowProblem(0, "", f"the file has no rows: it would leave the home with no {spec.replaces}")]
    if problems:
        log.info("import of %s refused: %d problems in %d rows", spec.name, len(problems), len(rows))
        raise ImportFailed(file_name, sorted(problems, key=lambda p: p.line))
    _write(ws, home, spec, [record for _, record in plan.new], file_name, _steps(progress, len(rows), total))
    if progress:
        progress(total, total)
    log.info("imported %d %s into home %s (%d unchanged, %d warnings)",
             len(plan.new), spec.name, home.id, plan.skipped, len(plan.warnings))
    return ImportResult(spec.name, file_name, len(plan.new), plan.skipped, plan.warnings, spec.replaces)


def _steps(progress: Progress | None, offset: int, total: int) -> Callable[..., None]:
    def report(done: int, now: bool = False) -> None:
        if progress and (now or done % _PROGRESS_EVERY == 0):
            progress(offset + done, total)
    return report


# reading the file --------------------------------------------------------------

def _read_source(source: Source, default_name: str) -> tuple[str, str]:
    if isinstance(source, os.PathLike):
        path = Path(source)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise UserFacingError(f"cannot read {path}: {exc.strerror or exc}") from exc
        return _decode(data, path.name), path.name
    if isinstance(source, bytes):
        return _decode(source, default_name), default_name
    return source.removeprefix("\ufeff"), default_name


def _decode(data: bytes, file_name: str) -> str:
    try:
        return data.decode("utf-8-sig")  # with or without the byte-order mark Excel writes
    except UnicodeDecodeError as exc:
        raise ImportFailed(file_name, [RowProblem(0, "", (
            f"the file is not UTF-8 text (byte {exc.start + 1}); in Excel use Save As, "
            "'CSV UTF-8 (Comma delimited)'"))]) from None


def _read_rows(text: str, spec: Kind, file_name: str) -> tuple[list[_Row], list[RowProblem]]:
    """The data rows with their first physical line, and the problems of the file's shape.

    A missing header or required column stops here (no row could be read right); an unknown column or a
    row with too many cells does not, so that every other bad line is named in the same report.
    """
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader, None)
        columns, problems = _read_header(header, spec)
        rows: list[_Row] = []
        line = reader.line_num + 1
        for cells in reader:
            if any(c.strip() for c in cells):
                rows.append(_Row(line, _cells(columns, cells, line, problems)))
            line = reader.line_num + 1
    except csv.Error as exc:
        raise ImportFailed(file_name, [RowProblem(reader.line_num, "", f"the file cannot be read as CSV: {exc}")])
    if any(p.line == 1 and p.message in _FATAL for p in problems) or not columns:
        raise ImportFailed(file_name, problems)
    return rows, problems


_MISSING, _REPEATED = "this required column is missing", "this column appears more than once"
_FATAL = (_MISSING, _REPEATED)


def _read_header(header: list[str] | None, spec: Kind) -> tuple[list[str], list[RowProblem]]:
    if not header or not any(h.strip() for h in header):
        return [], [RowProblem(1, "", f"the first line must be the header row: {', '.join(spec.header)}")]
    columns = [h.strip().lower() for h in header]
    problems = []
    for raw, name in zip(header, columns):
        if name and name not in spec.header:
            problems.append(RowProblem(1, raw.strip(), f"not a column of {spec.name} files "
                                                       f"(the columns are: {', '.join(spec.header)})"))
        elif name and columns.count(name) > 1:
            problems.append(RowProblem(1, name, _REPEATED))
    for column in spec.columns:
        if column.required and column.name not in columns:
            problems.append(RowProblem(1, column.name, _MISSING))
    return columns, list(dict.fromkeys(problems))  # a repeated column is named once


def _cells(columns: list[str], cells: list[str], line: int, problems: list[RowProblem]) -> dict[str, str]:
    if len(cells) > len(columns) and any(c.strip() for c in cells[len(columns):]):
        problems.append(RowProblem(line, "", f"this row has {len(cells)} cells but the header has {len(columns)}"))
    if all(columns):  # the usual header, every column named (a file of 100,000 rows comes this way)
        return dict(zip(columns, cells))
    for name, cell in zip(columns, cells):
        if not name and cell.strip():
            problems.append(RowProblem(line, "", f'"{cell.strip()}" is in a column with no name in the header'))
    return {name: cell for name, cell in zip(columns, cells) if name}


# checking every row before anything is written -------------------------------------

def _validate(ws: Workspace, home: Home, spec: Kind, rows: list[_Row], step: Callable[..., None]) -> _Plan:
    regs = Registers.load(ws, home)
    half = len(rows) // 2  # the first half of the checking is reading the cells, a column at a time
    parsed = _Cells(spec, regs).parse(rows, lambda share: step(round(half * share), now=True))
    keys = [_key_values(spec, values) for values, _ in parsed]
    found = [k for k in keys if k is not None]
    stored = spec.existing(ws, home, found) if spec.existing else spec.records_of(ws, home)
    existing = {spec.identity(spec.key_of(r)): r for r in stored}
    seen: dict[Any, int] = {}
    plan = _Plan()
    for done, (row, key, (values, problems)) in enumerate(zip(rows, keys, parsed), 1):
        if done % _PROGRESS_EVERY == 0:
            step(half + (len(rows) - half) * done // len(rows), now=True)
        identity = None if key is None else spec.identity(key)
        if identity is not None and identity in seen:
            where = f"is already on line {seen[identity]} of this file"
            plan.problems.append(RowProblem(row.line, spec.key_column, f"{spec.named(key, regs)} {where}"))
            continue
        if identity is not None:
            seen[identity] = row.line
        record = _check_row(spec, row.line, values, problems, regs, existing.get(identity), plan)
        if record is not None:
            plan.new.append((row.line, record))
    plan.problems += [RowProblem(line, spec.column_for(p.field), p.message)
                      for line, p in spec.check_file(regs, plan.new, stored)]
    return plan


class _Refused(str):
    """Why a cell cannot be read (kept in _Cells' memory like a value)."""


class _Cells:
    """Reads a file's cells, a column at a time and each distinct cell of a column once: a rota repeats its cells
    (every day shift of a date starts at 07:00; a few types, staff and answers), so a large file mostly skips the
    reading and its clock-change checks (SPEC 10: 100,000 shifts in under 5 s). The registers do not change during an
    import, so a cell's reading (a staff reference's id too) holds for the whole file."""

    def __init__(self, spec: Kind, regs: Registers):
        self.spec = spec
        self.regs = regs

    def parse(self, rows: list[_Row], done: Callable[[float], None]) -> list[tuple[dict[str, Any], list[Problem]]]:
        """Each row's values by field (a blank cell is None), and the problems of the cells that cannot be read;
        `done(share)` is told the share of the columns read."""
        columns, refusing = [], []
        given = [row.cells for row in rows]
        for number, column in enumerate(self.spec.columns, 1):
            seen: dict[str, Any] = {}
            raws = [cells.get(column.name) or "" for cells in given]
            columns.append([seen[raw] if raw in seen else self._learn(column, seen, raw) for raw in raws])
            refusing.append(any(isinstance(value, _Refused) for value in seen.values()))
            done(number / len(self.spec.columns))
        fields = [column.field for column in self.spec.columns]
        if not any(refusing):  # the usual file: every cell read
            return [(dict(zip(fields, values)), []) for values in zip(*columns)]
        parsed = []
        for values in zip(*columns):
            problems = [Problem(column.name, str(value)) for column, value in zip(self.spec.columns, values)
                        if isinstance(value, _Refused)]
            parsed.append(({f: v for f, v in zip(fields, values) if not isinstance(v, _Refused)}, problems))
        return parsed

    def _learn(self, column: Any, seen: dict[str, Any], raw: str) -> Any:
        if column.required and cv.is_blank(raw):
            value: Any = _Refused("a value is required here")
        else:
            try:
                value = column.parse(raw, self.regs)
            except cv.CellError as exc:
                value = _Refused(str(exc))
        seen[raw] = value
        return value


def _key_values(spec: Kind, values: dict[str, Any]) -> tuple | None:
    """The values of the row's identity columns, or None when one is blank or unreadable (the full check of the
    row says why)."""
    key = tuple(values.get(column.field) for column in spec.key_columns)
    return None if any(value is None for value in key) else key


def _check_row(spec: Kind, line: int, values: dict[str, Any], problems: list[Problem], regs: Registers, old: Any,
               plan: _Plan) -> Any | None:
    """The record to add, or None when the row is refused (problems noted) or already there (counted)."""
    if problems:
        plan.problems += [RowProblem(line, spec.column_for(p.field), p.message) for p in problems]
        return None
    record = spec.build(values, regs)
    if old is not None:
        if spec.unchanged(record, old):
            plan.skipped += 1
        else:
            plan.problems.append(RowProblem(line, spec.key_column, _differs(spec, record, old, regs)))
        return None
    problems = spec.check(regs, record)
    plan.problems += [RowProblem(line, spec.column_for(p.field), p.message) for p in problems]
    plan.warnings += [RowProblem(line, spec.column_for(p.field), p.message) for p in spec.warn(regs, record)]
    return None if problems else record


def _differs(spec: Kind, record: Any, old: Any, regs: Registers) -> str:
    new_row, old_row = spec.to_row(record, regs), spec.to_row(old, regs)
    changed = [c.name for c, a, b in zip(spec.columns, new_row, old_row) if a != b] or ["details"]
    return (f"{spec.named(spec.key_of(record), regs)} is already in this home's records with a different "
            f"{', '.join(changed)}: {spec.differs_advice}")


# writing, in one transaction ---------------------------------------------------------

def _write(ws: Workspace, home: Home, spec: Kind, records: list[Any], file_name: str,
           step: Callable[[int], None]) -> None:
    """Every record and its audit row in ONE transaction: a failure or a killed process leaves the
    database as it was (SPEC 9). Settings a file replaces whole are written by their kind, audited too."""
    reason = f"import of {file_name}"
    if spec.write:
        spec.write(ws, home, records, reason)
        return
    repo = getattr(ws, spec.repository)
    repo.insert_many(records, actor=ws.actor, at=ws.now(), reason=reason, action="import", progress=step)
