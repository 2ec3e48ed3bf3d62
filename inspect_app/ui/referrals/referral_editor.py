"""The decision form of one referral (SPEC 2.7): every field, grouped, with the statement of purpose in effect on the
referral date beside it, the warnings the checks would give shown as it is filled in, each problem under its field,
and "Admit…" to put an accepted referral's child on the register without typing anything twice."""

from __future__ import annotations

import logging
from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from ...domain.errors import Problem
from ...domain.local_time import to_local
from ...domain.placements import Referral, needs_explaining, purpose_gaps
from ...domain.records import Child, Home
from ...domain.roles import Permission
from ...domain.vocabulary import ReferralDecision
from ...services import placements, registers
from ...services.workspace import Workspace
from ..forms import save_cancel
from ..dialog_fit import FitHeight
from ..permissions import allow, refusal
from ..registers.editor import confirm_discard
from .admit_dialog import AdmitDialog
from .purpose_panel import PurposePanel
from .referral_form import RATIONALE_HINT, ReferralFields

log = logging.getLogger(__name__)
REFERRAL_PREFIX = "RF-"  # as the demo numbers them
REFERRAL_WIDTH = 3
INTRO = ("A referral and the decision on it (SPEC 2.7). Tick the child's needs: the statement of purpose in effect on "
         "the referral date is beside the form, with what does not fit it, and the checks on the decision follow what "
         "you type. Fields marked * are required.")
ADMIT_TIP = "Put the child on the register of children, admitted on the date above (Alt+T)"


class ReferralEditor(QDialog):
    """New (record None) or an existing referral; `record_saved` with the referral stored, after Save or an
    admission. Cancel, Escape and the close button ask before typed changes are thrown away."""

    record_saved = Signal(object)

    def __init__(self, ws: Workspace, home: Home, record: Referral | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.ws = ws
        self.home = home
        self.original = record
        self.admit_dialog: AdmitDialog | None = None
        self._template = Referral(home_id=home.id, ref=self._next_ref(), referred_on=self.today)
        self.final_say = placements.final_say(ws, home)
        self.general = QLabel()
        self.fields = ReferralFields(placements.need_categories(ws), self._staff(), self._children(),
                                     self._authorities(), self.general)
        self.panel = PurposePanel(placements.purpose_versions(ws, home), self.final_say)
        self._build()
        self.fields.load(record or self._template)
        self._initial = self.fields.snapshot()
        self.fields.changed.connect(self._on_fields_changed)
        self.fields.admit_button.clicked.connect(self.admit)
        self._on_fields_changed()

    # building ---------------------------------------------------------------------------------------------------------
    def _build(self) -> None:
        intro = QLabel(INTRO)
        intro.setObjectName("hint")
        intro.setWordWrap(True)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setWidget(self.fields)
        self.scroll.setAccessibleName("The referral and the decision")
        middle = QHBoxLayout()
        middle.setSpacing(12)
        middle.addWidget(self.scroll, 1)
        middle.addWidget(self.panel)
        self.buttons = save_cancel(self)
        self.save_button = self.buttons.button(QDialogButtonBox.Save)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.general)
        layout.addLayout(middle, 1)
        layout.addWidget(self.buttons)
        self.save_button.setDefault(True)
        self._set_title()
        self.resize(1180, 760)
        self.setMinimumSize(900, 520)
        FitHeight(self)

    def _set_title(self) -> None:
        self.setWindowTitle("New referral" if self.original is None else f"Referral {self.original.ref}")

    @property
    def today(self) -> date:
        return to_local(self.ws.now()).date()

    def _next_ref(self) -> str:
        return registers.next_ref([r.ref for r in self.ws.referrals.for_home(self.home.id)], REFERRAL_PREFIX,
                                  REFERRAL_WIDTH)

    def _staff(self) -> list:
        """The staff here today, offered as who decided (a name is kept as typed: it may be someone else)."""
        today = self.today
        return [s for s in self.ws.staff.for_home(self.home.id) if s.left_on is None or s.left_on > today]

    def _children(self) -> list[Child]:
        """The home's children not admitted from another referral: one of them may be linked to this one."""
        mine = self.original.id if self.original else None
        taken = {r.child_id for r in self.ws.referrals.for_home(self.home.id) if r.child_id and r.id != mine}
        return [c for c in self.ws.children.for_home(self.home.id) if c.id not in taken]

    def _authorities(self) -> list[str]:
        known = {c.placing_authority for c in self.ws.children.for_home(self.home.id)}
        known |= {r.placing_authority for r in self.ws.referrals.for_home(self.home.id)}
        return sorted((a for a in known if a), key=str.casefold)

    # as it is typed ---------------------------------------------------------------------------------------------------
    @property
    def base(self) -> Referral:
        return self.original or self._template

    def typed(self) -> Referral:
        """The referral as the form shows it now (a date that cannot be read left as it was)."""
        return self.fields.read(self.base)

    def _on_fields_changed(self, *_args) -> None:
        referral = self.typed()
        self.panel.show_referral(referral, self.fields.referred_on_typed())
        self.fields.needs.mark_outside(set(purpose_gaps(referral, self.panel.purpose).needs))
        why = needs_explaining(referral, self.final_say)
        self.fields.rationale.setPlaceholderText(f"required: {why}" if why else RATIONALE_HINT)
        accepted = referral.decision is ReferralDecision.ACCEPTED
        allow(self.fields.admit_button, refusal(self.ws, Permission.EDIT_REGISTERS, self.home.id),
              accepted and referral.child_id is None and (self.original is None or self.original.child_id is None),
              ADMIT_TIP if accepted else "Accept the referral first: only an accepted referral leads to an admission")

    @property
    def dirty(self) -> bool:
        return self.fields.snapshot() != self._initial

    # saving -----------------------------------------------------------------------------------------------------------
    def checked(self) -> tuple[Referral, list[Problem]]:
        """The referral as typed and every problem with it: those of reading the form, then the service's checks
        (those that need the referral date are left out while it cannot be read)."""
        problems: list[Problem] = []
        referral = self.fields.read(self.base, problems)
        date_missing = self.fields.referred_on_typed() is None
        if date_missing and not any(p.field == "referred_on" for p in problems):
            problems.append(Problem("referred_on", "the referral date is required"))
        seen = {p.field for p in problems}
        for p in placements.referral_problems(self.ws, referral):
            if p.field not in seen and not (date_missing and "before the referral" in p.message):
                problems.append(p)
        return referral, problems

    def show_problems(self, problems: list[Problem]) -> None:
        self.fields.problems.show(problems)
        first = next((self.fields.inputs[p.field] for p in problems if p.field in self.fields.inputs), None)
        if first is not None:
            self.scroll.ensureWidgetVisible(first)

    def save(self) -> None:
        referral, problems = self.checked()
        if problems:
            self.show_problems(problems)
            return
        saved = self.fields.problems.attempt(lambda: placements.save_referral(self.ws, referral))
        if saved is None:
            return
        log.info("referral saved: id %s", saved.id)
        self._initial = self.fields.snapshot()
        self.record_saved.emit(saved)
        self.accept()

    def reject(self) -> None:  # Qt override: Cancel, Escape and the close button all come here
        if self.dirty and not confirm_discard(self):
            return
        super().reject()

    # admitting --------------------------------------------------------------------------------------------------------
    def admit(self) -> AdmitDialog | None:
        """The child's register entry, in a small dialog, for an accepted referral with its admission date; the
        referral as typed is saved with it (placements.admit does both in one transaction)."""
        referral, problems = self.checked()
        if referral.decision is not ReferralDecision.ACCEPTED:
            problems.append(Problem("decision", "accept the referral before admitting the child"))
        if referral.admitted_on is None and not any(p.field == "admitted_on" for p in problems):
            problems.append(Problem("admitted_on", "give the date the child was admitted, then admit them"))
        if referral.child_id is not None:
            problems.append(Problem("child_ref", "this referral's child is already on the register"))
        if problems:
            self.show_problems(problems)
            return None
        self.fields.problems.clear()
        self.admit_dialog = AdmitDialog(self.ws, self.home, referral, self)
        self.admit_dialog.admitted.connect(self._on_admit_dialog_admitted)
        self.admit_dialog.open()
        return self.admit_dialog

    def _on_admit_dialog_admitted(self, referral: Referral, child: Child) -> None:
        """Saved together: the form now shows the referral as stored, with its child chosen."""
        self.original = referral
        self.fields.add_child(child)
        self.fields.load(referral)
        self._initial = self.fields.snapshot()
        self._set_title()
        self._on_fields_changed()
        self.record_saved.emit(referral)
