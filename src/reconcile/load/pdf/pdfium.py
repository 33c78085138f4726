"""The fast source: pdfium (through pypdfium2's raw bindings) reads each page's
text, its rules and its cells' text, with the geometry pdfminer would give, so
that the layout makes of it what it makes of the reference source's.

- text: pdfium's text page, a piece between spaces at a time; a piece's left and
  right are the loose boxes (origin to advance) of its first and last
  characters. pdfminer's box is the font size tall, from the baseline plus the
  font's descent: size, baseline and descent are read once a run of characters
  of one font on one baseline, and computed as pdfminer computes them (pdfium's
  own ascent and descent would move the paragraph gaps);
- spaces: pdfium generates a space where it sees a gap between glyphs, which
  splits words as the PDF's own space would (where a glyph is printed over a
  space, neither source sees a gap);
- rules: the page's path objects as pdfminer classifies them (line, rectangle,
  curve), to ruled.py's table finder.

What it does not reproduce raises Unsupported (rotated pages, rotated or
mirrored text), for the caller to read the file with the reference source."""

from __future__ import annotations

import ctypes
import functools
import itertools
import re
import struct
from collections.abc import Iterator
from typing import Any

import pypdfium2_raw as pdfium  # type: ignore[import-untyped]

from ...config import LoadSettings
from ...errors import InputError
from ...model import Document
from .damage import OCR_MESSAGE, has_corrupt_stream, password_reason
from .document import Unsupported, read_document
from .geometry import BBox, Glyph, PageGeometry, is_bold_font
from .layout import shows_cells_side_by_side
from .ocr import OcrPages, ocr_pages
from .ruled import Edges, Point, find_tables

_Matrix = tuple[float, float, float, float, float, float]
_IDENTITY: _Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)

# pdfminer takes the metrics of the 14 standard fonts (and their Windows names)
# from its own AFM tables, whatever the PDF says: their descent, in 1/1000 em.
_STANDARD_DESCENT = {
    **dict.fromkeys(("Courier", "Courier-Bold", "Courier-BoldOblique", "Courier-Oblique"), -194.0),
    **dict.fromkeys(("CourierNew", "CourierNew,Italic", "CourierNew,Bold", "CourierNew,BoldItalic"), -194.0),
    **dict.fromkeys(("Helvetica", "Helvetica-Bold", "Helvetica-BoldOblique", "Helvetica-Oblique"), -207.0),
    **dict.fromkeys(("Arial", "Arial,Italic", "Arial,Bold", "Arial,BoldItalic"), -207.0),
    **dict.fromkeys(("Times-Roman", "Times-Bold", "Times-BoldItalic", "Times-Italic"), -217.0),
    **dict.fromkeys(
        ("TimesNewRoman", "TimesNewRoman,Italic", "TimesNewRoman,Bold", "TimesNewRoman,BoldItalic"),
        -217.0,
    ),
    "Symbol": 0.0,
    "ZapfDingbats": 0.0,
}

# Values from pdfium's public headers.
_ERR_FORMAT, _ERR_PASSWORD, _ERR_SECURITY = 3, 4, 5
_OBJ_TEXT, _OBJ_PATH, _OBJ_FORM = 1, 2, 5
_SEGMENT_BEZIERTO, _SEGMENT_MOVETO = 1, 2


_INITIALISED: list[bool] = []


def prepare() -> None:
    """Initialise pdfium now (before forking readers: they share it). pdfium
    ignores a second initialisation, so pypdfium2's own, later, is harmless."""
    if not _INITIALISED:
        config = pdfium.FPDF_LIBRARY_CONFIG(version=2, m_pUserFontPaths=None, m_pIsolate=None)
        pdfium.FPDF_InitLibraryWithConfig(ctypes.byref(config))
        _INITIALISED.append(True)


def load_pdf_pdfium(data: bytes, name: str, settings: LoadSettings | None = None) -> Document:
    """Raises InputError, with the reference source's reasons, for an encrypted,
    damaged or text-less PDF or one over the limits; Unsupported for a PDF to
    give to the reference source."""
    settings = settings or LoadSettings()
    prepare()
    # pdfium reads the caller's buffer until the document is closed: ``data``
    # outlives the document, which is closed before this returns.
    secret = settings.password.encode("utf-8") if settings.password else None
    document = pdfium.FPDF_LoadMemDocument64(data, len(data), secret)
    if not document:
        raise InputError(_load_error(int(pdfium.FPDF_GetLastError()), settings.password), name)
    try:
        if pdfium.FPDF_GetSecurityHandlerRevision(document) == -1 and has_corrupt_stream(data):
            # pdfium reads what it can of a corrupt stream and says nothing: a
            # report on a partial read would be a clean report on half a file
            raise InputError("the PDF is damaged (a compressed stream is corrupt)", name)
        with ocr_pages(data, name, settings) as ocr:
            return read_document(_PdfiumPages(document, name, ocr), name, settings)
    finally:
        pdfium.FPDF_CloseDocument(document)


def _load_error(code: int, password: str | None) -> str:
    if code == _ERR_PASSWORD:
        return password_reason(password)
    if code == _ERR_SECURITY:
        return "the PDF is encrypted in a way that cannot be read (unsupported encryption)"
    if code == _ERR_FORMAT:
        return "the PDF is damaged (its structure cannot be parsed)"
    return f"the PDF cannot be read (pdfium error {code})"


def _address(pointer: Any) -> int:
    """A handle's address: pypdfium2's handles are ctypes pointers, equal only to
    themselves."""
    return ctypes.addressof(pointer.contents) if pointer else 0


class _PdfiumPages:
    """Each page once: a damaged page tree can list one page twice, and the
    reference keeps the first. pdfium does not tell a page's object, so each page,
    once loaded, is marked in pdfium's copy of its dictionary (an ArtBox that no
    PDF has, holding its index; the input is never written) and a page that comes
    with a mark is a repeat."""

    _MARK = -7777.0

    def __init__(self, document: Any, name: str, ocr: OcrPages) -> None:
        self._document = document
        self._name = name
        self._ocr = ocr
        self._fonts = _Fonts()
        self.listed = int(pdfium.FPDF_GetPageCount(document))

    def count_distinct(self, enough: int) -> int:
        count = 0
        for index in range(self.listed):
            page = pdfium.FPDF_LoadPage(self._document, index)
            if not page:
                continue
            count += self._mark(page, index) == index
            pdfium.FPDF_ClosePage(page)
            if count >= enough:
                break
        return count

    def read_page(self, listing: int) -> PageGeometry | None:
        page = self._load(listing)
        try:
            if self._mark(page, listing) != listing:
                return None
            geometry = _page_geometry(page, listing + 1, self._fonts)
        finally:
            pdfium.FPDF_ClosePage(page)
        return self._ocr.page(listing, geometry)  # --ocr: the page as OCR reads it

    def first_listing(self, listing: int) -> int:
        page = self._load(listing)
        try:
            return self._mark(page, listing)
        finally:
            pdfium.FPDF_ClosePage(page)

    def _load(self, index: int) -> Any:
        page = pdfium.FPDF_LoadPage(self._document, index)
        if not page:
            raise InputError(f"the PDF is damaged (page {index + 1} cannot be read)", self._name)
        return page

    def no_text_reason(self) -> str:
        return OCR_MESSAGE

    def _mark(self, page: Any, index: int) -> int:
        """The index of the page's first listing, marking it if this is that."""
        box = [ctypes.c_float() for _ in range(4)]
        if pdfium.FPDFPage_GetArtBox(page, *(ctypes.byref(v) for v in box)):
            left, bottom, right, _ = (v.value for v in box)
            if left == bottom == self._MARK:
                return int(right)
        pdfium.FPDFPage_SetArtBox(page, self._MARK, self._MARK, float(index), float(index) + 1)
        return index


def _page_geometry(page: Any, number: int, fonts: _Fonts) -> PageGeometry:
    if pdfium.FPDFPage_GetRotation(page) != 0:
        raise Unsupported(f"page {number} is rotated")
    height = _page_height(page)
    textpage = pdfium.FPDFText_LoadPage(page)
    if not textpage:
        return PageGeometry()
    try:
        text = _Text(textpage, height, fonts)
        text.read()
        if not text.glyphs:
            return PageGeometry()
        tables = []
        if shows_cells_side_by_side(text.glyphs):
            # reading the rules costs a call an object, and Chromium writes an object a glyph
            rules = _Rules(height)
            rules.scan(_children(page), _IDENTITY)
            tables = find_tables(rules.edges())
    finally:
        pdfium.FPDFText_ClosePage(textpage)
    return PageGeometry(text.glyphs, tables)


def _page_height(page: Any) -> float:
    """pdfplumber's top is the MediaBox's height minus y, wherever the box starts."""
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    if pdfium.FPDFPage_GetMediaBox(page, *(ctypes.byref(v) for v in (left, bottom, right, top))):
        return abs(_snap(top.value) - _snap(bottom.value))
    return _snap(pdfium.FPDF_GetPageHeightF(page))


# --- characters --------------------------------------------------------------------------------


class _Fonts:
    """pdfminer's descent (a share of the font size) of each pdfium font, read
    once a document."""

    def __init__(self) -> None:
        self._descent: dict[int, float] = {}

    def descent(self, font: Any) -> float:
        address = _address(font)
        if not address:
            return 0.0
        found = self._descent.get(address)
        if found is None:
            found = self._descent[address] = _font_descent(font)
        return found


def _font_descent(font: Any) -> float:
    size = int(pdfium.FPDFFont_GetBaseFontName(font, None, 0))
    buffer = ctypes.create_string_buffer(max(size, 1))
    pdfium.FPDFFont_GetBaseFontName(font, buffer, size)
    standard = _STANDARD_DESCENT.get(buffer.value.decode("utf-8", "replace"))
    if standard is not None:
        return standard / 1000
    descent = ctypes.c_float()
    if not pdfium.FPDFFont_GetDescent(font, 1000.0, ctypes.byref(descent)):
        return 0.0
    # pdfminer takes a positive /Descent (PScript5 writes them) as negative
    return -abs(descent.value) / 1000


class _Text:
    """The page's text, in the text page's (content) order, as pieces between
    spaces: pdfium does the per-character work, and a piece's box comes from the
    loose boxes (origin to advance) of its first and last characters, its top and
    bottom are pdfminer's for its run. A piece whose ends lie in two runs (a
    superscript, a change of font size) is read a character at a time."""

    def __init__(self, textpage: Any, height: float, fonts: _Fonts) -> None:
        self._textpage = textpage
        self._height = height
        self._fonts = fonts
        self._box = (float("nan"), float("nan"))  # the loose box's top and bottom of the run
        self._extent = (0.0, 0.0)
        self._run_object = -1
        self._name = ctypes.create_string_buffer(_NAME_SIZE)  # a font's name
        self._bold: dict[bytes, bool] = {}  # by the font's name
        self.glyphs: list[Glyph] = []

    def read(self) -> None:
        textpage = self._textpage
        count = int(pdfium.FPDFText_CountChars(textpage))
        if count <= 0:
            return
        text = _page_text(textpage, count)
        box = pdfium.FS_RECTF()
        box_ref = ctypes.byref(box)
        loose_box = pdfium.FPDFText_GetLooseCharBox
        unpack = _BOX.unpack_from
        bold_at = self._bold_at
        glyphs = self.glyphs
        for piece in _PIECE.finditer(text):
            first, end = piece.span()
            loose_box(textpage, first, box_ref)
            left, top, right, bottom = unpack(box)
            if end - first > 1:
                loose_box(textpage, end - 1, box_ref)
                _, last_top, right, last_bottom = unpack(box)
                if last_top != top or last_bottom != bottom:
                    glyphs.extend(self._characters(first, end, text))
                    continue
            extent = self._run_extent(first, top, bottom)
            glyphs.append(Glyph(piece.group(), left, right, *extent, bold_at(first), first > 0))

    def _characters(self, start: int, end: int, text: str) -> list[Glyph]:
        box = pdfium.FS_RECTF()
        made = []
        for index in range(start, end):
            pdfium.FPDFText_GetLooseCharBox(self._textpage, index, ctypes.byref(box))
            left, top, right, bottom = _BOX.unpack_from(box)
            extent = self._run_extent(index, top, bottom)
            made.append(
                Glyph(text[index], left, right, *extent, self._bold_at(index), index == start and start > 0)
            )
        return made

    def _run_extent(self, index: int, box_top: float, box_bottom: float) -> tuple[float, float]:
        """A run is one font at one size on one baseline, where pdfminer's box has
        one top and bottom: characters with the loose box of the run's last
        (pdfium's box from the font's ascent and descent), or of the same text
        object (where the font has no ascent and descent, the loose box is each
        glyph's own)."""
        if (box_top, box_bottom) != self._box:
            self._box = (box_top, box_bottom)
            obj = pdfium.FPDFText_GetTextObject(self._textpage, index)
            address = _address(obj)
            if address != self._run_object:
                self._run_object = address
                self._extent = self._run(index, obj)
        return self._extent

    def _bold_at(self, index: int) -> bool:
        """Whether the character's font is bold, by the font's name (one call)."""
        size = pdfium.FPDFText_GetFontInfo(self._textpage, index, self._name, _NAME_SIZE, None)
        # a name too long for the buffer is not written into it
        name = self._name.value if 0 < size <= _NAME_SIZE else b""
        bold = self._bold.get(name)
        if bold is None:
            bold = self._bold[name] = is_bold_font(name.decode("utf-8", "replace"))
        return bold

    def _run(self, index: int, obj: Any) -> tuple[float, float]:
        """(top, bottom) of pdfminer's box for the characters of one font on one
        baseline: the font size tall, from the baseline plus the font's descent,
        computed as pdfminer computes it (LTChar), so that a gap that equals the
        paragraph threshold falls on the same side."""
        textpage = self._textpage
        matrix = pdfium.FS_MATRIX()
        pdfium.FPDFText_GetMatrix(textpage, index, ctypes.byref(matrix))
        if abs(matrix.b) > 1e-6 or abs(matrix.c) > 1e-6 or matrix.a * matrix.d <= 0:
            raise Unsupported("rotated or mirrored text")
        x, y = ctypes.c_double(), ctypes.c_double()
        pdfium.FPDFText_GetCharOrigin(textpage, index, ctypes.byref(x), ctypes.byref(y))
        font_size = _snap(pdfium.FPDFText_GetFontSize(textpage, index))
        descent = self._fonts.descent(pdfium.FPDFTextObj_GetFont(obj)) * font_size
        d, f = _snap(matrix.d), _snap(y.value)
        return self._height - (d * (descent + font_size) + f), self._height - (d * descent + f)


_NAME_SIZE = 256

# text between whitespace: pdfium's spaces (its own or the PDF's) and line breaks
_PIECE = re.compile(r"\S+")


# FS_RECTF's four floats at once (a field at a time costs a ctypes descriptor each)
_BOX = struct.Struct("4f")


def _page_text(textpage: Any, count: int) -> str:
    buffer = (ctypes.c_ushort * (count + 1))()
    written = int(pdfium.FPDFText_GetText(textpage, 0, count, buffer))
    text = bytes(buffer)[: max(written - 1, 0) * 2].decode("utf-16-le", "replace")
    if len(text) != count:
        # characters outside the BMP take two UTF-16 units: one index at a time
        text = "".join(chr(int(pdfium.FPDFText_GetUnicode(textpage, i)) or 0xFFFD) for i in range(count))
    if _HYPHEN_MARK in text:
        text = _restore_hyphens(textpage, text)
    return text


# pdfium replaces a hyphen that ends a line with a mark of its own (U+FFFE in the
# text, 2 as the character's code); pdfminer keeps the hyphen.
_HYPHEN_MARK = "\ufffe"


def _restore_hyphens(textpage: Any, text: str) -> str:
    chars = list(text)
    for index, character in enumerate(chars):
        if character == _HYPHEN_MARK and pdfium.FPDFText_IsHyphen(textpage, index):
            chars[index] = "-"
    return "".join(chars)


@functools.lru_cache(maxsize=4096)
def _snap(value: float) -> float:
    """The shortest decimal that pdfium's single-precision ``value`` stands for:
    the number the PDF wrote (773.189, not 773.18902587890625), as pdfminer reads
    it. Where the PDF's number has more digits, the error stays below half a unit
    of single precision, as it was."""
    single: float = _FLOAT32.unpack(_FLOAT32.pack(value))[0]
    for digits in range(1, 9):
        candidate = float(f"{single:.{digits}g}")
        if _FLOAT32.unpack(_FLOAT32.pack(candidate))[0] == single:
            return candidate
    return single


_FLOAT32 = struct.Struct("f")


# --- the page's objects: rules ----------------------------------


def _children(page: Any) -> list[Any]:
    return [pdfium.FPDFPage_GetObject(page, i) for i in range(pdfium.FPDFPage_CountObjects(page))]


class _Rules:
    """The ruling lines of the page's paths, as pdfminer sees them."""

    def __init__(self, height: float) -> None:
        self._height = height
        self._paths: list[tuple[Any, _Matrix]] = []

    def scan(self, objects: list[Any], outer: _Matrix) -> None:
        """Every object in content order, inside form XObjects too (pdfminer reads those)."""
        for obj in objects:
            kind = pdfium.FPDFPageObj_GetType(obj)
            if kind == _OBJ_PATH:
                if _painted(obj):
                    self._paths.append((obj, _compose(_object_matrix(obj), outer)))
            elif kind == _OBJ_FORM:
                inner = _compose(_object_matrix(obj), outer)
                count = pdfium.FPDFFormObj_CountObjects(obj)
                self.scan([pdfium.FPDFFormObj_GetObject(obj, i) for i in range(count)], inner)

    def edges(self) -> Edges:
        """pdfplumber's edges: each path as pdfminer's LTLine, LTRect or LTCurve."""
        lines: list[BBox] = []
        rects: list[BBox] = []
        curves: list[list[Point]] = []
        for path, matrix in self._paths:
            for shape, points in _subpaths(_operators(path), matrix, self._height):
                _classify(shape, points, lines, rects, curves)
        horizontal: list[BBox] = []
        vertical: list[BBox] = []
        # in the order of pdfplumber's page.edges: lines, rectangles, curves
        for x0, top, x1, bottom in lines:
            (horizontal if top == bottom else vertical).append((x0, top, x1, bottom))
        for x0, top, x1, bottom in rects:
            horizontal += [(x0, top, x1, top), (x0, bottom, x1, bottom)]
            vertical += [(x0, top, x0, bottom), (x1, top, x1, bottom)]
        for points in curves:
            for (ax, ay), (bx, by) in itertools.pairwise(points):
                edge = (min(ax, bx), min(ay, by), max(ax, bx), max(ay, by))
                if ax == bx:
                    vertical.append(edge)
                elif ay == by:
                    horizontal.append(edge)
        return Edges(horizontal, vertical)


def _painted(path: Any) -> bool:
    # a path ended by 'n' (a clipping path) paints nothing, and pdfminer skips it
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    if not pdfium.FPDFPath_GetDrawMode(path, ctypes.byref(fill), ctypes.byref(stroke)):
        return False
    return bool(fill.value or stroke.value)


def _object_matrix(obj: Any) -> _Matrix:
    m = pdfium.FS_MATRIX()
    if not pdfium.FPDFPageObj_GetMatrix(obj, ctypes.byref(m)):
        return _IDENTITY
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def _compose(inner: _Matrix, outer: _Matrix) -> _Matrix:
    """The matrix that applies ``inner``, then ``outer`` (PDF row-vector order)."""
    a, b, c, d, e, f = inner
    a2, b2, c2, d2, e2, f2 = outer
    return (
        a * a2 + b * c2,
        a * b2 + b * d2,
        c * a2 + d * c2,
        c * b2 + d * d2,
        e * a2 + f * c2 + e2,
        e * b2 + f * d2 + f2,
    )


def _operators(path: Any) -> list[tuple[str, Point]]:
    """The path's operators as pdfminer reads them from the content stream: 'm',
    'l', 'c' with the point each ends at, 'h' with the subpath's start. pdfium
    keeps a curve as three points, and a close as a flag on a subpath's last
    point (after adding a line back to the start where there was none)."""
    ops: list[tuple[str, Point]] = []
    x, y = ctypes.c_float(), ctypes.c_float()
    x_ref, y_ref = ctypes.byref(x), ctypes.byref(y)
    start: Point = (0.0, 0.0)
    bezier = 0
    for i in range(pdfium.FPDFPath_CountSegments(path)):
        segment = pdfium.FPDFPath_GetPathSegment(path, i)
        pdfium.FPDFPathSegment_GetPoint(segment, x_ref, y_ref)
        point = (x.value, y.value)
        kind = pdfium.FPDFPathSegment_GetType(segment)
        if kind == _SEGMENT_MOVETO:
            ops.append(("m", point))
            start = point
        elif kind == _SEGMENT_BEZIERTO:
            bezier += 1
            if bezier % 3 == 0:
                ops.append(("c", point))
        else:
            ops.append(("l", point))
        if pdfium.FPDFPathSegment_GetClose(segment):
            ops.append(("h", start))
    return ops


def _subpaths(
    ops: list[tuple[str, Point]], matrix: _Matrix, height: float
) -> Iterator[tuple[str, list[Point]]]:
    """pdfminer's paint_path: the path split at each 'm' into its shape (one
    letter an operator) and its points in page space, top down."""
    shape = "".join(op for op, _ in ops)
    if not shape.startswith("m"):
        return
    a, b, c, d, e, f = matrix
    for match in re.finditer(r"m[^m]+", shape):
        points = [
            (a * x + c * y + e, height - (b * x + d * y + f))
            for _, (x, y) in ops[match.start() : match.end()]
        ]
        yield match.group(), points


def _classify(
    shape: str, points: list[Point], lines: list[BBox], rects: list[BBox], curves: list[list[Point]]
) -> None:
    """pdfminer's LTLine, LTRect or LTCurve for one subpath."""
    if len(shape) > 3 and shape.endswith("lh") and points[-2] == points[0]:
        # a redundant line back to the start of a closed path
        shape = shape[:-2] + "h"
        points = points[:-1]
    if shape in ("ml", "mlh"):
        (ax, ay), (bx, by) = points[0], points[1]
        lines.append((min(ax, bx), min(ay, by), max(ax, bx), max(ay, by)))
    elif shape in ("mlllh", "mllll") and _is_rectangle(points):
        (ax, ay), (bx, by) = points[0], points[2]
        rects.append((min(ax, bx), min(ay, by), max(ax, bx), max(ay, by)))
    else:
        curves.append(points)


def _is_rectangle(points: list[Point]) -> bool:
    (x0, y0), (x1, y1), (x2, y2), (x3, y3), last = points
    square = (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (
        y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0
    )
    return points[0] == last and square
