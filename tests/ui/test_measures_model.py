"""The reg 35 list's model and filter proxy without widgets: display values, status, sorting, filtering, speed."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt

from inspect_app.domain.records import Child, Measure, Staff
from inspect_app.domain.vocabulary import MeasureKind, Position, StaffRole
from inspect_app.services.measure_list import COLUMNS, StatusFilter, build_rows, counts
from inspect_app.ui.measures.model import MEASURE_ID_ROLE, Filters, MeasuresFilter, MeasuresModel

UTC = timezone.utc
NOW = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)  # a Sunday; November, so UK time is UTC
COL = {name: i for i, name in enumerate(COLUMNS)}

CHILDREN = {
    1: Child(1, "C-01", "Ava", "Brown", date(2025, 6, 1), id=1),  # A.B.
    2: Child(1, "C-02", "Amy", "Cole", date(2025, 6, 1), id=2),  # A.C.: after A.B. by initials, first by name
}
STAFF = {
    10: Staff(1, "S-01", "Sam Jones", StaffRole.SENIOR, authorised_signoff=True, id=10),
    11: Staff(1, "S-02", "Kim Patel", StaffRole.CARE_WORKER, id=11),
}


def measure(n: int, started: datetime, **changes) -> Measure:
    values = dict(home_id=1, ref=f"R-{n}", child_id=1, kind=MeasureKind.RESTRAINT, started_at=started,
                  recorded_at=started + timedelta(hours=1), duration_minutes=10, location="Lounge",
                  position=Position.STANDING, holds=("Single elbow",), used_by=(10,), injury=False, id=n)
    values.update(changes)
    return Measure(**values)


def signed(started: datetime, by: int = 10, child: bool = False) -> dict:
    done = dict(signed_at=started + timedelta(hours=20), signed_by=by, user_spoken_to_at=started + timedelta(hours=19))
    if child:
        done.update(child_spoken_to_at=started + timedelta(days=2), child_spoken_to_by=by, child_views="Felt scared")
    return done


def make(measures: list[Measure]):
    model = MeasuresModel()
    proxy = MeasuresFilter()
    proxy.setSourceModel(model)
    model.set_rows(build_rows(measures, CHILDREN, STAFF, NOW))
    return model, proxy


def cell(proxy, row: int, col: int, role=Qt.ItemDataRole.DisplayRole):
    """The model's own data() for a row of the proxy. Not index.data(): in PySide6 6.12 on Python 3.11
    every empty value index.data() hands back drops a reference to None, and enough of them crash."""
    return proxy.sourceModel().data(proxy.mapToSource(proxy.index(row, col)), role)


def column(proxy, name: str, role=Qt.ItemDataRole.DisplayRole) -> list:
    return [cell(proxy, r, COL[name], role) for r in range(proxy.rowCount())]


def refs(proxy) -> list[str]:
    return column(proxy, "Ref")


@pytest.fixture
def workflow(qapp):
    """One record in each state of the reg 35(3) workflow, as at Sunday 22/11/2026 12:00."""
    sat, thu, fri = (datetime(2026, 11, d, 9, 0, tzinfo=UTC) for d in (21, 19, 20))
    return make([
        measure(1, sat),  # sign-off due Monday 09:00
        measure(2, thu),  # sign-off missed (Saturday 09:00)
        measure(3, fri, **signed(fri)),  # signed; child due Wednesday 09:00
        measure(4, thu, **signed(thu, child=True)),  # complete, on time
        measure(5, thu, **signed(thu, by=11, child=True)),  # signed by someone not authorised
        measure(6, thu, planned_in_ehcp=True),  # reg 35(4): no deadlines
        measure(7, datetime(2026, 11, 20, 13, 0, tzinfo=UTC)),  # sign-off due today 13:00
    ])


def status_of(proxy, ref: str) -> str:
    return column(proxy, "Status")[refs(proxy).index(ref)]


def test_status_says_where_each_record_stands(workflow):
    _model, proxy = workflow
    assert status_of(proxy, "R-1") == "Sign-off due Mon 09:00"
    assert status_of(proxy, "R-2") == "Sign-off late"
    assert status_of(proxy, "R-3") == "Signed — child due Wed 09:00"
    assert status_of(proxy, "R-4") == "Child spoken to"
    assert status_of(proxy, "R-5") == "Signed by someone not authorised"
    assert status_of(proxy, "R-6") == "Planned (EHC plan)"
    assert status_of(proxy, "R-7") == "Sign-off due today 13:00"


def test_status_tooltip_gives_each_deadline(workflow):
    _model, proxy = workflow
    row = refs(proxy).index("R-2")
    tip = cell(proxy, row, COL["Status"], Qt.ItemDataRole.ToolTipRole)
    assert "Sign-off (48 hours): not done, late (deadline 21/11/2026 09:00)" in tip


def test_display_values_are_british_local_and_flag_prone(qapp):
    summer = datetime(2026, 7, 1, 8, 30, tzinfo=UTC)  # 09:30 BST
    _model, proxy = make([
        measure(1, summer, position=Position.GROUND_PRONE, duration_minutes=None, injury=None, used_by=(10, 11)),
        measure(2, summer, kind=MeasureKind.SANCTION, position=None, holds=(), injury=True,
                injury_details="graze"),
    ])
    proxy.sort(COL["Ref"], Qt.SortOrder.AscendingOrder)
    assert column(proxy, "Started") == ["01/07/2026 09:30", "01/07/2026 09:30"]
    assert column(proxy, "Position") == ["Ground (prone) ⚠", ""]
    assert "highest-risk" in cell(proxy, 0, COL["Position"], Qt.ItemDataRole.ToolTipRole)
    assert column(proxy, "Duration") == ["", "10 min"]
    assert column(proxy, "Injury") == ["Not stated", "Yes"]
    assert column(proxy, "Measure") == ["Physical restraint", "Sanction"]
    assert column(proxy, "Staff") == ["Sam Jones, Kim Patel", "Sam Jones"]
    assert column(proxy, "Child") == ["A.B.", "A.B."]
    assert column(proxy, "Ref", MEASURE_ID_ROLE) == [1, 2]


def test_sorts_on_raw_values_not_display_strings(qapp):
    day = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)
    _model, proxy = make([
        measure(10, day, duration_minutes=100),
        measure(9, day + timedelta(hours=1), duration_minutes=9),
        measure(100, day + timedelta(hours=2), duration_minutes=None),
        measure(11, day + timedelta(hours=3), duration_minutes=10),
    ])
    proxy.sort(COL["Ref"], Qt.SortOrder.AscendingOrder)
    assert refs(proxy) == ["R-9", "R-10", "R-11", "R-100"]  # as text, R-100 would come before R-11
    proxy.sort(COL["Duration"], Qt.SortOrder.AscendingOrder)
    assert column(proxy, "Duration") == ["", "9 min", "10 min", "100 min"]
    proxy.sort(COL["Started"], Qt.SortOrder.DescendingOrder)
    assert refs(proxy) == ["R-11", "R-100", "R-9", "R-10"]


def test_status_sort_puts_late_first(workflow):
    _model, proxy = workflow
    proxy.sort(COL["Status"], Qt.SortOrder.AscendingOrder)
    # late first, then what is due soonest, then done (late steps first), then exempt
    assert refs(proxy) == ["R-2", "R-7", "R-1", "R-3", "R-5", "R-4", "R-6"]


def test_full_names_toggle_changes_what_is_shown_and_sorted(qapp):
    day = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)
    model, proxy = make([measure(1, day, child_id=1), measure(2, day, child_id=2)])
    proxy.sort(COL["Child"], Qt.SortOrder.AscendingOrder)
    assert column(proxy, "Child") == ["A.B.", "A.C."]  # Ava Brown, then Amy Cole
    model.set_full_names(True)
    assert column(proxy, "Child") == ["Amy Cole", "Ava Brown"]  # re-sorted on the names now shown
    model.set_full_names(False)
    assert column(proxy, "Child") == ["A.B.", "A.C."]


def test_filters_text_child_kind_status_and_dates(workflow):
    model, proxy = workflow
    assert proxy.rowCount() == 7
    proxy.set_filters(Filters(text="r-2"))
    assert refs(proxy) == ["R-2"]
    proxy.set_filters(Filters(text="ava lounge"))  # every word must match: child's name and the location
    assert proxy.rowCount() == 7
    proxy.set_filters(Filters(text="garden"))
    assert proxy.rowCount() == 0
    proxy.set_filters(Filters(status=StatusFilter.OPEN))
    assert sorted(refs(proxy)) == ["R-1", "R-2", "R-3", "R-7"]
    proxy.set_filters(Filters(status=StatusFilter.LATE))
    assert sorted(refs(proxy)) == ["R-2", "R-5"]
    proxy.set_filters(Filters(status=StatusFilter.COMPLETE))
    assert sorted(refs(proxy)) == ["R-4", "R-5", "R-6"]
    proxy.set_filters(Filters(date_from=date(2026, 11, 20), date_to=date(2026, 11, 20)))
    assert sorted(refs(proxy)) == ["R-3", "R-7"]
    proxy.set_filters(Filters(kind=MeasureKind.SANCTION))
    assert proxy.rowCount() == 0
    proxy.set_filters(Filters(child_id=2))
    assert proxy.rowCount() == 0
    proxy.set_filters(Filters())
    assert proxy.rowCount() == 7
    assert counts(model.rows()) == {StatusFilter.OPEN: 4, StatusFilter.LATE: 2, StatusFilter.COMPLETE: 3}


def test_date_filter_uses_the_uk_date(qapp):
    late_evening = datetime(2026, 6, 30, 23, 30, tzinfo=UTC)  # 00:30 on 1 July in UK summer time
    _model, proxy = make([measure(1, late_evening)])
    proxy.set_filters(Filters(date_from=date(2026, 7, 1)))
    assert refs(proxy) == ["R-1"]
    proxy.set_filters(Filters(date_to=date(2026, 6, 30)))
    assert refs(proxy) == []


def test_selection_stays_on_the_same_record_when_sorted(workflow):
    _model, proxy = workflow
    selection = QItemSelectionModel(proxy)
    proxy.sort(COL["Ref"], Qt.SortOrder.AscendingOrder)
    row = refs(proxy).index("R-3")
    selection.select(proxy.index(row, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
                     | QItemSelectionModel.SelectionFlag.Rows)
    proxy.sort(COL["Ref"], Qt.SortOrder.DescendingOrder)
    chosen = selection.selectedRows()
    assert [cell(proxy, i.row(), 0) for i in chosen] == ["R-3"]
    assert chosen[0].row() != row
