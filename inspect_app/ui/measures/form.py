"""The record form of one measure: write it, correct it before sign-off, or read it once signed."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFormLayout, QLabel, QPushButton, QScrollArea,
                               QVBoxLayout, QWidget)

from ...domain.deadlines import child_deadline, record_deadline, signoff_deadline
from ...domain.errors import Problem
from ...domain.local_time import WallTimeError, format_local
from ...domain.records import Home, Measure
from ...domain.roles import Permission
from ...domain.validation import completeness_problems
from ...domain.vocabulary import MeasureKind
from ...services import measures
from ...services.measure_list import current_children, current_staff, record_context
from ...services.workspace import Workspace
from ..permissions import allow, refusal
from .addendum import AddendumDialog
from .fields import MeasureFields
from .record_trail import RecordTrail
from .signoff import ChildConversationDialog, SignOffDialog
from .step_dialog import confirm_discard

SIGNED_NOTICE = "Signed off: corrections are added as addenda with a reason."
CHILD_MISSING = "choose the child from the register (reg 35(3)(a)(i))"


def _info(text: str, name: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setAccessibleName(name)
    return label


class MeasureForm(QDialog):
    """New (measure_id None), unsigned (editable) or signed (read-only, with its sign-off and addenda)."""

    record_saved = Signal(int)  # the measure id, after a save, a sign-off, a child conversation or an addendum

    def __init__(self, ws: Workspace, home: Home, measure_id: int | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.ws = ws
        self.context = record_context(ws, home, measure_id)
        self.step_dialog: QDialog | None = None
        self.setWindowTitle("New record of a measure (reg 35)" if measure_id is None else "Record of a measure")
        self.resize(900, 860)
        box = QVBoxLayout(self)
        box.addLayout(self._build_header())
        self.notice = QLabel(SIGNED_NOTICE)
        self.notice.setObjectName("notice")
        self.notice.setWordWrap(True)
        box.addWidget(self.notice)
        self.general = QLabel()
        box.addWidget(self.general)
        box.addWidget(self._build_body(), 1)
        box.addWidget(self._build_buttons())
        self.save_button.setDefault(True)  # only once inside the dialog does Qt keep it as Enter's button
        QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self, activated=self.save)
        self.fields.load(self.context.measure, self.context.now)
        self._clean = self.fields.snapshot()
        self._show_state()

    # building ------------------------------------------------------------------
    def _build_header(self) -> QFormLayout:
        header = QFormLayout()
        self.ref = _info("", "Reference")
        self.recorded = _info("", "Record made")
        self.deadlines = _info("", "Deadlines")
        header.addRow("Reference:", self.ref)
        header.addRow("Record made:", self.recorded)
        header.addRow("Deadlines:", self.deadlines)
        return header

    def _build_body(self) -> QScrollArea:
        c = self.context
        keep = c.measure.child_id if c.measure else None
        staff_keep = c.measure.used_by if c.measure else ()
        body = QWidget()
        layout = QVBoxLayout(body)
        self.fields = MeasureFields(c.home, current_children(c.children, c.now, keep),
                                    current_staff(c.staff, c.now, staff_keep), self.general)
        layout.addWidget(self.fields)
        self.trail = RecordTrail()
        layout.addWidget(self.trail)
        layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        return scroll

    def _build_buttons(self) -> QDialogButtonBox:
        self.buttons = QDialogButtonBox()
        self.save_button = self.buttons.addButton("&Save", QDialogButtonBox.ButtonRole.AcceptRole)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.sign_button = QPushButton("Sign &off…")
        self.child_button = QPushButton("Spoke to the c&hild…")
        self.addendum_button = QPushButton("Add a&ddendum…")
        for button in (self.sign_button, self.child_button, self.addendum_button):
            self.buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        self.save_button.clicked.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.sign_button.clicked.connect(self.open_sign_off)
        self.child_button.clicked.connect(self.open_child_conversation)
        self.addendum_button.clicked.connect(self.open_addendum)
        return self.buttons

    # state ---------------------------------------------------------------------
    @property
    def measure(self) -> Measure | None:
        return self.context.measure

    @property
    def read_only(self) -> bool:
        """Signed off, or read by an account that may not write (a provider viewer, SPEC 8)."""
        m = self.measure
        return m is not None and (m.locked or not self.ws.account.may(Permission.WRITE_MEASURES))

    def _show_state(self) -> None:
        m, now = self.measure, self.context.now
        self.ref.setText(m.ref if m else "Given when you save (e.g. R-0042)")
        self.recorded.setText(f"{format_local(m.recorded_at, with_day=True)} — captured by the program when the "
                              "record was first saved" if m else
                              "Captured by the program when you first save (reg 35(3)(a): within 24 hours)")
        self.deadlines.setText(_deadlines(m))
        self.notice.setVisible(m is not None and m.locked)
        self.trail.setVisible(m is not None)
        if m is not None:
            self.trail.show_record(m, self.context.staff_by_id, self.context.addenda, now)
        if self.read_only:
            self.fields.set_read_only()
        if m is not None:
            self.setWindowTitle(f"Record {m.ref}{' (signed off)' if m.locked else ''}")
        self.save_button.setVisible(not self.read_only)
        self.close_button.setText("Close" if self.read_only else "Cancel")
        self.sign_button.setVisible(m is not None and not m.locked)
        self.child_button.setVisible(m is not None and m.locked and m.child_spoken_to_at is None)
        self.addendum_button.setVisible(m is not None and m.locked)
        home_id = self.context.home.id
        signing = refusal(self.ws, Permission.SIGN_OFF, home_id)
        allow(self.sign_button, signing)
        allow(self.child_button, signing)
        allow(self.addendum_button, refusal(self.ws, Permission.WRITE_MEASURES, home_id))

    def is_dirty(self) -> bool:
        return not self.read_only and self.fields.snapshot() != self._clean

    # saving --------------------------------------------------------------------
    def save(self) -> bool:
        """record_measure for a new record, amend_measure for an unsigned one; problems go next to fields."""
        if self.read_only:
            return False
        self.fields.problems.clear()
        try:
            m = self.fields.read(self._base())
        except WallTimeError as exc:
            self.fields.problems.show([Problem("started_at", str(exc))])
            return False
        if not m.child_id:  # the service stops at a missing child; show everything at once instead
            self.fields.problems.show([Problem("child_ref", CHILD_MISSING)] + completeness_problems(m))
            return False
        saved = self.fields.problems.attempt(
            lambda: measures.amend_measure(self.ws, m) if m.id else measures.record_measure(self.ws, m))
        if saved is None:
            return False
        self._clean = self.fields.snapshot()
        self.record_saved.emit(saved.id)
        self.accept()
        return True

    def _base(self) -> Measure:
        if self.measure is not None:
            return self.measure
        now = self.context.now
        return Measure(home_id=self.context.home.id, ref="", child_id=0, kind=MeasureKind.RESTRAINT,
                       started_at=now, recorded_at=now)

    def reject(self) -> None:  # Qt override: Cancel, Escape and the close button
        if self.is_dirty() and not confirm_discard(self):
            return
        super().reject()

    # the steps after the record ------------------------------------------------
    def open_sign_off(self) -> QDialog | None:
        return self._open_step(SignOffDialog)

    def open_child_conversation(self) -> QDialog | None:
        return self._open_step(ChildConversationDialog)

    def open_addendum(self) -> QDialog | None:
        return self._open_step(AddendumDialog)

    def _open_step(self, dialog_class) -> QDialog | None:
        permission = Permission.WRITE_MEASURES if dialog_class is AddendumDialog else Permission.SIGN_OFF
        why = refusal(self.ws, permission, self.context.home.id)
        if why:  # the button is disabled; a shortcut reaching here is told why, calmly
            self.fields.problems.show([Problem("", why)])
            return None
        if self.is_dirty():
            self.fields.problems.show([Problem("", "save your changes first, then sign the record off")])
            return None
        self.step_dialog = dialog_class(self.ws, self.context, self)
        self.step_dialog.saved.connect(self._on_step_saved)
        self.step_dialog.open()
        return self.step_dialog

    def _on_step_saved(self, measure_id: int) -> None:
        self.context = record_context(self.ws, self.context.home, measure_id)
        self._clean = self.fields.snapshot()
        self._show_state()
        self.record_saved.emit(measure_id)


def _deadlines(m: Measure | None) -> str:
    if m is None:
        return ("Record within 24 hours of the start; signed off within 48 hours; the child spoken to within "
                "5 days (reg 35(3)).")
    if m.planned_in_ehcp:
        return "None: planned in the child's EHC plan (reg 35(4))."
    return (f"record by {format_local(record_deadline(m), with_day=True)} · sign-off by "
            f"{format_local(signoff_deadline(m), with_day=True)} · child spoken to by "
            f"{format_local(child_deadline(m), with_day=True)}")
