"""Reading a document where it can be stopped.

Pure-Python parsers cannot be interrupted inside zlib or a deep recursion, and a
hostile PDF can make them loop or inflate gigabytes. So each document is parsed
in a forked child process with a memory limit (RLIMIT_AS) and a wall-clock
timeout; the parent kills it when the time is up and reports the limit it hit.
Two documents read in two children at once use two cores.

A reader may start helpers of its own (a long PDF's pages, in parts) where a
core is free: a pipe holds a token for each free core, as make's job server
does. The readers started together have a core each, while there are cores;
once they are all started, the pipe gets the cores left over, and a reader
gives its core back as it ends, so one that finishes first lends its core to
one still reading. A helper takes a token, and gives it back as it ends. The
helpers share their reader's process group, which is what the parent kills,
and its memory limit."""

from __future__ import annotations

import contextlib
import math
import os
import pickle
import select
import signal
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from typing import ClassVar, Generic, TypeVar, cast

from ..errors import InputError, ReconcileError

T = TypeVar("T")

_CHUNK = 1 << 16

# Set in a forked reader: a child it starts is its helper, in its process group.
_IN_READER: list[bool] = []


def can_isolate() -> bool:
    """Forking is there on Linux and the BSDs; elsewhere the document is read in-process."""
    return hasattr(os, "fork") and sys.platform != "darwin"


class Pending(Generic[T]):
    """A read started and not yet collected: in a child process, a call to make in
    this one when the reads are collected (so that it runs while the children
    do), or a read that failed before it started."""

    def __init__(
        self,
        read: Callable[[], T] | None = None,
        child: _Child | None = None,
        outcome: tuple[str, object] | None = None,
    ) -> None:
        self._read = read
        self._child = child
        self._outcome = outcome  # of the call made here, or of the failure

    def _run_here(self) -> None:
        if self._read is not None:
            read, self._read = self._read, None
            try:
                self._outcome = ("ok", read())
            except ReconcileError as error:
                self._outcome = ("raised", error)

    def _result(self) -> tuple[str, object] | None:
        """(how it ended, the value), or None while the child reads."""
        return self._child.outcome if self._child is not None else self._outcome

    def _cancel(self) -> None:
        if self._child is not None and self._child.outcome is None:
            self._child.kill()
        self._read = None

    def _value(self) -> T:
        result = self._result()
        assert result is not None
        outcome, value = result
        if outcome == "ok":
            return value  # type: ignore[return-value]
        if outcome == "raised":
            assert isinstance(value, ReconcileError)
            raise value
        assert self._child is not None
        raise self._child.error(outcome, value)


def start_isolated(
    read: Callable[[], T], name: str, timeout: float | None, memory_mb: int | None
) -> Pending[T]:
    """read() started in a child process, within the limits; collect it with
    gather(). In a reader, the child is a helper, for a core that spare_core()
    has taken."""
    if not can_isolate():
        return Pending(read)
    holds_core = True if _IN_READER else _JobServer.current().core_for_reader()
    return Pending(child=_Child.start(read, name, timeout, memory_mb, holds_core))


def spare_core() -> bool:
    """In a reader: whether a core is free for a helper, taking it if so."""
    return bool(_IN_READER) and _JobServer.current().take()


def stop(pendings: Sequence[Pending[T]]) -> None:
    """Stop the reads started and not to be collected (the caller has failed)."""
    for pending in pendings:
        pending._cancel()


def failed(error: ReconcileError) -> Pending[T]:
    """A read that failed before it could start: gather() raises its error in its turn."""
    return Pending(outcome=("raised", error))


def start_here(read: Callable[[], T]) -> Pending[T]:
    """read() to be called in this process by gather(), beside the children."""
    return Pending(read)


def gather(pendings: Sequence[Pending[T]]) -> list[T]:
    """The results of the reads, in their order. A failed read raises its error,
    the first in order where several fail, and stops the others."""
    if not _IN_READER:
        _JobServer.current().open_spare_cores()
    try:
        for pending in pendings:
            pending._run_here()
        _collect(
            [pending._child for pending in pendings if pending._child is not None],
            until=lambda: _decided(pendings),
        )
        return [pending._value() for pending in pendings]
    finally:
        stop(pendings)
        if not _IN_READER:
            _JobServer.close_current()


def _decided(pendings: Sequence[Pending[T]]) -> bool:
    """Whether the outcome is known: all have finished, or the first read (in
    order) that did not succeed has failed, whatever the later ones do."""
    for pending in pendings:
        result = pending._result()
        if result is None:
            return False
        if result[0] != "ok":
            return True
    return True


class _Child:
    """A forked reader: its pipe, its deadline, and what it has sent so far."""

    def __init__(
        self, pid: int, pipe: int, name: str, timeout: float | None, memory_mb: int | None, group: bool
    ) -> None:
        self.pid = pid
        self.group = group  # the child leads a process group of its own, its helpers in it
        self.pipe = pipe
        self.name = name
        self.timeout = timeout
        self.memory_mb = memory_mb
        self.deadline = None if timeout is None else time.monotonic() + timeout
        self.chunks: list[bytes] = []
        self.outcome: tuple[str, object] | None = None

    @classmethod
    def start(
        cls,
        read: Callable[[], object],
        name: str,
        timeout: float | None,
        memory_mb: int | None,
        holds_core: bool,
    ) -> _Child:
        group = not _IN_READER
        receive, send = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: read, send the result, and leave without cleanup handlers
            os.close(receive)
            if group:
                _lead_group(0)
                _IN_READER.append(True)
            _child(read, send, timeout, memory_mb, holds_core)
        os.close(send)
        if group:
            _lead_group(pid)  # here too: the parent may kill it before it has run
        return cls(pid, receive, name, timeout, memory_mb, group)

    def receive(self) -> None:
        chunk = os.read(self.pipe, _CHUNK)
        if chunk:
            self.chunks.append(chunk)
            return
        os.close(self.pipe)
        _, status = os.waitpid(self.pid, 0)
        if self.chunks:
            self.outcome = pickle.loads(b"".join(self.chunks))
            self.chunks = []
        else:
            self.outcome = ("stopped", status)

    def time_out(self) -> None:
        self.kill()
        self.outcome = ("timeout", None)

    def kill(self) -> None:
        os.close(self.pipe)
        _kill(self.pid, self.group)
        if self.outcome is None:
            self.outcome = ("cancelled", None)

    def error(self, outcome: str, value: object) -> ReconcileError:
        name, memory_mb = self.name, self.memory_mb
        if outcome == "timeout":
            return InputError(f"reading it took longer than {self.timeout:g} s (--timeout)", name)
        if outcome == "memory":
            return InputError(
                f"reading it needed more than {memory_mb} MB (--max-memory); it may be a decompression bomb",
                name,
            )
        if outcome == "error":
            kind, reason, path = cast("tuple[type[ReconcileError], str, str | None]", value)
            return kind(reason, path)
        if outcome == "stopped":
            assert isinstance(value, int)
            if os.WIFSIGNALED(value) and os.WTERMSIG(value) == signal.SIGXCPU:
                # its CPU limit (_limit_cpu), reached before the clock's: threads
                # (OMP_THREAD_LIMIT set above 1 for Tesseract)
                return InputError("reading it took more CPU time than --timeout allows", name)
            if os.WIFSIGNALED(value) and memory_mb is not None:
                # C code (pdfium, zlib) aborts where Python would raise MemoryError
                return InputError(
                    f"reading it needed more than {memory_mb} MB (--max-memory) or crashed the reader "
                    f"({_describe(value)}); it may be a decompression bomb or a damaged file",
                    name,
                )
            return InputError(f"the reader stopped without an answer ({_describe(value)})", name)
        return InputError(f"the reader failed ({value})", name)


def _collect(children: Iterable[_Child], until: Callable[[], bool]) -> None:
    """Read every child's answer as it comes (a child that has finished must not
    wait on a full pipe, its clock running, while another is still reading),
    until ``until()`` holds."""
    running = list(children)
    while running and not until():
        now = time.monotonic()
        for child in [c for c in running if c.deadline is not None and c.deadline <= now]:
            child.time_out()
            running.remove(child)
        if not running:
            break
        deadlines = [c.deadline for c in running if c.deadline is not None]
        wait = max(0.0, min(deadlines) - now) if deadlines else None
        ready, _, _ = select.select([c.pipe for c in running], [], [], wait)
        for child in [c for c in running if c.pipe in ready]:
            child.receive()
            if child.outcome is not None:
                running.remove(child)


def _child(
    read: Callable[[], object], send: int, timeout: float | None, memory_mb: int | None, holds_core: bool
) -> None:
    code = 0
    try:
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        if timeout is not None:
            _limit_cpu(timeout)
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
        if holds_core:
            _JobServer.current().give_back()
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


class _JobServer:
    """The cores of the reads started since the last gather: a pipe holding a
    byte for each free core, which every reader and helper inherits."""

    _current: ClassVar[list[_JobServer]] = []

    def __init__(self) -> None:
        self.receive, self.send = os.pipe()
        os.set_blocking(self.receive, False)
        self.readers = 0  # started here, each on a core of its own while there are cores
        self.opened = False

    @classmethod
    def current(cls) -> _JobServer:
        if not cls._current:
            cls._current.append(cls())
        return cls._current[0]

    @classmethod
    def close_current(cls) -> None:
        for server in cls._current:
            for end in (server.receive, server.send):
                with contextlib.suppress(OSError):
                    os.close(end)
        cls._current.clear()

    def core_for_reader(self) -> bool:
        self.readers += 1
        return self.readers <= _cores()

    def open_spare_cores(self) -> None:
        """The readers are all started: the cores left over are free."""
        if not self.opened:
            self.opened = True
            os.write(self.send, b"+" * max(0, _cores() - self.readers))

    def take(self) -> bool:
        try:
            return bool(os.read(self.receive, 1))
        except OSError:  # BlockingIOError: none is free
            return False

    def give_back(self) -> None:
        with contextlib.suppress(OSError):  # the run has ended, and closed the pipe
            os.write(self.send, b"+")


def _cores() -> int:
    """The cores this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


def _limit_cpu(timeout: float) -> None:
    """The kernel stops a reader, and each of its helpers (which inherit the
    limit), that has had twice its time in CPU: should the parent go without
    killing it (a reader leads a process group of its own, out of reach of a
    signal to the parent's group), it does not read on for ever."""
    import resource

    limit = 2 * math.ceil(timeout) + 1
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_CPU, (limit, limit + 1))


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


def _lead_group(pid: int) -> None:
    """Make the child ``pid`` (0: this process) lead a process group, so that
    killing the group kills its helpers with it."""
    with contextlib.suppress(OSError):  # the child has set it already, or has gone
        os.setpgid(pid, 0)


def _kill(pid: int, group: bool) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        if group:
            os.killpg(pid, signal.SIGKILL)
        else:
            os.kill(pid, signal.SIGKILL)
    with contextlib.suppress(ChildProcessError):
        os.waitpid(pid, 0)


def _describe(status: int) -> str:
    if os.WIFSIGNALED(status):
        return f"killed by signal {os.WTERMSIG(status)}"
    return f"exit status {os.WEXITSTATUS(status)}"
