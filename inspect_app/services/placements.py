"""Keeping the statement of purpose and the referrals (reg 14(2)(a), reg 16; Narey recommendations 21, 23 and 24):
each checked, permitted and audited; admitting a child from a referral makes their register entry in the same step;
and the period's placement findings."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

from ..domain.errors import Problem, ValidationFailed
from ..domain.local_time import Period, format_date, to_local
from ..domain.placements import (DEFAULT_NEEDS, PlacementsReport, PurposeVersion, Referral, future_problems,
                                 placements_report, purpose_on, validate_purpose, validate_referral)
from ..domain.records import Child, Home
from ..domain.roles import NotPermitted, Permission, Role
from ..domain.vocabulary import DeciderRole, ReferralDecision
from ..storage.settings import SettingsRepository
from . import registers, settings
from .saving import ref_taken, store
from .workspace import Workspace

FINAL_SAY_KEY = "placement_final_say"
ONLY_THE_RI_NEEDS = ("only the responsible individual keeps the provider's need categories, which every home ticks; "
                     "nothing was changed")
NEEDS_KEY = "need_categories"


# settings ---------------------------------------------------------------------------------------------------------

def final_say(ws: Workspace, home: Home) -> DeciderRole:
    """Who has the final say on the home's placements (a provider setting, SPEC 2.7): the registered manager until
    the provider says otherwise."""
    stored = settings.of_home(ws, home, FINAL_SAY_KEY)
    try:
        return DeciderRole(stored) if stored else DeciderRole.REGISTERED_MANAGER
    except ValueError:
        return DeciderRole.REGISTERED_MANAGER


def set_final_say(ws: Workspace, home: Home, role: DeciderRole) -> DeciderRole:
    """The provider's choice: only the responsible individual makes it (Narey rec 24: whether the manager should hold
    a veto is the provider's question)."""
    ws.require(Permission.EDIT_REGISTERS, home.id)
    if ws.account.role is not Role.RESPONSIBLE_INDIVIDUAL:
        raise NotPermitted("only the responsible individual sets who has the final say on placements; nothing was "
                           "changed")
    settings.put_for_home(ws, home, FINAL_SAY_KEY, DeciderRole(role).value, "who has the final say on placements")
    return DeciderRole(role)


def need_categories(ws: Workspace) -> tuple[str, ...]:
    """The provider's need categories (SPEC 2.1), the starting list until it sets its own."""
    stored = SettingsRepository(ws.db).get(NEEDS_KEY)
    return tuple(stored) if isinstance(stored, list) and stored else DEFAULT_NEEDS


def set_need_categories(ws: Workspace, names: list[str]) -> tuple[str, ...]:
    """The provider's list for every home: the responsible individual's to keep (a manager of one home does not change
    what the others tick)."""
    ws.require(Permission.MANAGE_DATABASE)
    if ws.account.role is not Role.RESPONSIBLE_INDIVIDUAL:
        raise NotPermitted(ONLY_THE_RI_NEEDS)
    names = [n.strip() for n in names if n.strip()]
    problems = []
    if not names:
        problems.append(Problem("needs", "give at least one need category"))
    if len({n.casefold() for n in names}) != len(names):
        problems.append(Problem("needs", "a category is listed twice"))
    if any(";" in n for n in names):
        problems.append(Problem("needs", 'a category cannot contain ";" (files use it between needs)'))
    if problems:
        raise ValidationFailed(problems)
    SettingsRepository(ws.db).put(NEEDS_KEY, names, actor=ws.actor, at=ws.now(), reason="need categories")
    return tuple(names)


# the statement of purpose -----------------------------------------------------------------------------------------

def purpose_versions(ws: Workspace, home: Home) -> list[PurposeVersion]:
    ws.require(Permission.READ_ALL_RECORDS, home.id)
    return ws.purposes.for_home(home.id)


def current_purpose(ws: Workspace, home: Home, day: date | None = None) -> PurposeVersion | None:
    """The version in effect on `day` (default: today at the home)."""
    return purpose_on(purpose_versions(ws, home), day or to_local(ws.now()).date())


def save_purpose(ws: Workspace, version: PurposeVersion, reason: str = "") -> PurposeVersion:
    ws.require(Permission.EDIT_REGISTERS, version.home_id)
    version = replace(version, needs=tuple(n.strip() for n in version.needs if n.strip()), notes=version.notes.strip())
    problems = validate_purpose(version)
    same_day = [v for v in ws.purposes.for_home(version.home_id)
                if v.effective_from == version.effective_from and v.id != version.id]
    if same_day:
        problems.append(Problem("effective_from", f"a version from {version.effective_from:%d/%m/%Y} is already "
                                                  "recorded: change that one, or choose another date"))
    return store(ws, ws.purposes, version, problems, reason)


# referrals --------------------------------------------------------------------------------------------------------

def referral_problems(ws: Workspace, referral: Referral) -> list[Problem]:
    """Every problem of a referral as the home would store it: its own, its reference, and its child (of the home's
    register, admitted from this referral only, on the referral's admission date: one record of an admission)."""
    problems = validate_referral(referral) + future_problems(referral, to_local(ws.now()).date())
    stored = ws.referrals.get(referral.id) if referral.id is not None else None
    if stored is not None and stored.child_id is not None and referral.child_id != stored.child_id:
        problems.append(Problem("child_ref", "the child admitted from this referral is on the register: the link "
                                             "cannot be changed or removed"))
    elif referral.child_id is not None and (stored is None or stored.child_id is None):  # linked now
        child = ws.children.in_home(referral.child_id, referral.home_id)
        other = ws.referrals.of_child(referral.child_id)
        if child is None:
            problems.append(Problem("child_ref", "choose a child of this home's register"))
        elif other is not None and other.id != referral.id:
            problems.append(Problem("child_ref", f"that child was admitted from referral {other.ref}"))
        elif referral.admitted_on != child.admitted_on:
            problems.append(Problem("admitted_on", f"the register says {child.ref} was admitted on "
                                                   f"{format_date(child.admitted_on)}: the two must agree"))
    elif referral.child_id is not None and referral.admitted_on is None:
        problems.append(Problem("admitted_on", "give the date the child was admitted (the register keeps it too)"))
    return problems + ref_taken(ws.referrals, referral, "referral_ref")


def save_referral(ws: Workspace, referral: Referral, reason: str = "") -> Referral:
    """Saves the referral; the register entry of the child admitted from it is given its admission and leaving dates
    in the same transaction (one record of an admission and of its end: the register does not change them alone)."""
    ws.require(Permission.EDIT_REGISTERS, referral.home_id)
    referral = _trimmed(referral)
    with ws.db.transaction():
        saved = store(ws, ws.referrals, referral, referral_problems(ws, referral), reason)
        child = ws.children.get(saved.child_id) if saved.child_id is not None else None
        if child is not None and (child.admitted_on, child.left_on) != (saved.admitted_on, saved.ended_on):
            registers.save_child(ws, replace(child, admitted_on=saved.admitted_on, left_on=saved.ended_on),
                                 reason or f"the placement of referral {saved.ref}")
    return saved


def admit(ws: Workspace, referral: Referral, child: Child, reason: str = "") -> tuple[Referral, Child]:
    """Admits the child of an accepted referral: their register entry (admitted on the referral's admission date, with
    its placing authority) and the referral's link to it, together or not at all (no typing twice)."""
    ws.require(Permission.EDIT_REGISTERS, referral.home_id)
    stored = ws.referrals.get(referral.id) if referral.id is not None else None
    if referral.child_id is not None or (stored is not None and stored.child_id is not None):
        raise ValidationFailed([Problem("child_ref", "the child of this referral is already on the register")])
    if referral.decision is not ReferralDecision.ACCEPTED:
        raise ValidationFailed([Problem("decision", "only an accepted referral leads to an admission")])
    if referral.admitted_on is None:
        raise ValidationFailed([Problem("admitted_on", "give the date the child was admitted")])
    child = replace(child, home_id=referral.home_id, admitted_on=referral.admitted_on,
                    placing_authority=child.placing_authority or referral.placing_authority,
                    left_on=referral.ended_on)
    with ws.db.transaction():
        saved_child = registers.save_child(ws, child, reason)
        saved = save_referral(ws, replace(referral, child_id=saved_child.id), reason)
    return saved, saved_child


def _trimmed(r: Referral) -> Referral:
    return replace(r, ref=r.ref.strip(), child_initials=r.child_initials.strip(),
                   placing_authority=r.placing_authority.strip(), needs=_each_once(r.needs),
                   sop_notes=r.sop_notes.strip(), impact_summary=r.impact_summary.strip(),
                   impact_mitigations=r.impact_mitigations.strip(), manager_view_reason=r.manager_view_reason.strip(),
                   decided_by=r.decided_by.strip(), rationale=r.rationale.strip())


def _each_once(needs: tuple[str, ...]) -> tuple[str, ...]:
    """The needs trimmed, each once whatever its case (the first spelling kept), in their order."""
    kept: dict[str, str] = {}
    for need in (n.strip() for n in needs):
        if need:
            kept.setdefault(need.casefold(), need)
    return tuple(kept.values())


def placements_for(ws: Workspace, home: Home, period: Period, as_at: datetime) -> PlacementsReport:
    """The placement findings of SPEC 3 and 7 for the period, as at a moment."""
    ws.require(Permission.SEE_FIGURES, home.id)
    return placements_report(ws.referrals.touching(home.id, period.start, period.end), period, as_at,
                             final_say(ws, home), ws.purposes.for_home(home.id))
