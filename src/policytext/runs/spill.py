"""Bucket files on disk for the finish stage, so that its memory does not grow with the run.

The run-level tables group rows by a key (a person's name, a document's ``doc_key``). Each row is
written as a JSON line to one of ``count`` bucket files, chosen by a stable hash of its key (or given
outright, e.g. a group of parts); the stage then holds one bucket at a time. Rows of one key always
land in one bucket, so a bucket can be linked or counted on its own and gives the same rows as the
whole would.

Sorted output without holding it: each bucket's rows, once sorted, go to a run file, and ``merge``
reads the runs back in one sorted stream (a k-way merge). Files are named like every other temporary
file of a run (``.<name>-b0003.jsonl.tmp-<pid>``), so a run stopped in the middle of the stage leaves
nothing the next run does not remove (``layout.remove_leftovers``).
"""

from __future__ import annotations

import hashlib
import heapq
import json
import math
import os
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from ..io.writers import iter_jsonl

# rows per bucket: a bucket of this many officials holds a few MB of Python objects while linked
ROWS_PER_BUCKET = 4_000
MAX_BUCKETS = 256  # open files at once; beyond ~1M rows the buckets grow instead


def bucket_count(rows: int) -> int:
    """How many buckets for about ``rows`` rows."""
    return min(MAX_BUCKETS, max(1, math.ceil(rows / ROWS_PER_BUCKET)))


def stable_bucket(key: str, count: int) -> int:
    """The bucket of ``key``: the same in every process and run (``hash()`` of a str is salted)."""
    if count == 1:
        return 0
    digest = hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big") % count


def _dumps(row: Any) -> str:
    return json.dumps(row, ensure_ascii=False, separators=(",", ":")) + "\n"


class Spill:
    """``count`` bucket files in ``folder``; ``add`` rows, ``close``, then read ``bucket(i)`` in turn.
    ``remove`` deletes every file (also when the stage fails: use it in a ``finally``)."""

    def __init__(self, folder: Path, name: str, count: int) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.count = count
        self.paths = [folder / f".{name}-b{i:04d}.jsonl.tmp-{os.getpid()}" for i in range(count)]
        self._files: list[Any] | None = []
        try:
            for path in self.paths:
                self._files.append(path.open("w", encoding="utf-8"))
        except BaseException:
            self.remove()
            raise

    def add(self, key: str, row: Any) -> None:
        self.add_to(stable_bucket(key, self.count), row)

    def add_to(self, bucket: int, row: Any) -> None:
        self._files[bucket].write(_dumps(row))

    def close(self) -> None:
        for handle in self._files or []:
            handle.close()
        self._files = None

    def bucket(self, index: int) -> Iterator[Any]:
        return iter_jsonl(self.paths[index])

    def remove(self) -> None:
        self.close()
        for path in self.paths:
            path.unlink(missing_ok=True)


class SortedRuns:
    """Sorted runs of rows (one file each) and their merge in one sorted stream."""

    def __init__(self, folder: Path, name: str, key: Callable[[Any], Any]) -> None:
        self.folder, self.name, self.key = folder, name, key
        self.paths: list[Path] = []

    def add_run(self, rows: Iterable[Any]) -> None:
        """Write one run: ``rows`` must already be sorted by ``key``."""
        path = self.folder / f".{self.name}-r{len(self.paths):04d}.jsonl.tmp-{os.getpid()}"
        self.paths.append(path)
        with path.open("w", encoding="utf-8") as handle:
            for row in rows:
                handle.write(_dumps(row))

    def merge(self) -> Iterator[Any]:
        return heapq.merge(*(iter_jsonl(path) for path in self.paths), key=self.key)

    def remove(self) -> None:
        for path in self.paths:
            path.unlink(missing_ok=True)
