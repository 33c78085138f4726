"""How sure the reading of an action is: for a document read with OCR, the
lowest recognition confidence of the lines its words were read from."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from ..model import Action, Document, Line

# An action's words are looked for over at most so many lines from its first: a
# row of an annex table wraps over a few, a misread word is never found.
_MOST_LINES = 12
# Found once this share of the action's words has been seen: the rest may be
# words OCR misread, which no line holds as the action has them.
_FOUND_SHARE = 0.9
_WORD = re.compile(r"\w+")


def with_ocr_confidence(document: Document, actions: tuple[Action, ...]) -> tuple[Action, ...]:
    """The actions, each with the confidence of its lines where OCR read them."""
    if all(line.confidence is None for line in document.lines):
        return actions
    by_page: dict[int | None, list[Line]] = {}
    for line in document.lines:
        by_page.setdefault(line.page, []).append(line)
    return tuple(_with_confidence(action, by_page.get(action.page, [])) for action in actions)


def _with_confidence(action: Action, page: list[Line]) -> Action:
    confidences = [line.confidence for line in _evidence(action, page) if line.confidence is not None]
    return replace(action, ocr_confidence=min(confidences)) if confidences else action


def _evidence(action: Action, page: list[Line]) -> Iterator[Line]:
    """The lines from the action's first that hold its words, its number, timing
    and lead (a table's row is read across its cells)."""
    start = next((i for i, line in enumerate(page) if line.number == action.line), None)
    if start is None:
        return
    wanted = set(_words(_action_text(action)))
    needed = len(wanted) * (1 - _FOUND_SHARE)
    for line in page[start : start + _MOST_LINES]:
        found = wanted.intersection(_words(line.text))
        if found or line.number == action.line:
            yield line
        wanted -= found
        if len(wanted) <= needed:
            return


def _action_text(action: Action) -> str:
    parts = [action.number, action.text]
    if action.timing_cell is not None:
        parts.append(action.timing_cell.text)
    parts.extend(action.lead_cell or ())
    return " ".join(parts)


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())
