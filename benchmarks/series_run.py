"""Series speed: `reconcile series` on a generated archive of N meetings of 20 actions.

    python benchmarks/series_run.py [--documents 100 --actions 20 --runs 3]

The minutes are Markdown made under benchmarks/data/series-N/ (not committed): each
meeting raises new numbered actions, restates those of the last meeting as ongoing,
closes those of the one before, and lets one in ten vanish, so every document prints
about ``--actions`` actions and every chain is paired. Each run is a fresh `reconcile
series` process writing JSON; the median seconds and the peak memory (max RSS of the
child) are printed, for a quarter, a half and all of the documents, to show the growth.
Target: 100 documents of 20 actions in under 10 s.
"""

from __future__ import annotations

import argparse
import datetime as dt
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "benchmarks" / "data"
TARGET_SECONDS = 10.0

_OWNERS = ("Ann Lee", "Ben Ode", "Cara Moss", "Dev Patel", "Eve Shaw", "Finn Roy", "Gil Chen", "Hana Ito")
_VERBS = ("draft", "review", "circulate", "cost", "agree", "publish", "check", "renew", "book", "survey")
_THINGS = (
    "the budget for {n}",
    "the volunteer rota number {n}",
    "the grant bid {n}",
    "the risk register entry {n}",
    "the venue for event {n}",
    "the safeguarding policy section {n}",
    "the newsletter issue {n}",
    "the supplier contract {n}",
)


def _action(number: int) -> str:
    owner = _OWNERS[number % len(_OWNERS)]
    verb = _VERBS[(number // len(_OWNERS)) % len(_VERBS)]
    thing = _THINGS[(number // 3) % len(_THINGS)].format(n=number)
    return f"{owner} to {verb} {thing}"


def make_series(documents: int, actions: int) -> list[Path]:
    """Meeting k raises a third of its actions, restates the last meeting's as
    ongoing and closes (or, one in ten, drops) the one before's."""
    folder = DATA / f"series-{documents}x{actions}"
    folder.mkdir(parents=True, exist_ok=True)
    new_per_meeting = max(1, -(-actions // 3))
    first = dt.date(2020, 1, 15)
    paths = []
    for k in range(documents):
        day = first + dt.timedelta(days=28 * k)
        raised = range(k * new_per_meeting + 1, (k + 1) * new_per_meeting + 1)
        ongoing = range((k - 1) * new_per_meeting + 1, k * new_per_meeting + 1) if k >= 1 else range(0)
        closing = range((k - 2) * new_per_meeting + 1, (k - 1) * new_per_meeting + 1) if k >= 2 else range(0)
        lines = [f"# Community Trust Board\n\n## Minutes of the meeting of {day:%d %B %Y}\n"]
        lines.append("### Actions from previous meetings\n")
        lines += [f"- **Action {n}.** {_action(n)}. _Done_" for n in closing if n % 10]
        lines += [f"- **Action {n}.** {_action(n)}. _Ongoing_" for n in ongoing]
        lines.append("\n### New actions\n")
        lines += [f"- **Action {n}.** {_action(n)}." for n in raised]
        path = folder / f"{day:%Y-%m-%d}.md"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def run_once(paths: list[Path]) -> tuple[float, int]:
    """Seconds and peak memory (MB) of one `reconcile series` process."""
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch) / "series.json"
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        start = time.perf_counter()
        subprocess.run(
            [
                sys.executable,
                "-m",
                "reconcile",
                "series",
                *map(str, paths),
                "--format",
                "json",
                "--fail-on",
                "never",
                "-o",
                str(out),
            ],
            check=True,
        )
        seconds = time.perf_counter() - start
        peak = max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    return seconds, peak // 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=100)
    parser.add_argument("--actions", type=int, default=20)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    paths = make_series(args.documents, args.actions)
    for count in sorted({max(1, args.documents // 4), max(1, args.documents // 2), args.documents}):
        timings = [run_once(paths[:count]) for _ in range(args.runs)]
        seconds = statistics.median(t for t, _ in timings)
        peak = max(m for _, m in timings)
        verdict = "" if count != args.documents else (" ok" if seconds < TARGET_SECONDS else " TOO SLOW")
        print(
            f"series: {count} documents x ~{args.actions} actions: {seconds:.2f} s, peak {peak} MB{verdict}"
        )


if __name__ == "__main__":
    main()
