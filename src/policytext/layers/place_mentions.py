"""The place layer: every province, city, district, commune and country an article names, with its
canonical name, its kind and the province it stands for on the publication date (``doc.layers.places``).

Two ways a place is written:

- after an administrative word ("tỉnh Quảng Ninh", "huyện Cần Giờ", "quận 1", "TP.HCM"): the word gives
  the kind (organizations.yaml ``admin_levels``), the name is a listed place or the capitalised words
  after it, cut before a person's name as the organisation layer cuts them ("UBND TP Lê Thanh Hải");
- alone, as a listed province, city or country ("Hà Nội", "Nha Trang", "Mỹ"), unless it is part of a
  person's name ("Nguyễn Thái Bình", "Mỹ Linh", "chị Mỹ"), a name that stands alone for something else
  ("Hồ Chí Minh": the President; ``places_needing_admin_word``), a word of address opening a sentence
  ("Anh cho biết"; ``ambiguous_countries``) or a language ("tiếng Anh"; ``language_words``).

Provinces follow their validity (63 until 30 June 2025, 34 from 1 July 2025): ``province`` is the province
or centrally-run city the place belongs to on the publication date ("Bình Dương" in 2026: "Hồ Chí Minh";
"Nha Trang": "Khánh Hòa"), ``canonical`` stays the place the article names. Huế is a city of Thừa Thiên
Huế until 2024 and a centrally-run city from 2025. Mentions inside organisations' names count ("Sở Y tế
Hà Nội" names Hà Nội). The same spellings keep person names apart from places (layers/names.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from ..match.patterns import longest_phrase_first
from ..startcache import compile_regex
from .names import VIETNAMESE_SHAPE, PREVIOUS_WORD, continues_vietnamese_name, honorific_matches, surnames
from .organizations import (ADMIN_WORD_END, _CITY, _COUNTRY, _PLACE, _gazetteer, _place_at, _raw_matches,
                            province_entry, province_on)
from .places import (
    admin_levels,
    ambiguous_countries,
    country_name,
    language_words,
    opens_compound,
    places_needing_admin_word,
    provincial_cities,
)

HCM = "Hồ Chí Minh"


@dataclass(frozen=True, slots=True)
class PlaceMatch:
    """A place named in ``doc.norm`` (normalised coordinates)."""

    start: int
    end: int
    canonical: str  # "Quảng Ninh", "huyện Cần Giờ", "Hoa Kỳ"
    kind: str  # province, city, district, commune, country
    province: str | None  # the province or centrally-run city on the publication date, when known
    after_admin_word: bool = False


@lru_cache(maxsize=1)
def _checked() -> bool:
    """The provinces cities lie in are provinces (checked once, with the clear error the loaders give)."""
    from ..resources import ResourceError

    for city, province in provincial_cities().items():
        if province_entry(province) is None:
            raise ResourceError(f"organizations.yaml, provincial_cities: {city!r} lies in {province!r}, which is "
                                "no province")
    return True


def _is_province_on(name: str, day: date | None) -> bool:
    """``name`` is a province or centrally-run city (now or formerly) on ``day``, not a city inside one."""
    entry = province_entry(name)
    if entry is None:
        return False
    if day is not None and entry.valid_from is not None and day < entry.valid_from:
        return False  # Huế before 2025: a city of Thừa Thiên Huế
    return True


def _province_of(name: str, day: date | None) -> str | None:
    return province_on(name, day) if day is not None else name


def describe_place(name: str, admin: str | None, day: date | None) -> tuple[str, str | None]:
    """(kind, province on ``day``) of a listed place written after ``admin`` (or alone): a province, a
    centrally-run city, or a city inside a province ("thành phố Quảng Ngãi" is the province's capital)."""
    _checked()
    if _is_province_on(name, day):
        entry = province_entry(name)
        if admin == "thành phố" and not entry.city:
            return "city", _province_of(name, day)  # the capital named after its province
        return "province", _province_of(name, day)
    parent = provincial_cities().get(name)
    if parent is not None:
        return "city", _province_of(parent, day)
    return ("city" if admin in (None, "thành phố") else admin_levels().get(admin, "city")), None


_SENTENCE_OPENING = compile_regex(r"(?:^|[.!?:;\n\"“(]\s*|\s[-–]\s)$")


def _part_of_a_name(norm: str, start: int, end: int, honorific_ends: set[int]) -> bool:
    """A listed place that is part of a person's name: the tail of a name ("Nguyễn Thái Bình"), or one
    syllable after an honorific ("chị Mỹ") or next to a Vietnamese syllable ("Minh Đức", "Mỹ Linh"; not
    "Nga Vladimir Putin")."""
    if continues_vietnamese_name(norm, start):
        return True
    if " " in norm[start:end] or "-" in norm[start:end]:
        return False
    if start in honorific_ends:
        return True
    before = PREVIOUS_WORD.search(norm, max(0, start - 20), start - 1) if start > 1 and norm[start - 1] == " " else None
    if before is not None and before.group(0)[0].isupper() and not before.group(0).isupper() and \
            VIETNAMESE_SHAPE.fullmatch(before.group(0)):
        return True
    after = re.match(r" ([^\W\d_]+)", norm[end:end + 20])
    return bool(after) and after.group(1)[0].isupper() and not after.group(1).isupper() and \
        bool(VIETNAMESE_SHAPE.fullmatch(after.group(1)))


@lru_cache(maxsize=1)
def _admin_words() -> re.Pattern[str]:
    """Administrative words as written (lower case, capitalised, upper case): a case-sensitive alternation
    is several times faster than the organisation layer's case-insensitive one over a whole article."""
    variants = set()
    for word in _gazetteer().admin_full:
        variants |= {word, word[:1].upper() + word[1:], word.upper()}
    alternation = "|".join(re.escape(v) for v in sorted(variants, key=longest_phrase_first))
    return compile_regex(rf"({alternation})" + ADMIN_WORD_END)


def place_matches(norm: str, published: date | None = None) -> list[PlaceMatch]:
    """Places in ``norm``, left to right, not overlapping (the longer at one start)."""
    raw = _raw_matches(norm)
    g = _gazetteer()
    levels = admin_levels()
    found: list[PlaceMatch] = []
    for m in _admin_words().finditer(norm):
        start = m.start()
        if start > 0 and (norm[start - 1].isalnum() or norm[start - 1] in "._"):
            continue
        place = _place_at(norm, start, raw, surnames())
        if place is None:
            continue
        end, written = place
        admin = g.admin_full[m.group(1).lower()]
        if written == f"Thành phố {HCM}":
            found.append(PlaceMatch(start, end, HCM, "province", _province_of(HCM, published), True))
            continue
        name = written[len(admin) + 1:] if written.startswith(admin + " ") else written
        listed = any(key.kind == _PLACE for e, key in raw.get(end - len(name), ()) if e == end)
        if listed:
            kind, province = describe_place(name, admin, published)
            found.append(PlaceMatch(start, end, name, kind, province, True))
        else:
            kind = levels.get(admin, "city")
            canonical = name if kind in ("province", "city") else f"{admin} {name}"
            found.append(PlaceMatch(start, end, canonical, kind, None, True))
    honorific_ends = {h.end() for h in honorific_matches(norm)}
    needing_admin = places_needing_admin_word()
    ambiguous = ambiguous_countries()
    languages = language_words()
    for start, options in raw.items():
        if not norm[start].isupper():
            continue
        for end, key in options:  # longest first
            if key.kind == _CITY:
                found.append(PlaceMatch(start, end, HCM, "province", _province_of(HCM, published)))
                break
            if key.kind == _PLACE:
                name = str(key.value)
                if name in needing_admin or _part_of_a_name(norm, start, end, honorific_ends):
                    break
                kind, province = describe_place(name, None, published)
                found.append(PlaceMatch(start, end, name, kind, province))
                break
            if key.kind == _COUNTRY:
                written = norm[start:end]
                if not written[0].isupper():
                    break  # a country is written with a capital ("ý kiến" is no Italy)
                if _part_of_a_name(norm, start, end, honorific_ends) or \
                        written in ambiguous and _SENTENCE_OPENING.search(norm, max(0, start - 3), start) or \
                        norm.endswith(languages, max(0, start - 8), start) or opens_compound(norm, start, end):
                    break  # a name, "Anh cho biết", "tiếng Anh", "Vụ Pháp chế"
                found.append(PlaceMatch(start, end, country_name(written) or written, "country", None))
                break
    found.sort(key=lambda p: (p.start, -p.end))
    out: list[PlaceMatch] = []
    position = 0
    for place in found:
        if place.start >= position:
            out.append(place)
            position = place.end
    return out
