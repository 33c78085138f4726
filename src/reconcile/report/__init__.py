"""Report: Reconciliation -> text in one of several formats.

Every machine format is built from one neutral record form (records.py); the
formats are looked up by name, so adding one is adding an entry."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import TextIO

from ..model import Reconciliation
from .options import ReportOptions

__all__ = ["FORMATS", "ReportOptions", "render"]

Renderer = Callable[[Reconciliation, TextIO, ReportOptions], None]

# format -> (module, function): a renderer is imported when it is used (rich, for
# the terminal, costs a JSON run 30 ms of start-up otherwise)
_RENDERERS: dict[str, tuple[str, str]] = {
    "terminal": ("terminal", "render_terminal"),
    "json": ("json", "render_json"),
    "markdown": ("markdown", "render_markdown"),
    "html": ("html", "render_html"),
    "csv": ("csv", "render_csv"),
    "junit": ("junit", "render_junit"),
    "github": ("github", "render_github"),
    "sarif": ("sarif", "render_sarif"),
}
FORMATS = tuple(_RENDERERS)


def renderer(fmt: str) -> Renderer:
    module, function = _RENDERERS[fmt]
    found: Renderer = getattr(importlib.import_module(f"{__name__}.{module}"), function)
    return found


def render(
    reconciliation: Reconciliation, fmt: str, stream: TextIO, options: ReportOptions | None = None
) -> None:
    renderer(fmt)(reconciliation, stream, options or ReportOptions())
