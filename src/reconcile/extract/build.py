"""Turn the pieces of text found for one action into an Action."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..config import Settings
from ..leads import actor_of, parse_lead
from ..model import Action, Document, Timing
from ..timing import find_timing, parse_timing

_MARKDOWN_EMPHASIS = re.compile(r"(\*\*|__)")
# A status written after the action, as the next meeting's minutes do:
# "... nn_it000. _Carry forward_", "... [Ongoing for Damian Tolan/SIG PMs]".
# A comment in brackets may follow the status: "_On hold_ (pending new terms)".
_COMMENT = r"(?:\s*\([^()]{0,300}\))?\.?\s*$"
_TRAILING_ITALIC = re.compile(r"\s*(?<![\w*])[_*]([^_*\[\]]{1,60}?)\.?[_*](?![\w*])\.?" + _COMMENT)
_TRAILING_BRACKET = re.compile(r"\s*\[([^\[\]]{1,120})\]\.?" + _COMMENT)
_TRAILING_PARENTHESIS = re.compile(r"\s*\(([^()]{1,60})\)\.?\s*$")
# "... by 31 October - Done."
_TRAILING_DASH = re.compile(r"\s+[-–—]\s+([A-Za-z][\w ]{0,40}?)\.?\s*$")
_FOR_OWNER = re.compile(r"^(?P<status>.*?)\s+for\s+(?P<owner>.+)$", re.IGNORECASE)


@dataclass(frozen=True)
class Status:
    """A status marker taken off the end of an action's text."""

    text: str  # the action's text without the marker
    status: str  # the status as written ("Carry forward")
    owner: str  # "Damian Tolan/SIG PMs" from "[Ongoing for Damian Tolan/SIG PMs]"


def split_status(text: str, settings: Settings) -> Status:
    """The action's text and the status marker at its end, if it has one."""
    for pattern in (_TRAILING_BRACKET, _TRAILING_ITALIC, _TRAILING_PARENTHESIS, _TRAILING_DASH):
        match = pattern.search(text)
        if not match:
            continue
        inner = match.group(1).strip()
        owner_match = _FOR_OWNER.match(inner)
        status, owner = (owner_match["status"], owner_match["owner"]) if owner_match else (inner, "")
        if _is_status(status, settings):
            return Status(text=text[: match.start()].rstrip(), status=status.strip(), owner=owner.strip())
    return Status(text=text, status="", owner="")


def _is_status(text: str, settings: Settings) -> bool:
    timing = parse_timing(text, None, settings.timing)
    return timing is not None and timing.kind == "status"


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
    context: str = "",
    section: str = "",
) -> Action:
    text = clean_action_text(text)
    if source != "table":
        marker = split_status(text, settings)
        text = marker.text
        timing_cell = timing_cell or marker.status
        lead_cell = lead_cell or marker.owner
    in_text = find_timing(text, document.date, settings.timing)
    in_cell = _parse_cell(timing_cell, document, settings)
    actor = actor_of(text, settings.leads)
    lead = parse_lead(lead_cell, settings.leads) if lead_cell.strip() else None
    return Action(
        number=number,
        text=text,
        # The Timing column (or status marker) is the document's own statement of
        # when; the prose only stands in for it where there is none.
        timing=in_cell or in_text,
        lead=lead or actor,
        actor=actor,
        lead_cell=lead,
        page=page,
        line=line,
        source=source,
        timing_cell=in_cell,
        timing_in_text=in_text,
        context=clean_action_text(context),
        section=section,
    )


def _parse_cell(cell: str, document: Document, settings: Settings) -> Timing | None:
    return parse_timing(cell, document.date, settings.timing) if cell.strip() else None
