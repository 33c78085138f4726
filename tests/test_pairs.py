"""Every document pair of fixtures/pairs/ against its hand-made expected.yaml:
every pair, drift class, normalised timing and lead, and both documents' dates."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import FIXTURES, run_json
from golden import check_all

PAIRS = FIXTURES / "pairs"
CASES = sorted(p.name for p in PAIRS.iterdir() if (p / "expected.yaml").exists())


def _expected(case: str) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((PAIRS / case / "expected.yaml").read_text(encoding="utf-8"))
    return data


def test_there_are_at_least_twelve_pairs() -> None:
    assert len(CASES) >= 12


@pytest.mark.parametrize("case", CASES)
def test_pair_matches_its_expected(case: str) -> None:
    expected = _expected(case)
    folder: Path = PAIRS / case
    data = run_json(folder / expected["minutes"]["file"], folder / expected["letter"]["file"])
    problems = check_all(data, expected)
    assert not problems, f"{case}:\n" + "\n".join(str(p) for p in problems)
