"""Markdown -> outline, with markdown-it-py (CommonMark, with GFM tables and
strikethrough, and its front-matter plugin): the maintained parser, so that
nesting, auto-numbering, emphasis, links, escapes and inline HTML are read as
Markdown defines them rather than guessed at line by line."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..model import Block
from .outline import checkbox_of, reads_as_title

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

# Signs that a text file is Markdown rather than plain text: an ATX heading at the
# margin, a link, front matter, bold, a task-list item. Plain text read as
# Markdown loses its indented blocks (they become code), so the signs must be clear.
_MARKDOWN_SIGNS = re.compile(
    r"^#{1,6}\s+(?:\d+[.)]?\s+)?[^\W\d_]|\]\([^)\s]+\)|\A---\s*\n"
    r"|\*\*\S[^*\n]*\S\*\*|^\s*[-*+]\s+\[[ xX]\]\s",
    re.MULTILINE,
)


# Prose indented four spaces or more is a code block in Markdown, which nobody
# writes minutes in: text indented so is plain text laid out with spaces.
_INDENTED_PROSE = re.compile(r"^(?: {4,}|\t)(?![-*+•]\s|\d{1,3}[.)]\s)\S", re.MULTILINE)
# Judged on the document's opening lines: attachments at the end may be Markdown.
_MOSTLY_INDENTED = 0.25
_OPENING_LINES = 500


def looks_like_markdown(text: str) -> bool:
    opening = "\n".join([line for line in text[:200_000].splitlines() if line.strip()][:_OPENING_LINES])
    if len(_MARKDOWN_SIGNS.findall(opening)) < 2:
        return False
    return len(_INDENTED_PROSE.findall(opening)) < _MOSTLY_INDENTED * (opening.count("\n") + 1)


def _parser() -> MarkdownIt:
    # imported on first use: plain-text documents never pay for the parser
    from markdown_it import MarkdownIt
    from mdit_py_plugins.front_matter import front_matter_plugin

    return MarkdownIt("commonmark").enable(["table", "strikethrough"]).use(front_matter_plugin)


_STRUCK_SHARE = 0.6


@dataclass
class _Inline:
    text: str
    emphasis: tuple[str, ...]
    struck_chars: int  # letters inside strikethrough

    def struck(self, text: str) -> bool:
        """Whether ``text`` (the inline's text, or its end) is struck through: all of
        it, or most of it with a remark after ("~~Omar to ask for a runner~~ (they
        gave us two)")."""
        letters = len(text.replace(" ", "").replace("\n", ""))
        return letters > 0 and self.struck_chars >= letters * _STRUCK_SHARE


@dataclass
class _State:
    blocks: list[Block] = field(default_factory=list)
    # the open list items, innermost last: the index of each one's Block, or -1
    # until its first paragraph gives it one
    items: list[int] = field(default_factory=list)
    numbers: list[str] = field(default_factory=list)


def markdown_outline(text: str) -> tuple[Block, ...]:
    tokens = _parser().parse(text)
    auto = _auto_numbered(tokens)
    state = _State()
    heading_level = 0
    for index, token in enumerate(tokens):
        if token.type == "heading_open":
            heading_level = int(token.tag[1:])
        elif token.type == "list_item_open":
            state.items.append(-1)
            real = token.markup in (".", ")") and index not in auto
            state.numbers.append(token.info if real else "")
        elif token.type == "list_item_close":
            state.items.pop()
            state.numbers.pop()
        elif token.type == "inline" and not _in_table(tokens, index):
            _add_inline(state, token, tokens[index - 1], heading_level)
            heading_level = 0
    return tuple(state.blocks)


def _auto_numbered(tokens: Sequence[Token]) -> set[int]:
    """The items of ordered lists numbered "1." throughout: Markdown renumbers
    them, so they have no number of their own."""
    auto: set[int] = set()
    for start, token in enumerate(tokens):
        if token.type != "ordered_list_open":
            continue
        items = []
        for index in range(start + 1, len(tokens)):
            inner = tokens[index]
            if inner.type == "ordered_list_close" and inner.level == token.level:
                break
            if inner.type == "list_item_open" and inner.level == token.level + 1:
                items.append(index)
        if len(items) > 1 and all(tokens[i].info == "1" for i in items):
            auto.update(items)
    return auto


def _in_table(tokens: Sequence[Token], index: int) -> bool:
    return tokens[index - 1].type in ("th_open", "td_open")


def _add_inline(state: _State, token: Token, opener: Token, heading_level: int) -> None:
    inline = _render(token.children or [])
    if not inline.text:
        return
    line = token.map[0] + 1 if token.map else None
    if opener.type == "heading_open":
        state.blocks.append(
            Block("heading", inline.text.rstrip(":").strip(), None, line, level=heading_level)
        )
        return
    if state.items and state.items[-1] == -1:
        checkbox, rest = checkbox_of(inline.text)
        parents = [i for i in state.items[:-1] if i >= 0]
        state.items[-1] = len(state.blocks)
        state.blocks.append(
            Block(
                "item",
                rest,
                None,
                line,
                level=len(state.items) - 1,
                number=state.numbers[-1],
                checkbox=checkbox,
                struck=inline.struck(rest),
                emphasis=inline.emphasis,
                parent=parents[-1] if parents else -1,
            )
        )
        return
    parent = next((i for i in reversed(state.items) if i >= 0), -1)
    if _is_bold_title(inline, parent):
        # a paragraph that is one bold phrase, short and unpunctuated, is a title
        state.blocks.append(Block("heading", inline.text.rstrip(":").strip(), None, line, level=0))
        return
    state.blocks.append(
        Block(
            "paragraph",
            inline.text,
            None,
            line,
            struck=inline.struck(inline.text),
            emphasis=inline.emphasis,
            parent=parent,
        )
    )


def _is_bold_title(inline: _Inline, parent: int) -> bool:
    return (
        parent < 0
        and len(inline.emphasis) == 1
        and inline.emphasis[0] == inline.text
        and reads_as_title(inline.text.rstrip(":"))
    )


def _render(children: Sequence[Token]) -> _Inline:
    """The text a reader sees: links as their text, emphasis and escapes
    resolved, inline HTML dropped; the emphasised and struck spans kept apart."""
    parts: list[str] = []
    emphasis: list[str] = []
    opened: list[int] = []  # where each open emphasis started in parts
    struck_chars = 0
    struck_from: int | None = None
    for child in children:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append("\n")
        elif child.type == "image":
            parts.append(child.content)
        elif child.type in ("em_open", "strong_open"):
            opened.append(len(parts))
        elif child.type in ("em_close", "strong_close") and opened:
            span = " ".join("".join(parts[opened.pop() :]).split())
            if span:
                emphasis.append(span)
        elif child.type == "s_open":
            struck_from = len(parts)
        elif child.type == "s_close" and struck_from is not None:
            struck_chars += len("".join(parts[struck_from:]).replace(" ", ""))
            struck_from = None
    return _Inline(_lines("".join(parts)), tuple(dict.fromkeys(emphasis)), struck_chars)


def _lines(text: str) -> str:
    """The text with one space between words and its line breaks kept: a marker
    may open a line within a paragraph ("Last week's AI: ...")."""
    return "\n".join(" ".join(line.split()) for line in text.split("\n") if line.strip())
