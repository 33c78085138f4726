"""Checking a reconciliation's JSON against an expected.yaml in the seed format.

Conventions, as the expected.yaml headers define them:
- a timing is compared by its normalised label; an expected null matches no
  timing or an undated reference ("the next meeting"), which carries no date;
- a lead is compared as a set of names ("MPS and MOPAC", "Matt/Ana");
- an entry whose drift is null is an action present in one document only;
- accept: {dimension: [classes]} lists further classes that are also right for a
  judgement call (as ../shared/corpus does).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

_LEAD_SPLIT = re.compile(r"\s*(?:/|&|,|\band\b)\s*")


@dataclass(frozen=True)
class Mismatch:
    entry: str
    field: str
    expected: Any
    actual: Any

    def __str__(self) -> str:
        return f"pair {self.entry}: {self.field}: expected {self.expected!r}, got {self.actual!r}"


def entry_name(entry: dict[str, Any]) -> str:
    """'3→4' by the numbers; an unnumbered side is named by its text's first words."""
    texts = entry.get("text") or {}

    def side(key: str) -> str:
        number = entry.get(key)
        if number is None and texts.get(key):
            return "'" + " ".join(str(texts[key]).split()[:5]) + " …'"
        return str(number)

    return f"{side('minutes')}→{side('letter')}"


def find_pair(data: dict[str, Any], entry: dict[str, Any]) -> dict[str, Any] | None:
    texts = entry.get("text") or {}
    for pair in data["pairs"]:
        if all(_side_matches(pair[side], entry.get(side), texts.get(side)) for side in ("minutes", "letter")):
            return pair
    return None


def _side_matches(action: dict[str, Any] | None, number: str | None, text: str | None) -> bool:
    if number is None and text is None:
        return action is None
    if action is None:
        return False
    if number is not None:
        return bool(action["number"] == str(number))
    assert text is not None
    return (
        _words(text)[:8] == _words(action["text"])[:8]
        or _words(action["text"])[:8] == _words(re.sub(r"^Action:\s*", "", text))[:8]
    )


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def lead_names(value: Any) -> list[str] | None:
    if value is None:
        return None
    if isinstance(value, list):
        return sorted(value)
    return sorted(n for n in _LEAD_SPLIT.split(str(value)) if n)


def timing_label(timing: dict[str, Any] | None) -> str | None:
    if timing is None:
        return None
    undated_reference = (
        timing["kind"] in ("meeting", "event") and timing["start"] is None and timing["end"] is None
    )
    if undated_reference:
        return None
    return str(timing["label"])


def check_entry(data: dict[str, Any], entry: dict[str, Any]) -> list[Mismatch]:
    name = entry_name(entry)
    pair = find_pair(data, entry)
    if pair is None:
        return [Mismatch(name, "pair", "present", "absent")]
    problems: list[Mismatch] = []
    drift = entry.get("drift") or {"wording": "none", "timing": "none", "lead": "none"}
    accept = entry.get("accept") or {}  # judgement calls: other classes also right
    for dimension in ("wording", "timing", "lead"):
        if pair["drift"][dimension] not in {drift[dimension], *accept.get(dimension, ())}:
            problems.append(Mismatch(name, f"drift.{dimension}", drift[dimension], pair["drift"][dimension]))
    for side in ("minutes", "letter"):
        action = pair[side]
        if action is None:
            continue
        expected_timing = (entry.get("timing") or {}).get(side)
        actual_timing = timing_label(action["timing"])
        if expected_timing != actual_timing:
            problems.append(Mismatch(name, f"timing.{side}", expected_timing, actual_timing))
        expected_lead = lead_names((entry.get("lead") or {}).get(side))
        actual_lead = lead_names(action["lead"])
        if expected_lead != actual_lead:
            problems.append(Mismatch(name, f"lead.{side}", expected_lead, actual_lead))
    return problems


def check_all(data: dict[str, Any], expected: dict[str, Any]) -> list[Mismatch]:
    problems: list[Mismatch] = []
    for side in ("minutes", "letter"):
        want = str(expected[side]["date"])
        if data[side]["date"] != want:
            problems.append(Mismatch(side, "date", want, data[side]["date"]))
    for entry in expected["actions"]:
        problems.extend(check_entry(data, entry))
    if len(data["pairs"]) != len(expected["actions"]):
        problems.append(Mismatch("*", "number of pairs", len(expected["actions"]), len(data["pairs"])))
    return problems
