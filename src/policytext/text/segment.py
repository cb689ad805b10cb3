"""Sentences and words, with the spans that must stay whole.

Word segmentation reuses pyvi's CRF model (the most accurate and fastest of the bundled tools on
UD-VTB), but over our own syllable split: pyvi's own split breaks ``15/2020/NĐ-CP`` and
``1/1/2021`` into pieces and loses offsets. Here legal codes, dates, times, numbers with separators,
URLs and e-mail addresses are single syllables, every syllable keeps its offsets, and the CRF
decides only which neighbouring syllables join into one word. underthesea is selectable.

Speed, with pyvi's output unchanged: pyvi's two CRF models (word boundaries, part of speech) are
taken out of their pickles without importing scikit-learn, and their features are built here rather
than with pyvi's ``word2features``: the same attributes in the same order, as crfsuite sees them (a
string value ``{"k": "v"}`` is the attribute ``"k:v"``, ``True`` and ``1.0`` are weight 1, ``False``
is weight 0 and is left out because it adds exactly nothing to a score), from per-token pieces
computed once. Part of speech is tagged by pycrfsuite; word boundaries by our own Viterbi over the
two-label model's weights, which does crfsuite's additions in crfsuite's order.
tests/test_segment_equivalence.py holds all of it to pyvi's own functions on UD-VTB and news text.
"""

from __future__ import annotations

import re
import string
from typing import Iterable

from ..startcache import compile_regex
from .crf import pos_features, pos_tagger, segmentation_labels


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
_SYLLABLE = compile_regex(
    "|".join(f"(?:{p})" for p in _PROTECTED) + rf"|{_ABBREVIATION}|\.\.\.|\w+|[^\w\s]"
)
# the same without the e-mail pattern, for text with no "@" (where it cannot match): that pattern
# reads every word to its end looking for one
_SYLLABLE_NO_EMAIL = compile_regex(
    "|".join(f"(?:{p})" for p in _PROTECTED if "@" not in p) + rf"|{_ABBREVIATION}|\.\.\.|\w+|[^\w\s]"
)
_PUNCTUATION = set(string.punctuation) | {"…", "“", "”", "‘", "’", "–", "—"}

# a sentence ends at . ! ? … (and closing quotes) before a space and a capital, digit or quote
_SENTENCE_END = compile_regex(r"[.!?…]+[\"”’)\]]*(?=\s+[\"“‘(\[]?[A-ZÀ-ỸĐ0-9])|[.!?…]+[\"”’)\]]*$")
_ABBREVIATION_END = compile_regex(rf"(?:\b[A-ZĐ]|{_ABBREVIATION[:-2]})\.$")


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
    pattern = _SYLLABLE if text.find("@", start, end) >= 0 else _SYLLABLE_NO_EMAIL
    return [(m.start(), m.end()) for m in pattern.finditer(text, start, end)]


def segment_sentence(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Word spans of one sentence with pyvi's CRF over protected syllables."""
    spans = syllables(text, start, end)
    if not spans:
        return []
    pieces = [text[s:e] for s, e in spans]
    labels = segmentation_labels(pieces)
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


def pos_tags(words: list[str]) -> list[str]:
    """pyvi part-of-speech tags for words written with spaces between syllables."""
    if not words:
        return []
    return pos_tagger().tag(pos_features([w.replace(" ", "_") for w in words]))


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


# word segmenters by name: each gives the word spans of one sentence
SEGMENTERS = {"pyvi": segment_sentence, "underthesea": segment_sentence_underthesea}


class Word:
    """A token in normalised coordinates (``norm[start:end]``).

    Its part of speech is tagged on first use, for its whole sentence at once: only written tokens and
    the task extractor's tagged subjects read it, so most articles of a run are never tagged (tagging
    costs more than segmenting). The tags are the same as tagging every sentence up front.
    """

    __slots__ = ("start", "end", "text", "_pos", "_sentence")

    def __init__(self, start: int, end: int, text: str, pos: str | None = None,
                 sentence: "_UntaggedSentence | None" = None):
        self.start, self.end, self.text = start, end, text
        self._pos, self._sentence = pos, sentence

    @property
    def pos(self) -> str | None:
        if self._sentence is not None:
            self._sentence.tag()
        return self._pos

    @pos.setter
    def pos(self, value: str | None) -> None:
        self._pos, self._sentence = value, None

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Word):
            return NotImplemented
        return (self.start, self.end, self.text, self.pos) == (other.start, other.end, other.text, other.pos)

    __hash__ = None  # mutable, like the dataclass it replaces

    def __repr__(self) -> str:
        return f"Word(start={self.start!r}, end={self.end!r}, text={self.text!r}, pos={self.pos!r})"


class _UntaggedSentence:
    """The words of one sentence, tagged together when one of them is first asked its part of speech."""

    __slots__ = ("words",)

    def __init__(self, words: list[Word]):
        self.words = words

    def tag(self) -> None:
        words, self.words = self.words, []
        for word, tag in zip(words, pos_tags([w.text for w in words])):
            word._pos, word._sentence = tag, None


def load_models(segmenter: str = "pyvi") -> None:
    """Load the word-boundary and part-of-speech models now, not when the first article that needs
    them comes: a run does this at its start, so that its memory footprint is set from its first part
    (about 20 MB of models a run would otherwise load after hundreds or thousands of articles)."""
    text = "Bộ trưởng ký quyết định."
    for word in split_words(text, [(0, len(text))], segmenter):
        word.pos


def split_words(norm: str, sentences: list[tuple[int, int]], segmenter: str = "pyvi",
                with_pos: bool = True) -> list[Word]:
    """The words of the ``sentences`` of normalised text ``norm``; ``with_pos``: tagged on first use."""
    if segmenter not in SEGMENTERS:
        raise ValueError(f"unknown segmenter {segmenter!r}; choose one of {', '.join(SEGMENTERS)}")
    split_sentence = SEGMENTERS[segmenter]
    words: list[Word] = []
    for start, end in sentences:
        sentence = [Word(s, e, norm[s:e]) for s, e in split_sentence(norm, start, end)]
        if with_pos and sentence:
            untagged = _UntaggedSentence(sentence)
            for word in sentence:
                word._sentence = untagged
        words.extend(sentence)
    return words


def segment(norm: str, segmenter: str = "pyvi", with_pos: bool = True) -> tuple[list[tuple[int, int]], list[Word]]:
    """Sentence spans and words of normalised text ``norm``."""
    if segmenter not in SEGMENTERS:
        raise ValueError(f"unknown segmenter {segmenter!r}; choose one of {', '.join(SEGMENTERS)}")
    sentences = split_sentences(norm)
    return sentences, split_words(norm, sentences, segmenter, with_pos)


def segment_document(doc, *, segmenter: str = "pyvi", with_pos: bool = True) -> None:
    """Fill ``doc.sentences`` and ``doc.words`` of a Document (normalised coordinates)."""
    doc.sentences, doc.words = segment(doc.norm, segmenter, with_pos)
