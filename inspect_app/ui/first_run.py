"""The welcome dialog of a database with no home: set up the user's home, or explore with a made-up demo home."""

from __future__ import annotations

import logging
from typing import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QProgressDialog,
    QPushButton, QSpinBox, QVBoxLayout, QWidget,
)

from ..domain.errors import Problem, UserFacingError, ValidationFailed
from ..domain.records import Home
from ..services import registers
from ..services.workspace import Workspace
from . import messages
from .background import Operation, Progress
from .forms import FieldProblems

log = logging.getLogger(__name__)

DEMO_STOPPED = "The demo was stopped. Nothing was added."
DEMO_FAILED = "The demo home could not be made: {reason}. Nothing was added."


def demo_generator() -> Callable[..., list[Home]]:
    """services.demo.generate (a seam the tests replace; imported only when the demo is asked for)."""
    from ..services import demo

    return demo.generate


class FirstRunDialog(QDialog):
    """Accepted once a home exists (`homes` holds what was made); rejected when the user quits."""

    def __init__(self, ws: Workspace, parent: QWidget | None = None):
        super().__init__(parent)
        self.ws = ws
        self.homes: list[Home] = []
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
        self.quit_button = buttons.addButton("&Quit", QDialogButtonBox.RejectRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(welcome)
        layout.addWidget(self._build_home_form())
        layout.addWidget(self._build_demo_box())
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
        text = QLabel("Explore with a made-up home: children, staff and a year of records, so that you can see "
                      "the dashboard, the registers and the reg 35 record at work. The demo home is kept in "
                      "this database; none of it is about real people.")
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
        try:
            home = registers.create_home(self.ws, self.home_from_form())
        except ValidationFailed as exc:
            self.problems.show(exc.problems)
            return
        except UserFacingError as exc:
            self.problems.show([Problem("", str(exc))])
            return
        log.info("home created: id %s", home.id)
        self.homes = [home]
        self.accept()

    # the demo --------------------------------------------------------------------
    def start_demo(self) -> None:
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
        return generate(self.ws, homes=1, years=1, seed=1, progress=progress.report,
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
            self._say(DEMO_STOPPED)
            return
        log.info("demo made: %d home(s)", len(self.homes))
        self.accept()

    def _on_demo_failed(self, error: BaseException) -> None:
        cancelled = self.operation is not None and self.operation.progress.cancelled
        self._finish_demo()
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
