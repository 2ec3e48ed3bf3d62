"""What the signed-in account may do, as the window shows it: actions disabled with the reason, refusals said calmly.

The services refuse anyway (SPEC 8: roles are enforced there); the window only spares people a button
that cannot work, and says why in its tooltip.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMessageBox, QWidget

from ..domain.roles import NotPermitted, Permission
from ..services.workspace import Workspace

REFUSED_TITLE = "Not open to this account"


def as_sentence(text: str) -> str:
    text = text.strip()
    return (text[:1].upper() + text[1:]).rstrip(".") + "."


def refusal(ws: Workspace, permission: Permission, home_id: int | None = None) -> str:
    """'' when the signed-in account may do it; otherwise why not, in a sentence a care worker can act on."""
    try:
        ws.require(permission, home_id)
    except NotPermitted as exc:
        return as_sentence(str(exc))
    return ""


def allow(control: QWidget | QAction, why_not: str, possible: bool = True, tip: str = "") -> None:
    """Enable `control` when the role allows it (`why_not` empty) and `possible` (the selection suits);
    a control the role forbids says why in its tooltip, whatever is selected."""
    control.setEnabled(possible and not why_not)
    control.setToolTip(why_not or tip)
    if isinstance(control, QAction):
        control.setStatusTip(why_not or tip)


def show_refusal(parent: QWidget | None, text: str, title: str = REFUSED_TITLE) -> QMessageBox:
    """A calm, window-modal note (never blocking the event loop) that this account cannot do that."""
    box = QMessageBox(QMessageBox.Icon.Information, title, as_sentence(text), QMessageBox.StandardButton.Ok, parent)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.setObjectName("refusal")
    box.open()
    return box


def refused(parent: QWidget | None, ws: Workspace, permission: Permission, home_id: int | None = None) -> bool:
    """True (after saying why) when the account may not; for the paths a shortcut or a double-click can reach."""
    why = refusal(ws, permission, home_id)
    if why:
        show_refusal(parent, why)
    return bool(why)
