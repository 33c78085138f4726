"""--format json: the versioned contract of DESIGN.md."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, TextIO

from ..model import Reconciliation
from .records import to_records

if TYPE_CHECKING:
    from . import ReportOptions  # only for mypy: a run-time import would be circular


def render_json(rec: Reconciliation, stream: TextIO, options: ReportOptions) -> None:
    # every field is in the contract whatever the options; they are for the CI formats
    json.dump(to_records(rec), stream, indent=2, ensure_ascii=False)
    stream.write("\n")
