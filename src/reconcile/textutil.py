"""Small text helpers that more than one stage needs."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

# A line that ends in a hyphen after a letter is a compound broken at its hyphen
# ("DMPC-" / "AC", "pan-" / "London"): the hyphen stays and the break goes.
_BROKEN_AT_HYPHEN = re.compile(r"(?<=\w)-$")
# A word hyphenated by the typesetter carries a soft hyphen (U+00AD) at the break,
# or the hyphen drawn there is U+2010 (Chromium prints it over a space, which a
# reader may set apart from the word: "recruit \u2010"): both go, and the word
# is whole again. Writers type U+002D.
_SOFT_BREAK = re.compile("(\u00ad[-\u2010]?|\\s?\u2010)$")
SOFT_HYPHEN = "\u00ad"


def join_lines(lines: Iterable[str], separator: str = " ") -> str:
    """Wrapped lines of one paragraph or cell, as the one line they were written as
    (``separator`` "\\n" keeps the line breaks where no word was broken)."""
    joined = ""
    for line in lines:
        line = line.strip()
        if not line:
            continue
        # the patterns look at the end only: searching the tail keeps a long
        # paragraph linear
        tail = joined[-3:]
        if not joined:
            joined = line
        elif soft := _SOFT_BREAK.search(tail):
            joined = joined[: len(joined) - len(tail) + soft.start()] + line
        elif _BROKEN_AT_HYPHEN.search(tail):
            joined += line
        else:
            joined += separator + line
    return joined.replace(SOFT_HYPHEN, "")


# C0 and C1 control characters other than tab, line feed, form feed and carriage
# return: a document's text must never drive the terminal it is shown on.
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")


def normalise(text: str) -> str:
    """NFKC (folds ligatures and odd spaces that differ between producers), no controls."""
    return _CONTROLS.sub("", unicodedata.normalize("NFKC", text))


def one_line(text: str) -> str:
    """The text on one line, one space between words (its line breaks as spaces)."""
    return " ".join(text.split())


def clean(text: str) -> str:
    """normalise, and one space between words."""
    return " ".join(normalise(text).split())
