"""Makes the window's PNGs in docs/screenshots/ offscreen, from made-up records: the scene the shots are taken over
and how a window is built, shown, waited for, grabbed and closed (the shots themselves: tools/screenshot_shots.py).

Run: .venv/bin/python tools/screenshots.py [--out docs/screenshots] [--only NAME ...]
"""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import sys
import tempfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Callable

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop, QSettings, QTimer  # noqa: E402
from PySide6.QtGui import QColor, QPainter, QPixmap  # noqa: E402
from PySide6.QtWidgets import QApplication, QDialog, QWidget  # noqa: E402

from inspect_app.services import demo  # noqa: E402
from inspect_app.services.workspace import Credentials, Workspace  # noqa: E402
from inspect_app.ui.app import build_main_window, create_application  # noqa: E402
from inspect_app.ui.background import Operation  # noqa: E402
from inspect_app.ui.demo_access import DEMO_CREDENTIALS, open_demo_workspace  # noqa: E402
from inspect_app.ui.lock import IdleLock  # noqa: E402
from inspect_app.ui.main_window import MainWindow  # noqa: E402
from inspect_app.ui.measures.page import MeasuresPage  # noqa: E402
from inspect_app.ui.session import add_account_actions  # noqa: E402
from screenshot_shots import DEMO_END, LOOKED_AT, OWNER, OWNER_NAME, SHOTS, add_colleagues  # noqa: E402

SIZE = (1280, 800)
# A fixed folder, not a random temporary one: the window shows the records' path, and the pictures must not change
FOLDER = Path(tempfile.gettempdir()) / "inspect-app-screenshots"


class Clock:
    def __init__(self, moment: datetime):
        self.moment = moment

    def __call__(self) -> datetime:
        return self.moment


def settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def wait_until(done: Callable[[], bool], start: Callable[[], object] | None = None) -> None:
    """Runs the event loop until `done()` (background work finished), for at most ten seconds."""
    if start is not None:
        start()
    loop = QEventLoop()
    poll = QTimer()
    poll.timeout.connect(lambda: done() and loop.quit())
    poll.start(20)
    QTimer.singleShot(10_000, loop.quit)  # never hang the script
    loop.exec()
    poll.stop()


def shown(shot: "QWidget | QPixmap") -> QPixmap:
    """A widget shown, laid out and grabbed (a picture already made is kept as it is)."""
    if isinstance(shot, QWidget):
        shot.show()
        settle()
        shot = shot.grab()
    return shot


def in_front(back: QWidget, front: QWidget) -> QPixmap:
    """A window with its dialog in front, as one picture (a grab shows one window only); the dialog low and to the
    right, as if moved aside, so that the window behind shows its own part too."""
    behind, ahead = back.grab(), front.grab()
    x, y = behind.width() - ahead.width() - 60, behind.height() - ahead.height() - 40
    painter = QPainter(behind)
    painter.fillRect(x + 3, y + 3, ahead.width() + 3, ahead.height() + 3, QColor(0, 0, 0, 70))  # a shadow
    painter.drawPixmap(x, y, ahead)
    painter.setPen(QColor("#9aa5b1"))  # the window's edge, which offscreen windows do not draw
    painter.drawRect(x - 1, y - 1, ahead.width() + 1, ahead.height() + 1)
    painter.end()
    return behind


@dataclass
class Scene:
    """What the shots are taken over (the user's own records, made up, and the demo in its own file), and the
    windows they open: a builder asks the scene for a window and returns what is to be grabbed."""

    ws: Workspace
    demo_ws: Workspace
    clock: Clock
    folder: Path = FOLDER
    opened: list[Workspace] = field(default_factory=list)  # further sign-ins, closed at the end
    locks: list[IdleLock] = field(default_factory=list)  # each window's idle lock, stopped after each shot
    kept: list[QWidget] = field(default_factory=list)  # windows whose dialogs are shot (a dialog dies with its parent)

    # what a builder uses: they are here so that the shots need not import this script
    settle = staticmethod(settle)
    wait_until = staticmethod(wait_until)
    shown = staticmethod(shown)
    in_front = staticmethod(in_front)

    def sign_in(self, credentials: Credentials) -> Workspace:
        self.opened.append(Workspace.open(self.ws.db.path, credentials, clock=self.clock))
        return self.opened[-1]

    def window(self, ws: Workspace, area: str | None = None, *, demo_records: bool = False) -> MainWindow:
        """build_main_window, the idle lock and the account's File menu actions, as session.WindowSession shows
        them."""
        settings = QSettings(str(self.folder / "window.ini"), QSettings.IniFormat)
        settings.clear()  # every window starts as on a first run: no page or size left by the last shot
        window = build_main_window(ws, settings, demo=demo_records)
        lock = IdleLock(ws, 10, hint=f"This is the demo: its password is {DEMO_CREDENTIALS.password}"
                        if demo_records else "")
        self.locks.append(lock)
        add_account_actions(window, ws, lock, demo=demo_records)
        window.settings = None  # closing it must not write the shot's state anywhere
        if area is not None:
            window.show_area(area)
        window.resize(*SIZE)
        return window

    def behind(self, ws: Workspace, area: str) -> MainWindow:
        """A window shown and kept, for a dialog of it to be shot."""
        window = self.window(ws, area)
        self.kept.append(window)
        window.show()
        return window

    def measures_window(self, ws: Workspace) -> tuple[MainWindow, MeasuresPage]:
        window = self.window(ws)
        page = window.page("measures")
        loaded: list[bool] = []
        page.loaded.connect(lambda: loaded.append(True))
        wait_until(lambda: bool(loaded), lambda: (window.show_area("measures"), window.show()))
        self.kept.append(window)
        return window, page

    def close_all(self) -> None:
        """After each shot: nothing left open to be covered, or to answer, in the next."""
        for lock in self.locks:
            lock.stop()
        self.locks.clear()
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QDialog) and widget.isVisible():
                widget.done(QDialog.Rejected)  # not reject(): a dialog with typed changes would ask first
        for widget in [*self.kept, *QApplication.topLevelWidgets()]:
            widget.close()
        self.kept.clear()
        settle()

    def close(self) -> None:
        for ws in (*self.opened, self.demo_ws, self.ws):
            ws.close()


def make_scene(folder: Path) -> Scene:
    clock = Clock(DEMO_END)
    ws = Workspace.create(folder / "records.db", OWNER, OWNER_NAME, clock=clock)
    demo.generate(ws, homes=1, years=1, seed=1)
    demo_ws = open_demo_workspace(clock, folder / "demo.db")
    demo.generate(demo_ws, homes=1, years=1, seed=1)
    add_colleagues(ws)
    clock.moment = LOOKED_AT
    return Scene(ws, demo_ws, clock, folder)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent.parent / "docs" / "screenshots")
    parser.add_argument("--only", nargs="*", help="names of the shots to make")
    args = parser.parse_args(argv)
    unknown = set(args.only or ()) - {name for name, _builder in SHOTS}
    if unknown:
        parser.error(f"no such shot: {', '.join(sorted(unknown))}")
    app = create_application(sys.argv[:1])
    logging.getLogger().addHandler(logging.NullHandler())  # the wrong password's refusal is expected
    args.out.mkdir(parents=True, exist_ok=True)
    shutil.rmtree(FOLDER, ignore_errors=True)
    FOLDER.mkdir(parents=True)
    os.environ["INSPECT_APP_DATA"] = str(FOLDER)  # never the real user's settings or logs
    scene = make_scene(FOLDER)
    try:
        for name, builder in SHOTS:
            if args.only and name not in args.only:
                continue
            shown(builder(scene)).save(str(args.out / f"{name}.png"))
            print(f"wrote {args.out / f'{name}.png'}")
            scene.close_all()
    finally:
        scene.close_all()
        Operation.wait_for_all()  # a window's background check may still be reading: let it end first
        settle()
        scene.close()
        shutil.rmtree(FOLDER, ignore_errors=True)
    app.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main())
