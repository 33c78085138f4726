"""Report: Reconciliation -> text in one of several formats.

Every machine format is built from one neutral record form (records.py); the
formats are looked up by name, so adding one is adding an entry."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TextIO

from ..model import Reconciliation
from .csv import render_csv
from .github import render_github
from .html import render_html
from .json import render_json
from .junit import render_junit
from .markdown import render_markdown
from .sarif import render_sarif
from .terminal import render_terminal

FAIL_ON_LEVELS = ("info", "warning", "error", "never")


@dataclass(frozen=True)
class ReportOptions:
    """What a renderer may need beyond the reconciliation itself.

    fail_on is the level at which the run fails (already resolved from the command
    line and config): formats that mark failures, such as JUnit, mark the same
    findings that set the exit code."""

    fail_on: str = "error"

    def __post_init__(self) -> None:
        if self.fail_on not in FAIL_ON_LEVELS:
            raise ValueError(f"fail_on must be one of {', '.join(FAIL_ON_LEVELS)}, not {self.fail_on!r}")


Renderer = Callable[[Reconciliation, TextIO, ReportOptions], None]

FORMATS: dict[str, Renderer] = {
    "terminal": render_terminal,
    "json": render_json,
    "markdown": render_markdown,
    "html": render_html,
    "csv": render_csv,
    "junit": render_junit,
    "github": render_github,
    "sarif": render_sarif,
}


def render(
    reconciliation: Reconciliation, fmt: str, stream: TextIO, options: ReportOptions | None = None
) -> None:
    FORMATS[fmt](reconciliation, stream, options or ReportOptions())
