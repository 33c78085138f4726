"""Batch speed-up: `reconcile batch` on 200 seed-sized pairs with --jobs 2 against --jobs 1.

    python benchmarks/batch_run.py [--pairs 200 --runs 3]

The pairs are copies of the seed PDFs (fixtures/seeds), each in its own folder, made
under benchmarks/data/batch/ (not committed). Each run is a fresh `reconcile batch`
process writing every pair's JSON report to a scratch folder; the median of the runs
is printed for each --jobs, with the ratio. Target: --jobs 2 at least 1.7x faster.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "fixtures" / "seeds"
DATA = ROOT / "benchmarks" / "data" / "batch"
TARGET = 1.7


def make_pairs(count: int) -> Path:
    """A manifest of ``count`` pairs, each pair's two PDFs copied into its own folder
    (copies, not links: the batch reads each file as a user's would be read)."""
    manifest = DATA / f"manifest-{count}.yaml"
    if manifest.exists():
        return manifest
    lines = ["pairs:"]
    for n in range(1, count + 1):
        folder = DATA / f"pair-{n:03d}"
        folder.mkdir(parents=True, exist_ok=True)
        for name in ("minutes.pdf", "letter.pdf"):
            shutil.copyfile(SEEDS / name, folder / name)
        name = folder.name
        lines.append(f"  - {{name: {name}, minutes: {name}/minutes.pdf, letter: {name}/letter.pdf}}")
    manifest.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return manifest


def batch_seconds(manifest: Path, jobs: int) -> float:
    with tempfile.TemporaryDirectory() as out:
        command = [
            sys.executable,
            "-m",
            "reconcile",
            "batch",
            str(manifest),
            "--jobs",
            str(jobs),
            "--out",
            out,
            "-q",
        ]
        start = time.perf_counter()
        done = subprocess.run(
            command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=False
        )
        seconds = time.perf_counter() - start
        reports = len(list(Path(out).glob("*.json")))
    if done.returncode == 2 or reports < 2:
        raise SystemExit(f"batch failed (exit {done.returncode}): {done.stderr.strip()[:300]}")
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pairs", type=int, default=200)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    manifest = make_pairs(args.pairs)
    print(f"reconcile batch: {args.pairs} seed pairs, median of {args.runs} runs, {os.cpu_count()} cores")
    medians = {}
    for jobs in (1, 2):
        # alternate nothing: each --jobs's runs back to back, the machine's load printed with it
        medians[jobs] = statistics.median(batch_seconds(manifest, jobs) for _ in range(args.runs))
        print(
            f"  --jobs {jobs}  {medians[jobs]:7.2f} s  {args.pairs / medians[jobs]:6.1f} pairs/s  "
            f"(load average {os.getloadavg()[0]:.2f})"
        )
    speedup = medians[1] / medians[2]
    verdict = "OK" if speedup >= TARGET else "MISS"
    print(f"  speed-up --jobs 2 over --jobs 1: {speedup:.2f}x  (target >= {TARGET}x)  {verdict}")


if __name__ == "__main__":
    main()
