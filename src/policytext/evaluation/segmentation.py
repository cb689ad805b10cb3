"""Word-segmentation scoring against a CoNLL-U gold file (UD Vietnamese-VTB).

Words are compared as spans over the sentence's non-space characters, so the score does not depend
on how white space was written: precision, recall and F1 of exactly matching word spans.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from ..startcache import compile_regex
from ..text.normalize import normalize
from ..text.segment import SEGMENTERS


@dataclass(slots=True)
class SegmentationScore:
    sentences: int
    gold_words: int
    predicted_words: int
    correct: int

    @property
    def precision(self) -> float:
        return self.correct / self.predicted_words if self.predicted_words else 0.0

    @property
    def recall(self) -> float:
        return self.correct / self.gold_words if self.gold_words else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def report(self, name: str) -> str:
        return (
            f"{name}: sentences={self.sentences} gold_words={self.gold_words} "
            f"predicted={self.predicted_words} correct={self.correct} "
            f"P={self.precision:.4f} R={self.recall:.4f} F1={self.f1:.4f}"
        )


def read_conllu(path: str | Path) -> Iterator[list[str]]:
    """Yield each sentence's word forms (multi-syllable words keep their inner spaces)."""
    words: list[str] = []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            line = line.rstrip("\n")
            if not line:
                if words:
                    yield words
                words = []
            elif not line.startswith("#"):
                columns = line.split("\t")
                if columns[0].isdigit():  # skip multi-word ranges and empty nodes
                    words.append(columns[1])
    if words:
        yield words


def _compact_spans(words: list[str]) -> set[tuple[int, int]]:
    spans, position = set(), 0
    for word in words:
        length = len(word.replace(" ", ""))
        spans.add((position, position + length))
        position += length
    return spans


_SPACED_NUMBER = compile_regex(r"\d+(?: [.,] \d+)+")


def _detokenize_number(word: str) -> str:
    """VTB writes numbers as "10 . 000"; the raw text they came from said "10.000"."""
    return word.replace(" ", "") if _SPACED_NUMBER.fullmatch(word) else word


def score_segmentation(path: str | Path, segmenter: str = "pyvi", limit: int | None = None) -> SegmentationScore:
    segment = SEGMENTERS[segmenter]
    score = SegmentationScore(0, 0, 0, 0)
    for n, gold_words in enumerate(read_conllu(path)):
        if limit is not None and n >= limit:
            break
        gold_words = [_detokenize_number(w) for w in gold_words]
        text = normalize(" ".join(gold_words)).text
        predicted = [text[s:e] for s, e in segment(text, 0, len(text))]
        gold = _compact_spans([normalize(w).text for w in gold_words])
        guess = _compact_spans(predicted)
        score.sentences += 1
        score.gold_words += len(gold)
        score.predicted_words += len(guess)
        score.correct += len(gold & guess)
    return score
