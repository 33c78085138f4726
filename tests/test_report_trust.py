"""What a careful reader checks in a report: findings that --ignore or --baseline
suppressed are marked in every human format and counted apart, severities come
in one order everywhere, and no line ends in spaces or wraps its heading."""

from __future__ import annotations

import csv
import io
import re
import shutil
from pathlib import Path

import pytest

from conftest import FIXTURES, invoke

SEEDS = FIXTURES / "seeds"
MINUTES = str(SEEDS / "minutes.txt")
LETTER = str(SEEDS / "letter.txt")
# the seed pair's two slips (actions 7 and 11), ignored: the counts are checked by
# hand against ../shared/seeds/expected.yaml (3 errors, 4 warnings, 10 info)
IGNORE_SLIPS = ("--ignore", "timing.slipped", "--fail-on", "never", "--no-color")
_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def _report(fmt: str, *extra: str, files: tuple[str, str] = (MINUTES, LETTER)) -> str:
    return invoke([*files, "--format", fmt, *extra], 0).stdout


def test_terminal_marks_suppressed_findings_and_counts_them_apart() -> None:
    report = _report("terminal", *IGNORE_SLIPS)
    assert "15 pairs: 15 matched · 1 error, 4 warnings, 10 info, 2 suppressed" in report
    flowing = " ".join(report.split())  # messages wrap at 80 columns
    assert flowing.count("(suppressed: ignored)") == 2
    assert "July 2022 → August 2022 (suppressed: ignored)" in flowing
    assert "November 2022 → December 2022 (suppressed: ignored)" in flowing


def test_csv_marks_suppressed_findings() -> None:
    rows = {row["minutes_number"]: row for row in csv.DictReader(io.StringIO(_report("csv", *IGNORE_SLIPS)))}
    assert {n: row["suppressed"] for n, row in rows.items() if row["suppressed"] != "0"} == {
        "7": "1",
        "11": "1",
    }
    assert rows["7"]["messages"].endswith("July 2022 → August 2022 (suppressed: ignored)")
    assert rows["7"]["worst"] == "warning"  # the slip no longer counts; the dropped clause does


@pytest.mark.parametrize("fmt", ["terminal", "markdown", "html"])
def test_severities_come_worst_first_in_every_format(fmt: str) -> None:
    text = _ANSI.sub("", _report(fmt, "--fail-on", "never", "--no-color"))
    text = re.sub(r"<[^>]+>", "", text)
    assert re.search(r"3 errors,?\s+4 warnings,?\s+10 info", text), text[:600]


def test_json_counts_severities_worst_first() -> None:
    import json

    data = json.loads(_report("json", "--fail-on", "never"))
    assert list(data["summary"]["by_severity"].items()) == [("error", 3), ("warning", 4), ("info", 10)]


@pytest.mark.parametrize("color", ["--color", "--no-color"])
def test_no_terminal_line_ends_in_spaces(color: str) -> None:
    report = _ANSI.sub("", _report("terminal", "--fail-on", "never", color))
    assert [line for line in report.splitlines() if line != line.rstrip()] == []


def test_a_long_path_does_not_wrap_the_heading(tmp_path: Path) -> None:
    folder = tmp_path / ("minutes-of-the-board-of-directors-" * 2)
    folder.mkdir()
    minutes, letter = folder / "minutes.txt", folder / "letter.txt"
    shutil.copy(MINUTES, minutes)
    shutil.copy(LETTER, letter)
    report = _report("terminal", "--fail-on", "never", files=(str(minutes), str(letter)))
    lines = report.splitlines()
    # too long for 80 columns: broken between its phrases, never inside one
    assert lines[:4] == [
        f"minutes {minutes}",
        "        (24 June 2022; 15 actions)",
        f"letter  {letter}",
        "        (20 July 2022; 15 actions)",
    ]
    assert max(len(line) for line in lines[4:]) <= 80


def test_a_long_summary_line_breaks_between_its_phrases() -> None:
    result = invoke(
        [MINUTES, LETTER, "--ignore", "7", "--ignore", "11", "--no-color"], 1, env={"COLUMNS": "50"}
    )
    lines = result.stdout.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("15 pairs"))
    # the two slips (errors) and the two wording changes (warnings) of actions 7 and 11
    assert lines[start : start + 2] == [
        "15 pairs: 15 matched · 1 error, 2 warnings,",
        "10 info, 4 suppressed",
    ]


def _panels(report: str) -> list[tuple[str, str]]:
    """Each side panel of the HTML report: (its heading, its text without marks)."""
    import html

    found = re.findall(r'<h3><span>([^<]+)</span>.*?<p class="text">(.*?)</p>', report)
    return [(html.unescape(head), html.unescape(re.sub(r"</?(del|ins)>", "", text))) for head, text in found]


@pytest.mark.parametrize(
    "folder", [SEEDS, FIXTURES / "pairs" / "08-police-panel-split-merge"], ids=["seed", "split-merge"]
)
def test_html_panels_show_only_each_actions_own_text(folder: Path) -> None:
    import json

    names = ("minutes.txt", "letter.txt") if folder == SEEDS else ("minutes.pdf", "letter.pdf")
    files = (str(folder / names[0]), str(folder / names[1]))
    data = json.loads(_report("json", "--fail-on", "never", files=files))
    texts = {
        f"{side.capitalize()} · action {a['number']}": " ".join(a["text"].split())
        for side in ("minutes", "letter")
        for a in data[side]["actions"]
    }
    panels = _panels(_report("html", "--fail-on", "never", files=files))
    assert len(panels) >= 2 * 15 if folder == SEEDS else len(panels) >= 4
    checked = [head for head, _ in panels if head in texts]
    assert len(checked) >= len(panels) - 2, [head for head, _ in panels]  # a panel of an unmatched side
    for head, text in panels:
        if head in texts:
            assert " ".join(text.split()) == texts[head], head
