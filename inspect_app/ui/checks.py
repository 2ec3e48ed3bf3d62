"""Checking the records from the window (SPEC 8, 9): in the background on open, on request with progress, and the
banner that warns of a change made outside the program or of a damaged file."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QMessageBox, QProgressDialog, QPushButton, QWidget

from ..domain.errors import UserFacingError
from ..domain.roles import Permission
from ..services.verify import verify
from ..services.workspace import Workspace
from ..storage.database import Database
from .background import Operation
from .permissions import as_sentence

log = logging.getLogger(__name__)

# services/verify.py starts SQLite's integrity failures with these words; the other checks read a sound file
DAMAGED = "the database file is damaged"
UNREADABLE = "the database file is damaged: it could not be read to check it"
SHOWN_AT_MOST = 12
CHECK_MENU = "File > Check the records…"
RESTORE_MENU = "File > Restore from a backup…"


@dataclass(frozen=True)
class CheckResult:
    """What services/verify found: one plain sentence a problem; none means the records passed."""

    problems: tuple[str, ...]

    @property
    def passed(self) -> bool:
        return not self.problems

    @property
    def damaged(self) -> bool:
        return any(p.startswith(DAMAGED) for p in self.problems)


def check(ws: Workspace) -> CheckResult:
    """verify() on a connection of its own, so the window's reads and saves never wait behind a long check."""
    db = Database.open_read_only(ws.db.path, ws.db.key)
    try:
        return CheckResult(tuple(verify(Workspace(db, ws.account, ws.slots, ws.clock))))
    finally:
        db.close()


def one_line(problem: str, at_most: int = 200) -> str:
    """SQLite's own reports run over several lines: one short line each, for a banner or a list."""
    text = " ".join(problem.split())
    return as_sentence(text if len(text) <= at_most else text[:at_most - 1].rstrip() + "…")


def listed(problems: tuple[str, ...]) -> str:
    shown = [f"• {one_line(p)}" for p in problems[:SHOWN_AT_MOST]]
    if len(problems) > SHOWN_AT_MOST:
        shown.append(f"…and {len(problems) - SHOWN_AT_MOST} more.")
    return "\n".join(shown)


class CheckBanner(QFrame):
    """The warning across the top of the window; hidden while the records pass."""

    check_requested = Signal()
    restore_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("banner")
        self.text = QLabel()
        self.text.setObjectName("problem")  # red, as every problem is; the frame is styled as #banner
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text.setAccessibleName("Warning about the records")
        self.action = QPushButton()
        self.action.clicked.connect(self._on_action_clicked)
        self.hide_button = QPushButton("Hide")
        self.hide_button.setToolTip("Hide this warning until the records are next checked")
        self.hide_button.clicked.connect(self.hide)
        row = QHBoxLayout(self)
        row.setContentsMargins(16, 8, 16, 8)
        row.addWidget(self.text, 1)
        row.addWidget(self.action)
        row.addWidget(self.hide_button)
        self._restores = False
        self.hide()

    def show_result(self, result: CheckResult, may_restore: bool) -> None:
        if result.passed:
            self.hide()
            return
        first = one_line(result.problems[0])
        more = "" if len(result.problems) == 1 else f" ({len(result.problems) - 1} more problems were found.)"
        self._restores = result.damaged
        if result.damaged:
            way = (f"Restore the latest sound backup from {RESTORE_MENU} (the file as it is now is kept in the "
                   "backup folder)." if may_restore else
                   "Ask a manager to restore the latest sound backup; until then, save as little as you can.")
            self.text.setText(f"The records file failed SQLite's integrity check. {first}{more} {way}")
            self.action.setText("Restore from a backup…")
            self.action.setVisible(may_restore)
        else:
            self.text.setText(f"The audit trail shows a change made outside the program. {first}{more} "
                              f"Run a check from {CHECK_MENU}, and tell your responsible individual.")
            self.action.setText("Check the records…")
            self.action.setVisible(True)
        self.show()

    def _on_action_clicked(self) -> None:
        (self.restore_requested if self._restores else self.check_requested).emit()


class RecordsCheck(QObject):
    """Runs the check off the GUI thread; the banner shows the outcome, and a check asked for is reported."""

    checked = Signal(object)  # the CheckResult

    def __init__(self, ws: Workspace, window: QWidget, banner: CheckBanner):
        super().__init__(window)
        self.ws = ws
        self.owner = window
        self.banner = banner
        self.progress: QProgressDialog | None = None
        self.message: QMessageBox | None = None  # the last outcome shown (tests read it)

    def run(self, report: bool = False) -> Operation:
        """`report`: the user asked, so show progress and say the outcome even when it is good."""
        if report:
            self._show_progress()
        ws = self.ws
        operation = Operation(lambda _progress: check(ws))
        operation.success(self._on_report_succeeded if report else self._on_succeeded)
        operation.failure(self._on_report_failed if report else self._on_failed)
        return operation.start()

    def _show_progress(self) -> None:
        self.progress = QProgressDialog("Checking the records: the file, the audit trail and every record…",
                                        "", 0, 0, self.owner)
        self.progress.setWindowTitle("Check the records")
        self.progress.setCancelButton(None)  # one pass of SQLite's check: nothing to stop part-way
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.setMinimumDuration(0)
        self.progress.setValue(0)

    def _on_succeeded(self, result: CheckResult) -> None:
        self.banner.show_result(result, self.ws.account.may(Permission.MANAGE_DATABASE))
        log.info("records checked: %d problems", len(result.problems))
        self.checked.emit(result)

    def _on_failed(self, exc: BaseException) -> None:
        log.warning("the records could not be checked: %s", type(exc).__name__)
        detail = f"{DAMAGED}: {exc}" if isinstance(exc, UserFacingError) else UNREADABLE
        self._on_succeeded(CheckResult((detail,)))

    def _on_report_succeeded(self, result: CheckResult) -> None:
        self._close_progress()
        self._on_succeeded(result)
        self._say(result)

    def _on_report_failed(self, exc: BaseException) -> None:
        self._close_progress()
        self._on_failed(exc)
        self._say(CheckResult((UNREADABLE,)))

    def _close_progress(self) -> None:
        if self.progress is not None:
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None

    def _say(self, result: CheckResult) -> None:
        if result.passed:
            box = QMessageBox(QMessageBox.Icon.Information, "Check the records",
                              "The records passed every check: the file is sound, the audit trail is whole, and "
                              "every record matches its last audited change.", QMessageBox.StandardButton.Ok,
                              self.owner)
        else:
            count = len(result.problems)
            way = (f"Restore the latest sound backup ({RESTORE_MENU})." if result.damaged else
                   "Tell your responsible individual: a change made outside the program must be explained.")
            box = QMessageBox(QMessageBox.Icon.Warning, "Check the records",
                              f"The check found {count} problem{'' if count == 1 else 's'}. {way}",
                              QMessageBox.StandardButton.Ok, self.owner)
            box.setInformativeText(listed(result.problems))
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.message = box
        box.open()
