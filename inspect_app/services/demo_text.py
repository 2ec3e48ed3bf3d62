"""Word lists for made-up demo data: names of homes and people, places, schemes, reg 35 narratives, and the words of
independent visits, inspections and the dialogue with Ofsted.

Every person named here is invented by combining common first names and surnames; the local
authority names are real English councils, because a placing authority is public information.
"""

from __future__ import annotations

import random

from ..domain.vocabulary import MeasureKind, Position

HOME_WORDS = ("Oak", "Willow", "Beech", "Rowan", "Hazel", "Ash", "Elm", "Birch", "Cedar", "Holly",
              "Maple", "Larch", "Alder", "Hawthorn", "Juniper", "Linden", "Aspen", "Heather",
              "Bramble", "Foxglove", "Meadow", "Brook", "Orchard", "Kestrel", "Heron", "Skylark")
HOME_KINDS = ("House", "Lodge", "View", "Cottage", "Court", "Grange", "Barn", "Place", "Mews", "Lane")

PROVIDERS = ("Larkfield Children's Services Ltd", "Brightwater Care for Young People Ltd",
             "Harbourside Residential Care Ltd", "Greenhollow Homes for Children Ltd",
             "Northstone Young People's Services Ltd", "Fernbrook Care Group Ltd")

FIRST_F = ("Amelia", "Olivia", "Isla", "Ava", "Mia", "Grace", "Lily", "Ruby", "Evie", "Ella",
           "Chloe", "Jessica", "Sophie", "Holly", "Megan", "Leah", "Paige", "Caitlin", "Jade",
           "Kayla", "Demi", "Tia", "Amber", "Nadia", "Aaliyah", "Zara", "Keira", "Lacey", "Poppy",
           "Hannah", "Rachel", "Claire", "Joanne", "Sarah", "Nicola", "Helen", "Priya", "Funmi")
FIRST_M = ("Oliver", "Jack", "Harry", "Charlie", "Thomas", "George", "Jacob", "Alfie", "Riley",
           "Kai", "Tyler", "Kieran", "Callum", "Connor", "Liam", "Jayden", "Reece", "Mason",
           "Ethan", "Owen", "Logan", "Dylan", "Bailey", "Ryan", "Aaron", "Ibrahim", "Tariq",
           "Marcus", "Daniel", "Mark", "Paul", "Stephen", "Gareth", "Andrew", "Kwame", "Ravi")
SURNAMES = ("Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies",
            "Robinson", "Wright", "Thompson", "Evans", "Walker", "White", "Roberts", "Green",
            "Hall", "Wood", "Jackson", "Clarke", "Patel", "Khan", "Lewis", "James", "Phillips",
            "Mason", "Mitchell", "Rose", "Davis", "Rodgers", "Ward", "Hughes", "Carter", "Shaw",
            "Bell", "Begum", "Okafor", "Mensah", "Kowalski", "Nowak", "Murphy", "Kelly", "Price",
            "Bennett", "Holmes", "Barker", "Fletcher", "Marsh", "Pearce", "Lloyd", "Ahmed")

PLACING_AUTHORITIES = (
    "Birmingham City Council", "Manchester City Council", "Leeds City Council", "Kent County Council",
    "Essex County Council", "Lancashire County Council", "Hampshire County Council",
    "Surrey County Council", "Nottinghamshire County Council", "Derbyshire County Council",
    "Staffordshire County Council", "Norfolk County Council", "Devon County Council",
    "Bristol City Council", "Liverpool City Council", "Sheffield City Council",
    "City of Bradford Metropolitan District Council", "Wakefield Council", "Doncaster Council",
    "Stoke-on-Trent City Council", "City of Wolverhampton Council", "Sandwell Council",
    "Walsall Council", "Dudley Council", "Coventry City Council", "Leicester City Council",
    "Nottingham City Council", "Derby City Council", "London Borough of Lambeth",
    "London Borough of Southwark", "London Borough of Croydon", "London Borough of Lewisham",
    "London Borough of Hackney", "London Borough of Newham", "Kirklees Council",
    "Sunderland City Council", "Newcastle City Council", "Durham County Council",
    "North Yorkshire Council", "East Sussex County Council", "Medway Council", "Rochdale Borough Council",
    "Oldham Council", "Salford City Council", "Wigan Council", "Bolton Council", "Hull City Council",
)

# Hold names are scheme-specific (DOMAIN.md vocabulary), so each scheme brings its own list.
PI_SCHEMES: dict[str, tuple[str, ...]] = {
    "Team Teach": ("Single elbow", "Double elbow", "Figure of four", "Seated double elbow",
                   "Caring C guide", "Friendly hold", "Half shield", "Wrap"),
    "MAPA": ("Child control position", "Team control position", "Seated team control",
             "Supportive escort", "Single person hold"),
    "PRICE": ("Standing support", "Two-person escort", "Seated support", "Arm guide",
              "Supported floor hold"),
    "CALM": ("Guide", "Escort", "Seated hold", "Standing wrap", "Supported sit"),
}
SEATED_HOLD_WORDS = ("seated", "sit")

LOCATIONS_DAY = ("Lounge", "Kitchen", "Dining room", "Garden", "Hallway", "Stairs", "Games room",
                 "Front drive", "Office")
LOCATIONS_NIGHT = ("Bedroom corridor", "Child's bedroom", "Landing", "Lounge", "Kitchen", "Front door")
LOCATIONS_TRAVEL = ("Car", "School run", "Outside school", "Supermarket car park", "Car")

_TRIGGERS = ("after a phone call with family", "after contact was cancelled",
             "when asked to come off the games console", "after a disagreement with another young person",
             "when told the planned trip could not go ahead", "after being refused money for takeaway food",
             "with no clear trigger", "after an argument over the television",
             "after receiving messages on social media")
_TRIGGERS_MORNING = ("when asked to get ready for school", "on the way to school")
_TRIGGERS_AFTER_SCHOOL = ("after returning from school upset", "after a difficult day at school")
_TRIGGERS_EVENING = ("when asked to hand in a mobile phone at bedtime", "when reminded about the time to come in")
_TRIGGERS_NIGHT = ("after waking from a nightmare", "when staff checked on them during the night",
                   "with no clear trigger", "after receiving messages on social media")
_RESTRAINT_ACTS = ("tried to punch a member of staff", "threw a mug at another young person",
                   "kicked out repeatedly at staff", "tried to headbutt a member of staff",
                   "picked up a kitchen knife and waved it towards staff",
                   "began hitting their head against the wall", "tried to climb out of an upstairs window",
                   "smashed a picture frame and picked up the glass",
                   "attacked another young person, pulling their hair", "kicked the glass panel of the front door",
                   "threw a chair across the room towards others")
_HOLDING_ACTS = ("ran towards the road", "squared up to another young person", "tried to hit another young person",
                 "started to climb the garden fence", "stepped out between parked cars")
_LOW_ACTS = ("swore repeatedly at staff", "refused to hand in a mobile phone", "damaged a bedroom door",
             "came back two hours after the agreed time", "was verbally abusive to another young person",
             "took food from another young person's cupboard", "wrote graffiti on the bathroom wall",
             "tried to leave late at night to meet unknown adults", "was found with a lighter in their room")

_AVOIDANCE = ("verbal de-escalation in a calm voice", "offered time and space in the garden",
              "reminded them of their behaviour support plan", "offered a drink and a snack",
              "moved the other young people to another room", "offered to phone a trusted adult",
              "change of face: another member of staff stepped in", "planned ignoring of low-level swearing",
              "used the agreed calming strategies (music, weighted blanket)", "offered a drive to calm down",
              "gave clear choices and time to respond", "used humour and distraction",
              "stood back and gave space while keeping others safe", "talked about what had upset them")

_EFFECT_RESTRAINT = ("Effective: calmed within a few minutes and the hold was released.",
                     "Settled after the hold and went to their room; no further incidents that evening.",
                     "Partly effective: verbal aggression continued for about half an hour, but no one was hurt.",
                     "Effective: the hold stopped the assault on staff; apologised later in the evening.",
                     "Calmed quickly; sat with staff afterwards and had a hot chocolate.",
                     "Effective: no one was hurt; kept under close observation for the rest of the evening.",
                     "Effective: stopped the harm; went for a walk with staff afterwards to calm down.")
_EFFECT_OTHER = ("Effective: accepted the consequence and the evening settled.",
                 "Partly effective: complained about it but behaviour improved.",
                 "Not effective at first; accepted it the next morning after talking with the key worker.",
                 "Effective: the situation calmed and others felt safer.")
_CONSEQUENCES = ("Key worker to go over the incident in a one-to-one session.",
                 "Behaviour support plan to be reviewed at the next team meeting.",
                 "Social worker informed the next morning.", "Parent informed by phone.", "")
_CONSEQUENCES_RESTRAINT = _CONSEQUENCES + ("Damage recorded for repair.", "Staff debrief held at handover.")

_VIEW_OPENERS = ("Said", "Told the manager", "Explained that", "Wrote on a feelings sheet that", "Shared that")
_VIEWS = ("they were angry about contact being cancelled", "staff were fair but the hold hurt their wrist",
          "they would rather be given space next time", "they know staff had to stop them hitting the window",
          "the car journey makes them anxious", "they felt staff listened to them afterwards",
          "they did not want to talk about it; the key worker will try again",
          "it was the other young person's fault", "they were scared when they were held on the floor",
          "they would like a different member of staff to help next time",
          "they understand the consequence but think it was too long",
          "they were tired and hungry after school")

_INJURY_CHILD = ("Red mark to the left wrist", "Carpet burn to the right knee", "Small graze to the elbow",
                 "Bumped the back of the head on the sofa")
_INJURY_STAFF = ("Staff member scratched on the forearm", "Staff member bitten on the hand, skin not broken",
                 "Staff member kicked on the shin, bruising")
_TREATMENT = ("First aid given: cold compress; checked by the first aider, no further treatment needed.",
              "Cleaned and dressed by the first aider.", "Body map completed; no treatment needed.",
              "Seen at the minor injuries unit the same evening; no further treatment needed.")

_NON_RESTRAINT_DESCRIPTIONS = {
    MeasureKind.SANCTION: (
        "Mobile phone handed in an hour early", "Later bedtime withdrawn for the evening",
        "Pocket money contribution towards the repair, as agreed in the behaviour plan",
        "Trip to the cinema postponed to the weekend", "Extra household task: helped clean the graffiti"),
    MeasureKind.RESTRICTION_OF_LIBERTY: (
        "Front door locked for a short period to stop them running onto the main road",
        "Car child locks used during the journey", "Kitchen door locked while knives were put away",
        "Garden gate locked while the young person calmed down"),
    MeasureKind.HOLDING: (
        "Held by the hand and guided away from danger", "Arm held briefly to guide them away",
        "Guided by the elbow back into the house", "Held in a supportive hug until calm"),
    MeasureKind.OTHER: (
        "Bedroom searched with the young person present after a lighter was seen",
        "Items that could be used for self-harm removed from the bedroom",
        "Wi-Fi access paused for the evening after threatening messages were sent"),
}

_STAFF_WORDS = {1: "One member of staff", 2: "Two staff", 3: "Three staff"}
_POSITION_WORDS = {
    Position.STANDING: "held them standing", Position.SEATED: "held them seated",
    Position.KNEELING: "held them kneeling", Position.GROUND_SUPINE: "held them on the floor, face up",
    Position.GROUND_PRONE: "held them on the floor, face down, for the shortest time possible",
}


def person_name(rng: random.Random, sex: str) -> tuple[str, str]:
    first = rng.choice(FIRST_F if sex == "F" else FIRST_M)
    return first, rng.choice(SURNAMES)


def home_name(rng: random.Random) -> str:
    return f"{rng.choice(HOME_WORDS)} {rng.choice(HOME_KINDS)}"


def _trigger(rng: random.Random, hour: int, weekday: bool) -> str:
    if hour < 6:
        return rng.choice(_TRIGGERS_NIGHT)
    extra = ()
    if weekday and 7 <= hour < 9:
        extra = _TRIGGERS_MORNING
    elif weekday and 15 <= hour < 19:
        extra = _TRIGGERS_AFTER_SCHOOL
    elif hour >= 20:
        extra = _TRIGGERS_EVENING
    return rng.choice(_TRIGGERS + extra * 3)


def behaviour(rng: random.Random, kind: MeasureKind, hour: int, weekday: bool) -> str:
    """reg 35(3)(a)(ii); restraint only to prevent injury or serious damage (reg 20), so its acts say so."""
    acts = {MeasureKind.RESTRAINT: _RESTRAINT_ACTS, MeasureKind.HOLDING: _HOLDING_ACTS}.get(kind, _LOW_ACTS)
    act = rng.choice(acts)
    return f"Became distressed {_trigger(rng, hour, weekday)} and {act}."


def avoidance_steps(rng: random.Random) -> str:
    steps = rng.sample(_AVOIDANCE, rng.randint(2, 3))
    return "; ".join(steps).capitalize() + "."


def description(rng: random.Random, kind: MeasureKind, position: Position | None, holds: tuple[str, ...],
                staff_count: int) -> str:
    if kind is not MeasureKind.RESTRAINT:
        return rng.choice(_NON_RESTRAINT_DESCRIPTIONS[kind]) + "."
    hold_words = " and ".join(h.lower() for h in holds)
    if not hold_words.endswith(("hold", "position")):
        hold_words += " hold" if len(holds) == 1 else " holds"
    how = _POSITION_WORDS[position or Position.STANDING]
    return f"{_STAFF_WORDS.get(staff_count, 'Staff')} {how} using the {hold_words} until they were calm."


def effectiveness(rng: random.Random, kind: MeasureKind, police: bool) -> str:
    text = rng.choice(_EFFECT_RESTRAINT if kind is MeasureKind.RESTRAINT else _EFFECT_OTHER)
    if police:
        text += " Police were called and attended; no further action."
    extra = rng.choice(_CONSEQUENCES_RESTRAINT if kind is MeasureKind.RESTRAINT else _CONSEQUENCES)
    return f"{text} {extra}".strip()


def injury(rng: random.Random) -> tuple[str, str]:
    """Details and treatment of a minor injury (reg 35(3)(a)(viii))."""
    details = rng.choice(_INJURY_CHILD + _INJURY_STAFF)
    return details + ".", rng.choice(_TREATMENT)


def child_views(rng: random.Random) -> str:
    return f"{rng.choice(_VIEW_OPENERS)} {rng.choice(_VIEWS)}."


def location(rng: random.Random, hour: int, weekday: bool) -> str:
    if weekday and hour in (7, 8, 15) and rng.random() < 0.6:
        return rng.choice(LOCATIONS_TRAVEL)
    if hour >= 22 or hour < 7:
        return rng.choice(LOCATIONS_NIGHT)
    if rng.random() < 0.08:
        return rng.choice(LOCATIONS_TRAVEL)
    return rng.choice(LOCATIONS_DAY)


# --- independent person visits (regs 43-44), inspections and the dialogue with Ofsted (SPEC 2.4, 2.5) -------------

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
