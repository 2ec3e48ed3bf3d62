"""Makes the window's PNGs in docs/screenshots/ offscreen, from a demo database: a simple list of (name, builder).

Run: .venv/bin/python tools/screenshots.py [--out docs/screenshots]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from inspect_app.services.workspace import Workspace  # noqa: E402
from inspect_app.ui.app import create_application  # noqa: E402
from inspect_app.ui.first_run import FirstRunDialog  # noqa: E402
from inspect_app.ui.main_window import MainWindow  # noqa: E402
from inspect_app.ui.measures.page import MeasuresPage  # noqa: E402

# Fixed moments, so the pictures do not change from one run to the next: the demo is made up to a
# Sunday, and the window is looked at on the Tuesday morning, when the weekend's sign-offs are late.
DEMO_END = datetime(2026, 11, 22, 12, 0, tzinfo=timezone.utc)
LOOKED_AT = datetime(2026, 11, 24, 8, 30, tzinfo=timezone.utc)
SIZE = (1280, 800)


class Clock:
    def __init__(self, moment: datetime):
        self.moment = moment

    def __call__(self) -> datetime:
        return self.moment


def demo_workspace(folder: Path) -> Workspace:
    from inspect_app.services import demo

    clock = Clock(DEMO_END)
    ws = Workspace.open(folder / "demo.db", actor="screenshots", clock=clock)
    demo.generate(ws, homes=1, years=1, seed=1)
    clock.moment = LOOKED_AT
    return ws


def _window(ws: Workspace, area: str) -> MainWindow:
    window = MainWindow(ws)
    window.show_area(area)
    window.resize(*SIZE)
    return window


def dashboard(ws: Workspace) -> QWidget:
    return _window(ws, "dashboard")


def demo_notice(ws: Workspace) -> QWidget:
    """The window as it opens over the demo home (demo.db): the header and the title say so."""
    window = MainWindow(ws, demo=True)
    window.show_area("dashboard")
    window.resize(*SIZE)
    return window


def children(ws: Workspace) -> QWidget:
    window = _window(ws, "children")
    window.page("children").view.selectRow(1)
    return window


def staff_editor(ws: Workspace) -> QWidget:
    window = _window(ws, "staff")
    page = window.page("staff")
    page.view.selectRow(3)
    editor = page.edit_selected()
    editor.adjustSize()
    return editor


def first_run(ws: Workspace) -> QWidget:
    dialog = FirstRunDialog(ws)
    dialog.urn.setText("SC12345")
    dialog.name.setText("Willow Lodge")
    dialog.places.setValue(4)
    dialog.provider.setText("Evergreen Care Ltd")
    dialog.create_home()  # shows the URN problem next to its field
    dialog.adjustSize()
    return dialog


def _wait_for(page: MeasuresPage, start) -> None:
    wait = QEventLoop()
    page.loaded.connect(wait.quit)
    QTimer.singleShot(10_000, wait.quit)  # never hang the script
    start()
    wait.exec()


_KEEP: list[QWidget] = []  # pages whose dialogs are shot must outlive the builder (a dialog dies with its page)


def _loaded_page(ws: Workspace) -> MeasuresPage:
    page = MeasuresPage(ws, ws.homes.all()[0])
    page.resize(*SIZE)
    _wait_for(page, page.show)
    _KEEP.append(page)
    return page


def _first(page: MeasuresPage, wanted) -> int:
    for row in range(page.proxy.rowCount()):
        m = page.model.row_at(page.proxy.mapToSource(page.proxy.index(row, 0)).row()).measure
        if wanted(m):
            return m.id
    raise LookupError("no record in the demo data fits this screenshot")


def measures_list(ws: Workspace) -> QWidget:
    """The list as it looks in the window (the window's own page, when the window exists)."""
    shown = MainWindow(ws)
    shown.resize(*SIZE)
    page = shown.page("measures")
    _wait_for(page, lambda: (shown.show_area("measures"), shown.show()))
    page.select_measure(_first(page, lambda m: not m.locked))
    return shown


def measure_form(ws: Workspace) -> QWidget:
    page = _loaded_page(ws)
    form = page.open_measure(_first(page, lambda m: m.is_restraint and not m.locked and len(m.used_by) > 1))
    form.resize(960, 1000)
    return form


def signoff(ws: Workspace) -> QWidget:
    page = _loaded_page(ws)
    page.select_measure(_first(page, lambda m: m.is_restraint and not m.locked))
    dialog = page.sign_off_selected()
    dialog.adjustSize()
    return dialog


def home_details(ws: Workspace) -> QWidget:
    window = _window(ws, "dashboard")
    _KEEP.append(window)  # the dialog dies with its window
    editor = window.edit_home_details()
    editor.adjustSize()
    return editor


SHOTS: list[tuple[str, Callable[[Workspace], QWidget]]] = [
    ("dashboard", dashboard),
    ("measures-list", measures_list),
    ("measure-form", measure_form),
    ("signoff", signoff),
    ("children", children),
    ("staff-editor", staff_editor),
    ("first-run", first_run),
    ("home-details", home_details),
    ("demo-notice", demo_notice),
]


def grab(widget: QWidget, target: Path) -> None:
    widget.show()
    for _ in range(3):
        QApplication.processEvents()
    widget.grab().save(str(target))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent.parent / "docs" / "screenshots")
    parser.add_argument("--only", nargs="*", help="names of the shots to make")
    args = parser.parse_args(argv)
    app = create_application(sys.argv[:1])
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        os.environ["INSPECT_APP_DATA"] = folder  # never the real user's settings or logs
        ws = demo_workspace(Path(folder))
        try:
            for name, builder in SHOTS:
                if args.only and name not in args.only:
                    continue
                widget = builder(ws)
                grab(widget, args.out / f"{name}.png")
                print(f"wrote {args.out / f'{name}.png'}")
                widget.close()
        finally:
            ws.close()
    app.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main())
