"""--format github: GitHub Actions workflow commands, one line per finding.

    ::error file=letter.pdf,line=131,title=reconcile timing slipped (action 7 → 7)::action 7 → 7: \
        slipped by 1 month: July 2022 → August 2022 (letter page 3, line 23; minutes minutes.pdf \
        page 3, line 6)

GitHub shows each as an annotation on the letter (on the minutes for an action
the letter lost). The title names the action and the message says where both
sides are, by page and line. A PDF's line is counted within its page, which is
ambiguous across pages: `line=` is counted through the whole document's text
instead, so that it finds the action. Values are escaped as the runner requires,
so a document's text can neither end the command early nor start a new one."""

from __future__ import annotations

from typing import Any, TextIO

from ..model import Document, Reconciliation
from .options import ReportOptions
from .records import to_records

_COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}
# the runner's own escaping (actions/toolkit, command.ts): "%" first, so that the
# escapes it adds are not escaped again
_DATA_ESCAPES = (("%", "%25"), ("\r", "%0D"), ("\n", "%0A"))
_PROPERTY_ESCAPES = (*_DATA_ESCAPES, (":", "%3A"), (",", "%2C"))


def render_github(rec: Reconciliation, stream: TextIO, options: ReportOptions) -> None:
    records = to_records(rec)
    paths = {"minutes": records["minutes"]["path"], "letter": records["letter"]["path"]}
    running = {"minutes": _running_lines(rec.minutes), "letter": _running_lines(rec.letter)}
    for pair in records["pairs"]:
        for finding in pair["findings"]:
            stream.write(command(finding, pair, paths, running) + "\n")


# (page, line within the page) -> the line counted through the whole document
RunningLines = dict[tuple[int, int], int]


def _running_lines(document: Document) -> RunningLines:
    return {
        (line.page, line.number): index
        for index, line in enumerate(document.lines, start=1)
        if line.page is not None
    }


def command(
    finding: dict[str, Any],
    pair: dict[str, Any],
    paths: dict[str, str],
    running: dict[str, RunningLines] | None = None,
) -> str:
    """One workflow command for a finding of a pair."""
    # the letter is where a fix goes; an action the letter lost can only point at the minutes
    side = "letter" if pair["letter"] is not None else "minutes"
    properties = {"file": paths[side]}
    line = _line(pair[side], (running or {}).get(side, {}))
    if line is not None:
        properties["line"] = str(line)
    action = f"action {_number(pair['minutes'])} → {_number(pair['letter'])}"
    title = f"reconcile {finding['kind']} {finding['class']} ({action}"
    level = _COMMANDS[finding["severity"]]
    if finding.get("suppressed"):
        # still shown, as a notice that says why it no longer fails the run
        level = "notice"
        title += f", {finding['suppressed']}"
    properties["title"] = title + ")"
    where = [_where(side, "", pair[side])]
    other = "minutes" if side == "letter" else "letter"
    if pair[other] is not None:
        where.append(_where(other, f" {paths[other]}", pair[other]))
    message = f"{action}: {finding['message']} ({'; '.join(where)})"
    props = ",".join(f"{key}={escape_property(value)}" for key, value in properties.items())
    return f"::{level} {props}::{escape_data(message)}"


def _line(action: dict[str, Any], running: RunningLines) -> int | None:
    """A line of the file that finds the action: its own where the document has no
    pages, else its line counted through the whole text (None if unknown)."""
    if action["line"] is None or action["page"] is None:
        line: int | None = action["line"]
        return line
    return running.get((action["page"], action["line"]))


def _number(action: dict[str, Any] | None) -> str:
    if action is None:
        return "—"
    return str(action["number"] or f"#{action['ordinal']}")


def _where(side: str, path: str, action: dict[str, Any]) -> str:
    """'letter page 3, line 23', 'minutes minutes.txt line 89'."""
    page = f" page {action['page']}" if action["page"] is not None else ""
    line = f" line {action['line']}" if action["line"] is not None else ""
    return f"{side}{path}{page}{',' if page and line else ''}{line}"


def escape_data(text: str) -> str:
    for raw, escaped in _DATA_ESCAPES:
        text = text.replace(raw, escaped)
    return text


def escape_property(text: str) -> str:
    for raw, escaped in _PROPERTY_ESCAPES:
        text = text.replace(raw, escaped)
    return text
