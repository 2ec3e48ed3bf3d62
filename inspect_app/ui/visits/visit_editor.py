"""The editor of one independent visit (reg 44): who visited and when, who they spoke to, what they checked, the
two opinions of reg 44(4), and when the report came and went to Ofsted against the home's target."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtCore import QRegularExpression, Qt
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QGridLayout, QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QSizePolicy, QVBoxLayout,
    QWidget,
)

from ...domain.errors import Problem
from ...domain.local_time import format_date, to_local
from ...domain.records import Home
from ...domain.visits import Visit, Visitor, validate_visit
from ...domain.vocabulary import Opinion, RecordChecked
from ...services import registers
from ...services import visits as visit_service
from ...services.workspace import Workspace
from ..date_field import DateField
from ..forms import FieldProblems
from ..registers.editor import (
    NOT_RECORDED, RegisterEditor, set_combo_data, vocabulary_combo, vocabulary_value, yes_no_combo,
)

VISIT_PREFIX = "V-"
COUNTS = (("children_spoken_to", "&Children"), ("staff_spoken_to", "S&taff"), ("parents_spoken_to", "P&arents"),
          ("others_spoken_to", "&Others"))
# checks the form cannot make while the date of the visit is missing (they would compare with a stand-in date)
NEEDS_VISIT_DATE = frozenset({"visited_on", "report_received_on", "report_sent_on"})


def mark(widget: QWidget, invalid: bool) -> None:
    widget.setProperty("invalid", invalid)
    widget.style().unpolish(widget)
    widget.style().polish(widget)


class GroupedProblems(FieldProblems):
    """FieldProblems for rows that hold more than one input: a problem of an input goes under its row, saying
    which part it is about ("Children: ..."), and that input gets the red border."""

    def __init__(self, general: QLabel):
        super().__init__(general)
        self.parts: dict[str, tuple[str, str, QWidget]] = {}  # input's field -> (row's field, its name, input)

    def add_part(self, field: str, row_field: str, name: str, widget: QWidget) -> None:
        self.parts[field] = (row_field, name, widget)

    def show(self, problems: list[Problem]) -> None:
        shown = []
        for p in problems:
            row_field, name, _widget = self.parts.get(p.field, (p.field, "", None))
            shown.append(Problem(row_field, f"{name}: {p.message}" if name else p.message))
        super().show(shown)
        for p in problems:
            if p.field in self.parts:
                mark(self.parts[p.field][2], True)

    def clear(self) -> None:
        super().clear()
        for _row, _name, widget in self.parts.values():
            mark(widget, False)

    def text_of(self, field: str) -> str:
        return super().text_of(self.parts[field][0] if field in self.parts else field)


def visitor_label(visitor: Visitor, today: date) -> str:
    text = f"{visitor.name} · {visitor.organisation}" if visitor.organisation else visitor.name
    if visitor.declared_independent_on is None:
        text += " · no declaration of independence"
    if not visitor.current_on(today):
        text += f" · appointment ended {format_date(visitor.ended_on)}"
    return text


class VisitEditor(RegisterEditor[Visit]):
    """Every field of SPEC 2.4 for a visit; the visitor's declaration and the report's target date are worked out
    as the form is filled in."""

    noun = "reg44_visit"

    def __init__(self, ws: Workspace, home: Home, record: Visit | None = None, parent: QWidget | None = None):
        super().__init__(ws, home, record, parent)
        self.setMinimumWidth(720)  # two columns of records checked, no label cut short

    def intro_text(self) -> str:
        return ("An independent person's monthly visit (reg 44). Leave a number blank if it was not recorded; "
                "0 means nobody. Fields marked * are required.")

    def title_text(self) -> str:
        return "Add a visit" if self.original is None else f"Edit visit {self.original.ref}"

    @property
    def today(self) -> date:
        return to_local(self.ws.now()).date()

    def build_fields(self) -> None:
        self.problems = GroupedProblems(self.general)  # rows of several inputs: the numbers spoken to
        self.visited_on_missing = False
        self.target = visit_service.report_target(self.ws, self.home)
        self.visitors = {v.id: v for v in self.ws.visitors.for_home(self.home.id)}
        self.ref = self.add_field("&Reference *", "visit_ref", QLineEdit())
        self.visitor, self.visitor_note = self._row_with_note("V&isitor *", "visitor_ref", self._visitor_combo())
        self.visited_on = self.add_field("&Date of the visit *", "visited_on", self._date_field())
        self.announced = self.add_field("A&nnounced", "announced", self._announced_combo())
        self.counts = self._counts_row()
        self.record_boxes = self._records_row()
        self.premises = self.add_field("&Premises checked", "premises_checked", yes_no_combo())
        self.safeguarded = self.add_field("Children &safeguarded", "safeguarded", vocabulary_combo(Opinion))
        self.safeguarded.setToolTip("reg 44(4)(a): in the visitor's opinion, are children effectively safeguarded?")
        self.wellbeing = self.add_field("&Well-being promoted", "wellbeing_promoted", vocabulary_combo(Opinion))
        self.wellbeing.setToolTip("reg 44(4)(b): in the visitor's opinion, does the conduct of the home promote "
                                  "children's well-being?")
        self.received = self.add_field("Report recei&ved on", "report_received_on", self._date_field())
        self.sent, self.target_note = self._row_with_note("Report sent to O&fsted", "report_sent_on",
                                                          self._date_field(), beside=True)
        self.sent.setToolTip("The day the report was sent to Ofsted (reg 44(7))")
        self.conflicts = self.add_field("Conflicts of int&erest", "conflict_of_interest", QPlainTextEdit())
        self.conflicts.setTabChangesFocus(True)
        self.conflicts.setPlaceholderText("Any that arose, as the report discloses them (reg 44(6)); blank if none")
        self.conflicts.setObjectName("conflicts")  # three lines high: resources/style.qss
        self.visitor.currentIndexChanged.connect(self._on_inputs_changed)
        self.visited_on.textChanged.connect(self._on_inputs_changed)
        self.sent.textChanged.connect(self._on_inputs_changed)

    # building --------------------------------------------------------------------
    @staticmethod
    def _date_field() -> DateField:
        """As wide as a date: the target's note sits beside the date it follows."""
        field = DateField()
        field.setMaximumWidth(field.fontMetrics().horizontalAdvance("00/00/00000") + 48)
        return field

    def _row_with_note(self, label: str, field: str, widget: QWidget, beside: bool = False):
        """A field with a worked-out note under it (or beside it); problems go under both."""
        holder = QWidget()
        box = QHBoxLayout(holder) if beside else QVBoxLayout(holder)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(8 if beside else 2)
        note = QLabel()
        note.setObjectName("hint")
        note.setWordWrap(True)
        note.setTextInteractionFlags(Qt.TextSelectableByMouse | Qt.TextSelectableByKeyboard)
        box.addWidget(widget)
        box.addWidget(note, 1)
        holder.setFocusProxy(widget)
        self.problems.add_row(self.form, label, field, holder)
        self.problems.add_part(field, field, "", widget)
        widget.setAccessibleName(label.replace("&", "").rstrip(" *"))
        self.fields[field] = widget
        return widget, note

    def _visitor_combo(self) -> QComboBox:
        """The home's visitors, those appointed now first; the visit's own visitor even if their appointment
        ended."""
        combo = QComboBox()
        combo.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Fixed)
        today = self.today
        ordered = sorted(self.visitors.values(), key=lambda v: (not v.current_on(today), v.name.casefold()))
        for visitor in ordered:
            combo.addItem(visitor_label(visitor, today), visitor.id)
        if not ordered:
            combo.addItem("No visitors yet: add one on the Visitors tab", None)
        return combo

    @staticmethod
    def _announced_combo() -> QComboBox:
        combo = QComboBox()
        for text, value in ((NOT_RECORDED, None), ("Announced", True), ("Unannounced", False)):
            combo.addItem(text, value)
        combo.setToolTip("Visits may be unannounced (reg 44(2))")
        return combo

    def _counts_row(self) -> dict[str, QLineEdit]:
        """The four numbers on one row, each with its own label and problem (reg 44(2): who may be interviewed)."""
        holder = QWidget()
        row = QHBoxLayout(holder)
        row.setContentsMargins(0, 0, 0, 0)
        edits: dict[str, QLineEdit] = {}
        for field, label in COUNTS:
            edit = QLineEdit()
            edit.setObjectName("count")
            edit.setValidator(QRegularExpressionValidator(QRegularExpression(r"\d{0,3}"), edit))
            edit.setMaxLength(3)
            edit.setFixedWidth(edit.fontMetrics().horizontalAdvance("0000") + 16)
            name = label.replace("&", "")
            edit.setAccessibleName(f"{name} spoken to")
            edit.setToolTip(f"How many {name.lower()} the visitor spoke to; blank if not recorded")
            caption = QLabel(label)
            caption.setBuddy(edit)
            row.addWidget(caption)
            row.addWidget(edit)
            row.addSpacing(10)
            edits[field] = edit
            self.fields[field] = edit
            self.problems.add_part(field, "spoken_to", name, edit)
        row.addStretch(1)
        holder.setFocusProxy(edits["children_spoken_to"])
        self.problems.add_row(self.form, "Spoken to", "spoken_to", holder)
        return edits

    def _records_row(self) -> dict[RecordChecked, QCheckBox]:
        holder = QWidget()
        grid = QGridLayout(holder)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setVerticalSpacing(2)
        boxes: dict[RecordChecked, QCheckBox] = {}
        half = (len(RecordChecked) + 1) // 2
        for index, record in enumerate(RecordChecked):
            box = QCheckBox(record.label)
            box.setAccessibleName(f"{record.label} checked")
            grid.addWidget(box, index % half, index // half)  # down the first column, then the second
            boxes[record] = box
            self.fields[f"record_{record.value}"] = box
        holder.setFocusProxy(boxes[RecordChecked.RESTRAINT_LOG])
        self.problems.add_row(self.form, "Records checked", "records_checked", holder)
        return boxes

    # loading and reading ------------------------------------------------------------
    def load(self, visit: Visit | None) -> None:
        if visit is None:
            existing = self.ws.visits.for_home(self.home.id)
            self.ref.setText(registers.next_ref([v.ref for v in existing], VISIT_PREFIX, 3))
            self.visited_on.set_date(self.today)
            last = self.visitors.get(existing[-1].visitor_id) if existing else None
            if last is not None and last.current_on(self.today):
                set_combo_data(self.visitor, last.id)  # most often the same person as last time
            self._on_inputs_changed()
            return
        self.ref.setText(visit.ref)
        set_combo_data(self.visitor, visit.visitor_id)
        self.visited_on.set_date(visit.visited_on)
        set_combo_data(self.announced, visit.announced)
        for field, edit in self.counts.items():
            value = getattr(visit, field)
            edit.setText("" if value is None else str(value))
        for record, box in self.record_boxes.items():
            box.setChecked(record in visit.records_checked)
        set_combo_data(self.premises, visit.premises_checked)
        set_combo_data(self.safeguarded, visit.safeguarded)
        set_combo_data(self.wellbeing, visit.wellbeing_promoted)
        self.received.set_date(visit.report_received_on)
        self.sent.set_date(visit.report_sent_on)
        self.conflicts.setPlainText(visit.conflict_of_interest)
        self._on_inputs_changed()

    def read(self) -> tuple[Visit, list[Problem]]:
        problems: list[Problem] = []
        visited = self.read_date("visited_on", problems)
        self.visited_on_missing = visited is None
        if visited is None and not any(p.field == "visited_on" for p in problems):
            problems.append(Problem("visited_on", "the date of the visit is required"))
        dates = {name: self.read_date(name, problems) for name in ("report_received_on", "report_sent_on")}
        counts = {field: int(edit.text()) if edit.text().strip() else None for field, edit in self.counts.items()}
        visit = Visit(home_id=self.home.id, ref=self.ref.text(), visitor_id=self.visitor.currentData(),
                      visited_on=visited or self.today, announced=self.announced.currentData(),
                      records_checked=tuple(r for r, box in self.record_boxes.items() if box.isChecked()),
                      premises_checked=self.premises.currentData(),
                      safeguarded=vocabulary_value(self.safeguarded, Opinion),
                      wellbeing_promoted=vocabulary_value(self.wellbeing, Opinion),
                      conflict_of_interest=self.conflicts.toPlainText().strip(), **counts, **dates)
        if self.original is not None:
            visit = replace(visit, id=self.original.id)
        return visit, problems

    def validate(self, visit: Visit) -> list[Problem]:
        problems = validate_visit(visit, self.visitors.get(visit.visitor_id))
        if self.visited_on_missing:
            return [p for p in problems if p.field not in NEEDS_VISIT_DATE]
        return problems

    def store(self, visit: Visit) -> Visit:
        return visit_service.save_visit(self.ws, visit)

    # worked out as it is typed ------------------------------------------------------
    def _on_inputs_changed(self, *_args) -> None:
        self.visitor_note.setText(self.declaration_text())
        self.target_note.setText(self.target_text())

    def _typed(self, field: DateField) -> date | None:
        try:
            return field.date()
        except ValueError:
            return None

    def declaration_text(self) -> str:
        """What the chosen visitor's declaration of independence means for this visit (reg 43(3))."""
        visitor = self.visitors.get(self.visitor.currentData())
        if visitor is None:
            return "Add the independent person on the Visitors tab first." if not self.visitors else ""
        if visitor.declared_independent_on is None:
            return "No declaration of independence recorded: the checks will list this visit (reg 43(3))."
        declared = format_date(visitor.declared_independent_on)
        visited = self._typed(self.visited_on)
        if visited is not None and not visitor.declared_by(visited):
            return f"Declared independent only on {declared}, after this visit: the checks will list it (reg 43(3))."
        return f"Declared independent on {declared}."

    def target_text(self) -> str:
        """The day the report is due by under the home's target, for the visit date typed so far."""
        visited = self._typed(self.visited_on)
        if visited is None:
            return "Type the date of the visit to see the target."
        due = self.target.due_on(visited)
        sent = self._typed(self.sent)
        if sent is not None and sent > due:
            return f"Target {format_date(due)}: sent late."
        return f"Target {format_date(due)} ({self.target.describe()})."
