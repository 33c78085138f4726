"""--format sarif: SARIF 2.1.0, the static-analysis format code-scanning tools read.

One run; a rule per finding class ("timing.slipped"); a result per finding,
located in the letter (in the minutes for an action the letter lost) with the
other document as a related location. The partial fingerprint hashes what the
finding is about, not where it is, so a re-paginated letter keeps its alerts."""

from __future__ import annotations

import hashlib
import json
from pathlib import PurePath
from typing import Any, TextIO
from urllib.parse import quote

from ..config import DEFAULT_SEVERITIES, FINDING_CLASSES
from ..model import Reconciliation
from ..version import __version__
from .options import ReportOptions
from .records import rule_id, to_records

SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
FINGERPRINT = "reconcileFinding/v1"
_LEVELS = {"error": "error", "warning": "warning", "info": "note"}

RULE_DESCRIPTIONS = {
    "unmatched.minutes-only": "An action of the minutes is missing from the letter.",
    "unmatched.letter-only": "The letter has an action the minutes do not.",
    "wording.cosmetic": "The wording changed without changing the meaning.",
    "wording.substantive": "The wording changed the meaning: a date, a participant or a clause.",
    "timing.added": "The letter gives a timing where the minutes gave none.",
    "timing.dropped": "The letter gives no timing where the minutes gave one.",
    "timing.narrowed": "The letter's timing lies inside the minutes' (autumn -> October).",
    "timing.widened": "The letter's timing is wider than the minutes'.",
    "timing.slipped": "The letter's timing is later than the minutes'.",
    "timing.advanced": "The letter's timing is earlier than the minutes'.",
    "timing.status": "The letter reports a status (Completed, Ongoing) instead of a date.",
    "timing.inconsistent": "A document's text and its own Timing column give different dates.",
    "lead.changed": "The letter names a different lead.",
    "lead.added": "The letter names a lead where the minutes named none.",
    "lead.dropped": "The letter names no lead where the minutes named one.",
    "lead.mismatch": "The Lead column names someone other than the actor of the action's text.",
    "structure.split": "One action of the minutes is restated as several actions of the letter.",
    "structure.merge": "Several actions of the minutes are restated as one action of the letter.",
    # a series (reconcile series) only
    "chain.vanished": "An action open when last printed is absent from every later document.",
    "chain.reopened": "An action marked done is printed as open again.",
    "chain.slipped-repeatedly": "An action's due date slipped again and again.",
    "chain.owner-churn": "An action's owner changed again and again.",
    "chain.closed-without-evidence": "An action was marked done with no outcome given.",
    "chain.stale": "An open action was restated unchanged meeting after meeting.",
}


def render_sarif(rec: Reconciliation, stream: TextIO, options: ReportOptions) -> None:
    json.dump(sarif_log(to_records(rec)), stream, indent=2, ensure_ascii=False)
    stream.write("\n")


def sarif_log(records: dict[str, Any]) -> dict[str, Any]:
    findings = [(f, pair) for pair in records["pairs"] for f in pair["findings"]]
    rules = _rules([rule_id(f) for f, _ in findings])
    index = {rule["id"]: i for i, rule in enumerate(rules)}
    paths = {"minutes": records["minutes"]["path"], "letter": records["letter"]["path"]}
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "reconcile",
                        "version": __version__,
                        "rules": rules,
                    }
                },
                "results": [_result(f, pair, paths, index) for f, pair in findings],
                "properties": {"summary": records["summary"]},
            }
        ],
    }


def _rules(seen: list[str]) -> list[dict[str, Any]]:
    # every known class, so rule indexes are the same from run to run; then any
    # class a newer compare step reports that this list does not know yet
    ids = [*FINDING_CLASSES, *sorted(set(seen) - set(FINDING_CLASSES))]
    return [_rule(rule) for rule in ids]


def _rule(rule: str) -> dict[str, Any]:
    severity = DEFAULT_SEVERITIES.get(rule)
    record: dict[str, Any] = {
        "id": rule,
        "name": "".join(part.capitalize() for part in rule.replace("-", ".").split(".")),
        "shortDescription": {"text": RULE_DESCRIPTIONS.get(rule, f"reconcile finding {rule}.")},
    }
    if severity is not None:
        record["defaultConfiguration"] = {"level": _LEVELS[severity.value]}
    return record


def _result(
    finding: dict[str, Any], pair: dict[str, Any], paths: dict[str, str], index: dict[str, int]
) -> dict[str, Any]:
    rule = rule_id(finding)
    # the letter is where a fix goes; an action the letter lost can only point at the minutes
    side = "letter" if pair["letter"] is not None else "minutes"
    other = "minutes" if side == "letter" else "letter"
    result: dict[str, Any] = {
        "ruleId": rule,
        "ruleIndex": index[rule],
        "level": _LEVELS[finding["severity"]],
        "message": {"text": finding["message"]},
        "locations": [_location(paths[side], pair[side])],
        "partialFingerprints": {FINGERPRINT: finding.get("fingerprint") or fingerprint(finding, pair)},
    }
    if "ocr_confidence" in finding:
        result["properties"] = {"ocrConfidence": finding["ocr_confidence"], "review": finding["review"]}
        if finding["review"]:
            result["kind"] = "review"  # SARIF's word for a result a person must judge
    if finding.get("suppressed"):
        # SARIF's own way to keep a result while saying it was accepted
        result["suppressions"] = [{"kind": "external", "justification": finding["suppressed"]}]
    if pair[other] is not None:
        related = _location(paths[other], pair[other])
        related.update(
            id=1, message={"text": f"action {pair[other]['number'] or '(unnumbered)'} of the {other}"}
        )
        result["relatedLocations"] = [related]
    return result


def _location(path: str, action: dict[str, Any]) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": {"uri": artifact_uri(path)}}
    if action["line"] is not None:
        physical["region"] = {"startLine": action["line"]}
    location: dict[str, Any] = {"physicalLocation": physical}
    if action["page"] is not None:
        # SARIF regions have no pages; a PDF's line is counted within its page
        location["properties"] = {"page": action["page"]}
    return location


def artifact_uri(path: str) -> str:
    """A path as the URI reference SARIF wants: file: when absolute, else relative."""
    pure = PurePath(path)
    if pure.is_absolute():
        return "file://" + quote(pure.as_posix())
    return quote(pure.as_posix())


def fingerprint(finding: dict[str, Any], pair: dict[str, Any]) -> str:
    """A hash of what the finding is about, stable when pages and lines move: the
    one compare gave the finding (which baselines use too), else made here alike."""
    texts = [pair[side]["text"] if pair[side] else None for side in ("minutes", "letter")]
    key = json.dumps([*texts, finding["kind"], finding["class"]], ensure_ascii=False)
    return hashlib.sha256(key.encode("utf-8")).hexdigest()
