"""--format github: GitHub Actions workflow commands, one line per finding.

    ::error file=letter.txt,line=58,title=reconcile timing slipped::slipped by 1 month: July 2022 → \
        August 2022 (minutes minutes.txt:89)

GitHub shows each as an annotation on the letter (on the minutes for an action
the letter lost). Values are escaped as the runner requires, so a document's text
can neither end the command early nor start a new one."""

from __future__ import annotations

from typing import Any, TextIO

from ..model import Reconciliation
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
    for pair in records["pairs"]:
        for finding in pair["findings"]:
            stream.write(command(finding, pair, paths) + "\n")


def command(finding: dict[str, Any], pair: dict[str, Any], paths: dict[str, str]) -> str:
    """One workflow command for a finding of a pair."""
    # the letter is where a fix goes; an action the letter lost can only point at the minutes
    side = "letter" if pair["letter"] is not None else "minutes"
    properties = {"file": paths[side]}
    line = pair[side]["line"]
    if line is not None:
        properties["line"] = str(line)
    properties["title"] = f"reconcile {finding['kind']} {finding['class']}"
    level = _COMMANDS[finding["severity"]]
    if finding.get("suppressed"):
        # still shown, as a notice that says why it no longer fails the run
        level = "notice"
        properties["title"] += f" ({finding['suppressed']})"
    message = finding["message"]
    if side == "letter" and pair["minutes"] is not None:
        message += f" (minutes {_where(paths['minutes'], pair['minutes'])})"
    props = ",".join(f"{key}={escape_property(value)}" for key, value in properties.items())
    return f"::{level} {props}::{escape_data(message)}"


def _where(path: str, action: dict[str, Any]) -> str:
    where = path if action["line"] is None else f"{path}:{action['line']}"
    # in a PDF the line is counted within its page
    return where if action["page"] is None else f"{where}, page {action['page']}"


def escape_data(text: str) -> str:
    for raw, escaped in _DATA_ESCAPES:
        text = text.replace(raw, escaped)
    return text


def escape_property(text: str) -> str:
    for raw, escaped in _PROPERTY_ESCAPES:
        text = text.replace(raw, escaped)
    return text
