"""The statement of purpose tab: its versions, each from the day it took effect (reg 16), added and changed by those
who keep the registers; and under them who has the final say on placements, which only the responsible individual
sets (Narey recommendations 23 and 24)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ...domain.local_time import format_date, to_local
from ...domain.placements import PurposeVersion, purpose_on
from ...domain.records import Home
from ...domain.roles import Permission, Role
from ...domain.vocabulary import DeciderRole
from ...services import placements
from ...services.workspace import Workspace
from ..forms import FieldProblems
from ..permissions import allow, as_sentence, refusal, show_refusal
from ..registers.models import Column, always_current
from ..registers.pages import RegisterPage
from .decision_warnings import ages_text
from .need_categories import NeedCategoriesDialog
from .purpose_panel import summary_text
from .purpose_editor import PurposeEditor

log = logging.getLogger(__name__)
ONLY_THE_RI = ("Only the responsible individual sets who has the final say on placements (the provider's choice, "
               "Narey recommendation 24).")
FINAL_SAY_TEXT = ("Who decides whether a child is placed here. A decision by someone else, or against the manager's "
                  "view, is not wrong, but it needs its rationale recorded (Narey recommendations 23 and 24).")


def in_effect_text(version: PurposeVersion, today: date, versions: list[PurposeVersion]) -> str:
    """"In effect now", "Until 31/03/2026" (a later version took over) or "From 01/01/2027" (still to come)."""
    if version.effective_from > today:
        return "Still to come"
    current = purpose_on(versions, today)
    if current is not None and current.id == version.id:
        return "In effect now"
    later = [v.effective_from for v in versions if v.effective_from > version.effective_from]
    return f"Until {format_date(min(later))}" if later else ""


@dataclass(frozen=True)
class VersionRow:
    """A version and whether it is in effect today (which depends on the other versions)."""

    version: PurposeVersion
    in_effect: str

    @property
    def id(self) -> int | None:
        return self.version.id


def _ages(row: VersionRow, _today: date) -> str:
    text = ages_text(row.version)
    return text[len("ages "):] if text.startswith("ages ") else text


PURPOSE_COLUMNS: tuple[Column[VersionRow], ...] = (
    Column("From", lambda r, _t: format_date(r.version.effective_from), lambda r, _t: r.version.effective_from,
           tip="The day the version took effect"),
    Column("In effect", lambda r, _t: r.in_effect, lambda r, _t: r.version.effective_from),
    Column("Needs it is for", lambda r, _t: "; ".join(r.version.needs), share=3,
           whole=lambda r, _t: "\n".join(r.version.needs)),
    Column("Ages", _ages),
    Column("Places", lambda r, _t: "" if r.version.places is None else str(r.version.places),
           lambda r, _t: r.version.places or 0),
    Column("Emergency\nadmissions", lambda r, _t: "Yes" if r.version.emergency_admissions else "No",
           tip="Whether the home takes emergency admissions"),
    Column("Notes", lambda r, _t: " ".join(r.version.notes.split()), share=1, whole=lambda r, _t: r.version.notes),
)


def details_text(row: VersionRow) -> str:
    v = row.version
    when = f" ({row.in_effect[:1].lower()}{row.in_effect[1:]})" if row.in_effect else ""
    needs = "; ".join(v.needs) or "none recorded"
    text = f"From {format_date(v.effective_from)}{when}: {summary_text(v).lower()}. Needs it is for: {needs}."
    return f"{text} {as_sentence(' '.join(v.notes.split()))}" if v.notes.strip() else text


class PurposeTab(RegisterPage):
    """The versions, the newest first, with Add and Edit (EDIT_REGISTERS); the final-say setting under them."""

    title = "Statement of purpose"
    columns = PURPOSE_COLUMNS
    editor_class = PurposeEditor
    singular = "version"
    plural = "versions"
    past_label = None
    past_column = None
    current = staticmethod(always_current)
    side_margin = 16
    intro = ("The range of needs the home is for, the ages, the places and whether it takes emergency admissions "
             "(reg 16, schedule 1), in versions from the day each took effect. Each referral is compared with the "
             "version in effect on its date (reg 14(2)(a)).")

    def __init__(self, ws: Workspace, home: Home, parent: QWidget | None = None):
        self.versions: list[PurposeVersion] = []
        super().__init__(ws, home, parent)
        self.view.two_line_rows()
        self.view.selectionModel().currentRowChanged.connect(self._on_view_current_changed)
        self.model.modelReset.connect(self._on_view_current_changed)
        self._on_view_current_changed()
        self.view.sortByColumn(self.column_of("From"), Qt.DescendingOrder)
        current = placements.current_purpose(ws, home)
        if current is not None:
            self.select(current.id)  # the version in effect, read in full under the list

    def build_below_list(self) -> list[QWidget]:
        """The chosen version in full (the cells cut a long list of needs short), then the final say."""
        self.details_label("The selected version in full")
        self.final_say_box = FinalSayBox(self.ws, self.home)
        self.final_say_box.final_say_saved.connect(lambda _role: self.records_changed.emit())
        return [self.details, self.final_say_box, self._needs_row()]

    def _needs_row(self) -> QWidget:
        """The provider's need categories, which the versions and referrals tick (one list for the database)."""
        self.needs_text = QLabel()
        self.needs_text.setObjectName("hint")
        self.needs_text.setWordWrap(True)
        self.needs_button = QPushButton("&Need categories…")
        self.needs_button.clicked.connect(self.edit_needs)
        self.needs_dialog: NeedCategoriesDialog | None = None
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.needs_text, 1)
        layout.addWidget(self.needs_button)
        return row

    def edit_needs(self) -> NeedCategoriesDialog | None:
        if why := self._needs_refusal():
            show_refusal(self, why)
            return None
        self.needs_dialog = NeedCategoriesDialog(self.ws, self)
        self.needs_dialog.categories_saved.connect(self.refresh)
        self.needs_dialog.open()
        return self.needs_dialog

    def load_records(self) -> list[VersionRow]:
        self.versions = placements.purpose_versions(self.ws, self.home)
        today = to_local(self.ws.now()).date()
        return [VersionRow(v, in_effect_text(v, today, self.versions)) for v in self.versions]

    def _on_view_current_changed(self, *_args) -> None:
        row = self.view.current_record()
        self.details.setText("Choose a version to read it in full here." if row is None else details_text(row))

    def selected_record(self) -> PurposeVersion | None:
        row = super().selected_record()
        return None if row is None else row.version

    def refresh(self) -> None:
        super().refresh()
        self.final_say_box.refresh()
        count = len(placements.need_categories(self.ws))
        self.needs_text.setText(f"Need categories: {count}, the provider's list for every home.")
        allow(self.needs_button, self._needs_refusal(),
              tip="The need categories the statements of purpose and the referrals tick")

    def _needs_refusal(self) -> str:
        """'' for the responsible individual; otherwise why the provider's need categories are not theirs to keep."""
        if why := refusal(self.ws, Permission.MANAGE_DATABASE):
            return why
        return "" if self.ws.account.role is Role.RESPONSIBLE_INDIVIDUAL else as_sentence(placements.ONLY_THE_RI_NEEDS)


class FinalSayBox(QGroupBox):
    """The provider's setting of who has the final say (SPEC 2.7): a choice and Set for the responsible individual;
    for everyone else the setting shown, closed, with the reason."""

    final_say_saved = Signal(object)

    def __init__(self, ws: Workspace, home: Home, parent: QWidget | None = None):
        super().__init__("Who has the final say on placements", parent)
        self.ws = ws
        self.home = home
        self.setAccessibleName(self.title())
        text = QLabel(FINAL_SAY_TEXT)
        text.setObjectName("hint")
        text.setWordWrap(True)
        self.role = QComboBox()
        for role in DeciderRole:
            self.role.addItem(role.label, role.value)
        self.role.setAccessibleName("Who has the final say")
        label = QLabel("&Final say:")
        label.setBuddy(self.role)
        self.set_button = QPushButton("&Set")
        self.set_button.clicked.connect(self.save)
        self.role.currentIndexChanged.connect(self._update)
        self.note = QLabel()
        self.note.setObjectName("note")
        self.note.setWordWrap(True)
        self.general = QLabel()
        self.problems = FieldProblems(self.general)
        row = QHBoxLayout()
        for widget in (label, self.role, self.set_button):
            row.addWidget(widget)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addLayout(row)
        layout.addWidget(self.note)
        layout.addWidget(self.general)
        self.refresh()

    def why_not(self) -> str:
        """'' for the responsible individual of this home; otherwise why the setting is shown read-only."""
        why = refusal(self.ws, Permission.EDIT_REGISTERS, self.home.id)
        if why:
            return why
        return "" if self.ws.account.role is Role.RESPONSIBLE_INDIVIDUAL else ONLY_THE_RI

    def refresh(self) -> None:
        self.saved = placements.final_say(self.ws, self.home)
        self.role.setCurrentIndex(self.role.findData(self.saved.value))
        self._update()

    def _update(self, *_args) -> None:
        why = self.why_not()
        self.role.setEnabled(not why)
        allow(self.set_button, why, self.role.currentData() != self.saved.value,
              "Keep this choice: the pipeline's warnings follow it")
        self.note.setText(why)
        self.note.setVisible(bool(why))

    def save(self) -> DeciderRole | None:
        self.problems.clear()
        role = self.problems.attempt(
            lambda: placements.set_final_say(self.ws, self.home, DeciderRole(self.role.currentData())))
        if role is None:
            return None
        log.info("final say on placements of home %s set", self.home.id)
        self.refresh()
        self.final_say_saved.emit(role)
        return role
