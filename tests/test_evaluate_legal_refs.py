"""Scoring of the legal-reference gold (policytext.evaluation.legal_refs) on tiny hand-made pairs."""

from __future__ import annotations

import json

from policytext.evaluation.legal_refs import evaluate_legal_refs, format_legal_report, is_legal_gold, load_legal_gold

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
    """Round 1 has dev and a (spent) test, rounds 2 and 6 are held-out tests only, rounds 3 to 5 are dev sets only: a
    round that gained or lost a split would change what may be tuned on (benchmarks/gold/legal_refs/README.md)."""
    from pathlib import Path

    folder = Path(__file__).resolve().parents[1] / "benchmarks" / "gold" / "legal_refs"
    splits = {path.name: sorted({entry["split"] for entry in load_legal_gold(path)})
              for path in folder.glob("legal_refs_gold*.jsonl")}
    assert splits == {"legal_refs_gold.jsonl": ["dev", "test"], "legal_refs_gold-2.jsonl": ["test"],
                      "legal_refs_gold-3.jsonl": ["dev"], "legal_refs_gold-4.jsonl": ["dev"],
                      "legal_refs_gold-5.jsonl": ["dev"], "legal_refs_gold-6.jsonl": ["test"]}
    assert all(is_legal_gold(folder / name) for name in splits)
