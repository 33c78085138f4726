"""The HTML report of the seed PDFs, rendered by a real browser (headless Chromium):
it must load offline from a file and draw a page of the expected width."""

from __future__ import annotations

import shutil
import struct
import subprocess
from pathlib import Path

import pytest

from conftest import FIXTURES, invoke

SEEDS = FIXTURES / "seeds"
WIDTH, HEIGHT = 1280, 2000
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None and Path("/usr/bin/chromium").exists():
        found = "/usr/bin/chromium"
    if found is None:
        pytest.skip("chromium is not installed (CI installs it: apt-get install chromium)")
    return found


def _png_size(data: bytes) -> tuple[int, int]:
    """Width and height from the IHDR chunk, which a PNG must have first."""
    assert data[:8] == PNG_SIGNATURE
    assert data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_the_html_report_renders_in_chromium(tmp_path: Path) -> None:
    chromium = _chromium()
    report = tmp_path / "report.html"
    result = invoke([str(SEEDS / "minutes.pdf"), str(SEEDS / "letter.pdf"), "--format", "html"], 1)
    report.write_text(result.stdout, encoding="utf-8")
    screenshot = tmp_path / "report.png"
    subprocess.run(
        [
            chromium,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            f"--user-data-dir={tmp_path / 'profile'}",
            f"--screenshot={screenshot}",
            f"--window-size={WIDTH},{HEIGHT}",
            report.as_uri(),
        ],
        capture_output=True,
        timeout=120,
        check=True,
    )
    data = screenshot.read_bytes()
    assert len(data) > 20_000, "a blank or near-blank page"
    width, height = _png_size(data)
    assert width == WIDTH
    assert height > 0  # the window's height, less any browser chrome some versions keep
