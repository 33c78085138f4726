"""The reports of a series: its record form (the JSON contract), and the
terminal, JSON and CSV formats built from it."""

from __future__ import annotations

import csv
import html
import json
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

from ..model import Appearance, Chain, Series
from .records import (
    SCHEMA_VERSION,
    counts,
    date_record,
    drift_record,
    finding_record,
    in_severity_order,
    plural,
    without_controls,
)

SERIES_FORMATS = ("terminal", "json", "csv", "html")


def series_records(series: Series) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "documents": [
            {"path": d.path, "date": date_record(d.date), "actions": len(actions)}
            for d, actions in zip(series.documents, series.actions, strict=True)
        ],
        "chains": [_chain(c) for c in series.chains],
        "summary": _summary(series),
    }


def _chain(chain: Chain) -> dict[str, Any]:
    return {
        "id": chain.id,
        "state": chain.state,
        "appearances": [_appearance(a) for a in chain.appearances],
        "findings": [{**finding_record(f), "document": f.document} for f in chain.findings],
    }


def _appearance(appearance: Appearance) -> dict[str, Any]:
    action = appearance.action
    drift = appearance.drift
    return {
        "document": appearance.document,
        "number": action.number or None,
        "text": action.text,
        "timing": action.timing.label if action.timing else None,
        "lead": list(action.lead) if action.lead else [],
        "status": "closed" if appearance.closed else "open",
        "page": action.page,
        "line": action.line,
        # how it moved since the chain's previous appearance; null for the first
        "drift": None if drift is None else drift_record(drift),
    }


def _summary(series: Series) -> dict[str, Any]:
    findings = series.findings
    return {
        "documents": len(series.documents),
        "chains": len(series.chains),
        "by_state": dict(Counter(c.state for c in series.chains)),
        "findings": len(findings),
        "suppressed": sum(1 for f in findings if not f.active),
        "by_severity": in_severity_order(Counter(f.severity.value for f in findings)),
        "by_class": {c: n for c, n in sorted(Counter(f"{f.kind}.{f.cls}" for f in findings).items())},
    }


def render_series(series: Series, fmt: str, stream: TextIO) -> None:
    _RENDERERS[fmt](series_records(series), stream)


def _render_json(records: dict[str, Any], stream: TextIO) -> None:
    json.dump(records, stream, ensure_ascii=False, indent=1)
    stream.write("\n")


def _render_terminal(records: dict[str, Any], stream: TextIO) -> None:
    """The documents in the order read, one line a chain, then its findings."""
    documents = records["documents"]
    stream.write(f"Series of {plural(len(documents), 'document')}, in this order:\n")
    for n, d in enumerate(documents, start=1):
        count = plural(d["actions"], "action")
        stream.write(f"  {n:>3}. {d['date'] or 'undated':<10}  {Path(d['path']).name}  ({count})\n")
    stream.write("\n")
    for chain in records["chains"]:
        seen = "".join(_cell(chain, i) for i in range(len(documents)))
        text = without_controls(" ".join(chain["appearances"][0]["text"].split()))
        stream.write(f"{chain['id']:>5} {chain['state']:<8} {seen}  {_short(text)}\n")
        for f in chain["findings"]:
            mark = "" if counts(f) else f" [{f['suppressed']}]"
            where = (
                Path(documents[f["document"]]["path"]).name
                if 0 <= f["document"] < len(documents)
                else "after the last"
            )
            stream.write(
                f"        {f['severity']}: {f['kind']}.{f['class']} at {where}: {f['message']}{mark}\n"
            )
    summary = records["summary"]
    states = ", ".join(f"{n} {s}" for s, n in sorted(summary["by_state"].items()))
    chains, findings = plural(summary["chains"], "chain"), plural(summary["findings"], "finding")
    stream.write(f"\n{chains} ({states or 'none'}); {findings}")
    severities = ", ".join(f"{n} {s}" for s, n in summary["by_severity"].items())
    stream.write(f" ({severities})\n" if severities else "\n")


def _cell(chain: dict[str, Any], document: int) -> str:
    """One character a document: 'o' open, 'x' closed, '.' not printed while open,
    ' ' before the chain began or after it closed."""
    statuses = [a["status"] for a in chain["appearances"] if a["document"] == document]
    if statuses:
        return "x" if statuses[-1] == "closed" else "o"
    return "." if _missing(chain, document) == "absent" else " "


def _missing(chain: dict[str, Any], document: int) -> str:
    """Why a chain is not in a document: 'before' it began, 'after' it closed, or
    'absent' while open (skipped, or vanished)."""
    earlier = [a for a in chain["appearances"] if a["document"] < document]
    if not earlier:
        return "before"
    return "after" if earlier[-1]["status"] == "closed" else "absent"


def _short(text: str, width: int = 70) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


_CSV_FIELDS = (
    "chain",
    "state",
    "document",
    "path",
    "date",
    "number",
    "text",
    "timing",
    "lead",
    "status",
    "wording",
    "timing_drift",
    "lead_drift",
    "page",
    "line",
)


def _render_csv(records: dict[str, Any], stream: TextIO) -> None:
    """A row an appearance."""
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(_CSV_FIELDS)
    documents = records["documents"]
    for chain in records["chains"]:
        for a in chain["appearances"]:
            drift = a["drift"] or {"wording": "", "timing": "", "lead": ""}
            document = documents[a["document"]]
            writer.writerow(
                [
                    chain["id"],
                    chain["state"],
                    a["document"],
                    document["path"],
                    document["date"] or "",
                    a["number"] or "",
                    without_controls(a["text"]),
                    a["timing"] or "",
                    "; ".join(a["lead"]),
                    a["status"],
                    drift["wording"],
                    drift["timing"],
                    drift["lead"],
                    a["page"] or "",
                    a["line"] or "",
                ]
            )


_CSS = """
body { font: 14px/1.4 system-ui, sans-serif; margin: 1.5em; color: #222; }
table { border-collapse: collapse; }
th, td { border: 1px solid #ccc; padding: 2px 6px; vertical-align: top; }
th.doc { writing-mode: vertical-rl; transform: rotate(180deg); font-weight: normal; font-size: 12px; }
td.cell { width: 1.4em; text-align: center; cursor: help; }
td.open { background: #fff3c4; } td.closed { background: #c8efd0; } td.absent { background: #f6d5d5; }
td.before, td.after { background: #fff; }
td.text { max-width: 32em; }
.state-vanished { color: #a00; font-weight: bold; }
.state-closed { color: #060; } .state-open { color: #850; }
ul.findings { margin: 0; padding-left: 1.2em; font-size: 12px; }
.error { color: #a00; } .warning { color: #850; } .info { color: #555; }
.suppressed { text-decoration: line-through; }
"""

_CELL_MARKS = {"open": "o", "closed": "✓", "absent": "·", "before": "", "after": ""}


def _render_html(records: dict[str, Any], stream: TextIO) -> None:
    """A row a chain, a column a document; each cell the action's state there,
    with its text, timing and owner on hover. One file, no script, no fetch."""
    documents = records["documents"]
    e = html.escape
    head = "".join(
        f'<th class="doc" title="{e(d["path"])}">{e(d["date"] or Path(d["path"]).name)}</th>'
        for d in documents
    )
    rows = []
    for chain in records["chains"]:
        cells = "".join(_html_cell(chain, i) for i in range(len(documents)))
        text = e(without_controls(chain["appearances"][0]["text"]))
        findings = "".join(
            f'<li class="{e(f["severity"])}{"" if counts(f) else " suppressed"}">'
            f"{e(f['class'])}: {e(f['message'])}</li>"
            for f in chain["findings"]
        )
        state = e(chain["state"])
        rows.append(
            f'<tr><td>{e(chain["id"])}</td><td class="state-{state}">{state}</td>{cells}'
            f'<td class="text">{text}</td><td><ul class="findings">{findings}</ul></td></tr>'
        )
    summary = records["summary"]
    states = ", ".join(f"{n} {s}" for s, n in sorted(summary["by_state"].items()))
    stream.write(
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>reconcile series: {len(documents)} documents</title>\n"
        f"<style>{_CSS}</style>\n</head>\n<body>\n"
        f"<h1>{plural(summary['chains'], 'action')} through {plural(len(documents), 'meeting')}</h1>\n"
        f"<p>{e(states)}; {plural(summary['findings'], 'finding')}. "
        "Hover a cell for the action as that document prints it.</p>\n"
        f"<table>\n<thead><tr><th>chain</th><th>state</th>{head}<th>action</th><th>findings</th></tr></thead>\n"
        "<tbody>\n" + "\n".join(rows) + "\n</tbody>\n</table>\n</body>\n</html>\n"
    )


def _html_cell(chain: dict[str, Any], document: int) -> str:
    shown = [a for a in chain["appearances"] if a["document"] == document]
    if shown:
        a = shown[-1]
        state = a["status"]
        hover = " | ".join(
            part
            for part in (
                without_controls(a["text"]),
                a["timing"] or "",
                ", ".join(a["lead"]),
                f"action {a['number']}" if a["number"] else "",
            )
            if part
        )
    else:
        state = _missing(chain, document)
        hover = "not printed while open" if state == "absent" else ""
    title = f' title="{html.escape(hover)}"' if hover else ""
    return f'<td class="cell {state}"{title}>{_CELL_MARKS[state]}</td>'


_RENDERERS: dict[str, Callable[[dict[str, Any], TextIO], None]] = {
    "terminal": _render_terminal,
    "json": _render_json,
    "csv": _render_csv,
    "html": _render_html,
}
