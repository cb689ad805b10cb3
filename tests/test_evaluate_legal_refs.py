"""Scoring of the legal-reference gold (policytext.evaluation.legal_refs) on tiny hand-made pairs, and the refusal of
per-article differences on its test articles (the held-out rounds 2 and 6), checked without scoring them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import policytext.evaluation.legal_refs as legal_refs
from policytext.cli import app
from policytext.evaluation.legal_refs import (HeldOut, evaluate_legal_refs, format_legal_report, is_legal_gold,
                                              load_legal_gold, run_legal_eval)

LEGAL_FOLDER = Path(__file__).resolve().parents[1] / "benchmarks" / "gold" / "legal_refs"
TEXT = "Theo Nghị định số 86/2018/NĐ-CP, các bên đăng ký. Nghị định số 86 áp dụng cho Luật Đất đai."


def span(text: str, **fields) -> dict:
    start = TEXT.index(text)
    base = {"start": start, "end": start + len(text), "doc_type": None, "code": None, "number": None, "year": None,
            "issuer": None, "refers_to": None}
    base.update(fields)
    return base


FULL = span("Nghị định số 86/2018/NĐ-CP", doc_type="Nghị định", code="86/2018/NĐ-CP")
SHORT = span("Nghị định số 86", doc_type="Nghị định", code="86",
             refers_to={"start": FULL["start"], "end": FULL["end"]})
SHORT["start"] = TEXT.index("Nghị định số 86 ")
SHORT["end"] = SHORT["start"] + len("Nghị định số 86")
LAW = span("Luật Đất đai", doc_type="Luật")
GOLD = {"source": "vntc-x", "id": "a", "published": None, "split": "dev", "legal_refs": [FULL, SHORT, LAW]}


def score(predicted: list[dict]) -> dict:
    return evaluate_legal_refs([GOLD], lambda text, published: {"legal_refs": predicted}, texts={"a": TEXT},
                               details=True)


def test_perfect_prediction_with_resolution():
    predicted = [dict(FULL, doc_key="Nghị định|86/2018/NĐ-CP"),
                 dict(SHORT, doc_key="Nghị định|86/2018/NĐ-CP", resolved_code="86/2018/NĐ-CP"),
                 dict(LAW, doc_key="Luật|đất đai")]
    result = score(predicted)
    assert result["references"]["f1"] == 1.0 and result["doc_type"]["accuracy"] == 1.0
    assert result["resolution"]["accuracy"] == 1.0 and result["resolved_code"]["accuracy"] == 1.0


def test_codes_must_agree_and_an_unresolved_short_mention_is_a_resolution_error():
    predicted = [dict(FULL, code="86/2018/NĐ-CP", doc_key="Nghị định|86/2018/NĐ-CP"),
                 dict(SHORT, code="68", doc_key="Nghị định|68")]
    result = score(predicted)
    assert (result["references"]["tp"], result["references"]["gold"], result["references"]["predicted"]) == (1, 3, 2)
    assert result["resolution"]["accuracy"] == 0.0
    assert any(line.startswith("-") for line in result["details"]["vntc-x#a"])


def test_split_filter_and_kind_detection(tmp_path):
    path = tmp_path / "legal_refs_gold.jsonl"
    path.write_text("\n".join(json.dumps(dict(GOLD, id=i, split=s)) for i, s in (("a", "dev"), ("b", "test"))),
                    encoding="utf-8")
    assert [e["id"] for e in load_legal_gold(path, "dev")] == ["a"] and is_legal_gold(path)
    extraction = tmp_path / "extract_dev.jsonl"
    extraction.write_text(json.dumps({"source": "x", "id": "y", "legal_refs": [], "officials": []}), encoding="utf-8")
    assert not is_legal_gold(extraction)


def test_report_lists_the_measures():
    report = format_legal_report(score([]), "dev")
    for label in ("references", "numbered", "named", "doc_type", "resolution"):
        assert label in report


def test_shipped_legal_gold_rounds_keep_their_splits():
    """Round 1 has dev and a (spent) test, rounds 2 and 6 are held-out tests only, rounds 3 to 5 and 7 to 9 are dev
    sets only: a round that gained or lost a split would change what may be tuned on
    (benchmarks/gold/legal_refs/README.md)."""
    folder = LEGAL_FOLDER
    splits = {path.name: sorted({entry["split"] for entry in load_legal_gold(path)})
              for path in folder.glob("legal_refs_gold*.jsonl")}
    assert splits == {"legal_refs_gold.jsonl": ["dev", "test"], "legal_refs_gold-2.jsonl": ["test"],
                      "legal_refs_gold-3.jsonl": ["dev"], "legal_refs_gold-4.jsonl": ["dev"],
                      "legal_refs_gold-5.jsonl": ["dev"], "legal_refs_gold-6.jsonl": ["test"],
                      "legal_refs_gold-7.jsonl": ["dev"], "legal_refs_gold-8.jsonl": ["dev"],
                      "legal_refs_gold-9.jsonl": ["dev"]}
    assert all(is_legal_gold(folder / name) for name in splits)


def test_details_are_refused_on_test_articles_before_any_article_is_read(tmp_path):
    """The held-out rounds 2 and 6 (test only) are scored in aggregate only: run_legal_eval refuses per-article
    differences on any test article before a text is read or the extractor runs, whoever calls it."""
    def predict(text, published):
        raise AssertionError("no article may be read")

    for name in ("legal_refs_gold-2.jsonl", "legal_refs_gold-6.jsonl", "legal_refs_gold.jsonl"):
        for split in ("test", None):
            with pytest.raises(HeldOut, match="dev split only"):
                run_legal_eval(LEGAL_FOLDER / name, tmp_path / "none", split=split, details=True, predict=predict)


def test_eval_extract_refuses_details_on_the_held_out_legal_rounds(tmp_path, monkeypatch):
    """The CLI refuses --details on round 6 (and round 2) before calling the scorer at all."""
    def scorer(*args, **kwargs):
        raise AssertionError("the held-out round may not be scored here")

    monkeypatch.setattr(legal_refs, "run_legal_eval", scorer)
    for name in ("legal_refs_gold-6.jsonl", "legal_refs_gold-2.jsonl"):
        for args in (["--split", "test"], []):
            result = CliRunner().invoke(app, ["eval", "extract", "--gold", str(LEGAL_FOLDER / name), "--details",
                                              *args, "--shared", str(tmp_path / "none")], env={"COLUMNS": "300"})
            assert result.exit_code == 2
            assert "--details needs --split dev" in " ".join(result.output.replace("│", " ").split())


def test_eval_extract_takes_the_held_out_round_6_to_the_scorer_in_aggregate(tmp_path, monkeypatch):
    """``--gold legal_refs_gold-6.jsonl --split test`` reaches the scorer, in aggregate (details off); a stand-in
    scorer is called instead, so that nothing is scored here (round 6 is scored once, by the project lead)."""
    calls = []

    def scorer(gold, shared, split=None, details=False):
        calls.append((Path(gold).name, split, details))
        return "scored in aggregate"

    monkeypatch.setattr(legal_refs, "run_legal_eval", scorer)
    result = CliRunner().invoke(app, ["eval", "extract", "--gold", str(LEGAL_FOLDER / "legal_refs_gold-6.jsonl"),
                                      "--split", "test", "--shared", str(tmp_path / "none")], env={"COLUMNS": "300"})
    assert result.exit_code == 0 and "scored in aggregate" in result.output
    assert calls == [("legal_refs_gold-6.jsonl", "test", False)]
    assert len(load_legal_gold(LEGAL_FOLDER / "legal_refs_gold-6.jsonl", "test")) == 51
