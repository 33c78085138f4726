"""Actions from a table: No. | Action | Timing | Lead, under any of their usual names,
continuing across page breaks with or without a repeated header row."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from ..config import Settings
from ..model import Action, Document, Table, TableRow
from .build import build_action, closes

_HEADER_NAMES: dict[str, frozenset[str]] = {
    "number": frozenset(
        {"no", "number", "#", "ref", "item", "id", "action no", "ref no", "item no", "action number"}
    ),
    "action": frozenset(
        {
            "action",
            "actions",
            "description",
            "action required",
            "action point",
            "action agreed",
            "details",
            "detail",
            "action description",
        }
    ),
    "timing": frozenset(
        {
            "timing",
            "due",
            "due date",
            "deadline",
            "date",
            "by when",
            "target date",
            "when",
            "timescale",
            "target",
            "due by",
            "date due",
            "timescales",
            "completion date",
            "by",
        }
    ),
    "lead": frozenset(
        {
            "lead",
            "owner",
            "responsible",
            "by whom",
            "who",
            "action owner",
            "lead officer",
            "owner(s)",
            "lead(s)",
            "responsible officer",
            "action by",
            "officer",
            "lead member",
            "person responsible",
            "assigned to",
            "owner lead",
        }
    ),
    "status": frozenset({"status", "progress", "update", "rag status", "rag", "progress update"}),
    # the minute itself, in minutes laid out as a table with an Action column beside it
    "minute": frozenset(
        {
            "minute",
            "minutes",
            "discussion",
            "notes",
            "minute text",
            "summary",
            "matter",
            "subject",
            "item detail",
        }
    ),
}
# An Action column whose cells are this short holds who acts ("JS", "Clerk"), not
# what: the minute beside it is the action.
_OWNER_CELL_WORDS = 4
_OWNER_CELLS_SHARE = 0.8


@dataclass(frozen=True)
class _Columns:
    width: int
    action: int
    number: int | None = None
    timing: int | None = None
    lead: int | None = None
    status: int | None = None
    minute: int | None = None
    # minutes laid out as a table: the action is the minute, and only the rows
    # that name someone are actions
    from_minutes: bool = False

    def cell(self, row: TableRow, role: str) -> str:
        index: int | None = getattr(self, role)
        if index is None or index >= len(row.cells):
            return ""
        return row.cells[index]


def table_actions(document: Document, settings: Settings) -> tuple[Action, ...]:
    actions: list[Action] = []
    for columns, rows in _action_tables(document.tables):
        for number, text, timing, lead, first in _merge_split_rows(columns, rows, settings):
            actions.append(
                build_action(
                    document,
                    settings,
                    number=number,
                    text=text,
                    page=first.page,
                    line=first.line,
                    source="table",
                    timing_cell=timing,
                    lead_cell=lead,
                )
            )
    return tuple(actions)


def _action_tables(tables: Sequence[Table]) -> list[tuple[_Columns, list[TableRow]]]:
    """Each action table with all its rows, a continuation on the next page folded in."""
    found: list[tuple[_Columns, list[TableRow]]] = []
    current: tuple[_Columns, list[TableRow]] | None = None
    for table in tables:
        columns = _header(table.rows[0]) if table.rows else None
        if columns is not None:
            current = (_owners_in_action_column(columns, list(table.rows[1:])), list(table.rows[1:]))
            found.append(current)
        elif current is not None and table.rows and len(table.rows[0].cells) == current[0].width:
            current[1].extend(table.rows)
        else:
            current = None
    return found


def _header(row: TableRow) -> _Columns | None:
    roles: dict[str, int] = {}
    for index, cell in enumerate(row.cells):
        name = re.sub(r"[^\w#()\s]", "", cell.lower()).strip()
        name = " ".join(name.split())
        for role, names in _HEADER_NAMES.items():
            if name in names and role not in roles:
                roles[role] = index
                break
    if "action" not in roles and "minute" in roles and "lead" in roles:
        # "Item | Minute | Action by": the minutes that name someone are the actions
        roles["action"] = roles.pop("minute")
        return _columns(len(row.cells), roles, from_minutes=True)
    if "action" not in roles or len(roles) < 2:
        return None
    return _columns(len(row.cells), roles)


def _columns(width: int, roles: dict[str, int], *, from_minutes: bool = False) -> _Columns:
    return _Columns(
        width=width,
        action=roles["action"],
        number=roles.get("number"),
        timing=roles.get("timing"),
        lead=roles.get("lead"),
        status=roles.get("status"),
        minute=roles.get("minute"),
        from_minutes=from_minutes,
    )


def _owners_in_action_column(columns: _Columns, rows: list[TableRow]) -> _Columns:
    """Minutes as a table, "Minute | Action": where the Action cells only name who
    acts ("JS", "Clerk"), the minute is the action and the Action cell its lead."""
    if columns.minute is None or columns.lead is not None:
        return columns
    named = [cell for cell in (columns.cell(row, "action") for row in rows) if cell.strip()]
    short = [cell for cell in named if len(cell.split()) <= _OWNER_CELL_WORDS]
    if not named or len(short) < _OWNER_CELLS_SHARE * len(named):
        return columns
    return replace(columns, action=columns.minute, lead=columns.action, minute=None, from_minutes=True)


def _merge_split_rows(
    columns: _Columns, rows: list[TableRow], settings: Settings
) -> list[tuple[str, str, str, str, TableRow]]:
    """(number, text, timing, lead, first row) per action. A row with no number
    continues the row above: a cell split over a page break."""
    merged: list[tuple[str, str, str, str, TableRow]] = []
    for row in rows:
        number = _number(columns.cell(row, "number")) if columns.number is not None else ""
        text = columns.cell(row, "action")
        # a Status column beside a Due column: a closed action's status is its
        # timing ("Completed"); an open one is still due when the Due column says
        # ("In progress", "Open", "Letter sent.")
        status = columns.cell(row, "status")
        due = columns.cell(row, "timing").strip(" -–—")  # a dash says: no date
        timing = status if closes(status, settings) else due or status
        lead = columns.cell(row, "lead")
        if columns.from_minutes and not lead.strip():
            continue  # a minute that names no one is no action
        if not text and not number:
            continue
        if merged and not number and columns.number is not None:
            n, t, tm, ld, first = merged[-1]
            merged[-1] = (n, f"{t} {text}".strip(), f"{tm} {timing}".strip(), f"{ld} {lead}".strip(), first)
            continue
        if columns.number is None:
            number = str(len(merged) + 1)
        merged.append((number, text, timing, lead, row))
    return merged


def _number(cell: str) -> str:
    return cell.strip().rstrip(".:)").strip()
