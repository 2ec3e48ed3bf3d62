"""The program's entry point: no arguments opens the window; a subcommand runs the command line."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if not args:
        from inspect_app.ui.app import run_window  # Qt is loaded only when the window is wanted

        return run_window()
    from inspect_app import cli

    return cli.main(args)


if __name__ == "__main__":
    sys.exit(main())
