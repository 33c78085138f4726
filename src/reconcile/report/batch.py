"""A batch's own reports: summary.json, the summary a person reads at the end of a
run, and index.html linking every pair's report. Each names the pairs that failed
the gate or could not be run, not only how many there were.

`codes` are the pairs' exit codes and `reports` the file name of each pair's
report in --out (None for a pair that could not be run): the command line
decides both, since it alone knows exit codes and file suffixes."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any, TextIO
from urllib.parse import quote

from rich.table import Table
from rich.text import Text

from ..model import PairOutcome
from ..version import __version__
from .html import CSS, escape
from .options import ReportOptions
from .records import plural
from .terminal import terminal_console


def summary_counts(outcomes: Iterable[PairOutcome]) -> dict[str, int]:
    """Findings that count, by class, over the whole batch."""
    total: Counter[str] = Counter()
    for outcome in outcomes:
        total.update(outcome.findings)
    return dict(sorted(total.items()))


def _status(outcome: PairOutcome) -> str:
    if not outcome.ok:
        return "error"
    return "failed gate" if outcome.failed_gate else "passed"


def batch_summary(
    outcomes: Sequence[PairOutcome], codes: Sequence[int], reports: Sequence[str | None]
) -> dict[str, Any]:
    """summary.json: a row per pair and the totals."""
    rows = [
        {
            "name": outcome.name,
            "minutes": outcome.minutes,
            "letter": outcome.letter,
            "status": "ok" if outcome.ok else "error",
            "exit_code": code,
            "error": outcome.error,
            "findings": dict(outcome.findings),
            "report": report,
        }
        for outcome, code, report in zip(outcomes, codes, reports, strict=True)
    ]
    return {
        "pairs": rows,
        "totals": {
            "pairs": len(rows),
            "ok": sum(1 for o in outcomes if o.ok),
            "errors": sum(1 for o in outcomes if not o.ok),
            "failed_gate": sum(1 for o in outcomes if o.failed_gate),
            "findings": summary_counts(outcomes),
        },
        "exit_code": max(codes, default=0),
    }


def render_batch_summary(outcomes: Sequence[PairOutcome], stream: TextIO, color: bool | None = None) -> None:
    """The end of a batch run on a terminal: the pairs that failed the gate or
    errored, by name and why, then the totals and the findings by class."""
    console = terminal_console(stream, ReportOptions(color=color))
    attention = [o for o in outcomes if not o.ok or o.failed_gate]
    if attention:
        pairs = Table(title="pairs that failed the gate or could not be run", title_justify="left")
        pairs.add_column("pair", no_wrap=True)
        pairs.add_column("status", no_wrap=True)
        pairs.add_column("why")
        for outcome in attention:
            style = "red" if not outcome.ok else "yellow"
            why = outcome.error or ", ".join(f"{n} {cls}" for cls, n in outcome.findings.items())
            pairs.add_row(Text(outcome.name), Text(_status(outcome), style=style), Text(why))
        console.print(pairs)
    errors = sum(1 for o in outcomes if not o.ok)
    totals = Table(title="reconcile batch", show_header=True, header_style="bold")
    for column in ("pairs", "ok", "failed gate", "errors"):
        totals.add_column(column, justify="right")
    totals.add_row(
        str(len(outcomes)),
        str(len(outcomes) - errors),
        str(sum(1 for o in outcomes if o.failed_gate)),
        str(errors),
    )
    console.print(totals)
    counts = summary_counts(outcomes)
    if counts:
        findings = Table(show_header=True, header_style="bold")
        findings.add_column("finding class")
        findings.add_column("count", justify="right")
        for name, count in counts.items():
            findings.add_row(name, str(count))
        console.print(findings)
    for outcome in outcomes:
        if not outcome.ok:
            console.print(Text(f"error: {outcome.name}: {outcome.error}", style="red"))


def batch_index(outcomes: Sequence[PairOutcome], reports: Sequence[str | None]) -> str:
    """index.html: one self-contained page (no script, no network) with a row per
    pair, linking its report, the pairs that need attention first in their order."""
    rows = "".join(
        _index_row(outcome, report)
        for outcome, report in sorted(
            zip(outcomes, reports, strict=True), key=lambda item: _status(item[0]) == "passed"
        )
    )
    errors = sum(1 for o in outcomes if not o.ok)
    failed = sum(1 for o in outcomes if o.failed_gate)
    summary = (
        f"<strong>{plural(len(outcomes), 'pair')}</strong> · "
        f'<span class="badge warning">{plural(failed, "failed the gate", "")}</span> '
        f'<span class="badge error">{plural(errors, "error")}</span>'
    )
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>reconcile batch</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
        '<div class="wrap">\n<header>\n<h1>reconcile batch</h1>\n'
        f'<p class="summary">{summary}</p>\n</header>\n'
        '<table class="overview">\n<thead><tr><th>pair</th><th>status</th><th>findings that count</th>'
        "<th>minutes</th><th>letter</th></tr></thead>\n"
        f"<tbody>\n{rows}</tbody>\n</table>\n"
        f"<footer>Made by reconcile {escape(__version__)}.</footer>\n</div>\n</body>\n</html>\n"
    )


def _index_row(outcome: PairOutcome, report: str | None) -> str:
    name = escape(outcome.name)
    # names are plain file names (batch.name_problem); quoted all the same
    link = f'<a href="{escape(quote(report))}">{name}</a>' if report else name
    status = _status(outcome)
    badge = {"error": "error", "failed gate": "warning", "passed": "ok"}[status]
    detail = outcome.error or ", ".join(f"{n} {cls}" for cls, n in outcome.findings.items()) or "none"
    return (
        f'<tr><td>{link}</td><td><span class="badge {badge}">{escape(status)}</span></td>'
        f"<td>{escape(detail)}</td><td>{escape(outcome.minutes)}</td><td>{escape(outcome.letter)}</td></tr>\n"
    )
