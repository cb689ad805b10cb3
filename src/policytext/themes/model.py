"""The statistical layer: per-theme linear models over hashed syllable n-grams (prediction only; the
training is ``policytext.evaluation.theme_training``).

The file is a plain numpy ``.npz`` (arrays only, loaded with ``allow_pickle=False``): loading it
cannot execute code, whoever wrote it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Iterable

import numpy as np

MODEL_FILE = "theme_model.npz"
# Whether extract_themes() uses the shipped model unless told otherwise: decided by
# benchmarks/eval_themes.py on the dev gold (see the note in that script's output). Re-measured
# after the recall work on ordinary news (model trained without dev gold and check set): lexicon
# alone micro P 0.880 R 0.809, lexicon + model P 0.827 R 0.809 and ~5-7 ms/article: it stays off.
USE_BY_DEFAULT = False

N_FEATURES = 2**18
NGRAMS = (1, 2)


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


def logit(p: float) -> float:
    p = min(max(p, 1e-6), 1 - 1e-6)
    return math.log(p / (1 - p))
