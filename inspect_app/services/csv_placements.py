"""The `placements` CSV kind of SPEC 7 (referrals and the decisions on them); registered in csv_kinds.KINDS when
imported."""

from __future__ import annotations

from collections import defaultdict

from ..domain.errors import Problem
from ..domain.placements import Referral, validate_referral
from ..domain.vocabulary import DeciderRole, Ending, ManagerView, ReferralDecision, RiskLevel, SopFit
from .csv_kinds import KINDS, Kind, Registers, child, choice, day, narrative, number, text, words, yes_no


def _one_referral_per_child(regs: Registers, new: list[tuple[int, Referral]],
                            stored: list[Referral]) -> list[tuple[int, Problem]]:
    """A child on the register was admitted from one referral: the file's rows against each other and the stored
    ones."""
    taken: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for r in stored:
        if r.child_id is not None:
            taken[r.child_id].append((0, r.ref))
    found = []
    for line, r in new:
        if r.child_id is None:
            continue
        if taken[r.child_id]:
            other_line, other = taken[r.child_id][0]
            where = f"line {other_line} of this file" if other_line else "the home's records"
            found.append((line, Problem("child_ref", f"{regs.ref_of('children', r.child_id)} was admitted from "
                                                     f"referral {other} ({where})")))
        taken[r.child_id].append((line, r.ref))
    return found


# SPEC 7's columns, then `impact_summary` and `impact_mitigations`: SPEC 2.7 keeps the impact assessment's summary and
# mitigations, and an export must import again unchanged.
PLACEMENTS = Kind(
    "placements", Referral, "referrals",
    (
        text("referral_ref", True, field="ref"), day("referred_on", True), child("child_ref", "child_id"),
        text("child_initials"), number("age_at_referral"), text("placing_authority"), yes_no("emergency"),
        words("needs"), choice("sop_fit", SopFit), narrative("sop_notes"), day("impact_assessed_on"),
        choice("impact_risk", RiskLevel), choice("manager_view", ManagerView), narrative("manager_view_reason"),
        choice("decision", ReferralDecision, True), text("decided_by"), choice("decided_by_role", DeciderRole),
        day("decided_on"), narrative("rationale"), day("admitted_on"), day("ended_on"), choice("ending", Ending),
        narrative("impact_summary"), narrative("impact_mitigations"),
    ),
    # dates after today are kept as the file has them (as the other kinds do): the checks read them as at a moment
    check=lambda regs, record: validate_referral(record),
    check_file=lambda regs, new, stored: _one_referral_per_child(regs, new, stored),
)

KINDS[PLACEMENTS.name] = PLACEMENTS
