"""Pair: two lists of actions -> one-to-one pairs, by number and text together.

A same-number pair whose texts clearly agree is taken at once: cheap, and right
for most letters. Everything else is matched on text, best pairs first, with a
same number counting in a pair's favour but never carrying unrelated texts, since
numbering restarts in some follow-ups. The text matching runs only over what the
first step left, so the cost grows with that remainder, not with all actions squared."""

from __future__ import annotations

import re
from collections.abc import Sequence

from rapidfuzz import fuzz, process

from .model import Action, Pair
from .wording import FUNCTION_WORDS

# Same number and texts at least this alike: paired without looking further.
CONFIDENT = 0.8
# Same number: the texts must still share this much.
SAME_NUMBER_THRESHOLD = 0.5
# Different numbers: the texts alone must carry the pair.
TEXT_ONLY_THRESHOLD = 0.6
# How much a same number counts for when ranking candidate pairs.
SAME_NUMBER_BONUS = 0.2

_WORD = re.compile(r"\w+")


def pair_actions(minutes: Sequence[Action], letter: Sequence[Action]) -> tuple[Pair, ...]:
    minutes_words = [content_words(a.text) for a in minutes]
    letter_words = [content_words(a.text) for a in letter]
    matches: dict[int, tuple[int, float]] = {}
    _pair_confident_numbers(minutes, letter, minutes_words, letter_words, matches)
    _pair_the_rest(minutes, letter, minutes_words, letter_words, matches)
    return _in_reading_order(minutes, letter, matches)


def content_words(text: str) -> str:
    """The words that carry an action's meaning, lower-cased: 'MPS to provide the
    DMPC with a list' and 'MPS to complete an evaluation' share only 'mps'."""
    return " ".join(w for w in _WORD.findall(text.lower()) if w not in FUNCTION_WORDS)


def similarity(a: str, b: str) -> float:
    """0..1 between two content-word strings. token_set_ratio forgives a clause
    added or dropped: that is drift to report, not a reason to leave a pair unmatched."""
    return fuzz.token_set_ratio(a, b) / 100.0


def normalise_number(number: str) -> str:
    return re.sub(r"[\s.:)]+$", "", number.strip().lower())


def _pair_confident_numbers(
    minutes: Sequence[Action],
    letter: Sequence[Action],
    minutes_words: list[str],
    letter_words: list[str],
    matches: dict[int, tuple[int, float]],
) -> None:
    by_number: dict[str, list[int]] = {}
    for j, action in enumerate(letter):
        if action.number:
            by_number.setdefault(normalise_number(action.number), []).append(j)
    taken: set[int] = set()
    for i, action in enumerate(minutes):
        if not action.number:
            continue
        candidates = [j for j in by_number.get(normalise_number(action.number), []) if j not in taken]
        scored = [(similarity(minutes_words[i], letter_words[j]), j) for j in candidates]
        if scored:
            score, j = max(scored)
            if score >= CONFIDENT:
                matches[i] = (j, score)
                taken.add(j)


def _pair_the_rest(
    minutes: Sequence[Action],
    letter: Sequence[Action],
    minutes_words: list[str],
    letter_words: list[str],
    matches: dict[int, tuple[int, float]],
) -> None:
    taken = {j for j, _ in matches.values()}
    left = [i for i in range(len(minutes)) if i not in matches]
    right = [j for j in range(len(letter)) if j not in taken]
    if not left or not right:
        return
    choices = [letter_words[j] for j in right]
    candidates: list[tuple[float, float, int, int]] = []
    for i in left:
        found = process.extract(
            minutes_words[i],
            choices,
            scorer=fuzz.token_set_ratio,
            score_cutoff=SAME_NUMBER_THRESHOLD * 100,
            limit=None,
        )
        for _, raw, b in found:
            j = right[b]
            score = raw / 100.0
            same = _same_number(minutes[i], letter[j])
            if score >= (SAME_NUMBER_THRESHOLD if same else TEXT_ONLY_THRESHOLD):
                rank = score + (SAME_NUMBER_BONUS if same else 0.0)
                candidates.append((rank, score, i, j))
    for _, score, i, j in sorted(candidates, key=lambda c: (-c[0], c[2], c[3])):
        if i in matches or j in taken:
            continue
        matches[i] = (j, score)
        taken.add(j)


def _same_number(a: Action, b: Action) -> bool:
    return bool(a.number) and normalise_number(a.number) == normalise_number(b.number)


def _in_reading_order(
    minutes: Sequence[Action], letter: Sequence[Action], matches: dict[int, tuple[int, float]]
) -> tuple[Pair, ...]:
    """Minutes order, each letter-only action placed after the pair whose letter
    action precedes it, so a new row appears where the letter has it."""
    taken = {j for j, _ in matches.values()}
    letter_only = [j for j in range(len(letter)) if j not in taken]
    pairs: list[Pair] = []
    next_only = 0
    for i, action in enumerate(minutes):
        if i not in matches:
            pairs.append(Pair(minutes=action, letter=None, score=0.0))
            continue
        j, score = matches[i]
        while next_only < len(letter_only) and letter_only[next_only] < j:
            pairs.append(Pair(minutes=None, letter=letter[letter_only[next_only]], score=0.0))
            next_only += 1
        pairs.append(Pair(minutes=action, letter=letter[j], score=round(score, 3)))
    pairs.extend(Pair(minutes=None, letter=letter[k], score=0.0) for k in letter_only[next_only:])
    return tuple(pairs)
