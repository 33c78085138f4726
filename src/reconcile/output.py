"""Writing reports: whole or not at all."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from .errors import ReconcileError


def write_atomically(path: Path, text: str) -> None:
    """Write to a temporary file beside the target and rename it over the target,
    so that a crash or a full disk never leaves a half-written report."""
    folder = path.parent if str(path.parent) else Path(".")
    try:
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise ReconcileError(f"cannot write the report ({exc.strerror or exc})", str(path)) from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise ReconcileError(f"cannot write the report ({exc.strerror or exc})", str(path)) from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _umask() -> int:
    # os.umask can only be read by setting it; set it straight back
    current = os.umask(0)
    os.umask(current)
    return current
