"""Canonical text for matching, with an offset map back to the original.

Extractors match on the normalised copy; records report offsets into the original. Steps:

1. NFC (input may be NFD, as text copied from some PDFs and Mac tools is).
2. White space: CR LF -> LF, tabs / no-break / exotic spaces -> one space, runs of spaces folded,
   zero-width characters, soft hyphens and BOMs dropped.
3. Look-alike letters: Ð (U+00D0, Icelandic eth) -> Đ (U+0110); Cyrillic letters inside a word that
   also has Latin letters or digits ("NĐ-СP" with a Cyrillic С) -> Latin; Unicode hyphens -> "-".
4. One tone-mark placement: the "old" (traditional) style, tone on the first vowel of an open
   oa / oe / uy syllable: "hoà" -> "hòa", "Uỷ" -> "Ủy", "thuỷ" -> "thủy". We pick it because it is
   what Vietnamese news and the state gazette mostly print, what RECORD.md writes ("Ủy viên"), and
   what underthesea's ``text_normalize`` produces, so lexicons written in either style match.

Steps 3 and 4 never change the length, so only steps 1 and 2 need the map; when they change
nothing the map is the identity and costs nothing.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_SPACE_LIKE = "\t\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
_DROPPED = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_NEEDS_MAPPING = re.compile(f"[{_SPACE_LIKE}{_DROPPED}\r]|  ")

_LOOKALIKE = str.maketrans({"\u00d0": "\u0110", "\u2010": "-", "\u2011": "-", "\u2212": "-"})
_CYRILLIC_TO_LATIN = str.maketrans(
    "АВСЕНІЈКМОРТХаесіјорхуЅѕ", "ABCEHIJKMOPTXaecijopxySs"
)
_MIXED_CYRILLIC_WORD = re.compile(r"\w*[\u0400-\u04ff]\w*")
_LATIN_OR_DIGIT = re.compile(r"[0-9A-Za-z\u00c0-\u024f\u1e00-\u1eff]")

_TONES = {"\u0300", "\u0301", "\u0309", "\u0303", "\u0323"}  # grave acute hook tilde dot
# an open syllable ending in oa/oe/uy whose tone sits on the last vowel ("qu" is an onset: "quý" stays)
_NEW_STYLE_TONE = re.compile(
    r"(?<![^\W\d_])([^\W\d_]*?)(?<![qQ])([oO][àáảãạÀÁẢÃẠèéẻẽẹÈÉẺẼẸ]|[uU][ỳýỷỹỵỲÝỶỸỴ])(?![^\W\d_])"
)


@dataclass(slots=True)
class OffsetMap:
    """Maps spans of the normalised text to spans of the original.

    ``starts[i]``/``ends[i]`` are the original span that produced normalised character ``i``.
    ``None`` lists mean the identity (the common case).
    """

    original_length: int
    starts: list[int] | None = None
    ends: list[int] | None = None

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        if self.starts is None or self.ends is None:
            return start, end
        n = len(self.starts)
        if start >= n:
            return self.original_length, self.original_length
        end = min(end, n)
        o_start = self.starts[start]
        o_end = self.ends[end - 1] if end > start else o_start
        return o_start, o_end


@dataclass(slots=True)
class Normalized:
    text: str
    offsets: OffsetMap


def normalize(text: str) -> Normalized:
    """Return the canonical copy of ``text`` and the map back to it."""
    if unicodedata.is_normalized("NFC", text) and not _NEEDS_MAPPING.search(text):
        canonical, offsets = text, OffsetMap(len(text))
    else:
        canonical, offsets = _nfc_and_spaces(text)
    canonical = canonical.translate(_LOOKALIKE)
    canonical = _MIXED_CYRILLIC_WORD.sub(_latinise_mixed_word, canonical)
    canonical = _NEW_STYLE_TONE.sub(_to_old_style_tone, canonical)
    return Normalized(canonical, offsets)


def normalize_string(text: str) -> str:
    """Canonical form of a short string (lexicon entries, gazetteer names): no map needed."""
    return normalize(text).text


def _nfc_and_spaces(text: str) -> tuple[str, OffsetMap]:
    """NFC per character cluster and white-space folding, keeping where every output char came from."""
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    i, n = 0, len(text)
    while i < n:
        j = i + 1
        while j < n and unicodedata.combining(text[j]):
            j += 1
        chunk = text[i:j]
        ch = chunk[0]
        if ch in _DROPPED and j == i + 1:
            pass
        elif ch == "\r":
            if not (j < n and text[j] == "\n"):
                _emit(out, starts, ends, "\n", i, j)
            # a CR before LF is dropped: the LF stands for both
        elif ch == " " or ch in _SPACE_LIKE:
            if out and out[-1] == " ":
                ends[-1] = j  # fold the run into one space
            else:
                _emit(out, starts, ends, " ", i, j)
        else:
            composed = unicodedata.normalize("NFC", chunk) if j > i + 1 else chunk
            for c in composed:
                _emit(out, starts, ends, c, i, j)
        i = j
    return "".join(out), OffsetMap(n, starts, ends)


def _emit(out: list[str], starts: list[int], ends: list[int], char: str, start: int, end: int) -> None:
    out.append(char)
    starts.append(start)
    ends.append(end)


def _latinise_mixed_word(match: re.Match[str]) -> str:
    word = match.group(0)
    if _LATIN_OR_DIGIT.search(word):
        return word.translate(_CYRILLIC_TO_LATIN)
    return word  # a genuinely Cyrillic word (a Russian name) stays as written


def _to_old_style_tone(match: re.Match[str]) -> str:
    prefix, pair = match.group(1), match.group(2)
    first, second = pair[0], pair[1]
    base_and_marks = unicodedata.normalize("NFD", second)
    tone = next((m for m in base_and_marks[1:] if m in _TONES), None)
    if tone is None:
        return match.group(0)
    rest = "".join(m for m in base_and_marks[1:] if m != tone)
    new_second = unicodedata.normalize("NFC", base_and_marks[0] + rest)
    new_first = unicodedata.normalize("NFC", first + tone)
    return prefix + new_first + new_second
