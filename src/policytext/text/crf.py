"""pyvi's two CRF models (word boundaries, part of speech), read without scikit-learn, and the features
they score, built as pyvi's ``word2features`` builds them (see text/segment.py's docstring for why).

- the models are taken out of pyvi's pickles by a restricted unpickler (no scikit-learn import);
- features: the same attributes in the same order as crfsuite sees them, from per-token pieces computed
  once and cached (bounded);
- word boundaries: our own Viterbi over the two-label model's weights, read from the crfsuite file
  (crfsuite's additions in crfsuite's order); part of speech: pycrfsuite.
tests/test_segment_equivalence.py holds all of it to pyvi's own functions.
"""

from __future__ import annotations

import codecs
import importlib.util
import pickle
import string
import struct
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Iterable

from ..startcache import cached, file_key

if TYPE_CHECKING:
    import pycrfsuite


# --- pyvi's models, opened without scikit-learn ------------------------------------------------


def _pyvi_models_dir() -> Path:
    spec = importlib.util.find_spec("pyvi")  # finds the package without running its model loading
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("pyvi is needed for word segmentation")
    return Path(next(iter(spec.submodule_search_locations))) / "models"


class _PickledState:
    """Stands in for sklearn_crfsuite's classes while unpickling: keeps their state, imports nothing."""

    def __init__(self, *args, **kwargs) -> None:
        pass

    def __setstate__(self, state) -> None:
        if isinstance(state, dict):
            self.__dict__.update(state)


class _ModelUnpickler(pickle.Unpickler):
    """Reads a pickled sklearn_crfsuite.CRF only for the crfsuite model bytes it carries."""

    def find_class(self, module: str, name: str):
        package = module.split(".")[0]
        # numpy: scalars among the training hyper-parameters, which tagging never reads
        if package in ("sklearn_crfsuite", "pycrfsuite", "numpy"):
            return _PickledState
        if (module, name) == ("_codecs", "encode"):
            return codecs.encode
        raise pickle.UnpicklingError(f"unexpected {module}.{name} in a pyvi model")


@lru_cache(maxsize=None)
def _crf_model_bytes(filename: str) -> bytes:
    """The crfsuite model file inside one of pyvi's pickles (cached: crfsuite reads it in place)."""
    with open(_pyvi_models_dir() / filename, "rb") as handle:
        try:
            return _ModelUnpickler(handle).load().modelfile.__dict__["__FILE_RESOURCE_DATA__"]
        except (pickle.UnpicklingError, AttributeError, KeyError, TypeError):
            handle.seek(0)  # a pickle layout we do not know: let sklearn_crfsuite read it
            estimator = pickle.load(handle)
            with open(estimator.modelfile.name, "rb") as model_file:
                return model_file.read()


@lru_cache(maxsize=None)
def _crf_tagger(filename: str) -> "pycrfsuite.Tagger":
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open_inmemory(_crf_model_bytes(filename))
    return tagger


def _segmentation_tagger() -> "pycrfsuite.Tagger":
    return _crf_tagger("pyvi3.pkl")  # what pyvi's ViTokenizer loads on Python 3


def pos_tagger() -> "pycrfsuite.Tagger":
    return _crf_tagger("pyvipos3.pkl")  # what pyvi's ViPosTagger loads on Python 3


@lru_cache(maxsize=1)
def _pyvi_ngrams() -> tuple[frozenset[str], frozenset[str]]:
    """pyvi's two- and three-syllable dictionary words, read exactly as ViTokenizer reads them."""
    path = _pyvi_models_dir() / "words.txt"

    def read() -> tuple[frozenset[str], frozenset[str]]:
        with open(path, encoding="utf-8", newline="") as handle:
            entries = handle.read().split("\n")
        bigrams = frozenset(e for e in entries if len(e.split(" ")) == 2)
        trigrams = frozenset(e for e in entries if len(e.split(" ")) == 3)
        return bigrams, trigrams

    return cached(file_key("pyvi-ngrams", path), read)


# --- features: pyvi's word2features as crfsuite attributes -------------------------------------

# A token's own pieces depend only on its text: computed once per distinct token. The caches are
# emptied when they pass this many entries, so memory stays bounded on any input.
_CACHE_LIMIT = 200_000
_SYLLABLE_PIECES: dict[str, tuple[str, list[str], list[str], list[str]]] = {}
_WORD_PIECES: dict[str, tuple[tuple[bytes, ...], ...]] = {}
# ViPosTagger.filtered_tags
_POS_FILTERED = frozenset(string.punctuation) | {"\u2026", "\u201d", "\u201c", "\u2019", "..."}


def _syllable_pieces(syllable: str) -> tuple[str, list[str], list[str], list[str]]:
    """(lower case, own attributes, attributes as the syllable before, as the syllable after)."""
    pieces = _SYLLABLE_PIECES.get(syllable)
    if pieces is None:
        if len(_SYLLABLE_PIECES) >= _CACHE_LIMIT:
            _SYLLABLE_PIECES.clear()
        low, title, upper = syllable.lower(), syllable.istitle(), syllable.isupper()
        own = ["bias", "word.lower():" + low]
        if upper:
            own.append("word.isupper()")
        if title:
            own.append("word.istitle()")
        if syllable.isdigit():
            own.append("word.isdigit()")
        before, after = ["-1:word.lower():" + low], ["+1:word.lower():" + low]
        if title:
            before.append("-1:word.istitle()")
            after.append("+1:word.istitle()")
        if upper:
            before.append("-1:word.isupper()")
            after.append("+1:word.isupper()")
        pieces = _SYLLABLE_PIECES[syllable] = (low, own, before, after)
    return pieces


def _segmentation_features(syllables: list[str]) -> list[list[str]]:
    """ViTokenizer.sent2features(syllables, False) as crfsuite attribute lists."""
    bigrams, trigrams = _pyvi_ngrams()
    pieces = [_syllable_pieces(s) for s in syllables]
    lows = [p[0] for p in pieces]
    # pyvi lowers the joined string; joining the lowered syllables is the same, because the one
    # context-dependent lowering (Greek final sigma) never looks across a space
    pairs = [f"{a} {b}" in bigrams for a, b in zip(lows, lows[1:])]
    triples = [f"{a} {b} {c}" in trigrams for a, b, c in zip(lows, lows[1:], lows[2:])]
    # lists shifted so that entry i belongs to syllable i (nothing past either end), in pyvi's order:
    # own, syllable i-1, pair (i-1, i), triple (i-2..i), syllable i+1, pair (i, i+1), triple (i..i+2)
    columns = (
        [p[1] for p in pieces],
        [(), *(p[2] for p in pieces)],
        [(), *(_BIGRAM_BEFORE if found else () for found in pairs)],
        [(), (), *(_TRIGRAM_BEFORE if found else () for found in triples)],
        [*(p[3] for p in pieces[1:]), ()],
        [*(_BIGRAM_AFTER if found else () for found in pairs), ()],
        [*(_TRIGRAM_AFTER if found else () for found in triples), (), ()],
    )
    return [[*a, *b, *c, *d, *e, *f, *g] for a, b, c, d, e, f, g in zip(*columns)]


_BIGRAM_BEFORE, _BIGRAM_AFTER = ("-1:word.bi_gram()",), ("+1:word.bi_gram()",)
_TRIGRAM_BEFORE, _TRIGRAM_AFTER = ("-2:word.tri_gram()",), ("+2:word.tri_gram()",)


def _word_pieces(word: str) -> tuple[tuple[bytes, ...], ...]:
    """The POS model's attributes of a word: its own, as the word 1 before, 2 before, 1 after, 2 after."""
    pieces = _WORD_PIECES.get(word)
    if pieces is None:
        if len(_WORD_PIECES) >= _CACHE_LIMIT:
            _WORD_PIECES.clear()
        low, title, upper = word.lower(), word.istitle(), word.isupper()
        starts_digit, head_upper = word[:1].isdigit(), word[:3].isupper()
        own = ["bias", "word.lower():" + low]
        if title:
            own.append("word.istitle()")
        if word.isdigit():
            own.append("word.isdigit()")
        if starts_digit:
            own.append("word[:1].isdigit()")
        if head_upper:
            own.append("word[:3].isupper()")
        if word in _POS_FILTERED:
            own.append("word.isfiltered")
        pieces = _WORD_PIECES[word] = tuple(map(_pos_model_input, (
            own,
            _context("-1:", low, title, ("word[:1].isdigit()", starts_digit), ("word[:3].isupper()", head_upper)),
            _context("-2:", low, title, ("word.isupper()", upper)),
            _context("+1:", low, title, ("word[:1].isdigit()", starts_digit), ("word.isupper()", upper)),
            _context("+2:", low, title, ("word.isupper()", upper)),
        )))
    return pieces


def _context(prefix: str, low: str, title: bool, *flags: tuple[str, bool]) -> list[str]:
    attributes = [prefix + "word.lower():" + low]
    if title:
        attributes.append(prefix + "word.istitle()")
    attributes.extend(prefix + name for name, on in flags if on)
    return attributes


def pos_features(words: list[str]) -> list[list[bytes]]:
    """ViPosTagger.sent2features(words, False) as crfsuite attribute lists, in the form pycrfsuite
    takes fastest: UTF-8, and only the attributes in the model's dictionary (crfsuite skips others)."""
    pieces = [_word_pieces(w) for w in words]
    begin, end = _pos_markers()
    # entry i belongs to word i, in pyvi's order: own, word i-1 (or BOS), word i-2, word i+1 (or
    # EOS), word i+2
    columns = (
        [p[0] for p in pieces],
        [begin, *(p[1] for p in pieces)],
        [(), (), *(p[2] for p in pieces)],
        [*(p[3] for p in pieces[1:]), end],
        [*(p[4] for p in pieces[2:]), (), ()],
    )
    return [[*a, *b, *c, *d, *e] for a, b, c, d, e in zip(*columns)]


@lru_cache(maxsize=1)
def _pos_markers() -> tuple[tuple[bytes, ...], tuple[bytes, ...]]:
    return _pos_model_input(["BOS"]), _pos_model_input(["EOS"])


def _pos_model_input(attributes: Iterable[str]) -> tuple[bytes, ...]:
    known = _pos_model_attributes()
    return tuple(a.encode() for a in attributes if known is None or a in known)


@lru_cache(maxsize=1)
def _pos_model_attributes() -> frozenset[str] | None:
    """The POS model's attribute dictionary, or None (keep every attribute) if it cannot be read."""
    def read() -> frozenset[str] | None:
        data = _crf_model_bytes("pyvipos3.pkl")
        try:
            magic, _, kind, _, _, _, n_attributes, _, _, attributes_at, _, _ = struct.unpack_from("<4sI4s9I", data, 0)
            if magic != b"lCRF" or kind != b"FOMC":
                return None
            return frozenset(_cqdb_strings(data, attributes_at, n_attributes))
        except (ValueError, IndexError, struct.error, UnicodeDecodeError):
            return None

    return cached(file_key("pos-attributes", _pyvi_models_dir() / "pyvipos3.pkl"), read)


# --- word boundaries without building attribute lists ------------------------------------------
# The word-boundary model has two labels and a few thousand attributes, so its Viterbi runs faster
# here than through pycrfsuite, whose cost is turning every attribute string into C++. The
# arithmetic is crfsuite's own, in its order: a label's state score adds the weights of the item's
# attributes one by one in attribute order, starting from 0.0; the best path keeps the first
# maximum (strict <). Same additions in the same order give the same doubles, so the same labels.


def segmentation_labels(syllables: list[str]) -> list[str]:
    """B_W / I_W for each syllable: what the word-boundary CRF tags them."""
    model = _segmentation_model()
    if model is None:
        return _segmentation_tagger().tag(_segmentation_features(syllables))
    bigrams, trigrams = _pyvi_ngrams()
    pieces = [_syllable_weights(s, model) for s in syllables]
    lows = [p[0] for p in pieces]
    n = len(pieces)
    pairs = [f"{a} {b}" in bigrams for a, b in zip(lows, lows[1:])]
    triples = [f"{a} {b} {c}" in trigrams for a, b, c in zip(lows, lows[1:], lows[2:])]
    begin_scores, inside_scores = [], []
    for i in range(n):
        begin, inside = pieces[i][1], pieces[i][2]
        groups = []  # pyvi's attribute order after the syllable's own
        if i > 0:
            groups.append(pieces[i - 1][3])
            if pairs[i - 1]:
                groups.append(model.bigram_before)
            if i > 1 and triples[i - 2]:
                groups.append(model.trigram_before)
        if i < n - 1:
            groups.append(pieces[i + 1][4])
            if pairs[i]:
                groups.append(model.bigram_after)
            if i < n - 2 and triples[i]:
                groups.append(model.trigram_after)
        for begin_weights, inside_weights in groups:
            for weight in begin_weights:
                begin += weight
            for weight in inside_weights:
                inside += weight
        begin_scores.append(begin)
        inside_scores.append(inside)
    return _best_path(model, begin_scores, inside_scores)


def _best_path(model: _BoundaryModel, begin_scores: list[float], inside_scores: list[float]) -> list[str]:
    """crf1dc_viterbi for two labels (0 = B_W, 1 = I_W)."""
    (bb, bi), (ib, ii) = model.transitions  # [from][to]
    begin, inside = begin_scores[0], inside_scores[0]
    back: list[tuple[int, int]] = []
    for t in range(1, len(begin_scores)):
        from_begin, from_inside = begin + bb, inside + ib
        to_begin, back_begin = (from_inside, 1) if from_begin < from_inside else (from_begin, 0)
        from_begin, from_inside = begin + bi, inside + ii
        to_inside, back_inside = (from_inside, 1) if from_begin < from_inside else (from_begin, 0)
        back.append((back_begin, back_inside))
        begin, inside = to_begin + begin_scores[t], to_inside + inside_scores[t]
    label = 1 if begin < inside else 0
    path = [label]
    for links in reversed(back):
        label = links[label]
        path.append(label)
    names = model.labels
    return [names[label] for label in reversed(path)]


def _syllable_weights(syllable: str, model: _BoundaryModel) -> tuple:
    """(lower case, own B_W score, own I_W score, weights as the syllable before, as the syllable after)."""
    weights = _SYLLABLE_WEIGHTS.get(syllable)
    if weights is None:
        if len(_SYLLABLE_WEIGHTS) >= _CACHE_LIMIT:
            _SYLLABLE_WEIGHTS.clear()
        low, own, before, after = _syllable_pieces(syllable)
        own_begin, own_inside = model.weights(own)
        begin = inside = 0.0
        for weight in own_begin:
            begin += weight
        for weight in own_inside:
            inside += weight
        weights = _SYLLABLE_WEIGHTS[syllable] = (low, begin, inside, model.weights(before), model.weights(after))
    return weights


_SYLLABLE_WEIGHTS: dict[str, tuple] = {}


@dataclass(frozen=True, slots=True)
class _BoundaryModel:
    labels: tuple[str, ...]
    transitions: tuple[tuple[float, ...], ...]  # [from][to]
    state: dict[str, tuple[tuple[int, float], ...]]  # attribute -> (label, weight) in model order
    bigram_before: tuple[tuple[float, ...], tuple[float, ...]]
    bigram_after: tuple[tuple[float, ...], tuple[float, ...]]
    trigram_before: tuple[tuple[float, ...], tuple[float, ...]]
    trigram_after: tuple[tuple[float, ...], tuple[float, ...]]

    def weights(self, attributes: Iterable[str]) -> tuple[tuple[float, ...], tuple[float, ...]]:
        return _label_weights(self.state, attributes)


def _label_weights(state: dict[str, tuple[tuple[int, float], ...]], attributes: Iterable[str]):
    """Each label's weights for these attributes, in the order crfsuite adds them."""
    per_label: tuple[list[float], list[float]] = ([], [])
    for attribute in attributes:
        for label, weight in state.get(attribute, ()):
            per_label[label].append(weight)
    return tuple(per_label[0]), tuple(per_label[1])


@lru_cache(maxsize=1)
def _segmentation_model() -> _BoundaryModel | None:
    """The word-boundary model's weights, or None (pycrfsuite tags) if the file is not as expected."""
    def read():
        try:
            return _read_crf1d(_crf_model_bytes("pyvi3.pkl"))
        except (ValueError, IndexError, struct.error, UnicodeDecodeError):
            return None

    weights = cached(file_key("boundary-weights", _pyvi_models_dir() / "pyvi3.pkl"), read)
    if weights is None:
        return None
    labels, transitions, state = weights
    if labels != ["B_W", "I_W"]:
        return None
    return _BoundaryModel(
        tuple(labels), tuple(tuple(row) for row in transitions), state,
        _label_weights(state, _BIGRAM_BEFORE), _label_weights(state, _BIGRAM_AFTER),
        _label_weights(state, _TRIGRAM_BEFORE), _label_weights(state, _TRIGRAM_AFTER),
    )


def _read_crf1d(data: bytes) -> tuple[list[str], list[list[float]], dict[str, tuple[tuple[int, float], ...]]]:
    """Labels, transition weights [from][to] and state weights of a CRFsuite CRF1d model file.

    Layout (crfsuite's crf1d_model.c): a header with chunk offsets; FEAT: (type, source,
    destination, weight) per feature; two CQDB string tables (labels, attributes); LFRF and AFRF:
    for each label / attribute, the ids of its features, in the order crfsuite applies them.
    """
    magic, _, kind, _, _, n_labels, n_attributes, features_at, labels_at, attributes_at, label_refs_at, \
        attribute_refs_at = struct.unpack_from("<4sI4s9I", data, 0)
    if magic != b"lCRF" or kind != b"FOMC" or data[features_at:features_at + 4] != b"FEAT":
        raise ValueError("not a CRFsuite CRF1d model")
    n_features = struct.unpack_from("<I", data, features_at + 8)[0]
    features = list(struct.iter_unpack("<3Id", data[features_at + 12:features_at + 12 + 20 * n_features]))
    labels = _cqdb_strings(data, labels_at, n_labels)
    attributes = _cqdb_strings(data, attributes_at, n_attributes)
    transitions = [[0.0] * n_labels for _ in range(n_labels)]
    for source, ids in enumerate(_feature_refs(data, label_refs_at, b"LFRF", n_labels)):
        for feature in ids:
            kind_, from_label, to_label, weight = features[feature]
            if kind_ != 1 or from_label != source:
                raise ValueError("unexpected transition feature")
            transitions[from_label][to_label] = weight
    state: dict[str, tuple[tuple[int, float], ...]] = {}
    for attribute, ids in enumerate(_feature_refs(data, attribute_refs_at, b"AFRF", n_attributes)):
        pairs = []
        for feature in ids:
            kind_, source, label, weight = features[feature]
            if kind_ != 0 or source != attribute:
                raise ValueError("unexpected state feature")
            pairs.append((label, weight))
        state[attributes[attribute]] = tuple(pairs)
    return labels, transitions, state


def _cqdb_strings(data: bytes, at: int, count: int) -> list[str]:
    """The strings of a CQDB table by id: its backward array points at (id, size, bytes + NUL)."""
    if data[at:at + 4] != b"CQDB":
        raise ValueError("no CQDB table")
    n, backward_at = struct.unpack_from("<2I", data, at + 16)
    if n != count:
        raise ValueError("CQDB size differs from the header")
    strings = []
    for i, offset in enumerate(struct.unpack_from(f"<{n}I", data, at + backward_at)):
        record_id, size = struct.unpack_from("<2I", data, at + offset)
        if record_id != i:
            raise ValueError("CQDB ids out of order")
        strings.append(data[at + offset + 8:at + offset + 8 + size - 1].decode("utf-8"))
    return strings


def _feature_refs(data: bytes, at: int, chunk: bytes, count: int) -> list[tuple[int, ...]]:
    if data[at:at + 4] != chunk:
        raise ValueError(f"no {chunk!r} chunk")
    refs = []
    for offset in struct.unpack_from(f"<{count}I", data, at + 12):
        n = struct.unpack_from("<I", data, offset)[0]
        refs.append(struct.unpack_from(f"<{n}I", data, offset + 4))
    return refs
