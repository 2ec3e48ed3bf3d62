"""The side panel of the decision form: the statement of purpose in effect on the referral date (its needs, ages,
places and emergency admissions), how the referral falls outside it, and the decision's warnings, all as typed."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from ...domain.placements import PurposeVersion, Referral, purpose_on
from ...domain.vocabulary import DeciderRole
from .decision_warnings import ages_text, decision_warnings, in_effect_text, purpose_mismatches

PANEL_WIDTH = 340
NO_WARNINGS = "Nothing to flag in the decision as it stands."


def _label(name: str, object_name: str = "") -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextSelectableByMouse | Qt.TextSelectableByKeyboard)
    label.setAccessibleName(name)
    if object_name:
        label.setObjectName(object_name)
    return label


def _heading(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("sectionTitle")
    label.setWordWrap(True)
    return label


def summary_text(purpose: PurposeVersion) -> str:
    places = "places not recorded" if purpose.places is None else (
        "1 place" if purpose.places == 1 else f"{purpose.places} places")
    emergencies = "takes emergency admissions" if purpose.emergency_admissions else "no emergency admissions"
    return f"{ages_text(purpose)[:1].upper()}{ages_text(purpose)[1:]} · {places} · {emergencies}"


def needs_text(purpose: PurposeVersion, ticked: tuple[str, ...]) -> str:
    """The needs the home is for, one a line, those this referral has ticked (✓) so that the eye finds them."""
    mine = {n.casefold() for n in ticked}
    return "\n".join(f"{'✓' if n.casefold() in mine else '•'} {n}" for n in purpose.needs)


class PurposePanel(QScrollArea):
    """Shown beside the form and updated as it is typed (`show_referral`): the version of the statement of purpose
    in effect on the referral date; under it, in the problem colour and in words, the needs, age or emergency it does
    not take; then the warnings the checks would give about the decision."""

    def __init__(self, versions: list[PurposeVersion], final_say: DeciderRole, parent: QWidget | None = None):
        super().__init__(parent)
        self.versions = versions
        self.final_say = final_say
        self.purpose: PurposeVersion | None = None
        self.setObjectName("purposePanel")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.setFixedWidth(PANEL_WIDTH)
        body = QWidget()
        body.setObjectName("purposeBody")
        box = QVBoxLayout(body)
        box.setContentsMargins(12, 10, 12, 10)
        box.setSpacing(6)
        self.in_effect = _label("Version in effect", "hint")
        self.summary = _label("Ages, places and emergency admissions")
        self.needs = _label("Needs the home is for")
        self.mismatches = _label("How the referral falls outside the statement", "problem")
        self.warnings = _label("Warnings about the decision", "warning")
        self.calm = _label("No warnings", "hint")
        box.addWidget(_heading("Statement of purpose"))
        for part in (self.in_effect, self.summary, self.needs, self.mismatches):
            box.addWidget(part)
        box.addSpacing(8)
        box.addWidget(_heading("Checks on this decision"))
        box.addWidget(self.warnings)
        box.addWidget(self.calm)
        box.addStretch(1)
        self.setWidget(body)

    def show_referral(self, referral: Referral, referred_on: date | None) -> None:
        """`referral` as typed so far; `referred_on` None while the date cannot be read."""
        self.purpose = purpose_on(self.versions, referred_on) if referred_on else None
        self.in_effect.setText(in_effect_text(self.purpose, referred_on))
        shown = self.purpose is not None
        self.summary.setVisible(shown)
        self.needs.setVisible(shown)
        if shown:
            self.summary.setText(summary_text(self.purpose))
            self.needs.setText(f"Needs it is for:\n{needs_text(self.purpose, referral.needs)}"
                               if self.purpose.needs else "Needs it is for: none recorded.")
        mismatches = purpose_mismatches(referral, self.purpose)
        self.mismatches.setText("\n".join(mismatches))
        self.mismatches.setVisible(bool(mismatches))
        warnings = decision_warnings(referral, self.final_say)
        self.warnings.setText("\n\n".join(warnings))
        self.warnings.setVisible(bool(warnings))
        self.calm.setText(NO_WARNINGS)
        self.calm.setVisible(not warnings)
