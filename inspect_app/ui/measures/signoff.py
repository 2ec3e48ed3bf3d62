"""Signing a record as accurate (reg 35(3)(b)) and recording the conversation with the child (reg 35(3)(c))."""

from __future__ import annotations

from ...domain.deadlines import child_deadline, signoff_deadline
from ...domain.errors import Problem, ValidationFailed
from ...domain.local_time import format_local
from ...services import measures
from ...services.measure_list import RecordContext, current_staff
from ...services.workspace import Workspace
from ..forms import datetime_value
from .fields import text_box
from .step_dialog import StepDialog, staff_combo


def _deadline_line(deadline, now, what: str, rule: str) -> str:
    when = format_local(deadline, with_day=True)
    if now > deadline:
        return f"{rule}: {what} by {when}. That time has passed: do it now; the record will show it was late."
    return f"{rule}: {what} by {when}."


def _chosen_staff(combo, field: str) -> int:
    if combo.currentIndex() < 0:  # an empty list: asking Qt for its data would hand back None
        raise ValidationFailed([Problem(field, "no one is on the staff register yet: add the person there first")])
    return combo.currentData()


class SignOffDialog(StepDialog):
    """The signer, when they spoke to the staff who used the measure, then "Sign as accurate"."""

    time_field = "user_spoken_to_at"

    def __init__(self, ws: Workspace, context: RecordContext, parent=None):
        super().__init__(ws, context, "Sign off the record", "Sign as &accurate", parent)
        m = context.measure
        self.intro.setText(
            "Sign only when you have spoken to the staff who used the measure and you are satisfied the record "
            "is accurate. Once signed, the record is locked: corrections are added as addenda with a reason.")
        self.deadline.setText(_deadline_line(signoff_deadline(m), context.now, "speak to the staff and sign",
                                             "Reg 35(3)(b), within 48 hours"))
        staff = current_staff(context.staff, context.now)
        first_authorised = next((s.id for s in sorted(staff, key=lambda s: s.full_name.casefold())
                                 if s.authorised_signoff), None)
        self.signer = staff_combo(staff, first_authorised)
        self.problems.add_row(self.form, "&Signed by:", "signed_by", self.signer)
        self.spoken_at = self.add_time_row("Spoke to the &staff on (UK time):")

    def perform(self):
        return measures.sign_off(self.ws, self.context.measure.id, _chosen_staff(self.signer, "signed_by"),
                                 datetime_value(self.spoken_at))


class ChildConversationDialog(StepDialog):
    """Who spoke to the child, when, and the child's views in their words."""

    time_field = "child_spoken_to_at"

    def __init__(self, ws: Workspace, context: RecordContext, parent=None):
        super().__init__(ws, context, "The conversation with the child", "&Save the conversation", parent)
        m = context.measure
        self.intro.setText(
            "The person who signed the record, or another authorised person, adds that they have spoken to the "
            "child about the measure, and what the child said.")
        self.deadline.setText(_deadline_line(child_deadline(m), context.now, "speak to the child",
                                             "Reg 35(3)(c), within 5 days"))
        self.by = staff_combo(current_staff(context.staff, context.now, (m.signed_by,) if m.signed_by else ()),
                              m.signed_by)
        self.problems.add_row(self.form, "Spoken to the child &by:", "child_spoken_to_by", self.by)
        self.spoken_at = self.add_time_row("&When (UK time):")
        self.views = text_box(5)
        self.views.setPlaceholderText("What the child said about what happened, in their words if you can")
        self.problems.add_row(self.form, "The child's &views:", "child_views", self.views)

    def has_input(self) -> bool:
        return bool(self.views.toPlainText().strip())

    def perform(self):
        return measures.record_child_debrief(self.ws, self.context.measure.id,
                                             _chosen_staff(self.by, "child_spoken_to_by"),
                                             datetime_value(self.spoken_at), self.views.toPlainText())
