"""The structure of a document that extraction needs, read off its outline (the
load stage decides what is a heading, a paragraph or an item): the section each
block and line sits in, and which sections track actions."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from ..model import Block, Document, Line
from ..textutil import one_line
from .markers import is_marker

# Titles that mean action tracking, in the words bodies use: "Actions", "Action
# items", "Action points", "Action log", "Next steps", "Follow-up(s)", "To do",
# "Matters arising", "Actions from the previous meeting", "Review of outstanding
# action items", "Outstanding actions", "Old business", "New business",
# "Decisions and actions", "Open and new actions", "Summary of actions"; not
# "Action Plan update".
_TRACKING_TITLE = re.compile(
    r"""\b(?:actions?(?!\s+plan)(?:\s+(?:items?|points?|log|list|register|tracker))?
        |next\s+steps|follow[-\s]?ups?|to[-\s]?dos?|matters\s+arising
        |(?:old|new|unfinished)\s+business)\b""",
    re.IGNORECASE | re.VERBOSE,
)
_MAX_TRACKING_TITLE_WORDS = 12
# A subsection of an action section whose title is a state or a kind of action:
# "Done (from previous minutes)", "Old", "New", "Outstanding", "Closed".
_STATE_TITLE = re.compile(
    r"^(?:done|completed?|closed|old|new|open|outstanding|ongoing|in\s+progress|deferred|on\s+hold"
    r"|carried\s+forward|carry\s+forward|pending|current|previous|existing)\b",
    re.IGNORECASE,
)


# An agenda lists the topics to come, whatever their titles say ("Review of actions").
_AGENDA_TITLE = re.compile(r"^(?:agenda|order\s+of\s+business|items?\s+for\s+discussion)\b", re.IGNORECASE)


# Reports attached to minutes ("ATTACHMENTS:", "Attachment B: Report from ...",
# "Appendix 2") carry their authors' own "Next steps": not the meeting's actions.
_ATTACHMENT_TITLE = re.compile(
    r"^(?:attachments?|appendi(?:x|ces)|annex(?:es)?|enclosures?)\b", re.IGNORECASE
)


def is_tracking_title(title: str, extra: Sequence[str] = ()) -> bool:
    """Whether a section's title says it tracks actions; ``extra`` are a body's own
    words from the config (``sections:``)."""
    if len(title.split()) > _MAX_TRACKING_TITLE_WORDS or _AGENDA_TITLE.match(title):
        return False
    lowered = title.lower()
    return bool(_TRACKING_TITLE.search(title)) or any(word.lower() in lowered for word in extra)


_ACTIONS_WORD = re.compile(r"\bactions?\b(?!\s+plan)", re.IGNORECASE)
_MAX_INTRODUCTION_WORDS = 30


def _introduces_actions(text: str) -> bool:
    """ "For the record, the actions from the meeting are:" leads into a list."""
    text = one_line(text)
    return (
        text.rstrip().endswith(":")
        and len(text.split()) <= _MAX_INTRODUCTION_WORDS
        and bool(_ACTIONS_WORD.search(text))
    )


def is_state_title(title: str) -> bool:
    """'Done', 'Old', 'Outstanding (from 2025-05-08)'; not 'Previous action items',
    which names the actions, not their state."""
    return bool(_STATE_TITLE.match(title.strip())) and not _TRACKING_TITLE.search(title)


@dataclass(frozen=True)
class Section:
    """Where a block sits: the titles above it, outermost first, and whether the
    section tracks actions."""

    titles: tuple[str, ...] = ()
    tracking: bool = False

    @property
    def is_agenda(self) -> bool:
        """The list right under an "Agenda" heading names topics; sections nested in
        one ("Agenda items" / "Actions from last meeting") are the meeting itself."""
        return bool(_AGENDA_TITLE.match(self.title))

    @property
    def title(self) -> str:
        return self.titles[-1] if self.titles else ""

    @property
    def state(self) -> str:
        """The innermost title when it names a state ('Done', 'Old'): the state of
        the actions listed under it."""
        return self.title if self.tracking and len(self.titles) > 1 and is_state_title(self.title) else ""


def sections(outline: Sequence[Block], extra: Sequence[str] = ()) -> Iterator[tuple[Block, Section]]:
    """Each block with its section. A heading with a deeper level nests in the one
    above; a heading of unknown level (0) nests in an action section when its
    title names a state ('Done', 'Old'), else it starts a section of its own."""
    stack: list[tuple[int, str, bool]] = []  # (level, title, tracking)
    introduced = False  # a sentence ending in a colon leads into a list of actions
    attached = False  # past "Attachments:": reports by others, with their own plans
    for block in outline:
        if introduced and block.kind != "item" and block.parent < 0:
            stack.pop()
            introduced = False
        if block.kind == "paragraph" and block.parent < 0 and _introduces_actions(block.text):
            level = stack[-1][0] + 1 if stack else 1
            yield block, Section(tuple(t for _, t, _ in stack), False)
            stack.append((level, block.text.rstrip(":"), True))
            introduced = True
            continue
        if block.kind == "heading":
            level = block.level or (
                stack[-1][0] + 1 if stack and stack[-1][2] and is_state_title(block.text) else 1
            )
            while stack and stack[-1][0] >= level:
                stack.pop()
            # under an action section, a state ("Done", "Old") is still one; another
            # subject ("Community objectives") is not
            inherited = bool(stack) and stack[-1][2] and is_state_title(block.text)
            # "Action 7:" on a line of its own is a marker, not a section title
            tracking = not is_marker(block.text + ":") and is_tracking_title(block.text, extra)
            if _ATTACHMENT_TITLE.match(block.text):
                # an annex that is the action log ("Annex A: Action log") still is one
                attached = not tracking
            stack.append((level, block.text, (inherited or tracking) and not (attached and not inherited)))
        section = Section(tuple(t for _, t, _ in stack), bool(stack) and stack[-1][2])
        yield block, section


@dataclass(frozen=True)
class Placed:
    """A line with the heading of the section it sits in."""

    line: Line
    section: str
    is_heading: bool
    starts_block: bool


def placed_lines(document: Document) -> Iterator[Placed]:
    """The document's lines (tables apart), each with its section title, and whether
    it is a heading or starts a paragraph or item of the outline."""
    starts: dict[tuple[int | None, int | None], Block] = {}
    for block in document.outline:
        starts.setdefault((block.page, block.line), block)
    section = ""
    for line in document.lines:
        if line.in_table:
            continue
        started = starts.get((line.page, line.number))
        is_heading = started is not None and started.kind == "heading"
        if started is not None and is_heading:
            section = started.text
        yield Placed(line=line, section=section, is_heading=is_heading, starts_block=started is not None)
