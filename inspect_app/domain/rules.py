"""Every rule the product checks, in plain English, with the regulation or recommendation behind it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Rule:
    code: str
    title: str
    citation: str
    explanation: str


RECORD_24H = Rule(
    "late_record",
    "Record made within 24 hours",
    "reg 35(3)(a)",
    "A record of every measure of control, discipline or restraint must be made within 24 hours.",
)
SIGNOFF_48H = Rule(
    "late_signoff",
    "Signed off within 48 hours",
    "reg 35(3)(b)",
    "Within 48 hours the registered person, or someone they authorise, must speak to the staff "
    "who used the measure and sign the record as accurate.",
)
SIGNED_BY_UNAUTHORISED = Rule(
    "signed_by_unauthorised",
    "Signed by an authorised person",
    "reg 35(3)(b)",
    "Only the registered person, or someone they have authorised, may sign a record as accurate.",
)
CHILD_5_DAYS = Rule(
    "late_child_debrief",
    "Child spoken to within 5 days",
    "reg 35(3)(c)",
    "Within 5 days the person who signed must speak to the child and add that to the record.",
)
PLANNED_EXEMPT = Rule(
    "exempt_planned",
    "Planned in the child's EHC plan",
    "reg 35(4)",
    "Restraint planned as routine in the child's EHC plan is exempt from the 24-hour, 48-hour "
    "and 5-day steps.",
)
