"""Actions listed under an "Actions" heading: "1. To create ...", "- 2.1 Matt/Ana to
check ...", "* 3.1 Mike: Organise ...", with sub-bullets that continue an item."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from ..config import Settings
from ..model import Action, Document, Line
from ..textutil import join_lines
from .build import build_action
from .prose import is_marker
from .structure import is_actions_title, is_rule, list_item, placed_lines

_MONTHS = "jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec"
# "2.1 Matt/Ana ...", "A12 ...", "4a ...", "2022/06-3 ..." but not "27 June ...".
_OWN_NUMBER = re.compile(
    rf"^(?P<num>[A-Z]{{0,2}}\d+(?:[./-]\d+)*[a-z]?)[.:)]?\s+(?!(?:{_MONTHS})[a-z]*\b)(?P<rest>\S.*)$",
)


_ACTIONS_WORD = re.compile(r"\bactions?\b(?!\s+plan)", re.IGNORECASE)


@dataclass
class _Item:
    ordinal: str
    own_number: str
    first: Line
    section: str
    parts: list[str] = field(default_factory=list)
    is_marker: bool = False


def list_actions(document: Document, settings: Settings) -> tuple[Action, ...]:
    actions: list[Action] = []
    for section in _sections(document.lines):
        for item in _action_items(section):
            actions.append(
                build_action(
                    document,
                    settings,
                    number=item.own_number or item.ordinal,
                    text=join_lines(item.parts),
                    page=item.first.page,
                    line=item.first.number,
                    source="list",
                    section=item.section,
                )
            )
    return tuple(actions)


def _sections(lines: tuple[Line, ...]) -> Iterator[list[_Item]]:
    """The list items of each section whose heading is about actions."""
    items: list[_Item] | None = None
    for placed in placed_lines(lines):
        line = placed.line
        if placed.is_heading or is_rule(line):
            if items:
                yield items
            items = [] if placed.is_heading and is_actions_title(placed.section) else None
            continue
        if _introduces_actions(line.text):
            # "For the record, the actions from the meeting are:" leads into a list
            if items:
                yield items
            items = []
            continue
        if items is None:
            continue
        started = list_item(line.text)
        if started is not None:
            ordinal, rest = started
            own = _OWN_NUMBER.match(rest)
            items.append(
                _Item(
                    ordinal=ordinal,
                    own_number=own["num"] if own else "",
                    first=line,
                    section=placed.section,
                    parts=[own["rest"] if own else rest],
                    is_marker=is_marker(line.text),
                )
            )
        elif items and not line.starts_paragraph:
            items[-1].parts.append(line.text)
        elif items:
            yield items  # a paragraph of prose ends the list
            items = None
    if items:
        yield items


def _introduces_actions(text: str) -> bool:
    return text.rstrip().endswith(":") and bool(_ACTIONS_WORD.search(text)) and list_item(text) is None


def _action_items(items: list[_Item]) -> list[_Item]:
    """The items that are actions. Where some items carry an 'Action N:' marker,
    those are found as prose and the others are commentary ('Other two actions
    closed'). Where items carry their own numbers, an item without one is a
    sub-bullet that continues the item above."""
    if any(item.is_marker for item in items):
        return []
    if not any(item.own_number for item in items):
        return items
    merged: list[_Item] = []
    for item in items:
        if item.own_number or not merged:
            merged.append(item)
        else:
            merged[-1].parts.extend(item.parts)
    return merged
