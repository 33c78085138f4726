"""The slots of an action item, read apart from its wording: its own number, owner,
status and the update written under it. What remains is the action's text, the
only part whose wording is compared."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..leads import actor_of
from ..model import Block
from ..textutil import one_line
from ..timing import mentioned_status
from .build import TRAILING_REMARK
from .markers import NAME

_MONTHS = "jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec"
# "2.1 Matt/Ana ...", "A12 ...", "62.3 ...", "4a ...", "2022/06-3 ..." but not "27 June ...".
_OWN_NUMBER = re.compile(
    rf"^(?P<num>[A-Z]{{0,2}}\d+(?:[./-]\d+)*[a-z]?)[.:)]?\s+(?!(?:{_MONTHS})[a-z]*\b)(?P<rest>\S.*)$",
)
# "(From previous minutes) ...": where the action comes from, not what it says
_ORIGIN_LABEL = re.compile(r"^\((?:from|carried)\s[^()]{0,60}\)\s*", re.IGNORECASE)
# "[ DirectMemory 2015-04-22 ]": the project and the meeting that raised the action
_RAISED_TAG = re.compile(r"\s*\[\s*[^\[\]]{0,60}?\d{4}-\d{2}-\d{2}\s*\]")
# "Status: not done" written on the item: the rest of the item is the status
_STATUS_LABEL = re.compile(r"\s*\bStatus\s*:\s*(?P<status>.*)$", re.IGNORECASE | re.DOTALL)
# "Owner: Jane", "Assigned to: Jane", "Due: 30 April" written inside an item
_OWNER_LABEL = re.compile(
    r"[\s;,(]*\b(?:owner|assigned(?:\s+to)?|lead|responsible)\s*:\s*(?P<owner>[^;,()]{1,60}?)\s*(?:[;,)]|\.\s|\.?$)",
    re.IGNORECASE,
)
_DUE_LABEL = re.compile(
    r"[\s;,(]*\b(?:due(?:\s+date)?|deadline|by\s+when|target\s+date)\s*:\s*(?P<due>[^;()]{1,40}?)\s*(?:[;)]|\.\s|\.?$)",
    re.IGNORECASE,
)
# "Update the website (Priya)", "... (to Priya)", "... [JS]": the owner after the task
_TRAILING_OWNER = re.compile(
    r"\s*[(\[]\s*(?:to\s+|owner:\s*|lead:\s*)?(?P<owner>[A-Z][\w.'’-]*(?:\s*(?:[A-Z][\w.'’-]*|&|and|/|,)){0,4})\s*[)\]]\.?$"
)
# A short line under an item, on its own, reads as the item's status: "ONGOING",
# "To present today", "Still working on this, roll over".
_MAX_STATUS_WORDS = 8
# A status that hands the action to someone else
_HANDOVER = re.compile(
    rf"^(?P<owner>{NAME})\s+(?:continues|takes\s+over|has\s+taken\s+over|will\s+take\s+over|picks\s+up|now\s+owns)\b"
)
# State titles that mark an action as new rather than give its state.
_NOT_A_STATE = re.compile(r"^(?:new|current)\b", re.IGNORECASE)


# References that point elsewhere say nothing of the action: a URL, an issue
# number, a trailing "See also #305".
_SEE_ALSO = re.compile(
    r"\s*\(?\bsee(?:\s+also)?\s+(?:#\d+|https?://)[^()]*\)?\.?\s*(?:\(\w+\))?$", re.IGNORECASE
)
_REFERENCE = re.compile(r"\s*(?:\(\s*)?(?:https?://\S+|(?<![\w&])#\d+\b)(?:\s*\))?")


def without_references(text: str) -> str:
    """The text as compared for wording: no URLs, issue numbers or 'See also'."""
    return " ".join(_REFERENCE.sub("", _SEE_ALSO.sub("", text)).split())


@dataclass(frozen=True)
class Slots:
    number: str
    text: str
    status: str  # as written: "Done", "ONGOING", "not done, report hasn't improved"; "" none
    owner: str
    update: str  # the narrative under the action: shown as evidence, never compared
    handed_over: bool = False  # the status names a new owner


def read_slots(block: Block, text: str, children: Sequence[Block], state: str) -> Slots:
    number, text = _own_number(block, text)
    text = _ORIGIN_LABEL.sub("", text)
    text = _RAISED_TAG.sub("", text)
    status = ""
    labelled = _STATUS_LABEL.search(text)
    if labelled:
        text, status = text[: labelled.start()].rstrip(), " ".join(labelled["status"].split())
    owner = ""
    leading = _LEADING_OWNER.match(text)
    if leading:
        # "[Hazel] Book the church hall"
        text, owner = text[leading.end() :], leading["owner"]
    text, status, due = _trailing_slots(text, status)
    owner_match = _OWNER_LABEL.search(text)
    if owner_match and owner_match.start() > 0:
        text, owner = _cut(text, owner_match), owner_match["owner"].strip()
    trailing = _TRAILING_OWNER.search(text)
    if (
        trailing
        and trailing.start() > 0
        and not owner
        and not mentioned_status(trailing["owner"])
        and actor_of(text) is None  # "Ana/Matt to ... (CO10)": the actor owns it
    ):
        text, owner = text[: trailing.start()].rstrip(), trailing["owner"].strip()
    due_match = _DUE_LABEL.search(text)
    if due_match and due_match.start() > 0:
        text, due = _cut(text, due_match), due or due_match["due"].strip()
    status = status or due
    text, status = _emphasised_status(block, text, status)
    done = block.checkbox == "done" or block.struck
    update_parts: list[str] = []
    if done:
        remark = TRAILING_REMARK.search(text)
        if remark and remark.start() > 0:
            # "(this was completed)" after a ticked item comments on it
            text, update_parts = text[: remark.start()].rstrip(), [remark["remark"]]
        status = status or "Done"
    continued, under = _content_children(text, children)
    text = " ".join([text, *continued]) if continued else text
    if under and not status and under[0].kind == "item":
        # the first point under a restated action gives its state
        status, under = one_line(under[0].text), under[1:]
    update_parts.extend(one_line(block.text) for block in under)
    handover = _HANDOVER.match(status)
    if handover:
        owner = handover["owner"]  # "Michael continues the action": the lead moved
    if not status and state and not _NOT_A_STATE.match(state):
        status = re.sub(r"\s*\(.*$", "", state).strip()
    return Slots(number, text.strip(), status, owner, " ".join(update_parts), handed_over=bool(handover))


_LEADING_OWNER = re.compile(r"^\[\s*(?P<owner>[A-Z][\w.'’ /&-]{0,40}?)\s*\]\s+(?=\S)")
# "... (by 30 April)", "... – in progress" after the task
_TRAILING_DATE = re.compile(
    r"\s*\(\s*(?P<due>(?:by|before|due|no later than)\s[^()]{1,30}?)\s*\)\.?$", re.IGNORECASE
)
_TRAILING_DASH_STATUS = re.compile(r"\s+[-–—]\s+(?P<status>[^–—]{1,60}?)\.?$")


def _trailing_slots(text: str, status: str) -> tuple[str, str, str]:
    """Peel the status and the due date written after the task, in either order:
    "... (to Owen) (by 30 April) – in progress"."""
    due = ""
    while True:
        dash = _TRAILING_DASH_STATUS.search(text)
        if dash and not status and mentioned_status(dash["status"]):
            text, status = text[: dash.start()].rstrip(), dash["status"].strip()
            continue
        dated = _TRAILING_DATE.search(text)
        if dated and dated.start() > 0 and not due:
            text, due = text[: dated.start()].rstrip(), dated["due"].strip()
            continue
        return text, status, due


def _emphasised_status(block: Block, text: str, status: str) -> tuple[str, str]:
    """ "... nn_it000. _Carry forward_": a short emphasised phrase closing the item
    (not the whole item) is its status."""
    if status or not block.emphasis:
        return text, status
    last = block.emphasis[-1]
    body = text.rstrip(" .")
    if last != text and len(last.split()) <= _MAX_STATUS_WORDS and body.endswith(last.rstrip(" .")):
        return body[: len(body) - len(last.rstrip(" ."))].rstrip(), last.rstrip(" .")
    return text, status


def _own_number(block: Block, text: str) -> tuple[str, str]:
    match = _OWN_NUMBER.match(text)
    if match:
        return match["num"], match["rest"]
    return block.number, text


def _cut(text: str, match: re.Match[str]) -> str:
    return (text[: match.start()] + " " + text[match.end() :]).strip()


def _content_children(text: str, children: Sequence[Block]) -> tuple[list[str], list[Block]]:
    """(continuing, under): an item that ends with a colon goes on in its sub-items
    ("Prioritise, at the next meeting:"); otherwise what is under it is its status
    and update."""
    if text.rstrip().endswith(":"):
        return [one_line(child.text) for child in children if child.text], []
    return [], [child for child in children if child.text]
