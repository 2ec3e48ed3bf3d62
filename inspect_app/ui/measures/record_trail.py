"""What happened to a record after it was written: its sign-off, the conversation with the child, its addenda."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QVBoxLayout, QWidget

from ...domain.deadlines import child_deadline, signer_was_authorised, signoff_deadline
from ...domain.local_time import format_local
from ...domain.records import Addendum, Measure, Staff


def _label(text: str, name: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setAccessibleName(name)
    return label


def _deadline_text(done: str, deadline: datetime, now: datetime, step: str) -> str:
    if now > deadline:
        return f"Not yet {done}: the deadline was {format_local(deadline, with_day=True)} ({step})."
    return f"Not yet {done}: due by {format_local(deadline, with_day=True)} ({step})."


def signoff_text(m: Measure, staff: dict[int, Staff], now: datetime) -> str:
    if m.planned_in_ehcp and not m.locked:
        return "Not signed off. Reg 35(4): planned in the child's EHC plan, so no deadline applies."
    if not m.locked:
        return _deadline_text("signed off", signoff_deadline(m), now, "reg 35(3)(b), 48 hours")
    signer = staff.get(m.signed_by)
    name = signer.full_name if signer else "someone no longer on the staff register"
    text = f"Signed as accurate by {name} on {format_local(m.signed_at, with_day=True)}."
    if m.user_spoken_to_at:
        text += f" Spoke to the staff who used the measure on {format_local(m.user_spoken_to_at, with_day=True)}."
    if not signer_was_authorised(m, staff):
        text += " ⚠ This person is not authorised to sign off reg 35 records (reg 35(3)(b))."
    return text


def child_text(m: Measure, staff: dict[int, Staff], now: datetime) -> str:
    if m.child_spoken_to_at is None:
        if m.planned_in_ehcp:
            return "Not recorded. Reg 35(4): planned in the child's EHC plan, so no deadline applies."
        return _deadline_text("recorded", child_deadline(m), now, "reg 35(3)(c), 5 days")
    by = staff.get(m.child_spoken_to_by)
    name = by.full_name if by else "someone no longer on the staff register"
    return (f"{name} spoke to the child on {format_local(m.child_spoken_to_at, with_day=True)}.\n"
            f"The child's views: {m.child_views}")


def addendum_text(a: Addendum) -> str:
    return f"{format_local(a.made_at, with_day=True)}, by {a.made_by}. Reason: {a.reason}\n{a.text}"


class RecordTrail(QGroupBox):
    """Read-only: sign-off (reg 35(3)(b)), the child conversation (reg 35(3)(c)) and every addendum."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__("Sign-off, the child's views and addenda", parent)
        self.setAccessibleName(self.title())
        self._box = QVBoxLayout(self)
        self._form = QFormLayout()
        self._form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self._box.addLayout(self._form)
        self.signoff = _label("", "Sign-off")
        self.child = _label("", "Conversation with the child")
        self.addenda = _label("", "Addenda")
        self._form.addRow("Sign-off:", self.signoff)
        self._form.addRow("Child spoken to:", self.child)
        self._form.addRow("Addenda:", self.addenda)

    def show_record(self, m: Measure, staff: dict[int, Staff], addenda: list[Addendum], now: datetime) -> None:
        self.signoff.setText(signoff_text(m, staff, now))
        self.child.setText(child_text(m, staff, now))
        self.addenda.setText("\n\n".join(addendum_text(a) for a in addenda) if addenda else "None.")
