"""Stop a run cleanly on SIGINT, SIGTERM and SIGHUP.

The handler raises ``RunStopped`` in the main thread, wherever it is, so the runner can end its
workers and discard the part it was writing. While a part is being committed the stop is held
back (``deferred``) and raised right after, so a part is always either wholly committed or not
at all. Later signals during the clean-up are ignored: the first one already asked to stop.
"""

from __future__ import annotations

import signal
import threading
from contextlib import contextmanager
from typing import Iterator

from .errors import RunStopped

STOP_SIGNALS = tuple(s for s in (signal.SIGINT, signal.SIGTERM, getattr(signal, "SIGHUP", None)) if s)


class StopSignals:
    """Context manager installing the handlers (only in the main thread; elsewhere a no-op)."""

    def __init__(self, enabled: bool = True):
        self.enabled = enabled and threading.current_thread() is threading.main_thread()
        self.pending: int | None = None
        self._raised = False
        self._deferring = 0
        self._previous: dict[int, object] = {}

    def __enter__(self) -> "StopSignals":
        if self.enabled:
            for signum in STOP_SIGNALS:
                self._previous[signum] = signal.signal(signum, self._handle)
        return self

    def __exit__(self, *exc_info) -> None:
        for signum, handler in self._previous.items():
            signal.signal(signum, handler)
        self._previous.clear()

    def _handle(self, signum: int, frame) -> None:
        if self.pending is None:
            self.pending = signum
        if self._deferring or self._raised:
            return
        self._raised = True
        raise RunStopped(signum)

    @contextmanager
    def deferred(self) -> Iterator[None]:
        """Hold a stop back while the body runs; raise it as soon as the body is done."""
        self._deferring += 1
        try:
            yield
        finally:
            self._deferring -= 1
        if not self._deferring and self.pending is not None and not self._raised:
            self._raised = True
            raise RunStopped(self.pending)
