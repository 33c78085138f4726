"""`reconcile batch`: 200 generated pairs, one corrupt; parallel or not, the same
output; the worst exit code; a Dask cluster as the executor."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import FIXTURES, invoke

SEEDS = FIXTURES / "seeds"
MONTHS = ["August 2022", "September 2022", "October 2022", "November 2022", "December 2022"]


def _generate_pairs(root: Path, count: int, corrupt: int | None = None) -> Path:
    """Seed-sized pairs whose letters differ: row 13's Timing cell moves month by month."""
    minutes = (SEEDS / "minutes.txt").read_text()
    letter = (SEEDS / "letter.txt").read_text()
    for i in range(count):
        folder = root / f"meeting-{i:03d}"
        folder.mkdir(parents=True)
        (folder / "minutes.txt").write_text(minutes)
        month = MONTHS[i % len(MONTHS)]
        (folder / "letter.txt").write_text(letter.replace("\tAugust 2022\tMPS\n14", f"\t{month}\tMPS\n14"))
    if corrupt is not None:
        (root / f"meeting-{corrupt:03d}" / "letter.txt").write_bytes(b"%PDF-1.4\n" + b"\x00\xff" * 50)
    return root


def _outputs(out: Path) -> dict[str, str]:
    return {p.name: p.read_text() for p in sorted(out.iterdir())}


def test_200_pairs_one_corrupt_two_jobs_same_as_one(tmp_path: Path) -> None:
    pairs = _generate_pairs(tmp_path / "pairs", 200, corrupt=57)
    one = invoke(["batch", str(pairs), "--jobs", "1", "--out", str(tmp_path / "one")], 2)
    two = invoke(["batch", str(pairs), "--jobs", "2", "--out", str(tmp_path / "two")], 2)
    assert _outputs(tmp_path / "one") == _outputs(tmp_path / "two")
    summary = json.loads((tmp_path / "two" / "summary.json").read_text())
    assert summary["exit_code"] == 2
    assert summary["totals"] == {
        "pairs": 200,
        "ok": 199,
        "errors": 1,
        "failed_gate": 199,
        "findings": summary["totals"]["findings"],
    }
    (bad,) = [p for p in summary["pairs"] if p["status"] == "error"]
    assert bad["name"] == "meeting-057"
    assert bad["exit_code"] == 2 and bad["report"] is None
    assert "letter.txt" in bad["error"] and "PDF" in bad["error"]
    ok = summary["pairs"][0]
    assert ok["status"] == "ok" and ok["exit_code"] == 1 and ok["error"] is None
    assert ok["findings"]["timing.slipped"] == 2
    assert len(list((tmp_path / "two").glob("meeting-*.json"))) == 199
    # every fifth letter moves row 13 to December: 3 slips, not 2
    assert summary["pairs"][4]["findings"]["timing.slipped"] == 3
    assert summary["totals"]["findings"]["timing.slipped"] == 199 * 2 + sum(
        1 for i in range(200) if i != 57 and i % 5 != 0
    )
    # the pairing is shown first, the errors and the summary last
    assert one.stderr.startswith("reconcile: 200 pairs")
    assert "error: meeting-057:" in one.stdout
    assert (one.stdout, one.stderr) == (two.stdout, two.stderr)


def test_a_manifest_with_per_pair_settings(tmp_path: Path) -> None:
    _generate_pairs(tmp_path, 2)
    manifest = tmp_path / "manifest.yaml"
    manifest.write_text(
        "pairs:\n"
        "  - {name: strict, minutes: meeting-000/minutes.txt, letter: meeting-000/letter.txt}\n"
        "  - name: relaxed\n    minutes: meeting-001/minutes.txt\n    letter: meeting-001/letter.txt\n"
        "    config: {fail_on: never}\n"
    )
    out = tmp_path / "out"
    invoke(["batch", str(manifest), "--out", str(out), "--format", "markdown", "--jobs", "1"], 1)
    summary = json.loads((out / "summary.json").read_text())
    assert [(p["name"], p["exit_code"]) for p in summary["pairs"]] == [("strict", 1), ("relaxed", 0)]
    assert (out / "strict.md").read_text().startswith("## reconcile")


def test_out_onto_an_input_is_refused(tmp_path: Path) -> None:
    pairs = _generate_pairs(tmp_path / "p", 1)
    manifest = tmp_path / "p" / "manifest.yaml"
    manifest.write_text("pairs:\n  - {minutes: meeting-000/minutes.txt, letter: meeting-000/letter.txt}\n")
    result = invoke(["batch", str(manifest), "--out", str(pairs / "meeting-000" / "letter.txt")], 2)
    assert "input" in result.stderr


def test_an_empty_folder_is_a_usage_error(tmp_path: Path) -> None:
    result = invoke(["batch", str(tmp_path)], 2)
    assert "no pairs found" in result.stderr


def test_batch_on_a_dask_cluster(tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed", reason="the Dask extra is not installed")
    pairs = _generate_pairs(tmp_path / "pairs", 6, corrupt=2)
    local = invoke(["batch", str(pairs), "--jobs", "1", "--out", str(tmp_path / "local")], 2)
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
    ) as cluster:
        remote = invoke(
            ["batch", str(pairs), "--scheduler", cluster.scheduler_address, "--out", str(tmp_path / "dask")],
            2,
        )
    assert _outputs(tmp_path / "local") == _outputs(tmp_path / "dask")
    assert re.search(r"error: meeting-002", remote.stdout)
    assert local.stderr.splitlines()[0] == remote.stderr.splitlines()[0]


def test_an_unreachable_scheduler_is_one_line(tmp_path: Path) -> None:
    pytest.importorskip("distributed", reason="the Dask extra is not installed")
    pairs = _generate_pairs(tmp_path / "pairs", 1)
    result = invoke(["batch", str(pairs), "--scheduler", "tcp://127.0.0.1:9"], 2)
    assert result.stderr.strip().splitlines()[-1].startswith("reconcile: error:")


def test_a_name_that_leaves_out_writes_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("minutes.txt", "letter.txt"):
        (folder / name).write_text((SEEDS / name).read_text())
    manifest = folder / "manifest.yaml"
    manifest.write_text("pairs:\n  - {minutes: minutes.txt, letter: letter.txt, name: ../escaped}\n")
    result = invoke(["batch", str(manifest), "--out", str(tmp_path / "out")], 2)
    assert result.stderr.count("\n") == 1 and "name '../escaped'" in result.stderr
    assert not (tmp_path / "escaped.json").exists() and not (tmp_path / "out").exists()


def _two_pairs_one_broken(root: Path) -> Path:
    """a/ the seed pair (PDFs), b/ the same with a damaged letter, and a/notes.odt."""
    for folder in ("a", "b"):
        (root / folder).mkdir(parents=True)
        for name in ("minutes.pdf", "letter.pdf"):
            (root / folder / name).write_bytes((SEEDS / name).read_bytes())
    (root / "b" / "letter.pdf").write_bytes(b"%PDF-1.4\nbroken")
    (root / "a" / "notes.odt").write_bytes(b"PK\x03\x04 not really")
    return root


def test_the_summary_names_the_pairs_that_failed_or_errored(tmp_path: Path) -> None:
    result = invoke(["batch", str(_two_pairs_one_broken(tmp_path / "in")), "--no-color", "--jobs", "1"], 2)
    table = result.stdout.split("reconcile batch")[0]
    rows = [line for line in table.splitlines() if line.startswith("│ ") and "│ pair" not in line]
    # the seed pair's 17 findings by class (../shared/seeds/expected.yaml, by hand)
    assert rows[0].startswith("│ a    │ failed gate │ 1 lead.added, 1 lead.mismatch, 5 timing.added")
    assert rows[-2].startswith("│ b    │ error       │ ") and "the PDF is damaged" in table
    # folder mode lists the files it could not pair, those of kinds it does not read too
    assert f"  {tmp_path / 'in' / 'a' / 'notes.odt'} (not a kind reconcile reads)" in result.stderr


def test_html_batch_writes_an_index_linking_every_report(tmp_path: Path) -> None:
    out = tmp_path / "out"
    invoke(["batch", str(_two_pairs_one_broken(tmp_path / "in")), "--format", "html", "--out", str(out)], 2)
    index = (out / "index.html").read_text()
    links = re.findall(r'<a href="([^"]+)">', index)
    assert links == ["a.html"] and (out / "a.html").read_text().startswith("<!DOCTYPE html>")
    assert "<script" not in index and "http" not in index.split("<footer>")[0]
    assert '<span class="badge error">error</span>' in index and "the PDF is damaged" in index
    assert '<span class="badge warning">failed gate</span>' in index


def test_batch_takes_ignore_baseline_and_colour(tmp_path: Path) -> None:
    root = _generate_pairs(tmp_path / "in", 2)
    # the seed pair's three errors: two slips and a lead mismatch; the second pair's
    # row 13 moved to September, a third slip (and a Timing cell at odds with its text)
    invoke(["batch", str(root), "--ignore", "timing.slipped", "--ignore", "lead", "-q"], 0)
    baseline = tmp_path / "baseline.yaml"
    files = [str(root / "meeting-000" / "minutes.txt"), str(root / "meeting-000" / "letter.txt")]
    invoke(["baseline", *files, "--output", str(baseline)], 0)
    out = tmp_path / "out"
    invoke(["batch", str(root), "--baseline", str(baseline), "--out", str(out), "-q"], 1)
    rows = json.loads((out / "summary.json").read_text())["pairs"]
    assert [(r["name"], r["exit_code"], r["findings"]) for r in rows] == [
        ("meeting-000", 0, {}),
        ("meeting-001", 1, {"timing.inconsistent": 1, "timing.slipped": 1}),
    ]
    coloured = invoke(["batch", str(root), "--color", "--jobs", "1"], 1).stdout
    assert "\x1b[" in coloured
    assert "\x1b[" not in invoke(["batch", str(root), "--no-color", "--jobs", "1"], 1).stdout
