"""The real pairs of ../shared/corpus: minutes, and the next meeting's minutes that
review their actions. Scored against their expected.yaml: the share of expected
pairs found, and of drift fields (wording, timing, lead) right. The scores per
case are printed at the end of the run."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
import yaml

from conftest import SHARED, run_json
from golden import find_pair

CORPUS = SHARED / "corpus"
CASES = sorted(p.name for p in CORPUS.iterdir() if (p / "expected.yaml").exists()) if CORPUS.exists() else []
PAIR_TARGET = 0.95
DRIFT_TARGET = 0.90


@dataclass(frozen=True)
class Score:
    case: str
    pairs_right: int
    pairs: int
    fields_right: int
    fields: int
    misses: tuple[str, ...]

    def line(self) -> str:
        return (
            f"{self.case:<20} pairs {self.pairs_right}/{self.pairs} ({self.pairs_right / self.pairs:.0%})"
            f"  drift fields {self.fields_right}/{self.fields} ({self.fields_right / self.fields:.0%})"
        )


SCORES: dict[str, Score] = {}


def score_case(case: str) -> Score:
    folder = CORPUS / case
    expected: dict[str, Any] = yaml.safe_load((folder / "expected.yaml").read_text(encoding="utf-8"))
    data = run_json(folder / expected["minutes"]["file"], folder / expected["letter"]["file"])
    pairs_right = fields_right = fields = 0
    misses: list[str] = []
    for entry in expected["actions"]:
        name = f"{entry.get('minutes')}→{entry.get('letter')}"
        pair = find_pair(data, entry)
        drift = entry.get("drift") or {"wording": "none", "timing": "none", "lead": "none"}
        fields += 3
        if pair is None:
            misses.append(f"{name}: not paired as expected")
            continue
        pairs_right += 1
        for dimension in ("wording", "timing", "lead"):
            if pair["drift"][dimension] == drift[dimension]:
                fields_right += 1
            else:
                misses.append(f"{name}: {dimension} {pair['drift'][dimension]}, expected {drift[dimension]}")
    return Score(case, pairs_right, len(expected["actions"]), fields_right, fields, tuple(misses))


@pytest.mark.parametrize("case", CASES)
def test_corpus_case(case: str) -> None:
    score = score_case(case)
    SCORES[case] = score
    detail = "\n".join([score.line(), *score.misses])
    assert score.pairs_right / score.pairs >= PAIR_TARGET, detail
    assert score.fields_right / score.fields >= DRIFT_TARGET, detail


def test_the_corpus_is_there() -> None:
    assert len(CASES) >= 3, f"expected the shared corpus in {CORPUS}"


def corpus_report() -> list[str]:
    return [SCORES[c].line() for c in sorted(SCORES)] + [
        f"  {miss}" for c in sorted(SCORES) for miss in SCORES[c].misses
    ]
