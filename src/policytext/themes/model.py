"""The statistical layer of theme detection (prediction only; training is
``policytext.evaluation.theme_training``, run by ``benchmarks/train_theme_model.py``).

Two stages, both linear, both read from one file of plain arrays:

1. **Text model**: per theme, a logistic regression over TF-IDF of syllable 1-2-grams of the title
   and the body (sublinear term frequency, L2 norm). The vocabulary is the most frequent n-grams of
   unlabelled news; an LSA projection learned on that news is folded into the weights at training
   time, so prediction is one sparse dot product. Gives a logit per theme and, for evidence, what
   each n-gram occurrence contributed.
2. **Stacker**: one logistic regression shared by all themes, over the lexicon's statistics of the
   theme in the article (``extract.themes.STATISTICS``, standardised) and the text logit, with a bias
   per theme; fitted on out-of-fold text logits, it is the Platt scaling of the whole: its output is
   the calibrated probability reported as ``score``. A theme is labelled when it reaches the theme's
   threshold (chosen by cross-validation on the training split).

The file is a numpy ``.npz`` loaded with ``allow_pickle=False``: strings are stored as UTF-8 bytes
in uint8 arrays, so loading it can execute nothing, whoever wrote it. The n-gram weights are int8
with a scale per theme (``quantise``; training scores its cross-validation with the weights so
stored, so the figures it prints are the file's), and the vocabulary is its syllables plus two small
integer arrays (``split_vocabulary``), also what ``_Lookup`` reads. Nothing here imports
scikit-learn: the analysis path stays light.
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Iterable, Sequence

import numpy as np

from ..startcache import cached, compile_regex, file_key

MODEL_FILE = "theme_model.npz"
FORMAT = 3  # version of the file layout; a file of another layout is refused with a message
# Whether extract_themes() uses the shipped model unless told otherwise: decided by cross-validation
# on the training split of benchmarks/gold/themes (the training script prints the comparison).
USE_BY_DEFAULT = True

_TOKEN = compile_regex(r"\w+")


def words(text: str) -> list[str]:
    """The lower-case syllables (word-character runs) of ``text``."""
    return _TOKEN.findall(text.lower())


_WORD_CHARS: np.ndarray | None = None  # code point -> whether it is a word character (\\w), BMP only


def _word_characters() -> bytes:
    """One byte per BMP code point: 1 for a word character (a walk over 65,536 of them, ~15 ms)."""
    return bytes(chr(c).isalnum() or chr(c) == "_" for c in range(0x10000))


def word_starts(text: str) -> np.ndarray:
    """Offsets of the word-character runs of ``text``: the starts of ``_TOKEN.finditer(text)``,
    found on the code points as an array (a \\w character is one for which ``isalnum()`` holds, or
    "_")."""
    global _WORD_CHARS
    if _WORD_CHARS is None:
        _WORD_CHARS = np.frombuffer(cached(f"word-characters:{unicodedata.unidata_version}", _word_characters),
                                    dtype=bool).copy()
    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    inside = _WORD_CHARS[np.minimum(codes, 0xFFFF)]
    for i in np.flatnonzero(codes > 0xFFFF):  # outside the table: rare (emoji, old scripts)
        inside[i] = text[i].isalnum()
    before = np.zeros(len(inside), dtype=bool)
    before[1:] = inside[:-1]
    return np.flatnonzero(inside & ~before).astype(np.int64)


def ngrams(syllables: Sequence[str]) -> list[str]:
    """Syllable unigrams then bigrams ("chuyển", "đổi", "số", "chuyển đổi", "đổi số")."""
    return list(syllables) + [f"{a} {b}" for a, b in zip(syllables, syllables[1:])]


def analyzer(text: str) -> list[str]:
    """The n-grams of a training text written as ``title + "\\n" + body`` (see ``model_text``); bigrams
    do not cross from the title into the body. Used as scikit-learn's analyzer in training, so that
    training and prediction see exactly the same features."""
    title, _, body = text.partition("\n")
    return ngrams(words(title)) + ngrams(words(body))


def model_text(title_norm: str, body_norm: str) -> str:
    """What the text model reads: the normalised title (one line) and body."""
    return title_norm.replace("\n", " ") + "\n" + body_norm


@dataclass(slots=True)
class TextScores:
    """The text model's view of one article."""

    logits: np.ndarray  # one per model theme
    features: np.ndarray  # vocabulary indexes of the article's distinct n-grams in the vocabulary (sorted)
    values: np.ndarray  # their TF-IDF values (L2-normalised)
    counts: np.ndarray  # occurrences of each (title included)
    body: str  # the normalised body, where occurrences are placed when evidence is asked for
    body_features: np.ndarray  # vocabulary index (or -1) of each n-gram occurrence of the body

    _occurrences: "tuple[np.ndarray, np.ndarray] | None" = None

    def occurrences(self) -> tuple[np.ndarray, np.ndarray]:
        """(index into ``features``, offset in the body) of every known n-gram occurrence of the body:
        a unigram stands at its syllable, a bigram at its first syllable. Computed once, when the
        first label asks for its evidence."""
        if self._occurrences is None:
            # the syllables of words(): offsets in the lower-cased body, which are the body's own
            # unless lower() changed a character's length (never for Vietnamese text)
            starts = word_starts(self.body.lower())
            starts = np.minimum(np.concatenate([starts, starts[:-1]]), max(0, len(self.body) - 1))
            known = self.body_features >= 0
            self._occurrences = np.searchsorted(self.features, self.body_features[known]), starts[known]
        return self._occurrences

    def contributions(self, column: int, weights: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(offset, part of the logit of model theme ``column``) of every known body occurrence; a
        feature's part is split evenly over its occurrences."""
        positions, starts = self.occurrences()
        per_feature = self.values * weights[self.features, column] / self.counts
        return starts, per_feature[positions]


@dataclass
class ThemeModel:
    theme_ids: list[str]
    vocabulary: list[str]
    idf: np.ndarray  # (n_features,)
    weights: np.ndarray  # (n_features, n_themes)
    intercepts: np.ndarray  # (n_themes,)
    statistics: list[str]  # names of the lexicon statistics the stacker reads, in order
    stack_mean: np.ndarray  # (n_statistics,) standardisation of the statistics
    stack_scale: np.ndarray
    stack_coef: np.ndarray  # (n_statistics + 1,): slopes of the statistics, then of the text logit
    stack_bias: np.ndarray  # (n_themes,)
    thresholds: np.ndarray  # (n_themes,) probability from which a theme is labelled
    info: dict = field(default_factory=dict)  # how it was trained (sizes, seed, CV figures)
    mask_names: bool = True  # the text model reads the text with names of bodies blanked out
    _lookup: "_Lookup | None" = field(default=None, repr=False, compare=False)
    _columns: "dict[str, int] | None" = field(default=None, repr=False, compare=False)

    @property
    def lookup(self) -> "_Lookup":
        if self._lookup is None:
            self._lookup = _Lookup(*split_vocabulary(self.vocabulary))
        return self._lookup

    def column(self, theme_id: str) -> int | None:
        if self._columns is None:
            self._columns = {theme: j for j, theme in enumerate(self.theme_ids)}
        return self._columns.get(theme_id)

    # --- the text model --------------------------------------------------------------------------

    def text_scores(self, title_norm: str, body_norm: str) -> TextScores:
        lookup = self.lookup
        body_features = lookup.ngram_features(words(body_norm))
        ids = np.concatenate([lookup.ngram_features(words(title_norm)), body_features]) if title_norm else body_features
        features, counts = np.unique(ids[ids >= 0], return_counts=True)
        if len(features):
            values = (1.0 + np.log(counts)) * self.idf[features]
            values = (values / np.sqrt(np.dot(values, values))).astype(np.float32)
            logits = (values @ self.weights[features] + self.intercepts).astype(np.float64)
        else:
            values, logits = np.zeros(0, np.float32), self.intercepts.astype(np.float64)
        return TextScores(logits, features, values, counts, body_norm, body_features)

    def text_logits(self, texts: Iterable[tuple[str, str]]) -> np.ndarray:
        """Text logits of (title_norm, body_norm) pairs, one row each."""
        return np.array([self.text_scores(t, b).logits for t, b in texts]).reshape(-1, len(self.theme_ids))

    # --- the stacker ---------------------------------------------------------------------------

    def probabilities(self, statistics: np.ndarray, logits: np.ndarray) -> np.ndarray:
        """Calibrated probability of each model theme from its lexicon statistics (rows in
        ``theme_ids`` order) and its text logits."""
        standard = (np.asarray(statistics, dtype=np.float64) - self.stack_mean) / self.stack_scale
        z = standard @ self.stack_coef[:-1] + self.stack_coef[-1] * logits + self.stack_bias
        return 1.0 / (1.0 + np.exp(-z))

    # --- the file --------------------------------------------------------------------------------

    def save(self, path: str | Path) -> None:
        np.savez_compressed(
            path,
            format=np.array([FORMAT], dtype=np.int64),
            theme_ids=_utf8("\n".join(self.theme_ids)),
            **_vocabulary_arrays(self.vocabulary),
            idf=self.idf.astype(np.float32),
            **dict(zip(("weights", "weight_scale"), quantise(self.weights))),
            intercepts=self.intercepts.astype(np.float32),
            statistics=_utf8("\n".join(self.statistics)),
            stack_mean=self.stack_mean.astype(np.float64),
            stack_scale=self.stack_scale.astype(np.float64),
            stack_coef=self.stack_coef.astype(np.float64),
            stack_bias=self.stack_bias.astype(np.float64),
            thresholds=self.thresholds.astype(np.float64),
            info=_utf8(json.dumps(self.info, ensure_ascii=False, sort_keys=True)),
            mask_names=np.array([self.mask_names]),
        )

    @classmethod
    def load(cls, path: str | Path) -> "ThemeModel":
        try:
            data = np.load(path, allow_pickle=False)
        except (OSError, ValueError) as exc:
            raise ValueError(f"{path}: not a theme model file ({exc})") from None
        with data:
            if "format" not in data.files or int(data["format"][0]) != FORMAT:
                raise ValueError(f"{path}: a theme model of another format; rebuild it with "
                                 "benchmarks/train_theme_model.py")
            syllables = _text(data["syllables"]).split("\n")
            first = np.cumsum(data["gram_first"], dtype=np.int64)
            second = data["gram_second"].astype(np.int64)
            model = cls(
                theme_ids=_text(data["theme_ids"]).split("\n"),
                vocabulary=join_vocabulary(syllables, first, second),
                idf=data["idf"].astype(np.float32),
                weights=data["weights"].astype(np.float32) * data["weight_scale"],
                intercepts=data["intercepts"].astype(np.float32),
                statistics=_text(data["statistics"]).split("\n"),
                stack_mean=data["stack_mean"],
                stack_scale=data["stack_scale"],
                stack_coef=data["stack_coef"],
                stack_bias=data["stack_bias"],
                thresholds=data["thresholds"],
                info=json.loads(_text(data["info"])),
                mask_names=bool(data["mask_names"][0]),
            )
        model._lookup = _Lookup(syllables, first, second)
        n_features, n_themes = model.weights.shape
        if len(model.vocabulary) != n_features or len(model.theme_ids) != n_themes or \
                len(model.stack_coef) != len(model.statistics) + 1:
            raise ValueError(f"{path}: inconsistent theme model (array sizes disagree)")
        return model


class _Syllables(dict):
    """Syllable -> number; -1 for a syllable the vocabulary does not have."""

    def __missing__(self, syllable: str) -> int:
        return -1


def split_vocabulary(vocabulary: Sequence[str]) -> tuple[list[str], np.ndarray, np.ndarray]:
    """The vocabulary as numbers: its syllables (sorted), and per n-gram the number of its first
    syllable and of its second (-1: a unigram)."""
    syllables = sorted({syllable for gram in vocabulary for syllable in gram.split(" ")})
    number = {syllable: i for i, syllable in enumerate(syllables)}
    first = np.empty(len(vocabulary), dtype=np.int64)
    second = np.full(len(vocabulary), -1, dtype=np.int64)
    for i, gram in enumerate(vocabulary):
        parts = gram.split(" ")
        if len(parts) > 2:
            raise ValueError(f"not a syllable 1-2-gram: {gram!r}")
        first[i] = number[parts[0]]
        if len(parts) == 2:
            second[i] = number[parts[1]]
    return syllables, first, second


def join_vocabulary(syllables: Sequence[str], first: np.ndarray, second: np.ndarray) -> list[str]:
    """The n-grams back from ``split_vocabulary``'s numbers."""
    return [syllables[a] if b < 0 else f"{syllables[a]} {syllables[b]}"
            for a, b in zip(first.tolist(), second.tolist())]


def _vocabulary_arrays(vocabulary: Sequence[str]) -> dict[str, np.ndarray]:
    """How the file stores the vocabulary (a third of the size of its text, compressed): the syllables
    as text; per n-gram the step from the previous n-gram's first syllable number (0 or 1 mostly: the
    vocabulary is in alphabetical order, and so are the syllables) and the second syllable's number."""
    syllables, first, second = split_vocabulary(vocabulary)
    small = np.int16 if len(syllables) < 2**15 else np.int32
    return {"syllables": _utf8("\n".join(syllables)),
            "gram_first": np.diff(first, prepend=0).astype(small), "gram_second": second.astype(small)}


class _Lookup:
    """The vocabulary as numbers, so that an article's n-grams are found with one small dictionary
    lookup per syllable, a table for unigrams and one vectorised search for bigrams (looking up every
    bigram string in a 100,000-entry dictionary costs several times more). Built from
    ``split_vocabulary``'s arrays."""

    def __init__(self, syllables: Sequence[str], first: np.ndarray, second: np.ndarray) -> None:
        self.syllables = _Syllables(zip(syllables, range(len(syllables))))
        self.base = len(syllables) + 1  # syllable numbers + 1; 0 is "unknown"
        features = np.arange(len(first), dtype=np.int64)
        unigram = second < 0
        self.unigrams = np.full(self.base, -1, dtype=np.int64)  # syllable number + 1 -> feature
        self.unigrams[first[unigram] + 1] = features[unigram]
        keys = (first[~unigram] + 1) * self.base + second[~unigram] + 1
        order = np.argsort(keys, kind="stable")
        self.bigram_keys = keys[order]
        self.bigram_features = features[~unigram][order]

    def ngram_features(self, syllables: Sequence[str]) -> np.ndarray:
        """Vocabulary index (or -1) of each n-gram of ``ngrams(syllables)``, in that order."""
        if not syllables:
            return np.zeros(0, dtype=np.int64)
        ids = np.fromiter(map(self.syllables.__getitem__, syllables), dtype=np.int64, count=len(syllables)) + 1
        bigrams = np.full(len(ids) - 1, -1, dtype=np.int64)
        both = np.flatnonzero((ids[:-1] > 0) & (ids[1:] > 0))
        if len(both) and len(self.bigram_keys):
            keys = ids[both] * self.base + ids[both + 1]
            # searched in increasing order, the table is read in one sweep (half the time)
            order = np.argsort(keys)
            keys = keys[order]
            where = np.minimum(np.searchsorted(self.bigram_keys, keys), len(self.bigram_keys) - 1)
            bigrams[both[order]] = np.where(self.bigram_keys[where] == keys, self.bigram_features[where], -1)
        return np.concatenate([self.unigrams[ids], bigrams])


def quantise(weights: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The weights as int8 and one scale per theme (column): ``weights ~ q * scale``. A logit is a dot
    product with an L2-normalised TF-IDF vector, so rounding moves it by at most ``scale / 2`` times
    that vector's L1 norm, and typically (independent errors) by ``scale / sqrt(12)``: about 0.015
    for the shipped themes, against logits spread over several units."""
    weights = np.asarray(weights, dtype=np.float32)
    peak = np.abs(weights).max(axis=0) if len(weights) else np.zeros(weights.shape[1], np.float32)
    scale = np.where(peak > 0, peak / np.float32(127), np.float32(1)).astype(np.float32)
    return np.clip(np.round(weights / scale), -127, 127).astype(np.int8), scale


def stored_weights(weights: np.ndarray) -> np.ndarray:
    """The weights as the file gives them back (quantised): what training scores its model with."""
    q, scale = quantise(weights)
    return q.astype(np.float32) * scale


def _utf8(text: str) -> np.ndarray:
    return np.frombuffer(text.encode("utf-8"), dtype=np.uint8)


def _text(array: np.ndarray) -> str:
    return array.tobytes().decode("utf-8")


def shipped_model_path():
    return resources.files("policytext.resources").joinpath(MODEL_FILE)


@lru_cache(maxsize=1)
def shipped_model() -> ThemeModel | None:
    path = shipped_model_path()
    if not path.is_file():
        return None
    with resources.as_file(path) as real:
        # kept by the start-up cache as raw arrays: unzipping the file and rebuilding the vocabulary
        # and its lookup took ~20 ms of every start
        return cached(file_key("theme-model", real), lambda: ThemeModel.load(real), encode=_model_state,
                      decode=_model_from_state)


_ARRAYS = ("idf", "weights", "intercepts", "stack_mean", "stack_scale", "stack_coef", "stack_bias", "thresholds")
_LOOKUP_ARRAYS = ("unigrams", "bigram_keys", "bigram_features")


def _array_state(array: np.ndarray) -> tuple[str, tuple[int, ...], bytes]:
    return array.dtype.str, array.shape, array.tobytes()


def _array_from_state(state: tuple[str, tuple[int, ...], bytes]) -> np.ndarray:
    dtype, shape, raw = state
    return np.frombuffer(raw, dtype=np.dtype(dtype)).reshape(shape).copy()


def _model_state(model: ThemeModel) -> dict:
    """A loaded model as plain data (what ``startcache`` keeps), its vocabulary lookup included."""
    lookup = model.lookup
    return {
        "fields": {name: getattr(model, name) for name in ("theme_ids", "vocabulary", "statistics", "mask_names")},
        "info": json.dumps(model.info),
        "arrays": {name: _array_state(getattr(model, name)) for name in _ARRAYS},
        "syllables": list(lookup.syllables),
        "base": lookup.base,
        "lookup": {name: _array_state(getattr(lookup, name)) for name in _LOOKUP_ARRAYS},
    }


def _model_from_state(state: dict) -> ThemeModel:
    model = ThemeModel(**state["fields"], info=json.loads(state["info"]),
                       **{name: _array_from_state(value) for name, value in state["arrays"].items()})
    lookup = _Lookup.__new__(_Lookup)  # its arrays as built before, not rebuilt
    lookup.syllables = _Syllables(zip(state["syllables"], range(len(state["syllables"]))))
    lookup.base = state["base"]
    for name, value in state["lookup"].items():
        setattr(lookup, name, _array_from_state(value))
    model._lookup = lookup
    return model


def default_model() -> ThemeModel | None:
    """The model extract_themes() uses unless told otherwise (None: lexicon only)."""
    return shipped_model() if USE_BY_DEFAULT else None
