"""The fast source: pdfium (through pypdfium2's raw bindings) reads each page's
characters, its rules and its cells' text, with the geometry pdfminer would give,
so that the layout makes of it what it makes of the reference source's.

- characters: pdfium's text page gives each character's code and its loose box
  (origin to advance). pdfminer's box is the font size tall, from the baseline
  plus the font's descent: size, baseline and descent are read once a run of
  characters of one font on one baseline, and computed as pdfminer computes them
  (pdfium's own ascent and descent would move the paragraph gaps);
- spaces: pdfium drops the PDF's own space glyphs where a text object holds one
  glyph (Chromium) and generates a space where it sees a gap, which splits words
  as the PDF's space would; where it sees none, the dropped glyph is found among
  the page's objects and put back;
- rules: the page's path objects as pdfminer classifies them (line, rectangle,
  curve), to ruled.py's table finder; a cell's text is pdfium's text inside the
  cell (one call a cell).

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
from .document import read_document
from .geometry import BBox, Glyph, PageGeometry, RuledTable, is_bold_font
from .ruled import Edges, FoundTable, Point, find_tables

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


class Unsupported(Exception):
    """The PDF uses something this source does not reproduce exactly; read it
    with the reference source instead."""


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
        return read_document(_PdfiumPages(document, name), name, settings)
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

    def __init__(self, document: Any, name: str) -> None:
        self._document = document
        self._name = name
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

    def distinct_pages(self) -> Iterator[PageGeometry]:
        for index in range(self.listed):
            page = pdfium.FPDF_LoadPage(self._document, index)
            if not page:
                raise InputError(f"the PDF is damaged (page {index + 1} cannot be read)", self._name)
            if self._mark(page, index) != index:
                pdfium.FPDF_ClosePage(page)
                continue
            try:
                geometry = _page_geometry(page, index + 1, self._fonts)
            finally:
                pdfium.FPDF_ClosePage(page)
            yield geometry

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
    objects = _Objects(height)
    objects.scan(_children(page), _IDENTITY)
    textpage = pdfium.FPDFText_LoadPage(page)
    if not textpage:
        return PageGeometry()
    try:
        text = _Text(height, fonts)
        text.read(textpage, by_object=objects.glyph_by_glyph(textpage))
        if not text.glyphs:
            return PageGeometry()
        glyphs = text.glyphs + objects.dropped_spaces(text)
        tables = [_with_text(t, textpage, height) for t in find_tables(objects.edges())]
    finally:
        pdfium.FPDFText_ClosePage(textpage)
    return PageGeometry(glyphs, tables)


def _page_height(page: Any) -> float:
    """pdfplumber's top is the MediaBox's height minus y, wherever the box starts."""
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    if pdfium.FPDFPage_GetMediaBox(page, *(ctypes.byref(v) for v in (left, bottom, right, top))):
        return abs(_snap(top.value) - _snap(bottom.value))
    return _snap(pdfium.FPDF_GetPageHeightF(page))


def _with_text(table: FoundTable, textpage: Any, height: float) -> RuledTable:
    rows = [
        [None if box is None else (box, _bounded_text(textpage, box, height)) for box in row]
        for row in table.rows
    ]
    return RuledTable(table.bbox, rows)


# pdfium takes a character into a box when most of the character lies inside it;
# pdfminer when the character's middle does: the box shrunk by a hair on the
# right and bottom keeps a character that straddles an edge on one side only
_EDGE = 0.01


def _bounded_text(textpage: Any, box: BBox, height: float) -> str:
    """The text inside a cell, its lines joined by newlines."""
    x0, top, x1, bottom = box
    left, right, upper, lower = x0, x1 - _EDGE, height - top, height - bottom + _EDGE
    size = pdfium.FPDFText_GetBoundedText(textpage, left, upper, right, lower, None, 0)
    if size <= 0:
        return ""
    buffer = (ctypes.c_ushort * (size + 1))()
    written = pdfium.FPDFText_GetBoundedText(textpage, left, upper, right, lower, buffer, size)
    text = bytes(buffer)[: max(written, 0) * 2].decode("utf-16-le", "replace")
    # a hyphen that ends a line comes as pdfium's mark (code 2): pdfminer keeps the hyphen
    lines = re.split(r"\r\n|\r|\n", text.replace("\x02", "-"))
    return "\n".join(" ".join(line.split()) for line in lines)


# --- characters --------------------------------------------------------------------------------


class _Fonts:
    """pdfminer's descent (a share of the font size), and the weight by name, of
    each pdfium font, read once a document."""

    def __init__(self) -> None:
        self._known: dict[int, tuple[float, bool]] = {}

    def of(self, font: Any) -> tuple[float, bool]:
        address = _address(font)
        if not address:
            return 0.0, False
        found = self._known.get(address)
        if found is None:
            found = self._known[address] = _font(font)
        return found


def _font(font: Any) -> tuple[float, bool]:
    size = int(pdfium.FPDFFont_GetBaseFontName(font, None, 0))
    buffer = ctypes.create_string_buffer(max(size, 1))
    pdfium.FPDFFont_GetBaseFontName(font, buffer, size)
    name = buffer.value.decode("utf-8", "replace")
    bold = is_bold_font(name)
    standard = _STANDARD_DESCENT.get(name)
    if standard is not None:
        return standard / 1000, bold
    descent = ctypes.c_float()
    if not pdfium.FPDFFont_GetDescent(font, 1000.0, ctypes.byref(descent)):
        return 0.0, bold
    # pdfminer takes a positive /Descent (PScript5 writes them) as negative
    return -abs(descent.value) / 1000, bold


class _Text:
    """The page's characters, in the text page's (content) order, with
    pdfminer's top and bottom of each run by its baseline, and, where asked, the
    text object of each character."""

    def __init__(self, height: float, fonts: _Fonts) -> None:
        self._height = height
        self._fonts = fonts
        self.glyphs: list[Glyph] = []
        self.objects: list[int] = []  # each character's text object, where asked
        self.baselines: dict[float, tuple[float, float]] = {}

    def read(self, textpage: Any, by_object: bool) -> None:
        count = int(pdfium.FPDFText_CountChars(textpage))
        if count <= 0:
            return
        text = _page_text(textpage, count)
        box = pdfium.FS_RECTF()
        box_ref = ctypes.byref(box)
        loose_box = pdfium.FPDFText_GetLooseCharBox
        is_generated = pdfium.FPDFText_IsGenerated
        text_object = pdfium.FPDFText_GetTextObject
        font_of = pdfium.FPDFTextObj_GetFont
        glyphs, objects = self.glyphs, self.objects
        unpack = _BOX.unpack_from
        # A run is one font at one size on one baseline, where pdfminer's box has
        # one top and bottom: characters with the loose box of the run's last
        # (pdfium's box from the font's ascent and descent), or of the same text
        # object (where the font has no ascent and descent, the loose box is each
        # glyph's own).
        run_top = run_bottom = float("nan")
        run_object = font_object = -1
        top = bottom = 0.0
        bold = gap = after_space = False
        for index, character in enumerate(text):
            if character.isspace() and is_generated(textpage, index):
                # pdfium's own line breaks say nothing pdfplumber would; its spaces
                # stand for a space glyph it dropped, or for a gap
                if character == " ":
                    gap = True
                    if glyphs:
                        glyphs[-1].gap_after = True
                continue
            loose_box(textpage, index, box_ref)
            left, box_top, right, box_bottom = unpack(box)
            handle = text_object(textpage, index) if by_object else None
            obj = _address(handle) if by_object else -1
            new_run = box_top != run_top or box_bottom != run_bottom
            # the weight is read where a word can start: the layout gives a word
            # its first character's (a bold and a regular font of one family
            # share their ascent and descent, so a run does not tell it)
            if new_run or gap or after_space:
                if handle is None:
                    handle = text_object(textpage, index)
                    obj = _address(handle)
                if new_run:
                    run_top, run_bottom = box_top, box_bottom
                    if obj != run_object:
                        run_object = obj
                        top, bottom = self._run(textpage, index)
                if obj != font_object:
                    font_object = obj
                    bold = self._fonts.of(font_of(handle))[1]
            glyph = Glyph(character, left, right, top, bottom, bold, gap)
            glyphs.append(glyph)
            if by_object:
                objects.append(obj)
            gap = False
            after_space = glyph.space

    def _run(self, textpage: Any, index: int) -> tuple[float, float]:
        """(top, bottom) of pdfminer's box for the characters of one font on one
        baseline: the font size tall, from the baseline plus the font's descent,
        computed as pdfminer computes it (LTChar), so that a gap that equals the
        paragraph threshold falls on the same side."""
        matrix = pdfium.FS_MATRIX()
        pdfium.FPDFText_GetMatrix(textpage, index, ctypes.byref(matrix))
        if abs(matrix.b) > 1e-6 or abs(matrix.c) > 1e-6 or matrix.a * matrix.d <= 0:
            raise Unsupported("rotated or mirrored text")
        x, y = ctypes.c_double(), ctypes.c_double()
        pdfium.FPDFText_GetCharOrigin(textpage, index, ctypes.byref(x), ctypes.byref(y))
        font_size = _snap(pdfium.FPDFText_GetFontSize(textpage, index))
        font = pdfium.FPDFTextObj_GetFont(pdfium.FPDFText_GetTextObject(textpage, index))
        descent = self._fonts.of(font)[0] * font_size
        d, f = _snap(matrix.d), _snap(y.value)
        run = self._height - (d * (descent + font_size) + f), self._height - (d * descent + f)
        self.baselines.setdefault(round(f, 2), run)
        return run


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


# --- the page's objects: rules, and the spaces pdfium dropped ----------------------------------


def _children(page: Any) -> list[Any]:
    return [pdfium.FPDFPage_GetObject(page, i) for i in range(pdfium.FPDFPage_CountObjects(page))]


class _Objects:
    """What the page's objects add to its characters: the ruling lines of its
    paths, and the space glyphs that pdfium's text page leaves out.

    Between glyphs that touch (Chromium writes a space and then, at the same
    place, the hyphen of a soft-hyphen break) pdfium generates no space, while
    pdfminer keeps the PDF's, and pdfplumber splits the word there. A text object
    without ink is such a space (real words have ink): it comes back as a space
    character where the object stands. Where pdfium kept or generated the space,
    the second one changes nothing: spaces only split words."""

    def __init__(self, height: float) -> None:
        self._height = height
        self._paths: list[tuple[Any, _Matrix]] = []
        self._texts: list[Any] = []  # the text objects, in content order

    def scan(self, objects: list[Any], outer: _Matrix) -> None:
        """Every object in content order, inside form XObjects too (pdfminer reads those)."""
        for obj in objects:
            kind = pdfium.FPDFPageObj_GetType(obj)
            if kind == _OBJ_TEXT:
                self._texts.append(obj)
            elif kind == _OBJ_PATH:
                if _painted(obj):
                    self._paths.append((obj, _compose(_object_matrix(obj), outer)))
            elif kind == _OBJ_FORM:
                inner = _compose(_object_matrix(obj), outer)
                count = pdfium.FPDFFormObj_CountObjects(obj)
                self.scan([pdfium.FPDFFormObj_GetObject(obj, i) for i in range(count)], inner)

    def glyph_by_glyph(self, textpage: Any) -> bool:
        """Whether the page writes about a text object a glyph (Chromium): then the
        text objects pdfium dropped are found from each character's own object;
        else there are few text objects, and each is looked at."""
        return len(self._texts) * _GLYPHS_AN_OBJECT > int(pdfium.FPDFText_CountChars(textpage))

    def dropped_spaces(self, text: _Text) -> list[Glyph]:
        """A space for each text object without ink (a space glyph) that pdfium
        dropped, on a baseline that has characters, with their box."""
        candidates = self._dropped_between_touching(text) if text.objects else self._texts
        spaces: list[Glyph] = []
        left, bottom, right, top = (ctypes.c_float() for _ in range(4))
        box = tuple(ctypes.byref(v) for v in (left, bottom, right, top))
        for obj in candidates:
            if not pdfium.FPDFPageObj_GetBounds(obj, *box) or right.value - left.value >= _NO_INK:
                continue  # a glyph with ink that pdfium dropped (a repeat): not a space
            run = text.baselines.get(round(_snap(bottom.value), 2))
            if run is not None:
                spaces.append(Glyph(" ", left.value, left.value, run[0], run[1]))
        return spaces

    def _dropped_between_touching(self, text: _Text) -> list[Any]:
        """The text objects that lie between two successive characters of other
        objects that pdfium did not separate by a space of its own."""
        position = {_address(obj): i for i, obj in enumerate(self._texts)}
        dropped: list[Any] = []
        for glyph, obj, after in zip(text.glyphs, text.objects, text.objects[1:], strict=False):
            if glyph.gap_after or not obj or not after or obj == after:
                continue
            here, there = position.get(obj), position.get(after)
            if here is not None and there is not None and there > here + 1:
                dropped.extend(self._texts[here + 1 : there])
        return dropped

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


# a text object narrower than this has no ink: a space glyph
_NO_INK = 0.01
# fewer characters than this a text object on average: a text object a glyph
_GLYPHS_AN_OBJECT = 3


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
