"""One overlap resolver for the whole package (the role of spaCy's ``filter_spans``)."""

from __future__ import annotations

import bisect
from typing import Any, Callable, Iterable, TypeVar

T = TypeVar("T")


def _start(item: Any) -> int:
    return item.start


def _end(item: Any) -> int:
    return item.end


def filter_spans(items: Iterable[T], key: Callable[[T], Any], *, start: Callable[[T], int] = _start,
                 end: Callable[[T], int] = _end) -> list[T]:
    """Non-overlapping items, sorted by start: taken in ``key`` order, each kept when it overlaps none
    kept before it. ``key=longest_first`` is spaCy's rule; ``(start, -length)`` is leftmost-longest."""
    starts: list[int] = []
    ends: list[int] = []
    kept: list[T] = []
    for item in sorted(items, key=key):
        s, e = start(item), end(item)
        i = bisect.bisect_right(starts, s)
        if (i == 0 or ends[i - 1] <= s) and (i == len(starts) or starts[i] >= e):
            starts.insert(i, s)
            ends.insert(i, e)
            kept.insert(i, item)
    return kept


def longest_first(item: Any) -> tuple[int, int]:
    return item.start - item.end, item.start


def leftmost_longest(item: Any) -> tuple[int, int]:
    return item.start, item.start - item.end
