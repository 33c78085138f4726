"""Word .docx -> Document through python-docx: paragraphs and tables in body order,
Word's automatic list numbers written back into the text, tables also as lines.

The body is read from python-docx's XML tree rather than its Paragraph/Table
objects: those leave out text inside content controls and tracked insertions, and
resolve vertically merged cells by recursion."""

from __future__ import annotations

import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from io import BytesIO
from typing import Any, Protocol, cast

from ..errors import InputError
from ..model import Document, Line, Table, TableRow
from ..textutil import clean
from .common import has_columns, list_number, row_line_text
from .dates import document_date

_MB = 1024 * 1024
_MAX_EXPANDED = 200 * _MB
_MAX_RATIO = 200
_RATIO_CHECKED_ABOVE = 10 * _MB

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_P, _TBL, _TR, _TC = f"{_W}p", f"{_W}tbl", f"{_W}tr", f"{_W}tc"
_TEXT = f"{_W}t"
_SPACES = frozenset({f"{_W}tab", f"{_W}ptab"})
_BREAKS = frozenset({f"{_W}br", f"{_W}cr"})
_NO_BREAK_HYPHEN = f"{_W}noBreakHyphen"
# Inside a paragraph: deleted or moved-away text, the fallback copy of a drawing
# (the same text again), text boxes (anchored elsewhere on the page), ruby
# annotations, and properties, which hold no text.
_NOT_READ_IN_PARAGRAPH = frozenset(
    {
        f"{_W}del",
        f"{_W}moveFrom",
        f"{_MC}Fallback",
        f"{_W}txbxContent",
        f"{_W}rt",
        f"{_W}pPr",
        f"{_W}rPr",
    }
)
# Block-level wrappers whose content is part of the flow: content controls,
# custom XML, and the chosen branch of an alternate content block.
_BLOCK_WRAPPERS = frozenset(
    {f"{_W}sdt", f"{_W}sdtContent", f"{_W}customXml", f"{_MC}AlternateContent", f"{_MC}Choice"}
)

# Word's numFmt values -> list_number styles; "bullet" and "none" are handled apart.
_NUMBER_FORMATS = {
    "decimal": "decimal",
    "decimalZero": "decimal",
    "lowerLetter": "lower-alpha",
    "upperLetter": "upper-alpha",
    "lowerRoman": "lower-roman",
    "upperRoman": "upper-roman",
}
_LEVEL_PLACEHOLDER = re.compile(r"%([1-9])")
_LEVELS = 9
_STYLE_CHAIN_LIMIT = 32  # basedOn chains are short; a cycle must not loop forever


class _Element(Protocol):
    """The part of lxml's element interface this reader uses (lxml ships no types)."""

    tag: object  # a str for elements; comments and entities carry a function here
    text: str | None
    tail: str | None

    def get(self, key: str, default: str | None = None) -> str | None: ...

    def find(self, path: str) -> _Element | None: ...

    def findall(self, path: str) -> list[_Element]: ...

    def __iter__(self) -> Iterator[_Element]: ...


def load_docx(data: bytes, name: str) -> Document:
    _check_archive(data, name)
    word = _open(data, name)
    try:
        lines, tables = _Reader(word).read()
    except MemoryError:
        raise  # the reading process's memory limit names itself (--max-memory)
    except Exception as exc:  # lxml and python-docx raise many types on odd files
        raise InputError(_reason(exc), name) from exc
    if not lines:
        raise InputError("the DOCX has no text", name)
    return Document(
        path=name,
        kind="docx",
        lines=tuple(lines),
        tables=tuple(tables),
        date=document_date(lines),
    )


# --- the package: refuse what would hurt before python-docx unpacks it ---------------------------


def _check_archive(data: bytes, name: str) -> None:
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError, NotImplementedError, RuntimeError):
        raise InputError("the DOCX is damaged (not a valid zip archive)", name) from None
    # zipfile stops every member at its declared size, so declared sizes bound memory.
    if sum(member.file_size for member in members) > _MAX_EXPANDED:
        raise InputError(
            f"the DOCX expands to more than {_MAX_EXPANDED // _MB} MB; it may be a zip bomb", name
        )
    for member in members:
        if member.file_size > _RATIO_CHECKED_ABOVE and member.file_size > _MAX_RATIO * max(
            member.compress_size, 1
        ):
            raise InputError(
                f"a part of the DOCX expands more than {_MAX_RATIO} times; it may be a zip bomb", name
            )
    if "word/document.xml" not in {member.filename for member in members}:
        raise InputError("this zip archive is not a Word document (it has no word/document.xml)", name)


def _open(data: bytes, name: str) -> Any:
    import docx  # slow to import: only when a DOCX is read
    from docx.opc.exceptions import PackageNotFoundError

    # python-docx parses every part with resolve_entities=False (docx.oxml.parser):
    # entities, internal or external, are never expanded; tests/test_load.py holds it to that.
    try:
        return docx.Document(BytesIO(data))
    except PackageNotFoundError:
        raise InputError("the DOCX is damaged (not a valid Word package)", name) from None
    except KeyError:
        raise InputError("the DOCX is damaged (a part it refers to is missing)", name) from None
    except SyntaxError:  # lxml's XMLSyntaxError
        raise InputError("the DOCX is damaged (its XML is not well-formed)", name) from None
    except ValueError as exc:
        if "is not a Word file" in str(exc):
            raise InputError(
                "this is a Word template or macro-enabled document; save it as a plain .docx", name
            ) from None
        raise InputError(_reason(exc), name) from None
    except zipfile.BadZipFile:
        raise InputError("the DOCX is damaged (not a valid zip archive)", name) from None
    except MemoryError:
        raise  # the reading process's memory limit names itself (--max-memory)
    except Exception as exc:
        raise InputError(_reason(exc), name) from exc


def _reason(exc: BaseException) -> str:
    """Plain words for the library's error: its own text can carry bytes of the file."""
    if isinstance(exc, zlib.error) or "decompress" in str(exc).lower():
        return "the DOCX is damaged (a compressed part of the archive is corrupt)"
    if isinstance(exc, (SyntaxError, ValueError)) and "xml" in exc.__class__.__module__.lower():
        return "the DOCX is damaged (its XML is not well-formed)"
    text = " ".join(str(exc).encode("ascii", "replace").decode("ascii").split())
    return f"the DOCX cannot be read ({text[:80] if text else exc.__class__.__name__})"


# --- the body ----------------------------------------------------------------------------------


class _Reader:
    """Reads the body once, in order, so that list counters run as Word runs them."""

    def __init__(self, word: Any) -> None:
        self._body = cast(_Element, word.element.body)
        self._numbering = _Numbering(_part_element(word, "numbering_part"), _styles_element(word))
        self._lines: list[Line] = []
        self._tables: list[Table] = []

    def read(self) -> tuple[list[Line], list[Table]]:
        for block in _blocks(self._body):
            if block.tag == _P:
                self._add_paragraph(block)
            else:
                self._add_table(block)
        return self._lines, self._tables

    def _add_paragraph(self, paragraph: _Element) -> None:
        for index, text in enumerate(self._paragraph_lines(paragraph)):
            self._add_line(text, starts_paragraph=index == 0, in_table=False)

    def _paragraph_lines(self, paragraph: _Element, *, in_cell: bool = False) -> list[str]:
        """The paragraph's lines (a manual line break starts a new one), its list
        number in front; empty lines left out. In a cell, a numbered paragraph
        with no text still gives its number: Word numbers many No. columns so."""
        label = self._numbering.label(paragraph)
        segments = [clean(segment) for segment in _paragraph_segments(paragraph)]
        lines = [segment for segment in segments if segment]
        if lines and label:
            lines[0] = f"{label} {lines[0]}"
        elif in_cell and label and label != "-":
            lines = [label]
        return lines

    def _add_line(self, text: str, *, starts_paragraph: bool, in_table: bool) -> int:
        number = len(self._lines) + 1
        self._lines.append(
            Line(text=text, number=number, page=None, starts_paragraph=starts_paragraph, in_table=in_table)
        )
        return number

    def _add_table(self, table: _Element) -> None:
        rows = [cells for cells in self._table_rows(table) if any(cell.text for cell in cells)]
        texts = [tuple(cell.text for cell in cells) for cells in rows]
        if not has_columns(texts):
            self._add_box(rows)
            return
        table_rows = []
        for cells in texts:
            number = self._add_line(row_line_text(cells), starts_paragraph=True, in_table=True)
            table_rows.append(TableRow(cells=cells, page=None, line=number))
        self._tables.append(Table(rows=tuple(table_rows)))

    def _add_box(self, rows: list[tuple[_Cell, ...]]) -> None:
        """A one-column table is a box drawn around text: its paragraphs are prose."""
        for cells in rows:
            for cell in cells:
                for paragraph in cell.paragraphs:
                    for index, text in enumerate(paragraph):
                        self._add_line(text, starts_paragraph=index == 0, in_table=False)

    def _table_rows(self, table: _Element) -> Iterator[tuple[_Cell, ...]]:
        """The cells of each row. A cell spanning columns comes once; a cell merged
        down over rows repeats its text in each, as Word shows it."""
        merged_down: dict[int, str] = {}
        for row in _children(table, _TR):
            column = _int_value(row.find(f"{_W}trPr/{_W}gridBefore"), 0)
            cells: list[_Cell] = []
            for element in _children(row, _TC):
                properties = element.find(f"{_W}tcPr")
                span = max(1, _int_value(_find(properties, f"{_W}gridSpan"), 1))
                merge = _find(properties, f"{_W}vMerge")
                cell = self._read_cell(element)
                if merge is not None and merge.get(f"{_W}val", "continue") == "continue":
                    cell = _Cell(merged_down.get(column, cell.text), cell.paragraphs)
                elif merge is not None:
                    merged_down[column] = cell.text
                else:
                    merged_down.pop(column, None)
                cells.append(cell)
                column += span
            yield tuple(cells)

    def _read_cell(self, cell: _Element) -> _Cell:
        """The cell's paragraphs (a nested table's among them, in order), and all its
        text on one line."""
        paragraphs = [self._paragraph_lines(paragraph, in_cell=True) for paragraph in _descendants(cell, _P)]
        kept = tuple(tuple(lines) for lines in paragraphs if lines)
        return _Cell(clean(" ".join(line for lines in kept for line in lines)), kept)


@dataclass(frozen=True)
class _Cell:
    text: str
    paragraphs: tuple[tuple[str, ...], ...]


def _part_element(word: Any, attribute: str) -> _Element | None:
    try:
        return cast(_Element, getattr(word.part, attribute).element)
    except (KeyError, NotImplementedError, AttributeError):
        return None


def _styles_element(word: Any) -> _Element | None:
    try:
        return cast(_Element, word.styles.element)
    except (KeyError, NotImplementedError, AttributeError):
        return None


def _is_element(node: _Element) -> bool:
    return isinstance(node.tag, str)


def _blocks(parent: _Element) -> Iterator[_Element]:
    """Paragraphs and tables in document order, through content-control wrappers."""
    yield from _children(parent, _P, _TBL)


def _children(parent: _Element, *wanted: str) -> Iterator[_Element]:
    """Children with a wanted tag, looking through block-level wrappers."""
    stack: list[Iterator[_Element]] = [iter(parent)]
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
        elif not _is_element(child):
            continue
        elif child.tag in wanted:
            yield child
        elif child.tag in _BLOCK_WRAPPERS:
            stack.append(iter(child))


def _descendants(parent: _Element, wanted: str) -> Iterator[_Element]:
    """Every descendant with the wanted tag, in document order, not looking inside
    one once found (a paragraph's text boxes stay out)."""
    stack: list[Iterator[_Element]] = [iter(parent)]
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
        elif not _is_element(child) or child.tag == f"{_MC}Fallback":
            continue
        elif child.tag == wanted:
            yield child
        else:
            stack.append(iter(child))


def _paragraph_segments(paragraph: _Element) -> list[str]:
    """The paragraph's text split at manual line breaks, tabs as spaces."""
    segments: list[list[str]] = [[]]
    stack: list[Iterator[_Element]] = [iter(paragraph)]
    while stack:
        node = next(stack[-1], None)
        if node is None:
            stack.pop()
            continue
        if not _is_element(node) or node.tag in _NOT_READ_IN_PARAGRAPH:
            continue
        if node.tag == _TEXT:
            segments[-1].append(_text_of(node))
        elif node.tag in _SPACES:
            segments[-1].append(" ")
        elif node.tag in _BREAKS:
            segments.append([])
        elif node.tag == _NO_BREAK_HYPHEN:
            segments[-1].append("-")
        else:
            stack.append(iter(node))
    return ["".join(parts) for parts in segments]


def _text_of(text_element: _Element) -> str:
    # An unexpanded entity reference is a child node; the text after it is its tail.
    tails = (child.tail or "" for child in text_element)
    return (text_element.text or "") + "".join(tails)


def _find(element: _Element | None, path: str) -> _Element | None:
    return None if element is None else element.find(path)


def _int_value(element: _Element | None, default: int) -> int:
    if element is None:
        return default
    value = element.get(f"{_W}val")
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


# --- Word's automatic numbering ----------------------------------------------------------------


@dataclass(frozen=True)
class _Level:
    start: int = 1
    number_format: str = "decimal"
    text: str | None = None  # lvlText: "%1.", "%1.%2", "(%1)"
    restart_after: int | None = None  # lvlRestart: 0 never; n: only when level n (1-based) or above moves


@dataclass
class _List:
    """One abstract list definition and its running counters, shared by every num
    instance that points at it (Word continues such lists across instances)."""

    levels: dict[int, _Level]
    counters: list[int | None] = field(default_factory=lambda: [None] * _LEVELS)


class _Numbering:
    def __init__(self, numbering: _Element | None, styles: _Element | None) -> None:
        self._lists: dict[str, _List] = {}
        self._instances: dict[str, tuple[str, dict[int, int]]] = {}  # numId -> (abstract id, overrides)
        self._started: set[str] = set()
        self._styles: dict[str, _Element] = {}
        self._default_style: str | None = None
        if styles is not None:
            self._read_styles(styles)
        if numbering is not None:
            self._read_numbering(numbering)

    def _read_styles(self, styles: _Element) -> None:
        for style in styles.findall(f"{_W}style"):
            style_id = style.get(f"{_W}styleId")
            if style_id is None or style.get(f"{_W}type", "paragraph") != "paragraph":
                continue
            self._styles[style_id] = style
            if style.get(f"{_W}default") in ("1", "true", "on"):
                self._default_style = style_id

    def _read_numbering(self, numbering: _Element) -> None:
        abstracts = {
            element.get(f"{_W}abstractNumId"): element for element in numbering.findall(f"{_W}abstractNum")
        }
        for abstract_id, element in abstracts.items():
            if abstract_id is not None:
                self._lists[abstract_id] = _List(levels=_levels(element))
        for instance in numbering.findall(f"{_W}num"):
            num_id = instance.get(f"{_W}numId")
            abstract = instance.find(f"{_W}abstractNumId")
            abstract_id = abstract.get(f"{_W}val") if abstract is not None else None
            if num_id is None or abstract_id is None:
                continue
            overrides: dict[int, int] = {}
            for override in instance.findall(f"{_W}lvlOverride"):
                level = _int_value_attr(override, f"{_W}ilvl")
                start = override.find(f"{_W}startOverride")
                if level is not None and 0 <= level < _LEVELS and start is not None:
                    overrides[level] = _int_value(start, 1)
            self._instances[num_id] = (abstract_id, overrides)
        self._follow_style_links(abstracts)

    def _follow_style_links(self, abstracts: dict[str | None, _Element]) -> None:
        """A list defined by a numbering style (numStyleLink) takes its levels from
        the list that style points at."""
        for abstract_id, element in abstracts.items():
            link = element.find(f"{_W}numStyleLink")
            if abstract_id is None or link is None or self._lists[abstract_id].levels:
                continue
            num_id, _ = self._style_numbering(link.get(f"{_W}val"))
            target = self._instances.get(num_id or "")
            if target is not None and target[0] in self._lists:
                self._lists[abstract_id] = self._lists[target[0]]

    def label(self, paragraph: _Element) -> str | None:
        """The number Word shows in front of the paragraph ("3.", "2.1"), "-" for a
        bullet, None when the paragraph is not in a list."""
        num_id, level = self._paragraph_numbering(paragraph)
        if num_id is None or num_id == "0" or not 0 <= level < _LEVELS:
            return None
        abstract_id, overrides = self._instances.get(num_id, (None, {}))
        word_list = self._lists.get(abstract_id or "")
        if word_list is None:
            return f"{self._advance_orphan(num_id, level)}."
        if num_id not in self._started:
            self._started.add(num_id)
            for overridden, start in overrides.items():
                # the first paragraph of a restarted list shows the override
                word_list.counters[overridden] = start - 1
        definition = word_list.levels.get(level, _Level())
        if definition.number_format == "none":
            return None
        _advance(word_list, level)
        if definition.number_format == "bullet":
            return "-"
        return _format_label(word_list, level)

    def _advance_orphan(self, num_id: str, level: int) -> int:
        # a numId with no definition: count it as a plain "N." list of its own
        orphan = self._lists.setdefault(f"orphan:{num_id}", _List(levels={}))
        _advance(orphan, level)
        return orphan.counters[level] or 1

    def _paragraph_numbering(self, paragraph: _Element) -> tuple[str | None, int]:
        properties = paragraph.find(f"{_W}pPr")
        own = _find(properties, f"{_W}numPr")
        style = _find(properties, f"{_W}pStyle")
        style_id = style.get(f"{_W}val") if style is not None else self._default_style
        style_num, style_level = self._style_numbering(style_id)
        num_id = _attr_of(_find(own, f"{_W}numId")) or style_num
        level = _int_value(_find(own, f"{_W}ilvl"), style_level)
        return num_id, level

    def _style_numbering(self, style_id: str | None) -> tuple[str | None, int]:
        """The numId and level a paragraph style (or a style it is based on) gives."""
        seen: set[str] = set()
        while style_id is not None and style_id not in seen and len(seen) < _STYLE_CHAIN_LIMIT:
            seen.add(style_id)
            style = self._styles.get(style_id)
            if style is None:
                break
            numbering = style.find(f"{_W}pPr/{_W}numPr")
            if numbering is not None:
                return _attr_of(numbering.find(f"{_W}numId")), _int_value(numbering.find(f"{_W}ilvl"), 0)
            based_on = style.find(f"{_W}basedOn")
            style_id = based_on.get(f"{_W}val") if based_on is not None else None
        return None, 0


def _levels(abstract: _Element) -> dict[int, _Level]:
    levels: dict[int, _Level] = {}
    for element in abstract.findall(f"{_W}lvl"):
        index = _int_value_attr(element, f"{_W}ilvl")
        if index is None or not 0 <= index < _LEVELS:
            continue
        restart = element.find(f"{_W}lvlRestart")
        levels[index] = _Level(
            start=_int_value(element.find(f"{_W}start"), 1),
            number_format=_attr_of(element.find(f"{_W}numFmt")) or "decimal",
            text=_attr_of(element.find(f"{_W}lvlText")),
            restart_after=_int_value(restart, 0) if restart is not None else None,
        )
    return levels


def _advance(word_list: _List, level: int) -> None:
    counters = word_list.counters
    current = counters[level]
    start = word_list.levels.get(level, _Level()).start
    counters[level] = start if current is None else current + 1
    for deeper in range(level + 1, _LEVELS):
        restart_after = word_list.levels.get(deeper, _Level()).restart_after
        # level indexes are 0-based, lvlRestart's are 1-based
        if restart_after is None or (restart_after != 0 and level < restart_after):
            counters[deeper] = None


def _format_label(word_list: _List, level: int) -> str:
    definition = word_list.levels.get(level, _Level())
    if definition.text is None:
        return f"{_shown(word_list, level)}."

    def replace(match: re.Match[str]) -> str:
        return _shown(word_list, int(match.group(1)) - 1)

    return clean(_LEVEL_PLACEHOLDER.sub(replace, definition.text))


def _shown(word_list: _List, level: int) -> str:
    definition = word_list.levels.get(level, _Level())
    value = word_list.counters[level]
    if value is None:  # a level not yet used shows its start value
        value = definition.start
    return list_number(value, _NUMBER_FORMATS.get(definition.number_format, "decimal"))


def _attr_of(element: _Element | None) -> str | None:
    return element.get(f"{_W}val") if element is not None else None


def _int_value_attr(element: _Element, attribute: str) -> int | None:
    value = element.get(attribute)
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None
