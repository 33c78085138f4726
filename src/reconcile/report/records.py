"""The neutral record form of a Reconciliation: plain dicts and lists, the JSON
contract of DESIGN.md. Every machine format starts from here."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date
from typing import Any

from ..model import Action, ComparedPair, Document, Drift, Finding, Reconciliation, Severity, Timing

SCHEMA_VERSION = 1
# worst first, in every format's summary and in by_severity
SEVERITY_ORDER = ("error", "warning", "info")


def to_records(rec: Reconciliation) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "minutes": document_record(rec.minutes, rec.minutes_actions),
        "letter": document_record(rec.letter, rec.letter_actions),
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
        # reported but not counting for a gate (ignored by config, or in the baseline)
        "suppressed": sum(1 for f in findings if not f.active),
        "by_severity": in_severity_order(Counter(f.severity.value for f in findings)),
        "by_class": {c: n for c, n in sorted(Counter(f"{f.kind}.{f.cls}" for f in findings).items())},
        "warnings": list(rec.warnings),
    }


def in_severity_order(counted: Counter[str]) -> dict[str, int]:
    return {s: counted[s] for s in SEVERITY_ORDER if counted[s]}


def tally(pairs: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """A summary line's counts, worst first: the findings that count by severity
    ("3 errors"), then those suppressed by --ignore or --baseline, apart; each with
    its severity or "suppressed" for styling. Empty when there is no finding."""
    findings = [f for pair in pairs for f in pair["findings"]]
    counted = Counter(f["severity"] for f in findings if counts(f))
    parts = [(s, plural(n, s, "" if s == "info" else "s")) for s, n in in_severity_order(counted).items()]
    suppressed = sum(1 for f in findings if not counts(f))
    if suppressed:
        parts.append(("suppressed", f"{suppressed} suppressed"))
    return parts


def plural(n: int, word: str, ending: str = "s") -> str:
    """'1 action', '2 actions'."""
    return f"{n} {word}{ending if n != 1 else ''}"


def document_record(doc: Document, actions: tuple[Action, ...]) -> dict[str, Any]:
    return {
        "path": doc.path,
        "kind": doc.kind,
        "date": date_record(doc.date),
        "pages": doc.pages,
        "actions": [action_record(a) for a in actions],
    }


def action_record(action: Action) -> dict[str, Any]:
    return {
        "number": action.number or None,  # null: an action written without a number
        "ordinal": action.ordinal,  # its place in the document: how an unnumbered action is known
        "text": action.text,
        "timing": timing_record(action.timing),
        "lead": list(action.lead) if action.lead else None,
        "actor": list(action.actor) if action.actor else None,
        "page": action.page,
        "line": action.line,
        "source": action.source,
        "cue": action.cue or action.source,  # the form that made it an action
        "section": action.section or None,
        "update": action.update or None,  # what a follow-up wrote under it: evidence, not wording
        **_ocr_record(action),
    }


def _ocr_record(action: Action) -> dict[str, float]:
    """Optional: only an action read with OCR has its reading's confidence."""
    if action.ocr_confidence is None:
        return {}
    return {"ocr_confidence": round(action.ocr_confidence, 1)}


def timing_record(timing: Timing | None) -> dict[str, Any] | None:
    if timing is None:
        return None
    return {
        "text": timing.text,
        "label": timing.label,
        "kind": timing.kind,
        "start": date_record(timing.start),
        "end": date_record(timing.end),
        "granularity": timing.granularity,
        "status": timing.status,
    }


def _pair(compared: ComparedPair) -> dict[str, Any]:
    pair = compared.pair
    return {
        "minutes": action_record(pair.minutes) if pair.minutes else None,
        "letter": action_record(pair.letter) if pair.letter else None,
        "score": pair.score,
        "relation": pair.relation or None,
        "drift": drift_record(compared.drift),
        "findings": [finding_record(f) for f in compared.findings],
    }


def drift_record(drift: Drift) -> dict[str, str]:
    return {"wording": drift.wording, "timing": drift.timing, "lead": drift.lead}


def finding_record(finding: Finding) -> dict[str, Any]:
    record: dict[str, Any] = {
        "kind": finding.kind,
        "class": finding.cls,
        "severity": finding.severity.value,
        "message": finding.message,
        "fingerprint": finding.fingerprint or None,
        "suppressed": finding.suppressed or None,
    }
    if finding.ocr_confidence is not None:
        # optional: only a finding whose evidence OCR read has them
        record["ocr_confidence"] = finding.ocr_confidence
        record["review"] = finding.review
    if finding.diff:
        record["diff"] = [{"op": op.op, "text": op.text} for op in finding.diff]
    return record


def date_record(value: date | None) -> str | None:
    return value.isoformat() if value else None


# Helpers over the records, shared by the formats so that they agree on what a
# rule is, which finding is worst and which one fails a CI gate.


def rule_id(finding: dict[str, Any]) -> str:
    """'timing.slipped': the finding's kind and class, as config and SARIF name it."""
    return f"{finding['kind']}.{finding['class']}"


def counts(finding: dict[str, Any]) -> bool:
    """Whether the finding counts for a gate: neither ignored nor in the baseline."""
    return not finding.get("suppressed")


def worst_severity(findings: list[dict[str, Any]]) -> str | None:
    """The worst severity of the findings that count (as ComparedPair.worst), else None."""
    ranked = [Severity(f["severity"]) for f in findings if counts(f)]
    return max(ranked, key=lambda s: s.rank).value if ranked else None


# C0 controls other than tab, newline and carriage return, DEL, the C1 controls,
# lone surrogates and the two non-characters: XML 1.0 forbids most of them, and in
# HTML or a log viewer they can only do harm (an ESC would start an escape sequence).
_CONTROLS_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def without_controls(text: str) -> str:
    """The text with control characters shown as U+FFFD, safe in XML and HTML."""
    return _CONTROLS_RE.sub("\ufffd", text)
