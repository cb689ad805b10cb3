import json

import pytest
from typer.testing import CliRunner

from policytext.cli import app

runner = CliRunner()
TEXT = "Chiều 30/8, Bộ trưởng Bộ Công Thương Nguyễn Hồng Diên ký Chỉ thị 34-CT/TW."


@pytest.mark.parametrize("command", [[], ["run"], ["analyze"], ["themes"], ["eval"]])
def test_help_everywhere(command):
    result = runner.invoke(app, [*command, "--help"])
    assert result.exit_code == 0
    assert "Usage" in result.output


def test_analyze_reads_stdin_and_prints_one_record():
    result = runner.invoke(app, ["analyze", "-", "--title", "Lễ", "--published", "2021-08-30T20:01:00+07:00",
                                 "--indent", "0"], input=TEXT.encode("utf-8"))
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    assert record["title"] == "Lễ" and record["text"] == TEXT
    assert record["legal_refs"][0]["code"] == "34-CT/TW"


def test_analyze_decodes_utf16_files(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(TEXT.encode("utf-16"))
    result = runner.invoke(app, ["analyze", str(path), "--no-tokens"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["text"] == TEXT


def test_analyze_reads_a_seed_layout_file_like_run_does(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Lễ phát động thi đua\n30/08/2021 - 20:01\n\n" + TEXT + "\n\nPhương Thanh\n", encoding="utf-8")
    result = runner.invoke(app, ["analyze", str(path), "--no-tokens"])
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    assert record["title"] == "Lễ phát động thi đua" and record["author"] == "Phương Thanh"
    assert record["published"] == "2021-08-30T20:01:00+07:00" and record["text"] == TEXT
    assert record["dates"][0]["value"] == "2021-08-30"  # "Chiều 30/8" resolved against the file's date


def test_analyze_refuses_a_file_of_many_articles(tmp_path):
    path = tmp_path / "many.jsonl"
    path.write_text('{"text": "một"}\n{"text": "hai"}\n', encoding="utf-8")
    result = runner.invoke(app, ["analyze", str(path)])
    assert result.exit_code == 1
    assert "policytext run" in result.output


def test_run_prints_a_summary_and_writes_outputs(tmp_path):
    source = tmp_path / "a.jsonl"
    source.write_text(json.dumps({"body": {"text": TEXT}, "headline": "x"}, ensure_ascii=False) + "\n",
                      encoding="utf-8")
    result = runner.invoke(app, ["run", str(source), "-o", str(tmp_path / "out"), "--text-field", "body.text",
                                 "--quiet"])
    assert result.exit_code == 0, result.output
    assert "records" in result.output
    record = json.loads((tmp_path / "out" / "records" / "part-00000.jsonl").read_text(encoding="utf-8"))
    assert record["text"] == TEXT


def test_run_exits_non_zero_when_nothing_could_be_read(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{broken\n", encoding="utf-8")
    result = runner.invoke(app, ["run", str(bad), "-o", str(tmp_path / "out"), "-q"])
    assert result.exit_code == 1
    assert (tmp_path / "out" / "errors" / "part-00000.jsonl").read_text().count("\n") == 1
    assert "1 × broken JSON on line N" in result.output  # the summary names the commonest reasons


def test_usage_errors_exit_with_2(tmp_path):
    assert runner.invoke(app, ["run", str(tmp_path)]).exit_code == 2  # no -o
    assert runner.invoke(app, ["run", str(tmp_path), "-o", str(tmp_path / "o"), "--segmenter", "x"]).exit_code == 2


def test_themes_prints_the_default_taxonomy():
    result = runner.invoke(app, ["themes"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert "digital_transformation" in result.output and "covid_dual_goal" in result.output


def test_eval_segmentation_prints_f1(shared_data):
    result = runner.invoke(app, ["eval", "segmentation", "--gold", str(shared_data / "ud-vtb/vi_vtb-ud-test.conllu")])
    assert result.exit_code == 0
    assert "F1=0.97" in result.output


def test_eval_extract_prints_the_report(shared_data):
    result = runner.invoke(app, ["eval", "extract", "--shared", str(shared_data)], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    for row in ("officials (by name)", "dates (overlap)", "legal refs (all)", "task count exact"):
        assert row in result.output


def test_eval_themes_prints_micro_and_macro_f1(shared_data):
    result = runner.invoke(app, ["eval", "themes", "--vntc", str(shared_data / "vntc")], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "micro" in result.output and "macro" in result.output


def test_explain_prints_each_item_with_its_rule():
    from typer.testing import CliRunner

    from policytext.cli import app

    text = ("Phó chủ tịch thành phố Hải Phòng Nguyễn Văn Tùng cho biết sáng 3/2 UBND thành phố đã ban hành "
            "Quyết định số 12/QĐ-UBND.")
    result = CliRunner().invoke(app, ["explain", text, "--published", "2026-02-06"])
    assert result.exit_code == 0, result.output
    assert "[officials.title-chain-then-name]" in result.output
    assert "[dates.day-numeric]" in result.output and "[legal_refs.state-code]" in result.output
    data = json.loads(CliRunner().invoke(app, ["explain", text, "--published", "2026-02-06", "--json"]).output)
    assert [o["rule"] for o in data["officials"]] == ["officials.title-chain-then-name"]
    assert [(d["text"], d["value"], d["rule"]) for d in data["dates"]] == [("sáng 3/2", "2026-02-03", "dates.day-numeric")]
    assert [r["rule"] for r in data["legal_refs"]] == ["legal_refs.state-code"]
    assert data["rules"]["dates.day-numeric"]["purpose"]


def test_explain_shows_the_vetoes_that_fired():
    import policytext

    explanation = policytext.explain("Trợ lý Bộ trưởng Bộ Tư pháp Đào Việt Trung có mặt. Thứ hai, tăng cường kiểm tra.")
    assert explanation.record.officials == []
    assert "officials.assistant-of-title" in {v.rule for v in explanation.vetoes}
    assert "dates.ordinal-not-weekday" in {v.rule for v in explanation.vetoes}


def test_eval_themes_scores_a_split_of_the_theme_corpus(shared_data, tmp_path):
    from pathlib import Path

    corpus = Path(__file__).resolve().parents[1] / "benchmarks" / "gold" / "themes" / "corpus.jsonl"
    rows = [json.loads(line) for line in corpus.read_text(encoding="utf-8").splitlines()]
    # a few train articles of every dump (never the test split in a test), the modern ones with titles
    picked = [next(r for r in rows if r["split"] == "train" and r["source"] == s) for s in sorted({r["source"] for r in rows})]
    gold = tmp_path / "gold.jsonl"
    gold.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in picked), encoding="utf-8")
    result = runner.invoke(app, ["eval", "themes", "--gold", str(gold), "--split", "train", "--shared", str(shared_data)],
                           env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert f"split train: {len(picked)} articles" in result.output
    missing = runner.invoke(app, ["eval", "themes", "--gold", str(gold), "--split", "test", "--shared", str(shared_data)],
                            env={"COLUMNS": "300"})
    assert missing.exit_code == 1 and "no article of split 'test'" in missing.output


def test_eval_themes_scores_the_test_split_by_default(shared_data):
    result = runner.invoke(app, ["eval", "themes", "--shared", str(shared_data), "--lexicon-only"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "corpus.jsonl split test (lexicon only): 234 articles" in result.output
