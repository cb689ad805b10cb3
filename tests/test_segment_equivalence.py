"""Our fast CRF features, Viterbi and model loading give exactly what pyvi's own functions give.

segment.py builds pyvi's word2features attributes itself (as crfsuite attribute lists, weight-0
booleans left out; for the POS model in UTF-8 and only those in its dictionary), opens the models
without scikit-learn, and finds word boundaries with its own Viterbi over the model's weights. These tests hold it to pyvi's ``sent2features`` and
``model.predict_single``: same attributes in the same order, same labels and the same sequence
probability, on all of UD-VTB test, a few hundred news sentences and random edge-case tokens.
"""

from __future__ import annotations

import gzip
import itertools
import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

from policytext.text import crf, segment
from policytext.text.normalize import normalize
from policytext.evaluation.segmentation import read_conllu

SRC = Path(__file__).resolve().parents[1] / "src"


@pytest.fixture(scope="module")
def pyvi():
    tokenizer = pytest.importorskip("pyvi.ViTokenizer").ViTokenizer
    tagger = pytest.importorskip("pyvi.ViPosTagger").ViPosTagger
    return tokenizer, tagger


def crfsuite_attributes(features: dict) -> list[str]:
    """What pycrfsuite makes of one pyvi feature dict, the weight-0 (False) attributes left out."""
    attributes = []
    for key, value in features.items():
        if isinstance(value, str):
            attributes.append(f"{key}:{value}")
        else:
            assert value in (0, 1), (key, value)  # booleans and the 1.0 bias
            if value:
                attributes.append(key)
    return attributes


def assert_same_as_pyvi(pyvi, sentences: list[list[str]]) -> None:
    """Syllable sentences: both models' attributes, labels and probabilities match pyvi's."""
    tokenizer, pos_tagger = pyvi
    ours_segmenter, ours_tagger = crf._segmentation_tagger(), crf.pos_tagger()
    for syllables in sentences:
        theirs = tokenizer.sent2features(syllables, False)
        ours = crf._segmentation_features(syllables)
        assert ours == [crfsuite_attributes(f) for f in theirs], syllables
        assert_same_labels_and_probability(tokenizer.model.tagger_, theirs, ours_segmenter, ours)
        labels = crf.segmentation_labels(syllables)  # our own Viterbi over the model's weights
        assert labels == tokenizer.model.predict_single(theirs), syllables

        words, current = [], syllables[0]
        for syllable, label in zip(syllables[1:], labels[1:]):
            if label == "I_W":
                current += "_" + syllable
            else:
                words.append(current)
                current = syllable
        words.append(current)
        theirs = pos_tagger.sent2features(words, False)
        ours = crf.pos_features(words)
        known = crf._pos_model_attributes()  # crfsuite skips the others
        assert ours == [[a.encode() for a in crfsuite_attributes(f) if a in known] for f in theirs], words
        assert_same_labels_and_probability(pos_tagger.model.tagger_, theirs, ours_tagger, ours)


def assert_same_labels_and_probability(their_tagger, their_features, our_tagger, our_features) -> None:
    labels = their_tagger.tag(their_features)
    their_probability = their_tagger.probability(labels)
    assert our_tagger.tag(our_features) == labels
    assert our_tagger.probability(labels) == their_probability  # exactly: same scores, same sums


def syllable_sentences(texts) -> list[list[str]]:
    sentences = []
    for text in texts:
        norm = normalize(text).text
        for start, end in segment.split_sentences(norm):
            pieces = [norm[s:e] for s, e in segment.syllables(norm, start, end)]
            if pieces:
                sentences.append(pieces)
    return sentences


def test_features_match_pyvi_on_all_of_ud_vtb_test(pyvi, shared_data):
    gold = shared_data / "ud-vtb" / "vi_vtb-ud-test.conllu"
    sentences = syllable_sentences(" ".join(words) for words in read_conllu(gold))
    assert len(sentences) >= 800
    assert_same_as_pyvi(pyvi, sentences)


def test_features_match_pyvi_on_news_sentences(pyvi, shared_data):
    texts = []
    for path in sorted((shared_data / "vntc").glob("*.jsonl.gz")):
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            texts.extend(json.loads(line)["text"] for line in itertools.islice(handle, 15))
    sentences = syllable_sentences(texts)
    assert len(sentences) >= 300
    assert_same_as_pyvi(pyvi, sentences)


def test_features_match_pyvi_on_edge_case_tokens(pyvi):
    # case, digits, punctuation pyvi filters, dictionary words, and lowering that is not per letter
    # (Greek final sigma, dotted İ)
    vocabulary = ["Bộ", "trưởng", "BỘ", "TRƯỞNG", "công", "Thương", "ĐẢNG", "15/2020/NĐ-CP", "2021", "1.000",
                  "12a", "A1", "...", "…", "“", "”", "’", ",", ".", "(", "%", "ΑΣ", "Σ", "ΣΑ", "σς", "İstanbul",
                  "ǅ", "Ⅻ", "²", "٣", "TP.", "x", "Nguyễn", "Xuân", "Phúc", "hòa", "bình", "thủy", "lợi"]
    randomly = random.Random(2021)
    sentences = [[randomly.choice(vocabulary) for _ in range(randomly.randint(1, 12))] for _ in range(400)]
    assert_same_as_pyvi(pyvi, sentences)


def test_models_open_without_importing_scikit_learn():
    code = (
        "import sys\n"
        "from policytext.text import segment\n"
        "assert segment.pos_tags(['Bộ trưởng', 'Bộ', 'Công Thương']) == ['N', 'Np', 'Np']\n"
        "assert segment.segment_sentence('Bộ trưởng', 0, 9) == [(0, 9)]\n"
        "assert 'sklearn' not in sys.modules and 'sklearn_crfsuite' not in sys.modules\n"
    )
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr


def test_pos_model_dictionary_is_read():
    known = crf._pos_model_attributes()
    assert known is not None and len(known) > 1000
    assert {"bias", "BOS", "EOS", "word.lower():bộ"} <= known


def test_word_boundary_model_is_read_for_the_fast_path():
    model = crf._segmentation_model()
    assert model is not None, "pyvi's model file was not readable: segmentation falls back to pycrfsuite"
    assert model.labels == ("B_W", "I_W") and len(model.state) > 1000
    assert model.bigram_before != ((), ())  # pyvi's dictionary attributes carry weight
