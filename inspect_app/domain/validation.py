"""Checks on records that return every problem found, in words a care worker can act on; never raise."""

from __future__ import annotations

import re
from dataclasses import fields
from datetime import date
from functools import lru_cache

from .errors import Problem
from .local_time import to_local
from .records import Child, Home, Measure, Staff
from .vocabulary import MeasureKind

URN_PATTERN = re.compile(r"^(SC\d{6}|\d{7})$")
REF_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_./-]{0,31}$")


# Records of children's homes, their staff and their staff's training: nothing before 1900 or after 2100.
YEARS = range(1900, 2101)


def year_problems(record) -> list[Problem]:
    """Every date or time of a record outside YEARS (a typing slip, or a caller's bad value); checked first,
    because the local-time arithmetic of the other checks is not defined at the ends of the calendar."""
    problems = []
    for name in _dated_fields(type(record)):
        value = getattr(record, name)
        if isinstance(value, date) and value.year not in YEARS:  # a datetime is a date too
            problems.append(Problem(name, f"the year must be from {YEARS[0]} to {YEARS[-1]}"))
    return problems


@lru_cache(maxsize=None)
def _dated_fields(cls: type) -> tuple[str, ...]:
    """A record class's fields that hold a date or a date and time, found once from their annotations (an import
    checks 100,000 records)."""
    return tuple(f.name for f in fields(cls) if "date" in str(f.type))


def check_ref(ref: str, field: str = "ref") -> list[Problem]:
    if not ref.strip():
        return [Problem(field, "a reference is required")]
    if not REF_PATTERN.match(ref):
        return [Problem(field, "use up to 32 letters, digits, dashes or dots, e.g. R-0042")]
    return []


def validate_home(home: Home) -> list[Problem]:
    problems: list[Problem] = []
    if not URN_PATTERN.match(home.urn.strip().upper()):
        problems.append(Problem("urn", "an Ofsted URN looks like SC123456, or 7 digits"))
    if not home.name.strip():
        problems.append(Problem("name", "the home needs a name"))
    if home.places is not None and not 1 <= home.places <= 99:
        problems.append(Problem("places", "the number of places must be between 1 and 99"))
    if home.age_min is not None and home.age_max is not None and home.age_min > home.age_max:
        problems.append(Problem("age_max", "the oldest age is below the youngest"))
    if home.pi_scheme.strip() and not home.pi_holds:
        problems.append(Problem("pi_holds", "list the holds of the scheme, one a line"))
    return problems


def validate_child(child: Child) -> list[Problem]:
    if found := year_problems(child):
        return found
    problems = check_ref(child.ref, "child_ref")
    if not child.first_name.strip():
        problems.append(Problem("first_name", "the first name is required"))
    if not child.last_name.strip():
        problems.append(Problem("last_name", "the last name is required"))
    if child.date_of_birth and child.date_of_birth > child.admitted_on:
        problems.append(Problem("date_of_birth", "the date of birth is after the admission date"))
    if child.left_on and child.left_on < child.admitted_on:
        problems.append(Problem("left_on", "the leaving date is before the admission date"))
    return problems


def validate_staff(staff: Staff) -> list[Problem]:
    if found := year_problems(staff):
        return found
    problems = check_ref(staff.ref, "staff_ref")
    if not staff.full_name.strip():
        problems.append(Problem("full_name", "the full name is required"))
    started = staff.care_role_started_on
    for field_name in ("level3_achieved_on", "level5_achieved_on"):
        achieved: date | None = getattr(staff, field_name)
        if achieved and staff.left_on and achieved > staff.left_on:
            problems.append(Problem(field_name, "this date is after the person left"))
    if started and staff.left_on and staff.left_on < started:
        problems.append(Problem("left_on", "the leaving date is before the care role started"))
    return problems


def validate_measure(measure: Measure, child: Child | None = None) -> list[Problem]:
    """Consistency that holds for every record, typed or imported from the past."""
    if found := year_problems(measure):
        return found
    problems = check_ref(measure.ref, "incident_ref")
    start = measure.started_at
    if measure.recorded_at < start:
        problems.append(Problem("recorded_at", "the record is dated before the measure started"))
    if measure.duration_minutes is not None and not 0 <= measure.duration_minutes <= 24 * 60:
        problems.append(Problem("duration_minutes", "the duration must be between 0 and 1,440 minutes"))
    for when, who, label in (
        ("signed_at", "signed_by", "signed"),
        ("child_spoken_to_at", "child_spoken_to_by", "spoke to the child"),
    ):
        at, by = getattr(measure, when), getattr(measure, who)
        if at is not None and at < start:
            problems.append(Problem(when, f"{label} before the measure started"))
        if (at is None) != (by is None):
            missing = who if by is None else when
            problems.append(Problem(missing, f"say both who {label} and when"))
    if measure.signed_at is not None and start <= measure.signed_at < measure.recorded_at:
        problems.append(Problem("signed_at", "the record is signed before it was made"))
    problems += _planned_problems(measure, child)
    if measure.user_spoken_to_at is not None and measure.user_spoken_to_at < start:
        problems.append(Problem("user_spoken_to_at", "spoken to staff before the measure started"))
    if measure.injury is False and measure.injury_details.strip():
        problems.append(Problem("injury", "injury details are given but injury is 'no'"))
    if measure.position is not None and measure.kind not in (MeasureKind.RESTRAINT, MeasureKind.HOLDING):
        problems.append(Problem("position", "a position applies to a restraint or a hold only"))
    if child is not None:
        day = to_local(start).date()
        if day < child.admitted_on or (child.left_on is not None and day > child.left_on):
            problems.append(
                Problem("child_ref", f"{child.ref} was not living at the home on {day:%d/%m/%Y}")
            )
    return problems


# reg 35(4): restraint planned as routine in a child's EHC plan; restricting liberty and holding are restraint
# too (DOMAIN: the physical intervention ladder), a sanction or other control never is.
PLANNABLE = frozenset({MeasureKind.RESTRAINT, MeasureKind.HOLDING, MeasureKind.RESTRICTION_OF_LIBERTY})


def _planned_problems(measure: Measure, child: Child | None) -> list[Problem]:
    if not measure.planned_in_ehcp:
        return []
    if measure.kind not in PLANNABLE:
        return [Problem("planned_in_ehcp", "only restraint can be planned in a child's EHC plan (reg 35(4)); "
                                           f"a {measure.kind.label.lower()} cannot")]
    if child is not None and child.ehcp is False:
        return [Problem("planned_in_ehcp", f"{child.ref} has no EHC plan on the register of children, so "
                                           "nothing can be planned in one (reg 35(4))")]
    return []


def completeness_problems(measure: Measure) -> list[Problem]:
    """What reg 35(3)(a) requires in the record; the form insists, an import reports."""
    problems: list[Problem] = []
    required_text = {
        "behaviour": "describe the behaviour that led to the measure (reg 35(3)(a)(ii))",
        "location": "say where it happened (reg 35(3)(a)(iii))",
        "description": "describe the measure used (reg 35(3)(a)(iv))",
        "avoidance_steps": "say what was tried first to avoid it (reg 35(3)(a)(v))",
        "effectiveness": "say how effective it was and its consequences (reg 35(3)(a)(vii))",
    }
    for name, message in required_text.items():
        if not str(getattr(measure, name)).strip():
            problems.append(Problem(name, message))
    if measure.duration_minutes is None:
        problems.append(Problem("duration_minutes", "say how long it lasted (reg 35(3)(a)(iv))"))
    if not measure.used_by:
        problems.append(Problem("used_by", "name who used the measure (reg 35(3)(a)(vi))"))
    if measure.injury is None:
        problems.append(Problem("injury", "say whether anyone was injured (reg 35(3)(a)(viii))"))
    elif measure.injury and not measure.injury_details.strip():
        problems.append(Problem("injury_details", "describe the injury and any treatment (reg 35(3)(a)(viii))"))
    if measure.is_restraint:
        if measure.position is None:
            problems.append(Problem("position", "choose the position the child was held in"))
        if not measure.holds:
            problems.append(Problem("holds", "choose at least one hold used"))
    return problems

