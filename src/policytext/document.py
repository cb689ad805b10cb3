"""The one object every extractor reads: original text, normalised copy, offset map, sentences, tokens.

Extractors match on ``doc.norm`` (normalised text) and report spans with ``doc.span(start, end)``,
which turns normalised offsets into original ones and takes the original text, so that
``record.text[start:end]`` is always what the analyst highlights.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from .model import Span
from .text.normalize import OffsetMap, normalize


@dataclass(slots=True)
class Word:
    """A token in normalised coordinates (``norm[start:end]``)."""

    start: int
    end: int
    text: str
    pos: str | None = None


@dataclass(slots=True)
class Document:
    text: str  # original
    norm: str  # normalised copy, what extractors match on
    offsets: OffsetMap
    title: str | None = None
    published: datetime | None = None
    sentences: list[tuple[int, int]] = field(default_factory=list)  # normalised coordinates
    words: list[Word] = field(default_factory=list)  # normalised coordinates

    @classmethod
    def from_text(
        cls,
        text: str,
        *,
        title: str | None = None,
        published: datetime | str | None = None,
        segment: bool = True,
        segmenter: str = "pyvi",
    ) -> "Document":
        if isinstance(published, str):  # an ISO 8601 string, as records write it
            published = datetime.fromisoformat(published)
        normalized = normalize(text)
        doc = cls(text, normalized.text, normalized.offsets, title=title, published=published)
        if segment:
            from .text.segment import segment_document  # pyvi loads models: only when asked

            segment_document(doc, segmenter=segmenter)
        return doc

    def original(self, start: int, end: int) -> tuple[int, int]:
        """Original-text offsets of the normalised span ``norm[start:end]``."""
        return self.offsets.to_original(start, end)

    def span(self, start: int, end: int) -> Span:
        """A record span (original offsets and original text) for ``norm[start:end]``."""
        o_start, o_end = self.offsets.to_original(start, end)
        return Span(o_start, o_end, self.text[o_start:o_end])
