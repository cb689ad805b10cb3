"""The theme model: rebuilt on a small sample (seeded, deterministic), a safe file, the same features as
in training, labels with evidence and paragraphs, the lexicon for themes the model does not know."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import numpy as np
import pytest

from policytext.document import Document
from policytext.evaluation.corpus import iter_source
from policytext.extract.themes import extract_themes
from policytext.themes.model import (
    MODEL_FILE,
    ThemeModel,
    analyzer,
    default_model,
    join_vocabulary,
    model_text,
    quantise,
    shipped_model_path,
    split_vocabulary,
    stored_weights,
)
from policytext.themes.taxonomy import default_taxonomy, parse_taxonomy
from policytext.themes.units import text_units

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
SMALL = dict(max_features=4000, lsa_dims=16, folds=3, seed=13)


def _script():
    spec = importlib.util.spec_from_file_location("train_theme_model", ROOT / "benchmarks" / "train_theme_model.py")
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    return script


@pytest.fixture(scope="module")
def sample():
    if not SHARED.is_dir():
        pytest.skip(f"shared reference data not found at {SHARED}")
    script = _script()
    # round 1's train split only: later rounds of the corpus do not change the sample (or this small model)
    labelled = script.labelled_articles(SHARED, extra=False, limit=120, seed=13, later="none")
    exclude = script.gold_ids()
    unlabelled = [(item.title, item.text) for item in iter_source("modern/covid_era_2020_2021.jsonl.gz", SHARED)
                  if item.id not in exclude][:250]
    return labelled, unlabelled


@pytest.fixture(scope="module")
def small_model(sample):
    from policytext.evaluation.theme_training import Settings, train_model

    labelled, unlabelled = sample
    return train_model(labelled, unlabelled, settings=Settings(**SMALL), log=lambda *_: None)


def test_rebuilt_on_a_sample_the_same_every_time(sample, small_model):
    from policytext.evaluation.theme_training import Settings, train_model

    again = train_model(*sample, settings=Settings(**SMALL), log=lambda *_: None)
    assert again.theme_ids == small_model.theme_ids and again.vocabulary == small_model.vocabulary
    assert np.array_equal(again.weights, small_model.weights)
    assert np.array_equal(again.stack_coef, small_model.stack_coef)
    assert np.array_equal(again.thresholds, small_model.thresholds)
    assert 0.2 <= small_model.thresholds[0] <= 0.7
    assert set(small_model.info["cv"]) >= {"lexicon alone"}


def test_training_reads_only_the_train_split():
    corpus = ROOT / "benchmarks" / "gold" / "themes" / "corpus.jsonl"
    test_ids = {row["id"] for row in map(json.loads, corpus.read_text(encoding="utf-8").splitlines())
                if row["split"] == "test"}
    assert test_ids <= _script().gold_ids()  # never unlabelled training text either
    source = (ROOT / "benchmarks" / "train_theme_model.py").read_text(encoding="utf-8")
    assert 'row["split"] == "train"' in source


def test_the_file_is_plain_arrays_and_round_trips(small_model, tmp_path):
    path = tmp_path / "model.npz"
    small_model.save(path)
    with np.load(path, allow_pickle=False) as data:  # nothing in it can execute code
        assert all(data[name].dtype != object for name in data.files)
    loaded = ThemeModel.load(path)
    assert loaded.theme_ids == small_model.theme_ids and loaded.vocabulary == small_model.vocabulary
    assert data_sizes_are_small(path)
    # training gives its model the weights as the file stores them (int8 and a scale per theme)
    assert np.array_equal(loaded.weights, small_model.weights) and np.array_equal(loaded.idf, small_model.idf)
    text = "Tỉnh đẩy mạnh chuyển đổi số, phát triển chính quyền số và dịch vụ công trực tuyến."
    before = small_model.text_scores("Chuyển đổi số", Document.from_text(text, segment=False).norm)
    after = loaded.text_scores("Chuyển đổi số", Document.from_text(text, segment=False).norm)
    assert np.array_equal(before.features, after.features) and np.array_equal(before.logits, after.logits)


def data_sizes_are_small(path) -> bool:
    with np.load(path, allow_pickle=False) as data:
        return data["weights"].dtype == np.int8 and "vocabulary" not in data.files


def test_quantised_weights_stay_close_and_round_trip():
    rng = np.random.default_rng(0)
    weights = (rng.standard_t(3, size=(500, 4)) * 0.3).astype(np.float32)
    weights[:, 3] = 0.0  # a theme with no weight at all
    q, scale = quantise(weights)
    assert q.dtype == np.int8 and scale.shape == (4,)
    assert np.all(np.abs(stored_weights(weights) - weights) <= scale / 2 + 1e-7)
    assert np.array_equal(stored_weights(stored_weights(weights)), stored_weights(weights))  # idempotent


def test_the_vocabulary_is_stored_as_numbers_and_comes_back():
    vocabulary = ["an", "an toàn", "toàn", "toàn dân", "dân", "số", "chuyển đổi", "đổi"]
    syllables, first, second = split_vocabulary(vocabulary)
    assert syllables == sorted(set(syllables)) and list(second).count(-1) == 5
    assert join_vocabulary(syllables, first, second) == vocabulary


def test_a_file_of_another_kind_is_refused(tmp_path):
    path = tmp_path / "old.npz"
    np.savez(path, weights=np.zeros(3))
    with pytest.raises(ValueError, match="another format"):
        ThemeModel.load(path)
    (tmp_path / "junk.npz").write_bytes(b"not a zip")
    with pytest.raises(ValueError, match="not a theme model"):
        ThemeModel.load(tmp_path / "junk.npz")


def test_prediction_reads_the_features_training_saw(small_model):
    from sklearn.feature_extraction.text import TfidfVectorizer

    title = "Quảng Ninh đẩy mạnh chuyển đổi số"
    body = "Tỉnh phát triển chính quyền số.\nDịch vụ công trực tuyến mức độ 4 tăng, người dân nộp hồ sơ qua mạng."
    vectorizer = TfidfVectorizer(analyzer=analyzer, sublinear_tf=True, vocabulary=small_model.vocabulary)
    vectorizer.fit([body])
    vectorizer.idf_ = small_model.idf.astype(np.float64)
    x = vectorizer.transform([model_text(title, body)])
    expected = np.asarray(x @ small_model.weights).ravel() + small_model.intercepts
    assert np.allclose(small_model.text_scores(title, body).logits, expected, atol=1e-4)


def test_labels_carry_evidence_paragraphs_and_a_rule(small_model):
    text = ("Quảng Ninh đẩy mạnh chuyển đổi số\n"
            "Tỉnh đặt mục tiêu phát triển chính quyền số, kinh tế số và xã hội số.\n"
            "Hội nghị cũng bàn công tác văn thư, lưu trữ và thi đua khen thưởng.\n"
            "100% dịch vụ công trực tuyến mức độ 4; chuyển đổi số là nhiệm vụ trọng tâm.")
    doc = Document.from_text(text, segment=False)
    hits = {hit.id: hit for hit in extract_themes(doc, model=small_model)}
    hit = hits["digital_transformation"]
    assert hit.rule in {"themes.model", "themes.lexicon-and-model"}
    assert 0 < hit.score <= 1 and hit.evidence and hit.paragraphs
    for span in hit.evidence + hit.paragraphs:
        assert text[span.start:span.end] == span.text
    assert "Hội nghị cũng bàn công tác văn thư" not in {p.text[:34] for p in hit.paragraphs}


def test_one_line_texts_have_sentence_windows_for_paragraphs():
    text = "Câu một. Câu hai. Câu ba. Câu bốn. Câu năm."
    assert text_units(text) == [(0, 25), (26, 43)]
    lines = "Dòng một.\nDòng hai.\nDòng ba."
    assert text_units(lines) == [(0, 9), (10, 19), (20, 28)]


def test_a_theme_the_model_does_not_know_falls_back_to_its_lexicon(small_model):
    taxonomy = parse_taxonomy("themes:\n  - id: high_speed_rail\n    lexicon: {đường sắt tốc độ cao: 3, tàu cao tốc: 2}\n",
                              "mine.yaml", base=default_taxonomy())
    text = ("Dự án đường sắt tốc độ cao Bắc - Nam được khởi công. Tuyến đường sắt tốc độ cao dài 1.541 km. "
            "Tàu cao tốc chạy 350 km/h trên đường sắt tốc độ cao.")
    hits = {hit.id: hit for hit in extract_themes(Document.from_text(text, segment=False), taxonomy, model=small_model)}
    assert hits["high_speed_rail"].rule == "themes.lexicon"
    assert [e.text for e in hits["high_speed_rail"].evidence][0] == "đường sắt tốc độ cao"
    assert hits["high_speed_rail"].paragraphs


def test_lexicon_alone_still_available(small_model):
    text = "Quảng Ninh đẩy mạnh chuyển đổi số. Tỉnh phát triển chính quyền số và kinh tế số. Chuyển đổi số là trọng tâm."
    hits = extract_themes(Document.from_text(text, segment=False), model=False)
    assert [(h.id, h.rule) for h in hits] == [("digital_transformation", "themes.lexicon")]


def test_the_shipped_model_is_small_safe_and_on_by_default():
    path = Path(str(shipped_model_path()))
    assert path.name == MODEL_FILE and path.stat().st_size < 2_000_000  # no shipped file over 2 MB
    with np.load(path, allow_pickle=False) as data:
        assert all(data[name].dtype != object for name in data.files)
    model = default_model()
    assert model is not None and set(model.theme_ids) == set(default_taxonomy().ids)


def test_records_keep_paragraphs_as_offsets():
    import policytext
    from policytext.model import Record

    text = "Quảng Ninh đẩy mạnh chuyển đổi số.\nTỉnh phát triển chính quyền số và kinh tế số.\nChuyển đổi số là trọng tâm."
    record = policytext.analyze(text, title="Quảng Ninh đẩy mạnh chuyển đổi số", options=policytext.Options(tokens=False))
    theme = record.to_dict()["themes"][0]
    assert theme["paragraphs"] and set(theme["paragraphs"][0]) == {"start", "end"}
    again = Record.from_dict(json.loads(json.dumps(record.to_dict())))
    assert again.themes[0].paragraphs == record.themes[0].paragraphs
    older = record.to_dict()
    del older["themes"][0]["paragraphs"]  # records written before the field existed still load
    assert Record.from_dict(older).themes[0].paragraphs == []


def test_word_starts_are_the_regex_word_starts():
    from policytext.themes.model import _TOKEN, word_starts

    for text in ["", " ", "a", "_x_ y", "Chuyển đổi số, 100% dịch vụ công", "Ẩn 𝔘 😀x dđ ǅ ﬁ", "abc  ", "  abc",
                 "x\u0301y z\u200bw", "１２３ ٣ 𐍈𐌰"]:
        assert word_starts(text).tolist() == [m.start() for m in _TOKEN.finditer(text)], text
