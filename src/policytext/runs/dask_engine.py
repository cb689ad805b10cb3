"""Runs beyond one machine: parts analysed and written by the workers of a Dask cluster.

The client (the process running ``policytext run --engine dask``) reads the inputs in order, checks
near-duplicates (in input order, as the local engine does), and cuts the stream into the very
partitions the local engine would make parts of: consecutive articles of one input, ``part_size`` at a
time. Each partition goes to a worker with its part number; the worker analyses it and writes the part's
files (``runs.parts.PartWriter``: temporary names, flushed, renamed into place) to the run folder, which
must be on storage the client and every worker share, and returns the part's manifest. The client
commits the parts by writing their manifests in part order, as they come back, so the folder is at
every moment what a local run could have left, and ``--resume`` (with either engine) goes on from the
last committed part. A part is a pure function of its partition, so the files are the same bytes as a
local run's. The finish stage (persons, documents, ``person_id``) runs once, on the client, at the end.

At most two partitions per worker thread are in flight (memory on the client stays bounded). A worker
that dies has its partition retried by Dask on another worker; a partition that fails on every try
stops the run with what was committed safe. The per-article time limit is a SIGALRM timer, which only a
process's main thread can arm: Dask runs tasks in threads, so on Dask only the size limit applies.
"""

from __future__ import annotations

from collections import deque
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from ..model import Article, ReadError
from .errors import RunConfigError
from .memory import give_back
from .parts import PartWriter

Partition = list[tuple[int, Any, Article | ReadError]]  # (position, near-duplicate check, item)


def partitions(items: Iterable[tuple[tuple[int, int, Any], Article | ReadError]],
               part_size: int) -> Iterator[tuple[int, Partition]]:
    """(input index, items) cut as the local engine cuts parts: at ``part_size`` items or a new input."""
    batch: Partition = []
    current = None
    for (input_index, position, duplicate), item in items:
        if batch and (input_index != current or len(batch) >= part_size):
            yield current, batch
            batch = []
        current = input_index
        batch.append((position, duplicate, item))
    if batch:
        yield current, batch


def write_part(run_dir: str, number: int, input_index: int, input_name: str, batch: Partition,
               work: Callable[[Article | ReadError], Any], part_options: dict[str, Any]) -> dict[str, Any]:
    """On a worker: analyse one partition and write its part's files (not the manifest, which commits
    it: the client writes that); returns the manifest."""
    part = PartWriter(Path(run_dir), number, input_index=input_index, input_name=input_name, **part_options)
    try:
        for position, duplicate, item in batch:
            part.add(position, work(item), duplicate)
        return part.commit(write_manifest=False)
    except BaseException:
        part.abort()
        raise
    finally:
        give_back()  # the worker's footprint stays flat from part to part (runs.memory)


def written_parts(spec, work: Callable[[Article | ReadError], Any], items, *, first_number: int,
                  part_options: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """The manifests of the parts the cluster wrote, in part order, ready to be committed."""
    client, cluster = _connect(spec.scheduler, spec.jobs)
    pending: deque = deque()
    try:
        threads = sum(w.get("nthreads", 1) for w in client.scheduler_info()["workers"].values()) or 1
        window = 2 * threads
        run_dir = str(Path(spec.out_dir).resolve())  # the workers' working folder may be elsewhere
        number = first_number
        for input_index, batch in partitions(items, spec.part_size):
            pending.append(client.submit(write_part, run_dir, number, input_index, spec.inputs[input_index],
                                         batch, work, part_options, pure=False))
            number += 1
            while len(pending) >= window:
                yield _result(pending.popleft())
        while pending:
            yield _result(pending.popleft())
    finally:
        for future in pending:
            future.cancel()
        client.close()
        if cluster is not None:
            cluster.close()


class PartFailed(RuntimeError):
    """A partition failed on every worker that tried it (the session turns this into RunFailed)."""


def _result(future) -> dict[str, Any]:
    try:
        return future.result()
    except (KeyboardInterrupt, OSError):
        raise
    except Exception as exc:
        raise PartFailed(f"a Dask worker could not write a part: {type(exc).__name__}: {exc}") from exc


def _connect(scheduler: str | None, jobs: int):
    """A client of the scheduler at ``scheduler``, or of a LocalCluster of ``jobs`` single-threaded
    worker processes started here (returned too, to be closed at the end)."""
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:
        raise RunConfigError("--engine dask needs Dask: pip install 'dask[distributed]'") from None
    if scheduler:
        try:
            return Client(scheduler, timeout="30s"), None
        except (OSError, TimeoutError) as exc:
            raise RunConfigError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None
    cluster = LocalCluster(n_workers=max(1, jobs), threads_per_worker=1, processes=True, dashboard_address=None)
    return Client(cluster), cluster
