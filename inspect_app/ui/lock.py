"""The idle lock (SPEC 8): after some minutes without input, every window of the program is covered until the
signed-in person types their password again; nothing is closed, so whatever was being typed is kept."""

from __future__ import annotations

import logging
import sys

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent, QWindow
from PySide6.QtWidgets import QApplication, QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ..domain.errors import UserFacingError
from ..services.workspace import Workspace
from ..storage.keyslots import WrongPassword
from .account_fields import password_edit
from .background import Operation

log = logging.getLogger(__name__)

# input that means someone is at the computer
ACTIVITY = frozenset({QEvent.KeyPress, QEvent.MouseButtonPress, QEvent.MouseMove, QEvent.Wheel, QEvent.TouchBegin,
                      QEvent.TabletPress})
# what may not reach a covered widget while locked (a tooltip could show a name; a shortcut could act unseen)
BLOCKED = ACTIVITY | frozenset({
    QEvent.KeyRelease, QEvent.MouseButtonRelease, QEvent.MouseButtonDblClick, QEvent.TouchUpdate, QEvent.TouchEnd,
    QEvent.ContextMenu, QEvent.ToolTip, QEvent.WhatsThis, QEvent.InputMethod, QEvent.Shortcut,
    QEvent.ShortcutOverride, QEvent.DragEnter, QEvent.DragMove, QEvent.Drop})
HIDDEN = "The records are hidden because the program was not used for a while, or was locked."
ASK = "{name} ({username}): type your password to carry on. Anything you were typing is kept."
ELSEWHERE = "Type the password in the program's window in front to carry on."
WRONG = "That is not the password for {username}. Check Caps Lock and try again."
UNEXPECTED = "The password could not be checked: the program hit a problem it did not expect (see the log)."


class LockOverlay(QFrame):
    """Covers one top-level window with an opaque panel; when `asking`, it holds the password field."""

    unlock_requested = Signal()

    def __init__(self, window: QWidget, ws: Workspace, hint: str = ""):
        super().__init__(window)
        self.setObjectName("lockOverlay")
        self.setAutoFillBackground(True)  # opaque even without the style sheet
        self.setFocusPolicy(Qt.StrongFocus)
        self.ask_text = ASK.format(name=ws.account.full_name, username=ws.actor)
        panel = QFrame()
        panel.setObjectName("lockPanel")
        panel.setMaximumWidth(500)  # the shorter notes on one line each, without a word left over
        title = QLabel("Locked")
        title.setObjectName("lockTitle")
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.password = password_edit()
        self.password.setAccessibleName("Password")
        self.password.returnPressed.connect(self.unlock_requested)
        self.problem = QLabel()
        self.problem.setObjectName("problem")
        self.problem.setWordWrap(True)
        self.problem.hide()
        self.unlock_button = QPushButton("&Unlock")
        self.unlock_button.setObjectName("unlockButton")  # looks like a default button without being one:
        self.unlock_button.setAutoDefault(False)  # a dialog's default button would take the covered dialog's Enter
        self.unlock_button.clicked.connect(self.unlock_requested)
        self.hint = QLabel(hint)
        self.hint.setObjectName("hint")
        self.hint.setWordWrap(True)
        self._layout(panel, title)
        self.hint.setVisible(bool(hint))  # once in the layout: shown before, it would be a window of its own
        self.set_asking(False)
        self.setGeometry(window.rect())

    def _layout(self, panel: QFrame, title: QLabel) -> None:
        caption = QLabel("&Password:")
        caption.setBuddy(self.password)
        row = QHBoxLayout()
        row.addWidget(caption)
        row.addWidget(self.password, 1)
        row.addWidget(self.unlock_button)
        inner = QVBoxLayout(panel)
        inner.setContentsMargins(24, 20, 24, 20)
        inner.addWidget(title)
        inner.addWidget(QLabel(HIDDEN, wordWrap=True))
        inner.addWidget(self.text)
        inner.addLayout(row)
        inner.addWidget(self.problem)
        inner.addWidget(self.hint)
        self._asking_row = [caption, self.password, self.unlock_button]
        centre = QHBoxLayout()
        centre.addStretch(1)
        centre.addWidget(panel, 4)
        centre.addStretch(1)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addLayout(centre)
        outer.addStretch(2)

    def set_asking(self, asking: bool) -> None:
        self.asking = asking
        self.text.setText(self.ask_text if asking else ELSEWHERE)
        for widget in self._asking_row:
            widget.setVisible(asking)
        if not asking:
            self.problem.hide()

    def say(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.show()

    def set_busy(self, busy: bool) -> None:
        self.password.setEnabled(not busy)
        self.unlock_button.setEnabled(not busy)

    # nothing typed or clicked here reaches the covered window (Escape would close a dialog, Enter save it)
    def keyPressEvent(self, event: QKeyEvent) -> None:  # Qt override
        event.accept()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # Qt override
        event.accept()

    def focusNextPrevChild(self, next: bool) -> bool:  # Qt override: Tab stays on the overlay
        chain = [w for w in (self.password, self.unlock_button) if w.isVisible()]
        if not chain:
            return True
        current = chain.index(self.focusWidget()) if self.focusWidget() in chain else -1
        chain[(current + (1 if next else -1)) % len(chain)].setFocus(Qt.TabFocusReason)
        return True


class IdleLock(QObject):
    """Watches every input to the application; after `minutes` without any, covers every window (`lock()` does it
    at once: File > Lock now, and the tests). `timer` is the idle timer, so a test can fire it without waiting."""

    locked = Signal()
    unlocked = Signal()

    def __init__(self, ws: Workspace, minutes: int, *, hint: str = "", parent: QObject | None = None):
        super().__init__(parent)
        self.ws = ws
        self.hint = hint
        self.overlays: dict[QWidget, LockOverlay] = {}
        self._focus: dict[QWidget, QWidget | None] = {}
        self._checking: LockOverlay | None = None
        self.operation: Operation | None = None
        self.stopped = False
        self._covering = False
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(minutes * 60_000)
        self.timer.timeout.connect(self.lock)
        QApplication.instance().installEventFilter(self)
        self.timer.start()

    def set_minutes(self, minutes: int) -> None:
        """A new idle time (the database's setting was changed); counted afresh from now."""
        self.timer.setInterval(minutes * 60_000)
        if not self.overlays:
            self.timer.start()

    @property
    def is_locked(self) -> bool:
        return bool(self.overlays)

    def stop(self) -> None:
        """No more locking (the window closed, or another database is shown); any overlay is removed."""
        self.stopped = True
        self.timer.stop()
        QApplication.instance().removeEventFilter(self)
        self._uncover()

    # locking ----------------------------------------------------------------------------
    def lock(self) -> None:
        if self.overlays or self.stopped:
            return
        for _ in range(10):  # an open list or menu shows over everything, and may hold names
            popup = QApplication.activePopupWidget()
            if popup is None:
                break
            popup.close()
        windows = [w for w in QApplication.topLevelWidgets() if w.isVisible() and self._coverable(w)]
        if not windows:
            return
        for window in windows:
            self._cover(window)
        self._ask_in(self._front(windows))
        log.info("locked: %d window(s) covered", len(windows))
        self.locked.emit()

    @staticmethod
    def _coverable(widget: QObject) -> bool:
        return (isinstance(widget, QWidget) and widget.isWindow() and not isinstance(widget, LockOverlay)
                and widget.windowType() in (Qt.Window, Qt.Dialog))

    @staticmethod
    def _front(windows: list[QWidget]) -> QWidget:
        for candidate in (QApplication.activeModalWidget(), QApplication.activeWindow()):
            if candidate in windows:
                return candidate
        modal = [w for w in windows if w.isModal() or w.windowModality() != Qt.NonModal]
        return (modal or windows)[-1]

    def _cover(self, window: QWidget) -> None:
        self._focus[window] = window.focusWidget()
        self._covering = True  # what the overlay shows while it is built is never a window to cover
        try:
            overlay = LockOverlay(window, self.ws, self.hint)
            overlay.unlock_requested.connect(self._on_overlay_unlock_requested)
            self.overlays[window] = overlay
            overlay.show()
            overlay.raise_()
            overlay.setFocus(Qt.OtherFocusReason)
        finally:
            self._covering = False

    def _ask_in(self, window: QWidget) -> None:
        """Only one window asks for the password: the one in front (a modal dialog blocks the others)."""
        for covered, overlay in self.overlays.items():
            overlay.set_asking(covered is window)
        asking = self.overlays[window]
        asking.password.setFocus(Qt.OtherFocusReason)

    # unlocking ----------------------------------------------------------------------------
    def _on_overlay_unlock_requested(self) -> None:
        overlay = self.sender()
        if not isinstance(overlay, LockOverlay) or self.operation is not None:
            return
        password = overlay.password.text()
        if not password:
            overlay.say("Type your password.")
            return
        overlay.set_busy(True)
        self._checking = overlay
        ws = self.ws
        self.operation = Operation(lambda _progress: bool(ws.slots.unlock(ws.actor, password)))
        # bound methods, never lambdas: Qt then calls them on the GUI thread
        self.operation.success(self._on_password_accepted).failure(self._on_password_refused).start()

    def _on_password_accepted(self, _opened: bool) -> None:
        self.operation = self._checking = None
        self._uncover()
        self.timer.start()
        log.info("unlocked")
        self.unlocked.emit()

    def _on_password_refused(self, error: BaseException) -> None:
        overlay, self.operation, self._checking = self._checking, None, None
        if overlay is None or not shiboken6.isValid(overlay):
            return
        overlay.set_busy(False)
        overlay.password.clear()
        overlay.password.setFocus(Qt.OtherFocusReason)
        if isinstance(error, WrongPassword):
            log.info("unlock refused")
            overlay.say(WRONG.format(username=self.ws.actor))
        elif isinstance(error, UserFacingError):
            overlay.say(str(error)[:1].upper() + str(error)[1:])
        else:
            overlay.say(UNEXPECTED)
            sys.excepthook(type(error), error, error.__traceback__)

    def _uncover(self) -> None:
        overlays, focus = self.overlays, self._focus
        self.overlays, self._focus = {}, {}
        for overlay in overlays.values():
            if shiboken6.isValid(overlay):
                overlay.hide()
                overlay.deleteLater()
        for window, widget in focus.items():
            if widget is not None and shiboken6.isValid(widget) and shiboken6.isValid(window):
                widget.setFocus(Qt.OtherFocusReason)

    # watching -----------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt override, for every event of the program
        kind = event.type()
        if not self.overlays:
            if kind in ACTIVITY:
                self.timer.start()
            return False
        if kind == QEvent.Resize and watched in self.overlays:
            self.overlays[watched].setGeometry(watched.rect())
        elif kind == QEvent.Show and not self._covering and self._coverable(watched) and watched not in self.overlays:
            self._cover(watched)  # a window that opens while locked (a message) is covered too, and in front
            self._ask_in(watched)
        elif kind in BLOCKED and not self._inside_overlay(watched):
            return True
        return False

    def _inside_overlay(self, watched: QObject) -> bool:
        if not isinstance(watched, QWidget):
            # input reaches a window's QWindow first, which hands it to the widget under it: let it through there
            return isinstance(watched, QWindow)
        return any(o is watched or o.isAncestorOf(watched) for o in self.overlays.values())
