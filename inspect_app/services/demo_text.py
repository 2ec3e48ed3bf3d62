"""Word lists for made-up demo data: names of homes and people, places, schemes, and reg 35 narratives (the words of
visits and inspections are in demo_oversight_text).

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
