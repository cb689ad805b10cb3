"""Which officials-gold lines `policytext eval officials` scores: files, folders, rounds and splits."""

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from policytext.cli import app
from policytext.evaluation.extract import MissingData
from policytext.evaluation.officials import load_officials_gold, select_entries

GOLD = Path(__file__).resolve().parents[1] / "benchmarks" / "gold" / "officials"
runner = CliRunner()


def _line(id_: str, split: str, round_: int | None = None) -> dict:
    line = {"source": "s", "id": id_, "line": 0, "published": None, "stratum": "random", "split": split}
    if round_ is not None:
        line["round"] = round_
    return {**line, "officials": [], "annotator": "O1"}


def _write(path: Path, lines: list[dict]) -> None:
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")


def test_a_folder_reads_every_round_and_a_round_or_split_selects(tmp_path):
    _write(tmp_path / "officials_gold.jsonl", [_line("a", "dev"), _line("b", "test")])
    _write(tmp_path / "officials_gold-2.jsonl", [_line("c", "dev", 2), _line("d", "test", 2), _line("e", "dev", 2)])
    _write(tmp_path / "sample.jsonl", [_line("x", "dev")])  # not a gold file: never read
    entries = load_officials_gold(tmp_path)
    assert [e["id"] for e in entries] == ["a", "b", "c", "d", "e"]  # round 1 first
    assert [e["id"] for e in select_entries(entries, "dev", "all")] == ["a", "c", "e"]
    assert [e["id"] for e in select_entries(entries, "dev", "1")] == ["a"]  # no "round": round 1
    assert [e["id"] for e in select_entries(entries, "test", 2)] == ["d"]
    assert [e["id"] for e in select_entries(entries, "all", None)] == ["a", "b", "c", "d", "e"]
    assert [e["id"] for e in load_officials_gold(tmp_path / "officials_gold-2.jsonl")] == ["c", "d", "e"]


def test_a_folder_reads_the_rounds_in_round_order_round_10_after_round_9(tmp_path):
    # by name, officials_gold-10.jsonl would come before officials_gold-2.jsonl
    for number in (10, 2, 9):
        _write(tmp_path / f"officials_gold-{number}.jsonl", [_line(f"r{number}", "dev", number)])
    _write(tmp_path / "officials_gold.jsonl", [_line("r1", "dev")])
    assert [e["id"] for e in load_officials_gold(tmp_path)] == ["r1", "r2", "r9", "r10"]


def test_the_committed_gold_holds_seventeen_rounds_3_4_9_15_to_17_test_sets_only_5_to_8_and_10_to_14_dev_sets_only():
    entries = load_officials_gold(GOLD)
    assert len(select_entries(entries, "all", 1)) == 109 and len(select_entries(entries, "all", 2)) == 98
    assert len(select_entries(entries, "all", 3)) == 58 and len(select_entries(entries, "all", 4)) == 57
    assert len(select_entries(entries, "all", 5)) == 42 and len(select_entries(entries, "all", 6)) == 42
    assert len(select_entries(entries, "all", 7)) == 39 and len(select_entries(entries, "all", 8)) == 57
    assert len(select_entries(entries, "all", 9)) == 57 and len(select_entries(entries, "all", 10)) == 38
    assert len(select_entries(entries, "all", 11)) == 55 and len(select_entries(entries, "all", 12)) == 55
    assert len(select_entries(entries, "all", 13)) == 54 and len(select_entries(entries, "all", 14)) == 54
    assert len(select_entries(entries, "all", 15)) == 54 and len(select_entries(entries, "all", 16)) == 52
    assert len(select_entries(entries, "all", 17)) == 56
    assert all("round" not in e for e in select_entries(entries, "all", 1))
    assert {e["split"] for e in entries} == {"dev", "test"}
    for round_ in (3, 4, 9, 15, 16, 17):
        assert {e["split"] for e in select_entries(entries, "all", round_)} == {"test"}
        assert select_entries(entries, "dev", round_) == []
    for round_ in (5, 6, 7, 8, 10, 11, 12, 13, 14):
        assert {e["split"] for e in select_entries(entries, "all", round_)} == {"dev"}
        assert select_entries(entries, "test", round_) == []
    # --split test: the test articles of rounds 1-4 (as before rounds 5 to 8), of round 9 (retired) and of rounds 15-17
    # (the held-out sets), exactly
    test = select_entries(entries, "test", "all")
    assert len(test) == 58 + 52 + 58 + 57 + 57 + 54 + 52 + 56
    assert [e["id"] for e in test] == [e["id"] for r in (1, 2, 3, 4, 9, 15, 16, 17)
                                       for e in select_entries(entries, "test", r)]
    dev = select_entries(entries, "dev", "all")
    assert len(dev) == 51 + 46 + 42 + 42 + 39 + 57 + 38 + 55 + 55 + 54 + 54  # rounds 1, 2, 5-8, 10-14 (9, 15-17 none)
    assert [e["id"] for e in dev] == [e["id"] for r in (1, 2, 5, 6, 7, 8, 10, 11, 12, 13, 14)
                                      for e in select_entries(entries, "dev", r)]
    assert len(select_entries(entries, "all", "all")) == (109 + 98 + 58 + 57 + 42 + 42 + 39 + 57 + 57 + 38 + 55 + 55
                                                          + 54 + 54 + 54 + 52 + 56)


@pytest.mark.parametrize("args, message", [
    (["--split", "test", "--details"], "--details needs --split dev"),  # rounds 16's and 17's errors are never read
    (["--split", "test", "--round", "all", "--details"], "--details needs --split dev"),
    (["--round", "18"], "a round is 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17 or all"),
    (["--split", "all", "--round", "15", "--details"], "--details needs --split dev"),  # retired: its test split only
    (["--split", "test", "--round", "16", "--details"], "--details needs --split dev"),  # the held-out sets
    (["--split", "all", "--round", "16", "--details"], "--details needs --split dev"),
    (["--split", "test", "--round", "17", "--details"], "--details needs --split dev"),
    (["--split", "all", "--round", "17", "--details"], "--details needs --split dev"),
    (["--split", "all", "--round", "9", "--details"], "--details needs --split dev"),
    (["--split", "all", "--details"], "--details needs --split dev"),
    (["--split", "test", "--round", "1", "--details"], "--details needs --split dev"),
    (["--split", "test", "--round", "2", "--details"], "--details needs --split dev"),
    (["--split", "all", "--round", "4", "--details"], "--details needs --split dev"),
    (["--split", "test", "--round", "5", "--details"], "--details needs --split dev"),
    (["--split", "test", "--round", "6", "--details"], "--details needs --split dev"),
    (["--split", "test", "--round", "7", "--details"], "--details needs --split dev"),
    (["--split", "test", "--round", "8", "--details"], "--details needs --split dev"),
    (["--split", "test", "--round", "10", "--details"], "--details needs --split dev"),
    (["--split", "all", "--round", "10", "--details"], "--details needs --split dev"),
    (["--split", "test", "--round", "11", "--details"], "--details needs --split dev"),
    (["--split", "all", "--round", "11", "--details"], "--details needs --split dev"),
    (["--split", "test", "--round", "12", "--details"], "--details needs --split dev"),
    (["--split", "all", "--round", "12", "--details"], "--details needs --split dev"),
    (["--split", "test", "--round", "13", "--details"], "--details needs --split dev"),
    (["--split", "all", "--round", "13", "--details"], "--details needs --split dev"),
    (["--split", "test", "--round", "14", "--details"], "--details needs --split dev"),
    (["--split", "all", "--round", "14", "--details"], "--details needs --split dev"),
    (["--split", "train"], "a split is dev, test or all"),
    (["--gold", "no/such/gold"], "no such file or folder"),
])
def test_eval_officials_refuses_bad_options_before_scoring(args, message):
    result = runner.invoke(app, ["eval", "officials", "--gold", str(GOLD), *args], env={"COLUMNS": "200"})
    assert result.exit_code != 0
    assert message in result.output


def test_eval_officials_says_when_nothing_is_selected(tmp_path):
    _write(tmp_path / "officials_gold.jsonl", [_line("a", "dev")])
    result = runner.invoke(app, ["eval", "officials", "--gold", str(tmp_path), "--round", "2",
                                 "--shared", str(tmp_path)], env={"COLUMNS": "200"})
    assert result.exit_code == 1
    assert "no gold articles of split dev, round 2" in result.output


@pytest.mark.parametrize("round_", ["3", "4", "9", "15", "16", "17"])
@pytest.mark.parametrize("split", [[], ["--split", "dev"]])
def test_eval_officials_says_rounds_3_4_9_and_15_to_17_have_no_dev_split(round_, split, tmp_path):
    # refused before any article is read or analysed: rounds 3, 4, 9 and 15-17 are test sets only
    result = runner.invoke(app, ["eval", "officials", "--gold", str(GOLD), *split, "--round", round_,
                                 "--shared", str(tmp_path / "none")], env={"COLUMNS": "200"})
    assert result.exit_code == 1
    assert f"round {round_} of the officials gold has no dev split" in result.output
    assert "use --split test" in result.output


@pytest.mark.parametrize("round_", ["5", "6", "7", "8", "10", "11", "12", "13", "14"])
def test_eval_officials_says_rounds_5_to_8_and_10_to_14_have_no_test_split(round_, tmp_path):
    # rounds 5 to 8 and 10 to 14 are dev sets only: asking for their test split scores nothing and says so, before any
    # article is read
    result = runner.invoke(app, ["eval", "officials", "--gold", str(GOLD), "--split", "test", "--round", round_,
                                 "--shared", str(tmp_path / "none")], env={"COLUMNS": "200"})
    assert result.exit_code == 1
    assert f"round {round_} of the officials gold has no test split" in result.output
    assert "use --split dev" in result.output


@pytest.mark.parametrize("round_", ["3", "4", "9", "15"])
def test_eval_officials_allows_details_on_the_retired_test_rounds_3_4_9_and_15(round_, tmp_path):
    # rounds 3, 4, 9 and 15, retired test sets, are open to error analysis: --details passes the option checks (here the
    # missing texts stop it before any article is read)
    result = runner.invoke(app, ["eval", "officials", "--gold", str(GOLD), "--split", "test", "--round", round_,
                                 "--details", "--shared", str(tmp_path / "none")], env={"COLUMNS": "200"})
    assert result.exit_code == 1
    assert "--details needs" not in result.output
    assert "shared reference data not found" in result.output


def test_the_held_out_rounds_16_and_17_never_list_per_article_differences_even_when_called_directly(tmp_path):
    # the library refuses too, before reading any article: rounds 16 and 17 are scored in aggregate only
    from policytext.evaluation.officials import HeldOut, run_officials_eval

    gold = tmp_path / "gold"
    gold.mkdir()
    _write(gold / "officials_gold.jsonl", [_line("a", "dev"), _line("b", "test")])
    _write(gold / "officials_gold-9.jsonl", [_line("c", "test", 9)])
    _write(gold / "officials_gold-15.jsonl", [_line("d", "test", 15)])
    _write(gold / "officials_gold-16.jsonl", [_line("e", "test", 16)])
    _write(gold / "officials_gold-17.jsonl", [_line("f", "test", 17)])
    for split, round_, held in (("test", "16", "round 16 is"), ("all", "16", "round 16 is"),
                                ("test", "17", "round 17 is"), ("all", "17", "round 17 is"),
                                ("test", "all", "rounds 16 and 17 are"), (None, None, "rounds 16 and 17 are")):
        with pytest.raises(HeldOut, match=f"{held} the held-out test set"):
            run_officials_eval(gold, tmp_path / "none", split, True, round_)
    # rounds 9 and 15 are retired: open to error analysis
    for split, round_ in (("test", "9"), ("test", "15"), ("all", "15"), ("dev", "all")):
        with pytest.raises(MissingData):
            run_officials_eval(gold, tmp_path / "none", split, True, round_)


@pytest.mark.parametrize("round_", ["16", "17"])
@pytest.mark.parametrize("split", [["--split", "test"], ["--split", "all"]])
def test_eval_officials_accepts_the_held_out_rounds_16_and_17_without_details(split, round_, tmp_path):
    # rounds 16 and 17 are scored in aggregate: the option checks pass without --details (here the missing texts stop it
    # before any article is read or analysed)
    result = runner.invoke(app, ["eval", "officials", "--gold", str(GOLD), *split, "--round", round_,
                                 "--shared", str(tmp_path / "none")], env={"COLUMNS": "200"})
    assert result.exit_code == 1
    assert "--details needs" not in result.output and "no test split" not in result.output
    assert "shared reference data not found" in result.output


@pytest.mark.parametrize("round_", ["10", "11", "12", "13", "14"])
@pytest.mark.parametrize("details", [[], ["--details"]])
@pytest.mark.parametrize("split", [[], ["--split", "dev"]])
def test_eval_officials_accepts_the_dev_rounds_10_to_14_with_or_without_details(split, details, round_, tmp_path):
    # rounds 10 to 14 are dev data: the option checks pass (here the missing texts stop it before any article is read)
    result = runner.invoke(app, ["eval", "officials", "--gold", str(GOLD), *split, "--round", round_, *details,
                                 "--shared", str(tmp_path / "none")], env={"COLUMNS": "200"})
    assert result.exit_code == 1
    assert "--details needs" not in result.output and "no test split" not in result.output
    assert "shared reference data not found" in result.output
