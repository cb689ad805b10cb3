"""documents.parquet's rows (policytext.tables.documents): one per document a run's articles cite."""

from __future__ import annotations

import pyarrow as pa

from policytext import analyze
from policytext.model import Record, Source
from policytext.tables.documents import SCHEMA, DocumentTable, document_rows


def record(ident: str, text: str, published: str | None):
    result = analyze(text, published=published)
    result.id = ident
    return result


def by_key(rows):
    return {row["doc_key"]: row for row in rows}


def test_one_row_per_document_across_articles_and_spellings():
    rows = by_key(document_rows([
        record("a", "Theo Nghị định 15/2020/NĐ-CP, mức phạt tăng. Nghị định 15 áp dụng từ tháng 4. Luật Đất đai "
                    "cũng được sửa.", "2021-03-01T08:00:00+07:00"),
        record("b", "Luật đất đai và Nghị định số 15/2020/NĐ-CP được nhắc lại.", "2020-05-02"),
        record("c", "Nghị định 15/2020/NĐ-CP.", None),
    ]))
    decree = rows["Nghị định|15/2020/NĐ-CP"]
    assert (decree["n_articles"], decree["n_mentions"]) == (3, 4)
    assert decree["article_ids"] == ["a", "b", "c"]
    assert (decree["code"], decree["year"], decree["issuer"], decree["doc_type"]) == ("15/2020/NĐ-CP", 2020, "CP", "Nghị định")
    assert (decree["first_published"], decree["last_published"]) == ("2020-05-02", "2021-03-01T08:00:00+07:00")
    law = rows["Luật|đất đai"]
    assert law["n_articles"] == 2 and law["code"] is None and law["name"] in ("Luật Đất đai", "Luật đất đai")


def test_a_named_law_resolved_by_the_registry_has_its_code_and_name():
    rows = by_key(document_rows([record("a", "Theo Luật Đầu tư 2020, nhà đầu tư được ưu đãi.", None)]))
    row = rows["Luật|61/2020/QH14"]
    assert (row["code"], row["name"], row["year"]) == ("61/2020/QH14", "Luật Đầu tư", 2020)


def test_rows_fit_the_schema_and_are_sorted_by_articles_citing():
    table = DocumentTable()
    table.add(record("a", "Chỉ thị 16/CT-TTg và Chỉ thị 15/CT-TTg. Chỉ thị 16/CT-TTg.", None))
    table.add(record("b", "Chỉ thị 16/CT-TTg.", None))
    arrow = table.table()
    assert arrow.schema == SCHEMA and arrow.num_rows == 2
    assert arrow.column("doc_key").to_pylist() == ["Chỉ thị|16/CT-TTg", "Chỉ thị|15/CT-TTg"]


def test_record_dicts_and_references_without_keys_are_read_too():
    older = {"id": "x", "published": None, "legal_refs": [
        {"start": 0, "end": 16, "text": "Chỉ thị 34-CT/TW", "doc_type": "Chỉ thị", "code": "34-CT/TW",
         "number": "34", "year": None, "issuer": "TW"}]}
    assert by_key(document_rows([older]))["Chỉ thị|34-CT/TW"]["n_mentions"] == 1


def test_an_empty_run_gives_an_empty_table():
    assert document_rows([]) == []
    assert pa.Table.from_pylist([], schema=SCHEMA).num_rows == 0


def test_records_round_trip_their_keys():
    original = record("a", "Nghị định số 86/2018/NĐ-CP quy định. Theo Nghị định số 86, các bên phải đăng ký.", None)
    loaded = Record.from_dict(original.to_dict())
    assert [r.doc_key for r in loaded.legal_refs] == ["Nghị định|86/2018/NĐ-CP"] * 2
    assert loaded.legal_refs[1].resolved_code == "86/2018/NĐ-CP"
    assert isinstance(loaded.source, Source)
