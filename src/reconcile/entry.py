"""The `reconcile` command's entry point: `reconcile --version` answers here, before
click and the rest of the command line are imported (a check that a tool is there
should cost little more than starting Python); anything else goes to cli.main.

Once the command has finished and its output is flushed, the process ends without
the interpreter's teardown: freeing a large run's objects one by one, which the
operating system does at once, would cost time after the work is done. Exit
handlers (atexit) still run, and under a profiler or a tracer (cProfile, a
debugger, coverage) the interpreter ends as usual, so that they can report."""

from __future__ import annotations

import atexit
import os
import sys

from .version import __version__


def main() -> None:
    if sys.argv[1:] == ["--version"]:
        # as click.version_option prints it (tests/test_cli.py compares the two)
        sys.stdout.write(f"reconcile, version {__version__}\n")
        return
    from .cli import main as cli_main

    try:
        cli_main()
        code = 0
    except SystemExit as exit_:
        code = _exit_status(exit_.code)
    _end(code)


def _exit_status(code: object) -> int:
    """What sys.exit(code) would make of ``code``: a message is printed and is a failure."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    print(code, file=sys.stderr)
    return 1


def _end(code: int) -> None:
    if sys.getprofile() is not None or sys.gettrace() is not None:
        sys.exit(code)
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            code = code or 1  # the output was lost: not a success
    os._exit(code)
