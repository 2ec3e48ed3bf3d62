"""The CSV kinds of SPEC 7: for each, its columns, how a row becomes a record and a record a row.

Each kind is a small table of column specs, so adding a kind (visitors, shifts...) is adding a table.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Any, Callable

from ..domain.errors import Problem, UserFacingError
from ..domain.records import Child, Home, Measure, Staff
from ..domain.validation import validate_child, validate_staff
from ..domain.vocabulary import Employment, LegalStatus, MeasureKind, Position, StaffRole, Vocabulary
from . import csv_values as cv
from .measures import measure_problems
from .workspace import Workspace

# Every kind SPEC 7 names; those without a table here are refused plainly until they are built.
ALL_KINDS = ("children", "staff", "measures", "visitors", "reg44_visits", "reg44_recommendations",
             "shifts", "key_times", "placements", "inspections", "ofsted_contacts")


@dataclass
class Registers:
    """A home's children and staff by reference and by id, loaded once for a whole file."""

    home: Home
    children: dict[str, Child] = field(default_factory=dict)
    staff: dict[str, Staff] = field(default_factory=dict)

    @classmethod
    def load(cls, ws: Workspace, home: Home) -> "Registers":
        return cls(home, {c.ref: c for c in ws.children.for_home(home.id)},
                   {s.ref: s for s in ws.staff.for_home(home.id)})

    def child_id(self, ref: str) -> int:
        if ref not in self.children:
            raise cv.CellError(f'{cv.quoted(ref)} is not on this home\'s register of children')
        return self.children[ref].id

    def staff_id(self, ref: str) -> int:
        if ref not in self.staff:
            raise cv.CellError(f'{cv.quoted(ref)} is not on this home\'s staff register')
        return self.staff[ref].id

    def child_ref(self, child_id: int) -> str:
        return self.child_by_id[child_id].ref

    def staff_ref(self, staff_id: int) -> str:
        return self.staff_by_id[staff_id].ref

    @cached_property
    def child_by_id(self) -> dict[int, Child]:
        return {c.id: c for c in self.children.values()}

    @cached_property
    def staff_by_id(self) -> dict[int, Staff]:
        return {s.id: s for s in self.staff.values()}


Parse = Callable[[str, Registers], Any]
Show = Callable[[Any, Registers], str]


@dataclass(frozen=True)
class Column:
    """One CSV column: its name, the record field it fills, and how to read and write a cell."""

    name: str
    field: str
    parse: Parse
    show: Show
    required: bool = False


def text(name: str, required: bool = False, field: str | None = None) -> Column:
    return Column(name, field or name, lambda t, _: cv.parse_text(t), lambda v, _: cv.format_text(v), required)


def narrative(name: str) -> Column:
    return Column(name, name, lambda t, _: cv.parse_narrative(t), lambda v, _: cv.format_text(v))


def day(name: str, required: bool = False) -> Column:
    return Column(name, name, lambda t, _: cv.parse_date(t), lambda v, _: cv.format_date(v), required)


def moment(name: str, required: bool = False) -> Column:
    return Column(name, name, lambda t, _: cv.parse_datetime(t), lambda v, _: cv.format_datetime(v), required)


def yes_no(name: str) -> Column:
    return Column(name, name, lambda t, _: cv.parse_bool(t), lambda v, _: cv.format_bool(v))


def number(name: str) -> Column:
    return Column(name, name, lambda t, _: cv.parse_int(t), lambda v, _: cv.format_int(v))


def words(name: str) -> Column:
    return Column(name, name, lambda t, _: cv.parse_list(t) or None, lambda v, _: cv.format_list(v))


def choice(name: str, cls: type[Vocabulary], required: bool = False, field: str | None = None) -> Column:
    return Column(name, field or name, lambda t, _: cv.parse_enum(cls, t), lambda v, _: cv.format_enum(v),
                  required)


def child(name: str, field: str, required: bool = False) -> Column:
    return Column(name, field, lambda t, regs: None if cv.is_blank(t) else regs.child_id(t.strip()),
                  lambda v, regs: "" if v is None else regs.child_ref(v), required)


def person(name: str) -> Column:
    return Column(name, name, lambda t, regs: None if cv.is_blank(t) else regs.staff_id(t.strip()),
                  lambda v, regs: "" if v is None else regs.staff_ref(v))


def people(name: str) -> Column:
    """Staff references separated by `;`; kept in the order the database keeps them (by id)."""
    def parse(t: str, regs: Registers) -> tuple[int, ...] | None:
        ids = {regs.staff_id(ref) for ref in cv.parse_list(t)}
        return tuple(sorted(ids)) or None

    return Column(name, name, parse, lambda v, regs: cv.format_list(regs.staff_ref(i) for i in v))


@dataclass(frozen=True)
class Kind:
    """A CSV kind: its columns in SPEC order, its repository and its consistency checks."""

    name: str
    record_cls: type
    repository: str  # the Workspace attribute holding the records
    columns: tuple[Column, ...]
    check: Callable[[Registers, Any], list[Problem]]
    warn: Callable[[Registers, Any], list[Problem]] = lambda regs, record: []
    # what a record takes from the registers beyond its own columns
    complete: Callable[[Any, Registers], Any] = lambda record, regs: record
    # Problem.field names from the domain checks that are not column names
    aliases: dict[str, str] = field(default_factory=dict)

    @property
    def ref_column(self) -> str:
        return self.columns[0].name

    @property
    def header(self) -> list[str]:
        return [c.name for c in self.columns]

    def column_for(self, problem_field: str) -> str:
        if problem_field in self.aliases:
            return self.aliases[problem_field]
        for column in self.columns:
            if problem_field in (column.name, column.field):
                return column.name
        return problem_field

    def build(self, values: dict[str, Any], regs: Registers) -> Any:
        """A record from parsed values; a blank cell leaves the record's default."""
        record = self.record_cls(home_id=regs.home.id, **{k: v for k, v in values.items() if v is not None})
        return self.complete(record, regs)

    def to_row(self, record: Any, regs: Registers) -> list[str]:
        return [c.show(getattr(record, c.field), regs) for c in self.columns]


def _signer_authorisation(m: Measure, regs: Registers) -> Measure:
    """reg 35(3)(b): a signature from the past keeps whether its signer is authorised on the register now,
    which is what the file says of them (SPEC 7: an unauthorised signature is a finding, not an error)."""
    if m.signed_by is None:
        return m
    return replace(m, signer_authorised=regs.staff_by_id[m.signed_by].authorised_signoff)


def _unknown_holds(regs: Registers, m: Measure) -> list[Problem]:
    """Holds outside the home's scheme are kept as written, and flagged for the manager (SPEC 7)."""
    return [
        Problem("holds", f"{cv.quoted(h)} is not a hold in the home's scheme ({regs.home.pi_scheme}); "
                         "kept as written")
        for h in m.unknown_holds(regs.home.pi_holds)
    ]


CHILDREN = Kind(
    "children", Child, "children",
    (
        text("child_ref", True, field="ref"), text("first_name", True), text("last_name", True),
        day("date_of_birth"), text("sex"), day("admitted_on", True), day("left_on"),
        text("placing_authority"), choice("legal_status", LegalStatus), yes_no("ehcp"),
    ),
    check=lambda regs, record: validate_child(record),
)

STAFF = Kind(
    "staff", Staff, "staff",
    (
        text("staff_ref", True, field="ref"), text("full_name", True), choice("role", StaffRole, True),
        choice("employment", Employment), day("care_role_started_on"), day("level3_achieved_on"),
        day("level5_achieved_on"), day("pi_trained_on"), yes_no("authorised_signoff"), day("left_on"),
    ),
    check=lambda regs, record: validate_staff(record),
)

MEASURES = Kind(
    "measures", Measure, "measures",
    (
        text("incident_ref", True, field="ref"), child("child_ref", "child_id", True),
        choice("measure", MeasureKind, True, field="kind"), moment("started_at", True),
        number("duration_minutes"), text("location"), narrative("behaviour"), narrative("avoidance_steps"),
        narrative("description"), choice("position", Position), words("holds"), people("used_by"),
        narrative("others_present"), narrative("effectiveness"), yes_no("injury"), narrative("injury_details"),
        narrative("medical_treatment"), yes_no("planned_in_ehcp"), yes_no("police_involved"),
        moment("recorded_at", True), person("recorded_by"), moment("user_spoken_to_at"), moment("signed_at"),
        person("signed_by"), moment("child_spoken_to_at"), person("child_spoken_to_by"),
        narrative("child_views"),
    ),
    # historic late or unauthorised steps are findings, not errors: only consistency is checked here
    check=lambda regs, record: measure_problems(record, regs.child_by_id.get(record.child_id),
                                                set(regs.staff_by_id), complete=False),
    warn=_unknown_holds,
    complete=_signer_authorisation,
    aliases={"record": "", "zone_name": ""},
)

KINDS: dict[str, Kind] = {k.name: k for k in (CHILDREN, STAFF, MEASURES)}


class KindNotAvailable(UserFacingError):
    """SPEC 7 names the kind, but this version cannot read or write it yet (or it is no kind at all)."""


def kind_named(name: str) -> Kind:
    """The kind, or a plain message when SPEC 7 names it but this version cannot read or write it yet."""
    key = name.strip().lower().replace("-", "_")
    if key in KINDS:
        return KINDS[key]
    if key in ALL_KINDS:
        raise KindNotAvailable(f"{key} files are not available in this version")
    raise KindNotAvailable(f'"{name}" is not a kind of file: use one of {", ".join(ALL_KINDS)}')
