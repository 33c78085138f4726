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

A pattern searched once in each of many texts that mostly cannot hold it ("a status
in brackets at the end") is cheaper still to skip: compile_searching also reads the
punctuation every match must hold ("[" and "]") and searches only a text that has it.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from typing import Any

if sys.version_info >= (3, 11):
    from re import _parser as sre_parse
else:  # the same parser before it moved into the re package
    import sre_parse

__all__ = ["Searching", "compile_scanning", "compile_searching", "first_characters", "required_characters"]

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


def _punctuation(op: Any, value: Any) -> str | None:
    """The characters one step consumes, if they are all punctuation: a letter,
    digit or space is in nearly every text, and its case would need folding."""
    items = [(op, value)] if op is sre_parse.LITERAL else value
    if any(item_op is not sre_parse.LITERAL for item_op, _ in items):
        return None  # a range, a category or a negated class
    characters = "".join(chr(code) for _, code in items)
    if any(c.isalnum() or c.isspace() or c.lower() != c.upper() for c in characters):
        return None
    return characters


def _required(sequence: Any) -> list[str]:
    """Sets of punctuation characters (each as a string) such that a match of the
    parsed sequence holds at least one character of every set."""
    needed: list[str] = []
    for op, value in sequence:
        if op is sre_parse.LITERAL or op is sre_parse.IN:
            characters = _punctuation(op, value)
            needed += [characters] if characters else []
        elif op is sre_parse.SUBPATTERN and not (value[1] or value[2]):
            needed += _required(value[3])
        elif op is _ATOMIC:
            needed += _required(value)
        elif op in _REPEATS and value[0] >= 1:
            needed += _required(value[2])
        elif op is sre_parse.BRANCH:
            # one set from each alternative: whichever is taken, one of them is held
            alternatives = [_required(alternative) for alternative in value[1]]
            if all(alternatives):
                needed.append("".join(dict.fromkeys("".join(min(a, key=len) for a in alternatives))))
        # anything else (optional, lookaround, any character) requires nothing for sure
    return needed


def required_characters(pattern: str, flags: int = 0) -> tuple[str, ...]:
    """Sets of punctuation characters, each as a string, such that every match of
    `pattern` holds at least one character of each set: a text without one cannot
    match. Empty if the pattern requires no punctuation for sure."""
    parsed = sre_parse.parse(pattern, flags)
    if parsed.state.flags != re.compile("", flags).flags:
        return ()  # "(?x)": inline flags would change what the characters mean
    return tuple(dict.fromkeys(_required(parsed)))


@dataclass(frozen=True)
class Searching:
    """A pattern compiled by compile_scanning, and the characters a text must hold
    for it to match anywhere (required_characters)."""

    pattern: re.Pattern[str]
    required: tuple[str, ...]

    def search(self, text: str) -> re.Match[str] | None:
        for characters in self.required:
            if not any(c in text for c in characters):
                return None
        return self.pattern.search(text)


def compile_searching(pattern: str, flags: int = 0) -> Searching:
    """`pattern` compiled to be searched in many texts, most of which lack a character
    every match holds: the same match as ``re.compile(pattern, flags).search``."""
    return Searching(compile_scanning(pattern, flags), required_characters(pattern, flags))
