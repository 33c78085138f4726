"""A client of an existing Dask distributed cluster, for `batch --scheduler` and
`series --scheduler`: Dask is an extra, and a scheduler that cannot be reached is
the user's setting, so both are one ConfigError naming it."""

from __future__ import annotations

from typing import Any

from .errors import ConfigError


def dask_client(scheduler: str) -> Any:
    """A connected ``distributed.Client`` (untyped: used through a few calls
    only), to be closed by a ``with`` block."""
    try:
        import distributed
    except ImportError:
        raise ConfigError("needs the Dask extra: pip install 'reconcile[dask]'", "--scheduler") from None
    dask: Any = distributed  # untyped: used through a few calls only
    try:
        return dask.Client(scheduler, timeout=10)
    except (OSError, TimeoutError) as exc:
        raise ConfigError(f"cannot reach the Dask scheduler ({exc})", scheduler) from None
