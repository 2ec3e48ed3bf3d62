"""The fields of the decision form, grouped as SPEC 2.7 lists them: the referral, its fit with the statement of
purpose, the impact risk assessment, the manager's view, the decision and the placement; loading a referral into them
and reading one back."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtCore import QRegularExpression, Qt, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QComboBox, QCompleter, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QSizePolicy,
    QVBoxLayout, QWidget,
)

from ...domain.errors import Problem
from ...domain.local_time import format_date
from ...domain.placements import Referral
from ...domain.records import Child
from ...domain.vocabulary import DeciderRole, Ending, ManagerView, ReferralDecision, RiskLevel, SopFit, StaffRole
from ..date_field import DateField
from ..forms import FieldProblems
from ..registers.editor import (
    NOT_RECORDED, set_combo_data, text_box, vocabulary_combo, vocabulary_value, widget_value,
)
from .needs_grid import NeedsGrid

GROUPS = ("The referral", "Fit with the statement of purpose (reg 14(2)(a))",
          "Impact risk assessment on the children already living here", "The manager's view (Narey 23 and 24)",
          "The decision", "The placement")
NOT_ADMITTED = "Not on the register yet"
ROLE_OF_STAFF = {StaffRole.REGISTERED_MANAGER: DeciderRole.REGISTERED_MANAGER,
                 StaffRole.RESPONSIBLE_INDIVIDUAL: DeciderRole.RESPONSIBLE_INDIVIDUAL}
RATIONALE_HINT = "why the decision was made; needed when someone other than the final say decides, or against the " \
                 "manager's view"


def child_label(child: Child) -> str:
    return f"{child.full_name} ({child.ref}), admitted {format_date(child.admitted_on)}"


def _narrow(widget: QWidget, sample: str) -> QWidget:
    """As wide as `sample` and the field's frame (a date, an age): the form leaves it at that width."""
    widget.setMaximumWidth(widget.fontMetrics().horizontalAdvance(sample) + 48)
    return widget


def _number_field(digits: int) -> QLineEdit:
    edit = QLineEdit()
    edit.setValidator(QRegularExpressionValidator(QRegularExpression(rf"\d{{0,{digits}}}"), edit))
    edit.setMaxLength(digits)
    _narrow(edit, "0" * (digits + 2))
    return edit


def _typed_date(field: DateField) -> date | None:
    try:
        return field.date()
    except ValueError:
        return None


class ReferralFields(QWidget):
    """Every field of a Referral, in six groups whose labels line up; `changed` after any input changes (the side
    panel and the warnings follow it). Problems go under their fields (`problems`, names as the services use them)."""

    changed = Signal()

    def __init__(self, categories: tuple[str, ...], staff: list, children: list[Child], authorities: list[str],
                 general: QLabel, parent: QWidget | None = None):
        super().__init__(parent)
        self.problems = FieldProblems(general)
        self.inputs: dict[str, QWidget] = {}
        self._forms: list[QFormLayout] = []
        self._staff_roles = {s.full_name: s.role for s in staff}
        # never squeezed below the height the fields want: the scroll area scrolls instead (a text box squeezed to
        # the style sheet's least height would show one line of its two or three)
        self.setSizePolicy(QSizePolicy.Preferred, QSizePolicy.Minimum)
        self._box = QVBoxLayout(self)
        self._box.setContentsMargins(0, 0, 4, 0)
        self._box.setSpacing(10)
        self._build_referral(categories, authorities)
        self._build_fit()
        self._build_impact()
        self._build_view()
        self._build_decision(sorted(self._staff_roles, key=str.casefold))
        self._build_placement(children)
        self._align_labels()

    # building -------------------------------------------------------------------------------------------------------
    def _group(self, title: str) -> QFormLayout:
        group = QGroupBox(title)
        group.setAccessibleName(title)
        form = QFormLayout(group)
        form.setRowWrapPolicy(QFormLayout.DontWrapRows)
        form.setFieldGrowthPolicy(QFormLayout.ExpandingFieldsGrow)
        form.setLabelAlignment(Qt.AlignRight | Qt.AlignTop)
        form.setVerticalSpacing(6)
        self._box.addWidget(group)
        self._forms.append(form)
        return form

    def _add(self, form: QFormLayout, label: str, field: str, widget: QWidget) -> QWidget:
        self.problems.add_row(form, label, field, widget)
        self.inputs[field] = widget
        signal = getattr(widget, "textChanged", None) or getattr(widget, "currentIndexChanged", None)
        if signal is not None:
            signal.connect(self.changed)
        return widget

    def _align_labels(self) -> None:
        """One label column across the groups, so that the fields line up down the whole form."""
        labels = [form.itemAt(row, QFormLayout.LabelRole).widget() for form in self._forms
                  for row in range(form.rowCount()) if form.itemAt(row, QFormLayout.LabelRole)]
        width = max((label.sizeHint().width() for label in labels if label), default=0)
        for label in labels:
            if label:
                label.setMinimumWidth(width)

    def _build_referral(self, categories: tuple[str, ...], authorities: list[str]) -> None:
        form = self._group(GROUPS[0])
        self.ref = self._add(form, "Reference *", "referral_ref", _narrow(QLineEdit(), "REF-00000"))
        self.referred_on = self._add(form, "Referred &on *", "referred_on", _narrow(DateField(), "00/00/00000"))
        self.initials = self._add(form, "Child's &initials *", "child_initials", _narrow(QLineEdit(), "A.B.C.D."))
        self.initials.setToolTip("Initials only until the child is admitted: the register holds their name")
        self.age = self._add(form, "&Age at referral", "age_at_referral", _number_field(2))
        self.authority = self._add(form, "&Placing authority", "placing_authority", QLineEdit())
        completer = QCompleter(authorities, self.authority)
        completer.setCaseSensitivity(Qt.CaseInsensitive)
        self.authority.setCompleter(completer)
        self.emergency = QComboBox()
        for text, value in ((NOT_RECORDED, None), ("Emergency", True), ("Planned", False)):
            self.emergency.addItem(text, value)
        self._add(form, "&Emergency or planned", "emergency", self.emergency)
        self.needs = NeedsGrid(categories)
        self.problems.add_row(form, "Nee&ds", "needs", self.needs)
        self.needs.changed.connect(self.changed)

    def _build_fit(self) -> None:
        form = self._group(GROUPS[1])
        self.fit = self._add(form, "&Fit", "sop_fit", vocabulary_combo(SopFit))
        self.fit_notes = self._add(form, "Fit note&s", "sop_notes", text_box(2))
        self.fit_notes.setPlaceholderText("how the needs fit; for a partial fit, how the home will meet the rest")

    def _build_impact(self) -> None:
        form = self._group(GROUPS[2])
        self.assessed_on = self._add(form, "Assessed o&n", "impact_assessed_on", _narrow(DateField(), "00/00/00000"))
        self.assessed_on.setToolTip("The date of the impact risk assessment: before admission (reg 14(2)(a))")
        self.risk = self._add(form, "Ris&k level", "impact_risk", vocabulary_combo(RiskLevel))
        self.summary = self._add(form, "S&ummary", "impact_summary", text_box(2))
        self.summary.setPlaceholderText("the risks to and from the children already living here")
        self.mitigations = self._add(form, "&Mitigations", "impact_mitigations", text_box(2))

    def _build_view(self) -> None:
        form = self._group(GROUPS[3])
        self.view = self._add(form, "Manager's &view", "manager_view", vocabulary_combo(ManagerView))
        self.view_reason = self._add(form, "Reason for the vie&w", "manager_view_reason", text_box(2))

    def _build_decision(self, names: list[str]) -> None:
        form = self._group(GROUPS[4])
        self.decision = QComboBox()
        for decision in ReferralDecision:
            self.decision.addItem(decision.label, decision.value)
        self._add(form, "De&cision", "decision", self.decision)
        self.decided_by = QComboBox()
        self.decided_by.setEditable(True)
        self.decided_by.setInsertPolicy(QComboBox.NoInsert)
        self.decided_by.addItems(["", *names])
        self.decided_by.lineEdit().setPlaceholderText("who decided: choose or type a name")
        self.decided_by.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
        self.decided_by.setMinimumContentsLength(30)
        self._add(form, "Decided &by", "decided_by", self.decided_by)
        self.decided_by.currentTextChanged.connect(self._on_decided_by_changed)
        self.role = self._add(form, "In the ro&le of", "decided_by_role", vocabulary_combo(DeciderRole))
        self.decided_on = self._add(form, "Decided on", "decided_on", _narrow(DateField(), "00/00/00000"))
        self.rationale = self._add(form, "&Rationale", "rationale", text_box(3))
        self.rationale.setPlaceholderText(RATIONALE_HINT)

    def _build_placement(self, children: list[Child]) -> None:
        form = self._group(GROUPS[5])
        self.child = QComboBox()
        self.child.addItem(NOT_ADMITTED, None)
        for c in sorted(children, key=lambda c: (c.first_name.casefold(), c.last_name.casefold())):
            self.child.addItem(child_label(c), c.id)
        self.child.setSizeAdjustPolicy(QComboBox.AdjustToContents)
        self.admit_button = QPushButton("Admi&t…")
        holder = QWidget()
        row = QHBoxLayout(holder)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.child)
        row.addWidget(self.admit_button)
        row.addStretch(1)
        holder.setFocusProxy(self.child)
        self.problems.add_row(form, "C&hild on the register", "child_ref", holder)
        self.child.setAccessibleName("Child on the register")
        self.inputs["child_ref"] = self.child
        self.child.currentIndexChanged.connect(self.changed)
        self.admitted_on = self._add(form, "Admitted on", "admitted_on", _narrow(DateField(), "00/00/00000"))
        self.ended_on = self._add(form, "Placement ended on", "ended_on", _narrow(DateField(), "00/00/00000"))
        self.ending = QComboBox()
        for text, value in ((NOT_RECORDED, None), *((e.label, e.value) for e in Ending)):
            self.ending.addItem(text, value)
        self._add(form, "Endin&g", "ending", self.ending)

    def add_child(self, child: Child) -> None:
        """A child just put on the register from this referral, to be chosen."""
        if self.child.findData(child.id) < 0:
            self.child.addItem(child_label(child), child.id)

    def _on_decided_by_changed(self, name: str) -> None:
        """A manager or the responsible individual chosen from the staff: their role, if none is chosen yet."""
        role = ROLE_OF_STAFF.get(self._staff_roles.get(name.strip()))
        if role is not None and self.role.currentData() is None:
            set_combo_data(self.role, role)

    # loading and reading --------------------------------------------------------------------------------------------
    def snapshot(self) -> tuple:
        return tuple(widget_value(w) for w in self.inputs.values()) + (self.needs.needs(),)

    def load(self, r: Referral) -> None:
        self.ref.setText(r.ref)
        self.referred_on.set_date(r.referred_on)
        self.initials.setText(r.child_initials)
        self.age.setText("" if r.age_at_referral is None else str(r.age_at_referral))
        self.authority.setText(r.placing_authority)
        set_combo_data(self.emergency, r.emergency)
        self.needs.set_needs(r.needs)
        set_combo_data(self.fit, r.sop_fit)
        self.fit_notes.setPlainText(r.sop_notes)
        self.assessed_on.set_date(r.impact_assessed_on)
        set_combo_data(self.risk, r.impact_risk)
        self.summary.setPlainText(r.impact_summary)
        self.mitigations.setPlainText(r.impact_mitigations)
        set_combo_data(self.view, r.manager_view)
        self.view_reason.setPlainText(r.manager_view_reason)
        set_combo_data(self.decision, r.decision)
        self.decided_by.setCurrentText(r.decided_by)
        set_combo_data(self.role, r.decided_by_role)
        self.decided_on.set_date(r.decided_on)
        self.rationale.setPlainText(r.rationale)
        set_combo_data(self.child, r.child_id)
        self.admitted_on.set_date(r.admitted_on)
        self.ended_on.set_date(r.ended_on)
        set_combo_data(self.ending, r.ending)

    def read(self, base: Referral, problems: list[Problem] | None = None) -> Referral:
        """The referral the form describes, over `base` (its home, id); a date or number that cannot be read is
        None and, when `problems` is given, a problem under its field."""
        dates = {name: self._date(name, problems) for name in
                 ("impact_assessed_on", "decided_on", "admitted_on", "ended_on")}
        return replace(
            base, ref=self.ref.text(), referred_on=self._date("referred_on", problems) or base.referred_on,
            child_id=self.child.currentData(), child_initials=self.initials.text(),
            age_at_referral=int(self.age.text()) if self.age.text() else None,
            placing_authority=self.authority.text(), emergency=self.emergency.currentData(),
            needs=self.needs.needs(), sop_fit=vocabulary_value(self.fit, SopFit),
            sop_notes=self.fit_notes.toPlainText(), impact_risk=vocabulary_value(self.risk, RiskLevel),
            impact_summary=self.summary.toPlainText(), impact_mitigations=self.mitigations.toPlainText(),
            manager_view=vocabulary_value(self.view, ManagerView), manager_view_reason=self.view_reason.toPlainText(),
            decision=ReferralDecision(self.decision.currentData()), decided_by=self.decided_by.currentText().strip(),
            decided_by_role=vocabulary_value(self.role, DeciderRole), rationale=self.rationale.toPlainText(),
            ending=vocabulary_value(self.ending, Ending), **dates)

    def referred_on_typed(self) -> date | None:
        return _typed_date(self.referred_on)

    def _date(self, field: str, problems: list[Problem] | None) -> date | None:
        widget: DateField = self.inputs[field]  # type: ignore[assignment]
        try:
            return widget.date()
        except ValueError as exc:
            if problems is not None:
                problems.append(Problem(field, str(exc)))
            return None
