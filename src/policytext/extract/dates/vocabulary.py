"""The date rules' knowledge: the vocabulary of resources/dates.yaml and the named patterns of
resources/patterns/dates.yaml, compiled once."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ...match.patterns import PatternBook, alternation, longest_phrase_first
from ...resources import load_yaml
from ...text.normalize import normalize_string

_SPACE = r"[^\S\n]"  # white space within a line: an expression never spans lines
_CASE_KEPT = frozenset({"context.sentence_start", "context.name_head", "context.ago_end"})


def norm_key(word: str) -> str:
    return normalize_string(str(word)).lower()


def lookup(table: dict, phrase: str):
    return table[re.sub(r"\s+", " ", phrase.lower())]


@dataclass(frozen=True, slots=True)
class Vocabulary:
    parts_of_day: dict
    weekdays: dict
    weekday_anchors: dict
    relative_days: dict
    after_part_of_day: dict
    day_anchors: dict
    relative_units: dict
    number_words: dict
    roman: dict
    raw: dict


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    data = load_yaml("dates.yaml")

    def keyed(table: dict) -> dict:
        return {norm_key(k): v for k, v in table.items()}

    return Vocabulary(
        parts_of_day=keyed(data["parts_of_day"]),
        weekdays=keyed(data["weekdays"]),
        weekday_anchors=keyed(data["weekday_anchors"]),
        relative_days=keyed(data["relative_days"]),
        after_part_of_day=keyed(data["after_part_of_day"]),
        day_anchors=keyed(data["day_anchors"]),
        relative_units={norm_key(u): keyed(t) for u, t in data["relative_units"].items()},
        number_words=keyed(data["number_words"]),
        roman={str(k): v for k, v in data["roman_numerals"].items()},
        raw=data,
    )


def _words(phrases) -> str:
    """Normalised lower-case phrases, longest first, a space matching any run of white space."""
    return alternation({norm_key(p) for p in phrases}, normalise=False, flexible_space=True)


def _edges(data: dict) -> str:
    """An edge word ("đầu", "cuối") that starts a word: not the "đầu" of "bắt đầu tuần" or "dẫn đầu năm"."""
    compounds = data["edge_compound_heads"]
    alternatives = []
    for edge in sorted({norm_key(e) for e in data["edges"]}, key=longest_phrase_first):
        heads = {norm_key(h) for e, hs in compounds.items() if norm_key(e) == edge for h in hs}
        not_after = "".join(rf"(?<!(?<!\w){re.escape(head)}\s)" for head in sorted(heads))
        alternatives.append(not_after + re.escape(edge).replace(r"\ ", r"\s+"))
    return "|".join(alternatives)


@lru_cache(maxsize=1)
def pattern_book() -> PatternBook:
    data = vocabulary().raw
    units = data["relative_units"]
    lists = {key: _words(value) for key, value in data.items()
             if isinstance(value, (list, dict)) and key not in ("relative_units", "edge_compound_heads")}
    lists.update(
        year_relative=_words(units["năm"]),
        quarter_relative=_words(units["quý"]),
        week_month_relative=_words({w for unit in ("tuần", "tháng") for w in units[unit]}),
        edges=_edges(data),
        name_heads="|".join(re.escape(normalize_string(head)) for head in data["name_heads"]),
        birth_abbreviations="|".join(re.escape(w) for w in data["birth_year_abbreviations"]),
    )
    return PatternBook(load_yaml("patterns/dates.yaml")["fragments"], lists, name="patterns/dates.yaml")


@lru_cache(maxsize=None)
def rule_pattern(rule: str) -> re.Pattern[str]:
    """The pattern of date rule ``rule``, white space kept within a line."""
    return pattern_book().compile(f"rule.{rule}", re.IGNORECASE, transform=lambda p: p.replace(r"\s", _SPACE))


DIGIT = "#digit"


@lru_cache(maxsize=None)
def first_words(rule: str) -> frozenset[str]:
    """The lower-case words a match of ``rule`` (or of the day group) can start with; ``DIGIT`` for a number."""
    data = vocabulary().raw
    words = set()
    for entry in load_yaml("patterns/dates.yaml")["first"][rule]:
        entry = str(entry)
        if entry == DIGIT:
            words.add(DIGIT)
        elif entry.startswith("#"):
            words.update(norm_key(phrase).split()[0] for phrase in data[entry[1:]])
        else:
            words.add(norm_key(entry))
    return frozenset(words)


@lru_cache(maxsize=None)
def gate_pattern(group: str) -> re.Pattern[str]:
    """A group's gate: a position where it does not match is no start for any rule of the group."""
    return pattern_book().compile(f"gate.{group}", re.IGNORECASE, transform=lambda p: p.replace(r"\s", _SPACE))


@lru_cache(maxsize=None)
def context(name: str) -> re.Pattern[str]:
    """A context pattern: the words before or after a candidate that confirm or veto it."""
    key = f"context.{name}"
    return pattern_book().compile(key, 0 if key in _CASE_KEPT else re.IGNORECASE)


def count(word: str) -> int | None:
    """A number written in digits or in words ("ba", "mười")."""
    if word.isdigit():
        return int(word)
    return vocabulary().number_words.get(re.sub(r"\s+", " ", word.lower()))
