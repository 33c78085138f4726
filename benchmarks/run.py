"""Where the time and the memory of a reconcile run go, stage by stage, at three sizes,
beside `pdftotext -layout` as the floor for getting text out of a PDF.

    python benchmarks/run.py [--runs 5] [--sizes 15 150 1500] [--data benchmarks/data]

Makes the synthetic pairs first where they are missing (benchmarks/make_pairs.py), then,
for the seed pair and for each size, prints:

- each stage measured in this process by calling the library: load (the reference
  reader, pdfplumber, and the fast reader, pdfium, each on both documents), extract,
  pair, compare, report (JSON): the median wall time of ``--runs`` runs, and the peak of
  Python's own allocations during the stage (tracemalloc; pdfium's C heap is not in it);
- whole processes, each a fresh child: ``python -m reconcile MINUTES LETTER --format json``
  with each PDF engine (``--engine plumber``, the reference, and the default fast one;
  before the CLI had engines, the fast reader ran in a script), and a script that reads
  the two documents at once in two processes, as the CLI could on two cores; each beside
  ``pdftotext -layout`` on both files, with the ratio to it, its target, and the peak
  resident memory of the child and the processes it waited for (GNU time);
- ``reconcile --version`` beside the interpreter doing nothing;
- how each stage grows from the middle size to the largest (1.0 is linear).

Every number of one report comes from the same run of this script, so the ratios compare
like with like on a busy machine. Targets are printed with OK or MISS.
"""

from __future__ import annotations

import argparse
import functools
import io
import math
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SEEDS = ROOT / "fixtures" / "seeds"
DEFAULT_DATA = HERE / "data"

# Targets of the performance issue, as ratios measured side by side.
TARGET_LARGE_JSON = 4.0  # whole json run at the largest size / pdftotext on both files
TARGET_SEED_JSON = 8.0  # whole json run on the seed PDFs / pdftotext on both
TARGET_SEED_TERMINAL = 12.0  # the default terminal report on the seed PDFs
TARGET_VERSION = 6.0  # `reconcile --version` / the interpreter doing nothing
TARGET_PEAK_MB = 100.0  # whole process at the largest size
TARGET_GROWTH = 1.15  # log-log slope from the middle size to the largest; 1.0 is linear

# A whole run with the fast reader, as integration would make it: the same library
# calls as `reconcile A B --format json`, the documents read by load_pdf_fast.
FAST_SEQUENTIAL = """
import sys
from reconcile.api import reconcile
from reconcile.load.fastpdf import load_pdf_fast
from reconcile.report import render
docs = [load_pdf_fast(open(p, "rb").read(), p) for p in sys.argv[1:3]]
render(reconcile(docs[0], docs[1]), "json", sys.stdout)
"""

# The same, the two documents read at once in two processes (the machine has two cores).
FAST_PARALLEL = """
import multiprocessing, sys
from reconcile.load.fastpdf import load_pdf_fast
def read(path):
    with open(path, "rb") as handle:
        return load_pdf_fast(handle.read(), path)
if __name__ == "__main__":
    with multiprocessing.get_context("fork").Pool(2) as pool:
        docs = pool.map(read, sys.argv[1:3])
    from reconcile.api import reconcile
    from reconcile.report import render
    render(reconcile(docs[0], docs[1]), "json", sys.stdout)
"""


@dataclass
class Case:
    label: str
    minutes: Path
    letter: Path


@dataclass
class Measure:
    seconds: float
    peak_mb: float | None = None  # tracemalloc peak, or the child's ru_maxrss
    failed: str = ""  # why a whole process did not finish


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=5, help="runs a measure, the median is shown (5)")
    parser.add_argument("--sizes", type=int, nargs="+", default=[15, 150, 1500])
    parser.add_argument(
        "--data", type=Path, default=DEFAULT_DATA, help="where the pairs are (made if missing)"
    )
    parser.add_argument(
        "--reference-runs", type=int, help="runs for the slow reference reader (default: --runs)"
    )
    args = parser.parse_args(argv)
    if not shutil.which("pdftotext"):
        sys.exit("pdftotext (poppler-utils) is needed: it is the floor the ratios are taken to")
    ensure_pairs(args.sizes, args.data)
    reference_runs = args.reference_runs or args.runs
    warm_up()
    print(f"reconcile benchmarks: median of {args.runs} runs ({reference_runs} for the reference reader)")
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f}\n")
    cases = [Case("seed pair", SEEDS / "minutes.pdf", SEEDS / "letter.pdf")]
    cases += [Case(f"N={n}", *pair_paths(args.data, n)) for n in args.sizes]
    stage_times: dict[str, dict[str, float]] = {}
    for index, case in enumerate(cases):
        largest = index == len(cases) - 1 and case.label != "seed pair"
        stage_times[case.label] = report_case(case, args.runs, reference_runs, largest)
    report_version(args.runs)
    report_growth(stage_times, args.sizes)


def ensure_pairs(sizes: Sequence[int], data: Path) -> None:
    missing = [n for n in sizes if not all(p.exists() for p in pair_paths(data, n))]
    if missing:
        command = [sys.executable, str(HERE / "make_pairs.py"), "--out", str(data), "--sizes"]
        subprocess.run([*command, *map(str, missing)], check=True)


def pair_paths(data: Path, size: int) -> tuple[Path, Path]:
    return data / f"n{size}" / "minutes.pdf", data / f"n{size}" / "letter.pdf"


def warm_up() -> None:
    """Import and initialise everything once, so that stages measure work, not imports
    (the whole-process rows count those)."""
    from reconcile.load.fastpdf import load_pdf_fast
    from reconcile.load.pdf import load_pdf

    data = (SEEDS / "letter.pdf").read_bytes()
    load_pdf(data, "warm-up")
    pipeline(load_pdf_fast(data, "warm-up"), load_pdf_fast(data, "warm-up"))


# --- in-process stages -------------------------------------------------------------------------


def report_case(case: Case, runs: int, reference_runs: int, largest: bool) -> dict[str, float]:
    from reconcile.load.fastpdf import load_pdf_fast
    from reconcile.load.pdf import load_pdf

    minutes, letter = case.minutes.read_bytes(), case.letter.read_bytes()
    docs = (load_pdf_fast(minutes, str(case.minutes)), load_pdf_fast(letter, str(case.letter)))
    pages = (docs[0].pages or 0) + (docs[1].pages or 0)
    where = case.minutes.parent
    if where.is_relative_to(ROOT):
        where = where.relative_to(ROOT)
    print(f"== {case.label}: minutes {docs[0].pages} pages, letter {docs[1].pages} pages ({where})")
    # tracemalloc slows pdfplumber three times over; its peak is taken up to 150 pages
    reference_memory = pages <= 150

    def read_both(read: Callable[[bytes, str], Any]) -> Callable[[], Any]:
        return lambda: (read(minutes, str(case.minutes)), read(letter, str(case.letter)))

    stages = [
        ("load, reference reader", measure(read_both(load_pdf), reference_runs, reference_memory)),
        ("load, fast reader", measure(read_both(load_pdf_fast), runs)),
    ]
    stages += pipeline_stages(docs, runs)
    print(f"  {'stage':<28}{'time s':>9}{'ms/page':>9}{'peak MB':>9}   (peak: tracemalloc)")
    for name, m in stages:
        peak = f"{m.peak_mb:9.1f}" if m.peak_mb is not None else f"{'-':>9}"
        print(f"  {name:<28}{m.seconds:9.3f}{m.seconds / pages * 1000:9.2f}{peak}")
    report_processes(case, runs, reference_runs, largest)
    return {name: m.seconds for name, m in stages}


def pipeline_stages(docs: tuple[Any, Any], runs: int) -> list[tuple[str, Measure]]:
    from reconcile.compare import compare_pairs
    from reconcile.config import Settings
    from reconcile.extract import extract_actions
    from reconcile.pair import pair_actions

    settings = Settings.resolve(None)
    actions = (extract_actions(docs[0], settings), extract_actions(docs[1], settings))
    pairs = pair_actions(actions[0], actions[1], settings.leads)
    reconciliation = pipeline(*docs)
    return [
        ("extract (both documents)", measure(lambda: [extract_actions(d, settings) for d in docs], runs)),
        ("pair", measure(lambda: pair_actions(actions[0], actions[1], settings.leads), runs)),
        ("compare", measure(lambda: compare_pairs(pairs, settings), runs)),
        ("report (json)", measure(lambda: render_json(reconciliation), runs)),
    ]


def pipeline(minutes: Any, letter: Any) -> Any:
    from reconcile.api import reconcile

    return reconcile(minutes, letter)


def render_json(reconciliation: Any) -> str:
    from reconcile.report import render

    stream = io.StringIO()
    render(reconciliation, "json", stream)
    return stream.getvalue()


def measure(work: Callable[[], Any], runs: int, memory: bool = True) -> Measure:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    peak = None
    if memory:
        tracemalloc.start()
        try:
            work()
            peak = tracemalloc.get_traced_memory()[1] / 1e6
        finally:
            tracemalloc.stop()
    return Measure(statistics.median(times), peak)


# --- whole processes ---------------------------------------------------------------------------


def report_processes(case: Case, runs: int, reference_runs: int, largest: bool) -> None:
    pair = [str(case.minutes), str(case.letter)]
    floor = measure_pdftotext(pair, runs)
    target = TARGET_LARGE_JSON if largest else (TARGET_SEED_JSON if case.label == "seed pair" else None)
    # the default --timeout of 20 s a document stops the reference reader on the largest pair
    cli = [sys.executable, "-m", "reconcile", *pair, "--fail-on", "never", "--timeout", "3600"]
    json = [*cli, "--format", "json"]
    if cli_has_engines():
        rows = [
            (
                "reconcile --engine plumber (reference)",
                [*json, "--engine", "plumber"],
                reference_runs,
                target,
            ),
            ("reconcile --format json (fast engine)", json, runs, target),
        ]
        if case.label == "seed pair":
            rows.append(("reconcile (terminal report)", cli, runs, TARGET_SEED_TERMINAL))
    else:  # before the engine switch: the CLI reads with pdfplumber; the script shows the fast reader
        rows = [("reconcile --format json (pdfplumber)", json, reference_runs, target)]
        if case.label == "seed pair":
            rows.append(("reconcile (terminal report)", cli, reference_runs, TARGET_SEED_TERMINAL))
        rows.append(
            ("fast reader, one after the other", [sys.executable, "-c", FAST_SEQUENTIAL, *pair], runs, target)
        )
    # what reading the two documents at once, on the two cores, would give
    rows.append(
        ("fast reader, both documents at once", [sys.executable, "-c", FAST_PARALLEL, *pair], runs, target)
    )
    print(f"  {'whole process':<38}{'time s':>8}{'ratio':>8}{'target':>8}{'':>6}{'max RSS MB':>12}")
    print(f"  {'pdftotext -layout, both files':<38}{floor:8.3f}{1:8.1f}")
    for name, command, count, limit in rows:
        m = measure_process(command, count)
        if m.failed:
            print(f"  {name:<38}  failed: {m.failed}")
            continue
        ratio = m.seconds / floor
        verdict = f"{'≤' + format(limit, 'g') + 'x':>8}{ok(ratio <= limit):>6}" if limit else f"{'':>14}"
        memory = f"{m.peak_mb:12.1f}" if m.peak_mb is not None else f"{'-':>12}"
        passed = m.peak_mb is not None and m.peak_mb < TARGET_PEAK_MB
        flag = f" {ok(passed)} (<{TARGET_PEAK_MB:g})" if largest else ""
        print(f"  {name:<38}{m.seconds:8.3f}{ratio:8.1f}{verdict}{memory}{flag}")
    print()


@functools.cache
def cli_has_engines() -> bool:
    """Whether the CLI has --engine (fast: pdfium, plumber: the reference reader)."""
    command = [sys.executable, "-m", "reconcile", "compare", "--help"]
    return "--engine" in subprocess.run(command, capture_output=True, text=True, cwd=ROOT, check=False).stdout


def measure_pdftotext(pair: Sequence[str], runs: int) -> float:
    def both() -> None:
        for path in pair:
            subprocess.run(["pdftotext", "-layout", path, os.devnull], check=True)

    return measure(both, runs, memory=False).seconds


def measure_process(command: Sequence[str], runs: int) -> Measure:
    """Median wall time of a fresh child, and its largest peak resident memory.

    The peak is taken by GNU time, a small process: a child forked from this one
    would count this process's own memory, as the kernel keeps the high-water mark
    of the memory a process had before exec."""
    gnu_time = shutil.which("time") or ("/usr/bin/time" if Path("/usr/bin/time").exists() else None)
    times = []
    peak = 0.0
    with tempfile.TemporaryDirectory(prefix="reconcile-bench-") as folder:
        report = Path(folder) / "rss"
        wrapped = [gnu_time, "-f", "%M", "-o", str(report), *command] if gnu_time else list(command)
        for _ in range(runs):
            start = time.perf_counter()
            done = subprocess.run(
                wrapped, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT, check=False
            )
            times.append(time.perf_counter() - start)
            if done.returncode not in (0, 1):
                reason = done.stderr.decode(errors="replace").strip().splitlines() or ["no message"]
                return Measure(math.nan, None, failed=reason[-1][-160:])
            if gnu_time:
                peak = max(peak, float(report.read_text().split()[-1]) / 1024)  # KB
    return Measure(statistics.median(times), peak if gnu_time else None)


def report_version(runs: int) -> None:
    script = Path(sys.executable).parent / "reconcile"
    version = (
        [str(script), "--version"] if script.exists() else [sys.executable, "-m", "reconcile", "--version"]
    )
    nothing = measure_process([sys.executable, "-c", "pass"], runs)
    start = measure_process(version, runs)
    ratio = start.seconds / nothing.seconds
    print("== start-up")
    print(f"  {'python -c pass (this interpreter)':<38}{nothing.seconds:8.3f}{1:8.1f}")
    target = f"{'≤' + format(TARGET_VERSION, 'g') + 'x':>8}{ok(ratio <= TARGET_VERSION):>6}"
    print(f"  {'reconcile --version':<38}{start.seconds:8.3f}{ratio:8.1f}{target}")
    shim = shutil.which("python3")
    if shim and Path(shim).resolve() != Path(sys.executable).resolve():
        other = measure_process([shim, "-c", "pass"], runs)
        label = f"python3 -c pass ({shim})"
        print(f"  {label:<38}{other.seconds:8.3f}   (not the interpreter reconcile runs on)")
    print()


def report_growth(stage_times: dict[str, dict[str, float]], sizes: Sequence[int]) -> None:
    if len(sizes) < 2:
        return
    small, large = f"N={sizes[-2]}", f"N={sizes[-1]}"
    factor = sizes[-1] / sizes[-2]
    print(f"== growth from {small} to {large} (log-log slope; 1.0 is linear, target ≤{TARGET_GROWTH:g})")
    for stage, seconds in stage_times[large].items():
        before = stage_times[small][stage]
        slope = math.log(seconds / before) / math.log(factor) if before > 0 and seconds > 0 else float("nan")
        print(f"  {stage:<28}{slope:8.2f}{ok(slope <= TARGET_GROWTH):>6}")


def ok(passed: bool) -> str:
    return "OK" if passed else "MISS"


if __name__ == "__main__":
    main()
