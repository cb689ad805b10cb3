"""Building blocks for the extractors' regular expressions."""

from __future__ import annotations

import re
from typing import Iterable

from .normalize import normalize_string


def alternation(phrases: Iterable[str], *, normalise: bool = True) -> str:
    """A regex alternation of literal phrases, longest first, so "Phó Thủ tướng" wins over "Thủ tướng".

    Phrases are normalised like ``Document.norm`` (NFC, one tone-mark style) unless told not to, so
    lexicon entries written in either style match the text.
    """
    unique = {normalize_string(p) if normalise else p for p in phrases}
    return "|".join(re.escape(p) for p in sorted(unique, key=len, reverse=True))
