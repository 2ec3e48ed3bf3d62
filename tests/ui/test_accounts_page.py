"""The accounts page (SPEC 8): add an account that can then sign in, change it, set a new password, deactivate it,
what a manager may not do, and the database's settings."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from inspect_app.domain.records import Home
from inspect_app.domain.roles import Account, Role
from inspect_app.services import accounts, registers, settings
from inspect_app.services.workspace import Credentials, Workspace
from inspect_app.storage.keyslots import WrongPassword
from inspect_app.ui.accounts.dialogs import AccountDialog
from inspect_app.ui.accounts.page import AccountsPage

GOOD = "a good password 1"


@pytest.fixture(autouse=True)
def _never_block(monkeypatch):
    monkeypatch.setattr(QMessageBox, "question", lambda *_a, **_k: QMessageBox.StandardButton.Discard)


@pytest.fixture
def kim_account(ws, home, kim) -> Account:
    return accounts.add_account(ws, Account("kim", "Kim Patel", Role.CARE_STAFF, home_ids=frozenset({home.id}),
                                            staff_id=kim.id), GOOD)


def make_page(qtbot, workspace, home) -> AccountsPage:
    page = AccountsPage(workspace, home)
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.show()
    return page


def column(page: AccountsPage, title: str) -> list[str]:
    c = [page.model.headerData(i, Qt.Orientation.Horizontal) for i in range(page.model.columnCount())].index(title)
    return [page.proxy.index(r, c).data() for r in range(page.proxy.rowCount())]


def select(page: AccountsPage, username: str) -> None:
    page.table.selectRow(column(page, "User name").index(username))


def roles_offered(dialog: AccountDialog) -> list[str]:
    return [dialog.role.itemText(i) for i in range(dialog.role.count())]


def test_the_list_shows_each_account_in_words(qtbot, ws, home, kim_account):
    page = make_page(qtbot, ws, home)
    assert column(page, "User name") == ["kim", "tester (you)"]
    assert column(page, "Role") == ["Care staff", "Responsible individual"]
    assert column(page, "Homes") == ["Oak House", "Oak House"]
    assert column(page, "Staff register entry") == ["Kim Patel (S-02)", "Not linked"]
    assert column(page, "Status") == ["Active", "Active"]


def test_an_account_added_here_can_sign_in(qtbot, ws, home, kim, clock):
    page = make_page(qtbot, ws, home)
    dialog = page.add_account()
    qtbot.keyClicks(dialog.username, "Kim")
    qtbot.keyClicks(dialog.full_name, "Kim Patel")
    assert dialog.role.currentText() == "Care staff"
    assert dialog.home_boxes[home.id].isChecked()  # the only home, ticked already
    dialog.staff.setCurrentIndex(dialog.staff.findData(kim.id))
    qtbot.keyClicks(dialog.password, GOOD)
    qtbot.keyClicks(dialog.password_again, GOOD)
    dialog.action.click()
    assert not dialog.isVisible()
    assert page.status.text() == "Saved: Kim Patel (kim)."
    assert page.selected().username == "kim"

    signed_in = Workspace.open(ws.db.path, Credentials("kim", GOOD), clock=clock)
    try:
        assert signed_in.account.role is Role.CARE_STAFF and signed_in.account.staff_id == kim.id
        assert signed_in.account.home_ids == {home.id}
    finally:
        signed_in.close()


def test_problems_are_shown_next_to_the_fields_and_nothing_is_added(qtbot, ws, home):
    page = make_page(qtbot, ws, home)
    dialog = page.add_account()
    qtbot.keyClicks(dialog.username, "tester")
    dialog.home_boxes[home.id].setChecked(False)
    qtbot.keyClicks(dialog.password, "short")
    qtbot.keyClicks(dialog.password_again, "shorter")
    dialog.action.click()
    p = dialog.problems
    assert p.text_of("username") == "There is already an account with this user name."
    assert p.text_of("full_name") == "Enter the person's full name."
    assert p.text_of("homes") == "Choose the home this person works in."
    assert p.text_of("password").startswith("A password needs at least 10 characters")
    assert p.text_of("password_again") == "The two passwords are not the same: type the same password in both."
    assert dialog.isVisible() and len(ws.accounts.all()) == 1


def test_the_staff_entries_offered_follow_the_homes_ticked(qtbot, ws, home, kim):
    elm = registers.create_home(ws, Home(urn="SC654321", name="Elm Lodge"))
    page = make_page(qtbot, ws, home)
    dialog = page.add_account()
    assert not any(c.isChecked() for c in dialog.home_boxes.values())  # two homes: the manager chooses
    assert [dialog.staff.itemText(i) for i in range(dialog.staff.count())] == ["Not on the staff register"]
    dialog.home_boxes[home.id].setChecked(True)
    assert dialog.staff.itemText(1) == "Kim Patel (Care worker)"
    dialog.home_boxes[elm.id].setChecked(True)
    assert dialog.staff.itemText(1) == "Kim Patel (Care worker) — Oak House"


def test_a_manager_cannot_appoint_a_responsible_individual(qtbot, ws, home, clock):
    accounts.add_account(ws, Account("pat", "Pat Moss", Role.MANAGER, home_ids=frozenset({home.id})), GOOD)
    manager = Workspace.open(ws.db.path, Credentials("pat", GOOD), clock=clock)
    try:
        page = make_page(qtbot, manager, home)
        dialog = page.add_account()
        assert roles_offered(dialog) == ["Care staff", "Senior", "Manager"]
        dialog.done(0)
        select(page, "tester")  # the responsible individual: a manager cannot change that account
        for button in (page.change_button, page.password_button, page.deactivate_button):
            assert not button.isEnabled()
            assert button.toolTip() == "A manager account cannot change a responsible individual's account."
        assert page.change_selected() is None
        assert [b.text() for b in page.findChildren(QMessageBox) if b.isVisible()] == [
            "A manager account cannot change a responsible individual's account."]
    finally:
        manager.close()


def test_a_manager_sees_only_the_accounts_of_their_homes(qtbot, ws, home, clock):
    elm = registers.create_home(ws, Home(urn="SC654321", name="Elm Lodge"))
    accounts.add_account(ws, Account("pat", "Pat Moss", Role.MANAGER, home_ids=frozenset({home.id})), GOOD)
    accounts.add_account(ws, Account("em", "Em Day", Role.CARE_STAFF, home_ids=frozenset({elm.id})), GOOD)
    manager = Workspace.open(ws.db.path, Credentials("pat", GOOD), clock=clock)
    try:
        page = make_page(qtbot, manager, home)
        assert column(page, "User name") == ["pat (you)", "tester"]
        assert column(page, "Homes") == ["Oak House", "Oak House, 1 other home"]
    finally:
        manager.close()


def test_deactivating_takes_the_persons_access_away(qtbot, ws, home, kim_account, clock):
    page = make_page(qtbot, ws, home)
    select(page, "kim")
    dialog = page.deactivate_selected()
    assert "will no longer be able to sign in" in dialog.intro.text()
    assert "The records they wrote keep their name" in dialog.intro.text()
    dialog.action.click()
    assert dialog.problems.text_of("reason").startswith("Say why the account is deactivated")
    qtbot.keyClicks(dialog.reason, "left on 30/11/2026")
    dialog.action.click()
    assert not dialog.isVisible()
    assert page.status.text() == "Deactivated: Kim Patel (kim)."
    assert column(page, "Status") == ["Active", "Deactivated"]  # the active first, as the service lists them
    select(page, "kim")
    assert not page.change_button.isEnabled() and not page.deactivate_button.isEnabled()
    with pytest.raises(WrongPassword):
        Workspace.open(ws.db.path, Credentials("kim", GOOD), clock=clock)


def test_your_own_account_cannot_be_deactivated_or_given_a_password_here(qtbot, ws, home):
    page = make_page(qtbot, ws, home)
    select(page, "tester (you)")
    assert page.change_button.isEnabled()
    assert not page.deactivate_button.isEnabled()
    assert page.deactivate_button.toolTip() == "You cannot deactivate your own account; ask another manager."
    assert not page.password_button.isEnabled()
    dialog = page.change_selected()
    assert not dialog.role.isEnabled() and dialog.username.isReadOnly()


def test_changing_an_account_keeps_its_user_name_and_password(qtbot, ws, home, kim_account, sam, clock):
    page = make_page(qtbot, ws, home)
    select(page, "kim")
    dialog = page.change_selected()
    dialog.role.setCurrentIndex(dialog.role.findData(Role.SENIOR.value))
    assert dialog.role_hint.text().startswith("May ") and "sign off records of measures" in dialog.role_hint.text()
    dialog.staff.setCurrentIndex(dialog.staff.findData(sam.id))
    dialog.action.click()
    assert not dialog.isVisible()
    assert column(page, "Role") == ["Senior", "Responsible individual"]
    changed = ws.accounts.by_username("kim")
    assert changed.role is Role.SENIOR and changed.staff_id == sam.id
    Workspace.open(ws.db.path, Credentials("kim", GOOD), clock=clock).close()


def test_a_new_password_set_by_a_manager_opens_the_records(qtbot, ws, home, kim_account, clock):
    page = make_page(qtbot, ws, home)
    select(page, "kim")
    dialog = page.set_password_selected()
    qtbot.keyClicks(dialog.password, "another good one")
    qtbot.keyClicks(dialog.password_again, "another good 1")
    dialog.action.click()
    assert dialog.problems.text_of("password_again").startswith("The two passwords are not the same")
    dialog.password_again.clear()
    qtbot.keyClicks(dialog.password_again, "another good one")
    dialog.action.click()
    assert not dialog.isVisible()
    assert page.status.text() == "A new password was set for: Kim Patel (kim)."
    Workspace.open(ws.db.path, Credentials("kim", "another good one"), clock=clock).close()
    with pytest.raises(WrongPassword):
        Workspace.open(ws.db.path, Credentials("kim", GOOD), clock=clock)


def test_the_settings_are_saved_and_the_window_told(qtbot, ws, home):
    page = make_page(qtbot, ws, home)
    box = page.settings_box
    idle = box.boxes[settings.IDLE_LOCK_MINUTES.key]
    assert idle.value() == 10 and idle.suffix() == " minutes"
    assert (idle.minimum(), idle.maximum()) == (1, 240)
    idle.setValue(5)
    with qtbot.waitSignal(page.settings_changed):
        box.save_button.click()
    assert box.status.text() == "Saved."
    assert settings.value(ws, settings.IDLE_LOCK_MINUTES) == 5
    box.save_button.click()
    assert box.status.text() == "Nothing was changed."
