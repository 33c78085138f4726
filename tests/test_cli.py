"""The command line as users meet it: help, version, formats, exit codes, and one
clear line on stderr for every input that cannot be used."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import FIXTURES, invoke
from reconcile import __version__
from reconcile.cli import FORMAT_NAMES, main
from reconcile.report import FORMATS

SEEDS = FIXTURES / "seeds"
MINUTES_TXT = str(SEEDS / "minutes.txt")
LETTER_TXT = str(SEEDS / "letter.txt")


def test_version() -> None:
    result = invoke(["--version"], 0)
    assert __version__ in result.stdout


def test_the_quick_version_is_clicks_and_imports_no_click() -> None:
    """The entry point answers --version before importing click: the same words."""
    script = (
        "import sys; from reconcile.entry import main; sys.argv = ['reconcile', '--version']; main(); "
        "assert 'click' not in sys.modules, 'click imported'"
    )
    quick = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=False)
    assert quick.returncode == 0, quick.stderr
    assert quick.stdout == invoke(["--version"], 0).stdout


def _run_entry(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "reconcile", *args], capture_output=True, text=True, check=False
    )


def test_the_process_ends_with_the_commands_code_and_its_whole_output(tmp_path: Path) -> None:
    """The entry point ends the process itself (no interpreter teardown): the exit
    code is still the command's, its output is all there, and a usage error still
    says why."""
    # the seed pair has error findings: exit 1, as the exit-code contract says
    ran = _run_entry(MINUTES_TXT, LETTER_TXT, "--format", "json")
    assert ran.returncode == 1, ran.stderr
    in_process = invoke([MINUTES_TXT, LETTER_TXT, "--format", "json"], 1)
    assert json.loads(ran.stdout) == json.loads(in_process.stdout)
    missing = _run_entry(str(tmp_path / "absent.pdf"), LETTER_TXT)
    assert (missing.returncode, missing.stdout) == (2, "")
    assert "absent.pdf" in missing.stderr and "Traceback" not in missing.stderr


@pytest.mark.parametrize("args", [["--help"], ["-h"], ["compare", "--help"]])
def test_help_lists_usage(args: list[str]) -> None:
    result = invoke(args, 0)
    assert "MINUTES" in result.stdout
    assert "--format" in result.stdout or "compare" in result.stdout


def test_no_arguments_is_a_usage_error_that_shows_the_help() -> None:
    result = invoke([], 2)
    assert "Usage:" in result.stderr


def test_every_format_has_a_renderer() -> None:
    assert set(FORMAT_NAMES) == set(FORMATS)


def test_the_fail_on_levels_are_the_models() -> None:
    from reconcile import cli, model

    assert cli.FAIL_ON_LEVELS == model.FAIL_ON_LEVELS


def test_default_command_runs_without_naming_it() -> None:
    # the seed pair has errors (slips, a lead mismatch) at the default fail-on level
    invoke([MINUTES_TXT, LETTER_TXT], 1)


@pytest.mark.parametrize(("fail_on", "expected"), [("never", 0), ("error", 1), ("warning", 1), ("info", 1)])
def test_fail_on_sets_the_exit_code(fail_on: str, expected: int) -> None:
    invoke([MINUTES_TXT, LETTER_TXT, "--fail-on", fail_on], expected)


def test_identical_documents_exit_zero_even_at_info() -> None:
    invoke([MINUTES_TXT, MINUTES_TXT, "--fail-on", "info"], 0)


def test_json_follows_the_contract() -> None:
    data = json.loads(invoke([MINUTES_TXT, LETTER_TXT, "--format", "json"], 1).stdout)
    assert data["schema_version"] == 1
    assert set(data) >= {"minutes", "letter", "pairs", "summary"}
    assert data["minutes"]["date"] == "2022-06-24"
    assert data["letter"]["date"] == "2022-07-20"
    for pair in data["pairs"]:
        assert set(pair) >= {"minutes", "letter", "score", "drift", "findings"}
        assert 0.0 <= pair["score"] <= 1.0
        for finding in pair["findings"]:
            assert finding["severity"] in ("info", "warning", "error")
            assert finding["kind"] in ("wording", "timing", "lead", "unmatched", "structure")
        for side in ("minutes", "letter"):
            action = pair[side]
            assert set(action) >= {"number", "text", "timing", "lead", "page", "line"}


def test_standard_input_reads_one_document() -> None:
    data = Path(MINUTES_TXT).read_bytes()
    result = invoke(["-", LETTER_TXT, "--format", "json", "--fail-on", "never"], 0, input=data)
    assert json.loads(result.stdout)["minutes"]["path"] == "<stdin>"


def test_terminal_report_fits_80_columns_with_every_drift_column() -> None:
    result = invoke([str(SEEDS / "minutes.pdf"), str(SEEDS / "letter.pdf")], 1, env={"COLUMNS": "80"})
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= 80
    header = next(line for line in lines if "wording" in line)
    for column in ("minutes→letter", "score", "wording", "timing", "lead", "worst"):
        assert column in header
    # every pair has a row with its three drift classes
    assert sum(1 for line in lines if re.match(r"^\s*\d+ → \d+\s", line)) == 15
    assert "[-autumn.-] {+October.+}" in result.stdout


def test_no_color_leaves_no_colour_codes_but_keeps_the_redline_marks() -> None:
    env = {"COLUMNS": "80", "NO_COLOR": "1", "FORCE_COLOR": "1", "TTY_COMPATIBLE": "1"}
    result = invoke([MINUTES_TXT, LETTER_TXT], 1, env=env)
    assert not re.search(r"\x1b\[[0-9;]*3[0-9]m", result.stdout)
    assert "{+and Deputy+}" in result.stdout


def test_document_text_is_never_read_as_markup(tmp_path: Path) -> None:
    minutes = tmp_path / "m.txt"
    minutes.write_text(
        "Minutes of the meeting, 1 March 2023\n\nAction 1: MPS to fix [bold]this[/bold] \x1b[2J now.\n"
    )
    letter = tmp_path / "l.txt"
    letter.write_text(
        "1 April 2023\n\nNo.\tAction\tTiming\tLead\n1\tMPS to fix [red]it[/red].\tMay 2023\tMPS\n"
    )
    result = invoke([str(minutes), str(letter), "--fail-on", "never"], 0)
    assert "[bold]this[/bold]" in result.stdout
    assert "\x1b[2J" not in result.stdout


# Bad input: one line on stderr naming the file and the reason, exit 2, no traceback.


def _bad_input(tmp_path: Path, name: str, content: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(content)
    return path


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.pdf", b"", "empty"),
        ("image.pdf", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "PNG image"),
        ("binary.txt", bytes(range(256)) * 4, "binary data"),
        ("truncated.pdf", b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog", "PDF"),
        ("nonsense.pdf", b"%PDF-1.4\n" + b"garbage " * 200, "PDF"),
        ("notes.txt", b"Just some notes with no actions in them.\n", "no actions found"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(tmp_path: Path, name: str, content: bytes, reason: str) -> None:
    path = _bad_input(tmp_path, name, content)
    result = invoke([str(path), LETTER_TXT], 2)
    _assert_one_line_error(result.stderr, str(path), reason)
    assert result.stdout == ""


def test_missing_file(tmp_path: Path) -> None:
    missing = tmp_path / "nope.pdf"
    result = invoke([MINUTES_TXT, str(missing)], 2)
    _assert_one_line_error(result.stderr, str(missing), "no such file")


def test_directory_instead_of_file(tmp_path: Path) -> None:
    result = invoke([str(tmp_path), LETTER_TXT], 2)
    _assert_one_line_error(result.stderr, str(tmp_path), "directory")


def test_a_zip_that_is_no_document_is_named(tmp_path: Path) -> None:
    import zipfile

    path = tmp_path / "minutes.pdf"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("notes.txt", "Action 1: MPS to act.")
    result = invoke([str(path), LETTER_TXT], 2)
    _assert_one_line_error(result.stderr, str(path), "zip archive")


def test_scanned_pdf_says_ocr(tmp_path: Path) -> None:
    from reportlab.pdfgen import canvas

    path = tmp_path / "scan.pdf"
    page = canvas.Canvas(str(path))
    page.rect(100, 100, 300, 400, fill=1)  # ink but no text, as a scanned page is
    page.showPage()
    page.save()
    result = invoke([str(path), LETTER_TXT], 2)
    _assert_one_line_error(result.stderr, str(path), "OCR")


def test_encrypted_pdf_says_it_needs_a_password(tmp_path: Path) -> None:
    from reportlab.lib import pdfencrypt
    from reportlab.pdfgen import canvas

    path = tmp_path / "locked.pdf"
    page = canvas.Canvas(str(path), encrypt=pdfencrypt.StandardEncryption("secret", canModify=0))
    page.drawString(100, 700, "Action 1: MPS to keep this locked.")
    page.showPage()
    page.save()
    result = invoke([str(path), LETTER_TXT], 2)
    _assert_one_line_error(result.stderr, str(path), "password")


def test_bad_config_is_one_line(tmp_path: Path) -> None:
    config = tmp_path / "reconcile.yaml"
    config.write_text("fail_on: sometimes\n")
    result = invoke([MINUTES_TXT, LETTER_TXT, "--config", str(config)], 2)
    _assert_one_line_error(result.stderr, str(config), "fail_on")


def test_both_standard_input_is_a_usage_error() -> None:
    result = CliRunner().invoke(main, ["-", "-"], input=b"x")
    assert result.exit_code == 2
    assert "standard input" in result.stderr


def test_debug_shows_the_traceback(tmp_path: Path) -> None:
    from reconcile.errors import InputError

    with pytest.raises(InputError):
        CliRunner().invoke(main, [str(tmp_path / "nope"), LETTER_TXT, "--debug"], catch_exceptions=False)


def _assert_one_line_error(stderr: str, path: str, reason: str) -> None:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert "Traceback" not in stderr
    assert path in lines[0]
    assert reason.lower() in lines[0].lower(), lines[0]


def test_config_severities_move_the_gate(tmp_path: Path) -> None:
    config = tmp_path / "reconcile.yaml"
    config.write_text("severities: {timing.slipped: warning, lead.mismatch: warning}\n")
    invoke([MINUTES_TXT, LETTER_TXT], 1)
    invoke([MINUTES_TXT, LETTER_TXT, "--config", str(config)], 0)
    invoke([MINUTES_TXT, LETTER_TXT, "--config", str(config), "--fail-on", "warning"], 1)


def test_config_aliases_make_other_names_the_same_lead(tmp_path: Path) -> None:
    minutes = tmp_path / "m.txt"
    minutes.write_text(
        "Minutes of the meeting, 1 March 2023\n\nAction 1: MPS to report on stop and search.\n"
    )
    letter = tmp_path / "l.txt"
    letter.write_text(
        "1 April 2023\n\nNo.\tAction\tTiming\tLead\n1\tMPS to report on stop and search.\t\tthe Met\n"
    )
    config = tmp_path / "reconcile.yaml"
    config.write_text("aliases: {MPS: [the Met, Metropolitan Police Service]}\n")
    without = json.loads(invoke([str(minutes), str(letter), "--format", "json"], 1).stdout)
    assert without["pairs"][0]["drift"]["lead"] == "mismatch"
    with_aliases = json.loads(
        invoke([str(minutes), str(letter), "--format", "json", "--config", str(config)], 0).stdout
    )
    assert with_aliases["pairs"][0]["drift"]["lead"] == "none"
    assert with_aliases["pairs"][0]["letter"]["lead"] == ["MPS"]


def test_a_letter_that_disagrees_with_itself_is_reported(tmp_path: Path) -> None:
    minutes = tmp_path / "m.txt"
    minutes.write_text("Minutes of the meeting, 1 March 2023\n\nAction 1: MPS to report in October.\n")
    letter = tmp_path / "l.txt"
    letter.write_text(
        "1 April 2023\n\nNo.\tAction\tTiming\tLead\n1\tMPS to report in October.\tNovember 2023\tMPS\n"
    )
    data = json.loads(invoke([str(minutes), str(letter), "--format", "json"], 1).stdout)
    (pair,) = data["pairs"]
    assert pair["drift"]["timing"] == "slipped"
    inconsistent = [f for f in pair["findings"] if f["class"] == "inconsistent"]
    assert len(inconsistent) == 1
    assert "October 2023" in inconsistent[0]["message"]
    assert "November 2023" in inconsistent[0]["message"]
    assert inconsistent[0]["severity"] == "warning"


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        ((), 1),
        (("--fail-on", "never"), 0),
        (("--format", "json"), 1),
        (("--format", "csv", "--fail-on", "never"), 0),
    ],
)
def test_a_reader_that_stops_early_leaves_the_exit_code_as_documented(
    extra: tuple[str, ...], expected: int
) -> None:
    """`reconcile A B | head -3`: the seed pair has errors, so 1 at the default
    --fail-on, and 0 with never, whoever closes the pipe (here, before a byte is read)."""
    command = [sys.executable, "-m", "reconcile", MINUTES_TXT, LETTER_TXT, *extra]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as process:
        assert process.stdout is not None and process.stderr is not None
        process.stdout.close()
        stderr = process.stderr.read().decode()
        assert process.wait(timeout=60) == expected, stderr
    assert stderr == ""


def test_reading_standard_input_from_a_terminal_says_it_is_waiting() -> None:
    import os
    import pty
    import select

    master, slave = pty.openpty()
    command = [sys.executable, "-m", "reconcile", "-", LETTER_TXT]
    with subprocess.Popen(command, stdin=slave, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE) as process:
        os.close(slave)
        assert process.stderr is not None
        said, _, _ = select.select([process.stderr], [], [], 30)
        if not said:  # silent: it would wait for ever
            process.kill()
        first = process.stderr.readline().decode() if said else ""
        os.write(master, b"\x04")  # Ctrl-D: the end of what was typed, nothing
        rest = process.stderr.read().decode()
        process.wait(timeout=60)
    os.close(master)
    assert first == "reconcile: waiting for a document on standard input (end it with Ctrl-D)\n"
    assert process.returncode == 2 and "<stdin>: the file is empty" in rest
