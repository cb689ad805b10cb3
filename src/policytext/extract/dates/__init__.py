"""Dates: every expression naming a calendar point or period, with an ISO 8601 / TIMEX3 value.

Two passes over ``doc.norm``:

1. Expressions. Each rule (resources/rules/dates.yaml: id, purpose, examples) has a named pattern
   (resources/patterns/dates.yaml) and a production here that validates a match (a real date, a
   trigger word before a bare "30/8", not the year inside "Hiến pháp năm 2013") and resolves it
   against the publication date. Rules of one group are alternatives at a position: the first whose
   pattern matches there decides (the day rules: full-date ranges before cross-month ranges before
   ranges in a month before single days). The longest candidates win, so "giai đoạn 2021 - 2026" is
   one range, not two years.
2. Prepositions and ranges. "từ X" opens an interval (``X/``), "đến X" / "trước X" close one
   (``/X``), "X đến Y" / "X - Y" join two expressions (``X/Y``), "từ X đến nay" ends at publication.

Relative expressions and days without a year need ``doc.published``, taken in Vietnam time (UTC+7)
whatever offset it is written with. Without it a relative expression's value is None but it is still
reported (a time keeps its grain: "22h30 tối qua" is minute, value None), and a day, month, quarter or
half without a year keeps what is known with TIMEX3's placeholder year (``values.PLACEHOLDER_YEAR``):
"ngày 30/4" is ``XXXX-04-30``, "từ 1/7 đến 30/9" ``XXXX-07-01/XXXX-09-30``. When a
guessed year would put a range's end before its start ("từ 1/8 đến 31/12" read in June), the end moves
on a year; a start running "đến nay" never lies after publication. All vocabulary is in
resources/dates.yaml, every pattern in resources/patterns/dates.yaml.

Decisions on cases RECORD.md leaves open:

- Birth years are dates (RECORD.md), grain year: "sinh năm 1970" -> "năm 1970" (as the dev gold),
  "SN 1989" -> "SN 1989" (the abbreviation of "sinh năm" is the temporal word), "(sinh 1979)" -> "1979",
  and a bare "(1969)" -> "1969" only right after a capitalised personal name that starts with a family
  name (three syllables, or two after "ông", "bà", "bị cáo" …), as court and crime news write people;
  "Kế hoạch (2005)", "Hà Nội (2005)" are not. Ages ("45 tuổi") never are.
- "3 ngày trước (đây)" is a day counted back from publication, like "3 năm trước": a TIMEX3 date,
  not a duration ("trong 3 ngày" is the duration).
- A run of listed months is one interval, like "tháng 11, 12": "các tháng 5, 6 và 7-2005" ->
  ``2005-05/2005-07``; a list with gaps ("tháng 3, 5 và 9") gives its first month only.
- Two full dates joined by a dash are one interval: "(9.5.1945-9.5.2005)" -> ``1945-05-09/2005-05-09``.
- "tới" / "vừa qua" / "này" after a day belong to its span (gold README) and put a guessed year on
  that side of publication: "ngày 10/3 tới" read in June is next March; "tới" before another date,
  "nay" or a capitalised name is the verb or the range joiner ("từ 1/7 tới 30/9", "tới Hà Nội").
- Hour grain is written TIMEX3 style, ``2005-12-13T15``; every other value has one of RECORD.md's forms.
- An expression starts a word: "đầu" in "bắt đầu tuần" is no edge, "thứ hai" after "lần" is an
  ordinal, "Ngày thứ 3," and "Ngày kia," (without a date after) open a narrative, "mỗi tháng 2-3
  triệu" and "hàng chục năm nay" count.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from typing import Callable

from ...startcache import compile_regex
from ...document import Document
from ...match.spans import filter_spans, longest_first
from ...model import DateMention
from ...rules import rule_book
from .combine import combine
from .context import Context
from .days import (
    on_full_dates,
    on_lunar_day,
    on_range_across_months,
    on_relative_day,
    on_weekday,
    on_written_day,
)
from .periods import (
    on_bare_year,
    on_decade,
    on_month,
    on_part_of_year,
    on_quarter,
    on_year,
    on_year_range,
)
from .relative import on_ago, on_birth_year, on_relative_unit
from .values import Candidate
from .vocabulary import DIGIT, first_words, gate_pattern, rule_pattern

RULES = rule_book("dates")
Production = Callable[[re.Match[str], Context], "Candidate | None"]

# (rule id, production); a tuple of several is one group of alternatives, tried in order at a position
# (the day rules share a gate, patterns/dates.yaml `gate.day`, tried once before them)
_TABLE: tuple[tuple[tuple[str, Production], ...], ...] = (
    (("day-range-full-dates", on_full_dates), ("day-range-across-months", on_range_across_months),
     ("day-range-in-month", on_written_day), ("day-numeric", on_written_day), ("day-iso", on_written_day),
     ("day-spelled", on_written_day), ("day-relative", on_relative_day)),
    (("weekday", on_weekday),),
    (("lunar-day", on_lunar_day),),
    (("month", on_month),),
    (("quarter", on_quarter),),
    (("part-of-year", on_part_of_year),),
    (("year", on_year),),
    (("bare-year", on_bare_year),),
    (("year-range", on_year_range),),
    (("decade", on_decade),),
    (("relative-unit", on_relative_unit),),
    (("ago", on_ago),),
    (("birth-year", on_birth_year),),
)


_GATES = {0: "day"}  # index in _TABLE -> gate name


@lru_cache(maxsize=1)
def _groups() -> tuple[tuple[frozenset[str], re.Pattern[str] | None, tuple[tuple[str, re.Pattern[str], Production], ...]],
                       ...]:
    """Per group: the words it can start with, its gate (or None), and its rules."""
    out = []
    for i, group in enumerate(_TABLE):
        first = first_words(_GATES[i]) if i in _GATES else frozenset().union(*(first_words(n) for n, _ in group))
        gate = gate_pattern(_GATES[i]) if i in _GATES else None
        out.append((first, gate, tuple((RULES.rule(name), rule_pattern(name), produce) for name, produce in group)))
    return tuple(out)


_WORD = compile_regex(r"\w+")


@lru_cache(maxsize=1)
def _any_first() -> frozenset[str]:
    return frozenset().union(*(first for first, _, _ in _groups()))


def _starts(norm: str) -> list[tuple[int, str]]:
    """Where an expression may start (a few dozen places in an article, not every character), with the
    word there (``DIGIT`` for a number): the words (``\\w+``) that, in lower case, are a first word of
    some rule, and those that start with a digit. One regular expression over the lower-cased text
    finds them (a Python loop over every word did, ~25% slower); a text whose lower case is longer
    (a dotted capital I) keeps the loop, since its offsets would shift."""
    lower = norm.lower()
    if len(lower) != len(norm):
        return _starts_word_by_word(norm)
    return [(m.start(), DIGIT if m.lastgroup == "digit" else m.group()) for m in _first_words().finditer(lower)]


def _starts_word_by_word(norm: str) -> list[tuple[int, str]]:
    any_first = _any_first()
    starts = []
    for m in _WORD.finditer(norm):
        word = DIGIT if m.group()[0].isdigit() else m.group().lower()
        if word in any_first:
            starts.append((m.start(), word))
    return starts


@lru_cache(maxsize=1)
def _first_words() -> re.Pattern[str]:
    """A whole lower-case first word, or the first character of a word that is a digit (anything
    ``str.isdigit`` takes)."""
    words = sorted((w for w in _any_first() if w != DIGIT), key=lambda w: (-len(w), w))
    return compile_regex(rf"(?<!\w)(?:(?P<digit>[\d{_OTHER_DIGITS}])|(?:{'|'.join(map(re.escape, words))})(?!\w))")


# what str.isdigit takes beyond \d (superscripts, circled numbers ...), as ranges of code points;
# tests/test_speed_equivalence.py checks it against every code point of the running Python
_OTHER_DIGIT_RANGES = ((178, 179), (185, 185), (4969, 4977), (6618, 6618), (8304, 8304), (8308, 8313), (8320, 8329),
                       (9312, 9320), (9332, 9340), (9352, 9360), (9450, 9450), (9461, 9469), (9471, 9471),
                       (10102, 10110), (10112, 10120), (10122, 10130), (68160, 68163), (69216, 69224),
                       (69714, 69722), (127232, 127242))
_OTHER_DIGITS = "".join(f"\\U{a:08x}-\\U{b:08x}" for a, b in _OTHER_DIGIT_RANGES)


def find_candidates(norm: str, pub: date | None, trace=None) -> list[Candidate]:
    """Pass 1: the longest non-overlapping date expressions in ``norm``, in order of position."""
    ctx = Context(norm, pub) if trace is None else Context(norm, pub, trace)
    starts = _starts(norm)
    found: list[Candidate] = []
    for first, gate, group in _groups():
        taken_until = 0
        for position, word in starts:
            if position < taken_until or word not in first or gate is not None and gate.match(norm, position) is None:
                continue
            for rule, pattern, produce in group:
                m = pattern.match(norm, position)
                if m is None:
                    continue
                candidate = produce(m, ctx)  # when rejected, a good match may still start further in
                if candidate is not None:
                    candidate.rule = rule
                    found.append(candidate)
                    taken_until = candidate.end
                break  # the first alternative that matches here decides
    return filter_spans(found, longest_first)


def extract_dates(doc: Document) -> list[DateMention]:
    """Date mentions of ``doc``, sorted by start and non-overlapping, with original offsets and text."""
    published = doc.published_date
    mentions = []
    for item in combine(doc.norm, find_candidates(doc.norm, published, doc.trace), published, doc.trace):
        span = doc.span(item.start, item.end)
        mentions.append(DateMention(span.start, span.end, span.text, item.value, item.grain, item.rule))
    return mentions
