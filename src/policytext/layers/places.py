"""The place layer: provinces and cities, districts and communes, foreign countries.

Knowledge in resources/organizations.yaml (``places``: spellings of provinces, former provinces and big
cities with their canonical names; ``city_spellings``; ``countries`` and ``country_spellings``; ``admin_words``). Place names keep
person names apart from places ("Hà Nội" opens with the surname Hà) and close organisations ("Sở Y tế
Hà Nội").
"""

from __future__ import annotations

from functools import lru_cache

from ..resources import load_yaml
from ..text.normalize import normalize_string


@lru_cache(maxsize=1)
def place_names() -> frozenset[str]:
    """Every spelling of a province, city or country, normalised."""
    data = load_yaml("organizations.yaml")
    spellings = data.get("country_spellings", {})
    countries = [*data["countries"], *spellings, *spellings.values()]
    return frozenset({normalize_string(p) for p in data["places"]} | {normalize_string(c) for c in countries})
