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
MONTHLY_VISIT = Rule(
    "months_without_visit",
    "An independent visit every month",
    "reg 44(1)",
    "The independent person must visit the home at least once in every calendar month.",
)
REPORT_SENT = Rule(
    "late_reports",
    "Visit report sent to Ofsted on time",
    "reg 44(7)",
    "Each visit's report goes to Ofsted, the placing authorities and the provider. The regulations fix no date "
    "that we could confirm, so the home sets its own target.",
)
UNDECLARED_VISITOR = Rule(
    "undeclared_visitor_visits",
    "Visitor declared independent before visiting",
    "reg 43",
    "The independent person must be independent of the home (reg 43(3)); a declaration covering each condition "
    "should be on file before their first visit.",
)
RECOMMENDATION_DECIDED = Rule(
    "recommendations_overdue",
    "Recommendations considered in time",
    "reg 44(5)",
    "The independent person may recommend actions with a timescale for the home to consider them; the home "
    "decides each one by that date, and says why if it declines.",
)
ADEQUATE_HOME = Rule(
    "adequate_home",
    "\u201cRequires improvement to be good\u201d means adequate",
    "Narey recommendation 22",
    "A home judged \u201crequires improvement to be good\u201d is an adequate home, with things to improve before "
    "it is good.",
)
WITHIN_PURPOSE = Rule(
    "outside_statement_of_purpose",
    "Admitted within the statement of purpose",
    "reg 14(2)(a)",
    "A child is admitted only if the home's statement of purpose covers their needs; an accepted referral whose fit "
    "is partly or outside needs the reasons on record.",
)
IMPACT_ASSESSED = Rule(
    "accepted_without_impact_assessment",
    "Impact on the children already there assessed before admission",
    "reg 14(2)(a)",
    "Before admitting a child the home assesses the risk the placement brings to the children already living there, "
    "and how it will be managed.",
)
DECISION_EXPLAINED = Rule(
    "decision_without_rationale",
    "A decision against the manager's view, or by someone without the final say, explained",
    "Narey recommendations 23 and 24",
    "Placing a child against the manager's view may sometimes be right, and who has the final say is the "
    "provider's choice; such a decision should say why it was made.",
)
