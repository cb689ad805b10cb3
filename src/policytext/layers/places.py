"""Place knowledge: provinces and cities, districts and communes, foreign countries.

Knowledge in resources/organizations.yaml (``places``: spellings of provinces, former provinces and big
cities with their canonical names; ``city_spellings``; ``countries``, ``country_spellings`` and ``country_names``;
``provincial_cities``; ``admin_words`` and ``admin_levels``; ``provinces`` with their validity, read by
layers/organizations.py). Place names keep person names apart from places ("Hà Nội" opens with the surname
Hà) and close organisations ("Sở Y tế Hà Nội"). The place layer over a document (``doc.layers.places``:
each mention with its canonical name, kind and province on the publication date) is
layers/place_mentions.py, which reads these and the organisation gazetteer.
"""

from __future__ import annotations

from functools import lru_cache

from ..match.patterns import alternation
from ..resources import ResourceError, load_yaml
from ..startcache import compile_regex
from ..text.normalize import normalize_string


@lru_cache(maxsize=1)
def place_names() -> frozenset[str]:
    """Every spelling of a province, city or country, normalised."""
    data = load_yaml("organizations.yaml")
    spellings = data.get("country_spellings", {})
    countries = [*data["countries"], *spellings, *spellings.values()]
    return frozenset({normalize_string(p) for p in data["places"]} | {normalize_string(c) for c in countries})


@lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    data = load_yaml("organizations.yaml")
    countries = {normalize_string(c) for c in data["countries"]}
    out = {c: c for c in countries}
    for spelling, name in (data.get("country_names") or {}).items():
        spelling, name = normalize_string(str(spelling)), normalize_string(str(name))
        if spelling not in countries or name not in countries:
            raise ResourceError(f"organizations.yaml, country_names: {spelling!r} -> {name!r}: both must be "
                                "listed under countries")
        out[spelling] = name
    for spelling, name in (data.get("country_spellings") or {}).items():
        spelling, name = normalize_string(str(spelling)), normalize_string(str(name))
        out[name] = out.get(name, name)  # "Litva", a country of its own
        out[spelling] = out[name]  # "Ô-xtrây-li-a" -> "Australia" -> "Úc"
    return out


def country_name(spelling: str) -> str | None:
    """One name per country ("Mỹ" -> "Hoa Kỳ", "Liên bang Nga" -> "Nga"); None for no country."""
    return _country_names().get(normalize_string(spelling))


@lru_cache(maxsize=1)
def _glued_country():
    return compile_regex(rf"(?:{alternation(sorted(_country_names(), key=len, reverse=True))})(?=[A-ZĐ][a-z])")


def glued_country(norm: str, pos: int) -> tuple[int, int] | None:
    """A country's name with the next capitalised word glued to it by a missing space, as the 2025 dump's scraped
    text writes "Quốc vương CampuchiaNorodom Sihamoni", "Thủ tướng Thái LanAnutin Charnvirakul": its span."""
    m = _glued_country().match(norm, pos)
    return m.span() if m else None


@lru_cache(maxsize=1)
def provincial_cities() -> dict[str, str]:
    """Cities under a province -> the province they lie in ("Nha Trang" -> "Khánh Hòa")."""
    data = load_yaml("organizations.yaml")
    canonical = {normalize_string(str(v)) for v in data["places"].values()}
    out = {}
    for city, province in (data.get("provincial_cities") or {}).items():
        city, province = normalize_string(str(city)), normalize_string(str(province))
        if city not in canonical:
            raise ResourceError(f"organizations.yaml, provincial_cities: {city!r} is not a canonical name under places")
        out[city] = province
    return out


@lru_cache(maxsize=1)
def admin_levels() -> dict[str, str]:
    """An administrative word's full form -> the kind of place it opens ("huyện" -> "district")."""
    data = load_yaml("organizations.yaml")
    kinds = {"province", "city", "district", "commune"}
    out = {}
    for word, kind in (data.get("admin_levels") or {}).items():
        if kind not in kinds:
            raise ResourceError(f"organizations.yaml, admin_levels: {word!r}: kind {kind!r} is not one of {sorted(kinds)}")
        out[normalize_string(str(word))] = kind
    missing = {normalize_string(str(v)) for v in data["admin_words"].values()} - set(out)
    if missing:
        raise ResourceError(f"organizations.yaml, admin_levels: no kind for {sorted(missing)}")
    return out


@lru_cache(maxsize=1)
def places_needing_admin_word() -> frozenset[str]:
    """Place names that are places only after an administrative word ("Hồ Chí Minh")."""
    return frozenset(normalize_string(p) for p in load_yaml("organizations.yaml").get("places_needing_admin_word", []))


@lru_cache(maxsize=1)
def ambiguous_countries() -> frozenset[str]:
    """Countries that also open sentences as a word of address ("Anh")."""
    return frozenset(normalize_string(p) for p in load_yaml("organizations.yaml").get("ambiguous_countries", []))


@lru_cache(maxsize=1)
def country_compounds() -> dict[str, frozenset[str]]:
    """Country -> the lower-case syllables after which its word opens a compound, no country ("Pháp chế")."""
    data = load_yaml("organizations.yaml").get("country_compounds") or {}
    return {normalize_string(k): frozenset(normalize_string(w) for w in v) for k, v in data.items()}


def is_compound(country: str, next_word: str) -> bool:
    """Whether the word ``country`` and the lower-case ``next_word`` make a compound, no country ("Pháp chế")."""
    return next_word in country_compounds().get(country, ())


def opens_compound(norm: str, start: int, end: int) -> bool:
    """Whether the country word ``norm[start:end]`` opens a compound with the next syllable ("Vụ Pháp chế")."""
    if norm[end:end + 1] != " ":
        return False
    word_end = end + 1
    while word_end < len(norm) and norm[word_end].isalpha():
        word_end += 1
    return is_compound(norm[start:end], norm[end + 1:word_end])


@lru_cache(maxsize=1)
def language_words() -> tuple[str, ...]:
    """Words after which a country's name is its language ("tiếng Anh"), each with its trailing space."""
    return tuple(normalize_string(w) + " " for w in load_yaml("organizations.yaml").get("language_words", []))
