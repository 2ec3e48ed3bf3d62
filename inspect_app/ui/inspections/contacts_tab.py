"""The dialogue log (Narey recommendation 19): every contact with Ofsted, newest first, open follow-ups standing out,
with a filter to show only those and a search."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QWidget

from ...domain.inspections import OfstedContact
from ...domain.local_time import format_date
from ...domain.records import Home
from ...services.workspace import Workspace
from ..registers.models import Column
from .column_fit import fit_by_shares, two_line_rows
from .contact_editor import ContactEditor
from .fields import one_line
from .marks import MarkedRows, mark_color_property
from .oversight_page import OversightPage


def _done_text(contact: OfstedContact, _today: date) -> str:
    if contact.follow_up_open:
        return "Open"
    return format_date(contact.follow_up_done_on)


CONTACT_COLUMNS: tuple[Column[OfstedContact], ...] = (
    Column("Ref", lambda c, _t: c.ref),
    Column("Date", lambda c, _t: format_date(c.occurred_on), lambda c, _t: (c.occurred_on, c.ref)),
    Column("Phase", lambda c, _t: c.phase.value.capitalize() if c.phase else "",
           tip="When, relative to an inspection: before, during, after, or between inspections"),
    Column("With whom", lambda c, _t: c.with_whom, stretch=True),
    Column("Channel", lambda c, _t: c.channel, stretch=True),
    Column("Topic", lambda c, _t: c.topic, stretch=True),
    Column("Summary", lambda c, _t: one_line(c.summary), stretch=True, tip="What was said or agreed"),
    Column("Follow-up", lambda c, _t: one_line(c.follow_up), stretch=True, tip="What was to follow the contact"),
    Column("Done", _done_text, tip="When the follow-up was done; \u201cOpen\u201d while it is still to do"),
)
# the long texts whose tooltip shows every line of the record
_WHOLE_TEXT = {"Summary": "summary", "Follow-up": "follow_up", "Topic": "topic", "With whom": "with_whom"}
_TITLES = [c.title for c in CONTACT_COLUMNS]
# the texts' shares of the width the short columns leave (the stretch columns above)
_TEXT_SHARES = {_TITLES.index("With whom"): 16, _TITLES.index("Channel"): 10, _TITLES.index("Topic"): 18,
                _TITLES.index("Summary"): 34, _TITLES.index("Follow-up"): 22}


class ContactsTab(OversightPage):
    """The log of contacts with Ofsted; reading needs READ_ALL_RECORDS, writing RECORD_OVERSIGHT (manager, RI)."""

    title = "Dialogue with Ofsted"
    columns = CONTACT_COLUMNS
    editor_class = ContactEditor
    singular = "contact"
    plural = "contacts with Ofsted"
    intro = ("Every contact with Ofsted, before, during and after an inspection and between inspections (Narey "
             "recommendation 19), with what was to follow. Open follow-ups stand out.")
    markColor = mark_color_property()

    @staticmethod
    def current(contact: OfstedContact, _today: date) -> bool:
        """What the "open follow-ups only" filter keeps (the register's "current" test, put to this use)."""
        return contact.follow_up_open

    def __init__(self, ws: Workspace, home: Home, parent: QWidget | None = None):
        super().__init__(ws, home, parent)
        self.view.setAccessibleName("Log of contacts with Ofsted")
        two_line_rows(self.view)
        self.view.setItemDelegate(MarkedRows(self.view, self._is_marked, lambda: self.markColor, self._whole_text))
        self.open_only = QCheckBox()
        self.open_only.setToolTip("Show only the contacts whose follow-up is still to do")
        self.open_only.toggled.connect(self._on_open_only_toggled)
        toolbar = self._toolbar()
        toolbar.insertWidget(toolbar.indexOf(self.show_past), self.open_only)
        # always newest first, as a diary; not sortable, so that no column's heading keeps room for a sort mark
        # and the nine columns fit (search and the filter find the rest)
        self.view.setSortingEnabled(False)
        self.proxy.sort(_TITLES.index("Date"), Qt.DescendingOrder)
        self.model.modelReset.connect(self._on_model_reset)
        self._on_model_reset()

    def _toolbar(self) -> QHBoxLayout:
        """The row of the search box and buttons the register page built (it holds the hidden past toggle)."""
        outer = self.layout()
        for i in range(outer.count()):
            row = outer.itemAt(i).layout()
            if isinstance(row, QHBoxLayout) and row.indexOf(self.show_past) >= 0:
                return row
        raise LookupError("the register page has no toolbar")

    def fit_columns(self) -> None:  # RegisterPage's: the summary would give up most, being the longest
        fit_by_shares(self.view, _TEXT_SHARES)

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

    def _record_at(self, index: QModelIndex) -> OfstedContact:
        return self.model.record(self.proxy.mapToSource(index).row())

    def _is_marked(self, index: QModelIndex) -> bool:
        return self._record_at(index).follow_up_open

    def _whole_text(self, index: QModelIndex) -> str:
        name = _WHOLE_TEXT.get(self.columns[index.column()].title)
        return getattr(self._record_at(index), name) if name else ""
