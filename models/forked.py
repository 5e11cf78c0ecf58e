"""Long work shared among processes forked from a command's process (an import, an export):
the one way Rapport uses more than one CPU.

Forked, not spawned: a forked process starts in milliseconds with everything imported and
the data at hand (a file read, a function made for the task), so only tasks and results
cross between processes. That is also why it is only for a command's process, which has no
threads (forking the window's process, with Qt's threads, is unsafe), and only on Linux
(macOS and Windows would start a new interpreter, which costs more than it saves here).

Each worker keeps its own pipe and the standard streams, and closes every other file it
inherited (the database, its lock, the parent's ends of the other pipes): when the parent
ends, even killed (a cancelled import), its workers find their pipe closed and stop, and
hold nothing of the parent's meanwhile.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from multiprocessing.reduction import ForkingPickler
from types import TracebackType
from typing import Any, Generic, TypeVar

_Task = TypeVar("_Task")
_Result = TypeVar("_Result")


def processes() -> int:
    """How many processes long work may be shared among: the CPUs this process may run on
    (taskset and cpusets can allow fewer than the machine has; a container's CPU quota is
    not seen), or 1 where forking is not how to do it."""
    if not sys.platform.startswith("linux"):
        return 1
    return len(os.sched_getaffinity(0))


class WorkFailedError(Exception):
    """A worker could not be started, a task raised in a worker, or a worker died. The
    caller does that work itself, which raises the real error, with its traceback, in its
    own process."""


class Workers(Generic[_Task, _Result]):
    """`count` forked processes doing `work(task)`; `map` hands them tasks in turn and
    gives their results back in the tasks' order. Leaving the `with` block stops them all,
    at once, whatever they were doing.

        with Workers(work, 2) as workers:
            for result in workers.map(tasks): ...
    """

    def __init__(self, work: Callable[[_Task], _Result], count: int) -> None:
        self._work = work
        self._count = count
        self._workers: list[tuple[Any, Any]] = []  # (process, the parent's end of its pipe)

    def __enter__(self) -> Workers[_Task, _Result]:
        context = multiprocessing.get_context("fork")
        # A worker flushes the standard streams when it ends: what this process has not
        # written yet would be written twice.
        sys.stdout.flush()
        sys.stderr.flush()
        try:
            for _ in range(self._count):
                mine, theirs = context.Pipe()
                try:
                    process = context.Process(target=_serve, args=(self._work, theirs), daemon=True)
                    process.start()
                except BaseException:
                    mine.close()
                    raise
                finally:
                    theirs.close()
                self._workers.append((process, mine))
        except OSError as exc:  # no more processes or memory: the caller does the work
            self._stop()
            raise WorkFailedError(f"cannot start a worker: {exc}") from None
        except BaseException:
            self._stop()
            raise
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._stop()

    def map(self, tasks: Iterable[_Task]) -> Iterator[_Result]:
        """The results of `tasks`, in order. The first task of each worker is sent now, so
        that the workers are busy while the caller does something else before it reads a
        result. Raises WorkFailedError (here, or from a next) when a task fails or a
        worker dies.

        A worker has one task at a time: its next is sent once its result is read. With
        two in flight, a task and a result each larger than a pipe holds (a batch of long
        event descriptions) left the parent sending to a worker that was itself waiting
        to send: both waited for ever."""
        pending = iter(tasks)
        sent: deque[Any] = deque()  # the pipe each sent task's result comes back on
        for _, conn in self._workers:
            if not self._send(pending, conn, sent):
                break
        return self._results(pending, sent)

    def _send(self, pending: Iterator[_Task], conn: Any, sent: deque[Any]) -> bool:
        task = next(pending, _DONE)
        if task is _DONE:
            return False
        try:
            conn.send(task)
        except OSError:
            raise WorkFailedError("a worker has stopped") from None
        sent.append(conn)
        return True

    def _results(self, pending: Iterator[_Task], sent: deque[Any]) -> Iterator[_Result]:
        while sent:
            conn = sent.popleft()
            try:
                status, result = conn.recv()
            except (EOFError, OSError):
                raise WorkFailedError("a worker has stopped") from None
            if status != "done":
                raise WorkFailedError(result)
            self._send(pending, conn, sent)  # its worker is free: the next task is its
            yield result

    def _stop(self) -> None:
        for process, conn in self._workers:
            conn.close()
            process.kill()
        for process, _ in self._workers:
            process.join()
        self._workers = []


_DONE: Any = object()


def _serve(work: Callable[[Any], Any], conn: Any) -> None:
    """A worker: tasks in, results out, until the parent closes the pipe or is gone."""
    mine = conn.fileno()
    os.closerange(3, mine)  # everything inherited but the standard streams and the pipe
    os.closerange(mine + 1, os.sysconf("SC_OPEN_MAX"))
    # Below the window on a busy machine: a keystroke must not wait for an export's CPU.
    os.nice(10)
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):  # closed, or reset by a parent killed mid-exchange
            return
        try:
            reply = ForkingPickler.dumps(("done", work(task)))
        except Exception as exc:  # any, a result that cannot be pickled too: the parent
            # redoes the task, and raises the error there
            reply = ForkingPickler.dumps(("failed", f"{type(exc).__name__}: {exc}"))
        try:
            conn.send_bytes(reply)
        except OSError:  # the parent is gone
            return
