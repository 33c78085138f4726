"""A fresh clone tests itself: without ../shared beside it, the tests that read the
shared ground truth skip with one reason, and RECONCILE_REQUIRE_SHARED=1 (set by
.ci/run) makes each such skip a failure."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT

# the test modules that read ../shared, in part or in whole
SHARED_READERS = ("test_seeds.py", "test_timing.py", "test_leads.py", "test_corpus.py")


@pytest.fixture(scope="module")
def clone(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A checkout's tests and fixtures in a folder with no ../shared beside it."""
    checkout = tmp_path_factory.mktemp("lonely") / "reconcile"
    shutil.copytree(ROOT / "tests", checkout / "tests", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", checkout)
    (checkout / "fixtures").symlink_to(FIXTURES)
    assert not (checkout.parent / "shared").exists()
    return checkout


def _pytest(clone: Path, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if k != "RECONCILE_REQUIRE_SHARED"} | env
    files = [f"tests/{name}" for name in SHARED_READERS]
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-m", "needs_shared", "-rs", *files],
        cwd=clone,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )


def _count(output: str, word: str) -> int:
    last = output.strip().splitlines()[-1]
    for part in last.replace("=", "").split(","):
        number, _, name = part.strip().partition(" ")
        if name.startswith(word):
            return int(number)
    return 0


def test_without_shared_its_readers_skip_with_one_reason(clone: Path) -> None:
    run = _pytest(clone)
    assert run.returncode == 0, run.stdout + run.stderr
    skipped = _count(run.stdout, "skipped")
    assert skipped >= 4, run.stdout
    assert _count(run.stdout, "passed") == _count(run.stdout, "error") == 0, run.stdout
    reasons = {line.split(": ", 1)[1] for line in run.stdout.splitlines() if line.startswith("SKIPPED")}
    assert len(reasons) == 1 and next(iter(reasons)).startswith("needs ../shared"), reasons


def test_required_shared_turns_each_skip_into_a_failure(clone: Path) -> None:
    skipped = _count(_pytest(clone).stdout, "skipped")
    run = _pytest(clone, RECONCILE_REQUIRE_SHARED="1")
    assert run.returncode == 1, run.stdout + run.stderr
    # a failure in a test's setup is counted as an error
    assert _count(run.stdout, "failed") + _count(run.stdout, "error") == skipped, run.stdout
    assert _count(run.stdout, "skipped") == 0, run.stdout
