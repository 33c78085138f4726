"""Reading a document where it can be stopped.

Pure-Python parsers cannot be interrupted inside zlib or a deep recursion, and a
hostile PDF can make them loop or inflate gigabytes. So each document is parsed
in a forked child process with a memory limit (RLIMIT_AS) and a wall-clock
timeout; the parent kills it when the time is up and reports the limit it hit."""

from __future__ import annotations

import contextlib
import os
import pickle
import select
import signal
import sys
import time
from collections.abc import Callable
from typing import TypeVar

from ..errors import InputError, ReconcileError

T = TypeVar("T")

_CHUNK = 1 << 16


def can_isolate() -> bool:
    """Forking is there on Linux and the BSDs; elsewhere the document is read in-process."""
    return hasattr(os, "fork") and sys.platform != "darwin"


def run_isolated(read: Callable[[], T], name: str, timeout: float | None, memory_mb: int | None) -> T:
    """read() in a child process: its result, or an InputError naming the limit hit."""
    if not can_isolate():
        return read()
    receive, send = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: read, send the result, and leave without cleanup handlers
        os.close(receive)
        _child(read, send, memory_mb)
    os.close(send)
    try:
        payload = _collect(receive, pid, name, timeout, memory_mb)
    finally:
        os.close(receive)
    outcome, value = pickle.loads(payload)
    if outcome == "ok":
        return value  # type: ignore[no-any-return]
    if outcome == "memory":
        raise InputError(
            f"reading it needed more than {memory_mb} MB (--max-memory); it may be a decompression bomb", name
        )
    if outcome == "error":
        kind, reason, path = value
        raise kind(reason, path)
    raise InputError(f"the reader failed ({value})", name)


def _child(read: Callable[[], object], send: int, memory_mb: int | None) -> None:
    code = 0
    try:
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        if memory_mb is not None:
            _limit_memory(memory_mb)
        try:
            result: tuple[str, object] = ("ok", read())
        except MemoryError:
            result = ("memory", None)
        except ReconcileError as error:
            # the class and the words only: a pickled exception may drag its cause
            # along (a parser's unpicklable error log, once tblib is loaded)
            result = ("error", (error.__class__, error.reason, error.path))
        except BaseException as error:  # reported as plain words by the parent
            result = ("crash", f"{error.__class__.__name__}: {error}"[:200])
        try:
            payload = pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)
        except MemoryError:
            payload = pickle.dumps(("memory", None))
        view = memoryview(payload)
        while view:
            written = os.write(send, view[:_CHUNK])
            view = view[written:]
    except BaseException:
        if os.environ.get("RECONCILE_DEBUG_CHILD"):
            import traceback

            traceback.print_exc()
        code = 1
    finally:
        os._exit(code)


def _limit_memory(memory_mb: int) -> None:
    """Allow the reading memory_mb more than the process already maps: the limit
    is on reading one document, not on the libraries loaded before it."""
    import resource

    limit = _mapped_bytes() + memory_mb * 1024 * 1024
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def _mapped_bytes() -> int:
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0


def _collect(receive: int, pid: int, name: str, timeout: float | None, memory_mb: int | None) -> bytes:
    deadline = None if timeout is None else time.monotonic() + timeout
    chunks: list[bytes] = []
    while True:
        left = None if deadline is None else deadline - time.monotonic()
        if left is not None and left <= 0:
            _kill(pid)
            raise InputError(f"reading it took longer than {timeout:g} s (--timeout)", name)
        ready, _, _ = select.select([receive], [], [], left)
        if not ready:
            continue
        chunk = os.read(receive, _CHUNK)
        if not chunk:
            break
        chunks.append(chunk)
    _, status = os.waitpid(pid, 0)
    if not chunks:
        if os.WIFSIGNALED(status) and memory_mb is not None:
            # C code (pdfium, zlib) aborts where Python would raise MemoryError
            raise InputError(
                f"reading it needed more than {memory_mb} MB (--max-memory) or crashed the reader "
                f"({_describe(status)}); it may be a decompression bomb or a damaged file",
                name,
            )
        raise InputError(f"the reader stopped without an answer ({_describe(status)})", name)
    return b"".join(chunks)


def _kill(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)
    with contextlib.suppress(ChildProcessError):
        os.waitpid(pid, 0)


def _describe(status: int) -> str:
    if os.WIFSIGNALED(status):
        return f"killed by signal {os.WTERMSIG(status)}"
    return f"exit status {os.WEXITSTATUS(status)}"
