"""Reads in forked children, several at once: results in order, the first failure in
order reported, a failed read stopping the others, and no child timed out for waiting
on a pipe while another is still reading. Real processes, real pipes and clocks."""

from __future__ import annotations

import contextlib
import io
import os
import signal
import time
from pathlib import Path

import pytest

from reconcile.api import reconcile
from reconcile.errors import InputError
from reconcile.load.isolate import can_isolate, failed, gather, spare_core, start_isolated
from reconcile.report import render

pytestmark = pytest.mark.skipif(not can_isolate(), reason="no fork on this platform")

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def _after(seconds: float, value: object) -> object:
    time.sleep(seconds)
    return value


def _fail_after(seconds: float, reason: str) -> object:
    time.sleep(seconds)
    raise InputError(reason, "file")


def test_results_come_in_the_order_asked_not_the_order_finished() -> None:
    slow = start_isolated(lambda: _after(0.3, "minutes"), "minutes", 10, None)
    fast = start_isolated(lambda: _after(0.0, "letter"), "letter", 10, None)
    assert gather([slow, fast]) == ["minutes", "letter"]


def test_two_reads_run_at_once() -> None:
    start = time.monotonic()
    first = start_isolated(lambda: _after(0.5, 1), "first", 10, None)
    second = start_isolated(lambda: _after(0.5, 2), "second", 10, None)
    assert gather([first, second]) == [1, 2]
    assert time.monotonic() - start < 0.9  # one after the other would take 1.0 s


def test_the_first_failure_in_order_is_the_one_reported() -> None:
    late = start_isolated(lambda: _fail_after(0.3, "the minutes' problem"), "minutes", 10, None)
    early = start_isolated(lambda: _fail_after(0.0, "the letter's problem"), "letter", 10, None)
    with pytest.raises(InputError, match="the minutes' problem"):
        gather([late, early])


def test_a_failure_before_reading_is_reported_in_its_turn() -> None:
    reading = start_isolated(lambda: _fail_after(0.2, "damaged"), "minutes", 10, None)
    missing = failed(InputError("no such file", "letter.pdf"))
    with pytest.raises(InputError, match="damaged"):
        gather([reading, missing])


def test_a_failed_read_stops_the_other_at_once() -> None:
    start = time.monotonic()
    failing = start_isolated(lambda: _fail_after(0.0, "corrupt"), "minutes", 30, None)
    hanging = start_isolated(lambda: _after(30, "never"), "letter", 30, None)
    pids = [p._child.pid for p in (failing, hanging) if p._child is not None]
    with pytest.raises(InputError, match="corrupt"):
        gather([failing, hanging])
    assert time.monotonic() - start < 5
    for pid in pids:  # both children reaped: none left behind
        with pytest.raises(ChildProcessError):
            os.waitpid(pid, os.WNOHANG)


def test_a_finished_read_is_not_timed_out_while_another_is_still_reading() -> None:
    """The second child finishes at once with more than a pipe holds; the first reads
    for longer than the second's timeout. Drained as it comes, the second's answer
    is in before its clock runs out."""
    big = b"x" * (4 << 20)
    slow = start_isolated(lambda: _after(1.5, "done"), "minutes", 10, None)
    large = start_isolated(lambda: big, "letter", 1.0, None)
    assert gather([slow, large]) == ["done", big]


def test_a_timeout_names_its_limit() -> None:
    with pytest.raises(InputError, match=r"longer than 0.5 s \(--timeout\)"):
        gather([start_isolated(lambda: _after(10, "never"), "slow.pdf", 0.5, None)])


def _stopped_by_its_cpu_limit() -> None:
    os.kill(os.getpid(), signal.SIGXCPU)  # as the kernel does at RLIMIT_CPU


def test_a_reader_stopped_by_its_cpu_limit_names_the_timeout() -> None:
    with pytest.raises(InputError, match=r"more CPU time than --timeout allows"):
        gather([start_isolated(_stopped_by_its_cpu_limit, "scan.pdf", 5, 400)])


def test_the_pair_read_at_once_reports_as_read_one_after_the_other() -> None:
    seeds = FIXTURES / "seeds"
    reports = []
    for concurrently in (True, False):
        result = reconcile(seeds / "minutes.pdf", seeds / "letter.pdf", concurrently=concurrently)
        stream = io.StringIO()
        render(result, "json", stream)
        reports.append(stream.getvalue())
    assert reports[0] == reports[1]
    assert '"number": "15"' in reports[0]


# --- helpers: a reader's own children, on the cores the job server lends ----------------------


def _spare_once_the_other_has_ended(seconds: float) -> bool:
    """In a reader: whether a core comes free within ``seconds``."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if spare_core():
            return True
        time.sleep(0.01)
    return False


def test_a_reader_that_ends_lends_its_core_to_one_still_reading() -> None:
    # two readers have a core each on two cores (CI's), none spare; on more cores
    # there are spare ones from the start, and on one core the first reader has it
    quick = start_isolated(lambda: "done", "letter", 10, None)
    waiting = start_isolated(lambda: _spare_once_the_other_has_ended(5.0), "minutes", 10, None)
    assert gather([quick, waiting]) == ["done", True]


def test_no_core_is_spare_outside_a_reader() -> None:
    assert spare_core() is False


def _start_sleeping_helper(pid_file: Path) -> object:
    """In a reader: a helper that writes its pid and sleeps, waited for."""

    def sleep() -> None:
        pid_file.write_text(str(os.getpid()))
        time.sleep(30)

    return gather([start_isolated(sleep, "helper", None, None)])


def _gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    status = Path(f"/proc/{pid}/status")
    # an orphan no one reaps stays a zombie: dead all the same
    return status.exists() and "\nState:\tZ" in status.read_text()


def test_a_reader_timed_out_is_stopped_with_its_helpers(tmp_path: Path) -> None:
    pid_file = tmp_path / "helper.pid"
    reader = start_isolated(lambda: _start_sleeping_helper(pid_file), "minutes.pdf", 1.0, None)
    with pytest.raises(InputError, match="longer than 1 s"):
        gather([reader])
    helper = int(pid_file.read_text())
    deadline = time.monotonic() + 5
    while not _gone(helper) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _gone(helper)


def _spin() -> None:
    while True:
        pass


def test_a_reader_whose_parent_has_gone_stops_on_its_own(tmp_path: Path) -> None:
    # the reader leads its own process group, so a signal to the run's group (a
    # terminal's, or `timeout`'s) does not reach it: its CPU limit, twice its
    # timeout, ends it
    pid_file = tmp_path / "reader.pid"
    parent = os.fork()
    if parent == 0:  # a run that starts a reader and goes without a word
        try:
            pending = start_isolated(_spin, "minutes.pdf", 1.0, None)
            assert pending._child is not None
            pid_file.write_text(str(pending._child.pid))
        finally:
            os._exit(0)
    os.waitpid(parent, 0)
    reader = int(pid_file.read_text())
    deadline = time.monotonic() + 10  # 3 s of CPU, with room for a busy machine
    try:
        while not _gone(reader) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert _gone(reader)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.kill(reader, signal.SIGKILL)  # where the test fails: no reader left spinning
