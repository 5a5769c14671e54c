"""The ``herald`` command: its entry point, with every command group registered."""

from __future__ import annotations

import os
import sys

import click

from generator.adapters import (  # noqa: F401 - each registers its commands
    cli_announce, cli_authoring, cli_site, cli_tools, cli_translations, cli_verify)
from generator.adapters.cli_common import main

__all__ = ["main", "run"]


def run() -> None:
    """Entry point: run the command; an unexpected failure is one line, not a traceback."""
    try:
        main(standalone_mode=True)
    except Exception as exc:  # noqa: BLE001 - last line of defence for the console
        if os.environ.get("HERALD_DEBUG"):
            raise
        click.secho(f"herald: internal error: {type(exc).__name__}: {exc}\n"
                    "set HERALD_DEBUG=1 to see the traceback, and please report it", fg="red", err=True)
        sys.exit(2)


if __name__ == "__main__":  # pragma: no cover
    run()
