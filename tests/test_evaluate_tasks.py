"""Scoring of the task gold (policytext.evaluation.tasks) on tiny hand-made gold/prediction pairs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from policytext.cli import app
from policytext.evaluation.tasks import (HELD_OUT_ROUNDS, OPEN_ROUNDS, NoGoldEntries, details_refusal, evaluate_tasks,
                                         format_task_report, is_task_gold, load_task_gold, run_task_eval,
                                         same_actors, same_name, select_task_gold)

TASK_GOLD = Path(__file__).resolve().parents[1] / "benchmarks" / "gold" / "tasks" / "tasks_gold.jsonl"
runner = CliRunner()

TEXT = "Bộ trưởng yêu cầu: Thứ nhất, các sở rà soát trước ngày 30/9/2021. Thứ hai, báo cáo. Hết."


def item(marker: str, end_text: str, ordinal: int, **fields) -> dict:
    start = TEXT.index(marker)
    base = {"ordinal": ordinal, "marker": marker, "start": start, "end": TEXT.index(end_text) + len(end_text),
            "issued_by": None, "actor": [], "deadline": None, "directive": None, "list": 1}
    base.update(fields)
    return base


GOLD = {"source": "vntc-x", "id": "a", "published": None, "split": "dev", "enumerates_tasks": True,
        "tasks": [item("Thứ nhất", "30/9/2021.", 1, issued_by="Bộ trưởng Nguyễn Văn A", actor=["các sở"],
                       deadline={"value": "/2021-09-30", "start": 0, "end": 0}),
                  item("Thứ hai", "báo cáo.", 2, issued_by="Bộ trưởng Nguyễn Văn A")]}


def score(prediction: dict, gold: dict = GOLD) -> dict:
    return evaluate_tasks([gold], lambda text, published: prediction, texts={gold["id"]: TEXT}, details=True)


def test_perfect_prediction():
    tasks = [dict(t, issued_by="Nguyễn Văn A", deadline="/2021-09-30" if t["ordinal"] == 1 else None)
             for t in GOLD["tasks"]]
    result = score({"tasks": tasks})
    assert result["items"]["f1"] == 1.0 and result["ends"]["accuracy"] == 1.0
    assert result["count_exact"]["accuracy"] == 1.0 and result["count_exact_with_tasks"]["accuracy"] == 1.0
    assert result["issued_by"]["accuracy"] == 1.0 and result["issued_by"]["total"] == 2
    assert result["actor"]["accuracy"] == 1.0 and result["actor"]["total"] == 1
    assert result["deadline"]["accuracy"] == 1.0 and result["deadline"]["total"] == 1
    assert result["details"] == {}


def test_items_match_by_start_and_ends_are_scored_on_matches():
    first = dict(GOLD["tasks"][0], end=len(TEXT))  # runs to the end of the text
    result = score({"tasks": [first, dict(GOLD["tasks"][1], start=0)]})
    assert (result["items"]["tp"], result["items"]["gold"], result["items"]["predicted"]) == (1, 2, 2)
    assert result["ends"]["accuracy"] == 0.0
    assert result["count_exact"]["accuracy"] == 1.0  # two and two, although one is misplaced
    assert any(line.startswith("~ item 1") and "end" in line for line in result["details"]["vntc-x#a"])


def test_an_article_without_tasks_counts_for_the_overall_count_only():
    gold = dict(GOLD, id="b", enumerates_tasks=False, tasks=[])
    result = score({"tasks": []}, gold)
    assert result["count_exact"]["accuracy"] == 1.0 and result["count_exact_with_tasks"]["total"] == 0
    assert result["articles_with_tasks"]["gold"] == 0


def test_names_match_folded_or_contained_on_word_boundaries():
    assert same_name("Bộ trưởng Nguyễn Hồng Diên", "nguyễn hồng diên")
    assert same_name("“Bộ Công Thương”", "Bộ Công Thương")
    assert not same_name("Bộ Công Thương", "Bộ Tài chính") and not same_name("Bộ Công", None)
    assert same_actors(["các sở", "UBND tỉnh"], ["UBND tỉnh", "các sở"])
    assert not same_actors(["các sở"], ["các sở", "doanh nghiệp"])


def test_directive_is_right_when_a_mention_of_the_predicted_document_is_in_the_gold_text():
    gold = dict(GOLD, tasks=[dict(t, directive="Chỉ thị 34-CT/TW của Bộ Chính trị") for t in GOLD["tasks"]])
    prediction = {"tasks": [dict(t, directive="Chỉ thị|34-CT/TW") for t in GOLD["tasks"]],
                  "legal_refs": [{"text": "Chỉ thị 34-CT/TW", "doc_key": "Chỉ thị|34-CT/TW"}]}
    assert score(prediction, gold)["directive"]["accuracy"] == 1.0
    assert score({"tasks": GOLD["tasks"]}, gold)["directive"]["accuracy"] == 0.0


def test_split_filter_and_gold_kind(tmp_path):
    path = tmp_path / "tasks_gold.jsonl"
    path.write_text("\n".join(json.dumps(dict(GOLD, id=i, split=s)) for i, s in (("a", "dev"), ("b", "test"))),
                    encoding="utf-8")
    assert [e["id"] for e in load_task_gold(path, "test")] == ["b"]
    assert len(load_task_gold(path)) == 2 and is_task_gold(path)
    with path.open("a", encoding="utf-8") as handle:  # a round-2 line; lines without "round" are round 1
        handle.write("\n" + json.dumps(dict(GOLD, id="c", split="dev", round=2)))
    assert [e["id"] for e in load_task_gold(path, "dev", 1)] == ["a"]
    assert [e["id"] for e in load_task_gold(path, "dev", 2)] == ["c"]
    assert [e["id"] for e in load_task_gold(path, "dev")] == ["a", "c"]
    other = tmp_path / "extract_dev.jsonl"
    other.write_text(json.dumps({"source": "x", "id": "y", "tasks": []}), encoding="utf-8")
    assert not is_task_gold(other)


def test_report_names_every_measure():
    report = format_task_report(score({"tasks": GOLD["tasks"]}), "dev")
    for label in ("items (by start)", "task count exact", "ends right", "issued_by", "actor", "deadline", "directive"):
        assert label in report


def test_the_committed_gold_holds_nine_rounds_the_third_and_fifth_test_only_the_fourth_and_sixth_to_ninth_dev_only():
    """Round 5 is the held-out test, round 3 a retired test, rounds 4, 6, 7, 8 and 9 dev sets drawn to develop on
    (benchmarks/gold/tasks/README.md): a round that gained or lost a split would change what may be tuned on."""
    entries = load_task_gold(TASK_GOLD)
    sizes = {r: len(load_task_gold(TASK_GOLD, None, r)) for r in (1, 2, 3, 4, 5, 6, 7, 8, 9)}
    assert sizes == {1: 191, 2: 160, 3: 100, 4: 80, 5: 70, 6: 60, 7: 60, 8: 60, 9: 60} and len(entries) == 841
    assert all("round" not in e for e in entries[:191])  # round 1's lines stay as first written
    assert [e.get("round", 1) for e in entries] == sorted(e.get("round", 1) for e in entries)  # rounds appended
    assert {e["split"] for e in load_task_gold(TASK_GOLD, None, 3)} == {"test"}
    assert {e["split"] for e in load_task_gold(TASK_GOLD, None, 4)} == {"dev"}
    assert {e["split"] for e in load_task_gold(TASK_GOLD, None, 5)} == {"test"}
    assert {e["split"] for e in load_task_gold(TASK_GOLD, None, 6)} == {"dev"}
    assert {e["split"] for e in load_task_gold(TASK_GOLD, None, 7)} == {"dev"}
    assert {e["split"] for e in load_task_gold(TASK_GOLD, None, 8)} == {"dev"}
    assert {e["split"] for e in load_task_gold(TASK_GOLD, None, 9)} == {"dev"}
    assert HELD_OUT_ROUNDS == {5} and not HELD_OUT_ROUNDS & OPEN_ROUNDS and {6, 7, 8, 9} <= OPEN_ROUNDS
    # a run without --round leaves the held-out round out: --split test means what it meant before round 5, the
    # test articles of rounds 1-3, exactly; round 5 is scored only when named
    test = select_task_gold(TASK_GOLD, "test")
    assert len(test) == 94 + 79 + 100
    assert [e["id"] for e in test] == [e["id"] for r in (1, 2, 3) for e in load_task_gold(TASK_GOLD, "test", r)]
    assert len(select_task_gold(TASK_GOLD, "test", 5)) == 70
    # --split dev takes the dev rounds as they come: rounds 1, 2, 4, 6, 7, 8 and 9
    dev = select_task_gold(TASK_GOLD, "dev")
    assert len(dev) == 97 + 81 + 80 + 60 + 60 + 60 + 60
    assert [e["id"] for e in dev] == [e["id"] for r in (1, 2, 4, 6, 7, 8, 9)
                                      for e in load_task_gold(TASK_GOLD, "dev", r)]
    assert len(select_task_gold(TASK_GOLD, "dev", 6)) == 60
    assert len(select_task_gold(TASK_GOLD, "dev", 7)) == 60
    assert len(select_task_gold(TASK_GOLD, "dev", 8)) == 60
    assert len(select_task_gold(TASK_GOLD, "dev", 9)) == 60
    assert len(select_task_gold(TASK_GOLD)) == 841 - 70


def test_the_report_names_the_rounds_scored_and_the_held_out_round_left_out():
    report = format_task_report(score({"tasks": GOLD["tasks"]}), "test", None, {1, 2, 3})
    assert report.splitlines()[0].startswith("Task gold (test split, rounds 1, 2, 3): 1 articles scored")
    assert "held-out round 5 left out" in report.splitlines()[1]
    assert format_task_report(score({"tasks": GOLD["tasks"]}), "test", 5).startswith("Task gold (test split, round 5)")


@pytest.mark.parametrize("split, round_, message", [
    ("test", "4", "round 4 of the task gold has no test split: its articles are dev only (use --split dev)"),
    ("dev", "3", "round 3 of the task gold has no dev split: its articles are test only (use --split test)"),
    ("dev", "5", "round 5 of the task gold has no dev split: its articles are test only (use --split test)"),
    ("test", "6", "round 6 of the task gold has no test split: its articles are dev only (use --split dev)"),
    ("test", "7", "round 7 of the task gold has no test split: its articles are dev only (use --split dev)"),
    ("test", "8", "round 8 of the task gold has no test split: its articles are dev only (use --split dev)"),
    ("test", "9", "round 9 of the task gold has no test split: its articles are dev only (use --split dev)"),
])
def test_eval_extract_says_when_a_round_has_no_such_split(split, round_, message, tmp_path):
    # refused before any article is read or analysed
    result = runner.invoke(app, ["eval", "extract", "--gold", str(TASK_GOLD), "--split", split, "--round", round_,
                                 "--shared", str(tmp_path / "none")], env={"COLUMNS": "300"})
    assert result.exit_code == 1
    assert message in " ".join(result.output.split())


@pytest.mark.parametrize("args, message", [
    (["--split", "test", "--round", "5"], "round 5 of the task gold is the held-out test: it is scored in aggregate "
                                          "only, never with --details"),
    (["--round", "5"], "round 5 of the task gold is the held-out test"),
    (["--split", "test"], "--details needs --split dev, or --round 1, 2, 3, 4, 6, 7, 8 or 9"),
])
def test_eval_extract_refuses_details_on_the_held_out_round(args, message, tmp_path):
    # refused before any article is read or analysed (no texts are given)
    result = runner.invoke(app, ["eval", "extract", "--gold", str(TASK_GOLD), "--details", *args,
                                 "--shared", str(tmp_path / "none")], env={"COLUMNS": "300"})
    assert result.exit_code == 2
    assert message in " ".join(result.output.replace("│", " ").split())


@pytest.mark.parametrize("args", [["--split", "test", "--round", "3"], ["--split", "test", "--round", "1"],
                                  ["--round", "3"], ["--split", "dev"], ["--split", "dev", "--round", "6"],
                                  ["--round", "6"], ["--split", "dev", "--round", "7"], ["--round", "7"],
                                  ["--split", "dev", "--round", "8"], ["--round", "8"],
                                  ["--split", "dev", "--round", "9"], ["--round", "9"]])
def test_eval_extract_allows_details_on_spent_and_retired_rounds(args, tmp_path):
    # the details are accepted: the run stops only because the texts are missing (no article is read)
    result = runner.invoke(app, ["eval", "extract", "--gold", str(TASK_GOLD), "--details", *args,
                                 "--shared", str(tmp_path / "none")], env={"COLUMNS": "300"})
    assert result.exit_code == 1
    assert "shared reference data not found" in " ".join(result.output.split())


def test_run_task_eval_refuses_details_on_the_held_out_round_before_reading():
    def predict(text, published):
        raise AssertionError("no article may be read")

    for split in ("test", None):
        with pytest.raises(ValueError, match="held-out test"):
            run_task_eval(TASK_GOLD, "no-such-dir", split=split, details=True, predict=predict, round_=5)
    assert details_refusal("dev", None) is None and details_refusal("test", 3) is None
    assert details_refusal("dev", 6) is None and details_refusal(None, 6) is None
    assert details_refusal("dev", 7) is None and details_refusal(None, 7) is None
    assert details_refusal("dev", 8) is None and details_refusal(None, 8) is None
    assert details_refusal("dev", 9) is None and details_refusal(None, 9) is None
    assert details_refusal("test", None) and details_refusal("dev", 5)


@pytest.mark.parametrize("round_", [6, 7, 8, 9])
def test_run_task_eval_refuses_the_test_split_of_dev_rounds_6_to_9_before_reading(round_):
    def predict(text, published):
        raise AssertionError("no article may be read")

    with pytest.raises(NoGoldEntries, match=f"round {round_} of the task gold has no test split"):
        run_task_eval(TASK_GOLD, "no-such-dir", split="test", predict=predict, round_=round_)
