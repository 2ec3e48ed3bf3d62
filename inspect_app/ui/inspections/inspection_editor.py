"""The editor of one Ofsted inspection: its reference, start date and type, the three judgements of a full inspection
on the four-point scale, an interim inspection's outcome, and when the report was published (SPEC 2.5)."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import QComboBox, QLineEdit

from ...domain.errors import Problem
from ...domain.inspections import JUDGEMENT_AREAS, Inspection, validate_inspection
from ...domain.local_time import to_local
from ...domain.vocabulary import InspectionType, InterimOutcome, Judgement
from ...services import inspections, registers
from ..date_field import DateField
from ..registers.editor import RegisterEditor, set_combo_data, vocabulary_combo, vocabulary_value

INSPECTION_PREFIX = "INS-"
# The form's short names of the three judgements (SCCIF); each field's tooltip gives the framework's whole words
JUDGEMENT_LABELS = {"overall": "&Overall experiences and progress", "helped_protected": "&Help and protection",
                    "leadership": "&Leadership and management"}
ONLY_FULL = "Only a full inspection gives the three judgements."
ONLY_INTERIM = "Only an interim inspection has an outcome: improved, sustained or declined effectiveness."


class InspectionEditor(RegisterEditor[Inspection]):
    """Every field SPEC 2.5 lists for an inspection; the judgements are open only for a full inspection and the
    interim outcome only for an interim one, so that the form cannot hold what the type does not give."""

    noun = "inspection"

    def intro_text(self) -> str:
        return ("An Ofsted inspection of the home. A full inspection judges three areas on the four-point scale; "
                "if help and protection is inadequate, the overall judgement is inadequate too. "
                "Fields marked * are required.")

    def title_text(self) -> str:
        return "Add an inspection" if self.original is None else f"Edit {self.original.ref}"

    def build_fields(self) -> None:
        self.ref = self.add_field("&Reference *", "inspection_ref", QLineEdit())
        self.started_on = self.add_field("St&arted on *", "started_on", DateField())
        self.started_on.setToolTip("The first day of the inspection (inspections are unannounced)")
        self.type = self.add_field("&Type *", "type", vocabulary_combo(InspectionType, blank=False))
        self.judgements: dict[str, QComboBox] = {}
        for name, words in JUDGEMENT_AREAS:
            combo = self.add_field(JUDGEMENT_LABELS[name], name, vocabulary_combo(Judgement))
            combo.setAccessibleDescription(words)
            self.judgements[name] = combo
        self.interim_outcome = self.add_field("&Interim outcome", "interim_outcome", vocabulary_combo(InterimOutcome))
        self.published_on = self.add_field("&Published on", "published_on", DateField())
        self.published_on.setToolTip("The date Ofsted published the report; blank until it is published")
        self.type.currentIndexChanged.connect(self._on_type_changed)

    def load(self, inspection: Inspection | None) -> None:
        if inspection is None:
            existing = [i.ref for i in self.ws.inspections.for_home(self.home.id)]
            self.ref.setText(registers.next_ref(existing, INSPECTION_PREFIX))
            self.started_on.set_date(to_local(self.ws.now()).date())
            set_combo_data(self.type, InspectionType.FULL)
            self._on_type_changed()
            return
        self.ref.setText(inspection.ref)
        self.started_on.set_date(inspection.started_on)
        set_combo_data(self.type, inspection.type)
        for name, combo in self.judgements.items():
            set_combo_data(combo, getattr(inspection, name))
        set_combo_data(self.interim_outcome, inspection.interim_outcome)
        self.published_on.set_date(inspection.published_on)
        self._on_type_changed()

    def _on_type_changed(self, *_args) -> None:
        """The judgements follow the type: a field the type does not give is emptied and closed, saying why. Problems
        shown were about the combination before: they go, and the next save checks again."""
        self.problems.clear()
        kind = vocabulary_value(self.type, InspectionType)
        for combo in self.judgements.values():
            self._open_if(combo, kind is InspectionType.FULL, ONLY_FULL)
        self._open_if(self.interim_outcome, kind is InspectionType.INTERIM, ONLY_INTERIM)

    @staticmethod
    def _open_if(combo: QComboBox, given: bool, why_not: str) -> None:
        if not given:
            combo.setCurrentIndex(0)  # "Not recorded"
        combo.setEnabled(given)
        combo.setToolTip("" if given else why_not)

    def read(self) -> tuple[Inspection, list[Problem]]:
        problems: list[Problem] = []
        started = self.read_date("started_on", problems)
        published = self.read_date("published_on", problems)
        if started is None and not any(p.field == "started_on" for p in problems):
            problems.append(Problem("started_on", "the date the inspection started is required"))
        judgements = {name: vocabulary_value(combo, Judgement) for name, combo in self.judgements.items()}
        inspection = Inspection(home_id=self.home.id, ref=self.ref.text(),
                                started_on=started or to_local(self.ws.now()).date(),
                                type=vocabulary_value(self.type, InspectionType), **judgements,
                                interim_outcome=vocabulary_value(self.interim_outcome, InterimOutcome),
                                published_on=published)
        if self.original is not None:
            inspection = replace(inspection, id=self.original.id)
        return inspection, problems

    def validate(self, inspection: Inspection) -> list[Problem]:
        return validate_inspection(inspection)

    def store(self, inspection: Inspection) -> Inspection:
        return inspections.save_inspection(self.ws, inspection)
