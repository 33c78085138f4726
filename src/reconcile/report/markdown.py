"""--format markdown: a report to paste into a pull-request or ticket comment.

A heading naming both documents, a summary line, a GitHub-flavoured table of the
pairs, then a short section for each pair with findings: the findings, the
redline (~~old~~ **new**) and where each side was read. Document text is escaped
so that whatever Markdown or HTML it holds is shown as written, and so that an
"@name" or "#12" in a document cannot mention a person or link an issue."""

from __future__ import annotations

from datetime import date
from typing import Any, TextIO

from ..model import Reconciliation
from .options import ReportOptions
from .records import counts, plural, tally, to_records, without_controls, worst_severity

# Backslash escapes work for every ASCII punctuation character in CommonMark; these
# are the ones that can start markup mid-line (or mention, or link, on GitHub).
_BACKSLASHED = "\\`*_{}[]()#+!|~@"
# Entities rather than backslashes: GitHub's sanitiser sees raw HTML before Markdown.
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_ESCAPES = {**{c: "\\" + c for c in _BACKSLASHED}, **_ENTITIES}


def render_markdown(rec: Reconciliation, stream: TextIO, options: ReportOptions) -> None:
    records = to_records(rec)
    summary = _summary_line(records["summary"], records["pairs"])
    blocks = [_heading(records), summary, _table(records["pairs"])]
    blocks += [_details(pair) for pair in records["pairs"] if pair["findings"]]
    stream.write("\n\n".join(blocks) + "\n")


def md(text: str) -> str:
    """Document text as Markdown that shows it literally, on one line."""
    flat = " ".join(without_controls(text).split())  # a newline would end a table row
    return "".join(_ESCAPES.get(c, c) for c in flat)


def _heading(records: dict[str, Any]) -> str:
    minutes, letter = records["minutes"], records["letter"]
    return f"## reconcile: {_document(minutes)} → {_document(letter)}"


def _document(doc: dict[str, Any]) -> str:
    actions = len(doc["actions"])
    return f"{md(doc['path'])} ({_date(doc['date'])}; {actions} action{'s' if actions != 1 else ''})"


def _date(iso: str | None) -> str:
    if iso is None:
        return "date not found"
    day = date.fromisoformat(iso)
    return f"{day.day} {day:%B %Y}"


def _summary_line(summary: dict[str, Any], pairs: list[dict[str, Any]]) -> str:
    parts = [f"**{plural(summary['pairs'], 'pair')}**: {summary['matched']} matched"]
    if summary["minutes_only"]:
        parts.append(f"{summary['minutes_only']} only in the minutes")
    if summary["letter_only"]:
        parts.append(f"{summary['letter_only']} only in the letter")
    found = [text for _, text in tally(pairs)]
    return ", ".join(parts) + " · " + (", ".join(found) if found else "no drift found")


def _table(pairs: list[dict[str, Any]]) -> str:
    rows = [
        "| pair | score | wording | timing | lead | worst |",
        "| --- | ---: | --- | --- | --- | --- |",
    ]
    rows += [_row(pair) for pair in pairs]
    return "\n".join(rows)


def _row(pair: dict[str, Any]) -> str:
    drift = pair["drift"]
    worst = worst_severity(pair["findings"])
    if pair["minutes"] is None or pair["letter"] is None:
        cells = ["—", "**unmatched**", "—", "—"]
    else:
        cells = [f"{pair['score']:.2f}", *(_cls(drift[d]) for d in ("wording", "timing", "lead"))]
    return f"| {_label(pair)} | " + " | ".join(cells) + f" | {f'**{worst}**' if worst else 'ok'} |"


def _cls(name: str) -> str:
    return name if name == "none" else f"**{name}**"


def _label(pair: dict[str, Any]) -> str:
    return f"{_number(pair['minutes'])} → {_number(pair['letter'])}"


def _number(action: dict[str, Any] | None) -> str:
    if action is None:
        return "—"
    return md(action["number"]) if action["number"] else "(unnumbered)"


def _details(pair: dict[str, Any]) -> str:
    lines = [
        f"### Action {_label(pair)}",
        "",
        f"minutes {_where(pair['minutes'])} · letter {_where(pair['letter'])}",
        "",
    ]
    for finding in pair["findings"]:
        suppressed = f" *(suppressed: {md(finding['suppressed'])})*" if not counts(finding) else ""
        lines.append(f"- **{finding['severity']}** {finding['kind']} {md(finding['message'])}{suppressed}")
        # a blockquote inside the list item keeps the evidence under its finding
        if finding.get("diff"):
            lines.append(f"  > {_redline(finding['diff'])}")
        elif finding["kind"] == "unmatched":
            action = pair["minutes"] or pair["letter"]
            lines.append(f"  > {md(action['text'])}")
    return "\n".join(lines)


def _where(action: dict[str, Any] | None) -> str:
    if action is None:
        return "—"
    parts = [f"p.{action['page']}" if action["page"] is not None else ""]
    parts.append(f"l.{action['line']}" if action["line"] is not None else "")
    return " ".join(p for p in parts if p) or "?"


def _redline(diff: list[dict[str, Any]]) -> str:
    marks = {"delete": "~~{}~~", "insert": "**{}**", "equal": "{}"}
    return " ".join(marks[op["op"]].format(md(op["text"])) for op in diff if op["text"].strip())
