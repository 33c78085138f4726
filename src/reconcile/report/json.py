"""--format json: the versioned contract of DESIGN.md."""

from __future__ import annotations

import json
from typing import TextIO

from ..model import Reconciliation
from .options import ReportOptions
from .records import to_records


def render_json(rec: Reconciliation, stream: TextIO, options: ReportOptions) -> None:
    # every field is in the contract whatever the options; they are for the CI formats
    json.dump(to_records(rec), stream, indent=2, ensure_ascii=False)
    stream.write("\n")
