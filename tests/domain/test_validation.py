"""Every rule in domain/validation.py: the field each problem names, and words a care worker can act on."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta, timezone

import pytest

from inspect_app.domain.errors import Problem, ValidationFailed
from inspect_app.domain.records import Child, Home, Measure, Staff
from inspect_app.domain.validation import (
    check_ref,
    completeness_problems,
    validate_child,
    validate_home,
    validate_measure,
    validate_staff,
)
from inspect_app.domain.vocabulary import MeasureKind, Position, StaffRole

UTC = timezone.utc
START = datetime(2026, 11, 20, 15, 0, tzinfo=UTC)
HOUR = timedelta(hours=1)

HOME = Home(urn="SC123456", name="Oak House", places=4)
CHILD = Child(home_id=1, ref="C-01", first_name="Amy", last_name="Brown", admitted_on=date(2025, 6, 1),
              date_of_birth=date(2011, 4, 3), id=1)
STAFF = Staff(home_id=1, ref="S-01", full_name="Sam Jones", role=StaffRole.SENIOR,
              care_role_started_on=date(2020, 1, 6))
COMPLETE = Measure(
    home_id=1, ref="R-0001", child_id=1, kind=MeasureKind.RESTRAINT, started_at=START, recorded_at=START + HOUR,
    duration_minutes=4, location="Lounge", behaviour="Threw a chair at a peer", avoidance_steps="Talked, offered space",
    description="Two-person seated hold", position=Position.SEATED, holds=("Seated double elbow",), used_by=(1, 2),
    effectiveness="Calmed within minutes", injury=False,
)


def fields(problems: list[Problem]) -> list[str]:
    return [p.field for p in problems]


def only(problems: list[Problem], field: str) -> Problem:
    assert fields(problems) == [field], problems
    return problems[0]


# references ---------------------------------------------------------------------------------

@pytest.mark.parametrize("ref", ["R-0042", "C-03", "a", "X_1.2/3", "A" * 32])
def test_good_references_pass(ref):
    assert check_ref(ref) == []


def test_a_blank_reference_is_required():
    problem = only(check_ref("  ", "child_ref"), "child_ref")
    assert "required" in problem.message


@pytest.mark.parametrize("ref", ["-R1", "R 1", "A" * 33, "R#1", "é1"])
def test_a_malformed_reference_says_what_a_reference_looks_like(ref):
    problem = only(check_ref(ref, "incident_ref"), "incident_ref")
    assert "R-0042" in problem.message


# home ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("urn", ["SC123456", "sc123456", " SC123456 ", "1234567"])
def test_good_urns_pass(urn):
    assert validate_home(replace(HOME, urn=urn)) == []


@pytest.mark.parametrize("urn", ["", "SC12345", "SC1234567", "123456", "12345678", "XY123456"])
def test_a_bad_urn_names_the_field_and_the_two_shapes(urn):
    problem = only(validate_home(replace(HOME, urn=urn)), "urn")
    assert "SC123456" in problem.message and "7 digits" in problem.message


def test_the_home_needs_a_name():
    assert "name" in only(validate_home(replace(HOME, name="  ")), "name").message


@pytest.mark.parametrize("places, ok", [(None, True), (1, True), (99, True), (0, False), (100, False), (-1, False)])
def test_places_are_between_1_and_99(places, ok):
    problems = validate_home(replace(HOME, places=places))
    if ok:
        assert problems == []
    else:
        assert "between 1 and 99" in only(problems, "places").message


def test_every_home_problem_is_reported_at_once():
    assert fields(validate_home(Home(urn="x", name="", places=0))) == ["urn", "name", "places"]


# child --------------------------------------------------------------------------------------

def test_a_good_child_passes():
    assert validate_child(CHILD) == []


@pytest.mark.parametrize("name_field", ["first_name", "last_name"])
def test_both_names_are_required(name_field):
    problem = only(validate_child(replace(CHILD, **{name_field: " "})), name_field)
    assert "required" in problem.message


def test_the_child_reference_is_checked_under_child_ref():
    only(validate_child(replace(CHILD, ref="")), "child_ref")


def test_born_after_admission_is_refused_but_born_on_the_day_is_not():
    assert "after the admission" in only(
        validate_child(replace(CHILD, date_of_birth=date(2025, 6, 2))), "date_of_birth").message
    assert validate_child(replace(CHILD, date_of_birth=date(2025, 6, 1))) == []


def test_leaving_before_admission_is_refused_but_leaving_the_same_day_is_not():
    assert "before the admission" in only(validate_child(replace(CHILD, left_on=date(2025, 5, 31))), "left_on").message
    assert validate_child(replace(CHILD, left_on=date(2025, 6, 1))) == []


# staff --------------------------------------------------------------------------------------

def test_good_staff_pass():
    assert validate_staff(STAFF) == []


def test_staff_need_a_reference_and_a_full_name():
    assert fields(validate_staff(replace(STAFF, ref="", full_name=""))) == ["staff_ref", "full_name"]


@pytest.mark.parametrize("field_name", ["level3_achieved_on", "level5_achieved_on"])
def test_a_qualification_after_leaving_is_refused(field_name):
    staff = replace(STAFF, left_on=date(2024, 1, 1), **{field_name: date(2024, 1, 2)})
    assert "after the person left" in only(validate_staff(staff), field_name).message
    assert validate_staff(replace(staff, **{field_name: date(2024, 1, 1)})) == []


def test_leaving_before_starting_a_care_role_is_refused():
    staff = replace(STAFF, left_on=date(2020, 1, 5))
    assert "before the care role started" in only(validate_staff(staff), "left_on").message


# measure: consistency -------------------------------------------------------------------------

def test_a_complete_consistent_measure_has_no_problems():
    assert validate_measure(COMPLETE, CHILD) == []
    assert completeness_problems(COMPLETE) == []


def test_the_incident_reference_is_checked():
    only(validate_measure(replace(COMPLETE, ref="bad ref")), "incident_ref")


def test_a_record_dated_before_the_measure_started_is_refused():
    # SPEC 7: "a record made before the measure started is an error"
    problem = only(validate_measure(replace(COMPLETE, recorded_at=START - timedelta(minutes=1))), "recorded_at")
    assert "before the measure started" in problem.message
    assert validate_measure(replace(COMPLETE, recorded_at=START)) == []


def test_a_late_record_is_not_a_validation_problem():
    # SPEC 7: a late step is a finding, not an import error
    assert validate_measure(replace(COMPLETE, recorded_at=START + timedelta(days=30))) == []


@pytest.mark.parametrize("minutes, ok", [(0, True), (1440, True), (-1, False), (1441, False), (None, True)])
def test_duration_is_between_0_and_1440_minutes(minutes, ok):
    problems = validate_measure(replace(COMPLETE, duration_minutes=minutes))
    if ok:
        assert problems == []
    else:
        assert "1,440" in only(problems, "duration_minutes").message


@pytest.mark.parametrize("when, who", [("signed_at", "signed_by"), ("child_spoken_to_at", "child_spoken_to_by")])
def test_a_step_needs_both_who_and_when(when, who):
    without_who = replace(COMPLETE, **{when: START + HOUR})
    assert "both who" in only(validate_measure(without_who), who).message
    without_when = replace(COMPLETE, **{who: 1})
    assert "both who" in only(validate_measure(without_when), when).message
    assert validate_measure(replace(COMPLETE, **{when: START + HOUR, who: 1})) == []


@pytest.mark.parametrize("when, who", [("signed_at", "signed_by"), ("child_spoken_to_at", "child_spoken_to_by")])
def test_a_step_before_the_measure_started_is_refused(when, who):
    early = replace(COMPLETE, **{when: START - timedelta(minutes=1), who: 1})
    assert "before the measure started" in only(validate_measure(early), when).message


def test_speaking_to_staff_before_the_measure_started_is_refused():
    early = replace(COMPLETE, user_spoken_to_at=START - timedelta(minutes=1))
    assert "before the measure started" in only(validate_measure(early), "user_spoken_to_at").message


def test_injury_details_with_injury_no_are_refused():
    m = replace(COMPLETE, injury=False, injury_details="Graze to the elbow")
    assert "injury is 'no'" in only(validate_measure(m), "injury").message
    assert validate_measure(replace(m, injury=True)) == []
    assert validate_measure(replace(m, injury=None)) == []


@pytest.mark.parametrize("kind, ok", [
    (MeasureKind.RESTRAINT, True), (MeasureKind.HOLDING, True), (MeasureKind.SANCTION, False),
    (MeasureKind.RESTRICTION_OF_LIBERTY, False), (MeasureKind.OTHER, False),
])
def test_a_position_applies_to_a_restraint_or_a_hold_only(kind, ok):
    problems = validate_measure(replace(COMPLETE, kind=kind, position=Position.STANDING))
    if ok:
        assert problems == []
    else:
        assert "restraint or a hold" in only(problems, "position").message


def test_the_child_must_be_living_at_the_home_that_local_day():
    admitted = replace(CHILD, admitted_on=date(2026, 11, 21), left_on=date(2026, 12, 1))
    problem = only(validate_measure(COMPLETE, admitted), "child_ref")
    assert problem.message == "C-01 was not living at the home on 20/11/2026"
    left = replace(CHILD, left_on=date(2026, 11, 19))
    assert only(validate_measure(COMPLETE, left), "child_ref").message.endswith("on 20/11/2026")
    assert validate_measure(COMPLETE, replace(CHILD, left_on=date(2026, 11, 20))) == []  # leaving day counts
    assert validate_measure(COMPLETE, replace(CHILD, admitted_on=date(2026, 11, 20))) == []


def test_the_living_at_home_check_uses_the_local_date_not_the_utc_date():
    # 00:30 BST on 01/07/2026 is 23:30 UTC on 30/06: the child admitted on 01/07 was there
    night = datetime(2026, 6, 30, 23, 30, tzinfo=UTC)
    m = replace(COMPLETE, started_at=night, recorded_at=night + HOUR)
    assert validate_measure(m, replace(CHILD, admitted_on=date(2026, 7, 1))) == []
    assert fields(validate_measure(m, replace(CHILD, left_on=date(2026, 6, 30)))) == ["child_ref"]


def test_every_measure_problem_is_reported_at_once():
    bad = replace(COMPLETE, ref="", recorded_at=START - HOUR, duration_minutes=-5, signed_at=START - HOUR,
                  user_spoken_to_at=START - HOUR, injury=False, injury_details="x", kind=MeasureKind.SANCTION)
    assert fields(validate_measure(bad)) == [
        "incident_ref", "recorded_at", "duration_minutes", "signed_at", "signed_by", "user_spoken_to_at",
        "injury", "position"]


# measure: completeness (reg 35(3)(a)) ----------------------------------------------------------

REQUIRED_TEXT = {
    "behaviour": "(ii)", "location": "(iii)", "description": "(iv)", "avoidance_steps": "(v)",
    "effectiveness": "(vii)",
}


@pytest.mark.parametrize("name, part", REQUIRED_TEXT.items())
def test_each_required_text_names_its_field_and_its_part_of_reg_35(name, part):
    problem = only(completeness_problems(replace(COMPLETE, **{name: "   "})), name)
    assert f"reg 35(3)(a){part}" in problem.message


def test_duration_used_by_and_injury_are_required():
    m = replace(COMPLETE, duration_minutes=None, used_by=(), injury=None)
    problems = completeness_problems(m)
    assert fields(problems) == ["duration_minutes", "used_by", "injury"]
    assert "(iv)" in problems[0].message and "(vi)" in problems[1].message and "(viii)" in problems[2].message


def test_an_injury_needs_its_details():
    problem = only(completeness_problems(replace(COMPLETE, injury=True)), "injury_details")
    assert "(viii)" in problem.message
    assert completeness_problems(replace(COMPLETE, injury=True, injury_details="Graze")) == []


def test_a_restraint_needs_its_position_and_holds():
    m = replace(COMPLETE, position=None, holds=())
    problems = completeness_problems(m)
    assert fields(problems) == ["position", "holds"]
    assert "position" in problems[0].message and "hold" in problems[1].message


@pytest.mark.parametrize("kind", [MeasureKind.SANCTION, MeasureKind.RESTRICTION_OF_LIBERTY, MeasureKind.OTHER,
                                  MeasureKind.HOLDING])
def test_other_measures_need_no_position_or_holds(kind):
    assert completeness_problems(replace(COMPLETE, kind=kind, position=None, holds=())) == []


def test_an_empty_sanction_lists_every_missing_detail():
    empty = Measure(home_id=1, ref="R-1", child_id=1, kind=MeasureKind.SANCTION, started_at=START,
                    recorded_at=START)
    assert sorted(fields(completeness_problems(empty))) == sorted(
        [*REQUIRED_TEXT, "duration_minutes", "used_by", "injury"])
    empty_restraint = replace(empty, kind=MeasureKind.RESTRAINT)
    assert sorted(fields(completeness_problems(empty_restraint))) == sorted(
        [*REQUIRED_TEXT, "duration_minutes", "used_by", "injury", "position", "holds"])


def test_validation_failed_carries_every_problem_with_its_field():
    error = ValidationFailed([Problem("location", "say where"), Problem("", "general")])
    assert error.problems == [Problem("location", "say where"), Problem("", "general")]
    assert str(error) == "location: say where; general"


# reg 35(4) and the order of the steps ------------------------------------------------------

def test_a_record_signed_before_it_was_made_is_refused():
    m = replace(COMPLETE, recorded_at=START + timedelta(hours=5), signed_at=START + timedelta(hours=4), signed_by=1)
    assert "signed before it was made" in only(validate_measure(m), "signed_at").message


@pytest.mark.parametrize("kind", [MeasureKind.SANCTION, MeasureKind.OTHER])
def test_only_restraint_can_be_planned_in_an_ehc_plan(kind):
    m = replace(COMPLETE, kind=kind, position=None, holds=(), planned_in_ehcp=True)
    assert "reg 35(4)" in only(validate_measure(m), "planned_in_ehcp").message


@pytest.mark.parametrize("kind", [MeasureKind.RESTRAINT, MeasureKind.HOLDING])
def test_restraint_or_a_hold_can_be_planned_in_an_ehc_plan(kind):
    assert not [p for p in validate_measure(replace(COMPLETE, kind=kind, planned_in_ehcp=True))
                if p.field == "planned_in_ehcp"]


def test_nothing_is_planned_in_an_ehc_plan_the_child_does_not_have():
    child = Child(home_id=1, ref="C-01", first_name="Amy", last_name="Brown", admitted_on=date(2025, 1, 1), ehcp=False)
    m = replace(COMPLETE, planned_in_ehcp=True)
    assert "no EHC plan" in only(validate_measure(m, child), "planned_in_ehcp").message
    unknown = replace(child, ehcp=None)  # not recorded on the register: not refused
    assert not [p for p in validate_measure(m, unknown) if p.field == "planned_in_ehcp"]
