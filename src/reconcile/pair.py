"""Pair: two lists of actions -> one-to-one pairs, by number and text together.

A same-number pair whose texts clearly agree is taken at once: cheap, and right
for most letters. Everything else is matched on text, best pairs first, with a
same number counting in a pair's favour but never carrying unrelated texts, since
numbering restarts in some follow-ups. The text matching runs only over what the
first step left, so the cost grows with that remainder, not with all actions squared."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from rapidfuzz import fuzz, process

from .config import LeadSettings
from .leads import same_leads, without_actor
from .model import Action, Pair
from .words import content_word_set, content_words, similarity

# Same number and texts at least this alike: paired without looking further.
CONFIDENT = 0.8
# Same number: the texts must still share this much.
SAME_NUMBER_THRESHOLD = 0.5
# Different numbers: the texts alone must carry the pair.
TEXT_ONLY_THRESHOLD = 0.65
# Splits and merges: a part lies mostly inside the whole, mostly outside its
# sibling, and fills most of what the sibling left out of the whole.
_PART_INSIDE = 0.6
_PART_FILLS = 0.5
_MIN_PART_WORDS = 2
# Tasks this alike (actors aside, fuzz.ratio) are one task whoever owns it.
_SAME_TASK = 0.9
# How much another owner counts against two unnumbered actions.
LEAD_MISMATCH_PENALTY = 0.25
# Restatements paired by their owner alone must share this much text, unless the
# owner has one action left on each side.
_RESTATEMENT_FLOOR = 0.3
# A sentence of a follow-up's prose restates an action only this alike, same owner.
_PROSE_THRESHOLD = 0.8
# How much a same number counts for when ranking candidate pairs.
SAME_NUMBER_BONUS = 0.2
# Headings under which a follow-up reviews the previous meeting's actions.
_REVIEW_SECTION = re.compile(
    r"\b(previous|last|earlier|outstanding|carried|review|matters arising)\b", re.IGNORECASE
)
_REFERS_BACK = re.compile(r"\b(this|that|these|those|it|them)\b", re.IGNORECASE)
# Statuses that only an action agreed earlier can have.
_REVIEW_STATUSES = frozenset(
    {"completed", "closed", "carried forward", "ongoing", "on hold", "deferred", "superseded"}
)


def pair_actions(
    minutes: Sequence[Action], letter: Sequence[Action], settings: LeadSettings | None = None
) -> tuple[Pair, ...]:
    minutes_words = [content_words(a.words) for a in minutes]
    letter_words = [content_words(a.words) for a in letter]
    matches: dict[int, tuple[int, float]] = {}
    _pair_confident_numbers(minutes, letter, minutes_words, letter_words, matches)
    # a tentative restatement only takes what the letter's own actions left
    _pair_the_rest(minutes, letter, minutes_words, letter_words, matches, tentative=False)
    _pair_restatements(minutes, letter, matches, settings or LeadSettings())
    _pair_the_rest(minutes, letter, minutes_words, letter_words, matches, tentative=True)
    parts = _split_and_merged_parts(minutes, letter, matches)
    return _in_reading_order(minutes, letter, matches, parts)


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
    tentative: bool,
) -> None:
    taken = {j for j, _ in matches.values()}
    left = [i for i in range(len(minutes)) if i not in matches]
    right = [j for j in range(len(letter)) if j not in taken and (tentative or not letter[j].tentative)]
    if not left or not right:
        return
    scores = _best_scores(
        [_variants(minutes[i], minutes_words[i]) for i in left],
        [_variants(letter[j], letter_words[j]) for j in right],
    )
    candidates: list[tuple[float, float, int, int]] = []
    for (a, b), raw in scores.items():
        i, j = left[a], right[b]
        # unnumbered items of one subject ("please report next month") are told
        # apart by their owners: another owner counts against the pair, in the
        # ranking always, and against the threshold unless the task is the same
        # word for word (handed to someone else)
        other = _other_owner(minutes[i], letter[j])
        rank = raw - (LEAD_MISMATCH_PENALTY if other else 0.0)
        score = raw if other and _same_task(minutes[i], letter[j]) >= _SAME_TASK else rank
        same = _same_number(minutes[i], letter[j])
        if letter[j].restates_only and (score < _PROSE_THRESHOLD or other or not minutes[i].lead):
            continue  # a sentence of the prose restates only what it clearly is
        if score >= (SAME_NUMBER_THRESHOLD if same else TEXT_ONLY_THRESHOLD):
            candidates.append((rank + (SAME_NUMBER_BONUS if same else 0.0), score, i, j))
    for _, score, i, j in sorted(candidates, key=lambda c: (-c[0], c[2], c[3])):
        if i in matches or j in taken:
            continue
        matches[i] = (j, score)
        taken.add(j)


def _other_owner(a: Action, b: Action) -> bool:
    """Both name an owner, and no name is shared (aliases aside: a hint only)."""
    if not a.lead or not b.lead or a.number or b.number:
        return False
    return not {n.lower() for n in a.lead} & {n.lower() for n in b.lead}


def _same_task(a: Action, b: Action) -> float:
    """How alike the two tasks are, actors aside, by a scorer that sees additions."""
    from rapidfuzz import fuzz

    return fuzz.ratio(content_words(without_actor(a.words)), content_words(without_actor(b.words))) / 100.0


def _variants(action: Action, words: str) -> tuple[str, ...]:
    """The words to match an action by. "AA to ensure this is done" says nothing
    alone: its words are those of the sentence that says what "this" is."""
    if action.context and _REFERS_BACK.search(action.text):
        return (content_words(f"{action.context} {action.text}"),)
    return (words,)


def _best_scores(left: list[tuple[str, ...]], right: list[tuple[str, ...]]) -> dict[tuple[int, int], float]:
    """(left index, right index) -> the best similarity over both sides' variants,
    for the pairs at or above the lowest threshold."""
    columns = max(len(v) for v in right)
    choice_lists = [[v[min(k, len(v) - 1)] for v in right] for k in range(columns)]
    best: dict[tuple[int, int], float] = {}
    for a, queries in enumerate(left):
        for query in queries:
            for choices in choice_lists:
                found = process.extract(
                    query,
                    choices,
                    scorer=fuzz.token_set_ratio,
                    score_cutoff=SAME_NUMBER_THRESHOLD * 100,
                    limit=None,
                )
                for _, raw, b in found:
                    best[(a, b)] = max(best.get((a, b), 0.0), raw / 100.0)
    return best


def _pair_restatements(
    minutes: Sequence[Action],
    letter: Sequence[Action],
    matches: dict[int, tuple[int, float]],
    settings: LeadSettings,
) -> None:
    """The next meeting's minutes review the previous actions under a heading of
    their own, or close them with a status; such a restatement must be one of the
    minutes' actions even when its words have moved on ('email Jérôme' -> 'get the
    grids from Mercator'). Pair what is left of those by lead, best text first."""
    taken = {j for j, _ in matches.values()}
    left = [i for i in range(len(minutes)) if i not in matches and minutes[i].lead]
    right = [
        j
        for j in range(len(letter))
        if j not in taken and _is_restatement(letter[j]) and not letter[j].tentative
    ]
    by_lead = [(i, j) for i in left for j in right if same_leads(minutes[i].lead, letter[j].lead, settings)]
    only = _only_candidates(by_lead)
    candidates = sorted(
        (-score, i, j)
        for i, j in by_lead
        if (score := _best_similarity(minutes[i], letter[j])) >= _RESTATEMENT_FLOOR or (i, j) in only
    )
    for negative, i, j in candidates:
        if i in matches or j in taken:
            continue
        matches[i] = (j, -negative)
        taken.add(j)


def _only_candidates(candidates: list[tuple[int, int]]) -> set[tuple[int, int]]:
    """The candidate pairs whose two actions have no other candidate."""
    left = Counter(i for i, _ in candidates)
    right = Counter(j for _, j in candidates)
    return {(i, j) for i, j in candidates if left[i] == 1 and right[j] == 1}


def in_review_section(action: Action) -> bool:
    """Whether the action sits under a heading that reviews earlier actions."""
    return bool(_REVIEW_SECTION.search(action.section))


def _is_restatement(action: Action) -> bool:
    if in_review_section(action):
        return True
    closed = action.timing is not None and action.timing.status in _REVIEW_STATUSES
    return closed and not action.number


def _best_similarity(a: Action, b: Action) -> float:
    b_words = content_words(b.words)
    return max(similarity(words, b_words) for words in _variants(a, content_words(a.words)))


def _same_number(a: Action, b: Action) -> bool:
    return bool(a.number) and normalise_number(a.number) == normalise_number(b.number)


def _split_and_merged_parts(
    minutes: Sequence[Action], letter: Sequence[Action], matches: dict[int, tuple[int, float]]
) -> list[tuple[int, int, float]]:
    """(minutes index, letter index, score) for what one-to-one pairing
    left over because an action was split in two or two were merged: a leftover
    letter action made of the words its paired neighbour left out of a minutes
    action is a part of it; a leftover minutes action whose words fill what a
    letter action added to its pair was merged into it."""
    taken = {j for j, _ in matches.values()}
    words_m = [content_word_set(a.words) for a in minutes]
    words_l = [content_word_set(a.words) for a in letter]
    parts: list[tuple[int, int, float]] = []
    for j in (j for j in range(len(letter)) if j not in taken):
        for i, (paired, _) in matches.items():
            if _completes(words_l[j], words_m[i], words_l[paired]):
                parts.append((i, j, _containment(words_l[j], words_m[i])))
                break
    by_letter = {j: i for i, (j, _) in matches.items()}
    for i in (i for i in range(len(minutes)) if i not in matches):
        for j, paired in by_letter.items():
            if _completes(words_m[i], words_l[j], words_m[paired]):
                parts.append((i, j, _containment(words_m[i], words_l[j])))
                break
    return parts


def _completes(part: set[str], whole: set[str], sibling: set[str]) -> bool:
    """Whether part holds most of what its sibling leaves out of whole."""
    missing = whole - sibling
    if not part or len(missing) < _MIN_PART_WORDS:
        return False
    return (
        _containment(part, whole) >= _PART_INSIDE
        and _containment(part, sibling) < _PART_INSIDE
        and len(missing & part) / len(missing) >= _PART_FILLS
    )


def _containment(part: set[str], whole: set[str]) -> float:
    return len(part & whole) / len(part) if part else 0.0


def _in_reading_order(
    minutes: Sequence[Action],
    letter: Sequence[Action],
    matches: dict[int, tuple[int, float]],
    parts: list[tuple[int, int, float]],
) -> tuple[Pair, ...]:
    """Minutes order, each letter-only action placed after the pair whose letter
    action precedes it, so a new row appears where the letter has it; the parts
    of a split follow one another."""
    links: dict[int, list[tuple[int, float]]] = {i: [match] for i, match in matches.items()}
    for i, j, score in parts:
        links.setdefault(i, []).append((j, score))
    taken = {j for found in links.values() for j, _ in found}
    # a tentative restatement that restates nothing is no action of the letter
    letter_only = [j for j in range(len(letter)) if j not in taken and not letter[j].tentative]
    pairs: list[Pair] = []
    next_only = 0
    for i, action in enumerate(minutes):
        if i not in links:
            pairs.append(Pair(minutes=action, letter=None, score=0.0))
            continue
        for j, score in sorted(links[i]):
            while next_only < len(letter_only) and letter_only[next_only] < j:
                pairs.append(Pair(minutes=None, letter=letter[letter_only[next_only]], score=0.0))
                next_only += 1
            pairs.append(Pair(minutes=action, letter=letter[j], score=round(score, 3)))
    pairs.extend(Pair(minutes=None, letter=letter[k], score=0.0) for k in letter_only[next_only:])
    return _with_relations(pairs)


def _with_relations(pairs: list[Pair]) -> tuple[Pair, ...]:
    """A minutes action in several pairs was split; a letter action in several was
    a merge of them."""
    in_minutes = Counter(id(p.minutes) for p in pairs if p.minutes is not None and p.letter is not None)
    in_letter = Counter(id(p.letter) for p in pairs if p.minutes is not None and p.letter is not None)
    return tuple(_related(p, in_minutes, in_letter) for p in pairs)


def _related(pair: Pair, in_minutes: Counter[int], in_letter: Counter[int]) -> Pair:
    if pair.minutes is None or pair.letter is None:
        return pair
    if in_minutes[id(pair.minutes)] > 1:
        return replace(pair, relation="split")
    if in_letter[id(pair.letter)] > 1:
        return replace(pair, relation="merge")
    return pair
