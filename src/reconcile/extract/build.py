"""Turn the pieces of text found for one action into an Action."""

from __future__ import annotations

import re

from ..config import Settings
from ..leads import actor_of, parse_lead
from ..model import Action, Document
from ..timing import find_timing, parse_timing

_MARKDOWN_EMPHASIS = re.compile(r"(\*\*|__)")


def clean_action_text(text: str) -> str:
    return " ".join(_MARKDOWN_EMPHASIS.sub("", text).split())


def build_action(
    document: Document,
    settings: Settings,
    *,
    number: str,
    text: str,
    page: int | None,
    line: int | None,
    source: str,
    timing_cell: str = "",
    lead_cell: str = "",
) -> Action:
    text = clean_action_text(text)
    in_text = find_timing(text, document.date, settings.timing)
    in_cell = parse_timing(timing_cell, document.date, settings.timing) if timing_cell.strip() else None
    actor = actor_of(text, settings.leads)
    lead = parse_lead(lead_cell, settings.leads) if lead_cell.strip() else None
    return Action(
        number=number,
        text=text,
        # The Timing column is the document's own statement of when; the prose
        # only stands in for it where the column is blank.
        timing=in_cell or in_text,
        lead=lead or actor,
        actor=actor,
        lead_cell=lead,
        page=page,
        line=line,
        source=source,
        timing_cell=in_cell,
        timing_in_text=in_text,
    )
