"""Extract: Document -> actions, from an action table where the document has
one, else from the action markers in its prose and the lists under its
"Actions" headings."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from ..config import Settings
from ..model import Action, Document
from ..timing import prepare_timing
from ..words import content_words, similarity
from .evidence import with_ocr_confidence
from .explain import no_actions_message, why
from .items import outline_actions
from .people import people_aliases, with_attendees
from .prose import prose_actions
from .tables import table_actions

__all__ = [
    "extract_actions",
    "no_actions_message",
    "people_aliases",
    "prepare_extraction",
    "why",
    "with_attendees",
]

# A number seen again with a text at least this alike restates the same action.
_RESTATEMENT = 0.6
_WORD = re.compile(r"\w+")


def prepare_extraction(settings: Settings | None = None) -> None:
    """Compile now what extraction compiles on first use (forked readers then
    share it)."""
    prepare_timing(Settings.resolve(settings).timing)


def extract_actions(
    document: Document, settings: Settings | None = None, *, restatements: bool = False
) -> tuple[Action, ...]:
    """The document's actions. With ``restatements`` (a follow-up), also the
    sentences of its prose that say someone will act (``restates_only``): pairing
    keeps those that restate an action of the minutes."""
    settings = Settings.resolve(settings)
    # A letter restates the actions in its annex table; its prose only discusses
    # them, so prose markers count only where no action table exists.
    tabled = table_actions(document, settings)
    if tabled:
        return with_ocr_confidence(document, _in_order(tabled))
    outlined = outline_actions(document, settings)
    if not restatements:
        outlined = tuple(a for a in outlined if not a.restates_only)
    found = sorted(prose_actions(document, settings) + outlined, key=lambda a: (a.page or 0, a.line or 0))
    return with_ocr_confidence(document, _in_order(_first_statements(found)))


def _in_order(actions: Sequence[Action]) -> tuple[Action, ...]:
    return tuple(replace(action, ordinal=n) for n, action in enumerate(actions, start=1))


def _first_statements(actions: list[Action]) -> list[Action]:
    """Drop an action that restates one found earlier in the same document: with
    the same number (the next meeting's minutes list an open action twice), or
    unnumbered, word for word and with the same owner, in another list (reviewed,
    then rolled over). Within one list, like items are separate actions (a
    board asks each project the same question)."""
    kept: list[Action] = []
    seen: dict[str, list[str]] = {}
    printed: set[tuple[str, tuple[str, ...] | None]] = set()
    sections: dict[tuple[str, tuple[str, ...] | None], str] = {}
    # what was printed matters only to an unnumbered action: where there is none,
    # reading every action's words for it is wasted
    unnumbered = any(not action.number for action in actions)
    for action in actions:
        words = content_words(action.text)
        earlier = seen.get(action.number, []) if action.number else []
        if any(similarity(words, other) >= _RESTATEMENT for other in earlier):
            continue
        if unnumbered:
            key = (_plain_words(action.words), action.lead)
            if not action.number and key in printed and sections[key] != action.section:
                continue
            printed.add(key)
            sections.setdefault(key, action.section)
        seen.setdefault(action.number, []).append(words)
        kept.append(action)
    return kept


def _plain_words(text: str) -> str:
    return " ".join(_WORD.findall(text.lower()))
