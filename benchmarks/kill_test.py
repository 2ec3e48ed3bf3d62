"""The kill test of SPEC 9 and issue 3: a worker killed (SIGKILL) at random points in imports and saves, many times.

Run as `.venv/bin/python benchmarks/kill_test.py [--kills N] [--seed S]`; it prints the figures.
tests/storage/test_kill_many.py runs the same `run()` and asserts them, so both use this one worker.

The worker signs in to an encrypted database and keeps doing committed work (CSV imports of measures
and children, new measures, sign-offs, new children and staff), saying `begin OP REF N` before each
unit of work, `writing` and `committing` as its transaction begins and commits, and `done OP REF N`
after the commit. The parent kills it after a seeded number of lines, sometimes after a seeded delay
as well (the only sleep: it is the kill point). After each kill the parent signs in, runs `PRAGMA
integrity_check` and `verify` (the audit chain, and every record against it), and checks that every
unit reported done is there whole and that the unit cut short is there whole or not at all.

Speed: two lanes run at once, each on its own databases, and each lane's workers are forked from a
server that has imported the program once (Python's start-up would otherwise cost ~0.2 s a kill).
"""

from __future__ import annotations

import argparse
import os
import queue
import random
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

LANES = 2
KILLS_PER_DATABASE = 50  # a lane starts a new database after this many kills, so checking stays quick
MAX_LINES_BEFORE_KILL = 12
MAX_DELAY = 0.04  # seconds; about the length of one import, so a delayed kill lands inside one
MAX_DELAY_WRITING = 0.004  # seconds after a write transaction began: about the length of one
WORKER_OPS = 500  # a worker that is never killed stops working here (the parent counts that as a failure)
USER, PASSWORD = "kill-tester", "kill test password 1"  # the script's own account; tests use the tester's
OPS = ("import_measures", "import_children", "measure", "sign", "child", "staff")
HOME_URN = "SC900001"
NOW = datetime(2026, 11, 22, 12, 0, tzinfo=timezone.utc)   # every clock here: never the wall clock
STOPPED = ("crashed", "finished")   # a worker that says either waits to be killed
LINE_TIMEOUT = 60  # seconds without a line from a worker before the lane gives up (a failure, not a hang)


# the worker: a process forked for each kill (see ForkServer); its imports are already loaded ---------

def _worker(db: str, round_no: int, seed: int) -> None:
    from inspect_app.services.workspace import Workspace

    ws = Workspace.open(db, _credentials(), clock=lambda: NOW)
    home = ws.home()
    ws.db.conn.set_trace_callback(_say_where)
    rng = random.Random(f"worker/{seed}/{round_no}")
    unsigned: list[tuple[int, str]] = []
    _say("ready")
    for op_no in range(WORKER_OPS):
        op = rng.choice(OPS)
        if op == "sign" and not unsigned:
            op = "measure"
        size = rng.randint(5, 120) if op.startswith("import") else 1
        measure_id, ref = unsigned.pop(0) if op == "sign" else (0, f"{op[:1].upper()}{round_no}-{op_no}")
        _say(f"begin {op} {ref} {size}")
        if op == "sign":
            _sign(ws, home, measure_id)
        else:
            saved = _DO[op](ws, home, ref, size)
            if op == "measure":
                unsigned.append((saved.id, ref))
        _say(f"done {op} {ref} {size}")
    _say("finished")


def _say(line: str) -> None:
    """One line to the parent in ONE write: a kill never leaves half a line (print() writes the text and the
    newline separately when PYTHONUNBUFFERED is set). A pipe takes a write this small whole or not at all."""
    os.write(1, f"{line}\n".encode())


def _say_where(sql: str) -> None:
    """Tell the parent when the unit's one write transaction starts and when its COMMIT is sent."""
    if sql.startswith("BEGIN"):
        _say("writing")
    elif sql.startswith("COMMIT"):
        _say("committing")


def _import(ws, home, kind: str, ref: str, size: int) -> object:
    from inspect_app.services.importing import import_csv

    if kind == "measures":
        header = "incident_ref,child_ref,measure,started_at,recorded_at,used_by,behaviour\n"
        rows = [f"{ref}-{i:03d},C-01,restraint,2026-11-01T10:00,2026-11-01T12:00,S-01,{'b' * 300}"
                for i in range(size)]
    else:
        header = "child_ref,first_name,last_name,admitted_on\n"
        rows = [f"{ref}-{i:03d},Kid,Number {i},2026-01-0{1 + i % 9}" for i in range(size)]
    return import_csv(ws, home, kind, header + "\n".join(rows) + "\n")


def _measure(ws, home, ref: str, _size: int):
    from inspect_app.domain.records import Measure
    from inspect_app.domain.vocabulary import MeasureKind, Position
    from inspect_app.services.measures import record_measure

    child, staff = ws.children.by_ref(home.id, "C-01"), ws.staff.by_ref(home.id, "S-01")
    start = ws.now() - timedelta(hours=2)
    return record_measure(ws, Measure(
        home_id=home.id, ref=ref, child_id=child.id, kind=MeasureKind.RESTRAINT, started_at=start,
        recorded_at=start, duration_minutes=5, location="lounge", behaviour="b" * 400, avoidance_steps="talked",
        description="held", position=Position.SEATED, holds=("Single elbow",), used_by=(staff.id,),
        effectiveness="calmed", injury=False))


def _sign(ws, home, measure_id: int) -> None:
    from inspect_app.services.measures import sign_off

    signer = ws.staff.by_ref(home.id, "S-01")
    sign_off(ws, measure_id, signer.id, ws.now() - timedelta(hours=1))


def _register(ws, home, ref: str, kind: str):
    from inspect_app.domain.records import Child, Staff
    from inspect_app.domain.vocabulary import StaffRole
    from inspect_app.services.registers import save_child, save_staff

    if kind == "child":
        return save_child(ws, Child(home_id=home.id, ref=ref, first_name="Kid", last_name=ref,
                                    admitted_on=date(2026, 1, 1)))
    return save_staff(ws, Staff(home_id=home.id, ref=ref, full_name=f"Worker {ref}", role=StaffRole.CARE_WORKER))


_DO = {
    "import_measures": lambda ws, home, ref, size: _import(ws, home, "measures", ref, size),
    "import_children": lambda ws, home, ref, size: _import(ws, home, "children", ref, size),
    "child": lambda ws, home, ref, _size: _register(ws, home, ref, "child"),
    "staff": lambda ws, home, ref, _size: _register(ws, home, ref, "staff"),
    "measure": _measure,
}


# the parent: makes the database, kills workers, checks what is left ---------------------------

# where the worker was when it died, from the last line it printed
PHASES = {"pid": "signing in", "ready": "between units", "done": "between units", "begin": "checking its input",
          "writing": "inside the write transaction", "committing": "inside COMMIT"}


@dataclass
class Figures:
    kills: int = 0
    committed_units: int = 0        # units of work the workers reported committed
    records_checked: int = 0        # committed records looked for after a kill, summed over the kills
    integrity_failures: int = 0
    verify_failures: int = 0
    lost_records: int = 0
    half_done: int = 0              # a unit of work found partly written
    phases: dict[str, int] = field(default_factory=dict)   # where the kills landed
    cut_but_committed: int = 0      # killed after its COMMIT, before it said so: must be there whole
    failures: list[str] = field(default_factory=list)       # what went wrong, for the assertion message
    seconds: float = 0.0

    def add(self, other: "Figures") -> None:
        for name, value in vars(other).items():
            if isinstance(value, dict):
                for key, count in value.items():
                    self.phases[key] = self.phases.get(key, 0) + count
            elif name != "seconds":
                setattr(self, name, getattr(self, name) + value)

    @property
    def sound(self) -> bool:
        return not (self.integrity_failures or self.verify_failures or self.lost_records or self.half_done
                    or self.failures)

    def report(self) -> str:
        landed = ", ".join(f"{phase} {n}" for phase, n in sorted(self.phases.items()))
        return (f"kills: {self.kills}; committed units of work: {self.committed_units}; committed records "
                f"checked: {self.records_checked}; integrity failures: {self.integrity_failures}; "
                f"verify failures: {self.verify_failures}; lost records: {self.lost_records}; half-done units: "
                f"{self.half_done}; kills landed: {landed}; committed but not yet reported when killed: "
                f"{self.cut_but_committed}; other failures: {len(self.failures)}; time: {self.seconds:.1f} s")


def set_up(path: Path) -> None:
    """A new encrypted database with one home, one child and one authorised senior."""
    from inspect_app.domain.records import Child, Home, Staff
    from inspect_app.domain.vocabulary import StaffRole
    from inspect_app.services import registers
    from inspect_app.services.workspace import Workspace

    ws = Workspace.create(path, _credentials(), "Kill Tester", clock=lambda: NOW)
    try:
        home = registers.create_home(ws, Home(urn=HOME_URN, name="Kill House"))
        registers.save_child(ws, Child(home_id=home.id, ref="C-01", first_name="Amy", last_name="Brown",
                                       admitted_on=date(2025, 6, 1)))
        registers.save_staff(ws, Staff(home_id=home.id, ref="S-01", full_name="Sam Jones", role=StaffRole.SENIOR,
                                       authorised_signoff=True))
    finally:
        ws.close()


def _credentials():
    from inspect_app.services.workspace import Credentials

    return Credentials(os.environ["INSPECT_APP_USER"], os.environ["INSPECT_APP_PASSWORD"])


@dataclass(frozen=True)
class KillPoint:
    """Kill after the `count`-th line (of any kind, or only `writing` lines), then `delay` seconds more."""

    count: int
    delay: float
    only_writing: bool = False

    @classmethod
    def draw(cls, rng: random.Random) -> "KillPoint":
        """Half the kills anywhere in the work, half aimed just after a write transaction began."""
        if rng.random() < 0.5:
            return cls(rng.randint(1, 3), rng.uniform(0, MAX_DELAY_WRITING), only_writing=True)
        return cls(rng.randint(0, MAX_LINES_BEFORE_KILL), rng.uniform(0, MAX_DELAY) if rng.random() < 0.5 else 0.0)

    def reached(self, lines: list[str]) -> bool:
        """Whether the worker has said enough since it signed in."""
        said = lines[lines.index("ready") + 1:] if "ready" in lines else []
        return "ready" in lines and len([s for s in said if s == "writing" or not self.only_writing]) >= self.count


class ForkServer:
    """One lane's process that has imported the program once and forks a worker for each kill.

    Python's start-up and imports cost about 0.2 s; a forked worker starts in a millisecond. The
    worker writes to the server's stdout; the server prints `ended CODE` once the worker is dead.
    """

    def __init__(self, folder: Path, lane: int):
        self.stderr_path = folder / f"lane{lane}-stderr.txt"
        self.stderr = open(self.stderr_path, "w", encoding="utf-8")
        self.proc = subprocess.Popen([sys.executable, __file__, "--serve"], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=self.stderr, text=True, env=_worker_env())
        self.lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.proc.stdout:
            if line.strip():
                self.lines.put(line.strip())
        self.lines.put("")   # the server stopped

    def kill_once(self, db: Path, round_no: int, seed: int, point: KillPoint) -> tuple[list[str], str]:
        """Fork a worker and SIGKILL it at `point`: every line it printed, and what went wrong if anything."""
        self.proc.stdin.write(f"{db}\t{round_no}\t{seed}\n")
        self.proc.stdin.flush()
        lines = [self._line(lines=[])]   # "pid N"
        while lines[-1] not in STOPPED and not point.reached(lines):
            lines.append(self._line(lines))
        if point.delay and lines[-1] not in STOPPED:
            time.sleep(point.delay)   # the kill point itself, not a wait for anything
        os.kill(int(lines[0].split()[1]), signal.SIGKILL)   # alive until now: a worker never exits by itself
        while not lines[-1].startswith("ended"):
            lines.append(self._line(lines))   # what it printed before it died, then the server's word
        ended = lines.pop()
        if ended != f"ended {-signal.SIGKILL}" or set(lines) & set(STOPPED) or "ready" not in lines:
            said = self.stderr_path.read_text(encoding="utf-8").strip().splitlines()[-1:]
            return lines, f"worker {round_no} did not work until killed: {lines[-3:]} {said}"
        return lines, ""

    def _line(self, lines: list[str]) -> str:
        try:
            line = self.lines.get(timeout=LINE_TIMEOUT)
        except queue.Empty:
            raise RuntimeError(f"no word from the worker for {LINE_TIMEOUT} s after {lines[-8:]}") from None
        if not line:
            raise RuntimeError(f"the fork server stopped after {lines[-8:]}; see {self.stderr_path}")
        return line

    def close(self) -> None:
        self.proc.stdin.close()
        try:
            self.proc.wait(timeout=LINE_TIMEOUT)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.proc.stdout.close()
        self.stderr.close()


def _worker_env() -> dict[str, str]:
    root = str(Path(__file__).resolve().parents[1])
    return {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in (root, os.environ.get("PYTHONPATH")) if p)}


def _serve() -> None:
    """The fork server's loop: `DB<TAB>ROUND<TAB>SEED` in, a worker's lines and `ended CODE` out."""
    import traceback

    import importlib

    for module in ("importing", "measures", "registers"):  # imported once here, not in every worker
        importlib.import_module(f"inspect_app.services.{module}")

    for command in iter(sys.stdin.readline, ""):
        db, round_no, seed = command.rstrip("\n").split("\t")
        pid = os.fork()
        if pid == 0:
            try:
                _say(f"pid {os.getpid()}")
                _worker(db, int(round_no), int(seed))
            except BaseException:  # noqa: BLE001 - the parent reads it from the lane's stderr file
                traceback.print_exc()
                sys.stderr.flush()
                _say("crashed")
            finally:
                signal.pause()   # every worker waits for its kill, so its process id is its own until then
                os._exit(1)
        _, status = os.waitpid(pid, 0)
        _say(f"\nended {os.waitstatus_to_exitcode(status)}")


def _read_lines(lines: list[str], expected: dict[str, tuple[str, int]],
                figures: Figures) -> tuple[str, str, int] | None:
    """Note what the worker said it committed, and where it died; the unit it had begun and not finished."""
    open_unit = None
    for line in lines:
        word, op, ref, size = (line.split() + ["", "", "0"])[:4]
        if word == "begin":
            open_unit = (op, ref, int(size))
        elif word == "done":
            expected[ref] = (op, int(size))
            figures.committed_units += 1
            open_unit = None
    phase = PHASES.get(lines[-1].split()[0], "elsewhere") if lines else "signing in"
    figures.phases[phase] = figures.phases.get(phase, 0) + 1
    return open_unit


def _check(db: Path, expected: dict[str, tuple[str, int]], open_unit: tuple[str, str, int] | None,
           figures: Figures) -> None:
    """Sign in after a kill: the file is whole, the trail verifies, every committed unit is there whole.

    `expected` maps each unit of work reported committed to this database to its kind and size.
    """
    from inspect_app.services.verify import verify
    from inspect_app.services.workspace import Workspace

    ws = Workspace.open(db, _credentials(), clock=lambda: NOW)
    try:
        verdict = ws.db.scalar("PRAGMA integrity_check")
        if verdict != "ok":
            figures.integrity_failures += 1
            figures.failures.append(f"{db.name}: integrity_check: {verdict}")
            return
        problems = verify(ws)
        if problems:
            figures.verify_failures += 1
            figures.failures.append(f"{db.name}: verify: {problems[:3]}")
        found = _found(ws)
    finally:
        ws.close()
    for ref, (op, size) in expected.items():
        _check_unit(found, op, ref, size, figures, committed=True)
    if open_unit is not None:
        op, ref, size = open_unit
        if _check_unit(found, op, ref, size, figures, committed=False) == size:
            figures.cut_but_committed += 1   # committed, then killed before it said so: it must stay
            expected[ref] = (op, size)


def _check_unit(found: dict[str, object], op: str, ref: str, size: int, figures: Figures, *,
                committed: bool) -> int:
    """How many records of the unit are there; a partial unit is counted, and a `committed` one's losses."""
    present = _count(found, op, ref)
    if 0 < present < size:
        figures.half_done += 1
        figures.failures.append(f"half done: {op} {ref} has {present} of {size} records")
    if committed:
        figures.records_checked += size
        figures.lost_records += size - present
        if present < size:
            figures.failures.append(f"lost: {op} {ref} has {present} of {size} records")
    return present


def _found(ws) -> dict[str, object]:
    """What the database holds, by reference (SQL here: this is a test harness reading raw tables)."""
    home = ws.home()
    measures = {r["ref"]: r["signed"] for r in ws.db.query(
        "SELECT ref, signed_at IS NOT NULL AS signed FROM measures WHERE home_id = ?", (home.id,))}
    children = {r["ref"] for r in ws.db.query("SELECT ref FROM children WHERE home_id = ?", (home.id,))}
    staff = {r["ref"] for r in ws.db.query("SELECT ref FROM staff WHERE home_id = ?", (home.id,))}
    return {"measures": measures, "children": children, "staff": staff,
            "measure_units": _by_unit(measures), "child_units": _by_unit(children)}


def _by_unit(refs) -> dict[str, int]:
    """Imported records per unit of work: an import's rows are UNIT-000, UNIT-001..."""
    counts: dict[str, int] = {}
    for ref in refs:
        unit = ref.rsplit("-", 1)[0]
        counts[unit] = counts.get(unit, 0) + 1
    return counts


def _count(found: dict[str, object], op: str, ref: str) -> int:
    if op == "import_measures":
        return found["measure_units"].get(ref, 0)
    if op == "import_children":
        return found["child_units"].get(ref, 0)
    if op == "measure":
        return int(ref in found["measures"])
    if op == "sign":
        return int(bool(found["measures"].get(ref)))
    return int(ref in found["children" if op == "child" else "staff"])


def _lane(folder: Path, lane: int, kills: int, seed: int, figures: Figures) -> None:
    """`kills` kills one after another, on a new database every KILLS_PER_DATABASE (runs in its own thread)."""
    rng = random.Random(f"parent/{seed}/{lane}")
    server = ForkServer(folder, lane)
    try:
        db, expected = folder, {}
        for round_no in range(1, kills + 1):
            if (round_no - 1) % KILLS_PER_DATABASE == 0:
                db, expected = folder / f"lane{lane}-{round_no:04d}.db", {}
                set_up(db)
            lines, failure = server.kill_once(db, round_no, seed * LANES + lane, KillPoint.draw(rng))
            figures.kills += 1
            figures.failures += [failure] if failure else []
            _check(db, expected, _read_lines(lines, expected, figures), figures)
            if figures.integrity_failures:
                return   # a damaged file cannot be worked on further
    except Exception as exc:  # noqa: BLE001 - reported through the figures, which the test asserts
        figures.failures.append(f"lane {lane} stopped: {type(exc).__name__}: {exc}")
    finally:
        server.close()


def run(folder: Path, kills: int = 200, seed: int = 1) -> Figures:
    """The whole kill test in `folder`, in LANES lanes at once: the figures, summed."""
    started = time.perf_counter()
    shares = [kills // LANES + (lane < kills % LANES) for lane in range(LANES)]
    per_lane = [Figures() for _ in shares]
    threads = [threading.Thread(target=_lane, args=(folder, lane, share, seed, per_lane[lane]))
               for lane, share in enumerate(shares)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    total = Figures()
    for figures in per_lane:
        total.add(figures)
    total.seconds = time.perf_counter() - started
    return total


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=200, help="how many times to kill the worker (default 200)")
    parser.add_argument("--seed", type=int, default=1, help="the seed of the kill points and of the work")
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)   # a lane's fork server
    args = parser.parse_args(argv)
    if args.serve:
        _serve()
        return 0
    import tempfile

    from inspect_app.storage import keyslots

    # a throwaway account with a cheap scrypt cost (stored in its slot, so the workers open it as cheaply)
    os.environ.update(INSPECT_APP_USER=USER, INSPECT_APP_PASSWORD=PASSWORD)
    keyslots.DEFAULT_COST = keyslots.Cost(2 ** 8)
    with tempfile.TemporaryDirectory(prefix="kill-test-") as folder:
        os.environ["INSPECT_APP_DATA"] = folder   # nothing touches the user's own data
        figures = run(Path(folder), args.kills, args.seed)
    print(figures.report())
    for failure in figures.failures[:10]:
        print(failure)
    return 0 if figures.sound else 1


if __name__ == "__main__":
    sys.exit(main())
