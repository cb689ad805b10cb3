"""Themes: lexicon phrases found in the normalised text, weighed into a per-article score.

How a theme is decided, and why:
- Phrases come from the taxonomy (``resources/themes.yaml`` or an analyst's file) and are found
  with one Aho-Corasick pass per case mode, built once per taxonomy. A match must sit on word
  boundaries (no "FTA" inside "EVFTA") and is diacritic-exact ("số hóa" is not "sổ hóa"); lower-case
  terms match any case, terms written with capitals match exactly.
- A match overlapping one of the theme's cancel cues is dropped ("cơ hội nhập" is not "hội nhập").
  Nested terms count once: "phòng, chống tham nhũng" is one match, not also "tham nhũng".
- A theme needs one anchor (a term of weight >= 2; weight-1 words only support) and at least
  ``min_matches`` matches (taxonomy data, default 2; a match in the lead counts double), so one
  phrase said once in passing is no theme.
- Score: each distinct term adds weight x sqrt(times seen, at most 4); a term in the lead (title
  and first lines) adds LEAD_BONUS x its weight once more. A theme under RELATIVE_FLOOR of the
  article's strongest theme is a side remark and scores 0. The sum is saturated, 1 - exp(-sum / scale), where scale grows
  slowly with article length, so one passing word in a long article stays under the threshold
  while the same word repeated through a short note passes.
- Optionally a linear model (``policytext.themes.model``) trained by weak supervision lifts the
  score, but only of themes that already have lexicon evidence: every label keeps its evidence.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import ahocorasick

from ..document import Document
from ..model import ThemeHit
from ..themes.taxonomy import Taxonomy, TaxonomyError, Theme, format_taxonomy, load_taxonomy

if TYPE_CHECKING:
    from ..themes.model import ThemeModel

__all__ = [
    "extract_themes",
    "theme_scores",
    "load_taxonomy",
    "format_taxonomy",
    "Taxonomy",
    "TaxonomyError",
    "score_themes",
]

LEAD_CHARS = 200  # the title and first line of a news item: where its subject is named
LEAD_BONUS = 1.5  # a term in the lead counts this many times its weight once more
MAX_REPEATS = 4  # repeats beyond this add nothing
SCALE = 12.0  # raw weight giving score 0.63 in a ~2,000-character article
SCALE_REFERENCE_LENGTH = 2000
SCALE_LENGTH_EXPONENT = 0.3
MIN_LENGTH = 600
MAX_EVIDENCE = 20
ANCHOR_WEIGHT = 2.0  # a theme needs one match at least this strong: weight-1 words only support
RELATIVE_FLOOR = 0.3  # a theme weaker than this share of the article's strongest theme is passing


@dataclass(frozen=True, slots=True)
class _Match:
    start: int
    end: int
    term: str
    weight: float


@dataclass(slots=True)
class ThemeScore:
    """Everything known about one theme in one article, before the threshold."""

    theme: Theme
    score: float
    raw: float
    matches: list[_Match]


class _Matcher:
    """Two Aho-Corasick automata (case-folded and exact) over every term and cancel cue."""

    def __init__(self, taxonomy: Taxonomy) -> None:
        self.taxonomy = taxonomy
        folded: dict[str, list[tuple[int, bool, str, float]]] = {}
        exact: dict[str, list[tuple[int, bool, str, float]]] = {}
        for index, theme in enumerate(taxonomy.themes):
            for is_cancel, terms in ((False, theme.lexicon), (True, theme.cancel)):
                for term in terms:
                    table, key = (exact, term.text) if term.case_sensitive else (folded, term.text.lower())
                    table.setdefault(key, []).append((index, is_cancel, term.text, term.weight))
        self.folded = _automaton(folded)
        self.exact = _automaton(exact)


def _automaton(table: dict[str, list]) -> ahocorasick.Automaton | None:
    if not table:
        return None
    automaton = ahocorasick.Automaton()
    for key, payload in table.items():
        automaton.add_word(key, (len(key), payload))
    automaton.make_automaton()
    return automaton


_MATCHERS: dict[int, _Matcher] = {}


def _matcher(taxonomy: Taxonomy) -> _Matcher:
    cached = _MATCHERS.get(id(taxonomy))
    if cached is None or cached.taxonomy is not taxonomy:
        if len(_MATCHERS) > 16:
            _MATCHERS.clear()
        cached = _MATCHERS[id(taxonomy)] = _Matcher(taxonomy)
    return cached


def _fold(text: str) -> str:
    """Lower case with the length unchanged, so offsets stay valid."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"


def _raw_matches(text: str, n_themes: int, matcher: _Matcher) -> tuple[list[list[_Match]], list[list[tuple[int, int]]]]:
    terms: list[list[_Match]] = [[] for _ in range(n_themes)]
    cancels: list[list[tuple[int, int]]] = [[] for _ in range(n_themes)]
    for automaton, haystack in ((matcher.folded, _fold(text)), (matcher.exact, text)):
        if automaton is None:
            continue
        for last, (length, payload) in automaton.iter(haystack):
            start, end = last - length + 1, last + 1
            if (start > 0 and _is_word_char(text[start - 1])) or (end < len(text) and _is_word_char(text[end])):
                continue
            for index, is_cancel, term, weight in payload:
                if is_cancel:
                    cancels[index].append((start, end))
                else:
                    terms[index].append(_Match(start, end, term, weight))
    return terms, cancels


def _kept(matches: list[_Match], cancels: list[tuple[int, int]]) -> list[_Match]:
    """Drop cancelled matches, then keep the leftmost-longest of overlapping ones."""
    if cancels:
        matches = [m for m in matches if not any(m.start < c_end and c_start < m.end for c_start, c_end in cancels)]
    matches.sort(key=lambda m: (m.start, -(m.end - m.start)))
    kept: list[_Match] = []
    for match in matches:
        if kept and match.start < kept[-1].end:
            continue
        kept.append(match)
    return kept


def _scale(length: int) -> float:
    return SCALE * (max(length, MIN_LENGTH) / SCALE_REFERENCE_LENGTH) ** SCALE_LENGTH_EXPONENT


def _raw_score(matches: list[_Match]) -> float:
    counts: dict[str, int] = {}
    weights: dict[str, float] = {}
    in_lead: set[str] = set()
    for match in matches:
        counts[match.term] = counts.get(match.term, 0) + 1
        weights[match.term] = match.weight
        if match.start < LEAD_CHARS:
            in_lead.add(match.term)
    raw = sum(weights[t] * math.sqrt(min(c, MAX_REPEATS)) for t, c in counts.items())
    return raw + LEAD_BONUS * sum(weights[t] for t in in_lead)


def theme_scores(doc: Document, taxonomy: Taxonomy | None = None) -> list[ThemeScore]:
    """Lexicon score and matches of every theme (also those under the threshold), taxonomy order."""
    taxonomy = taxonomy or load_taxonomy(None)
    text = doc.norm
    terms, cancels = _raw_matches(text, len(taxonomy.themes), _matcher(taxonomy))
    scale = _scale(len(text))
    scores = []
    for index, theme in enumerate(taxonomy.themes):
        kept = _kept(terms[index], cancels[index])
        in_lead = any(m.start < LEAD_CHARS for m in kept)  # named in the title: the subject
        anchored = len(kept) + in_lead >= taxonomy.min_matches and any(m.weight >= ANCHOR_WEIGHT for m in kept)
        raw = _raw_score(kept) if anchored else 0.0
        scores.append(ThemeScore(theme, 0.0, raw, kept))
    strongest = max((s.raw for s in scores), default=0.0)
    for item in scores:
        if item.raw and item.raw >= RELATIVE_FLOOR * strongest:
            item.score = 1.0 - math.exp(-item.raw / scale)
    return scores


def extract_themes(
    doc: Document,
    taxonomy: Taxonomy | None = None,
    model: "ThemeModel | None | bool" = None,
) -> list[ThemeHit]:
    """Themes the article substantively discusses, strongest first, each with evidence spans.

    ``model``: None = the shipped model when it is enabled by default, False = lexicon only,
    or a ``ThemeModel`` to combine with.
    """
    taxonomy = taxonomy or load_taxonomy(None)
    scores = theme_scores(doc, taxonomy)
    if model is None:
        from ..themes.model import default_model

        model = default_model()
    probabilities = model.predict(doc.norm) if model else {}
    hits = []
    for item in scores:
        if not item.matches:  # no evidence, no label, whatever the model says
            continue
        score = item.score
        if item.theme.id in probabilities:
            score = combine(score, probabilities[item.theme.id])
        if score < taxonomy.threshold_of(item.theme):
            continue
        evidence = [doc.span(m.start, m.end) for m in item.matches[:MAX_EVIDENCE]]
        hits.append(ThemeHit(item.theme.id, round(score, 3), evidence))
    hits.sort(key=lambda hit: -hit.score)
    return hits


def combine(lexicon_score: float, probability: float) -> float:
    """Score of a theme that has lexicon evidence, given the model's probability for it.

    The model may lift the lexicon score (to the mean of both) but never lowers it: the lexicon's
    precision stays, the model adds recall on articles that word their theme differently.
    """
    return max(lexicon_score, 0.5 * lexicon_score + 0.5 * probability)


def score_themes(gold, pred):  # re-exported for `policytext eval`
    from ..evaluate_themes import score_themes as _score

    return _score(gold, pred)
