"""Keeping referrals and the statement of purpose: permitted, checked and audited; admitting a child from a referral
makes their register entry in the same step; the provider's final-say setting and need categories."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from inspect_app.domain.errors import ValidationFailed
from inspect_app.domain.placements import DEFAULT_NEEDS, PurposeVersion, Referral
from inspect_app.domain.records import Child
from inspect_app.domain.roles import NotPermitted, Role
from inspect_app.domain.vocabulary import DeciderRole, ReferralDecision
from inspect_app.services import placements
from inspect_app.services.verify import verify
from tests.conftest import signed_in_as

ACCEPTED = ReferralDecision.ACCEPTED


def accepted(home, **kw) -> Referral:
    values = dict(home_id=home.id, ref="RF-01", referred_on=date(2026, 10, 1), child_initials="J.B.",
                  placing_authority="Leeds City Council", decision=ACCEPTED, decided_on=date(2026, 10, 5),
                  admitted_on=date(2026, 10, 8))
    values.update(kw)
    return Referral(**values)


def child_of(home, ref: str = "C-02") -> Child:
    # admitted_on and placing authority are the referral's: what is given here is replaced
    return Child(home_id=home.id, ref=ref, first_name="Jay", last_name="Brook", admitted_on=date(2000, 1, 1),
                 date_of_birth=date(2012, 5, 6))


def problems_of(call) -> list[tuple[str, str]]:
    with pytest.raises(ValidationFailed) as caught:
        call()
    return [(p.field, p.message) for p in caught.value.problems]


def test_a_referral_is_saved_trimmed_and_audited(ws, home):
    saved = placements.save_referral(ws, accepted(home, ref=" RF-01 ", rationale="  fits well "))
    assert (saved.ref, saved.rationale) == ("RF-01", "fits well")
    assert ws.referrals.by_ref(home.id, "RF-01") == saved
    assert verify(ws) == []


def test_a_referral_reference_is_unique_and_its_child_must_be_of_the_home(ws, home, amy):
    placements.save_referral(ws, accepted(home))
    assert problems_of(lambda: placements.save_referral(ws, accepted(home))) == [
        ("referral_ref", "RF-01 is already used by another record")]
    assert problems_of(lambda: placements.save_referral(ws, accepted(home, ref="RF-02", child_id=9999))) == [
        ("child_ref", "choose a child of this home's register")]


def test_admitting_makes_the_register_entry_from_the_referral_and_links_it(ws, home):
    referral = placements.save_referral(ws, accepted(home))
    linked, child = placements.admit(ws, referral, child_of(home))
    assert (child.admitted_on, child.placing_authority) == (date(2026, 10, 8), "Leeds City Council")
    assert linked.child_id == child.id and ws.referrals.get(referral.id) == linked
    assert ws.referrals.of_child(child.id) == linked
    assert verify(ws) == []
    # the same child cannot come from a second referral
    other = placements.save_referral(ws, accepted(home, ref="RF-02"))
    assert problems_of(lambda: placements.save_referral(ws, replace(other, child_id=child.id))) == [
        ("child_ref", "that child was admitted from referral RF-01")]


def test_an_admission_that_fails_leaves_neither_the_child_nor_the_link(ws, home, amy):
    referral = placements.save_referral(ws, accepted(home))
    with pytest.raises(ValidationFailed):
        placements.admit(ws, referral, child_of(home, ref="C-01"))  # Amy's reference is taken
    assert [c.ref for c in ws.children.for_home(home.id)] == ["C-01"]
    assert ws.referrals.get(referral.id).child_id is None
    pending = placements.save_referral(ws, accepted(home, ref="RF-02", decision=ReferralDecision.PENDING,
                                                    decided_on=None, admitted_on=None))
    assert problems_of(lambda: placements.admit(ws, pending, child_of(home))) == [
        ("decision", "only an accepted referral leads to an admission")]


@pytest.mark.parametrize("role", [Role.CARE_STAFF, Role.SENIOR, Role.PROVIDER_VIEWER])
def test_only_managers_and_the_ri_keep_referrals(ws, home, role):
    other = signed_in_as(ws, home, role)
    try:
        with pytest.raises(NotPermitted):
            placements.save_referral(other, accepted(home))
    finally:
        other.close()
    assert ws.referrals.for_home(home.id) == []


def test_the_final_say_is_the_managers_until_the_ri_changes_it_and_only_the_ri_may(ws, home):
    assert placements.final_say(ws, home) is DeciderRole.REGISTERED_MANAGER
    manager = signed_in_as(ws, home, Role.MANAGER)
    try:
        with pytest.raises(NotPermitted, match="only the responsible individual"):
            placements.set_final_say(manager, home, DeciderRole.OTHER)
    finally:
        manager.close()
    placements.set_final_say(ws, home, DeciderRole.RESPONSIBLE_INDIVIDUAL)
    assert placements.final_say(ws, home) is DeciderRole.RESPONSIBLE_INDIVIDUAL
    assert verify(ws) == []


def test_need_categories_start_from_the_defaults_and_are_the_providers_to_change(ws):
    assert placements.need_categories(ws) == DEFAULT_NEEDS
    assert placements.set_need_categories(ws, [" Autism ", "Mental health", ""]) == ("Autism", "Mental health")
    assert placements.need_categories(ws) == ("Autism", "Mental health")
    assert problems_of(lambda: placements.set_need_categories(ws, ["Autism", "autism"])) == [
        ("needs", "a category is listed twice")]


def test_statement_of_purpose_versions_one_a_day(ws, home):
    first = placements.save_purpose(ws, PurposeVersion(home.id, date(2024, 4, 1), ("Autism",), 8, 17, 4))
    placements.save_purpose(ws, PurposeVersion(home.id, date(2026, 9, 1), ("Autism", "Mental health"), 10, 17, 4))
    assert placements.current_purpose(ws, home).effective_from == date(2026, 9, 1)
    assert placements.current_purpose(ws, home, date(2026, 8, 31)) == first
    assert problems_of(lambda: placements.save_purpose(ws, PurposeVersion(home.id, date(2024, 4, 1), ("Autism",)))) \
        == [("effective_from",
             "a version from 01/04/2024 is already recorded: change that one, or choose another date")]
    assert verify(ws) == []


def test_an_edit_of_a_referral_made_outside_the_program_is_found(ws, home):
    from inspect_app.storage.database import connect

    placements.save_referral(ws, accepted(home))
    raw = connect(ws.db.path, ws.db.key)
    try:
        raw.execute("UPDATE referrals SET rationale = 'added later' WHERE ref = 'RF-01'")
        raw.commit()
    finally:
        raw.close()
    assert any("referral" in problem for problem in verify(ws))


# one record of an admission and its end (the review of issue 6) ----------------------------------------------------

def test_a_referral_admits_one_child_once_and_its_link_cannot_be_changed(ws, home, amy):
    referral = placements.save_referral(ws, accepted(home))
    linked, child = placements.admit(ws, referral, child_of(home))
    for again in (referral, linked):  # the stale copy the form may hold, and the linked one
        assert problems_of(lambda again=again: placements.admit(ws, again, child_of(home, "C-03"))) == [
            ("child_ref", "the child of this referral is already on the register")]
    for other in (None, amy.id):
        assert problems_of(lambda other=other: placements.save_referral(ws, replace(linked, child_id=other))) == [
            ("child_ref", "the child admitted from this referral is on the register: the link cannot be changed or "
                          "removed")]
    assert [c.ref for c in ws.children.for_home(home.id)] == ["C-01", "C-02"]


def test_a_linked_child_and_the_referral_agree_on_the_admission_and_the_end(ws, home, amy):
    wrong_day = accepted(home, child_id=amy.id)  # Amy was admitted on 01/06/2025, not 08/10/2026
    assert problems_of(lambda: placements.save_referral(ws, wrong_day)) == [
        ("admitted_on", "the register says C-01 was admitted on 01/06/2025: the two must agree")]
    assert problems_of(lambda: placements.save_referral(ws, replace(wrong_day, admitted_on=None))) == [
        ("admitted_on", "the register says C-01 was admitted on 01/06/2025: the two must agree")]
    linked, child = placements.admit(ws, placements.save_referral(ws, accepted(home, ref="RF-02")), child_of(home))
    from inspect_app.domain.vocabulary import Ending
    placements.save_referral(ws, replace(linked, ended_on=date(2026, 11, 20), ending=Ending.UNPLANNED))
    assert ws.children.get(child.id).left_on == date(2026, 11, 20)  # the register says the child left that day
    assert verify(ws) == []


def test_needs_are_kept_once_and_without_the_files_separator(ws, home):
    saved = placements.save_referral(ws, accepted(home, needs=(" Autism", "autism", "Self-harm", "Autism ")))
    assert saved.needs == ("Autism", "Self-harm")
    assert problems_of(lambda: placements.save_referral(ws, accepted(home, ref="RF-02", needs=("Autism; ASD",)))) \
        == [("needs", 'a need cannot contain ";" (files use it between needs)')]
    assert problems_of(lambda: placements.set_need_categories(ws, ["Autism; ASD"])) == [
        ("needs", 'a category cannot contain ";" (files use it between needs)')]


def test_a_decision_or_an_assessment_cannot_be_dated_in_the_future(ws, home):
    later = accepted(home, decided_on=date(2026, 11, 23), admitted_on=None, impact_assessed_on=date(2026, 11, 24))
    assert problems_of(lambda: placements.save_referral(ws, later)) == [
        ("impact_assessed_on", "the impact assessment's date is in the future: record it on the day"),
        ("decided_on", "the decision date is in the future: record it on the day")]


def test_the_referral_keeps_the_admission_and_leaving_dates_and_the_register_follows(ws, home):
    from inspect_app.domain.vocabulary import Ending
    from inspect_app.services import registers

    linked, child = placements.admit(ws, placements.save_referral(ws, accepted(home)), child_of(home))
    placements.save_referral(ws, replace(linked, admitted_on=date(2026, 10, 9)))  # a typing slip corrected
    assert ws.children.get(child.id).admitted_on == date(2026, 10, 9)
    moved = replace(ws.children.get(child.id), left_on=date(2026, 11, 1))
    assert problems_of(lambda: registers.save_child(ws, moved)) == [
        ("left_on", "C-02's placement came from a referral: it is recorded on referral RF-01: change it there "
                    "(Referrals and placements), and the register follows")]
    renamed = registers.save_child(ws, replace(ws.children.get(child.id), first_name="Jayden"))  # other fields: fine
    assert renamed.first_name == "Jayden"
    ended = placements.save_referral(ws, replace(ws.referrals.get(linked.id), ended_on=date(2026, 11, 1),
                                                 ending=Ending.PLANNED))
    assert ws.children.get(child.id).left_on == ended.ended_on == date(2026, 11, 1)
    assert verify(ws) == []


def test_only_the_ri_keeps_the_providers_need_categories(ws, home):
    manager = signed_in_as(ws, home, Role.MANAGER)
    try:
        with pytest.raises(NotPermitted, match="only the responsible individual keeps the provider's need categories"):
            placements.set_need_categories(manager, ["Autism"])
    finally:
        manager.close()
    assert placements.need_categories(ws) == DEFAULT_NEEDS
