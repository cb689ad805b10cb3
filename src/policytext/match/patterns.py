"""Named regular-expression fragments kept as data, which may reference each other.

A pattern file (``resources/patterns/*.yaml``) holds ``fragments: {name: regex}``. Inside a regex:

- ``{@name}`` is replaced by the fragment ``name`` (expanded in turn, wrapped in ``(?:…)``);
- ``{@name:tag}`` does the same after replacing ``{tag}`` inside the fragment by ``tag``, so that one
  fragment with named groups (``(?P<{tag}h>…)``) can be used twice in one pattern;
- ``{#list}`` is an alternation (longest first, spaces matching any run of white space) of the
  phrases of the vocabulary list ``list`` that the caller supplies.

Quantifier braces (``{2}``, ``{1,3}``) never start with ``@`` or ``#``, so they pass through. As in
Microsoft Recognizers-Text, the extractor code only names patterns; their text lives in data.
"""

from __future__ import annotations

import re
from typing import Callable, Mapping

from ..startcache import compile_regex
from ..text.normalize import normalize_string

_REFERENCE = compile_regex(r"\{@([A-Za-z_][\w]*)(?::([A-Za-z_]\w*))?\}|\{#([A-Za-z_][\w]*)\}")


class PatternError(ValueError):
    """A pattern file refers to a fragment or list it does not have, or refers in a circle."""


# every lower-case and capital letter a Vietnamese text uses (Latin-1 and Latin Extended Additional included), for
# the classes of patterns that [a-z] and [A-ZĐ] would miss ("ủy", "Ủy", "Ưu")
LOWER_LETTERS = "".join(chr(c) for c in range(0x61, 0x2000) if chr(c).islower() and chr(c).isalpha())
UPPER_LETTERS = "".join(chr(c) for c in range(0x41, 0x2000) if chr(c).isupper() and chr(c).isalpha())


def letter_class(letters: str) -> str:
    """A regular-expression class of ``letters``."""
    return f"[{re.escape(letters)}]"


def longest_phrase_first(phrase: str) -> tuple[int, str]:
    """Sort key for the phrases of an alternation: longest first, so "Phó Thủ tướng" wins over "Thủ tướng",
    then alphabetical, so that a pattern built from a set is the same text in every process (string
    hashing, hence set order, changes from one process to the next) and the start-up cache finds it."""
    return -len(phrase), phrase


def alternation(phrases, *, normalise: bool = True, flexible_space: bool = False) -> str:
    """A regex alternation of literal phrases, longest first, so "Phó Thủ tướng" wins over "Thủ tướng".

    Phrases are normalised like ``Document.norm`` (NFC, one tone-mark style) unless told not to, so
    lexicon entries written in either style match the text; ``flexible_space`` lets a space inside a
    phrase match any run of white space."""
    unique = {normalize_string(str(p)) if normalise else str(p) for p in phrases}
    escaped = (re.escape(p) for p in sorted(unique, key=longest_phrase_first))
    if flexible_space:
        escaped = (e.replace(r"\ ", r"\s+") for e in escaped)
    return "|".join(escaped)


class PatternBook:
    """Fragments by name, expanded on demand (and cached)."""

    def __init__(self, fragments: Mapping[str, str], lists: Mapping[str, str] | None = None,
                 name: str = "patterns") -> None:
        self.name = name
        self._fragments = dict(fragments)
        self._lists = dict(lists or {})
        self._expanded: dict[tuple[str, str | None], str] = {}

    def __contains__(self, name: str) -> bool:
        return name in self._fragments

    def expand(self, template: str, _stack: tuple[str, ...] = ()) -> str:
        def replace(m: re.Match[str]) -> str:
            if m.group(3):
                if m.group(3) not in self._lists:
                    raise PatternError(f"{self.name}: no vocabulary list {m.group(3)!r}")
                return f"(?:{self._lists[m.group(3)]})"
            return f"(?:{self.fragment(m.group(1), m.group(2), _stack)})"

        return _REFERENCE.sub(replace, template)

    def fragment(self, name: str, tag: str | None = None, _stack: tuple[str, ...] = ()) -> str:
        key = (name, tag)
        if key in self._expanded:
            return self._expanded[key]
        if name not in self._fragments:
            raise PatternError(f"{self.name}: no fragment {name!r}")
        if name in _stack:
            raise PatternError(f"{self.name}: fragments refer in a circle: {' -> '.join((*_stack, name))}")
        text = self._fragments[name]
        if tag is not None:
            text = text.replace("{tag}", tag)
        expanded = self.expand(text, (*_stack, name))
        self._expanded[key] = expanded
        return expanded

    def compile(self, name: str, flags: int = 0, *, transform: Callable[[str], str] | None = None) -> re.Pattern[str]:
        text = self.fragment(name)
        if transform is not None:
            text = transform(text)
        try:
            return compile_regex(text, flags)
        except re.error as exc:
            raise PatternError(f"{self.name}: fragment {name!r} is no valid regex: {exc}") from None
