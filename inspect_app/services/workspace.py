"""An open database with who is working in it and what time it is: what every use-case is given."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from functools import cached_property
from pathlib import Path
from typing import Callable

from ..domain.errors import UserFacingError
from ..domain.local_time import to_local
from ..domain.records import Home
from ..domain.roles import (Account, NotPermitted, Permission, Role, normalise_username, password_problems,
                            username_problems)
from ..storage.accounts import AccountRepository
from ..storage.backup import daily_backup
from ..storage.database import Database, DatabaseError
from ..storage.driver import is_plain_sqlite
from ..storage.encryption import encrypt_plain_backups, encrypt_plain_file, finish_interrupted, settle_key
from ..storage.keyslots import KeySlots, WrongPassword, key_file_for, new_database_key
from ..storage.measures import AddendumRepository, MeasureRepository
from ..storage.oversight import (ContactRepository, InspectionActionRepository, InspectionRepository,
                                 RecommendationRepository, VisitorRepository, VisitRepository)
from ..storage.placements import PurposeRepository, ReferralRepository
from ..storage.registers import ChildRepository, HomeRepository, StaffRepository
from ..storage.rota import ShiftRepository


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


class NoDatabase(UserFacingError):
    """There is no database file where one was expected."""


class NotYetEncrypted(UserFacingError):
    """A plain database from before accounts existed: its first account must be made, which encrypts it."""

    def __init__(self, path: Path):
        self.path = path
        super().__init__(f"{path.name} is from an earlier version and is not yet protected by a password. "
                         "The first person to sign in becomes its responsible individual, and it is encrypted then.")


@dataclass(frozen=True)
class Credentials:
    username: str
    password: str = field(repr=False)


@dataclass
class Workspace:
    """An unlocked database and the account signed in to it."""

    db: Database
    account: Account
    slots: KeySlots
    clock: Callable[[], datetime] = utc_now

    # opening ----------------------------------------------------------------------
    @classmethod
    def open(cls, path: Path | str, credentials: Credentials, *,
             clock: Callable[[], datetime] = utc_now) -> "Workspace":
        """Sign in: the password opens the account's key slot, and the key opens the database."""
        path = Path(path)
        finish_interrupted(path)
        if not path.exists():
            raise NoDatabase(f"there is no database at {path}: create one with 'init --urn URN --name NAME'")
        if is_plain_sqlite(path):
            if not key_file_for(path).exists():
                raise NotYetEncrypted(path)
            # a crash stopped the encryption after the key file was written: finish it now
            slots = KeySlots.load(path)
            encrypt_plain_file(path, slots.unlock(credentials.username, credentials.password), slots)
        slots = KeySlots.load(path)
        candidates = slots.candidates(credentials.username, credentials.password)
        db = _open_with_any(path, candidates, clock())
        try:
            settle_key(db, slots, candidates)
            encrypt_plain_backups(path, db.key, slots)  # any a crash left plain while the file was encrypted
        except Exception:
            db.close()
            raise
        return cls._signed_in(db, slots, credentials, clock)

    @classmethod
    def create(cls, path: Path | str, credentials: Credentials, full_name: str = "", *,
               clock: Callable[[], datetime] = utc_now) -> "Workspace":
        """A new, encrypted database whose first account (a responsible individual) is `credentials`."""
        path = Path(path)
        if path.exists():
            raise UserFacingError(f"{path} already exists; open it instead")
        if key_file_for(path).exists():
            raise UserFacingError(f"{key_file_for(path).name} is there without its database: restore the database "
                                  "from a backup, or move the key file away to start a new one")
        _check_new_credentials(credentials)
        path.parent.mkdir(parents=True, exist_ok=True)
        key, slots = new_database_key(), KeySlots.new(path)
        slots.set_slot(credentials.username, credentials.password, key)
        slots.save()
        try:
            db = Database.open(path, key=key, now=clock())
        except Exception:
            key_file_for(path).unlink(missing_ok=True)
            raise
        return cls._signed_in(db, slots, credentials, clock, full_name)

    @classmethod
    def protect(cls, path: Path | str, credentials: Credentials, full_name: str = "", *,
                clock: Callable[[], datetime] = utc_now) -> "Workspace":
        """Encrypt a plain database from an earlier version, its backups too; `credentials` become its first account."""
        path = Path(path)
        _check_new_credentials(credentials)
        key, slots = new_database_key(), KeySlots.new(path)
        slots.set_slot(credentials.username, credentials.password, key)
        encrypt_plain_file(path, key, slots)
        encrypt_plain_backups(path, key, slots)
        return cls._signed_in(Database.open(path, key=key, now=clock()), slots, credentials, clock, full_name)

    @classmethod
    def _signed_in(cls, db: Database, slots: KeySlots, credentials: Credentials,
                   clock: Callable[[], datetime], full_name: str = "") -> "Workspace":
        username = normalise_username(credentials.username)
        repo = AccountRepository(db)
        try:
            account = repo.by_username(username)
            if account is None and repo.count_active() == 0:
                # the first account of a database is its responsible individual, for every home in it
                homes = frozenset(h.id for h in HomeRepository(db).all())
                first = Account(username, full_name.strip() or username, Role.RESPONSIBLE_INDIVIDUAL, home_ids=homes)
                account = repo.insert(first, actor=username, at=_now(clock), reason="first account")
            if account is None or not account.active:
                raise WrongPassword()
        except Exception:
            db.close()
            raise
        return cls(db, account, slots, clock)

    @property
    def actor(self) -> str:
        """The name every audit row gives: the signed-in account."""
        return self.account.username

    def require(self, permission: Permission, home_id: int | None = None) -> None:
        self.account.require(permission, home_id)

    def refresh_account(self) -> None:
        self.account = self.accounts.get(self.account.id)

    def now(self) -> datetime:
        return _now(self.clock)

    def daily_backup(self, keep: int | None = None) -> Path | None:
        """SPEC 9: a consistent copy once a day, before the day's first change, keeping the last `keep`
        (by default the number the database's settings say)."""
        if keep is None:
            from .settings import BACKUPS_KEPT, value

            keep = value(self, BACKUPS_KEPT)
        return daily_backup(self.db, to_local(self.now()), keep)

    def close(self) -> None:
        self.db.close()

    @cached_property
    def accounts(self) -> AccountRepository:
        return AccountRepository(self.db)

    @cached_property
    def homes(self) -> HomeRepository:
        return HomeRepository(self.db)

    @cached_property
    def children(self) -> ChildRepository:
        return ChildRepository(self.db)

    @cached_property
    def staff(self) -> StaffRepository:
        return StaffRepository(self.db)

    @cached_property
    def measures(self) -> MeasureRepository:
        return MeasureRepository(self.db)

    @cached_property
    def addenda(self) -> AddendumRepository:
        return AddendumRepository(self.db)

    @cached_property
    def visitors(self) -> VisitorRepository:
        return VisitorRepository(self.db)

    @cached_property
    def visits(self) -> VisitRepository:
        return VisitRepository(self.db)

    @cached_property
    def recommendations(self) -> RecommendationRepository:
        return RecommendationRepository(self.db)

    @cached_property
    def inspections(self) -> InspectionRepository:
        return InspectionRepository(self.db)

    @cached_property
    def inspection_actions(self) -> InspectionActionRepository:
        return InspectionActionRepository(self.db)

    @cached_property
    def contacts(self) -> ContactRepository:
        return ContactRepository(self.db)

    @cached_property
    def shifts(self) -> ShiftRepository:
        return ShiftRepository(self.db)

    @property
    def purposes(self) -> PurposeRepository:
        return PurposeRepository(self.db)

    @property
    def referrals(self) -> ReferralRepository:
        return ReferralRepository(self.db)

    def visible_homes(self) -> list[Home]:
        """The homes this account works in (a care worker in one home never sees another's records)."""
        return [h for h in self.homes.all() if h.id in self.account.home_ids]

    def home(self, urn: str | None = None) -> Home:
        """The home named by URN; with none named, the only home this account can open."""
        if urn:
            found = self.homes.by_urn(urn)
            if found is None:
                raise UserFacingError(f"there is no home with URN {urn.strip().upper()} in this database")
            if found.id not in self.account.home_ids:
                raise NotPermitted(f"this account has no access to {found.urn}. Ask a manager to give you access.")
            return found
        homes = self.visible_homes()
        if not homes:
            if self.homes.all():
                raise NotPermitted("this account has no access to any home yet. Ask a manager to give you access.")
            raise UserFacingError("this database has no home yet: create one with 'init --urn URN --name NAME'")
        if len(homes) > 1:
            urns = ", ".join(h.urn for h in homes)
            raise UserFacingError(f"this account works in {len(homes)} homes ({urns}): choose one with --home URN")
        return homes[0]


def _open_with_any(path: Path, candidates: list[bytes], now: datetime) -> Database:
    """The database opened with whichever key it has now (two while a key change is unfinished)."""
    for index, key in enumerate(candidates):
        try:
            return Database.open(path, key=key, now=now)
        except DatabaseError:
            if index == len(candidates) - 1:
                raise
    raise AssertionError("a slot holds at least one key")


def _now(clock: Callable[[], datetime]) -> datetime:
    moment = clock()
    if moment.tzinfo is None:
        raise ValueError("the clock must give aware datetimes")
    return moment.replace(microsecond=0)  # times are stored to the second


def _check_new_credentials(credentials: Credentials) -> None:
    problems = username_problems(credentials.username) + password_problems(
        credentials.password, username=credentials.username)
    if problems:
        raise UserFacingError("; ".join(problems))
