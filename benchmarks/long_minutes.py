"""Wall time of a whole `reconcile` run on long minutes: a board's month with the
committee reports attached (200,000 characters and more), the way real boards
publish them, against the next month's minutes that review its actions.

    python benchmarks/long_minutes.py [--runs 5] [--chars 200000]

The pair is generated (deterministic): plain-text minutes in the board style
(numbered agenda titles, "@Name:" directives under the reports, a "Review
Outstanding Action Items" list of "* Owner: text / [ Project date ] / Status:"
entries), then attached reports of prose, lists and "Next steps" headings that
hold no action of the board. Each run is a fresh process, so imports count; the
median is printed beside the target (under 2 s for 200,000 characters).
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET_SECONDS = 2.0
OWNERS = ("Brett", "Chris", "Sam", "Rich", "David", "Ross", "Shane", "Greg", "Jim")
PROJECTS = tuple(f"Project{n:02d}" for n in range(60))
WORDS = (
    "the community release committers activity mailing list report board growth issue "
    "developers users build documentation website quarter votes trademark licence"
).split()


def _sentence(rng: random.Random, words: int = 14) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def _review_entries(rng: random.Random, count: int, month: str) -> list[str]:
    entries = []
    for n in range(count):
        owner, project = OWNERS[n % len(OWNERS)], PROJECTS[n % len(PROJECTS)]
        entries.append(
            f"    * {owner}: pursue a report for {project} about {rng.choice(WORDS)}\n"
            f"          [ {project} 2015-{month}-20 ]\n"
            f"          Status: {rng.choice(['', 'done', 'in progress', 'emailed the PMC'])}\n"
        )
    return entries


def _attachments(rng: random.Random, chars: int) -> str:
    parts: list[str] = ["============\nATTACHMENTS:\n============\n"]
    size = 0
    n = 0
    while size < chars:
        project = PROJECTS[n % len(PROJECTS)]
        block = (
            f"-----------------------------------------\n"
            f"Attachment {n}: Report from the Apache {project} Project\n\n"
            f"## Description:\n{_sentence(rng, 30)}\n\n"
            f"## Activity:\n" + "".join(f" - {_sentence(rng, 10)}\n" for _ in range(4)) + "\n"
            "## Next steps\n" + "".join(f"  1. {_sentence(rng, 8)}\n" for _ in range(3)) + "\n"
            f"## Community:\n{_sentence(rng, 40)} {_sentence(rng, 40)}\n\n"
        )
        parts.append(block)
        size += len(block)
        n += 1
    return "".join(parts)


def minutes_pair(chars: int, seed: int = 7) -> tuple[str, str]:
    rng = random.Random(seed)
    directives = "".join(
        f"    {chr(65 + n % 26)}. Apache {PROJECTS[n]} Project [Chair / {OWNERS[n % 9]}]\n\n"
        f"       See Attachment {n}\n\n"
        f"       @{OWNERS[n % 9]}: pursue a report for {PROJECTS[n]} next month\n\n"
        for n in range(20)
    )
    head = "The Apache Software Foundation\nBoard of Directors Meeting Minutes\nMay 20, 2015\n\n"
    # the officers' reports in the body, indented as the board lays them out
    officers = "".join(
        f"    {chr(65 + n)}. Report from the {rng.choice(WORDS)} officer\n\n"
        + "".join(f"       {_sentence(rng, 11)}\n" for _ in range(24))
        + "\n"
        for n in range(20)
    )
    minutes = (
        head + " 1. Call to order\n\n    The meeting was called to order.\n\n"
        " 4. Executive Officer Reports\n\n"
        + officers
        + " 6. Committee Reports\n\n"
        + directives
        + " 9. Review Outstanding Action Items\n\n"
        + "".join(_review_entries(rng, 30, "04"))
        + "\n10. Adjournment\n\n    Adjourned.\n\n"
    )
    minutes += _attachments(rng, chars - len(minutes))
    letter_head = head.replace("May 20", "June 17")
    letter = (
        letter_head
        + " 4. Executive Officer Reports\n\n"
        + officers
        + " 9. Review Outstanding Action Items\n\n"
        + "".join(_review_entries(rng, 30, "04"))
        + "".join(
            f"    * {OWNERS[n % 9]}: pursue a report for {PROJECTS[n]} next month\n"
            f"          [ {PROJECTS[n]} 2015-05-20 ]\n          Status: report present\n"
            for n in range(20)
        )
        + "\n10. Adjournment\n\n    Adjourned.\n\n"
    )
    letter += _attachments(random.Random(seed + 1), chars - len(letter))
    return minutes, letter


def median_seconds(command: list[str], runs: int) -> tuple[float, float]:
    """Median wall time and median CPU time (user + system, the process and its
    readers): on a busy machine the CPU time is the steadier figure."""
    walls, cpus = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return statistics.median(walls), statistics.median(cpus)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--chars", type=int, default=200_000)
    args = parser.parse_args()
    minutes, letter = minutes_pair(args.chars)
    with tempfile.TemporaryDirectory(prefix="long-minutes-") as folder:
        paths = [Path(folder) / "minutes.txt", Path(folder) / "letter.txt"]
        for path, text in zip(paths, (minutes, letter), strict=True):
            path.write_text(text, encoding="utf-8")
        reconcile = [sys.executable, "-m", "reconcile", *map(str, paths), "--fail-on", "never"]
        rows = [
            (f"reconcile --format {fmt}", median_seconds([*reconcile, "--format", fmt], args.runs))
            for fmt in ("json", "terminal")
        ]
    print(f"minutes {len(minutes):,} characters, follow-up {len(letter):,}; median of {args.runs} runs")
    for name, (wall, cpu) in rows:
        verdict = "OK" if wall < TARGET_SECONDS else "MISS"
        print(
            f"  {name:<28} wall {wall:6.3f} s  cpu {cpu:6.3f} s   target < {TARGET_SECONDS:.0f} s  {verdict}"
        )
    print(f"  load average {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
