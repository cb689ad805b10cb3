"""Per-article limits: a pathological article becomes an error row instead of stalling a worker.

The time limit is a SIGALRM timer (``signal.setitimer``) around one article, in whichever process
analyses it (a worker, or the main process with one job). Python checks for the signal between
bytecodes and inside the ``re`` engine, so runaway Python code and regular expressions stop on
time; a call that stays inside C code for long (none of ours does, given the size limit) is ended
by the worker pool's watchdog instead (``runs.workers``).
"""

from __future__ import annotations

import signal
import threading
from contextlib import contextmanager
from typing import Iterator

DEFAULT_PART_SIZE = 1000  # articles per part: the most an interruption can lose
DEFAULT_MAX_CHARS = 1_000_000  # the longest Vietnamese code of law is ~560,000 characters
DEFAULT_MAX_SECONDS = 120.0  # that code takes ~9 s; a news article ~0.03 s


class ArticleTimeout(BaseException):
    """Raised inside the analysis of one article when its time is up.

    A BaseException so that the pipeline's per-extractor ``except Exception`` does not turn it
    into a record error and carry on with the next extractor.
    """


def can_time_out() -> bool:
    """Whether this thread may arm a SIGALRM timer (only a process's main thread receives it)."""
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise ArticleTimeout in the body after ``seconds``; no limit when None, 0 or not possible."""
    if not seconds or not can_time_out():
        yield
        return

    def on_alarm(signum, frame):
        raise ArticleTimeout(seconds)

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def too_long_reason(length: int, max_chars: int | None) -> str | None:
    if max_chars and length > max_chars:
        return (f"article too long: {length:,} characters, over the limit of {max_chars:,} per article "
                f"(--max-chars)")
    return None


def timeout_reason(seconds: float) -> str:
    return f"analysis stopped: over the time limit of {seconds:g} s per article (--max-seconds)"
