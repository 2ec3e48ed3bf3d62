"""The editor of one contact with Ofsted in the dialogue log (Narey recommendation 19): when, in which phase, with
whom and how, about what, what was said, and what was to follow and when it was done."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import QComboBox, QLineEdit

from ...domain.errors import Problem
from ...domain.inspections import CHANNELS, OfstedContact, validate_contact
from ...domain.local_time import to_local
from ...domain.vocabulary import DialoguePhase
from ...services import inspections, registers
from ..date_field import DateField
from ..registers.editor import RegisterEditor, set_combo_data, text_box, vocabulary_combo, vocabulary_value

CONTACT_PREFIX = "OC-"
CONTACT_WIDTH = 3


class ContactEditor(RegisterEditor[OfstedContact]):
    """Every field SPEC 2.5 lists for a contact; the channel is chosen from the usual ones or typed."""

    noun = "contact with Ofsted"

    def intro_text(self) -> str:
        return ("A contact with Ofsted: before, during or after an inspection, or between inspections (Narey "
                "recommendation 19 asks for this dialogue). Note anything that is to follow, and the date it was done. "
                "Fields marked * are required.")

    def title_text(self) -> str:
        return "Add a contact with Ofsted" if self.original is None else f"Edit {self.original.ref}"

    def build_fields(self) -> None:
        self.ref = self.add_field("&Reference *", "contact_ref", QLineEdit())
        self.occurred_on = self.add_field("&Date *", "occurred_on", DateField())
        self.phase = self.add_field("&Phase", "phase", vocabulary_combo(DialoguePhase))
        self.with_whom = self.add_field("&With whom", "with_whom", QLineEdit())
        self.with_whom.setPlaceholderText("name and role, e.g. the lead inspector")
        self.channel = self.add_field("C&hannel", "channel", QComboBox())
        self.channel.setEditable(True)
        self.channel.setInsertPolicy(QComboBox.NoInsert)
        self.channel.addItems(["", *CHANNELS])
        self.channel.lineEdit().setPlaceholderText("choose or type, e.g. Telephone")
        self.channel.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
        self.channel.setMinimumContentsLength(30)  # room for the hint
        self.topic = self.add_field("&Topic", "topic", QLineEdit())
        self.summary = self.add_field("S&ummary", "summary", text_box(4))
        self.summary.setPlaceholderText("what was said or agreed")
        self.follow_up = self.add_field("&Follow-up", "follow_up", text_box(2))
        self.follow_up.setPlaceholderText("anything the home or Ofsted is to do next")
        self.follow_up_done_on = self.add_field("Follow-up d&one on", "follow_up_done_on", DateField())
        self.follow_up_done_on.setToolTip("Blank while the follow-up is still to do")

    def load(self, contact: OfstedContact | None) -> None:
        if contact is None:
            existing = [c.ref for c in self.ws.contacts.for_home(self.home.id)]
            self.ref.setText(registers.next_ref(existing, CONTACT_PREFIX, CONTACT_WIDTH))
            self.occurred_on.set_date(to_local(self.ws.now()).date())
            return
        self.ref.setText(contact.ref)
        self.occurred_on.set_date(contact.occurred_on)
        set_combo_data(self.phase, contact.phase)
        self.with_whom.setText(contact.with_whom)
        self.channel.setCurrentText(contact.channel)
        self.topic.setText(contact.topic)
        self.summary.setPlainText(contact.summary)
        self.follow_up.setPlainText(contact.follow_up)
        self.follow_up_done_on.set_date(contact.follow_up_done_on)

    def read(self) -> tuple[OfstedContact, list[Problem]]:
        problems: list[Problem] = []
        occurred = self.read_date("occurred_on", problems)
        done = self.read_date("follow_up_done_on", problems)
        if occurred is None and not any(p.field == "occurred_on" for p in problems):
            problems.append(Problem("occurred_on", "the date of the contact is required"))
        contact = OfstedContact(home_id=self.home.id, ref=self.ref.text(),
                                occurred_on=occurred or to_local(self.ws.now()).date(),
                                phase=vocabulary_value(self.phase, DialoguePhase), with_whom=self.with_whom.text(),
                                channel=self.channel.currentText(), topic=self.topic.text(),
                                summary=self.summary.toPlainText().strip(),
                                follow_up=self.follow_up.toPlainText().strip(), follow_up_done_on=done)
        if self.original is not None:
            contact = replace(contact, id=self.original.id)
        return contact, problems

    def validate(self, contact: OfstedContact) -> list[Problem]:
        return validate_contact(contact)

    def store(self, contact: OfstedContact) -> OfstedContact:
        return inspections.save_contact(self.ws, contact)
