"""Errors whose message is safe to show a user as it is: one line, naming the
file and the reason in plain words. The CLI turns any of them into exit 2."""

from __future__ import annotations


class ReconcileError(Exception):
    """The run could not be done. ``str(error)`` is the one line shown to the user."""

    def __init__(self, reason: str, path: str | None = None) -> None:
        self.reason = " ".join(reason.split()) or "unknown error"
        self.path = path
        super().__init__(f"{path}: {self.reason}" if path else self.reason)


class InputError(ReconcileError):
    """An input document is missing, unreadable, of the wrong kind or empty."""


class ConfigError(ReconcileError):
    """A configuration file or value is not valid."""
