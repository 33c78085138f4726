"""A scanned page's pixels: what is ink, and the rules of its tables, found as
long thin runs of ink along the pixel rows and columns of a straightened page
(ruled.py then makes tables of them, as of a born-digital page's paths)."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

Box = tuple[float, float, float, float]  # x0, top, x1, bottom, in pixels


# Darker than this is ink, lighter is paper: a scan's grain is paler than its
# letters, and Tesseract's own threshold (Otsu's, over the whole image) can take
# a speck on a short word's edge for part of it.
_INK = 140


def inked(image: Any) -> Any:
    """The image in black and white at a fixed threshold."""
    return image.point(lambda v: 0 if v < _INK else 255)


# A pixel darker than this is ink of a rule (a scanned rule is grey at its edges).
_RULE_INK = 160
# A run of ink at least this long (in inches) is a rule, not a letter's stroke:
# a table's narrowest column is wider, and its shortest row taller, than that.
_RULE_MIN_HORIZONTAL = 0.35
_RULE_MIN_VERTICAL = 0.22


@dataclass(frozen=True)
class Rules:
    """A page's rules as pixel boxes (x0, top, x1, bottom), one a run of ink in
    one pixel row or column (a rule two pixels thick is two)."""

    horizontal: Sequence[Box]
    vertical: Sequence[Box]


def find_rules(image: Any, dpi: int) -> Rules:
    """The long straight runs of ink of a straightened page rendered at ``dpi``."""
    from PIL import Image

    ink = image.point(lambda v: 0 if v < _RULE_INK else 255)
    thickest = round(_RULE_THICKEST * dpi / 72)
    horizontal = [
        (start, row, end, row + 1)
        for row, start, end in _runs(ink, int(_RULE_MIN_HORIZONTAL * dpi), thickest)
    ]
    turned = ink.transpose(Image.Transpose.TRANSPOSE)  # columns become rows
    vertical = [
        (column, start, column + 1, end)
        for column, start, end in _runs(turned, int(_RULE_MIN_VERTICAL * dpi), thickest)
    ]
    return Rules(horizontal, vertical)


# A rule is thinner than this (in points): a longer run of ink with ink this far
# above and below it lies inside a filled shape (a logo, a dark heading band),
# not on a rule.
_RULE_THICKEST = 2


def _runs(ink: Any, shortest: int, thickest: int) -> Iterator[tuple[int, int, int]]:
    """(row, start, end) of each run of black pixels at least ``shortest`` long
    that is a rule, not part of a filled shape."""
    width, height = ink.width, ink.height
    pixels = ink.tobytes()
    run = re.compile(b"\\x00{%d,}" % shortest)
    for row in range(height):
        for found in run.finditer(pixels, row * width, (row + 1) * width):
            if not _inside_a_shape(pixels, width * thickest, found.start(), found.end()):
                yield row, found.start() - row * width, found.end() - row * width


_THICKNESS_SAMPLES = 5


def _inside_a_shape(pixels: bytes, reach: int, start: int, end: int) -> bool:
    """Whether a run lies in or on a filled shape (a logo, a dark band) rather
    than between the paper of two cells: a rule has paper a rule's thickness
    (``reach`` bytes) above and below it at most points along it (where it
    crosses another rule or passes a letter, one point may not)."""
    papered = 0
    for sample in range(_THICKNESS_SAMPLES):
        at = start + (end - start) * (2 * sample + 1) // (2 * _THICKNESS_SAMPLES)
        above = pixels[at - reach] if at - reach >= 0 else 255
        below = pixels[at + reach] if at + reach < len(pixels) else 255
        papered += above == below == 255
    return papered <= _THICKNESS_SAMPLES // 2


_RULE_EDGE = 3  # pixels: the grey edge a scanner leaves either side of a rule


def without_rules(image: Any, rules: Rules) -> Any:
    """The page with its rules painted out: Tesseract reads a rule as a bar, and
    loses a short word (a row's number) that stands close to one."""
    from PIL import ImageDraw

    if not rules.horizontal and not rules.vertical:
        return image
    clean = image.copy()
    draw = ImageDraw.Draw(clean)
    for x0, top, x1, bottom in (*rules.horizontal, *rules.vertical):
        draw.rectangle((x0 - _RULE_EDGE, top - _RULE_EDGE, x1 + _RULE_EDGE, bottom + _RULE_EDGE), fill=255)
    return clean


def has_ink(image: Any) -> bool:
    return image.point(lambda v: 255 if v < _RULE_INK else 0).getbbox() is not None
