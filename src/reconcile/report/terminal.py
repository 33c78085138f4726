"""--format terminal: a report a person reads top-down.

A summary line, one row per pair with its drift, then each finding with the
evidence from both documents and a word-level redline. Document text is always
passed to rich as Text, never as markup, so "[bold]" in a document stays text.
Changes are marked [-old-] and {+new+} as well as coloured, so the report reads
the same with NO_COLOR."""

from __future__ import annotations

import re
from typing import Any, TextIO

from rich import box
from rich.console import Console, Group
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from ..leads import lead_label
from ..model import Action, ComparedPair, DiffOp, Document, Finding, Reconciliation, Severity
from .options import ReportOptions
from .records import plural, summary, tally, to_records

_SEVERITY_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
_LEVELS = {s.value for s in Severity}
_CLASS_STYLE = {"none": "dim", "cosmetic": "cyan"}
_CONTEXT_WORDS = 6  # words of unchanged text kept around each change in a redline


def render_terminal(rec: Reconciliation, stream: TextIO, options: ReportOptions) -> None:
    console = terminal_console(stream, options)
    # the heading and summary lines are never wrapped mid-phrase, however long a path
    console.print(_heading(rec, console.width), soft_wrap=True)
    for warning in rec.warnings:
        console.print(Text(f"warning: {warning}", style="bold yellow"))
    console.print(_summary_line(rec, console.width), soft_wrap=True)
    console.print(_pairs_table(rec))
    if any(not a.number for a in (*rec.minutes_actions, *rec.letter_actions)):
        console.print(Text("#n: the nth action of a document that gives it no number", style="dim"))
    for compared in rec.pairs:
        if compared.findings:
            console.print(_details(compared))


def terminal_console(stream: TextIO, options: ReportOptions) -> Console:
    """A console on the stream: colour as the terminal and NO_COLOR decide, unless
    --color or --no-color said otherwise; no line ends in spaces."""
    file: Any = _TrimmedLines(stream)
    if options.color is None:
        return _Console(file=file, highlight=False, emoji=False, soft_wrap=False)
    return _Console(
        file=file,
        highlight=False,
        emoji=False,
        soft_wrap=False,
        force_terminal=options.color,
        no_color=not options.color,
    )


class _Console(Console):
    def on_broken_pipe(self) -> None:
        # rich would exit 1 here; the reader going away (| head) is the command
        # line's to handle, with the run's own exit code
        self.quiet = True
        raise BrokenPipeError


class _TrimmedLines:
    """The stream, less the spaces rich pads each line of a table with (before any
    closing colour codes): a report copied into a log or a diff has no trailing
    white space. A terminal still looks like one, so colour is decided as before."""

    _TAIL = re.compile(r"(?:[ \t]|\x1b\[[0-9;]*m)+$")  # spaces and colour codes that end a line
    _CODE = re.compile(r"\x1b\[[0-9;]*m")

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self._pending = ""
        self.encoding = getattr(stream, "encoding", None) or "utf-8"

    def write(self, text: str) -> int:
        lines = (self._pending + text).split("\n")
        self._pending = lines.pop()
        for line in lines:
            self._stream.write(self._TAIL.sub(self._codes_only, line) + "\n")
        return len(text)

    def _codes_only(self, tail: re.Match[str]) -> str:
        return "".join(self._CODE.findall(tail.group()))

    def flush(self) -> None:
        self._stream.flush()

    def isatty(self) -> bool:
        return bool(getattr(self._stream, "isatty", lambda: False)())


def phrases(parts: list[Text], width: int, indent: int = 0) -> Text:
    """Phrases laid out on lines of at most width columns, broken only between
    them, each phrase carrying its own separator at its end: a heading never wraps
    mid-phrase, and a phrase longer than a line (a long path) is kept whole."""
    text = Text()
    column = 0
    for part in parts:
        if column > indent and column + len(part.plain.rstrip()) > width:
            text.append("\n" + " " * indent)
            column = indent
        text.append_text(part)
        column += part.cell_len
    return text


def _heading(rec: Reconciliation, width: int) -> Text:
    return Text("\n").join(
        [
            _describe("minutes ", rec.minutes, len(rec.minutes_actions), width),
            _describe("letter  ", rec.letter, len(rec.letter_actions), width),
        ]
    )


def _describe(role: str, doc: Document, actions: int, width: int) -> Text:
    when = f"{doc.date.day} {doc.date:%B %Y}" if doc.date else "date not found"
    name = Text(role, style="bold")
    name.append(f"{doc.path} ")
    return phrases([name, Text(f"({when}; {plural(actions, 'action')})")], width, indent=len(role))


def _summary_line(rec: Reconciliation, width: int) -> Text:
    s = summary(rec)
    parts = [Text(f"{plural(s['pairs'], 'pair')}: {s['matched']} matched", style="bold")]
    if s["minutes_only"]:
        parts.append(Text(f"{s['minutes_only']} only in the minutes", style="bold red"))
    if s["letter_only"]:
        parts.append(Text(f"{s['letter_only']} only in the letter", style="bold yellow"))
    counts = tally(to_records(rec)["pairs"])
    found = [
        Text(count, style=_SEVERITY_STYLE[Severity(severity)] if severity in _LEVELS else "dim")
        for severity, count in counts
    ] or [Text("no drift found", style="green")]
    for part in parts[:-1] + found[:-1]:
        part.append(", ")
    parts[-1].append(" · ")
    return Text("\n") + phrases([*parts, *found], width)


def _pairs_table(rec: Reconciliation) -> Table:
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False, expand=False)
    table.add_column("minutes→letter", no_wrap=True)
    table.add_column("score", justify="right", no_wrap=True)
    table.add_column("wording", no_wrap=True)
    table.add_column("timing", no_wrap=True)
    table.add_column("lead", no_wrap=True)
    table.add_column("worst", no_wrap=True)
    for compared in rec.pairs:
        pair = compared.pair
        drift = compared.drift
        unmatched = pair.minutes is None or pair.letter is None
        worst = compared.worst
        table.add_row(
            Text(
                f"{_number(pair.minutes)} → {_number(pair.letter)}"
                + (f" ({pair.relation})" if pair.relation else "")
            ),
            Text(f"{pair.score:.2f}" if not unmatched else "—"),
            _cls("unmatched" if unmatched else drift.wording, unmatched),
            _cls("—" if unmatched else drift.timing, unmatched),
            _cls("—" if unmatched else drift.lead, unmatched),
            Text(worst.value, style=_SEVERITY_STYLE[worst]) if worst else Text("ok", style="green"),
        )
    return table


def _number(action: Action | None) -> str:
    if action is None:
        return "—"
    return action.number or f"#{action.ordinal}"


def _cls(name: str, unmatched: bool) -> Text:
    if unmatched:
        return Text(name, style="bold red" if name == "unmatched" else "dim")
    return Text(name, style=_CLASS_STYLE.get(name, "bold"))


def _details(compared: ComparedPair) -> Group:
    pair = compared.pair
    title = Text("\n")
    title.append(f"Action {_number(pair.minutes)} → {_number(pair.letter)}", style="bold underline")
    title.append(f"   minutes {_where(pair.minutes)} · letter {_where(pair.letter)}", style="dim")
    # a grid keeps wrapped messages and evidence under their own column
    grid = Table.grid(padding=(0, 1), pad_edge=False)
    grid.add_column(width=7, no_wrap=True)
    grid.add_column(ratio=1)
    for finding in compared.findings:
        style = _SEVERITY_STYLE[finding.severity] if finding.active else "dim"
        grid.add_row(Text(finding.severity.value, style=style), _message(finding))
        for line in _evidence(finding, compared):
            grid.add_row(Text(""), line)
    return Group(title, _indented(grid))


def _indented(renderable: Table) -> Padding:
    return Padding(renderable, (0, 0, 0, 2))


def _where(action: Action | None) -> str:
    if action is None:
        return "—"
    page = f"p.{action.page} " if action.page is not None else ""
    return f"{page}l.{action.line}" if action.line is not None else page.strip() or "?"


def _message(finding: Finding) -> Text:
    text = Text()
    text.append(f"{finding.kind} ", style="bold")
    text.append(finding.message)
    if finding.suppressed:
        # still reported, but it no longer fails the run: say why
        text.append(f" (suppressed: {finding.suppressed})", style="dim")
    return text


def _evidence(finding: Finding, compared: ComparedPair) -> list[Text]:
    old, new = compared.pair.minutes, compared.pair.letter
    if finding.kind == "wording":
        return [_redline(finding.diff)]
    if finding.kind == "timing" and old and new:
        return [
            _said("minutes", old.timing.text if old.timing else None),
            _said("letter", new.timing.text if new.timing else None),
        ]
    if finding.kind == "lead" and old and new:
        return [
            _said("minutes", lead_label(old.lead), lead_label(old.actor)),
            _said("letter", lead_label(new.lead), lead_label(new.actor)),
        ]
    if finding.kind == "unmatched":
        action = old or new
        assert action is not None
        return [_said("minutes" if old else "letter", action.text)]
    return []


def _said(side: str, value: str | None, actor: str | None = None) -> Text:
    text = Text(f"{side}: ", style="dim")
    text.append(f"“{value}”" if value else "(none)")
    if actor is not None and actor != value:
        text.append(f" (its text has {actor} acting)", style="dim")
    return text


def _redline(diff: tuple[DiffOp, ...]) -> Text:
    text = Text()
    for index, op in enumerate(diff):
        if index:
            text.append(" ")
        if op.op == "delete":
            text.append(f"[-{op.text}-]", style="red strike")
        elif op.op == "insert":
            text.append(f"{{+{op.text}+}}", style="green underline")
        else:
            text.append(_elide(op.text, first=index == 0, last=index == len(diff) - 1), style="dim")
    return text


def _elide(words_text: str, *, first: bool, last: bool) -> str:
    """Keep a few words of context next to each change and drop the middle."""
    words = words_text.split()
    keep = _CONTEXT_WORDS
    if len(words) <= 2 * keep + 1:
        return words_text
    if first:
        return "… " + " ".join(words[-keep:])
    if last:
        return " ".join(words[:keep]) + " …"
    return " ".join(words[:keep]) + " … " + " ".join(words[-keep:])
