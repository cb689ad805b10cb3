"""Analyse items in worker processes, results in input order, in a way a run can stop at once.

Why not ``multiprocessing.Pool``: it waits forever when a worker dies (killed for memory, a crash
in C code), it cannot say which article was being analysed, and Ctrl-C makes every worker print a
traceback. Here each worker owns a pipe and gets one item at a time, so:

- results are yielded in input order whatever finishes first (the output is the same for any -j);
- ``ordered_batches`` hands a worker a batch of items at a time and gets back one result it assembled
  from them (a run's piece of a part, its rows already columns): fewer messages, and less work for the
  main process, which every worker waits on;
- at most ``window`` items are read ahead of what was yielded (memory stays flat on huge dumps);
- a worker that dies takes only the item it was analysing with it: that item becomes an error row
  (``on_crash``) and a new worker starts (in a batch, the worker marks each item as it starts it in a
  shared array, so the culprit is known; the batch's other items are analysed again);
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


def ordered_batches(function: Callable[[Item], Result], batches: Iterable[tuple[Key, list[Item]]], *,
                    assemble: Callable[[list[Result]], Any], on_crash: Callable[[Item, str], Result], jobs: int = 2,
                    window: int = 8, hard_timeout: float | None = None) -> Iterator[tuple[Key, Any]]:
    """``(key, assemble([function(item) for item in batch]))`` for every ``(key, batch)``, in order, in ``jobs``
    processes: a worker analyses a whole batch and sends back one assembled result (fewer, larger messages,
    and the assembling done in the worker). A crash still costs only its item: the worker marks each item as
    it starts it, so a batch whose worker died or hung comes back as up to three results with its key, in
    order: the items before the culprit (analysed again), ``assemble([on_crash(culprit, reason)])``, and the
    items after it. An item raising an exception becomes ``on_crash(item, reason)`` in the worker, so
    ``function``, ``assemble`` and ``on_crash`` must all work there (module-level functions or partials)."""
    pool = _Pool(function, max(jobs, 1), hard_timeout=hard_timeout, on_crash=on_crash, assemble=assemble)
    try:
        yield from pool.map(batches, window=max(window, 2 * jobs))
    finally:
        pool.kill()


class WorkerCrashed(RuntimeError):
    """What ``ordered_map`` yields for an item whose worker died, when no ``on_crash`` is given."""


def _crash_as_exception(item: Item, reason: str) -> Result:
    return WorkerCrashed(reason)


# --- the worker side ---------------------------------------------------------------------------

def _worker_main(conn: Connection, function: Callable[[Item], Result], parent_pid: int,
                 inherited: list[Connection], progress: Any = None, slot: int = 0,
                 assemble: Callable[[list[Result]], Any] | None = None,
                 on_crash: Callable[[Item, str], Result] | None = None) -> None:
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
        (item,) = message
        if assemble is None:
            conn.send(_applied(function, item))
            continue
        results = []
        for index, one in enumerate(item):  # a batch: each item marked as started, for the main process
            progress[2 * slot], progress[2 * slot + 1] = index, time.monotonic()
            result = _applied(function, one)
            results.append(on_crash(one, result.reason) if isinstance(result, _Failure) else result)
        try:
            assembled = assemble(results)
        except Exception as exc:  # reported as the failure of the batch's items, one by one
            assembled = _Failure(f"{type(exc).__name__}: {exc}")
        conn.send(assembled)


def _applied(function: Callable[[Item], Result], item: Item) -> Result:
    try:
        return function(item)
    except Exception as exc:  # reported as this item's failure; the worker goes on
        return _Failure(f"{type(exc).__name__}: {exc}")


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

@dataclass(eq=False)  # compared by identity: two places may hold equal values
class _Ticket:
    """One result's place in the output order (a batch split by a crash takes up to three places)."""

    key: Any
    done: bool = False
    result: Any = None


@dataclass
class _Job:
    ticket: _Ticket
    item: Item  # a batch (a list of items) when the pool assembles


@dataclass
class _Worker:
    process: multiprocessing.process.BaseProcess
    conn: Connection
    slot: int  # its place in the progress array
    job: _Job | None = None
    started: float = 0.0  # when it was handed ``job``


class _Pool:
    """One job per worker at a time: the main process only ever writes to a worker that waits to
    read, so a large article going out and a large record coming back can never block each other."""

    def __init__(self, function, jobs: int, *, hard_timeout: float | None, on_crash, assemble=None):
        # fork shares the models already loaded in this process; spawn where fork does not exist
        method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
        self.context = multiprocessing.get_context(method)
        self.function = function
        self.hard_timeout = hard_timeout
        self.on_crash = on_crash
        self.assemble = assemble
        # per worker: the index of the batch item it is analysing, and since when (its monotonic clock)
        self.progress = self.context.RawArray("d", 2 * jobs)
        self.workers: list[_Worker] = []
        for slot in range(jobs):
            self.workers.append(self._start(slot))

    def _start(self, slot: int) -> _Worker:
        parent_conn, child_conn = self.context.Pipe(duplex=True)
        inherited = [w.conn for w in self.workers]
        process = self.context.Process(target=_worker_main, daemon=True,
                                       args=(child_conn, self.function, os.getpid(), inherited, self.progress, slot,
                                             self.assemble, self.on_crash if self.assemble else None))
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
        return _Worker(process, parent_conn, slot)

    def map(self, items: Iterable[tuple[Any, Item]], window: int) -> Iterator[tuple[Any, Result]]:
        source = iter(items)
        self.order: list[_Ticket] = []  # the places of the results not yet yielded, in output order
        self.retry: list[_Job] = []  # the parts of a crashed batch, to analyse again before new work
        exhausted = False
        while True:
            for worker in self.workers:  # hand out work, never more than ``window`` ahead of the output
                if worker.job is not None:
                    continue
                if self.retry:
                    self._send(worker, self.retry.pop(0))
                    continue
                if exhausted or len(self.order) >= window:
                    continue
                try:
                    key, item = next(source)
                except StopIteration:
                    exhausted = True
                    continue
                if self.assemble is not None and not item:
                    continue  # an empty batch: nothing to analyse, nothing to yield
                ticket = _Ticket(key)
                self.order.append(ticket)
                self._send(worker, _Job(ticket, item))
            progressed = False
            while self.order and self.order[0].done:
                ticket = self.order.pop(0)
                yield ticket.key, ticket.result
                progressed = True
            if exhausted and not self.order:
                return
            if progressed or not any(w.job for w in self.workers):
                continue  # the window has room again: hand out work before waiting for any
            self._collect()

    def _send(self, worker: _Worker, job: _Job) -> None:
        worker.job, worker.started = job, time.monotonic()
        self.progress[2 * worker.slot] = -1.0  # no item of this job started yet
        try:
            worker.conn.send((job.item,))
        except (OSError, EOFError):
            pass  # the worker is gone: _collect sees its sentinel and reports the job

    def _collect(self) -> None:
        """Wait for a result, a dead worker or a watchdog deadline, and deal with it."""
        busy = [w for w in self.workers if w.job is not None]
        timeout = None
        if self.hard_timeout and busy:
            timeout = max(0.0, min(self._deadline(w) for w in busy) - time.monotonic())
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
                result = worker.conn.recv()
            except (EOFError, OSError):
                self._replace(worker, self._death_reason(worker))
                continue
            job, worker.job = worker.job, None
            if isinstance(result, _Failure):
                result = self._failed(job.item, result.reason)
            job.ticket.result, job.ticket.done = result, True
        if self.hard_timeout:
            now = time.monotonic()
            for worker in list(self.workers):
                if worker.job is not None and now > self._deadline(worker):
                    self._replace(worker, f"worker process did not finish this article within "
                                          f"{self.hard_timeout:g} s and was stopped")

    def _deadline(self, worker: _Worker) -> float:
        """When the item ``worker`` is analysing has had its time: from when it started it (a batch's items
        one by one), or from when the job was sent."""
        started = worker.started
        if self.assemble is not None and self.progress[2 * worker.slot] >= 0:
            started = max(started, self.progress[2 * worker.slot + 1])
        return started + self.hard_timeout

    def _failed(self, item: Item, reason: str) -> Result:
        """The result of a job whose analysis failed as a whole: its item's crash result, or a batch
        assembled from each of its items' (the batch's assembling itself failed)."""
        if self.assemble is None:
            return self.on_crash(item, reason)
        return self.assemble([self.on_crash(one, reason) for one in item])

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

    def _replace(self, worker: _Worker, reason: str) -> None:
        """A dead or stuck worker's article becomes a crash result; a new worker takes its place. In a batch,
        the article it had started is the culprit: the items before and after it are analysed again."""
        self._end(worker)
        job, worker.job = worker.job, None
        if job is not None and self.assemble is None:
            job.ticket.result, job.ticket.done = self.on_crash(job.item, reason), True
        elif job is not None:
            culprit = min(max(int(self.progress[2 * worker.slot]), 0), len(job.item) - 1)
            before, after = job.item[:culprit], job.item[culprit + 1:]
            crashed = _Ticket(job.ticket.key, True, self.assemble([self.on_crash(job.item[culprit], reason)]))
            places = [*self._again(job.ticket.key, before), crashed, *self._again(job.ticket.key, after)]
            at = self.order.index(job.ticket)
            self.order[at:at + 1] = places
        self.workers[self.workers.index(worker)] = self._start(worker.slot)

    def _again(self, key: Any, items: list[Item]) -> list[_Ticket]:
        """The place of ``items`` (none when empty), queued to be analysed again before new work."""
        if not items:
            return []
        ticket = _Ticket(key)
        self.retry.append(_Job(ticket, items))
        return [ticket]

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
