"""Extract: Document -> actions, from an action table where the document has
one, else from the action markers in its prose."""

from __future__ import annotations

from ..config import Settings
from ..model import Action, Document
from .prose import prose_actions
from .tables import table_actions


def extract_actions(document: Document, settings: Settings | None = None) -> tuple[Action, ...]:
    settings = Settings.resolve(settings)
    # A letter restates the actions in its annex table; its prose only discusses
    # them, so prose markers count only where no action table exists.
    return table_actions(document, settings) or prose_actions(document, settings)
