"""What a renderer may need beyond the reconciliation itself."""

from __future__ import annotations

from dataclasses import dataclass

from ..model import FAIL_ON_LEVELS


@dataclass(frozen=True)
class ReportOptions:
    """fail_on is the level at which the run fails (already resolved from the
    command line and config): formats that mark failures, such as JUnit, mark the
    same findings that set the exit code. color is None to let the terminal decide
    (and NO_COLOR), True or False to force it."""

    fail_on: str = "error"
    color: bool | None = None

    def __post_init__(self) -> None:
        if self.fail_on not in FAIL_ON_LEVELS:
            raise ValueError(f"fail_on must be one of {', '.join(FAIL_ON_LEVELS)}, not {self.fail_on!r}")
