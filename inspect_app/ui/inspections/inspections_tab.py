"""The home's Ofsted inspections, newest first, with their judgements and how many of their requirements are met;
the plain words of Narey recommendation 22 when the latest judgement is "requires improvement to be good"; and,
below, the chosen inspection's requirements and recommendations."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QLabel, QWidget

from ...domain.inspections import Inspection, InspectionAction, adequate_home_note
from ...domain.local_time import format_date, to_local
from ...domain.records import Home
from ...domain.vocabulary import ActionKind, ActionStatus, InspectionType, Judgement
from ...services.workspace import Workspace
from ..registers.models import Column
from ..registers.pages import OversightPage
from .actions_panel import ActionsPanel
from .inspection_editor import InspectionEditor


@dataclass(frozen=True)
class InspectionRow:
    """One inspection with what it asked of the home: a row of the list and the detail below it."""

    inspection: Inspection
    actions: tuple[InspectionAction, ...]

    @property
    def id(self) -> int | None:
        return self.inspection.id


def short_judgement(judgement: Judgement | None) -> str:
    """The judgement as a list shows it: "requires improvement to be good" is shortened to the words people use
    (the tooltip and the rec 22 note give it whole), so that three judgements fit side by side."""
    if judgement is Judgement.REQUIRES_IMPROVEMENT:
        return "Requires improvement"
    return judgement.label if judgement else ""


def _judgement_column(title: str, name: str, tip: str) -> Column[InspectionRow]:
    """The list shows the judgement's short words; the tooltip gives the scale's whole words."""
    def judgement(row: InspectionRow) -> Judgement | None:
        return getattr(row.inspection, name)

    return Column(title, lambda r, _t: short_judgement(judgement(r)), share=1, tip=tip,
                  whole=lambda r, _t: judgement(r).label if judgement(r) else "")


def _date_column(title: str, name: str, tip: str = "") -> Column[InspectionRow]:
    return Column(title, lambda r, _t: format_date(getattr(r.inspection, name)),
                  lambda r, _t: (getattr(r.inspection, name) or date.min, r.inspection.ref), tip=tip)


def requirements_text(row: InspectionRow, today: date) -> str:
    """"2 of 3 met", the requirements only (the enforceable ones: regulations not met), after how many are overdue
    if any (first, so that a narrow column still shows it); "None" when the inspection made none."""
    required = [a for a in row.actions if a.kind is ActionKind.REQUIREMENT]
    if not required:
        return "None"
    met = sum(1 for a in required if a.status is ActionStatus.MET)
    overdue = sum(1 for a in required if a.overdue_on(today))
    return (f"{overdue} overdue \u00b7 " if overdue else "") + f"{met} of {len(required)} met"


STARTED_COLUMN = _date_column("Started", "started_on", "The first day of the inspection")
INTERIM_COLUMN: Column[InspectionRow] = Column(
    "Interim\noutcome", lambda r, _t: r.inspection.interim_outcome.label if r.inspection.interim_outcome else "",
    tip="An interim inspection's finding: improved, sustained or declined effectiveness")
INSPECTION_COLUMNS: tuple[Column[InspectionRow], ...] = (
    Column("Ref", lambda r, _t: r.inspection.ref),
    STARTED_COLUMN,
    Column("Type", lambda r, _t: r.inspection.type.label),
    _judgement_column("Overall", "overall", "Overall experiences and progress of children and young people"),
    _judgement_column("Help and\nprotection", "helped_protected",
                      "How well children and young people are helped and protected"),
    _judgement_column("Leadership and\nmanagement", "leadership", "The effectiveness of leaders and managers"),
    INTERIM_COLUMN,
    _date_column("Published", "published_on", "The date Ofsted published the report"),
    Column("Requirements", requirements_text, share=1,
           tip="How many of the inspection's requirements (regulations not met) are met, and how many are overdue; "
               "its recommendations are listed below"),
)

SHOWN_ROWS = 4


class InspectionsTab(OversightPage):
    """The list of inspections above, the chosen one's requirements and recommendations below (`panel`)."""

    title = "Inspections"
    columns = INSPECTION_COLUMNS
    editor_class = InspectionEditor
    singular = "inspection"
    plural = "inspections"
    intro = "Ofsted's inspections of the home, newest first. Choose one to see and update what it asked of the home."
    show_heading = False  # the tab's own name says it, in the height the two lists need

    def __init__(self, ws: Workspace, home: Home, parent: QWidget | None = None):
        super().__init__(ws, home, parent)
        self.view.setAccessibleName("Ofsted inspections of the home")
        self._chosen_id: int | None = None
        self.count.hide()  # a handful of inspections: the list shows them all
        self.panel = ActionsPanel(ws, home)
        self.panel.action_saved.connect(self._on_panel_action_saved)
        self.layout().addWidget(self.panel, 1)
        self.view.selectionModel().currentRowChanged.connect(self._on_view_current_changed)
        # always newest first, not sortable: a handful of rows, and the sort marks would take the width the
        # judgements need
        self.view.setSortingEnabled(False)
        self.proxy.sort(INSPECTION_COLUMNS.index(STARTED_COLUMN), Qt.DescendingOrder)
        self.model.modelReset.connect(self._on_model_reset)
        self._on_model_reset()

    def build_above_list(self) -> list[QWidget]:
        self.note = QLabel()
        self.note.setObjectName("adequateNote")
        self.note.setWordWrap(True)
        self.note.setAccessibleName("Narey recommendation 22")
        return [self.note]

    def load_records(self) -> list[InspectionRow]:
        actions: dict[int, list[InspectionAction]] = {}
        for action in self.ws.inspection_actions.for_home(self.home.id):
            actions.setdefault(action.inspection_id, []).append(action)
        return [InspectionRow(i, tuple(actions.get(i.id, ()))) for i in self.ws.inspections.for_home(self.home.id)]

    def today(self) -> date:
        return to_local(self.ws.now()).date()

    def selected_record(self) -> Inspection | None:
        """The inspection the editor opens (the row also holds its requirements)."""
        row = self.chosen_row()
        return row.inspection if row is not None else None

    def chosen_row(self) -> InspectionRow | None:
        return self.view.current_record()

    def _on_model_reset(self) -> None:
        """After a reload: the rec 22 note as at today, and the same inspection chosen again (else the newest)."""
        inspections = [self.model.record(row).inspection for row in range(self.model.rowCount())]
        note = adequate_home_note(inspections, self.today())
        self.note.setText(note)
        self.note.setVisible(bool(note))
        self._fit_height()
        interim = INSPECTION_COLUMNS.index(INTERIM_COLUMN)  # shown only when there is an interim inspection
        self.view.horizontalHeader().setSectionHidden(
            interim, not any(i.type is InspectionType.INTERIM for i in inspections))
        self.fit_columns()
        self._choose_again()

    def _fit_height(self) -> None:
        """The list as tall as its rows (up to SHOWN_ROWS, newest first), so that the requirements below get the
        rest of the height."""
        rows = min(max(self.model.rowCount(), 1), SHOWN_ROWS)
        self.view.setFixedHeight(self.view.horizontalHeader().sizeHint().height() + 2 * self.view.frameWidth()
                                 + rows * self.view.verticalHeader().defaultSectionSize())

    def _choose_again(self) -> None:
        """The inspection chosen before the reload if it is still listed (the search is left as typed), else the
        newest; with none listed, the panel below says to choose one."""
        if self._chosen_id is not None and self.view.select_record(self._chosen_id):
            return
        newest = self.proxy.index(0, 0)
        if newest.isValid():
            self.view.setCurrentIndex(newest)
        else:
            self.panel.show_inspection(None, (), self.today())

    def _on_view_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        row = self.view.record_at(current) if current.isValid() else None
        if row is not None:
            self._chosen_id = row.id
        self.panel.show_inspection(row.inspection if row else None, row.actions if row else (), self.today())

    def _on_panel_action_saved(self, action: InspectionAction) -> None:
        self.refresh()
        self.panel.select(action.id)
        self.records_changed.emit()
