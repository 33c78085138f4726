"""Wall time of whole `reconcile` runs on the seed pair, as a user waits for them.

    python benchmarks/seed_run.py [--runs 7]

Each run is a fresh process (`python -m reconcile ...`), so imports count; the
median of the runs is printed per form and format, beside `pdftotext -layout` on
both PDFs where poppler is installed, as the floor for getting text out of a PDF.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "fixtures" / "seeds"


def median_seconds(command: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs
    reconcile = [sys.executable, "-m", "reconcile"]
    rows: list[tuple[str, float]] = []
    for form in ("pdf", "txt"):
        pair = [str(SEEDS / f"minutes.{form}"), str(SEEDS / f"letter.{form}")]
        for fmt in ("terminal", "json"):
            command = [*reconcile, *pair, "--format", fmt, "--fail-on", "never"]
            rows.append((f"reconcile {form} --format {fmt}", median_seconds(command, runs)))
    rows.append(("reconcile --version", median_seconds([*reconcile, "--version"], runs)))
    rows.append(("python3 -c pass", median_seconds([sys.executable, "-c", "pass"], runs)))
    if shutil.which("pdftotext"):
        both = " && ".join(
            f"pdftotext -layout {SEEDS / name} /dev/null" for name in ("minutes.pdf", "letter.pdf")
        )
        rows.append(("pdftotext -layout, both PDFs", median_seconds(["sh", "-c", both], runs)))
    print(f"median of {runs} runs, seconds of wall time")
    for name, seconds in rows:
        print(f"  {name:<36} {seconds:7.3f}")


if __name__ == "__main__":
    main()
