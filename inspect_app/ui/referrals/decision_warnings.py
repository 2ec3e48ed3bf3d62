"""What the window says about a referral's decision as it is made and in the pipeline: the warnings the checks would
give (reg 14(2)(a); Narey recommendations 23 and 24) and how the referral sits against the statement of purpose in
effect on its date."""

from __future__ import annotations

from datetime import date

from ...domain.local_time import format_date
from ...domain.placements import PurposeVersion, Referral, needs_explaining, purpose_gaps
from ...domain.vocabulary import DeciderRole, SopFit


def rationale_warning(referral: Referral, final_say: DeciderRole) -> str:
    """Narey recs 23 and 24: a decision by someone other than the final-say role, or against the manager's view,
    needs its rationale; '' when it does not or has one."""
    why = needs_explaining(referral, final_say)
    return f"The rationale is needed: {why} (Narey recommendations 23 and 24)." if why else ""


def purpose_warning(referral: Referral) -> str:
    """reg 14(2)(a): accepted while only partly within, or outside, the statement of purpose."""
    if not referral.outside_purpose:
        return ""
    how = "only partly within" if referral.sop_fit is SopFit.PARTLY else "outside"
    return (f"Accepted while {how} the statement of purpose: the checks will list it (reg 14(2)(a)). Say in the fit "
            "notes how the home will meet the needs it is not for.")


def impact_warning(referral: Referral) -> str:
    """reg 14(2)(a): accepted with no impact risk assessment on the children already there before admission."""
    if not referral.accepted_without_assessment:
        return ""
    if referral.impact_assessed_on is None:
        return ("Accepted with no impact risk assessment on the children already living here: the checks will list "
                "it (reg 14(2)(a)).")
    return (f"The impact risk assessment ({format_date(referral.impact_assessed_on)}) is dated after the admission "
            f"({format_date(referral.admitted_on)}): the checks will list it (reg 14(2)(a)).")


def decision_warnings(referral: Referral, final_say: DeciderRole) -> list[str]:
    """Every warning of the decision, in the form's order: the fit, the impact assessment, the rationale."""
    return [w for w in (purpose_warning(referral), impact_warning(referral), rationale_warning(referral, final_say))
            if w]


def purpose_mismatches(referral: Referral, purpose: PurposeVersion | None) -> list[str]:
    """How the referral as typed falls outside the statement in effect on its date (domain.placements.purpose_gaps),
    in words; [] when it fits or there is no statement to compare with."""
    gaps = purpose_gaps(referral, purpose)
    found = []
    if gaps.needs:
        found.append(f"Needs not in the statement: {'; '.join(gaps.needs)}.")
    if gaps.age is not None:
        found.append(f"Age {gaps.age} is outside the statement's {ages_text(purpose)}.")
    if gaps.emergency:
        found.append("An emergency referral, while the statement takes no emergency admissions.")
    if found and referral.sop_fit is SopFit.WITHIN:
        found.append("The fit is recorded as within the statement of purpose: check it.")
    return found


def ages_text(purpose: PurposeVersion) -> str:
    low, high = purpose.age_min, purpose.age_max
    if low is None and high is None:
        return "ages (not recorded)"
    if low is None:
        return f"ages up to {high}"
    if high is None:
        return f"ages from {low}"
    return f"ages {low} to {high}"


def in_effect_text(purpose: PurposeVersion | None, day: date | None) -> str:
    """Which version the side panel shows, or why none."""
    if day is None:
        return "Type the referral date to see the statement of purpose in effect then."
    if purpose is None:
        return (f"No statement of purpose is recorded for {format_date(day)}: add its version on the Statement of "
                "purpose tab.")
    return f"In effect on {format_date(day)}: the version from {format_date(purpose.effective_from)}."
