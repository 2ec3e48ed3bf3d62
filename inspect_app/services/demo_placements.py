"""Demo referrals and placement decisions (reg 14(2)(a), reg 16; Narey recommendations 21, 23 and 24): the home's
statement of purpose in one or two versions, a referral for every child the demo admitted, and the declined, withdrawn
and pending referrals around them."""

from __future__ import annotations

import logging
import random
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import TYPE_CHECKING

from dateutil.relativedelta import relativedelta

from ..domain.placements import (DEFAULT_NEEDS, PurposeVersion, Referral, future_problems, purpose_on,
                                 validate_purpose, validate_referral)
from ..domain.records import Child
from ..domain.vocabulary import DeciderRole, Ending, ManagerView, ReferralDecision, RiskLevel, SopFit, StaffRole
from . import demo_text
from .demo_visits import checked

if TYPE_CHECKING:
    from .demo import DemoHome

log = logging.getLogger(__name__)

BUSY_REFERRALS_PER_YEAR = 25  # SPEC 10: the busy home-year has about 25 referrals (it says yes to about a third)
_OTHER_NOT_ADMITTED = (4, 14)  # the other homes: referrals a year that lead to no admission
_CORE_NEEDS = ("Emotional and behavioural difficulties", "Risk of going missing")
_OPTIONAL_NEEDS = ("Autism", "Mental health", "Risk of child sexual exploitation", "Substance misuse",
                   "Offending behaviour", "Self-harm", "Learning disability")
_REFERRAL_AGES = (10, 11, 12, 13, 14, 15, 16, 17)
_AGE_WEIGHTS = (1, 2, 3, 5, 6, 6, 4, 1)

# --- the words (short, plain, no names: children are named by initials) -----------------------------------------------
_SUPPORT = ("Needs we meet well; a bed is free and the group is settled",
            "Met the child and social worker; a good fit with the current group",
            "Similar age to the others; a school place nearby is agreed",
            "Keeps the child near family and school")
_OPPOSE_ACCEPTED = ("Worried about the mix with the two younger children",
                    "The group has only just settled after a difficult month",
                    "Staffing is stretched until two new starters finish induction")
_OVERRULED = ("No other placement near the child's school and family; an extra waking night for the first month",
              "The needs are within our purpose and the risks to the group can be managed with the mitigations agreed",
              "Keeps the child near siblings; the decision to be reviewed with the manager after two weeks")
_ACCEPTED = ("Needs within our statement of purpose; the impact assessment found the risks manageable",
             "A good match with the group; planned introduction visits went well",
             "Within our purpose and age range; the school has agreed a place")
_EMERGENCY = ("Emergency placement after a foster placement ended that evening; within our purpose",
              "Police protection the same day and no other bed in the area; full assessment within 72 hours")
_ON_CALL = "Out of hours: the deputy on call accepted after speaking to the responsible individual"
_PARTLY = ("staff have the training and a CAMHS worker is already involved",
           "a specialist worker from the authority will support the team for the first three months",
           "the team's training plan covers it and the placement is reviewed after six weeks")
_IMPACT = {RiskLevel.LOW: ("The group is settled; the child's risks are not ones the others share",
                           "No known links with the children already here; low risk to them"),
           RiskLevel.MEDIUM: ("Has gone missing with peers; two of the children here have gone missing this year",
                              "Can be verbally aggressive when anxious; one child here is easily upset by shouting",
                              "Older than the others; some risk of influence on the youngest"),
           RiskLevel.HIGH: ("Known links to exploitation in the area where a child here was exploited",
                            "Recent assaults on younger children in the last placement",
                            "Drug use with peers; a child here is in recovery")}
_MITIGATIONS = ("Bedroom away from the youngest child; an extra waking night for the first two weeks",
                "Key-work sessions on the house agreements; missing-from-care protocol shared with the police",
                "Staggered school runs; one-to-one staff in the evenings for the first month",
                "The group reviewed at each team meeting for the first six weeks")
_DECLINED_IMPACT = ("Declined: the impact assessment found a high risk to the children already here that extra "
                    "staffing could not bring down",
                    "Declined: the child's needs are ones we meet, but not safely alongside the youngest child here")
_DECLINED_VACANCY = "Declined: no place free on the date needed; the authority was told when one is expected"
_MANAGER_AGAINST = {"needs": "Cannot meet these needs: not what the team is trained for",
                    "impact": "Too great a risk to the children here", "vacancy": "No bed on the date needed",
                    "age": "Younger than the children we care for"}
_WITHDRAWN = ("The authority found a foster placement", "The child went home to a parent under a safety plan",
              "The authority placed the child nearer their school", "Another home offered a place sooner",
              "The court made a different order")


@dataclass
class _Twists:
    """What some referrals show, chosen ahead so each year of the busy home has its findings (SPEC 3)."""

    unassessed: set[int] = field(default_factory=set)  # child ids: no impact assessment before admission
    overruled: dict[int, bool] = field(default_factory=dict)  # child id: accepted against the manager; rationale?
    unplanned: set[int] = field(default_factory=set)  # child ids: the placement ended unplanned


# --- the statement of purpose -------------------------------------------------------------------------------------

def _purposes(ctx: DemoHome, rng: random.Random) -> list[PurposeVersion]:
    """The version in effect now matches the home's record; an earlier one, a few years before, differed in one way."""
    home = ctx.home
    first_admitted = min((c.admitted_on for c in ctx.children), default=ctx.first_day)
    start = min(first_admitted, ctx.first_day) - timedelta(days=rng.randint(60, 900))
    chosen = rng.sample(_OPTIONAL_NEEDS, rng.randint(2, 4))
    current = PurposeVersion(home_id=home.id, effective_from=start,
                             needs=tuple(n for n in DEFAULT_NEEDS if n in _CORE_NEEDS or n in chosen),
                             age_min=home.age_min, age_max=home.age_max, places=home.places,
                             emergency_admissions=ctx.index == 0 or rng.random() < 0.4)
    change = start + timedelta(days=rng.randint(700, 1500))
    if change > ctx.last_day - timedelta(days=30):
        return [current]
    roll = rng.random()
    if roll < 0.5:  # the provider added a need once the staff were trained for it
        added = rng.choice(chosen)
        earlier = replace(current, needs=tuple(n for n in current.needs if n != added))
        notes = f"Adds {added.lower()} to the range of needs, after the staff team's training"
    elif roll < 0.85:
        before = 11 if (home.age_min or 10) <= 10 else 10
        earlier = replace(current, age_min=before)
        notes = f"The youngest age {'lowered' if before > (home.age_min or 10) else 'raised'} to {home.age_min}"
    else:
        earlier = replace(current, places=(home.places or 4) + 1)
        notes = f"Places down to {home.places}: a bedroom became a quiet room"
    return [earlier, replace(current, effective_from=change, notes=notes)]


# --- the fit, the impact assessment, the decision --------------------------------------------------------------------

def _fit(rng: random.Random, purpose: PurposeVersion, age: int, roll: SopFit) -> tuple[tuple[str, ...], SopFit, str]:
    """The referral's needs and their fit with the statement (reg 14(2)(a)), with notes where it is not within."""
    inside = rng.sample(purpose.needs[1:], min(len(purpose.needs) - 1, rng.randint(0, 2)))
    needs, outside = [purpose.needs[0], *inside], [n for n in DEFAULT_NEEDS if n not in purpose.needs]
    fit, notes = roll, []
    if roll is SopFit.PARTLY:  # a need the team can learn to meet, not one the building cannot
        extra = rng.choice([n for n in outside if n != "Physical disability"] or outside)
        needs.append(extra)
        notes.append(f"{extra} is not in the statement of purpose; {rng.choice(_PARTLY)}")
    elif roll is SopFit.OUTSIDE:
        extra = rng.choice(outside)
        needs = [extra, *inside[:1]]
        notes.append(f"{extra} is the main need and is outside the statement of purpose")
    low, high = purpose.age_min, purpose.age_max
    if low is not None and high is not None and not low <= age <= high:
        fit = SopFit.OUTSIDE if fit is SopFit.OUTSIDE else SopFit.PARTLY
        notes.append(f"aged {age} at referral, outside the statement's age range of {low} to {high}")
    ordered = tuple(n for n in DEFAULT_NEEDS if n in needs)
    return ordered, fit, "; ".join(notes)


def _assessment(rng: random.Random, on: date | None, weights: tuple[int, int, int] = (55, 38, 7)) -> dict:
    """The impact risk assessment on the children already living there, or none."""
    if on is None:
        return {}
    risk = rng.choices((RiskLevel.LOW, RiskLevel.MEDIUM, RiskLevel.HIGH), weights)[0]
    mitigations = rng.choice(_MITIGATIONS) if risk is not RiskLevel.LOW or rng.random() < 0.4 else ""
    return dict(impact_assessed_on=on, impact_risk=risk, impact_summary=rng.choice(_IMPACT[risk]),
                impact_mitigations=mitigations)


def _deputy(ctx: DemoHome) -> str:
    return next((s.full_name for s in ctx.staff if s.role is StaffRole.DEPUTY_MANAGER), ctx.home.registered_manager)


def _decider(ctx: DemoHome, rng: random.Random, child: Child, fit: SopFit, emergency: bool,
             twists: _Twists) -> dict:
    """Who accepted, and why: the manager mostly; the responsible individual over the manager's view now and then
    (Narey recs 23 and 24), once a year in the busy home with no rationale recorded."""
    home = ctx.home
    if child.id in twists.overruled:
        return dict(manager_view=ManagerView.OPPOSE, manager_view_reason=rng.choice(_OPPOSE_ACCEPTED),
                    decided_by=home.responsible_individual, decided_by_role=DeciderRole.RESPONSIBLE_INDIVIDUAL,
                    rationale=rng.choice(_OVERRULED) if twists.overruled[child.id] else "")
    if emergency and rng.random() < 0.4:
        return dict(manager_view=ManagerView.NOT_CONSULTED, manager_view_reason="Out of hours; told the next morning",
                    decided_by=_deputy(ctx), decided_by_role=DeciderRole.OTHER, rationale=_ON_CALL)
    if fit is SopFit.OUTSIDE:
        rationale = "Accepted outside the statement of purpose: the authority had no other placement; a review " \
                    "of the statement is under way"
    elif fit is SopFit.PARTLY:
        rationale = "Accepted: the needs outside the statement can be met with the support agreed"
    elif emergency:
        rationale = rng.choice(_EMERGENCY)
    else:
        rationale = rng.choice(_ACCEPTED) if rng.random() < 0.85 else ""
    support = "Within our purpose; the group can take an emergency admission today" if emergency else \
        rng.choice(_SUPPORT)
    return dict(manager_view=ManagerView.SUPPORT, manager_view_reason=support,
                decided_by=home.registered_manager, decided_by_role=DeciderRole.REGISTERED_MANAGER,
                rationale=rationale)


# --- a referral for each child admitted -----------------------------------------------------------------------------

def _age(born: date | None, day: date, rng: random.Random) -> int:
    return relativedelta(day, born).years if born else rng.choices(_REFERRAL_AGES, _AGE_WEIGHTS)[0]


def _admission(ctx: DemoHome, rng: random.Random, child: Child, versions: list[PurposeVersion],
               twists: _Twists) -> Referral:
    """An accepted referral: decided a few days before the admission (the same day in an emergency), the impact
    assessed before it, and the placement's ending where the child has left."""
    admitted = child.admitted_on
    allowed = purpose_on(versions, admitted - timedelta(days=1))
    emergency = bool(allowed and allowed.emergency_admissions) and rng.random() < 0.2
    decided = admitted if emergency else admitted - timedelta(days=rng.randint(1, 10))
    referred = decided - timedelta(days=rng.randint(0, 1) if emergency else rng.randint(2, 21))
    purpose = purpose_on(versions, referred)
    age = _age(child.date_of_birth, referred, rng)
    fit_roll = rng.choices((SopFit.WITHIN, SopFit.PARTLY, SopFit.OUTSIDE), (90, 8, 2))[0]
    needs, fit, notes = _fit(rng, purpose, age, fit_roll)
    assessed: date | None = admitted if emergency else \
        referred + timedelta(days=rng.randint(0, (decided - referred).days))
    if child.id in twists.unassessed and rng.random() < 0.5:  # dated after the admission, or never done
        late = admitted + timedelta(days=rng.randint(1, 6))
        assessed = late if late <= ctx.last_day else None
    elif child.id in twists.unassessed:
        assessed = None
    ending = None if child.left_on is None else Ending.UNPLANNED if child.id in twists.unplanned else Ending.PLANNED
    return Referral(home_id=ctx.home.id, ref="", referred_on=referred, child_id=child.id,
                    child_initials=child.initials, age_at_referral=age, placing_authority=child.placing_authority,
                    emergency=emergency, needs=needs, sop_fit=fit, sop_notes=notes, **_assessment(rng, assessed),
                    decision=ReferralDecision.ACCEPTED, decided_on=decided, admitted_on=admitted,
                    ended_on=child.left_on, ending=ending, **_decider(ctx, rng, child, fit, emergency, twists))


def _years(ctx: DemoHome) -> list[tuple[date, date]]:
    """Twelve-month spans counted back from the last day, as a compliance year is read."""
    spans, stop = [], ctx.last_day
    while stop >= ctx.first_day:
        start = max(ctx.first_day, stop - relativedelta(years=1) + timedelta(days=1))
        spans.append((start, stop))
        stop = start - timedelta(days=1)
    return spans[::-1]


def _aged_out(child: Child) -> bool:
    return child.date_of_birth is not None and child.left_on == child.date_of_birth + relativedelta(years=18)


def _twists(ctx: DemoHome, rng: random.Random) -> _Twists:
    """Unplanned endings: about half the placements that ended within three months, a few later ones. The busy home
    has in each year one or two admissions without a timely impact assessment, two or three accepted against the
    manager's view (one with no rationale) and at least one unplanned ending; the others have them now and then."""
    twists = _Twists()
    for c in ctx.children:
        if c.left_on is not None and not _aged_out(c):
            if rng.random() < (0.5 if (c.left_on - c.admitted_on).days < 90 else 0.12):
                twists.unplanned.add(c.id)
    if ctx.index != 0:
        for c in ctx.children:
            roll = rng.random()
            if roll < 0.03:
                twists.unassessed.add(c.id)
            elif roll < 0.07:
                twists.overruled[c.id] = rng.random() < 0.75
        return twists
    for start, stop in _years(ctx):
        # admitted well inside the span, so the referral is dated inside it too (its findings count in that year)
        inside = [c.id for c in ctx.children if start + timedelta(days=35) <= c.admitted_on <= stop]
        unassessed, overruled = rng.randint(1, 2), rng.randint(2, 3)
        chosen = rng.sample(inside, min(len(inside), unassessed + overruled))
        twists.unassessed.update(chosen[:unassessed])
        for n, child_id in enumerate(chosen[unassessed:]):
            twists.overruled[child_id] = n > 0  # the first with no rationale: the Narey 23/24 warning shows
        ended = [c for c in ctx.children if c.left_on is not None and start <= c.left_on <= stop and not _aged_out(c)]
        if ended and not any(c.id in twists.unplanned for c in ended):
            twists.unplanned.add(min(ended, key=lambda c: (c.left_on - c.admitted_on, c.id)).id)
    return twists


# --- referrals that led to no admission -----------------------------------------------------------------------------

def _someone(ctx: DemoHome, rng: random.Random, versions: list[PurposeVersion], referred: date,
             authorities: list[str]) -> Referral:
    """A child referred but not admitted: initials, an age in the home's range, an authority like the others'."""
    first, last = demo_text.person_name(rng, rng.choice("FM"))
    purpose = purpose_on(versions, referred)
    ages = [a for a in _REFERRAL_AGES if (purpose.age_min or 0) <= a <= (purpose.age_max or 99)] or [14]
    age = rng.choices(ages, [_AGE_WEIGHTS[_REFERRAL_AGES.index(a)] for a in ages])[0]
    authority = rng.choice(authorities) if authorities and rng.random() < 0.5 else \
        rng.choice(demo_text.PLACING_AUTHORITIES)
    return Referral(home_id=ctx.home.id, ref="", referred_on=referred, child_initials=f"{first[0]}.{last[0]}.",
                    age_at_referral=age, placing_authority=authority,
                    emergency=purpose.emergency_admissions and rng.random() < 0.15)


def _declined(ctx: DemoHome, rng: random.Random, versions: list[PurposeVersion], r: Referral) -> Referral:
    """Declined with a rationale (Narey rec 21: this child, not a blanket rule): mostly for needs outside the
    statement or the impact on the children there; now and then the responsible individual over the manager's yes."""
    purpose = purpose_on(versions, r.referred_on)
    decided = r.referred_on + timedelta(days=rng.randint(0, 1) if r.emergency else rng.randint(1, 10))
    why = rng.choices(("needs", "impact", "vacancy", "age"), (40, 35, 15, 10))[0]
    age = (purpose.age_min or 10) - rng.randint(1, 2) if why == "age" else r.age_at_referral
    needs, fit, notes = _fit(rng, purpose, age, SopFit.OUTSIDE if why == "needs" else SopFit.WITHIN)
    assessed = {}
    if why == "impact":
        on = r.referred_on + timedelta(days=rng.randint(0, (decided - r.referred_on).days))
        assessed = _assessment(rng, on, (0, 0, 1))
    main = next((n for n in needs if n not in purpose.needs), needs[0])
    rationale = {"needs": f"Declined: {main.lower()} is outside our statement of purpose and the staff team is not "
                          "trained for it; the authority was told the needs we can meet",
                 "impact": rng.choice(_DECLINED_IMPACT), "vacancy": _DECLINED_VACANCY,
                 "age": f"Declined: aged {age}, below our age range; the authority was given homes for younger "
                        "children"}[why]
    decider = dict(manager_view=ManagerView.OPPOSE, manager_view_reason=_MANAGER_AGAINST[why],
                   decided_by=ctx.home.registered_manager, decided_by_role=DeciderRole.REGISTERED_MANAGER)
    if why == "impact" and rng.random() < 0.08:
        decider = dict(manager_view=ManagerView.SUPPORT, manager_view_reason=rng.choice(_SUPPORT),
                       decided_by=ctx.home.responsible_individual, decided_by_role=DeciderRole.RESPONSIBLE_INDIVIDUAL)
    return replace(r, age_at_referral=age, needs=needs, sop_fit=fit, sop_notes=notes, **assessed, **decider,
                   decision=ReferralDecision.DECLINED, decided_on=decided, rationale=rationale)


def _withdrawn(ctx: DemoHome, rng: random.Random, versions: list[PurposeVersion], r: Referral) -> Referral:
    """The placing authority withdrew it before or soon after the home said yes."""
    needs, fit, notes = _fit(rng, purpose_on(versions, r.referred_on), r.age_at_referral, SopFit.WITHIN)
    view = rng.choice((ManagerView.SUPPORT, None))
    return replace(r, needs=needs, sop_fit=fit, sop_notes=notes, manager_view=view,
                   manager_view_reason=rng.choice(_SUPPORT) if view else "", decision=ReferralDecision.WITHDRAWN,
                   decided_by=r.placing_authority, decided_by_role=DeciderRole.OTHER,
                   decided_on=r.referred_on + timedelta(days=rng.randint(0, 1) if r.emergency else rng.randint(1, 14)),
                   rationale=rng.choice(_WITHDRAWN))


def _pending(ctx: DemoHome, rng: random.Random, versions: list[PurposeVersion], r: Referral) -> Referral:
    """Received in the last weeks and not yet decided (so planned: an emergency is decided on the day): some
    assessed, some with the manager's view."""
    needs, fit, notes = _fit(rng, purpose_on(versions, r.referred_on), r.age_at_referral,
                             rng.choices((SopFit.WITHIN, SopFit.PARTLY), (85, 15))[0])
    waited = (ctx.last_day - r.referred_on).days
    assessed = _assessment(rng, r.referred_on + timedelta(days=rng.randint(1, waited))) \
        if waited >= 3 and rng.random() < 0.6 else {}
    view = rng.choice((ManagerView.SUPPORT, ManagerView.OPPOSE, None)) if waited >= 2 else None
    reason = "" if view is None else rng.choice(_SUPPORT if view is ManagerView.SUPPORT else _OPPOSE_ACCEPTED)
    return replace(r, emergency=False, needs=needs, sop_fit=fit, sop_notes=notes, **assessed, manager_view=view,
                   manager_view_reason=reason)


def _not_admitted(ctx: DemoHome, rng: random.Random, versions: list[PurposeVersion],
                  accepted: list[Referral]) -> list[Referral]:
    """Enough declined and withdrawn referrals that the busy home has its 25 a year (the other homes fewer), and a few
    still pending in the last weeks."""
    authorities = sorted({c.placing_authority for c in ctx.children if c.placing_authority})
    found = []
    spans = _years(ctx)
    for number, (start, stop) in enumerate(spans):
        pending = (3 if ctx.index == 0 else rng.randint(0, 2)) if number == len(spans) - 1 else 0
        if ctx.index == 0:
            count = BUSY_REFERRALS_PER_YEAR - pending - sum(start <= r.referred_on <= stop for r in accepted)
        else:
            count = round(rng.randint(*_OTHER_NOT_ADMITTED) * ((stop - start).days + 1) / 365)
        last_decided = stop - timedelta(days=14)  # decided within a fortnight, and by the last day
        for _ in range(max(0, count)):
            day = start + timedelta(days=rng.randint(0, max(0, (last_decided - start).days)))
            r = _someone(ctx, rng, versions, day, authorities)
            make = _withdrawn if rng.random() < 0.2 else _declined
            found.append(make(ctx, rng, versions, r))
        for _ in range(pending):
            day = max(start, ctx.last_day - timedelta(days=rng.randint(0, 20)))
            found.append(_pending(ctx, rng, versions, _someone(ctx, rng, versions, day, authorities)))
    return found


def make_placements(ctx: DemoHome, rng: random.Random) -> None:
    """The statement of purpose and every referral, numbered by date, checked and written with their audit rows."""
    ws, now, today = ctx.ws, ctx.ws.now(), ctx.last_day
    versions = _purposes(ctx, rng)
    for version in versions:
        if problems := validate_purpose(version):
            raise ValueError(f"demo statement of purpose from {version.effective_from} is inconsistent: {problems[0]}")
    twists = _twists(ctx, rng)
    accepted = [_admission(ctx, rng, child, versions, twists) for child in ctx.children]
    referrals = sorted(accepted + _not_admitted(ctx, rng, versions, accepted), key=lambda r: r.referred_on)
    numbered = [replace(r, ref=f"RF-{n:03d}") for n, r in enumerate(referrals, start=1)]
    ws.purposes.insert_many(versions, actor=ws.actor, at=now, reason="demo data")
    ws.referrals.insert_many(checked(numbered, lambda r: validate_referral(r) + future_problems(r, today)), actor=ws.actor, at=now,
                             reason="demo data")
    log.info("demo home %s: %d statement of purpose versions, %d referrals (%d accepted)", ctx.home.id,
             len(versions), len(numbered), len(accepted))
