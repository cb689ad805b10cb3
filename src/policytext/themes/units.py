"""Where in an article a theme can be carried: its paragraphs, or windows of sentences.

RECORD.md: a theme is present when the title or lead is about it or at least one paragraph discusses
it substantively. Articles written with line breaks have paragraphs; some dumps join a whole article
into one line (the 2025 crawl), and there a run of WINDOW sentences stands for a paragraph (the
annotation guideline counts "about three sentences on the subject" as one). The same units feed the
model's "best paragraph" statistic and the ``paragraphs`` reported with each label.
"""

from __future__ import annotations

from bisect import bisect_right

from ..startcache import compile_regex
from ..text.segment import split_sentences

MIN_PARAGRAPHS = 3  # fewer lines than this: the text was joined (or is a brief): use sentence windows
WINDOW = 3  # sentences per window in a text without paragraphs

_LINE = compile_regex(r"[^\n]*\S[^\n]*")


def text_units(norm: str, sentences: list[tuple[int, int]] | None = None) -> list[tuple[int, int]]:
    """Paragraphs (non-empty lines) of ``norm``, or consecutive windows of WINDOW sentences when it has
    fewer than MIN_PARAGRAPHS lines; spans in ``norm`` coordinates, in order, not overlapping.
    ``sentences``: the document's sentence spans when already split (else split here)."""
    lines = [(m.start(), m.end()) for m in _LINE.finditer(norm)]
    if len(lines) >= MIN_PARAGRAPHS:
        return lines
    if sentences is None:
        sentences = split_sentences(norm)
    if not sentences:
        return lines
    return [(sentences[i][0], sentences[min(i + WINDOW, len(sentences)) - 1][1])
            for i in range(0, len(sentences), WINDOW)]


def unit_of(starts: list[int], position: int) -> int:
    """Index of the unit (given by its sorted start offsets) that holds ``position``."""
    return max(0, bisect_right(starts, position) - 1)
