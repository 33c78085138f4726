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
# Dicts above this depth (the report, each document) and lists above the next (the
# actions, the pairs) are laid out over lines; anything deeper is written on one.
_DICTS_OVER_LINES = 2
_LISTS_OVER_LINES = 3


def render_json(rec: Reconciliation, stream: TextIO, options: ReportOptions) -> None:
    # every field is in the contract whatever the options; they are for the CI formats
    _write(to_records(rec), stream, 0)
    stream.write("\n")


def _write(value: Any, stream: TextIO, depth: int) -> None:
    if isinstance(value, dict) and value and depth < _DICTS_OVER_LINES:
        keys = [json.dumps(key, ensure_ascii=False) + ": " for key in value]
        _lay_out("{", "}", list(zip(keys, value.values(), strict=True)), stream, depth, depth + 1)
    elif isinstance(value, list) and value and depth < _LISTS_OVER_LINES:
        # each item one line: the depth that writes anything on one
        _lay_out("[", "]", [("", item) for item in value], stream, depth, _LISTS_OVER_LINES)
    else:
        stream.write(json.dumps(value, ensure_ascii=False, separators=(", ", ": ")))


def _lay_out(
    opening: str, closing: str, entries: list[tuple[str, Any]], stream: TextIO, depth: int, inner_depth: int
) -> None:
    inner = _INDENT * (depth + 1)
    stream.write(opening + "\n")
    for position, (key, item) in enumerate(entries):
        stream.write(inner + key)
        _write(item, stream, inner_depth)
        stream.write(",\n" if position < len(entries) - 1 else "\n")
    stream.write(_INDENT * depth + closing)
