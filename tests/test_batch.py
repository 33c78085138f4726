"""Batch: manifests and folders of pairs, every pair's failure its own, results in
the order of the pairs whatever the number of workers."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from conftest import FIXTURES
from reconcile.batch import discover_pairs, read_manifest, run_batch
from reconcile.errors import ConfigError

SEEDS = FIXTURES / "seeds"


def _folder_of_pairs(root: Path, count: int) -> Path:
    for i in range(count):
        folder = root / f"2022-{i:02d}"
        folder.mkdir(parents=True)
        shutil.copy(SEEDS / "minutes.txt", folder / "minutes.txt")
        shutil.copy(SEEDS / "letter.txt", folder / "letter.txt")
    return root


def _manifest(root: Path, text: str) -> Path:
    path = root / "manifest.yaml"
    path.write_text(text)
    return path


def test_a_manifest_resolves_paths_from_its_folder(tmp_path: Path) -> None:
    _folder_of_pairs(tmp_path, 1)
    manifest = _manifest(
        tmp_path,
        "pairs:\n  - minutes: 2022-00/minutes.txt\n    letter: 2022-00/letter.txt\n"
        "    name: june-2022\n    config: {fail_on: warning}\n",
    )
    (pair,) = read_manifest(manifest)
    assert pair.name == "june-2022"
    assert pair.minutes == str((tmp_path / "2022-00" / "minutes.txt").resolve())
    assert pair.config == {"fail_on": "warning"}
    assert pair.problem == ""


def test_entries_that_cannot_run_become_error_rows(tmp_path: Path) -> None:
    _folder_of_pairs(tmp_path / "in", 1)
    outside = tmp_path / "secret.txt"
    outside.write_text("x")
    (tmp_path / "in" / "link.txt").symlink_to(outside)
    (tmp_path / "in" / "loop.txt").symlink_to(tmp_path / "in" / "loop.txt")
    os.mkfifo(tmp_path / "in" / "fifo.txt")
    manifest = _manifest(
        tmp_path / "in",
        "pairs:\n"
        "  - {name: up, minutes: ../secret.txt, letter: 2022-00/letter.txt}\n"
        "  - {name: link, minutes: link.txt, letter: 2022-00/letter.txt}\n"
        "  - {name: loop, minutes: loop.txt, letter: 2022-00/letter.txt}\n"
        "  - {name: fifo, minutes: fifo.txt, letter: 2022-00/letter.txt}\n"
        "  - {name: device, minutes: /dev/zero, letter: 2022-00/letter.txt}\n"
        "  - {name: missing, minutes: nope.txt, letter: 2022-00/letter.txt}\n"
        "  - {name: good, minutes: 2022-00/minutes.txt, letter: 2022-00/letter.txt}\n",
    )
    problems = {p.name: p.problem for p in read_manifest(manifest)}
    assert "leaves the manifest's folder" in problems["up"]
    assert "leaves the manifest's folder" in problems["link"]
    assert "loop" in problems["loop"] or "no such file" in problems["loop"]
    assert "not a regular file" in problems["fifo"]
    assert "leaves the manifest's folder" in problems["device"]
    assert "no such file" in problems["missing"]
    assert problems["good"] == ""


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("pairs: []\n", "expected 'pairs:'"),
        ("pairs:\n  - {minutes: a.txt}\n", "expected 'minutes' and 'letter'"),
        ("pairs:\n  - {minutes: a.txt, letter: b.txt, colour: red}\n", "unknown key 'colour'"),
        ("pairs:\n  - {minutes: a.txt, letter: b.txt, config: {fail_on: often}}\n", "fail_on"),
        ("pairs:\n  - {minutes: a, letter: b, name: x}\n  - {minutes: c, letter: d, name: x}\n", "named 'x'"),
    ],
)
def test_a_bad_manifest_is_one_clear_error(tmp_path: Path, text: str, words: str) -> None:
    with pytest.raises(ConfigError, match=words):
        read_manifest(_manifest(tmp_path, text))


def test_pairs_are_found_by_file_names(tmp_path: Path) -> None:
    _folder_of_pairs(tmp_path, 2)
    flat = tmp_path / "flat"
    flat.mkdir()
    for name in ("2023-01-minutes.md", "2023-01-letter.md", "2023-02-minutes.md", "notes.txt"):
        (flat / name).write_text("x")
    pairs, unpaired = discover_pairs(tmp_path)
    assert [(p.name, Path(p.minutes).name, Path(p.letter).name) for p in pairs] == [
        ("2022-00", "minutes.txt", "letter.txt"),
        ("2022-01", "minutes.txt", "letter.txt"),
        ("flat-2023-01", "2023-01-minutes.md", "2023-01-letter.md"),
    ]
    assert sorted(Path(u).name for u in unpaired) == ["2023-02-minutes.md", "notes.txt"]


def test_one_bad_pair_is_an_error_row_and_the_rest_run_alike_whatever_the_jobs(tmp_path: Path) -> None:
    _folder_of_pairs(tmp_path, 5)
    (tmp_path / "2022-02" / "minutes.txt").write_bytes(b"%PDF-1.7\n%broken")
    pairs, _ = discover_pairs(tmp_path)
    one = run_batch(pairs, {}, "json", None, jobs=1)
    two = run_batch(pairs, {}, "json", None, jobs=2)
    assert one == two
    assert [o.ok for o in one] == [True, True, False, True, True]
    assert "PDF" in (one[2].error or "")
    assert all(o.failed_gate for o in one if o.ok)
    assert one[0].findings["timing.slipped"] == 2


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("../x", "no '/'"),
        ("../../etc/passwd", "no '/'"),
        ("/tmp/x", "no '/'"),
        ("a/b", "no '/'"),
        ("a\\\\b", "no '/'"),  # a backslash, as YAML's double-quoted string writes it
        ("..", "start with '.'"),
        (".hidden", "start with '.'"),
        ("x\\ny", "control characters"),
        ("x\\u001b[31my", "control characters"),
        ("tab\\tname", "control characters"),
        ("summary", "the batch's own summary file"),
        ("Index", "the batch's own index file"),
        ("", "is empty"),
        ("x" * 200, "longer than"),
    ],
)
def test_a_name_that_is_not_a_plain_file_name_is_refused(tmp_path: Path, name: str, words: str) -> None:
    _folder_of_pairs(tmp_path, 1)
    manifest = _manifest(
        tmp_path,
        f'pairs:\n  - {{minutes: 2022-00/minutes.txt, letter: 2022-00/letter.txt, name: "{name}"}}\n',
    )
    with pytest.raises(ConfigError, match=re.escape(words)) as error:
        read_manifest(manifest)
    assert "pairs entry 1: name" in str(error.value)


def test_default_names_come_from_the_folders(tmp_path: Path) -> None:
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        for name in ("minutes.pdf", "letter.pdf"):
            shutil.copy(SEEDS / name, tmp_path / folder / name)
    manifest = _manifest(
        tmp_path,
        "pairs:\n  - {minutes: a/minutes.pdf, letter: a/letter.pdf}\n"
        "  - {minutes: b/minutes.pdf, letter: b/letter.pdf}\n",
    )
    assert [p.name for p in read_manifest(manifest)] == ["a", "b"]
    assert [p.name for p in discover_pairs(tmp_path)[0]] == ["a", "b"]


def test_default_names_are_safe_file_names(tmp_path: Path) -> None:
    folder = tmp_path / "x\x1b[31my"
    folder.mkdir()
    (folder / "minutes.txt").write_text("x")
    (folder / "letter.txt").write_text("x")
    (pair,), _ = discover_pairs(tmp_path)
    assert pair.name == "x-[31my"
