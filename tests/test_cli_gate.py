"""The CI gate from the command line: --ignore, --baseline, config discovery and
--show, --output, --quiet, colour, and `reconcile extract`."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import FIXTURES, invoke

SEEDS = FIXTURES / "seeds"
MINUTES = str(SEEDS / "minutes.txt")
LETTER = str(SEEDS / "letter.txt")


def test_ignore_on_the_command_line_lifts_the_gate() -> None:
    # the seed pair's errors: two slips (7, 11) and a lead mismatch (10)
    invoke([MINUTES, LETTER, "--ignore", "timing.slipped"], 1)
    invoke([MINUTES, LETTER, "--ignore", "timing.slipped", "--ignore", "10"], 0)
    data = json.loads(invoke([MINUTES, LETTER, "--ignore", "lead", "--format", "json"], 1).stdout)
    lead = [f for p in data["pairs"] for f in p["findings"] if f["kind"] == "lead"]
    assert lead and all(f["suppressed"] == "ignored" for f in lead)


def test_a_baseline_passes_todays_drift_and_fails_a_new_one(tmp_path: Path) -> None:
    baseline = tmp_path / "baseline.yaml"
    baseline.write_text(invoke(["baseline", MINUTES, LETTER], 0).stdout)
    invoke([MINUTES, LETTER, "--baseline", str(baseline), "--fail-on", "info"], 0)

    letter = Path(LETTER).read_text().replace("\tAugust 2022\tMPS\n14", "\tSeptember 2022\tMPS\n14")
    drifted = tmp_path / "letter.txt"
    drifted.write_text(letter)
    result = invoke([MINUTES, str(drifted), "--baseline", str(baseline), "--format", "json"], 1)
    active = [
        (p["minutes"]["number"], f["class"])
        for p in json.loads(result.stdout)["pairs"]
        for f in p["findings"]
        if f["suppressed"] is None
    ]
    assert ("13", "slipped") in active
    assert all(number == "13" for number, _ in active)


def test_a_baseline_entry_that_no_longer_occurs_is_listed(tmp_path: Path) -> None:
    baseline = tmp_path / "baseline.yaml"
    invoke(["baseline", MINUTES, LETTER, "--output", str(baseline)], 0)
    result = invoke([MINUTES, MINUTES, "--baseline", str(baseline), "--format", "json"], 0)
    assert "17 baseline entries no longer occur" in result.stderr
    assert "timing.slipped (action 7)" in result.stderr


def test_config_is_found_in_a_parent_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "reconcile.yaml").write_text("severities: {timing.slipped: info, lead.mismatch: info}\n")
    work = tmp_path / "a" / "b"
    work.mkdir(parents=True)
    monkeypatch.chdir(work)
    invoke([MINUTES, LETTER], 0)
    shown = invoke(["config", "--show"], 0).stdout
    assert f"# configuration file: {tmp_path / 'reconcile.yaml'}" in shown
    assert f"# severities: from {tmp_path / 'reconcile.yaml'}" in shown
    assert "# fail_on: from default" in shown
    assert "timing.slipped: info" in shown


def test_config_in_pyproject(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.reconcile]\nfail_on = "never"\n')
    monkeypatch.chdir(tmp_path)
    invoke([MINUTES, LETTER], 0)
    assert "fail_on: never" in invoke(["config", "--show"], 0).stdout


def test_a_bad_discovered_config_names_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / ".reconcile.yaml").write_text("fail_on: [x]\n")
    monkeypatch.chdir(tmp_path)
    result = invoke([MINUTES, LETTER], 2)
    assert ".reconcile.yaml" in result.stderr and "fail_on" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_output_writes_the_whole_report_and_nothing_to_stdout(tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    result = invoke([MINUTES, LETTER, "--format", "json", "--output", str(out)], 1)
    assert result.stdout == ""
    assert json.loads(out.read_text())["summary"]["pairs"] == 15
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]  # no temporary file left


def test_output_onto_an_input_is_refused_and_the_input_kept(tmp_path: Path) -> None:
    letter = tmp_path / "letter.txt"
    letter.write_bytes(Path(LETTER).read_bytes())
    result = invoke([MINUTES, str(letter), "--output", str(letter)], 2)
    assert "input" in result.stderr
    assert letter.read_bytes() == Path(LETTER).read_bytes()


def test_output_into_a_missing_folder_is_one_line(tmp_path: Path) -> None:
    result = invoke([MINUTES, LETTER, "--output", str(tmp_path / "no" / "such" / "r.txt")], 2)
    assert len(result.stderr.strip().splitlines()) == 1
    assert "cannot write the report" in result.stderr


def test_quiet_prints_nothing_but_keeps_the_exit_code() -> None:
    result = invoke([MINUTES, LETTER, "--quiet"], 1)
    assert result.stdout == ""


def test_color_can_be_forced_and_refused() -> None:
    coloured = invoke([MINUTES, LETTER, "--color"], 1).stdout
    plain = invoke([MINUTES, LETTER, "--no-color"], 1).stdout
    assert "\x1b[" in coloured
    assert "\x1b[" not in plain
    assert "{+October.+}" in plain


def test_extract_lists_the_actions_with_page_and_line() -> None:
    result = invoke(["extract", str(SEEDS / "letter.pdf"), "--format", "json"], 0)
    data = json.loads(result.stdout)
    assert [a["number"] for a in data["actions"]] == [str(n) for n in range(1, 16)]
    assert data["actions"][11]["page"] == data["actions"][10]["page"] + 1
    table = invoke(["extract", MINUTES], 0).stdout
    assert "15 actions" in table
    assert "autumn 2022" in table


def test_extract_heading_stays_on_one_line_whatever_the_path(tmp_path: Path) -> None:
    folder = tmp_path / ("a-folder-with-a-long-name-" * 3)
    folder.mkdir()
    document = folder / "minutes.txt"
    shutil.copy(MINUTES, document)
    heading = invoke(["extract", str(document)], 0).stdout.splitlines()[0]
    assert heading == f"{document} (text, 24 June 2022): 15 actions"


def test_every_command_has_help() -> None:
    from reconcile.cli import main

    for name, command in main.commands.items():
        assert command.help, name
        text = invoke([name, "--help"], 0).stdout
        for parameter in command.params:
            if isinstance(parameter, __import__("click").Option):
                assert parameter.help, f"{name} {parameter.name}"
                assert parameter.opts[0] in text


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("timng", "unknown finding class, kind or action number 'timng'"),
        ("timing.slip", "unknown finding class, kind or action number 'timing.slip'"),
        ("99", "no action of either document is numbered '99'"),
    ],
)
def test_an_ignore_that_names_nothing_is_one_line_exit_2(tmp_path: Path, value: str, words: str) -> None:
    on_the_command_line = invoke([MINUTES, LETTER, "--ignore", value], 2)
    assert on_the_command_line.stderr.count("\n") == 1 and words in on_the_command_line.stderr
    config = tmp_path / "reconcile.yaml"
    config.write_text(f"ignore: ['{value}']\n")
    in_the_config = invoke([MINUTES, LETTER, "--config", str(config)], 2)
    assert in_the_config.stderr.count("\n") == 1 and words in in_the_config.stderr


def test_a_baseline_of_other_documents_is_reported_as_such(tmp_path: Path) -> None:
    baseline = tmp_path / "baseline.yaml"
    invoke(["baseline", MINUTES, LETTER, "--output", str(baseline)], 0)
    other = FIXTURES / "pairs" / "01-nhs-review-chromium-reportlab"
    result = invoke([str(other / "minutes.pdf"), str(other / "letter.pdf"), "--baseline", str(baseline)], 2)
    assert result.stderr.count("\n") == 1
    assert f"{baseline}: recorded for other documents (minutes {MINUTES}, letter {LETTER})" in result.stderr
    # the same documents under other names still match their baseline
    shutil.copy(MINUTES, tmp_path / "m.txt")
    shutil.copy(LETTER, tmp_path / "l.txt")
    invoke([str(tmp_path / "m.txt"), str(tmp_path / "l.txt"), "--baseline", str(baseline)], 0)


def test_extract_exits_2_on_a_document_with_no_actions(tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("Minutes of the meeting\n\nThe board discussed the budget. Nothing was agreed.\n")
    result = invoke(["extract", str(notes)], 2)
    assert result.stdout == ""
    assert result.stderr.startswith(f"reconcile: error: {notes}: no actions found")
    assert result.stderr.count("\n") == 1


def test_extract_takes_the_colour_options() -> None:
    assert "\x1b[" in invoke(["extract", MINUTES, "--color"], 0).stdout
    assert "\x1b[" not in invoke(["extract", MINUTES, "--no-color"], 0).stdout
