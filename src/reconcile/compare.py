"""Compare: each pair -> its drift in wording, timing and lead, as findings."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import replace
from difflib import SequenceMatcher
from itertools import compress
from operator import not_

from .config import Settings
from .leads import actor_span, compare_leads, same_leads
from .model import Action, ComparedPair, DiffOp, Document, Drift, Finding, Pair, Timing
from .timing import compare_timing
from .wording import changed_phrases, classify_wording, word_diff
from .words import content_word_set

# "The group agreed that ...", "It was agreed that ...": how the minutes record a
# decision, not part of what was decided.
_FRAMING = re.compile(
    r"(it was|the [\w -]{1,40}?|members|all)\s+(agreed|resolved|decided|noted|requested)\s+that\s+",
    re.IGNORECASE,
)
_TIME_PREPOSITIONS = r"(in|by|during|from|at|before|until|on|for)"
_SHOWN_CHANGES = 3
_SHOWN_CHARS = 48


def compare_pairs(pairs: Iterable[Pair], settings: Settings | None = None) -> tuple[ComparedPair, ...]:
    settings = Settings.resolve(settings)
    pairs = tuple(pairs)
    return tuple(compare_pair(pair, settings, _siblings(pair, pairs)) for pair in pairs)


def _siblings(pair: Pair, pairs: tuple[Pair, ...]) -> tuple[Pair, ...]:
    """The pairs a split or a merge made of one action, this one among them."""
    if pair.relation == "split":
        return tuple(p for p in pairs if p.relation == "split" and p.minutes is pair.minutes)
    if pair.relation == "merge":
        return tuple(p for p in pairs if p.relation == "merge" and p.letter is pair.letter)
    return (pair,)


# Fewer pairs than this share of the shorter side's actions: the documents look
# unrelated (at least this many actions on each side, to judge by).
_UNRELATED_SHARE = 0.2
_UNRELATED_MIN_ACTIONS = 3


def document_warnings(
    minutes: Document, letter: Document, pairs: Sequence[Pair], minutes_count: int, letter_count: int
) -> tuple[str, ...]:
    """One line for each reason to doubt the whole comparison: the "minutes"
    dated after the "letter" (given the other way round?), or almost nothing
    pairing (not the same meeting?)."""
    warnings = []
    if minutes.date and letter.date and minutes.date > letter.date:
        warnings.append(
            f"the minutes are dated {minutes.date.isoformat()}, after the letter "
            f"({letter.date.isoformat()}): were the two documents given the other way round?"
        )
    matched = sum(1 for p in pairs if p.minutes is not None and p.letter is not None)
    shorter = min(minutes_count, letter_count)
    if shorter >= _UNRELATED_MIN_ACTIONS and matched < _UNRELATED_SHARE * shorter:
        warnings.append(
            f"only {matched} of {minutes_count} minutes actions pair with the letter's {letter_count}: "
            "are the two documents about the same meeting?"
        )
    return tuple(warnings)


def compare_pair(pair: Pair, settings: Settings, siblings: tuple[Pair, ...] = ()) -> ComparedPair:
    compared = _compare(pair, settings, siblings or (pair,))
    texts, evidence = _fingerprinted(pair), (pair.minutes, pair.letter)
    findings = tuple(
        with_reading(replace(f, fingerprint=_fingerprint(f, texts)), evidence, settings)
        for f in compared.findings
    )
    return replace(compared, findings=findings)


def with_reading(finding: Finding, evidence: Iterable[Action | None], settings: Settings) -> Finding:
    """A finding whose evidence (these actions) OCR read says so, with the
    lowest confidence of the words involved; below the threshold it is marked for
    review, not stated as fact (the message says both, for every format)."""
    read = [a.ocr_confidence for a in evidence if a is not None and a.ocr_confidence is not None]
    if not read:
        return finding
    confidence = min(read)
    review = confidence < settings.ocr_review_below
    note = f"read by OCR, confidence {confidence:.0f}%"
    if review:
        note += ": to be checked against the scan, not taken as fact"
    return replace(
        finding, message=f"{finding.message} [{note}]", ocr_confidence=round(confidence, 1), review=review
    )


def _fingerprinted(pair: Pair) -> str:
    """The two actions' texts as a fingerprint reads them (once for all the pair's findings)."""
    return "\x1f".join(_normalised(action.text) if action else "" for action in (pair.minutes, pair.letter))


def _fingerprint(finding: Finding, texts: str) -> str:
    """The same drift gets the same fingerprint in every run: it is made of the two
    actions' texts and the finding's kind and class, never of page, line or order."""
    return hashlib.sha256(f"{finding.kind}\x1f{finding.cls}\x1f{texts}".encode()).hexdigest()[:16]


def _normalised(text: str) -> str:
    return " ".join(text.lower().split())


def _compare(pair: Pair, settings: Settings, siblings: tuple[Pair, ...]) -> ComparedPair:
    old, new = pair.minutes, pair.letter
    own = tuple(
        finding
        for side, action in (("minutes", old), ("letter", new))
        if action is not None
        for finding in _inconsistent_timing(side, action, settings)
    )
    if old is None or new is None:
        return ComparedPair(pair=pair, drift=Drift(), findings=(_unmatched(old, new, settings), *own))
    findings: list[Finding] = list(own)

    if pair.relation:
        findings.append(_structure(pair, siblings, settings))
    (old_text, old_aside), (new_text, new_aside) = _whole_texts(pair, siblings, settings)
    old_words, new_words = _kept(old_text, old_aside), _kept(new_text, new_aside)
    wording = classify_wording(old_words, new_words)
    if wording == "substantive" and pair.relation and _same_words(old_words, new_words):
        wording = "cosmetic"  # one action restated as two, or two as one, with the same words
    if wording == "none" and _actors_written_apart(old, new, settings):
        wording = "cosmetic"  # "JS to ..." / "Jane Smith to ...": the same people, written otherwise
    if wording != "none":
        # the redline and the message quote the documents' whole texts, words set
        # aside included: what was compared is shown as written
        diff = word_diff(old_text, new_text)
        phrases = changed_phrases(old_text, new_text, old_aside, new_aside)
        findings.append(_finding("wording", wording, f"{wording}: {_summarise(phrases)}", settings, diff))

    moved = _moved_date(old, new)
    if moved is not None:
        # the follow-up's date is its timing; its status goes with it
        new = replace(new, timing=moved)
        pair = replace(pair, letter=new)
    timing, timing_message = _compare_timings(old, new)
    if timing != "none":
        findings.append(_finding("timing", timing, timing_message, settings))

    lead, lead_message = compare_leads(old.lead, old.actor, new.lead, new.actor, settings.leads)
    if lead != "none":
        findings.append(_finding("lead", lead, lead_message, settings))

    return ComparedPair(
        pair=pair, drift=Drift(wording=wording, timing=timing, lead=lead), findings=tuple(findings)
    )


def _moved_date(old: Action, new: Action) -> Timing | None:
    """The follow-up's new date where it gives a date and a status ("by 30 April –
    Ongoing" against "by 31 March"): the date moved, and that is the drift."""
    status, restated = new.timing, new.timing_in_text
    moved = (
        status is not None
        and status.kind == "status"
        and not status.is_dated
        and restated is not None
        and restated.is_dated
        and old.timing is not None
        and old.timing.is_dated
        and (restated.start, restated.end) != (old.timing.start, old.timing.end)
        # "in about 3 months" restated word for word is the same date, read later
        and _normalised(restated.text) != _normalised(old.timing.text)
    )
    return restated if moved else None


def _compare_timings(old: Action, new: Action) -> tuple[str, str]:
    timing, message = compare_timing(old.timing, new.timing)
    status = new.timing_cell
    if timing not in ("none", "status") and status is not None and status.kind == "status":
        message = f"{message}; status: {status.label}"
    return timing, message


def _whole_texts(pair: Pair, siblings: tuple[Pair, ...], settings: Settings) -> tuple[_Words, _Words]:
    """The texts compared for wording, each with its words set aside: for a split
    or a merge, the whole action on one side against its parts joined on the other."""
    old, new = pair.minutes, pair.letter
    assert old is not None and new is not None
    if pair.relation == "split":
        parts = [p.letter for p in siblings if p.letter is not None]
        return _action_words(old, new, settings), _joined(
            [_action_words(part, old, settings) for part in parts]
        )
    if pair.relation == "merge":
        parts = [p.minutes for p in siblings if p.minutes is not None]
        return _joined([_action_words(part, new, settings) for part in parts]), _action_words(
            new, old, settings
        )
    return _action_words(old, new, settings), _action_words(new, old, settings)


# an action's text, and for each of its words whether it is set aside from the wording
_Words = tuple[str, tuple[bool, ...]]


def _joined(parts: list[_Words]) -> _Words:
    return " ".join(text for text, _ in parts), tuple(flag for _, flags in parts for flag in flags)


def _kept(text: str, aside: tuple[bool, ...]) -> str:
    words = text.split()  # the words the flags were made for
    if len(words) != len(aside):
        raise ValueError(f"{len(aside)} flags for {len(words)} words")
    return " ".join(compress(words, map(not_, aside)))


def _same_words(old: str, new: str) -> bool:
    # "X and Y" restated as "X. Y.": the conjunction is what a split takes out
    return content_word_set(old) - {"and"} == content_word_set(new) - {"and"}


def _structure(pair: Pair, siblings: tuple[Pair, ...], settings: Settings) -> Finding:
    if pair.relation == "split":
        parts = " and ".join(_label(p.letter) for p in siblings if p.letter is not None)
        message = f"split: minutes action {_label(pair.minutes)} became letter actions {parts}"
    else:
        parts = " and ".join(_label(p.minutes) for p in siblings if p.minutes is not None)
        message = f"merge: minutes actions {parts} became letter action {_label(pair.letter)}"
    return _finding("structure", pair.relation, message, settings)


def _action_words(action: Action, other: Action, settings: Settings) -> _Words:
    """The action's text, with the words that do not count for wording set aside.
    Where the other document keeps the owner or the due date in columns, this one
    writing them into its sentence ("The Head of Primary Care to circulate ... in
    August") changes no wording: lead and timing drift are reported on their own."""
    text = action.text
    spans: list[tuple[int, int]] = []
    framing = _FRAMING.match(text)
    start = framing.end() if framing else 0
    if framing:
        spans.append(framing.span())
    spans.extend(_slot_spans(action))
    # the owner kept in a column on the other side, or the same people written
    # otherwise ("JS" / "Jane Smith"): who acts is the lead's business, not wording's
    in_column = other.lead_cell is not None and other.actor is None
    if action.actor is not None and (in_column or _same_people(action, other, settings)):
        actor = actor_span(text, start, settings.leads)
        if actor:
            spans.append(actor)
    timing = action.timing_in_text
    if other.timing_cell is not None and other.timing_in_text is None and timing is not None:
        phrase = re.compile(rf"(,\s*)?\b({_TIME_PREPOSITIONS}\s+)?{re.escape(timing.text)}")
        found = phrase.search(text, start)
        if found:
            spans.append(found.span())
    return text, _set_aside(text, spans)


def _same_people(action: Action, other: Action, settings: Settings) -> bool:
    return other.actor is not None and same_leads(action.actor, other.actor, settings.leads)


def _actors_written_apart(old: Action, new: Action, settings: Settings) -> bool:
    """The same people acting, written differently: "Matt/Ana" / "Matt and Ana",
    "The Chief Executive agreed to" / "The Chief Executive to", "JS" / "Jane Smith"."""
    if old.actor is None or not _same_people(old, new, settings):
        return False
    spans = actor_span(old.words, 0, settings.leads), actor_span(new.words, 0, settings.leads)
    if spans[0] is None or spans[1] is None:
        return False
    written = old.words[: spans[0][1]], new.words[: spans[1][1]]
    return _normalised(written[0]) != _normalised(written[1])


def _slot_spans(action: Action) -> list[tuple[int, int]]:
    """The parts of the text that are the action's slots, not its wording (an owner
    prefix "Brett: ", a reference "See also #305"): what its text has and its
    wording has not."""
    wording, text = action.wording, action.text
    if not wording or wording == text:
        return []
    at = text.find(wording)
    if at >= 0:
        return [span for span in ((0, at), (at + len(wording), len(text))) if span[0] < span[1]]
    words = list(_WORD_SPANS.finditer(text))
    kept = _WORD_SPANS.findall(wording)
    matcher = SequenceMatcher(None, [w.group() for w in words], kept, autojunk=False)
    matched = {i for block in matcher.get_matching_blocks() for i in range(block.a, block.a + block.size)}
    return [w.span() for i, w in enumerate(words) if i not in matched]


_WORD_SPANS = re.compile(r"\S+")
# a word (as _WORD_SPANS has it), its core from its first letter or digit to its last
_WORD_CORES = re.compile(r"(?=\S)[^\w\s]*(?:(\w(?:\S*\w)?)[^\w\s]*)?")


def _set_aside(text: str, spans: list[tuple[int, int]]) -> tuple[bool, ...]:
    """For each word of the text, whether it lies in a span: its letters and
    digits do ("2022." in "in July 2022"; not "rates," before ", in July"), or
    the whole of it if it has none. The words' cores come in order and do not
    overlap, so the words inside a span are one run of them: only the words from
    the span's start on are read, a text's spans being few and short."""
    aside = [False] * len(text.split())
    for start, end in spans:
        index, first = _word_at(text, start)
        for word in _WORD_CORES.finditer(text, first):
            core_start, core_end = word.span(1) if word.group(1) else word.span()
            if core_end > end:
                break
            if core_start >= start:
                aside[index] = True
            index += 1
    return tuple(aside)


def _word_at(text: str, position: int) -> tuple[int, int]:
    """(its index, where it starts) for the word that holds the position or, at a
    space, the word after it."""
    head = text[:position]
    before = head.split()
    if before and not head[-1].isspace():
        return len(before) - 1, len(head) - len(before[-1])
    return len(before), len(head)


def _inconsistent_timing(side: str, action: Action, settings: Settings) -> tuple[Finding, ...]:
    """A document whose text says one date and whose Timing column another is wrong
    on its own, whatever the other document says. Only disjoint dates count: a
    column that is more precise than the prose ("autumn" / "October") agrees with it."""
    text, cell = action.timing_in_text, action.timing_cell
    if text is None or cell is None or not (text.is_dated and cell.is_dated):
        return ()
    cls, _ = compare_timing(text, cell)
    if cls not in ("slipped", "advanced"):
        return ()
    message = (
        f"inconsistent: the {side}'s text of action {_label(action)} says {text.label} "
        f"but its Timing column says {cell.label}"
    )
    return (_finding("timing", "inconsistent", message, settings),)


def _finding(kind: str, cls: str, message: str, settings: Settings, diff: tuple[DiffOp, ...] = ()) -> Finding:
    return Finding(
        kind=kind, cls=cls, severity=settings.severity(f"{kind}.{cls}"), message=message, diff=diff
    )


def _unmatched(old: Action | None, new: Action | None, settings: Settings) -> Finding:
    if old is not None:
        cls, message = "minutes-only", f"action {_label(old)} of the minutes is not in the letter"
    else:
        assert new is not None
        cls, message = "letter-only", f"action {_label(new)} of the letter is not in the minutes"
    return _finding("unmatched", cls, message, settings)


def _label(action: Action | None) -> str:
    if action is None:
        return "—"
    return action.number or f"'{_shorten(action.text)}'"


def _summarise(phrases: list[tuple[str, str]]) -> str:
    """The first few changes, one line: 'autumn.' → 'October.'; dropped '...'; added '...'."""
    changes = [
        f"'{_shorten(old)}' → '{_shorten(new)}'"
        if old and new
        else f"dropped '{_shorten(old)}'"
        if old
        else f"added '{_shorten(new)}'"
        for old, new in phrases
    ]
    if not changes:
        return "case or punctuation only"
    shown = "; ".join(changes[:_SHOWN_CHANGES])
    more = len(changes) - _SHOWN_CHANGES
    return f"{shown}; and {more} more" if more > 0 else shown


def _shorten(text: str) -> str:
    """At most _SHOWN_CHARS, cut between words, never inside one."""
    if len(text) <= _SHOWN_CHARS:
        return text
    cut = text[: _SHOWN_CHARS - 1]
    if not text[_SHOWN_CHARS - 1].isspace() and " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip() + "…"
