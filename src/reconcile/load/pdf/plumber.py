"""The reference source: pdfplumber (pdfminer underneath) reads each page's
characters and finds its ruled tables. Slow, and pure Python, so it is the one
the fast source is held to (tests/test_pdf.py)."""

from __future__ import annotations

import itertools
import logging
import sys
from io import BytesIO
from typing import Any

import pdfplumber
from pdfminer import pdftypes
from pdfminer.pdfparser import PDFSyntaxError
from pdfminer.pdftypes import PDFObjRef
from pdfplumber.utils.exceptions import PdfminerException

from ...config import LoadSettings
from ...errors import InputError
from ...model import Document
from .damage import explain_pdfminer, no_text_reason
from .document import read_document
from .geometry import Glyph, PageGeometry, RuledTable, is_bold_font
from .layout import shows_cells_side_by_side
from .ocr import OcrPages, ocr_pages

_MAX_REFERENCE_CHAIN = 1000

# pdfminer logs every recoverable oddity of a PDF; the user gets our one line instead.
logging.getLogger("pdfminer").setLevel(logging.ERROR)


def load_pdf_reference(data: bytes, name: str, settings: LoadSettings | None = None) -> Document:
    settings = settings or LoadSettings()
    _install_guards()
    try:
        with (
            pdfplumber.open(BytesIO(data), password=settings.password or "") as pdf,
            ocr_pages(data, name, settings) as ocr,
        ):
            return read_document(_PlumberPages(pdf, data, name, settings, ocr), name, settings)
    except (InputError, MemoryError):
        raise  # the reading process's memory limit names itself (--max-memory)
    except Exception as exc:  # pdfminer raises many bare types on broken files
        cause = _unwrap(exc)
        if isinstance(cause, MemoryError):
            raise cause from None
        raise InputError(explain_pdfminer(cause, settings.password), name) from exc


def _unwrap(exc: BaseException) -> BaseException:
    # pdfplumber wraps pdfminer's own exception as the first argument
    if isinstance(exc, PdfminerException) and exc.args and isinstance(exc.args[0], BaseException):
        return exc.args[0]
    return exc


class _PlumberPages:
    def __init__(self, pdf: Any, data: bytes, name: str, settings: LoadSettings, ocr: OcrPages) -> None:
        self._pages = _distinct(pdf.pages)
        self._ocr = ocr
        self._data = data
        self._name = name
        self._settings = settings
        self.listed = len(self._pages)

    def count_distinct(self, enough: int) -> int:
        return min(self.listed, enough)

    def read_page(self, listing: int) -> PageGeometry:
        page = self._pages[listing]
        corrupt_before = _CORRUPT_STREAMS[0]
        geometry = _page_geometry(page)
        if _CORRUPT_STREAMS[0] > corrupt_before:
            # pdfminer reads what it can of a corrupt stream and says nothing:
            # a report on that page would be a clean report on a partial read
            raise InputError(
                f"the PDF is damaged (a compressed stream on page {listing + 1} is corrupt, "
                "so its text may be incomplete)",
                self._name,
            )
        page.close()  # pdfplumber keeps every page's objects otherwise
        return self._ocr.page(page.page_number - 1, geometry)

    def first_listing(self, listing: int) -> int:
        return listing  # its listings are of distinct pages (_distinct)

    def no_text_reason(self) -> str:
        return no_text_reason(self._data, self._settings)


def visible_chars(chars: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The page's characters but a space that the next character prints over: no
    gap is left to see there (Chromium sets a soft hyphen's break as a space with
    the hyphen printed on it), and pdfium, the fast source, sees none either."""
    return [
        char
        for char, following in itertools.zip_longest(chars, chars[1:])
        if not (following is not None and char["text"] == " " and _prints_over(following, char))
    ]


def _prints_over(char: dict[str, Any], space: dict[str, Any]) -> bool:
    middle: float = (space["x0"] + space["x1"]) / 2
    return bool(char["top"] == space["top"] and char["x0"] < middle <= char["x1"])


def _distinct(pages: list[Any]) -> list[Any]:
    seen: set[int] = set()
    distinct = []
    for page in pages:
        key = page.page_obj.pageid
        if key not in seen:
            seen.add(key)
            distinct.append(page)
    return distinct


def _page_geometry(page: Any) -> PageGeometry:
    glyphs = [
        Glyph(c["text"], c["x0"], c["x1"], c["top"], c["bottom"], is_bold_font(c["fontname"]))
        for c in visible_chars(page.chars)
    ]
    tables = []
    for table in page.find_tables() if shows_cells_side_by_side(glyphs) else ():
        tables.append(RuledTable(table.bbox, [list(row.cells) for row in table.rows]))
    return PageGeometry(glyphs, tables)


# --- guards put into pdfminer: damage is an error, not a loop or a silent partial read ---------

# How many corrupt compressed streams pdfminer has had to patch up, so that a read
# that lost text to one is not mistaken for a complete one.
_CORRUPT_STREAMS = [0]
_GUARDED: list[bool] = []


def _install_guards() -> None:
    if _GUARDED:
        return
    _GUARDED.append(True)
    original_resolve = pdftypes.resolve1
    # pdfminer's modules import resolve1 by name, so each one's copy is replaced
    for module_name, module in list(sys.modules.items()):
        if (
            module_name.split(".")[0] in ("pdfminer", "pdfplumber")
            and getattr(module, "resolve1", None) is original_resolve
        ):
            module.resolve1 = _bounded_resolve1  # type: ignore[attr-defined]
    original_decompress = pdftypes.decompress_corrupted

    def counted_decompress_corrupted(data: bytes) -> bytes:
        _CORRUPT_STREAMS[0] += 1
        return original_decompress(data)

    pdftypes.decompress_corrupted = counted_decompress_corrupted


def _bounded_resolve1(x: object, default: object = None) -> Any:
    """pdfminer's resolve1, but an object that refers to itself (6 0 obj 6 0 R), or a
    chain of references longer than any real file has, is damage, not an endless loop."""
    for _ in range(_MAX_REFERENCE_CHAIN):
        if not isinstance(x, PDFObjRef):
            return x
        x = x.resolve(default=default)
    raise PDFSyntaxError("an object refers to itself, or a chain of references has no end")
