"""Pages read with OCR: a page rendered by pdfium, its words recognised by
Tesseract (through tesserocr, in this process: the reader's --timeout and
--max-memory bound it as they bound any reader), each word a Glyph with its box
in points and its recognition confidence, so that the one layout makes lines,
tables and page/line evidence of it as of a born-digital page.

A scan is rarely square on the glass: the page is turned square first. A
table's rules are found in the pixels (pixels.py) and painted out before
Tesseract reads the page; ruled.py makes the tables of them, as of a PDF's
paths."""

from __future__ import annotations

import contextlib
import math
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ...config import LoadSettings
from ...errors import InputError
from .geometry import BBox, Glyph, PageGeometry, RuledTable
from .pixels import Box, Rules, find_rules, has_ink, inked, without_rules
from .ruled import Edges, find_tables

# Tesseract reads best at about 300 dpi; a 150-dpi scan rendered at 300 loses nothing.
RENDER_DPI = 300
# A page rendered larger than this is refused, not read: A2 at 300 dpi is 35
# million pixels; a page box of 200 inches square would be 3.6 billion.
MAX_PAGE_PIXELS = 40_000_000
# An embedded image larger than this (a decompression or dimension bomb) is
# refused before pdfium decodes it: A3 scanned at 600 dpi is 70 million pixels.
MAX_IMAGE_PIXELS = 100_000_000

INSTALL_HINT = "install tesseract-ocr (apt-get install tesseract-ocr tesseract-ocr-eng)"
_LANGUAGE = "eng"
# where distributions put Tesseract's trained data, when TESSDATA_PREFIX does not say
_TESSDATA_DIRS = (
    "/usr/share/tesseract-ocr/5/tessdata",
    "/usr/share/tesseract-ocr/4.00/tessdata",
    "/usr/share/tessdata",
    "/usr/local/share/tessdata",
    "/opt/homebrew/share/tessdata",
)


@contextlib.contextmanager
def ocr_pages(data: bytes, name: str, settings: LoadSettings) -> Iterator[OcrPages]:
    """What a source asks of each page it reads: the page as read, or as OCR
    reads it (--ocr)."""
    pages = OcrPages(data, name, settings)
    try:
        yield pages
    finally:
        pages.close()


class OcrPages:
    """The pages of one PDF that need OCR, rendered from the PDF's bytes (pdfium
    opens them once more, on first use) and recognised by one Tesseract."""

    def __init__(self, data: bytes, name: str, settings: LoadSettings) -> None:
        self._data = data
        self._name = name
        self._password = settings.password
        self._mode = settings.ocr
        self._document: Any = None
        self._api: Any = None

    def page(self, index: int, geometry: PageGeometry) -> PageGeometry:
        """The page at ``index`` (0-based) as its source read it, or read with
        OCR: every page (always), or a page without a text layer (auto)."""
        if self._mode == "always" or (self._mode == "auto" and not geometry.glyphs):
            return self.read(index)
        return geometry

    def read(self, index: int) -> PageGeometry:
        """The words and ruled tables of the page at ``index`` (0-based)."""
        import pypdfium2 as pdfium  # type: ignore[import-untyped]

        if self._document is None:
            self._document = pdfium.PdfDocument(self._data, password=self._password)
        page = self._document[index]
        try:
            self._refuse_bombs(page, index + 1)
            if not any(True for _ in page.get_objects(max_depth=2)):
                return PageGeometry()  # a blank page: nothing to recognise
            image = page.render(scale=RENDER_DPI / 72, grayscale=True).to_pil()
        finally:
            page.close()
        with _quiet_stderr():
            api = self._tesseract()
            image = straightened(image, api)
            rules = find_rules(image, RENDER_DPI)
            clean = without_rules(image, rules)
            lines = _recognised(api, clean)
            tables = find_tables(_edges(rules))
            lines = _cells_read_again(api, clean, tables, lines)
        # the layout fills the cells with the words whose middle lies in them
        return PageGeometry(_glyphs(lines), tables)

    def close(self) -> None:
        if self._api is not None:
            self._api.End()
        if self._document is not None:
            self._document.close()

    def _refuse_bombs(self, page: Any, number: int) -> None:
        width, height = page.get_size()
        pixels = (width / 72 * RENDER_DPI) * (height / 72 * RENDER_DPI)
        if pixels > MAX_PAGE_PIXELS:
            raise InputError(
                f"page {number} is too large to read with OCR ({width:.0f} x {height:.0f} points, "
                f"{pixels / 1e6:.0f} million pixels at {RENDER_DPI} dpi)",
                self._name,
            )
        for obj in page.get_objects(max_depth=8):
            size = obj.get_px_size() if hasattr(obj, "get_px_size") else None
            if size and size[0] * size[1] > MAX_IMAGE_PIXELS:
                raise InputError(
                    f"page {number} holds an image too large to read with OCR "
                    f"({size[0]:,} x {size[1]:,} pixels)",
                    self._name,
                )

    def _tesseract(self) -> Any:
        if self._api is None:
            self._api = start_tesseract(self._name)
        return self._api


def prepare() -> None:
    """Import tesserocr now, where it is installed (its absence is told where a
    page needs it)."""
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    with contextlib.suppress(ImportError):
        import tesserocr  # noqa: F401


@contextlib.contextmanager
def _quiet_stderr() -> Iterator[None]:
    """Leptonica and Tesseract write their own complaints (a failed allocation
    under --max-memory, a page they find odd) straight to the process's standard
    error: the user gets the one line the error becomes instead."""
    sys.stderr.flush()
    saved = os.dup(2)
    try:
        with open(os.devnull, "wb") as devnull:
            os.dup2(devnull.fileno(), 2)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)


def start_tesseract(name: str | None = None) -> Any:
    """Tesseract with its English data, or one line saying what to install."""
    # one thread: a reader has a core of its own, and OpenMP's pool would take the others
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    try:
        import tesserocr
    except ImportError:
        raise InputError(
            f"reading with OCR needs Tesseract: {INSTALL_HINT} and pip install tesserocr", name
        ) from None
    path = tessdata()
    if path is None:
        raise InputError(
            f"reading with OCR needs Tesseract's English data, which is not installed: {INSTALL_HINT}", name
        )
    return tesserocr.PyTessBaseAPI(path=str(path), lang=_LANGUAGE, psm=tesserocr.PSM.AUTO)


def tessdata() -> Path | None:
    """The folder of Tesseract's trained data that holds English."""
    given = os.environ.get("TESSDATA_PREFIX")
    folders = [given] if given else list(_TESSDATA_DIRS)
    for folder in folders:
        if (Path(folder) / f"{_LANGUAGE}.traineddata").is_file():
            return Path(folder)
    return None


# --- the page straightened: a scan is rarely square on the glass ----------------------------------

# A baseline shorter than this many pixels (at RENDER_DPI) says little about the
# page's skew.
_SLOPE_MIN_LENGTH = 200
_ANALYSIS_SHRINK = 2
# Below this skew (in degrees) a page is left as it is: a tilt the layout's
# tolerance takes up over a line's length.
_SKEW_IGNORED = 0.1


def straightened(image: Any, api: Any) -> Any:
    """The page turned square: by the median slope of the baselines Tesseract's
    layout analysis finds (the words' boxes are then square, and a table's rules
    run along the pixel rows and columns). The analysis looks at the page at half
    the size, which finds the same slopes in a third of the time."""
    import statistics  # here, as PIL: every run imports this module, few read with OCR

    import tesserocr
    from PIL import Image

    api.SetImage(image.reduce(_ANALYSIS_SHRINK))
    api.SetSourceResolution(RENDER_DPI // _ANALYSIS_SHRINK)
    iterator = api.AnalyseLayout()
    slopes = []
    while iterator is not None:
        baseline = iterator.Baseline(tesserocr.RIL.TEXTLINE)
        if baseline:
            (x0, y0), (x1, y1) = baseline
            if x1 - x0 >= _SLOPE_MIN_LENGTH // _ANALYSIS_SHRINK:
                slopes.append((y1 - y0) / (x1 - x0))
        if not iterator.Next(tesserocr.RIL.TEXTLINE):
            break
    degrees = math.degrees(math.atan(statistics.median(slopes))) if slopes else 0.0
    if abs(degrees) < _SKEW_IGNORED:
        return image
    # lines that fall to the right are turned back anticlockwise: PIL's positive angle
    return image.rotate(degrees, resample=Image.Resampling.BICUBIC, fillcolor=255)


def _edges(rules: Rules) -> Edges:
    return Edges([_points(b) for b in rules.horizontal], [_points(b) for b in rules.vertical])


def _points(box: Box) -> BBox:
    return (box[0] * _POINT, box[1] * _POINT, box[2] * _POINT, box[3] * _POINT)


def _pixels(box: BBox) -> Box:
    return (box[0] / _POINT, box[1] / _POINT, box[2] / _POINT, box[3] / _POINT)


_POINT = 72 / RENDER_DPI  # a pixel, in points


# A cell's edge kept out of its crop: what is left of a rule painted out.
_CELL_MARGIN = 4


# A cell whose words Tesseract read below this confidence is read again alone;
# so is a cell of so few words (a number, a date, a name), where one misread
# character ("Ab" for "4b") changes what the row says, and which is quick to read.
_DOUBTFUL_CELL = 85
_SHORT_CELL = 3


def _cells_read_again(api: Any, image: Any, tables: list[RuledTable], lines: list[_Line]) -> list[_Line]:
    """The page's lines, with the cells that hold ink and no word, a few words,
    or words read with little confidence, read again alone, in black and white:
    Tesseract's page layout takes a lone short word in a cell of its own (a
    row's number) for noise, and a scan's grain for part of it. A second reading
    replaces the first where it is surer."""
    for table in tables:
        for row in table.rows:
            for box in row:
                if box is None:
                    continue
                inside = _words_in(box, lines)
                short = len(inside) <= _SHORT_CELL
                if inside and not short and min(w.confidence for w in inside) >= _DOUBTFUL_CELL:
                    continue
                again = _read_alone(api, image, box)
                if _surer(again, inside):
                    kept = [
                        _Line(tuple(w for w in line.words if w not in inside), line.baseline)
                        for line in lines
                    ]
                    lines = [line for line in kept if line.words] + again
    return lines


def _read_alone(api: Any, image: Any, box: BBox) -> list[_Line]:
    import tesserocr

    x0, top, x1, bottom = (round(v) for v in _pixels(box))
    left, upper = x0 + _CELL_MARGIN, top + _CELL_MARGIN
    crop = image.crop((left, upper, x1 - _CELL_MARGIN, bottom - _CELL_MARGIN))
    if crop.width < 2 or crop.height < 2 or not has_ink(crop):
        return []
    try:
        # a block of lines; failing that, one line (Tesseract can find no block
        # in a cell that holds a lone digit)
        for mode in (tesserocr.PSM.SINGLE_BLOCK, tesserocr.PSM.SINGLE_LINE):
            api.SetPageSegMode(mode)
            read = _recognised(api, inked(crop))
            if read:
                return [line.moved(left, upper) for line in read]
        return []
    finally:
        api.SetPageSegMode(tesserocr.PSM.AUTO)


def _surer(again: list[_Line], first: list[_Word]) -> bool:
    import statistics

    words = [w for line in again for w in line.words]
    if not words:
        return False
    if not first:
        return True
    return statistics.mean(w.confidence for w in words) > statistics.mean(w.confidence for w in first)


def _words_in(box: BBox, lines: list[_Line]) -> list[_Word]:
    x0, top, x1, bottom = _pixels(box)
    return [
        w
        for line in lines
        for w in line.words
        if x0 <= (w.box[0] + w.box[2]) / 2 <= x1 and top <= (w.box[1] + w.box[3]) / 2 <= bottom
    ]


def _recognised(api: Any, image: Any) -> list[_Line]:
    api.SetImage(image)
    api.SetSourceResolution(RENDER_DPI)
    api.Recognize()
    return list(_recognised_lines(api))


# --- the words Tesseract recognised -------------------------------------------------------------


@dataclass(frozen=True)
class _Word:
    text: str
    box: Box  # x0, top, x1, bottom in pixels
    confidence: float


@dataclass(frozen=True)
class _Line:
    """A line as Tesseract recognised it: its words and its baseline (two
    points), where Tesseract gives one."""

    words: tuple[_Word, ...]
    baseline: tuple[tuple[float, float], tuple[float, float]] | None

    def moved(self, x: float, y: float) -> _Line:
        """The line read in a crop, placed where the crop lies on the page."""
        words = tuple(
            _Word(w.text, (w.box[0] + x, w.box[1] + y, w.box[2] + x, w.box[3] + y), w.confidence)
            for w in self.words
        )
        if self.baseline is None:
            return _Line(words, None)
        (x0, y0), (x1, y1) = self.baseline
        return _Line(words, ((x0 + x, y0 + y), (x1 + x, y1 + y)))

    def extent(self) -> tuple[float, float]:
        """The line's top and bottom as a PDF's text box has them: the font size
        tall, from the baseline plus the font's descent, the font size judged
        from its tallest letters (a capital or an ascender, which nearly every
        line has). The words' boxes where there is no baseline."""
        if self.baseline is None:
            return min(w.box[1] for w in self.words), max(w.box[3] for w in self.words)
        (x0, y0), (x1, y1) = self.baseline
        slope = (y1 - y0) / (x1 - x0) if x1 != x0 else 0.0
        tallest = max(y0 + slope * ((w.box[0] + w.box[2]) / 2 - x0) - w.box[1] for w in self.words)
        size = max(tallest, 1.0) / _ASCENT
        bottom = (y0 + y1) / 2 + _DESCENT * size
        return bottom - size, bottom


# A capital or an ascender's box, as Tesseract draws it, stands about this share
# of the font size above the baseline (0.72 in the font, and a pixel of ink
# around it: measured on the fixtures' scans), and the font's descent reaches
# this share below it (Helvetica, Times, Arial and their kin alike, near enough).
_ASCENT = 0.8
_DESCENT = 0.21
# Tesseract reads a rule it was left (not painted out) as a bar: not a word.
_RULES = frozenset("|¦")


def _recognised_lines(api: Any) -> Iterator[_Line]:
    import tesserocr

    line_level, word_level = tesserocr.RIL.TEXTLINE, tesserocr.RIL.WORD
    iterator = api.GetIterator()
    if iterator is None:
        return
    words: list[_Word] = []
    baseline = None
    while True:
        if iterator.IsAtBeginningOf(line_level):
            if words:
                yield _Line(tuple(words), baseline)
            words, baseline = [], iterator.Baseline(line_level) or None
        text = _text(iterator, word_level)
        box = iterator.BoundingBox(word_level)
        confidence = float(iterator.Confidence(word_level))
        if text and box is not None and _is_word(text, confidence):
            x0, top, x1, bottom = (float(v) for v in box)
            words.append(_Word(text, (x0, top, x1, bottom), confidence))
        if not iterator.Next(word_level):
            break
    if words:
        yield _Line(tuple(words), baseline)


# A mark without a letter or digit read below this confidence is a speck or an
# artefact Tesseract made something of (a "©" in the white beside a word), not text.
_MARK_CONFIDENCE = 60


def _is_word(text: str, confidence: float) -> bool:
    if set(text) <= _RULES:
        return False
    return confidence >= _MARK_CONFIDENCE or any(c.isalnum() for c in text)


def _text(iterator: Any, level: Any) -> str:
    try:
        return (iterator.GetUTF8Text(level) or "").strip()
    except RuntimeError:  # tesserocr's "No text returned", for an empty word
        return ""


def _glyphs(lines: list[_Line]) -> list[Glyph]:
    """Each word a Glyph in points, the words of a line sharing its top and
    bottom, so that the layout, which groups words into lines by their tops,
    finds Tesseract's lines."""
    scale = _POINT
    glyphs = []
    for line in lines:
        top, bottom = line.extent()
        for word in line.words:
            glyphs.append(
                Glyph(
                    word.text,
                    word.box[0] * scale,
                    word.box[2] * scale,
                    top * scale,
                    bottom * scale,
                    gap_before=True,  # a word of its own: the layout joins no two
                    confidence=word.confidence,
                )
            )
    return glyphs
