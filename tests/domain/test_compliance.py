"""measures_report and annex_a on hand-built records: period edges, as-at moments, counts and sorting (SPEC 3, 5, 7)."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from inspect_app.domain.compliance import annex_a, measures_report
from inspect_app.domain.local_time import Period, from_wall_time
from inspect_app.domain.records import Child, Measure, Staff
from inspect_app.domain.vocabulary import MeasureKind, StaffRole

UTC = timezone.utc
HOUR = timedelta(hours=1)

AMY = Child(home_id=1, ref="C-01", first_name="Amy", last_name="Brown", admitted_on=date(2025, 6, 1), id=1)
BEN = Child(home_id=1, ref="C-02", first_name="Ben", last_name="Cole", admitted_on=date(2025, 6, 1), id=2)
CAL = Child(home_id=1, ref="C-03", first_name="Cal", last_name="Dean", admitted_on=date(2025, 6, 1), id=3)
CHILDREN = {c.id: c for c in (AMY, BEN, CAL)}
SAM = Staff(home_id=1, ref="S-01", full_name="Sam Jones", role=StaffRole.SENIOR, authorised_signoff=True, id=10)
KIM = Staff(home_id=1, ref="S-02", full_name="Kim Patel", role=StaffRole.CARE_WORKER, id=11)
STAFF = {s.id: s for s in (SAM, KIM)}

OCTOBER = Period(date(2026, 10, 1), date(2026, 10, 31))
LATE_AS_AT = datetime(2026, 12, 31, 12, 0, tzinfo=UTC)


def wall(*args) -> datetime:
    return from_wall_time(datetime(*args))


def measure(ref: str, started_at: datetime, child: Child = AMY, kind: MeasureKind = MeasureKind.RESTRAINT,
            *, complete: bool = True, **changes) -> Measure:
    """A measure recorded an hour after it started; with `complete`, signed at 2 h and child spoken to at 1 day."""
    values = dict(home_id=1, ref=ref, child_id=child.id, kind=kind, started_at=started_at,
                  recorded_at=started_at + HOUR)
    if complete:
        values.update(signed_at=started_at + 2 * HOUR, signed_by=SAM.id, user_spoken_to_at=started_at + 2 * HOUR,
                      child_spoken_to_at=started_at + timedelta(days=1), child_spoken_to_by=SAM.id,
                      child_views="said sorry")
    values.update(changes)
    return Measure(**values)


def report(measures, period=OCTOBER, as_at=LATE_AS_AT):
    return measures_report(measures, CHILDREN, STAFF, period, as_at)


def figures(measures, children=(AMY, BEN, CAL), period=OCTOBER, as_at=LATE_AS_AT):
    return annex_a(list(children), measures, period, as_at)


# period edges --------------------------------------------------------------------------------

def test_a_measure_at_23_59_local_on_the_last_day_is_in_and_midnight_after_is_out():
    last_minute = measure("R-1", wall(2026, 10, 31, 23, 59))      # GMT: 23:59 UTC
    next_day = measure("R-2", wall(2026, 11, 1, 0, 0))            # 00:00 UTC
    found = report([last_minute, next_day])
    assert found.count == 1
    assert figures([last_minute, next_day]).restraint_incidents == ("R-1",)


def test_in_summer_local_midnight_is_23_00_utc():
    july = Period(date(2026, 7, 1), date(2026, 7, 31))
    first = measure("R-1", datetime(2026, 6, 30, 23, 0, tzinfo=UTC))   # 00:00 BST on 01/07: in
    before = measure("R-0", datetime(2026, 6, 30, 22, 59, tzinfo=UTC))  # 23:59 BST on 30/06: out
    last = measure("R-2", datetime(2026, 7, 31, 22, 59, tzinfo=UTC))   # 23:59 BST on 31/07: in
    after = measure("R-3", datetime(2026, 7, 31, 23, 0, tzinfo=UTC))   # 00:00 BST on 01/08: out
    chosen = figures([first, before, last, after], period=july).restraint_incidents
    assert chosen == ("R-1", "R-2")
    assert report([first, before, last, after], period=july).count == 2


def test_a_period_ending_on_the_fall_back_day_runs_to_midnight_gmt():
    period = Period(date(2026, 10, 1), date(2026, 10, 25))
    in_second_half_past_one = measure("R-1", datetime(2026, 10, 25, 1, 30, tzinfo=UTC))
    late_evening = measure("R-2", datetime(2026, 10, 25, 23, 30, tzinfo=UTC))  # 23:30 GMT on 25/10
    next_day = measure("R-3", datetime(2026, 10, 26, 0, 0, tzinfo=UTC))
    assert figures([in_second_half_past_one, late_evening, next_day], period=period).restraint_incidents == (
        "R-1", "R-2")


def test_a_period_starting_on_the_spring_forward_day_starts_at_midnight_gmt():
    period = Period(date(2026, 3, 29), date(2026, 4, 30))
    before = measure("R-0", datetime(2026, 3, 28, 23, 59, tzinfo=UTC))
    first = measure("R-1", datetime(2026, 3, 29, 0, 0, tzinfo=UTC))
    assert report([before, first], period=period).count == 1


# as-at moments -------------------------------------------------------------------------------

START = wall(2026, 10, 24, 12, 0)  # 11:00 UTC; 48 h later is 26/10 11:00 GMT


def test_before_the_deadlines_open_steps_are_due_not_late():
    m = measure("R-1", START, complete=False)
    found = report([m], as_at=START + 3 * HOUR)
    assert found.due == ["R-1"]
    assert found.late_record == found.late_signoff == found.late_child_debrief == []
    assert {(item.step.value, item.deadline) for item in found.due_items} == {
        ("signoff", START + 48 * HOUR), ("child", datetime(2026, 10, 29, 12, 0, tzinfo=UTC))}


def test_at_exactly_the_48_hour_deadline_the_signoff_is_still_due():
    m = measure("R-1", START, complete=False)
    assert report([m], as_at=START + 48 * HOUR).late_signoff == []
    assert report([m], as_at=START + 48 * HOUR + timedelta(minutes=1)).late_signoff == ["R-1"]


def test_after_the_deadlines_missing_steps_are_late():
    m = measure("R-1", START, complete=False)
    found = report([m], as_at=LATE_AS_AT)
    assert found.late_signoff == ["R-1"]
    assert found.late_child_debrief == ["R-1"]
    assert found.late_record == []
    assert found.due == []
    codes = sorted(f.rule.code for f in found.findings)
    assert codes == ["late_child_debrief", "late_signoff"]


def test_a_step_done_late_is_late_even_though_it_is_done():
    m = measure("R-1", START, recorded_at=START + 25 * HOUR)
    assert report([m]).late_record == ["R-1"]


def test_a_late_signature_made_after_the_as_at_moment_is_missed_at_that_moment():
    m = measure("R-1", START, signed_at=START + 60 * HOUR)
    at_50_hours = report([m], as_at=START + 50 * HOUR)
    assert at_50_hours.late_signoff == ["R-1"]
    finding = next(f for f in at_50_hours.findings if f.rule.code == "late_signoff")
    assert finding.detail.startswith("not done")
    assert finding.deadline == START + 48 * HOUR


def test_an_unauthorised_signature_is_reported_under_signed_by_unauthorised_only():
    m = measure("R-1", START, signed_by=KIM.id, signed_at=START + 72 * HOUR)
    found = report([m])
    assert found.signed_by_unauthorised == ["R-1"]
    assert found.late_signoff == []
    assert found.due == []


def test_a_measure_planned_in_the_ehc_plan_is_exempt_from_every_step():
    m = measure("R-1", START, complete=False, planned_in_ehcp=True, recorded_at=START + 100 * HOUR)
    found = report([m])
    assert found.exempt_planned == ["R-1"]
    assert found.late_record == found.late_signoff == found.late_child_debrief == found.due == []
    assert found.count == 1


def test_a_measure_started_after_the_as_at_moment_is_not_yet_known():
    m = measure("R-1", START)
    assert report([m], as_at=START - HOUR).count == 0
    assert figures([m], as_at=START - HOUR).restraint_incidents == ()


# counts and sorting --------------------------------------------------------------------------

def test_measures_cover_every_kind_and_annex_a_counts_physical_restraint_only():
    day = wall(2026, 10, 10, 15, 0)
    records = [
        measure("R-3", day, AMY, MeasureKind.RESTRAINT),
        measure("R-1", day, BEN, MeasureKind.SANCTION),
        measure("R-2", day, CAL, MeasureKind.HOLDING),
        measure("R-4", day, BEN, MeasureKind.RESTRICTION_OF_LIBERTY),
        measure("R-5", day, CAL, MeasureKind.OTHER),
    ]
    found = report(records)
    assert found.count == 5
    assert found.children == ["C-01", "C-02", "C-03"]
    a = figures(records)
    assert a.restraint_incidents == ("R-3",)
    assert a.children_restrained == ("C-01",)


def test_children_restrained_counts_each_child_once():
    records = [measure(f"R-{n}", wall(2026, 10, n, 10, 0), AMY) for n in (3, 1, 2)]
    records.append(measure("R-9", wall(2026, 10, 9, 10, 0), CAL))
    a = figures(records)
    assert a.restraint_incidents == ("R-1", "R-2", "R-3", "R-9")
    assert a.children_restrained == ("C-01", "C-03")


def test_every_list_is_sorted():
    late = dict(complete=False)
    records = [
        measure("R-09", START, CAL, **late),
        measure("R-03", START, AMY, **late),
        measure("R-05", START, BEN, **late, recorded_at=START + 30 * HOUR),
        measure("R-01", START, BEN, **late, recorded_at=START + 30 * HOUR),
        measure("R-08", START, AMY, planned_in_ehcp=True),
        measure("R-02", START, AMY, planned_in_ehcp=True),
        measure("R-07", START, AMY, signed_by=KIM.id),
        measure("R-04", START, AMY, signed_by=KIM.id),
    ]
    found = report(records)
    for name in ("children", "exempt_planned", "late_record", "late_signoff", "signed_by_unauthorised",
                 "late_child_debrief"):
        values = getattr(found, name)
        assert values and values == sorted(values), name
    assert found.late_record == ["R-01", "R-05"]
    assert found.exempt_planned == ["R-02", "R-08"]
    assert found.signed_by_unauthorised == ["R-04", "R-07"]
    due = report(list(reversed(records)), as_at=START + 3 * HOUR)
    assert due.due == sorted(due.due) and len(due.due) == 6
    deadlines = [item.deadline for item in due.due_items]
    assert deadlines == sorted(deadlines)
    a = figures(list(reversed(records)))
    assert list(a.restraint_incidents) == sorted(a.restraint_incidents)


# residents, admissions and leavers -----------------------------------------------------------

def child(ref: str, admitted: date, left: date | None = None, child_id: int = 50) -> Child:
    return Child(home_id=1, ref=ref, first_name="X", last_name="Y", admitted_on=admitted, left_on=left, id=child_id)


def test_a_child_who_left_on_the_last_day_is_not_resident_but_has_left():
    leaver = child("C-10", date(2026, 1, 5), date(2026, 10, 31))
    a = figures([], [leaver])
    assert a.resident == ()
    assert a.left == ("C-10",)


def test_admitted_and_left_count_dates_within_the_period_inclusive():
    children = [
        child("C-11", date(2026, 10, 1)),                         # admitted on the first day
        child("C-12", date(2026, 9, 30)),                         # admitted the day before: not admitted
        child("C-13", date(2026, 10, 31)),                        # admitted on the last day
        child("C-14", date(2026, 11, 1)),                         # admitted the day after
        child("C-15", date(2026, 1, 1), date(2026, 10, 1)),       # left on the first day
        child("C-16", date(2026, 1, 1), date(2026, 9, 30)),       # left before
        child("C-17", date(2026, 10, 5), date(2026, 10, 20)),     # came and went within
        child("C-18", date(2026, 1, 1), date(2026, 11, 1)),       # left the day after the period
    ]
    a = figures([], children)
    assert a.admitted == ("C-11", "C-13", "C-17")
    assert a.left == ("C-15", "C-17")
    assert a.resident == ("C-11", "C-12", "C-13", "C-18")


def test_an_empty_period_gives_zeros_and_empty_lists():
    found = report([])
    assert found.count == 0
    assert found.children == found.due == found.exempt_planned == []
    assert found.findings == [] and found.due_items == []
    a = figures([], [])
    assert a.admitted == a.left == a.resident == a.restraint_incidents == a.children_restrained == ()


def test_measures_outside_the_period_do_not_count_anywhere():
    records = [measure("R-1", wall(2026, 9, 30, 23, 59), complete=False),
               measure("R-2", wall(2026, 11, 1, 0, 1), complete=False)]
    found = report(records)
    assert found.count == 0
    assert found.late_signoff == [] and found.children == []


@pytest.mark.parametrize("as_at", [START - HOUR, START + HOUR, LATE_AS_AT])
def test_resident_is_about_the_end_of_the_period_whatever_the_as_at_moment(as_at):
    stays = child("C-20", date(2026, 2, 1))
    assert figures([], [stays], as_at=as_at).resident == ("C-20",)
