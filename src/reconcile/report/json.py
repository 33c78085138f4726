"""--format json: the versioned contract of DESIGN.md."""

from __future__ import annotations

import json
from typing import TextIO

from ..model import Reconciliation
from .records import to_records


def render_json(rec: Reconciliation, stream: TextIO) -> None:
    json.dump(to_records(rec), stream, indent=2, ensure_ascii=False)
    stream.write("\n")
