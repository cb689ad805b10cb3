"""Theme discovery over a tiny run: topics, their terms, examples and months, and the draft taxonomy."""

from __future__ import annotations

import json
import random

import pytest
import yaml
from typer.testing import CliRunner

import policytext
from policytext.cli import app
from policytext.document import Document
from policytext.extract.themes import extract_themes
from policytext.model import Record, Source, ThemeHit
from policytext.themes.discovery import discover, draft_taxonomy
from policytext.themes.taxonomy import load_taxonomy

TOPICS = {
    "football": ["đội tuyển bóng đá", "huấn luyện viên", "trận đấu", "ghi bàn", "vòng loại", "cầu thủ", "sân vận động"],
    "flood": ["mưa lớn", "lũ quét", "sạt lở đất", "mực nước sông", "di dời dân", "áp thấp nhiệt đới", "ngập sâu"],
    "traffic": ["tai nạn giao thông", "xe tải", "xe máy", "va chạm", "tài xế", "quốc lộ", "nồng độ cồn"],
}
FILLER = ["Theo thông tin ban đầu", "Chiều qua", "Người dân cho biết", "Sáng nay", "Theo ghi nhận của phóng viên"]


def _article(rng: random.Random, topic: str, n: int) -> tuple[str, str]:
    words = TOPICS[topic]
    sentences = [f"{rng.choice(FILLER)}, {rng.choice(words)}; {rng.choice(words)}, {rng.choice(words)}."
                 for _ in range(6)]
    return f"Bài {n}: {rng.choice(words)} {rng.choice(words)}", " ".join(sentences)


@pytest.fixture
def tiny_run(tmp_path):
    rng = random.Random(3)
    lines = []
    n = 0
    for topic in TOPICS:
        for i in range(12):
            n += 1
            title, text = _article(rng, topic, n)
            month = f"2025-0{1 + i % 3}-1{i % 9}T08:00:00+07:00" if i != 11 else None
            lines.append(Record(f"r{n}", Source(path="tiny.jsonl"), text, title=title, published=month))
    labelled = Record("labelled", Source(path="tiny.jsonl"), "Chuyển đổi số.", title="Chuyển đổi số",
                      themes=[ThemeHit("digital_transformation", 0.9)])
    lines.append(labelled)
    run = tmp_path / "run"
    run.mkdir()
    (run / "records.jsonl").write_text("".join(json.dumps(r.to_dict(), ensure_ascii=False) + "\n" for r in lines),
                                       encoding="utf-8")
    return run


def test_topics_with_terms_examples_and_months(tiny_run):
    found = discover(policytext.load(tiny_run), topics=3)
    assert found.articles == 36 and found.skipped_labelled == 1
    assert sum(topic.articles for topic in found.topics) == 36
    for topic in found.topics:
        terms = " ".join(term for term, _ in topic.terms[:6])
        # each topic is one of the three subjects, never a mixture of their words
        assert sum(any(w in terms for w in words) for words in TOPICS.values()) == 1, terms
        assert len(topic.examples) == 3 and topic.examples[0].startswith("Bài ")
        assert sum(topic.by_month.values()) == topic.articles
    months = set().union(*(topic.by_month for topic in found.topics))
    assert {"2025-01", "2025-02", "2025-03", "undated"} == months


def test_same_run_same_seed_same_topics(tiny_run):
    first = discover(policytext.load(tiny_run), topics=3, seed=5)
    again = discover(policytext.load(tiny_run), topics=3, seed=5)
    assert [t.terms for t in first.topics] == [t.terms for t in again.topics]


def test_draft_taxonomy_extends_the_default_and_labels_by_lexicon(tiny_run, tmp_path):
    found = discover(policytext.load(tiny_run), topics=3)
    draft = tmp_path / "draft.yaml"
    draft.write_text(draft_taxonomy(found, "tiny"), encoding="utf-8")
    assert yaml.safe_load(draft.read_text(encoding="utf-8"))["themes"][0]["id"].startswith("discovered_")
    taxonomy = load_taxonomy(draft, extend=True)
    assert {"discovered_1", "discovered_2", "discovered_3", "digital_transformation"} <= set(taxonomy.ids)
    football = next(t for t in found.topics if any("bóng" in term or "cầu thủ" in term for term, _ in t.terms))
    text = ("Đội tuyển bóng đá thắng trận đấu vòng loại. Huấn luyện viên khen cầu thủ ghi bàn. "
            "Trận đấu trên sân vận động kéo dài. Cầu thủ ghi bàn hai lần, đội tuyển bóng đá dẫn đầu vòng loại.")
    hits = {hit.id: hit for hit in extract_themes(Document.from_text(text, segment=False), taxonomy)}
    assert hits[football.id].rule == "themes.lexicon"  # the model does not know it: its lexicon decides


def test_too_few_articles_is_a_clear_error(tmp_path):
    run = tmp_path / "run"
    run.mkdir()
    record = Record("a", Source(path="x"), "Một bài.", title="Một")
    (run / "records.jsonl").write_text(json.dumps(record.to_dict(), ensure_ascii=False) + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match="only 1 articles"):
        discover(policytext.load(run), topics=3)


def test_the_command_prints_topics_and_writes_the_draft(tiny_run, tmp_path):
    runner = CliRunner()
    draft = tmp_path / "draft.yaml"
    result = runner.invoke(app, ["themes", "discover", str(tiny_run), "--topics", "3", "--write", str(draft)],
                           env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "discovered_1" in result.output and "2025-01" in result.output
    assert runner.invoke(app, ["themes", "--taxonomy", str(draft), "--extend-taxonomy"],
                         env={"COLUMNS": "200"}).exit_code == 0
    shown = runner.invoke(app, ["themes", "show"], env={"COLUMNS": "200"})
    assert shown.exit_code == 0 and "digital_transformation" in shown.output
    missing = runner.invoke(app, ["themes", "discover", str(tmp_path / "nothing")])
    assert missing.exit_code == 2
