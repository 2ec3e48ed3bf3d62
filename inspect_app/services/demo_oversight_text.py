"""Word lists for made-up demo data about oversight: independent person visits and their recommendations (regs 43
and 44), inspections and what they asked of the home, and the dialogue with Ofsted (SPEC 2.4, 2.5)."""

from __future__ import annotations

import random


VISITOR_ORGANISATIONS = ("Independent (self-employed)", "Independent (self-employed)",
                         "Keystone Independent Visiting Ltd", "Clearwater Reg 44 Services",
                         "Meridian Quality Assurance CIC", "Lanternfield Consultancy Ltd",
                         "Northway Safeguarding Associates")
_NUMBERS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve")
# where a restraint happened, as a recommendation names it; on the road or at school there is no room to name
_PLACES = {"Child's bedroom": "in their bedroom", "Front door": "by the front door", "Stairs": "on the stairs",
           "Landing": "on the landing", "Front drive": "on the front drive", "School run": "", "Outside school": ""}
CHILD = "child"
# a visitor's recommendations by kind: what they say, and the reasons a home gives when it declines one (reg 44(5))
RECOMMENDATIONS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    CHILD: (("Review the risk assessment for {child} after the {count} restraints {place}",
             "Hold a team discussion about the {count} restraints of {child} {place} and agree what staff will try "
             "first next time", "Ask {child}'s social worker to join a review of the {count} restraints {place}"),
            ("The placing authority's care plan says otherwise; discussed with the social worker.",
             "Already reviewed after the latest restraint; the plan was updated that day.")),
    "records": (("Ensure every reg 35 record is signed off within 48 hours",
                 "Record each child's views after a measure within five days, in their own words",
                 "Make sure restraint records name the holds used and how long each lasted",
                 "Complete body maps for every injury recorded after a restraint",
                 "Bring the medication administration records up to date and audit them weekly",
                 "Keep the fire drill log up to date, with a night-time drill each quarter",
                 "Make sure each missing from care record includes the return interview",
                 "File the consent for case records to be read on each child's file"),
                ("Already in place: the weekly records audit checks this.",
                 "The home's policy already covers it; staff were reminded at the team meeting.")),
    "premises": (("Repair the broken lock on the garden gate", "Replace the stained carpet on the landing",
                  "Fix the bathroom extractor fan reported in the maintenance log",
                  "Redecorate the lounge with the young people's ideas", "Replace the broken blind in the office",
                  "Repair the kitchen cupboard door that has been off its hinge for three weeks",
                  "Clear the broken garden furniture from the back garden", "Fit a working light outside the back door",
                  "Replace the cracked glass panel in the front door", "Mend the fence panel by the bins"),
                 ("The landlord is responsible for this; reported to them and chased in writing.",
                  "Not possible within this year's budget; planned for the spring refurbishment.")),
    "staff": (("Complete the overdue supervision for two night staff",
               "Book refresher physical intervention training for staff whose certificates have lapsed",
               "Agree a plan with the care workers who have not started the Level 3 Diploma",
               "Reduce the use of agency staff on evening shifts", "Make sure a senior is on shift for every evening "
               "handover", "Arrange a team meeting to reflect on the recent restraints",
               "Review the induction so new starters read each child's plans in their first week",
               "Give staff a debrief after every restraint and record it"),
              ("Not possible within this year's budget; to be looked at again at the next reg 45 review.",
               "Already in place: the rota shows this has been so since the last visit.")),
    "children": (("Consult the young people about the house rules at the next house meeting",
                  "Give the young people a say in planning the weekly menu",
                  "Ensure each child knows how to contact their advocate",
                  "Put an easy-read complaints leaflet in every bedroom",
                  "Put the Children's Commissioner's contact details on the noticeboard",
                  "Plan more activities at weekends with the young people",
                  "Make sure each child has a say in their placement plan review"),
                 ("The young people asked to keep the current arrangement at their house meeting.",
                  "Already in place: each child is given this at admission and reminded in key work sessions.")),
    # a "no" to either reg 44(4) question goes with stronger recommendations
    "urgent": (("Review the staffing on evening shifts this week and tell the visitor the outcome",
                "Commission an external review of the use of restraint in the home",
                "The responsible individual to meet the registered manager within seven days to agree an "
                "improvement plan", "Notify Ofsted of last week's serious incident under reg 40 without delay",
                "Hold a strategy discussion with the placing authorities about the recent missing episodes"),
               ("Already done before the report arrived; the visitor has been sent the evidence.",
                "The responsible individual agreed a different action with the placing authority instead.")),
}
_ORDINARY = ("records", "premises", "staff", "children")
CONFLICTS = ("The visitor had worked with the deputy manager at another provider; declared, and the provider agreed it "
             "did not affect the visit.",
             "A young person at the home is known to the visitor's family; the visitor did not interview them.")

REQUIREMENTS = (
    ("reg 12", "The registered person must ensure that each child's risk assessment is reviewed after every "
               "restraint and that staff know the strategies agreed in it."),
    ("reg 13", "The registered person must ensure that leaders monitor the use of restraint and act on the patterns "
               "they find."),
    ("reg 35", "The registered person must ensure that every record of restraint is signed within 48 hours by someone "
               "authorised to do so."),
    ("reg 32", "The registered person must ensure that care staff gain the Level 3 Diploma within two years of "
               "starting a care role."),
    ("reg 33", "The registered person must ensure that every member of staff receives regular supervision."),
    ("reg 40", "The registered person must notify Ofsted without delay of each serious incident involving the "
               "police."),
    ("reg 14", "The registered person must ensure that each child's placement plan is reviewed when their needs "
               "change."),
    ("reg 10", "The registered person must ensure that medicines are stored, given and recorded safely."),
)
INSPECTION_RECOMMENDATIONS = (
    ("reg 7", "The registered person should make sure children's views are recorded after each measure of control."),
    ("reg 12", "The registered person should make sure missing from care records include the return interview."),
    ("reg 13", "The registered person should make sure the reg 45 review sets out how the home will improve."),
    ("reg 6", "The registered person should make sure the home is decorated and repaired promptly."),
    ("reg 8", "The registered person should make sure each child's education plan is shared with staff."),
    ("reg 44", "The registered person should make sure the independent person's recommendations are answered in "
               "time."),
)
ACTION_PROGRESS = ("Action plan agreed with the responsible individual; reviewed weekly at the managers' meeting.",
                   "Training booked for the whole team; half have attended so far.",
                   "Audit of records started; gaps raised with the staff concerned.",
                   "New checklist in use since the last team meeting; first audit due next month.",
                   "Policy rewritten and shared with staff; the manager is checking it is followed.",
                   "Discussed in every supervision this month; two staff still to complete it.")
ACTION_MET = ("Met: audit shows every record complete on time; evidence filed for the next inspection.",
              "Met: all staff trained; certificates on file.",
              "Met: reviewed and signed by the manager; the team has read the new plans.",
              "Met: confirmed by the inspector at the next visit.",
              "Met: the responsible individual checked a sample of records and found them complete.",
              "Met: new arrangements in place for three months and working.")

REGULATORS = ("Social care regulatory inspector", "Social care regulatory inspector", "Regulatory inspection manager",
              "Ofsted National Business Unit")
# (topic, summary, follow-up) for contacts at any time, and for each part of an inspection (Narey rec 19)
CONTACTS_BETWEEN = (
    ("Notification of a serious incident (reg 40)", "Told the inspector about an incident in which police attended; "
     "the inspector asked for the outcome of the strategy meeting.", "Send the strategy meeting outcome"),
    ("Reg 45 review report", "Sent the six-monthly review of the quality of care; the inspector acknowledged it.", ""),
    ("Statement of purpose revised", "Sent the revised statement of purpose within 28 days of the change (reg 16).",
     ""),
    ("Reg 44 report", "The inspector asked why a visit report arrived late; explained the visitor's illness.",
     "Confirm the visiting arrangements for next month"),
    ("Allegation against a member of staff", "Notified the allegation and the referral to the LADO; the inspector "
     "asked to hear the outcome.", "Send the LADO outcome"),
    ("Annual data collection", "Completed Ofsted's annual data collection for children's homes.", ""),
    ("Concern passed on by Ofsted", "The inspector passed on a parent's concern about contact; explained the plan "
     "agreed with the placing authority.", "Send a copy of the contact plan"),
    ("Missing from care notification", "Notified a night a young person was missing and police were involved.",
     "Send the return interview summary"),
    ("Admission query", "Asked the inspector about a referral at the top of the statement of purpose's age range.",
     "Send the impact risk assessment"),
    ("Regular contact call", "Routine call with the home's inspector about staffing, incidents and the use of "
     "restraint.", ""),
)
CONTACTS_DURING = (
    ("Start of the inspection", "The inspector arrived unannounced and agreed the plan for the visit with the manager.",
     ""),
    ("Feedback at the end of the inspection", "The inspector gave feedback on the findings and the likely judgements.",
     "Share the feedback with the team"),
)
CONTACTS_AFTER = (
    ("Factual accuracy check of the draft report", "Sent comments on two factual points in the draft report; one was "
     "corrected.", ""),
    ("Report published", "The final report was published on Ofsted's website.", "Send the report to the placing "
     "authorities"),
    ("Action plan for the requirements", "Sent the home's action plan for the requirements to the inspector.",
     "Send evidence as each requirement is met"),
)


def initials(first: str, last: str) -> str:
    """Reports to Ofsted name children by initials (C.D.)."""
    return f"{first[:1]}.{last[:1]}."


def place(location: str) -> str:
    """Where a measure happened, as a recommendation says it ("" when there is no room to name)."""
    return _PLACES.get(location, f"in the {location.lower()}" if location else "")


def restraint_recommendation(rng: random.Random, child: str, count: int, where: str) -> tuple[str, str]:
    words = rng.choice(RECOMMENDATIONS[CHILD][0]).format(child=child, count=_NUMBERS[min(count, 12)], place=where)
    return words, CHILD


def visit_recommendations(rng: random.Random, count: int, urgent: bool, avoid: set[str]) -> list[tuple[str, str]]:
    """`count` different (text, kind) for one report, none of them in `avoid` (recently made); stronger ones first
    when an opinion was "no"."""
    fresh = {kind: [t for t in texts if t not in avoid] for kind, (texts, _) in RECOMMENDATIONS.items()}
    strong = rng.sample(fresh["urgent"], min(count, rng.randint(1, 2), len(fresh["urgent"]))) if urgent else []
    found = [(t, "urgent") for t in strong]
    ordinary = [(t, kind) for kind in _ORDINARY for t in fresh[kind]]
    return found + rng.sample(ordinary, count - len(found))


def decline_reason(rng: random.Random, kind: str) -> str:
    return rng.choice(RECOMMENDATIONS[kind][1])
