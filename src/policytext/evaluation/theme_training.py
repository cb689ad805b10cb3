"""Training the weakly supervised theme model (``benchmarks/train_theme_model.py``); not used at run time.

The lexicon labels articles it is sure about, positive when a theme's lexicon score is high, negative
when the theme has no lexicon match at all; articles in between are left out. A logistic regression per
theme (fitted by SGD) then learns from every n-gram of those articles. Only the strongest coefficients
are kept, which keeps the shipped file small.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np

from ..document import Document
from ..extract.themes import theme_scores
from ..text.normalize import normalize
from ..themes.model import N_FEATURES, ThemeModel, featurize

KEEP_PER_THEME = 4000  # strongest coefficients kept per theme
POSITIVE_AT = 0.65  # lexicon score from which an article is a confident positive
MIN_POSITIVES = 20  # fewer than this: no model for the theme (the lexicon alone decides)


def weak_labels(texts: Sequence[str], taxonomy=None) -> tuple[list[str], np.ndarray]:
    """(theme ids, matrix articles x themes of +1 confident positive, 0 confident negative, -1 unsure)."""
    labels = None
    ids: list[str] = []
    for i, text in enumerate(texts):
        scores = theme_scores(Document.from_text(text, segment=False), taxonomy)
        if labels is None:
            ids = [s.theme.id for s in scores]
            labels = np.full((len(texts), len(ids)), -1, dtype=np.int8)
        for j, s in enumerate(scores):
            if s.score >= POSITIVE_AT:
                labels[i, j] = 1
            elif not s.matches:
                labels[i, j] = 0
    return ids, labels if labels is not None else np.zeros((0, 0), dtype=np.int8)


def train_model(texts: Sequence[str], taxonomy=None, seed: int = 13, log=print) -> ThemeModel:
    """Weakly supervised per-theme logistic regressions; reproducible for a given seed and input."""
    from scipy import sparse
    from sklearn.linear_model import SGDClassifier

    norms = [normalize(t).text for t in texts]
    ids, labels = weak_labels(norms, taxonomy)
    features = featurize(norms)
    kept_ids, columns, intercepts = [], [], []
    for j, theme_id in enumerate(ids):
        positive = np.flatnonzero(labels[:, j] == 1)
        negative = np.flatnonzero(labels[:, j] == 0)
        if len(positive) < MIN_POSITIVES or len(negative) < MIN_POSITIVES:
            log(f"  {theme_id:28} skipped: {len(positive)} confident positives, {len(negative)} negatives")
            continue
        rows = np.concatenate([positive, negative])
        y = np.concatenate([np.ones(len(positive)), np.zeros(len(negative))])
        # logistic loss by SGD: seconds on the whole of VNTC, and deterministic for a given seed
        classifier = SGDClassifier(
            loss="log_loss", alpha=2e-5, max_iter=30, tol=None, class_weight="balanced", random_state=seed
        )
        classifier.fit(features[rows], y)
        coef = classifier.coef_[0]
        strongest = np.argsort(-np.abs(coef))[:KEEP_PER_THEME]
        column = np.zeros(N_FEATURES, dtype=np.float32)
        column[strongest] = coef[strongest]
        kept_ids.append(theme_id)
        columns.append(sparse.csc_matrix(column.reshape(-1, 1)))
        intercepts.append(float(classifier.intercept_[0]))
        log(f"  {theme_id:28} trained on {len(positive)} positives, {len(negative)} negatives")
    weights = sparse.hstack(columns).tocsc() if columns else sparse.csc_matrix((N_FEATURES, 0))
    return ThemeModel(kept_ids, weights, np.array(intercepts, dtype=np.float32))
