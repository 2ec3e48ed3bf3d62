"""Referrals and placement decisions (reg 14(2)(a); Narey recommendations 23 and 24): the checks of one referral, the
statement of purpose in effect, and the placements keys of SPEC 7 as at a moment."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timezone

import pytest

from inspect_app.domain.local_time import Period
from inspect_app.domain.placements import (PurposeGaps, PurposeVersion, Referral, needs_explaining, placements_report,
                                           future_problems, purpose_gaps, purpose_on, validate_purpose,
                                           validate_referral)
from inspect_app.domain.vocabulary import DeciderRole, Ending, ManagerView, ReferralDecision, RiskLevel, SopFit

RM, RI, OTHER = DeciderRole.REGISTERED_MANAGER, DeciderRole.RESPONSIBLE_INDIVIDUAL, DeciderRole.OTHER
ACCEPTED, DECLINED = ReferralDecision.ACCEPTED, ReferralDecision.DECLINED
TODAY = date(2026, 11, 22)


def referral(ref: str = "RF-01", referred_on: date = date(2026, 3, 2), **kw) -> Referral:
    return Referral(home_id=1, ref=ref, referred_on=referred_on, child_initials=kw.pop("child_initials", "J.B."), **kw)


def fields(problems) -> list[str]:
    return [p.field for p in problems]


# one referral ------------------------------------------------------------------------------------------------------

def test_a_plain_pending_referral_is_valid_and_needs_initials_or_a_child():
    assert validate_referral(referral()) == []
    assert fields(validate_referral(referral(child_initials=" "))) == ["child_initials"]
    assert validate_referral(referral(child_initials="", child_id=3, decision=ACCEPTED, decided_on=date(2026, 3, 4),
                                      admitted_on=date(2026, 3, 5))) == []


def test_dates_must_follow_the_referral_and_each_other():
    early = referral(impact_assessed_on=date(2026, 3, 1), decision=ACCEPTED, decided_on=date(2026, 3, 1),
                     admitted_on=date(2026, 3, 1))
    assert fields(validate_referral(early)) == ["impact_assessed_on", "decided_on", "admitted_on"]
    before_decision = referral(decision=ACCEPTED, decided_on=date(2026, 3, 9), admitted_on=date(2026, 3, 8))
    assert [p.message for p in validate_referral(before_decision)] == ["admission is dated before the decision"]
    ends_first = referral(decision=ACCEPTED, admitted_on=date(2026, 3, 9), ended_on=date(2026, 3, 8),
                          ending=Ending.PLANNED)
    assert fields(validate_referral(ends_first)) == ["ended_on"]


def test_what_a_person_records_has_happened_by_today_while_a_file_keeps_its_dates():
    coming = referral(referred_on=date(2026, 11, 20), decision=ACCEPTED, decided_on=date(2026, 11, 21),
                      admitted_on=date(2026, 11, 23), ended_on=date(2026, 11, 30), ending=Ending.PLANNED)
    assert validate_referral(coming) == []  # an import keeps what the file says; the checks read it as at a moment
    assert fields(future_problems(coming, TODAY)) == ["admitted_on", "ended_on"]
    assert fields(future_problems(replace(coming, referred_on=date(2026, 11, 23)), date(2026, 11, 22))) == [
        "referred_on", "admitted_on", "ended_on"]


@pytest.mark.parametrize("changes, field", [
    (dict(decision=DECLINED, admitted_on=date(2026, 3, 9)), "admitted_on"),  # only an accepted one is admitted
    (dict(decided_on=date(2026, 3, 9)), "decided_on"),  # pending with a decision date
    (dict(impact_risk=RiskLevel.HIGH), "impact_assessed_on"),  # an assessment without its date
    (dict(ended_on=date(2026, 4, 1), ending=Ending.UNPLANNED), "ended_on"),  # an ending with no admission
    (dict(decision=ACCEPTED, admitted_on=date(2026, 3, 9), ended_on=date(2026, 4, 1)), "ending"),
    (dict(decision=ACCEPTED, admitted_on=date(2026, 3, 9), ending=Ending.PLANNED), "ended_on"),
    (dict(age_at_referral=26), "age_at_referral"),
    (dict(ref="RF 01"), "referral_ref"),
])
def test_inconsistent_referrals_are_refused_on_the_right_field(changes, field):
    assert fields(validate_referral(referral(**changes))) == [field]


def test_a_statement_of_purpose_version_needs_its_needs_and_sensible_ages():
    good = PurposeVersion(1, date(2024, 1, 1), ("Autism",), 8, 17, 4, True)
    assert validate_purpose(good) == []
    bad = replace(good, needs=(), age_min=18, age_max=12, places=0)
    assert fields(validate_purpose(bad)) == ["needs", "age_max", "places"]
    assert fields(validate_purpose(replace(good, needs=("Autism", "autism")))) == ["needs"]


def test_the_statement_in_effect_is_the_latest_version_on_or_before_the_day():
    first = PurposeVersion(1, date(2023, 4, 1), ("Autism",))
    second = PurposeVersion(1, date(2025, 9, 1), ("Autism", "Mental health"))
    assert purpose_on([second, first], date(2023, 3, 31)) is None
    assert purpose_on([second, first], date(2025, 8, 31)) == first
    assert purpose_on([second, first], date(2025, 9, 1)) == second


def test_a_decision_needs_its_rationale_when_another_decided_or_it_went_against_the_manager():
    by_ri = referral(decision=ACCEPTED, decided_on=date(2026, 3, 5), decided_by_role=RI,
                     manager_view=ManagerView.OPPOSE)
    assert "final say to the registered manager" in needs_explaining(by_ri, RM)
    assert needs_explaining(by_ri, RI) == "decided against the manager's view"
    assert needs_explaining(replace(by_ri, rationale="The local authority had no other bed"), RM) == ""
    by_manager = replace(by_ri, decided_by_role=RM, manager_view=ManagerView.SUPPORT)
    assert needs_explaining(by_manager, RM) == ""
    assert needs_explaining(referral(), OTHER) == ""  # pending: nothing decided yet


# the placements keys of SPEC 7 -------------------------------------------------------------------------------------

YEAR = Period(date(2026, 1, 1), date(2026, 12, 31))
AS_AT = datetime(2026, 11, 20, 12, 0, tzinfo=timezone.utc)


def hand_checked_year() -> list[Referral]:
    a = dict(decision=ACCEPTED, decided_by="Pat Reid", decided_by_role=RM)
    return [
        # accepted within, assessed before admission, still placed: accepted only
        referral("RF-01", date(2026, 1, 5), sop_fit=SopFit.WITHIN, impact_assessed_on=date(2026, 1, 8),
                 manager_view=ManagerView.SUPPORT, decided_on=date(2026, 1, 9), admitted_on=date(2026, 1, 12), **a),
        # accepted partly, assessed on the admission day (in time), ended unplanned in the year
        referral("RF-02", date(2026, 2, 1), sop_fit=SopFit.PARTLY, sop_notes="autism not in the statement",
                 impact_assessed_on=date(2026, 2, 10), decided_on=date(2026, 2, 6), admitted_on=date(2026, 2, 10),
                 ended_on=date(2026, 6, 30), ending=Ending.UNPLANNED, **a),
        # accepted by the RI against the manager's view with no rationale, assessed after admission
        referral("RF-03", date(2026, 3, 1), sop_fit=SopFit.WITHIN, impact_assessed_on=date(2026, 3, 20),
                 manager_view=ManagerView.OPPOSE, decision=ACCEPTED, decided_by="Lee Ward", decided_by_role=RI,
                 decided_on=date(2026, 3, 10), admitted_on=date(2026, 3, 12)),
        # declined while the manager supported, with a rationale: against the view, explained
        referral("RF-04", date(2026, 4, 2), manager_view=ManagerView.SUPPORT, decision=DECLINED,
                 decided_by="Lee Ward", decided_by_role=RI, decided_on=date(2026, 4, 6),
                 rationale="the impact on the two youngest children was too high"),
        # withdrawn by the authority: a referral, neither accepted nor declined
        referral("RF-05", date(2026, 5, 5), decision=ReferralDecision.WITHDRAWN, decided_on=date(2026, 5, 7)),
        # accepted outside the statement, never assessed, not yet admitted
        referral("RF-06", date(2026, 9, 1), sop_fit=SopFit.OUTSIDE, decided_on=date(2026, 9, 3), **a),
        # decided after the as-at day: still pending then (and so not against the manager's view either)
        referral("RF-07", date(2026, 11, 10), manager_view=ManagerView.OPPOSE, decision=ACCEPTED,
                 decided_on=date(2026, 11, 21), decided_by_role=RI),
        # referred before the year; its placement ended unplanned in it: only the ending counts
        referral("RF-00", date(2025, 10, 1), sop_fit=SopFit.OUTSIDE, impact_assessed_on=date(2025, 10, 2),
                 decided_on=date(2025, 10, 3), admitted_on=date(2025, 10, 4), ended_on=date(2026, 2, 14),
                 ending=Ending.UNPLANNED, **a),
        # referred after the as-at day: not yet a referral of the period
        referral("RF-08", date(2026, 11, 21)),
    ]


def test_a_hand_checked_year_gives_exactly_the_placements_lists():
    report = placements_report(hand_checked_year(), YEAR, AS_AT, RM)
    assert report.referrals == ["RF-01", "RF-02", "RF-03", "RF-04", "RF-05", "RF-06", "RF-07"]
    assert report.accepted == ["RF-01", "RF-02", "RF-03", "RF-06"]
    assert report.declined == ["RF-04"]
    assert report.against_manager_view == ["RF-03", "RF-04"]
    assert report.outside_statement_of_purpose == ["RF-02", "RF-06"]
    assert report.accepted_without_impact_assessment == ["RF-03", "RF-06"]
    assert report.unplanned_endings == ["RF-00", "RF-02"]
    assert report.unexplained == ["RF-03"]  # by the RI, not the final say, against the manager, no rationale
    rules = sorted((f.record_ref, f.rule.citation) for f in report.findings)
    assert rules == [("RF-02", "reg 14(2)(a)"), ("RF-03", "Narey recommendations 23 and 24"),
                     ("RF-03", "reg 14(2)(a)"), ("RF-06", "reg 14(2)(a)"), ("RF-06", "reg 14(2)(a)")]


def test_as_at_an_earlier_moment_what_came_later_had_not_happened():
    report = placements_report(hand_checked_year(), YEAR, datetime(2026, 3, 15, 12, 0, tzinfo=timezone.utc), RM)
    assert report.referrals == ["RF-01", "RF-02", "RF-03"]
    assert report.unplanned_endings == ["RF-00"]  # RF-02 ended in June
    # RF-03's assessment (20/03) had not been made by then: accepted without one
    assert report.accepted_without_impact_assessment == ["RF-03"]


def test_an_empty_period_has_empty_lists():
    report = placements_report([], YEAR, AS_AT, RM)
    assert (report.referrals, report.accepted, report.findings) == ([], [], [])


def test_someone_else_deciding_is_worded_plainly():
    decided = referral(decision=DECLINED, decided_on=date(2026, 3, 5), decided_by_role=OTHER)
    assert needs_explaining(decided, RM) == ("decided by someone else, while the provider gives the final say to the "
                                             "registered manager")
    assert needs_explaining(replace(decided, decided_by_role=RM), OTHER).endswith("final say to someone else")


def test_a_withdrawal_needs_no_rationale_but_an_unrecorded_decider_or_the_manager_against_their_view_does():
    withdrawn = referral(decision=ReferralDecision.WITHDRAWN, decided_on=date(2026, 3, 5), decided_by_role=OTHER)
    assert needs_explaining(withdrawn, RM) == ""
    unknown = referral(decision=ACCEPTED, decided_on=date(2026, 3, 5))
    assert needs_explaining(unknown, RM) == "who decided, and in what role, is not recorded"
    against_self = replace(unknown, decided_by_role=RM, manager_view=ManagerView.OPPOSE)
    assert needs_explaining(against_self, RM) == "decided against the manager's view"


def test_an_accepted_referral_with_no_fit_recorded_is_a_finding_outside_the_spec_lists():
    accepted = referral(decision=ACCEPTED, decided_on=date(2026, 3, 5), decided_by_role=RM,
                        impact_assessed_on=date(2026, 3, 4))
    report = placements_report([accepted], YEAR, AS_AT, RM)
    assert report.outside_statement_of_purpose == []
    assert [(f.record_ref, f.detail) for f in report.findings] == [
        ("RF-01", "accepted with no fit with the statement of purpose recorded")]


def test_a_child_on_a_referral_not_accepted_is_refused_on_the_child_column():
    assert fields(validate_referral(referral(child_id=4, decision=DECLINED, decided_on=date(2026, 3, 4)))) == [
        "child_ref"]


def test_an_accepted_referral_recorded_within_a_statement_that_does_not_cover_it_is_a_finding():
    statement = PurposeVersion(1, date(2025, 1, 1), ("Autism", "Self-harm"), 11, 17, 4, emergency_admissions=False)
    r = referral(decision=ACCEPTED, decided_on=date(2026, 3, 5), decided_by_role=RM,
                 impact_assessed_on=date(2026, 3, 4), sop_fit=SopFit.WITHIN, needs=("autism", "Substance misuse"), age_at_referral=10, emergency=True)
    assert purpose_gaps(r, statement) == PurposeGaps(("Substance misuse",), 10, True)
    report = placements_report([r], YEAR, AS_AT, RM, [statement])
    assert [f.detail for f in report.findings] == ["recorded as within the statement of purpose, which does not cover "
                                                   "needs Substance misuse or age 10 or an emergency admission"]
    assert report.outside_statement_of_purpose == []  # SPEC 7's list goes by the fit recorded
    covered = replace(r, needs=("Autism",), age_at_referral=12, emergency=False)
    assert not purpose_gaps(covered, statement)
    assert placements_report([covered], YEAR, AS_AT, RM, [statement]).findings == []
    assert not purpose_gaps(r, None)
