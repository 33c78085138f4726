"""The reports of a series: its record form (the JSON contract), and the
terminal, JSON and CSV formats built from it."""

from __future__ import annotations

import csv
import json
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

from ..model import Appearance, Chain, Series
from .records import SCHEMA_VERSION, _date, _finding, _in_severity_order, counts, plural, without_controls

SERIES_FORMATS = ("terminal", "json", "csv")


def series_records(series: Series) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "documents": [
            {"path": d.path, "date": _date(d.date), "actions": len(actions)}
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
        "findings": [{**_finding(f), "document": f.document} for f in chain.findings],
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
        "drift": None
        if drift is None
        else {"wording": drift.wording, "timing": drift.timing, "lead": drift.lead},
    }


def _summary(series: Series) -> dict[str, Any]:
    findings = series.findings
    return {
        "documents": len(series.documents),
        "chains": len(series.chains),
        "by_state": dict(Counter(c.state for c in series.chains)),
        "findings": len(findings),
        "suppressed": sum(1 for f in findings if not f.active),
        "by_severity": _in_severity_order(Counter(f.severity.value for f in findings)),
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
    """One character a document: 'o' open, 'x' closed, '.' absent, ' ' before the chain began."""
    statuses = [a["status"] for a in chain["appearances"] if a["document"] == document]
    if statuses:
        return "x" if statuses[-1] == "closed" else "o"
    return "." if document > chain["appearances"][0]["document"] else " "


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


_RENDERERS: dict[str, Callable[[dict[str, Any], TextIO], None]] = {
    "terminal": _render_terminal,
    "json": _render_json,
    "csv": _render_csv,
}
