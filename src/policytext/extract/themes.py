"""Themes: lexicon phrases found in the normalised text, weighed into a per-article score.

How a theme is decided, and why:
- Phrases come from the taxonomy (``resources/themes.yaml`` or an analyst's file) and are found
  with one Aho-Corasick pass per case mode, built once per taxonomy. A match must sit on word
  boundaries (no "FTA" inside "EVFTA") and is diacritic-exact ("số hóa" is not "sổ hóa"); lower-case
  terms match any case, terms written with capitals match exactly.
- A match overlapping one of the theme's cancel cues is dropped ("cơ hội nhập" is not "hội nhập").
  Nested terms count once: "phòng, chống tham nhũng" is one match, not also "tham nhũng".
- Names are never evidence: they say who speaks, not what about. A lower-case term matched inside an organisation
  the organisations extractor finds ("Bộ Kế hoạch và Đầu tư", "Thanh tra Chính phủ"), inside one of
  the taxonomy's ``names`` (newspapers: "Người Lao Động") or inside a capitalised name opened by
  one of its ``name_heads`` ("Sở Lao động-Thương binh", "Hội Nghiên cứu Khoa học") is dropped.
- Terms of weight >= 2 are anchors, lighter ones support: a theme needs an anchor, at least
  ``min_matches`` matches and two distinct anchors; one defining term of weight >= 3 said
  ``min_matches`` times also does, and in a short brief (SHORT_ARTICLE) any anchor said that often
  or a defining term among more than ``min_matches`` matches does. So one phrase in the lead or one generic word repeated is no theme. Support adds at most
  as much as the anchors weigh: "công nghệ" x5 cannot carry a theme.
- Score: each distinct term adds weight x sqrt(times seen, at most 4); a term in the lead (title
  and first lines) adds LEAD_BONUS x its weight once more. A theme under RELATIVE_FLOOR of the
  article's strongest theme is a side remark and scores 0. The sum is saturated,
  1 - exp(-sum / scale), where scale grows slowly with article length (and shrinks faster below
  SCALE_REFERENCE_LENGTH), so one passing word in a long article stays under the threshold while
  the same word repeated through a short note passes.
- The title is read too: its terms count as lead terms for the model (they have no offsets in the
  text, so they are no evidence spans).
- With the model (``policytext.themes.model``, on by default): the lexicon's view of each theme
  (``lexicon_statistics``: weights, anchors, title and lead terms, best paragraph, the score above)
  and a linear text model's logit go into one stacked logistic regression whose calibrated
  probability is the label's ``score``; a theme is labelled from the threshold chosen by
  cross-validation. Rule ``lexicon-and-model`` when the lexicon alone would have labelled it too,
  ``model`` when only the stacked score does; themes the model does not know (an analyst's own)
  keep the lexicon rule. A label's evidence is its lexicon terms, then the sentences that added most
  to the model's logit; ``paragraphs`` are the paragraphs (sentence windows in one-line texts,
  ``themes.units``) that hold an anchor term or a large share of the model's evidence.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from ..startcache import compile_regex
from ..document import Document
from ..match.gazetteer import Gazetteer
from ..match.spans import filter_spans, leftmost_longest
from ..model import ThemeHit
from ..rules import rule_book
from ..text.segment import split_sentences
from ..themes.evidence import anchored_units, carrying_units, top_sentences
from ..themes.taxonomy import (
    Taxonomy,
    TaxonomyError,
    Theme,
    format_taxonomy,
    load_taxonomy,
)
from ..themes.units import text_units, unit_of

if TYPE_CHECKING:
    from ..themes.model import ThemeModel

__all__ = [
    "extract_themes",
    "theme_scores",
    "lexicon_statistics",
    "load_taxonomy",
    "format_taxonomy",
    "Taxonomy",
    "TaxonomyError",
]

RULES = rule_book("themes")
LEXICON = RULES.rule("lexicon")
MODEL = RULES.rule("model")
LEXICON_AND_MODEL = RULES.rule("lexicon-and-model")
CANCEL_CUE = RULES.veto("cancel-cue")
INSIDE_NAME = RULES.veto("inside-name")
PASSING_MENTION = RULES.veto("passing-mention")
SIDE_REMARK = RULES.veto("side-remark")
BELOW_THRESHOLD = RULES.veto("below-threshold")

LEAD_CHARS = 200  # the title and first line of a news item: where its subject is named
LEAD_BONUS = 1.5  # a term in the lead counts this many times its weight once more
MAX_REPEATS = 4  # repeats beyond this add nothing
SCALE = 12.0  # raw weight giving score 0.63 in a ~2,000-character article
SCALE_REFERENCE_LENGTH = 2000
SCALE_LENGTH_EXPONENT = 0.3
SHORT_SCALE_EXPONENT = 0.45  # below the reference length the scale shrinks faster (news briefs)
MIN_LENGTH = 600
MAX_EVIDENCE = 20
ANCHOR_WEIGHT = 2.0  # a theme needs one match at least this strong: lighter terms only support
DEFINING_WEIGHT = 3.0  # a term this strong, said min_matches times, is a theme on its own
SHORT_ARTICLE = 1600  # a brief this short has no room for two anchors: one said twice may do
SUPPORT_SHARE = 1.0  # support terms add at most this share of what the anchors weigh
NAME_WINDOW = 80  # characters before a match searched for the head of a name it belongs to
NAME_WORDS = 8  # words walked back from a match to that head
RELATIVE_FLOOR = 0.3  # a theme weaker than this share of the article's strongest theme is passing


@dataclass(frozen=True, slots=True)
class _Match:
    start: int
    end: int
    term: str
    weight: float
    case_sensitive: bool = False


@dataclass(slots=True)
class ThemeScore:
    """Everything known about one theme in one article, before the threshold."""

    theme: Theme
    score: float
    raw: float
    matches: list[_Match]


_TERM, _CANCEL, _NAME = 0, 1, 2


class _Matcher:
    """Two gazetteers (case-folded and exact) over every term, cancel cue and name of a taxonomy."""

    def __init__(self, taxonomy: Taxonomy) -> None:
        self.taxonomy = taxonomy
        self.folded: Gazetteer[tuple] = Gazetteer(fold_case=True)
        self.exact: Gazetteer[tuple] = Gazetteer(fold_case=False)
        for index, theme in enumerate(taxonomy.themes):
            for kind, terms in ((_TERM, theme.lexicon), (_CANCEL, theme.cancel)):
                for term in terms:
                    table = self.exact if term.case_sensitive else self.folded
                    table.add(term.text, (index, kind, term.text, term.weight, term.case_sensitive))
        self.names: Gazetteer[str] = Gazetteer(fold_case=False)
        for name in taxonomy.names:
            self.exact.add(name, (-1, _NAME, name, 0.0, True))
            self.names.add(name, name)
        self.heads = _Heads(frozenset(taxonomy.name_heads), frozenset(taxonomy.not_name_heads))


_MATCHERS: dict[int, _Matcher] = {}


def _matcher(taxonomy: Taxonomy) -> _Matcher:
    cached = _MATCHERS.get(id(taxonomy))
    if cached is None or cached.taxonomy is not taxonomy:
        if len(_MATCHERS) > 16:
            _MATCHERS.clear()
        cached = _MATCHERS[id(taxonomy)] = _Matcher(taxonomy)
    return cached


def _raw_matches(
    text: str, n_themes: int, matcher: _Matcher
) -> tuple[list[list[_Match]], list[list[tuple[int, int]]], list[tuple[int, int]]]:
    terms: list[list[_Match]] = [[] for _ in range(n_themes)]
    cancels: list[list[tuple[int, int]]] = [[] for _ in range(n_themes)]
    names: list[tuple[int, int]] = []
    for gazetteer in (matcher.folded, matcher.exact):
        for found in gazetteer.iter(text):
            for index, kind, term, weight, case_sensitive in found.payloads:
                if kind == _CANCEL:
                    cancels[index].append((found.start, found.end))
                elif kind == _NAME:
                    names.append((found.start, found.end))
                else:
                    terms[index].append(_Match(found.start, found.end, term, weight, case_sensitive))
    return terms, cancels, names


_NAME_TOKEN = compile_regex(r"\w+")
_NAME_CONNECTORS = frozenset({"và", "&"})
_NAME_BREAK = compile_regex(r"[.,;:!?()\[\]\"“”'‘’\n/]")


@dataclass(frozen=True, slots=True)
class _Heads:
    opening: frozenset[str]  # "Sở", "Trung tâm"
    not_opening: frozenset[str]  # "Hội nghị": starts like a head, names nothing

    def __bool__(self) -> bool:
        return bool(self.opening)

    def __contains__(self, words: str) -> bool:
        return words in self.opening


def _is_head(tokens: list[str], i: int, heads: _Heads) -> bool:
    pair = f"{tokens[i]} {tokens[i + 1]}" if i + 1 < len(tokens) else ""
    if pair in heads.not_opening:
        return False
    return tokens[i] in heads or pair in heads


def _in_capitalised_name(text: str, start: int, end: int, heads: _Heads) -> bool:
    """Whether a match written with a capital mid-sentence belongs to a body's name.

    Vietnamese names capitalise the first syllable of each word ("Sở Lao động-Thương binh và Xã
    hội", "Hội Nghiên cứu Khoa học"): walking back from the match over such words (at most two
    lower-case syllables after each capital, "và", "&") must reach a head word ("Sở", "Hội"). A match
    that itself opens with a head followed by a capital ("Viện Nghiên cứu", "Thanh tra Sở") is one.
    """
    if not heads or not text[start].isupper():
        return False
    own = _NAME_TOKEN.findall(text[start : min(len(text), end + 30)])
    for i in range(min(2, len(own) - 1)):
        if _is_head(own, i, heads):
            following = own[i + 2] if f"{own[i]} {own[i + 1]}" in heads and i + 2 < len(own) else own[i + 1]
            if following[:1].isupper():
                return True
    window = text[max(0, start - NAME_WINDOW) : start]
    cut = None
    for cut in _NAME_BREAK.finditer(window):
        pass
    if cut is not None:
        window = window[cut.end() :]
    tokens = _NAME_TOKEN.findall(window)
    lower_run = 0
    for i in range(len(tokens) - 1, max(-1, len(tokens) - 1 - NAME_WORDS), -1):
        token = tokens[i]
        if token[:1].isupper():
            if _is_head(tokens, i, heads):
                return True
            lower_run = 0
        elif token in _NAME_CONNECTORS:
            continue
        else:
            if _is_head(tokens, i, heads) or (i > 0 and _is_head(tokens, i - 1, heads)):  # "báo", "Trung tâm"
                return True
            lower_run += 1
            if lower_run > 2:
                return False
    return False


def _outside_names(
    doc: Document, matches: list[_Match], spans: list[tuple[int, int]], heads: _Heads, theme_id: str
) -> list[_Match]:
    """Matches that are no part of a name: an organisation, a newspaper, a capitalised body's name."""
    text = doc.norm
    kept = []
    for match in matches:
        if match.case_sensitive:  # written with capitals in the lexicon: a name chosen as evidence ("WTO")
            kept.append(match)
        elif any(s < match.end and match.start < e for s, e in spans) or \
                _in_capitalised_name(text, match.start, match.end, heads):
            doc.trace.veto(INSIDE_NAME, match.start, match.end, theme_id)
        else:
            kept.append(match)
    return kept


def _kept(doc: Document, matches: list[_Match], cancels: list[tuple[int, int]], theme_id: str) -> list[_Match]:
    """Drop cancelled matches, then keep the leftmost-longest of overlapping ones."""
    if cancels:
        uncancelled = []
        for m in matches:
            if any(m.start < c_end and c_start < m.end for c_start, c_end in cancels):
                doc.trace.veto(CANCEL_CUE, m.start, m.end, theme_id)
            else:
                uncancelled.append(m)
        matches = uncancelled
    return filter_spans(matches, leftmost_longest)


def _scale(length: int) -> float:
    """Raw weight for score 0.63: grows slowly with length, and falls faster below the reference,
    so that a brief which names its subject in the title and says it again reaches the threshold."""
    ratio = max(length, MIN_LENGTH) / SCALE_REFERENCE_LENGTH
    return SCALE * ratio ** (SCALE_LENGTH_EXPONENT if ratio >= 1 else SHORT_SCALE_EXPONENT)


def _term_counts(matches: list[_Match]) -> tuple[dict[str, int], dict[str, float], set[str]]:
    counts: dict[str, int] = {}
    weights: dict[str, float] = {}
    in_lead: set[str] = set()
    for match in matches:
        counts[match.term] = counts.get(match.term, 0) + 1
        weights[match.term] = match.weight
        if match.start < LEAD_CHARS:
            in_lead.add(match.term)
    return counts, weights, in_lead


def _substantive(matches: list[_Match], min_matches: int, length: int) -> bool:
    """Enough matches and two distinct anchors, or one defining term said min_matches times.

    One strong cue repeated ("người nghèo" x3) or one phrase in the lead is a passing mention;
    supporting words never count here, so generic words cannot turn a cue into a theme. A short
    brief (under SHORT_ARTICLE characters) has no room for a second anchor, so there any anchor
    said min_matches times suffices ("xuất khẩu" x3 in a 600-character export note), and so does
    a defining term among more than min_matches matches ("nhận hối lộ" in a 400-character police
    brief that names the inspectors three times); the score threshold still decides.
    """
    if len(matches) < min_matches:
        return False
    counts, weights, _ = _term_counts(matches)
    anchors = [t for t in counts if weights[t] >= ANCHOR_WEIGHT]
    if len(anchors) >= 2:
        return True
    repeated = [t for t in anchors if counts[t] >= min_matches]
    if length < SHORT_ARTICLE:
        defining = any(weights[t] >= DEFINING_WEIGHT for t in anchors)
        return bool(repeated) or (defining and len(matches) > min_matches)
    return any(weights[t] >= DEFINING_WEIGHT for t in repeated)


def _raw_score(matches: list[_Match]) -> float:
    counts, weights, in_lead = _term_counts(matches)
    anchor = support = 0.0
    for term, count in counts.items():
        value = weights[term] * (math.sqrt(min(count, MAX_REPEATS)) + (LEAD_BONUS if term in in_lead else 0.0))
        if weights[term] >= ANCHOR_WEIGHT:
            anchor += value
        else:
            support += value
    return anchor + min(support, SUPPORT_SHARE * anchor)


def theme_scores(doc: Document, taxonomy: Taxonomy | None = None) -> list[ThemeScore]:
    """Lexicon score and matches of every theme (also those under the threshold), taxonomy order."""
    taxonomy = taxonomy or load_taxonomy(None)
    text = doc.norm
    matcher = _matcher(taxonomy)
    terms, cancels, names = _raw_matches(text, len(taxonomy.themes), matcher)
    # names are never evidence: the organisations layer and the taxonomy's names (newspapers)
    spans = sorted([(m.start, m.end) for m in doc.layers.organizations] + names) if any(terms) else []
    scale = _scale(len(text))
    scores = []
    for index, theme in enumerate(taxonomy.themes):
        if not terms[index]:  # most themes of most articles: nothing to filter, score or veto
            scores.append(ThemeScore(theme, 0.0, 0.0, []))
            continue
        kept = _outside_names(doc, _kept(doc, terms[index], cancels[index], theme.id), spans, matcher.heads, theme.id)
        substantive = _substantive(kept, taxonomy.min_matches, len(text))
        if kept and not substantive:
            doc.trace.veto(PASSING_MENTION, kept[0].start, kept[-1].end, theme.id)
        scores.append(ThemeScore(theme, 0.0, _raw_score(kept) if substantive else 0.0, kept))
    strongest = max((s.raw for s in scores), default=0.0)
    for item in scores:
        if item.raw and item.raw >= RELATIVE_FLOOR * strongest:
            item.score = 1.0 - math.exp(-item.raw / scale)
        elif item.raw:
            doc.trace.veto(SIDE_REMARK, item.matches[0].start, item.matches[-1].end, item.theme.id)
    return scores


def without_names(doc: Document, taxonomy: Taxonomy) -> str:
    """The normalised text with the names of bodies (the organisations layer) and the taxonomy's
    ``names`` blanked out, offsets unchanged: what the text model reads, since names say who
    speaks, not what about ("Sở Lao động - Thương binh và Xã hội" is no welfare news)."""
    spans = [(m.start, m.end) for m in doc.layers.organizations]
    spans += [(found.start, found.end) for found in _matcher(taxonomy).names.iter(doc.norm)]
    if not spans:
        return doc.norm
    pieces, at = [], 0
    for start, end in sorted(spans):
        if end <= at:
            continue
        start = max(start, at)
        pieces += [doc.norm[at:start], " " * (end - start)]
        at = end
    pieces.append(doc.norm[at:])
    return "".join(pieces)


# --- the lexicon's view as numbers, for the model's stacker ----------------------------------------

STATISTICS = ("raw", "density", "anchors", "matches", "title_weight", "lead_weight", "score",
              "share_of_strongest", "best_unit_weight", "substantive")


def title_document(doc: Document) -> Document | None:
    """The title as a Document of its own (the body's offsets never index it), or None."""
    if not doc.title or not doc.title.strip():
        return None
    return Document.from_text(doc.title, segment=False)


def title_scores(title: Document | None, taxonomy: Taxonomy) -> list[ThemeScore] | None:
    """Lexicon matches in the title."""
    return theme_scores(title, taxonomy) if title is not None else None


def lexicon_statistics(doc: Document, scores: list[ThemeScore], titled: list[ThemeScore] | None,
                       units: list[tuple[int, int]]) -> np.ndarray:
    """Every theme's lexicon evidence as STATISTICS (rows in taxonomy order), before the hand-set
    decision: weight of the terms outside names (log), that weight per article length, distinct
    anchors, matches (log), weight of the terms in the title and in the lead, the lexicon score,
    share of the article's strongest theme, weight in the best paragraph (log), and whether the
    lexicon rules found it substantive."""
    title_length = len(titled and doc.title or "")
    scale = _scale(len(doc.norm) + title_length)
    starts = [start for start, _ in units]
    rows = np.zeros((len(scores), len(STATISTICS)))
    raws = np.zeros(len(scores))
    for j, item in enumerate(scores):
        matches = item.matches
        title_weight = sum(m.weight for m in titled[j].matches) if titled else 0.0
        if not matches:  # most themes of most articles: only the title may have something
            rows[j, STATISTICS.index("title_weight")] = title_weight
            continue
        raw = raws[j] = _raw_score(matches)
        counts, weights, in_lead = _term_counts(matches)
        per_unit: dict[int, float] = {}
        for match in matches:
            unit = unit_of(starts, match.start)
            per_unit[unit] = per_unit.get(unit, 0.0) + match.weight
        rows[j] = (
            math.log1p(raw), raw / scale, sum(1 for t in counts if weights[t] >= ANCHOR_WEIGHT),
            math.log1p(len(matches)), title_weight, sum(weights[t] for t in in_lead), item.score, 0.0,
            math.log1p(max(per_unit.values())), 1.0 if item.raw else 0.0,
        )
    strongest = raws.max(initial=0.0) or 1.0
    rows[:, STATISTICS.index("share_of_strongest")] = raws / strongest
    return rows


# --- labels ---------------------------------------------------------------------------------------


def extract_themes(
    doc: Document,
    taxonomy: Taxonomy | None = None,
    model: "ThemeModel | None | bool" = None,
) -> list[ThemeHit]:
    """Themes the article substantively discusses, strongest first, each with its evidence spans and
    the paragraphs (or sentence windows) that carry it.

    ``model``: None = the shipped model when it is enabled by default, False = the lexicon alone, or
    a ``ThemeModel``. Themes the model knows are decided by its calibrated probability; the others
    (an analyst's own themes) by their lexicon score.
    """
    taxonomy = taxonomy or load_taxonomy(None)
    scores = theme_scores(doc, taxonomy)
    if model is None:
        from ..themes.model import default_model

        model = default_model()
    columns = {j: model.column(item.theme.id) for j, item in enumerate(scores)} if model else {}
    known = {j: column for j, column in columns.items() if column is not None}
    layout = _Layout(doc)
    probabilities: dict[int, float] = {}
    text = None
    if known:
        title = title_document(doc)
        # the units only place matches: an article with none (most) need not be split into them
        units = layout.units if any(item.matches for item in scores) else []
        statistics = lexicon_statistics(doc, scores, title_scores(title, taxonomy), units)
        text = model.text_scores(model_view(title, taxonomy, model.mask_names) if title is not None else "",
                                 model_view(doc, taxonomy, model.mask_names))
        rows = list(known)
        values = model.probabilities(statistics[rows], text.logits[[known[j] for j in rows]])
        probabilities = {j: float(p) for j, p in zip(rows, values)}
    hits = []
    for j, item in enumerate(scores):
        by_lexicon = bool(item.matches) and item.score >= taxonomy.threshold_of(item.theme)
        if j in known:
            score, threshold = probabilities[j], float(model.thresholds[known[j]])
            rule = LEXICON_AND_MODEL if by_lexicon else MODEL
        else:
            if not item.matches:  # no evidence, no label
                continue
            score, threshold, rule = item.score, taxonomy.threshold_of(item.theme), LEXICON
        if score < threshold:
            if item.matches and (score or j in known):
                doc.trace.veto(BELOW_THRESHOLD, item.matches[0].start, item.matches[-1].end,
                               f"{item.theme.id} {score:.2f} < {threshold:.2f}")
            continue
        contributions = text.contributions(known[j], model.weights) if j in known else None
        hits.append(_hit(doc, item, score, rule, layout, contributions))
    hits.sort(key=lambda hit: -hit.score)
    return hits


def model_view(doc: Document, taxonomy: Taxonomy, mask_names: bool) -> str:
    """The text the text model reads of a document (its normalised text, names blanked if asked)."""
    return without_names(doc, taxonomy) if mask_names else doc.norm


class _Layout:
    """A document's sentences and units (paragraphs or sentence windows), split once when first needed."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self._sentences: list[tuple[int, int]] | None = doc.sentences or None
        self._units: list[tuple[int, int]] | None = None

    @property
    def sentences(self) -> list[tuple[int, int]]:
        if self._sentences is None:
            self._sentences = split_sentences(self.doc.norm)
        return self._sentences

    @property
    def units(self) -> list[tuple[int, int]]:
        if self._units is None:
            self._units = text_units(self.doc.norm, self._sentences)
        return self._units


def _hit(doc: Document, item: ThemeScore, score: float, rule: str, layout: _Layout,
         contributions: "tuple[np.ndarray, np.ndarray] | None") -> ThemeHit:
    """The label with its evidence (lexicon terms, then for the model the sentences that drove it)
    and the units that carry it. ``contributions``: (offset, part of the logit) of the text model's
    n-gram occurrences, for themes the model decided."""
    spans = [(m.start, m.end) for m in item.matches[:MAX_EVIDENCE]]
    anchors = [m.start for m in item.matches if m.weight >= ANCHOR_WEIGHT] or [m.start for m in item.matches]
    if contributions is not None:
        starts, parts = contributions
        spans += [s for s in top_sentences(layout.sentences, starts, parts) if s not in spans]
        carried = carrying_units(layout.units, starts, parts, anchors)
    else:
        carried = anchored_units(layout.units, anchors)
    evidence = [doc.span(start, end) for start, end in spans]
    paragraphs = [doc.span(*layout.units[i]) for i in carried]
    return ThemeHit(item.theme.id, round(score, 3), evidence, rule, paragraphs)
