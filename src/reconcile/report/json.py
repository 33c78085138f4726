"""--format json: the versioned contract of DESIGN.md."""

from __future__ import annotations

import json
from typing import Any, TextIO

from ..model import Reconciliation
from .options import ReportOptions
from .records import to_records

# The document and its sections are laid out over lines; each action and each pair
# is one line of its own: easy to read, to diff and to grep, and written by the
# json module's C encoder (with an indent the module encodes in Python, ten times
# slower: a third of a second for 1,500 actions).
_INDENT = "  "


def render_json(rec: Reconciliation, stream: TextIO, options: ReportOptions) -> None:
    # every field is in the contract whatever the options; they are for the CI formats
    _write(to_records(rec), stream, 0)
    stream.write("\n")


def _write(value: Any, stream: TextIO, depth: int) -> None:
    """The report, its documents and their lists over lines (depth 0 and 1); an
    action, a pair or any other list's item on one line."""
    if isinstance(value, dict) and value and depth < 2:
        entries = [json.dumps(key, ensure_ascii=False) + ": " for key in value]
        _lay_out("{", "}", list(zip(entries, value.values(), strict=True)), stream, depth)
    elif isinstance(value, list) and value and depth < 3:
        _lay_out("[", "]", [("", item) for item in value], stream, depth, compact=True)
    else:
        stream.write(json.dumps(value, ensure_ascii=False, separators=(", ", ": ")))


def _lay_out(
    opening: str,
    closing: str,
    entries: list[tuple[str, Any]],
    stream: TextIO,
    depth: int,
    compact: bool = False,
) -> None:
    inner = _INDENT * (depth + 1)
    stream.write(opening + "\n")
    for position, (key, item) in enumerate(entries):
        stream.write(inner + key)
        _write(item, stream, 99 if compact else depth + 1)
        stream.write(",\n" if position < len(entries) - 1 else "\n")
    stream.write(_INDENT * depth + closing)
