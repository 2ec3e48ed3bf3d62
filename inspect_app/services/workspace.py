"""An open database with who is working in it and what time it is: what every use-case is given."""

from __future__ import annotations

import getpass
import os
from dataclasses import dataclass, field
from datetime import datetime, timezone
from functools import cached_property
from pathlib import Path
from typing import Callable

from ..domain.errors import UserFacingError
from ..domain.local_time import to_local
from ..domain.records import Home
from ..storage.backup import daily_backup
from ..storage.database import Database
from ..storage.measures import AddendumRepository, MeasureRepository
from ..storage.registers import ChildRepository, HomeRepository, StaffRepository


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


def default_actor() -> str:
    """Until accounts exist (SPEC 8), the audit trail names the signed-in computer user."""
    name = os.environ.get("INSPECT_APP_USER")
    if name:
        return name
    try:
        return getpass.getuser()
    except Exception:  # no login name on some service accounts
        return "unknown"


@dataclass
class Workspace:
    db: Database
    actor: str = field(default_factory=default_actor)
    clock: Callable[[], datetime] = utc_now

    @classmethod
    def open(cls, path: Path | str, *, actor: str | None = None,
             clock: Callable[[], datetime] = utc_now) -> "Workspace":
        db = Database.open(path, now=clock())
        return cls(db, actor or default_actor(), clock)

    def now(self) -> datetime:
        moment = self.clock()
        if moment.tzinfo is None:
            raise ValueError("the clock must give aware datetimes")
        return moment.replace(microsecond=0)  # times are stored to the second

    def daily_backup(self, keep: int = 14) -> Path | None:
        """SPEC 9: a consistent copy once a day, before the day's first change, keeping the last `keep`."""
        return daily_backup(self.db, to_local(self.now()), keep)

    def close(self) -> None:
        self.db.close()

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

    def home(self, urn: str | None = None) -> Home:
        """The home named by URN; with none named, the only home in the database."""
        if urn:
            found = self.homes.by_urn(urn)
            if found is None:
                raise UserFacingError(f"there is no home with URN {urn.strip().upper()} in this database")
            return found
        homes = self.homes.all()
        if not homes:
            raise UserFacingError("this database has no home yet: create one with 'init --urn URN --name NAME'")
        if len(homes) > 1:
            urns = ", ".join(h.urn for h in homes)
            raise UserFacingError(f"this database holds {len(homes)} homes ({urns}): choose one with --home URN")
        return homes[0]
