"""The document loop, whichever library reads the pages: each page once, within
the limits, a paragraph that runs on over a page break kept as one."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from typing import Protocol

from ...config import LoadSettings
from ...errors import InputError
from ...model import Document, Line, Table
from ..dates import document_date
from .damage import NOTHING_RECOGNISED
from .geometry import PageGeometry
from .layout import page_layout

_SENTENCE_END = (".", ":", ";", "!", "?")


class PageSource(Protocol):
    """An open PDF as one library reads it."""

    listed: int  # the pages the page tree lists, repeats included

    def count_distinct(self, enough: int) -> int:
        """How many distinct pages, counting no further than ``enough``."""

    def distinct_pages(self) -> Iterator[PageGeometry]:
        """Each page once, in order (a damaged page tree can list one twice)."""

    def no_text_reason(self) -> str:
        """Why no page gave a line of text."""


def read_document(source: PageSource, name: str, settings: LoadSettings) -> Document:
    if (
        source.listed > settings.max_pages
        and source.count_distinct(settings.max_pages + 1) > settings.max_pages
    ):
        raise InputError(
            f"has {source.listed:,} pages, more than the limit of {settings.max_pages:,} (--max-pages)", name
        )
    lines: list[Line] = []
    tables: list[Table] = []
    chars = 0
    number = 0
    for number, page in enumerate(source.distinct_pages(), start=1):
        page_lines, page_tables = page_layout(page, number)
        chars += sum(len(line.text) for line in page_lines)
        if chars > settings.max_chars:
            raise InputError(f"has more than {settings.max_chars:,} characters of text (--max-chars)", name)
        if lines and page_lines and not lines[-1].text.endswith(_SENTENCE_END):
            # a paragraph that runs on over the page break
            page_lines[0] = replace(page_lines[0], starts_paragraph=False)
        lines.extend(page_lines)
        tables.extend(page_tables)
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
