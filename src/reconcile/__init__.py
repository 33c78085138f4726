"""reconcile: pair the actions of meeting minutes with those of the follow-up letter
or action log, and report every drift in wording, timing and lead.

    from reconcile import reconcile
    result = reconcile("minutes.pdf", "letter.pdf")
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any  # typing: click imports it anyway

from .version import __version__

__all__ = ["ReconcileError", "Settings", "__version__", "reconcile"]

if TYPE_CHECKING:
    from .api import reconcile
    from .config import Settings
    from .errors import ReconcileError


def __getattr__(name: str) -> Any:
    # Imported on first use so that `reconcile --version` does not pay for pdfplumber.
    if name == "reconcile":
        from .api import reconcile

        return reconcile
    if name == "Settings":
        from .config import Settings

        return Settings
    if name == "ReconcileError":
        from .errors import ReconcileError

        return ReconcileError
    raise AttributeError(f"module 'reconcile' has no attribute {name!r}")
