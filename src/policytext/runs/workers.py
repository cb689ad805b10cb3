"""Analyse items in worker processes, results in input order, in a way a run can stop at once.

Why not ``multiprocessing.Pool``: it waits forever when a worker dies (killed for memory, a crash
in C code), it cannot say which article was being analysed, and Ctrl-C makes every worker print a
traceback. Here each worker owns a pipe and gets one item at a time, so:

- results are yielded in input order whatever finishes first (the output is the same for any -j);
- at most ``window`` items are read ahead of what was yielded (memory stays flat on huge dumps);
- a worker that dies takes only the item it was analysing with it: that item becomes an error row
  (``on_crash``) and a new worker starts;
- a worker stuck on one item for longer than ``hard_timeout`` (the per-article time limit, plus a
  grace) is killed the same way: the time limit holds even inside C code;
- workers ignore SIGINT, SIGTERM and SIGHUP (the main process decides when to stop and kills them)
  and, on Linux, are killed by the kernel if the main process dies (SIGKILL included).

With ``jobs=1`` everything runs in the calling process, with no pool at all.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import multiprocessing
import os
import signal
import sys
import time
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any, Callable, Iterable, Iterator, TypeVar

from .signals import STOP_SIGNALS

Key = TypeVar("Key")
Item = Any
Result = Any

_PR_SET_PDEATHSIG = 1


def ordered_map(function: Callable[[Item], Result], items: Iterable[tuple[Key, Item]], *, jobs: int = 1,
                window: int = 256, hard_timeout: float | None = None,
                on_crash: Callable[[Item, str], Result] | None = None) -> Iterator[tuple[Key, Result]]:
    """``(key, function(item))`` for every ``(key, item)``, in order, in ``jobs`` processes."""
    if jobs <= 1:
        for key, item in items:
            yield key, function(item)
        return
    pool = _Pool(function, jobs, hard_timeout=hard_timeout, on_crash=on_crash or _crash_as_exception)
    try:
        yield from pool.map(items, window=max(window, 2 * jobs))
    finally:
        pool.kill()


class WorkerCrashed(RuntimeError):
    """What ``ordered_map`` yields for an item whose worker died, when no ``on_crash`` is given."""


def _crash_as_exception(item: Item, reason: str) -> Result:
    return WorkerCrashed(reason)


# --- the worker side ---------------------------------------------------------------------------

def _worker_main(conn: Connection, function: Callable[[Item], Result], parent_pid: int,
                 inherited: list[Connection]) -> None:
    for other in inherited:  # the other workers' pipe ends, copied by fork: not ours to hold open
        other.close()
    for signum in STOP_SIGNALS:
        signal.signal(signum, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, STOP_SIGNALS)
    _die_with_parent(parent_pid)
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return
        if message is None:
            return
        sequence, item = message
        try:
            result = function(item)
        except Exception as exc:  # reported as this item's failure; the worker goes on
            result = _Failure(f"{type(exc).__name__}: {exc}")
        conn.send((sequence, result))


@dataclass(frozen=True)
class _Failure:
    reason: str


def _die_with_parent(parent_pid: int) -> None:
    """Ask Linux to SIGKILL this process when its parent dies, so a killed run leaves no orphans."""
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        return
    if os.getppid() != parent_pid:  # the parent died before the request was in place
        os._exit(1)


# --- the main side -----------------------------------------------------------------------------

@dataclass
class _Job:
    sequence: int
    key: Any
    item: Item


@dataclass
class _Worker:
    process: multiprocessing.process.BaseProcess
    conn: Connection
    job: _Job | None = None
    started: float = 0.0  # when it was handed ``job``


class _Pool:
    """One job per worker at a time: the main process only ever writes to a worker that waits to
    read, so a large article going out and a large record coming back can never block each other."""

    def __init__(self, function, jobs: int, *, hard_timeout: float | None, on_crash):
        # fork shares the models already loaded in this process; spawn where fork does not exist
        method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
        self.context = multiprocessing.get_context(method)
        self.function = function
        self.hard_timeout = hard_timeout
        self.on_crash = on_crash
        self.workers: list[_Worker] = []
        for _ in range(jobs):
            self.workers.append(self._start())

    def _start(self) -> _Worker:
        parent_conn, child_conn = self.context.Pipe(duplex=True)
        inherited = [w.conn for w in self.workers]
        process = self.context.Process(target=_worker_main, daemon=True,
                                       args=(child_conn, self.function, os.getpid(), inherited))
        # the child must not run the main process's stop handlers before it ignores the signals
        blocked = signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)
        # a forked worker shares the loaded models page by page until it writes to one; frozen, they are
        # left alone by the worker's garbage collector, whose passes would otherwise copy most pages
        gc.freeze()
        try:
            process.start()
        finally:
            gc.unfreeze()  # the main process collects as before
            signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
        child_conn.close()
        return _Worker(process, parent_conn)

    def map(self, items: Iterable[tuple[Any, Item]], window: int) -> Iterator[tuple[Any, Result]]:
        source = iter(items)
        done: dict[int, tuple[Any, Result]] = {}
        sent = yielded = 0
        exhausted = False
        while True:
            for worker in self.workers:  # hand out work, never more than ``window`` ahead of the output
                if worker.job is None and not exhausted and sent - yielded < window:
                    try:
                        key, item = next(source)
                    except StopIteration:
                        exhausted = True
                        break
                    self._send(worker, _Job(sent, key, item))
                    sent += 1
            progressed = False
            while yielded in done:
                yield done.pop(yielded)
                yielded += 1
                progressed = True
            if exhausted and yielded == sent:
                return
            if progressed or not any(w.job for w in self.workers):
                continue  # the window has room again: hand out work before waiting for any
            self._collect(done)

    def _send(self, worker: _Worker, job: _Job) -> None:
        worker.job, worker.started = job, time.monotonic()
        try:
            worker.conn.send((job.sequence, job.item))
        except (OSError, EOFError):
            pass  # the worker is gone: _collect sees its sentinel and reports the job

    def _collect(self, done: dict[int, tuple[Any, Result]]) -> None:
        """Wait for a result, a dead worker or a watchdog deadline, and deal with it."""
        busy = [w for w in self.workers if w.job is not None]
        timeout = None
        if self.hard_timeout and busy:
            timeout = max(0.0, min(w.started + self.hard_timeout for w in busy) - time.monotonic())
        handles: dict[Any, _Worker] = {}
        for worker in busy:
            handles[worker.conn] = worker
            handles[worker.process.sentinel] = worker
        for handle in wait(list(handles), timeout=timeout):
            worker = handles[handle]
            if worker.job is None or worker not in self.workers:
                continue  # already dealt with through its other handle
            if handle is worker.process.sentinel and worker.conn.poll():
                continue  # it died after answering: take the answer first
            try:
                if handle is not worker.conn:
                    raise EOFError
                sequence, result = worker.conn.recv()
            except (EOFError, OSError):
                self._replace(worker, done, self._death_reason(worker))
                continue
            job, worker.job = worker.job, None
            assert job.sequence == sequence, "a worker answered out of turn"
            if isinstance(result, _Failure):
                result = self.on_crash(job.item, result.reason)
            done[sequence] = (job.key, result)
        if self.hard_timeout:
            now = time.monotonic()
            for worker in list(self.workers):
                if worker.job is not None and now - worker.started > self.hard_timeout:
                    self._replace(worker, done, f"worker process did not finish this article within "
                                                f"{self.hard_timeout:g} s and was stopped")

    def _death_reason(self, worker: _Worker) -> str:
        worker.process.join(timeout=1)
        code = worker.process.exitcode
        if code is not None and code < 0:
            try:
                name = signal.Signals(-code).name
            except ValueError:
                name = f"signal {-code}"
            hint = " (out of memory?)" if -code == signal.SIGKILL else ""
            return f"worker process was killed by {name}{hint} while analysing this article"
        return f"worker process exited (code {code}) while analysing this article"

    def _replace(self, worker: _Worker, done: dict[int, tuple[Any, Result]], reason: str) -> None:
        """A dead or stuck worker's article becomes a crash result; a new worker takes its place."""
        self._end(worker)
        job = worker.job
        worker.job = None
        if job is not None:
            done[job.sequence] = (job.key, self.on_crash(job.item, reason))
        self.workers[self.workers.index(worker)] = self._start()

    @staticmethod
    def _end(worker: _Worker) -> None:
        if worker.process.is_alive():
            worker.process.kill()
        worker.process.join(timeout=5)
        worker.conn.close()

    def kill(self) -> None:
        """End every worker now (a stop or the end of the run): SIGKILL, as they ignore the rest."""
        for worker in self.workers:
            try:
                self._end(worker)
            except (OSError, ValueError):
                pass
        self.workers.clear()
