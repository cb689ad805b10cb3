"""Sentences and words, with the spans that must stay whole.

Word segmentation reuses pyvi's CRF model (the most accurate and fastest of the bundled tools on
UD-VTB), but over our own syllable split: pyvi's own split breaks ``15/2020/NĐ-CP`` and
``1/1/2021`` into pieces and loses offsets. Here legal codes, dates, times, numbers with separators,
URLs and e-mail addresses are single syllables, every syllable keeps its offsets, and the CRF
decides only which neighbouring syllables join into one word. underthesea is selectable.
"""

from __future__ import annotations

import re
import string
from functools import lru_cache
from typing import TYPE_CHECKING, Iterable

if TYPE_CHECKING:
    from ..document import Document, Word

SEGMENTERS = ("pyvi", "underthesea")

_CODE_LETTERS = r"[A-ZĐa-zđ][A-Za-zĐđ0-9]*"
# spans that must never be split, most specific first
_PROTECTED = [
    r"(?:https?://|www\.)[^\s<>\"']+[^\s<>\"'.,;:!?)\]]",  # URL
    r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+",  # e-mail
    # state code: 15/2020/NĐ-CP, 749/QĐ-TTg, 66.7/2025/NQ-CP, 80/2015/QH13, 5432/VPCP-KGVX
    rf"\d+(?:\.\d+)?(?:/\d{{4}})?/{_CODE_LETTERS}(?:-{_CODE_LETTERS})*",
    rf"\d+-{_CODE_LETTERS}/{_CODE_LETTERS}(?:-{_CODE_LETTERS})*",  # Party code: 34-CT/TW
    r"\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}(?![\d/])",  # 30/08/2021, 1-1-2021
    r"\d{1,2}:\d{2}(?::\d{2})?",  # 20:01
    r"\d{1,2}/\d{4}(?![\d/])",  # 9/2021 (month/year)
    r"\d{1,2}/\d{1,2}(?![\d/])",  # 30/8
    r"\d+(?:[.,]\d+)+%?",  # 1.000.000, 5,64%
    r"\d+%",
]
_ABBREVIATION = r"(?:TP|Tp|ThS|TS|PGS|GS|BS|Mr|Mrs|Ms|Dr|St)\."
_SYLLABLE = re.compile(
    "|".join(f"(?:{p})" for p in _PROTECTED) + rf"|{_ABBREVIATION}|\.\.\.|\w+|[^\w\s]"
)
_PUNCTUATION = set(string.punctuation) | {"…", "“", "”", "‘", "’", "–", "—"}

# a sentence ends at . ! ? … (and closing quotes) before a space and a capital, digit or quote
_SENTENCE_END = re.compile(r"[.!?…]+[\"”’)\]]*(?=\s+[\"“‘(\[]?[A-ZÀ-ỸĐ0-9])|[.!?…]+[\"”’)\]]*$")
_ABBREVIATION_END = re.compile(rf"(?:\b[A-ZĐ]|{_ABBREVIATION[:-2]})\.$")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans of ``text``: lines are paragraphs, split further at final punctuation."""
    spans: list[tuple[int, int]] = []
    for line in re.finditer(r"[^\n]+", text):
        start = line.start()
        for end_mark in _SENTENCE_END.finditer(line.group(0)):
            end = line.start() + end_mark.end()
            if _ABBREVIATION_END.search(text[start:end]):
                continue  # "TP." or an initial "N." does not end a sentence
            _add_trimmed(spans, text, start, end)
            start = end
        _add_trimmed(spans, text, start, line.end())
    return spans


def _add_trimmed(spans: list[tuple[int, int]], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))


def syllables(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Syllable spans (protected spans count as one) of ``text[start:end]``, in ``text`` offsets."""
    end = len(text) if end is None else end
    return [(m.start(), m.end()) for m in _SYLLABLE.finditer(text, start, end)]


def segment_sentence(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Word spans of one sentence with pyvi's CRF over protected syllables."""
    spans = syllables(text, start, end)
    if not spans:
        return []
    pieces = [text[s:e] for s, e in spans]
    labels = _pyvi_model().predict_single(_pyvi_features(pieces))
    words: list[tuple[int, int]] = []
    word_start, word_end = spans[0]
    for i in range(1, len(spans)):
        if labels[i] == "I_W" and _may_join(text, pieces, spans, i):
            word_end = spans[i][1]
        else:
            words.append((word_start, word_end))
            word_start, word_end = spans[i]
    words.append((word_start, word_end))
    return words


def _may_join(text: str, pieces: list[str], spans: list[tuple[int, int]], i: int) -> bool:
    """pyvi's own join rules, plus: only across a single space (never a line break)."""
    prev, cur = pieces[i - 1], pieces[i]
    if text[spans[i - 1][1]:spans[i][0]] != " ":
        return False
    if cur in _PUNCTUATION or prev in _PUNCTUATION:
        return False
    if cur[0].isdigit() or prev[0].isdigit():
        return False
    return not (cur[0].istitle() and not prev[0].istitle())


@lru_cache(maxsize=1)
def _pyvi_model():
    from pyvi.ViTokenizer import ViTokenizer

    return ViTokenizer.model


def _pyvi_features(pieces: list[str]):
    from pyvi.ViTokenizer import ViTokenizer

    return ViTokenizer.sent2features(pieces, False)


def pos_tags(words: list[str]) -> list[str]:
    """pyvi part-of-speech tags for words written with spaces between syllables."""
    if not words:
        return []
    from pyvi.ViPosTagger import ViPosTagger

    tokens = [w.replace(" ", "_") for w in words]
    return list(ViPosTagger.model.predict_single(ViPosTagger.sent2features(tokens, False)))


def segment_sentence_underthesea(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Word spans from underthesea, aligned back onto our protected syllables."""
    from underthesea import word_tokenize

    spans = syllables(text, start, end)
    words = word_tokenize(text[start:end])
    return _align_words(text, spans, words)


def _align_words(text: str, spans: list[tuple[int, int]], words: Iterable[str]) -> list[tuple[int, int]]:
    """Group our syllables into the words another tokenizer returned (joins only, never splits)."""
    result: list[tuple[int, int]] = []
    i = 0
    for word in words:
        if i >= len(spans):
            break
        word_start, word_end = spans[i]
        consumed = text[word_start:word_end]
        i += 1
        target = word.replace(" ", "")
        while i < len(spans) and len(consumed.replace(" ", "")) < len(target):
            if text[spans[i - 1][1]:spans[i][0]] != " ":
                break
            word_end = spans[i][1]
            consumed = text[word_start:word_end]
            i += 1
        result.append((word_start, word_end))
    result.extend(spans[i:])
    return result


def segment_document(doc: "Document", *, segmenter: str = "pyvi", with_pos: bool = True) -> None:
    """Fill ``doc.sentences`` and ``doc.words`` (normalised coordinates)."""
    from ..document import Word

    if segmenter not in SEGMENTERS:
        raise ValueError(f"unknown segmenter {segmenter!r}; choose one of {', '.join(SEGMENTERS)}")
    segment = segment_sentence if segmenter == "pyvi" else segment_sentence_underthesea
    doc.sentences = split_sentences(doc.norm)
    words: list[Word] = []
    for start, end in doc.sentences:
        spans = segment(doc.norm, start, end)
        texts = [doc.norm[s:e] for s, e in spans]
        tags = pos_tags(texts) if with_pos else [None] * len(spans)
        words.extend(Word(s, e, t, p) for (s, e), t, p in zip(spans, texts, tags))
    doc.words = words
