"""Tell what kind of document some bytes are, from the bytes alone."""

from __future__ import annotations

import zipfile
from io import BytesIO

from ..errors import InputError

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


def sniff_kind(data: bytes, name: str) -> str:
    """'pdf' or 'text'; anything else is an InputError that names what it looks like."""
    if not data.strip():
        raise InputError("the file is empty", name)
    # PDF readers accept a header anywhere in the first kilobyte; so do we.
    if b"%PDF-" in data[:1024]:
        return "pdf"
    for signature, what in _OTHER_SIGNATURES:
        if data.startswith(signature):
            raise InputError(f"this is {what}, not a PDF or text document", name)
    if data.startswith(b"PK\x03\x04"):
        raise InputError(f"this is {_describe_zip(data)}, not a PDF or text document", name)
    if _looks_binary(data):
        raise InputError("this is binary data, not a PDF or text document", name)
    return "text"


def _describe_zip(data: bytes) -> str:
    try:
        names = zipfile.ZipFile(BytesIO(data)).namelist()
    except (zipfile.BadZipFile, ValueError, OSError):
        return "a damaged zip archive"
    if "word/document.xml" in names:
        return "a Word document (.docx), which this version does not read yet"
    return "a zip archive"


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 text has NULs by design
        return False
    if b"\x00" in sample:
        return True
    control = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return control > len(sample) // 20
