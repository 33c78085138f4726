"""The library entry point: two documents in, a Reconciliation out."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

from .config import Settings
from .errors import InputError
from .load import Pending, gather, start_document, start_here, stop
from .model import Action, BaselineEntry, Document, DocumentBytes, Pair, Reconciliation

Source = str | Path | Document | DocumentBytes
_Read = tuple[Document, tuple[Action, ...] | None]


def reconcile(
    minutes: Source,
    letter: Source,
    settings: Settings | Mapping[str, Any] | None = None,
    baseline: Iterable[BaselineEntry] = (),
    *,
    concurrently: bool = True,
) -> Reconciliation:
    """Pair the actions of ``minutes`` with those of ``letter`` and compare each pair.

    Either may be a path, the bytes of a document (DocumentBytes) or an already
    loaded Document. Findings of the classes or actions that ``settings.ignore``
    names, and those accepted in ``baseline``, are kept but marked so that they do
    not count for a gate. The two documents are read at once, in two processes,
    unless ``concurrently`` is false (a batch runs its pairs in parallel instead),
    and a long PDF's pages are read over the cores.
    Raises ReconcileError (whose message is safe to show a user) when a document
    cannot be used."""
    settings = Settings.resolve(settings)
    if concurrently:
        reads = [_start(minutes, settings), _start(letter, settings, restatements=True)]
        try:
            # What extraction and the later stages need is made ready here while
            # the documents are read
            _prepare_later_stages(settings)
        except BaseException:  # Ctrl-C: the readers, in process groups of their own, stop too
            stop(reads)
            raise
        minutes_read, letter_read = gather(reads)
    else:
        settings = settings.reading_in_one_process()
        (minutes_read,) = gather([_start(minutes, settings)])
        (letter_read,) = gather([_start(letter, settings, restatements=True)])
    from .compare import compare_pairs, document_warnings
    from .extract import with_attendees
    from .gate import apply_gate
    from .pair import pair_actions

    minutes_doc, minutes_actions = _extracted(minutes_read, settings)
    letter_doc, letter_actions = _extracted(letter_read, settings, restatements=True)
    settings = with_attendees(settings, (minutes_doc, letter_doc))
    pairs = pair_actions(minutes_actions, letter_actions, settings.leads)
    letter_actions, pairs = _kept_restatements(letter_actions, pairs)
    compared = Reconciliation(
        minutes=minutes_doc,
        letter=letter_doc,
        minutes_actions=minutes_actions,
        letter_actions=letter_actions,
        pairs=compare_pairs(pairs, settings),
        warnings=document_warnings(minutes_doc, letter_doc, pairs, len(minutes_actions), len(letter_actions)),
    )
    return apply_gate(compared, settings.ignore, baseline)


# A document of this many lines has its actions extracted in the process that
# read it, beside the other document's (extraction is per document). A shorter
# one is extracted here: for a few pages, the reader's process importing and
# compiling the extraction code costs more than the extraction itself.
_EXTRACTED_WHERE_READ = 2000


def _start(source: Source, settings: Settings, *, restatements: bool = False) -> Pending[_Read]:
    """The document read, and for a long one its actions extracted, in the reader's process."""

    def read(document: Document) -> _Read:
        if len(document.lines) < _EXTRACTED_WHERE_READ:
            return document, None
        return document, _actions(document, settings, restatements)

    if isinstance(source, Document):
        return start_here(lambda: (source, None))
    return start_document(source, settings.load, read)


def _extracted(
    read: _Read, settings: Settings, restatements: bool = False
) -> tuple[Document, tuple[Action, ...]]:
    document, actions = read
    return document, actions if actions is not None else _actions(document, settings, restatements)


def _kept_restatements(
    letter_actions: tuple[Action, ...], pairs: tuple[Pair, ...]
) -> tuple[tuple[Action, ...], tuple[Pair, ...]]:
    """The letter's actions without the tentative restatements that restated
    nothing, numbered again in order (#n counts only the letter's actions)."""
    paired = {id(p.letter) for p in pairs if p.letter is not None}
    kept = [a for a in letter_actions if not a.tentative or id(a) in paired]
    numbered = {id(a): replace(a, ordinal=n) for n, a in enumerate(kept, start=1)}
    pairs = tuple(replace(p, letter=numbered[id(p.letter)]) if p.letter is not None else p for p in pairs)
    return tuple(numbered[id(a)] for a in kept), pairs


def _prepare_later_stages(settings: Settings) -> None:
    from . import compare, gate, pair  # noqa: F401
    from .extract import prepare_extraction

    prepare_extraction(settings)


def _actions(document: Document, settings: Settings, restatements: bool = False) -> tuple[Action, ...]:
    """The document's actions; for a follow-up (``restatements``), also the
    sentences of its prose that may restate an action of the minutes."""
    from .extract import extract_actions, no_actions_message

    actions = extract_actions(document, settings, restatements=restatements)
    if not any(not action.restates_only for action in actions):
        # A clean report on a document we could not read would pass a CI gate.
        raise InputError(no_actions_message(document, settings), document.path)
    return actions


def extract(
    source: Source, settings: Settings | Mapping[str, Any] | None = None
) -> tuple[Document, tuple[Action, ...]]:
    """One document's actions, as `reconcile extract` shows them. Raises
    ReconcileError where the document cannot be read or holds no action."""
    settings = Settings.resolve(settings)
    (read,) = gather([_start(source, settings)])
    return _extracted(read, settings)
