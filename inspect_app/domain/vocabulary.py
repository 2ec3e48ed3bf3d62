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
        return LABELS.get(self, self.value.replace("_", " ").capitalize())


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


LABELS: dict[Vocabulary, str] = {
    MeasureKind.RESTRAINT: "Physical restraint",
    MeasureKind.RESTRICTION_OF_LIBERTY: "Restriction of liberty",
    MeasureKind.HOLDING: "Holding",
    MeasureKind.SANCTION: "Sanction",
    MeasureKind.OTHER: "Other measure of control",
    Position.GROUND_SUPINE: "Ground (supine, face up)",
    Position.GROUND_PRONE: "Ground (prone, face down)",
    LegalStatus.S20: "Section 20 (accommodated)",
    LegalStatus.S31: "Section 31 care order",
    LegalStatus.INTERIM_CARE_ORDER: "Interim care order",
    LegalStatus.REMAND: "Remand",
    StaffRole.REGISTERED_MANAGER: "Registered manager",
    StaffRole.RESPONSIBLE_INDIVIDUAL: "Responsible individual",
    StaffRole.DEPUTY_MANAGER: "Deputy manager",
}
