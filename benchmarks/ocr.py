"""Seconds a page of reading a scan with OCR (--ocr auto), at each scan resolution.

    python benchmarks/ocr.py [--runs 3]

Reads each image-only scan of fixtures/scans/ (made by fixtures/make_scans.py: the
seed letter and two fixture-pair letters, scanned at 150 and 300 dpi) in this
process, as the reading child does, and prints the median over the runs of the
seconds a page, per file and per scan resolution, with the CPU seconds a page
beside (on a shared machine the wall time stretches with the other work on it).
Every page is rendered at the reader's own resolution (ocr.RENDER_DPI), whatever
the scan's: what differs is the image pdfium decodes and scales. Tesseract runs
on one thread, as in the reader.

Then each scan of three pages or more is read as a run reads it, in a reader
process (load_document), its pages in that one process and then over the cores
that are free (helper processes, as a run does once the other document is read):
the wall seconds of the whole read, medians over the runs.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import time
from collections import defaultdict
from pathlib import Path

from reconcile.config import LoadSettings
from reconcile.load import load_document
from reconcile.load.pdf import load_pdf
from reconcile.load.pdf.ocr import RENDER_DPI

ROOT = Path(__file__).resolve().parent.parent
SCANS = ROOT / "fixtures" / "scans"
_DPI = re.compile(r"-(\d+)\.pdf$")


def seconds_a_page(path: Path, runs: int) -> tuple[float, float, int]:
    """(wall, CPU) seconds a page, medians over the runs, and the page count."""
    data = path.read_bytes()
    settings = LoadSettings(ocr="auto")
    walls, cpus = [], []
    pages = 0
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        document = load_pdf(data, str(path), settings)
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
        pages = document.pages or 1
    return statistics.median(walls) / pages, statistics.median(cpus) / pages, pages


def whole_read_seconds(path: Path, runs: int, pages_in_parallel: bool) -> float:
    settings = LoadSettings(ocr="auto", pages_in_parallel=pages_in_parallel)
    walls = []
    for _ in range(runs):
        wall = time.perf_counter()
        load_document(path, settings=settings)
        walls.append(time.perf_counter() - wall)
    return statistics.median(walls)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=3)
    runs = parser.parse_args().runs
    by_dpi: dict[int, list[tuple[float, float, int]]] = defaultdict(list)
    print(f"rendered at {RENDER_DPI} dpi; medians of {runs} runs")
    print(f"{'scan':<32} {'pages':>5} {'s/page':>7} {'CPU s/page':>10}")
    for path in sorted(SCANS.glob("*.pdf")):
        found = _DPI.search(path.name)
        if found is None:
            continue  # the mixed PDF: one page of OCR among text pages
        wall, cpu, pages = seconds_a_page(path, runs)
        by_dpi[int(found.group(1))].append((wall, cpu, pages))
        print(f"{path.name:<32} {pages:>5} {wall:>7.2f} {cpu:>10.2f}")
    for dpi, rows in sorted(by_dpi.items()):
        pages = sum(p for _, _, p in rows)
        wall = sum(w * p for w, _, p in rows) / pages
        cpu = sum(c * p for _, c, p in rows) / pages
        print(f"{f'all scans at {dpi} dpi':<32} {pages:>5} {wall:>7.2f} {cpu:>10.2f}")
    print(f"\nwhole read in a reader process, wall s ({os.cpu_count()} cores)")
    print(f"{'scan':<32} {'pages':>5} {'one process':>11} {'over free cores':>15}")
    for path in sorted(SCANS.glob("*.pdf")):
        pages = load_pdf(path.read_bytes(), str(path), LoadSettings(ocr="auto")).pages or 0
        if _DPI.search(path.name) is None or pages < 3:
            continue  # a page or two: no helper would pay for itself
        alone = whole_read_seconds(path, runs, pages_in_parallel=False)
        shared = whole_read_seconds(path, runs, pages_in_parallel=True)
        print(f"{path.name:<32} {pages:>5} {alone:>11.2f} {shared:>15.2f}")


if __name__ == "__main__":
    main()
