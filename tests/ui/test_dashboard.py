"""The dashboard: what is overdue and due, in words and with the regulation, the figures, and opening a record."""

from __future__ import annotations

from datetime import date, datetime, timezone

import pytest
from PySide6.QtCore import Qt

from inspect_app.domain.records import Child, Measure
from inspect_app.domain.vocabulary import MeasureKind, Position
from inspect_app.services import measures, registers
from inspect_app.services.dashboard import gather
from inspect_app.ui.dashboard import NOTHING_DUE, DashboardPage
from inspect_app.ui.dashboard_models import ActionsModel


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=timezone.utc)


def record_restraint(ws, home, child, staff, started_at: datetime, ref: str) -> Measure:
    return measures.record_measure(ws, Measure(
        home_id=home.id, ref=ref, child_id=child.id, kind=MeasureKind.RESTRAINT, started_at=started_at,
        recorded_at=started_at, duration_minutes=4, location="Lounge", behaviour="Hitting out at a peer",
        avoidance_steps="Talked calmly, offered space", description="Two-person standing hold",
        position=Position.STANDING, holds=("Single elbow",), used_by=(staff.id,),
        effectiveness="Calmed within minutes", injury=False))


@pytest.fixture
def two_measures(ws, home, amy, sam, clock):
    """R-0001 started 3 days ago (sign-off overdue); R-0002 this morning (sign-off due by Tuesday)."""
    clock.set(utc(2026, 11, 19, 10, 0))
    late = record_restraint(ws, home, amy, sam, utc(2026, 11, 19, 9, 0), "R-0001")
    clock.set(utc(2026, 11, 22, 12, 0))
    fresh = record_restraint(ws, home, amy, sam, utc(2026, 11, 22, 8, 0), "R-0002")
    return late, fresh


def make_page(qtbot, ws, home) -> DashboardPage:
    page = DashboardPage(ws, home)
    qtbot.addWidget(page)
    page.resize(1000, 700)
    page.show()
    return page


def rows(page) -> list[tuple[str, ...]]:
    model = page.model
    return [tuple(model.index(r, c).data() for c in range(model.columnCount())) for r in range(model.rowCount())]


def test_nothing_due_is_said_calmly(qtbot, ws, home, amy):
    page = make_page(qtbot, ws, home)
    assert page.nothing_due_shown
    assert page.calm.isVisible() and page.calm.text() == NOTHING_DUE == "Nothing is due. Every record is up to date."
    assert not page.view.isVisible()


def test_overdue_steps_come_first_and_say_so_with_the_regulation(qtbot, ws, home, two_measures):
    page = make_page(qtbot, ws, home)
    shown = rows(page)
    assert shown[0] == ("Overdue", "A.B.: speak to the staff involved in Thursday's restraint (R-0001) and sign "
                                   "the record off: this was due by yesterday 09:00.", "reg 35(3)(b)", "R-0001")
    # then what is due, soonest first: 48 hours for R-0002, 5 days for R-0001, 5 days for R-0002
    assert [(r[0], r[2], r[3]) for r in shown[1:]] == [
        ("Due", "reg 35(3)(b)", "R-0002"), ("Due", "reg 35(3)(c)", "R-0001"), ("Due", "reg 35(3)(c)", "R-0002")]
    assert ("Due", "A.B.: speak to the staff involved in today's restraint (R-0002) and sign the record off "
                   "by Tuesday 08:00.", "reg 35(3)(b)", "R-0002") in shown
    assert page.view.isVisible() and not page.calm.isVisible()


def test_figures_come_from_the_records(qtbot, ws, home, amy, two_measures):
    registers.save_child(ws, Child(home_id=home.id, ref="C-02", first_name="Ben", last_name="Cole",
                                   admitted_on=date(2024, 2, 1), left_on=date(2025, 1, 10)))
    page = make_page(qtbot, ws, home)
    now_values = [box.value.text() for box in page.now_boxes.boxes]
    assert now_values == ["1", "2", "2", "1"]  # resident, restraints in 28 days, awaiting sign-off, overdue
    assert page.annex_title.text() == "Annex A figures since 01/02/2024 (the first admission on record)"
    annex = [box.value.text() for box in page.annex_boxes.boxes]
    assert annex == ["2", "1", "1", "2", "1"]  # admitted, left, resident, restraint incidents, children


def test_signing_off_and_refreshing_removes_the_step(qtbot, ws, home, sam, two_measures, clock):
    late, _fresh = two_measures
    page = make_page(qtbot, ws, home)
    before = len(rows(page))
    measures.sign_off(ws, late.id, sam.id, utc(2026, 11, 22, 11, 0))
    page.refresh()
    assert len(rows(page)) == before - 1
    assert all(not (r[3] == "R-0001" and r[2] == "reg 35(3)(b)") for r in rows(page))


def test_time_passing_turns_due_into_overdue(qtbot, ws, home, two_measures, clock):
    page = make_page(qtbot, ws, home)
    assert ("Due", "reg 35(3)(b)", "R-0002") in [(r[0], r[2], r[3]) for r in rows(page)]
    clock.set(utc(2026, 11, 24, 9, 0))  # past R-0002's 48 hours
    page.refresh()
    assert ("Overdue", "reg 35(3)(b)", "R-0002") in [(r[0], r[2], r[3]) for r in rows(page)]


def test_enter_opens_the_selected_record(qtbot, ws, home, two_measures):
    late, _fresh = two_measures
    page = make_page(qtbot, ws, home)
    page.view.setFocus()
    assert page.view.currentIndex().row() == 0
    with qtbot.waitSignal(page.measure_chosen) as chosen:
        qtbot.keyClick(page.view, Qt.Key_Return)
    assert chosen.args == [late.id]


def test_double_click_opens_the_record(qtbot, ws, home, two_measures):
    page = make_page(qtbot, ws, home)
    last = page.model.rowCount() - 1
    wanted = page.model.action(last).measure_id
    centre = page.view.visualRect(page.model.index(last, 1)).center()
    with qtbot.waitSignal(page.measure_chosen) as chosen:
        qtbot.mouseClick(page.view.viewport(), Qt.LeftButton, pos=centre)
        qtbot.mouseDClick(page.view.viewport(), Qt.LeftButton, pos=centre)
    assert chosen.args == [wanted]


def test_gather_without_widgets(ws, home, amy, two_measures):
    todo, figures = gather(ws, home)
    assert [a.overdue for a in todo] == sorted((a.overdue for a in todo), reverse=True)
    assert (figures.resident, figures.recent_restraints, figures.awaiting_signoff) == (1, 2, 2)
    assert figures.annex_since == date(2025, 6, 1)


def test_actions_model_explains_the_rule_in_its_tooltip(ws, home, two_measures):
    todo, _figures = gather(ws, home)
    model = ActionsModel()
    model.set_actions(todo)
    tip = model.index(0, 1).data(Qt.ToolTipRole)
    assert tip.startswith("Signed off within 48 hours (reg 35(3)(b)).")


def test_annex_a_figures_agree_with_the_compliance_service(ws, home, amy, two_measures):
    from inspect_app.domain.local_time import Period
    from inspect_app.services import compliance

    _todo, figures = gather(ws, home)
    period = Period(figures.annex_since, date(2026, 11, 22))
    assert figures.annex == compliance.compute(ws, home, period).annex_a


def test_rows_fit_their_wrapped_sentence_when_shown_and_when_the_page_narrows(qtbot, ws, home, two_measures):
    page = DashboardPage(ws, home)  # built hidden, as the window builds it
    qtbot.addWidget(page)
    page.resize(1000, 700)
    page.show()
    qtbot.waitExposed(page)
    one_line = page.view.rowHeight(0)
    assert one_line >= page.view.fontMetrics().height()
    page.resize(420, 700)  # the sentence column narrows: the sentences wrap onto more lines
    qtbot.waitUntil(lambda: page.view.rowHeight(0) > one_line)
    page.resize(1000, 700)
    qtbot.waitUntil(lambda: page.view.rowHeight(0) == one_line)


def test_annex_a_counts_restraint_only_from_the_short_read_of_the_records(ws, home, amy, sam, two_measures, clock):
    from inspect_app.domain.local_time import Period
    from inspect_app.services import compliance

    measures.record_measure(ws, Measure(
        home_id=home.id, ref="R-0003", child_id=amy.id, kind=MeasureKind.HOLDING, started_at=utc(2026, 11, 22, 9, 0),
        recorded_at=utc(2026, 11, 22, 9, 30), duration_minutes=2, location="Hall", behaviour="Upset at bedtime",
        avoidance_steps="Talked it through", description="Held hands to comfort", used_by=(sam.id,),
        effectiveness="Settled", injury=False))
    _todo, figures = gather(ws, home)
    assert figures.annex.restraint_incidents == ("R-0001", "R-0002")  # the hold is a measure, not a restraint
    period = Period(figures.annex_since, date(2026, 11, 22))
    assert figures.annex == compliance.compute(ws, home, period).annex_a
