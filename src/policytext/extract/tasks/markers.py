"""Candidate enumeration markers of every style (patterns in resources/patterns/tasks.yaml).

A marker alone is no task: "thứ hai" is also Monday, "(1)" a footnote, "- " a line of dialogue, "Tiếp theo" a
narrative link. "Sau đó" is no marker at all (a connective, task guideline R4-2). Lists (lists.py) keep the markers
that enumerate 1, 2, 3 … in one style.
"""

from __future__ import annotations

from dataclasses import dataclass

from ...startcache import compile_regex
from .lexicon import Lexicon

# what stands between a marker and its item's first word: its punctuation, a bullet, "là" ("Thứ nhất là …")
ITEM_LEAD = compile_regex(r"[\s,:;.)\-–•+*]*(?:là\s+)?")

# letters of a Vietnamese enumeration "a) b) c) d) đ) e) g) …" (legal texts skip f, j, w, z)
LETTERS = "abcdđeghiklmnopqrstuvxy"


@dataclass(frozen=True, slots=True)
class Marker:
    # ordinal, ordinal_named, la, paren, letter, number, bullet, step, way, option, sequence, last, numbered_name
    style: str
    ordinal: int | None  # None where only the position in the list gives it (bullets, "Tiếp theo")
    start: int  # normalised coordinates of the marker as written, without trailing punctuation
    end: int
    key: str = ""  # what every marker of one list shares: the bullet character, the numbered name's head
    variant: str = ""  # a form of its style with its own rule: "bare" ("Hai, …" among "là" words)
    bullet: str = ""  # the bullet written before the marker ("- Bước 1: …"), where the item starts


# the pattern of each style (patterns/tasks.yaml) and the style its markers take
_STYLES = (("sequence_first", "sequence"), ("ordinal", "ordinal"), ("ordinal_inline", "ordinal"), ("la", "la"),
           ("la_bare", "la"), ("paren", "paren"), ("letter", "letter"), ("number", "number"), ("number_joined", "number"),
           ("bullet", "bullet"),
           ("step", "step"), ("way", "way"), ("option", "option"), ("option_word", "option"),
           ("sequence_next", "sequence"), ("sequence_last", "last"), ("numbered_name", "numbered_name"),
           ("ordinal_named", "ordinal_named"))  # last: it only continues a list of ordinal or sequence words
# styles looked for only where a list they may continue has opened: ordinal words after "Đầu tiên, …" ("Thứ
# hai, …" with no "Thứ nhất"), ordinals after a noun ("Cách thứ hai")
_CONTINUING = {"ordinal": ("sequence",), "ordinal_named": ("ordinal", "sequence")}


def _ordinal(pattern: str, value: str, lex: Lexicon) -> int | None:
    if value.isdigit():
        return int(value)
    if pattern == "letter":
        return LETTERS.index(value) + 1 if value in LETTERS else None
    if pattern.startswith("ordinal"):
        return lex.thu.get(value)
    if pattern in ("la", "la_bare", "step"):
        return lex.la.get(value.lower())
    if pattern == "option_word":  # "một", "thứ hai"
        value = value.lower()
        return lex.thu.get(value[4:]) if value.startswith("thứ ") else lex.la.get(value)
    if pattern == "sequence_first":
        return 1
    return None  # bullets, later sequence words and "Cuối cùng" take their place in the list


def find_markers(norm: str, lex: Lexicon) -> list[Marker]:
    """Every candidate marker in the normalised text, by position (one per start)."""
    found: dict[int, Marker] = {}
    present: dict[str, bool] = {}  # each core looked for once: styles share them ("hứ nhất", "ột là")

    def has(core: str) -> bool:
        if core not in present:  # a core opening with a line break stands at the text's start too
            present[core] = core in norm or core[0] == "\n" and norm.startswith(core[1:])
        return present[core]

    for pattern, style in _STYLES:
        opened = pattern in _CONTINUING and any(m.ordinal == 1 and m.style in _CONTINUING[pattern]
                                                for m in found.values())
        if style == "ordinal_named" and not opened:
            continue  # no list it could continue
        if pattern == "number_joined" and "\n" in norm.strip():
            continue  # a number after a word opens an item only where the lines were joined
        if not opened and not any(has(core) for core in lex.cores[pattern]):
            continue  # none of the style's words: no marker of it
        for match in lex.markers[pattern].finditer(norm):
            start, end = match.span("m")
            if start in found:
                continue  # "Thứ nhất" found by the line and the inline pattern
            key = match.group("n") if style == "bullet" else ""
            if style == "bullet" and key == "–":
                key = "-"  # writers mix the hyphen and the en dash in one list
            if style == "numbered_name":
                key = match.group("head")
            found[start] = Marker(style, _ordinal(pattern, match.group("n"), lex), start, end, key,
                                  "bare" if pattern == "la_bare" else "")
    return sorted(found.values(), key=lambda marker: marker.start)

