"""Where the time and the memory of a reconcile run go, stage by stage, at three sizes,
beside `pdftotext -layout` as the floor for getting text out of a PDF.

    python benchmarks/run.py [--runs 5] [--reference-runs N] [--sizes 15 150 1500]
                             [--mixes chromium reportlab] [--batch-pairs 200]

Makes the synthetic pairs first where they are missing (benchmarks/make_pairs.py), of
each producer mix (minutes printed by Chromium, or set by reportlab; the letter's ruled
annex by reportlab in both),
compiles the package's bytecode (as a regular install does), then, for the seed pair
and for each size, prints:

- each stage measured in this process by calling the library: load (the reference
  reader, pdfplumber, and the fast reader, pdfium, each on both documents, one after
  the other), extract, pair, compare, report (JSON): the median wall time of ``--runs``
  runs, and the peak of Python's own allocations during the stage (tracemalloc;
  pdfium's C heap is not in it);
- whole processes, each a fresh child, with the CPU time of the process and its
  readers beside the wall time (a shared machine's load stretches the one, not the
  other): ``python -m reconcile MINUTES LETTER --format
  json`` with each PDF engine (``--engine plumber``, the reference, and the default
  fast one), and on the seeds the default terminal report; each beside ``pdftotext
  -layout`` on both files, with the ratio to it (the median of the runs' ratios, each
  run timed just after a ``pdftotext`` run) and its target, and the peak memory of
  the run: the largest sum of the proportional set sizes of the process and the reader
  processes it forks, sampled in a run of its own;
- ``reconcile --version`` beside the interpreter doing nothing;
- how each stage grows from the middle size to the largest (1.0 is linear);
- ``reconcile batch`` on ``--batch-pairs`` copies of the seed pair with ``--jobs 1``
  and ``--jobs 2`` (benchmarks/batch_run.py), and the speed-up.

Every number of one report comes from the same run of this script, so the ratios compare
like with like on a busy machine. Targets are printed with OK or MISS.
"""

from __future__ import annotations

import argparse
import compileall
import contextlib
import gc
import io
import json
import math
import os
import shutil
import statistics
import subprocess
import sys
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
TARGET_BATCH = 1.7  # 200 seed pairs: --jobs 1 time / --jobs 2 time
TARGET_GROWTH = 1.15  # log-log slope from the middle size to the largest; 1.0 is linear


@dataclass
class Case:
    label: str
    minutes: Path
    letter: Path


@dataclass
class Measure:
    seconds: float  # the median of the runs
    peak_mb: float | None = None  # tracemalloc peak, or the process tree's proportional set size
    failed: str = ""  # why a whole process did not finish
    fastest: float = math.nan  # the quickest run: noise on a shared machine only adds time
    cpu: float = math.nan  # median CPU seconds (user + system) of a whole process and its readers
    ratio: float = math.nan  # the median of its runs' ratios to the floor run just before each


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=5, help="runs a measure, the median is shown (5)")
    parser.add_argument("--sizes", type=int, nargs="+", default=[15, 150, 1500])
    parser.add_argument(
        "--mixes", nargs="+", default=["chromium", "reportlab"], help="producer mixes of the pairs"
    )
    parser.add_argument(
        "--data", type=Path, default=DEFAULT_DATA, help="where the pairs are (made if missing)"
    )
    parser.add_argument(
        "--reference-runs",
        type=int,
        help="runs for the slow reference reader (default: --runs; 0 leaves it out)",
    )
    parser.add_argument(
        "--batch-pairs", type=int, default=200, help="seed pairs for the batch speed-up (0: skip it)"
    )
    parser.add_argument("--batch-runs", type=int, default=3, help="runs of each batch (3)")
    parser.add_argument("--stages", type=Path, nargs=2, metavar=("MINUTES", "LETTER"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.stages:
        minutes, letter = args.stages
        measure_stages(minutes, letter, args.runs, args.reference_runs)
        return
    if not shutil.which("pdftotext"):
        sys.exit("pdftotext (poppler-utils) is needed: it is the floor the ratios are taken to")
    for mix in args.mixes:
        ensure_pairs(args.sizes, args.data, mix)
    reference_runs = args.runs if args.reference_runs is None else args.reference_runs
    compile_bytecode()
    print(f"reconcile benchmarks: median of {args.runs} runs ({reference_runs} for the reference reader)")
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores, {load_average()}\n")
    report_case(
        Case("seed pair", SEEDS / "minutes.pdf", SEEDS / "letter.pdf"), args.runs, reference_runs, False
    )
    for mix in args.mixes:
        stage_times: dict[str, dict[str, float]] = {}
        for n in args.sizes:
            case = Case(f"N={n}, {mix} mix", *pair_paths(args.data, n, mix))
            largest = n == max(args.sizes)
            stage_times[f"N={n}"] = report_case(case, args.runs, reference_runs, largest)
        report_growth(stage_times, args.sizes, mix)
    report_version(args.runs)
    if args.batch_pairs:
        report_batch(args.batch_pairs, args.batch_runs)


def load_average() -> str:
    one, five, _ = os.getloadavg()
    return f"load average {one:.2f} (1 min), {five:.2f} (5 min)"


def ensure_pairs(sizes: Sequence[int], data: Path, mix: str) -> None:
    missing = [n for n in sizes if not all(p.exists() for p in pair_paths(data, n, mix))]
    if missing:
        command = [sys.executable, str(HERE / "make_pairs.py"), "--out", str(data), "--mix", mix, "--sizes"]
        subprocess.run([*command, *map(str, missing)], check=True)


def pair_paths(data: Path, size: int, mix: str = "chromium") -> tuple[Path, Path]:
    folder = (data if mix == "chromium" else data / mix) / f"n{size}"
    return folder / "minutes.pdf", folder / "letter.pdf"


def compile_bytecode() -> None:
    """Compile the package's modules once, as a regular pip install does: where
    PYTHONDONTWRITEBYTECODE is set (this machine sets it) an editable install
    would otherwise compile every module in every measured process."""
    import reconcile

    compileall.compile_dir(Path(reconcile.__file__).parent, quiet=1)


def report_batch(pairs: int, runs: int) -> None:
    """benchmarks/batch_run.py's measure, in this report."""
    from batch_run import batch_seconds, make_pairs

    manifest = make_pairs(pairs)
    print(f"== batch: {pairs} seed pairs, median of {runs} runs")
    medians = {}
    for jobs in (1, 2):
        medians[jobs] = statistics.median(batch_seconds(manifest, jobs) for _ in range(runs))
        label = f"reconcile batch --jobs {jobs}"
        print(f"  {label:<38}{medians[jobs]:8.2f} s {pairs / medians[jobs]:7.1f} pairs/s")
    speedup = medians[1] / medians[2]
    target = f"≥{TARGET_BATCH:g}x"
    print(f"  {'speed-up of --jobs 2':<38}{speedup:8.2f}x{target:>9}{ok(speedup >= TARGET_BATCH):>6}")
    print()


def warm_up() -> None:
    """Import and initialise everything once, so that stages measure work, not imports
    (the whole-process rows count those)."""
    from reconcile.load.pdf.pdfium import load_pdf_pdfium as load_pdf_fast
    from reconcile.load.pdf.plumber import load_pdf_reference

    data = (SEEDS / "letter.pdf").read_bytes()
    load_pdf_reference(data, "warm-up")
    pipeline(load_pdf_fast(data, "warm-up"), load_pdf_fast(data, "warm-up"))


# --- in-process stages -------------------------------------------------------------------------


def report_case(case: Case, runs: int, reference_runs: int, largest: bool) -> dict[str, float]:
    """The stages, measured in a fresh process of their own (a stage at 1500 actions
    must not pay for the objects the earlier cases left in this one), then the whole
    processes."""
    command = [sys.executable, str(Path(__file__).resolve()), "--stages", str(case.minutes), str(case.letter)]
    command += ["--runs", str(runs), "--reference-runs", str(reference_runs)]
    measured = json.loads(
        subprocess.run(command, capture_output=True, text=True, check=True, cwd=ROOT).stdout
    )
    pages = sum(measured["pages"])
    where = case.minutes.parent
    if where.is_relative_to(ROOT):
        where = where.relative_to(ROOT)
    minutes_pages, letter_pages = measured["pages"]
    print(f"== {case.label}: minutes {minutes_pages} pages, letter {letter_pages} pages ({where})")
    print(f"  {load_average()}")
    print(f"  {'stage':<28}{'time s':>9}{'ms/page':>9}{'peak MB':>9}   (peak: tracemalloc)")
    for name, seconds, peak_mb, _ in measured["stages"]:
        peak = f"{peak_mb:9.1f}" if peak_mb is not None else f"{'-':>9}"
        print(f"  {name:<28}{seconds:9.3f}{seconds / pages * 1000:9.2f}{peak}")
    report_processes(case, runs, reference_runs, largest)
    # growth is taken from each stage's quickest run: a stage of a few milliseconds
    # at the middle size would otherwise show the machine's noise as growth
    return {name: fastest for name, _, _, fastest in measured["stages"]}


def measure_stages(minutes_path: Path, letter_path: Path, runs: int, reference_runs: int) -> None:
    """--stages: this process measures the stages of one pair and prints them as JSON."""
    from reconcile.load.pdf.pdfium import load_pdf_pdfium as load_pdf_fast
    from reconcile.load.pdf.plumber import load_pdf_reference

    warm_up()
    minutes, letter = minutes_path.read_bytes(), letter_path.read_bytes()
    docs = (load_pdf_fast(minutes, str(minutes_path)), load_pdf_fast(letter, str(letter_path)))
    pages = (docs[0].pages or 0) + (docs[1].pages or 0)
    # tracemalloc slows pdfplumber three times over; its peak is taken up to 150 pages
    reference_memory = pages <= 150

    def read_both(read: Callable[[bytes, str], Any]) -> Callable[[], Any]:
        return lambda: (read(minutes, str(minutes_path)), read(letter, str(letter_path)))

    # the reference reader last: pdfminer leaves objects alive that the collector
    # would then scan again and again during the later stages
    fast = measure(read_both(load_pdf_fast), runs)
    pipeline = pipeline_stages(docs, runs)
    stages = [("load, fast reader", fast), *pipeline]
    if reference_runs:
        reference = measure(read_both(load_pdf_reference), reference_runs, reference_memory)
        stages.insert(0, ("load, reference reader", reference))
    rows = [[name, m.seconds, m.peak_mb, m.fastest] for name, m in stages]
    print(json.dumps({"pages": [docs[0].pages or 0, docs[1].pages or 0], "stages": rows}))


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


def forget_memos() -> None:
    """Empty the package's memo caches (word keys, content words...), so that each
    run of a stage starts as a fresh process does: a run measured after others on the
    same texts would find its answers remembered. Caches of compiled patterns stay
    (a process fills them once; unbounded or small, they are not memos of text)."""
    for name, module in list(sys.modules.items()):
        if not name.startswith("reconcile"):
            continue
        for value in list(vars(module).values()):
            info = getattr(value, "cache_info", None)
            if info is not None and (info().maxsize or 0) >= _MEMO_SIZE:
                value.cache_clear()


_MEMO_SIZE = 1024  # lru_caches this large hold answers about texts, not compiled patterns


def measure(work: Callable[[], Any], runs: int, memory: bool = True) -> Measure:
    times = []
    for _ in range(runs):
        forget_memos()
        gc.collect()  # the garbage of the run before is not this run's to collect
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
    return Measure(statistics.median(times), peak, fastest=min(times))


# --- whole processes ---------------------------------------------------------------------------


def report_processes(case: Case, runs: int, reference_runs: int, largest: bool) -> None:
    pair = [str(case.minutes), str(case.letter)]
    floor = measure_pdftotext(pair, runs)
    target = TARGET_LARGE_JSON if largest else (TARGET_SEED_JSON if case.label == "seed pair" else None)
    # the default --timeout of 20 s a document stops the reference reader on the largest pair
    cli = [sys.executable, "-m", "reconcile", *pair, "--fail-on", "never", "--timeout", "3600"]
    json = [*cli, "--format", "json"]
    rows = [("reconcile --format json (fast engine)", json, runs, target)]
    if reference_runs:
        rows.insert(
            0,
            (
                "reconcile --engine plumber (reference)",
                [*json, "--engine", "plumber"],
                reference_runs,
                target,
            ),
        )
    if case.label == "seed pair":
        rows.append(("reconcile (terminal report)", cli, runs, TARGET_SEED_TERMINAL))
    print(f"  {'whole process':<38}{'time s':>8}{'ratio':>8}{'target':>8}{'':>6}{'peak MB':>12}{'cpu s':>8}")
    print(f"  {'pdftotext -layout, both files':<38}{floor.seconds:8.3f}{1:8.1f}{'':>26}{floor.cpu:8.3f}")
    for name, command, count, limit in rows:
        m = measure_process(command, count, pdftotext_both(pair))
        if m.failed:
            print(f"  {name:<38}  failed: {m.failed}")
            continue
        ratio = m.ratio
        verdict = f"{'≤' + format(limit, 'g') + 'x':>8}{ok(ratio <= limit):>6}" if limit else f"{'':>14}"
        memory = f"{m.peak_mb:12.1f}" if m.peak_mb is not None else f"{'-':>12}"
        passed = m.peak_mb is not None and m.peak_mb < TARGET_PEAK_MB
        flag = f"  memory {ok(passed)} (<{TARGET_PEAK_MB:g} MB)" if largest else ""
        print(f"  {name:<38}{m.seconds:8.3f}{ratio:8.1f}{verdict}{memory}{m.cpu:8.3f}{flag}")
    print()


def pdftotext_both(pair: Sequence[str]) -> Callable[[], None]:
    def both() -> None:
        for path in pair:
            subprocess.run(["pdftotext", "-layout", path, os.devnull], check=True)

    return both


def measure_pdftotext(pair: Sequence[str], runs: int) -> Measure:
    both = pdftotext_both(pair)
    cpu = []
    for _ in range(runs):
        before = _children_cpu()
        both()
        cpu.append(_children_cpu() - before)
    found = measure(both, runs, memory=False)
    found.cpu = statistics.median(cpu)
    return found


def measure_process(command: Sequence[str], runs: int, floor: Callable[[], None] | None = None) -> Measure:
    """Median wall time of ``runs`` fresh processes, then one more run for the memory:
    the largest sum, over the process and the reader processes it forks, of their
    proportional set sizes (a page shared by two processes counts half to each),
    sampled every 10 ms. Sampling runs apart from the timed runs: it takes CPU.
    With a ``floor``, each run comes just after a run of it, and the ratio is the
    median of the runs' ratios to theirs: a machine whose speed drifts over the
    minutes of a table (a shared one's does, by a third) moves both alike."""
    times, cpu, ratios = [], [], []
    for _ in range(runs):
        if floor is not None:
            start = time.perf_counter()
            floor()
            ratios.append(1 / (time.perf_counter() - start))
        before = _children_cpu()
        start = time.perf_counter()
        done = subprocess.run(
            command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT, check=False
        )
        times.append(time.perf_counter() - start)
        cpu.append(_children_cpu() - before)
        if floor is not None:
            ratios[-1] *= times[-1]
        if done.returncode not in (0, 1):
            reason = done.stderr.decode(errors="replace").strip().splitlines() or ["no message"]
            return Measure(math.nan, None, failed=reason[-1][-160:])
    ratio = statistics.median(ratios) if ratios else math.nan
    return Measure(statistics.median(times), peak_tree_mb(command), cpu=statistics.median(cpu), ratio=ratio)


def _children_cpu() -> float:
    """CPU seconds of the waited-for children so far (a process's own children,
    the readers, count once it has waited for them)."""
    import resource

    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def peak_tree_mb(command: Sequence[str]) -> float | None:
    if not Path("/proc/self/smaps_rollup").exists():
        return None  # not Linux: no proportional set sizes to read
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
    peak = 0
    while process.poll() is None:
        peak = max(peak, sum(map(_pss_kb, _tree(process.pid))))
        time.sleep(0.01)
    return peak / 1024


def _tree(pid: int) -> list[int]:
    """The process and its descendants (Linux: /proc/PID/task/TID/children)."""
    found, queue = [], [pid]
    while queue:
        current = queue.pop()
        found.append(current)
        for task in Path(f"/proc/{current}/task").glob("*/children"):
            with contextlib.suppress(OSError):  # gone while we looked
                queue.extend(int(child) for child in task.read_text().split())
    return found


def _pss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


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


def report_growth(stage_times: dict[str, dict[str, float]], sizes: Sequence[int], mix: str) -> None:
    if len(sizes) < 2:
        return
    small, large = f"N={sizes[-2]}", f"N={sizes[-1]}"
    factor = sizes[-1] / sizes[-2]
    print(f"== growth from {small} to {large}, {mix} mix (log-log slope of the quickest runs; 1.0 is linear)")
    print(f"  {'':<28}{'slope':>8}  target ≤{TARGET_GROWTH:g}")
    for stage, seconds in stage_times[large].items():
        before = stage_times[small][stage]
        slope = math.log(seconds / before) / math.log(factor) if before > 0 and seconds > 0 else float("nan")
        print(f"  {stage:<28}{slope:8.2f}{ok(slope <= TARGET_GROWTH):>6}")
    print()


def ok(passed: bool) -> str:
    return "OK" if passed else "MISS"


if __name__ == "__main__":
    main()
