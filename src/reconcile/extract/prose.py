"""Actions written in the prose: "Action 7: MPS to ...", however the lines wrap;
"**Action: DS to email Jérôme about this.**" inside a paragraph."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from ..config import Settings
from ..model import Action, Document, Line
from ..textutil import join_lines
from .build import build_action
from .markers import MARKER as _MARKER
from .markers import NUMBER as _NUMBER
from .markers import marker_number as _number
from .markers import owner_only
from .structure import Placed, placed_lines

# An action set in bold inside a paragraph: the bold span is the action.
_INLINE = re.compile(
    rf"(?:\*\*|__)\s*action(?:\s+(?P<num>{_NUMBER}))?\s*[:\-–]\s*(?P<text>.+?)\s*(?:\*\*|__)",
    re.IGNORECASE,
)


@dataclass
class _Open:
    number: str
    first: Line
    section: str
    parts: list[str] = field(default_factory=list)
    context: str = ""


def prose_actions(document: Document, settings: Settings) -> tuple[Action, ...]:
    return tuple(
        build_action(
            document,
            settings,
            number=found.number,
            text=join_lines(found.parts),
            page=found.first.page,
            line=found.first.number,
            source="prose",
            context=found.context,
            section=found.section,
        )
        for found in _marked_actions(document)
    )


def _marked_actions(document: Document) -> Iterator[_Open]:
    current: _Open | None = None
    waiting_for_text = False
    for placed in placed_lines(document):
        line = placed.line
        match = _MARKER.match(line.text)
        if match and owner_only(line.text):
            # read with the paragraph before it, from the outline
            if current is not None:
                yield current
            current = None
            continue
        if match:
            if current is not None:
                yield current
            rest = line.text[match.end() :].strip()
            current = _Open(_number(match), line, placed.section, [rest] if rest else [])
            waiting_for_text = not rest
            continue
        inline = list(_inline_actions(placed))
        if inline:
            if current is not None:
                yield current
                current = None
            yield from inline
            continue
        if current is None:
            continue
        if placed.is_heading or (placed.starts_block and not waiting_for_text):
            # a new paragraph or list item without a marker ends the action
            yield current
            current = None
            continue
        current.parts.append(line.text)
        waiting_for_text = False
    if current is not None:
        yield current


def _inline_actions(placed: Placed) -> Iterator[_Open]:
    text = placed.line.text
    for match in _INLINE.finditer(text):
        body = match["text"].strip()
        if not body:
            continue
        context = _previous_sentence(text[: match.start()])
        yield _Open(match["num"] or "", placed.line, placed.section, [body], context)


def _previous_sentence(text: str) -> str:
    """What an inline action's "this" refers to: the sentence just before it."""
    text = re.sub(r"^(?:[-*•]|\d{1,3}[.)])\s+", "", text.strip())
    return re.split(r"(?<=[.!?])\s+", text)[-1]
