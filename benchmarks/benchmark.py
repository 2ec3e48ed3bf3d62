"""SPEC 10 performance figures: times the targets that can be measured so far and prints a table.

Run as `.venv/bin/python benchmarks/benchmark.py [--quick]`. This is a script, not a test: the
figures depend on the machine. Each timing is run several times and the best is kept
(time.perf_counter). Everything is written to a temporary folder; nothing touches the user's data.
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import itertools
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Callable

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from inspect_app.domain.local_time import Period, to_local  # noqa: E402
from inspect_app.domain.records import Home, Measure, Staff  # noqa: E402
from inspect_app.domain.vocabulary import StaffRole  # noqa: E402
from inspect_app.services import compliance, demo  # noqa: E402
from inspect_app.services.workspace import Credentials, Workspace  # noqa: E402
from inspect_app.storage.backup import backup_to  # noqa: E402
from inspect_app.storage.keyslots import key_file_for  # noqa: E402

END = date(2026, 11, 22)
CLOCK = datetime(2026, 11, 22, 12, 0, tzinfo=timezone.utc)
NOT_BUILT = "not yet built"


@dataclass(frozen=True)
class Sizes:
    homes: int
    years: int
    csv_rows: int
    model_rows: int
    runs: int


FULL = Sizes(homes=10, years=5, csv_rows=10_000, model_rows=50_000, runs=3)
QUICK = Sizes(homes=3, years=2, csv_rows=2_000, model_rows=10_000, runs=1)


@dataclass(frozen=True)
class Row:
    what: str
    measured: str
    target: str = "-"
    ok: str = "-"


def best(runs: int, work: Callable[[], Any]) -> tuple[float, Any]:
    """The fastest of `runs` timings, and what the last run returned."""
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = work()
        times.append(time.perf_counter() - start)
    return min(times), result


def verdict(passed: bool) -> str:
    return "yes" if passed else "NO"


def built(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except ModuleNotFoundError:
        return False


CREDENTIALS = Credentials("benchmark", "timing pass phrase")


def open_ws(path: Path) -> Workspace:
    """Sign in (a new file gets the benchmark account, at the real scrypt cost)."""
    if path.exists():
        return Workspace.open(path, CREDENTIALS, clock=lambda: CLOCK)
    return Workspace.create(path, CREDENTIALS, "Benchmark", clock=lambda: CLOCK)


def years_before(years: int) -> Period:
    return Period(END.replace(year=END.year - years), date.fromordinal(END.toordinal() - 1))


# --- demo generation ---------------------------------------------------------------------------

def bench_demo(folder: Path, sizes: Sizes) -> tuple[list[Row], Workspace, list[Home]]:
    """The 1 x 1 generation (best of runs) and the provider database the other figures use."""
    counter = itertools.count()

    def one_home_year():
        ws = open_ws(folder / f"one-{next(counter)}.db")
        try:
            return demo.generate(ws, homes=1, years=1, seed=1, end=END)
        finally:
            ws.close()

    small, _ = best(sizes.runs, one_home_year)
    ws = open_ws(folder / "provider.db")
    start = time.perf_counter()
    homes = demo.generate(ws, homes=sizes.homes, years=sizes.years, seed=1, end=END)
    large = time.perf_counter() - start
    count = sum(ws.measures.count(h.id) for h in homes)
    shifts = sum(ws.shifts.count(h.id) for h in homes)  # the rota, with four weeks planned ahead
    return [
        Row("demo: 1 home x 1 year", f"{small:.2f} s"),
        Row(f"demo: {sizes.homes} homes x {sizes.years} years ({count:,} measures, {shifts:,} shifts)",
            f"{large:.2f} s"),
    ], ws, homes


# --- compliance --------------------------------------------------------------------------------

def bench_compliance(ws: Workspace, homes: list[Home], sizes: Sizes) -> list[Row]:
    period = years_before(sizes.years)

    def provider():
        return [compliance.to_json(compliance.compute(ws, h, period, CLOCK)) for h in homes]

    def busy_year():
        return compliance.to_json(compliance.compute(ws, homes[0], years_before(1), CLOCK))

    everything, _ = best(sizes.runs, provider)
    one, found = best(sizes.runs, busy_year)
    restraints = found["annex_a"]["restraint_incidents"]
    last_year = years_before(1)
    shifts = len(ws.shifts.starting_between(homes[0].id, last_year.starts_at, last_year.ends_before))
    return [
        Row(f"compliance, {sizes.homes} homes x {sizes.years} years (with their rota)", f"{everything:.3f} s", "< 1 s",
            verdict(everything < 1.0)),
        Row(f"compliance, one busy home-year ({restraints} restraints, {shifts:,} shifts, "
            f"{len(found['placements']['referrals'])} referrals)", f"{one:.3f} s"),
    ]


# --- import ------------------------------------------------------------------------------------

MEASURE_COLUMNS = (
    "incident_ref", "child_ref", "measure", "started_at", "duration_minutes", "location", "behaviour",
    "avoidance_steps", "description", "position", "holds", "used_by", "others_present", "effectiveness",
    "injury", "injury_details", "medical_treatment", "planned_in_ehcp", "police_involved", "recorded_at",
    "recorded_by", "user_spoken_to_at", "signed_at", "signed_by", "child_spoken_to_at", "child_spoken_to_by",
    "child_views",
)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime):
        return to_local(value).isoformat(timespec="minutes")  # with its offset: no clock-change doubt
    if hasattr(value, "value"):
        return value.value
    return str(value)


def _csv_row(m: Measure, ref: str, children: dict[int, str], staff: dict[int, str]) -> list[str]:
    values = {
        "incident_ref": ref, "child_ref": children[m.child_id], "measure": m.kind.value,
        "holds": ";".join(m.holds), "used_by": ";".join(staff[s] for s in m.used_by),
        **{name: staff[getattr(m, name)] if getattr(m, name) else ""
           for name in ("recorded_by", "signed_by", "child_spoken_to_by")},
    }
    return [values[c] if c in values else _cell(getattr(m, c)) for c in MEASURE_COLUMNS]


def write_measures_csv(ws: Workspace, home: Home, path: Path, count: int) -> None:
    """`count` rows made from the home's own measures, cycled, under new references (I-00001...)."""
    children = {c.id: c.ref for c in ws.children.for_home(home.id)}
    staff = {s.id: s.ref for s in ws.staff.for_home(home.id)}
    measures = itertools.cycle(ws.measures.for_home(home.id))
    with path.open("w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(MEASURE_COLUMNS)
        for n in range(1, count + 1):
            out.writerow(_csv_row(next(measures), f"I-{n:05d}", children, staff))


def bench_import(folder: Path, ws: Workspace, homes: list[Home], sizes: Sizes) -> list[Row]:
    what = f"import of {sizes.csv_rows:,} measures from CSV"
    if not built("inspect_app.services.importing"):
        return [Row(what, NOT_BUILT)]
    from inspect_app.services.importing import import_csv

    base = backup_to(ws.db, folder / "import-base.db")
    source = folder / "measures.csv"
    write_measures_csv(ws, homes[0], source, sizes.csv_rows)
    counter = itertools.count()

    def one_import():
        copy = folder / f"import-{next(counter)}.db"
        shutil.copyfile(base, copy)
        shutil.copyfile(key_file_for(base), key_file_for(copy))
        target = open_ws(copy)
        try:
            home = target.homes.by_urn(homes[0].urn)
            start = time.perf_counter()
            result = import_csv(target, home, "measures", source)
            return time.perf_counter() - start, result.added
        finally:
            target.close()

    runs = [one_import() for _ in range(sizes.runs)]
    seconds = min(t for t, _ in runs)
    added = runs[-1][1]
    return [Row(what, f"{seconds:.2f} s ({added:,} added)", "none of its own", "-")]


SHIFT_COLUMNS = ("staff_ref", "shift_type", "planned_start", "planned_end", "actual_start", "actual_end", "absence",
                 "shift_lead")
# (type, start hour, hours): one a day per person, rotating, so nobody's shifts overlap (a night ends at 07:00)
PATTERN = (("day", 7, 8), ("late", 14, 8), ("waking_night", 22, 9), ("sleep_in", 22, 9))


def write_shifts_csv(path: Path, staff: int, count: int) -> str:
    """A realistic rota of `staff` people going back from END until `count` shifts: one shift a day each with a
    rest day a week, worked a few minutes inside the planned times, 4% sick and 8% on leave; wall times without
    offsets (no shift starts or ends in a clock-change hour), as a rota system would write them."""
    rng, written, day = random.Random(1), 0, END - timedelta(days=1)
    wall = "%d/%m/%Y %H:%M"
    with path.open("w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(SHIFT_COLUMNS)
        while written < count:
            for person in range(1, staff + 1):
                if (day.toordinal() + person) % 7 == 0 or written >= count:
                    continue
                kind, hour, hours = PATTERN[(day.toordinal() + person) % 4]
                start = datetime.combine(day, datetime.min.time()).replace(hour=hour)
                end = start + timedelta(hours=hours)
                absence = rng.choices(["", "sick", "leave"], [88, 4, 8])[0]
                worked = ("", "") if absence else ((start + timedelta(minutes=rng.randint(0, 10))).strftime(wall),
                                                   (end - timedelta(minutes=rng.randint(0, 10))).strftime(wall))
                out.writerow([f"S-{person:02d}", kind, start.strftime(wall), end.strftime(wall), *worked, absence,
                              "yes" if person % 8 == day.day % 8 else "no"])
                written += 1
            day -= timedelta(days=1)
    return f"{staff} staff over {(END - day).days / 365.25:.1f} years"


def bench_shift_import(folder: Path, sizes: Sizes) -> list[Row]:
    """SPEC 10: 100,000 shifts under 5 s, into a home with its staff (audited, all or nothing, with progress);
    then the export of them, and the export imported again into the same database (every row skipped)."""
    from inspect_app.services.exporting import export_csv
    from inspect_app.services.importing import import_csv
    from inspect_app.services.registers import create_home, save_staff

    count, setup = 100_000, open_ws(folder / "rota-base.db")
    home = create_home(setup, Home(urn="SC100000", name="Rota House"))
    for n in range(1, 41):
        save_staff(setup, Staff(home_id=home.id, ref=f"S-{n:02d}", full_name=f"Staff {n}", role=StaffRole.CARE_WORKER))
    base = backup_to(setup.db, folder / "rota-base-copy.db")
    setup.close()
    source = folder / "shifts.csv"
    made_of = write_shifts_csv(source, 40, count)
    counter = itertools.count()

    def one_import() -> tuple[float, float, float]:
        copy = folder / f"rota-{next(counter)}.db"
        shutil.copyfile(base, copy)
        shutil.copyfile(key_file_for(base), key_file_for(copy))
        target = open_ws(copy)
        try:
            at = target.homes.by_urn(home.urn)
            took, result = best(1, lambda: import_csv(target, at, "shifts", source, progress=lambda done, total: None))
            assert result.added == count, result.summary()
            exported, _ = best(1, lambda: export_csv(target, at, "shifts", folder / "exported.csv"))
            again, result = best(1, lambda: import_csv(target, at, "shifts", folder / "exported.csv"))
            assert result.skipped == count, result.summary()
            return took, exported, again
        finally:
            target.close()

    runs = [one_import() for _ in range(sizes.runs)]
    took, exported, again = (min(run[i] for run in runs) for i in range(3))
    return [Row(f"import of {count:,} shifts ({made_of})", f"{took:.2f} s", "< 5 s", verdict(took < 5.0)),
            Row("  export of them", f"{exported:.2f} s"),
            Row("  the export imported again (all skipped)", f"{again:.2f} s")]


# --- window start ------------------------------------------------------------------------------

_BARE_WINDOW = """
import sys, time
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
start = time.perf_counter()
window = QMainWindow(); window.resize(1280, 800); window.show(); app.processEvents()
print("ready", time.perf_counter() - start, flush=True)
"""

_APP_WINDOW = """
import sys, time
from inspect_app.services.workspace import Credentials, Workspace
from inspect_app.ui.app import build_main_window, create_application
app = create_application(sys.argv[:1])
signing_in = time.perf_counter()
ws = Workspace.open(sys.argv[1], Credentials("benchmark", "timing pass phrase"))
start = time.perf_counter()
window = build_main_window(ws); window.show(); app.processEvents()
print("ready", time.perf_counter() - start, start - signing_in, flush=True)
"""


def _start_to_ready(code: str, database: Path, data_folder: Path) -> tuple[float, float, float]:
    """Seconds from launching a fresh process to its window shown, less the sign-in (the password's scrypt
    work, which the person waits for after typing it, reported apart); the in-process build time; the sign-in."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "INSPECT_APP_DATA": str(data_folder),
           "INSPECT_APP_USER": "benchmark"}
    start = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-c", code, str(database)], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True, env=env)
    line = child.stdout.readline()
    elapsed = time.perf_counter() - start
    _, errors = child.communicate(timeout=60)
    if not line.startswith("ready"):
        raise RuntimeError(f"window process failed: {errors.strip().splitlines()[-1:]}")
    figures = [float(x) for x in line.split()[1:]] + [0.0]
    return elapsed - figures[1], figures[0], figures[1]


def bench_window(folder: Path, ws: Workspace, sizes: Sizes) -> list[Row]:
    what = "start to a usable window (offscreen)"
    if not (built("inspect_app.ui.main_window") and built("inspect_app.ui.app")):
        return [Row(what, NOT_BUILT, "< 1 s, < 1.5 x bare")]
    database = folder / "window.db"
    backup_to(ws.db, database)  # its key file goes beside it
    bare = [_start_to_ready(_BARE_WINDOW, database, folder / "window-data") for _ in range(sizes.runs)]
    ours = [_start_to_ready(_APP_WINDOW, database, folder / "window-data") for _ in range(sizes.runs)]
    bare_start, ours_start = min(t for t, _, _ in bare), min(t for t, _, _ in ours)
    ratio = ours_start / bare_start
    return [
        Row(what, f"{ours_start:.2f} s = {ratio:.2f} x bare {bare_start:.2f} s", "< 1 s, < 1.5 x bare",
            verdict(ours_start < 1.0 and ratio < 1.5)),
        Row("  of which: main window built and shown", f"{min(b for _, b, _ in ours) * 1000:.0f} ms "
            f"(bare window {min(b for _, b, _ in bare) * 1000:.0f} ms)"),
        Row("signing in (scrypt, OWASP cost; not counted above)", f"{min(u for _, _, u in ours) * 1000:.0f} ms"),
    ]


# --- the list of measures ----------------------------------------------------------------------

def _many_measures(ws: Workspace, home: Home, count: int) -> list[Measure]:
    """The home's measures repeated under new ids and references, as if the home had `count`."""
    source = itertools.cycle(ws.measures.for_home(home.id))
    return [replace(next(source), id=n, ref=f"R-{n:05d}") for n in range(1, count + 1)]


def _gui_pause(app, work: Callable[[], Any]) -> float:
    start = time.perf_counter()
    work()
    app.processEvents()
    return time.perf_counter() - start


def _scroll_pauses(app, view, steps: int = 60) -> float:
    bar = view.verticalScrollBar()
    worst = 0.0
    for n in range(steps + 1):
        worst = max(worst, _gui_pause(app, lambda: (bar.setValue(bar.maximum() * n // steps),
                                                    view.viewport().repaint())))
    return worst


def bench_model(ws: Workspace, homes: list[Home], sizes: Sizes) -> list[Row]:
    what = f"list of {sizes.model_rows:,} measures: worst pause"
    if not (built("inspect_app.ui.measures.model") and built("inspect_app.services.measure_list")):
        return [Row(what, NOT_BUILT, "< 100 ms")]
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication, QTableView

    from inspect_app.services.measure_list import build_rows
    from inspect_app.ui.measures.model import MeasuresFilter, MeasuresModel

    app = QApplication.instance() or QApplication([sys.argv[0]])
    measures = _many_measures(ws, homes[0], sizes.model_rows)
    children = {c.id: c for c in ws.children.for_home(homes[0].id)}
    staff = {s.id: s for s in ws.staff.for_home(homes[0].id)}
    rows_time, rows = best(sizes.runs, lambda: build_rows(measures, children, staff, CLOCK))
    pauses = {"open": [], "scroll": [], "sort": []}
    for _ in range(sizes.runs):
        model, proxy, view = MeasuresModel(), MeasuresFilter(), QTableView()
        proxy.setSourceModel(model)
        view.setModel(proxy)
        view.setSortingEnabled(True)
        view.resize(1280, 800)
        view.show()
        app.processEvents()
        pauses["open"].append(_gui_pause(app, lambda: model.set_rows(rows)))
        pauses["scroll"].append(_scroll_pauses(app, view))
        pauses["sort"].append(_gui_pause(app, lambda: view.sortByColumn(2, Qt.SortOrder.DescendingOrder)))
        view.close()
    worst = {k: min(v) for k, v in pauses.items()}
    overall = max(worst.values())
    return [
        Row(what, f"{overall * 1000:.0f} ms", "< 100 ms", verdict(overall < 0.1)),
        Row("  on the GUI thread: open / scroll step / sort",
            " / ".join(f"{worst[k] * 1000:.0f} ms" for k in ("open", "scroll", "sort"))),
        Row("  rows built off the GUI thread", f"{rows_time * 1000:.0f} ms"),
    ]


# --- the table ---------------------------------------------------------------------------------

def not_yet_built() -> list[Row]:
    if built("inspect_app.services.evidence_pack"):
        note = "built; not measured yet (extend benchmark.py)"
        return [Row("evidence pack, one busy home-year", note, "< 2 s, < 1.5 x reportlab"),
                Row("peak memory, provider pack", note, "< 400 MB")]
    return [Row("evidence pack, one busy home-year", NOT_BUILT, "< 2 s, < 1.5 x reportlab"),
            Row("peak memory, provider pack", NOT_BUILT, "< 400 MB")]


def guarded(name: str, section: Callable[[], list[Row]]) -> list[Row]:
    """A section that breaks (another part of the program mid-change) prints its failure, not a traceback."""
    try:
        return section()
    except Exception as exc:  # the table must still print
        return [Row(name, f"failed: {type(exc).__name__}: {str(exc)[:60]}")]


def print_table(rows: list[Row]) -> None:
    headings = Row("what", "measured", "target", "ok?")
    widths = [max(len(getattr(r, f)) for r in [headings, *rows]) for f in ("what", "measured", "target", "ok")]
    for n, row in enumerate([headings, *rows]):
        cells = (row.what, row.measured, row.target, row.ok)
        print("  ".join(c.ljust(w) for c, w in zip(cells, widths)).rstrip())
        if n == 0:
            print("  ".join("-" * w for w in widths))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller data and one run each (a smoke test)")
    sizes = QUICK if parser.parse_args(argv).quick else FULL
    print(f"Python {sys.version.split()[0]} on {sys.platform}; best of {sizes.runs} run(s) each", flush=True)
    with tempfile.TemporaryDirectory(prefix="inspect-bench-") as name:
        folder = Path(name)
        rows, ws, homes = bench_demo(folder, sizes)
        sections = {
            "compliance": lambda: bench_compliance(ws, homes, sizes),
            "import of measures": lambda: bench_import(folder, ws, homes, sizes),
            "start to a usable window": lambda: bench_window(folder, ws, sizes),
            "list of measures": lambda: bench_model(ws, homes, sizes),
            "import of shifts": lambda: bench_shift_import(folder, sizes),
            "evidence pack": not_yet_built,
        }
        try:
            for name, section in sections.items():
                rows += guarded(name, section)
        finally:
            ws.close()
    print_table(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
