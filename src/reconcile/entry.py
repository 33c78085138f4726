"""The `reconcile` command's entry point: `reconcile --version` answers here, before
click and the rest of the command line are imported (a check that a tool is there
should cost little more than starting Python); anything else goes to cli.main."""

from __future__ import annotations

import sys

from .version import __version__


def main() -> None:
    if sys.argv[1:] == ["--version"]:
        # as click.version_option prints it (tests/test_cli.py compares the two)
        sys.stdout.write(f"reconcile, version {__version__}\n")
        return
    from .cli import main as cli_main

    cli_main()
