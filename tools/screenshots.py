"""Makes the window's PNGs in docs/screenshots/ offscreen, from made-up records: a simple list of (name, builder).

Run: .venv/bin/python tools/screenshots.py [--out docs/screenshots] [--only NAME ...]
"""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop, QSettings, QTimer  # noqa: E402
from PySide6.QtGui import QColor, QPainter, QPixmap  # noqa: E402
from PySide6.QtWidgets import QApplication, QDialog, QWidget  # noqa: E402

from inspect_app.domain.roles import Account, Role  # noqa: E402
from inspect_app.domain.vocabulary import StaffRole  # noqa: E402
from inspect_app.services import accounts, demo  # noqa: E402
from inspect_app.services.workspace import Credentials, Workspace  # noqa: E402
from inspect_app.storage.backup import backup_to  # noqa: E402
from inspect_app.storage.database import connect  # noqa: E402
from inspect_app.ui.app import build_main_window, create_application  # noqa: E402
from inspect_app.ui.background import Operation  # noqa: E402
from inspect_app.ui.demo_access import DEMO_CREDENTIALS, open_demo_workspace  # noqa: E402
from inspect_app.ui.first_run import FirstRunDialog  # noqa: E402
from inspect_app.ui.lock import IdleLock  # noqa: E402
from inspect_app.ui.main_window import MainWindow  # noqa: E402
from inspect_app.ui.measures.page import MeasuresPage  # noqa: E402
from inspect_app.ui.session import add_account_actions, open_password_dialog  # noqa: E402
from inspect_app.ui.sign_in import SignInDialog  # noqa: E402

# Fixed moments, so the pictures do not change from one run to the next: the demo is made up to a
# Sunday, and the window is looked at on the Tuesday morning, when the weekend's sign-offs are late.
DEMO_END = datetime(2026, 11, 22, 12, 0, tzinfo=timezone.utc)
LOOKED_AT = datetime(2026, 11, 24, 8, 30, tzinfo=timezone.utc)
SIZE = (1280, 800)
# A fixed folder, not a random temporary one: the window shows the records' path, and the pictures must not change
FOLDER = Path(tempfile.gettempdir()) / "inspect-app-screenshots"
OWNER = Credentials("jsmith", "three random words")  # the user's own records, made up like the demo's
OWNER_NAME = "Jo Smith"
OTHERS_PASSWORD = "another good password"


class Clock:
    def __init__(self, moment: datetime):
        self.moment = moment

    def __call__(self) -> datetime:
        return self.moment


@dataclass
class Scene:
    """What the shots are taken over: the user's own records (made up), and the demo in its own file."""

    ws: Workspace
    demo_ws: Workspace
    clock: Clock
    opened: list[Workspace] = field(default_factory=list)  # further sign-ins, closed at the end

    def sign_in(self, credentials: Credentials) -> Workspace:
        self.opened.append(Workspace.open(self.ws.db.path, credentials, clock=self.clock))
        return self.opened[-1]

    def close(self) -> None:
        for ws in (*self.opened, self.demo_ws, self.ws):
            ws.close()


def make_scene(folder: Path) -> Scene:
    clock = Clock(DEMO_END)
    ws = Workspace.create(folder / "records.db", OWNER, OWNER_NAME, clock=clock)
    demo.generate(ws, homes=1, years=1, seed=1)
    demo_ws = open_demo_workspace(clock, folder / "demo.db")
    demo.generate(demo_ws, homes=1, years=1, seed=1)
    add_colleagues(ws)
    clock.moment = LOOKED_AT
    return Scene(ws, demo_ws, clock)


def add_colleagues(ws: Workspace) -> None:
    """The accounts page's people: a manager, a senior and a care worker linked to their staff entries, one who left."""
    home = ws.homes.all()[0]
    staff = {s.role: s for s in ws.staff.for_home(home.id) if s.left_on is None}
    homes = frozenset({home.id})
    for username, role, staff_role in (("pmoss", Role.MANAGER, StaffRole.REGISTERED_MANAGER),
                                       ("senior1", Role.SENIOR, StaffRole.SENIOR)):
        linked = staff.get(staff_role)
        accounts.add_account(ws, Account(username, linked.full_name if linked else "Pat Moss", role, home_ids=homes,
                                         staff_id=linked.id if linked else None), OTHERS_PASSWORD)
    worker = busiest_care_worker(ws, home.id)
    accounts.add_account(ws, Account("carer1", worker.full_name, Role.CARE_STAFF, home_ids=homes, staff_id=worker.id),
                         OTHERS_PASSWORD)
    accounts.add_account(ws, Account("leaver", "Lee Carter", Role.CARE_STAFF, home_ids=homes), OTHERS_PASSWORD)
    accounts.deactivate(ws, "leaver", "left the home on 31/10/2026")


def busiest_care_worker(ws: Workspace, home_id: int):
    """The care worker who took part in the most measures: their list is not empty."""
    workers = {s.id: s for s in ws.staff.for_home(home_id) if s.role is StaffRole.CARE_WORKER and s.left_on is None}
    taken_part = Counter(sid for m in ws.measures.for_home(home_id) for sid in m.used_by if sid in workers)
    return workers[taken_part.most_common(1)[0][0]]


# the main window, as the session builds it -------------------------------------------------------------

_LOCKS: list[IdleLock] = []


def session_window(ws: Workspace, area: str | None = None, *, demo_records: bool = False) -> MainWindow:
    """build_main_window, the idle lock and the account's File menu actions, as session.WindowSession shows them."""
    settings = QSettings(str(FOLDER / "window.ini"), QSettings.IniFormat)
    settings.clear()  # every window starts as on a first run: no page or size left by the last shot
    window = build_main_window(ws, settings, demo=demo_records)
    lock = IdleLock(ws, 10, hint=f"This is the demo: its password is {DEMO_CREDENTIALS.password}" if demo_records
                    else "")
    _LOCKS.append(lock)
    add_account_actions(window, ws, lock, demo=demo_records)
    window.settings = None  # closing it must not write the shot's state anywhere
    if area is not None:
        window.show_area(area)
    window.resize(*SIZE)
    return window


def wait_until(done: Callable[[], bool], start: Callable[[], object] | None = None) -> None:
    """Runs the event loop until `done()` (background work finished), for at most ten seconds."""
    if start is not None:
        start()
    loop = QEventLoop()
    poll = QTimer()
    poll.timeout.connect(lambda: done() and loop.quit())
    poll.start(20)
    QTimer.singleShot(10_000, loop.quit)  # never hang the script
    loop.exec()
    poll.stop()


_KEEP: list[QWidget] = []  # windows whose dialogs are shot must outlive the builder (a dialog dies with its parent)


def _behind(ws: Workspace, area: str) -> MainWindow:
    """A window shown and kept, for a dialog of it to be shot."""
    window = session_window(ws, area)
    _KEEP.append(window)
    window.show()
    return window


def _measures_window(ws: Workspace) -> tuple[MainWindow, MeasuresPage]:
    window = session_window(ws)
    page = window.page("measures")
    loaded: list[bool] = []
    page.loaded.connect(lambda: loaded.append(True))
    wait_until(lambda: bool(loaded), lambda: (window.show_area("measures"), window.show()))
    _KEEP.append(window)
    return window, page


def _first(page: MeasuresPage, wanted) -> int:
    for row in range(page.proxy.rowCount()):
        m = page.model.row_at(page.proxy.mapToSource(page.proxy.index(row, 0)).row()).measure
        if wanted(m):
            return m.id
    raise LookupError("no record in the demo data fits this screenshot")


# the shots ---------------------------------------------------------------------------------------------

def dashboard(scene: Scene) -> QWidget:
    return session_window(scene.ws, "dashboard")


def demo_notice(scene: Scene) -> QWidget:
    """The window as it opens over the demo home (demo.db): the header and the title say so."""
    return session_window(scene.demo_ws, "dashboard", demo_records=True)


def children(scene: Scene) -> QWidget:
    window = session_window(scene.ws, "children")
    window.page("children").view.selectRow(1)
    return window


def staff_editor(scene: Scene) -> QWidget:
    page = _behind(scene.ws, "staff").page("staff")
    page.view.selectRow(3)
    editor = page.edit_selected()
    editor.adjustSize()
    return editor


def first_run(scene: Scene) -> QWidget:
    """Signed in, with no home yet (a manager's first start after an upgrade): the home only."""
    dialog = FirstRunDialog(scene.ws, clock=scene.clock)
    dialog.urn.setText("SC12345")
    dialog.name.setText("Willow Lodge")
    dialog.places.setValue(4)
    dialog.provider.setText("Evergreen Care Ltd")
    dialog.create_home()  # shows the URN problem next to its field
    dialog.adjustSize()
    return dialog


def first_run_account(scene: Scene) -> QWidget:
    """No database yet: the first account and the home; the problems are found before anything is written."""
    dialog = FirstRunDialog(None, path=FOLDER / "new" / "records.db", clock=scene.clock)
    dialog.account.username.setText("jsmith")
    dialog.account.full_name.setText(OWNER_NAME)
    dialog.account.password.setText(OWNER.password)
    dialog.account.again.setText("three random word")
    dialog.urn.setText("SC123456")
    dialog.name.setText("Willow Lodge")
    dialog.places.setValue(4)
    dialog.create_home()  # shows the passwords' problem next to its field
    dialog.adjustSize()
    return dialog


def sign_in(scene: Scene) -> QWidget:
    settings = QSettings(str(FOLDER / "sign-in.ini"), QSettings.IniFormat)
    settings.setValue("sign_in/username", OWNER.username)  # the last user name, as the dialog remembers it
    dialog = SignInDialog(scene.ws.db.path, settings, clock=scene.clock)
    dialog.password.setText("three random wrds")
    wait_until(lambda: dialog.operation is None, dialog.sign_in)
    dialog.adjustSize()
    return dialog


def measures_list(scene: Scene) -> QWidget:
    window, page = _measures_window(scene.ws)
    page.select_measure(_first(page, lambda m: not m.locked))
    return window


def care_worker(scene: Scene) -> QWidget:
    """A care worker sees only the records they took part in; no dashboard, and sign-off is not theirs."""
    window, page = _measures_window(scene.sign_in(Credentials("carer1", OTHERS_PASSWORD)))
    try:
        chosen = _first(page, lambda m: not m.locked)  # its sign-off would be open to a senior
    except LookupError:
        chosen = _first(page, lambda m: True)
    page.select_measure(chosen)
    return window


def measure_form(scene: Scene) -> QWidget:
    _window, page = _measures_window(scene.ws)
    form = page.open_measure(_first(page, lambda m: m.is_restraint and not m.locked and len(m.used_by) > 1))
    form.resize(960, 1000)
    return form


def signoff(scene: Scene) -> QWidget:
    _window, page = _measures_window(scene.ws)
    page.select_measure(_first(page, lambda m: m.is_restraint and not m.locked))
    dialog = page.sign_off_selected()
    dialog.adjustSize()
    return dialog


def home_details(scene: Scene) -> QWidget:
    editor = _behind(scene.ws, "dashboard").edit_home_details()
    editor.adjustSize()
    return editor


def locked(scene: Scene) -> QPixmap:
    """The idle lock over a new record half written: the form asks for the password, the window behind is covered."""
    window, page = _measures_window(scene.ws)
    form = page.new_record()
    form.resize(720, 380)
    form.fields.location.setText("Lounge")
    form.fields.behaviour.setPlainText("Threw a chair towards another child and")
    grab(form)  # shown and laid out before the lock covers it
    _LOCKS[-1].lock()
    settle()
    return in_front(window, form)


def change_password(scene: Scene) -> QWidget:
    dialog = open_password_dialog(_behind(scene.ws, "dashboard"), scene.ws)
    dialog.current.setText(OWNER.password)
    dialog.new.setText("short")
    dialog.change()  # the new password's problem, found on screen
    dialog.adjustSize()
    return dialog


def accounts_page(scene: Scene) -> QWidget:
    window = session_window(scene.ws, "accounts")
    window.page("accounts").select(next(a.id for a in scene.ws.accounts.all() if a.username == "senior1"))
    return window


def add_account(scene: Scene) -> QWidget:
    dialog = _behind(scene.ws, "accounts").page("accounts").add_account()
    dialog.username.setText("agency2")
    dialog.full_name.setText("Sam Okafor")
    dialog.password.setText("short")
    dialog.password_again.setText("short")
    dialog.save()  # the password's problem, found before anything is written
    dialog.adjustSize()
    return dialog


def restore(scene: Scene) -> QWidget:
    """Three backups beside the records, made on fixed days so that the list does not change."""
    folder = scene.ws.db.path.parent / "backups"
    for day in (21, 22, 23):
        made = backup_to(scene.ws.db, folder / f"daily-records-2026-11-{day}.db")
        stamp = datetime(2026, 11, day, 8, 5, tzinfo=timezone.utc).timestamp()
        os.utime(made, (stamp, stamp))
    dialog = _behind(scene.ws, "dashboard").restore_from_backup()
    dialog.adjustSize()
    return dialog


def tampered(scene: Scene) -> QWidget:
    """An edit of the audit trail made outside the program: the check on opening warns across the window.
    Last: it changes the records the other shots are taken over."""
    raw = connect(scene.ws.db.path, scene.ws.db.key)
    try:
        raw.execute("DROP TRIGGER audit_append_only_update")
        raw.execute("UPDATE audit SET reason = 'tidied up' WHERE id = (SELECT MAX(id) FROM audit WHERE entity = "
                    "'measure')")
        raw.commit()
    finally:
        raw.close()
    window = session_window(scene.ws, "dashboard")
    checked: list[object] = []
    window.checks.checked.connect(checked.append)
    wait_until(lambda: bool(checked), window.show)
    return window


def visits(scene: Scene) -> QWidget:
    """The busy home's year of independent visits: the month strip with its missed month, late reports."""
    return session_window(scene.ws, "visits")


def visit_editor(scene: Scene) -> QWidget:
    tab = _behind(scene.ws, "visits").page("visits").visits
    tab.view.selectRow(0)
    return tab.edit_selected()


def recommendations(scene: Scene) -> QWidget:
    """The reg 44(5) tracker: what needs deciding first."""
    window = session_window(scene.ws, "visits")
    area = window.page("visits")
    area.tabs.setCurrentWidget(area.recommendations)
    return window


def visitors(scene: Scene) -> QWidget:
    window = session_window(scene.ws, "visits")
    area = window.page("visits")
    area.visitors.show_past.setChecked(True)
    area.tabs.setCurrentWidget(area.visitors)
    return window


def inspections(scene: Scene) -> QWidget:
    """The inspections with their requirements and the rec 22 note (the busy home's last full inspection)."""
    return session_window(scene.ws, "inspections")


def dialogue(scene: Scene) -> QWidget:
    window = session_window(scene.ws, "inspections")
    area = window.page("inspections")
    area.tabs.setCurrentIndex(1)
    return window


def in_front(back: QWidget, front: QWidget) -> QPixmap:
    """A window with its dialog in front, as one picture (a grab shows one window only); the dialog low and to the
    right, as if moved aside, so that the window behind shows its own part too."""
    behind, ahead = back.grab(), front.grab()
    x, y = behind.width() - ahead.width() - 60, behind.height() - ahead.height() - 40
    painter = QPainter(behind)
    painter.fillRect(x + 3, y + 3, ahead.width() + 3, ahead.height() + 3, QColor(0, 0, 0, 70))  # a shadow
    painter.drawPixmap(x, y, ahead)
    painter.setPen(QColor("#9aa5b1"))  # the window's edge, which offscreen windows do not draw
    painter.drawRect(x - 1, y - 1, ahead.width() + 1, ahead.height() + 1)
    painter.end()
    return behind


SHOTS: list[tuple[str, Callable[[Scene], "QWidget | QPixmap"]]] = [
    ("dashboard", dashboard),
    ("measures-list", measures_list),
    ("measure-form", measure_form),
    ("signoff", signoff),
    ("children", children),
    ("staff-editor", staff_editor),
    ("first-run", first_run),
    ("first-run-account", first_run_account),
    ("sign-in", sign_in),
    ("home-details", home_details),
    ("demo-notice", demo_notice),
    ("locked", locked),
    ("change-password", change_password),
    ("accounts", accounts_page),
    ("add-account", add_account),
    ("care-worker", care_worker),
    ("visits", visits),
    ("visit-editor", visit_editor),
    ("recommendations", recommendations),
    ("visitors", visitors),
    ("inspections", inspections),
    ("dialogue", dialogue),
    ("restore", restore),
    ("tampered", tampered),  # last: it edits the records outside the program
]


def settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def grab(shot: "QWidget | QPixmap", target: Path | None = None) -> None:
    if isinstance(shot, QWidget):
        shot.show()
        settle()
        shot = shot.grab()
    if target is not None:
        shot.save(str(target))


def close_all() -> None:
    """After each shot: nothing left open to be covered, or to answer, in the next."""
    for lock in _LOCKS:
        lock.stop()
    _LOCKS.clear()
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QDialog) and widget.isVisible():
            widget.done(QDialog.Rejected)  # not reject(): a dialog with typed changes would ask first
    for widget in [*_KEEP, *QApplication.topLevelWidgets()]:
        widget.close()
    _KEEP.clear()
    settle()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent.parent / "docs" / "screenshots")
    parser.add_argument("--only", nargs="*", help="names of the shots to make")
    args = parser.parse_args(argv)
    app = create_application(sys.argv[:1])
    logging.getLogger().addHandler(logging.NullHandler())  # the wrong password's refusal is expected
    args.out.mkdir(parents=True, exist_ok=True)
    shutil.rmtree(FOLDER, ignore_errors=True)
    FOLDER.mkdir(parents=True)
    os.environ["INSPECT_APP_DATA"] = str(FOLDER)  # never the real user's settings or logs
    scene = make_scene(FOLDER)
    try:
        for name, builder in SHOTS:
            if args.only and name not in args.only:
                continue
            grab(builder(scene), args.out / f"{name}.png")
            print(f"wrote {args.out / f'{name}.png'}")
            close_all()
    finally:
        close_all()
        Operation.wait_for_all()  # a window's background check may still be reading: let it end first
        settle()
        scene.close()
        shutil.rmtree(FOLDER, ignore_errors=True)
    app.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main())
