"""PDF -> Document through pdfplumber: text lines with page and line numbers,
paragraph starts from vertical gaps, and ruled tables."""

from __future__ import annotations

import bisect
import logging
import re
import sys
import zlib
from dataclasses import replace
from io import BytesIO
from typing import Any

import pdfplumber
from pdfminer import pdftypes
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfparser import PDFSyntaxError
from pdfminer.pdftypes import PDFObjRef
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

# pdfminer's words for a stream it cannot decode (ASCII85, LZW, Flate, ...)
_DECODING = re.compile(r"ascii85|ascii ?hex|lzw|decompress|decod|flate|zlib|digit found", re.IGNORECASE)


def _bounded_resolve1(x: object, default: object = None) -> Any:
    """pdfminer's resolve1, but an object that refers to itself (6 0 obj 6 0 R), or a
    chain of references longer than any real file has, is damage, not an endless loop."""
    for _ in range(_MAX_REFERENCE_CHAIN):
        if not isinstance(x, PDFObjRef):
            return x
        x = x.resolve(default=default)
    raise PDFSyntaxError("an object refers to itself, or a chain of references has no end")


def _install_bounded_resolve() -> None:
    # pdfminer's modules import resolve1 by name, so each one's copy is replaced
    original = pdftypes.resolve1
    for module_name, module in list(sys.modules.items()):
        if (
            module_name.split(".")[0] in ("pdfminer", "pdfplumber")
            and getattr(module, "resolve1", None) is original
        ):
            module.resolve1 = _bounded_resolve1  # type: ignore[attr-defined]


_MAX_REFERENCE_CHAIN = 1000
_install_bounded_resolve()

# How many corrupt compressed streams pdfminer has had to patch up, so that a read
# that lost text to one is not mistaken for a complete one.
_CORRUPT_STREAMS = [0]
_original_decompress_corrupted = pdftypes.decompress_corrupted


def _counted_decompress_corrupted(data: bytes) -> bytes:
    _CORRUPT_STREAMS[0] += 1
    return _original_decompress_corrupted(data)


pdftypes.decompress_corrupted = _counted_decompress_corrupted

# pdfminer logs every recoverable oddity of a PDF; the user gets our one line instead.
logging.getLogger("pdfminer").setLevel(logging.ERROR)


def load_pdf(data: bytes, name: str, settings: LoadSettings | None = None) -> Document:
    try:
        return _read(data, name, settings or LoadSettings())
    except InputError:
        raise
    except MemoryError:
        raise  # the reading process's memory limit names itself (--max-memory)
    except Exception as exc:  # pdfminer raises many bare types on broken files
        cause = _unwrap(exc)
        if isinstance(cause, MemoryError):
            raise cause from None
        raise InputError(_explain(cause, settings.password if settings else None), name) from exc


def _unwrap(exc: BaseException) -> BaseException:
    # pdfplumber wraps pdfminer's own exception as the first argument
    if isinstance(exc, PdfminerException) and exc.args and isinstance(exc.args[0], BaseException):
        return exc.args[0]
    return exc


def _explain(exc: BaseException, password: str | None = None) -> str:
    """A plain-words reason; several of pdfminer's exceptions have no message, and
    others quote bytes of the file."""
    if isinstance(exc, PDFPasswordIncorrect):
        if password:
            return "the PDF is encrypted and the password given does not open it"
        return "the PDF is encrypted and needs a password (--password)"
    if isinstance(exc, PDFEncryptionError):
        return f"the PDF is encrypted in a way that cannot be read ({_detail(exc, 'unsupported encryption')})"
    if isinstance(exc, RecursionError):
        return "the PDF is damaged (its objects nest too deeply to read)"
    if isinstance(exc, (PDFSyntaxError, PSException)):
        return f"the PDF is damaged ({_detail(exc, 'syntax error')})"
    if isinstance(exc, zlib.error) or _DECODING.search(str(exc)):
        return "the PDF is damaged (a compressed stream is corrupt)"
    return f"the PDF cannot be read ({_detail(exc, exc.__class__.__name__)})"


def _detail(exc: BaseException, fallback: str) -> str:
    text = " ".join(str(exc).encode("ascii", "replace").decode("ascii").split())
    return text[:80] if text else fallback


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
            corrupt_before = _CORRUPT_STREAMS[0]
            page_lines, page_tables = _read_page(page, number)
            if _CORRUPT_STREAMS[0] > corrupt_before:
                # pdfminer reads what it can of a corrupt stream and says nothing:
                # a report on that page would be a clean report on a partial read
                raise InputError(
                    f"the PDF is damaged (a compressed stream on page {number} is corrupt, "
                    "so its text may be incomplete)",
                    name,
                )
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
        raise InputError(_no_text_reason(data, settings), name)
    return Document(
        path=name,
        kind="pdf",
        lines=tuple(lines),
        tables=tuple(tables),
        date=document_date(lines),
        pages=page_count,
    )


def _no_text_reason(data: bytes, settings: LoadSettings) -> str:
    """A scan has no text; a damaged file may have text this reader could not reach.
    pdfium, which repairs broken cross-references, tells them apart."""
    import pypdfium2 as pdfium  # type: ignore[import-untyped]  # installed with pdfplumber

    try:
        document = pdfium.PdfDocument(data, password=settings.password)
    except Exception:  # pdfium's errors say nothing more to a user than "damaged"
        return "the PDF is damaged (no page could be read)"
    try:
        has_text = any(_page_has_text(document[i]) for i in range(min(len(document), settings.max_pages)))
    finally:
        document.close()
    if has_text:
        return (
            "the PDF is damaged (its cross-reference table is broken); repair it, e.g. with qpdf, and retry"
        )
    return "the PDF has no text layer (a scan?); run OCR on it first, e.g. ocrmypdf"


def _page_has_text(page: Any) -> bool:
    textpage = page.get_textpage()
    try:
        return bool(textpage.count_chars() > 0)
    finally:
        textpage.close()
        page.close()


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
