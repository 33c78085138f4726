"""Shared test helpers: where the fixtures are, and running the CLI as a user would."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from reconcile.cli import main

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
SHARED = ROOT.parent / "shared"


def invoke(args: Sequence[str], expected_exit: int, **kwargs: Any) -> Result:
    """Run the CLI; fail with its output if the exit code is not the expected one."""
    result = CliRunner().invoke(main, list(args), catch_exceptions=False, **kwargs)
    assert result.exit_code == expected_exit, (
        f"exit {result.exit_code}, expected {expected_exit}\nstdout:\n{result.stdout}\n"
        f"stderr:\n{result.stderr}"
    )
    return result


def run_json(minutes: Path | str, letter: Path | str, *extra: str) -> dict[str, Any]:
    result = CliRunner().invoke(
        main,
        [str(minutes), str(letter), "--format", "json", "--fail-on", "never", *extra],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.stderr
    data: dict[str, Any] = json.loads(result.stdout)
    return data


@pytest.fixture(scope="session")
def shared() -> Path:
    if not (SHARED / "seeds" / "expected.yaml").exists():
        pytest.fail(f"../shared is not beside the checkout (looked in {SHARED})")
    return SHARED


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """Print the corpus scores per case, whether the tests passed or not."""
    try:
        from test_corpus import corpus_report
    except ImportError:
        return
    lines = corpus_report()
    if lines:
        terminalreporter.write_sep("-", "corpus scores")
        for line in lines:
            terminalreporter.write_line(line)
