"""The structure of a document's running text that extraction needs: headings,
the section each line sits in, paragraphs, and list items."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..model import Line

_MARKDOWN_HEADING = re.compile(r"^#{1,6}\s+(?P<title>.*?)\s*#*\s*$")
_RULE = re.compile(r"^\s*([-*_=])(\s*\1){2,}\s*$")
_BULLET = re.compile(r"^(?P<bullet>[-*•·▪◦]|(?P<ordinal>\d{1,3})[.)])\s+(?P<rest>.*)$")
# "Actions", "Actions from previous meeting:", "Open and new actions", "Action log",
# "Summary of actions"; not "Action Plan update".
_ACTIONS_TITLE = re.compile(r"^[\w\s/&,()'-]{0,40}\bactions?\b(?!\s+plan)[\w\s/&,()'-]{0,40}$", re.IGNORECASE)
_MAX_HEADING_WORDS = 8
_MAX_CAPITALS_HEADING_WORDS = 14


@dataclass(frozen=True)
class Placed:
    """A line with the heading of the section it sits in."""

    line: Line
    section: str
    is_heading: bool


def heading_title(line: Line) -> str | None:
    """The title if the line is a heading: a Markdown heading, or a short line of its
    own that reads like a title (PDF, HTML and DOCX headings arrive as such lines)."""
    text = line.text.strip()
    match = _MARKDOWN_HEADING.match(text)
    if match:
        return _strip_emphasis(match["title"]).rstrip(":").strip()
    if line.in_table or not line.starts_paragraph or _BULLET.match(text):
        return None
    plain = _strip_emphasis(text)
    words = plain.split()
    # an all-capitals line may be longer: "ITEM 1 - ACTIONS FROM THE MEETING OF 21 SEPTEMBER 2022"
    longest = _MAX_CAPITALS_HEADING_WORDS if plain.upper() == plain else _MAX_HEADING_WORDS
    if not words or len(words) > longest or plain[-1] in ".,;!?":
        return None
    return plain.rstrip(":").strip() if plain[0].isupper() or plain[0].isdigit() else None


def is_actions_title(title: str) -> bool:
    return bool(_ACTIONS_TITLE.match(title))


def is_rule(line: Line) -> bool:
    return bool(_RULE.match(line.text))


def placed_lines(lines: tuple[Line, ...]) -> Iterator[Placed]:
    section = ""
    for line in lines:
        if line.in_table:
            continue
        title = heading_title(line)
        if title is not None:
            section = title
        yield Placed(line=line, section=section, is_heading=title is not None)


def list_item(text: str) -> tuple[str, str] | None:
    """(ordinal or '', rest) if the line starts a list item: '- x', '* x', '3. x'."""
    match = _BULLET.match(text.strip())
    if not match:
        return None
    return match["ordinal"] or "", match["rest"]


def _strip_emphasis(text: str) -> str:
    return re.sub(r"(\*\*|__)", "", text).strip()
