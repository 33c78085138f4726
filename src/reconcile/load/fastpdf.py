"""PDF -> Document through pdfium (the library pypdfium2 ships): the same Document
as the pdfplumber reader of ``pdf.py``, fifteen to twenty-five times faster. The loops
that run once a character are compiled (``_pagefast.c``, built where a C compiler is
found); without it the same loops run here in Python (``COMPILED`` is None).

pdfplumber is the reference (tests/test_fastpdf.py holds the two together on every
fixture). This module reproduces its geometry and its algorithms, so that every line,
paragraph start, table and cell comes out the same:

- characters: pdfium's text page gives each character's code and its loose box
  (origin to advance: one call a character). pdfminer's box is the font size tall,
  from the baseline plus the font's descent; size, baseline and descent are read
  once per run of characters of one font on one baseline and computed as pdfminer
  computes them, so the box is pdfminer's, not pdfium's (whose ascent and descent
  come from elsewhere and would move the paragraph gaps);
- spaces: a space character of the PDF splits words as in pdfplumber. pdfium drops
  the PDF's own space glyphs where a text object holds one glyph (Chromium) and
  generates a space where it sees a gap; where it sees none, the dropped glyph is
  found among the page's objects and put back;
- lines: pdfplumber's ``extract_text_lines``: characters clustered by top within
  3pt, sorted by x, split into words at spaces and 3pt gaps, words clustered again;
- tables: pdfplumber's ``find_tables`` with the lines strategy, from the page's path
  objects classified as pdfminer classifies them (line, rectangle, curve), with the
  same snapping, joining, intersections and cells; cell text as ``Table.extract``;
  tables without rules as pdf.py finds them (aligned.py, from the same words);
- the document as pdf.py reads it: each page once, the same limits and reasons.

What it does not reproduce raises FastPdfUnsupported (rotated pages, rotated or
mirrored text), for the caller to read the file with the reference reader.
"""

from __future__ import annotations

import base64
import binascii
import ctypes
import functools
import importlib.util
import itertools
import operator
import re
import struct
import zlib
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any, TypeVar

from ..errors import InputError
from ..model import Document, Line, Table, TableRow
from ..textutil import clean, join_lines
from .aligned import AlignedTable, PlacedLine, PlacedWord, aligned_tables
from .common import has_columns
from .dates import document_date

if TYPE_CHECKING:
    from ..config import LoadSettings

# As in pdf.py: a gap between lines wider than this share of the line's own
# height is a paragraph break.
_PARAGRAPH_GAP = 0.6
_SENTENCE_END = (".", ":", ";", "!", "?")

# pdfplumber's defaults for words and lines, and for find_tables().
_X_TOLERANCE = 3.0
_Y_TOLERANCE = 3.0
_SNAP_TOLERANCE = 3.0
_JOIN_TOLERANCE = 3.0
_INTERSECTION_TOLERANCE = 3.0
_EDGE_MIN_LENGTH_PREFILTER = 1.0
_EDGE_MIN_LENGTH = 3.0

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

_OCR_MESSAGE = "the PDF has no text layer (a scan?); run OCR on it first, e.g. ocrmypdf"

# A bounding box as pdfplumber writes it: (x0, top, x1, bottom), top down.
BBox = tuple[float, float, float, float]
Point = tuple[float, float]
_Matrix = tuple[float, float, float, float, float, float]
_IDENTITY: _Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
_T = TypeVar("_T")
_Page = tuple[list[Line], list[Table]]


class FastPdfUnsupported(Exception):
    """The PDF uses something this reader does not reproduce exactly; read it
    with the reference reader (``load.pdf.load_pdf``) instead."""


def load_pdf_fast(data: bytes, name: str, settings: LoadSettings | None = None) -> Document:
    """Read a PDF as ``load.pdf.load_pdf`` does, through pdfium.

    Raises InputError, with the reference reader's reasons, for an encrypted,
    damaged or text-less PDF or one over the limits of ``settings``; and
    FastPdfUnsupported for a PDF to give to the reference reader."""
    if settings is None:
        from ..config import LoadSettings

        settings = LoadSettings()
    pdfium = _pdfium()
    document = _open(pdfium, data, name, settings.password)
    try:
        return _read(pdfium, document, name, data, settings)
    finally:
        pdfium.FPDF_CloseDocument(document)


# --- pdfium ------------------------------------------------------------------------------------


class _FS_RECTF(ctypes.Structure):
    _fields_ = (
        ("left", ctypes.c_float),
        ("top", ctypes.c_float),
        ("right", ctypes.c_float),
        ("bottom", ctypes.c_float),
    )


# _FS_RECTF's four floats at once (a field at a time costs a ctypes descriptor each)
_BOX = struct.Struct("4f")


class _FS_MATRIX(ctypes.Structure):
    _fields_ = tuple((name, ctypes.c_float) for name in "abcdef")


# (name, result, arguments) of the pdfium functions this reader calls. Handles
# and out-parameters go as c_void_p: ctypes then makes no pointer object a call,
# which counts at one call a character.
_VOID = ctypes.c_void_p
_INT = ctypes.c_int
_FUNCTIONS: tuple[tuple[str, Any, tuple[Any, ...]], ...] = (
    ("FPDF_LoadMemDocument64", _VOID, (_VOID, ctypes.c_size_t, ctypes.c_char_p)),
    ("FPDF_GetLastError", ctypes.c_ulong, ()),
    ("FPDF_GetPageCount", _INT, (_VOID,)),
    ("FPDF_GetSecurityHandlerRevision", _INT, (_VOID,)),
    ("FPDF_CloseDocument", None, (_VOID,)),
    ("FPDF_LoadPage", _VOID, (_VOID, _INT)),
    ("FPDF_ClosePage", None, (_VOID,)),
    ("FPDF_GetPageHeightF", ctypes.c_float, (_VOID,)),
    ("FPDFPage_GetRotation", _INT, (_VOID,)),
    ("FPDFPage_GetMediaBox", _INT, (_VOID, _VOID, _VOID, _VOID, _VOID)),
    ("FPDFPage_GetArtBox", _INT, (_VOID, _VOID, _VOID, _VOID, _VOID)),
    ("FPDFPage_SetArtBox", None, (_VOID, ctypes.c_float, ctypes.c_float, ctypes.c_float, ctypes.c_float)),
    ("FPDFText_LoadPage", _VOID, (_VOID,)),
    ("FPDFText_ClosePage", None, (_VOID,)),
    ("FPDFText_CountChars", _INT, (_VOID,)),
    ("FPDFText_GetText", _INT, (_VOID, _INT, _INT, _VOID)),
    ("FPDFText_GetUnicode", ctypes.c_uint, (_VOID, _INT)),
    ("FPDFText_IsGenerated", _INT, (_VOID, _INT)),
    ("FPDFText_IsHyphen", _INT, (_VOID, _INT)),
    ("FPDFText_GetLooseCharBox", _INT, (_VOID, _INT, _VOID)),
    ("FPDFText_GetMatrix", _INT, (_VOID, _INT, _VOID)),
    ("FPDFText_GetCharOrigin", _INT, (_VOID, _INT, _VOID, _VOID)),
    ("FPDFText_GetFontSize", ctypes.c_double, (_VOID, _INT)),
    ("FPDFText_GetTextObject", _VOID, (_VOID, _INT)),
    ("FPDFTextObj_GetFont", _VOID, (_VOID,)),
    ("FPDFTextObj_GetFontSize", _INT, (_VOID, _VOID)),
    ("FPDFPageObj_GetBounds", _INT, (_VOID, _VOID, _VOID, _VOID, _VOID)),
    ("FPDFFont_GetBaseFontName", ctypes.c_size_t, (_VOID, _VOID, ctypes.c_size_t)),
    ("FPDFFont_GetDescent", _INT, (_VOID, ctypes.c_float, _VOID)),
    ("FPDFPage_CountObjects", _INT, (_VOID,)),
    ("FPDFPage_GetObject", _VOID, (_VOID, _INT)),
    ("FPDFPageObj_GetType", _INT, (_VOID,)),
    ("FPDFPageObj_GetMatrix", _INT, (_VOID, _VOID)),
    ("FPDFFormObj_CountObjects", _INT, (_VOID,)),
    ("FPDFFormObj_GetObject", _VOID, (_VOID, ctypes.c_ulong)),
    ("FPDFPath_GetDrawMode", _INT, (_VOID, _VOID, _VOID)),
    ("FPDFPath_CountSegments", _INT, (_VOID,)),
    ("FPDFPath_GetPathSegment", _VOID, (_VOID, _INT)),
    ("FPDFPathSegment_GetPoint", _INT, (_VOID, _VOID, _VOID)),
    ("FPDFPathSegment_GetType", _INT, (_VOID,)),
    ("FPDFPathSegment_GetClose", _INT, (_VOID,)),
)

# Values from pdfium's public headers.
_ERR_FORMAT, _ERR_PASSWORD, _ERR_SECURITY = 3, 4, 5
_OBJ_TEXT, _OBJ_PATH, _OBJ_FORM = 1, 2, 5
_SEGMENT_BEZIERTO, _SEGMENT_MOVETO = 1, 2

_LOADED: list[SimpleNamespace] = []


def prepare_pdfium() -> None:
    """Load and initialise pdfium now (before forking readers: they share it)."""
    _pdfium()


def _pdfium() -> Any:
    """The functions of _FUNCTIONS as attributes, bound once a process."""
    if not _LOADED:
        library = _library()
        _LOADED.append(SimpleNamespace(**{name: _bind(library, name, *types) for name, *types in _FUNCTIONS}))
    return _LOADED[0]


# pdfium's functions by name: their addresses, for the compiled loops to call
_ADDRESSES: dict[str, int] = {}


def _bind(library: ctypes.CDLL, name: str, result: Any, arguments: tuple[Any, ...]) -> Any:
    """pdfium's function, called through a prototype of our own."""
    address = ctypes.cast(getattr(library, name), ctypes.c_void_p).value
    if address is None:
        raise ImportError(f"pdfium has no {name}")
    _ADDRESSES[name] = address
    return ctypes.CFUNCTYPE(result, *arguments)(address)


def _compiled_loops() -> Any:
    """_pagefast (built from _pagefast.c where a C compiler was found at install),
    or None: the reader then runs the same loops in Python."""
    try:
        return importlib.import_module(f"{__package__}._pagefast")
    except ImportError:
        return None


# The compiled loops, or None. Tests set it to None to compare the two.
COMPILED: Any = _compiled_loops()


class _LibraryConfig(ctypes.Structure):
    """FPDF_LIBRARY_CONFIG, version 2 (the fields pdfium reads at that version)."""

    _fields_ = (
        ("version", ctypes.c_int),
        ("m_pUserFontPaths", ctypes.c_void_p),
        ("m_pIsolate", ctypes.c_void_p),
        ("m_v8EmbedderSlot", ctypes.c_uint),
    )


_LIBRARY_NAMES = ("libpdfium.so", "libpdfium.dylib", "pdfium.dll")


def _library() -> ctypes.CDLL:
    """The pdfium library that pypdfium2 ships, initialised.

    Loaded from the package's folder: importing ``pypdfium2_raw`` builds ctypes
    prototypes for all of pdfium's 500 functions (10-20 ms) where this reader uses
    40. The same file is the same library to the loader, and pdfium ignores a
    second initialisation, so pypdfium2 loading it later (pdfplumber does) is safe."""
    found = importlib.util.find_spec("pypdfium2_raw")
    folders = found.submodule_search_locations if found is not None else None
    paths = [Path(folder) / name for folder in folders or () for name in _LIBRARY_NAMES]
    path = next((p for p in paths if p.is_file()), None)
    if path is None:  # an unusual build of pypdfium2: let it find its library
        import pypdfium2_raw  # type: ignore[import-untyped]

        library: ctypes.CDLL = pypdfium2_raw.bindings._libs["pdfium"]
    else:
        library = ctypes.CDLL(str(path))
    config = _LibraryConfig(version=2, m_pUserFontPaths=None, m_pIsolate=None, m_v8EmbedderSlot=0)
    library.FPDF_InitLibraryWithConfig.argtypes = (ctypes.c_void_p,)
    library.FPDF_InitLibraryWithConfig.restype = None
    library.FPDF_InitLibraryWithConfig(ctypes.byref(config))
    return library


def _open(pdfium: Any, data: bytes, name: str, password: str | None) -> int:
    # pdfium reads the caller's buffer until the document is closed: ``data``
    # outlives the document, which the caller closes before it returns.
    secret = password.encode("utf-8") if password else None
    document: int | None = pdfium.FPDF_LoadMemDocument64(data, len(data), secret)
    if not document:
        raise InputError(_load_error(int(pdfium.FPDF_GetLastError()), password), name)
    return document


def _load_error(code: int, password: str | None) -> str:
    """pdf.py's reasons for the same failures (the detail of a damaged file is
    pdfium's, where pdf.py quotes pdfminer)."""
    if code == _ERR_PASSWORD:
        if password:
            return "the PDF is encrypted and the password given does not open it"
        return "the PDF is encrypted and needs a password (--password)"
    if code == _ERR_SECURITY:
        return "the PDF is encrypted in a way that cannot be read (unsupported encryption)"
    if code == _ERR_FORMAT:
        return "the PDF is damaged (its structure cannot be parsed)"
    return f"the PDF cannot be read (pdfium error {code})"


# --- the document ------------------------------------------------------------------------------


def _read(pdfium: Any, document: int, name: str, data: bytes, settings: LoadSettings) -> Document:
    if pdfium.FPDF_GetSecurityHandlerRevision(document) == -1 and _has_corrupt_stream(data):
        # pdfium reads what it can of a corrupt stream and says nothing; pdf.py refuses
        # the file: a report on a partial read would be a clean report on half a file
        raise InputError("the PDF is damaged (a compressed stream is corrupt)", name)
    pages = _Pages(pdfium, document)
    if (
        pages.listed > settings.max_pages
        and pages.count_distinct(settings.max_pages + 1) > settings.max_pages
    ):
        # the reference counts the distinct pages; counting them all here would
        # parse every page of a hostile file, so the count is of the pages listed
        raise InputError(
            f"has {pages.listed:,} pages, more than the limit of {settings.max_pages:,} (--max-pages)", name
        )
    lines: list[Line] = []
    tables: list[Table] = []
    chars = 0
    fonts = _Fonts(pdfium)
    number = 0
    for index in range(pages.listed):
        page = pages.load_distinct(index, name)
        if page is None:
            continue
        number += 1
        page_lines, page_tables = _read_page(pdfium, page, number, fonts)
        chars += sum(len(line.text) for line in page_lines)
        if chars > settings.max_chars:
            raise InputError(f"has more than {settings.max_chars:,} characters of text (--max-chars)", name)
        if lines and page_lines and not lines[-1].text.endswith(_SENTENCE_END):
            # a paragraph that runs on over the page break
            page_lines[0] = replace(page_lines[0], starts_paragraph=False)
        lines.extend(page_lines)
        tables.extend(page_tables)
    if not lines:
        raise InputError(_OCR_MESSAGE, name)
    return Document(
        path=name,
        kind="pdf",
        lines=tuple(lines),
        tables=tuple(tables),
        date=document_date(lines),
        pages=number,
    )


# The streams pdfminer decodes as it reads pages (contents, forms, object and
# cross-reference streams, CMaps), compressed with Flate, after ASCII85 or ASCIIHex
# or not (reportlab writes ASCII85 over Flate): not images, not font programs
# (/Length1 ...), not streams under any other filter.
_STREAM_START = re.compile(rb"(?<!end)stream\r?\n")
_FILTER = re.compile(rb"/Filter\s*(\[[^\]]*\]|/\w+)")
_NOT_READ = re.compile(rb"/Subtype\s*/(?:Image|Type1C|CIDFontType0C|OpenType)|/Length[123]\b")
_CHECKED_FILTERS = {b"FlateDecode", b"ASCII85Decode", b"ASCIIHexDecode"}
_DICTIONARY_BACK = 4096  # how far before "stream" its object's dictionary can start
_INFLATE_CHUNK = 1 << 20  # inflate so much at a time: a flate bomb is not held in memory


def _has_corrupt_stream(data: bytes) -> bool:
    """Whether a Flate stream pdfminer would decode does not decode to its end."""
    for match in _STREAM_START.finditer(data):
        head = data[max(0, match.start() - _DICTIONARY_BACK) : match.start()]
        dictionary = head[head.rfind(b" obj") :]
        found = _FILTER.search(dictionary)
        filters = re.findall(rb"/(\w+)", found.group(1)) if found else []
        if filters[-1:] != [b"FlateDecode"] or not set(filters) <= _CHECKED_FILTERS:
            continue
        if _NOT_READ.search(dictionary):
            continue
        if not _decodes(data, match.end(), filters[:-1]):
            return True
    return False


def _decodes(data: bytes, start: int, text_filters: list[bytes]) -> bool:
    if not text_filters:
        return _inflates(data, start)
    if text_filters != [b"ASCII85Decode"] and text_filters != [b"ASCIIHexDecode"]:
        return True  # a chain this check does not follow: left to pdfium
    end = data.find(b"~>" if text_filters == [b"ASCII85Decode"] else b">", start)
    if end == -1:
        return False
    try:
        if text_filters == [b"ASCII85Decode"]:
            compressed = base64.a85decode(data[start:end], ignorechars=b" \t\n\r\x00\x0c")
        else:
            compressed = binascii.unhexlify(re.sub(rb"\s", b"", data[start:end]).ljust(2, b"0"))
    except ValueError:
        return False
    return _inflates(compressed + b"endstream", 0)


def _inflates(data: bytes, start: int) -> bool:
    """Whether the zlib data at ``start`` ends before an "endstream" (the word can
    also occur inside compressed data: the search goes on to the next one)."""
    inflater = zlib.decompressobj()
    position, end = start, data.find(b"endstream", start)
    try:
        while end != -1:
            pending = data[position:end]
            while pending and not inflater.eof:
                inflater.decompress(pending, _INFLATE_CHUNK)
                pending = inflater.unconsumed_tail
            if inflater.eof:
                return True
            position, end = end, data.find(b"endstream", end + 1)
    except zlib.error:
        return False
    return inflater.eof


class _Pages:
    """The document's pages, each once: a damaged page tree can list one page
    twice, and pdfplumber's reader keeps the first (by the page object's id).
    pdfium does not tell a page's object, so each page, once loaded, is marked in
    pdfium's copy of its dictionary (an ArtBox that no PDF has, holding its index;
    the input is never written) and a page that comes with a mark is a repeat."""

    _MARK = -7777.0

    def __init__(self, pdfium: Any, document: int) -> None:
        self._pdfium = pdfium
        self._document = document
        self.listed = int(pdfium.FPDF_GetPageCount(document))

    def load_distinct(self, index: int, name: str) -> int | None:
        """The page at ``index``, loaded (the caller closes it), or None if it
        repeats an earlier one."""
        page: int | None = self._pdfium.FPDF_LoadPage(self._document, index)
        if not page:
            raise InputError(f"the PDF is damaged (page {index + 1} cannot be read)", name)
        first = self._mark(page, index)
        if first != index:
            self._pdfium.FPDF_ClosePage(page)
            return None
        return page

    def count_distinct(self, enough: int) -> int:
        """How many distinct pages, counting no further than ``enough``."""
        count = 0
        for index in range(self.listed):
            page = self._pdfium.FPDF_LoadPage(self._document, index)
            if not page:
                continue
            count += self._mark(page, index) == index
            self._pdfium.FPDF_ClosePage(page)
            if count >= enough:
                break
        return count

    def _mark(self, page: int, index: int) -> int:
        """The index of the page's first listing, marking it if this is that."""
        box = [ctypes.c_float() for _ in range(4)]
        if self._pdfium.FPDFPage_GetArtBox(page, *(ctypes.byref(v) for v in box)):
            left, bottom, right, _ = (v.value for v in box)
            if left == bottom == self._MARK:
                return int(right)
        self._pdfium.FPDFPage_SetArtBox(page, self._MARK, self._MARK, float(index), float(index) + 1)
        return index


def _read_page(pdfium: Any, page: int, number: int, fonts: _Fonts) -> _Page:
    try:
        if pdfium.FPDFPage_GetRotation(page) != 0:
            raise FastPdfUnsupported(f"page {number} is rotated")
        height = _page_height(pdfium, page)
        objects = _Objects(pdfium, height)
        objects.scan_page(page)
        textpage: int | None = pdfium.FPDFText_LoadPage(page)
        text = _Text(pdfium, height, fonts)
        if textpage:
            try:
                text.read(textpage, by_object=objects.glyph_by_glyph(textpage))
            finally:
                pdfium.FPDFText_ClosePage(textpage)
        # the objects are the page's: read them before it closes
        spaces = objects.dropped_spaces(text) if text.chars else []
        edges = objects.edges() if text.chars else _Edges([], [])
    finally:
        pdfium.FPDF_ClosePage(page)
    return _layout(text.chars + spaces, edges, number)


def _page_height(pdfium: Any, page: int) -> float:
    """pdfplumber's top is the MediaBox's height minus y, wherever the box starts."""
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    refs = (ctypes.byref(v) for v in (left, bottom, right, top))
    if pdfium.FPDFPage_GetMediaBox(page, *refs):
        return abs(_snap(top.value) - _snap(bottom.value))
    return _snap(pdfium.FPDF_GetPageHeightF(page))


# --- characters --------------------------------------------------------------------------------


class _Char:
    """One character as pdfplumber sees it: pdfminer's box, top down."""

    __slots__ = ("bottom", "gap_after", "gap_before", "space", "text", "top", "x0", "x1")

    def __init__(
        self, text: str, x0: float, x1: float, top: float, bottom: float, gap: bool, space: bool
    ) -> None:
        self.text = text
        self.x0 = x0
        self.x1 = x1
        self.top = top
        self.bottom = bottom
        self.space = space  # a space of the PDF's own (text.isspace()): it splits words
        self.gap_before = gap  # pdfium generated a space just before this character
        self.gap_after = False  # ... or just after it


class _Fonts:
    """pdfminer's descent (a share of the font size) of each pdfium font, read once."""

    def __init__(self, pdfium: Any) -> None:
        self._pdfium = pdfium
        self._descent: dict[int, float] = {}

    def descent(self, font: int | None) -> float:
        if not font:
            return 0.0
        found = self._descent.get(font)
        if found is None:
            found = self._descent[font] = _font_descent(self._pdfium, font)
        return found


def _font_descent(pdfium: Any, font: int) -> float:
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
    """The page's characters, in the text page's (content) order, as pdfplumber
    sees them; with pdfminer's top and bottom of each run by its baseline, and,
    where asked, the text object of each character."""

    def __init__(self, pdfium: Any, height: float, fonts: _Fonts) -> None:
        self._pdfium = pdfium
        self._height = height
        self._fonts = fonts
        self.chars: list[_Char] = []
        self.objects: list[int | None] = []  # each character's text object, where asked
        self.baselines: dict[float, tuple[float, float]] = {}

    def read(self, textpage: int, by_object: bool) -> None:
        pdfium = self._pdfium
        count = int(pdfium.FPDFText_CountChars(textpage))
        if count <= 0:
            return
        text = _page_text(pdfium, textpage, count)
        if COMPILED is not None:
            self.chars, found = COMPILED.read_chars(
                textpage,
                text,
                by_object,
                _ADDRESSES["FPDFText_GetLooseCharBox"],
                _ADDRESSES["FPDFText_GetTextObject"],
                _ADDRESSES["FPDFText_IsGenerated"],
                functools.partial(self._run_extent, textpage),
            )
            self.objects = found or []
            return
        box = _FS_RECTF()
        box_ref = ctypes.byref(box)
        loose_box = pdfium.FPDFText_GetLooseCharBox
        is_generated = pdfium.FPDFText_IsGenerated
        text_object = pdfium.FPDFText_GetTextObject
        chars, objects = self.chars, self.objects
        # A run is one font at one size on one baseline, where pdfminer's box has
        # one top and bottom: characters with the loose box of the run's last
        # (pdfium's box from the font's ascent and descent), or of the same text
        # object (where the font has no ascent and descent, the loose box is each
        # glyph's own).
        run_top = run_bottom = float("nan")
        run_object: int | None = None
        top = bottom = 0.0
        gap = False
        unpack = _BOX.unpack_from
        for index, character in enumerate(text):
            space = character.isspace()
            if space and is_generated(textpage, index):
                # pdfium's own line breaks say nothing pdfplumber would; its spaces
                # stand for a space glyph it dropped, or for a gap
                if character == " ":
                    gap = True
                    if chars:
                        chars[-1].gap_after = True
                continue
            loose_box(textpage, index, box_ref)
            left, box_top, right, box_bottom = unpack(box)
            obj = text_object(textpage, index) if by_object else None
            if box_top != run_top or box_bottom != run_bottom:
                run_top, run_bottom = box_top, box_bottom
                if obj is None:
                    obj = text_object(textpage, index)
                if obj != run_object:
                    run_object = obj
                    top, bottom = self._run_extent(textpage, index)
            chars.append(_Char(character, left, right, top, bottom, gap, space))
            if by_object:
                objects.append(obj)
            gap = False

    def _run_extent(self, textpage: int, index: int) -> tuple[float, float]:
        """(top, bottom) of pdfminer's box for the characters of one font on one
        baseline: the font size tall, from the baseline plus the font's descent,
        computed as pdfminer computes it (LTChar), so that a gap that equals the
        paragraph threshold falls on the same side."""
        pdfium = self._pdfium
        matrix = _FS_MATRIX()
        pdfium.FPDFText_GetMatrix(textpage, index, ctypes.byref(matrix))
        if abs(matrix.b) > 1e-6 or abs(matrix.c) > 1e-6 or matrix.a * matrix.d <= 0:
            raise FastPdfUnsupported("rotated or mirrored text")
        x, y = ctypes.c_double(), ctypes.c_double()
        pdfium.FPDFText_GetCharOrigin(textpage, index, ctypes.byref(x), ctypes.byref(y))
        font_size = _snap(pdfium.FPDFText_GetFontSize(textpage, index))
        font = pdfium.FPDFTextObj_GetFont(pdfium.FPDFText_GetTextObject(textpage, index))
        descent = self._fonts.descent(font) * font_size
        d, f = _snap(matrix.d), _snap(y.value)
        extent = self._height - (d * (descent + font_size) + f), self._height - (d * descent + f)
        self.baselines.setdefault(round(f, 2), extent)
        return extent


def _page_text(pdfium: Any, textpage: int, count: int) -> str:
    buffer = (ctypes.c_ushort * (count + 1))()
    written = int(pdfium.FPDFText_GetText(textpage, 0, count, buffer))
    text = bytes(buffer)[: max(written - 1, 0) * 2].decode("utf-16-le", "replace")
    if len(text) != count:
        # characters outside the BMP take two UTF-16 units: one index at a time
        text = "".join(chr(int(pdfium.FPDFText_GetUnicode(textpage, i)) or 0xFFFD) for i in range(count))
    if _HYPHEN_MARK in text:
        text = _restore_hyphens(pdfium, textpage, text)
    return text


# pdfium replaces a hyphen that ends a line with a mark of its own (U+FFFE in the
# text, 2 as the character's code); pdfminer keeps the hyphen.
_HYPHEN_MARK = "\ufffe"


def _restore_hyphens(pdfium: Any, textpage: int, text: str) -> str:
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


# --- words and lines, as pdfplumber's WordExtractor and TextMap --------------------------------


@dataclass(slots=True)
class _Word:
    """A word, or a line of words: its text and the box of its characters."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float


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


def _cluster(items: Sequence[_T], key: Callable[[_T], float], tolerance: float) -> list[list[_T]]:
    """pdfplumber's cluster_objects: the clusters in order of value, the items of
    each in their given order. Items come in runs of one value (a line's
    characters), so they are moved a run at a time."""
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


def _words(chars: list[_Char]) -> list[_Word]:
    if COMPILED is not None:
        return [_Word(*word) for word in COMPILED.words(chars, _X_TOLERANCE, _Y_TOLERANCE)]
    return _words_in_python(chars)


def _new_char(text: str, x0: float, x1: float, top: float, bottom: float, gap: bool, space: bool) -> _Char:
    """A _Char, or the compiled loops' Char where they run (they take only their own)."""
    if COMPILED is not None:
        made: _Char = COMPILED.Char(text, x0, x1, top, bottom, gap, space)
        return made
    return _Char(text, x0, x1, top, bottom, gap, space)


def _words_in_python(chars: Sequence[_Char]) -> list[_Word]:
    """WordExtractor.extract_words: characters clustered into lines by top, each
    line sorted by x0 and split into words at spaces, at gaps wider than 3pt and
    where the top moves more than 3pt (a character never starts left of the one
    before it: the line is sorted by x0). The hottest loop of the reader, kept flat."""
    words: list[_Word] = []
    x_tolerance, y_tolerance = _X_TOLERANCE, _Y_TOLERANCE
    for line in _cluster(chars, _TOP, y_tolerance):
        line.sort(key=_X0)
        word: _Word | None = None
        previous: _Char | None = None
        for char in line:
            if char.space:
                word = previous = None
            elif (
                word is None
                or previous is None
                or previous.gap_after
                or char.gap_before
                or char.x0 > previous.x1 + x_tolerance
                or abs(char.top - previous.top) > y_tolerance
            ):
                word = _Word(char.text, char.x0, char.top, char.x1, char.bottom)
                words.append(word)
                previous = char
            else:
                word.text += char.text
                if char.top < word.top:
                    word.top = char.top
                if char.x1 > word.x1:
                    word.x1 = char.x1
                if char.bottom > word.bottom:
                    word.bottom = char.bottom
                previous = char
    return words


def _text_lines(words: Sequence[_Word]) -> list[_Word]:
    """Page.extract_text_lines(): the page's words (extract_words), clustered again
    by top in their order (cluster_objects with preserve_order), a line a run of one
    cluster."""
    ids = _cluster_ids([w.top for w in words], _Y_TOLERANCE)
    lines: list[_Word] = []
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
        else:
            line = _Word(word.text, word.x0, word.top, word.x1, word.bottom)
            lines.append(line)
            line_id = word_id
    return lines


def _extract_text(chars: list[_Char]) -> str:
    """utils.extract_text without layout: the words, lines clustered by top."""
    words = _words(chars)
    lines = _cluster(words, _TOP, _Y_TOLERANCE)
    return "\n".join(" ".join(w.text for w in line) for line in lines)


# --- ruling lines: the page's paths as pdfminer classifies them --------------------------------


@dataclass(frozen=True)
class _Edges:
    """pdfplumber's edges as boxes (x0, top, x1, bottom), by orientation."""

    horizontal: list[BBox]
    vertical: list[BBox]


def _page_objects(pdfium: Any, page: int) -> tuple[list[int], list[tuple[int, int]]]:
    """The page's text objects, and its other objects with their types, in content order."""
    if COMPILED is not None:
        found: tuple[list[int], list[tuple[int, int]]] = COMPILED.page_objects(
            page,
            pdfium.FPDFPage_CountObjects(page),
            _ADDRESSES["FPDFPage_GetObject"],
            _ADDRESSES["FPDFPageObj_GetType"],
        )
        return found
    objects = _all_objects(pdfium, page)
    kinds = list(map(pdfium.FPDFPageObj_GetType, objects))
    texts = [obj for obj, kind in zip(objects, kinds, strict=True) if kind == _OBJ_TEXT]
    return texts, [(obj, kind) for obj, kind in zip(objects, kinds, strict=True) if kind != _OBJ_TEXT]


def _all_objects(pdfium: Any, page: int) -> list[int]:
    count = pdfium.FPDFPage_CountObjects(page)
    return list(map(pdfium.FPDFPage_GetObject, itertools.repeat(page, count), range(count)))


class _Objects:
    """What the page's objects add to its characters: the ruling lines of its
    paths, and the space glyphs that pdfium's text page leaves out.

    pdfium drops the PDF's own space glyphs from its text page and generates a
    space where it sees a gap; between glyphs that touch (Chromium writes a space
    and then, at the same place, the hyphen of a soft-hyphen break) it generates
    none, while pdfminer keeps the space, and pdfplumber splits the word there.
    A text object without ink is such a space (real words have ink): it comes back
    as a space character where the object stands. Where pdfium kept or generated
    the space, the second one changes nothing: spaces only split words."""

    def __init__(self, pdfium: Any, height: float) -> None:
        self._pdfium = pdfium
        self._height = height
        self._paths: list[tuple[int, _Matrix]] = []
        self._texts: list[int] = []  # the text objects, in content order

    def scan_page(self, page: int) -> None:
        """The page's objects: its text objects in content order, its paths."""
        texts, others = _page_objects(self._pdfium, page)
        if any(kind == _OBJ_FORM for _, kind in others):
            # the text objects inside a form come between the page's own, in content
            # order (the dropped spaces are found by position): one by one, in order
            objects = _all_objects(self._pdfium, page)
            self.scan(objects, _IDENTITY)
            return
        self._texts.extend(texts)
        for obj, kind in others:
            if kind == _OBJ_PATH:
                self._add_path(obj, _IDENTITY)

    def scan(self, objects: list[int], outer: _Matrix) -> None:
        """Every object in content order, inside form XObjects too (pdfminer reads
        those)."""
        pdfium = self._pdfium
        for obj in objects:
            kind = pdfium.FPDFPageObj_GetType(obj)
            if kind == _OBJ_TEXT:
                self._texts.append(obj)
            elif kind == _OBJ_PATH:
                self._add_path(obj, outer)
            elif kind == _OBJ_FORM:
                inner = _compose(_object_matrix(pdfium, obj), outer)
                count = pdfium.FPDFFormObj_CountObjects(obj)
                self.scan([pdfium.FPDFFormObj_GetObject(obj, i) for i in range(count)], inner)

    def _add_path(self, path: int, outer: _Matrix) -> None:
        if _painted(self._pdfium, path):
            self._paths.append((path, _compose(_object_matrix(self._pdfium, path), outer)))

    def glyph_by_glyph(self, textpage: int) -> bool:
        """Whether the page writes about a text object a glyph (Chromium): then the
        text objects pdfium dropped are found from each character's own object;
        else there are few text objects, and each is looked at."""
        return len(self._texts) * _GLYPHS_AN_OBJECT > int(self._pdfium.FPDFText_CountChars(textpage))

    def dropped_spaces(self, text: _Text) -> list[_Char]:
        """A space character for each text object without ink (a space glyph) that
        pdfium dropped, on a baseline that has characters, with their box."""
        candidates = self._dropped_between_touching(text) if text.objects else self._texts
        spaces: list[_Char] = []
        left, bottom, right, top = (ctypes.c_float() for _ in range(4))
        box = tuple(ctypes.byref(v) for v in (left, bottom, right, top))
        for obj in candidates:
            if not self._pdfium.FPDFPageObj_GetBounds(obj, *box) or right.value - left.value >= _NO_INK:
                continue  # a glyph with ink that pdfium dropped (a repeat): not a space
            extent = text.baselines.get(round(_snap(bottom.value), 2))
            if extent is not None:
                spaces.append(_new_char(" ", left.value, left.value, extent[0], extent[1], False, True))
        return spaces

    def _dropped_between_touching(self, text: _Text) -> list[int]:
        """The text objects that lie between two successive characters of other
        objects that pdfium did not separate by a space of its own."""
        if COMPILED is not None:
            found: list[int] = COMPILED.dropped_between(text.chars, text.objects, self._texts)
            return found
        position = {obj: i for i, obj in enumerate(self._texts)}
        dropped: list[int] = []
        for (char, obj), after in zip(
            zip(text.chars, text.objects, strict=True), text.objects[1:], strict=False
        ):
            if char.gap_after or obj is None or after is None or obj == after:
                continue
            here, there = position.get(obj), position.get(after)
            if here is not None and there is not None and there > here + 1:
                dropped.extend(self._texts[here + 1 : there])
        return dropped

    def edges(self) -> _Edges:
        """pdfplumber's edges: each path as pdfminer's LTLine, LTRect or LTCurve."""
        lines: list[BBox] = []
        rects: list[BBox] = []
        curves: list[list[Point]] = []
        for path, matrix in self._paths:
            for shape, points in _subpaths(_operators(self._pdfium, path), matrix, self._height):
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
        return _Edges(horizontal, vertical)


# a text object narrower than this has no ink: a space glyph
_NO_INK = 0.01
# fewer characters than this a text object on average: a text object a glyph
_GLYPHS_AN_OBJECT = 3


def _painted(pdfium: Any, path: int) -> bool:
    # a path ended by 'n' (a clipping path) paints nothing, and pdfminer skips it
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    if not pdfium.FPDFPath_GetDrawMode(path, ctypes.byref(fill), ctypes.byref(stroke)):
        return False
    return bool(fill.value or stroke.value)


def _object_matrix(pdfium: Any, obj: int) -> _Matrix:
    m = _FS_MATRIX()
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


def _operators(pdfium: Any, path: int) -> list[tuple[str, Point]]:
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


# --- tables: pdfplumber's TableFinder with the lines strategy ----------------------------------


@dataclass(frozen=True)
class _FoundTable:
    bbox: BBox
    rows: list[list[BBox | None]]  # each row's cells, None where the grid has no cell


def _find_tables(edges: _Edges) -> list[_FoundTable]:
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
    for cluster in _cluster(edges, operator.itemgetter(position), _SNAP_TOLERANCE):
        average = sum(e[position] for e in cluster) / len(cluster)
        snapped.extend(_moved(e, position, average - e[position]) for e in cluster)
    snapped.sort(key=lambda e: e[position])
    joined: list[BBox] = []
    for _, group in itertools.groupby(snapped, key=lambda e: e[position]):
        run: list[BBox] = []
        for edge in sorted(group, key=lambda e: e[start]):
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


def _table_of(cells: list[BBox]) -> _FoundTable:
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
    return _FoundTable(bbox=bbox, rows=rows)


def _v_mid(char: _Char) -> float:
    return (char.top + char.bottom) / 2


def _extract_cells(table: _FoundTable, chars: Sequence[_Char]) -> list[list[str | None]]:
    """Table.extract(): each cell's characters (those whose middle is inside it,
    right and bottom edges out), in page order, as text."""
    order = {id(c): i for i, c in enumerate(chars)}
    by_middle = sorted(chars, key=_v_mid)
    middles = [_v_mid(c) for c in by_middle]
    extracted: list[list[str | None]] = []
    for row in table.rows:
        present = [c for c in row if c is not None]
        top = min(c[1] for c in present)
        bottom = max(c[3] for c in present)
        row_chars = by_middle[bisect_left(middles, top) : bisect_left(middles, bottom)]
        row_chars.sort(key=lambda c: order[id(c)])
        extracted.append(_row_texts(row, row_chars))
    return extracted


def _row_texts(row: list[BBox | None], row_chars: list[_Char]) -> list[str | None]:
    """The cells of a row do not overlap: each character goes to the one cell
    whose columns hold its middle, found by bisection."""
    cells = sorted((c for c in row if c is not None), key=lambda c: c[0])
    starts = [c[0] for c in cells]
    inside: list[list[_Char]] = [[] for _ in cells]
    for char in row_chars:
        middle = (char.x0 + char.x1) / 2
        i = bisect_right(starts, middle) - 1
        if i >= 0 and middle < cells[i][2] and cells[i][1] <= _v_mid(char) < cells[i][3]:
            inside[i].append(char)
    texts = {cell: _extract_text(found) if found else "" for cell, found in zip(cells, inside, strict=True)}
    return [None if cell is None else texts[cell] for cell in row]


# --- the page as Lines and Tables, as pdf.py builds them ---------------------------------------


def _layout(chars: list[_Char], edges: _Edges, page_number: int) -> _Page:
    """pdf.py's _read_page, step for step."""
    found = [(t, _extract_cells(t, chars)) for t in _find_tables(edges)]
    found = [(t, cells) for t, cells in found if has_columns(cells)]
    boxes = [t.bbox for t, _ in found]
    words = _words(chars)
    raw_lines = [ln for ln in _text_lines(words) if ln.text.strip()]
    ruled = frozenset(i for i, raw in enumerate(raw_lines) if any(_inside(raw, box) for box in boxes))
    unruled = aligned_tables(_placed_lines(words, raw_lines), skip=ruled)
    in_table = ruled.union(*(t.lines for t in unruled))
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
            )
        )
        previous = raw
    tables = [_table(t, cells, raw_lines, page_number) for t, cells in found]
    tables.extend(_aligned_table(t, page_number) for t in unruled)
    return lines, [t for t in tables if t.rows]


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


def _table(found: _FoundTable, cells: list[list[str | None]], raw_lines: list[_Word], page: int) -> Table:
    rows: list[TableRow] = []
    for row, row_cells in zip(found.rows, cells, strict=False):
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
