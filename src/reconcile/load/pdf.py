"""PDF -> Document through pdfplumber: text lines with page and line numbers,
paragraph starts from vertical gaps, and ruled tables."""

from __future__ import annotations

import bisect
import logging
from dataclasses import replace
from io import BytesIO
from typing import Any

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfparser import PDFSyntaxError
from pdfminer.psparser import PSException
from pdfplumber.utils.exceptions import PdfminerException

from ..config import LoadSettings
from ..errors import InputError
from ..model import Document, Line, Table, TableRow
from ..textutil import clean, join_lines
from .aligned import AlignedTable, PlacedLine, PlacedWord, aligned_tables
from .common import has_columns
from .dates import document_date

# A gap between lines wider than this share of the line's own height is a
# paragraph break; wrapped lines of one paragraph sit closer than that.
_PARAGRAPH_GAP = 0.6
_SENTENCE_END = (".", ":", ";", "!", "?")

# pdfminer logs every recoverable oddity of a PDF; the user gets our one line instead.
logging.getLogger("pdfminer").setLevel(logging.ERROR)


def load_pdf(data: bytes, name: str, settings: LoadSettings | None = None) -> Document:
    try:
        return _read(data, name, settings or LoadSettings())
    except InputError:
        raise
    except Exception as exc:  # pdfminer raises many bare types on broken files
        raise InputError(_explain(_unwrap(exc)), name) from exc


def _unwrap(exc: BaseException) -> BaseException:
    # pdfplumber wraps pdfminer's own exception as the first argument
    if isinstance(exc, PdfminerException) and exc.args and isinstance(exc.args[0], BaseException):
        return exc.args[0]
    return exc


def _explain(exc: BaseException) -> str:
    """A plain-words reason; several of pdfminer's exceptions have no message."""
    if isinstance(exc, PDFPasswordIncorrect):
        return "the PDF is encrypted and needs a password"
    if isinstance(exc, PDFEncryptionError):
        return f"the PDF is encrypted in a way that cannot be read ({_detail(exc, 'unsupported encryption')})"
    if isinstance(exc, RecursionError):
        return "the PDF is damaged (its objects nest too deeply to read)"
    if isinstance(exc, (PDFSyntaxError, PSException)):
        return f"the PDF is damaged ({_detail(exc, 'syntax error')})"
    if isinstance(exc, MemoryError):
        return "the PDF needs more memory than is available to read"
    return f"the PDF cannot be read ({_detail(exc, exc.__class__.__name__)})"


def _detail(exc: BaseException, fallback: str) -> str:
    text = " ".join(str(exc).split())
    return text[:120] if text else fallback


def _read(data: bytes, name: str, settings: LoadSettings) -> Document:
    lines: list[Line] = []
    tables: list[Table] = []
    chars = 0
    with pdfplumber.open(BytesIO(data), password=settings.password or "") as pdf:
        pages = _distinct_pages(pdf.pages)
        page_count = len(pages)
        if page_count > settings.max_pages:
            raise InputError(
                f"has {page_count:,} pages, more than the limit of {settings.max_pages:,} (--max-pages)", name
            )
        for number, page in enumerate(pages, start=1):
            page_lines, page_tables = _read_page(page, number)
            chars += sum(len(line.text) for line in page_lines)
            if chars > settings.max_chars:
                raise InputError(
                    f"has more than {settings.max_chars:,} characters of text (--max-chars)", name
                )
            if lines and page_lines and not lines[-1].text.endswith(_SENTENCE_END):
                # a paragraph that runs on over the page break
                page_lines[0] = replace(page_lines[0], starts_paragraph=False)
            lines.extend(page_lines)
            tables.extend(page_tables)
            page.close()  # pdfplumber keeps every page's objects otherwise
    if not lines:
        raise InputError("the PDF has no text layer (a scan?); run OCR on it first, e.g. ocrmypdf", name)
    return Document(
        path=name,
        kind="pdf",
        lines=tuple(lines),
        tables=tuple(tables),
        date=document_date(lines),
        pages=page_count,
    )


def _distinct_pages(pages: list[Any]) -> list[Any]:
    """A damaged page tree can list one page twice; its actions must not appear twice."""
    seen: set[int] = set()
    distinct = []
    for page in pages:
        key = page.page_obj.pageid
        if key not in seen:
            seen.add(key)
            distinct.append(page)
    return distinct


def _read_page(page: Any, page_number: int) -> tuple[list[Line], list[Table]]:
    found = [(t, t.extract()) for t in page.find_tables()]
    found = [(t, cells) for t, cells in found if has_columns(cells)]
    boxes = [t.bbox for t, _ in found]
    raw_lines = [ln for ln in page.extract_text_lines(return_chars=False) if ln["text"].strip()]
    ruled = frozenset(i for i, raw in enumerate(raw_lines) if any(_inside(raw, box) for box in boxes))
    unruled = aligned_tables(_placed_lines(page, raw_lines), skip=ruled)
    in_table = ruled.union(*(t.lines for t in unruled))
    lines: list[Line] = []
    previous: dict[str, Any] | None = None
    for index, raw in enumerate(raw_lines):
        lines.append(
            Line(
                text=clean(raw["text"]),
                number=index + 1,
                page=page_number,
                starts_paragraph=previous is None or _is_paragraph_gap(previous, raw),
                in_table=index in in_table,
            )
        )
        previous = raw
    tables = [_table(t, cells, raw_lines, page_number) for t, cells in found]
    tables.extend(_aligned_table(t, page_number) for t in unruled)
    return lines, [t for t in tables if t.rows]


def _placed_lines(page: Any, raw_lines: list[dict[str, Any]]) -> list[PlacedLine]:
    """The text lines with their words' horizontal extents, for tables drawn without lines."""
    words_by_line: list[list[PlacedWord]] = [[] for _ in raw_lines]
    tops = [raw["top"] for raw in raw_lines]
    for word in page.extract_words():
        middle = (word["top"] + word["bottom"]) / 2
        index = bisect.bisect_right(tops, middle) - 1
        if 0 <= index < len(raw_lines) and raw_lines[index]["bottom"] >= middle:
            words_by_line[index].append(PlacedWord(clean(word["text"]), word["x0"], word["x1"]))
    return [
        PlacedLine(raw["top"], raw["bottom"], tuple(sorted(words, key=lambda w: w.x0)))
        for raw, words in zip(raw_lines, words_by_line, strict=True)
    ]


def _aligned_table(table: AlignedTable, page_number: int) -> Table:
    return Table(
        rows=tuple(
            TableRow(cells=cells, page=page_number, line=first + 1)
            for cells, first in zip(table.rows, table.first_lines, strict=True)
        )
    )


def _is_paragraph_gap(previous: dict[str, Any], current: dict[str, Any]) -> bool:
    height = max(current["bottom"] - current["top"], 1.0)
    return bool(current["top"] - previous["bottom"] > _PARAGRAPH_GAP * height)


def _inside(line: dict[str, Any], box: tuple[float, float, float, float]) -> bool:
    middle = (line["top"] + line["bottom"]) / 2
    return bool(box[1] <= middle <= box[3] and line["x0"] >= box[0] - 1 and line["x1"] <= box[2] + 1)


def _table(
    found: Any, cells: list[list[str | None]], raw_lines: list[dict[str, Any]], page_number: int
) -> Table:
    rows: list[TableRow] = []
    for row, row_cells in zip(found.rows, cells, strict=False):
        texts = tuple(_cell_text(c) for c in row_cells)
        if not any(texts):
            continue
        rows.append(TableRow(cells=texts, page=page_number, line=_line_at(raw_lines, row.bbox[1])))
    return Table(rows=tuple(rows))


def _line_at(raw_lines: list[dict[str, Any]], top: float) -> int | None:
    """The number of the first text line at or below a row's top edge."""
    for index, raw in enumerate(raw_lines, start=1):
        if raw["bottom"] > top + 0.5:
            return index
    return None


def _cell_text(cell: str | None) -> str:
    if not cell:
        return ""
    return clean(join_lines(cell.splitlines()))
