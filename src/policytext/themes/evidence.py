"""Where a label comes from: the sentences that drove the model, the paragraphs that carry the theme.

Pure functions over offsets (normalised text coordinates) and per-occurrence contributions of the
text model (``ThemeModel.text_scores(...).contributions``); ``extract.themes`` turns their spans into
record spans.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np

MODEL_SENTENCES = 2  # sentences given as evidence for a label the model decided
CARRY_SHARE = 0.5  # a unit carries the theme when it adds at least this share of the best unit's part


def _sums(spans: Sequence[tuple[int, int]], starts: np.ndarray, contributions: np.ndarray) -> np.ndarray:
    """Total contribution of the occurrences inside each span (spans sorted, not overlapping)."""
    totals = np.zeros(len(spans))
    if not len(spans) or not len(starts):
        return totals
    span_starts = np.array([s for s, _ in spans])
    span_ends = np.array([e for _, e in spans])
    which = np.searchsorted(span_starts, starts, side="right") - 1
    inside = (which >= 0) & (starts < span_ends[np.maximum(which, 0)])
    np.add.at(totals, which[inside], contributions[inside])
    return totals


def top_sentences(sentences: Sequence[tuple[int, int]], starts: np.ndarray, contributions: np.ndarray,
                  k: int = MODEL_SENTENCES) -> list[tuple[int, int]]:
    """The ``k`` sentences that added most to the theme's logit (in text order); when nothing in the
    body counted for it (a label carried by the title), the one that counted most all the same."""
    totals = _sums(sentences, starts, contributions)
    if not len(totals):
        return []
    order = [i for i in np.argsort(-totals, kind="stable") if totals[i] > 0][:k] or [int(np.argmax(totals))]
    return [sentences[i] for i in sorted(order)]


def carrying_units(units: Sequence[tuple[int, int]], starts: np.ndarray, contributions: np.ndarray,
                   anchors: Sequence[int] = ()) -> list[int]:
    """Indexes of the units (paragraphs or sentence windows) that carry the theme: those holding a
    lexicon anchor (``anchors``: their offsets) and those whose model contribution reaches CARRY_SHARE
    of the strongest unit's."""
    totals = _sums(units, starts, contributions)
    carried = set()
    if len(totals) and totals.max() > 0:
        carried |= {int(i) for i in np.flatnonzero(totals >= CARRY_SHARE * totals.max())}
    carried |= set(anchored_units(units, anchors))
    return sorted(carried)


def anchored_units(units: Sequence[tuple[int, int]], positions: Sequence[int]) -> list[int]:
    """Indexes of the units holding any of ``positions``."""
    if not units:
        return []
    found = _sums(units, np.asarray(list(positions), dtype=np.int64), np.ones(len(positions)))
    return [int(i) for i in np.flatnonzero(found)]
