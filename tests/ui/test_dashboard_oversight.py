"""The dashboard's independent visits and Ofsted: the second list and its tab, what each line says, opening its page,
and the plain rec 22 sentence near the top."""

from __future__ import annotations

from datetime import date, datetime, timezone

import pytest
from PySide6.QtCore import Qt

from inspect_app.domain.inspections import ADEQUATE_HOME, Inspection, InspectionAction
from inspect_app.domain.records import Measure
from inspect_app.domain.visits import ALL_CONDITIONS, Recommendation, Visit, Visitor
from inspect_app.domain.vocabulary import ActionKind, InspectionType, Judgement, MeasureKind, Position
from inspect_app.services import inspections, measures, visits
from inspect_app.services.dashboard import gather
from inspect_app.ui.dashboard import NOTHING_OPEN, DashboardPage
from tests.ui.lists_and_editors import model_rows, open_page


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=timezone.utc)


@pytest.fixture
def jo(ws, home):
    return visits.save_visitor(ws, Visitor(home.id, "IV-01", "Jo Bloggs", appointed_on=date(2025, 1, 6),
                                           conditions=ALL_CONDITIONS, declared_independent_on=date(2025, 1, 6)))


@pytest.fixture
def open_items(ws, home, jo):
    """As at Sunday 22/11/2026 12:00: no visit yet in November, October's report overdue, a recommendation to
    decide by 05/12/2026, and an inspection requirement overdue."""
    october = visits.save_visit(ws, Visit(home.id, "V-001", jo.id, date(2026, 10, 14),
                                          report_received_on=date(2026, 10, 20)))  # report due by 30/11: ahead
    september = visits.save_visit(ws, Visit(home.id, "V-000", jo.id, date(2026, 9, 9)))  # due 31/10: overdue
    visits.save_recommendation(ws, Recommendation(home.id, "REC-001", october.id, "Repair the garden gate",
                                                  consider_by=date(2026, 12, 5)))
    made = inspections.save_inspection(ws, Inspection(home.id, "INS-01", date(2026, 3, 10), InspectionType.FULL))
    inspections.save_action(ws, InspectionAction(home.id, "IA-001", made.id, ActionKind.REQUIREMENT,
                                                 "Keep reg 35 records complete", regulation="reg 35",
                                                 due_on=date(2026, 11, 1)))
    return september, october


def make_page(qtbot, ws, home) -> DashboardPage:
    page = open_page(qtbot, DashboardPage, ws, home, (1100, 760))
    qtbot.waitExposed(page)
    return page


def oversight_rows(page) -> list[tuple[str, ...]]:
    return model_rows(page.oversight_model)


def test_each_open_item_is_a_line_with_its_status_regulation_and_record(qtbot, ws, home, open_items):
    page = make_page(qtbot, ws, home)
    target = "(the home's target: by the end of the month after the visit)"
    assert oversight_rows(page) == [
        ("Overdue", "Get the report from the independent person and send it to Ofsted (visit on 09/09/2026): was "
                    f"due by 31/10/2026 {target}.", "reg 44(7)", "V-000"),
        ("Overdue", "Meet the requirement \u201cKeep reg 35 records complete\u201d of the inspection of 10/03/2026: "
                    "was due by 01/11/2026.", "reg 35", "IA-001"),
        ("Due", "No independent visit yet this month: 9 days left, to the end of 30/11/2026.", "reg 44(1)",
         "Nov 2026"),
        ("Due", f"Send the report to Ofsted (visit on 14/10/2026): due by 30/11/2026 {target}.", "reg 44(7)",
         "V-001"),
        ("Due", "Decide on the recommendation \u201cRepair the garden gate\u201d from the visit on 14/10/2026: to "
                "decide by 05/12/2026.", "reg 44(5)", "REC-001"),
    ]


def test_the_tabs_say_what_they_hold_and_overdue_ones_stand_out(qtbot, ws, home, open_items):
    page = make_page(qtbot, ws, home)
    bar = page.lists.tabBar()
    assert [page.lists.tabText(i) for i in range(2)] == [
        "Restraint and other measures (reg 35): nothing to do", "Visits and Ofsted (regs 43, 44): 2 of 5 overdue"]
    assert bar.tabTextColor(1) == page.view.overdue_color
    assert bar.tabTextColor(0) != page.view.overdue_color
    # only the visits and Ofsted have something overdue: the page opens on them
    assert page.lists.currentIndex() == 1 and page.oversight_view.isVisible()
    assert page.oversight_hint.isVisible()


def test_the_reg_35_list_comes_first_when_it_has_something_overdue(qtbot, ws, home, amy, sam, clock, open_items):
    clock.set(utc(2026, 11, 19, 10, 0))
    measures.record_measure(ws, Measure(
        home_id=home.id, ref="R-0001", child_id=amy.id, kind=MeasureKind.RESTRAINT, started_at=utc(2026, 11, 19, 9),
        recorded_at=utc(2026, 11, 19, 9), duration_minutes=4, location="Lounge", behaviour="Hitting out",
        avoidance_steps="Talked calmly", description="Standing hold", position=Position.STANDING,
        holds=("Single elbow",), used_by=(sam.id,), effectiveness="Calmed", injury=False))
    clock.set(utc(2026, 11, 22, 12, 0))
    page = make_page(qtbot, ws, home)
    assert page.lists.currentIndex() == 0 and page.view.isVisible()
    assert page.lists.tabText(0) == "Restraint and other measures (reg 35): 1 of 2 overdue"


def test_a_refresh_keeps_the_tab_the_user_chose(qtbot, ws, home, open_items):
    page = make_page(qtbot, ws, home)
    page.lists.setCurrentIndex(0)
    page.refresh()
    assert page.lists.currentIndex() == 0


def test_enter_on_a_line_asks_for_the_page_that_keeps_its_record(qtbot, ws, home, open_items):
    page = make_page(qtbot, ws, home)
    page.oversight_view.setFocus()
    assert page.oversight_view.currentIndex().row() == 0  # the first line is chosen
    with qtbot.waitSignal(page.area_chosen) as chosen:
        qtbot.keyClick(page.oversight_view, Qt.Key_Return)
    assert chosen.args == ["visits"]
    requirement = page.oversight_model.index(1, 1)
    centre = page.oversight_view.visualRect(requirement).center()
    with qtbot.waitSignal(page.area_chosen) as chosen:
        qtbot.mouseClick(page.oversight_view.viewport(), Qt.LeftButton, pos=centre)
        qtbot.mouseDClick(page.oversight_view.viewport(), Qt.LeftButton, pos=centre)
    assert chosen.args == ["inspections"]


def test_a_line_explains_its_rule_in_its_tooltip(qtbot, ws, home, open_items):
    page = make_page(qtbot, ws, home)
    tip = page.oversight_model.index(2, 1).data(Qt.ToolTipRole)
    assert tip == ("reg 44(1). The independent person must visit the home at least once in every calendar month.")


def test_nothing_open_is_said_calmly(qtbot, ws, home, jo):
    visits.save_visit(ws, Visit(home.id, "V-001", jo.id, date(2026, 11, 2), report_sent_on=date(2026, 11, 6)))
    page = make_page(qtbot, ws, home)
    page.lists.setCurrentIndex(1)
    assert page.oversight_calm.isVisible() and page.oversight_calm.text() == NOTHING_OPEN
    assert not page.oversight_view.isVisible() and not page.oversight_hint.isVisible()
    assert page.lists.tabText(1) == "Visits and Ofsted (regs 43, 44): nothing to do"


def test_the_adequate_home_sentence_near_the_top_when_it_applies(qtbot, ws, home):
    inspections.save_inspection(ws, Inspection(home.id, "INS-01", date(2026, 3, 10), InspectionType.FULL,
                                               Judgement.REQUIRES_IMPROVEMENT))
    page = make_page(qtbot, ws, home)
    assert page.adequate_home.isVisible() and page.adequate_home.text() == ADEQUATE_HOME
    assert page.adequate_home.geometry().bottom() < page.now_boxes.geometry().top()  # above the figures
    assert page.annex_title.text() == "Annex A figures since 10/03/2026 (the last full inspection)"
    inspections.save_inspection(ws, Inspection(home.id, "INS-02", date(2026, 11, 2), InspectionType.FULL,
                                               Judgement.GOOD))
    page.refresh()
    assert not page.adequate_home.isVisible()


def test_no_sentence_for_a_home_never_judged(qtbot, ws, home):
    page = make_page(qtbot, ws, home)
    assert not page.adequate_home.isVisible()
    assert page.annex_title.text() == "Annex A figures since 22/11/2026 (no admission recorded yet)"


def test_gather_gives_the_items_and_the_sentence_without_widgets(ws, home, open_items):
    _todo, figures = gather(ws, home)
    assert [(i.record_ref, i.overdue, i.area) for i in figures.oversight] == [
        ("V-000", True, "visits"), ("IA-001", True, "inspections"), ("Nov 2026", False, "visits"),
        ("V-001", False, "visits"), ("REC-001", False, "visits")]
    assert figures.adequate_home == ""
