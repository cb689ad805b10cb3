"""Places: every province, city, district, commune and country the article names, each mention with its
canonical name, kind and the province it stands for on the publication date (``record.places``, an added
field; ``places.parquet``). The matching is the place layer's (layers/place_mentions.py), shared with
the other extractors."""

from __future__ import annotations

from ..document import Document
from ..model import Place
from ..rules import rule_book

RULES = rule_book("places")
LISTED = RULES.rule("listed-place")
AFTER_ADMIN_WORD = RULES.rule("after-admin-word")


def extract_places(doc: Document) -> list[Place]:
    """Each place mention, in text order (original offsets)."""
    out = []
    for match in doc.layers.places:
        span = doc.span(match.start, match.end)
        out.append(Place(span.start, span.end, span.text, match.canonical, match.kind, match.province,
                         AFTER_ADMIN_WORD if match.after_admin_word else LISTED))
    return out
