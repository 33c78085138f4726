"""Words: which carry an action's meaning, and how alike two actions' words are.
Shared by pairing, extraction (restatements) and wording drift."""

from __future__ import annotations

import re
from functools import lru_cache

# Words whose change leaves the meaning of an action as it was: articles,
# prepositions, pronouns, the auxiliaries that carry tense, and the verbs that
# frame an action as agreed ("X agreed to write" is "X to write"). Conjunctions
# and modals are not here: "and Deputy" adds a participant, "must" -> "may" is a
# new duty.
FUNCTION_WORDS = frozenset(
    """a an the of on in at to for with by from about into onto upon over under within across
    regarding concerning as it its itself they them their theirs themselves he him his himself
    she her hers herself we us our ours ourselves you your yours i me my this that these those
    which who whom whose is are was were be been being has have had do does did will would shall
    agreed agree agrees undertook undertake undertakes
    """.split()
)
PRONOUNS = frozenset(
    """it its itself they them their theirs themselves he him his himself she her hers herself
    we us our ours ourselves""".split()
)

_WORD = re.compile(r"\w+")


@lru_cache(maxsize=8192)
def content_words(text: str) -> str:
    """The words that carry an action's meaning, lower-cased: 'MPS to provide the
    DMPC with a list' and 'MPS to complete an evaluation' share only 'mps'."""
    return " ".join(w for w in _WORD.findall(text.lower()) if w not in FUNCTION_WORDS)


def content_word_set(text: str) -> set[str]:
    return set(content_words(text).split())


def similarity(a: str, b: str) -> float:
    """0..1 between two content-word strings. token_set_ratio forgives a clause
    added or dropped: that is drift to report, not a reason to leave a pair unmatched."""
    # imported on first use: extraction seldom needs it, and pairing imports it
    # while the documents are read
    from rapidfuzz import fuzz

    return fuzz.token_set_ratio(a, b) / 100.0
