"""Tables drawn without lines: columns of text aligned by position only.

A header line whose words fall into three or more groups separated by wide gaps
sets the columns; the lines below belong to the table while none of their words
crosses a column's left edge. A line with text in the first column starts a row;
a line without continues the row above (cells that wrap)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

from ..textutil import join_lines

# A gap wider than this share of the line height separates columns, not words.
_COLUMN_GAP = 0.8
# Positions within this many points count as the same column edge.
_TOLERANCE = 2.5
_MIN_COLUMNS = 3
_MIN_ROWS = 2
# A vertical gap of more than this many line heights ends a table.
_MAX_ROW_GAP = 3.0


# Named tuples, not dataclasses: a PDF reader makes one a word (a hundred
# thousand for a long document), and a tuple is made four times faster.
class PlacedWord(NamedTuple):
    text: str
    x0: float
    x1: float


class PlacedLine(NamedTuple):
    top: float
    bottom: float
    words: tuple[PlacedWord, ...]

    @property
    def height(self) -> float:
        return max(self.bottom - self.top, 1.0)


@dataclass(frozen=True)
class AlignedTable:
    rows: tuple[tuple[str, ...], ...]  # the header row first
    first_lines: tuple[int, ...]  # the index of each row's first line
    lines: frozenset[int]  # every line the table covers


def aligned_tables(lines: Sequence[PlacedLine], skip: frozenset[int] = frozenset()) -> list[AlignedTable]:
    tables: list[AlignedTable] = []
    index = 0
    while index < len(lines):
        table = _table_from(lines, index, skip) if index not in skip else None
        if table is None:
            index += 1
            continue
        tables.append(table)
        index = max(table.lines) + 1
    return tables


def _table_from(lines: Sequence[PlacedLine], start: int, skip: frozenset[int]) -> AlignedTable | None:
    edges = _column_edges(lines[start])
    if len(edges) < _MIN_COLUMNS:
        return None
    rows: list[list[list[str]]] = [_cells(lines[start], edges)]
    first_lines = [start]
    covered = [start]
    for index in range(start + 1, len(lines)):
        line = lines[index]
        if index in skip or not _fits(line, edges) or _too_far(lines[covered[-1]], line):
            break
        cells = _cells(line, edges)
        if cells[0]:
            rows.append(cells)
            first_lines.append(index)
        else:
            for column, words in enumerate(cells):
                rows[-1][column].extend(words)
        covered.append(index)
    filled = sum(1 for row in rows[1:] if sum(1 for cell in row if cell) >= 2)
    if filled < _MIN_ROWS:
        return None
    return AlignedTable(
        rows=tuple(tuple(join_lines(cell) for cell in row) for row in rows),
        first_lines=tuple(first_lines),
        lines=frozenset(covered),
    )


def _column_edges(line: PlacedLine) -> list[float]:
    """The left edges of the groups of words that wide gaps separate."""
    if not line.words:
        return []
    edges = [line.words[0].x0]
    for before, word in zip(line.words, line.words[1:], strict=False):
        if word.x0 - before.x1 > _COLUMN_GAP * line.height:
            edges.append(word.x0)
    return edges


def _fits(line: PlacedLine, edges: list[float]) -> bool:
    """A table line starts at or after the first column, and no word crosses an edge."""
    if not line.words or line.words[0].x0 < edges[0] - _TOLERANCE:
        return False
    return not any(
        word.x0 < edge - _TOLERANCE and word.x1 > edge + _TOLERANCE
        for word in line.words
        for edge in edges[1:]
    )


def _too_far(previous: PlacedLine, line: PlacedLine) -> bool:
    return line.top - previous.bottom > _MAX_ROW_GAP * line.height


def _cells(line: PlacedLine, edges: list[float]) -> list[list[str]]:
    """Each column's words of one line, as lists of text pieces (one piece per line)."""
    texts: list[list[str]] = [[] for _ in edges]
    for word in line.words:
        column = (
            max(i for i, edge in enumerate(edges) if edge <= word.x0 + _TOLERANCE)
            if word.x0 + _TOLERANCE >= edges[0]
            else 0
        )
        texts[column].append(word.text)
    return [[" ".join(words)] if words else [] for words in texts]
