"""The place layer: provinces and cities, districts and communes, foreign countries.

Knowledge in resources/organizations.yaml (``places``: spellings of provinces, former provinces and big
cities with their canonical names; ``city_spellings``; ``countries`` and ``country_spellings``; ``admin_words``). Place names keep
person names apart from places ("Hà Nội" opens with the surname Hà) and close organisations ("Sở Y tế
Hà Nội"); ``place_matches`` finds them in a text (``doc.layers.places``: the spaCy component's GPE).
"""

from __future__ import annotations

from functools import lru_cache

from ..match.gazetteer import Gazetteer
from ..match.spans import filter_spans, leftmost_longest
from ..resources import load_yaml
from ..text.normalize import normalize_string


@lru_cache(maxsize=1)
def place_names() -> frozenset[str]:
    """Every spelling of a province, city or country, normalised."""
    data = load_yaml("organizations.yaml")
    countries = [*data["countries"], *data.get("country_spellings", {})]
    return frozenset({normalize_string(p) for p in data["places"]} | {normalize_string(c) for c in countries})


@lru_cache(maxsize=1)
def _place_gazetteer() -> Gazetteer[str]:
    # exact case: "Anh" (the United Kingdom), never "anh" (brother); "Huế" the city, not "huế"
    return Gazetteer(((name, name) for name in place_names() if name[:1].isupper()), fold_case=False)


def place_matches(norm: str) -> list[tuple[int, int]]:
    """(start, end) of every place name written in ``norm``, leftmost-longest. A one-word name opening a
    sentence is left out: "Anh cho biết" is a man speaking, not the United Kingdom."""
    found = filter_spans(_place_gazetteer().iter(norm), leftmost_longest)
    return [(f.start, f.end) for f in found
            if " " in norm[f.start:f.end] or not _opens_sentence(norm, f.start)]


def _opens_sentence(norm: str, start: int) -> bool:
    before = norm[:start].rstrip(" \t\"“'(")
    return not before or before[-1] in ".!?:\n"
