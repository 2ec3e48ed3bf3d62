"""The record types of a home: the home itself, its registers, and the reg 35 measures."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime

from dateutil.relativedelta import relativedelta

from .vocabulary import CARE_ROLES, Employment, LegalStatus, MeasureKind, Position, StaffRole

DEFAULT_HOLDS = (
    "Single elbow",
    "Double elbow",
    "Figure of four",
    "Seated double elbow",
    "Caring C guide",
    "Friendly hold",
)


@dataclass(frozen=True)
class Home:
    urn: str
    name: str
    places: int | None = None
    provider_name: str = ""
    registered_manager: str = ""
    responsible_individual: str = ""
    age_min: int | None = None
    age_max: int | None = None
    pi_scheme: str = "Team Teach"
    pi_holds: tuple[str, ...] = DEFAULT_HOLDS
    id: int | None = None


@dataclass(frozen=True)
class Child:
    home_id: int
    ref: str
    first_name: str
    last_name: str
    admitted_on: date
    date_of_birth: date | None = None
    sex: str = ""
    left_on: date | None = None
    placing_authority: str = ""
    legal_status: LegalStatus | None = None
    ehcp: bool | None = None
    id: int | None = None

    @property
    def initials(self) -> str:
        return "".join(f"{part[0].upper()}." for part in (self.first_name, self.last_name) if part)

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    def resident_on(self, day: date) -> bool:
        """Living at the home at the end of that day (a child who left that day is not)."""
        return self.admitted_on <= day and (self.left_on is None or self.left_on > day)


@dataclass(frozen=True)
class Staff:
    home_id: int
    ref: str
    full_name: str
    role: StaffRole
    employment: Employment | None = None
    care_role_started_on: date | None = None
    level3_achieved_on: date | None = None
    level5_achieved_on: date | None = None
    pi_trained_on: date | None = None
    authorised_signoff: bool = False
    left_on: date | None = None
    id: int | None = None

    @property
    def level3_due(self) -> date | None:
        """reg 32(4): care staff need the Level 3 Diploma within 2 years of starting a care role."""
        if self.role not in CARE_ROLES or self.care_role_started_on is None:
            return None
        return self.care_role_started_on + relativedelta(years=2)

    def level3_achieved_by(self, day: date) -> bool:
        """Holds the Level 3 on that day: achieved on or before it. A date after it is not an achievement yet (an
        expected date typed early, or a slip), so the Level 3 still counts as missing until then."""
        return self.level3_achieved_on is not None and self.level3_achieved_on <= day


@dataclass(frozen=True)
class Measure:
    """One use of a measure of control, discipline or restraint (reg 35(3)(a) (i)-(viii))."""

    home_id: int
    ref: str
    child_id: int
    kind: MeasureKind
    started_at: datetime
    recorded_at: datetime
    duration_minutes: int | None = None
    location: str = ""
    behaviour: str = ""
    avoidance_steps: str = ""
    description: str = ""
    position: Position | None = None
    holds: tuple[str, ...] = ()
    used_by: tuple[int, ...] = ()
    others_present: str = ""
    effectiveness: str = ""
    injury: bool | None = None
    injury_details: str = ""
    medical_treatment: str = ""
    planned_in_ehcp: bool = False
    police_involved: bool | None = None
    recorded_by: int | None = None
    user_spoken_to_at: datetime | None = None
    signed_at: datetime | None = None
    signed_by: int | None = None
    # reg 35(3)(b): whether the signer was authorised when they signed, kept with the signature
    signer_authorised: bool | None = None
    child_spoken_to_at: datetime | None = None
    child_spoken_to_by: int | None = None
    child_views: str = ""
    zone_name: str = "Europe/London"
    id: int | None = None

    @property
    def locked(self) -> bool:
        """Signed as accurate: the record itself is closed; corrections are addenda."""
        return self.signed_at is not None

    @property
    def is_restraint(self) -> bool:
        return self.kind is MeasureKind.RESTRAINT

    @property
    def staff_count(self) -> int:
        return len(self.used_by)

    def unknown_holds(self, scheme_holds: tuple[str, ...]) -> tuple[str, ...]:
        """Holds not in the home's scheme: kept as written, and flagged."""
        known = {h.casefold() for h in scheme_holds}
        return tuple(h for h in self.holds if h.casefold() not in known)

    def with_changes(self, **changes) -> "Measure":
        return replace(self, **changes)


@dataclass(frozen=True)
class Addendum:
    """A correction or addition to a signed record, with the reason; never edited afterwards."""

    measure_id: int
    made_at: datetime
    made_by: str
    reason: str
    text: str
    id: int | None = None


# Fields of a measure that sign-off closes; the 5-day steps stay open after it.
LOCKED_MEASURE_FIELDS = frozenset(
    f
    for f in Measure.__dataclass_fields__
    if f not in {"child_spoken_to_at", "child_spoken_to_by", "child_views", "id"}
)
