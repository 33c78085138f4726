"""Load: a file (or bytes) -> Document. The kind is told by content, never by name."""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError
from ..model import Document
from .sniff import sniff_kind

STDIN = "-"


def load_document(path: str | Path, data: bytes | None = None) -> Document:
    """Read one document. ``data`` gives the bytes when they do not come from
    ``path`` (standard input); ``path`` is then only the name shown to the user."""
    name = str(path)
    if data is None:
        data = _read_bytes(name)
    kind = sniff_kind(data, name)
    # Each reader is imported only when needed: pdfplumber and python-docx are slow to import.
    if kind == "pdf":
        from .pdf import load_pdf

        return load_pdf(data, name)
    if kind == "docx":
        from .docx import load_docx

        return load_docx(data, name)
    if kind == "html":
        from .html import load_html

        return load_html(data, name)
    from .text import load_text

    return load_text(data, name)


def _read_bytes(name: str) -> bytes:
    path = Path(name)
    try:
        if path.is_dir():
            raise InputError("is a directory, not a document", name)
        with path.open("rb") as handle:  # read-only: inputs are never modified
            return handle.read()
    except FileNotFoundError:
        raise InputError("no such file", name) from None
    except PermissionError:
        raise InputError("permission denied", name) from None
    except OSError as exc:
        raise InputError(f"cannot read the file ({exc.strerror or exc.__class__.__name__})", name) from None
