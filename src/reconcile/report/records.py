"""The neutral record form of a Reconciliation: plain dicts and lists, the JSON
contract of DESIGN.md. Every machine format starts from here."""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Any

from ..model import Action, ComparedPair, Document, Finding, Reconciliation, Timing

SCHEMA_VERSION = 1


def to_records(rec: Reconciliation) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "minutes": _document(rec.minutes, rec.minutes_actions),
        "letter": _document(rec.letter, rec.letter_actions),
        "pairs": [_pair(p) for p in rec.pairs],
        "summary": summary(rec),
    }


def summary(rec: Reconciliation) -> dict[str, Any]:
    findings = rec.findings
    return {
        "pairs": len(rec.pairs),
        "matched": sum(1 for p in rec.pairs if p.pair.minutes and p.pair.letter),
        "minutes_only": sum(1 for p in rec.pairs if p.pair.letter is None),
        "letter_only": sum(1 for p in rec.pairs if p.pair.minutes is None),
        "findings": len(findings),
        "by_severity": {s: n for s, n in sorted(Counter(f.severity.value for f in findings).items())},
        "by_class": {c: n for c, n in sorted(Counter(f"{f.kind}.{f.cls}" for f in findings).items())},
    }


def _document(doc: Document, actions: tuple[Action, ...]) -> dict[str, Any]:
    return {
        "path": doc.path,
        "kind": doc.kind,
        "date": _date(doc.date),
        "pages": doc.pages,
        "actions": [action_record(a) for a in actions],
    }


def action_record(action: Action) -> dict[str, Any]:
    return {
        "number": action.number,
        "text": action.text,
        "timing": timing_record(action.timing),
        "lead": list(action.lead) if action.lead else None,
        "actor": list(action.actor) if action.actor else None,
        "page": action.page,
        "line": action.line,
        "source": action.source,
    }


def timing_record(timing: Timing | None) -> dict[str, Any] | None:
    if timing is None:
        return None
    return {
        "text": timing.text,
        "label": timing.label,
        "kind": timing.kind,
        "start": _date(timing.start),
        "end": _date(timing.end),
        "granularity": timing.granularity,
        "status": timing.status,
    }


def _pair(compared: ComparedPair) -> dict[str, Any]:
    pair = compared.pair
    return {
        "minutes": action_record(pair.minutes) if pair.minutes else None,
        "letter": action_record(pair.letter) if pair.letter else None,
        "score": pair.score,
        "drift": {
            "wording": compared.drift.wording,
            "timing": compared.drift.timing,
            "lead": compared.drift.lead,
        },
        "findings": [_finding(f) for f in compared.findings],
    }


def _finding(finding: Finding) -> dict[str, Any]:
    record: dict[str, Any] = {
        "kind": finding.kind,
        "class": finding.cls,
        "severity": finding.severity.value,
        "message": finding.message,
    }
    if finding.diff:
        record["diff"] = [{"op": op.op, "text": op.text} for op in finding.diff]
    return record


def _date(value: date | None) -> str | None:
    return value.isoformat() if value else None
