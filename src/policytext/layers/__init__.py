"""Annotation layers: what several extractors need from one document, computed once and shared.

``doc.layers.<name>`` computes a layer on first use and keeps it for the document's other extractors:

- ``organizations``: gazetteer organisations (capitalised, as the organisations extractor reports them);
  ``organizations_in_context``: the same read as the words after a title (lower case, countries and bare
  ministry fields too), by start;
- ``titles``: offices on word boundaries, by start;
- ``places``: provinces, cities and countries written in the text, (start, end);
- ``honorifics``: honorifics and degrees ("ông", "bà", "PGS.TS");
- ``capitalised_starts``: where capitalised words start (candidate person names).

The layer functions live in this package's modules (``organizations``, ``titles``, ``names``,
``places``) and are pure functions of the normalised text and the publication date.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable

from .names import capitalised_word_starts, honorific_matches
from .organizations import organization_matches
from .places import place_matches
from .titles import title_matches

if TYPE_CHECKING:
    from ..document import Document


class Layers:
    """The layers of one document, each computed on first use."""

    __slots__ = ("_doc", "_cache")

    def __init__(self, doc: "Document") -> None:
        self._doc = doc
        self._cache: dict[str, Any] = {}

    def _get(self, name: str, compute: Callable[[], Any]) -> Any:
        try:
            return self._cache[name]
        except KeyError:
            value = self._cache[name] = compute()
            return value

    @property
    def organizations(self) -> list:
        return self._get("organizations", lambda: organization_matches(self._doc.norm, self._doc.published_date))

    @property
    def organizations_in_context(self) -> dict:
        return self._get("organizations_in_context", lambda: {
            m.start: m for m in organization_matches(self._doc.norm, self._doc.published_date, context=True)})

    @property
    def titles(self) -> dict:
        return self._get("titles", lambda: title_matches(self._doc.norm))

    @property
    def places(self) -> list[tuple[int, int]]:
        return self._get("places", lambda: place_matches(self._doc.norm))

    @property
    def honorifics(self) -> list:
        return self._get("honorifics", lambda: honorific_matches(self._doc.norm))

    @property
    def capitalised_starts(self) -> list[int]:
        return self._get("capitalised_starts", lambda: capitalised_word_starts(self._doc.norm))

    def computed(self) -> list[str]:
        """The layers computed so far (what ``policytext explain`` shows as used)."""
        return list(self._cache)
