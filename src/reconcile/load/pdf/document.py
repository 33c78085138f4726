"""The document loop, whichever library reads the pages: each page once, within
the limits, a paragraph that runs on over a page break kept as one.

Reading a page (pdfium's work, the layout; OCR most of all) is the slow part of
a run, and each page is read alone: where a core is free (isolate's job
server), a reader hands the second half of the pages it has left to a helper
process, which may do the same. Each process marks the pages it reads, so a page
the page tree lists twice is read once in it; a page that repeats one read in
another process is found by its text, checked by its source, and dropped.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Sequence
from dataclasses import replace
from typing import Protocol

from ...config import LoadSettings
from ...errors import InputError
from ...model import Document, Line, Table
from ..dates import document_date
from ..isolate import Pending, gather, spare_core, start_isolated, stop
from .damage import NOTHING_RECOGNISED
from .geometry import PageGeometry
from .layout import page_layout

_SENTENCE_END = (".", ":", ";", "!", "?")

# A helper takes at least this many pages, or pages that take this long at the
# pace so far (read with OCR, a second or two a page): less would not pay for
# the fork, for sending the lines back, and for the helper's own Tesseract.
PAGES_A_HELPER = 20
SECONDS_A_HELPER = 0.5


class Unsupported(Exception):
    """The source does not reproduce something this PDF uses exactly; read it
    with the reference source instead."""


class PageSource(Protocol):
    """An open PDF as one library reads it."""

    listed: int  # the pages the page tree lists, repeats included

    def count_distinct(self, enough: int) -> int:
        """How many distinct pages, counting no further than ``enough``."""

    def read_page(self, listing: int) -> PageGeometry | None:
        """The page at ``listing`` (0-based) in the page tree, or None where it
        repeats a page this process has read (a damaged page tree can list one
        page twice)."""

    def first_listing(self, listing: int) -> int:
        """The listing at which this process first met the page listed at
        ``listing``: itself, unless the page was met before."""

    def no_text_reason(self) -> str:
        """Why no page gave a line of text."""


class _Page:
    """A page's layout, its lines and tables numbered ``number``. A plain class:
    a dataclass is made by compiling its methods, a millisecond of every run's
    start-up, before the readers fork."""

    __slots__ = ("lines", "listing", "number", "tables")

    def __init__(self, listing: int, number: int, lines: list[Line], tables: list[Table]) -> None:
        self.listing = listing
        self.number = number
        self.lines = lines
        self.tables = tables

    def numbered(self, number: int) -> _Page:
        """The page as page ``number`` (where a repeat dropped before it moves it)."""
        if number == self.number:
            return self
        lines = [replace(line, page=number) for line in self.lines]
        tables = [replace(t, rows=tuple(replace(row, page=number) for row in t.rows)) for t in self.tables]
        return _Page(self.listing, number, lines, tables)


def read_document(source: PageSource, name: str, settings: LoadSettings) -> Document:
    if (
        source.listed > settings.max_pages
        and source.count_distinct(settings.max_pages + 1) > settings.max_pages
    ):
        raise InputError(
            f"has {source.listed:,} pages, more than the limit of {settings.max_pages:,} (--max-pages)", name
        )
    pages = _read_pages(source, 0, source.listed, name, settings)
    if isinstance(pages, Unsupported):
        raise pages
    lines: list[Line] = []
    tables: list[Table] = []
    number = 0
    for number, page in enumerate(pages, start=1):
        page = page.numbered(number)
        page_lines = page.lines
        if lines and page_lines and not lines[-1].text.endswith(_SENTENCE_END):
            # a paragraph that runs on over the page break
            page_lines[0] = replace(page_lines[0], starts_paragraph=False)
        lines.extend(page_lines)
        tables.extend(page.tables)
    if not lines:
        raise InputError(source.no_text_reason() if settings.ocr == "never" else NOTHING_RECOGNISED, name)
    return Document(
        path=name,
        kind="pdf",
        lines=tuple(lines),
        tables=tuple(tables),
        date=document_date(lines),
        pages=number,
    )


def _within_chars(chars: int, lines: Sequence[Line], name: str, settings: LoadSettings) -> int:
    """``chars`` and the lines' characters, within --max-chars."""
    chars += sum(len(line.text) for line in lines)
    if chars > settings.max_chars:
        raise InputError(f"has more than {settings.max_chars:,} characters of text (--max-chars)", name)
    return chars


def _read_pages(
    source: PageSource, start: int, end: int, name: str, settings: LoadSettings
) -> list[_Page] | Unsupported:
    """Each page listed from ``start`` to ``end`` (left out) once, laid out and
    numbered as if no page before ``start`` was left out, within --max-chars;
    the second half of those left goes to a helper process while a core is
    spare for one. Unsupported is not the user's error: it is handed back, for
    the caller to raise."""
    helpers: list[Pending[list[_Page] | Unsupported]] = []
    began = time.perf_counter()
    try:
        pages: list[_Page] = []
        chars = 0
        listing = start
        while listing < end:
            pace = (time.perf_counter() - began) / (listing - start) if listing > start else 0.0
            if settings.pages_in_parallel and _worth_a_helper(end - listing, pace) and spare_core():
                middle = (listing + end) // 2
                later = functools.partial(_read_pages, source, middle, end, name, settings)
                helpers.append(start_isolated(later, name, None, settings.max_memory))
                end = middle
            geometry = source.read_page(listing)
            listing += 1
            if geometry is None:
                continue
            number = start + len(pages) + 1
            lines, tables = page_layout(geometry, number)
            chars = _within_chars(chars, lines, name, settings)
            pages.append(_Page(listing - 1, number, lines, tables))
    except Unsupported as error:
        stop(helpers)
        return error
    except BaseException:
        stop(helpers)
        raise
    # the helpers' pages come after this one's, the last started first
    for part in gather(helpers[::-1]):
        if isinstance(part, Unsupported):
            return part
        kept = _not_read_before(source, pages, part)
        chars = _within_chars(chars, [line for page in kept for line in page.lines], name, settings)
        pages += kept
    return pages


def _worth_a_helper(pages_left: int, seconds_a_page: float) -> bool:
    """Whether the pages left are enough for two processes."""
    return pages_left >= 2 * PAGES_A_HELPER or (
        pages_left >= 2 and pages_left * seconds_a_page >= 2 * SECONDS_A_HELPER
    )


def _not_read_before(source: PageSource, pages: list[_Page], later: list[_Page]) -> list[_Page]:
    """The ``later`` pages (read in another process) that repeat none of
    ``pages``. A repeat has the lines of the page it repeats, so only a page
    with the text of one before is looked up, by the listing at which its page
    was first met; each page is looked up once (a page load)."""
    alike: dict[tuple[str, ...], list[int]] = {}
    for page in pages:
        alike.setdefault(_text_key(page), []).append(page.listing)
    first_met: dict[tuple[str, ...], set[int]] = {}  # of the pages of one text, looked up
    kept = []
    for page in later:
        key = _text_key(page)
        earlier = alike.setdefault(key, [])
        if earlier:
            if key not in first_met:
                first_met[key] = {source.first_listing(listing) for listing in earlier}
            first = source.first_listing(page.listing)
            if first in first_met[key]:
                continue
            first_met[key].add(first)
        earlier.append(page.listing)
        kept.append(page)
    return kept


def _text_key(page: _Page) -> tuple[str, ...]:
    return tuple(line.text for line in page.lines)
