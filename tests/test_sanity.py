"""Documents that look swapped or unrelated are said to be so, once, in every
report's summary."""

from __future__ import annotations

from pathlib import Path

from conftest import invoke, run_json

EARLY = """# Board minutes, 3 March 2025

## Actions

- Jane to publish the annual report.
- Tom to book the venue.
- Ali to renew the insurance.
"""
LATE = """# Board minutes, 7 April 2025

## Actions from the last meeting

- Jane to publish the annual report. _Done_
- Tom to book the venue. _Done_
- Ali to renew the insurance. _Ongoing_
"""
OTHER = """# Allotment society, 9 April 2025

## Actions

- Sam to mend the water trough.
- Lee to collect the rents.
- Kim to order the manure.
"""


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_minutes_dated_after_its_letter_is_reported_as_swapped(tmp_path: Path) -> None:
    data = run_json(_write(tmp_path, "late.md", LATE), _write(tmp_path, "early.md", EARLY))
    (warning,) = data["summary"]["warnings"]
    assert "2025-04-07" in warning and "2025-03-03" in warning and "other way round" in warning


def test_documents_in_order_carry_no_warning(tmp_path: Path) -> None:
    data = run_json(_write(tmp_path, "early.md", EARLY), _write(tmp_path, "late.md", LATE))
    assert data["summary"]["warnings"] == []


def test_unrelated_documents_are_reported_as_such(tmp_path: Path) -> None:
    data = run_json(_write(tmp_path, "early.md", EARLY), _write(tmp_path, "other.md", OTHER))
    (warning,) = data["summary"]["warnings"]
    assert warning.startswith("only 0 of 3 minutes actions pair")


def test_the_terminal_report_says_it_in_one_line(tmp_path: Path) -> None:
    result = invoke(
        [
            str(_write(tmp_path, "late.md", LATE)),
            str(_write(tmp_path, "early.md", EARLY)),
            "--fail-on",
            "never",
        ],
        0,
        env={"COLUMNS": "200"},
    )
    lines = [line for line in result.stdout.splitlines() if line.startswith("warning:")]
    assert len(lines) == 1 and "other way round" in lines[0]


def test_a_matters_arising_paragraph_restates_the_action_it_reports_on(tmp_path: Path) -> None:
    # the follow-up's paragraph names no one who will act, but clearly reports on the
    # clerk's action: it pairs with it; the swings action pairs as listed
    minutes = "# Parish council, 3 March 2025\n\n## Actions\n\n- Clerk to order new bins for the play area.\n"
    minutes += "- Cllr Shah to inspect the swings.\n"
    letter = "# Parish council, 7 April 2025\n\n## Matters arising\n\n"
    letter += "The clerk has ordered new bins for the play area; they arrive next week.\n\n"
    letter += "## Actions\n\n- Cllr Shah to inspect the swings. _Ongoing_\n"
    data = run_json(_write(tmp_path, "m.md", minutes), _write(tmp_path, "l.md", letter))
    assert [(p["minutes"]["text"][:15], p["letter"]["text"][:15]) for p in data["pairs"]] == [
        ("Clerk to order ", "The clerk has o"),
        ("Cllr Shah to in", "Cllr Shah to in"),
    ]
