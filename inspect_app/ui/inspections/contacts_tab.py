"""The dialogue log (Narey recommendation 19): every contact with Ofsted, newest first, open follow-ups standing out,
with a filter to show only those and a search."""

from __future__ import annotations

from datetime import date
from typing import Collection

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QWidget

from ...domain.inspections import OfstedContact
from ...domain.local_time import format_date
from ...domain.records import Home
from ...services.workspace import Workspace
from ..registers.models import Column, one_line, titles
from ..registers.pages import OversightPage
from .contact_editor import ContactEditor


def _done_text(contact: OfstedContact, _today: date) -> str:
    if contact.follow_up_open:
        return "Open"
    return format_date(contact.follow_up_done_on)


CONTACT_COLUMNS: tuple[Column[OfstedContact], ...] = (
    Column("Ref", lambda c, _t: c.ref),
    Column("Date", lambda c, _t: format_date(c.occurred_on), lambda c, _t: (c.occurred_on, c.ref)),
    Column("Phase", lambda c, _t: c.phase.value.capitalize() if c.phase else "",
           tip="When, relative to an inspection: before, during, after, or between inspections"),
    # the texts' shares of the width the short columns leave: the summary gets the most
    Column("With whom", lambda c, _t: c.with_whom, share=16),
    Column("Channel", lambda c, _t: c.channel),  # a word or two: as wide as the longest
    Column("Topic", lambda c, _t: c.topic, share=18),
    Column("Summary", lambda c, _t: one_line(c.summary), share=34, tip="What was said or agreed",
           whole=lambda c, _t: c.summary),
    Column("Follow-up", lambda c, _t: one_line(c.follow_up), share=22, tip="What was to follow the contact",
           whole=lambda c, _t: c.follow_up),
    Column("Done", _done_text, tip="When the follow-up was done; \u201cOpen\u201d while it is still to do"),
)
_TITLES = titles(CONTACT_COLUMNS)


class ContactsTab(OversightPage):
    """The log of contacts with Ofsted; reading needs READ_ALL_RECORDS, writing RECORD_OVERSIGHT (manager, RI)."""

    title = "Dialogue with Ofsted"
    columns = CONTACT_COLUMNS
    editor_class = ContactEditor
    singular = "contact"
    plural = "contacts with Ofsted"
    intro = ("Every contact with Ofsted, before, during and after an inspection and between inspections (Narey "
             "recommendation 19), with what was to follow. Open follow-ups stand out.")
    show_heading = False  # the tab's own name says it, in the height the list needs

    @staticmethod
    def current(contact: OfstedContact, _today: date) -> bool:
        """What the "open follow-ups only" filter keeps (the register's "current" test, put to this use)."""
        return contact.follow_up_open

    def __init__(self, ws: Workspace, home: Home, parent: QWidget | None = None):
        super().__init__(ws, home, parent)
        self.view.setAccessibleName("Log of contacts with Ofsted")
        self.view.two_line_rows()
        # always newest first, as a diary; not sortable, so that no column's heading keeps room for a sort mark
        # and the nine columns fit (search and the filter find the rest)
        self.view.setSortingEnabled(False)
        self.proxy.sort(_TITLES.index("Date"), Qt.DescendingOrder)
        self.model.modelReset.connect(self._on_model_reset)
        self._on_model_reset()

    def build_filters(self) -> list[QWidget]:
        self.open_only = QCheckBox()
        self.open_only.setToolTip("Show only the contacts whose follow-up is still to do")
        self.open_only.toggled.connect(self._on_open_only_toggled)
        return [self.open_only]

    def load_records(self) -> list[OfstedContact]:
        return self.ws.contacts.for_home(self.home.id)

    def open_follow_ups(self) -> int:
        return sum(1 for row in range(self.model.rowCount()) if self.model.is_current(row))

    def _on_model_reset(self) -> None:
        self.open_only.setText(f"&Open follow-ups only ({self.open_follow_ups()})")

    def _on_open_only_toggled(self, checked: bool) -> None:
        self.proxy.set_show_past(not checked)
        self._update_count()
        self._update_buttons()

    def select(self, record_id: int) -> bool:
        """A contact whose follow-up is done is shown by clearing the "open only" filter."""
        row = self.model.row_of(record_id)
        if row >= 0 and not self.model.is_current(row) and self.open_only.isChecked():
            self.open_only.setChecked(False)
        return super().select(record_id)

    @staticmethod
    def marked(contact: OfstedContact, _today: date) -> Collection[str]:
        """Narey rec 19: an open follow-up marks its whole row (its Done column says "Open")."""
        return _TITLES if contact.follow_up_open else ()
