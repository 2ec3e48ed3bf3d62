"""The sector's enumerated words, their CSV spellings and their plain-English labels."""

from __future__ import annotations

from enum import Enum


class Vocabulary(str, Enum):
    """An enumerated value: stored and exported lower case with words joined by `_`."""

    @classmethod
    def parse(cls, text: str):
        """Accepts the stored spelling, or the same words with spaces, hyphens or in any case."""
        key = "_".join(text.strip().lower().replace("-", " ").split())
        for member in cls:
            if member.value == key:
                return member
        raise ValueError(f"{text.strip()!r} is not one of: {', '.join(m.value for m in cls)}")

    @property
    def label(self) -> str:
        """Plain English for the window and the pack: the class's own label, or the value's words."""
        return LABELS.get((type(self), self.value), self.value.replace("_", " ").capitalize())


class MeasureKind(Vocabulary):
    RESTRAINT = "restraint"
    RESTRICTION_OF_LIBERTY = "restriction_of_liberty"
    HOLDING = "holding"
    SANCTION = "sanction"
    OTHER = "other"


class Position(Vocabulary):
    STANDING = "standing"
    SEATED = "seated"
    KNEELING = "kneeling"
    GROUND_SUPINE = "ground_supine"
    GROUND_PRONE = "ground_prone"


class LegalStatus(Vocabulary):
    S20 = "s20"
    S31 = "s31"
    INTERIM_CARE_ORDER = "interim_care_order"
    REMAND = "remand"
    OTHER = "other"


class StaffRole(Vocabulary):
    CARE_WORKER = "care_worker"
    SENIOR = "senior"
    DEPUTY_MANAGER = "deputy_manager"
    REGISTERED_MANAGER = "registered_manager"
    RESPONSIBLE_INDIVIDUAL = "responsible_individual"
    OTHER = "other"


CARE_ROLES = frozenset({StaffRole.CARE_WORKER, StaffRole.SENIOR, StaffRole.DEPUTY_MANAGER})


class Employment(Vocabulary):
    PERMANENT = "permanent"
    BANK = "bank"
    AGENCY = "agency"


class Opinion(Vocabulary):
    """reg 44(4): the independent person's opinion on each of the two questions."""

    YES = "yes"
    NO = "no"
    NOT_STATED = "not_stated"


class RecordChecked(Vocabulary):
    """The records an independent person may inspect on a visit (reg 44(3); case records only with consent)."""

    RESTRAINT_LOG = "restraint_log"
    MISSING_LOG = "missing_log"
    COMPLAINTS = "complaints"
    SANCTIONS = "sanctions"
    ROTA = "rota"
    SUPERVISION = "supervision"
    REG45_REPORT = "reg45_report"
    NOTIFICATIONS = "notifications"
    CASE_RECORDS = "case_records"

    @classmethod
    def parse(cls, text: str):
        """"Reg 45 report" is understood too: it is how people write it."""
        return super().parse(text.lower().replace("reg 45", "reg45"))


class Independence(Vocabulary):
    """reg 43(3): who may not be a home's independent person; a declaration confirms each."""

    NOT_EMPLOYEE = "not_employee"
    NOT_CARE_PLANNER = "not_care_planner"
    NOT_COMMISSIONER = "not_commissioner"
    NO_FINANCIAL_INTEREST = "no_financial_interest"
    NOT_RESPONSIBLE_INDIVIDUAL = "not_responsible_individual"
    NO_CONNECTIONS = "no_connections"


class Decision(Vocabulary):
    """reg 44(5): what the home decided about an independent person's recommendation."""

    ACCEPTED = "accepted"
    DECLINED = "declined"
    PENDING = "pending"


class InspectionType(Vocabulary):
    FULL = "full"
    INTERIM = "interim"
    ASSURANCE = "assurance"
    MONITORING = "monitoring"


class Judgement(Vocabulary):
    """Ofsted's four-point scale (SCCIF: children's homes)."""

    OUTSTANDING = "outstanding"
    GOOD = "good"
    REQUIRES_IMPROVEMENT = "requires_improvement_to_be_good"
    INADEQUATE = "inadequate"

    @classmethod
    def parse(cls, text: str):
        """"requires improvement" alone is understood too: it is what people say."""
        key = "_".join(text.strip().lower().replace("-", " ").split())
        return cls.REQUIRES_IMPROVEMENT if key == "requires_improvement" else super().parse(text)


class InterimOutcome(Vocabulary):
    """An interim inspection's finding on the home's effectiveness since the last full inspection."""

    IMPROVED = "improved"
    SUSTAINED = "sustained"
    DECLINED = "declined"


class ActionKind(Vocabulary):
    """What an inspection asked of the home: a requirement (a regulation not met) or a recommendation."""

    REQUIREMENT = "requirement"
    RECOMMENDATION = "recommendation"


class ActionStatus(Vocabulary):
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    MET = "met"


class DialoguePhase(Vocabulary):
    """Narey recommendation 19: when a contact with Ofsted happened, relative to an inspection."""

    BEFORE = "before"
    DURING = "during"
    AFTER = "after"
    BETWEEN = "between"


class ShiftType(Vocabulary):
    DAY = "day"
    LATE = "late"
    LONG_DAY = "long_day"
    WAKING_NIGHT = "waking_night"
    SLEEP_IN = "sleep_in"


class Absence(Vocabulary):
    SICK = "sick"
    LEAVE = "leave"
    OTHER = "other"


class WindowDays(Vocabulary):
    """Which days a key-time window applies on (SPEC 2.6)."""

    ALL = "all"
    WEEKDAYS = "weekdays"
    WEEKENDS = "weekends"


class SopFit(Vocabulary):
    """How a referred child's needs fit the home's statement of purpose (reg 14(2)(a))."""

    WITHIN = "within"
    PARTLY = "partly"
    OUTSIDE = "outside"


class RiskLevel(Vocabulary):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


class ManagerView(Vocabulary):
    """The registered manager's view of a referral (Narey recommendations 23 and 24)."""

    SUPPORT = "support"
    OPPOSE = "oppose"
    NOT_CONSULTED = "not_consulted"


class ReferralDecision(Vocabulary):
    PENDING = "pending"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    WITHDRAWN = "withdrawn"


class DeciderRole(Vocabulary):
    """Who decides on a placement: the provider's setting names one of these as having the final say."""

    REGISTERED_MANAGER = "registered_manager"
    RESPONSIBLE_INDIVIDUAL = "responsible_individual"
    OTHER = "other"


class Ending(Vocabulary):
    PLANNED = "planned"
    UNPLANNED = "unplanned"


# Keyed by class and value, not by member: members of different classes with the same value ("other") are equal
# strings with equal hashes, so a dict keyed by member would give one class's label to another.
_LABELLED: tuple[tuple[Vocabulary, str], ...] = (
    (MeasureKind.RESTRAINT, "Physical restraint"),
    (MeasureKind.RESTRICTION_OF_LIBERTY, "Restriction of liberty"),
    (MeasureKind.HOLDING, "Holding"),
    (MeasureKind.SANCTION, "Sanction"),
    (MeasureKind.OTHER, "Other measure of control"),
    (Position.GROUND_SUPINE, "Ground (supine, face up)"),
    (Position.GROUND_PRONE, "Ground (prone, face down)"),
    (LegalStatus.S20, "Section 20 (accommodated)"),
    (LegalStatus.S31, "Section 31 care order"),
    (LegalStatus.INTERIM_CARE_ORDER, "Interim care order"),
    (LegalStatus.REMAND, "Remand"),
    (StaffRole.REGISTERED_MANAGER, "Registered manager"),
    (StaffRole.RESPONSIBLE_INDIVIDUAL, "Responsible individual"),
    (StaffRole.DEPUTY_MANAGER, "Deputy manager"),
    (Opinion.NOT_STATED, "Not stated"),
    (RecordChecked.RESTRAINT_LOG, "Restraint and measures log"),
    (RecordChecked.MISSING_LOG, "Missing from care log"),
    (RecordChecked.ROTA, "Staff rota"),
    (RecordChecked.SUPERVISION, "Staff supervision"),
    (RecordChecked.REG45_REPORT, "Reg 45 review report"),
    (RecordChecked.NOTIFICATIONS, "Notifications (reg 40)"),
    (RecordChecked.CASE_RECORDS, "Children's case records (with consent)"),
    (Independence.NOT_EMPLOYEE, "Not employed by the provider, except only to carry out these visits or "
                                "similar scrutiny"),
    (Independence.NOT_CARE_PLANNER, "Not involved in a child's care plan at the home, nor managing someone who is"),
    (Independence.NOT_COMMISSIONER, "Not commissioning or funding placements at the home"),
    (Independence.NO_FINANCIAL_INTEREST, "No financial interest in the home"),
    (Independence.NOT_RESPONSIBLE_INDIVIDUAL, "Not the provider's responsible individual"),
    (Independence.NO_CONNECTIONS, "No connection that could raise doubts about impartiality"),
    (Judgement.REQUIRES_IMPROVEMENT, "Requires improvement to be good"),
    (ActionStatus.IN_PROGRESS, "In progress"),
    (DialoguePhase.BEFORE, "Before an inspection"),
    (DialoguePhase.DURING, "During an inspection"),
    (DialoguePhase.AFTER, "After an inspection"),
    (DialoguePhase.BETWEEN, "Between inspections"),
    (ShiftType.WAKING_NIGHT, "Waking night"),
    (ShiftType.SLEEP_IN, "Sleep-in"),
    (ShiftType.LONG_DAY, "Long day"),
    (WindowDays.ALL, "Every day"),
    (SopFit.WITHIN, "Within the statement of purpose"),
    (SopFit.PARTLY, "Partly within the statement of purpose"),
    (SopFit.OUTSIDE, "Outside the statement of purpose"),
    (ManagerView.SUPPORT, "Supports the placement"),
    (ManagerView.OPPOSE, "Opposes the placement"),
    (ManagerView.NOT_CONSULTED, "Not consulted"),
    (DeciderRole.REGISTERED_MANAGER, "Registered manager"),
    (DeciderRole.RESPONSIBLE_INDIVIDUAL, "Responsible individual"),
    (DeciderRole.OTHER, "Someone else"),
)
LABELS: dict[tuple[type, str], str] = {(type(member), member.value): text for member, text in _LABELLED}
