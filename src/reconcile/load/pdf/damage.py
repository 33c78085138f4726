"""A damaged, encrypted or text-less PDF: how it is told, and the plain reason
the user reads (the same from either source, bar the detail in brackets)."""

from __future__ import annotations

import base64
import binascii
import re
import zlib

from ...config import LoadSettings

OCR_MESSAGE = "the PDF has no text layer (a scan?); to read it with OCR, give --ocr auto"
NOTHING_RECOGNISED = "no page has text, and OCR recognised none on them (--ocr)"

# pdfminer's words for a stream it cannot decode (ASCII85, LZW, Flate, ...)
_DECODING = re.compile(r"ascii85|ascii ?hex|lzw|decompress|decod|flate|zlib|digit found", re.IGNORECASE)


def password_reason(password: str | None) -> str:
    if password:
        return "the PDF is encrypted and the password given does not open it"
    return "the PDF is encrypted and needs a password (--password)"


def explain_pdfminer(exc: BaseException, password: str | None = None) -> str:
    """A plain-words reason; several of pdfminer's exceptions have no message, and
    others quote bytes of the file."""
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfminer.psparser import PSException

    if isinstance(exc, PDFPasswordIncorrect):
        return password_reason(password)
    if isinstance(exc, PDFEncryptionError):
        return f"the PDF is encrypted in a way that cannot be read ({_detail(exc, 'unsupported encryption')})"
    if isinstance(exc, RecursionError):
        return "the PDF is damaged (its objects nest too deeply to read)"
    if isinstance(exc, (PDFSyntaxError, PSException)):
        return f"the PDF is damaged ({_detail(exc, 'syntax error')})"
    if isinstance(exc, zlib.error) or _DECODING.search(str(exc)):
        return "the PDF is damaged (a compressed stream is corrupt)"
    return f"the PDF cannot be read ({_detail(exc, exc.__class__.__name__)})"


def _detail(exc: BaseException, fallback: str) -> str:
    text = " ".join(str(exc).encode("ascii", "replace").decode("ascii").split())
    return text[:80] if text else fallback


def no_text_reason(data: bytes, settings: LoadSettings) -> str:
    """A scan has no text; a damaged file may have text that pdfminer could not
    reach. pdfium, which repairs broken cross-references, tells them apart."""
    import pypdfium2 as pdfium  # type: ignore[import-untyped]

    try:
        document = pdfium.PdfDocument(data, password=settings.password)
    except Exception:  # pdfium's errors say nothing more to a user than "damaged"
        return "the PDF is damaged (no page could be read)"
    try:
        has_text = any(_page_has_text(document[i]) for i in range(min(len(document), settings.max_pages)))
    finally:
        document.close()
    if has_text:
        return (
            "the PDF is damaged (its cross-reference table is broken); repair it, e.g. with qpdf, and retry"
        )
    return OCR_MESSAGE


def _page_has_text(page: object) -> bool:
    textpage = page.get_textpage()  # type: ignore[attr-defined]
    try:
        return bool(textpage.count_chars() > 0)
    finally:
        textpage.close()
        page.close()  # type: ignore[attr-defined]


# --- a corrupt compressed stream, which pdfium reads part of without a word --------------------

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


def has_corrupt_stream(data: bytes) -> bool:
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
