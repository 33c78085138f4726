"""Load: a file (or bytes) -> Document. The kind is told by content, never by name."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import TypeVar

from ..config import LoadSettings
from ..errors import InputError, ReconcileError
from ..model import Document, DocumentBytes
from .isolate import Pending, failed, gather, start_here, start_isolated, stop
from .outline import outline_from_lines
from .sniff import sniff_kind

__all__ = [
    "Pending",
    "gather",
    "load_document",
    "regular_file_problem",
    "start_document",
    "start_here",
    "stop",
]

# A text document's bytes bound its characters: at most four bytes each (UTF-8).
_MAX_BYTES_PER_CHAR = 4
# Formats whose parsers can loop, recurse or inflate without bound on a hostile
# file. Text and HTML are read by our own linear, iterative code, bounded by their
# size, which --max-chars has already checked.
_ISOLATED_KINDS = frozenset({"pdf", "docx"})

T = TypeVar("T")


def load_document(
    path: str | Path | DocumentBytes, data: bytes | None = None, settings: LoadSettings | None = None
) -> Document:
    """Read one document. ``data`` (or a DocumentBytes) gives the bytes when they do
    not come from ``path`` (standard input); ``path`` is then only the name shown
    to the user.
    The reading runs where it can be stopped, within ``settings``' limits."""
    source = path if data is None or isinstance(path, DocumentBytes) else DocumentBytes(str(path), data)
    (document,) = gather([start_document(source, settings, _as_read)])
    return document


def start_document(
    source: str | Path | DocumentBytes,
    settings: LoadSettings | None,
    then: Callable[[Document], T],
) -> Pending[T]:
    """Start reading one document, from its path or its bytes, as load_document
    does, and ``then`` with it where it was read; collect the result with
    ``gather`` (several at once use several cores)."""
    settings = settings or LoadSettings()
    name = source.name if isinstance(source, DocumentBytes) else str(source)
    try:
        data = source.data if isinstance(source, DocumentBytes) else _read_bytes(name)
        kind = sniff_kind(data, name)
        if kind != "pdf" and len(data) > settings.max_chars * _MAX_BYTES_PER_CHAR:
            # even at four bytes a character this is more text than the limit allows
            raise InputError(f"has more than {settings.max_chars:,} characters (--max-chars)", name)
    except ReconcileError as error:
        # reported in its turn by gather: the first document's problem first
        return failed(error)
    read = partial(_read_within_limits, kind, data, name, settings, then)
    if kind in _ISOLATED_KINDS:
        _import_reader(kind, settings)
        return start_isolated(read, name, settings.read_timeout, settings.max_memory)
    return start_here(read)


def _read_within_limits(
    kind: str, data: bytes, name: str, settings: LoadSettings, then: Callable[[Document], T]
) -> T:
    document = _read(kind, data, name, settings)
    if not document.outline:
        document = replace(document, outline=outline_from_lines(document.lines))
    chars = sum(len(line.text) for line in document.lines)
    if chars > settings.max_chars:
        raise InputError(_too_many_chars(chars, settings), name)
    return then(document)


def _as_read(document: Document) -> Document:
    return document


def _read(kind: str, data: bytes, name: str, settings: LoadSettings) -> Document:
    # Each reader is imported only when needed: pdfplumber and python-docx are slow to import.
    if kind == "pdf":
        from .pdf import load_pdf

        return load_pdf(data, name, settings)
    if kind == "docx":
        from .docx import load_docx

        return load_docx(data, name)
    if kind == "html":
        from .html import load_html

        return load_html(data, name)
    from .text import load_text

    return load_text(data, name)


def _import_reader(kind: str, settings: LoadSettings) -> None:
    """Import the reader, and load pdfium, here before the child is forked:
    children reading two documents at once then share one import instead of each
    making its own; the same for the date patterns every reader uses."""
    from .dates import prepare_dates

    prepare_dates()
    if kind == "pdf":
        from .pdf import prepare

        prepare(settings)
    elif kind == "docx":
        from . import docx  # noqa: F401


def _too_many_chars(count: int, settings: LoadSettings) -> str:
    return f"has {count:,} characters, more than the limit of {settings.max_chars:,} (--max-chars)"


def _read_bytes(name: str) -> bytes:
    path = Path(name)
    problem = regular_file_problem(path)
    if problem:
        raise InputError(problem, name)
    try:
        with path.open("rb") as handle:  # read-only: inputs are never modified
            return handle.read()
    except PermissionError:
        raise InputError("permission denied", name) from None
    except OSError as exc:
        raise InputError(f"cannot read the file ({exc.strerror or exc.__class__.__name__})", name) from None


def regular_file_problem(path: Path) -> str:
    """Why a path cannot be read as a document without blocking or reading forever
    (a FIFO, a device), or "" when it is a regular file."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return "no such file"
    except OSError as exc:
        return f"cannot read ({exc.strerror or exc.__class__.__name__})"
    if stat.S_ISDIR(mode):
        return "is a directory, not a document"
    if not stat.S_ISREG(mode):
        return "is not a regular file (a pipe or a device)"
    return ""
