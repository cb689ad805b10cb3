"""The one object every extractor reads: original text, normalised copy, offset map, sentences, words,
and the annotation layers computed on them once.

Extractors match on ``doc.norm`` (normalised text) and report spans with ``doc.span(start, end)``,
which turns normalised offsets into original ones and takes the original text, so that
``record.text[start:end]`` is always what the analyst highlights. ``doc.layers`` holds what several
extractors need (organisations, titles, names, places …), computed on first use and shared;
``doc.trace`` records the vetoes that fire (``policytext explain``), and records nothing by default.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from .io.published import VIETNAM
from .layers import Layers
from .model import Span
from .rules.trace import NO_TRACE
from .text.normalize import OffsetMap, decode_entities, normalize
from .text.segment import SEGMENTERS, Word, split_sentences, split_words

__all__ = ["Document", "Word"]


@dataclass(slots=True)
class Document:
    text: str  # original
    norm: str  # normalised copy, what extractors match on
    offsets: OffsetMap
    title: str | None = None
    published: datetime | None = None
    sentences: list[tuple[int, int]] = field(default_factory=list)  # normalised coordinates
    trace: Any = NO_TRACE
    _layers: Layers | None = field(default=None, repr=False)
    _words: list[Word] | None = field(default=None, repr=False)  # None: not segmented yet (see words)
    _segmenter: str | None = field(default=None, repr=False)  # the word segmenter words will use
    _pos: bool = field(default=True, repr=False)  # words carry part-of-speech tags (tagged on first use)

    @classmethod
    def from_text(
        cls,
        text: str,
        *,
        title: str | None = None,
        published: datetime | str | None = None,
        segment: bool = True,
        segmenter: str = "pyvi",
        pos: bool = True,
    ) -> "Document":
        if isinstance(published, str):  # an ISO 8601 string, as records write it
            published = datetime.fromisoformat(published)
        normalized = normalize(text)
        doc = cls(text, normalized.text, normalized.offsets, title=title, published=published)
        if segment:
            if segmenter not in SEGMENTERS:
                raise ValueError(f"unknown segmenter {segmenter!r}; choose one of {', '.join(SEGMENTERS)}")
            doc.sentences = split_sentences(normalized.text)
            doc._segmenter, doc._pos = segmenter, pos
        return doc

    @property
    def words(self) -> list[Word]:
        """The words (normalised coordinates), segmented on first use: no extractor but the tasks' tagged
        subjects reads them, so an article whose record keeps no tokens is mostly never segmented (in a
        run, segmenting and tagging every article would be most of its time). The same words either way."""
        if self._words is None:
            self._words = split_words(self.norm, self.sentences, self._segmenter, self._pos) if self._segmenter else []
        return self._words

    @words.setter
    def words(self, value: list[Word]) -> None:
        self._words = value

    def release(self) -> None:
        """Drop the layers and words: they refer back to the document (and untagged words to their
        sentence), and a run that left these cycles to Python's cyclic collector would hold the garbage of
        many articles between its full collections, and a higher peak of memory the longer it runs."""
        self._layers = None
        self._words = None

    @property
    def layers(self) -> Layers:
        if self._layers is None:
            self._layers = Layers(self)
        return self._layers

    @property
    def published_date(self) -> date | None:
        """The publication day in Vietnam time (UTC+7), or None: relative dates resolve against it
        whatever offset ``published`` is written with (RECORD.md), so "hôm nay" in an article stamped
        ``2026-02-06T22:30:00+00:00`` is 7 February. A time without an offset is already Vietnam time."""
        value = self.published
        if isinstance(value, datetime):
            return (value.astimezone(VIETNAM) if value.tzinfo else value).date()
        return value

    def original(self, start: int, end: int) -> tuple[int, int]:
        """Original-text offsets of the normalised span ``norm[start:end]``."""
        return self.offsets.to_original(start, end)

    def normalised(self, start: int, end: int) -> tuple[int, int]:
        """Normalised offsets of the original span ``text[start:end]`` (for another extractor's items,
        which carry original offsets)."""
        return self.offsets.to_normalised(start, end)

    def span(self, start: int, end: int) -> Span:
        """A record span for ``norm[start:end]``: original offsets, and the original text with its HTML
        character references decoded ("Bộ NN &amp; PTNT" is written "Bộ NN & PTNT"; RECORD.md: no text
        field carries "&amp;"), so ``text[start:end]`` differs from it only by such references."""
        o_start, o_end = self.offsets.to_original(start, end)
        return Span(o_start, o_end, decode_entities(self.text[o_start:o_end]))

