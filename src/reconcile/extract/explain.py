"""Why extraction found what it found, and, where it found nothing, what it
looked for and what came nearest: the first thing a user reads when a result
looks wrong."""

from __future__ import annotations

from collections.abc import Iterator

from ..config import Settings
from ..leads import verb_actor
from ..model import Action, Document
from .markers import CUES
from .structure import sections

LOOKED_FOR = (
    "an action table (No. | Action | Timing | Lead), 'Action N:' / 'ACTION:' / 'AI:' / '@name:' / "
    "'TODO' markers, and the items of sections titled like 'Actions', 'Action items', 'Next steps', "
    "'Follow-ups', 'Matters arising' or 'Review of outstanding actions'"
)
_MAX_CANDIDATES = 3
_QUOTE = 60


def why(action: Action) -> str:
    """One line on what made the action one, and the slots read."""
    parts = [CUES.get(action.cue, action.cue)]
    if action.section:
        parts.append(f"under '{action.section}'")
    if action.lead_cell:
        parts.append(f"owner from its slot: {', '.join(action.lead_cell)}")
    elif action.actor:
        parts.append(f"owner from its sentence: {', '.join(action.actor)}")
    if action.timing_cell is not None:
        parts.append(
            f"{'status' if action.timing_cell.kind == 'status' else 'due'}: {action.timing_cell.label}"
        )
    elif action.timing_in_text is not None:
        parts.append(f"timing from its text: {action.timing_in_text.label}")
    if action.update:
        parts.append(f"update: {_quoted(action.update)}")
    return "; ".join(parts)


def no_actions_message(document: Document, settings: Settings) -> str:
    """What extraction looked for, and the nearest candidates it did not take."""
    nearest = list(nearest_candidates(document, settings))[:_MAX_CANDIDATES]
    message = f"no actions found (looked for {LOOKED_FOR})"
    if nearest:
        message += "; nearest: " + "; ".join(nearest)
    return message


def nearest_candidates(document: Document, settings: Settings) -> Iterator[str]:
    """Lists and sentences that read like actions but were not taken, and why."""
    for table in document.tables:
        header = " | ".join(table.rows[0].cells) if table.rows else ""
        yield f"a table headed '{_quoted(header)}' names no Action column"
    reported: set[str] = set()
    outline = document.outline
    for block, section in sections(outline, settings.sections):
        if block.kind == "heading" or block.parent >= 0 or not verb_actor(block.text, settings.leads):
            continue
        title = section.title or "the start of the document"
        if title in reported:
            continue
        reported.add(title)
        kind = "a list" if block.kind == "item" else "a paragraph"
        yield (
            f"{kind} under '{title}' reads like actions ('{_quoted(block.text)}') but its title does "
            "not say it tracks actions (add the title to 'sections:' in the config)"
        )


def _quoted(text: str) -> str:
    text = " ".join(text.split())
    if len(text) <= _QUOTE:
        return text
    cut = text[:_QUOTE].rsplit(" ", 1)[0]
    return f"{cut} …"
