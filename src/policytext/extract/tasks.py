"""Enumerated tasks: "Thứ nhất, … Thứ hai, …", "Một là, …", "(1) …", "a) …", "1. …".

A marker counts only inside an enumeration: items numbered 1, 2, 3 … in order, at least
``min_items`` of them, each opening a line or following sentence punctuation. That keeps a lone
"thứ hai" (Monday, or "the second time") and a stray "(1)" from becoming tasks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..document import Document
from ..model import Task
from ..resources import load_yaml

# where an item may start: the start of a line, or after sentence punctuation and a space
_ITEM_START = r"(?:(?<=^)|(?<=\n)|(?<=[.;:!?…]\s)|(?<=[.;:!?…][\"”]\s))[ \t]*"


@dataclass(frozen=True, slots=True)
class _Marker:
    kind: str
    ordinal: int
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class _MarkerPatterns:
    thu: re.Pattern[str]
    la: re.Pattern[str]
    thu_ordinals: dict[str, int]
    la_ordinals: dict[str, int]
    min_items: int


_PAREN_NUMBER = re.compile(rf"{_ITEM_START}\((\d{{1,2}})\)(?=\s)|(?<=[\s,])\((\d{{1,2}})\)(?=\s)")
_LETTER = re.compile(rf"{_ITEM_START}([a-zđ])\)(?=\s)", re.MULTILINE)
_NUMBER_DOT = re.compile(r"(?m)^[ \t]*(\d{1,2})[.)](?=[ \t]+\S)")


@lru_cache(maxsize=1)
def _patterns() -> _MarkerPatterns:
    data = load_yaml("tasks.yaml")
    thu = {word: i for i, word in enumerate(data["thu_ordinals"], start=1)}
    la = {word: i for i, word in enumerate(data["la_ordinals"], start=1)}
    thu_words = "|".join(map(re.escape, thu))
    la_words = "|".join(map(re.escape, la))
    return _MarkerPatterns(
        thu=re.compile(rf"{_ITEM_START}([Tt]hứ ({thu_words}))(?=\s*[,:]|\s+là\b)"),
        la=re.compile(rf"{_ITEM_START}(({la_words}) là)(?=\s*[,:]|\s+[a-zà-ỹđ])", re.IGNORECASE),
        thu_ordinals=thu,
        la_ordinals={k.lower(): v for k, v in la.items()},
        min_items=int(data.get("min_items", 2)),
    )


def find_markers(norm: str) -> list[_Marker]:
    """Every candidate enumeration marker in the normalised text, in order of position."""
    p = _patterns()
    markers = [_Marker("thu", p.thu_ordinals[m.group(2)], m.start(1), m.end(1)) for m in p.thu.finditer(norm)]
    markers += [_Marker("la", p.la_ordinals[m.group(2).lower()], m.start(1), m.end(1)) for m in p.la.finditer(norm)]
    for m in _PAREN_NUMBER.finditer(norm):
        group = 1 if m.group(1) else 2
        markers.append(_Marker("paren", int(m.group(group)), m.start(group) - 1, m.end(group) + 1))
    markers += [_Marker("letter", ord(m.group(1)) - ord("a") + 1, m.start(1), m.end(1) + 1)
                for m in _LETTER.finditer(norm) if m.group(1) != "đ"]
    markers += [_Marker("number", int(m.group(1)), m.start(1), m.end(0)) for m in _NUMBER_DOT.finditer(norm)]
    return sorted(markers, key=lambda marker: marker.start)


def enumerations(markers: list[_Marker], min_items: int) -> list[list[_Marker]]:
    """Runs of markers of one kind numbered 1, 2, 3 … (a new 1 starts a new run)."""
    runs: list[list[_Marker]] = []
    open_runs: dict[str, list[_Marker]] = {}
    for marker in markers:
        run = open_runs.get(marker.kind)
        if marker.ordinal == 1:
            if run:
                runs.append(run)
            open_runs[marker.kind] = [marker]
        elif run and marker.ordinal == run[-1].ordinal + 1:
            run.append(marker)
    runs.extend(open_runs.values())
    runs = [run for run in runs if len(run) >= min_items]
    return sorted(runs, key=lambda run: run[0].start)


def _item_end(norm: str, marker: _Marker, next_marker: _Marker | None) -> int:
    line_end = norm.find("\n", marker.end)
    end = len(norm) if line_end < 0 else line_end
    if next_marker is not None and next_marker.start < end:
        end = next_marker.start
    while end > marker.end and norm[end - 1] in " \t;,":
        end -= 1
    return end


def extract_tasks(doc: Document) -> list[Task]:
    """Tasks of every enumeration in the document, with ordinal, marker text and item span."""
    tasks: list[Task] = []
    for run in enumerations(find_markers(doc.norm), _patterns().min_items):
        for i, marker in enumerate(run):
            following = run[i + 1] if i + 1 < len(run) else None
            end = _item_end(doc.norm, marker, following)
            marker_span = doc.span(marker.start, marker.end)
            start, stop = doc.original(marker.start, end)
            tasks.append(Task(ordinal=marker.ordinal, marker=marker_span.text, start=start, end=stop))
    return tasks
