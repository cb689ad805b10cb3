"""A run's progress for someone watching it: articles done, the total when it can be counted cheaply,
the rate and the time left.

``InputCount`` counts the inputs' articles in a background thread (``io.readers.count_items``: lines of
JSON Lines files, one per .txt or .html file, rows of CSV files, members of zip archives), so the run
starts at once and the total appears when it is known; a count that fails leaves the total unknown.
``TqdmProgress`` shows a run as a tqdm bar (``policytext.run(..., progress=True)``: ``tqdm.auto``, a
widget in a notebook, text in a terminal); the command line draws its own with rich. Both are fed by
the run's ``on_progress(records, errors)`` calls, the first of which comes as a session starts (after
a resume: with what committed parts already hold), so the rate counts this session's work only.
"""

from __future__ import annotations

import threading
from typing import Any, Callable, Iterable

from .io.fields import FieldMap


class InputCount:
    """The number of articles in ``inputs`` (at most ``limit``), counted in a daemon thread;
    ``total`` is None until it is known, or for good when counting failed or was stopped."""

    def __init__(self, inputs: Iterable[str], fields: FieldMap | None = None, limit: int | None = None):
        self.inputs = [str(p) for p in inputs]
        self.fields = fields or FieldMap()
        self.limit = limit
        self.total: int | None = None
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._count, name="policytext-count", daemon=True)

    def start(self) -> "InputCount":
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()

    def wait(self, timeout: float | None = None) -> int | None:
        self._thread.join(timeout)
        return self.total

    def _count(self) -> None:
        from .io.readers import count_items

        n = 0
        try:
            for path in self.inputs:
                for _ in count_items(path, fields=self.fields):
                    if self._stop.is_set():
                        return
                    n += 1
                    if self.limit is not None and n >= self.limit:
                        self.total = n
                        return
        except Exception:  # the total is a courtesy: the run itself reports whatever reading finds
            return
        self.total = n


ProgressFactory = Callable[..., Any]  # tqdm-compatible: factory(total=, initial=, unit=, desc=) -> bar


class TqdmProgress:
    """``on_progress`` for a run that draws a tqdm-compatible bar (``tqdm.auto.tqdm`` unless another
    factory is given, e.g. ``tqdm.rich.tqdm``): articles done of the total, articles/s, time left."""

    def __init__(self, count: InputCount, factory: ProgressFactory | None = None, desc: str = "policytext"):
        if factory is None:
            from tqdm.auto import tqdm as factory
        self.count = count
        self.factory = factory
        self.desc = desc
        self.bar: Any = None
        self.errors = 0

    def __call__(self, records: int, errors: int) -> None:
        done = records + errors
        if self.bar is None:  # the session's first call: what earlier sessions committed is the start
            self.bar = self.factory(total=self.count.total, initial=done, unit=" articles", desc=self.desc,
                                    dynamic_ncols=True)
        if self.bar.total is None and self.count.total is not None:
            self.bar.total = self.count.total
            self.bar.refresh()
        if errors != self.errors:
            self.errors = errors
            self.bar.set_postfix(errors=f"{errors:,}", refresh=False)
        self.bar.update(done - self.bar.n)

    def close(self) -> None:
        self.count.stop()
        if self.bar is not None:
            self.bar.close()
