"""The window follows the signed-in account's role (SPEC 8): the areas, homes and actions shown, and a calm refusal
when a forbidden action is reached anyway."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox

from inspect_app.domain.records import Home, Measure
from inspect_app.domain.roles import Account, NotPermitted, Role
from inspect_app.domain.vocabulary import MeasureKind, Position
from inspect_app.services import accounts, measures, registers
from inspect_app.services.measure_list import record_context
from inspect_app.services.workspace import Credentials, Workspace
from inspect_app.ui.main_window import MainWindow
from inspect_app.ui.measures.form import MeasureForm
from inspect_app.ui.measures.signoff import SignOffDialog

GOOD = "a good password 1"
MEASURES = "Restraint and other measures (reg 35)"


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=timezone.utc)


@pytest.fixture
def sign_in_as(ws, clock):
    """`sign_in_as(username, full name, role, homes, staff)`: that account added by the tester, then signed in."""
    opened: list[Workspace] = []

    def make(username: str, full_name: str, role: Role, homes, staff=None) -> Workspace:
        accounts.add_account(ws, Account(username, full_name, role, home_ids=frozenset(h.id for h in homes),
                                         staff_id=staff.id if staff else None), GOOD)
        opened.append(Workspace.open(ws.db.path, Credentials(username, GOOD), clock=clock))
        return opened[-1]

    yield make
    for other in opened:
        other.close()


@pytest.fixture
def restraint(ws, home, amy, sam, kim, clock) -> Measure:
    """Recorded by the tester at 10:00 with Kim taking part; now is 12:00 and it awaits sign-off."""
    clock.set(utc(2026, 11, 22, 10, 0))
    m = measures.record_measure(ws, Measure(
        home_id=home.id, ref="", child_id=amy.id, kind=MeasureKind.RESTRAINT, started_at=utc(2026, 11, 22, 9, 0),
        recorded_at=utc(2026, 11, 22, 9, 0), duration_minutes=5, location="Lounge", behaviour="Kicking doors",
        avoidance_steps="Talked it through", description="Standing hold", position=Position.STANDING,
        holds=("Single elbow",), used_by=(kim.id,), effectiveness="Settled", injury=False))
    clock.set(utc(2026, 11, 22, 12, 0))
    return m


def window_for(qtbot, tmp_path, workspace: Workspace) -> MainWindow:
    w = MainWindow(workspace, settings=QSettings(str(tmp_path / f"{workspace.actor}.ini"), QSettings.IniFormat))
    qtbot.addWidget(w)
    return w


def nav_titles(w: MainWindow) -> list[str]:
    return [w.nav_model.index(r).data() for r in range(w.nav_model.rowCount())]


def refusals(widget) -> list[str]:
    return [box.text() for box in widget.findChildren(QMessageBox) if box.isVisible()]


def test_care_staff_have_no_dashboard_and_land_on_their_records(qtbot, tmp_path, home, kim, sign_in_as):
    w = window_for(qtbot, tmp_path, sign_in_as("kim", "Kim Patel", Role.CARE_STAFF, [home], kim))
    assert nav_titles(w) == [MEASURES]
    assert w.current_key() == "measures"
    assert w.signed_in.text() == "Signed in as Kim Patel (care staff)"
    assert "dashboard" not in w.pages


def test_care_staff_cannot_sign_off_and_are_told_why_if_they_try(qtbot, tmp_path, home, kim, restraint, sign_in_as):
    care = sign_in_as("kim", "Kim Patel", Role.CARE_STAFF, [home], kim)
    w = window_for(qtbot, tmp_path, care)
    page = w.page("measures")
    with qtbot.waitSignal(page.loaded):
        w.show()
    assert page.select_measure(restraint.id)  # Kim took part, so Kim reads it
    assert page.open_button.isEnabled() and page.new_button.isEnabled()
    assert not page.sign_button.isEnabled() and not page.child_button.isEnabled()
    why = "A care staff account cannot sign off records of measures. Ask a manager if this needs doing."
    assert page.sign_button.toolTip() == why
    assert "the records you wrote or took part in" in page.summary.text()

    assert page.sign_off_selected() is None  # the path reached anyway (a shortcut, a script)
    assert refusals(page) == [why]
    assert not care.measures.get(restraint.id).locked

    form = page.open_measure(restraint.id)
    assert form.sign_button.isVisible() and not form.sign_button.isEnabled()
    assert form.open_sign_off() is None
    assert why in form.general.text()


def test_the_service_refusal_reached_in_a_dialog_is_shown_calmly(qtbot, home, sam, kim, restraint, sign_in_as):
    """A senior signs only as themself (services/measures.py); the dialog shows the refusal, not a crash."""
    senior = sign_in_as("sam", "Sam Jones", Role.SENIOR, [home], sam)
    dialog = SignOffDialog(senior, record_context(senior, home, restraint.id))
    qtbot.addWidget(dialog)
    dialog.open()
    dialog.signer.setCurrentIndex(dialog.signer.findData(kim.id))
    dialog.action.click()
    assert "A senior can sign off records only as themself" in dialog.general.text()
    assert dialog.isVisible() and not senior.measures.get(restraint.id).locked


def test_menus_say_why_an_action_is_not_open_to_care_staff(qtbot, tmp_path, home, kim, sign_in_as, monkeypatch):
    w = window_for(qtbot, tmp_path, sign_in_as("kim", "Kim Patel", Role.CARE_STAFF, [home], kim))
    for action in (w.home_details_action, w.backup_action, w.restore_action):
        assert not action.isEnabled()
        assert action.toolTip().startswith("A care staff account cannot ")
    assert w.check_action.isEnabled()  # anyone may check the records
    monkeypatch.setattr("inspect_app.ui.main_window.QFileDialog.getSaveFileName",
                        lambda *a, **k: pytest.fail("no file dialog for an account that may not back up"))
    w.back_up()
    assert w.edit_home_details() is None and w.restore_from_backup() is None
    assert len(refusals(w)) == 3


def test_an_area_not_open_to_the_role_is_refused_calmly(qtbot, tmp_path, home, kim, sign_in_as):
    w = window_for(qtbot, tmp_path, sign_in_as("kim", "Kim Patel", Role.CARE_STAFF, [home], kim))
    assert w.show_area("dashboard") is None
    assert refusals(w) == ["Dashboard is not open to a care staff account. Ask a manager if you need it."]
    assert w.current_key() == "measures"
    with pytest.raises(NotPermitted):
        w.page("accounts")


def test_the_home_chooser_lists_only_the_homes_of_the_account(qtbot, tmp_path, ws, home, sign_in_as):
    elm = registers.create_home(ws, Home(urn="SC654321", name="Elm Lodge"))
    everyone = window_for(qtbot, tmp_path, ws)
    assert [everyone.home_chooser.itemText(i) for i in range(everyone.home_chooser.count())] == [
        "Elm Lodge (SC654321)", "Oak House (SC123456)"]

    elm_only = window_for(qtbot, tmp_path, sign_in_as("em", "Em Day", Role.MANAGER, [elm]))
    assert elm_only.home_chooser is None  # one home to open: nothing to choose
    assert elm_only.home.id == elm.id and elm_only.home_name.text() == "Elm Lodge"


def test_an_account_with_no_home_is_told_why_no_window_opens(ws, home, sign_in_as):
    viewer = sign_in_as("vi", "Vi Ewer", Role.PROVIDER_VIEWER, [])
    with pytest.raises(NotPermitted, match="no access to any home"):
        MainWindow(viewer)


def test_a_senior_reads_the_registers_but_cannot_change_them(qtbot, tmp_path, home, amy, sam, sign_in_as):
    w = window_for(qtbot, tmp_path, sign_in_as("sam", "Sam Jones", Role.SENIOR, [home], sam))
    assert nav_titles(w)[:4] == ["Dashboard", MEASURES, "Children", "Staff"]
    assert "Evidence pack" not in nav_titles(w) and "Accounts" not in nav_titles(w)
    children = w.show_area("children")
    assert children.model.rowCount() == 1
    assert not children.add_button.isEnabled()
    assert children.add_button.toolTip() == ("A senior account cannot change the home, its children and staff. "
                                             "Ask a manager if this needs doing.")
    assert children.add() is None and children.editor is None
    assert len(refusals(children)) == 1


def test_a_provider_viewer_reads_records_but_cannot_write(qtbot, tmp_path, home, restraint, sign_in_as):
    viewer = sign_in_as("vi", "Vi Ewer", Role.PROVIDER_VIEWER, [home])
    w = window_for(qtbot, tmp_path, viewer)
    page = w.page("measures")
    with qtbot.waitSignal(page.loaded):
        w.show()
        w.show_area("measures")
    assert not page.new_button.isEnabled()
    assert page.new_record() is None
    form = page.open_measure(restraint.id)
    assert isinstance(form, MeasureForm) and form.read_only
    assert not form.save_button.isVisible() and form.close_button.text() == "Close"


def test_managers_get_the_accounts_area(qtbot, tmp_path, home, sign_in_as):
    w = window_for(qtbot, tmp_path, sign_in_as("pat", "Pat Moss", Role.MANAGER, [home]))
    assert nav_titles(w)[-2:] == ["Evidence pack", "Accounts"]
    assert w.signed_in.text() == "Signed in as Pat Moss (manager)"
    assert w.backup_action.isEnabled() and w.restore_action.isEnabled() and w.home_details_action.isEnabled()
