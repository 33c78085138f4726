"""A page's geometry -> its Lines and Tables: the one layout, whichever library
read the page.

The rules are pdfplumber's, with its default tolerances, so that the reference
reader (pdfplumber's characters) and the fast one (pdfium's) agree:
- words (``extract_words``): characters clustered into lines by top within 3pt,
  each line sorted by x, split at spaces, at gaps wider than 3pt and where the
  top moves more than 3pt; and at a gap the reader saw (pdfium's own spaces);
- lines (``extract_text_lines``): the words clustered again by top, in order;
- a paragraph starts where the gap above a line is wider than 0.6 of its height;
- ruled tables come found as grids; a cell's text is the lines of the words
  whose middle lies in it (pdfplumber's Table.extract); tables without rules
  are found here from the words (aligned.py)."""

from __future__ import annotations

import itertools
import operator
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from ...model import Line, Table, TableRow
from ...textutil import clean, join_lines
from ..aligned import AlignedTable, PlacedLine, PlacedWord, aligned_tables
from ..common import has_columns
from .geometry import BBox, Glyph, PageGeometry, RuledTable

# A gap between lines wider than this share of the line's own height is a
# paragraph break; wrapped lines of one paragraph sit closer than that.
_PARAGRAPH_GAP = 0.6
_X_TOLERANCE = 3.0
_Y_TOLERANCE = 3.0

_T = TypeVar("_T")


def page_layout(page: PageGeometry, page_number: int) -> tuple[list[Line], list[Table]]:
    words = _words(page.glyphs)
    ruled = [(t, _cell_texts(t, words)) for t in page.tables]
    ruled = [(t, cells) for t, cells in ruled if has_columns(cells)]
    raw_lines = [line for line in _text_lines(words) if line.text.strip()]
    in_ruled = frozenset(i for i, raw in enumerate(raw_lines) if any(_inside(raw, t.bbox) for t, _ in ruled))
    unruled = aligned_tables(_placed_lines(words, raw_lines), skip=in_ruled)
    in_table = in_ruled.union(*(t.lines for t in unruled))
    lines: list[Line] = []
    previous: _Word | None = None
    for index, raw in enumerate(raw_lines):
        lines.append(
            Line(
                text=_clean(raw.text),
                number=index + 1,
                page=page_number,
                starts_paragraph=previous is None or _is_paragraph_gap(previous, raw),
                in_table=index in in_table,
                font_size=raw.size,
                bold=raw.bold,
                confidence=raw.confidence,
            )
        )
        previous = raw
    tables = [_table(t, cells, raw_lines, page_number) for t, cells in ruled]
    tables.extend(_aligned_table(t, page_number) for t in unruled)
    return lines, [t for t in tables if t.rows]


@dataclass(slots=True)
class _Word:
    """A word, or a line of words: its text, the box of its characters, and the
    font size and weight of most of them (of its first character, for a word),
    and, read with OCR, the lowest recognition confidence of its words (an OCR
    word is one Glyph, a word of its own)."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float
    bold: bool
    confidence: float | None = None


def _cluster_ids(values: Iterable[float], tolerance: float) -> dict[float, int]:
    """pdfplumber's cluster_list: sorted values, a new cluster where a value is
    more than ``tolerance`` above the one before it."""
    ids: dict[float, int] = {}
    cluster = 0
    last: float | None = None
    for value in sorted(set(values)):
        if last is not None and value > last + tolerance:
            cluster += 1
        ids[value] = cluster
        last = value
    return ids


def cluster(items: Sequence[_T], key: Callable[[_T], float], tolerance: float) -> list[list[_T]]:
    """pdfplumber's cluster_objects: the clusters in order of value, the items of
    each in their given order (moved a run of one value at a time)."""
    ids = _cluster_ids(map(key, items), tolerance)
    clusters: dict[int, list[_T]] = {}
    for value, run in itertools.groupby(items, key):
        cluster = clusters.get(ids[value])
        if cluster is None:
            clusters[ids[value]] = list(run)
        else:
            cluster.extend(run)
    return [clusters[i] for i in sorted(clusters)]


_TOP = operator.attrgetter("top")
_X0 = operator.attrgetter("x0")


def _font_size(glyph: Glyph) -> float:
    # pdfminer's box is the font size tall
    return round(glyph.bottom - glyph.top, 1)


def shows_cells_side_by_side(glyphs: list[Glyph]) -> bool:
    """Whether two pieces of one line of text lie more than an em apart, as a
    table's cells do and the words of prose do not. Both sources look for ruled
    tables only on such a page: reading a page's rules costs the fast source a
    call an object, and some producers write an object a glyph."""
    for line in cluster(glyphs, _TOP, _Y_TOLERANCE):
        line.sort(key=_X0)
        reach = line[0].x1
        for glyph in line:
            if glyph.x0 - reach > glyph.bottom - glyph.top:
                return True
            reach = max(reach, glyph.x1)
    return False


def _words(glyphs: list[Glyph]) -> list[_Word]:
    """The hottest loop of the reader, kept flat (a character never starts left of
    the one before it: the line is sorted by x0)."""
    words: list[_Word] = []
    x_tolerance, y_tolerance = _X_TOLERANCE, _Y_TOLERANCE
    for line in cluster(glyphs, _TOP, y_tolerance):
        line.sort(key=_X0)
        word: _Word | None = None
        previous: Glyph | None = None
        for glyph in line:
            if glyph.space:
                word = previous = None
            elif (
                word is None
                or previous is None
                or glyph.gap_before
                or glyph.x0 > previous.x1 + x_tolerance
                or abs(glyph.top - previous.top) > y_tolerance
            ):
                word = _Word(
                    glyph.text,
                    glyph.x0,
                    glyph.top,
                    glyph.x1,
                    glyph.bottom,
                    _font_size(glyph),
                    glyph.bold,
                    glyph.confidence,
                )
                words.append(word)
                previous = glyph
            else:
                word.text += glyph.text
                if glyph.top < word.top:
                    word.top = glyph.top
                if glyph.x1 > word.x1:
                    word.x1 = glyph.x1
                if glyph.bottom > word.bottom:
                    word.bottom = glyph.bottom
                previous = glyph
    return words


def _text_lines(words: Sequence[_Word]) -> list[_Word]:
    """The page's words clustered again by top in their order, a line a run of one
    cluster, with the font of most of its characters."""
    ids = _cluster_ids([w.top for w in words], _Y_TOLERANCE)
    lines: list[_Word] = []
    fonts: list[dict[tuple[float, bool], int]] = []
    line_id = -1
    line: _Word | None = None
    for word in words:
        word_id = ids[word.top]
        if line is not None and word_id == line_id:
            line.text += " " + word.text
            if word.x0 < line.x0:
                line.x0 = word.x0
            if word.top < line.top:
                line.top = word.top
            if word.x1 > line.x1:
                line.x1 = word.x1
            if word.bottom > line.bottom:
                line.bottom = word.bottom
            if word.confidence is not None:
                line.confidence = _lowest(line.confidence, word.confidence)
        else:
            line = _Word(
                word.text, word.x0, word.top, word.x1, word.bottom, word.size, word.bold, word.confidence
            )
            lines.append(line)
            fonts.append({})
            line_id = word_id
        font = (word.size, word.bold)
        fonts[-1][font] = fonts[-1].get(font, 0) + len(word.text)
    for line, counts in zip(lines, fonts, strict=True):
        # ties go to the larger, bolder font: a heading's
        line.size, line.bold = max(counts, key=lambda font: (counts[font], font))
    return lines


def _lowest(known: float | None, confidence: float) -> float:
    return confidence if known is None else min(known, confidence)


def _placed_lines(words: Sequence[_Word], raw_lines: list[_Word]) -> list[PlacedLine]:
    """The text lines with their words' horizontal extents, for tables drawn without lines."""
    words_by_line: list[list[PlacedWord]] = [[] for _ in raw_lines]
    tops = [raw.top for raw in raw_lines]
    last = len(raw_lines) - 1
    for word in words:
        middle = (word.top + word.bottom) / 2
        index = bisect_right(tops, middle) - 1
        if 0 <= index <= last and raw_lines[index].bottom >= middle:
            words_by_line[index].append(PlacedWord(_clean(word.text), word.x0, word.x1))
    return [
        PlacedLine(raw.top, raw.bottom, tuple(sorted(found, key=_PLACED_X0)))
        for raw, found in zip(raw_lines, words_by_line, strict=True)
    ]


_PLACED_X0 = operator.itemgetter(1)  # PlacedWord.x0


def _aligned_table(table: AlignedTable, page_number: int) -> Table:
    return Table(
        rows=tuple(
            TableRow(cells=cells, page=page_number, line=first + 1)
            for cells, first in zip(table.rows, table.first_lines, strict=True)
        )
    )


def _is_paragraph_gap(previous: _Word, current: _Word) -> bool:
    height = max(current.bottom - current.top, 1.0)
    return current.top - previous.bottom > _PARAGRAPH_GAP * height


def _inside(line: _Word, box: BBox) -> bool:
    middle = (line.top + line.bottom) / 2
    return box[1] <= middle <= box[3] and line.x0 >= box[0] - 1 and line.x1 <= box[2] + 1


def _cell_texts(table: RuledTable, words: list[_Word]) -> list[list[str | None]]:
    """Each cell's text, as pdfplumber's Table.extract gives it: the lines of the
    words whose middle lies in the cell (left and top edges in, right and bottom
    out); None where the grid has no cell. A word never crosses a rule: the
    cell's padding is a gap wider than the words' tolerance."""
    x0, top, x1, bottom = table.bbox
    middles_of = (((w.top + w.bottom) / 2, (w.x0 + w.x1) / 2, index) for index, w in enumerate(words))
    inside = sorted(m for m in middles_of if top <= m[0] < bottom and x0 <= m[1] < x1)
    middles = [v_mid for v_mid, _, _ in inside]
    texts: list[list[str | None]] = []
    for row in table.rows:
        cells = [cell for cell in row if cell is not None]
        row_top, row_bottom = min(c[1] for c in cells), max(c[3] for c in cells)
        found: list[list[int]] = [[] for _ in row]
        for v_mid, h_mid, index in inside[bisect_left(middles, row_top) : bisect_left(middles, row_bottom)]:
            for column, cell in enumerate(row):
                if cell is not None and cell[0] <= h_mid < cell[2] and cell[1] <= v_mid < cell[3]:
                    found[column].append(index)
                    break
        texts.append(
            [
                None if cell is None else _lines_of([words[i] for i in sorted(indexes)])
                for cell, indexes in zip(row, found, strict=True)
            ]
        )
    return texts


def _lines_of(words: list[_Word]) -> str:
    """The words' lines (clustered by top, in the words' order), one a line."""
    ids = _cluster_ids([w.top for w in words], _Y_TOLERANCE)
    return "\n".join(
        " ".join(w.text for w in line) for _, line in itertools.groupby(words, key=lambda w: ids[w.top])
    )


def _table(found: RuledTable, cells: list[list[str | None]], raw_lines: list[_Word], page: int) -> Table:
    rows: list[TableRow] = []
    for row, row_cells in zip(found.rows, cells, strict=True):
        texts = tuple(_cell_text(c) for c in row_cells)
        if not any(texts):
            continue
        top = min(c[1] for c in row if c is not None)
        rows.append(TableRow(cells=texts, page=page, line=_line_at(raw_lines, top)))
    return Table(rows=tuple(rows))


def _line_at(raw_lines: list[_Word], top: float) -> int | None:
    """The number of the first text line at or below a row's top edge."""
    for index, raw in enumerate(raw_lines, start=1):
        if raw.bottom > top + 0.5:
            return index
    return None


def _clean(text: str) -> str:
    """textutil.clean, without its cost where it changes nothing: printable ASCII
    has nothing for NFKC to fold nor controls to drop, and the words of a line are
    joined by single spaces already."""
    return text if text.isascii() and text.isprintable() else clean(text)


def _cell_text(cell: str | None) -> str:
    if not cell:
        return ""
    return clean(join_lines(cell.splitlines()))
