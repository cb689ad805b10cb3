"""One gazetteer for the whole package: phrases found on word boundaries in one Aho-Corasick pass.

Titles, organisations, places and theme terms are all phrase lists with a payload each. A match must
not cut a word: when its first (last) character is a letter or digit, the character before (after) it
may not be one. Matching is case-folded (lower case that keeps every offset) unless the gazetteer is
built exact; the caller gets every phrase found, with every payload registered under it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, Iterable, Iterator, TypeVar

import ahocorasick

P = TypeVar("P")


def lower_same_length(text: str) -> str:
    """Lower case that keeps every offset (str.lower lengthens a few non-Vietnamese letters)."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"


def on_word_boundaries(text: str, start: int, end: int) -> bool:
    """``text[start:end]`` cuts no word: no word character joins it from either side."""
    if start > 0 and is_word_char(text[start - 1]) and is_word_char(text[start]):
        return False
    return not (end < len(text) and is_word_char(text[end]) and is_word_char(text[end - 1]))


@dataclass(frozen=True, slots=True)
class Found(Generic[P]):
    start: int
    end: int
    payloads: tuple[P, ...]


class Gazetteer(Generic[P]):
    """Phrases with payloads; ``find`` returns every phrase on word boundaries in a text.

    ``fold_case``: phrases and text are lower-cased (offsets kept) before matching. Payloads added
    under one key (the same phrase after folding) are kept together, in the order they were added.
    """

    def __init__(self, entries: Iterable[tuple[str, P]] = (), *, fold_case: bool = True) -> None:
        self.fold_case = fold_case
        self._payloads: dict[str, list[P]] = {}
        for phrase, payload in entries:
            self.add(phrase, payload)
        self._automaton: ahocorasick.Automaton | None = None

    def add(self, phrase: str, payload: P) -> None:
        key = lower_same_length(phrase) if self.fold_case else phrase
        if key:
            self._payloads.setdefault(key, []).append(payload)
            self._automaton = None

    def _built(self) -> ahocorasick.Automaton | None:
        if self._automaton is None and self._payloads:
            automaton = ahocorasick.Automaton()
            for key, payloads in self._payloads.items():
                automaton.add_word(key, (len(key), tuple(payloads)))
            automaton.make_automaton()
            self._automaton = automaton
        return self._automaton

    def __len__(self) -> int:
        return len(self._payloads)

    def __contains__(self, phrase: str) -> bool:
        return (lower_same_length(phrase) if self.fold_case else phrase) in self._payloads

    def payloads(self, phrase: str) -> tuple[P, ...]:
        return tuple(self._payloads.get(lower_same_length(phrase) if self.fold_case else phrase, ()))

    def iter(self, text: str) -> Iterator[Found[P]]:
        """Every phrase on word boundaries, in order of its end."""
        automaton = self._built()
        if automaton is None:
            return
        haystack = lower_same_length(text) if self.fold_case else text
        n = len(text)
        for last, (length, payloads) in automaton.iter(haystack):
            start, end = last + 1 - length, last + 1
            # on_word_boundaries, inlined: this loop runs for every phrase found in every article
            if start > 0 and (text[start - 1].isalnum() or text[start - 1] == "_") and \
                    (text[start].isalnum() or text[start] == "_"):
                continue
            if end < n and (text[end].isalnum() or text[end] == "_") and (text[last].isalnum() or text[last] == "_"):
                continue
            yield Found(start, end, payloads)

    def find(self, text: str) -> list[Found[P]]:
        return list(self.iter(text))

    def longest_at(self, text: str) -> dict[int, Found[P]]:
        """The longest phrase starting at each position."""
        best: dict[int, Found[P]] = {}
        for found in self.iter(text):
            kept = best.get(found.start)
            if kept is None or kept.end < found.end:
                best[found.start] = found
        return best
