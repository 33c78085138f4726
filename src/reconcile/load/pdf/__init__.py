"""PDF -> Document: text lines with page and line numbers, paragraph starts,
font size and weight, ruled tables and tables without rules.

One document loop (document.py) and one page layout (layout.py) over neutral
page geometry (geometry.py), which one of two sources reads: pdfium (pdfium.py,
fast, the default) or pdfplumber (plumber.py, the reference the tests hold the
fast source to, and the reader of what the fast one does not reproduce)."""

from __future__ import annotations

from ...config import LoadSettings
from ...model import Document


def prepare(settings: LoadSettings) -> None:
    """Import the source and initialise pdfium here, before the readers fork
    (and Tesseract's binding, where OCR may be asked for: mapping its library
    inside a reader would count against the reader's --max-memory)."""
    if settings.engine != "plumber":
        from .pdfium import prepare as prepare_pdfium

        prepare_pdfium()
    if settings.ocr != "never":
        from .ocr import prepare as prepare_ocr

        prepare_ocr()


def load_pdf(data: bytes, name: str, settings: LoadSettings | None = None) -> Document:
    settings = settings or LoadSettings()
    if settings.engine != "plumber":
        from .document import Unsupported
        from .pdfium import load_pdf_pdfium

        try:
            return load_pdf_pdfium(data, name, settings)
        except Unsupported:
            pass  # rotated pages or text: the reference source reads them
    from .plumber import load_pdf_reference

    return load_pdf_reference(data, name, settings)
