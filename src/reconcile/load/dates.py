"""A document's own date: the letter's date line, an action log's "Updated:" line,
or the meeting date in the minutes' title."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from ..model import Line
from ..timing import find_dates

# A document states its own date near its top; later dates are about other things.
_HEAD_LINES = 60
_PROSE_BONUS = 10
# "Updated: 3 October 2022", "Date: ...", "Dated ...": the document's own date.
_LABELLED = re.compile(r"^[^:]{0,30}\b(date|dated|updated|as at)\b", re.IGNORECASE)
# "Published: ...": a page's own date, but minutes are dated by their meeting.
_PUBLISHED = re.compile(r"^[^:]{0,30}\b(published|publication date|issued)\b", re.IGNORECASE)
_MINUTES_TITLE = re.compile(r"\bminutes\b", re.IGNORECASE)
_TITLE_WORDS = re.compile(r"\b(meeting|board|committee|held)\b", re.IGNORECASE)
# "Date of next meeting", "The next meeting will be held on ...", "The minutes of
# the meeting held on 25 July were agreed as a correct record": another day.
_ANOTHER_DAY = re.compile(
    r"\b((next|future|following|forthcoming|previous|last)\s+meeting"
    r"|correct record|(were|was)\s+(agreed|approved|confirmed|accepted|signed))\b",
    re.IGNORECASE,
)
_DATE_LINE_REST = re.compile(
    r"^[\W_]*(monday|tuesday|wednesday|thursday|friday|saturday|sunday|date|dated)?[\W_]*$",
    re.IGNORECASE,
)
_DATE_TOKEN = re.compile(
    r"\d{1,4}(st|nd|rd|th)?|[A-Za-z]+(?=\s*\d)|jan\w*|feb\w*|mar\w*|apr\w*|may|jun\w*|jul\w*"
    r"|aug\w*|sep\w*|oct\w*|nov\w*|dec\w*",
    re.IGNORECASE,
)


def prepare_dates() -> None:
    """Compile the date patterns now, before the readers fork: each reader would
    otherwise compile its own copy."""
    find_dates("")


def document_date(lines: Sequence[Line]) -> date | None:
    """The most telling date near the top: a labelled date ("Updated: ...") beats a
    line that is only a date (a letter's date line), which beats a title line about
    the meeting, which beats any other date. A date of the next or the previous
    meeting is never the document's. Prose beats tables (an action log's Date
    column is not the document's date), but a letterhead or title block set in a
    table still counts where the prose has no date."""
    best: tuple[int, date] | None = None
    previous = ""
    for line in lines[:_HEAD_LINES]:
        dates = find_dates(line.text)
        about_another_day = bool(_ANOTHER_DAY.search(line.text) or _ANOTHER_DAY.search(previous))
        # a title wrapped before its date ("MINUTES of a meeting ... held on" / "Monday 12 ...")
        wrapped = f"{previous} {line.text}" if previous and not find_dates(previous) else line.text
        previous = line.text
        if not dates or about_another_day:
            continue
        score = max(_score(line.text), _score(wrapped)) + (0 if line.in_table else _PROSE_BONUS)
        if best is None or score > best[0]:
            best = (score, dates[0])
    return best[1] if best else None


def _score(text: str) -> int:
    text = text.strip()
    if _PUBLISHED.match(text):
        return 3
    if _LABELLED.match(text):
        return 6
    if _DATE_LINE_REST.match(_DATE_TOKEN.sub(" ", text)):
        return 5
    if _MINUTES_TITLE.search(text):
        return 4
    if _TITLE_WORDS.search(text):
        return 2
    return 1
