"""Wording drift: a word-level diff of two action texts, and whether what
changed is cosmetic (a preposition, pronoun or tense) or substantive."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from difflib import SequenceMatcher
from functools import lru_cache
from itertools import compress

from .model import DiffOp
from .words import FUNCTION_WORDS, PRONOUNS

_QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-", "‑": "-"})

_SUFFIXES = ("ing", "ed", "es", "s", "e")
_JOIN = re.compile(r"(?<=\w)[/&](?=\w)")
_INNER_HYPHEN = re.compile(r"(?<=\w)-(?=\w)")
# Words written for one another in minutes without a change of meaning.
_EQUIVALENT = {"both": "two", "approx": "approximately", "info": "information", "&": "and"}
# A shortened word stands for the word it begins: "lab" for "laboratory".
_MIN_CLIPPING = 3


def word_diff(old: str, new: str) -> tuple[DiffOp, ...]:
    """The redline from old to new, word by word. Words are matched ignoring case
    and the punctuation that clings to them, but every op holds the documents' own
    words: an "equal" op only words written the same in both, so that each side
    of the redline, read without the other's ops, is that side's text. A word that
    differs in punctuation or case alone joins the change next to it, or is a change."""
    old_words, new_words = old.split(), new.split()
    segments: list[tuple[bool, list[str], list[str]]] = []  # (same, old words, new words)
    for tag, i1, i2, j1, j2 in _opcodes(old, new):
        if tag != "equal":
            _add_segment(segments, False, old_words[i1:i2], new_words[j1:j2])
            continue
        olds, news = old_words[i1:i2], new_words[j1:j2]
        if olds == news:  # written alike throughout, as most often: one segment, not one a word
            _add_segment(segments, True, olds, news)
            continue
        for a, b in zip(olds, news, strict=True):
            _add_segment(segments, a == b, [a], [b])
    ops: list[DiffOp] = []
    for same, olds, news in segments:
        if same:
            ops.append(DiffOp("equal", " ".join(olds)))
            continue
        if olds:
            ops.append(DiffOp("delete", " ".join(olds)))
        if news:
            ops.append(DiffOp("insert", " ".join(news)))
    return tuple(ops)


def _add_segment(
    segments: list[tuple[bool, list[str], list[str]]], same: bool, olds: list[str], news: list[str]
) -> None:
    if segments and segments[-1][0] == same:
        segments[-1][1].extend(olds)
        segments[-1][2].extend(news)
    else:
        segments.append((same, list(olds), list(news)))


def changed_phrases(
    old: str, new: str, old_aside: Sequence[bool] = (), new_aside: Sequence[bool] = ()
) -> list[tuple[str, str]]:
    """What the wording changed, as (old words, new words) in the documents' own
    words ("" where nothing stood): only words that differ beyond case and
    punctuation, and not a change made only of words set aside (a flag per word of
    each text: the timing or the owner that the other document keeps in a column)."""
    old_words, new_words = old.split(), new.split()
    old_flags = list(old_aside) or [False] * len(old_words)
    new_flags = list(new_aside) or [False] * len(new_words)
    phrases: list[tuple[str, str]] = []
    for tag, i1, i2, j1, j2 in _opcodes(old, new):
        if tag == "equal" or all((*old_flags[i1:i2], *new_flags[j1:j2])):
            continue
        if not any(_keys(old_words[i1:i2]) + _keys(new_words[j1:j2])):
            continue  # a stray mark of punctuation
        phrases.append((" ".join(old_words[i1:i2]), " ".join(new_words[j1:j2])))
    return phrases


@lru_cache(maxsize=16)
def _opcodes(old: str, new: str) -> Sequence[tuple[str, int, int, int, int]]:
    """The word-level opcodes from old to new; a pair's redline and its changed
    phrases ask for the same texts' one after the other."""
    matcher = SequenceMatcher(None, _keys(old.split()), _keys(new.split()), autojunk=False)
    return tuple(matcher.get_opcodes())


def classify_wording(old: str, new: str) -> str:
    """none | cosmetic | substantive. Case and punctuation alone change nothing."""
    old_words, new_words = old.split(), new.split()
    old_keys, new_keys = _keys(old_words), _keys(new_words)
    if [k for k in old_keys if k] == [k for k in new_keys if k]:
        return "none"
    old_words, old_keys = _spelled_with_keys(old, old_words, old_keys)
    new_words, new_keys = _spelled_with_keys(new, new_words, new_keys)
    if _same_words_reordered(old_words, new_words):
        return "cosmetic"  # "patient representative training" / "training for patient representatives"
    matcher = SequenceMatcher(None, old_keys, new_keys, autojunk=False)
    acronyms = set(compress(old_keys + new_keys, map(_is_acronym, old_words + new_words)))
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        if not _is_cosmetic(old_words[i1:i2], new_words[j1:j2], acronyms):
            return "substantive"
    return "cosmetic"  # only function words, tense, an abbreviation or punctuation changed


def _same_words_reordered(old_words: list[str], new_words: list[str]) -> bool:
    """The same content words, moved about, with the same one first (who acts)."""
    old_stems, new_stems = _content_stems(old_words), _content_stems(new_words)
    if not old_stems or Counter(old_stems) != Counter(new_stems):
        return False
    return old_stems[:1] == new_stems[:1]


def _is_cosmetic(old_words: list[str], new_words: list[str], acronyms: set[str]) -> bool:
    old_content = _content(old_words)
    new_content = _content(new_words)
    if old_content == new_content or _clipped(old_content, new_content):
        return True
    # "the additional roles reimbursement scheme (ARRS)" -> "the ARRS": the words an
    # abbreviation stands for, spelled out or dropped
    spelled_out = not new_content and _spells(old_words, acronyms)
    if spelled_out or (not old_content and _spells(new_words, acronyms)):
        return True
    # "the MPS assured itself" -> "they assure themselves": a named body replaced
    # by a pronoun that refers to it, or the reverse.
    only_old, only_new = old_content - new_content, new_content - old_content
    return (not only_new and _names_only(only_old, old_words) and _has_pronoun(new_words)) or (
        not only_old and _names_only(only_new, new_words) and _has_pronoun(old_words)
    )


def _spelled_joins(words: list[str]) -> list[str]:
    """'Matt/Ana' and 'A & B' as 'Matt and Ana': the same two, written another way."""
    return [spelled for word in words for spelled in _spelled_join(word)]


def _spelled_with_keys(text: str, words: list[str], keys: list[str]) -> tuple[list[str], list[str]]:
    """The text's words with their joins spelled out, and their keys (those given,
    where no word had a join to spell)."""
    if "/" not in text and "&" not in text:
        return words, keys
    spelled = _spelled_joins(words)
    return spelled, keys if spelled == words else _keys(spelled)


@lru_cache(maxsize=16384)
def _spelled_join(word: str) -> tuple[str, ...]:
    parts = _JOIN.split(word)
    spelled = " and ".join(parts).split() if len(parts) > 1 else [word]
    return tuple("and" if w == "&" else w for w in spelled)


def _content_stems(words: list[str]) -> list[str]:
    return [stem for stem in map(_content_stem, words) if stem]


@lru_cache(maxsize=16384)
def _content_stem(word: str) -> str:
    """What the word counts as among the content words ("" for a function word
    or bare punctuation): its key, the word it stands for, stemmed."""
    key = _key(word)
    if not key or key in FUNCTION_WORDS:
        return ""
    return _stem(_EQUIVALENT.get(key, key))


def _content(words: list[str]) -> Counter[str]:
    return Counter(_content_stems(words))


def _clipped(old: Counter[str], new: Counter[str]) -> bool:
    """One word for one word, the one the start of the other: 'laboratory' / 'lab'."""
    if sum(old.values()) != 1 or sum(new.values()) != 1:
        return False
    (a,), (b,) = old, new
    short, long = sorted((a, b), key=len)
    return len(short) >= _MIN_CLIPPING and long.startswith(short)


@lru_cache(maxsize=16384)
def _is_acronym(word: str) -> bool:
    core = re.sub(r"^\W+|\W+$", "", word)
    return len(core) >= 2 and core.isalpha() and core.isupper()


def _spells(words: list[str], acronyms: set[str]) -> bool:
    """Whether the words' initials spell an abbreviation the texts use."""
    initials = "".join(k[0] for k in _keys(words) if k and k not in ("and", "of", "the", "for"))
    return len(initials) >= 2 and initials in acronyms


def _names_only(stems: Counter[str], words: list[str]) -> bool:
    names = {_stem(_key(w)) for w in words if _is_name(w)}
    return bool(stems) and all(s in names for s in stems)


@lru_cache(maxsize=16384)
def _is_name(word: str) -> bool:
    core = re.sub(r"^\W+|\W+$", "", word)
    return bool(core) and (core.isupper() or core[0].isupper())


def _has_pronoun(words: list[str]) -> bool:
    return any(_key(w) in PRONOUNS for w in words)


@lru_cache(maxsize=16384)
def _stem(key: str) -> str:
    for suffix in _SUFFIXES:
        if key.endswith(suffix) and len(key) - len(suffix) >= 3:
            return key[: -len(suffix)]
    return key


@lru_cache(maxsize=16384)
def _key(word: str) -> str:
    text = unicodedata.normalize("NFKC", word).translate(_QUOTES).lower()
    # a hyphen inside a word may be the typesetter's ("com-munity"): spelt either way
    text = _INNER_HYPHEN.sub("", text)
    return re.sub(r"^[\W_]+|[\W_]+$", "", text)


def _keys(words: list[str]) -> list[str]:
    return list(map(_key, words))
