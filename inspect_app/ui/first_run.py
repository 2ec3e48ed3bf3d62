"""The welcome dialog of a database with no home: set up the user's home (and, on a new database, its first
account), or explore a made-up home kept apart in its own file."""

from __future__ import annotations

import logging
import sys
from datetime import datetime
from pathlib import Path
from typing import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QProgressDialog,
    QPushButton, QSpinBox, QVBoxLayout, QWidget,
)

from ..domain.errors import Problem, UserFacingError, ValidationFailed
from ..domain.records import Home
from ..domain.validation import validate_home
from ..paths import demo_database_path
from ..services import registers
from ..services.workspace import Workspace, utc_now
from ..storage.instance_lock import AlreadyOpen, InstanceLock
from . import messages
from .account_fields import NewAccountFields
from .background import Operation, Progress
from .demo_access import DemoUnreadable, open_demo_workspace
from .dialog_fit import FitHeight
from .forms import FieldProblems

log = logging.getLogger(__name__)

DEMO_STOPPED = "The demo was stopped. Nothing was added."
DEMO_FAILED = "The demo home could not be made: {reason}. Nothing was added."
DEMO_APART = ("Explore with a made-up home: children, staff and a year of records, so that you can see the "
              "dashboard, the registers and the reg 35 record at work. None of it is about real people, and it "
              "is kept in a file of its own, apart from your records.")
FIRST_ACCOUNT = ("You sign in with this account. As the first person here you are the responsible individual for "
                 "these records: you add the people who work with you, each with their own password. Nobody can "
                 "open the records without a password, so keep yours safe.")
SETTING_UP = "Setting up your records…"


def demo_generator() -> Callable[..., list[Home]]:
    """services.demo.generate (a seam the tests replace; imported only when the demo is asked for)."""
    from ..services import demo

    return demo.generate


class FirstRunDialog(QDialog):
    """Accepted once a home exists: `homes` holds it and `workspace` the database it is in (the user's own, or the
    demo's own database, whose instance lock is then in `demo_lock`); rejected when the user quits.

    With `ws` None there is no database yet: the dialog also asks for the first account and creates the database
    at `path`. With `offer_demo` false (the user is leaving the demo for their own home) the demo is not offered.
    """

    def __init__(self, ws: Workspace | None, parent: QWidget | None = None, offer_demo: bool = True, *,
                 path: Path | None = None, clock: Callable[[], datetime] | None = None):
        super().__init__(parent)
        self.ws = ws
        self.path = path
        self.clock = clock or (ws.clock if ws is not None else utc_now)
        self.created: Workspace | None = None  # the database this dialog made, until it is handed over
        self.homes: list[Home] = []
        self.workspace: Workspace | None = None
        self.demo_lock: InstanceLock | None = None
        self.operation: Operation | None = None
        self.progress: QProgressDialog | None = None
        self._pending_home: Home | None = None
        self.setWindowTitle(f"Welcome to {messages.APP_TITLE}")
        welcome = QLabel(f"<h2>Welcome to {messages.APP_TITLE}</h2>"
                         "<p>This program keeps a children's home's records for Ofsted: restraint and other "
                         "measures (reg 35), the registers of children and staff, and the evidence behind them. "
                         "Everything stays on this computer, encrypted.</p>")
        welcome.setWordWrap(True)
        self.status = QLabel()
        self.status.setObjectName("status")
        self.status.setWordWrap(True)
        self.status.hide()
        buttons = QDialogButtonBox()
        self.quit_button = buttons.addButton("&Quit" if offer_demo else "&Cancel", QDialogButtonBox.RejectRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(welcome)
        layout.addLayout(self._build_set_up())
        self.demo_box = self._build_demo_box()
        self.demo_box.setVisible(offer_demo)
        layout.addWidget(self.demo_box)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self.setMinimumWidth(620 if self.account is None else 900)
        (self.urn if self.account is None else self.account.username).setFocus()
        FitHeight(self)

    def _build_set_up(self) -> QVBoxLayout:
        general = QLabel()
        self.problems = FieldProblems(general)
        boxes = QHBoxLayout()
        self.account: NewAccountFields | None = None
        self.account_box: QGroupBox | None = None
        if self.ws is None:
            self.account_box = self._build_account_box()
            boxes.addWidget(self.account_box, 1)
        boxes.addWidget(self._build_home_form(), 1)
        self.create_button = QPushButton("&Set up my home")
        self.create_button.setDefault(True)
        self.create_button.clicked.connect(self.create_home)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.create_button)
        section = QVBoxLayout()
        section.addWidget(general)
        section.addLayout(boxes)
        section.addLayout(row)
        return section

    def _build_account_box(self) -> QGroupBox:
        box = QGroupBox("Your account")
        note = QLabel(FIRST_ACCOUNT)
        note.setObjectName("note")
        note.setWordWrap(True)
        form = QFormLayout()
        self.account = NewAccountFields(form, self.problems)
        inner = QVBoxLayout(box)
        inner.addWidget(note)
        inner.addLayout(form)
        inner.addStretch(1)
        return box

    def _build_home_form(self) -> QGroupBox:
        box = QGroupBox("Your home")
        form = QFormLayout()
        self.urn = QLineEdit()
        self.urn.setPlaceholderText("e.g. SC123456, or 7 digits")
        self.urn.setToolTip("SC123456, or 7 digits for newer registrations")
        self.urn.setMaxLength(8)
        self.name = QLineEdit()
        self.name.setPlaceholderText("as registered with Ofsted")
        self.places = QSpinBox()
        self.places.setRange(0, 99)
        self.places.setSpecialValueText("Not recorded")
        self.places.setValue(0)
        self.provider = QLineEdit()
        self.problems.add_row(form, "Ofsted &URN *", "urn", self.urn)
        self.problems.add_row(form, "Home &name *", "name", self.name)
        self.problems.add_row(form, "Number of &places", "places", self.places)
        self.problems.add_row(form, "P&rovider", "provider_name", self.provider)
        inner = QVBoxLayout(box)
        inner.addLayout(form)
        inner.addStretch(1)
        return box

    def _build_demo_box(self) -> QGroupBox:
        box = QGroupBox("Or try the program first")
        text = QLabel(DEMO_APART)
        text.setWordWrap(True)
        self.demo_button = QPushButton("&Explore the demo")
        self.demo_button.clicked.connect(self.start_demo)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.demo_button)
        inner = QVBoxLayout(box)
        inner.addWidget(text)
        inner.addLayout(row)
        return box

    # setting up a real home ------------------------------------------------------
    def home_from_form(self) -> Home:
        places = self.places.value() or None
        return Home(urn=self.urn.text().strip().upper(), name=self.name.text().strip(), places=places,
                    provider_name=self.provider.text().strip())

    def create_home(self) -> None:
        """Checks everything on screen first, so that a database is never made for a home that cannot be."""
        home = self.home_from_form()
        if self.ws is not None:
            self._add_home(home)
            return
        problems = self.account.problems() + validate_home(home)
        if problems:
            self.problems.show(problems)
            return
        self.problems.clear()
        credentials, full_name = self.account.credentials(), self.account.full_name_text()
        path, clock = self.path, self.clock
        self._set_busy(True)
        self._say(SETTING_UP)
        self._pending_home = home
        self.operation = Operation(lambda _progress: Workspace.create(path, credentials, full_name, clock=clock))
        # bound methods, never lambdas: Qt then calls them on the GUI thread
        self.operation.success(self._on_database_created).failure(self._on_create_failed).start()

    def _on_database_created(self, ws: Workspace) -> None:
        self.operation = None
        self._set_busy(False)
        self.status.hide()
        log.info("database created with its first account")
        self.ws = self.created = ws
        self.account.set_enabled(False)  # made: a second press adds the home only
        self._add_home(self._pending_home)

    def _on_create_failed(self, error: BaseException) -> None:
        self.operation = None
        self._set_busy(False)
        self.status.hide()
        if isinstance(error, ValidationFailed):
            self.problems.show(error.problems)
        elif isinstance(error, UserFacingError):
            self.problems.show([Problem("", str(error))])
        else:
            self._say("Your records could not be set up: the program hit a problem it did not expect (see the log).")
            sys.excepthook(type(error), error, error.__traceback__)

    def _add_home(self, home: Home) -> None:
        made = self.problems.attempt(lambda: registers.create_home(self.ws, home))
        if made is None:
            return
        log.info("home created: id %s", made.id)
        self.homes = [made]
        self.workspace = self.ws
        self.created = None  # handed over with `workspace`
        self.accept()

    # the demo --------------------------------------------------------------------
    def start_demo(self) -> None:
        """Opens the demo's own database off the GUI thread, and makes the demo home there unless done before."""
        if self.demo_lock is None:
            try:
                self.demo_lock = InstanceLock(demo_database_path()).acquire()
            except AlreadyOpen as exc:
                self._say(str(exc))  # it starts with the file's name, as it is
                return
        self._set_busy(True)
        self.progress = QProgressDialog("Opening the demo home…", "&Stop", 0, 0, self)
        self.progress.setWindowTitle("Explore the demo")
        self.progress.setWindowModality(Qt.WindowModal)
        self.progress.setMinimumDuration(0)
        self.progress.setAutoClose(False)
        self.progress.setAutoReset(False)
        self.operation = Operation(self._run_demo)
        self.progress.canceled.connect(self.operation.cancel)  # the Stop button
        self.progress.rejected.connect(self.operation.cancel)  # Escape
        self.operation.on_progress(self._on_demo_progressed).success(self._on_demo_succeeded)
        self.operation.failure(self._on_demo_failed).start()
        self.progress.show()

    def _run_demo(self, progress: Progress) -> tuple[Workspace, list[Home]]:
        """Off the GUI thread: the generator commits each home whole, so a stop leaves nothing half-made."""
        ws = open_demo_workspace(self.clock)
        try:
            homes = ws.homes.all()
            if not homes:
                homes = demo_generator()(ws, homes=1, years=1, seed=1, progress=progress.report,
                                         cancelled=lambda: progress.cancelled)
        except BaseException:
            ws.close()
            raise
        return ws, homes

    def _on_demo_progressed(self, done: int, total: int, text: str) -> None:
        if self.progress is None:
            return
        if text:
            self.progress.setLabelText(text)
        self.progress.setMaximum(max(total, 0))
        # last: a window-modal progress dialog processes events here, which may finish the demo
        self.progress.setValue(min(done, total) if total else 0)

    def _on_demo_succeeded(self, result: tuple[Workspace, list[Home]]) -> None:
        self._finish_demo()
        demo_ws, homes = result
        self.homes = list(homes or [])
        if not self.homes:
            demo_ws.close()
            self._release_demo()
            self._say(DEMO_STOPPED)
            return
        log.info("demo ready: %d home(s)", len(self.homes))
        if self.created is not None:  # the user's own, made without its home: it asks for the home next time
            self.created.close()
            self.created = self.ws = None
        self.workspace = demo_ws  # the caller shows it, and closes it; it takes `demo_lock` too
        self.accept()

    def _on_demo_failed(self, error: BaseException) -> None:
        cancelled = self.operation is not None and self.operation.progress.cancelled
        self._finish_demo()
        self._release_demo()
        if isinstance(error, DemoUnreadable):
            self._say(str(error))
        elif cancelled:
            self._say(DEMO_STOPPED)
        elif isinstance(error, UserFacingError):
            self._say(DEMO_FAILED.format(reason=str(error).rstrip(".")))
        else:
            self._say(DEMO_FAILED.format(reason="the program hit a problem it did not expect (see the log)"))

    def _finish_demo(self) -> None:
        self.operation = None
        if self.progress is not None:
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None
        self._set_busy(False)

    def _release_demo(self) -> None:
        if self.demo_lock is not None:
            self.demo_lock.release()
            self.demo_lock = None

    # either ------------------------------------------------------------------------
    def _set_busy(self, busy: bool) -> None:
        for widget in (self.create_button, self.demo_button, self.quit_button):
            widget.setEnabled(not busy)

    def _say(self, text: str) -> None:
        self.status.setText(text)
        self.status.show()

    def reject(self) -> None:  # Qt override: no quitting half-way through making the demo or the database
        if self.operation is not None and self.progress is not None:
            self.operation.cancel()
            return
        if self.operation is not None:
            return
        if self.created is not None:  # made, but its home was not: the next start signs in and asks for the home
            self.created.close()
            self.created = self.ws = None
        super().reject()
