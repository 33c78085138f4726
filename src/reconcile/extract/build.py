"""Turn the pieces of text found for one action into an Action."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..config import Settings
from ..leads import actor_of, parse_lead
from ..model import Action, Document, Timing
from ..scan import compile_searching
from ..timing import closes_action, find_timing, mentioned_status, parse_timing

_MARKDOWN_EMPHASIS = re.compile(r"(\*\*|__)")
# A status written after the action, as the next meeting's minutes do:
# "... nn_it000. _Carry forward_", "... [Ongoing for Damian Tolan/SIG PMs]".
# A comment in brackets may follow the status: "_On hold_ (pending new terms)".
_COMMENT = r"(?:\s*\([^()]{0,300}\))?\.?\s*$"
_TRAILING_ITALIC = compile_searching(r"\s*(?<![\w*])[_*]([^_*\[\]]{1,60}?)\.?[_*](?![\w*])\.?" + _COMMENT)
_TRAILING_BRACKET = compile_searching(r"\s*\[([^\[\]]{1,120})\]\.?" + _COMMENT)
_TRAILING_PARENTHESIS = compile_searching(r"\s*\(([^()]{1,60})\)\.?\s*$")
# "... by 31 October - Done."
_TRAILING_DASH = compile_searching(r"\s+[-–—]\s+([A-Za-z][\w ]{0,40}?)\.?\s*$")
_REPORTED_STATUS = compile_searching(
    r"(?:\s+[-–—]\s*|\s*-(?=[A-Z])|,\s+(?=\S+(?:\s\S+)?\.?$))(?P<status>(?:(?!\s[-–—]\s)[^–—]){2,200}?)\.?\s*$"
)
# "... by 10 November. Done.": a status written as a sentence of its own
_TRAILING_SENTENCE = compile_searching(r"(?<=[.!?])\s+([A-Z][\w ]{0,40}?)[.!]?\s*$")
_STATUS_MARKERS = (
    _TRAILING_BRACKET,
    _TRAILING_ITALIC,
    _TRAILING_PARENTHESIS,
    _TRAILING_DASH,
    _TRAILING_SENTENCE,
)
# a remark in brackets closing an item: "(this was completed)", "(the new one is on file)"
TRAILING_REMARK = compile_searching(r"\s*\((?P<remark>[^()]{3,200})\)\.?\s*$")
_FOR_OWNER = re.compile(r"^(?P<status>.*?)\s+for\s+(?P<owner>.+)$", re.IGNORECASE)


@dataclass(frozen=True)
class Status:
    """A status marker taken off the end of an action's text."""

    text: str  # the action's text without the marker
    status: str  # the status as written ("Carry forward")
    owner: str  # "Damian Tolan/SIG PMs" from "[Ongoing for Damian Tolan/SIG PMs]"


def split_status(text: str, settings: Settings) -> Status:
    """The action's text and the status marker at its end, if it has one: a
    status in brackets or emphasis, or after a dash or comma ("... runs. - Still
    working on this, roll over", "... guidelines, roll-over")."""
    reported = _REPORTED_STATUS.search(text)
    if reported and mentioned_status(reported["status"]):
        return Status(text=text[: reported.start()].rstrip(), status=reported["status"].strip(), owner="")
    for pattern in _STATUS_MARKERS:
        match = pattern.search(text)
        if not match:
            continue
        inner = match.group(1).strip()
        owner_match = _FOR_OWNER.match(inner)
        status, owner = (owner_match["status"], owner_match["owner"]) if owner_match else (inner, "")
        if is_status(status, settings):
            return Status(text=text[: match.start()].rstrip(), status=status.strip(), owner=owner.strip())
    remark = TRAILING_REMARK.search(text)
    if remark and remark.start() > 0:
        # "... by 30 April. Done (the renewed certificate is on file)": the remark
        # after the status comments on it
        before = split_status(text[: remark.start()].rstrip(), settings)
        if before.status:
            return before
    return Status(text=text, status="", owner="")


def closes(text: str, settings: Settings) -> bool:
    """Whether a status cell closes the action ("Completed", "Closed")."""
    return closes_action(parse_timing(text, None, settings.timing) if text.strip() else None)


def is_status(text: str, settings: Settings) -> bool:
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
    free_status: bool = False,
    update: str = "",
    cue: str = "",
    wording: str = "",
) -> Action:
    text = clean_action_text(text)
    if source != "table":
        marker = split_status(text, settings)
        text = marker.text
        wording = split_status(wording, settings).text if wording else wording
        timing_cell = timing_cell or marker.status
        lead_cell = lead_cell or marker.owner
    in_text = find_timing(text, document.date, settings.timing)
    in_cell = _parse_cell(timing_cell, document, settings)
    if free_status and timing_cell.strip() and not _states_status(in_cell, timing_cell):
        # a status in the body's own words ("To present today", "report hasn't
        # improved"): compared as written
        in_cell = free_text_status(timing_cell)
    actor = actor_of(wording or text, settings.leads)
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
        update=update,
        cue=cue or source,
        wording=clean_action_text(wording),
    )


def _parse_cell(cell: str, document: Document, settings: Settings) -> Timing | None:
    return parse_timing(cell, document.date, settings.timing) if cell.strip() else None


# A status written as a sentence ("Email on 6/23/2015 - setting our expectations")
# is a status that mentions a date, not a date.
_MAX_DATE_CELL_WORDS = 4


def _states_status(parsed: Timing | None, cell: str) -> bool:
    """Whether the parsed status slot says what the cell says: a status word, or a
    date given on its own."""
    if parsed is None:
        return False
    return parsed.kind == "status" or len(cell.split()) <= _MAX_DATE_CELL_WORDS


def free_text_status(text: str) -> Timing:
    """A status in the body's own words, known by the status it names where it
    names one ("Still working on this, roll over": carried forward)."""
    label = " ".join(text.split())
    status = mentioned_status(label) or label.lower().rstrip(" .")
    return Timing(text=text, kind="status", label=label, status=status)
