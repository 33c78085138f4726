"""What an action marker looks like, in one place: the prose markers ("Action 7:",
"Action point 3.", "A3:", "Action:", "Action –"), the owner-only marker ("Action:
Clerk" after a paragraph), and the markers that make a block an action wherever it
stands ("ACTION on X to", "AI:", "@Name:", "TODO X ::")."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

NUMBER = r"[A-Z]{0,2}\d+(?:\.\d+)*[a-z]?"
# "Action 7:", "ACTION 3 -", "Action point 3.", "A3:", "Action: ..." (unnumbered),
# after a list bullet and inside Markdown bold.
MARKER = re.compile(
    rf"""^(?:(?:[-*•]|\d{{1,3}}[.)])\s+)?(?:\*\*|__)?\s*
        (?:action(?:\s+point)?\s+(?P<num>{NUMBER})\s*(?:\*\*|__)?\s*(?:[:\-–—]|\.(?!\d))
          |(?P<short>A\d+(?:\.\d+)*[a-z]?)\s*(?:\*\*|__)?\s*[:\-–—]
          |action(?:\s+by)?\s*(?:\*\*|__)?\s*(?::|[–—-]\s))
        \s*(?:\*\*|__)?\s*""",
    re.IGNORECASE | re.VERBOSE,
)
# "Action: Clerk" after a paragraph names only the owner: the paragraph's
# decision is the action.
_OWNER_ONLY = re.compile(
    r"^(?P<owner>(?:[A-Z][\w.'’-]*|the|of|and|&|,)(?:\s+(?:[A-Z][\w.'’-]*|of|and|&|,|/)){0,5})\.?$"
)
_NOT_OWNER_WORDS = frozenset(
    {"None", "No", "Nil", "Noted", "Agreed", "Closed", "Completed", "Done", "Ongoing", "N/A"}
)


def owner_only(text: str) -> str | None:
    """The owner, where a marker names only the owner ("Action: Clerk",
    "ACTION: Cllr Shah and the Chair"); None for a marker followed by an action."""
    match = MARKER.match(text.strip())
    if match is None or marker_number(match):
        return None
    rest = text.strip()[match.end() :].strip().strip("*_ ")
    named = _OWNER_ONLY.match(rest)
    if named is None or rest.split()[0] in _NOT_OWNER_WORDS:
        return None
    return named["owner"].rstrip(".")


def is_marker(text: str) -> bool:
    return bool(MARKER.match(text.strip()))


def marker_number(match: re.Match[str]) -> str:
    return match["num"] or match["short"] or ""


# a directive's name: "@Dan Kulp volunteered", but "@Chris There is low activity"
_STARTERS = r"(?:There|The|This|That|These|Please|We|It|They|Any|No|Is|Are)\b"
DIRECTED = rf"[A-Z][\w.'’-]*(?:\s+(?!{_STARTERS})[A-Z][\w.'’-]*){{0,2}}"
HANDLE = r"[a-z0-9][\w.-]*[\w]"  # "@li-wei:" as chat and code hosts write them
NAME = r"[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,2}"


@dataclass(frozen=True)
class Cue:
    """Why a block is an action, and what the cue itself says."""

    name: str  # the recogniser's name, shown by extract --explain
    text: str  # the block's text without the cue
    owner: str = ""


@dataclass(frozen=True)
class Recogniser:
    name: str
    pattern: re.Pattern[str]
    # (match, the block's text) -> the action's text and owner
    read: Callable[[re.Match[str], str], tuple[str, str]]
    explains: str  # what extract --explain says of an action it found


def _rest(match: re.Match[str], text: str) -> tuple[str, str]:
    return text[match.end() :].strip(), ""


def _owner_then_rest(match: re.Match[str], text: str) -> tuple[str, str]:
    return text[match.end() :].strip(), " ".join(match["owner"].split())


def _owner_keeps_sentence(match: re.Match[str], text: str) -> tuple[str, str]:
    # "ACTION on David to keep pushing": the action reads "David to keep pushing"
    return text[match.start("owner") :].strip(), " ".join(match["owner"].split())


# Markers that make a block an action wherever it stands.
MARKERS: tuple[Recogniser, ...] = (
    # "ACTION on David to keep pushing ...", "Action for Mary to ..."
    Recogniser(
        "action-on",
        re.compile(rf"^(?i:action\s+(?:on|for))\s+(?P<owner>{NAME})(?=\s+(?:to|will)\b)"),
        _owner_keeps_sentence,
        "an 'ACTION on Name to ...' line",
    ),
    # "AI: Myles to ...", "Last week's AI: ..."
    Recogniser(
        "ai",
        re.compile(
            # a dash must stand apart: "AI-generated jingles" is no action item
            r"^(?:(?:last|previous|this)\s+(?:week|meeting|time)['’]?s?\s+)?A\.?I\.?\s*(?::|[–—-](?=\s))\s*",
            re.IGNORECASE,
        ),
        _rest,
        "an 'AI:' line (action item)",
    ),
    # "@Sam: follow up with Axis PMC.", "@Ross/Shane: ...", "@ Dan Kulp volunteered ..."
    Recogniser(
        "at-name",
        re.compile(
            rf"^@\s?(?P<owner>(?:{DIRECTED}|{HANDLE})(?:\s*/\s*@?(?:{DIRECTED}|{HANDLE}))*)"
            rf"\s*(?::\s*|\s+(?=[a-z]|{_STARTERS}))"
        ),
        _owner_then_rest,
        "an '@name:' directive",
    ),
    # Org-mode "TODO Clerk :: order the bins"
    Recogniser(
        "todo",
        re.compile(r"^(?:TODO|DONE)\s+(?P<owner>[^:]{1,40}?)(?=\s*::\s*)"),
        _owner_keeps_sentence,
        "an Org-mode 'TODO owner :: task' line",
    ),
)


# What each cue means, for extract --explain: the block markers above, and the
# forms the other recognisers find.
CUES: dict[str, str] = {
    "table": "a row of an action table (No. | Action | Timing | Lead, or their synonyms)",
    "prose": "an 'Action N:' marker in the text (or a bold 'Action:' inside a paragraph)",
    "section-item": "an item of a list in a section whose title tracks actions",
    "section-paragraph": "a paragraph saying who will act, in an action section without a list",
    "section-line": "a line naming its owner, one of several in an action section's paragraph",
    "under-title": "an item under an action-review title ('Review of action items:')",
    "shared-owner": "a sub-item of 'Name to:', which gives its owner",
    "owner-marker": "a paragraph whose owner an 'Action: Name' marker names",
    "prose-sentence": "a sentence of the follow-up's prose restating an action of the minutes",
    "owner-in-brackets": "a sentence ending with its owner '(ACTION: Name)'",
    **{recogniser.name: recogniser.explains for recogniser in MARKERS},
}
