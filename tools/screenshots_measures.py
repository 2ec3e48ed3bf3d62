"""Makes the reg 35 screenshots (measures list, record form, sign-off) offscreen from a demo database.

Run: .venv/bin/python tools/screenshots_measures.py [--out docs/screenshots]
Each shot is a (name, builder) pair, as in tools/screenshots.py, so the two lists can be merged.
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
from inspect_app.ui.measures.page import MeasuresPage  # noqa: E402

# Fixed moments (as tools/screenshots.py): the demo runs to Sunday noon; we look on the Tuesday morning.
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
    try:
        from inspect_app.ui.main_window import MainWindow
    except ImportError:
        page = _loaded_page(ws)
        shown: QWidget = page
    else:
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


SHOTS: list[tuple[str, Callable[[Workspace], QWidget]]] = [
    ("measures-list", measures_list),
    ("measure-form", measure_form),
    ("signoff", signoff),
]


def grab(widget: QWidget, target: Path) -> None:
    widget.show()
    for _ in range(3):
        QApplication.processEvents()
    widget.grab().save(str(target))


def main(argv: list[str] | None = None) -> int:
    from inspect_app.ui.app import create_application

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
