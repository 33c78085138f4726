"""The gate: ignored classes and actions, and a baseline of accepted drift."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import FIXTURES
from reconcile.api import reconcile
from reconcile.errors import ConfigError
from reconcile.gate import dump_baseline, load_baseline

SEEDS = FIXTURES / "seeds"


def test_fingerprints_are_stable_and_distinct() -> None:
    first = reconcile(SEEDS / "minutes.txt", SEEDS / "letter.txt")
    second = reconcile(SEEDS / "minutes.pdf", SEEDS / "letter.pdf")
    # the same drift read from other producers' files, on other pages and lines
    assert [f.fingerprint for f in first.findings] == [f.fingerprint for f in second.findings]
    assert len({f.fingerprint for f in first.findings}) == len(first.findings)
    assert all(len(f.fingerprint) == 16 for f in first.findings)


def test_ignoring_a_class_keeps_the_finding_but_not_in_the_gate() -> None:
    result = reconcile(SEEDS / "minutes.txt", SEEDS / "letter.txt", {"ignore": ["timing.slipped"]})
    slipped = [f for f in result.findings if f.cls == "slipped"]
    assert len(slipped) == 2
    assert all(f.suppressed == "ignored" for f in slipped)
    assert not any(f.cls == "slipped" for f in result.active_findings)


def test_ignoring_an_action_number_and_a_kind() -> None:
    result = reconcile(SEEDS / "minutes.txt", SEEDS / "letter.txt", {"ignore": ["10", "wording"]})
    for compared in result.pairs:
        assert compared.pair.minutes is not None
        for finding in compared.findings:
            ignored = compared.pair.minutes.number == "10" or finding.kind == "wording"
            assert (finding.suppressed == "ignored") == ignored


def test_a_baseline_accepts_todays_drift_and_lists_what_went_away(tmp_path: Path) -> None:
    today = reconcile(SEEDS / "minutes.txt", SEEDS / "letter.txt")
    path = tmp_path / "baseline.yaml"
    path.write_text(dump_baseline(today))
    baseline = load_baseline(path)
    assert len(baseline) == len(today.findings)

    again = reconcile(SEEDS / "minutes.txt", SEEDS / "letter.txt", baseline=baseline)
    assert again.active_findings == ()
    assert again.stale_baseline == ()

    # the letter is corrected for action 11 (no slip any more) and gains a new slip in 13
    letter = (SEEDS / "letter.txt").read_text()
    letter = letter.replace("in December 2022.\tDecember 2022", "in November 2022.\tNovember 2022")
    letter = letter.replace(
        "Frontline Policing meeting in August 2022.\tAugust 2022\tMPS\n14",
        "Frontline Policing meeting in August 2022.\tSeptember 2022\tMPS\n14",
    )
    changed = tmp_path / "letter.txt"
    changed.write_text(letter)
    later = reconcile(SEEDS / "minutes.txt", changed, baseline=baseline)
    new = [(f.kind, f.cls) for f in later.active_findings]
    # the new Timing cell also disagrees with the letter's own text ("in August 2022")
    assert new == [("timing", "inconsistent"), ("timing", "slipped")]
    gone = {(e.minutes, e.kind, e.cls) for e in later.stale_baseline}
    assert ("11", "timing", "slipped") in gone
    assert ("11", "wording", "substantive") in gone


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("[1, 2]\n", "not a reconcile baseline"),
        ("version: 1\nfindings: 3\n", "expected a list"),
        ("version: 1\nfindings: [{kind: timing}]\n", "fingerprint"),
        ("version: [\n", "not valid YAML"),
    ],
)
def test_a_bad_baseline_is_one_clear_error(tmp_path: Path, text: str, words: str) -> None:
    path = tmp_path / "b.yaml"
    path.write_text(text)
    with pytest.raises(ConfigError, match=words):
        load_baseline(path)


@pytest.mark.parametrize("ignore", [(), ("timing.slipped", "lead")])
@pytest.mark.parametrize("level", ["info", "warning", "error", "never"])
def test_one_gate_decision_for_the_exit_code_the_batch_and_the_reports(
    level: str, ignore: tuple[str, ...]
) -> None:
    """The CLI's exit code, a batch pair's failed gate and JUnit's failed cases all
    follow Reconciliation.fails: the seed pair fails at every level but never,
    except at error once its errors (two slips, a lead mismatch) are ignored."""
    from io import StringIO

    from reconcile.batch import BatchPair, run_one
    from reconcile.cli import exit_code
    from reconcile.report import ReportOptions, render

    result = reconcile(SEEDS / "minutes.txt", SEEDS / "letter.txt", {"ignore": list(ignore)})
    expected = level != "never" and not (ignore and level == "error")
    assert result.fails(level) is expected
    assert exit_code(result, level) == int(expected)
    pair = BatchPair("seed", str(SEEDS / "minutes.txt"), str(SEEDS / "letter.txt"), {"ignore": list(ignore)})
    assert run_one(pair, {}, "json", level).failed_gate is expected
    junit = StringIO()
    render(result, "junit", junit, ReportOptions(fail_on=level))
    assert ("<failure" in junit.getvalue()) is expected
