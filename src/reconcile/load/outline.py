"""A document's outline from its lines: headings, paragraphs and list items, for the
readers whose source does not mark them (PDF, plain text) or whose marks arrive as
lines (DOCX, HTML). Markdown has its own parser (markdown.py) giving the same Blocks.

What a heading and a list item look like lives here, and only here."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

from ..model import Block, Line
from ..textutil import join_lines

_MARKDOWN_HEADING = re.compile(r"^(?P<hashes>#{1,6})\s+(?P<title>.*?)\s*#*\s*$")
_ORG_HEADING = re.compile(r"^(?P<stars>\*{1,6})\s+(?P<title>\S.*)$")
_RULE = re.compile(r"^\s*([-*_=])(\s*\1){2,}\s*$")
_UNDERLINE = re.compile(r"^\s*(?:={3,}|-{3,})\s*$")
# "- x", "* x", "• x", "3. x", "3) x", "(3) x", "a) x"
_BULLET = re.compile(
    r"^(?:(?P<bullet>[-*+•·▪◦‣○●])|(?P<ordinal>\d{1,3}|[a-z])[.)]|\((?P<paren>\d{1,3}|[a-z])\))\s+(?P<rest>.*)$"
)
_CHECKBOX = re.compile(r"^\[(?P<mark>[ xX✓✔-]?)\]\s+|^(?P<glyph>[☐☑☒✅])\s*")
_DONE_GLYPHS = frozenset("☑☒✅")
_DONE_MARKS = frozenset("xX✓✔")
# A numbered agenda title: "9. Review Outstanding Action Items", "1.6 Review of
# action items (Secretary Stefan)", "5) Play area".
_NUMBERED_TITLE = re.compile(r"^(?P<num>\d{1,2}(?:\.\d{1,2})*)[.)]?\s+(?P<title>[A-Z].*)$")
_MAX_HEADING_WORDS = 8
_MAX_CAPITALS_HEADING_WORDS = 14
_EMPHASIS = re.compile(r"(\*\*|__)")


def heading_of(line: Line, underlined: str = "", org: bool = False) -> tuple[str, int] | None:
    """(title, level) if the line is a heading: a Markdown heading, an Org-mode one
    (in an Org document), a line underlined with = or - (``underlined`` is the
    underline), a numbered agenda title, or a short line of its own that reads like
    a title (PDF, HTML and DOCX headings arrive as such lines). Level 0: not stated."""
    text = line.text.strip()
    match = _MARKDOWN_HEADING.match(text)
    if match and not org:
        return _plain(match["title"]).rstrip(":").strip(), len(match["hashes"])
    match = _ORG_HEADING.match(text)
    if match and org and line.indent == 0:
        return _plain(match["title"]).rstrip(":").strip(), len(match["stars"])
    if (
        underlined
        and not line.in_table
        and not _BULLET.match(text)
        and len(text.split()) <= _MAX_HEADING_WORDS
    ):
        # underlined (and perhaps overlined too: "=====" / "ATTACHMENTS:" / "=====")
        return _plain(text).rstrip(":").strip(), 1 if underlined.strip()[0] == "=" else 2
    if line.in_table or not line.starts_paragraph:
        return None
    numbered = _NUMBERED_TITLE.match(text)
    if numbered and reads_as_title(numbered["title"]):
        return _plain(text).rstrip(":").strip(), numbered["num"].count(".") + 1
    if _BULLET.match(text):
        return None
    if reads_as_title(text):
        return _plain(text).rstrip(":").strip(), 0
    return None


# "Action: Clerk", "Status: open": a field and its value, not a title
_FIELD = re.compile(r"^\w+\s*:\s+\S")


def reads_as_title(text: str) -> bool:
    plain = _plain(text)
    words = plain.split()
    if _FIELD.match(plain):
        return False
    # an all-capitals line may be longer: "ITEM 1 - ACTIONS FROM THE MEETING OF 21 SEPTEMBER 2022"
    longest = _MAX_CAPITALS_HEADING_WORDS if plain.upper() == plain else _MAX_HEADING_WORDS
    if not words or len(words) > longest or plain[-1] in ".,;!?":
        return False
    return plain[0].isupper() or plain[0].isdigit()


def is_rule(line: Line) -> bool:
    return bool(_RULE.match(line.text))


def list_item(text: str) -> tuple[str, str] | None:
    """(ordinal or '', rest) if the text starts a list item: '- x', '* x', '3. x'."""
    match = _BULLET.match(text.strip())
    if not match:
        return None
    ordinal = match["ordinal"] or match["paren"] or ""
    return (ordinal if ordinal.isdigit() else ""), match["rest"]


def checkbox_of(text: str) -> tuple[str, str]:
    """(checkbox, rest): a task-list box at the start of an item's text."""
    match = _CHECKBOX.match(text)
    if not match:
        return "", text
    done = match["glyph"] in _DONE_GLYPHS if match["glyph"] else (match["mark"] or "") in _DONE_MARKS
    return ("done" if done else "open"), text[match.end() :]


def _plain(text: str) -> str:
    return _EMPHASIS.sub("", text).strip()


@dataclass
class _Open:
    kind: str
    first: Line
    parts: list[str]
    level: int = 0
    number: str = ""
    checkbox: str = ""
    indent: int = 0
    parent: int = -1


def outline_from_lines(lines: Sequence[Line]) -> tuple[Block, ...]:
    """Headings, paragraphs and (nested) list items, in reading order. A line that
    neither starts a paragraph nor an item continues the block before it."""
    org = any(line.text.startswith("#+") for line in lines[:50])
    # Org-mode's "#+TITLE:" keywords are the file's settings, not its text
    body = [line for line in lines if not line.in_table and not (org and line.text.startswith("#+"))]
    blocks: list[Block] = []
    current: _Open | None = None
    items: list[tuple[int, int]] = []  # the open items, innermost last: (indent, index in blocks)
    skip = False
    for position, line in enumerate(body):
        if skip:
            skip = False
            continue
        following = body[position + 1].text if position + 1 < len(body) else ""
        underlined = following if _UNDERLINE.match(following) and not _UNDERLINE.match(line.text) else ""
        task = _org_task(line) if org else None
        if task is not None:
            _close(current, blocks)
            items.clear()
            current = None
            blocks.append(task)
            continue
        heading = heading_of(line, underlined, org)
        if heading is not None and not underlined and _wraps_into(body, position):
            heading = None
        if heading is not None:
            _close(current, blocks)
            current = None
            items.clear()
            skip = bool(underlined)
            title, level = heading
            blocks.append(Block("heading", title, line.page, line.number, level=level))
            continue
        if is_rule(line):
            _close(current, blocks)
            current = None
            items.clear()
            continue
        started = list_item(line.text)
        if started is not None:
            _close(current, blocks)
            current = None
            while items and items[-1][0] >= line.indent:
                items.pop()
            ordinal, rest = started
            checkbox, rest = checkbox_of(rest)
            parent = items[-1][1] if items else -1
            current = _Open(
                "item",
                line,
                [rest],
                level=len(items),
                number=ordinal,
                checkbox=checkbox,
                indent=line.indent,
                parent=parent,
            )
            items.append((line.indent, len(blocks)))
            continue
        if current is not None and (
            not line.starts_paragraph or (current.kind == "item" and line.indent > current.indent)
        ):
            current.parts.append(line.text)
            continue
        _close(current, blocks)
        current = None
        while items and line.indent <= items[-1][0]:
            items.pop()
        parent = items[-1][1] if items else -1
        current = _Open("paragraph", line, [line.text], indent=line.indent, parent=parent)
    _close(current, blocks)
    return without_auto_numbers(blocks)


_ORG_TASK = re.compile(r"^\*{1,6}\s+(?P<keyword>TODO|DONE)\s+(?P<title>\S.*)$")


def _org_task(line: Line) -> Block | None:
    """An Org-mode headline with a TODO or DONE keyword is a task, not a title."""
    match = _ORG_TASK.match(line.text)
    if match is None or line.indent:
        return None
    checkbox = "done" if match["keyword"] == "DONE" else "open"
    return Block("item", f"{match['keyword']} {match['title']}", line.page, line.number, checkbox=checkbox)


def _wraps_into(body: Sequence[Line], position: int) -> bool:
    """Whether the line's sentence goes on in the next line (which continues its
    paragraph in lower case): then it is no title, however short."""
    if position + 1 >= len(body):
        return False
    following = body[position + 1]
    return not following.starts_paragraph and following.text[:1].islower()


def _close(current: _Open | None, blocks: list[Block]) -> None:
    if current is not None:
        blocks.append(
            Block(
                current.kind,
                join_lines(current.parts, "\n"),
                current.first.page,
                current.first.number,
                level=current.level,
                number=current.number,
                checkbox=current.checkbox,
                parent=current.parent,
            )
        )


def without_auto_numbers(blocks: Sequence[Block]) -> tuple[Block, ...]:
    """A list whose items are all numbered "1." was numbered by the writer's tool
    (Markdown renumbers them): its items have no number of their own."""
    result = list(blocks)
    for siblings in _sibling_runs(result):
        if len(siblings) > 1 and all(result[i].number == "1" for i in siblings):
            for i in siblings:
                result[i] = replace(result[i], number="")
    return tuple(result)


def _sibling_runs(blocks: Sequence[Block]) -> Iterator[list[int]]:
    """The items of each list: runs with the same parent and depth, ended by a
    heading or a paragraph outside any list."""
    runs: dict[tuple[int, int], list[int]] = {}
    for index, block in enumerate(blocks):
        if block.kind == "item":
            key = (block.parent, block.level)
            if key in runs and bool(blocks[runs[key][-1]].number) != bool(block.number):
                yield runs.pop(key)  # bullets then numbers: two lists
            runs.setdefault(key, []).append(index)
        elif block.kind == "heading" or block.parent < 0:
            yield from runs.values()
            runs = {}
    yield from runs.values()
