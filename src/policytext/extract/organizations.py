"""Organisations: each body the article names, once, with every mention (RECORD.md ``organizations``).

The matching is the organisation layer's (``layers/organizations.py``, shared with the officials and
themes extractors); this module groups its matches into records: ``name`` is the body canonicalised as
valid on the publication date, ``kind`` its gazetteer kind, ``successor`` the body that has since taken
over (followed through renames and mergers).
"""

from __future__ import annotations

from ..document import Document
from ..layers.organizations import successor_of
from ..model import Organization
from ..rules import rule_book

RULES = rule_book("organizations")
GAZETTEER = RULES.rule("gazetteer")


def extract_organizations(doc: Document) -> list[Organization]:
    """Each organisation named in the article, once, with every mention (original offsets)."""
    grouped: dict[str, Organization] = {}
    for match in doc.layers.organizations:
        organization = grouped.get(match.name)
        if organization is None:
            organization = grouped[match.name] = Organization(
                name=match.name, kind=match.kind, successor=successor_of(match.name), rule=GAZETTEER)
        organization.mentions.append(doc.span(match.start, match.end))
    return list(grouped.values())
