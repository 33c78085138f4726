"""Report: Reconciliation -> text in one of several formats.

Every machine format is built from one neutral record form (records.py); the
formats are looked up by name, so adding one is adding an entry."""

from __future__ import annotations

from collections.abc import Callable
from typing import TextIO

from ..model import Reconciliation
from .json import render_json
from .terminal import render_terminal

Renderer = Callable[[Reconciliation, TextIO], None]

FORMATS: dict[str, Renderer] = {
    "terminal": render_terminal,
    "json": render_json,
}


def render(reconciliation: Reconciliation, fmt: str, stream: TextIO) -> None:
    FORMATS[fmt](reconciliation, stream)
