"""Canonical text for matching, with an offset map back to the original.

Extractors match on the normalised copy; records report offsets into the original. Steps:

1. NFC (input may be NFD, as text copied from some PDFs and Mac tools is).
2. White space: CR LF -> LF, tabs / no-break / exotic spaces -> one space, runs of spaces folded,
   zero-width characters, soft hyphens and BOMs dropped. HTML character references left in scraped
   text ("&amp;", "&quot;", "&#39;") become their characters ("BGD&amp;ĐT" is "BGD&ĐT").
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

import html
import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

from ..startcache import compile_regex

_SPACE_LIKE = "\t\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
_DROPPED = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_ENTITY = r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,7});"
_ENTITY_AT = compile_regex(_ENTITY)
_NEEDS_MAPPING = compile_regex(f"[{_SPACE_LIKE}{_DROPPED}\r]|  |{_ENTITY}")

_LOOKALIKES = (("\u00d0", "\u0110"), ("\u2010", "-"), ("\u2011", "-"), ("\u2212", "-"))
_CYRILLIC_TO_LATIN = str.maketrans(
    "АВСЕНІЈКМОРТХаесіјорхуЅѕ", "ABCEHIJKMOPTXaecijopxySs"
)
_CYRILLIC = compile_regex(r"[\u0400-\u04ff]")
_MIXED_CYRILLIC_WORD = compile_regex(r"\w*[\u0400-\u04ff]\w*")
_LATIN_OR_DIGIT = compile_regex(r"[0-9A-Za-z\u00c0-\u024f\u1e00-\u1eff]")

_TONES = {"\u0300", "\u0301", "\u0309", "\u0303", "\u0323"}  # grave acute hook tilde dot
# an open syllable ending in oa/oe/uy whose tone sits on the last vowel ("qu" is an onset: "quý" stays);
# it opens with a plain class so that re's fast scan for its first character applies
_NEW_STYLE_TONE = compile_regex(
    r"[oOuU](?<![qQ].)(?:(?<=[oO])[àáảãạÀÁẢÃẠèéẻẽẹÈÉẺẼẸ]|(?<=[uU])[ỳýỷỹỵỲÝỶỸỴ])(?![^\W\d_])"
)


@dataclass(slots=True)
class OffsetMap:
    """Maps spans of the normalised text to spans of the original.

    Stored in pieces, not per character: piece ``p`` covers normalised characters from ``keys[p]``
    up to the next key. In a copied piece (``spans[p] is None``) character ``i`` came from original
    character ``origins[p] + i - keys[p]``; every character of any other piece came from the original
    span ``spans[p]`` (a folded run of spaces, a composed letter). ``keys is None`` is the identity
    (the common case).
    """

    original_length: int
    length: int = 0  # of the normalised text
    keys: list[int] | None = None
    origins: list[int] | None = None
    spans: list[tuple[int, int] | None] | None = None

    @property
    def is_identity(self) -> bool:
        return self.keys is None

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        if self.keys is None:
            return start, end
        if start >= self.length:
            return self.original_length, self.original_length
        end = min(end, self.length)
        o_start = self._origin(start)[0]
        o_end = self._origin(end - 1)[1] if end > start else o_start
        return o_start, o_end

    def to_normalised(self, start: int, end: int) -> tuple[int, int]:
        """Normalised offsets of the original span ``[start, end)`` (the inverse of ``to_original``): the
        first normalised character whose origin ends after ``start``, and the first whose origin starts
        at or after ``end``."""
        if self.keys is None:
            return start, end
        return self._first_after(start), max(self._first_after(start), self._first_at_or_after(end))

    def _first_after(self, original: int) -> int:
        low, high = 0, self.length
        while low < high:
            mid = (low + high) // 2
            if self._origin(mid)[1] <= original:
                low = mid + 1
            else:
                high = mid
        return low

    def _first_at_or_after(self, original: int) -> int:
        low, high = 0, self.length
        while low < high:
            mid = (low + high) // 2
            if self._origin(mid)[0] < original:
                low = mid + 1
            else:
                high = mid
        return low

    def _origin(self, i: int) -> tuple[int, int]:
        """The original span normalised character ``i`` came from."""
        p = bisect_right(self.keys, i) - 1
        span = self.spans[p]
        if span is None:
            o = self.origins[p] + i - self.keys[p]
            return o, o + 1
        return span


@dataclass(slots=True)
class Normalized:
    text: str
    offsets: OffsetMap


def normalize(text: str) -> Normalized:
    """Return the canonical copy of ``text`` and the map back to it."""
    if unicodedata.is_normalized("NFC", text) and not _NEEDS_MAPPING.search(text):
        canonical, offsets = text, OffsetMap(len(text), len(text))
    else:
        canonical, offsets = _nfc_and_spaces(text)
    return Normalized(_letters(canonical), offsets)


def normalize_string(text: str) -> str:
    """Canonical form of a short string (lexicon entries, gazetteer names): no map needed (building
    lexicons normalises ~12,000 phrases at start-up, so the map is not even made)."""
    if unicodedata.is_normalized("NFC", text) and not _NEEDS_MAPPING.search(text):
        return _letters(text)
    return _letters(_nfc_and_spaces(text)[0])


def _letters(canonical: str) -> str:
    """The letter-level changes, once the text is NFC with its spaces folded: look-alike letters,
    Cyrillic letters inside Latin words, new-style tone marks to the old style."""
    for look_alike, letter in _LOOKALIKES:
        if look_alike in canonical:
            canonical = canonical.replace(look_alike, letter)
    if _CYRILLIC.search(canonical):
        canonical = _MIXED_CYRILLIC_WORD.sub(_latinise_mixed_word, canonical)
    return _NEW_STYLE_TONE.sub(_to_old_style_tone, canonical)


def decode_entities(text: str) -> str:
    """``text`` with its HTML character references decoded as the normaliser reads them ("Bộ NN &amp;
    PTNT" -> "Bộ NN & PTNT"; an unknown "&foo;" stays), a no-break one as a plain space; nothing else
    changes. For the text fields of records, whose offsets still index the original text."""
    if "&" not in text:
        return text
    return _ENTITY_AT.sub(_decoded_reference, text)


def _decoded_reference(match: re.Match[str]) -> str:
    decoded = _decoded_entity(match.string, match.start())
    if decoded is None:
        return match.group(0)
    return " " if decoded[1] in _SPACE_LIKE else decoded[1]


def _nfc_and_spaces(text: str) -> tuple[str, OffsetMap]:
    """NFC per character cluster and white-space folding, keeping where every output char came from.

    Text between the places that change is copied in one piece; only those places go through the
    character-cluster rules, one piece per output character or run.
    """
    builder = _MapBuilder(text)
    changes = _changes()
    copied_to = 0
    while (change := changes.search(text, copied_to)) is not None:
        start = change.start()
        while start > copied_to and unicodedata.combining(text[start]):
            start -= 1  # a combining mark: its cluster starts at the character it sits on
        builder.copy(copied_to, start)
        copied_to = builder.clusters(start, change.end())
    builder.copy(copied_to, len(text))
    offsets = OffsetMap(len(text), builder.length, builder.keys, builder.origins, builder.spans)
    return "".join(builder.out), offsets


class _MapBuilder:
    """The normalised text and its offset pieces, built left to right."""

    __slots__ = ("text", "out", "length", "keys", "origins", "spans", "last")

    def __init__(self, text: str) -> None:
        self.text = text
        self.out: list[str] = []
        self.length = 0
        self.keys: list[int] = []
        self.origins: list[int] = []
        self.spans: list[tuple[int, int] | None] = []
        self.last = ""  # the last character written

    def copy(self, start: int, end: int) -> None:
        if end > start:
            self._piece(self.text[start:end], start, None)

    def clusters(self, start: int, end: int) -> int:
        """Character-cluster rules from ``start`` to ``end`` and on over any white space or dropped
        characters that follow (a run is folded as a whole); returns where they stopped."""
        text, i, n = self.text, start, len(self.text)
        while i < end or i < n and text[i] in _RUN:
            j = i + 1
            while j < n and unicodedata.combining(text[j]):
                j += 1
            chunk = text[i:j]
            ch = chunk[0]
            if ch == "&" and (entity := _decoded_entity(text, i)) is not None:
                j, decoded = entity
                if decoded in _SPACE_LIKE:
                    if self.last == " ":
                        self._widen_last_space(j)
                    else:
                        self._piece(" ", i, (i, j))
                else:
                    self._piece(decoded, i, (i, j))
            elif ch in _DROPPED and j == i + 1:
                pass
            elif ch == "\r":
                if not (j < n and text[j] == "\n"):
                    self._piece("\n", i, (i, j))
                # a CR before LF is dropped: the LF stands for both
            elif ch == " " or ch in _SPACE_LIKE:
                if self.last == " ":
                    self._widen_last_space(j)  # fold the run into one space
                else:
                    self._piece(" ", i, (i, j))
            else:
                composed = unicodedata.normalize("NFC", chunk) if j > i + 1 else chunk
                self._piece(composed, i, (i, j))
            i = j
        return i

    def _piece(self, chars: str, origin: int, span: tuple[int, int] | None) -> None:
        self.out.append(chars)
        self.keys.append(self.length)
        self.origins.append(origin)
        self.spans.append(span)
        self.length += len(chars)
        self.last = chars[-1]

    def _widen_last_space(self, end: int) -> None:
        if self.spans[-1] is not None:
            self.spans[-1] = (self.spans[-1][0], end)
            return
        # the space ends a copied piece: it gets a piece of its own
        space_at = self.length - 1
        origin = self.origins[-1] + space_at - self.keys[-1]
        if self.keys[-1] == space_at:
            self.spans[-1] = (origin, end)
        else:
            self.keys.append(space_at)
            self.origins.append(origin)
            self.spans.append((origin, end))


_RUN = frozenset(" \r" + _SPACE_LIKE + _DROPPED)


def _decoded_entity(text: str, at: int) -> tuple[int, str] | None:
    """(end, character) of an HTML character reference at ``at``; None if there is none."""
    match = _ENTITY_AT.match(text, at)
    if match is None:
        return None
    decoded = html.unescape(match.group(0))
    if decoded == match.group(0) or not decoded:
        return None  # not a known reference ("&foo;"): left as written
    return match.end(), unicodedata.normalize("NFC", decoded)


@lru_cache(maxsize=1)
def _changes() -> re.Pattern[str]:
    """Where the character-cluster rules can change anything: two spaces, other white space, dropped
    characters, CR, and combining marks. Characters beyond the BMP are all checked one by one (they
    are rare, and a class of the few combining ones there would make every search slow)."""
    marks = "".join(re.escape(chr(code)) for code in range(0x10000) if unicodedata.combining(chr(code)))
    return compile_regex(rf"[{re.escape(_SPACE_LIKE + _DROPPED)}\r{marks}\U00010000-\U0010ffff]|  |{_ENTITY}")


def _latinise_mixed_word(match: re.Match[str]) -> str:
    word = match.group(0)
    if _LATIN_OR_DIGIT.search(word):
        return word.translate(_CYRILLIC_TO_LATIN)
    return word  # a genuinely Cyrillic word (a Russian name) stays as written


def _to_old_style_tone(match: re.Match[str]) -> str:
    first, second = match.group(0)
    base_and_marks = unicodedata.normalize("NFD", second)
    tone = next((m for m in base_and_marks[1:] if m in _TONES), None)
    if tone is None:
        return match.group(0)
    rest = "".join(m for m in base_and_marks[1:] if m != tone)
    new_second = unicodedata.normalize("NFC", base_and_marks[0] + rest)
    new_first = unicodedata.normalize("NFC", first + tone)
    return new_first + new_second
