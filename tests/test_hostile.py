"""Hostile and odd inputs, end to end: every bad input ends in a clear, bounded
failure for that input alone (exit 2, one line on stderr naming the file and the
reason in plain words, no traceback, within bounded time and memory), and never
in a clean report on an empty or partial read; valid but odd inputs are read right.

The files are made at test time by ``tests/hostile.py``, once a session.

How time and memory are measured. The CLI runs as a user runs it, in a process
of its own (``python -m reconcile``), started by a tiny wrapper (``_WRAPPER``):
the wrapper forks, the child execs the CLI in a session of its own, and the
wrapper waits for it with ``os.wait4``. That gives the wall-clock time from fork
to exit, and the peak resident memory (``ru_maxrss``) of the CLI and of every
process it waited for: the forked child that parses a PDF or a DOCX is counted.
The wrapper is needed because Linux keeps a process's memory high-water mark
across ``exec``: a CLI forked straight from pytest would start with pytest's own
peak. The wrapper kills the whole session when a case runs past its time bound
(and a little more), so a hang costs seconds, not the suite; the memory of a run
killed that way is its CLI's alone (its reader child is not waited for).

Bounds: every case ends within 10 s and 500 MB. The heavy ones (thousands of
pages, a page of 300,000 characters, 50 MB of HTML, a 50 MB line) may take
30 s and 1 GB to be read, or must be refused within 10 s and 500 MB.

Each case was first written as it should behave; the bugs it found in ``src/``
(a wrong reason for a broken cross-reference table, a silent partial read of a
corrupt stream, a self-referencing object that hung, library words in messages,
memory limits that did not name themselves, a YAML alias bomb, batch reports over
inputs) were fixed, and every case now runs plainly.
"""

from __future__ import annotations

import functools
import json
import os
import re
import subprocess
import sys
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import hostile
from reconcile.errors import ReconcileError
from reconcile.load import load_document

SECONDS, MEGABYTES = 10.0, 500.0
HEAVY_SECONDS, HEAVY_MEGABYTES = 30.0, 1024.0
# A run is killed this long after its bound: it has failed by then.
GRACE = 2.0

_WRAPPER = r"""
import json, os, signal, sys, time
result, limit, *args = sys.argv[1:]
start = time.monotonic()
pid = os.fork()
if pid == 0:
    try:
        os.setsid()
        os.execv(sys.executable, [sys.executable, "-m", "reconcile", *args])
    finally:
        os._exit(127)
killed = False
while True:
    done, status, usage = os.wait4(pid, os.WNOHANG)
    if done:
        break
    if time.monotonic() - start > float(limit):
        os.killpg(pid, signal.SIGKILL)
        killed = True
        _, status, usage = os.wait4(pid, 0)
        break
    time.sleep(0.005)
seconds = time.monotonic() - start
code = os.waitstatus_to_exitcode(status)
with open(result, "w") as handle:
    json.dump({"code": code, "seconds": seconds, "kb": usage.ru_maxrss, "killed": killed}, handle)
"""


@dataclass(frozen=True)
class Run:
    args: tuple[str, ...]
    code: int
    seconds: float
    megabytes: float
    killed: bool
    stdout: str
    stderr: str

    def __str__(self) -> str:
        return (
            f"reconcile {' '.join(self.args)}\n"
            f"exit {self.code}{' (killed)' if self.killed else ''}, {self.seconds:.2f} s, "
            f"{self.megabytes:.0f} MB\nstderr: {self.stderr[:2000]!r}\nstdout: {self.stdout[:1000]!r}"
        )


def run_cli(args: list[str], cwd: Path, limit: float = SECONDS + GRACE) -> Run:
    """The CLI in a process of its own, measured (see the module's docstring)."""
    env = {k: v for k, v in os.environ.items() if k not in ("RECONCILE_PASSWORD", "RECONCILE_DEBUG_CHILD")}
    with (
        tempfile.TemporaryFile() as out,
        tempfile.TemporaryFile() as err,
        tempfile.TemporaryDirectory() as scratch,
    ):
        result = Path(scratch) / "result.json"
        subprocess.run(
            [sys.executable, "-c", _WRAPPER, str(result), str(limit), *args],
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=err,
            cwd=cwd,
            env=env,
            timeout=limit + 30,
            check=True,
        )
        measured = json.loads(result.read_text())
        out.seek(0)
        err.seek(0)
        return Run(
            args=tuple(args),
            code=measured["code"],
            seconds=measured["seconds"],
            megabytes=measured["kb"] / 1024,
            killed=measured["killed"],
            stdout=out.read().decode("utf-8", errors="replace"),
            stderr=err.read().decode("utf-8", errors="replace"),
        )


class Files:
    """Each hostile file made once a session, on first use, in one folder."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._made: dict[str, Path] = {}

    def get(self, key: str, make: Callable[[Path], Path]) -> Path:
        if key not in self._made:
            self._made[key] = make(self.folder / key)
        return self._made[key]

    @property
    def minutes(self) -> Path:
        return self.get("small-minutes", hostile.make_small_minutes)

    @property
    def letter(self) -> Path:
        return self.get("small-letter", hostile.make_small_letter)


@pytest.fixture(scope="session")
def files(tmp_path_factory: pytest.TempPathFactory) -> Files:
    return Files(tmp_path_factory.mktemp("hostile"))


# --- the cases ---------------------------------------------------------------------------------

ALL_LETTER_ACTIONS = tuple(number for number, *_ in hostile.LETTER_ACTIONS)
BOTH = ("1", "2")
DAMAGED = r"damaged"


@dataclass(frozen=True)
class Case:
    """One hostile file and what must happen to it.

    ``error``: a regex the one-line error must match (exit 2). ``actions``: the
    action numbers a read must find, each once (exit 0 or 1, through ``reconcile
    extract --format json``). With both, either outcome passes: a refusal with
    that reason, or a complete read, never a partial one."""

    id: str
    make: Callable[[Path], Path]
    error: str | None = None
    actions: tuple[str, ...] | None = None
    options: tuple[str, ...] = ()
    texts: Mapping[str, str] = field(default_factory=dict)  # action number -> text it must hold
    heavy: bool = False
    config: bool = False  # the file is a --config for a good pair
    file: str = ""  # the key of a file another case makes too; default: the id

    def args(self, files: Files, path: Path) -> list[str]:
        if self.config:
            return [str(files.minutes), str(files.letter), "--config", str(path), *self.options]
        if self.actions is not None:
            return ["extract", str(path), "--format", "json", *self.options]
        return [str(path), str(files.letter), "--format", "json", *self.options]


_MEMORY_NOT_NAMED = (
    "the reader's own MemoryError handler (load/pdf.py _explain, load/docx.py load_docx) "
    "shadows isolate.py's '(--max-memory)' message: the user reads 'needs more memory than is "
    "available to read', which names neither the limit that stopped it nor a bomb"
)

CASES: tuple[Case, ...] = (
    # PDF: the producers' valid files first, so that a broken variant is known to be
    # broken by its break alone
    Case("pdf-letter-valid", hostile.make_letter_pdf, actions=ALL_LETTER_ACTIONS),
    Case("pdf-byte-level-valid", hostile.make_byte_level_pdf, actions=BOTH),
    Case("pdf-zero-bytes", hostile.make_empty_pdf, error=r"empty"),
    Case(
        "pdf-named-html",
        hostile.make_html_named_pdf,
        actions=("1",),
        texts={"1": hostile.ACTION_1},
    ),
    Case("pdf-named-png", hostile.make_png_named_pdf, error=r"PNG image"),
    *(
        Case(
            f"pdf-truncated-{share}",
            lambda folder, share=share: hostile.make_truncated_pdf(folder, share / 100),
            error=r"damaged|truncated",
            actions=ALL_LETTER_ACTIONS,
        )
        for share in (25, 50, 90)
    ),
    Case(
        "pdf-garbage-xref",
        hostile.make_bad_xref_pdf,
        error=DAMAGED,
        actions=ALL_LETTER_ACTIONS,
    ),
    Case(
        "pdf-garbage-in-ascii85-stream",
        hostile.make_bad_a85_stream_pdf,
        error=DAMAGED,
    ),
    Case(
        "pdf-garbage-in-flate-stream",
        hostile.make_bad_flate_stream_pdf,
        error=DAMAGED,
    ),
    Case("pdf-encrypted", hostile.make_encrypted_pdf, error=r"needs a password"),
    Case(
        "pdf-encrypted-with-password",
        hostile.make_encrypted_pdf,
        actions=("1",),
        options=("--password", "secret"),
        file="pdf-encrypted",
        texts={"1": hostile.ACTION_1},
    ),
    Case(
        "pdf-encrypted-wrong-password",
        hostile.make_encrypted_pdf,
        error=r"password",
        options=("--password", "wrong"),
        file="pdf-encrypted",
    ),
    Case(
        "pdf-owner-password-only",
        hostile.make_owner_password_pdf,
        actions=("1",),
        texts={"1": hostile.ACTION_1},
    ),
    Case("pdf-no-text-layer", hostile.make_no_text_pdf, error=r"no text layer.*OCR"),
    Case("pdf-2500-pages", hostile.make_many_pages_pdf, error=r"2,500 pages.*--max-pages"),
    Case(
        "pdf-2500-pages-allowed",
        hostile.make_many_pages_pdf,
        error=r"--timeout|--max-memory|--max-chars",
        actions=("1",),
        options=("--max-pages", "3000"),
        heavy=True,
        file="pdf-2500-pages",
    ),
    Case(
        "pdf-300k-chars-on-a-page",
        hostile.make_dense_page_pdf,
        error=r"--timeout|--max-memory|--max-chars",
        actions=("1",),
        heavy=True,
    ),
    Case("pdf-pages-node-lists-itself", hostile.make_pages_loop_pdf, error=DAMAGED, actions=BOTH),
    Case(
        "pdf-object-is-a-reference-to-itself",
        hostile.make_self_reference_pdf,
        error=DAMAGED,
        actions=BOTH,
    ),
    Case("pdf-same-page-listed-twice", hostile.make_duplicate_page_pdf, actions=BOTH),
    Case(
        "pdf-flate-bomb-2gb",
        hostile.make_flate_bomb_pdf,
        error=r"--max-memory|bomb",
    ),
    Case("pdf-arrays-100k-deep", hostile.make_deep_array_pdf, error=DAMAGED, actions=BOTH),
    Case("pdf-reference-chain-100k", hostile.make_reference_chain_pdf, error=DAMAGED, actions=BOTH),
    # DOCX
    Case("docx-zip-bomb-1gb", hostile.make_zip_bomb_docx, error=r"zip bomb"),
    Case(
        "docx-zip-bomb-lying-sizes",
        lambda folder: hostile.make_zip_bomb_docx(folder, lie=True),
        error=r"zip bomb|--max-memory|damaged",
    ),
    Case("docx-external-entity", hostile.make_xxe_docx, actions=("1",), texts={"1": "MPS to review"}),
    Case(
        "docx-corrupt-part",
        hostile.make_corrupt_docx,
        error=DAMAGED,
    ),
    # HTML
    Case("html-500k-nested-divs", hostile.make_deep_html, error=r"--max-chars|nest", actions=("1",)),
    Case("html-50mb", hostile.make_huge_html, error=r"--max-chars", actions=("1",), heavy=True),
    # text
    *(
        Case(
            f"text-{encoding}",
            lambda folder, encoding=encoding: hostile.make_encoded_text(folder, encoding),
            actions=BOTH,
            texts={"1": "“Safer Schools” report and share it with the café group", "2": "survey’s results"},
        )
        for encoding in ("utf-8-sig", "utf-16-le", "utf-16-be", "cp1252")
    ),
    Case("text-nul-bytes", hostile.make_nul_text, error=r"binary", actions=BOTH),
    Case("text-one-50mb-line", hostile.make_long_line_text, error=r"--max-chars", actions=("1",), heavy=True),
    # config, given with --config to a good pair
    Case(
        "config-billion-laughs",
        hostile.make_billion_laughs_config,
        error=r"fail_on",
        config=True,
    ),
    Case("config-python-tag", hostile.make_python_tag_config, error=r"YAML", config=True),
    Case("config-wrong-types", hostile.make_wrong_types_config, error=r"limits\.max_pages", config=True),
    Case("config-wrong-shape", hostile.make_wrong_shape_config, error=r"mapping", config=True),
    Case("config-100k-deep", hostile.make_deep_config, error=r"nested too deeply|YAML", config=True),
)


def _params() -> list[Any]:
    return [pytest.param(case, id=case.id) for case in CASES]


@pytest.mark.parametrize("case", _params())
def test_hostile_input(case: Case, files: Files) -> None:
    path = files.get(case.file or case.id, case.make)
    limit = HEAVY_SECONDS if case.heavy else SECONDS
    run = run_cli(case.args(files, path), files.folder, limit + GRACE)
    assert not run.killed, f"still running after {limit + GRACE:.0f} s\n{run}"
    assert "Traceback" not in run.stderr + run.stdout, str(run)
    if run.code == 2 and case.error is not None:
        _assert_one_line_error(run, path, case.error)
        seconds, megabytes = SECONDS, MEGABYTES  # a refusal is quick, heavy input or not
    elif run.code in (0, 1) and case.actions is not None:
        _assert_complete_read(run, case)
        seconds, megabytes = (HEAVY_SECONDS, HEAVY_MEGABYTES) if case.heavy else (SECONDS, MEGABYTES)
    else:
        expected = " or ".join(
            text
            for text in (
                f"exit 2 with an error matching {case.error!r}" if case.error else "",
                f"a read of actions {case.actions}" if case.actions else "",
            )
            if text
        )
        pytest.fail(f"expected {expected}\n{run}")
    assert run.seconds <= seconds, f"took {run.seconds:.1f} s, more than {seconds:.0f} s\n{run}"
    assert run.megabytes <= megabytes, f"peaked at {run.megabytes:.0f} MB, more than {megabytes:.0f}\n{run}"


def _assert_one_line_error(run: Run, path: Path, reason: str) -> None:
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1, f"expected one line on stderr\n{run}"
    line = lines[0]
    assert line.startswith("reconcile: error: "), str(run)
    assert path.name in line, f"the error does not name {path.name}\n{run}"
    # the reason, not the file's name ('flate-bomb.pdf'), must say it
    said = line.replace(str(path), "").replace(path.name, "")
    assert re.search(reason, said), f"the error's reason does not match {reason!r}\n{run}"
    assert len(line) < 400, f"an error line of {len(line)} characters\n{run}"
    assert run.stdout == "", f"a report was printed as well as the error\n{run}"


def _assert_complete_read(run: Run, case: Case) -> None:
    assert case.actions is not None
    record = json.loads(run.stdout)
    numbers = [action["number"] for action in record["actions"]]
    assert numbers == list(case.actions), f"actions {numbers}, expected {list(case.actions)}\n{run}"
    by_number = {action["number"]: action["text"] for action in record["actions"]}
    for number, text in case.texts.items():
        assert text in by_number[number], f"action {number}: {by_number[number]!r} lacks {text!r}"
    assert hostile.SECRET not in run.stdout + run.stderr, "the external entity was resolved"
    assert "\x00" not in json.dumps(record, ensure_ascii=False)
    assert "\ufffd" not in json.dumps(record, ensure_ascii=False), "characters were lost in decoding"


def test_an_unsafe_yaml_tag_is_never_run(files: Files) -> None:
    config = files.get("config-python-tag", hostile.make_python_tag_config)
    run_cli([str(files.minutes), str(files.letter), "--config", str(config)], files.folder)
    assert not (config.parent / "pwned").exists()


# --- terminal escapes and markup in a document -------------------------------------------------


@pytest.mark.parametrize(
    "options",
    [
        pytest.param((), id="terminal"),
        pytest.param(("--color",), id="terminal-color"),
        pytest.param(("--format", "markdown"), id="markdown"),
        pytest.param(("--format", "github"), id="github"),
        pytest.param(("--format", "csv"), id="csv"),
        pytest.param(("extract",), id="extract"),
    ],
)
def test_escapes_and_markup_in_an_action_are_printed_as_text(options: tuple[str, ...], files: Files) -> None:
    minutes = files.get("escapes-minutes", hostile.make_escapes_minutes)
    letter = files.get("escapes-letter", hostile.make_escapes_letter)
    if options == ("extract",):
        args = ["extract", str(minutes)]
    else:
        args = [str(minutes), str(letter), "--fail-on", "never", *options]
    run = run_cli(args, files.folder)
    assert run.code == 0, str(run)
    assert "Traceback" not in run.stderr + run.stdout, str(run)
    for sequence in ("\x1b[2J", "\x1b]0;", "\x07"):
        assert sequence not in run.stdout, f"{sequence!r} reached the output\n{run}"
    if "--color" not in options:
        assert "\x1b" not in run.stdout, str(run)
    if options in ((), ("--color",), ("extract",)):  # the action's text is shown, markup as typed
        assert "[bold]the[/bold]" in run.stdout, str(run)


# --- batch -------------------------------------------------------------------------------------


def _check_batch(files: Files, key: str, make: Callable[[Path], Path], entries: Any) -> None:
    manifest = files.get(key, make)
    out = manifest.parent.parent / "reports"
    run = run_cli(["batch", str(manifest), "--jobs", "1", "--out", str(out)], files.folder)
    assert "Traceback" not in run.stderr + run.stdout, str(run)
    assert run.code == 2, str(run)
    assert run.seconds <= SECONDS and run.megabytes <= MEGABYTES, str(run)
    assert (out / "summary.json").is_file(), f"no summary.json\n{run}"
    summary = json.loads((out / "summary.json").read_text())
    rows = {row["name"]: row for row in summary["pairs"]}
    assert list(rows) == [name for name, _, _ in entries]
    for name, minutes, error in entries:
        row = rows[name]
        if error:
            assert row["status"] == "error" and row["exit_code"] == 2, row
            assert re.search(error, row["error"]), row
            assert Path(minutes).name in row["error"], row
            assert "\n" not in row["error"], row
        else:
            assert row["status"] == "ok" and row["exit_code"] in (0, 1), row
            assert (out / row["report"]).is_file()
    assert summary["exit_code"] == 2


def test_batch_bad_pairs_are_error_rows_and_the_others_run(files: Files) -> None:
    _check_batch(files, "batch", hostile.make_batch, hostile.BATCH_ENTRIES)


def test_batch_symlink_loop_is_an_error_row(files: Files) -> None:
    entries = (*hostile.BATCH_ENTRIES[:4], hostile.LOOP_ENTRY, *hostile.BATCH_ENTRIES[4:])
    _check_batch(files, "batch-loop", hostile.make_loop_batch, entries)


def test_batch_duplicate_names_refuse_the_manifest_in_one_line(files: Files) -> None:
    # A manifest error, before any pair runs: two reports of one name would overwrite each other.
    manifest = files.get("batch-duplicates", hostile.make_duplicate_names_batch)
    run = run_cli(
        ["batch", str(manifest), "--jobs", "1", "--out", str(manifest.parent / "out")], files.folder
    )
    assert run.code == 2, str(run)
    _assert_one_line_error(run, manifest, r"named 'same'.*unique")


@pytest.mark.parametrize("target", ["good/minutes.txt", "manifest.yaml"])
def test_batch_out_onto_an_input_is_refused_and_the_input_kept(target: str, files: Files) -> None:
    manifest = files.get("batch", hostile.make_batch)
    path = manifest.parent / target
    before = path.read_bytes()
    run = run_cli(["batch", str(manifest), "--jobs", "1", "--quiet", "--out", str(path)], files.folder)
    assert run.code == 2, str(run)
    assert "Traceback" not in run.stderr, str(run)
    # a bad option value: click's usage error, whose last line is the message
    last = run.stderr.strip().splitlines()[-1]
    assert "--out" in last and path.name in last, str(run)
    assert path.read_bytes() == before


def test_batch_report_is_never_written_over_an_input(files: Files) -> None:
    manifest = files.get("batch-collide", hostile.make_report_over_input_batch)
    inputs = {p: p.read_bytes() for p in (manifest.parent / "minutes.txt", manifest.parent / "letter.txt")}
    args = [
        "batch",
        str(manifest),
        "--jobs",
        "1",
        "--quiet",
        "--format",
        "terminal",
        "--out",
        str(manifest.parent),
    ]
    run = run_cli(args, files.folder)
    assert "Traceback" not in run.stderr, str(run)
    for path, data in inputs.items():
        assert path.read_bytes() == data, f"{path.name} was overwritten\n{run}"
    if run.code == 2:
        _assert_one_line_error(run, manifest, r"letter")


# --- arbitrary bytes, in-process ---------------------------------------------------------------

_SUFFIXES = (".pdf", ".docx", ".html", ".txt")


@functools.cache
def _samples() -> tuple[bytes, ...]:
    """Valid files of each kind, to be cut and spoilt."""
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        return (
            hostile.make_byte_level_pdf(folder).read_bytes(),
            hostile.letter_pdf_bytes(),
            hostile.docx_bytes(),
            hostile.make_html_named_pdf(folder).read_bytes(),
            hostile.SMALL_LETTER.encode(),
        )


@st.composite
def _hostile_bytes(draw: st.DrawFn) -> bytes:
    how = draw(st.sampled_from(["random", "prefixed", "mutated", "truncated"]))
    if how == "random":
        return draw(st.binary(max_size=4096))
    if how == "prefixed":
        prefix = draw(st.sampled_from([b"%PDF-1.4\n", b"PK\x03\x04", b"<!DOCTYPE html>", b"\xff\xfe"]))
        return prefix + draw(st.binary(max_size=4096))
    sample = draw(st.sampled_from(_samples()))
    cut = draw(st.integers(0, len(sample)))
    if how == "truncated":
        return sample[:cut]
    junk = draw(st.binary(min_size=1, max_size=64))
    return sample[:cut] + junk + sample[cut + len(junk) :]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=_hostile_bytes(), suffix=st.sampled_from(_SUFFIXES))
def test_arbitrary_bytes_raise_nothing_but_reconcile_errors(
    data: bytes, suffix: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    folder = tmp_path_factory.getbasetemp() / "arbitrary"
    folder.mkdir(exist_ok=True)
    path = folder / f"input{suffix}"
    path.write_bytes(data)
    try:
        document = load_document(path)
    except ReconcileError as error:
        assert "\n" not in str(error)
        assert str(path) in str(error)
    else:
        assert document.lines
