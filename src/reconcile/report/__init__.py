"""Report: Reconciliation -> text in one of several formats.

Every machine format is built from one neutral record form (records.py); the
formats are looked up by name, so adding one is adding an entry."""

from __future__ import annotations

from collections.abc import Callable
from typing import TextIO

from ..model import Reconciliation
from .csv import render_csv
from .github import render_github
from .html import render_html
from .json import render_json
from .junit import render_junit
from .markdown import render_markdown
from .options import ReportOptions
from .sarif import render_sarif
from .terminal import render_terminal

__all__ = ["FORMATS", "ReportOptions", "render"]

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
