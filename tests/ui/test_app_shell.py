"""The window shell: areas and their order, lazy pages that refresh after a change, menus, homes, state, errors."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication

from inspect_app import __version__
from inspect_app.domain.records import Child, Home
from inspect_app.services import registers
from inspect_app.services.workspace import Credentials, Workspace
from inspect_app.storage.driver import is_plain_sqlite
from inspect_app.storage.instance_lock import InstanceLock
from inspect_app.ui import app as app_module
from inspect_app.ui import messages
from inspect_app.ui import session as session_module
from inspect_app.ui import sign_in
from inspect_app.ui.background import Operation
from inspect_app.ui.main_window import AREAS, DEMO_NOTICE, MainWindow, NotBuiltPage, page_factories
from inspect_app.ui.page import Page
from tests.conftest import PASSWORD, TESTER

AREA_TITLES = [
    "Dashboard", "Restraint and other measures (reg 35)", "Children", "Staff", "Independent visits (reg 44)",
    "Inspections and Ofsted", "Rota and key times", "Referrals and placements", "Evidence pack", "Accounts",
]  # the tester is a responsible individual: every area is open to them


class FakeMeasuresPage(Page):
    title = "Restraint and other measures (reg 35)"

    def __init__(self, ws, home, parent=None):
        super().__init__(ws, home, parent)
        self.opened: list[int] = []

    def open_measure(self, measure_id: int) -> None:
        self.opened.append(measure_id)


@pytest.fixture
def settings(tmp_path):
    return QSettings(str(tmp_path / "window.ini"), QSettings.IniFormat)


@pytest.fixture
def window(qtbot, ws, home, settings):
    factories = {**page_factories(), "measures": FakeMeasuresPage}
    w = MainWindow(ws, settings=settings, factories=factories)
    qtbot.addWidget(w)
    w.show()
    return w


def nav_titles(w: MainWindow) -> list[str]:
    return [w.nav_model.index(r).data() for r in range(w.nav_model.rowCount())]


def test_the_window_names_the_home_and_lists_every_area_in_order(window):
    assert window.windowTitle() == f"Oak House (SC123456) — {messages.APP_TITLE}"
    assert window.home_name.text() == "Oak House"
    assert window.home_details.text() == "URN SC123456 · Evergreen Care Ltd · 4 places"
    assert nav_titles(window) == AREA_TITLES == [a.title for a in AREAS]
    assert window.current_key() == "dashboard"
    assert window.home_chooser is None  # one home: nothing to choose


def test_pages_are_built_only_when_first_shown(window):
    assert list(window.pages) == ["dashboard"]
    window.show_area("staff")
    assert list(window.pages) == ["dashboard", "staff"]
    assert window.stack.currentWidget() is window.pages["staff"]


def test_areas_not_built_yet_say_so_and_what_they_will_do(window):
    page = window.show_area("pack")
    assert isinstance(page, NotBuiltPage)
    assert page.isVisible()
    assert messages.NOT_BUILT_YET in page.text.text()
    assert "build the PDF evidence pack" in page.text.text()


def test_ctrl_and_a_number_goes_to_that_area(qtbot, window):
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key_3, Qt.ControlModifier)
    assert window.current_key() == "children"
    qtbot.keyClick(window, Qt.Key_9, Qt.ControlModifier)
    assert window.current_key() == "pack"


def test_go_menu_has_an_entry_and_shortcut_for_every_area(window):
    go = next(m for m in window.menuBar().actions() if m.text() == "&Go").menu()
    areas = [a for a in go.actions() if not a.isSeparator()][:len(AREAS)]
    assert [a.text() for a in areas] == AREA_TITLES
    assert [a.shortcut().toString() for a in areas] == [f"Ctrl+{i}" for i in (*range(1, 10), 0)]


def test_a_change_on_one_page_refreshes_the_others_when_next_shown(ws, home, amy, window):
    dashboard = window.pages["dashboard"]
    assert dashboard.now_boxes.boxes[0].value.text() == "1"
    children = window.show_area("children")
    registers.save_child(ws, Child(home_id=home.id, ref="C-02", first_name="Ben", last_name="Cole",
                                   admitted_on=date(2026, 11, 1)))
    children.records_changed.emit()
    assert dashboard.now_boxes.boxes[0].value.text() == "1"  # not yet: it is not on screen
    window.show_area("dashboard")
    assert dashboard.now_boxes.boxes[0].value.text() == "2"


def test_show_measure_opens_the_record_on_the_measures_page(window):
    window.show_measure(42)
    page = window.pages["measures"]
    assert window.current_key() == "measures" and page.opened == [42]


def test_the_dashboard_opens_records_through_the_window(window):
    window.pages["dashboard"].measure_chosen.emit(7)
    assert window.current_key() == "measures"
    assert window.pages["measures"].opened == [7]


def test_the_real_measures_page_is_used_when_it_is_there(qtbot, ws, home):
    page_module = pytest.importorskip("inspect_app.ui.measures.page")
    w = MainWindow(ws)
    qtbot.addWidget(w)
    assert isinstance(w.show_area("measures"), page_module.MeasuresPage)


def test_several_homes_get_a_chooser_and_switching_rebuilds_the_pages(qtbot, ws, home, amy, settings):
    other = registers.create_home(ws, Home(urn="SC222222", name="Ash Grove"))
    w = MainWindow(ws, home=home, settings=settings)
    qtbot.addWidget(w)
    w.show()
    assert w.home_chooser.isVisible()
    assert [w.home_chooser.itemText(i) for i in range(w.home_chooser.count())] == [
        "Ash Grove (SC222222)", "Oak House (SC123456)"]
    w.show_area("children")
    old_page = w.pages["children"]
    w.home_chooser.setCurrentIndex(w.home_chooser.findData(other.id))
    assert w.windowTitle().startswith("Ash Grove (SC222222)")
    assert w.current_key() == "children"
    assert w.pages["children"] is not old_page and w.pages["children"].home.id == other.id
    assert w.pages["children"].model.rowCount() == 0


def test_window_state_is_kept_between_runs(qtbot, ws, home, settings):
    first = MainWindow(ws, settings=settings)
    qtbot.addWidget(first)
    first.show_area("staff")
    first.close()
    second = MainWindow(ws, settings=settings)
    qtbot.addWidget(second)
    assert second.current_key() == "staff"
    assert list(second.pages) == ["staff"]  # the dashboard is not built when it is not shown


def test_back_up_now_writes_a_copy(window, tmp_path, ws, monkeypatch):
    target = tmp_path / "copies" / "backup.db"
    monkeypatch.setattr(
        "inspect_app.ui.main_window.QFileDialog.getSaveFileName", lambda *a, **k: (str(target), ""))
    window.backup_action.trigger()
    assert target.exists() and target.stat().st_size > 0
    assert window.statusBar().currentMessage() == f"Backed up to {target}"
    copy = Workspace.open(target, TESTER)  # the key file goes with it: today's passwords open it
    try:
        assert [h.urn for h in copy.homes.all()] == ["SC123456"]
    finally:
        copy.close()


def test_a_failed_backup_is_explained(window, ws, monkeypatch):
    said = []
    monkeypatch.setattr("inspect_app.ui.main_window.QMessageBox.warning", lambda *a: said.append(a[1:]))
    assert not window.back_up_to(Path(ws.db.path))
    assert said == [("The backup was not made", "the backup cannot be written over the database itself")]


def test_about_says_the_version_and_where_the_data_lives(window, ws):
    text = window.about_text()
    assert __version__ in text and str(ws.db.path) in text


# starting up ------------------------------------------------------------------------------------------------------

@pytest.fixture
def log_folder(tmp_path):
    folder = tmp_path / "logs"
    yield folder
    root = logging.getLogger()
    for handler in [h for h in root.handlers if getattr(h, "baseFilename", "").startswith(str(folder))]:
        root.removeHandler(handler)
        handler.close()


def test_an_unexpected_error_is_logged_and_shown_calmly_with_details_to_copy(qtbot, log_folder):
    path = app_module.setup_logging(log_folder)
    try:
        raise ValueError("R-0042 could not be drawn")
    except ValueError:
        app_module.handle_exception(*sys.exc_info())
    [dialog] = app_module._open_dialogs
    qtbot.addWidget(dialog)
    assert dialog.isVisible()
    assert dialog.message.text() == messages.GENERIC_ERROR
    assert not dialog.details.isVisible()  # collapsed until asked for
    dialog.toggle.click()
    assert dialog.details.isVisible() and "ValueError: R-0042 could not be drawn" in dialog.details.toPlainText()
    dialog.copy.click()
    assert "Traceback" in app_module.QGuiApplication.clipboard().text()
    dialog.reject()
    assert app_module._open_dialogs == []
    for handler in logging.getLogger().handlers:
        handler.flush()
    assert "ValueError" in path.read_text(encoding="utf-8")


def test_a_refusal_no_screen_caught_is_said_in_its_own_words(qtbot, log_folder):
    from inspect_app.domain.roles import NotPermitted

    path = app_module.setup_logging(log_folder)
    try:
        raise NotPermitted("a care staff account cannot sign off records of measures. Ask a manager")
    except NotPermitted:
        app_module.handle_exception(*sys.exc_info())
    [box] = app_module._open_dialogs
    qtbot.addWidget(box)
    assert box.isVisible() and box.text().startswith("A care staff account cannot sign off")
    box.accept()
    assert app_module._open_dialogs == []
    for handler in logging.getLogger().handlers:
        handler.flush()
    logged = path.read_text(encoding="utf-8")
    assert "NotPermitted" in logged and "Traceback" not in logged and "sign off" not in logged


def test_the_application_uses_the_one_style_sheet(qapp):
    app_module.create_application([])
    assert "QLabel#problem" in qapp.styleSheet()
    assert qapp.applicationName() == messages.APP_TITLE


def test_build_main_window_for_a_workspace(qtbot, ws, home, settings):
    w = app_module.build_main_window(ws, settings)
    qtbot.addWidget(w)
    assert w.home.id == home.id and w.current_key() == "dashboard"


def test_the_days_first_opening_makes_a_backup_and_says_so(qtbot, ws, home, amy):
    from inspect_app.paths import backups_dir
    from inspect_app.ui.app import build_main_window, take_daily_backup

    window = build_main_window(ws)
    qtbot.addWidget(window)
    take_daily_backup(ws, window)
    copies = list(backups_dir(ws.db.path).glob("daily-*.db"))
    assert len(copies) == 1
    assert "backup was made" in window.statusBar().currentMessage()
    take_daily_backup(ws, window)  # the same day again: no second copy
    assert list(backups_dir(ws.db.path).glob("daily-*.db")) == copies


def test_the_window_starts_without_importing_what_it_does_not_show_first():
    """SPEC 10, a fast start: the first run, the other pages and the rotating log are imported when needed; a new
    application gets the Fusion style from Qt's -style option (a subprocess: this one has its QApplication)."""
    code = ("import sys; from inspect_app.ui import app; qt = app.create_application(['x']); "
            "qt.setStyleSheet(''); "  # what is under the style sheet
            "print(qt.style().name(), sorted(m for m in ('inspect_app.ui.first_run', 'inspect_app.ui.registers', "
            "'inspect_app.ui.measures.page', 'logging.handlers') if m in sys.modules))")
    elsewhere = {**os.environ, "QT_STYLE_OVERRIDE": "windows"}  # as on a PC whose default style is not Fusion
    shown = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=elsewhere)
    assert shown.stdout.strip() == "fusion []"


# the demo home, kept apart from the user's records -------------------------------------------------------------------

FILE_MENU = ["&Home details…", "&Back up now…", "Chec&k the records…", "&Restore from a backup…", "&Quit"]


def file_menu_texts(w: MainWindow) -> list[str]:
    menu = next(m for m in w.menuBar().actions() if m.text() == "&File").menu()
    return [a.text() for a in menu.actions() if not a.isSeparator()]


def test_a_demo_window_says_so_in_the_header_the_title_and_the_file_menu(qtbot, ws, home, settings):
    w = MainWindow(ws, settings=settings, demo=True)
    qtbot.addWidget(w)
    w.show()
    assert w.demo_notice.isVisible() and w.demo_notice.text() == DEMO_NOTICE
    assert w.own_home_button.isVisible()
    assert w.focusWidget() is w.navigation  # not the button: a stray Enter must not leave the demo
    assert w.windowTitle() == f"Oak House (SC123456) (demo) — {messages.APP_TITLE}"
    assert file_menu_texts(w) == ["Set up my own home…", *FILE_MENU]
    assert "made-up demo home" in w.about_text()
    with qtbot.waitSignal(w.own_home_requested):
        w.own_home_button.click()
    with qtbot.waitSignal(w.own_home_requested):
        w.own_home_action.trigger()


def test_the_demo_window_with_its_sign_in_line_fits_a_1280_pixel_screen(qtbot, ws, home, settings):
    from inspect_app.ui.lock import IdleLock

    w = MainWindow(ws, settings=settings, demo=True)
    qtbot.addWidget(w)
    session_module.add_account_actions(w, ws, IdleLock(ws, minutes=10), demo=True)
    w.show()
    assert "password made-up-records" in w.demo_notice.text()
    assert w.minimumSizeHint().width() <= 1280


def test_a_window_over_real_records_has_no_demo_notice(window):
    assert window.demo_notice is None and window.own_home_action is None
    assert "(demo)" not in window.windowTitle()
    assert file_menu_texts(window) == FILE_MENU


def demo_generator(ws, *, homes, years, seed, progress, cancelled):
    """Stands in for the real generator (tested in tests/services/test_demo.py): one home with one child."""
    made = registers.create_home(ws, Home(urn="SC999001", name="Demo House"))
    registers.save_child(ws, Child(home_id=made.id, ref="C-01", first_name="Ada", last_name="Demo",
                                   admitted_on=date(2026, 1, 5)))
    return [made]


# starting the window: signing in, first run, the demo kept apart ---------------------------------------------------

@pytest.fixture
def own_path():
    """The user's default database (records.db in the test's user folder)."""
    from inspect_app.paths import default_database_path

    return default_database_path()


@pytest.fixture
def answers(qtbot, monkeypatch):
    """Each start-up dialog is answered by the next `answer(dialog)` in this list instead of waiting for a person."""
    from inspect_app.ui import first_run, protect_dialog

    monkeypatch.setattr(first_run, "demo_generator", lambda: demo_generator)
    queue = []

    def exec_(dialog):
        qtbot.addWidget(dialog)
        dialog.show()
        queue.pop(0)(dialog)
        return dialog.result()

    for dialog_class in (first_run.FirstRunDialog, sign_in.SignInDialog, protect_dialog.ProtectDialog):
        monkeypatch.setattr(dialog_class, "exec", exec_)
    return queue


@pytest.fixture
def session(qtbot, own_path, settings, clock, answers):
    s = session_module.WindowSession(own_path, settings, clock=clock)
    yield s
    Operation.wait_for_all()  # the window's check on open reads the database it closes
    QApplication.processEvents()
    s.close()


def shown(qtbot, s) -> MainWindow:
    qtbot.addWidget(s.window)
    return s.window


JO = Credentials("jo", "three random words")


def set_up_willow_lodge(qtbot, seen=None):
    """The welcome dialog answered: the first account (when it is asked for) and the home."""
    def answer(dialog):
        if seen is not None:
            seen.append(dialog)
        if dialog.account is not None:
            for edit, text in ((dialog.account.username, JO.username), (dialog.account.full_name, "Jo Bloggs"),
                               (dialog.account.password, JO.password), (dialog.account.again, JO.password)):
                qtbot.keyClicks(edit, text)
        qtbot.keyClicks(dialog.urn, "SC654321")
        qtbot.keyClicks(dialog.name, "Willow Lodge")
        with qtbot.waitSignal(dialog.accepted, timeout=5000):
            dialog.create_button.click()
    return answer


def explore_the_demo(qtbot):
    def answer(dialog):
        with qtbot.waitSignal(dialog.accepted, timeout=5000):
            dialog.demo_button.click()
    return answer


def sign_in_as(qtbot, credentials):
    def answer(dialog):
        dialog.username.clear()
        qtbot.keyClicks(dialog.username, credentials.username)
        qtbot.keyClicks(dialog.password, credentials.password)
        with qtbot.waitSignal(dialog.accepted, timeout=5000):
            dialog.sign_in_button.click()
    return answer


def is_locked_elsewhere(path) -> bool:
    from inspect_app.storage.instance_lock import AlreadyOpen

    try:
        InstanceLock(path).acquire().release()
    except AlreadyOpen:
        return True
    return False


def test_the_first_run_makes_the_users_database_with_their_account_and_home(qtbot, session, answers, own_path):
    seen = []
    answers.append(set_up_willow_lodge(qtbot, seen))
    assert session.start()
    w = shown(qtbot, session)
    assert not seen[0].account_box.isHidden() and not seen[0].demo_box.isHidden()
    assert w.ws is session.own and session.own.db.path == own_path and not is_plain_sqlite(own_path)
    assert session.own.actor == "jo" and w.windowTitle() == f"Willow Lodge (SC654321) — {messages.APP_TITLE}"
    assert w.isVisible() and w.demo_notice is None
    assert is_locked_elsewhere(own_path)  # one window per database


def test_signing_in_shows_the_users_records(qtbot, session, answers, own_path, new_workspace, clock):
    made = new_workspace(own_path, clock=clock)
    registers.create_home(made, Home(urn="SC123456", name="Oak House"))
    made.close()
    answers.append(sign_in_as(qtbot, TESTER))
    assert session.start()
    w = shown(qtbot, session)
    assert w.ws is session.own and w.ws.actor == "tester" and w.home.urn == "SC123456"
    assert is_locked_elsewhere(own_path)
    Operation.wait_for_all()
    session.close()
    assert not is_locked_elsewhere(own_path)  # let go when the window closes
    QApplication.processEvents()  # the day's backup, due once the window was up, is not tried on closed records


def test_an_account_without_a_home_yet_is_asked_for_the_home_only(qtbot, session, answers, own_path, new_workspace,
                                                                  clock):
    new_workspace(own_path, clock=clock).close()
    seen = []
    answers.extend([sign_in_as(qtbot, TESTER), set_up_willow_lodge(qtbot, seen)])
    assert session.start()
    assert seen[0].account is None  # the account exists: only the home is asked for
    assert shown(qtbot, session).home.name == "Willow Lodge"


def test_records_from_before_passwords_are_protected_by_the_first_account(qtbot, session, answers, own_path):
    import shutil

    own_path.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(Path(__file__).resolve().parents[1] / "fixtures" / "schema_0001.db", own_path)

    def protect(dialog):
        assert "protected by a password" in dialog.findChild(type(dialog.problems._general)).text()
        for edit, text in ((dialog.account.username, "jo"), (dialog.account.full_name, "Jo Bloggs"),
                           (dialog.account.password, JO.password), (dialog.account.again, JO.password)):
            qtbot.keyClicks(edit, text)
        with qtbot.waitSignal(dialog.accepted, timeout=10000):
            dialog.protect_button.click()

    answers.append(protect)
    assert session.start()
    w = shown(qtbot, session)
    assert not is_plain_sqlite(own_path) and w.ws.actor == "jo" and w.home.name == "Rowan House"


def test_a_file_that_cannot_be_opened_leads_to_another_file(qtbot, session, answers, own_path, new_workspace, clock,
                                                           tmp_path, monkeypatch):
    own_path.parent.mkdir(parents=True, exist_ok=True)
    own_path.write_bytes(b"this is not a database" * 100)
    other = tmp_path / "other.db"
    made = new_workspace(other, clock=clock)
    registers.create_home(made, Home(urn="SC123456", name="Oak House"))
    made.close()
    monkeypatch.setattr(sign_in, "choose_database_file", lambda parent=None: other)

    def choose_other(dialog):
        assert dialog.other_file_button.isVisible()
        dialog.other_file_button.click()

    answers.extend([choose_other, sign_in_as(qtbot, TESTER)])
    assert session.start()
    assert shown(qtbot, session).ws.db.path == other and session.path == other
    assert is_locked_elsewhere(other) and not is_locked_elsewhere(own_path)


def test_quitting_the_welcome_dialog_shows_no_window_and_makes_no_file(session, answers, own_path):
    answers.append(lambda dialog: dialog.quit_button.click())
    assert not session.start()
    assert session.window is None and not own_path.exists()


def test_records_open_in_another_window_show_no_dialog(session, answers, own_path, monkeypatch):
    said = []
    monkeypatch.setattr(session_module.QMessageBox, "information", lambda parent, title, text: said.append(title))
    other = InstanceLock(own_path).acquire()
    try:
        assert not session.start()
    finally:
        other.release()
    assert said == ["Already open"] and session.window is None


def test_choosing_the_demo_keeps_it_in_demo_db_and_makes_no_users_database(qtbot, session, answers, own_path):
    from inspect_app.paths import demo_database_path
    from inspect_app.ui.demo_access import DEMO_CREDENTIALS

    answers.append(explore_the_demo(qtbot))
    assert session.start()
    w = shown(qtbot, session)
    assert session.own is None and not own_path.exists()
    assert w.ws is session.shown and w.ws.db.path == demo_database_path() and w.ws.actor == "demo"
    assert [h.urn for h in w.ws.homes.all()] == ["SC999001"] and w.home.urn == "SC999001"
    assert w.isVisible() and w.demo_notice.isVisible() and "(demo)" in w.windowTitle()
    assert f"password {DEMO_CREDENTIALS.password}" in w.demo_notice.text() and DEMO_NOTICE in w.demo_notice.text()
    assert "made-up-records" in session.idle_lock.hint  # said on the lock too, which hides the notice
    assert app_module.is_demo(w.ws) and is_locked_elsewhere(demo_database_path())


def test_a_demo_made_before_is_opened_again_not_made_again(qtbot, session, answers, monkeypatch, clock):
    from inspect_app.paths import demo_database_path
    from inspect_app.ui import first_run
    from inspect_app.ui.demo_access import DEMO_CREDENTIALS

    earlier = Workspace.create(demo_database_path(), DEMO_CREDENTIALS, clock=clock)
    demo_generator(earlier, homes=1, years=1, seed=1, progress=None, cancelled=None)
    earlier.close()
    monkeypatch.setattr(first_run, "demo_generator", lambda: pytest.fail("the demo was made again"))
    answers.append(explore_the_demo(qtbot))
    assert session.start()
    shown(qtbot, session)
    assert [h.urn for h in session.shown.homes.all()] == ["SC999001"]


def test_set_up_my_own_home_leaves_the_demo_for_a_home_in_records_db(qtbot, session, answers, own_path):
    from inspect_app.paths import demo_database_path
    from inspect_app.storage.driver import dbapi
    from inspect_app.ui.demo_access import DEMO_CREDENTIALS

    answers.append(explore_the_demo(qtbot))
    session.start()
    demo_window, demo_ws = shown(qtbot, session), session.shown
    seen = []
    answers.append(set_up_willow_lodge(qtbot, seen))
    demo_window.own_home_action.trigger()
    [dialog] = seen
    assert dialog.demo_box.isHidden() and dialog.quit_button.text() == "&Cancel"  # already in the demo
    assert dialog.account_box is not None  # no records.db yet: the first account is made with the home
    w = shown(qtbot, session)
    assert w is not demo_window and not demo_window.isVisible()
    assert w.ws is session.own and session.shown is session.own and w.ws.actor == "jo"
    assert [h.name for h in session.own.homes.all()] == ["Willow Lodge"]
    assert w.demo_notice is None and w.own_home_action is None
    check = Workspace.open(demo_database_path(), DEMO_CREDENTIALS)  # the demo's own file holds the demo only
    try:
        assert [h.urn for h in check.homes.all()] == ["SC999001"]
    finally:
        check.close()
    with pytest.raises(dbapi.ProgrammingError, match="closed"):
        demo_ws.homes.all()  # the demo's database was closed with its window
    assert not is_locked_elsewhere(demo_database_path()) and is_locked_elsewhere(own_path)


def test_cancelling_set_up_my_own_home_keeps_the_demo_on_screen(qtbot, session, answers):
    answers.append(explore_the_demo(qtbot))
    session.start()
    demo_window = shown(qtbot, session)
    answers.append(lambda dialog: dialog.quit_button.click())
    demo_window.own_home_button.click()
    assert session.window is demo_window and demo_window.isVisible() and demo_window.demo_notice.isVisible()
    assert session.own is None
    assert session.shown.homes.all()  # still open


# the account's own actions, and the idle lock over the window ----------------------------------------------------

@pytest.fixture
def signed_in(qtbot, session, answers, own_path, new_workspace, clock):
    made = new_workspace(own_path, clock=clock)
    registers.create_home(made, Home(urn="SC123456", name="Oak House"))
    made.close()
    answers.append(sign_in_as(qtbot, TESTER))
    session.start()
    return shown(qtbot, session)


def test_the_file_menu_has_change_my_password_and_lock_now(signed_in):
    texts = file_menu_texts(signed_in)
    assert texts[-3:] == ["&Change my password…", "&Lock now", "&Quit"]
    lock_now = next(a for a in signed_in.findChildren(QAction) if a.text() == "&Lock now")
    assert lock_now.shortcut().toString() == "Ctrl+L" and lock_now.shortcutContext() == Qt.ApplicationShortcut


def test_lock_now_covers_the_window_at_once(qtbot, session, signed_in):
    with qtbot.waitSignal(session.idle_lock.locked):
        next(a for a in signed_in.findChildren(QAction) if a.text() == "&Lock now").trigger()
    assert session.idle_lock.is_locked


def test_change_my_password_opens_the_dialog_and_says_when_done(qtbot, session, signed_in):
    from inspect_app.ui.password_dialog import ChangePasswordDialog

    next(a for a in signed_in.findChildren(QAction) if a.text() == "&Change my password…").trigger()
    [dialog] = signed_in.findChildren(ChangePasswordDialog)
    for edit, text in ((dialog.current, PASSWORD), (dialog.new, "a brand new password"),
                       (dialog.again, "a brand new password")):
        qtbot.keyClicks(edit, text)
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        dialog.change_button.click()
    assert signed_in.statusBar().currentMessage().startswith("Your password was changed")


def test_the_idle_time_is_the_databases_setting_and_follows_its_change(session, signed_in):
    from inspect_app.services.settings import IDLE_LOCK_MINUTES, change

    assert session.idle_lock.timer.interval() == 10 * 60_000
    change(session.own, IDLE_LOCK_MINUTES, 3)
    signed_in.settings_changed.emit()
    assert session.idle_lock.timer.interval() == 3 * 60_000


def test_after_a_restore_a_new_window_shows_the_records_as_they_now_are(qtbot, session, signed_in, own_path, clock):
    session.own.close()  # as the restore does
    reopened = Workspace.open(own_path, TESTER, clock=clock)
    signed_in.workspace_reopened.emit(reopened)
    w = shown(qtbot, session)
    assert w is not signed_in and w.ws is reopened and session.own is reopened and session.shown is reopened


def test_the_demo_keeps_its_password(qtbot, session, answers):
    answers.append(explore_the_demo(qtbot))
    session.start()
    w = shown(qtbot, session)
    change = next(a for a in w.findChildren(QAction) if a.text() == "&Change my password…")
    assert not change.isEnabled()


def test_home_details_saved_show_on_every_page(qtbot, ws, home, settings):
    w = MainWindow(ws, settings=settings)
    qtbot.addWidget(w)
    editor = w.edit_home_details()
    editor.name.clear()
    qtbot.keyClicks(editor.name, "Oak House Children's Home")
    editor.scheme.setText("PRICE")
    editor.holds.setPlainText("Standing hold\nSeated hold")
    with qtbot.waitSignal(editor.record_saved):
        editor.save_button.click()
    assert w.home.pi_holds == ("Standing hold", "Seated hold")
    assert w.windowTitle().startswith("Oak House Children's Home (SC123456)")
    assert w.show_area("measures").home.pi_scheme == "PRICE"
