"""Scoring maths of the extraction evaluation on tiny hand-made gold/prediction pairs."""

from __future__ import annotations

import json

import pytest

from policytext.evaluation.extract import (article_text, canonical_code, evaluate, format_report, load_gold,
                                 run_eval, seed_article)

TEXT = "Chiều 30/8, Bộ trưởng Nguyễn Hồng Diên ký Chỉ thị 34-CT/TW và Luật Đầu tư. Thứ nhất, làm. Thứ hai, làm."


def gold_entry(**fields) -> dict:
    entry = {"source": "vntc-test-x.jsonl.gz", "id": "a1", "published": None,
             "officials": [], "dates": [], "legal_refs": [], "tasks": []}
    entry.update(fields)
    return entry


def span(text: str, **fields) -> dict:
    start = TEXT.index(text)
    return {"start": start, "end": start + len(text), "text": text, **fields}


DIEN = {"name": "Nguyễn Hồng Diên", "positions": [{"title": "Bộ trưởng", "organization": "Bộ Công Thương"},
                                                  {"title": "Bí thư", "organization": None}]}
DATE = span("Chiều 30/8", value="2021-08-30", grain="day")
CHI_THI = span("Chỉ thị 34-CT/TW", doc_type="Chỉ thị", code="34-CT/TW", number="34", year=None, issuer="TW")
LUAT = span("Luật Đầu tư", doc_type="Luật", code=None, number=None, year=None, issuer=None)
TASKS = [{"ordinal": 1, "marker": "Thứ nhất", "start": TEXT.index("Thứ nhất"), "end": 0},
         {"ordinal": 2, "marker": "Thứ hai", "start": TEXT.index("Thứ hai"), "end": 0}]
FULL = gold_entry(officials=[DIEN], dates=[DATE], legal_refs=[CHI_THI, LUAT], tasks=TASKS)


def score(gold: dict, prediction: dict) -> dict:
    return evaluate([gold], lambda text, published: prediction, texts={gold["id"]: TEXT})


def test_perfect_prediction_scores_one_everywhere():
    result = score(FULL, {k: FULL[k] for k in ("officials", "dates", "legal_refs", "tasks")})
    for key in ("officials", "dates", "legal_refs", "task_markers"):
        assert (result[key]["precision"], result[key]["recall"], result[key]["f1"]) == (1.0, 1.0, 1.0)
    for key in ("title", "title_org", "date_value", "date_grain", "doc_type", "task_count"):
        assert result[key]["accuracy"] == 1.0
    assert result["articles"] == 1 and result["skipped"] == []


def test_empty_prediction_has_zero_recall_and_undefined_precision():
    result = score(FULL, {})
    assert result["officials"]["recall"] == 0.0 and result["officials"]["precision"] is None
    assert result["dates"]["f1"] is None
    assert result["task_count"]["accuracy"] == 0.0
    assert result["title"]["total"] == 0  # nothing matched, so no attachment trials


def test_half_right_officials_and_names_compared_case_and_space_insensitively():
    gold = gold_entry(officials=[DIEN, {"name": "Trần Văn A", "positions": [{"title": "Thứ trưởng", "organization": None}]}])
    predicted = {"officials": [
        {"name": "nguyễn  hồng diên", "positions": [{"title": "bộ trưởng", "organization": "Bộ  công thương"}]},
        {"name": "Lê Văn B", "positions": []}]}
    result = score(gold, predicted)
    assert result["officials"]["precision"] == 0.5 and result["officials"]["recall"] == 0.5
    # Diên: Bộ trưởng found with its organisation, Bí thư missing
    assert result["title"]["accuracy"] == 0.5 and result["title_org"]["accuracy"] == 0.5


def test_title_found_with_the_wrong_organisation_counts_for_title_only():
    predicted = {"officials": [{"name": "Nguyễn Hồng Diên", "positions": [
        {"title": "Bộ trưởng", "organization": "Bộ Tài chính"}, {"title": "Bí thư", "organization": None}]}]}
    result = score(gold_entry(officials=[DIEN]), predicted)
    assert result["title"]["accuracy"] == 1.0
    assert result["title_org"]["accuracy"] == 0.5


def test_dates_match_by_overlap_and_score_value_and_grain_separately():
    gold = gold_entry(dates=[DATE])
    predicted = {"dates": [{"start": DATE["start"] + 6, "end": DATE["end"], "text": "30/8",
                            "value": "2021-08", "grain": "day"},
                           {"start": 80, "end": 85, "text": "x", "value": None, "grain": "day"}]}
    result = score(gold, predicted)
    assert result["dates"]["tp"] == 1 and result["dates"]["precision"] == 0.5 and result["dates"]["recall"] == 1.0
    assert result["date_value"]["accuracy"] == 0.0
    assert result["date_grain"]["accuracy"] == 1.0


def test_a_partial_value_agrees_with_a_null_gold_value_and_is_counted():
    """The gold writes null where the year is unknown (labelled before RECORD.md's partial values)."""
    undated = dict(DATE, value=None)
    partial = dict(DATE, value="XXXX-08-30")
    result = score(gold_entry(dates=[undated]), {"dates": [partial]})
    assert result["date_value"]["accuracy"] == 1.0 and result["date_partial"]["accuracy"] == 1.0
    # a year the gold does not know is wrong, partial or not
    result = score(gold_entry(dates=[undated]), {"dates": [dict(DATE, value="2021-08-30")]})
    assert result["date_value"]["accuracy"] == 0.0 and result["date_partial"]["accuracy"] == 0.0
    assert score(FULL, {"dates": [partial]})["date_value"]["accuracy"] == 0.0  # the gold knows the year


def test_one_predicted_span_cannot_match_two_gold_spans():
    a = {"start": 0, "end": 5, "text": "", "value": None, "grain": "day"}
    b = {"start": 6, "end": 10, "text": "", "value": None, "grain": "day"}
    result = score(gold_entry(dates=[a, b]), {"dates": [{"start": 0, "end": 10, "value": None, "grain": "day"}]})
    assert result["dates"]["tp"] == 1 and result["dates"]["recall"] == 0.5


def test_legal_refs_numbered_by_canonical_code_named_by_span():
    predicted = {"legal_refs": [
        {"start": 0, "end": 3, "code": "34 - CT/TW", "doc_type": "Nghị quyết"},  # code matches, type wrong
        {"start": LUAT["start"], "end": LUAT["end"] - 3, "code": None, "doc_type": "Luật"},
        {"start": 0, "end": 3, "code": "15/2020/NĐ-CP", "doc_type": "Nghị định"}]}
    result = score(gold_entry(legal_refs=[CHI_THI, LUAT]), predicted)
    assert result["legal_refs"]["tp"] == 2 and result["legal_refs"]["predicted"] == 3
    assert result["legal_numbered"]["recall"] == 1.0 and result["legal_named"]["recall"] == 1.0
    assert result["doc_type"]["accuracy"] == 0.5


def test_canonical_code_maps_look_alikes_and_drops_spaces_but_keeps_case():
    assert canonical_code("15/2020/N\u00d0-CP") == "15/2020/NĐ-CP"  # Icelandic Ð look-alike
    assert canonical_code("749 / QĐ-TTg") == "749/QĐ-TTg"
    assert canonical_code("34-\u0421T/TW") == "34-CT/TW"  # Cyrillic С


def test_task_count_and_marker_pairs():
    predicted = {"tasks": [{"ordinal": 1, "marker": "Thứ nhất"}, {"ordinal": 2, "marker": "Thứ ba"},
                           {"ordinal": 3, "marker": "Thứ tư"}]}
    result = score(gold_entry(tasks=TASKS), predicted)
    assert result["task_count"]["accuracy"] == 0.0
    assert result["task_markers"]["tp"] == 1
    assert result["task_markers"]["precision"] == pytest.approx(1 / 3) and result["task_markers"]["recall"] == 0.5


def test_no_gold_tasks_and_none_predicted_is_a_correct_count():
    result = score(gold_entry(), {"tasks": []})
    assert result["task_count"]["accuracy"] == 1.0


def test_counts_are_micro_averaged_over_articles():
    gold = [gold_entry(id="a", officials=[DIEN]), gold_entry(id="b", officials=[])]
    predictions = {"a": {"officials": [DIEN]}, "b": {"officials": [{"name": "X Y", "positions": []}]}}
    texts = {"a": "article a", "b": "article b"}
    by_text = {v: predictions[k] for k, v in texts.items()}
    result = evaluate(gold, lambda text, published: by_text[text], texts=texts)
    assert result["officials"]["tp"] == 1 and result["officials"]["predicted"] == 2
    assert result["officials"]["precision"] == 0.5 and result["articles"] == 2


def test_a_record_object_with_to_dict_is_accepted():
    class Fake:
        def to_dict(self):
            return {"officials": [DIEN]}

    result = evaluate([gold_entry(officials=[DIEN])], lambda text, published: Fake(), texts={"a1": TEXT})
    assert result["officials"]["f1"] == 1.0


def test_missing_article_is_skipped_with_a_reason(tmp_path):
    result = evaluate([gold_entry()], lambda text, published: {}, shared_dir=tmp_path)
    assert result["articles"] == 0
    assert "not found" in result["skipped"][0]
    assert "skipped" in format_report(result)


def test_report_is_a_table_with_every_extractor():
    report = format_report(score(FULL, {"officials": [DIEN]}))
    for label in ("officials", "dates", "legal refs", "task markers", "title + organization", "date value"):
        assert label in report
    assert "n/a" in report  # undefined precision when nothing was predicted


def test_load_gold_reads_every_part_in_a_folder(tmp_path):
    (tmp_path / "extract_dev.jsonl").write_text(json.dumps(gold_entry(id="a")) + "\n", encoding="utf-8")
    (tmp_path / "extract_dev_part2.jsonl").write_text(json.dumps(gold_entry(id="b")) + "\n\n", encoding="utf-8")
    (tmp_path / "themes_dev.jsonl").write_text("{}\n", encoding="utf-8")
    assert [e["id"] for e in load_gold(tmp_path)] == ["a", "b"]
    assert [e["id"] for e in load_gold(tmp_path / "extract_dev.jsonl")] == ["a"]


def test_seed_layout_rule_takes_the_body_between_date_and_author_lines():
    raw = "Tiêu đề\n30/08/2021 - 20:01\n\n  Thân bài một.\n\nThân bài hai.\n\nPhương Thanh\n"
    title, date_line, body = seed_article(raw)
    assert (title, date_line, body) == ("Tiêu đề", "30/08/2021 - 20:01", "Thân bài một.\n\nThân bài hai.")


def test_run_eval_with_a_custom_predictor_over_a_fixture_dump(tmp_path):
    import gzip

    shared = tmp_path / "data"
    (shared / "vntc").mkdir(parents=True)
    with gzip.open(shared / "vntc" / "vntc-test-x.jsonl.gz", "wt", encoding="utf-8") as handle:
        handle.write(json.dumps({"id": "a1", "category": "x", "text": TEXT}, ensure_ascii=False) + "\n")
    gold_dir = tmp_path / "gold"
    gold_dir.mkdir()
    (gold_dir / "extract_dev.jsonl").write_text(json.dumps(FULL, ensure_ascii=False) + "\n", encoding="utf-8")
    assert article_text(FULL, shared) == TEXT
    report = run_eval(gold_dir, shared, predict=lambda text, published: {"officials": [DIEN]})
    assert "1 articles scored" in report


def test_shipped_gold_spans_match_the_shared_texts(shared_data):
    """Every span of the shipped gold is exactly its text in ../shared (offsets are trustworthy)."""
    from pathlib import Path

    gold_dir = Path(__file__).resolve().parents[1] / "benchmarks" / "gold"
    entries = load_gold(gold_dir)
    assert len(entries) >= 24
    for entry in entries:
        text = article_text(entry, shared_data)
        for field in ("dates", "legal_refs"):
            for item in entry[field]:
                assert text[item["start"]:item["end"]] == item["text"], (entry["id"], item)
        for task in entry["tasks"]:
            assert text[task["start"]:task["end"]].startswith(task["marker"]), (entry["id"], task)


def test_details_list_misses_additions_and_wrong_values_per_article():
    predicted = {"officials": [{"name": "Lê Văn B", "positions": []}],
                 "dates": [{"start": DATE["start"], "end": DATE["end"], "value": None, "grain": "day"}],
                 "tasks": TASKS[:1]}
    result = evaluate([FULL], lambda text, published: predicted, texts={"a1": TEXT}, details=True)
    lines = result["details"]["vntc-test-x.jsonl.gz#a1"]
    assert "- official Nguyễn Hồng Diên" in lines and "+ official Lê Văn B" in lines
    assert any(line.startswith("~ date 'Chiều 30/8' gold 2021-08-30 day, predicted None") for line in lines)
    assert "- legal 'Chỉ thị 34-CT/TW' 34-CT/TW" in lines
    assert "~ tasks gold 2, predicted 1" in lines
    assert "- official Nguyễn Hồng Diên" in format_report(result)
