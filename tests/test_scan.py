"""scan: the lookahead on a pattern's first characters, and the skipping of texts that
lack a character every match holds, never change what a pattern finds."""

from __future__ import annotations

import re

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from reconcile.scan import compile_scanning, compile_searching, leading_lookahead, required_characters

_FLAGS = re.IGNORECASE | re.ASCII


@pytest.mark.parametrize(
    ("pattern", "flags", "expected"),
    [
        # lookbehinds consume nothing: the month names start the match
        (r"(?<![a-z])(?P<m>jan(?:uary)?|feb|mar)(?![a-z])", _FLAGS, "(?=[fjm][ae])"),
        # an optional group: what it starts with, or what follows it
        (r"(?:the\s+)?(?P<part>early|mid)", _FLAGS, "(?=[emt][ahi])"),
        (r"(?:w/c|week)\s+\d", _FLAGS, "(?=[w][/e])"),
        (r"\s*\[", 0, r"(?=[\[\s])"),
        (r"\d+-\d", 0, r"(?=[\d][\-\d])"),
        (r"[-–—] x", 0, r"(?=[\-–—][\ ])"),
        (r"a{3}", 0, "(?=[a][a])"),
        # a match may be one character long: no second class
        (r"(?<!\d)(?:0?[1-9]|[12]\d)", 0, r"(?=[011-92])"),
        (r"(?:ab)*c", 0, "(?=[ac])"),
        (r"a.", 0, "(?=[a])"),
        # a match that may be empty, or may start with any character
        (r"a?", 0, None),
        (r"(?=x)", 0, None),
        (r"(?:a|)b?", 0, None),
        (r".x", 0, None),
        (r"[^a]x", 0, None),
        (r"a*.", 0, None),
        # flags inside the pattern would read the class differently
        (r"(?-i:a)b", _FLAGS, None),
        (r"(?i)ab", 0, None),
    ],
)
def test_the_lookahead_is_read_from_the_pattern(pattern: str, flags: int, expected: str | None) -> None:
    assert leading_lookahead(pattern, flags) == expected


def test_a_lookahead_leads_only_patterns_whose_first_step_is_not_plain() -> None:
    assert (
        compile_scanning(r"(?<![a-z])(?:jan|feb)", _FLAGS).pattern == r"(?=[fj][ae])(?:(?<![a-z])(?:jan|feb))"
    )
    assert compile_scanning(r"(?:the\s+)?end", _FLAGS).pattern == r"(?=[et][hn])(?:(?:the\s+)?end)"
    # in front of every alternative
    assert compile_scanning(r"month|week", _FLAGS).pattern == r"(?=[mw][eo])(?:month|week)"
    # the engine already jumps to a plain first character or class, or a run of one
    for plain in (r"\d+", r"week|w/c", r"\s*\[", r"(?P<y>20\d\d)"):
        assert compile_scanning(plain, _FLAGS).pattern == plain
    assert compile_scanning(r"month|week", re.ASCII).pattern == "month|week"
    assert compile_scanning(r"(?<=[.!?])\s+[A-Z]", 0).pattern == r"(?<=[.!?])\s+[A-Z]"
    # no class to lead with: compiled as written
    assert compile_scanning(r"a?", 0).pattern == "a?"
    assert compile_scanning(r"(?<!x).y", 0).pattern == "(?<!x).y"
    assert compile_scanning(r"(?i)(?<!x)ab", 0).flags & re.IGNORECASE


# Patterns built from the constructs a lookahead must see through: lookbehinds,
# optional and repeated groups, alternatives, classes with ranges and categories.
_ATOMS = st.sampled_from(
    [
        "a", "b", "A", "-", " ", r"\.", r"\d", r"\s", r"\w", "[ab]", "[a-c]", r"[\d-]", "[^a]", ".",
        r"\[", r"\]", ",", "[-,]", r"[(\]]",
        r"(?<![a-z])", r"(?<!\d)", r"(?<=[ .])", r"(?!a)", r"(?=b)", r"\b", "^", "$",
    ]
)  # fmt: skip


def _patterns() -> st.SearchStrategy[str]:
    def grow(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
        return st.one_of(
            st.lists(children, min_size=1, max_size=4).map("".join),
            st.lists(children, min_size=2, max_size=3).map(lambda p: "(?:" + "|".join(p) + ")"),
            st.tuples(children, st.sampled_from(["?", "*", "+", "{0,2}", "{2}", "??", "+?"])).map(
                lambda p: f"(?:{p[0]}){p[1]}"
            ),
            children.map(lambda p: f"({p})"),
        )

    return st.recursive(_ATOMS, grow, max_leaves=10)


@settings(max_examples=1500, deadline=None)
@given(_patterns(), st.text(alphabet="abcAB -.19 x\n[](,", max_size=30), st.sampled_from([0, _FLAGS]))
def test_the_lookahead_never_drops_a_match(pattern: str, text: str, flags: int) -> None:
    try:
        re.compile(pattern, flags)
    except re.error:
        assume(False)  # "(?:^)*": nothing to repeat
    plain, scanning = re.compile(pattern, flags), compile_scanning(pattern, flags)
    assert [m.span() for m in scanning.finditer(text)] == [m.span() for m in plain.finditer(text)]
    assert [m.groups() for m in scanning.finditer(text)] == [m.groups() for m in plain.finditer(text)]


@pytest.mark.parametrize(
    ("pattern", "flags", "expected"),
    [
        (r"\s*\[([^\[\]]{1,120})\]\.?\s*$", 0, ("[", "]")),
        # one of each alternative's: whichever is taken, the match holds one
        (r"(?:\s+[-–—]\s*|\s*-(?=[A-Z])|,\s+)x", 0, ("-–—,",)),
        (r"(?:a|-)x", 0, ()),
        # optional, repeated at least once, inside a lookaround
        (r"\(?x", 0, ()),
        (r"(?:-x)+", 0, ("-",)),
        (r"(?=\()x", 0, ()),
        # letters, digits and spaces are in nearly every text, and letters have case
        (r"abc 123", re.IGNORECASE, ()),
        (r"[^-]x", 0, ()),
        (r"(?x) \[ ", 0, ()),
    ],
)
def test_required_characters_are_read_from_the_pattern(
    pattern: str, flags: int, expected: tuple[str, ...]
) -> None:
    assert required_characters(pattern, flags) == expected


@settings(max_examples=1500, deadline=None)
@given(_patterns(), st.text(alphabet="abcAB -.19 x\n[](,", max_size=30), st.sampled_from([0, _FLAGS]))
def test_skipping_texts_without_required_characters_never_drops_a_match(
    pattern: str, text: str, flags: int
) -> None:
    try:
        plain = re.compile(pattern, flags)
    except re.error:
        assume(False)
    found, expected = compile_searching(pattern, flags).search(text), plain.search(text)
    assert (found and found.span()) == (expected and expected.span())
