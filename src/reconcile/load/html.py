"""HTML -> Document through the standard library's HTMLParser: one line per block
(paragraph, heading, list item, ...), list numbers written out, tables as tables.

Two passes: the parser builds a small tree (tolerant of unclosed and stray tags,
as browsers are), then one walk emits the lines. Both are loops over explicit
stacks, never recursion, so deeply nested markup cannot exhaust the call stack."""

from __future__ import annotations

import codecs
import contextlib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser

from ..errors import InputError
from ..model import Document, Line, Table, TableRow
from ..textutil import clean, normalise
from .common import has_columns, list_number, row_line_text
from .dates import document_date
from .text import decode_text

# Never read: code, styling, page furniture for navigation, and form controls.
_SKIPPED = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "head",
        "title",  # read apart, as the first line
        "nav",
        "svg",
        "iframe",
        "object",
        "select",
        "textarea",
    }
)
_VOID = frozenset(
    {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    }
)
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
# Elements that begin and end a line of their own.
_BLOCKS = frozenset(
    {
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "caption",
        "center",
        "dd",
        "details",
        "dialog",
        "dir",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "header",
        "hgroup",
        "hr",
        "html",
        "legend",
        "li",
        "main",
        "menu",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
        *_HEADINGS,
    }
)
# A start tag of these closes an open <p>, as in the HTML parsing rules.
_CLOSES_PARAGRAPH = (_BLOCKS - {"body", "html", "caption", "td", "th", "tr", "tbody", "thead", "tfoot"}) | {
    "nav"
}
# What an implied end tag may not reach across.
_SCOPE_LIMITS = frozenset({"html", "table", "td", "th", "caption", "button", "template", "object"})
_LIST_LIMITS = _SCOPE_LIMITS | {"ol", "ul", "menu"}
_DEFINITION_LIMITS = _SCOPE_LIMITS | {"dl"}
_ROW_GROUPS = frozenset({"thead", "tbody", "tfoot"})
_HEAD_CONTENT = frozenset({"title", "meta", "link", "style", "script", "base", "noscript", "template"})

# Deeper markup than this is read as text of the deepest element kept: no page
# nests so deep, and the bound keeps every stack search short.
_MAX_OPEN = 512
_IMPLIED_SEARCH = 64  # how far an implied end tag looks for what it closes
_MAX_SPAN = 1000  # browsers cap colspan at 1000 as well
_MAX_ROWSPAN = 65534

_OL_TYPES = {"1": "decimal", "a": "lower-alpha", "A": "upper-alpha", "i": "lower-roman", "I": "upper-roman"}
_CHARSET_ALIASES = {
    # what browsers decode these labels as
    "iso-8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "us-ascii": "cp1252",
    "ascii": "cp1252",
}
_CHARSET_PRESCAN = 4096


def load_html(data: bytes, name: str) -> Document:
    text = decode_html(data, name)
    try:
        root, title = _parse(text)
        lines, tables = _Writer.emit(root, title)
    except RecursionError:  # the parser's own code is iterative; kept as a last guard
        raise InputError("the web page nests too deeply to read", name) from None
    except MemoryError:
        raise InputError(
            "the web page needs more memory than is available to read (--max-memory)", name
        ) from None
    except Exception as exc:  # HTMLParser raises a bare AssertionError on some broken markup
        detail = " ".join(str(exc).split())[:120] or exc.__class__.__name__
        raise InputError(f"the web page cannot be read ({detail})", name) from exc
    if not lines:
        raise InputError("the web page has no text", name)
    return Document(
        path=name,
        kind="html",
        lines=tuple(lines),
        tables=tuple(tables),
        date=document_date(lines),
    )


# --- decoding ----------------------------------------------------------------------------------


def decode_html(data: bytes, name: str) -> str:
    """Text from bytes: a BOM decides; else the charset a <meta> declares; else
    as plain text is decoded (UTF-8, then Windows-1252)."""
    if data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return decode_text(data, name)
    declared = _declared_charset(data[:_CHARSET_PRESCAN])
    if declared is None:
        return decode_text(data, name)
    return normalise(data.decode(declared, errors="replace"))


def _declared_charset(head: bytes) -> str | None:
    finder = _CharsetFinder()
    # a tag torn at the cut may upset the parser; a charset, if any, came before it
    with contextlib.suppress(Exception):
        finder.feed(head.decode("latin-1"))
    return _usable_charset(finder.charset) if finder.charset else None


def _usable_charset(label: str) -> str | None:
    label = label.strip().strip("'\"").lower()
    label = _CHARSET_ALIASES.get(label, label)
    try:
        encoding = codecs.lookup(label).name
    except LookupError:
        return None
    # A page that says UTF-16 without a BOM is read as UTF-8, as browsers do:
    # it was ASCII-compatible enough for the <meta> to be read at all.
    return "utf-8" if encoding.startswith("utf-16") else encoding


class _CharsetFinder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.charset: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "meta" or self.charset is not None:
            return
        values = {key: value or "" for key, value in attrs}
        if values.get("charset"):
            self.charset = values["charset"]
        elif values.get("http-equiv", "").lower() == "content-type":
            self.charset = _charset_parameter(values.get("content", ""))


def _charset_parameter(content: str) -> str | None:
    for parameter in content.split(";"):
        key, _, value = parameter.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip()
    return None


# --- the tree ----------------------------------------------------------------------------------


@dataclass(eq=False)
class _Node:
    tag: str
    attrs: dict[str, str]
    skipped: bool
    children: list[_Node | str] = field(default_factory=list)
    # set as the tree is built, so that telling a layout table costs nothing
    has_text: bool = False
    has_heading: bool = False


def _parse(text: str) -> tuple[_Node, str]:
    builder = _TreeBuilder()
    builder.feed(text)
    builder.close()
    return builder.root, clean("".join(builder.title))


def _is_hidden(attrs: dict[str, str]) -> bool:
    if "hidden" in attrs or attrs.get("aria-hidden", "").strip().lower() == "true":
        return True
    style = "".join(attrs.get("style", "").lower().split())
    return "display:none" in style or "visibility:hidden" in style


class _TreeBuilder(HTMLParser):
    """Builds the tree, closing what HTML leaves implied (<p>, <li>, <td>, ...).
    Text under skipped elements is dropped here and never stored."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = _Node("#root", {}, skipped=False)
        self.title: list[str] = []
        self._open: list[_Node] = [self.root]
        self._open_count: Counter[str] = Counter()
        self._in_title = False
        self._title_seen = False

    # HTMLParser calls these

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID:
            self._add_void(tag)
            return
        self._close_implied(tag)
        parent = self._open[-1]
        values = {key: value or "" for key, value in attrs}
        skipped = parent.skipped or tag in _SKIPPED or _is_hidden(values)
        if len(self._open) >= _MAX_OPEN and (parent.skipped or not skipped):
            return  # too deep: its text joins the deepest element kept
        node = _Node(tag, values, skipped)
        if not parent.skipped:
            parent.children.append(node)
        self._push(node)
        if tag == "title" and not self._title_seen and not self._open_count["svg"]:
            self._in_title = True  # the page's title, not an SVG icon's

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        # "<div/>" opens and closes; "<br/>" must not also read as a "</br>"
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "br":  # browsers read a stray </br> as <br>
            self._add_void("br")
            return
        if self._open_count[tag]:
            self._pop_through(tag)

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title.append(data)
            return
        node = self._open[-1]
        if not node.skipped:
            node.children.append(data)
            node.has_text = node.has_text or bool(data.strip())

    def close(self) -> None:
        super().close()
        while len(self._open) > 1:  # elements left open at the end close there
            self._pop()

    # the open elements

    def _add_void(self, tag: str) -> None:
        parent = self._open[-1]
        if not parent.skipped and tag in ("br", "hr"):
            parent.children.append(_Node(tag, {}, skipped=False))

    def _push(self, node: _Node) -> None:
        self._open.append(node)
        self._open_count[node.tag] += 1

    def _pop(self) -> _Node:
        node = self._open.pop()
        self._open_count[node.tag] -= 1
        if node.tag == "title" and self._in_title:
            self._in_title = False
            self._title_seen = True
        if not node.skipped:
            parent = self._open[-1]
            parent.has_text = parent.has_text or node.has_text
            parent.has_heading = parent.has_heading or node.has_heading or node.tag in _HEADINGS
        return node

    def _pop_through(self, tag: str) -> None:
        # the count says it is open, so this ends at it; each pop is paid for by its push
        while len(self._open) > 1:
            if self._pop().tag == tag:
                return

    def _close_implied(self, tag: str) -> None:
        if self._open[-1].tag == "head" and tag not in _HEAD_CONTENT:
            self._pop()  # content after an unclosed <head> belongs to the body
        if tag in _CLOSES_PARAGRAPH:
            self._close_open("p", _SCOPE_LIMITS)
        if tag == "li":
            self._close_open("li", _LIST_LIMITS)
        elif tag in ("dt", "dd"):
            self._close_open("dt", _DEFINITION_LIMITS)
            self._close_open("dd", _DEFINITION_LIMITS)
        elif tag in ("td", "th"):
            self._close_open("td", frozenset({"tr", "table"}))
            self._close_open("th", frozenset({"tr", "table"}))
        elif tag == "tr":
            self._close_open("tr", frozenset({"table"}))
        elif tag in _ROW_GROUPS:
            for group in (*_ROW_GROUPS, "tr"):
                self._close_open(group, frozenset({"table"}))
        elif tag in _HEADINGS and self._open[-1].tag in _HEADINGS:
            self._pop()

    def _close_open(self, tag: str, limits: frozenset[str]) -> None:
        """Close an open ``tag`` near the top, unless a limit lies between."""
        if not self._open_count[tag]:
            return
        for depth, node in enumerate(reversed(self._open[1:])):
            if depth >= _IMPLIED_SEARCH or (node.tag in limits and node.tag != tag):
                return
            if node.tag == tag:
                self._pop_through(tag)
                return


# --- the walk ----------------------------------------------------------------------------------


@dataclass
class _ListState:
    next_value: int
    step: int
    style: str  # a list_number style, or "bullet"


class _Writer:
    """Walks the tree and writes lines: text gathers into the current line until a
    block boundary or a <br> ends it."""

    def __init__(self, *, flat: bool = False) -> None:
        self.lines: list[Line] = []
        self.tables: list[Table] = []
        self._flat = flat  # reading one table cell: tables inside are text too
        self._buffer: list[str] = []
        self._prefix = ""
        self._new_paragraph = True
        self._lists: list[_ListState] = []
        self._pre = 0

    @classmethod
    def emit(cls, root: _Node, title: str) -> tuple[list[Line], list[Table]]:
        writer = cls()
        if title:
            writer._buffer.append(title)
            writer._end_block()
        writer._walk(root)
        writer._end_block()
        return writer.lines, writer.tables

    def _walk(self, root: _Node) -> None:
        # (node, True) enters an element, (node, False) leaves it; str is text
        stack: list[tuple[_Node, bool] | str] = [(root, True)]
        while stack:
            item = stack.pop()
            if isinstance(item, str):
                self._text(item)
                continue
            node, entering = item
            if not entering:
                self._leave(node)
            elif self._enter(node):
                stack.append((node, False))
                stack.extend(
                    child if isinstance(child, str) else (child, True) for child in reversed(node.children)
                )

    def _enter(self, node: _Node) -> bool:
        """Start an element; False when its content is not to be walked."""
        tag = node.tag
        if node.skipped:
            return False
        if tag == "br":
            self._end_line()
            # a break after a whole sentence starts another unit of the text ("ACTION:
            # ... by 30 April.<br>The group discussed ..."); one inside a sentence
            # (an address, a wrapped line) does not
            self._new_paragraph = bool(self.lines) and self.lines[-1].text.rstrip().endswith((".", "!", "?"))
            return False
        if tag == "table" and not self._flat:
            table = _read_table(node)
            if table is not None:
                self._add_table(table)
                return False
        if tag in _BLOCKS:
            self._end_block()
        if tag in ("ol", "ul", "menu", "dir"):
            self._lists.append(_list_state(node))
        elif tag == "li":
            self._prefix = self._item_label(node)
        elif tag == "pre":
            self._pre += 1
        return True

    def _leave(self, node: _Node) -> None:
        tag = node.tag
        if tag in _BLOCKS:
            self._end_block()
        if tag in ("ol", "ul", "menu", "dir") and self._lists:
            self._lists.pop()
        elif tag == "li":
            self._prefix = ""  # an empty item shows its number but has no line
        elif tag == "pre":
            self._pre -= 1

    def _item_label(self, item: _Node) -> str:
        if not self._lists:
            return "- "
        state = self._lists[-1]
        if state.style == "bullet":
            return "- "
        value = _int_attr(item, "value")
        if value is not None:
            state.next_value = value
        label = list_number(state.next_value, state.style)
        state.next_value += state.step
        return f"{label}. "

    def _text(self, text: str) -> None:
        if not self._pre:
            self._buffer.append(text)
            return
        first, *rest = text.split("\n")
        self._buffer.append(first)
        for line in rest:
            self._end_line()
            self._buffer.append(line)

    def _end_line(self) -> None:
        """End the current line; the next one continues the same paragraph."""
        text = clean("".join(self._buffer))
        self._buffer.clear()
        if not text:
            return
        self._add_line(self._prefix + text, in_table=False)
        self._prefix = ""

    def _end_block(self) -> None:
        self._end_line()
        self._new_paragraph = True

    def _add_line(self, text: str, *, in_table: bool) -> int:
        number = len(self.lines) + 1
        # a nested list's items are indented under their parent item, as text is
        indent = 2 * (len(self._lists) - 1) if self._lists else 0
        self.lines.append(
            Line(
                text=text,
                number=number,
                page=None,
                starts_paragraph=self._new_paragraph,
                in_table=in_table,
                indent=indent,
            )
        )
        self._new_paragraph = False
        return number

    def _add_table(self, table: _ReadTable) -> None:
        self._end_block()
        self._prefix = ""  # a list item's number does not carry over a table
        if table.caption:
            self._add_line(table.caption, in_table=False)
        rows: list[TableRow] = []
        for cells in table.rows:
            self._new_paragraph = True
            number = self._add_line(row_line_text(cells), in_table=True)
            rows.append(TableRow(cells=cells, page=None, line=number))
        self.tables.append(Table(rows=tuple(rows)))
        self._new_paragraph = True


def _list_state(node: _Node) -> _ListState:
    if node.tag != "ol":
        return _ListState(next_value=1, step=1, style="bullet")
    style = _OL_TYPES.get(node.attrs.get("type", "1").strip(), "decimal")
    start = _int_attr(node, "start")
    if "reversed" in node.attrs:
        return _ListState(next_value=start if start is not None else _count_items(node), step=-1, style=style)
    return _ListState(next_value=start if start is not None else 1, step=1, style=style)


def _count_items(list_node: _Node) -> int:
    return sum(1 for child in list_node.children if isinstance(child, _Node) and child.tag == "li")


def _int_attr(node: _Node, name: str) -> int | None:
    value = node.attrs.get(name, "").strip()
    try:
        return int(value)
    except ValueError:
        return None


# --- tables ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _ReadTable:
    caption: str
    rows: list[tuple[str, ...]]


def _read_table(table: _Node) -> _ReadTable | None:
    """The table's rows of cell texts, or None for a table used for layout (its
    content is then read as ordinary blocks): marked so, a single column, or cells
    holding headings."""
    if table.attrs.get("role", "").strip().lower() in ("presentation", "none"):
        return None
    caption = ""
    row_nodes: list[_Node] = []
    for node in _own_parts(table):
        if node.tag == "caption":
            caption = _flat_text(node)
        else:
            row_nodes.append(node)
    cell_rows = [_own_cells(row) for row in row_nodes]
    if any(cell.has_heading for cells in cell_rows for cell in cells):
        return None
    if not any(sum(1 for cell in cells if cell.has_text) >= 2 for cells in cell_rows):
        return None
    rows = [row for row in _cell_texts(cell_rows) if any(row)]
    if not has_columns(rows):  # text that was only space once collapsed
        return None
    return _ReadTable(caption=caption, rows=rows)


def _cell_texts(cell_rows: list[list[_Node]]) -> Iterator[tuple[str, ...]]:
    """Cell texts per row. A cell spanning columns comes once; a cell spanning rows
    repeats its text in each row it covers, as the DOCX reader does."""
    spanning: dict[int, tuple[int, str]] = {}  # column -> (rows still covered, text)
    for cells in cell_rows:
        texts: list[str] = []
        column = 0
        for cell in cells:
            column = _take_spanning(spanning, column, texts)
            text = _flat_text(cell)
            texts.append(text)
            rowspan = min(_int_attr(cell, "rowspan") or 1, _MAX_ROWSPAN)
            colspan = min(max(_int_attr(cell, "colspan") or 1, 1), _MAX_SPAN)
            if rowspan > 1:
                spanning[column] = (rowspan - 1, text)
            column += colspan
        while spanning and column <= max(spanning):
            column = _take_spanning(spanning, column, texts) + 1
        yield tuple(texts)


def _take_spanning(spanning: dict[int, tuple[int, str]], column: int, texts: list[str]) -> int:
    """Put in the texts of cells from rows above that cover this column; the next free column."""
    while column in spanning:
        left, text = spanning[column]
        texts.append(text)
        if left > 1:
            spanning[column] = (left - 1, text)
        else:
            del spanning[column]
        column += 1
    return column


def _own_parts(table: _Node) -> Iterator[_Node]:
    """The table's caption and rows, not those of tables inside it."""
    return _find_nodes(table, frozenset({"tr", "caption"}))


def _own_cells(row: _Node) -> list[_Node]:
    return list(_find_nodes(row, frozenset({"td", "th"})))


def _find_nodes(parent: _Node, wanted: frozenset[str]) -> Iterator[_Node]:
    """Descendants with a wanted tag, not looking inside them or inside nested tables."""
    stack = [child for child in reversed(parent.children) if isinstance(child, _Node)]
    while stack:
        node = stack.pop()
        if node.skipped:
            continue
        if node.tag in wanted:
            yield node
        elif node.tag != "table":
            stack.extend(child for child in reversed(node.children) if isinstance(child, _Node))


def _flat_text(node: _Node) -> str:
    """All the element's text on one line: its blocks, and any tables in it, run together."""
    writer = _Writer(flat=True)
    writer._walk(node)
    writer._end_block()
    return clean(" ".join(line.text for line in writer.lines))
