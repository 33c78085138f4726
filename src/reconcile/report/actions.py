"""`reconcile extract`: the actions found in one document, with where they were found."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TextIO

from rich import box
from rich.table import Table
from rich.text import Text

from ..extract import why
from ..leads import lead_label
from ..model import Action, Document
from .options import ReportOptions
from .records import document_record, plural
from .terminal import terminal_console


def render_actions(
    document: Document,
    actions: Sequence[Action],
    fmt: str,
    stream: TextIO,
    color: bool | None = None,
    *,
    explain: bool = False,
) -> None:
    if fmt == "json":
        record = document_record(document, tuple(actions))
        if explain:
            for action, action_json in zip(actions, record["actions"], strict=True):
                action_json["why"] = why(action)
        json.dump(record, stream, indent=2, ensure_ascii=False)
        stream.write("\n")
        return
    console = terminal_console(stream, ReportOptions(color=color))
    when = f"{document.date.day} {document.date:%B %Y}" if document.date else "date not found"
    count = plural(len(actions), "action")
    # a long path must not wrap the heading mid-phrase where the output is piped
    console.print(Text(f"{document.path} ({document.kind}, {when}): {count}", style="bold"), soft_wrap=True)
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False)
    table.add_column("no.", no_wrap=True)
    table.add_column("where", no_wrap=True)
    table.add_column("timing")
    table.add_column("lead")
    table.add_column("text", ratio=1)
    for action in actions:
        table.add_row(
            Text(action.number or "—"),
            Text(_where(action)),
            Text(action.timing.label if action.timing else "—"),
            Text(lead_label(action.lead) or "—"),
            Text(action.text),
        )
    console.print(table)
    if explain:
        for number, action in enumerate(actions, start=1):
            console.print(Text(f"{action.number or '#' + str(number)} ({_where(action)}): {why(action)}"))


def _where(action: Action) -> str:
    page = f"p.{action.page} " if action.page is not None else ""
    return f"{page}l.{action.line}" if action.line is not None else page.strip()
