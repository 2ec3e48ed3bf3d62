"""The CSV kinds of SPEC 7: for each, its columns, how a row becomes a record and a record a row.

Each kind is a small table of column specs, so adding a kind (shifts, placements...) is adding a table.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Any, Callable

from ..domain.errors import Problem, UserFacingError
from ..domain.inspections import Inspection, OfstedContact, validate_contact, validate_inspection
from ..domain.records import Child, Home, Measure, Staff
from ..domain.validation import validate_child, validate_staff
from ..domain.visits import (Recommendation, Visit, Visitor, complete_declaration, recommendation_gaps,
                             validate_recommendation, validate_visit, validate_visitor)
from ..domain.vocabulary import (Decision, DialoguePhase, Employment, InspectionType, InterimOutcome, Judgement,
                                 LegalStatus, MeasureKind, Opinion, Position, RecordChecked, StaffRole, Vocabulary)
from . import csv_values as cv
from .measures import measure_problems
from .workspace import Workspace

# Every kind SPEC 7 names, in its order (tests/test_cli_placements.py checks each has a table).
ALL_KINDS = ("children", "staff", "measures", "visitors", "reg44_visits", "reg44_recommendations",
             "shifts", "key_times", "placements", "inspections", "ofsted_contacts")


# Each register a CSV column may name (a Workspace repository), and what a reference missing from it is.
NOT_FOUND = {
    "children": "is not on this home's register of children",
    "staff": "is not on this home's staff register",
    "visitors": "is not on this home's register of independent visitors",
    "visits": "is not one of this home's recorded independent visits",
}


class Registers:
    """A home's registers (children, staff, visitors, visits) by reference and by id for a whole file: each is read
    once, and only when a column of the file names it (a children file does not pay for reading the visits)."""

    def __init__(self, ws: Workspace, home: Home):
        self.ws = ws
        self.home = home
        self._by_ref: dict[str, dict[str, Any]] = {}
        self._by_id: dict[str, dict[int, Any]] = {}

    @classmethod
    def load(cls, ws: Workspace, home: Home) -> "Registers":
        return cls(ws, home)

    def by_ref(self, register: str) -> dict[str, Any]:
        if register not in self._by_ref:
            self._by_ref[register] = {r.ref: r for r in getattr(self.ws, register).for_home(self.home.id)}
        return self._by_ref[register]

    def by_id(self, register: str) -> dict[int, Any]:
        if register not in self._by_id:
            self._by_id[register] = {r.id: r for r in self.by_ref(register).values()}
        return self._by_id[register]

    def id_of(self, register: str, ref: str) -> int:
        """The id of the record with that reference; an unknown one is an error naming the register."""
        found = self.by_ref(register).get(ref)
        if found is None:
            raise cv.CellError(f"{cv.quoted(ref)} {NOT_FOUND[register]}")
        return found.id

    def ref_of(self, register: str, record_id: int) -> str:
        return self.by_id(register)[record_id].ref


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


def narrative(name: str, required: bool = False) -> Column:
    return Column(name, name, lambda t, _: cv.parse_narrative(t), lambda v, _: cv.format_text(v), required)


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


def link(name: str, field: str, register: str, required: bool = False) -> Column:
    """A reference to a record of one of the home's registers, stored as its id."""
    return Column(name, field, lambda t, regs: None if cv.is_blank(t) else regs.id_of(register, t.strip()),
                  lambda v, regs: "" if v is None else regs.ref_of(register, v), required)


def child(name: str, field: str, required: bool = False) -> Column:
    return link(name, field, "children", required)


def person(name: str) -> Column:
    return link(name, name, "staff")


def choices(name: str, cls: type[Vocabulary]) -> Column:
    """Values of an enumeration separated by `;`, kept once each in the enumeration's order (a checklist's order),
    so that the same ticks written in another order are the same record."""
    def parse(t: str, _: Registers) -> tuple[Vocabulary, ...] | None:
        found = {cv.parse_enum(cls, item) for item in cv.parse_list(t)}
        return tuple(member for member in cls if member in found) or None

    return Column(name, name, parse, lambda v, _: cv.format_list(member.value for member in v))


def people(name: str) -> Column:
    """Staff references separated by `;`; kept in the order the database keeps them (by id)."""
    def parse(t: str, regs: Registers) -> tuple[int, ...] | None:
        ids = {regs.id_of("staff", ref) for ref in cv.parse_list(t)}
        return tuple(sorted(ids)) or None

    return Column(name, name, parse, lambda v, regs: cv.format_list(regs.ref_of("staff", i) for i in v))


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
    # whether a row's record is the one already stored under its reference (then the row is skipped)
    unchanged: Callable[[Any, Any], bool] = lambda record, old: replace(record, id=old.id) == old
    # what makes a row the same record as a stored one or an earlier line: these columns (read on their own, before
    # the rest of the row; none named = the reference), the key made of their values, and how a message names it
    identity_columns: tuple[str, ...] = ()
    identity: Callable[[tuple], Any] = lambda values: values
    named: Callable[[tuple, Registers], str] = lambda values, regs: str(values[0])
    differs_advice: str = "use a new reference, or correct the record in the program"
    # the stored records (export; None = the repository's records of the home), those a file's rows may be
    # (given the rows' identity values; None = all the stored ones), and checks of the file's new records
    # together and against the stored ones: (line, problem)
    stored: Callable[[Workspace, Home], list] | None = None
    existing: Callable[[Workspace, Home, list[tuple]], list] | None = None
    check_file: Callable[[Registers, list[tuple[int, Any]], list[Any]], list[tuple[int, Problem]]] = (
        lambda regs, new, stored: [])
    # settings rather than records (key times): the file replaces them whole, written by `write`, and the import's
    # summary names them
    replaces: str = ""
    write: Callable[[Workspace, Home, list, str], None] | None = None
    of_home: bool = True  # whether the record carries its home's id

    @property
    def ref_column(self) -> str:
        return self.columns[0].name

    @cached_property  # read for every row of a file
    def key_columns(self) -> tuple[Column, ...]:
        names = self.identity_columns or (self.ref_column,)
        return tuple(c for c in self.columns if c.name in names)

    @property
    def key_column(self) -> str:
        """The column a repeated or changed record is reported in: the last of its identity (its reference)."""
        return self.key_columns[-1].name

    def key_of(self, record: Any) -> tuple:
        return tuple(getattr(record, c.field) for c in self.key_columns)

    def records_of(self, ws: Workspace, home: Home) -> list:
        return self.stored(ws, home) if self.stored else getattr(ws, self.repository).for_home(home.id)

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
        given = {k: v for k, v in values.items() if v is not None}
        record = self.record_cls(**({"home_id": regs.home.id} if self.of_home else {}), **given)
        return self.complete(record, regs)

    def to_row(self, record: Any, regs: Registers) -> list[str]:
        return [c.show(getattr(record, c.field), regs) for c in self.columns]


def _signer_authorisation(m: Measure, regs: Registers) -> Measure:
    """reg 35(3)(b): a signature from the past keeps whether its signer is authorised on the register now,
    which is what the file says of them (SPEC 7: an unauthorised signature is a finding, not an error)."""
    if m.signed_by is None:
        return m
    return replace(m, signer_authorised=regs.by_id("staff")[m.signed_by].authorised_signoff)


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
    check=lambda regs, record: measure_problems(record, regs.by_id("children").get(record.child_id),
                                                set(regs.by_id("staff")), complete=False),
    warn=_unknown_holds,
    complete=_signer_authorisation,
    aliases={"record": "", "zone_name": ""},
)


def _same_visitor(record: Visitor, old: Visitor) -> bool:
    """A file gives a declaration's date, not its checklist: a visitor not yet declared keeps the conditions ticked
    so far in the program, so exporting and importing again does not look like a change."""
    if record.declared_independent_on is None and not record.conditions:
        record = replace(record, conditions=old.conditions)
    return replace(record, id=old.id) == old


VISITORS = Kind(
    "visitors", Visitor, "visitors",
    (
        text("visitor_ref", True, field="ref"), text("name", True), text("organisation"), day("appointed_on"),
        day("declared_independent_on"), day("ended_on"),
    ),
    check=lambda regs, record: validate_visitor(record),
    # reg 43(3): a declaration dated in the file confirms every condition (the file has no checklist)
    complete=lambda record, regs: complete_declaration(record),
    aliases={"conditions": "declared_independent_on"},
    unchanged=_same_visitor,
)

# SPEC 7's columns, and `parents_spoken_to` last: SPEC 2.4 counts the parents spoken to, and an export must
# re-import identically.
REG44_VISITS = Kind(
    "reg44_visits", Visit, "visits",
    (
        text("visit_ref", True, field="ref"), link("visitor_ref", "visitor_id", "visitors", True),
        day("visited_on", True), yes_no("announced"), number("children_spoken_to"), number("staff_spoken_to"),
        number("others_spoken_to"), choices("records_checked", RecordChecked), yes_no("premises_checked"),
        choice("safeguarded", Opinion), choice("wellbeing_promoted", Opinion), day("report_received_on"),
        day("report_sent_on"), narrative("conflict_of_interest"), number("parents_spoken_to"),
    ),
    # a report sent after the home's target is a finding of the compliance check (reg 44(7)), not an error here
    check=lambda regs, record: validate_visit(record, regs.by_id("visitors").get(record.visitor_id)),
)

REG44_RECOMMENDATIONS = Kind(
    "reg44_recommendations", Recommendation, "recommendations",
    (
        text("rec_ref", True, field="ref"), link("visit_ref", "visit_id", "visits", True), narrative("text", True),
        day("consider_by"), choice("decision", Decision), day("decided_on"), narrative("reason"), text("owner"),
        day("completed_on"),
    ),
    # blank decision: pending (the record's default); one decided after its date is a finding (reg 44(5))
    check=lambda regs, record: validate_recommendation(record, regs.by_id("visits").get(record.visit_id)),
    warn=lambda regs, record: recommendation_gaps(record),
)

INSPECTIONS = Kind(
    "inspections", Inspection, "inspections",
    (
        text("inspection_ref", True, field="ref"), day("started_on", True), choice("type", InspectionType, True),
        choice("overall", Judgement), choice("helped_protected", Judgement), choice("leadership", Judgement),
        choice("interim_outcome", InterimOutcome), day("published_on"),
    ),
    check=lambda regs, record: validate_inspection(record),
)

OFSTED_CONTACTS = Kind(
    "ofsted_contacts", OfstedContact, "contacts",
    (
        text("contact_ref", True, field="ref"), day("occurred_on", True), choice("phase", DialoguePhase),
        text("with_whom"), text("channel"), text("topic"), narrative("summary"), narrative("follow_up"),
        day("follow_up_done_on"),
    ),
    check=lambda regs, record: validate_contact(record),
)

KINDS: dict[str, Kind] = {k.name: k for k in (CHILDREN, STAFF, MEASURES, VISITORS, REG44_VISITS,
                                              REG44_RECOMMENDATIONS, INSPECTIONS, OFSTED_CONTACTS)}


class KindNotAvailable(UserFacingError):
    """No kind of file has that name."""


def kind_named(name: str) -> Kind:
    """The kind, or a plain message naming the kinds there are."""
    key = name.strip().lower().replace("-", "_")
    if key in KINDS:
        return KINDS[key]
    raise KindNotAvailable(f'"{name}" is not a kind of file: use one of {", ".join(ALL_KINDS)}')


# the rota's and the placements' kinds live in their own modules, built on the columns above; importing them
# registers them in KINDS (whichever module is imported first)
importlib.import_module(".csv_rota", __package__)
importlib.import_module(".csv_placements", __package__)
