"""Actions read off the document's outline: the items and paragraphs of sections
that track actions, and blocks that carry an action marker anywhere.

Extraction reads the way timing.py does: a table of recognisers, one a form,
each a pattern and what it yields (the cue, the owner, the text that remains).
Adding a style is one entry here and one fixture case."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace

from ..config import Settings
from ..leads import owner_prefix
from ..model import Action, Block, Document
from .build import build_action
from .prose import is_marker
from .slots import Slots, read_slots, without_references
from .structure import Section, is_tracking_title, sections

_NAME = r"[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,2}"


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
        re.compile(rf"^action\s+(?:on|for)\s+(?P<owner>{_NAME})(?=\s+(?:to|will)\b)", re.IGNORECASE),
        _owner_keeps_sentence,
    ),
    # "AI: Myles to ...", "Last week's AI: ..."
    Recogniser(
        "ai",
        re.compile(
            r"^(?:(?:last|previous|this)\s+(?:week|meeting|time)['’]?s?\s+)?A\.?I\.?\s*[:–—-]\s*",
            re.IGNORECASE,
        ),
        _rest,
    ),
    # "@Sam: follow up with Axis PMC.", "@Ross/Shane: ...", "@ Dan Kulp volunteered ..."
    Recogniser(
        "at-name",
        re.compile(rf"^@\s?(?P<owner>{_NAME}(?:\s*/\s*@?{_NAME})*)\s*(?::\s*|\s+(?=[a-z]))"),
        _owner_then_rest,
    ),
    # Org-mode "TODO Clerk :: order the bins"
    Recogniser("todo", re.compile(r"^TODO\s+(?P<owner>[^:]{1,40}?)\s*::\s*"), _owner_then_rest),
)

# "Name to:" or "Name (and team) to:" heads a list of actions that share its owner.
_SHARED_OWNER = re.compile(
    rf"^(?P<owner>{_NAME}(?:\s*(?:,|and|&|/)\s*{_NAME})*)(?:\s*\([^)]*\))?\s+(?:to|will)\s*:$"
)


@dataclass(frozen=True)
class Found:
    block: Block
    index: int
    section: Section
    cue: Cue
    children: tuple[Block, ...]


def outline_actions(document: Document, settings: Settings) -> tuple[Action, ...]:
    return tuple(_build(document, settings, found) for found in find_items(document.outline, settings))


def find_items(outline: Sequence[Block], settings: Settings) -> Iterator[Found]:
    children = _children(outline)
    marked_lists = _beside_markers(outline)
    for index, (block, section) in enumerate(sections(outline, settings.sections)):
        if block.kind == "heading" or any(is_marker(line) for line in block.text.split("\n")):
            continue  # "Action 7: ..." is read as prose
        cues = _marker_cues(block)
        if len(cues) > 1:
            yield from (Found(block, index, section, cue, ()) for cue in cues)
            continue
        kids = tuple(outline[i] for i in children.get(index, ()))
        if not cues and kids and _is_title_item(block) and not section.is_agenda:
            # "**Review of 2025-05-08 Action Items**:" over the items it reviews
            for kid_index in children[index]:
                kid = outline[kid_index]
                if kid.kind == "item" and not is_marker(kid.text):
                    grand = tuple(outline[i] for i in children.get(kid_index, ()))
                    yield Found(kid, kid_index, section, Cue("under-title", flat(kid.text)), grand)
            continue
        cue = cues[0] if cues else _section_cue(block, section)
        if cue is None or (cue.name == "section-item" and index in marked_lists):
            continue
        shared = _SHARED_OWNER.match(cue.text)
        if shared and kids:
            for kid_index in children[index]:
                kid = outline[kid_index]
                yield Found(kid, kid_index, section, Cue("shared-owner", flat(kid.text), shared["owner"]), ())
            continue
        yield Found(block, index, section, cue, kids)


def _marker_cues(block: Block) -> list[Cue]:
    """The marked actions of a block. A marker opens the block, or a line of it
    under a topic ("jQuery infrastructure #285" / "Last week's AI: ..."), or a
    later sentence ("@Jim: Establish a policy. @Ross: What can be done ...?")."""
    cues = []
    for piece in _marked_pieces(block.text):
        for sentence in _MARKED_SENTENCE.split(piece):
            for recogniser in MARKERS:
                match = recogniser.pattern.match(sentence)
                if match:
                    text, owner = recogniser.read(match, sentence)
                    if text:
                        cues.append(Cue(recogniser.name, text, owner))
                    break
    return cues


def _marked_pieces(text: str) -> list[str]:
    """The block's text cut where a line opens with a marker, each piece flattened
    to one line; the lines before the first marker are its topic, left out."""
    pieces: list[list[str]] = []
    for number, line in enumerate(text.split("\n")):
        if number == 0 or any(r.pattern.match(line.strip()) for r in MARKERS):
            pieces.append([line])
        elif pieces:
            pieces[-1].append(line)
    return [flat(" ".join(piece)) for piece in pieces]


def flat(text: str) -> str:
    return " ".join(text.split())


# A marker that opens a later sentence of the same block starts another action.
_MARKED_SENTENCE = re.compile(r"(?<=[.?!])\s+(?=@\s?[A-Z]|ACTION\s+(?:on|for)\s)")


def _section_cue(block: Block, section: Section) -> Cue | None:
    """An item at the top of its list in a section that tracks actions; a nested
    item or a paragraph under one is its update, not an action."""
    if not section.tracking or block.kind != "item":
        return None
    if block.parent >= 0:
        return None  # an update, or an action read with the parent whose owner it shares
    return Cue("section-item", flat(block.text))


_MAX_TITLE_ITEM_WORDS = 8


def _is_title_item(block: Block) -> bool:
    title = flat(block.text).rstrip(" :")
    return block.kind == "item" and len(title.split()) <= _MAX_TITLE_ITEM_WORDS and is_tracking_title(title)


def _beside_markers(outline: Sequence[Block]) -> set[int]:
    """The items of lists in which some item carries an 'Action N:' marker: those are
    the actions (read as prose), the others commentary ("Other two actions closed")."""
    lists: dict[tuple[int, int], list[int]] = {}
    run = 0
    for index, block in enumerate(outline):
        if block.kind != "item":
            run += block.parent < 0
            continue
        lists.setdefault((run, block.parent), []).append(index)
    return {
        index
        for members in lists.values()
        if any(is_marker(outline[i].text) for i in members)
        for index in members
    }


def _children(outline: Sequence[Block]) -> dict[int, list[int]]:
    children: dict[int, list[int]] = {}
    for index, block in enumerate(outline):
        if block.parent >= 0:
            children.setdefault(block.parent, []).append(index)
    return children


def _build(document: Document, settings: Settings, found: Found) -> Action:
    slots: Slots = read_slots(found.block, found.cue.text, found.children, found.section.state)
    owner, wording = found.cue.owner or slots.owner, ""
    prefix = owner_prefix(slots.text, settings.leads)
    if prefix is not None and prefix[0] in found.block.emphasis:
        # "**Google Calendar Link**: Nigel reported ...": a bold label names a topic
        wording = prefix[1]
    elif prefix is not None:
        owner, wording = owner or prefix[0], prefix[1]
    unreferenced = without_references(wording or slots.text)
    if unreferenced != (wording or slots.text):
        wording = unreferenced
    action = build_action(
        document,
        settings,
        number=slots.number,
        text=slots.text,
        wording=wording,
        page=found.block.page,
        line=found.block.line,
        source="list" if found.block.kind == "item" else "prose",
        timing_cell=slots.status,
        lead_cell=owner,
        section=found.section.title,
        free_status=bool(slots.status),
        update=slots.update,
        cue=found.cue.name,
    )
    if found.cue.name in _LISTED and not (found.block.checkbox or slots.number or owner or action.actor):
        return replace(action, tentative=True)
    return action


# Cues that make an item an action by where it is listed, not by what it says
_LISTED = frozenset({"section-item", "under-title"})
