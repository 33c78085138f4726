"""`reconcile extract --explain`, and the message for a document with no action:
what was looked for, and what came nearest."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import invoke

MINUTES = """# Parish council minutes, 3 March 2025

## Actions

- Update the website with the new policy (Priya)
- [x] Clerk to order the bins

## 5. Play area

The council agreed to repair the broken swing.
Action: Clerk
"""

NO_ACTIONS = """# Minutes, 3 March 2025

## Discussion

- Naomi to arrange the vote.
- Ry to help with the certificate.
"""


def _write(folder: Path, text: str) -> Path:
    path = folder / "minutes.md"
    path.write_text(text, encoding="utf-8")
    return path


def test_explain_names_the_cue_and_the_slots(tmp_path: Path) -> None:
    result = invoke(["extract", "--explain", "--format", "json", str(_write(tmp_path, MINUTES))], 0)
    why = [a["why"] for a in json.loads(result.stdout)["actions"]]
    assert why == [
        "an item of a list in a section whose title tracks actions; under 'Actions'; "
        "owner from its slot: Priya",
        "an item of a list in a section whose title tracks actions; under 'Actions'; "
        "owner from its sentence: Clerk; status: Done",
        "a paragraph whose owner an 'Action: Name' marker names; under '5. Play area'; "
        "owner from its slot: Clerk",
    ]


def test_every_action_says_its_cue_in_the_json(tmp_path: Path) -> None:
    result = invoke(["extract", "--format", "json", str(_write(tmp_path, MINUTES))], 0)
    assert [a["cue"] for a in json.loads(result.stdout)["actions"]] == [
        "section-item",
        "section-item",
        "owner-marker",
    ]


def test_no_action_is_exit_2_naming_what_came_nearest(tmp_path: Path) -> None:
    path = _write(tmp_path, NO_ACTIONS)
    result = invoke(["extract", str(path)], 2)
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith(f"reconcile: error: {path}: no actions found (looked for an action table")
    assert "nearest: a list under 'Discussion' reads like actions ('Naomi to arrange the vote.')" in line
    assert "'sections:'" in line


def test_a_body_s_own_section_title_from_the_config(tmp_path: Path) -> None:
    path = _write(tmp_path, NO_ACTIONS)
    config = tmp_path / "reconcile.yaml"
    config.write_text("sections: [Discussion]\n", encoding="utf-8")
    result = invoke(["extract", "--format", "json", "--config", str(config), str(path)], 0)
    assert [a["text"] for a in json.loads(result.stdout)["actions"]] == [
        "Naomi to arrange the vote.",
        "Ry to help with the certificate.",
    ]


def test_a_bad_sections_value_is_one_line_exit_2(tmp_path: Path) -> None:
    config = tmp_path / "reconcile.yaml"
    config.write_text("sections: {a: 1}\n", encoding="utf-8")
    result = invoke(["extract", "--config", str(config), str(_write(tmp_path, MINUTES))], 2)
    assert "sections: expected a list of section titles" in result.stderr
