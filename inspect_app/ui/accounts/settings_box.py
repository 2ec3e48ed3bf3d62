"""The database's own settings on the accounts page (SPEC 8, 9): idle lock minutes and daily backups kept."""

from __future__ import annotations

import logging

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QGroupBox, QHBoxLayout, QLabel, QPushButton, QSpinBox, QVBoxLayout, QWidget

from ...services import settings
from ...services.workspace import Workspace
from ..forms import FieldProblems

log = logging.getLogger(__name__)
SUFFIXES = {settings.IDLE_LOCK_MINUTES.key: " minutes", settings.BACKUPS_KEPT.key: " backups"}


class SettingsBox(QGroupBox):
    """One spin box a declared setting, within its limits; saved through services/settings.py, each change audited."""

    settings_changed = Signal()

    def __init__(self, ws: Workspace, parent: QWidget | None = None):
        super().__init__("Settings for these records", parent)
        self.ws = ws
        self.general = QLabel()
        self.problems = FieldProblems(self.general)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        self.boxes: dict[str, QSpinBox] = {}
        for setting in settings.ALL:
            box = QSpinBox()
            box.setRange(setting.minimum, setting.maximum)
            box.setSuffix(SUFFIXES.get(setting.key, ""))
            box.setToolTip(setting.help)
            box.setMinimumWidth(140)
            self.problems.add_row(form, f"{setting.title}:", setting.key, box)
            self.boxes[setting.key] = box
        self.save_button = QPushButton("Save the settings")
        self.save_button.clicked.connect(self.save)
        self.status = QLabel()
        self.status.setObjectName("status")
        row = QHBoxLayout()
        row.addWidget(self.save_button)
        row.addWidget(self.status, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.general)
        layout.addLayout(form)
        layout.addLayout(row)
        self.load()

    def load(self) -> None:
        for setting in settings.ALL:
            self.boxes[setting.key].setValue(settings.value(self.ws, setting))

    def save(self) -> bool:
        self.problems.clear()
        self.status.clear()
        changed = [s for s in settings.ALL if self.boxes[s.key].value() != settings.value(self.ws, s)]
        for setting in changed:
            if self.problems.attempt(lambda s=setting: settings.change(self.ws, s, self.boxes[s.key].value())) is None:
                return False
        self.status.setText("Saved." if changed else "Nothing was changed.")
        if changed:
            log.info("settings changed: %d", len(changed))
            self.settings_changed.emit()
        return True
