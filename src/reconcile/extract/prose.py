"""Actions written in the prose: "Action 7: MPS to ...", however the lines wrap."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..config import Settings
from ..model import Action, Document, Line
from ..textutil import join_lines
from .build import build_action

# "Action 7:", "ACTION 3 -", "Action point 3.", "A3:", with list bullets or
# Markdown bold around the label.
_MARKER = re.compile(
    r"""^(?:[-*•]\s+)?(?:\*\*|__)?\s*
        (?:action(?:\s+point)?\s+(?P<num>[A-Z]{0,2}\d+(?:\.\d+)*[a-z]?)
          |(?P<short>A\d+(?:\.\d+)*[a-z]?))
        \s*(?:\*\*|__)?\s*(?:[:\-–—]|\.(?!\d))\s*(?:\*\*|__)?\s*""",
    re.IGNORECASE | re.VERBOSE,
)


@dataclass(frozen=True)
class _Marked:
    number: str
    first: Line
    text: str


def prose_actions(document: Document, settings: Settings) -> tuple[Action, ...]:
    return tuple(
        build_action(
            document,
            settings,
            number=m.number,
            text=m.text,
            page=m.first.page,
            line=m.first.number,
            source="prose",
        )
        for m in _marked_actions(document.lines)
    )


def _paragraphs(lines: tuple[Line, ...]) -> Iterator[list[Line]]:
    paragraph: list[Line] = []
    for line in lines:
        if line.in_table:
            continue
        if line.starts_paragraph and paragraph:
            yield paragraph
            paragraph = []
        paragraph.append(line)
    if paragraph:
        yield paragraph


def _marked_actions(lines: tuple[Line, ...]) -> Iterator[_Marked]:
    current: tuple[str, Line, list[str]] | None = None
    waiting_for_text = False
    for paragraph in _paragraphs(lines):
        for index, line in enumerate(paragraph):
            match = _MARKER.match(line.text)
            if match:
                if current is not None:
                    yield _Marked(current[0], current[1], join_lines(current[2]))
                number = match.group("num") or match.group("short")
                rest = line.text[match.end() :].strip()
                current = (number, line, [rest] if rest else [])
                waiting_for_text = not rest and index == len(paragraph) - 1
            elif current is not None and (index > 0 or waiting_for_text):
                current[2].append(line.text)
                waiting_for_text = False
            elif current is not None and index == 0:
                # a new paragraph without a marker ends the action
                yield _Marked(current[0], current[1], join_lines(current[2]))
                current = None
    if current is not None:
        yield _Marked(current[0], current[1], join_lines(current[2]))
