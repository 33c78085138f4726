"""Series: the documents of one body's meetings -> every action as a chain.

Each document's actions are paired with the chains the earlier documents made,
not only with the document just before: an action skipped at one meeting and
back at the next stays one chain. Open chains are offered first, so that a new
action that resembles one closed long ago starts a chain of its own unless it
restates nothing open; then what is left may reopen a closed chain. The
pairing and the drift between two appearances are those of `compare`."""

from __future__ import annotations

import hashlib
import itertools
import multiprocessing
import re
from collections.abc import Iterable, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz, process

from .cluster import dask_client
from .compare import compare_pair, with_reading
from .config import Settings, settings_as_mapping
from .extract import extract_actions, with_attendees
from .gate import gate_finding
from .load import gather, start_document
from .model import Action, Appearance, BaselineEntry, Chain, Document, Drift, Finding, Pair, Series, Timing
from .pair import in_review_section, normalise_number, pair_actions
from .timing import closes_action, compare_timing, mentioned_status
from .words import content_word_set, content_words


def reconcile_series(
    sources: Sequence[str | Path],
    settings: Settings | Mapping[str, Any] | None = None,
    baseline: Iterable[BaselineEntry] = (),
    jobs: int = 1,
    scheduler: str | None = None,
) -> Series:
    """Read the documents (in ``jobs`` processes), order them by their dates (file
    names break ties) and follow every action through them. Findings of ignored
    classes, and those accepted in ``baseline``, are kept but marked so that they
    do not count. With ``scheduler``, the documents are read on that Dask
    distributed cluster instead, whose workers must see the same paths."""
    settings = Settings.resolve(settings)
    if scheduler:
        read = order_read(read_series_on_cluster(sources, settings, scheduler))
    else:
        read = order_read(read_series(sources, settings, jobs))
    documents = tuple(document for document, _ in read)
    actions = tuple(document_actions for _, document_actions in read)
    # the attendance lists of the whole series say who "JS" and "Jo" are
    chains = follow_actions(documents, actions, with_attendees(settings, documents))
    return _gated(Series(documents=documents, actions=actions, chains=chains), settings.ignore, baseline)


_Read = tuple[Document, tuple[Action, ...]]


def read_series(sources: Sequence[str | Path], settings: Settings, jobs: int = 1) -> list[_Read]:
    """Each document with its actions, in the order given; with ``jobs`` > 1 read
    and extracted in that many processes at once."""
    paths = [str(s) for s in sources]
    if jobs <= 1 or len(paths) <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        return [_read_one(path, settings) for path in paths]
    # forked workers inherit the settings (a Settings holds mappings that cannot be
    # pickled); only the paths go out and the read documents come back
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(
        jobs,
        mp_context=context,
        initializer=_set_worker_settings,
        initargs=(settings.reading_in_one_process(),),
    ) as pool:
        return list(pool.map(_read_in_worker, paths))


def read_series_on_cluster(sources: Sequence[str | Path], settings: Settings, scheduler: str) -> list[_Read]:
    """read_series on an existing Dask distributed cluster, as `batch --scheduler`."""
    with dask_client(scheduler) as client:
        plain = settings_as_mapping(settings)
        futures = client.map(_read_from_mapping, [str(s) for s in sources], plain=plain, pure=False)
        read: list[_Read] = client.gather(futures)
    return read


def _read_from_mapping(path: str, plain: Mapping[str, Any]) -> _Read:
    return _read_one(path, Settings.resolve(plain))


_worker_settings: list[Settings] = []


def _set_worker_settings(settings: Settings) -> None:
    _worker_settings[:] = [settings]


def _read_in_worker(path: str) -> _Read:
    return _read_one(path, _worker_settings[0])


def _read_one(path: str, settings: Settings) -> _Read:
    (document,) = gather([start_document(path, settings.load, _as_is)])
    return document, extract_actions(document, settings, restatements=True)


def _as_is(document: Document) -> Document:
    return document


def order_read(read: Iterable[_Read]) -> list[_Read]:
    """By the documents' own dates, the undated last; then by file name."""

    def key(item: _Read) -> tuple[bool, date, str, str]:
        document = item[0]
        return (document.date is None, document.date or date.min, Path(document.path).name, document.path)

    return sorted(read, key=key)


@dataclass
class _Growing:
    """A chain while the documents are read."""

    appearances: list[Appearance] = field(default_factory=list)
    _words: tuple[int, str] = (-1, "")  # the last appearance's content words, by its id

    @property
    def last(self) -> Appearance:
        return self.appearances[-1]

    @property
    def words(self) -> str:
        if self._words[0] != id(self.last):
            self._words = (id(self.last), content_words(self.last.action.words))
        return self._words[1]


def follow_actions(
    documents: Sequence[Document], actions: Sequence[Sequence[Action]], settings: Settings
) -> tuple[Chain, ...]:
    """The chains of a series, given its documents in order and each one's actions."""
    growing: list[_Growing] = []
    previous = -1  # the last document that had actions
    for index, document_actions in enumerate(actions):
        recent = [c for c in growing if not c.last.closed and c.last.document == previous]
        skipped = [c for c in growing if not c.last.closed and c.last.document != previous]
        closed = [c for c in growing if c.last.closed]
        left = _extend(recent, list(document_actions), index, settings, 0.0)
        # a chain not restated at the last meeting, or closed, takes only a clear restatement
        left = _extend(_candidates(skipped, left), left, index, settings, CLEAR_RESTATEMENT)
        left = _extend(_candidates(closed, left), left, index, settings, CLEAR_RESTATEMENT)
        left = _extend_by_topic(recent, left, index, settings)
        growing.extend(_Growing([Appearance(index, a, _closes(a))]) for a in left if _starts_chain(a))
        if document_actions:
            previous = index
    return tuple(_finished(f"c{n}", c, documents, actions, settings) for n, c in enumerate(growing, start=1))


# How alike (pair score) an action must be to restate a chain skipped or closed
CLEAR_RESTATEMENT = 0.8


# Candidates a clear restatement is looked for among, for each action left
_CANDIDATES = 3


def _candidates(chains: list[_Growing], actions: list[Action]) -> list[_Growing]:
    """The few chains of a long-grown pool that an action could clearly restate:
    those of its number, or the closest in words. Pairing the whole pool at every
    document would make a body's archive quadratic in its length."""
    if not chains or not actions:
        return []
    by_number: dict[str, list[_Growing]] = {}
    for chain in chains:
        if chain.last.action.number:
            by_number.setdefault(normalise_number(chain.last.action.number), []).append(chain)
    texts = [c.words for c in chains]
    picked: dict[int, _Growing] = {}
    for action in actions:
        if action.number:
            picked.update((id(c), c) for c in by_number.get(normalise_number(action.number), []))
            continue
        closest = process.extract(
            content_words(action.words), texts, scorer=fuzz.token_set_ratio, limit=_CANDIDATES
        )
        picked.update((id(chains[i]), chains[i]) for _, _, i in closest)
    return [c for c in chains if id(c) in picked]


def _starts_chain(action: Action) -> bool:
    """A prose sentence that only restates, or a review's note that restated
    nothing, is no new action; an item that merely reads unlike an action, in a
    list of actions, is one."""
    if action.restates_only:
        return False
    return not action.tentative or not in_review_section(action)


def _extend(
    chains: list[_Growing], actions: list[Action], index: int, settings: Settings, floor: float
) -> list[Action]:
    """Append to ``chains`` the actions of document ``index`` that restate them
    (paired at least ``floor``); return the actions left."""
    if not chains or not actions:
        return actions
    lasts = [c.last.action for c in chains]
    taken: set[int] = set()
    for pair in pair_actions(lasts, actions, settings.leads):
        if pair.minutes is None or pair.letter is None or pair.score < floor:
            continue
        if floor and _numbered_apart(pair.minutes, pair.letter):
            continue
        chain = chains[_position(lasts, pair.minutes)]
        drift = _drift(chain.last.action, pair.letter, settings)
        chain.appearances.append(Appearance(index, pair.letter, _closes(pair.letter), drift))
        taken.add(id(pair.letter))
    return [a for a in actions if id(a) not in taken]


def _extend_by_topic(
    chains: list[_Growing], actions: list[Action], index: int, settings: Settings
) -> list[Action]:
    """A review's note headed by a topic ("Meeting Time Change: this was handled
    offline") restates the one action of the last meeting that the topic's words
    name, however the note is worded."""
    taken: set[int] = set()
    unrestated = [c for c in chains if c.last.document != index]
    for action in actions:
        topic = _topic_words(action)
        if not topic or not action.tentative or not in_review_section(action):
            continue
        named = [c for c in unrestated if _names(topic, content_word_set(c.last.action.words))]
        if len(named) == 1:
            chain = named[0]
            drift = _drift(chain.last.action, action, settings)
            chain.appearances.append(Appearance(index, action, _closes(action), drift))
            unrestated.remove(chain)
            taken.add(id(action))
    return [a for a in actions if id(a) not in taken]


def _names(topic: frozenset[str], words: set[str]) -> bool:
    """Two words of the topic at least, and two in three of them, are the action's."""
    shared = len(topic & words)
    return shared >= 2 and 3 * shared >= 2 * len(topic)


_TOPIC = re.compile(r"(?P<topic>[^:.;]{3,60}):\s")


def _topic_words(action: Action) -> frozenset[str]:
    m = _TOPIC.match(action.text)
    return frozenset(content_word_set(m["topic"])) if m else frozenset()


# A review's note that reports the outcome ("was handled offline", "reported
# that ... was raised"), not a plan ("to be discussed", "will follow up")
_REPORTED = re.compile(
    r"\b(was|were|has been|have been|reported|confirmed|handled|resolved)\b", re.IGNORECASE
)
_PLANNED = re.compile(r"\b(to be|will|pending|still|not yet)\b", re.IGNORECASE)


def _closes(action: Action) -> bool:
    """Whether this appearance ends the action: a closing status, or a review's
    note that tells what was done."""
    if closes_action(action.timing):
        return True
    reported = action.tentative and in_review_section(action)
    return reported and bool(_REPORTED.search(action.text)) and not _PLANNED.search(action.text)


def _numbered_apart(old: Action, new: Action) -> bool:
    """Both numbered, and not alike: a body that numbers its actions keeps an
    action's number when it comes back after a gap or reopens it."""
    return bool(old.number and new.number) and normalise_number(old.number) != normalise_number(new.number)


def _position(actions: list[Action], action: Action) -> int:
    return next(i for i, a in enumerate(actions) if a is action)


def _drift(old: Action, new: Action, settings: Settings) -> Drift:
    # a split or merge of one appearance is compared as a plain pair: each part
    # belongs to the chain on its own
    drift = compare_pair(Pair(minutes=old, letter=new, score=1.0), settings).drift
    # an action restated with a status keeps its due date in its text ("by 31
    # March. Ongoing"): between two such, the date is what moved
    old_due, new_due = _due_timing(old), _due_timing(new)
    if old_due is not None and new_due is not None:
        moved, _ = compare_timing(old_due, new_due)
        if moved != "none":
            return replace(drift, timing=moved)
    return drift


def _finished(
    chain_id: str,
    chain: _Growing,
    documents: Sequence[Document],
    actions: Sequence[Sequence[Action]],
    settings: Settings,
) -> Chain:
    appearances = tuple(chain.appearances)
    last = appearances[-1]
    last_document = len(documents) - 1
    state = "closed" if last.closed else ("open" if last.document == last_document else "vanished")
    evidence = [appearance.action for appearance in appearances]
    findings = tuple(
        with_reading(f, evidence, settings)
        for f in _chain_findings(appearances, state, documents, actions, settings)
    )
    return Chain(id=chain_id, appearances=appearances, state=state, findings=findings)


def _chain_findings(
    appearances: tuple[Appearance, ...],
    state: str,
    documents: Sequence[Document],
    actions: Sequence[Sequence[Action]],
    settings: Settings,
) -> Iterable[Finding]:
    first = appearances[0].action
    last_document = len(documents) - 1
    if state == "vanished":
        gone = appearances[-1].document + 1
        later = last_document - appearances[-1].document
        yield _finding(
            "vanished",
            gone,
            f"open when last printed; absent from the {later} later document(s), never closed",
            first,
            settings,
        )
    for before, after in itertools.pairwise(appearances):
        if before.closed and not after.closed:
            yield _finding("reopened", after.document, "closed, then printed as open again", first, settings)
    yield from _slipped(appearances, first, settings)
    changes = [a for a in appearances if a.drift is not None and a.drift.lead == "changed"]
    if len(changes) >= settings.series.owner_changes:
        owners = " → ".join(_owner(a.action) for a in (appearances[0], *changes))
        yield _finding(
            "owner-churn",
            changes[-1].document,
            f"owner changed {len(changes)} times: {owners}",
            first,
            settings,
        )
    yield from _closed_without_evidence(appearances, documents, actions, first, settings)
    yield from _stale(appearances, first, settings)


def _slipped(appearances: tuple[Appearance, ...], first: Action, settings: Settings) -> Iterable[Finding]:
    slips = [a for a in appearances if a.drift is not None and a.drift.timing == "slipped"]
    if len(slips) < settings.series.slips:
        return
    dues = [d for d in (_due(a.action) for a in appearances) if d is not None]
    total = f", {(dues[-1] - dues[0]).days} days in all from the first due date" if len(dues) >= 2 else ""
    yield _finding(
        "slipped-repeatedly",
        slips[-1].document,
        f"due date slipped {len(slips)} times{total}",
        first,
        settings,
    )


def _due_timing(action: Action) -> Timing | None:
    """The action's date, from its timing or, beside a status, from its text."""
    for timing in (action.timing, action.timing_in_text):
        if timing is not None and timing.is_dated:
            return timing
    return None


def _due(action: Action) -> date | None:
    timing = _due_timing(action)
    if timing is None:
        return None
    return timing.end if timing.end is not None and timing.end != date.max else timing.start


def _owner(action: Action) -> str:
    return ", ".join(action.lead) if action.lead else "nobody"


def _closed_without_evidence(
    appearances: tuple[Appearance, ...],
    documents: Sequence[Document],
    actions: Sequence[Sequence[Action]],
    first: Action,
    settings: Settings,
) -> Iterable[Finding]:
    """A closing appearance that says nothing of the outcome: no remark beside
    or under the item, no words that its previous appearance did not have."""
    for n, appearance in enumerate(appearances):
        if not appearance.closed or (n and appearances[n - 1].closed):
            continue
        document, action = documents[appearance.document], appearance.action
        if action.update.strip() or _outcome_words(document, action, actions[appearance.document]):
            continue
        if n and appearance.drift is not None and appearance.drift.wording != "none":
            continue
        message = "marked done with no outcome given"
        yield _finding("closed-without-evidence", appearance.document, message, first, settings)


def _outcome_words(document: Document, action: Action, actions: Sequence[Action]) -> set[str]:
    """What the document says of the action beyond the action and its status: a
    remark after the status, the lines set under its item up to the next action
    or heading (nested in Markdown; in a PDF they read as items of their own)."""
    said: list[str] = []
    others = {(a.page, a.line) for a in actions if a is not action}
    outline = document.outline
    for index, block in enumerate(outline):
        if block.kind == "item" and block.line == action.line and block.page == action.page:
            said.append(block.text)
            for below in outline[index + 1 :]:
                if below.kind == "heading" or (below.page, below.line) in others:
                    break
                said.append(below.text)
    words = content_word_set(" ".join(said)) - content_word_set(action.text)
    return {w for w in words if mentioned_status(w) is None and not w.isdigit() and w != "action"}


def _stale(appearances: tuple[Appearance, ...], first: Action, settings: Settings) -> Iterable[Finding]:
    """Restated unchanged, while open, ``stale_after`` times in a row."""
    run = 0
    for appearance in appearances[1:]:
        unchanged = appearance.drift == Drift() and not appearance.closed
        run = run + 1 if unchanged else 0
        if run == settings.series.stale_after:
            yield _finding("stale", appearance.document, f"restated unchanged {run} times", first, settings)


def _finding(cls: str, document: int, message: str, first: Action, settings: Settings) -> Finding:
    severity = settings.severity(f"chain.{cls}")
    finding = Finding(kind="chain", cls=cls, severity=severity, message=message, document=document)
    return replace(finding, fingerprint=_fingerprint(finding, first))


def _fingerprint(finding: Finding, first: Action) -> str:
    """From the chain's first text and the finding: the same in every run."""
    parts = ["chain", finding.cls, " ".join(first.text.lower().split())]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


def _gated(series: Series, ignore: Iterable[str], baseline: Iterable[BaselineEntry]) -> Series:
    rules = frozenset(ignore)
    accepted = {entry.fingerprint: entry for entry in baseline}
    chains = tuple(_gated_chain(c, rules, accepted) for c in series.chains)
    seen = {f.fingerprint for c in chains for f in c.findings}
    stale = tuple(e for fp, e in accepted.items() if fp not in seen)
    return replace(series, chains=chains, stale_baseline=stale)


def _gated_chain(chain: Chain, rules: frozenset[str], accepted: Mapping[str, BaselineEntry]) -> Chain:
    numbers = {a.action.number for a in chain.appearances if a.action.number}
    return replace(chain, findings=tuple(gate_finding(f, rules, numbers, accepted) for f in chain.findings))
