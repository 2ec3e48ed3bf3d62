"""The home's details and settings (SPEC 2.1): names, places, ages, and the physical-intervention scheme and holds."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QSpinBox, QWidget

from ..domain.errors import Problem
from ..domain.records import Home
from ..domain.validation import validate_home
from ..services.registers import update_home
from ..services.workspace import Workspace
from .registers.editor import RegisterEditor

NOT_RECORDED = "Not recorded"


def _number(maximum: int) -> QSpinBox:
    box = QSpinBox()
    box.setRange(0, maximum)
    box.setSpecialValueText(NOT_RECORDED)  # 0 shows as "Not recorded"
    return box


def holds_from_text(text: str) -> tuple[str, ...]:
    """One hold a line; blank lines and repeats (in any case) dropped, the first spelling kept."""
    seen: dict[str, str] = {}
    for line in text.splitlines():
        name = " ".join(line.split())
        if name and name.casefold() not in seen:
            seen[name.casefold()] = name
    return tuple(seen.values())


class HomeEditor(RegisterEditor[Home]):
    """Edits the home record itself; the reg 35 form offers the holds of the scheme set here."""

    noun = "home"

    def __init__(self, ws: Workspace, home: Home, parent: QWidget | None = None):
        super().__init__(ws, home, home, parent)

    def intro_text(self) -> str:
        return ("The home's details as registered with Ofsted, and its approved physical-intervention scheme. "
                "The record of a restraint offers the holds listed here; any other hold is kept and flagged.")

    def title_text(self) -> str:
        return "Home details"

    def build_fields(self) -> None:
        self.urn = self.add_field("Ofsted &URN *", "urn", QLineEdit())
        self.name = self.add_field("Home &name *", "name", QLineEdit())
        self.places = self.add_field("Number of &places", "places", _number(99))
        self.provider = self.add_field("P&rovider", "provider_name", QLineEdit())
        self.manager = self.add_field("Registered &manager", "registered_manager", QLineEdit())
        self.ri = self.add_field("Responsible &individual", "responsible_individual", QLineEdit())
        self.age_min = self.add_field("Youngest &age", "age_min", _number(25))
        self.age_max = self.add_field("&Oldest age", "age_max", _number(25))
        self.scheme = self.add_field("Physical-intervention &scheme", "pi_scheme", QLineEdit())
        self.holds = self.add_field("&Holds in the scheme (one a line)", "pi_holds", QPlainTextEdit())
        self.holds.setTabChangesFocus(True)
        self.holds.setMinimumHeight(120)

    def load(self, home: Home | None) -> None:
        assert home is not None
        self.urn.setText(home.urn)
        self.name.setText(home.name)
        self.places.setValue(home.places or 0)
        self.provider.setText(home.provider_name)
        self.manager.setText(home.registered_manager)
        self.ri.setText(home.responsible_individual)
        self.age_min.setValue(home.age_min or 0)
        self.age_max.setValue(home.age_max or 0)
        self.scheme.setText(home.pi_scheme)
        self.holds.setPlainText("\n".join(home.pi_holds))

    def read(self) -> tuple[Home, list[Problem]]:
        home = replace(
            self.original, urn=self.urn.text(), name=self.name.text(), places=self.places.value() or None,
            provider_name=self.provider.text().strip(), registered_manager=self.manager.text().strip(),
            responsible_individual=self.ri.text().strip(), age_min=self.age_min.value() or None,
            age_max=self.age_max.value() or None, pi_scheme=self.scheme.text().strip(),
            pi_holds=holds_from_text(self.holds.toPlainText()))
        return home, []

    def validate(self, home: Home) -> list[Problem]:
        return validate_home(home)

    def store(self, home: Home) -> Home:
        return update_home(self.ws, home, reason="home details edited")
