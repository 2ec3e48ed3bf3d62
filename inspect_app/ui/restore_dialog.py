"""File > Restore from a backup… (SPEC 9): choose a backup, confirm the password, and put it in place of the records.

The window holds the database open and its instance lock: both are let go for the restore and taken again
after it, and the window's owner is handed a workspace on the records as they now are (`RestoreRun.finished`).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QHBoxLayout,
                               QHeaderView, QLabel, QLineEdit, QMessageBox, QProgressDialog, QPushButton, QTableView,
                               QVBoxLayout, QWidget)

from ..domain.errors import Problem, UserFacingError
from ..domain.local_time import format_local
from ..paths import backups_dir
from ..services.restore import check_password, restore
from ..services.workspace import Credentials, Workspace
from ..storage.database import Database
from ..storage.instance_lock import AlreadyOpen, InstanceLock
from ..storage.keyslots import KeySlots, WrongPassword
from .background import Operation
from .forms import FieldProblems
from .permissions import as_sentence

log = logging.getLogger(__name__)
_outcomes: list[QMessageBox] = []  # outcome notes outlive the window they were asked from


@dataclass(frozen=True)
class BackupFile:
    path: Path
    made: datetime
    size: int

    @property
    def size_text(self) -> str:
        return f"{self.size / 1_048_576:.1f} MB" if self.size >= 1_048_576 else f"{max(1, self.size // 1024)} KB"


def list_backups(database: Path) -> list[BackupFile]:
    """The database files in the backup folder, newest first (a set-aside 'before-restore' file among them)."""
    folder = backups_dir(database)
    found = []
    for path in folder.glob("*.db") if folder.is_dir() else ():
        stat = path.stat()
        found.append(BackupFile(path, datetime.fromtimestamp(stat.st_mtime, timezone.utc), stat.st_size))
    return sorted(found, key=lambda b: (b.made, b.path.name), reverse=True)


class BackupsModel(QAbstractTableModel):
    HEADERS = ("Made", "Size", "File")

    def __init__(self, backups: list[BackupFile], parent: QObject | None = None):
        super().__init__(parent)
        self.backups = list(backups)

    def add(self, backup: BackupFile) -> int:
        self.beginInsertRows(QModelIndex(), 0, 0)
        self.backups.insert(0, backup)
        self.endInsertRows()
        return 0

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # Qt override
        return 0 if parent.isValid() else len(self.backups)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # Qt override
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        return None

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):  # Qt override
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        b = self.backups[index.row()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return str(b.path)
        return (format_local(b.made, with_day=True), b.size_text, b.path.name)[index.column()]


class RestoreDialog(QDialog):
    """Lists the backups, asks for the password again; `restore_chosen` once the password opens the backup."""

    restore_chosen = Signal(object, str)  # the backup's path, the password

    def __init__(self, ws: Workspace, parent: QWidget | None = None):
        super().__init__(parent)
        self.ws = ws
        self.setWindowTitle("Restore from a backup")
        self.setMinimumWidth(680)
        intro = QLabel(
            "Put a backup back in place of the records, for example when the file is damaged. Anything saved "
            "since the backup was made is not in it.\n\nThe records as they are now are not deleted: the current "
            f"file is moved into the backup folder ({backups_dir(ws.db.path)}) first, so a restore can be undone.")
        intro.setWordWrap(True)
        self.general = QLabel()
        self.problems = FieldProblems(self.general)
        self.model = BackupsModel(list_backups(ws.db.path), self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.restore_button = self.buttons.addButton("&Restore this backup", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.attempt)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (intro, self.general):
            layout.addWidget(widget)
        layout.addLayout(self._build_form(), 1)
        layout.addWidget(self.buttons)
        self.restore_button.setDefault(True)  # only once inside the dialog does Qt keep it as Enter's button
        if self.model.rowCount():
            self.table.selectRow(0)
        self.password.setFocus()

    def _build_form(self) -> QFormLayout:
        form = QFormLayout()
        self.problems.add_row(form, "&Backup:", "backup", self._build_table())
        self.other = QPushButton("Choose another &file…")
        self.other.setToolTip("A backup kept elsewhere, on a memory stick for example")
        self.other.clicked.connect(self.choose_other_file)
        other_row = QHBoxLayout()
        other_row.addWidget(self.other)
        other_row.addStretch(1)
        form.addRow("", other_row)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.problems.add_row(form, "Your &password:", "password", self.password)
        note = QLabel("A restore replaces every record, so type your password again. If you changed it since the "
                      "backup was made, type the one you had then.")
        note.setObjectName("hint")
        note.setWordWrap(True)
        note.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)  # the form gives it spare height
        form.addRow("", note)
        return form

    def _build_table(self) -> QTableView:
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setShowGrid(False)
        self.table.setMinimumHeight(180)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        return self.table

    def chosen(self) -> Path | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.backups[rows[0].row()].path if rows else None

    def choose_other_file(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(self, "Choose a backup", str(backups_dir(self.ws.db.path)),
                                                    "Databases (*.db);;All files (*)")
        if name:
            self.add_file(Path(name))

    def add_file(self, path: Path) -> None:
        stat = path.stat()
        self.table.selectRow(self.model.add(BackupFile(path, datetime.fromtimestamp(stat.st_mtime, timezone.utc),
                                                       stat.st_size)))

    def attempt(self) -> None:
        """Checks the password off the GUI thread (it takes half a second on purpose), then hands over."""
        source, password = self.chosen(), self.password.text()
        problems = [] if source else [Problem("backup", "choose the backup to restore")]
        problems += [] if password else [Problem("password", "type your password")]
        self.problems.show(problems)
        if problems:
            return
        database, credentials = self.ws.db.path, Credentials(self.ws.actor, password)
        self._checked = (source, password)
        self.restore_button.setEnabled(False)
        self.restore_button.setText("Checking the password…")
        operation = Operation(lambda _progress: check_password(database, source, credentials))
        # bound methods, not lambdas: Qt drops the connection if the dialog is gone by then
        operation.success(self._on_password_accepted)
        operation.failure(self._on_password_refused)
        operation.start()

    def _on_password_accepted(self, _none: None) -> None:
        self.accept()
        self.restore_chosen.emit(*self._checked)

    def _on_password_refused(self, exc: BaseException) -> None:
        self.restore_button.setEnabled(True)
        self.restore_button.setText("&Restore this backup")
        if not isinstance(exc, UserFacingError):
            raise exc  # the window's excepthook logs it and shows the generic dialog
        field = "password" if isinstance(exc, WrongPassword) else "backup"
        self.problems.show([Problem(field, str(exc))])


@dataclass
class Outcome:
    """What a restore did, and the workspace over the records as they now are (None if they could not reopen)."""

    workspace: Workspace | None
    text: str
    restored: bool


def restore_and_reopen(ws_path: Path, source: Path, credentials: Credentials, key: bytes | None, ws_account,
                       clock: Callable[[], datetime], lock: InstanceLock | None) -> Outcome:
    """Off the GUI thread, with the window's connection closed and its lock let go."""
    try:
        report = restore(ws_path, source, credentials, clock=clock)
        text, restored = f"The backup {source.name} was restored.", True
        if report.set_aside is not None:
            text += (f" The records as they were just before are kept in the backup folder as "
                     f"{report.set_aside.name}, so this can be undone.")
        text += "".join(f" {as_sentence(w)}" for w in report.warnings)
    except Exception as exc:  # whatever went wrong, the records must be opened again below
        log.warning("restore failed: %s", type(exc).__name__, exc_info=not isinstance(exc, UserFacingError))
        reason = as_sentence(str(exc)) if isinstance(exc, UserFacingError) else "An unexpected problem stopped it."
        text, restored = f"The backup was not restored, and the records are as they were. {reason}", False
    if lock is not None:
        try:
            lock.acquire()
        except AlreadyOpen as exc:
            text += f" {as_sentence(str(exc))}"
    return Outcome(_reopen(ws_path, credentials, key, ws_account, clock), text, restored)


def _reopen(path: Path, credentials: Credentials, key: bytes | None, account, clock) -> Workspace | None:
    """Signs in again with the password typed; when it belongs only to the backup, the key the window held."""
    try:
        return Workspace.open(path, credentials, clock=clock)
    except UserFacingError:
        pass
    try:
        ws = Workspace(Database.open(path, key=key, now=clock()), account, KeySlots.load(path), clock)
        ws.refresh_account()
        return ws
    except Exception:
        log.exception("the records could not be opened again after a restore")
        return None


class RestoreRun(QObject):
    """Closes the window's workspace, restores in the background with progress, and reports with `finished`."""

    finished = Signal(object)  # the Outcome

    def __init__(self, ws: Workspace, source: Path, password: str, lock: InstanceLock | None, window: QWidget):
        super().__init__(window)
        self.ws, self.source, self.lock, self.owner = ws, source, lock, window
        self.credentials = Credentials(ws.actor, password)
        self.progress: QProgressDialog | None = None

    def start(self) -> "RestoreRun":
        ws, source, credentials, lock = self.ws, self.source, self.credentials, self.lock
        path, key, account, clock = ws.db.path, ws.db.key, ws.account, ws.clock
        self.progress = QProgressDialog("Restoring the backup: checking it, then putting it in place…", "", 0, 0,
                                        self.owner)
        self.progress.setWindowTitle("Restore from a backup")
        self.progress.setCancelButton(None)  # stopping half-way is what the restore is built to avoid
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.setMinimumDuration(0)
        self.progress.setValue(0)
        ws.close()
        if lock is not None:
            lock.release()
        log.info("restore started")
        operation = Operation(lambda _p: restore_and_reopen(path, source, credentials, key, account, clock, lock))
        operation.success(self._on_done)
        operation.failure(lambda exc: self._on_done(Outcome(None, f"The restore failed: {exc}", False)))
        operation.start()
        return self

    def _on_done(self, outcome: Outcome) -> None:
        if self.progress is not None:
            self.progress.close()
            self.progress = None
        if outcome.workspace is None:
            outcome.text += (" The records could not be opened again: close the program and open it again. If they "
                             "still do not open, ask for help before trying anything else.")
        self.finished.emit(outcome)


def show_outcome(outcome: Outcome, parent: QWidget | None = None) -> QMessageBox:
    """Told after the window has been rebuilt over the records as they now are."""
    icon = QMessageBox.Icon.Information if outcome.restored else QMessageBox.Icon.Warning
    box = QMessageBox(icon, "Restore from a backup", outcome.text, QMessageBox.StandardButton.Ok, parent)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    _outcomes.append(box)
    box.finished.connect(lambda _result: _outcomes.remove(box))
    box.open()
    return box
