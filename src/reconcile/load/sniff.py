"""Tell what kind of document some bytes are, from the bytes alone."""

from __future__ import annotations

import codecs
from io import BytesIO
from typing import TYPE_CHECKING

from ..errors import InputError

if TYPE_CHECKING:
    from zipfile import ZipFile

_READ = "not a PDF, Word, web page or text document"

# Signatures of formats people hand us by mistake, so the error can name them.
_OTHER_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office file (.doc/.xls)"),
    (b"{\\rtf", "an RTF document"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
    (b"\x7fELF", "a program"),
)

# Office Open XML packages other than Word, told by their main part.
_OTHER_OOXML: tuple[tuple[str, str], ...] = (
    ("xl/workbook.xml", "an Excel workbook (.xlsx)"),
    ("ppt/presentation.xml", "a PowerPoint presentation (.pptx)"),
)

_OPENDOCUMENT = "application/vnd.oasis.opendocument."
_OPENDOCUMENT_KINDS = {
    "text": "an OpenDocument text (.odt)",
    "spreadsheet": "an OpenDocument spreadsheet (.ods)",
    "presentation": "an OpenDocument presentation (.odp)",
}
# The mimetype member of an OpenDocument file is a few dozen bytes; a larger one
# is not worth decompressing just to name the file.
_MIMETYPE_MAX = 200

_HTML_SNIFF_BYTES = 2048
_HTML_MARKERS = ("<!doctype html", "<html", "<head", "<body")
_HTML_BLOCK_TAGS = ("<p>", "<p ", "<div", "<table")


def sniff_kind(data: bytes, name: str) -> str:
    """'pdf', 'docx', 'html' or 'text'; anything else is an InputError that names
    what it looks like."""
    if not data.strip():
        raise InputError("the file is empty", name)
    # PDF readers accept a header anywhere in the first kilobyte; so do we.
    if b"%PDF-" in data[:1024]:
        return "pdf"
    for signature, what in _OTHER_SIGNATURES:
        if data.startswith(signature):
            raise InputError(f"this is {what}, {_READ}", name)
    if data.startswith(b"PK\x03\x04"):
        return _sniff_zip(data, name)
    if _looks_binary(data):
        raise InputError(f"this is binary data, {_READ}", name)
    if looks_like_html(data):
        return "html"
    return "text"


def _sniff_zip(data: bytes, name: str) -> str:
    import zipfile  # only a zip archive needs it (a PDF run saves the import)

    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            names = set(archive.namelist())
            opendocument = _opendocument_kind(archive) if "mimetype" in names else None
    except (zipfile.BadZipFile, ValueError, OSError, EOFError, NotImplementedError, RuntimeError):
        raise InputError(f"this is a damaged zip archive, {_READ}", name) from None
    if "word/document.xml" in names:
        return "docx"
    if opendocument is not None:
        advice = "; save it as DOCX or PDF and try again" if opendocument.endswith("(.odt)") else ""
        raise InputError(f"this is {opendocument}, which is not read{advice}", name)
    for part, what in _OTHER_OOXML:
        if part in names:
            raise InputError(f"this is {what}, {_READ}", name)
    raise InputError(f"this is a zip archive, {_READ}", name)


def _opendocument_kind(archive: ZipFile) -> str | None:
    info = archive.getinfo("mimetype")
    if info.file_size > _MIMETYPE_MAX:
        return None
    mimetype = archive.read(info).decode("ascii", errors="replace").strip()
    if not mimetype.startswith(_OPENDOCUMENT):
        return None
    kind = mimetype[len(_OPENDOCUMENT) :]
    return _OPENDOCUMENT_KINDS.get(kind, "an OpenDocument file")


def looks_like_html(data: bytes) -> bool:
    """A web page, or a fragment of one: an HTML marker near the top, or text that
    opens with a tag and holds block tags. Text that merely contains a '<' is text."""
    head = _decode_head(data[:_HTML_SNIFF_BYTES]).lstrip().lower()
    if any(marker in head for marker in _HTML_MARKERS):
        return True
    return head.startswith("<") and any(tag in head for tag in _HTML_BLOCK_TAGS)


def _decode_head(head: bytes) -> str:
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if head.startswith(bom):
            return head[len(bom) :].decode(encoding, errors="ignore")
    # Only ASCII matters for the markers; any ASCII-compatible charset decodes them alike.
    return head.decode("latin-1")


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 text has NULs by design
        return False
    if b"\x00" in sample:
        return True
    control = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return control > len(sample) // 20
