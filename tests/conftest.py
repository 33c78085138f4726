"""Shared test helpers: where the fixtures are, and running the CLI as a user would.

The shared ground truth (../shared: the seed pair's expected.yaml and the real
corpus) is not part of the project: tests that read it are marked `needs_shared`
and skip, with one reason, on a checkout that has no ../shared beside it. CI sets
RECONCILE_REQUIRE_SHARED=1, which makes such a skip a failure, so that CI always
runs them."""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from reconcile.cli import main

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
SHARED = ROOT.parent / "shared"
REQUIRE_SHARED = os.environ.get("RECONCILE_REQUIRE_SHARED", "") not in ("", "0")
SHARED_ABSENT = (
    f"needs ../shared (the shared ground truth), which is not beside the checkout ({SHARED}); "
    "CI sets RECONCILE_REQUIRE_SHARED=1 to make this a failure"
)
# Tesseract's English data (Debian's tesseract-ocr-eng), which --ocr needs: tests
# marked `needs_tesseract` skip without it, except under CI, which installs it
# (.ci/run) and sets RECONCILE_REQUIRE_TESSERACT=1 to make such a skip a failure.
REQUIRE_TESSERACT = os.environ.get("RECONCILE_REQUIRE_TESSERACT", "") not in ("", "0")
TESSERACT_ABSENT = (
    "needs Tesseract's English data (apt-get install tesseract-ocr tesseract-ocr-eng); "
    "CI sets RECONCILE_REQUIRE_TESSERACT=1 to make this a failure"
)
# Test modules that read ../shared throughout and are not ours to mark (test_corpus.py
# is another developer's): every test in them needs it.
_SHARED_MODULES = frozenset({"test_corpus.py"})


def shared_present() -> bool:
    return (SHARED / "seeds" / "expected.yaml").is_file()


def tesseract_present() -> bool:
    from reconcile.load.pdf.ocr import tessdata

    return tessdata() is not None


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "needs_shared: the test reads ../shared (the shared ground truth)")
    config.addinivalue_line("markers", "needs_tesseract: the test reads a scan with OCR (--ocr)")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if item.path.name in _SHARED_MODULES:
            item.add_marker(pytest.mark.needs_shared)


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    """Skip, or with RECONCILE_REQUIRE_SHARED fail, a test that needs an absent ../shared
    (and the same for Tesseract, with RECONCILE_REQUIRE_TESSERACT).
    Runs before pytest's own skip marks, so that a test parametrized from the ground
    truth (an empty parameter set without it) says the same."""
    if item.get_closest_marker("needs_tesseract") is not None and not tesseract_present():
        if REQUIRE_TESSERACT:
            pytest.fail(
                "needs Tesseract's English data, and RECONCILE_REQUIRE_TESSERACT is set", pytrace=False
            )
        pytest.skip(TESSERACT_ABSENT)
    if item.get_closest_marker("needs_shared") is None or shared_present():
        return
    if REQUIRE_SHARED:
        pytest.fail(
            f"needs ../shared, which is not beside the checkout ({SHARED}), and "
            "RECONCILE_REQUIRE_SHARED is set",
            pytrace=False,
        )
    pytest.skip(SHARED_ABSENT)


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


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """Print the corpus scores per case, and the scanned letters', whether the
    tests passed or not."""
    try:
        from test_corpus import corpus_report
    except ImportError:
        corpus_report = None
    try:
        from test_ocr import scan_report
    except ImportError:
        scan_report = None
    for title, report in (("corpus scores", corpus_report), ("scanned letters (--ocr auto)", scan_report)):
        lines = report() if report is not None else []
        if lines:
            terminalreporter.write_sep("-", title)
            for line in lines:
                terminalreporter.write_line(line)


@pytest.fixture
def helpers(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Every chance a PDF reader has to hand pages to a helper process taken (as if
    a core were always free); the list gets an item a helper that the test's own
    process starts."""
    from reconcile.load.isolate import can_isolate
    from reconcile.load.pdf import document

    if not can_isolate():
        pytest.skip("no fork on this platform: pages are read in one process")
    started: list[bool] = []

    def spare_core() -> bool:
        started.append(True)
        return True

    monkeypatch.setattr(document, "spare_core", spare_core)
    return started
