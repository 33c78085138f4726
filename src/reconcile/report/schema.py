"""The JSON Schema (draft 2020-12) of `--format json`, printed by `reconcile schema`.

Written by hand, as the contract of DESIGN.md reads, so that a change to
records.py that breaks the contract fails the schema test instead of passing
silently. The enums of drift and finding classes come from the model and the
config, where the classes are defined, so the two cannot disagree. Objects allow
properties the schema does not name: fields are only ever added (DESIGN.md), and
a consumer validating today's schema must accept tomorrow's output."""

from __future__ import annotations

import copy
from typing import Any

from ..config import FINDING_CLASSES
from ..model import CHAIN_STATES, FINDING_KINDS, LEAD_CLASSES, TIMING_CLASSES, WORDING_CLASSES, Severity
from .records import SCHEMA_VERSION

_DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}$"
_SEVERITIES = [s.value for s in Severity]
_POSITIVE_OR_NULL = {"type": ["integer", "null"], "minimum": 1}
_COUNT = {"type": "integer", "minimum": 0}


def _nullable(ref: str) -> dict[str, Any]:
    return {"anyOf": [{"$ref": f"#/$defs/{ref}"}, {"type": "null"}]}


def _date(nullable: bool) -> dict[str, Any]:
    return {"type": ["string", "null"] if nullable else "string", "format": "date", "pattern": _DATE_PATTERN}


def _classes_of(kind: str) -> list[str]:
    return [c.split(".", 1)[1] for c in FINDING_CLASSES if c.startswith(f"{kind}.")]


_TIMING = {
    "type": "object",
    "description": "When the action is due, as written (text) and as understood (the rest).",
    "required": ["text", "label", "kind", "start", "end", "granularity", "status"],
    "properties": {
        "text": {"type": "string"},
        "label": {"type": "string", "description": "the normalised form people read: 'autumn 2022'"},
        "kind": {"enum": ["date", "status", "meeting", "event"]},
        "start": _date(nullable=True),
        "end": _date(nullable=True),
        "granularity": {"enum": ["day", "week", "month", "season", "quarter", "year", None]},
        "status": {"type": ["string", "null"], "description": "'completed', 'ongoing', 'tbc' ..."},
    },
}

_NAMES = {"type": ["array", "null"], "items": {"type": "string", "minLength": 1}, "minItems": 1}

_OCR_CONFIDENCE = {
    "type": "number",
    "minimum": 0,
    "maximum": 100,
    "description": "only where OCR read the evidence (--ocr): the lowest recognition confidence "
    "of the words involved",
}

_ACTION = {
    "type": "object",
    "required": ["number", "text", "timing", "lead", "actor", "page", "line", "source"],
    "properties": {
        "number": {
            "type": ["string", "null"],
            "minLength": 1,
            "description": "as printed: '7', '4a', 'A3'; null when the action has no number",
        },
        "ordinal": {"type": "integer", "minimum": 0, "description": "1-based order of appearance"},
        "text": {"type": "string"},
        "timing": _nullable("timing"),
        "lead": {**_NAMES, "description": "the owner: the Lead cell, else the actor"},
        "actor": {**_NAMES, "description": "who acts in the action's own sentence"},
        "page": {**_POSITIVE_OR_NULL, "description": "1-based; null where the source has no pages"},
        "line": {**_POSITIVE_OR_NULL, "description": "1-based, within its page where there are pages"},
        "source": {"enum": ["prose", "table", "list"]},
        "cue": {
            "type": "string",
            "description": "the form that made it an action: 'table', 'prose', 'section-item', 'ai', "
            "'at-name', 'owner-marker' ... (see reconcile extract --explain)",
        },
        "section": {"type": ["string", "null"], "description": "the heading it sits under"},
        "update": {
            "type": ["string", "null"],
            "description": "what a follow-up writes under a restated action; never compared as wording",
        },
        "ocr_confidence": _OCR_CONFIDENCE,
    },
}

_DOCUMENT = {
    "type": "object",
    "required": ["path", "kind", "date", "pages", "actions"],
    "properties": {
        "path": {"type": "string", "description": "as given; '<stdin>' for standard input"},
        "kind": {"type": "string", "minLength": 1, "description": "'pdf', 'text' ..."},
        "date": _date(nullable=True),
        "pages": _POSITIVE_OR_NULL,
        "actions": {"type": "array", "items": {"$ref": "#/$defs/action"}},
    },
}

_DIFF_OP = {
    "type": "object",
    "required": ["op", "text"],
    "properties": {"op": {"enum": ["equal", "delete", "insert"]}, "text": {"type": "string"}},
}

_FINDING = {
    "type": "object",
    "required": ["kind", "class", "severity", "message"],
    "properties": {
        "kind": {"enum": list(FINDING_KINDS)},
        "class": {"type": "string"},
        "severity": {"enum": _SEVERITIES},
        "message": {"type": "string"},
        "diff": {"type": "array", "items": {"$ref": "#/$defs/diff_op"}, "description": "wording only"},
        "fingerprint": {
            "type": ["string", "null"],
            "description": "the same drift has the same fingerprint in every run (baselines use it)",
        },
        "suppressed": {
            "enum": ["ignored", "baseline", None],
            "description": "null while the finding counts; why it no longer fails a run otherwise",
        },
        "ocr_confidence": _OCR_CONFIDENCE,
        "review": {
            "type": "boolean",
            "description": "only where OCR read the evidence: true when its confidence is below "
            "ocr_review_below, and the finding is to be checked against the scan, not taken as fact",
        },
    },
    # the classes a finding may have depend on its kind
    "allOf": [
        {
            "if": {"properties": {"kind": {"const": kind}}},
            "then": {"properties": {"class": {"enum": _classes_of(kind)}}},
        }
        for kind in FINDING_KINDS
    ],
}

_UNMATCHED_DRIFT = {
    "properties": {
        "drift": {"properties": {dimension: {"const": "none"} for dimension in ("wording", "timing", "lead")}}
    }
}

_DRIFT = {
    "type": "object",
    "required": ["wording", "timing", "lead"],
    "properties": {
        "wording": {"enum": list(WORDING_CLASSES)},
        "timing": {"enum": list(TIMING_CLASSES)},
        "lead": {"enum": list(LEAD_CLASSES)},
    },
}

_PAIR = {
    "type": "object",
    "required": ["minutes", "letter", "score", "drift", "findings"],
    "properties": {
        "minutes": _nullable("action"),
        "letter": _nullable("action"),
        "score": {"type": "number", "minimum": 0, "maximum": 1},
        "relation": {
            "enum": [None, "split", "merge"],
            "description": "split: the minutes action became several letter actions, this one of them; "
            "merge: several minutes actions became this letter action",
        },
        "drift": _DRIFT,
        "findings": {"type": "array", "items": {"$ref": "#/$defs/finding"}},
    },
    # an unmatched action is a pair with one side null and no drift; never both null
    "not": {"properties": {"minutes": {"type": "null"}, "letter": {"type": "null"}}},
    "allOf": [
        {"if": {"properties": {side: {"type": "null"}}}, "then": _UNMATCHED_DRIFT}
        for side in ("minutes", "letter")
    ],
}

_SUMMARY = {
    "type": "object",
    "required": ["pairs", "matched", "minutes_only", "letter_only", "findings", "by_severity", "by_class"],
    "properties": {
        "pairs": _COUNT,
        "matched": _COUNT,
        "minutes_only": _COUNT,
        "letter_only": _COUNT,
        "findings": _COUNT,
        "suppressed": {**_COUNT, "description": "findings reported that no longer count"},
        "by_severity": {
            "type": "object",
            "propertyNames": {"enum": _SEVERITIES},
            "additionalProperties": {"type": "integer", "minimum": 1},
        },
        "by_class": {
            "type": "object",
            "description": "findings by 'kind.class', e.g. 'timing.slipped'",
            "propertyNames": {"enum": list(FINDING_CLASSES)},
            "additionalProperties": {"type": "integer", "minimum": 1},
        },
        "warnings": {
            "type": "array",
            "description": "reasons to doubt the whole comparison: documents that look swapped or unrelated",
            "items": {"type": "string"},
        },
    },
}

SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "reconcile --format json",
    "description": (
        "The report of reconciling meeting minutes with the follow-up letter: both documents "
        "with their actions, every pair of actions with its drift and findings, and a summary. "
        "Fields are only ever added; a breaking change bumps schema_version."
    ),
    "type": "object",
    "required": ["schema_version", "minutes", "letter", "pairs", "summary"],
    "properties": {
        "schema_version": {"const": SCHEMA_VERSION},
        "minutes": {"$ref": "#/$defs/document"},
        "letter": {"$ref": "#/$defs/document"},
        "pairs": {"type": "array", "items": {"$ref": "#/$defs/pair"}},
        "summary": {"$ref": "#/$defs/summary"},
    },
    "$defs": {
        "document": _DOCUMENT,
        "action": _ACTION,
        "timing": _TIMING,
        "pair": _PAIR,
        "finding": _FINDING,
        "diff_op": _DIFF_OP,
        "summary": _SUMMARY,
    },
}


def json_schema() -> dict[str, Any]:
    """The schema of `--format json` (schema_version 1), as a fresh dict."""
    return copy.deepcopy(SCHEMA)


_APPEARANCE = {
    "type": "object",
    "description": "One action as one document prints it.",
    "required": ["document", "number", "text", "timing", "lead", "status", "page", "line"],
    "properties": {
        "document": {"type": "integer", "minimum": 0, "description": "index into documents"},
        "number": {"type": ["string", "null"], "minLength": 1},
        "text": {"type": "string", "minLength": 1},
        "timing": {
            "type": ["string", "null"],
            "description": "the timing's label: 'by 31 March 2025', 'Done'",
        },
        "lead": {"type": "array", "items": {"type": "string", "minLength": 1}},
        "status": {"enum": ["open", "closed"]},
        "page": _POSITIVE_OR_NULL,
        "line": _POSITIVE_OR_NULL,
        "drift": {
            "anyOf": [{"$ref": "#/$defs/drift"}, {"type": "null"}],
            "description": "since the chain's previous appearance; null for the first",
        },
    },
}

_CHAIN_FINDING = {
    "allOf": [{"$ref": "#/$defs/finding"}],
    "required": ["document"],
    "properties": {
        "kind": {"const": "chain"},
        "document": {"type": "integer", "minimum": 0, "description": "the document it is about"},
    },
}

_CHAIN = {
    "type": "object",
    "description": "One action through the series.",
    "required": ["id", "state", "appearances", "findings"],
    "properties": {
        "id": {"type": "string", "pattern": "^c[1-9][0-9]*$"},
        "state": {"enum": list(CHAIN_STATES)},
        "appearances": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/appearance"}},
        "findings": {"type": "array", "items": {"$ref": "#/$defs/chain_finding"}},
    },
}

SERIES_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "reconcile series --format json",
    "description": (
        "Every action of a series of meeting records as a chain of its appearances, the "
        "documents in the order of their dates. Fields are only ever added; a breaking "
        "change bumps schema_version."
    ),
    "type": "object",
    "required": ["schema_version", "documents", "chains", "summary"],
    "properties": {
        "schema_version": {"const": SCHEMA_VERSION},
        "documents": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["path", "date", "actions"],
                "properties": {"path": {"type": "string"}, "date": _date(nullable=True), "actions": _COUNT},
            },
        },
        "chains": {"type": "array", "items": {"$ref": "#/$defs/chain"}},
        "summary": {
            "type": "object",
            "required": [
                "documents",
                "chains",
                "by_state",
                "findings",
                "suppressed",
                "by_severity",
                "by_class",
            ],
            "properties": {
                "documents": _COUNT,
                "chains": _COUNT,
                "by_state": {"type": "object", "propertyNames": {"enum": list(CHAIN_STATES)}},
                "findings": _COUNT,
                "suppressed": _COUNT,
                "by_severity": {"type": "object", "propertyNames": {"enum": _SEVERITIES}},
                "by_class": {"type": "object", "propertyNames": {"enum": list(FINDING_CLASSES)}},
            },
        },
    },
    "$defs": {
        "chain": _CHAIN,
        "appearance": _APPEARANCE,
        "drift": _DRIFT,
        "chain_finding": _CHAIN_FINDING,
        "finding": _FINDING,
        "diff_op": _DIFF_OP,
    },
}


def series_json_schema() -> dict[str, Any]:
    """The schema of `reconcile series --format json` (schema_version 1), as a fresh dict."""
    return copy.deepcopy(SERIES_SCHEMA)
