"""The statistical layer: per-theme linear models over hashed syllable n-grams, weakly supervised.

Training (``train_model``): the lexicon labels articles it is sure about, positive when a theme's
lexicon score is high, negative when the theme has no lexicon match at all; articles in between
are left out. A logistic regression per theme (fitted by SGD) then learns from every n-gram of those articles,
so it can score words the lexicon never listed. Only the strongest coefficients are kept, which
keeps the shipped file small.

The file is a plain numpy ``.npz`` (arrays only, loaded with ``allow_pickle=False``): loading it
cannot execute code, whoever wrote it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Iterable, Sequence

import numpy as np

MODEL_FILE = "theme_model.npz"
# Whether extract_themes() uses the shipped model unless told otherwise: decided by
# benchmarks/eval_themes.py on the dev gold (see the note in that script's output). Re-measured
# after the recall work on ordinary news (model trained without dev gold and check set): lexicon
# alone micro P 0.880 R 0.809, lexicon + model P 0.827 R 0.809 and ~5-7 ms/article: it stays off.
USE_BY_DEFAULT = False

N_FEATURES = 2**18
NGRAMS = (1, 2)
KEEP_PER_THEME = 4000  # strongest coefficients kept per theme
POSITIVE_AT = 0.65  # lexicon score from which an article is a confident positive
MIN_POSITIVES = 20  # fewer than this: no model for the theme (the lexicon alone decides)


@lru_cache(maxsize=1)
def _vectorizer():
    from sklearn.feature_extraction.text import HashingVectorizer

    return HashingVectorizer(
        n_features=N_FEATURES,
        ngram_range=NGRAMS,
        alternate_sign=False,
        norm="l2",
        lowercase=True,
        token_pattern=r"(?u)\b\w+\b",  # Vietnamese syllables, single letters and numbers included
        dtype=np.float32,
    )


def featurize(texts: Iterable[str]):
    return _vectorizer().transform(list(texts))


@dataclass
class ThemeModel:
    theme_ids: list[str]
    weights: object  # scipy.sparse csc matrix, N_FEATURES x len(theme_ids)
    intercepts: np.ndarray

    def predict_many(self, texts: Sequence[str]) -> np.ndarray:
        scores = featurize(texts) @ self.weights
        scores = np.asarray(scores.todense() if hasattr(scores, "todense") else scores) + self.intercepts
        return 1.0 / (1.0 + np.exp(-scores))

    def predict(self, text: str) -> dict[str, float]:
        """Probability of each theme the model knows, for one normalised text."""
        row = self.predict_many([text])[0]
        return {theme_id: float(p) for theme_id, p in zip(self.theme_ids, row)}

    def save(self, path: str | Path) -> None:
        from scipy import sparse

        weights = sparse.coo_matrix(self.weights)
        np.savez_compressed(
            path,
            theme_ids=np.array(self.theme_ids, dtype="U64"),
            rows=weights.row.astype(np.int32),
            cols=weights.col.astype(np.int16),
            values=weights.data.astype(np.float16),
            intercepts=self.intercepts.astype(np.float32),
            n_features=np.array([N_FEATURES], dtype=np.int64),
            ngrams=np.array(NGRAMS, dtype=np.int64),
        )

    @classmethod
    def load(cls, path: str | Path) -> "ThemeModel":
        from scipy import sparse

        with np.load(path, allow_pickle=False) as data:
            if int(data["n_features"][0]) != N_FEATURES or tuple(data["ngrams"]) != NGRAMS:
                raise ValueError(f"{path}: model built with other hashing settings; rebuild it")
            theme_ids = [str(x) for x in data["theme_ids"]]
            weights = sparse.csc_matrix(
                (data["values"].astype(np.float32), (data["rows"], data["cols"].astype(np.int32))),
                shape=(N_FEATURES, len(theme_ids)),
            )
            return cls(theme_ids, weights, data["intercepts"].astype(np.float32))


def shipped_model_path():
    return resources.files("policytext.resources").joinpath(MODEL_FILE)


@lru_cache(maxsize=1)
def shipped_model() -> ThemeModel | None:
    path = shipped_model_path()
    if not path.is_file():
        return None
    with resources.as_file(path) as real:
        return ThemeModel.load(real)


def default_model() -> ThemeModel | None:
    return shipped_model() if USE_BY_DEFAULT else None


def weak_labels(texts: Sequence[str], taxonomy=None) -> tuple[list[str], np.ndarray]:
    """(theme ids, matrix articles x themes of +1 confident positive, 0 confident negative, -1 unsure)."""
    from ..document import Document
    from ..extract.themes import theme_scores

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

    from ..text.normalize import normalize

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


def logit(p: float) -> float:
    p = min(max(p, 1e-6), 1 - 1e-6)
    return math.log(p / (1 - p))
