"""Training the theme model (``benchmarks/train_theme_model.py``); never used at run time.

Inputs, kept apart:
- **labelled** articles: the train split of the theme corpus (``benchmarks/gold/themes``), optionally
  with the older VNTC theme gold as extra training rows (never scored here);
- **unlabelled** news (every gold article left out): it gives the vocabulary, the IDF and an LSA
  projection; no label is ever taken from it.

Steps, all seeded:
1. TF-IDF over syllable 1-2-grams of title + body (``themes.model.analyzer``): the MAX_FEATURES most
   frequent n-grams of all the texts (document frequency between MIN_DF and MAX_DF).
2. LSA: a TruncatedSVD of the unlabelled TF-IDF (LSA_DIMS); the text model reads [x, x V / s].
3. Text model: per theme a logistic regression (liblinear, balanced classes, C = TEXT_C).
   Out-of-fold logits on the corpus train split (FOLDS-fold; the extra rows always train), each
   fold's model taken as the file will hold it: LSA folded in (step 6), weights quantised to int8
   (``themes.model.stored_weights``).
4. Stacker: one logistic regression over the standardised lexicon statistics
   (``extract.themes.STATISTICS``) and the out-of-fold text logit, with one bias per theme: the
   calibration (Platt scaling by cross-validation) of the combination.
5. Threshold: the stacker's own out-of-fold probabilities; the one threshold that gives the best
   micro-F1 (per-theme thresholds were worse in nested cross-validation: too few positives).
6. The text model refitted on every labelled row; the LSA part folded into the n-gram weights
   (W = W_x + V W_z / s), so prediction is one sparse dot product; the weights quantised as stored.

``cross_validate`` reports what each way of combining lexicon and model gives on the train split.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Sequence

import numpy as np

from ..document import Document
from ..extract.themes import STATISTICS, lexicon_statistics, model_view, theme_scores, title_document, title_scores
from ..themes.model import ThemeModel, analyzer, model_text, stored_weights
from ..themes.taxonomy import Taxonomy, load_taxonomy
from ..themes.units import text_units


@dataclass(frozen=True)
class Settings:
    max_features: int = 30_000  # 20k to 100k within noise in CV; 30k best at seeds 13 and 7 (issue 11)
    min_df: int = 3
    max_df: float = 0.5
    lsa_dims: int = 200
    text_c: float = 3.0
    stack_c: float = 1.0
    folds: int = 5
    seed: int = 13
    mask_names: bool = True  # blank the names of bodies out of what the text model reads


@dataclass
class Article:
    """One training article: title and body as the pipeline sees them, gold themes when labelled."""

    title: str | None
    text: str
    themes: frozenset[str] = frozenset()
    scored: bool = True  # False: an extra training row (older gold), never scored in cross-validation


@dataclass
class Prepared:
    texts: list[str]  # model_text of each article
    statistics: np.ndarray  # (articles, themes, statistics)
    labels: np.ndarray  # (articles, themes) bool
    scored: np.ndarray  # (articles,) bool
    theme_ids: list[str]
    lexicon: np.ndarray = field(default=None)  # (articles, themes) bool: the lexicon alone's labels


def prepare(articles: Sequence[Article], taxonomy: Taxonomy, mask_names: bool = True) -> Prepared:
    """Texts, lexicon statistics and labels of the labelled articles (taxonomy order)."""
    texts, statistics, lexicon = [], [], []
    for article in articles:
        doc = Document.from_text(article.text, title=article.title, segment=False)
        scores = theme_scores(doc, taxonomy)
        title = title_document(doc)
        texts.append(_model_text(doc, title, taxonomy, mask_names))
        statistics.append(lexicon_statistics(doc, scores, title_scores(title, taxonomy), text_units(doc.norm)))
        lexicon.append([bool(s.matches) and s.score >= taxonomy.threshold_of(s.theme) for s in scores])
    ids = taxonomy.ids
    labels = np.array([[t in a.themes for t in ids] for a in articles], dtype=bool).reshape(-1, len(ids))
    return Prepared(texts, np.array(statistics).reshape(len(articles), len(ids), len(STATISTICS)), labels,
                    np.array([a.scored for a in articles], dtype=bool), list(ids),
                    np.array(lexicon, dtype=bool).reshape(-1, len(ids)))


def _vectorizer(settings: Settings, documents: int):
    from sklearn.feature_extraction.text import TfidfVectorizer

    return TfidfVectorizer(analyzer=analyzer, sublinear_tf=True, dtype=np.float32,
                           min_df=min(settings.min_df, max(1, documents // 10)), max_df=settings.max_df,
                           max_features=settings.max_features)


@dataclass
class _Text:
    """The text model's inputs: TF-IDF, the LSA projection and its scale."""

    vectorizer: object
    components: np.ndarray  # (lsa_dims, n_features)
    scale: float

    def features(self, texts: Sequence[str]):
        from scipy import sparse

        x = self.vectorizer.transform(texts)
        return sparse.hstack([x, sparse.csr_matrix(x @ self.components.T / self.scale)]).tocsr()


def _fit_text(prepared: Prepared, unlabelled: Sequence[str], settings: Settings) -> _Text:
    from sklearn.decomposition import TruncatedSVD

    corpus = list(unlabelled) + prepared.texts
    vectorizer = _vectorizer(settings, len(corpus))
    pool = vectorizer.fit_transform(corpus)
    dims = max(1, min(settings.lsa_dims, pool.shape[1] - 1, pool.shape[0] - 1))
    svd = TruncatedSVD(dims, random_state=settings.seed).fit(pool[: len(unlabelled)] if len(unlabelled) > dims else pool)
    projected = vectorizer.transform(prepared.texts) @ svd.components_.T
    scale = float(np.median(np.linalg.norm(projected, axis=1))) or 1.0
    return _Text(vectorizer, svd.components_.astype(np.float32), scale)


def _classifier(settings: Settings):
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=settings.text_c, class_weight="balanced", solver="liblinear", max_iter=5000,
                              random_state=settings.seed)


def _text_logits(features, labels: np.ndarray, train: np.ndarray, test: np.ndarray, text: _Text,
                 settings: Settings) -> np.ndarray:
    """Logits of ``test`` rows from per-theme models fitted on ``train`` rows, as the model file gives
    them: LSA folded into the n-gram weights, the weights stored as the file stores them."""
    weights, intercepts = _fit_weights(features, labels, train, text, settings)
    x = features[test][:, : weights.shape[0]]  # the TF-IDF columns: the LSA ones are folded in
    return np.asarray(x @ stored_weights(weights), dtype=np.float64) + intercepts


def out_of_fold_logits(prepared: Prepared, features, text: _Text, settings: Settings) -> np.ndarray:
    """Text logits of every scored article from models that never saw it (extra rows always train)."""
    from sklearn.model_selection import KFold

    scored = np.flatnonzero(prepared.scored)
    extra = np.flatnonzero(~prepared.scored)
    logits = np.zeros(prepared.labels.shape)
    for train, test in KFold(settings.folds, shuffle=True, random_state=settings.seed).split(scored):
        rows = np.concatenate([scored[train], extra])
        logits[scored[test]] = _text_logits(features, prepared.labels, rows, scored[test], text, settings)
    return logits


@dataclass
class Stacker:
    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    bias: np.ndarray

    def probabilities(self, statistics: np.ndarray, logits: np.ndarray) -> np.ndarray:
        z = ((statistics - self.mean) / self.scale) @ self.coef[:-1] + self.coef[-1] * logits + self.bias
        return 1.0 / (1.0 + np.exp(-z))


def fit_stacker(statistics: np.ndarray, logits: np.ndarray, labels: np.ndarray, settings: Settings) -> Stacker:
    """One logistic regression over every (article, theme): standardised statistics, the text logit,
    and a bias per theme."""
    from sklearn.linear_model import LogisticRegression

    n, k, m = statistics.shape
    flat = statistics.reshape(-1, m)
    mean, scale = flat.mean(axis=0), flat.std(axis=0)
    scale[scale == 0] = 1.0
    inputs = np.hstack([(flat - mean) / scale, logits.reshape(-1, 1), np.tile(np.eye(k), (n, 1))])
    fitted = LogisticRegression(C=settings.stack_c, max_iter=10000).fit(inputs, labels.reshape(-1))
    coef = fitted.coef_[0]
    return Stacker(mean, scale, coef[: m + 1], coef[m + 1:] + fitted.intercept_[0])


def stacked_out_of_fold(statistics: np.ndarray, logits: np.ndarray, labels: np.ndarray, settings: Settings) -> np.ndarray:
    from sklearn.model_selection import KFold

    probabilities = np.zeros(labels.shape)
    for train, test in KFold(settings.folds, shuffle=True, random_state=settings.seed + 1).split(labels):
        stacker = fit_stacker(statistics[train], logits[train], labels[train], settings)
        probabilities[test] = stacker.probabilities(statistics[test], logits[test])
    return probabilities


def micro_f1(labels: np.ndarray, predicted: np.ndarray) -> tuple[float, float, float]:
    tp = int((labels & predicted).sum())
    fp = int((~labels & predicted).sum())
    fn = int((labels & ~predicted).sum())
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def best_threshold(labels: np.ndarray, scores: np.ndarray, grid: Sequence[float]) -> float:
    """The threshold of ``grid`` giving the best micro-F1 (the lowest of equals)."""
    return max(grid, key=lambda c: (round(micro_f1(labels, scores >= c)[2], 6), -c))


PROBABILITY_GRID = tuple(np.round(np.arange(0.2, 0.71, 0.02), 2))


def cross_validate(prepared: Prepared, logits: np.ndarray, stacked: np.ndarray) -> dict:
    """Micro P/R/F1 on the scored articles (out of fold) of each way of combining lexicon and model."""
    rows = prepared.scored
    labels, lexicon = prepared.labels[rows], prepared.lexicon[rows]
    logits, stacked = logits[rows], stacked[rows]
    text_threshold = best_threshold(labels, logits, tuple(np.round(np.arange(-3, 3.01, 0.1), 2)))
    threshold = best_threshold(labels, stacked, PROBABILITY_GRID)
    variants = {
        "lexicon alone": lexicon,
        f"text model alone (logit >= {text_threshold})": logits >= text_threshold,
        f"lexicon or text model": lexicon | (logits >= text_threshold),
        f"stacked (p >= {threshold})": stacked >= threshold,
        f"stacked or lexicon": lexicon | (stacked >= threshold),
    }
    return {"threshold": threshold, "variants": {name: micro_f1(labels, pred) for name, pred in variants.items()}}


def per_theme(labels: np.ndarray, predicted: np.ndarray, theme_ids: Sequence[str]) -> dict[str, tuple]:
    out = {}
    for j, theme_id in enumerate(theme_ids):
        p, r, f = micro_f1(labels[:, [j]], predicted[:, [j]])
        out[theme_id] = (round(p, 3), round(r, 3), round(f, 3), int(labels[:, j].sum()))
    return out


def train_model(articles: Sequence[Article], unlabelled: Sequence[tuple[str | None, str]],
                taxonomy: Taxonomy | None = None, settings: Settings = Settings(),
                log: Callable[[str], None] = print) -> ThemeModel:
    """The model file's content from labelled articles and unlabelled (title, body) news; the
    cross-validated comparison goes to ``log`` and into the model's ``info``."""
    taxonomy = taxonomy or load_taxonomy(None)
    prepared = prepare(articles, taxonomy, settings.mask_names)
    log(f"  {len(articles)} labelled articles ({int(prepared.scored.sum())} scored in cross-validation), "
        f"{len(unlabelled)} unlabelled")
    unlabelled_texts = [text_of(title, body, taxonomy, settings.mask_names) for title, body in unlabelled]
    text = _fit_text(prepared, unlabelled_texts, settings)
    features = text.features(prepared.texts)
    log(f"  vocabulary {len(text.vectorizer.vocabulary_)} n-grams, LSA {text.components.shape[0]} dimensions")
    logits = out_of_fold_logits(prepared, features, text, settings)
    rows = prepared.scored
    stacked = stacked_out_of_fold(prepared.statistics[rows], logits[rows], prepared.labels[rows], settings)
    full_stacked = np.zeros(prepared.labels.shape)
    full_stacked[rows] = stacked
    report = cross_validate(prepared, logits, full_stacked)
    threshold = report["threshold"]
    for name, (p, r, f) in report["variants"].items():
        log(f"  CV {name:45} micro P {p:.3f} R {r:.3f} F1 {f:.3f}")
    themes = per_theme(prepared.labels[rows], stacked >= threshold, prepared.theme_ids)
    for theme_id, (p, r, f, support) in themes.items():
        log(f"     {theme_id:28} P {p:.3f} R {r:.3f} F1 {f:.3f} ({support} gold)")
    stacker = fit_stacker(prepared.statistics[rows], logits[rows], prepared.labels[rows], settings)
    everything = np.arange(len(articles))
    weights, intercepts = _fit_weights(features, prepared.labels, everything, text, settings)
    vocabulary = [gram for gram, _ in sorted(text.vectorizer.vocabulary_.items(), key=lambda item: item[1])]
    info = {
        "labelled": len(articles), "scored": int(rows.sum()), "unlabelled": len(unlabelled),
        "settings": settings.__dict__, "statistics": list(STATISTICS),
        "cv": {name: [round(v, 4) for v in values] for name, values in report["variants"].items()},
        "cv_per_theme": themes, "threshold": threshold,
    }
    return ThemeModel(
        theme_ids=prepared.theme_ids, vocabulary=vocabulary, idf=text.vectorizer.idf_.astype(np.float32),
        weights=stored_weights(weights), intercepts=intercepts, statistics=list(STATISTICS),
        stack_mean=stacker.mean, stack_scale=stacker.scale, stack_coef=stacker.coef, stack_bias=stacker.bias,
        thresholds=np.full(len(prepared.theme_ids), threshold), info=info, mask_names=settings.mask_names,
    )


def _fit_weights(features, labels: np.ndarray, rows: np.ndarray, text: _Text, settings: Settings):
    """Per theme, a logistic regression fitted on ``rows``; its LSA part folded into the n-gram weights
    (W = W_x + V W_z / s): (weights (n_features, themes), intercepts); a theme with no positive (no
    negative) among the rows gets intercept -10 (+10)."""
    n_features = len(text.vectorizer.vocabulary_)
    weights = np.zeros((n_features, labels.shape[1]), dtype=np.float32)
    intercepts = np.zeros(labels.shape[1], dtype=np.float32)
    for j in range(labels.shape[1]):
        y = labels[rows, j]
        if y.all() or not y.any():
            intercepts[j] = 10.0 if y.all() else -10.0
            continue
        fitted = _classifier(settings).fit(features[rows], y)
        coef = fitted.coef_[0]
        weights[:, j] = coef[:n_features] + text.components.T @ coef[n_features:] / text.scale
        intercepts[j] = fitted.intercept_[0]
    return weights, intercepts


def _model_text(doc: Document, title: Document | None, taxonomy: Taxonomy, mask_names: bool) -> str:
    return model_text(model_view(title, taxonomy, mask_names) if title is not None else "",
                      model_view(doc, taxonomy, mask_names))


def text_of(title: str | None, body: str, taxonomy: Taxonomy, mask_names: bool) -> str:
    """What the text model reads of an article, exactly as extract_themes() gives it."""
    doc = Document.from_text(body, title=title, segment=False)
    return _model_text(doc, title_document(doc), taxonomy, mask_names)
