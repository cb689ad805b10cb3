"""Enumerated tasks: "Thứ nhất, … Thứ hai, …", "Một là, …", "(1) …", "a) …", "1. …".

A marker counts only inside an enumeration: items numbered 1, 2, 3 … in order, at least
``min_items`` of them, each opening a line or following sentence punctuation. That keeps a lone
"thứ hai" (Monday, or "the second time") and a stray "(1)" from becoming tasks. An enumeration
is a list of tasks only when most items are directives (they open with a directive verb or carry
a modal such as "phải", "cần"): lists of findings, charges or projects are not tasks. In nested
lists only the outer enumeration counts; its items span their sub-items.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..document import Document
from ..model import Task
from ..resources import load_yaml
from ..rules import rule_book

RULES = rule_book("tasks")
# the rule of each marker style
RULE_OF_KIND = {"thu": RULES.rule("ordinal-words"), "la": RULES.rule("la-words"), "paren": RULES.rule("paren-numbers"),
                "letter": RULES.rule("letters"), "number": RULES.rule("numbered-lines")}
NOT_DIRECTIVES = RULES.veto("not-directives")
LAW_ARTICLE = RULES.veto("law-article")
from ..match.patterns import alternation

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
    directive_start: re.Pattern[str]
    modal: re.Pattern[str]
    not_modal: re.Pattern[str]
    law_article: re.Pattern[str]
    modal_window: int
    directive_share: float
    lead_in: re.Pattern[str]
    lead_in_window: int
    lead_in_share: float
    not_task_lead_in: re.Pattern[str]


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
        thu=re.compile(rf"{_ITEM_START}([Tt]hứ ({thu_words}))(?=\s*[,:]|\s+là\b|\s+[a-zà-ỹđ])"),
        la=re.compile(rf"{_ITEM_START}(({la_words}) là)(?=\s*[,:]|\s+[a-zà-ỹđ])", re.IGNORECASE),
        thu_ordinals=thu,
        la_ordinals={k.lower(): v for k, v in la.items()},
        min_items=int(data.get("min_items", 2)),
        directive_start=_phrase_pattern(data["directive_starts"], anchored=True),
        modal=_phrase_pattern(data["modals"], anchored=False),
        not_modal=_phrase_pattern(data["not_modals"], anchored=False),
        law_article=re.compile(rf"(?:^|\s){re.escape(data['law_article_heading'])} \d+[a-z]?\.?$"),
        modal_window=int(data["modal_window"]),
        directive_share=float(data["directive_share"]),
        lead_in=_phrase_pattern(data["lead_in_cues"], anchored=False),
        lead_in_window=int(data["lead_in_window"]),
        lead_in_share=float(data["lead_in_share"]),
        not_task_lead_in=_phrase_pattern(data["not_task_lead_ins"], anchored=False),
    )


def _phrase_pattern(phrases: list[str], *, anchored: bool) -> re.Pattern[str]:
    """Whole-word, case-insensitive alternation of phrases, longest first."""
    words = alternation(phrases)
    prefix = r"^[\s,:;.)\-–]*(?:là\s+)?" if anchored else r"(?<!\w)"
    return re.compile(rf"{prefix}(?:{words})(?!\w)", re.IGNORECASE)


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


_RANK = {"thu": 0, "la": 0, "number": 0, "paren": 1, "letter": 2}


def _line_end(norm: str, position: int) -> int:
    end = norm.find("\n", position)
    return len(norm) if end < 0 else end


def _trim_end(norm: str, start: int, end: int) -> int:
    while end > start and norm[end - 1] in " \t\n;,":
        end -= 1
    return end


def _nested_in(outer: list[_Marker], inner: list[_Marker], norm: str) -> bool:
    """Is ``inner`` a sub-list of ``outer``: inside one of its items, or right under its last one?"""
    if _RANK[inner[0].kind] <= _RANK[outer[0].kind] or inner[0].start < outer[0].start:
        return False
    if inner[0].start < outer[-1].start:
        return True
    last_line_end = _line_end(norm, outer[-1].end)
    return not norm[last_line_end:inner[0].start].strip()  # starts on the next line


def _is_directive(item: str, patterns: _MarkerPatterns) -> bool:
    if patterns.directive_start.search(item):
        return True
    first_clause = re.split(r"[.;!?]", item, maxsplit=1)[0]
    window = " ".join(first_clause.split()[: patterns.modal_window])
    return bool(patterns.modal.search(patterns.not_modal.sub(" ", window)))


def _items(norm: str, run: list[_Marker], sub_runs: list[list[_Marker]]) -> list[tuple[_Marker, int]]:
    """Each marker of a run with the end of its item (normalised coordinates)."""
    items = []
    for i, marker in enumerate(run):
        if i + 1 < len(run):
            end = run[i + 1].start  # an item runs to the next marker
        else:
            end = _line_end(norm, marker.end)  # the last one to the end of its paragraph …
            for sub in sub_runs:  # … or of its last sub-item
                if sub[0].start >= marker.start:
                    end = max(end, _line_end(norm, sub[-1].end))
        items.append((marker, _trim_end(norm, marker.end, end)))
    return items


def task_items(norm: str, trace=None) -> list[tuple[_Marker, int]]:
    """Markers and item ends of every outer enumeration of directives, in text order (vetoed
    enumerations are recorded in ``trace``)."""
    patterns = _patterns()
    runs = enumerations(find_markers(norm), patterns.min_items)
    outer = [run for run in runs if not any(_nested_in(other, run, norm) for other in runs if other is not run)]
    result = []
    for run in outer:
        subs = [other for other in runs if other is not run and _nested_in(run, other, norm)]
        items = _items(norm, run, subs)
        directives = sum(_is_directive(norm[m.end:end], patterns) for m, end in items)
        lead_in = norm[max(0, run[0].start - patterns.lead_in_window):run[0].start]
        last_sentence = re.split(r"(?<=[.!?…])\s+", lead_in.strip())[-1]
        span = (run[0].start, items[-1][1])
        if patterns.not_task_lead_in.search(last_sentence) and not patterns.lead_in.search(last_sentence):
            if trace is not None:
                trace.veto(NOT_DIRECTIVES, *span, "the sentence before introduces no tasks")
            continue
        if patterns.law_article.search(lead_in.rstrip()):
            if trace is not None:
                trace.veto(LAW_ARTICLE, *span)
            continue
        share = patterns.lead_in_share if patterns.lead_in.search(lead_in) else patterns.directive_share
        if directives >= share * len(items):
            result.extend(items)
        elif trace is not None:
            trace.veto(NOT_DIRECTIVES, *span, f"{directives} of {len(items)} items are directives")
    return result


def extract_tasks(doc: Document) -> list[Task]:
    """Tasks of every enumeration of directives, with ordinal, marker text and item span."""
    tasks: list[Task] = []
    for marker, end in task_items(doc.norm, doc.trace):
        marker_text = doc.span(marker.start, marker.end).text
        start, stop = doc.original(marker.start, end)
        tasks.append(Task(ordinal=marker.ordinal, marker=marker_text, start=start, end=stop,
                          rule=RULE_OF_KIND[marker.kind]))
    return tasks
