"""The library entry point: two documents in, a Reconciliation out."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from .config import Settings
from .errors import InputError
from .load import Pending, gather, start_document, start_here
from .model import Action, BaselineEntry, Document, DocumentBytes, Reconciliation

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
    unless ``concurrently`` is false (a batch runs its pairs in parallel instead).
    Raises ReconcileError (whose message is safe to show a user) when a document
    cannot be used."""
    settings = Settings.resolve(settings)
    if concurrently:
        reads = [_start(minutes, settings), _start(letter, settings)]
        # What extraction and the later stages need is made ready here while
        # the documents are read
        _prepare_later_stages(settings)
        minutes_read, letter_read = gather(reads)
    else:
        (minutes_read,) = gather([_start(minutes, settings)])
        (letter_read,) = gather([_start(letter, settings)])
    from .compare import compare_pairs
    from .gate import apply_gate
    from .pair import pair_actions

    minutes_doc, minutes_actions = _extracted(minutes_read, settings)
    letter_doc, letter_actions = _extracted(letter_read, settings)
    pairs = pair_actions(minutes_actions, letter_actions, settings.leads)
    compared = Reconciliation(
        minutes=minutes_doc,
        letter=letter_doc,
        minutes_actions=minutes_actions,
        letter_actions=letter_actions,
        pairs=compare_pairs(pairs, settings),
    )
    return apply_gate(compared, settings.ignore, baseline)


# A document of this many lines has its actions extracted in the process that
# read it, beside the other document's (extraction is per document). A shorter
# one is extracted here: for a few pages, the reader's process importing and
# compiling the extraction code costs more than the extraction itself.
_EXTRACTED_WHERE_READ = 2000


def _start(source: Source, settings: Settings) -> Pending[_Read]:
    """The document read, and for a long one its actions extracted, in the reader's process."""

    def read(document: Document) -> _Read:
        if len(document.lines) < _EXTRACTED_WHERE_READ:
            return document, None
        return document, actions_of(document, settings)

    if isinstance(source, Document):
        return start_here(lambda: (source, None))
    return start_document(source, settings.load, read)


def _extracted(read: _Read, settings: Settings) -> tuple[Document, tuple[Action, ...]]:
    document, actions = read
    return document, actions if actions is not None else actions_of(document, settings)


def _prepare_later_stages(settings: Settings) -> None:
    from . import compare, gate, pair  # noqa: F401
    from .extract import prepare_extraction

    prepare_extraction(settings)


def actions_of(document: Document, settings: Settings) -> tuple[Action, ...]:
    """The document's actions; InputError (exit 2) when it has none."""
    from .extract import extract_actions

    actions = extract_actions(document, settings)
    if not actions:
        # A clean report on a document we could not read would pass a CI gate.
        raise InputError(
            "no actions found (looked for an action table and 'Action N:' markers in the text)",
            document.path,
        )
    return actions
