"""The spine end to end: analyze() records, offsets into the original text, runs and their outputs."""

import json
import unicodedata
from datetime import datetime

import pandas as pd
import pyarrow.parquet as pq
import pytest

import policytext
from policytext.model import Record
from policytext.pipeline import parse_published

SAMPLE = (
    "Chiều 30/8, Bộ trưởng Bộ Công Thương Nguyễn Hồng Diên chủ trì lễ phát động phong trào thi đua "
    "theo Chỉ thị 34-CT/TW và Nghị định 15/2020/NĐ-CP.\n\n"
    "Thứ nhất, đẩy mạnh chuyển đổi số.\n\nThứ hai, tăng cường kiểm tra."
)


def test_analyze_returns_a_record_with_every_field_of_the_contract():
    record = policytext.analyze(SAMPLE, title="Lễ phát động", published="2021-08-30T20:01:00+07:00")
    data = record.to_dict()
    for key in ("schema_version", "id", "source", "title", "published", "author", "lang", "text", "sentences",
                "tokens", "officials", "organizations", "dates", "legal_refs", "tasks", "themes", "errors"):
        assert key in data
    assert data["schema_version"] == "1"
    assert data["published"] == "2021-08-30T20:01:00+07:00"
    assert [t["marker"] for t in data["tasks"]] == ["Thứ nhất", "Thứ hai"]
    json.dumps(data, ensure_ascii=False)  # serialisable as is


def test_record_round_trips_through_its_dict():
    record = policytext.analyze(SAMPLE, published="2021-08-30")
    again = Record.from_dict(json.loads(json.dumps(record.to_dict(), ensure_ascii=False)))
    assert again.to_dict() == record.to_dict()


def _all_spans(data):
    text = data["text"]
    for token in data["tokens"]:
        yield text, token
    for kind in ("dates", "legal_refs"):
        yield from ((text, item) for item in data[kind])
    for official in data["officials"]:
        yield from ((text, m) for m in official["mentions"])
    for organization in data["organizations"]:
        yield from ((text, m) for m in organization["mentions"])
    for theme in data["themes"]:
        yield from ((text, e) for e in theme["evidence"])


@pytest.mark.parametrize("variant", ["nfc", "nfd", "messy"])
def test_every_offset_indexes_the_original_text(variant):
    text = SAMPLE
    if variant == "nfd":
        text = unicodedata.normalize("NFD", SAMPLE)
    elif variant == "messy":  # old-style tones, look-alike Đ, no-break spaces, CRLF
        text = SAMPLE.replace("Thi đua", "thi đua").replace("Đ", "\u00d0").replace(" ", "\u00a0", 3)
        text = text.replace("\n", "\r\n").replace("hóa", "hoá")
    data = policytext.analyze(text, published="2021-08-30").to_dict()
    assert data["text"] == text
    spans = list(_all_spans(data))
    assert any(item.get("pos") for _, item in spans)  # tokens are there
    for original, item in spans:
        assert original[item["start"]:item["end"]] == item["text"]
    for sentence in data["sentences"]:
        assert original[sentence["start"]:sentence["end"]].strip()


def test_legal_code_found_through_look_alike_letters():
    text = "Theo Nghị định 15/2020/\u00d0-CP và Chỉ thị 34-\u0421T/TW."
    data = policytext.analyze(text).to_dict()
    codes = {ref["code"] for ref in data["legal_refs"]}
    assert {"34-CT/TW"} <= codes
    for ref in data["legal_refs"]:
        assert text[ref["start"]:ref["end"]] == ref["text"]


@pytest.mark.parametrize(
    "value, iso, moment",
    [
        ("2021-08-30T20:01:00+07:00", "2021-08-30T20:01:00+07:00", datetime(2021, 8, 30, 20, 1)),
        ("30/08/2021 - 20:01", "2021-08-30T20:01:00+07:00", datetime(2021, 8, 30, 20, 1)),
        ("Thứ Hai, 30/08/2021 20:01", "2021-08-30T20:01:00+07:00", datetime(2021, 8, 30, 20, 1)),
        ("2021-08-30", "2021-08-30", datetime(2021, 8, 30)),
        ("30/8/2021", "2021-08-30", datetime(2021, 8, 30)),
    ],
)
def test_published_values_are_understood(value, iso, moment):
    parsed_iso, parsed = parse_published(value)
    assert parsed_iso == iso
    assert parsed.replace(tzinfo=None) == moment


def test_unparseable_published_is_reported_not_fatal():
    record = policytext.analyze("Năm 2021 tăng trưởng.", published="không rõ")
    assert record.published is None
    assert any("published" in e for e in record.errors)


def test_run_writes_every_output_and_counts_add_up(tmp_path):
    source = tmp_path / "in.jsonl"
    lines = [json.dumps({"id": "a1", "title": "T", "text": SAMPLE, "published": "2021-08-30"}, ensure_ascii=False),
             "{not json", json.dumps({"id": "a2", "text": "Thủ tướng Phạm Minh Chính làm việc."}, ensure_ascii=False)]
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    summary = policytext.run([source], out)
    assert summary["records"] == 2 and summary["errors"] == 1 and summary["articles_in"] == 3
    records = [json.loads(l) for l in (out / "records" / "part-00000.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in records] == ["a1", "a2"]
    errors = [json.loads(l) for l in (out / "errors" / "part-00000.jsonl").read_text(encoding="utf-8").splitlines()]
    assert errors[0]["source"]["index"] == 2 and "in.jsonl" in errors[0]["location"]
    articles = pd.read_parquet(out / "articles")  # a table is a folder of parts
    assert list(articles["id"]) == ["a1", "a2"]
    assert pq.read_table(out / "tasks" / "part-00000.parquet").num_rows == 2
    written = json.loads((out / "summary.json").read_text())
    assert written["records"] == 2 and "pyvi" in written["versions"]
    assert written["top_error_reasons"] == [["broken JSON on line N: Expecting property name enclosed in double "
                                             "quotes at column N", 1]]
    assert not [p for p in out.rglob("*") if ".tmp" in p.name]  # nothing half-written left
    assert [r.id for r in policytext.load(out)] == ["a1", "a2"]


def test_run_in_parallel_gives_the_same_records(tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join(json.dumps({"id": f"x{i}", "text": SAMPLE}, ensure_ascii=False)
                                for i in range(6)) + "\n", encoding="utf-8")
    policytext.run([source], tmp_path / "one", parquet=False, part_size=4)
    policytext.run([source], tmp_path / "two", parquet=False, part_size=4, jobs=2)
    for part in ("part-00000.jsonl", "part-00001.jsonl"):
        assert (tmp_path / "one" / "records" / part).read_bytes() == (tmp_path / "two" / "records" / part).read_bytes()


def test_an_extractor_crash_is_recorded_not_fatal(monkeypatch):
    from policytext import pipeline

    def broken(doc):
        raise RuntimeError("boom")

    real = pipeline._extractor
    monkeypatch.setitem(pipeline.EXTRACTORS, "tasks", "tests.test_pipeline:_broken")
    monkeypatch.setattr(pipeline, "_extractor", lambda target: broken if target.endswith("_broken") else real(target))
    record = policytext.analyze(SAMPLE)
    assert record.tasks == [] and any(e.startswith("tasks: RuntimeError: boom") for e in record.errors)
    assert record.legal_refs  # the other extractors still ran


def test_parallel_runs_read_the_input_in_bounded_batches():
    from policytext.pipeline import Options, analyze_items
    from policytext.model import Article, Source

    pulled = []

    def articles():
        for i in range(1000):
            pulled.append(i)
            yield Article(text=f"Năm {2000 + i % 20} tăng trưởng.", source=Source("gen", i))

    results = analyze_items(articles(), Options(tokens=False), jobs=2, batch=16)
    first = next(results)
    assert first.text.startswith("Năm 2000")
    assert len(pulled) <= 32  # not the whole input read ahead
    assert sum(1 for _ in results) == 999
