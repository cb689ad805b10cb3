"""Theme discovery: recurring topics in a run that the taxonomy does not cover
(``policytext themes discover RUN_DIR``).

NMF (scikit-learn) over TF-IDF of syllable 2-3-grams (most Vietnamese words have two syllables; one
syllable alone is rarely a topic) of the titles and texts of the articles that carry no theme of the
taxonomy (``include_labelled`` for all of them). Each topic comes with its top
terms, the titles of the articles that weigh most in it, and how many articles it holds per month;
``draft_taxonomy`` writes the topics as a taxonomy file that ``--taxonomy FILE --extend-taxonomy``
accepts (ids ``discovered_1`` …, the top terms as a lexicon: rename and prune them before use).
Not on the analysis path: only the command and notebooks load it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable

import yaml

from ..startcache import compile_regex
from ..model import Record
from ..resources import load_yaml
from ..text.normalize import normalize_string

MIN_ARTICLES = 20  # fewer unlabelled articles than this: nothing to find
ANCHOR_TERMS = 6  # the strongest terms of a topic get weight 2 in the draft, the others 1

_TOKEN = compile_regex(r"\w+")
_CLAUSE = compile_regex(r"[^.,;:!?()\[\]\"“”‘’'\n–—-]+")  # n-grams never cross punctuation


@dataclass
class Topic:
    id: str
    terms: list[tuple[str, float]]  # top terms and their weight in the topic
    articles: int  # articles whose strongest topic this is
    examples: list[str]  # titles (or first words) of the articles that weigh most in it
    by_month: dict[str, int] = field(default_factory=dict)  # 'YYYY-MM' -> articles; undated under 'undated'


@dataclass
class Discovery:
    topics: list[Topic]
    articles: int  # articles the topics were found in
    skipped_labelled: int  # articles left out because the taxonomy labels them


def _stop_syllables() -> frozenset[str]:
    return frozenset(normalize_string(s).lower() for s in load_yaml("discovery.yaml")["stop_syllables"])


def _analyzer(stop: frozenset[str]):
    def grams(text: str) -> list[str]:
        out = []
        for clause in _CLAUSE.findall(text.lower()):
            words = _TOKEN.findall(clause)
            for n in (2, 3):
                for i in range(len(words) - n + 1):
                    first, last = words[i], words[i + n - 1]
                    if first in stop or last in stop or first.isdigit() or last.isdigit() or len(first) < 2:
                        continue
                    out.append(" ".join(words[i:i + n]))
        return out

    return grams


def _month(published: str | None) -> str:
    if isinstance(published, str) and len(published) >= 7 and published[:4].isdigit() and published[5:7].isdigit():
        return published[:7]
    return "undated"


def discover(records: Iterable[Record], topics: int = 8, include_labelled: bool = False, top_terms: int = 12,
             examples: int = 3, seed: int = 13) -> Discovery:
    """Find ``topics`` recurring topics among the records the taxonomy left without a theme."""
    from sklearn.decomposition import NMF
    from sklearn.feature_extraction.text import TfidfVectorizer

    texts, titles, months = [], [], []
    skipped = 0
    for record in records:
        if record.themes and not include_labelled:
            skipped += 1
            continue
        title = record.title or record.text.strip().split("\n", 1)[0][:120]
        texts.append(normalize_string((record.title or "") + "\n" + record.text))
        titles.append(title.strip())
        months.append(_month(record.published))
    if len(texts) < max(MIN_ARTICLES, topics):
        raise ValueError(f"only {len(texts)} articles to search (at least {max(MIN_ARTICLES, topics)} needed)"
                         + ("; try --all to include labelled articles" if not include_labelled else ""))
    vectorizer = TfidfVectorizer(analyzer=_analyzer(_stop_syllables()), sublinear_tf=True,
                                 min_df=2 if len(texts) < 200 else 3, max_df=0.5, max_features=50_000)
    matrix = vectorizer.fit_transform(texts)
    if matrix.shape[1] < topics:
        raise ValueError(f"too few recurring terms ({matrix.shape[1]}) for {topics} topics")
    nmf = NMF(n_components=topics, init="nndsvda", random_state=seed, max_iter=400)
    weights = nmf.fit_transform(matrix)
    vocabulary = vectorizer.get_feature_names_out()
    strongest = weights.argmax(axis=1)
    found = []
    for k, component in enumerate(nmf.components_):
        members = [i for i in range(len(texts)) if strongest[i] == k and weights[i, k] > 0]
        order = sorted(members, key=lambda i: -weights[i, k])
        found.append(Topic(
            id=f"discovered_{k + 1}",
            terms=_top_terms(component, vocabulary, top_terms),
            articles=len(members),
            examples=[titles[i] for i in order[:examples]],
            by_month=dict(sorted(Counter(months[i] for i in members).items())),
        ))
    found.sort(key=lambda topic: -topic.articles)
    return Discovery(found, len(texts), skipped)


def _top_terms(component, vocabulary, count: int) -> list[tuple[str, float]]:
    """The strongest terms of a topic. A term inside a longer chosen one is left out ("huấn luyện"
    under "huấn luyện viên"), a longer one replaces the shorter ones it holds, and two trigrams of
    one longer phrase with the same weight are joined ("áp thấp nhiệt" + "thấp nhiệt đới")."""
    chosen: list[tuple[str, float]] = []
    for i in component.argsort()[::-1][: count * 6]:
        if component[i] <= 0.01 * component.max() or len(chosen) >= count:
            break
        term, weight = str(vocabulary[i]), round(float(component[i]), 4)
        if any(f" {term} " in f" {other} " for other, _ in chosen):
            continue
        chosen = [(other, w) for other, w in chosen if f" {other} " not in f" {term} "]
        for n, (other, w) in enumerate(chosen):
            joined = _join(other, term) if abs(w - weight) <= 0.02 * max(w, weight) else None
            if joined:
                chosen[n] = (joined, w)
                break
        else:
            chosen.append((term, weight))
    return chosen


def _join(a: str, b: str) -> str | None:
    """"áp thấp nhiệt" and "thấp nhiệt đới" -> "áp thấp nhiệt đới" (either order), else None."""
    x, y = a.split(), b.split()
    for first, second in ((x, y), (y, x)):
        if len(first) > 1 and len(second) > 1 and first[1:] == second[:-1]:
            return " ".join(first + second[-1:])
    return None


def draft_taxonomy(discovery: Discovery, source: str = "") -> str:
    """The topics as taxonomy YAML for ``--taxonomy FILE --extend-taxonomy`` (a draft to edit)."""
    themes = []
    for topic in discovery.topics:
        if not topic.terms:
            continue
        names = [term for term, _ in topic.terms]
        themes.append({
            "id": topic.id,
            "label_vi": ", ".join(names[:3]),
            "label_en": "",
            "description": f"Discovered{' in ' + source if source else ''}: {topic.articles} articles, "
                           f"e.g. {'; '.join(topic.examples[:2])}",
            "lexicon": {term: (2 if rank < ANCHOR_TERMS else 1) for rank, term in enumerate(names)},
        })
    header = ("# Draft themes found by `policytext themes discover` (NMF over the articles no theme labelled).\n"
              "# Rename the ids and labels, prune and re-weigh the terms (3 defining, 2 strong, 1 support),\n"
              "# then use it with: policytext run ... --taxonomy THIS_FILE --extend-taxonomy\n")
    return header + yaml.safe_dump({"themes": themes}, allow_unicode=True, sort_keys=False, width=100)


def format_discovery(discovery: Discovery, terms: int = 8):
    """A rich Table of the topics: terms, articles, examples, volume by month."""
    from rich.table import Table

    table = Table(title=f"{len(discovery.topics)} topics in {discovery.articles} articles without a theme"
                  + (f" ({discovery.skipped_labelled} labelled articles left out)" if discovery.skipped_labelled else ""),
                  show_lines=True)
    table.add_column("topic", style="bold", no_wrap=True)
    table.add_column("articles", justify="right")
    table.add_column("top terms")
    table.add_column("example titles")
    table.add_column("articles by month")
    for topic in discovery.topics:
        table.add_row(topic.id, str(topic.articles), ", ".join(t for t, _ in topic.terms[:terms]),
                      "\n".join(topic.examples), " ".join(f"{m}:{n}" for m, n in topic.by_month.items()))
    return table
