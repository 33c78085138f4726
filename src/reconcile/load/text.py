"""Plain text and Markdown -> Document. Tab-separated and pipe tables become tables."""

from __future__ import annotations

import codecs
import re

from ..errors import InputError
from ..model import Document, Line, Table, TableRow
from ..textutil import normalise
from .dates import document_date
from .markdown import looks_like_markdown, markdown_outline
from .outline import outline_from_lines

_PIPE_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")


def load_text(data: bytes, name: str) -> Document:
    text = decode_text(data, name)
    raw_lines = text.splitlines()
    tables, table_lines = _tables(raw_lines)
    lines: list[Line] = []
    previous_blank = True
    for number, raw in enumerate(raw_lines, start=1):
        stripped = raw.strip()
        if not stripped:
            previous_blank = True
            continue
        lines.append(
            Line(
                text=stripped,
                number=number,
                page=None,
                starts_paragraph=previous_blank,
                in_table=number in table_lines,
                indent=len(raw.expandtabs(4)) - len(raw.expandtabs(4).lstrip()),
            )
        )
        previous_blank = False
    if not lines:
        raise InputError("the file has no text", name)
    outline = markdown_outline(text) if looks_like_markdown(text) else outline_from_lines(lines)
    return Document(
        path=name,
        kind="text",
        lines=tuple(lines),
        tables=tuple(tables),
        date=document_date(lines),
        outline=outline,
    )


def decode_text(data: bytes, name: str) -> str:
    """Text from bytes: a BOM decides; else UTF-8; else Windows-1252, which is
    what Latin-1-looking files with smart quotes really are."""
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return normalise(data.decode(encoding))
            except UnicodeDecodeError:
                raise InputError(f"not valid {encoding.upper()} text", name) from None
    try:
        return normalise(data.decode("utf-8"))
    except UnicodeDecodeError:
        return normalise(data.decode("cp1252", errors="replace"))


def _tables(raw_lines: list[str]) -> tuple[list[Table], set[int]]:
    """Runs of tab-separated or pipe-delimited lines. A blank line ends a run;
    the extract stage decides whether the next run continues the same table."""
    tables: list[Table] = []
    in_table: set[int] = set()
    rows: list[TableRow] = []
    for number, raw in enumerate(raw_lines, start=1):
        cells = _cells(raw)
        if cells is None:
            if rows:
                tables.append(Table(rows=tuple(rows)))
                rows = []
            continue
        in_table.add(number)
        if cells:  # a pipe table's separator row carries no cells
            rows.append(TableRow(cells=cells, page=None, line=number))
    if rows:
        tables.append(Table(rows=tuple(rows)))
    return tables, in_table


def _cells(raw: str) -> tuple[str, ...] | None:
    """The cells of a table line, () for a pipe separator row, None for prose."""
    if "\t" in raw.strip("\n") and raw.strip():
        return tuple(cell.strip() for cell in raw.rstrip("\r\n").split("\t"))
    stripped = raw.strip()
    if stripped.startswith("|") and stripped.endswith("|") and stripped.count("|") >= 3:
        if _PIPE_SEPARATOR.match(stripped):
            return ()
        return tuple(cell.strip() for cell in stripped[1:-1].split("|"))
    return None
