"""--format csv: one row per pair, for a spreadsheet or a batch audit.

Cells that a spreadsheet would run as a formula (=, +, -, @, and the tab and
carriage return that some of them treat the same way) get a leading single quote:
a document's text must never execute on an analyst's machine."""

from __future__ import annotations

import csv
from typing import Any, TextIO

from ..model import Reconciliation
from .options import ReportOptions
from .records import counts, to_records, worst_severity

COLUMNS = (
    "minutes_number",
    "letter_number",
    "score",
    "wording",
    "timing",
    "lead",
    "worst",
    "findings",
    "minutes_page",
    "minutes_line",
    "letter_page",
    "letter_line",
    "minutes_timing",
    "letter_timing",
    "minutes_lead",
    "letter_lead",
    "messages",
    "suppressed",  # findings reported that no longer fail the run (--ignore, --baseline)
)
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def render_csv(rec: Reconciliation, stream: TextIO, options: ReportOptions) -> None:
    # "\n" rather than the csv module's "\r\n": the stream is text, and on Windows
    # a text stream would turn "\r\n" into "\r\r\n"
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(COLUMNS)
    for pair in to_records(rec)["pairs"]:
        writer.writerow([neutralise(cell) for cell in _row(pair)])


def neutralise(cell: object) -> object:
    """A cell a spreadsheet shows as text rather than running as a formula."""
    if isinstance(cell, str) and cell.startswith(_FORMULA_STARTS):
        return "'" + cell
    return cell


def _row(pair: dict[str, Any]) -> list[object]:
    old, new = pair["minutes"], pair["letter"]
    findings = pair["findings"]
    return [
        _get(old, "number"),
        _get(new, "number"),
        f"{pair['score']:.2f}",
        pair["drift"]["wording"],
        pair["drift"]["timing"],
        pair["drift"]["lead"],
        worst_severity(findings) or "",
        len(findings),
        _get(old, "page"),
        _get(old, "line"),
        _get(new, "page"),
        _get(new, "line"),
        _timing_label(old),
        _timing_label(new),
        _lead(old),
        _lead(new),
        " | ".join(_message(f) for f in findings),
        sum(1 for f in findings if not counts(f)),
    ]


def _message(finding: dict[str, Any]) -> str:
    if counts(finding):
        return str(finding["message"])
    return f"{finding['message']} (suppressed: {finding['suppressed']})"


def _get(action: dict[str, Any] | None, key: str) -> object:
    if action is None or action[key] is None:
        return ""
    value: object = action[key]
    return value


def _timing_label(action: dict[str, Any] | None) -> str:
    if action is None or action["timing"] is None:
        return ""
    label: str = action["timing"]["label"]
    return label


def _lead(action: dict[str, Any] | None) -> str:
    if action is None or not action["lead"]:
        return ""
    return "; ".join(action["lead"])
