"""Actions read off the document's outline: the items and paragraphs of sections
that track actions, and blocks that carry an action marker anywhere.

Extraction reads the way timing.py does: a table of recognisers, one a form,
each a pattern and what it yields (the cue, the owner, the text that remains).
Adding a style is one entry here and one fixture case."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

from ..config import Settings
from ..leads import owner_prefix, verb_actor
from ..model import Action, Block, Document
from ..textutil import one_line
from .build import build_action
from .markers import MARKERS, NAME, Cue, is_marker, owner_only
from .slots import Slots, read_slots, without_references
from .structure import Section, is_tracking_title, sections

# "Name to:" or "Name (and team) to:" heads a list of actions that share its owner.
_SHARED_OWNER = re.compile(
    rf"^(?P<owner>{NAME}(?:\s*(?:,|and|&|/)\s*{NAME})*)(?:\s*\([^)]*\))?\s+(?:to|will)\s*:$"
)


@dataclass(frozen=True)
class Found:
    block: Block
    index: int
    section: Section
    cue: Cue
    children: tuple[Block, ...]
    line_offset: int = 0  # the line of the block it starts on, for one line of several


def outline_actions(document: Document, settings: Settings) -> tuple[Action, ...]:
    built = (_build(document, settings, found) for found in find_items(document.outline, settings))
    return tuple(action for action in built if action is not None)


def find_items(outline: Sequence[Block], settings: Settings) -> Iterator[Found]:
    children = _children(outline)
    marked_lists = _beside_markers(outline)
    owned = _owned_by_marker(outline)
    listed = _sections_with_lists(outline)
    for index, (block, section) in enumerate(sections(outline, settings.sections)):
        if index in owned:
            for text, owner, offset in owned[index]:
                yield Found(block, index, section, Cue("owner-marker", text, owner), (), offset)
            continue
        if block.kind == "heading" or any(_is_prose_marker(line) for line in block.text.split("\n")):
            continue  # "Action 7: ..." is read as prose
        cues = _marker_cues(block) or _bracketed_owner_cues(block)
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
                    yield Found(kid, kid_index, section, Cue("under-title", one_line(kid.text)), grand)
            continue
        cue = cues[0] if cues else _section_cue(block, section, listed[index])
        if cue is None and block.kind == "paragraph" and not section.tracking:
            # "... rooms have not been found. Ms Carter to book rooms in March.":
            # a restatement wherever it stands, if the pairing finds it one
            for sentence in _SENTENCES.split(one_line(block.text)):
                if verb_actor(sentence, settings.leads):
                    yield Found(block, index, section, Cue("prose-sentence", sentence), ())
            continue
        if cue is None or (cue.name == "section-item" and index in marked_lists):
            continue
        lines = block.text.split("\n")
        if cue.name == "section-paragraph" and all(_names_owner(line, settings) for line in lines):
            # "Jamal: fix the extractor" / "Ruth: ask the landlord": a line each
            for offset, line in enumerate(lines):
                yield Found(block, index, section, Cue("section-line", one_line(line)), (), offset)
            continue
        shared = _SHARED_OWNER.match(cue.text)
        if shared and kids:
            for kid_index in children[index]:
                kid = outline[kid_index]
                yield Found(
                    kid, kid_index, section, Cue("shared-owner", one_line(kid.text), shared["owner"]), ()
                )
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


# "Cllr Jones will circulate the figures (ACTION: Cllr Jones)."
_BRACKETED_OWNER = re.compile(r"\(\s*action(?:\s+by)?\s*[:–—-]\s*(?P<owner>[^()]{1,60}?)\s*\)", re.IGNORECASE)
_SENTENCE_END = re.compile(r".*[.!?]\s", re.DOTALL)


def _bracketed_owner_cues(block: Block) -> list[Cue]:
    """A sentence that ends with its owner in brackets is an action."""
    text = one_line(block.text)
    cues = []
    for match in _BRACKETED_OWNER.finditer(text):
        before = text[: match.start()]
        # the sentence runs from the last sentence end before the bracket
        end = _SENTENCE_END.match(before[-2000:])
        sentence = one_line(before[-2000:][end.end() if end else 0 :])
        if sentence:
            cues.append(Cue("owner-in-brackets", sentence, match["owner"]))
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
    return [one_line(" ".join(piece)) for piece in pieces]


# A marker that opens a later sentence of the same block starts another action.
_MARKED_SENTENCE = re.compile(r"(?<=[.?!])\s+(?=@\s?[A-Z]|ACTION\s+(?:on|for)\s)")


def _section_cue(block: Block, section: Section, has_list: bool) -> Cue | None:
    """An item at the top of its list in a section that tracks actions, or a
    paragraph of such a section that has no list (its actions are paragraphs); a
    nested item or a paragraph under one is its update, not an action."""
    if not section.tracking or section.is_agenda or block.parent >= 0:
        return None  # a nested block is an update, or shares its parent's owner
    if block.kind == "paragraph":
        return None if has_list else Cue("section-paragraph", one_line(block.text))
    return Cue("section-item", one_line(block.text))


_MAX_TITLE_ITEM_WORDS = 8


def _is_title_item(block: Block) -> bool:
    title = one_line(block.text).rstrip(" :")
    return block.kind == "item" and len(title.split()) <= _MAX_TITLE_ITEM_WORDS and is_tracking_title(title)


def _sections_with_lists(outline: Sequence[Block]) -> list[bool]:
    """For each block, whether the part of the document under its heading holds a
    list: then the list is where the actions are, and paragraphs comment on them."""
    flags: list[bool] = []
    start, has_list = 0, False
    for index, block in enumerate(outline):
        if block.kind == "heading":
            flags.extend([has_list] * (index - start))
            start, has_list = index, False
        has_list = has_list or block.kind == "item"
    flags.extend([has_list] * (len(outline) - start))
    return flags


_TOPIC = re.compile(r"^(?P<topic>[^:\n]{1,40}?):\s+(?P<rest>\S.*)$")


def _without_topic(text: str, settings: Settings) -> str:
    """'Road salt: Trustee Fisher to get prices': a topic label before a sentence
    that names who will act is the item's subject, not its action."""
    match = _TOPIC.match(text)
    if match is None:
        return text
    rest = match["rest"]
    return (
        rest if verb_actor(rest, settings.leads) and not verb_actor(match["topic"], settings.leads) else text
    )


def _names_owner(line: str, settings: Settings) -> bool:
    return owner_prefix(line, settings.leads) is not None or verb_actor(line, settings.leads) is not None


def _is_prose_marker(line: str) -> bool:
    return is_marker(line) and owner_only(line) is None


def _owned_by_marker(outline: Sequence[Block]) -> dict[int, list[tuple[str, str, int]]]:
    """Blocks whose owner a marker names on its own ("Action: Clerk"): index ->
    (the action's text, the owner, its first line in the block) for each. The
    marker closes the lines before it in the block, or is a block of its own
    after the block it names the owner of."""
    owned: dict[int, list[tuple[str, str, int]]] = {}
    for index, block in enumerate(outline):
        if block.kind == "heading":
            continue
        lines = block.text.split("\n")
        owners = [owner_only(line) for line in lines]
        if not any(owners):
            continue
        if owners[0] and len(lines) == 1:
            if index > 0 and outline[index - 1].kind != "heading" and index - 1 not in owned:
                owned[index - 1] = [(one_line(outline[index - 1].text), owners[0], 0)]
            continue
        start = 0
        for number, owner in enumerate(owners):
            if owner and number > start:
                owned.setdefault(index, []).append((one_line(" ".join(lines[start:number])), owner, start))
            if owner:
                start = number + 1
    return owned


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


def _build(document: Document, settings: Settings, found: Found) -> Action | None:
    slots: Slots = read_slots(found.block, found.cue.text, found.children, found.section.state)
    owner = slots.owner if slots.handed_over else found.cue.owner or slots.owner
    wording = ""
    text = _without_topic(slots.text, settings)
    prefix = owner_prefix(text, settings.leads)
    if prefix is not None and prefix[0] in found.block.emphasis:
        # "**Google Calendar Link**: Nigel reported ...": a bold label names a topic
        wording = prefix[1]
    elif prefix is not None:
        owner, wording = owner or prefix[0], prefix[1]
    unreferenced = without_references(wording or text)
    if unreferenced != (wording or text):
        wording = unreferenced
    action = build_action(
        document,
        settings,
        number=slots.number,
        text=text,
        wording=wording,
        page=found.block.page,
        line=found.block.line + found.line_offset if found.block.line is not None else None,
        source="list" if found.block.kind == "item" else "prose",
        timing_cell=slots.status,
        lead_cell=owner,
        section=found.section.title,
        free_status=bool(slots.status),
        update=slots.update,
        cue=found.cue.name,
    )
    reads_as_action = bool(found.block.checkbox or slots.number or owner or action.actor)
    if found.cue.name == "prose-sentence" or (
        found.cue.name == "section-paragraph" and not verb_actor(found.cue.text, settings.leads)
    ):
        # prose that says no one will do anything ("Matters arising: the bins have
        # been ordered"): a restatement if it clearly is one, else nothing
        return replace(action, tentative=True, restates_only=True)
    if found.cue.name in _LISTED and not reads_as_action:
        if _ABOUT_ACTIONS.search(found.cue.text):
            return None  # "There are ongoing actions from previous meetings": about them
        return replace(action, tentative=True)
    return action


_SENTENCES = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
_ABOUT_ACTIONS = re.compile(r"\b(?:actions?|action\s+items?)\b", re.IGNORECASE)
# Cues that make an item an action by where it is listed, not by what it says
_LISTED = frozenset({"section-item", "under-title"})
