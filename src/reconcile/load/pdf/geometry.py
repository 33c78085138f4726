"""What a PDF page is to the layout, whichever library read it: its characters
with pdfminer's boxes, and its ruled tables as grids of cells.

Coordinates are pdfplumber's: points from the page's top-left corner, y down; a
box is (x0, top, x1, bottom)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

BBox = tuple[float, float, float, float]

# A font is bold by its name (the PDF's BaseFont, as both libraries report it):
# "Helvetica-Bold", "AAAAAA+LiberationSans-Bold", "Arial,BoldItalic".
_BOLD_NAME = re.compile(r"bold|black|heavy|semibold|demi", re.IGNORECASE)


def is_bold_font(name: str) -> bool:
    return _BOLD_NAME.search(name) is not None


class Glyph:
    """One character: pdfminer's box (the font size tall, from the baseline plus
    the font's descent), whether it is a space of the PDF's own (it splits
    words), and whether the reader saw a gap just before it (pdfium marks one
    with a space of its own). A word read with OCR is one Glyph, with
    its recognition confidence (0-100); None for text the PDF holds. A slotted
    class: a page has thousands."""

    __slots__ = (
        "bold",
        "bottom",
        "confidence",
        "gap_before",
        "space",
        "text",
        "top",
        "x0",
        "x1",
    )

    def __init__(
        self,
        text: str,
        x0: float,
        x1: float,
        top: float,
        bottom: float,
        bold: bool = False,
        gap_before: bool = False,
        confidence: float | None = None,
    ) -> None:
        self.text = text
        self.x0 = x0
        self.x1 = x1
        self.top = top
        self.bottom = bottom
        self.bold = bold
        self.space = text.isspace()
        self.gap_before = gap_before
        self.confidence = confidence


@dataclass(frozen=True)
class RuledTable:
    """A table drawn with rules: its box and its rows of cells, top to bottom;
    a cell is its box, None where the grid has no cell at that column. The
    layout fills the cells with the page's text."""

    bbox: BBox
    rows: list[list[BBox | None]]


@dataclass
class PageGeometry:
    glyphs: list[Glyph] = field(default_factory=list)
    tables: list[RuledTable] = field(default_factory=list)
