"""What each of docs/screenshots' pictures shows: the fixed moments, the made-up people, and the list of shots
(name, builder), each builder taking the Scene that tools/screenshots.py makes and grabs."""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import replace
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Callable

from PySide6.QtCore import QSettings
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QWidget

from inspect_app.domain.local_time import to_local
from inspect_app.domain.roles import Account, Role
from inspect_app.domain.vocabulary import Absence, ShiftType, StaffRole
from inspect_app.services import accounts, rota_week
from inspect_app.services.workspace import Credentials, Workspace
from inspect_app.storage.backup import backup_to
from inspect_app.storage.database import connect
from inspect_app.ui.first_run import FirstRunDialog
from inspect_app.ui.measures.page import MeasuresPage
from inspect_app.ui.session import open_password_dialog
from inspect_app.ui.sign_in import SignInDialog

from screenshot_area_shots import (dialogue, inspections, key_times, recommendations, referral_decision, referrals,
                                   referrals_tab, rota_month, rota_week_tab, shift_editor, visit_editor, visitors,
                                   visits)

if TYPE_CHECKING:  # the machinery imports this module, not the other way round
    from screenshots import Scene

# Fixed moments, so the pictures do not change from one run to the next: the demo is made up to a
# Sunday, and the window is looked at on the Tuesday morning, when the weekend's sign-offs are late.
DEMO_END = datetime(2026, 11, 22, 12, 0, tzinfo=timezone.utc)
LOOKED_AT = datetime(2026, 11, 24, 8, 30, tzinfo=timezone.utc)
OWNER = Credentials("jsmith", "three random words")  # the user's own records, made up like the demo's
OWNER_NAME = "Jo Smith"
OTHERS_PASSWORD = "another good password"


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


def _first(page: MeasuresPage, wanted) -> int:
    for row in range(page.proxy.rowCount()):
        m = page.model.row_at(page.proxy.mapToSource(page.proxy.index(row, 0)).row()).measure
        if wanted(m):
            return m.id
    raise LookupError("no record in the demo data fits this screenshot")


# the shots ---------------------------------------------------------------------------------------------

def dashboard(scene: Scene) -> QWidget:
    return scene.window(scene.ws, "dashboard")


def dashboard_staffing(scene: Scene) -> QWidget:
    """The dashboard on its Staffing tab: tonight's key-time gaps and Level 3 overdue. The demo's rota has no gap
    today, so a care worker on today's late (not its lead) calls in sick: after the rota shots, which it changes."""
    home = scene.ws.homes.all()[0]
    today = to_local(LOOKED_AT).date()
    week = rota_week.read_week(scene.ws, home, today)
    late = next(s for s in week.around if s.local_date() == today and s.shift_type is ShiftType.LATE
                and not s.shift_lead)
    for shift in week.shifts_of(late.staff_id, today):  # their sleep-in after the late too
        rota_week.save_shift(scene.ws, replace(shift, absence=Absence.SICK))
    window = scene.window(scene.ws, "dashboard")
    page = window.page("dashboard")
    page.lists.setCurrentWidget(page.staffing_tab.widget)
    return window


def demo_notice(scene: Scene) -> QWidget:
    """The window as it opens over the demo home (demo.db): the header and the title say so."""
    return scene.window(scene.demo_ws, "dashboard", demo_records=True)


def children(scene: Scene) -> QWidget:
    window = scene.window(scene.ws, "children")
    window.page("children").view.selectRow(1)
    return window


def staff_editor(scene: Scene) -> QWidget:
    page = scene.behind(scene.ws, "staff").page("staff")
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
    dialog = FirstRunDialog(None, path=scene.folder / "new" / "records.db", clock=scene.clock)
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
    settings = QSettings(str(scene.folder / "sign-in.ini"), QSettings.IniFormat)
    settings.setValue("sign_in/username", OWNER.username)  # the last user name, as the dialog remembers it
    dialog = SignInDialog(scene.ws.db.path, settings, clock=scene.clock)
    dialog.password.setText("three random wrds")
    scene.wait_until(lambda: dialog.operation is None, dialog.sign_in)
    dialog.adjustSize()
    return dialog


def measures_list(scene: Scene) -> QWidget:
    window, page = scene.measures_window(scene.ws)
    page.select_measure(_first(page, lambda m: not m.locked))
    return window


def care_worker(scene: Scene) -> QWidget:
    """A care worker sees only the records they took part in; no dashboard, and sign-off is not theirs."""
    window, page = scene.measures_window(scene.sign_in(Credentials("carer1", OTHERS_PASSWORD)))
    try:
        chosen = _first(page, lambda m: not m.locked)  # its sign-off would be open to a senior
    except LookupError:
        chosen = _first(page, lambda m: True)
    page.select_measure(chosen)
    return window


def measure_form(scene: Scene) -> QWidget:
    _window, page = scene.measures_window(scene.ws)
    form = page.open_measure(_first(page, lambda m: m.is_restraint and not m.locked and len(m.used_by) > 1))
    form.resize(960, 1000)
    return form


def signoff(scene: Scene) -> QWidget:
    _window, page = scene.measures_window(scene.ws)
    page.select_measure(_first(page, lambda m: m.is_restraint and not m.locked))
    dialog = page.sign_off_selected()
    dialog.adjustSize()
    return dialog


def home_details(scene: Scene) -> QWidget:
    editor = scene.behind(scene.ws, "dashboard").edit_home_details()
    editor.adjustSize()
    return editor


def locked(scene: Scene) -> QPixmap:
    """The idle lock over a new record half written: the form asks for the password, the window behind is covered."""
    window, page = scene.measures_window(scene.ws)
    form = page.new_record()
    form.resize(720, 380)
    form.fields.location.setText("Lounge")
    form.fields.behaviour.setPlainText("Threw a chair towards another child and")
    scene.shown(form)  # laid out before the lock covers it
    scene.locks[-1].lock()
    scene.settle()
    return scene.in_front(window, form)


def change_password(scene: Scene) -> QWidget:
    dialog = open_password_dialog(scene.behind(scene.ws, "dashboard"), scene.ws)
    dialog.current.setText(OWNER.password)
    dialog.new.setText("short")
    dialog.change()  # the new password's problem, found on screen
    dialog.adjustSize()
    return dialog


def accounts_page(scene: Scene) -> QWidget:
    window = scene.window(scene.ws, "accounts")
    window.page("accounts").select(next(a.id for a in scene.ws.accounts.all() if a.username == "senior1"))
    return window


def add_account(scene: Scene) -> QWidget:
    dialog = scene.behind(scene.ws, "accounts").page("accounts").add_account()
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
    dialog = scene.behind(scene.ws, "dashboard").restore_from_backup()
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
    window = scene.window(scene.ws, "dashboard")
    checked: list[object] = []
    window.checks.checked.connect(checked.append)
    scene.wait_until(lambda: bool(checked), window.show)
    return window


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
    ("rota-week", rota_week_tab),
    ("rota-month", rota_month),
    ("key-times", key_times),
    ("shift-editor", shift_editor),
    ("referrals", referrals),
    ("referral-decision", referral_decision),
    ("placement-outcomes", referrals_tab("outcomes")),
    ("statement-of-purpose", referrals_tab("purpose")),
    ("dashboard-staffing", dashboard_staffing),  # after the rota's shots: it marks a shift of today absent
    ("restore", restore),
    ("tampered", tampered),  # last: it edits the records outside the program
]
