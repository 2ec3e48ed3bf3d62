"""The command line of SPEC 7: `inspect-app SUBCOMMAND --db PATH [options]`, a thin layer over the services.

Exit codes: 0 success; 1 bad input or a failed check, one line per problem on stderr; 2 usage.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import traceback
from contextlib import closing
from datetime import date, datetime
from pathlib import Path
from typing import Callable

from .domain.errors import UserFacingError, ValidationFailed
from .domain.local_time import Period, to_local
from .domain.records import Home
from .paths import default_database_path, log_dir
from .services import compliance, csv_values
from .services.csv_kinds import ALL_KINDS
from .services.importing import ImportFailed, import_csv
from .services.workspace import Credentials, NotYetEncrypted, Workspace, utc_now

Clock = Callable[[], datetime]
SIGN_IN_HELP = ("sign in: give --user NAME and --password-file FILE, or set INSPECT_APP_USER and "
                "INSPECT_APP_PASSWORD")
GENERIC_FAILURE = "Something went wrong that the program did not expect; nothing saved was lost. Details are in {log}"


def main(argv: list[str] | None = None, clock: Clock | None = None) -> int:
    """Run one subcommand; returns the exit code (never raises, never prints a traceback)."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help (0) and usage errors (2)
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
    try:
        return args.run(args, clock or utc_now)
    except SignInMissing as exc:
        _errors([str(exc)])
        return 2
    except ImportFailed as exc:
        _errors(exc.lines())
    except ValidationFailed as exc:
        _errors([str(p) for p in exc.problems])
    except UserFacingError as exc:
        _errors(str(exc).splitlines() or ["the command failed"])
    except BrokenPipeError:  # the output was piped into a reader that stopped early (e.g. `| head`)
        _quiet_stdout()
        return 0
    except KeyboardInterrupt:
        _errors(["stopped before it finished; nothing was changed by the unfinished step"])
    except Exception as exc:
        from .storage.database import RESTORE_ADVICE, is_damage

        if is_damage(exc):
            _errors([f"the database file is damaged ({exc}). {RESTORE_ADVICE}"])
            return 1
        _errors([GENERIC_FAILURE.format(log=_log_crash(argv))])
    return 1


def _quiet_stdout() -> None:
    """Send what is left of the output nowhere, so Python's exit flush does not fail a second time."""
    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (OSError, ValueError):  # stdout is not a real file (tests capture it)
        pass


def _errors(lines: list[str]) -> None:
    for line in lines:
        print(line, file=sys.stderr)


def _log_crash(argv: list[str] | None) -> Path | str:
    """The traceback goes to the log file, not the terminal; only the subcommand name is logged (no data)."""
    command = next((a for a in (argv if argv is not None else sys.argv[1:]) if a in _COMMANDS), "?")
    try:
        folder = log_dir()
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / "inspect-app.log"
        with open(path, "a", encoding="utf-8") as out:
            out.write(f"{datetime.now().isoformat(timespec='seconds')} command {command} failed\n")
            out.write(traceback.format_exc())
        return path
    except OSError:  # not even the log can be written: still no traceback on the terminal
        return "no log file (the log folder could not be written)"


# the parser ----------------------------------------------------------------------------

def _common(sub: bool, *, password_file: bool = True) -> argparse.ArgumentParser:
    """--db, --user and --password-file, accepted before or after the subcommand (after wins)."""
    parent = argparse.ArgumentParser(add_help=False)
    default = argparse.SUPPRESS if sub else None
    parent.add_argument("--db", metavar="PATH", default=default,
                        help="the database file (default: your own database in the program's data folder)")
    parent.add_argument("--user", metavar="NAME", default=default,
                        help="the account to sign in as (default: INSPECT_APP_USER)")
    if password_file:
        parent.add_argument("--password-file", dest="sign_in_password_file", metavar="FILE", default=default,
                            help="a file whose first line is the account's password (default: INSPECT_APP_PASSWORD)")
    return parent


def _home(p: argparse.ArgumentParser) -> None:
    p.add_argument("--home", metavar="URN", help="the home's Ofsted URN (not needed when the database has one home)")


Command = Callable[[str, Callable, str], argparse.ArgumentParser]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="inspect-app", parents=[_common(False)],
        description="The inspection-evidence assistant. With no subcommand it opens the window.")
    subs = parser.add_subparsers(dest="command", metavar="SUBCOMMAND", required=True)
    common = _common(True)
    # after `pack`, --password-file is the PDF's password (SPEC 7); sign in there before the subcommand
    # or with INSPECT_APP_PASSWORD
    pack_common = _common(True, password_file=False)

    def command(name: str, run: Callable, help_text: str) -> argparse.ArgumentParser:
        parents = [pack_common if name == "pack" else common]
        p = subs.add_parser(name, parents=parents, help=help_text, description=help_text)
        p.set_defaults(run=run)
        return p

    _record_commands(command)
    _report_commands(command)
    _database_commands(command)
    return parser


def _record_commands(command: Command) -> None:
    p = command("init", _init, "create the database (if new) and a home")
    p.add_argument("--urn", required=True, help="the home's Ofsted URN, e.g. SC123456")
    p.add_argument("--name", required=True, help="the home's name")
    p.add_argument("--places", type=int, help="the number of places")
    p.add_argument("--full-name", help="the first account's full name, when init creates the database")
    for name, run, verb in (("import", _import, "add records from a CSV file (all or nothing)"),
                            ("export", _export, "write records to a CSV file in the import format")):
        p = command(name, run, verb)
        p.add_argument("kind", metavar="KIND", choices=ALL_KINDS, help=f"one of: {', '.join(ALL_KINDS)}")
        p.add_argument("file", metavar="FILE.csv", type=Path)
        _home(p)


def _report_commands(command: Command) -> None:
    p = command("compliance", _compliance, "what the records show against the regulations, for a period")
    _home(p)
    p.add_argument("--from", dest="start", required=True, metavar="DATE", help="first date, e.g. 2026-04-01")
    p.add_argument("--to", dest="end", required=True, metavar="DATE", help="last date, included")
    p.add_argument("--as-at", metavar="DATETIME", help="judge deadlines as at this moment (default: now)")
    p.add_argument("--format", choices=("json", "text"), default="text")
    p = command("annex-a", _annex_a, "the Annex A figures Ofsted asks for on arrival, since a date")
    _home(p)
    p.add_argument("--since", metavar="DATE", help="default: the last full inspection or the first admission")
    p.add_argument("--format", choices=("json", "text"), default="text")
    p = command("pack", _pack, "the PDF evidence pack (not in this version)")
    _home(p)
    p.add_argument("--from", dest="start", required=True, metavar="DATE")
    p.add_argument("--to", dest="end", required=True, metavar="DATE")
    p.add_argument("-o", dest="output", required=True, metavar="FILE.pdf")
    p.add_argument("--full-names", action="store_true", help="show children's full names, not initials")
    p.add_argument("--password-file", dest="pdf_password_file", metavar="F",
                   help="protect the PDF with the password in this file")


def _database_commands(command: Command) -> None:
    p = command("demo", _demo, "fill the database with realistic made-up data")
    p.add_argument("--homes", type=int, default=1, metavar="N")
    p.add_argument("--years", type=int, default=1, metavar="Y")
    p.add_argument("--seed", type=int, default=1, metavar="S")
    p = command("backup", _backup, "write a consistent copy of the database")
    p.add_argument("dest", metavar="DEST", type=Path)
    command("verify", _verify, "check the database file, its links, the audit trail and the records against it")
    p = command("restore", _restore, "put a backup back in place of the database, after checking it")
    p.add_argument("file", metavar="FILE", type=Path, help="the backup (its .keys file is read from beside it)")


_COMMANDS = ("init", "import", "export", "compliance", "annex-a", "pack", "demo", "backup", "verify", "restore")


# opening the database ---------------------------------------------------------------

def _path(args: argparse.Namespace) -> Path:
    return Path(args.db) if args.db else default_database_path()


class SignInMissing(UserFacingError):
    """No account or password was given (a usage error: exit 2)."""


def _credentials(args: argparse.Namespace) -> Credentials:
    user = getattr(args, "user", None) or os.environ.get("INSPECT_APP_USER")
    password_file = getattr(args, "sign_in_password_file", None)
    if password_file:
        try:
            with open(password_file, encoding="utf-8-sig") as handle:
                password = handle.readline().rstrip("\r\n")
        except (OSError, UnicodeDecodeError) as exc:
            raise UserFacingError(f"--password-file: {password_file} cannot be read ({exc})") from None
    else:
        password = os.environ.get("INSPECT_APP_PASSWORD")
    if not user or password is None:
        raise SignInMissing(SIGN_IN_HELP)
    return Credentials(user, password)


def _open(args: argparse.Namespace, clock: Clock, *, create: bool = False) -> Workspace:
    """Sign in; `create` makes a new database (its first account from the credentials) when there is none."""
    path, credentials = _path(args), _credentials(args)
    if create and not path.exists():
        return Workspace.create(path, credentials, getattr(args, "full_name", None) or "", clock=clock)
    try:
        return Workspace.open(path, credentials, clock=clock)
    except NotYetEncrypted:
        ws = Workspace.protect(path, credentials, getattr(args, "full_name", None) or "", clock=clock)
        _errors([f"{path.name} is now encrypted; {ws.actor} is its first account (responsible individual)"])
        return ws


def _date(option: str, text: str) -> date:
    try:
        found = csv_values.parse_date(text)
    except csv_values.CellError as exc:
        raise UserFacingError(f"{option}: {exc}") from None
    if found is None:
        raise UserFacingError(f"{option}: give a date, e.g. 2026-04-01")
    return found


def _period(start: date, end: date) -> Period:
    if end < start:
        raise UserFacingError(f"the period ends ({end:%d/%m/%Y}) before it starts ({start:%d/%m/%Y})")
    return Period(start, end)


# the subcommands ------------------------------------------------------------------

def _init(args: argparse.Namespace, clock: Clock) -> int:
    from .services.registers import create_home

    with closing(_open(args, clock, create=True)) as ws:
        home = create_home(ws, Home(urn=args.urn, name=args.name, places=args.places))
        print(f"Created {home.name} ({home.urn}) in {ws.db.path}")
    return 0


def _import(args: argparse.Namespace, clock: Clock) -> int:
    with closing(_open(args, clock)) as ws:
        home = ws.home(args.home)
        ws.daily_backup()
        result = import_csv(ws, home, args.kind, args.file)
        _errors([f"warning: {w.describe(result.file_name)}" for w in result.warnings])
        print(result.summary())
    return 0


def _export(args: argparse.Namespace, clock: Clock) -> int:
    from .services.exporting import export_csv

    with closing(_open(args, clock)) as ws:
        count = export_csv(ws, ws.home(args.home), args.kind, args.file)
        print(f"{args.file}: {count} {args.kind} records written")
    return 0


def _compliance(args: argparse.Namespace, clock: Clock) -> int:
    period = _period(_date("--from", args.start), _date("--to", args.end))
    with closing(_open(args, clock)) as ws:
        home = ws.home(args.home)
        as_at = ws.now() if args.as_at is None else _moment("--as-at", args.as_at)
        result = compliance.compute(ws, home, period, as_at, with_mix=args.format != "json")
    if args.format == "json":
        print(json.dumps(compliance.to_json(result), indent=2, sort_keys=False))
    else:
        print(compliance.to_text(result), end="")
    return 0


def _moment(option: str, text: str) -> datetime:
    try:
        found = csv_values.parse_datetime(text)
    except csv_values.CellError as exc:
        raise UserFacingError(f"{option}: {exc}") from None
    if found is None:
        raise UserFacingError(f"{option}: give a date and time, e.g. 2026-11-10T09:00")
    return found


def _annex_a(args: argparse.Namespace, clock: Clock) -> int:
    with closing(_open(args, clock)) as ws:
        home, now = ws.home(args.home), ws.now()
        today = to_local(now).date()
        since = _date("--since", args.since) if args.since else compliance.default_annex_a_since(ws, home)
        if since > today:
            raise UserFacingError(f"--since: {since:%d/%m/%Y} is after today")
        figures = compliance.compute(ws, home, Period(since, today), now).annex_a
    body = {"home": {"urn": home.urn, "name": home.name}, "since": since.isoformat(), "to": today.isoformat(),
            **compliance.annex_a_json(figures)}
    if args.format == "json":
        print(json.dumps(body, indent=2, sort_keys=False))
    else:
        print(_annex_a_text(body), end="")
    return 0


def _annex_a_text(body: dict) -> str:
    since, to = date.fromisoformat(body["since"]), date.fromisoformat(body["to"])
    lines = [
        f"{body['home']['name']} ({body['home']['urn']})",
        f"Annex A figures from {since:%d/%m/%Y} to {to:%d/%m/%Y}",
        f"  Children admitted:          {body['admitted']}",
        f"  Children who left:          {body['left']}",
        f"  Children resident now:      {body['resident']}",
        f"  Restraint incidents:        {body['restraint_incidents']}",
        f"  Children restrained:        {body['children_restrained']}",
        "  Not recorded by this program: missing episodes, children at risk of sexual exploitation",
    ]
    return "\n".join(lines) + "\n"


def _pack(args: argparse.Namespace, clock: Clock) -> int:
    from .domain.roles import Permission

    with closing(_open(args, clock)) as ws:
        ws.require(Permission.EXPORT_PACK, ws.home(args.home).id)
    raise UserFacingError("the evidence pack is not available in this version")


def _demo(args: argparse.Namespace, clock: Clock) -> int:
    from .services.demo import generate

    for option, value in (("--homes", args.homes), ("--years", args.years)):
        if value < 1:
            raise UserFacingError(f"{option} must be 1 or more")
    with closing(_open(args, clock, create=True)) as ws:
        homes = generate(ws, homes=args.homes, years=args.years, seed=args.seed, progress=None)
        made = {name: sum(repo.count(h.id) for h in homes) for name, repo in (
            ("children", ws.children), ("staff", ws.staff), ("measures", ws.measures), ("visits", ws.visits),
            ("recommendations", ws.recommendations), ("inspections", ws.inspections),
            ("contacts with Ofsted", ws.contacts), ("shifts", ws.shifts), ("referrals", ws.referrals))}
        print(f"Made {len(homes)} home{'s' if len(homes) != 1 else ''} over {args.years} year"
              f"{'s' if args.years != 1 else ''}: {', '.join(f'{n} {name}' for name, n in made.items())}, "
              f"in {ws.db.path}")
    return 0


def _backup(args: argparse.Namespace, clock: Clock) -> int:
    from .storage.backup import backup_to

    from .domain.roles import Permission

    with closing(_open(args, clock)) as ws:
        ws.require(Permission.MANAGE_DATABASE)
        target = backup_to(ws.db, args.dest)
        print(f"Backed up {ws.db.path} to {target}")
    return 0


def _verify(args: argparse.Namespace, clock: Clock) -> int:
    from .services.verify import verify

    with closing(_open(args, clock)) as ws:
        problems = verify(ws)
        if problems:
            _errors(problems)
            return 1
        print(f"{ws.db.path}: the file, the links between records and the audit trail are sound")
    return 0


def _restore(args: argparse.Namespace, clock: Clock) -> int:
    from .services.restore import restore

    report = restore(_path(args), args.file, _credentials(args), clock=clock)
    _errors([f"warning: {w}" for w in report.warnings])
    print(report.summary())
    return 0
