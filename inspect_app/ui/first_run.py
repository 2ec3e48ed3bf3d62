"""The welcome dialog of a database with no home: set up the user's home, or explore a made-up home kept apart."""

from __future__ import annotations

import logging
from typing import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QProgressDialog,
    QPushButton, QSpinBox, QVBoxLayout, QWidget,
)

from ..domain.errors import UserFacingError
from ..domain.records import Home
from ..paths import demo_database_path
from ..services import registers
from ..services.workspace import Workspace
from . import messages
from .background import Operation, Progress
from .forms import FieldProblems

log = logging.getLogger(__name__)

DEMO_STOPPED = "The demo was stopped. Nothing was added."
DEMO_FAILED = "The demo home could not be made: {reason}. Nothing was added."
DEMO_UNREADABLE = ("The demo home could not be opened: this program cannot read its file, {path}. Nothing was added. "
                   "You can still set up your own home. To explore the demo, delete that file (it holds made-up "
                   "records only) and try again.")
DEMO_APART = ("Explore with a made-up home: children, staff and a year of records, so that you can see the "
              "dashboard, the registers and the reg 35 record at work. None of it is about real people, and it "
              "is kept in a file of its own, apart from your records.")


def demo_generator() -> Callable[..., list[Home]]:
    """services.demo.generate (a seam the tests replace; imported only when the demo is asked for)."""
    from ..services import demo

    return demo.generate


def open_demo_workspace(ws: Workspace) -> Workspace:
    """The demo's own database (demo.db beside records.db), never the user's: a demo written into the user's
    records could not be taken out again, since records are never deleted (SPEC 1, principle 1)."""
    return Workspace.open(demo_database_path(), actor=ws.actor, clock=ws.clock)


class FirstRunDialog(QDialog):
    """Accepted once a home exists: `homes` holds it and `workspace` the database it is in (`ws` for the user's
    own home, the demo's own database for the demo); rejected when the user quits.

    With `offer_demo` false (the user is leaving the demo for their own home) only the home form is shown.
    """

    def __init__(self, ws: Workspace, parent: QWidget | None = None, offer_demo: bool = True):
        super().__init__(parent)
        self.ws = ws
        self.homes: list[Home] = []
        self.workspace: Workspace | None = None
        self.demo_ws: Workspace | None = None  # open while the demo is being made
        self.operation: Operation | None = None
        self.progress: QProgressDialog | None = None
        self.setWindowTitle(f"Welcome to {messages.APP_TITLE}")
        welcome = QLabel(f"<h2>Welcome to {messages.APP_TITLE}</h2>"
                         "<p>This program keeps a children's home's records for Ofsted: restraint and other "
                         "measures (reg 35), the registers of children and staff, and the evidence behind them. "
                         "Everything stays on this computer.</p>")
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
        layout.addWidget(self._build_home_form())
        self.demo_box = self._build_demo_box()
        self.demo_box.setVisible(offer_demo)
        layout.addWidget(self.demo_box)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self.setMinimumWidth(620)
        self.urn.setFocus()

    def _build_home_form(self) -> QGroupBox:
        box = QGroupBox("Set up your home")
        form = QFormLayout()
        general = QLabel()
        self.problems = FieldProblems(general)
        self.urn = QLineEdit()
        self.urn.setPlaceholderText("e.g. SC123456, or 7 digits for newer registrations")
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
        self.create_button = QPushButton("&Set up this home")
        self.create_button.setDefault(True)
        self.create_button.clicked.connect(self.create_home)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.create_button)
        inner = QVBoxLayout(box)
        inner.addWidget(general)
        inner.addLayout(form)
        inner.addLayout(row)
        return box

    def _build_demo_box(self) -> QGroupBox:
        box = QGroupBox("Or try the program first")
        text = QLabel(DEMO_APART)
        text.setWordWrap(True)
        self.demo_button = QPushButton("&Explore with a demo home")
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
        return Home(urn=self.urn.text(), name=self.name.text(), places=places,
                    provider_name=self.provider.text().strip())

    def create_home(self) -> None:
        home = self.problems.attempt(lambda: registers.create_home(self.ws, self.home_from_form()))
        if home is None:
            return
        log.info("home created: id %s", home.id)
        self.homes = [home]
        self.workspace = self.ws
        self.accept()

    # the demo --------------------------------------------------------------------
    def start_demo(self) -> None:
        """Opens the demo's own database; makes the demo home there unless an earlier run already did."""
        try:
            self.demo_ws = open_demo_workspace(self.ws)
            made = self.demo_ws.homes.all()
        except UserFacingError as exc:
            log.warning("demo database could not be opened: %s", type(exc).__name__)
            self._close_demo()
            self._say(DEMO_UNREADABLE.format(path=demo_database_path()))
            return
        if made:
            self._on_demo_succeeded(made)
            return
        generate = demo_generator()
        self._set_busy(True)
        self.progress = QProgressDialog("Making the demo home…", "&Stop", 0, 0, self)
        self.progress.setWindowTitle("Explore with a demo home")
        self.progress.setWindowModality(Qt.WindowModal)
        self.progress.setMinimumDuration(0)
        self.progress.setAutoClose(False)
        self.progress.setAutoReset(False)
        self.operation = Operation(lambda progress: self._run_demo(generate, progress))
        self.progress.canceled.connect(self.operation.cancel)  # the Stop button
        self.progress.rejected.connect(self.operation.cancel)  # Escape
        self.operation.on_progress(self._on_demo_progressed).success(self._on_demo_succeeded)
        self.operation.failure(self._on_demo_failed).start()
        self.progress.show()

    def _run_demo(self, generate: Callable[..., list[Home]], progress: Progress) -> list[Home]:
        """Off the GUI thread: the generator commits each home whole, so a stop leaves nothing half-made."""
        return generate(self.demo_ws, homes=1, years=1, seed=1, progress=progress.report,
                        cancelled=lambda: progress.cancelled)

    def _on_demo_progressed(self, done: int, total: int, text: str) -> None:
        if self.progress is None:
            return
        if text:
            self.progress.setLabelText(text)
        self.progress.setMaximum(max(total, 0))
        # last: a window-modal progress dialog processes events here, which may finish the demo
        self.progress.setValue(min(done, total) if total else 0)

    def _on_demo_succeeded(self, homes: list[Home]) -> None:
        self._finish_demo()
        self.homes = list(homes or [])
        if not self.homes:
            self._close_demo()
            self._say(DEMO_STOPPED)
            return
        log.info("demo ready: %d home(s)", len(self.homes))
        self.workspace, self.demo_ws = self.demo_ws, None  # the caller shows it, and closes it
        self.accept()

    def _on_demo_failed(self, error: BaseException) -> None:
        cancelled = self.operation is not None and self.operation.progress.cancelled
        self._finish_demo()
        self._close_demo()
        if cancelled:
            self._say(DEMO_STOPPED)
        elif isinstance(error, UserFacingError):
            self._say(DEMO_FAILED.format(reason=str(error).rstrip(".")))
        else:
            self._say(DEMO_FAILED.format(reason="the program hit a problem it did not expect (see the log)"))

    def _finish_demo(self) -> None:
        if self.progress is not None:
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None
        self._set_busy(False)

    def _close_demo(self) -> None:
        if self.demo_ws is not None:
            self.demo_ws.close()
            self.demo_ws = None

    def _set_busy(self, busy: bool) -> None:
        for widget in (self.create_button, self.demo_button, self.quit_button):
            widget.setEnabled(not busy)

    def _say(self, text: str) -> None:
        self.status.setText(text)
        self.status.show()

    def reject(self) -> None:  # Qt override: no quitting half-way through making the demo
        if self.operation is not None and self.progress is not None:
            self.operation.cancel()
            return
        super().reject()
