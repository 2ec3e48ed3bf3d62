"""The editor of one version of the statement of purpose (reg 16, schedule 1): the day it takes effect, the range of
needs the home is for, the ages, the places and whether it takes emergency admissions."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtCore import QRegularExpression
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QLineEdit, QWidget

from ...domain.errors import Problem
from ...domain.local_time import format_date, to_local
from ...domain.placements import PurposeVersion, validate_purpose
from ...services import placements
from ..date_field import DateField
from ..registers.editor import RegisterEditor, text_box
from ..visits.visit_editor import GroupedProblems
from .needs_grid import NeedsGrid


def _number(digits: int) -> QLineEdit:
    edit = QLineEdit()
    edit.setValidator(QRegularExpressionValidator(QRegularExpression(rf"\d{{0,{digits}}}"), edit))
    edit.setMaxLength(digits)
    edit.setFixedWidth(edit.fontMetrics().horizontalAdvance("0" * (digits + 2)) + 16)
    return edit


def _int(edit: QLineEdit) -> int | None:
    return int(edit.text()) if edit.text().strip() else None


class PurposeEditor(RegisterEditor[PurposeVersion]):
    """A new version starts as a copy of the one in effect today, from today: most versions change a line or two.
    Problems go under their fields; the ages' row holds both ages."""

    noun = "purpose_version"

    def intro_text(self) -> str:
        return ("A version of the home's statement of purpose: from the day it takes effect until the next version's. "
                "A child is admitted only if their needs are within it (reg 14(2)(a)). Fields marked * are required.")

    def title_text(self) -> str:
        if self.original is None:
            return "Add a version of the statement of purpose"
        return f"Statement of purpose from {format_date(self.original.effective_from)}"

    @property
    def today(self) -> date:
        return to_local(self.ws.now()).date()

    def build_fields(self) -> None:
        self.problems = GroupedProblems(self.general)  # the ages' row holds two inputs
        self.effective_from = self.add_field("&Takes effect on *", "effective_from", DateField())
        self.effective_from.setMaximumWidth(self.effective_from.fontMetrics().horizontalAdvance("00/00/00000") + 48)
        self.needs = NeedsGrid(placements.need_categories(self.ws))
        self.problems.add_row(self.form, "&Needs it is for *", "needs", self.needs)
        self.age_min, self.age_max = _number(2), _number(2)
        self._ages_row()
        self.places = self.add_field("&Places", "places", _number(2))
        self.emergency = self.add_field("&Emergency admissions", "emergency_admissions",
                                        QCheckBox("The home takes emergency admissions"))
        self.notes = self.add_field("N&otes", "notes", text_box(3))

    def _ages_row(self) -> None:
        """Youngest and oldest on one row; a problem of either goes under the row, naming which (as the visit
        editor's counts do)."""
        holder = QWidget()
        row = QHBoxLayout(holder)
        row.setContentsMargins(0, 0, 0, 0)
        for caption, edit in (("from", self.age_min), ("to", self.age_max)):
            label = QLabel(caption)
            label.setBuddy(edit)
            row.addWidget(label)
            row.addWidget(edit)
        row.addStretch(1)
        holder.setFocusProxy(self.age_min)
        self.problems.add_row(self.form, "&Ages", "ages", holder)
        for field, name, edit in (("age_min", "Youngest", self.age_min), ("age_max", "Oldest", self.age_max)):
            edit.setAccessibleName(f"{name} age")
            self.problems.add_part(field, "ages", name, edit)
            self.fields[field] = edit

    def snapshot(self) -> tuple:
        return super().snapshot() + (self.needs.needs(),)

    def load(self, version: PurposeVersion | None) -> None:
        if version is None:
            current = placements.current_purpose(self.ws, self.home)
            version = replace(current, id=None) if current else PurposeVersion(home_id=self.home.id,
                                                                                 effective_from=self.today)
            version = replace(version, effective_from=self.today, notes="")  # the notes say what this one changes
        self.effective_from.set_date(version.effective_from)
        self.needs.set_needs(version.needs)
        for edit, value in ((self.age_min, version.age_min), (self.age_max, version.age_max),
                            (self.places, version.places)):
            edit.setText("" if value is None else str(value))
        self.emergency.setChecked(version.emergency_admissions)
        self.notes.setPlainText(version.notes)

    def read(self) -> tuple[PurposeVersion, list[Problem]]:
        problems: list[Problem] = []
        effective = self.read_date("effective_from", problems)
        if effective is None and not problems:
            problems.append(Problem("effective_from", "give the day this version takes effect"))
        version = PurposeVersion(home_id=self.home.id, effective_from=effective or self.today,
                                 needs=self.needs.needs(), age_min=_int(self.age_min), age_max=_int(self.age_max),
                                 places=_int(self.places), emergency_admissions=self.emergency.isChecked(),
                                 notes=self.notes.toPlainText().strip())
        if self.original is not None:
            version = replace(version, id=self.original.id)
        return version, problems

    def validate(self, version: PurposeVersion) -> list[Problem]:
        return validate_purpose(version)

    def store(self, version: PurposeVersion) -> PurposeVersion:
        return placements.save_purpose(self.ws, version)
