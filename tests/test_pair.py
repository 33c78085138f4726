"""Pairing: one-to-one, by number and text together."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from reconcile.model import Action
from reconcile.pair import pair_actions

A = "MPS to complete evaluation of engagement work in Croydon and share outcome with MOPAC."
B = "MPS to provide a briefing note on the issues with recruiting PCSOs."
C = "MPS to provide the DMPC with a list of the schools which do not have a Safer Schools Officer."
D = "To circulate an email in order to form the MRI and CT sub-groups."
E = "To write a guideline on the standards of CT colonography reporting across the region."


def _numbers(pairs: tuple) -> list[tuple[str | None, str | None]]:  # type: ignore[type-arg]
    return [(p.minutes.number if p.minutes else None, p.letter.number if p.letter else None) for p in pairs]


def test_same_numbers_same_texts_pair_in_order() -> None:
    minutes = [Action("1", A), Action("2", B), Action("3", C)]
    letter = [Action("1", A), Action("2", B), Action("3", C)]
    pairs = pair_actions(minutes, letter)
    assert _numbers(pairs) == [("1", "1"), ("2", "2"), ("3", "3")]
    assert all(p.score == 1.0 for p in pairs)


def test_a_renumbered_and_reordered_letter_pairs_by_content() -> None:
    minutes = [Action("1", A), Action("2", B), Action("3", C)]
    letter = [Action("1", C), Action("2", A), Action("3", B)]
    assert sorted(_numbers(pair_actions(minutes, letter))) == [("1", "2"), ("2", "3"), ("3", "1")]


def test_a_restarted_numbering_does_not_pair_different_actions() -> None:
    # the follow-up's action 4 is new; the minutes' action 4 is its action 3
    minutes = [Action("4", D)]
    letter = [Action("3", D), Action("4", E)]
    assert _numbers(pair_actions(minutes, letter)) == [("4", "3"), (None, "4")]


def test_unmatched_on_both_sides() -> None:
    minutes = [Action("1", A), Action("2", D)]
    letter = [Action("1", A), Action("2", E)]
    assert _numbers(pair_actions(minutes, letter)) == [("1", "1"), ("2", None), (None, "2")]


def test_2_10_is_not_2_1() -> None:
    minutes = [Action("2.1", A), Action("2.10", B)]
    letter = [Action("2.10", B), Action("2.1", A)]
    assert sorted(_numbers(pair_actions(minutes, letter))) == [("2.1", "2.1"), ("2.10", "2.10")]


def test_a_letter_only_action_is_placed_where_the_letter_has_it() -> None:
    minutes = [Action("1", A), Action("2", B)]
    letter = [Action("1", A), Action("1a", E), Action("2", B)]
    assert _numbers(pair_actions(minutes, letter)) == [("1", "1"), (None, "1a"), ("2", "2")]


_TEXTS = st.sampled_from([A, B, C, D, E, "MPS to report.", "DMPC to discuss the plan with MOPAC."])
_ACTIONS = st.lists(st.builds(Action, st.sampled_from(["1", "2", "3", "4", "2.1", ""]), _TEXTS), max_size=8)


@given(_ACTIONS, _ACTIONS)
def test_every_action_appears_in_exactly_one_pair(minutes: list[Action], letter: list[Action]) -> None:
    pairs = pair_actions(minutes, letter)
    assert [id(p.minutes) for p in pairs if p.minutes] == [id(a) for a in minutes]
    assert sorted(id(p.letter) for p in pairs if p.letter) == sorted(id(a) for a in letter)
    assert all(0.0 <= p.score <= 1.0 for p in pairs)
