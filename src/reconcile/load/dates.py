"""A document's own date: the letter's date line, or the meeting date in the minutes' title."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from ..model import Line
from ..timing import find_dates

# A document states its own date near its top; later dates are about other things.
_HEAD_LINES = 60
_PROSE_BONUS = 10
_TITLE_WORDS = re.compile(r"\b(minutes|meeting|board|committee|held|date)\b", re.IGNORECASE)
_DATE_LINE_REST = re.compile(
    r"^[\W_]*(monday|tuesday|wednesday|thursday|friday|saturday|sunday|date|dated)?[\W_]*$",
    re.IGNORECASE,
)
_DATE_TOKEN = re.compile(
    r"\d{1,4}(st|nd|rd|th)?|[A-Za-z]+(?=\s*\d)|jan\w*|feb\w*|mar\w*|apr\w*|may|jun\w*|jul\w*"
    r"|aug\w*|sep\w*|oct\w*|nov\w*|dec\w*",
    re.IGNORECASE,
)


def document_date(lines: Sequence[Line]) -> date | None:
    """The most telling date near the top: a line that is only a date (a letter's
    date line) beats a title line about the meeting, which beats any other date.
    Prose beats tables (an action log's Date column is not the document's date),
    but a letterhead or title block set in a table still counts where the prose
    has no date."""
    best: tuple[int, date] | None = None
    for line in lines[:_HEAD_LINES]:
        dates = find_dates(line.text)
        if not dates:
            continue
        score = _score(line.text) + (0 if line.in_table else _PROSE_BONUS)
        if best is None or score > best[0]:
            best = (score, dates[0])
    return best[1] if best else None


def _score(text: str) -> int:
    if _DATE_LINE_REST.match(_DATE_TOKEN.sub(" ", text)):
        return 3
    if _TITLE_WORDS.search(text):
        return 2
    return 1
