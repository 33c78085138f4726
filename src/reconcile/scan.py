"""Compiling a regular expression so that the engine passes over, in one step, the
positions where no match can start.

Python's engine jumps to candidate positions only for a pattern that starts with a
plain character or character class. A pattern that starts with a lookbehind, an
optional group or alternatives ("(?<![a-z])(?P<m>jan|feb|...)", "(?:the\\s+)?early")
is tried in full at every position of the text. A lookahead on the characters a
match can start with rejects almost every position at its first step. Those
characters are read from the pattern itself, so that no pattern has to say them
twice, and the lookahead only ever lists more characters than a match can start
with: the matches found are the same.
"""

from __future__ import annotations

import re
import sys
from typing import Any

if sys.version_info >= (3, 11):
    from re import _parser as sre_parse
else:  # the same parser before it moved into the re package
    import sre_parse

__all__ = ["compile_scanning", "first_characters"]

# ASCII and Unicode meanings alike: the class is compiled with the pattern's own flags.
_CATEGORIES = {
    sre_parse.CATEGORY_DIGIT: r"\d",
    sre_parse.CATEGORY_NOT_DIGIT: r"\D",
    sre_parse.CATEGORY_SPACE: r"\s",
    sre_parse.CATEGORY_NOT_SPACE: r"\S",
    sre_parse.CATEGORY_WORD: r"\w",
    sre_parse.CATEGORY_NOT_WORD: r"\W",
}
_ZERO_WIDTH = (sre_parse.ASSERT, sre_parse.ASSERT_NOT, sre_parse.AT)
# possessive repeats and atomic groups ("a++", "(?>a)") came with Python 3.11
_REPEAT_NAMES = ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT")
_REPEATS = tuple(getattr(sre_parse, name) for name in _REPEAT_NAMES if hasattr(sre_parse, name))
_ATOMIC = getattr(sre_parse, "ATOMIC_GROUP", None)


class _AnyCharacter(Exception):
    """A match may start with a character the class cannot list (".", "[^a]")."""


def _char(code: int) -> str:
    return re.escape(chr(code))


def _class_members(items: Any) -> list[str]:
    members = []
    for op, value in items:
        if op is sre_parse.LITERAL:
            members.append(_char(value))
        elif op is sre_parse.RANGE:
            members.append(f"{_char(value[0])}-{_char(value[1])}")
        elif op is sre_parse.CATEGORY and value in _CATEGORIES:
            members.append(_CATEGORIES[value])
        else:  # a negated class
            raise _AnyCharacter
    return members


def _starts(sequence: Any) -> tuple[list[str], bool]:
    """The class members a match of the parsed sequence can start with, and whether
    it can match the empty string (then what follows it may start the match)."""
    members: list[str] = []
    for op, value in sequence:
        if op in _ZERO_WIDTH:
            continue  # a lookaround or anchor consumes nothing
        if op is sre_parse.LITERAL:
            return [*members, _char(value)], False
        if op is sre_parse.IN:
            return [*members, *_class_members(value)], False
        if op is sre_parse.SUBPATTERN:
            _group, add_flags, del_flags, inner = value
            if add_flags or del_flags:
                raise _AnyCharacter  # "(?-i:...)": the class would be read with other flags
            found, empty = _starts(inner)
        elif op is _ATOMIC:
            found, empty = _starts(value)
        elif op is sre_parse.BRANCH:
            found, empty = [], False
            for alternative in value[1]:
                more, alternative_empty = _starts(alternative)
                found += more
                empty = empty or alternative_empty
        elif op in _REPEATS:
            minimum, _maximum, inner = value
            found, empty = _starts(inner)
            empty = empty or minimum == 0
        else:  # any character, a negated character, a back-reference
            raise _AnyCharacter
        members += found
        if not empty:
            return members, False
    return members, True


def first_characters(pattern: str, flags: int = 0) -> str | None:
    """A character class ("[jfmasond]") that holds the first character of every
    match of `pattern`, read with the same flags; None if a match may start with
    any character or be empty."""
    return _first_class(sre_parse.parse(pattern, flags), flags)


def _first_class(parsed: Any, flags: int) -> str | None:
    if parsed.state.flags != re.compile("", flags).flags:
        return None  # inline global flags ("(?i)") would have to stay first
    try:
        members, empty = _starts(parsed)
    except _AnyCharacter:
        return None
    if empty:
        return None
    return "[" + "".join(dict.fromkeys(members)) + "]"


def _starts_plainly(sequence: Any) -> bool:
    """Whether the pattern's first step consumes a plain character or class, or a
    run of one ("\\s*"): a step as cheap as the lookahead would be."""
    for op, value in sequence:
        if op is sre_parse.SUBPATTERN and not (value[1] or value[2]):
            return _starts_plainly(value[3])
        if op in _REPEATS:
            return _starts_plainly(value[2]) and len(value[2]) == 1
        return op is sre_parse.LITERAL or op is sre_parse.IN
    return False


def compile_scanning(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """`pattern` compiled to find the same matches as ``re.compile(pattern, flags)``,
    led by a lookahead on its first characters where that spares the engine work."""
    parsed = sre_parse.parse(pattern, flags)
    first = None if _starts_plainly(parsed) else _first_class(parsed, flags)
    return re.compile(f"(?={first}){pattern}" if first else pattern, flags)
