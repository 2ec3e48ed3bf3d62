"""Referrals and placement decisions (regs 14 and 16; Narey recommendations 21, 23 and 24): the home's statement of
purpose in dated versions, each referral with its fit with that statement, the impact risk assessment on the children
already there, the manager's view, the decision and what became of the placement, and the checks on them."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime

from .compliance import Finding
from .errors import Problem
from .local_time import Period, require_aware, to_local
from .rules import DECISION_EXPLAINED, IMPACT_ASSESSED, WITHIN_PURPOSE
from .validation import check_ref, year_problems
from .vocabulary import DeciderRole, Ending, ManagerView, ReferralDecision, RiskLevel, SopFit

# the need categories a provider starts from (SPEC 2.1: "a list of need categories the provider defines"); a setting
DEFAULT_NEEDS: tuple[str, ...] = (
    "Emotional and behavioural difficulties",
    "Learning disability",
    "Autism",
    "Mental health",
    "Risk of child sexual exploitation",
    "Risk of going missing",
    "Substance misuse",
    "Offending behaviour",
    "Self-harm",
    "Physical disability",
)
MAX_AGE = 25  # a care leaver may stay in some homes to 21 (staying close); older is a typing slip


@dataclass(frozen=True)
class PurposeVersion:
    """One version of the home's statement of purpose (reg 16, schedule 1), from the day it took effect until the
    next version's."""

    home_id: int
    effective_from: date
    needs: tuple[str, ...] = ()  # the range of needs the home is for, from the provider's categories
    age_min: int | None = None
    age_max: int | None = None
    places: int | None = None
    emergency_admissions: bool = False
    notes: str = ""
    id: int | None = None


def purpose_on(versions: list[PurposeVersion], day: date) -> PurposeVersion | None:
    """The version in effect on that day: the latest taking effect on or before it."""
    earlier = [v for v in versions if v.effective_from <= day]
    return max(earlier, key=lambda v: v.effective_from) if earlier else None


@dataclass(frozen=True)
class PurposeGaps:
    """Where a referral falls outside a statement of purpose: its needs the statement is not for, its age when
    outside the statement's ages, and an emergency when the home takes none."""

    needs: tuple[str, ...] = ()
    age: int | None = None
    emergency: bool = False

    def __bool__(self) -> bool:
        return bool(self.needs) or self.age is not None or self.emergency


@dataclass(frozen=True)
class Referral:
    """A referral of a child to the home and the decision on it (SPEC 2.7)."""

    home_id: int
    ref: str
    referred_on: date
    child_id: int | None = None  # the register entry, once admitted
    child_initials: str = ""
    age_at_referral: int | None = None
    placing_authority: str = ""
    emergency: bool | None = None
    needs: tuple[str, ...] = ()
    # reg 14(2)(a)
    sop_fit: SopFit | None = None
    sop_notes: str = ""
    # the impact risk assessment on the children already living there
    impact_assessed_on: date | None = None
    impact_risk: RiskLevel | None = None
    impact_summary: str = ""
    impact_mitigations: str = ""
    # Narey recommendations 23 and 24
    manager_view: ManagerView | None = None
    manager_view_reason: str = ""
    decision: ReferralDecision = ReferralDecision.PENDING
    decided_by: str = ""
    decided_by_role: DeciderRole | None = None
    decided_on: date | None = None
    rationale: str = ""
    # the placement
    admitted_on: date | None = None
    ended_on: date | None = None
    ending: Ending | None = None
    id: int | None = None

    def decision_as_at(self, day: date) -> ReferralDecision:
        """The decision as it stood on that day: one dated after it was still pending then."""
        if self.decided_on is not None and self.decided_on > day:
            return ReferralDecision.PENDING
        return self.decision

    @property
    def against_manager_view(self) -> bool:
        """Accepted while the manager opposed, or declined while the manager supported (SPEC 7)."""
        return ((self.decision is ReferralDecision.ACCEPTED and self.manager_view is ManagerView.OPPOSE)
                or (self.decision is ReferralDecision.DECLINED and self.manager_view is ManagerView.SUPPORT))

    @property
    def outside_purpose(self) -> bool:
        """Accepted with a fit of partly or outside the statement of purpose (SPEC 7)."""
        return self.decision is ReferralDecision.ACCEPTED and self.sop_fit in (SopFit.PARTLY, SopFit.OUTSIDE)

    @property
    def accepted_without_assessment(self) -> bool:
        """Accepted with no impact risk assessment before admission (reg 14(2)(a), SPEC 7)."""
        return self.decision is ReferralDecision.ACCEPTED and not self.impact_assessed_in_time

    @property
    def impact_assessed_in_time(self) -> bool:
        """An impact risk assessment on record, dated on or before the admission where the child was admitted."""
        if self.impact_assessed_on is None:
            return False
        return self.admitted_on is None or self.impact_assessed_on <= self.admitted_on

    def length_of_stay(self, today: date) -> int | None:
        """Days from admission to the end of the placement (to `today` while it goes on)."""
        if self.admitted_on is None:
            return None
        return ((self.ended_on or today) - self.admitted_on).days


def purpose_gaps(referral: Referral, purpose: PurposeVersion | None) -> PurposeGaps:
    """How the referral falls outside the statement of purpose (reg 14(2)(a)); no gaps without a statement."""
    if purpose is None:
        return PurposeGaps()
    covered = {n.casefold() for n in purpose.needs}
    age = referral.age_at_referral
    young = age is not None and purpose.age_min is not None and age < purpose.age_min
    old = age is not None and purpose.age_max is not None and age > purpose.age_max
    return PurposeGaps(tuple(n for n in referral.needs if n.casefold() not in covered), age if young or old else None,
                       bool(referral.emergency) and not purpose.emergency_admissions)


def needs_explaining(referral: Referral, final_say: DeciderRole) -> str:
    """Why an accepted or declined referral needs its rationale (Narey recs 23 and 24), or "" when it does not or has
    one: decided by someone without the final say, or against the manager's view (even by the manager: the record
    contradicts itself), or with no record of who decided in what role (then nobody can tell). A withdrawal is the
    placing authority's, not the home's decision. The final say is the provider's setting as it is now."""
    if referral.decision not in (ReferralDecision.ACCEPTED, ReferralDecision.DECLINED) or referral.rationale.strip():
        return ""
    if referral.decided_by_role is None:
        return "who decided, and in what role, is not recorded"
    if referral.decided_by_role is not final_say:
        return (f"decided by {_whom(referral.decided_by_role)}, while the provider gives the final say to "
                f"{_whom(final_say)}")
    if referral.against_manager_view:
        return "decided against the manager's view"
    return ""


def _whom(role: DeciderRole) -> str:
    return "someone else" if role is DeciderRole.OTHER else f"the {role.label.lower()}"


# checks ----------------------------------------------------------------------------------------------------------

def need_problems(needs: tuple[str, ...] | list[str]) -> list[Problem]:
    """A list of needs holds each once, and none with ";" (the CSV files separate needs with it: SPEC 7)."""
    problems = []
    if len({n.casefold() for n in needs}) != len(needs):
        problems.append(Problem("needs", "a need is listed twice"))
    if any(";" in n for n in needs):
        problems.append(Problem("needs", 'a need cannot contain ";" (files use it between needs)'))
    return problems


def validate_purpose(version: PurposeVersion) -> list[Problem]:
    if found := year_problems(version):
        return found
    problems = []
    if not version.needs:
        problems.append(Problem("needs", "choose the range of needs the home is for"))
    problems += need_problems(version.needs)
    for name, value in (("age_min", version.age_min), ("age_max", version.age_max)):
        if value is not None and not 0 <= value <= MAX_AGE:
            problems.append(Problem(name, f"an age must be from 0 to {MAX_AGE}"))
    if version.age_min is not None and version.age_max is not None and version.age_min > version.age_max:
        problems.append(Problem("age_max", "the oldest age is below the youngest"))
    if version.places is not None and not 1 <= version.places <= 99:
        problems.append(Problem("places", "the number of places must be from 1 to 99"))
    return problems


def validate_referral(referral: Referral) -> list[Problem]:
    """Every problem of one referral as a record, whenever it was made (an import of last year's referrals, or of
    dates beyond today, keeps what the file says: the checks read it as at their moment, SPEC 7)."""
    if found := year_problems(referral):
        return found
    problems = check_ref(referral.ref, "referral_ref")
    r = referral
    if r.child_id is None and not r.child_initials.strip():
        problems.append(Problem("child_initials", "give the child's initials (or choose the child, once admitted)"))
    if r.age_at_referral is not None and not 0 <= r.age_at_referral <= MAX_AGE:
        problems.append(Problem("age_at_referral", f"the age must be from 0 to {MAX_AGE}"))
    problems += need_problems(r.needs)
    for name, day, words in (("impact_assessed_on", r.impact_assessed_on, "the impact assessment"),
                             ("decided_on", r.decided_on, "the decision"), ("admitted_on", r.admitted_on, "admission")):
        if day is not None and day < r.referred_on:
            problems.append(Problem(name, f"{words} is dated before the referral"))
    if (r.impact_risk is not None or r.impact_summary.strip() or r.impact_mitigations.strip()) \
            and r.impact_assessed_on is None:
        problems.append(Problem("impact_assessed_on", "give the date of the impact risk assessment"))
    if r.decision is ReferralDecision.PENDING and r.decided_on is not None:
        problems.append(Problem("decided_on", "a pending referral has no decision date: choose the decision"))
    if r.decision is not ReferralDecision.ACCEPTED and (r.admitted_on is not None or r.child_id is not None):
        problems.append(Problem("admitted_on" if r.admitted_on is not None else "child_ref",
                                "only an accepted referral leads to an admission"))
    if r.admitted_on is not None and r.decided_on is not None and r.admitted_on < r.decided_on:
        problems.append(Problem("admitted_on", "admission is dated before the decision"))
    return problems + _ending_problems(r)


def _ending_problems(r: Referral) -> list[Problem]:
    if r.ended_on is None:
        return [Problem("ended_on", "give the date the placement ended")] if r.ending is not None else []
    problems = []
    if r.admitted_on is None:
        problems.append(Problem("ended_on", "a placement can only end after an admission"))
    elif r.ended_on < r.admitted_on:
        problems.append(Problem("ended_on", "the placement ends before the admission"))
    if r.ending is None:
        problems.append(Problem("ending", "say whether the ending was planned or unplanned"))
    return problems


def future_problems(referral: Referral, today: date) -> list[Problem]:
    """What a person records in the window happened by `today` (the home's date): a referral, an assessment, a
    decision, an admission or an ending dated later is refused (record it on the day)."""
    r = referral
    return [Problem(name, f"{words} is in the future: record it on the day")
            for name, day, words in (("referred_on", r.referred_on, "the referral date"),
                                     ("impact_assessed_on", r.impact_assessed_on, "the impact assessment's date"),
                                     ("decided_on", r.decided_on, "the decision date"),
                                     ("admitted_on", r.admitted_on, "the admission date"),
                                     ("ended_on", r.ended_on, "the end date"))
            if day is not None and day > today]


# compliance (SPEC 3 and 7) ----------------------------------------------------------------------------------------

@dataclass
class PlacementsReport:
    """The `placements` keys of SPEC 7, as at a moment, and the findings behind them."""

    referrals: list[str] = field(default_factory=list)
    accepted: list[str] = field(default_factory=list)
    declined: list[str] = field(default_factory=list)
    against_manager_view: list[str] = field(default_factory=list)
    outside_statement_of_purpose: list[str] = field(default_factory=list)
    accepted_without_impact_assessment: list[str] = field(default_factory=list)
    unplanned_endings: list[str] = field(default_factory=list)
    unexplained: list[str] = field(default_factory=list)  # besides SPEC 7: decisions that need their rationale
    findings: list[Finding] = field(default_factory=list)


def placements_report(referrals: list[Referral], period: Period, as_at: datetime, final_say: DeciderRole,
                      versions: list[PurposeVersion] | None = None) -> PlacementsReport:
    """The period's referrals (received on a date of it, up to the as-at day), each as it stood at the as-at day
    (a decision, admission or ending dated later had not happened yet), and the placements ended in the period up to
    that day. `referrals` may hold others (they are passed over). With the statement of purpose's `versions`, an
    accepted referral recorded as within a statement that does not cover it is a finding too."""
    today = to_local(require_aware(as_at)).date()
    last = min(period.end, today)
    report = PlacementsReport()
    for r in sorted(referrals, key=lambda r: r.ref):
        known = _as_at(r, today)
        if period.start <= r.referred_on <= last:
            report.referrals.append(r.ref)
            if known.decision is ReferralDecision.ACCEPTED:
                report.accepted.append(r.ref)
            elif known.decision is ReferralDecision.DECLINED:
                report.declined.append(r.ref)
            if known.against_manager_view:
                report.against_manager_view.append(r.ref)
            if known.outside_purpose:
                report.outside_statement_of_purpose.append(r.ref)
                report.findings.append(Finding(r.ref, WITHIN_PURPOSE, f"accepted with a fit of "
                                               f"{known.sop_fit.value}" + (f": {r.sop_notes}" if r.sop_notes else "")))
            if known.decision is ReferralDecision.ACCEPTED and known.sop_fit is None:
                report.findings.append(Finding(r.ref, WITHIN_PURPOSE, "accepted with no fit with the statement of "
                                                                      "purpose recorded"))
            elif known.decision is ReferralDecision.ACCEPTED and known.sop_fit is SopFit.WITHIN and versions:
                if gaps := purpose_gaps(known, purpose_on(versions, known.referred_on)):
                    report.findings.append(Finding(r.ref, WITHIN_PURPOSE, _gaps_detail(gaps)))
            if known.accepted_without_assessment:
                report.accepted_without_impact_assessment.append(r.ref)
                report.findings.append(Finding(r.ref, IMPACT_ASSESSED, _impact_detail(known)))
            if why := needs_explaining(known, final_say):
                report.unexplained.append(r.ref)
                report.findings.append(Finding(r.ref, DECISION_EXPLAINED, f"{why}, with no rationale recorded"))
        if known.ending is Ending.UNPLANNED and known.ended_on is not None and period.start <= known.ended_on <= last:
            report.unplanned_endings.append(r.ref)
    return report


def _as_at(r: Referral, today: date) -> Referral:
    """The referral as it stood on `today`: what is dated after it had not happened."""
    if r.decision_as_at(today) is ReferralDecision.PENDING and r.decision is not ReferralDecision.PENDING:
        return replace(r, decision=ReferralDecision.PENDING, decided_on=None, admitted_on=None, ended_on=None,
                       ending=None)
    later = {}
    if r.impact_assessed_on is not None and r.impact_assessed_on > today:
        later["impact_assessed_on"] = None
    if r.admitted_on is not None and r.admitted_on > today:
        later.update(admitted_on=None, ended_on=None, ending=None)
    elif r.ended_on is not None and r.ended_on > today:
        later.update(ended_on=None, ending=None)
    return replace(r, **later) if later else r


def _impact_detail(r: Referral) -> str:
    if r.impact_assessed_on is None:
        return "accepted with no impact risk assessment recorded"
    return (f"impact risk assessment dated {r.impact_assessed_on:%d/%m/%Y}, after the admission on "
            f"{r.admitted_on:%d/%m/%Y}")


def _gaps_detail(gaps: PurposeGaps) -> str:
    parts = ([f"needs {', '.join(gaps.needs)}"] if gaps.needs else []) + \
        ([f"age {gaps.age}"] if gaps.age is not None else []) + (["an emergency admission"] if gaps.emergency else [])
    return f"recorded as within the statement of purpose, which does not cover {' or '.join(parts)}"
