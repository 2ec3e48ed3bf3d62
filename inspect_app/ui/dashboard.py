"""The dashboard page: the home's figures, and what is overdue or due on the reg 35 record, about the independent
visits and Ofsted, and about staffing in the next two days, most urgent first."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPalette, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView, QFrame, QGridLayout, QHeaderView, QLabel, QStackedWidget, QStyledItemDelegate,
    QStyleOptionViewItem, QTableView, QTabWidget, QVBoxLayout, QWidget,
)

from ..domain.local_time import format_date, format_local
from ..domain.records import Home
from ..services import staffing_view
from ..services.dashboard import Action, gather
from ..services.oversight_todo import OversightItem
from ..services.staffing_view import GAP, LEVEL3, NO_ROTA, StaffingItem
from .dashboard_models import ActionsModel, OversightModel, StaffingModel
from ..services.workspace import Workspace
from .page import Page
from .sheet_colors import sheet_color

NOTHING_DUE = "Nothing is due. Every record is up to date."
NOTHING_OPEN = "Nothing is open: this month's visit is done, every report is sent and every recommendation decided."
TODO_TAB = "Restraint and other measures (reg 35)"
OVERSIGHT_TAB = "Visits and Ofsted (regs 43, 44)"
NOTHING_SHORT = ("The next two days are covered: every key-time window from now to the end of tomorrow has its "
                 "minimum on the rota, and no care staff are past their Level 3 due date.")
STAFFING_TAB = "Staffing"
ITEM_SIDE_PADDING = 12  # QTableView::item's padding, left and right, in resources/style.qss


class _OverdueDelegate(QStyledItemDelegate):
    """Draws overdue rows bold in the view's overdue colour (set in the style sheet)."""

    def initStyleOption(self, option: QStyleOptionViewItem, index: QModelIndex) -> None:  # Qt override
        super().initStyleOption(option, index)
        # asked of the model directly: index.data(OVERDUE_ROLE) converts the role at every paint
        if index.model().overdue(index.row()):
            option.font.setBold(True)
            option.palette.setColor(QPalette.Text, self.parent().overdue_color)
            option.palette.setColor(QPalette.HighlightedText, self.parent().overdue_color)

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:  # Qt override
        # A wrapped sentence is measured at the column's width, but painted inside the item's padding (style.qss,
        # QTableView::item: 6 px a side): measured narrower too, a sentence just short of a line is not cut with "…"
        narrower = QStyleOptionViewItem(option)
        narrower.rect.setWidth(max(0, option.rect.width() - ITEM_SIDE_PADDING))
        return super().sizeHint(narrower, index)


class ActionsView(QTableView):
    """The table of steps to do; `overdueColor` comes from resources/style.qss.

    The sentences wrap, so each row is as tall as its sentence at the column's width. The rows are fitted after a
    reset, and again when the view is laid out at a new width: ResizeToContents would measure every cell again on
    every layout and paint (thousands of calls into the model while the window opens)."""

    WRAPPED_COLUMN = 1

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._rows_fitted_at: int | None = None  # the sentence column's width when the rows were last fitted
        self.setItemDelegate(_OverdueDelegate(self))
        self.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.setSelectionMode(QAbstractItemView.SingleSelection)
        self.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setWordWrap(True)
        self.setShowGrid(False)
        self.verticalHeader().hide()
        self.setAccessibleName("What needs doing")

    def configure_columns(self) -> None:
        """After setModel: the sentence column takes the room left; the others fit their contents."""
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.Fixed)
        header.setSectionResizeMode(self.WRAPPED_COLUMN, QHeaderView.Stretch)
        self.verticalHeader().setSectionResizeMode(QHeaderView.Fixed)

    def fit_to_contents(self) -> None:
        """After the model is reset. A hidden view's rows are fitted when it is laid out to be shown."""
        for column in range(self.model().columnCount()):
            if column != self.WRAPPED_COLUMN:
                self.resizeColumnToContents(column)
        self._rows_fitted_at = None
        self._fit_rows()

    def _fit_rows(self) -> None:
        width = self.columnWidth(self.WRAPPED_COLUMN)
        if self.isVisible() and width != self._rows_fitted_at:
            self._rows_fitted_at = width
            self.resizeRowsToContents()

    def updateGeometries(self) -> None:  # Qt override: the columns have their final widths after it
        super().updateGeometries()
        self._fit_rows()

    def showEvent(self, event: QShowEvent) -> None:  # Qt override
        super().showEvent(event)
        self._fit_rows()

    overdueColor = sheet_color("overdueColor", "#b3261e")

    @property
    def overdue_color(self) -> QColor:
        return self.overdueColor


class FigureBox(QFrame):
    """One number with its caption."""

    def __init__(self, caption: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("figure")
        self.value = QLabel("–")
        self.value.setObjectName("figureValue")
        self.caption = QLabel(caption)
        self.caption.setObjectName("figureCaption")
        self.caption.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.setSpacing(2)
        layout.addWidget(self.value)
        layout.addWidget(self.caption)
        self.setAccessibleName(caption)

    def set_value(self, value: int) -> None:
        self.value.setText(str(value))
        self.setAccessibleDescription(f"{self.caption.text()}: {value}")


class DashboardPage(Page):
    """What is overdue and due, and the figures an inspector asks for first."""

    title = "Dashboard"
    measure_chosen = Signal(int)
    area_chosen = Signal(str)  # an area's key ("visits", "inspections"): the page keeping a chosen item's record

    def __init__(self, ws: Workspace, home: Home, parent: QWidget | None = None):
        super().__init__(ws, home, parent)
        heading = QLabel("Dashboard")
        heading.setObjectName("pageTitle")
        self.as_at = QLabel()
        self.as_at.setObjectName("hint")
        # Narey rec 22: said plainly near the top when the latest judgement is "requires improvement to be good"
        self.adequate_home = QLabel()
        self.adequate_home.setObjectName("adequateNote")
        self.adequate_home.setWordWrap(True)
        self.now_boxes = self._figure_row(("Children living here now", "Restraints in the last 28 days",
                                           "Awaiting sign-off (reg 35(3)(b))", "Steps overdue"))
        self.annex_title = QLabel()
        self.annex_title.setObjectName("sectionTitle")
        self.annex_boxes = self._figure_row(("Children admitted", "Children who left", "Children resident now",
                                             "Restraint incidents", "Children restrained"))
        self.annex_note = QLabel("Not recorded by this program yet: missing episodes, and children at risk of "
                                 "sexual exploitation.")
        self.annex_note.setObjectName("note")
        self.annex_note.setWordWrap(True)
        self._build_todo()
        self._build_oversight()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        for widget in (heading, self.as_at, self.adequate_home, self.now_boxes, None, self.annex_title,
                       self.annex_boxes, self.annex_note, None):
            if widget is None:
                layout.addSpacing(10)
            else:
                layout.addWidget(widget)
        layout.addWidget(self.lists, 1)
        self.refresh()

    def _build_todo(self) -> None:
        """The list of reg 35 steps, or a calm line when there are none."""
        self.model = ActionsModel(self)
        self.view = ActionsView()
        self.view.setModel(self.model)
        self.view.activated.connect(self._on_view_activated)
        self.view.configure_columns()
        self.calm = QLabel(NOTHING_DUE)
        self.calm.setObjectName("calm")
        self.calm.setAlignment(Qt.AlignLeft | Qt.AlignTop)
        self.todo = QStackedWidget()
        self.todo.addWidget(self.view)
        self.todo.addWidget(self.calm)
        self.hint = QLabel("Double-click a line, or select it and press Enter, to open the record.")
        self.hint.setObjectName("hint")

    def _build_oversight(self) -> None:
        """What is open about the visits and Ofsted, and the staffing gaps of the next two days: tabs beside the reg
        35 steps, each saying how much it holds, so that no list is squeezed into a few lines. Their tables are built
        when a tab is first shown (SPEC 10: the dashboard is built as the window opens)."""
        self.oversight_model = OversightModel(self)
        self.oversight_tab = LazyList(self.oversight_model, "What needs doing about independent visits and Ofsted",
                                      NOTHING_OPEN, "Double-click a line, or select it and press Enter, to open its "
                                                    "page.", self._on_oversight_activated)
        self.staffing_model = StaffingModel(self)
        self.staffing_tab = LazyList(self.staffing_model, "Staffing gaps in the next two days", NOTHING_SHORT,
                                     "Double-click a line, or select it and press Enter, to open the rota (or the "
                                     "staff register).", self._on_staffing_activated)
        self.lists = QTabWidget()
        self.lists.setAccessibleName("What needs doing")
        self.lists.setDocumentMode(True)
        # a narrow window shortens the tabs' names in the middle, keeping what each holds in sight
        self.lists.setUsesScrollButtons(False)
        self.lists.setElideMode(Qt.ElideMiddle)
        self.lists.addTab(_with_hint(self.todo, self.hint), TODO_TAB)
        self.lists.addTab(self.oversight_tab.widget, OVERSIGHT_TAB)
        self.lists.addTab(self.staffing_tab.widget, STAFFING_TAB)
        for tab, tip in enumerate(("The open steps of the reg 35 records of restraint and other measures",
                                   "What is open about the independent visits (regs 43, 44) and Ofsted",
                                   "Key-time windows short on the rota from now to the end of tomorrow (Narey "
                                   "recommendation 4), and care staff past their Level 3 due date (reg 32(4))")):
            self.lists.setTabToolTip(tab, tip)
        self.lists.currentChanged.connect(self._on_lists_current_changed)
        self._tab_chosen = False

    # the visits and Ofsted tab's parts, by the names they had before the staffing tab shared their building
    @property
    def oversight_view(self) -> ActionsView | None:
        return self.oversight_tab.view

    @property
    def oversight_calm(self) -> QLabel:
        return self.oversight_tab.calm

    @property
    def oversight_hint(self) -> QLabel:
        return self.oversight_tab.hint

    def _figure_row(self, captions: tuple[str, ...]) -> QWidget:
        row = QWidget()
        grid = QGridLayout(row)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(10)
        row.boxes = [FigureBox(caption) for caption in captions]  # type: ignore[attr-defined]
        for column, box in enumerate(row.boxes):  # type: ignore[attr-defined]
            grid.addWidget(box, 0, column)
            grid.setColumnStretch(column, 1)
        return row

    def refresh(self) -> None:
        todo, figures = gather(self.ws, self.home)
        self.model.set_actions(todo)
        self.view.fit_to_contents()
        self.todo.setCurrentWidget(self.view if todo else self.calm)
        self.hint.setVisible(bool(todo))
        staffing = staffing_view.gaps_ahead(self.ws, self.home, figures.as_at)
        self.oversight_model.set_items(figures.oversight)
        self.staffing_model.set_items(staffing)
        for index, tab in ((1, self.oversight_tab), (2, self.staffing_tab)):
            tab.show_items(self.lists.currentIndex() == index)
        self._label_tabs(todo, figures.oversight, staffing)
        self.as_at.setText(f"{self.home.name}, as at {format_local(figures.as_at, with_day=True)}")
        self.adequate_home.setText(figures.adequate_home)
        self.adequate_home.setVisible(bool(figures.adequate_home))
        for box, value in zip(self.now_boxes.boxes, (figures.resident, figures.recent_restraints,
                                                     figures.awaiting_signoff, figures.overdue)):
            box.set_value(value)
        a = figures.annex
        self.annex_title.setText(f"Annex A figures since {format_date(figures.annex_since)} "
                                 f"({figures.annex_since_what})")
        for box, refs in zip(self.annex_boxes.boxes, (a.admitted, a.left, a.resident, a.restraint_incidents,
                                                      a.children_restrained)):
            box.set_value(len(refs))
        if todo and not self.view.currentIndex().isValid():
            self.view.setCurrentIndex(self.model.index(0, 1))

    def _on_lists_current_changed(self, index: int) -> None:
        tab = {1: self.oversight_tab, 2: self.staffing_tab}.get(index)
        if tab is not None and tab.view is None:
            tab.fill()

    def _label_tabs(self, todo: list[Action], oversight: tuple[OversightItem, ...],
                    staffing: list[StaffingItem]) -> None:
        """Each tab says how much it holds; the page opens on the visits and Ofsted only when they alone have
        something overdue (chosen once, so that a refresh never moves the user away from the tab they chose)."""
        late_steps, late_items = sum(a.overdue for a in todo), sum(i.overdue for i in oversight)
        bar = self.lists.tabBar()
        for tab, (text, late) in enumerate(((f"{TODO_TAB}: {_count(late_steps, len(todo))}", late_steps),
                                            (f"{OVERSIGHT_TAB}: {_count(late_items, len(oversight))}", late_items),
                                            (f"{STAFFING_TAB}: {_staffing_count(staffing)}",
                                             sum(i.urgent for i in staffing)))):
            self.lists.setTabText(tab, text)
            # the overdue colour of the lists (resources/style.qss), so that a tab not shown still stands out
            bar.setTabTextColor(tab, self.view.overdue_color if late else QColor())
        if not self._tab_chosen:
            self._tab_chosen = True
            self.lists.setCurrentIndex(1 if late_items and not late_steps else 0)

    @property
    def nothing_due_shown(self) -> bool:
        return self.todo.currentWidget() is self.calm

    def _on_view_activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.measure_chosen.emit(self.model.action(index.row()).measure_id)

    def _on_oversight_activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.area_chosen.emit(self.oversight_model.item(index.row()).area)

    def _on_staffing_activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.area_chosen.emit(self.staffing_model.item(index.row()).area)


class LazyList:
    """One tab of the dashboard's lists whose table is built when first shown: an ActionsView over `model`, or a
    calm line when the model is empty, with a hint under it."""

    def __init__(self, model, accessible_name: str, calm: str, hint: str, on_activated):
        self.model = model
        self.view: ActionsView | None = None
        self._accessible_name = accessible_name
        self._on_activated = on_activated
        self.calm = QLabel(calm)
        self.calm.setObjectName("calm")
        self.calm.setWordWrap(True)
        self.calm.setAlignment(Qt.AlignLeft | Qt.AlignTop)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.calm)
        self.hint = QLabel(hint)
        self.hint.setObjectName("hint")
        self.widget = _with_hint(self.stack, self.hint)

    def show_items(self, shown_now: bool) -> None:
        """After the model is set: the table is filled now if it exists or its tab is the one shown."""
        self.hint.setVisible(self.model.rowCount() > 0)
        if self.view is not None or shown_now:
            self.fill()

    def fill(self) -> None:
        view = self._built_view()
        view.fit_to_contents()
        shown = self.model.rowCount() > 0
        self.stack.setCurrentWidget(view if shown else self.calm)
        if shown and not view.currentIndex().isValid():
            view.setCurrentIndex(self.model.index(0, 1))

    def _built_view(self) -> ActionsView:
        if self.view is None:
            view = ActionsView()
            view.setAccessibleName(self._accessible_name)
            view.setModel(self.model)
            view.activated.connect(self._on_activated)
            view.configure_columns()
            self.stack.insertWidget(0, view)
            self.view = view
        return self.view


def _with_hint(body: QWidget, hint: QLabel) -> QWidget:
    """A list with its hint underneath: one tab."""
    tab = QWidget()
    layout = QVBoxLayout(tab)
    layout.setContentsMargins(0, 6, 0, 0)
    layout.addWidget(body, 1)
    layout.addWidget(hint)
    return tab


def _staffing_count(items: list[StaffingItem]) -> str:
    """"2 gaps, 1 Level 3 overdue", "no rota planned" or "nothing to do"."""
    gaps, level3 = sum(i.kind == GAP for i in items), sum(i.kind == LEVEL3 for i in items)
    parts = [f"{gaps} gap{'' if gaps == 1 else 's'}"] if gaps else []
    parts += ["no rota planned"] if any(i.kind == NO_ROTA for i in items) else []
    parts += [f"{level3} Level 3 overdue"] if level3 else []
    return ", ".join(parts) or "nothing to do"


def _count(overdue: int, total: int) -> str:
    """"2 of 5 overdue", "5 to do" or "nothing to do": a tab's label says what it holds, overdue first."""
    if not total:
        return "nothing to do"
    return f"{overdue} of {total} overdue" if overdue else f"{total} to do"
