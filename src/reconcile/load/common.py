"""Helpers that more than one reader needs."""

from __future__ import annotations

from collections.abc import Sequence

_ROMAN = (
    (1000, "m"),
    (900, "cm"),
    (500, "d"),
    (400, "cd"),
    (100, "c"),
    (90, "xc"),
    (50, "l"),
    (40, "xl"),
    (10, "x"),
    (9, "ix"),
    (5, "v"),
    (4, "iv"),
    (1, "i"),
)


def list_number(value: int, style: str) -> str:
    """A list item's number as shown: style is 'decimal', 'lower-alpha',
    'upper-alpha', 'lower-roman' or 'upper-roman' (anything else is decimal)."""
    if style in ("lower-alpha", "upper-alpha") and value > 0:
        text = _alpha(value)
        return text.upper() if style == "upper-alpha" else text
    if style in ("lower-roman", "upper-roman") and 0 < value < 4000:
        text = _roman(value)
        return text.upper() if style == "upper-roman" else text
    return str(value)


def _alpha(value: int) -> str:
    letters = ""
    while value > 0:
        value, rest = divmod(value - 1, 26)
        letters = chr(ord("a") + rest) + letters
    return letters


def _roman(value: int) -> str:
    numeral = ""
    for amount, symbol in _ROMAN:
        count, value = divmod(value, amount)
        numeral += symbol * count
    return numeral


def row_line_text(cells: Sequence[str]) -> str:
    """A table row as one line of text, for the Line that stands for the row."""
    return " | ".join(cell for cell in cells if cell)


def has_columns(rows: Sequence[Sequence[str | None]]) -> bool:
    """Boxes drawn around a page's blocks (a web page's panels, a Word text box)
    come back as one-column tables; a table worth the name has two cells filled
    in some row."""
    return any(sum(1 for cell in row if cell and cell.strip()) >= 2 for row in rows)
