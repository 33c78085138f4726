"""Wording drift: cosmetic (preposition, pronoun, tense) or substantive (a date,
a participant, a clause). Cases from the seed pair, checked by hand against
../shared/seeds/expected.yaml, and a few of our own."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reconcile.compare import compare_pair
from reconcile.config import Settings
from reconcile.model import Action, DiffOp, Pair, Timing
from reconcile.wording import classify_wording, word_diff

CASES = [
    # seed 1: the season became a month
    (
        "For discussion at the DMPC-AC Professionalism meeting in autumn.",
        "For discussion at the DMPC-AC Professionalism meeting in October.",
        "substantive",
    ),
    # seed 7: a clause dropped
    (
        "MPS to provide their assessment of sanction detection rates, for discussion at the DMPC-AC "
        "Frontline Policing meeting in July 2022.",
        "MPS to provide their assessment of sanction detection rates.",
        "substantive",
    ),
    # seed 8: a participant added
    (
        "For discussion with the Acting Commissioner prior to the new Commissioner taking up his post.",
        "For discussion with the Acting Commissioner and Deputy prior to the new Commissioner "
        "taking up his post.",
        "substantive",
    ),
    # seed 9: a preposition
    ("MPS to advise the DMPC of their targets", "MPS to advise the DMPC on their targets", "cosmetic"),
    # seed 10: a named body replaced by a pronoun, and a tense
    (
        "how the MPS assured itself that improvement is continuing",
        "how they assure themselves that improvement is continuing",
        "cosmetic",
    ),
    # seed 11: a month
    (
        "For discussion at the meeting in November 2022.",
        "For discussion at the meeting in December 2022.",
        "substantive",
    ),
    ("MPS to remind BCU Commanders.", "MPS to remind BCU Commanders.", "none"),
    ("MPS  to remind\nBCU Commanders.", "MPS to remind BCU Commanders.", "none"),
    # case and punctuation alone change nothing (fixtures/pairs/06, checked by hand)
    ("MPS to share the report with MOPAC.", "MPS to share the report with MOPAC,", "none"),
    ("Circulate the report to all PCNs", "circulate the report to all PCNs.", "none"),
    # an abbreviation for the words it stands for (fixtures/pairs/06, action 4)
    (
        "a breakdown of the additional roles reimbursement scheme (ARRS) underspend",
        "a breakdown of the ARRS underspend",
        "cosmetic",
    ),
    ("MPS to provide a note.", "MPS will provide a note.", "cosmetic"),
    ("MPS provided a note.", "MPS provides a note.", "cosmetic"),
    ("MPS must provide a note.", "MPS may provide a note.", "substantive"),
    ("MPS to provide a note.", "MPS to provide a paper.", "substantive"),
    ("MPS to provide 2 notes.", "MPS to provide 3 notes.", "substantive"),
    ("MPS to provide a note.", "MPS to not provide a note.", "substantive"),
    ("MPS and MOPAC to align reviews.", "MPS to align reviews.", "substantive"),
    ("MPS to share its ‘report’.", "MPS to share its 'report'.", "none"),
]


@pytest.mark.parametrize(("old", "new", "expected"), CASES)
def test_classify_wording(old: str, new: str, expected: str) -> None:
    assert classify_wording(old, new) == expected


def test_redline_marks_exactly_the_changed_words() -> None:
    ops = word_diff("MPS to advise the DMPC of their targets", "MPS to advise the DMPC on their targets")
    assert [(o.op, o.text) for o in ops] == [
        ("equal", "MPS to advise the DMPC"),
        ("delete", "of"),
        ("insert", "on"),
        ("equal", "their targets"),
    ]


def test_redline_of_an_added_clause() -> None:
    ops = word_diff(
        "with the Acting Commissioner prior to", "with the Acting Commissioner and Deputy prior to"
    )
    assert [(o.op, o.text) for o in ops] == [
        ("equal", "with the Acting Commissioner"),
        ("insert", "and Deputy"),
        ("equal", "prior to"),
    ]


@given(st.text(max_size=200))
def test_a_text_is_the_same_as_itself(text: str) -> None:
    assert classify_wording(text, text) == "none"
    assert all(op.op == "equal" for op in word_diff(text, text))


@given(st.text(max_size=120), st.text(max_size=120))
def test_the_redline_rebuilds_both_texts(old: str, new: str) -> None:
    ops = word_diff(old, new)
    rebuilt_new = " ".join(o.text for o in ops if o.op in ("equal", "insert") and o.text)
    assert rebuilt_new.split() == new.split()
    assert classify_wording(old, new) in ("none", "cosmetic", "substantive")


# ---------------------------------------------------------------------------
# The redline holds the documents' own words


def _sides(ops: tuple[DiffOp, ...]) -> tuple[str, str]:
    """Each side of a redline with the marks removed: what it says the minutes and
    the letter say."""
    old = " ".join(o.text for o in ops if o.op in ("equal", "delete"))
    new = " ".join(o.text for o in ops if o.op in ("equal", "insert"))
    return old, new


_WORD = st.text(alphabet="abcAB.,;-’'()2", min_size=1, max_size=6)
_TEXT = st.lists(_WORD, max_size=14).map(" ".join)


@given(_TEXT, _TEXT)
def test_each_side_of_the_redline_is_that_sides_text(old: str, new: str) -> None:
    old_side, new_side = _sides(word_diff(old, new))
    assert old_side in old and new_side in new


@given(st.text(max_size=120), st.text(max_size=120))
def test_each_side_of_the_redline_is_that_sides_text_whatever_the_characters(old: str, new: str) -> None:
    old_side, new_side = _sides(word_diff(old, new))
    assert old_side == " ".join(old.split()) and new_side == " ".join(new.split())


_PHRASES = st.sampled_from(["July 2022", "autumn", "the next meeting", "27 June"])


@given(
    _TEXT,
    _TEXT,
    _PHRASES,
    st.sampled_from(["", "in ", ", by ", ", "]),
    st.sampled_from([".", "", ",", " now."]),
    st.booleans(),
)
def test_redlines_of_compared_actions_quote_both_texts(
    old: str, new: str, phrase: str, before: str, after: str, actor: bool
) -> None:
    """A timing or an owner set aside from the wording (the other document keeps it
    in a column) is still quoted as written, never spliced out."""
    # action texts are read with their white space made single
    minutes_text = " ".join(f"{'The MPS to ' if actor else ''}{old} {before}{phrase}{after}".split())
    timing = Timing(text=phrase, kind="meeting", label=phrase)
    minutes = Action(
        "1", minutes_text, timing=timing, timing_in_text=timing, actor=("MPS",) if actor else None
    )
    cell = Timing(text="August 2022", kind="date", label="August 2022")
    letter = Action("1", new or "x", timing=cell, timing_cell=cell, lead_cell=("MPS",), lead=("MPS",))
    compared = compare_pair(Pair(minutes, letter, 1.0), Settings())
    for finding in compared.findings:
        if finding.kind == "wording":
            old_side, new_side = _sides(finding.diff)
            assert old_side in minutes.text and new_side in letter.text, finding.diff


def test_seed_7_redline_quotes_the_minutes_timing_as_written() -> None:
    minutes = (
        "MPS to provide their assessment of when and how the increased number of detectives will have an "
        "impact on sanction detection rates, for discussion at the DMPC-AC Frontline Policing meeting in "
        "July 2022."
    )
    letter = (
        "MPS to provide their assessment of when and how the increased number of detectives will have an "
        "impact on sanction detection rates."
    )
    july = Timing(text="July 2022", kind="date", label="July 2022")
    august = Timing(text="August 2022", kind="date", label="August 2022")
    compared = compare_pair(
        Pair(
            Action("7", minutes, timing=july, timing_in_text=july),
            Action("7", letter, timing=august, timing_cell=august, lead_cell=("MPS",)),
            1.0,
        ),
        Settings(),
    )
    (wording,) = (f for f in compared.findings if f.kind == "wording")
    assert wording.cls == "substantive"
    assert [(o.op, o.text) for o in wording.diff][-2:] == [
        ("delete", "rates, for discussion at the DMPC-AC Frontline Policing meeting in July 2022."),
        ("insert", "rates."),
    ]
    # whole words only, never a cut one ("Policin…")
    assert wording.message == "substantive: dropped 'for discussion at the DMPC-AC Frontline…'"


_SPANS = st.lists(st.tuples(st.integers(0, 30), st.integers(0, 30)).map(sorted).map(tuple), max_size=3)


@given(st.text(alphabet="ab1 .,-—_()\n", max_size=30), _SPANS)
def test_a_word_is_set_aside_where_its_letters_and_digits_lie_in_a_span(
    text: str, spans: list[tuple[int, int]]
) -> None:
    from reconcile.compare import _set_aside

    expected = []
    for word in re.finditer(r"\S+", text):
        letters = [word.start() + i for i, char in enumerate(word.group()) if char.isalnum() or char == "_"]
        first, last = (letters[0], letters[-1] + 1) if letters else word.span()
        expected.append(any(start <= first and last <= end for start, end in spans))
    assert _set_aside(text, spans) == tuple(expected)
