"""The top of the main window: the home's name and details, who is signed in, the demo notice and the home chooser."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ..domain.records import Home
from ..services.workspace import Workspace

DEMO_NOTICE = "Demo home — made-up records, kept apart from yours"
SET_UP_OWN_HOME = "Set up my own home…"


def signed_in_text(ws: Workspace) -> str:
    return f"Signed in as {ws.account.full_name} ({ws.account.role.label.lower()})"


def home_details_text(home: Home) -> str:
    details = [f"URN {home.urn}"]
    if home.provider_name:
        details.append(home.provider_name)
    if home.places:
        details.append(f"{home.places} places")
    return " · ".join(details)


class WindowHeader(QFrame):
    """`homes` are the ones the account may open (SPEC 8): with one, there is nothing to choose."""

    home_chosen = Signal(int)  # a home's id
    own_home_requested = Signal()

    def __init__(self, ws: Workspace, homes: list[Home], home: Home, demo: bool, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("header")
        self.home_name = QLabel()
        self.home_name.setObjectName("homeName")
        self.home_details = QLabel()
        self.home_details.setObjectName("homeDetails")
        names = QVBoxLayout()
        names.setSpacing(0)
        names.addWidget(self.home_name)
        names.addWidget(self.home_details)
        self.row = QHBoxLayout()
        self.row.setContentsMargins(16, 10, 16, 10)
        self.row.addLayout(names, 1)
        self.signed_in = QLabel(signed_in_text(ws))
        self.signed_in.setObjectName("homeDetails")
        self.signed_in.setAccessibleName(self.signed_in.text())
        self.row.addWidget(self.signed_in)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addLayout(self.row)
        self.demo_notice: QLabel | None = None
        self.own_home_button: QPushButton | None = None
        if demo:
            column.addWidget(self._build_demo_notice())
        self.home_chooser: QComboBox | None = None  # one home: nothing to choose, and a faster start without it
        if len(homes) > 1:
            self.home_chooser = self._build_home_chooser(homes, home)
            chooser_label = QLabel("&Home:")
            chooser_label.setBuddy(self.home_chooser)
            self.row.addSpacing(16)
            self.row.addWidget(chooser_label)
            self.row.addWidget(self.home_chooser)
        self.show_home(home)

    def _build_demo_notice(self) -> QFrame:
        """A strip across the header, under the home's name: beside it, with who is signed in, the header would be
        wider than a 1280-pixel screen."""
        self.demo_notice = QLabel(DEMO_NOTICE)
        self.demo_notice.setObjectName("demoNotice")
        self.demo_notice.setAccessibleName(DEMO_NOTICE)
        self.demo_notice.setWordWrap(True)  # a narrow window wraps it rather than growing wider
        self.own_home_button = QPushButton(SET_UP_OWN_HOME)
        self.own_home_button.setToolTip("Leave the demo and set up your home in your own records")
        self.own_home_button.clicked.connect(self.own_home_requested)
        strip = QFrame()
        strip.setObjectName("demoStrip")
        row = QHBoxLayout(strip)
        row.setContentsMargins(16, 6, 16, 6)
        row.addWidget(self.demo_notice, 1)
        row.addWidget(self.own_home_button)
        return strip

    def _build_home_chooser(self, homes: list[Home], home: Home) -> QComboBox:
        chooser = QComboBox()
        chooser.setAccessibleName("Home")
        chooser.setToolTip("Choose which home's records to show")
        for h in homes:
            chooser.addItem(f"{h.name} ({h.urn})", h.id)
        chooser.setCurrentIndex(max(0, chooser.findData(home.id)))
        chooser.currentIndexChanged.connect(self._on_home_chooser_changed)
        return chooser

    def show_home(self, home: Home) -> None:
        self.home_name.setText(home.name)
        self.home_details.setText(home_details_text(home))

    def _on_home_chooser_changed(self, index: int) -> None:
        home_id = self.home_chooser.itemData(index) if self.home_chooser is not None else None
        if home_id is not None:
            self.home_chosen.emit(home_id)
