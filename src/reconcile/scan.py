"""Compiling a regular expression so that the engine passes over, in one step, the
positions where no match can start.

Python's engine jumps to candidate positions only for a pattern that starts with a
plain character or character class. A pattern that starts with a lookbehind, an
optional group or alternatives ("(?<![a-z])(?P<m>jan|feb|...)", "(?:the\\s+)?early")
is tried in full at every position of the text. A lookahead on the characters a
match can start with, its first and its second ("(?=[fjm][ae])"), rejects almost
every position at its first step. Those characters are read from the pattern
itself, so that no pattern has to say them twice, and the lookahead only ever lists
more characters than a match can start with: the matches found are the same.

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

__all__ = ["Searching", "compile_scanning", "compile_searching", "leading_lookahead", "required_characters"]

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


class _NotDerived(Exception):
    """A step the derivation cannot follow (a back-reference, "(?-i:...)")."""


# A character one step of a match may consume: the members of a class, as written in
# one ("a", "0-9", "\\d"), or _ANY for a character no class lists (".", "[^a]").
_Token = frozenset[str]
_ANY: _Token = frozenset({"any"})
# The first two characters of a match, or fewer where the match may be that short.
_Prefix = tuple[_Token, ...]
_PREFIX_LENGTH = 2
_MAX_PREFIXES = 4096  # past this, nothing is derived: a pattern too varied to gain from it


def _char(code: int) -> str:
    return re.escape(chr(code))


def _class_members(items: Any) -> _Token:
    members = set()
    for op, value in items:
        if op is sre_parse.LITERAL:
            members.add(_char(value))
        elif op is sre_parse.RANGE:
            members.add(f"{_char(value[0])}-{_char(value[1])}")
        elif op is sre_parse.CATEGORY and value in _CATEGORIES:
            members.add(_CATEGORIES[value])
        else:  # a negated class
            return _ANY
    return frozenset(members)


def _followed(prefixes: set[_Prefix], then: set[_Prefix]) -> set[_Prefix]:
    joined = {
        prefix if len(prefix) >= _PREFIX_LENGTH else (prefix + more)[:_PREFIX_LENGTH]
        for prefix in prefixes
        for more in then
    }
    if len(joined) > _MAX_PREFIXES:
        raise _NotDerived
    return joined


def _prefixes(sequence: Any) -> set[_Prefix]:
    """How a match of the parsed sequence can start: its first two characters' tokens
    (fewer where the match is shorter; the empty prefix where it may be empty)."""
    found: set[_Prefix] = {()}
    for op, value in sequence:
        if all(len(prefix) >= _PREFIX_LENGTH for prefix in found):
            break
        found = _followed(found, _step_prefixes(op, value))
    return found


def _step_prefixes(op: Any, value: Any) -> set[_Prefix]:
    if op in _ZERO_WIDTH:
        return {()}  # a lookaround or anchor consumes nothing
    if op is sre_parse.LITERAL:
        return {(frozenset({_char(value)}),)}
    if op is sre_parse.IN:
        return {(_class_members(value),)}
    if op is sre_parse.NOT_LITERAL or op is sre_parse.ANY:
        return {(_ANY,)}
    if op is sre_parse.SUBPATTERN:
        _group, add_flags, del_flags, inner = value
        if add_flags or del_flags:
            raise _NotDerived  # "(?-i:...)": a class would be read with other flags
        return _prefixes(inner)
    if op is _ATOMIC:
        return _prefixes(value)
    if op is sre_parse.BRANCH:
        return set().union(*(_prefixes(alternative) for alternative in value[1]))
    if op in _REPEATS:
        minimum, maximum, inner = value
        once = _prefixes(inner)
        found: set[_Prefix] = set()
        repeated: set[_Prefix] = {()}
        # after as many repeats as a prefix has characters, more add no new prefix
        for count in range(min(maximum, minimum + _PREFIX_LENGTH) + 1):
            if count >= minimum:
                found |= repeated
            repeated = _followed(repeated, once)
        return found
    raise _NotDerived  # a back-reference or a conditional group


def _class(tokens: list[_Token]) -> str | None:
    if not tokens or _ANY in tokens:
        return None
    return "[" + "".join(sorted(set().union(*tokens))) + "]"


def _lookahead(parsed: Any, flags: int) -> str | None:
    """'(?=[ab][cd])': a lookahead on the classes of a match's first two characters,
    or of its first only where a match may be one character long; None if a match
    may be empty or start with any character."""
    if parsed.state.flags != re.compile("", flags).flags:
        return None  # inline global flags ("(?i)") would have to stay first
    try:
        prefixes = _prefixes(parsed)
    except _NotDerived:
        return None
    if () in prefixes:
        return None
    first = _class([prefix[0] for prefix in prefixes])
    if first is None:
        return None
    whole = all(len(prefix) == _PREFIX_LENGTH for prefix in prefixes)
    second = _class([prefix[1] for prefix in prefixes]) if whole else None
    return f"(?={first}{second or ''})"


def leading_lookahead(pattern: str, flags: int = 0) -> str | None:
    """The lookahead compile_scanning puts in front of `pattern` ("(?=[fjm][aeu])"):
    classes that hold the first character, and the second, of every match of
    `pattern`, read with the same flags; None if there is none to put."""
    return _lookahead(sre_parse.parse(pattern, flags), flags)


def _starts_plainly(sequence: Any, flags: int) -> bool:
    """Whether the pattern's first step consumes a plain character or class, or a
    run of one ("\\s*"), or is a choice of characters the engine scans for itself
    ("month|week", case-sensitive), or looks behind for one character ("(?<=[.!?])",
    which most positions fail at once): a step as cheap as the lookahead would be."""
    for op, value in sequence:
        if op is sre_parse.SUBPATTERN and not (value[1] or value[2]):
            return _starts_plainly(value[3], flags)
        if op is sre_parse.ASSERT and value[0] < 0:
            return len(value[1]) == 1 and _starts_plainly(value[1], flags)
        if op in _REPEATS:
            return _starts_plainly(value[2], flags) and len(value[2]) == 1
        if op is sre_parse.BRANCH:
            alternatives = value[1]
            return not flags & re.IGNORECASE and all(a and a[0][0] is sre_parse.LITERAL for a in alternatives)
        return op is sre_parse.LITERAL or op is sre_parse.IN
    return False


def compile_scanning(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """`pattern` compiled to find the same matches as ``re.compile(pattern, flags)``,
    led by a lookahead on its first characters where that spares the engine work."""
    parsed = sre_parse.parse(pattern, flags)
    if _starts_plainly(parsed, flags) or flags & re.VERBOSE:  # (a comment would swallow the group's end)
        return re.compile(pattern, flags)
    lookahead = _lookahead(parsed, flags)
    # the group keeps the lookahead in front of every alternative of "a|b"
    return re.compile(f"{lookahead}(?:{pattern})" if lookahead else pattern, flags)


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
