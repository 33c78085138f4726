"""Ruled tables from a page's rules, as pdfplumber's ``find_tables`` finds them
with its default (lines) strategy: edges snapped and joined, their
intersections, the smallest cells between them, cells that share corners
grouped into tables.

pdfplumber exports these steps, but importing it costs a run more than the
whole fast read of a short document (150-200 ms), so the fast source has them
here; the reference source calls pdfplumber's own, and the tests hold the two
together on every fixture."""

from __future__ import annotations

import itertools
import operator
from collections.abc import Callable
from dataclasses import dataclass

from .geometry import BBox, RuledTable
from .layout import cluster

Point = tuple[float, float]

_SNAP_TOLERANCE = 3.0
_JOIN_TOLERANCE = 3.0
_INTERSECTION_TOLERANCE = 3.0
_EDGE_MIN_LENGTH_PREFILTER = 1.0
_EDGE_MIN_LENGTH = 3.0


@dataclass(frozen=True)
class Edges:
    """pdfplumber's edges as boxes (x0, top, x1, bottom), by orientation."""

    horizontal: list[BBox]
    vertical: list[BBox]


def find_tables(edges: Edges) -> list[RuledTable]:
    horizontal = [e for e in edges.horizontal if e[2] - e[0] >= _EDGE_MIN_LENGTH_PREFILTER]
    vertical = [e for e in edges.vertical if e[3] - e[1] >= _EDGE_MIN_LENGTH_PREFILTER]
    horizontal = [e for e in _merge(horizontal, 1, 0, 2) if e[2] - e[0] >= _EDGE_MIN_LENGTH]
    vertical = [e for e in _merge(vertical, 0, 1, 3) if e[3] - e[1] >= _EDGE_MIN_LENGTH]
    if not horizontal or not vertical:
        return []
    cells = _cells(_intersections(vertical, horizontal))
    return [_table_of(group) for group in _cell_groups(cells)]


def _merge(edges: list[BBox], position: int, start: int, end: int) -> list[BBox]:
    """snap_edges, then join_edge_group: edges within the snap tolerance of each
    other move to their average position; edges on one line that touch or nearly
    touch become one. ``position`` indexes where an edge lies (x0 of a vertical,
    top of a horizontal), ``start`` and ``end`` where it runs from and to."""
    snapped: list[BBox] = []
    for group in cluster(edges, operator.itemgetter(position), _SNAP_TOLERANCE):
        average = sum(e[position] for e in group) / len(group)
        snapped.extend(_moved(e, position, average - e[position]) for e in group)
    snapped.sort(key=lambda e: e[position])
    joined: list[BBox] = []
    for _, line in itertools.groupby(snapped, key=lambda e: e[position]):
        run: list[BBox] = []
        for edge in sorted(line, key=lambda e: e[start]):
            if run and edge[start] <= run[-1][end] + _JOIN_TOLERANCE:
                if edge[end] > run[-1][end]:
                    run[-1] = _with(run[-1], end, edge[end])
            else:
                run.append(edge)
        joined.extend(run)
    return joined


def _moved(edge: BBox, position: int, by: float) -> BBox:
    x0, top, x1, bottom = edge
    if position == 0:
        return (x0 + by, top, x1 + by, bottom)
    return (x0, top + by, x1, bottom + by)


def _with(edge: BBox, index: int, value: float) -> BBox:
    values = list(edge)
    values[index] = value
    return (values[0], values[1], values[2], values[3])


# each intersection point: the vertical and the horizontal edges that meet there
_Intersections = dict[Point, tuple[set[BBox], set[BBox]]]


def _intersections(vertical: list[BBox], horizontal: list[BBox]) -> _Intersections:
    tolerance = _INTERSECTION_TOLERANCE
    found: _Intersections = {}
    by_top = sorted(horizontal, key=lambda e: (e[1], e[0]))
    for v in sorted(vertical, key=lambda e: (e[0], e[1])):
        for h in by_top:
            if (
                v[1] <= h[1] + tolerance
                and v[3] >= h[1] - tolerance
                and h[0] - tolerance <= v[0] <= h[2] + tolerance
            ):
                v_edges, h_edges = found.setdefault((v[0], h[1]), (set(), set()))
                v_edges.add(v)
                h_edges.add(h)
    return found


def _cells(intersections: _Intersections) -> list[BBox]:
    """intersections_to_cells: from each point, the smallest rectangle whose
    corners are intersections joined by edges."""

    def connects(p1: Point, p2: Point) -> bool:
        if p1[0] == p2[0] and intersections[p1][0] & intersections[p2][0]:
            return True
        return p1[1] == p2[1] and bool(intersections[p1][1] & intersections[p2][1])

    points = sorted(intersections)
    cells: list[BBox] = []
    for i, point in enumerate(points[:-1]):
        rest = points[i + 1 :]
        below = [p for p in rest if p[0] == point[0]]
        right = [p for p in rest if p[1] == point[1]]
        cell = _smallest_cell(point, below, right, intersections, connects)
        if cell is not None:
            cells.append(cell)
    return cells


def _smallest_cell(
    point: Point,
    below: list[Point],
    right: list[Point],
    intersections: _Intersections,
    connects: Callable[[Point, Point], bool],
) -> BBox | None:
    for below_point in below:
        if not connects(point, below_point):
            continue
        for right_point in right:
            if not connects(point, right_point):
                continue
            corner = (right_point[0], below_point[1])
            if corner in intersections and connects(corner, right_point) and connects(corner, below_point):
                return (point[0], point[1], corner[0], corner[1])
    return None


def _cell_groups(cells: list[BBox]) -> list[list[BBox]]:
    """cells_to_tables: cells that share corners, a table a group, top to bottom."""
    remaining = list(cells)
    corners: set[Point] = set()
    current: list[BBox] = []
    groups: list[list[BBox]] = []
    while remaining:
        before = len(current)
        for cell in list(remaining):
            cell_corners = _corners(cell)
            if not current or any(c in corners for c in cell_corners):
                corners.update(cell_corners)
                current.append(cell)
                remaining.remove(cell)
        if len(current) == before:
            groups.append(list(current))
            corners.clear()
            current.clear()
    if current:
        groups.append(list(current))
    groups.sort(key=lambda group: min((c[1], c[0]) for c in group))
    return [group for group in groups if len(group) > 1]


def _corners(cell: BBox) -> tuple[Point, Point, Point, Point]:
    x0, top, x1, bottom = cell
    return ((x0, top), (x0, bottom), (x1, top), (x1, bottom))


def _table_of(cells: list[BBox]) -> RuledTable:
    """Table.rows: cells grouped by top, placed in the table's columns by x0."""
    bbox = (
        min(c[0] for c in cells),
        min(c[1] for c in cells),
        max(c[2] for c in cells),
        max(c[3] for c in cells),
    )
    columns = sorted({c[0] for c in cells})
    rows: list[list[BBox | None]] = []
    for _, row_cells in itertools.groupby(sorted(cells, key=lambda c: (c[1], c[0])), key=lambda c: c[1]):
        by_x0 = {c[0]: c for c in row_cells}
        rows.append([by_x0.get(x) for x in columns])
    return RuledTable(bbox=bbox, rows=rows)
