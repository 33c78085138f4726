"""The library entry point: two documents in, a Reconciliation out."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from .compare import compare_pairs
from .config import Settings
from .errors import InputError
from .extract import extract_actions
from .gate import apply_gate
from .load import load_document
from .model import Action, BaselineEntry, Document, Reconciliation
from .pair import pair_actions

Source = str | Path | Document


def reconcile(
    minutes: Source,
    letter: Source,
    settings: Settings | Mapping[str, Any] | None = None,
    baseline: Iterable[BaselineEntry] = (),
) -> Reconciliation:
    """Pair the actions of ``minutes`` with those of ``letter`` and compare each pair.

    Either may be a path or an already loaded Document. Findings of the classes or
    actions that ``settings.ignore`` names, and those accepted in ``baseline``, are
    kept but marked so that they do not count for a gate. Raises ReconcileError
    (whose message is safe to show a user) when a document cannot be used."""
    settings = Settings.resolve(settings)
    minutes_doc = _document(minutes, settings)
    letter_doc = _document(letter, settings)
    minutes_actions = _actions(minutes_doc, settings)
    letter_actions = _actions(letter_doc, settings)
    pairs = pair_actions(minutes_actions, letter_actions, settings.leads)
    compared = Reconciliation(
        minutes=minutes_doc,
        letter=letter_doc,
        minutes_actions=minutes_actions,
        letter_actions=letter_actions,
        pairs=compare_pairs(pairs, settings),
    )
    return apply_gate(compared, settings.ignore, baseline)


def _document(source: Source, settings: Settings) -> Document:
    return source if isinstance(source, Document) else load_document(source, settings=settings.load)


def _actions(document: Document, settings: Settings) -> tuple[Action, ...]:
    actions = extract_actions(document, settings)
    if not actions:
        # A clean report on a document we could not read would pass a CI gate.
        raise InputError(
            "no actions found (looked for an action table and 'Action N:' markers in the text)",
            document.path,
        )
    return actions
