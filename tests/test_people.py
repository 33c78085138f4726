"""Attendance lists tell who the initials and first names in actions are.
Expected values are read off the small documents here by hand."""

from __future__ import annotations

from pathlib import Path

from conftest import run_json
from reconcile.extract.people import attendees, people_aliases
from reconcile.load.text import load_text

MINUTES = """# Governing board minutes, 3 March 2025

## Present

- Jane Smith (JS, Chair)
- Tom Baker (@tbaker)
- Priya Natarajan, Clerk

## Actions

- JS to write to the council about the crossing.
- Tom to order the reading books.
"""

LETTER = """# Governing board minutes, 7 April 2025

Present: Jane Smith (Chair); Tom Baker; Priya Natarajan

## Actions from the last meeting

- Jane Smith to write to the council about the crossing. _Done_
- Priya Natarajan to order the reading books. _Ongoing_
"""


def test_attendance_entries_give_names_initials_and_handles() -> None:
    people = attendees(load_text(MINUTES.encode(), "m.md"))
    assert [(p.name, p.aliases) for p in people] == [
        ("Jane Smith", ("JS",)),
        ("Tom Baker", ("TB", "tbaker")),
        ("Priya Natarajan", ("PN",)),
    ]


def test_a_present_line_lists_its_names() -> None:
    people = attendees(load_text(LETTER.encode(), "l.md"))
    assert [p.name for p in people] == ["Jane Smith", "Tom Baker", "Priya Natarajan"]


def test_first_names_count_only_where_one_attendee_has_them() -> None:
    two_toms = "# Minutes, 3 March 2025\n\nPresent: Tom Baker, Tom Hardy, Ann Lee\n"
    aliases = people_aliases([load_text(two_toms.encode(), "m.md")])
    assert "Tom" not in aliases["Tom Baker"] and "Tom" not in aliases["Tom Hardy"]
    assert "Ann" in aliases["Ann Lee"]


def test_initials_in_one_document_are_the_full_name_in_the_other(tmp_path: Path) -> None:
    (tmp_path / "minutes.md").write_text(MINUTES, encoding="utf-8")
    (tmp_path / "letter.md").write_text(LETTER, encoding="utf-8")
    data = run_json(tmp_path / "minutes.md", tmp_path / "letter.md")
    drift = [p["drift"]["lead"] for p in data["pairs"]]
    # JS is Jane Smith: no lead drift; Tom's action went to Priya: changed
    assert drift == ["none", "changed"]
