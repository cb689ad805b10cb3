import hashlib
import json
import os

import pyarrow.parquet as pq
import pytest

from policytext.io.writers import OutputBusy, RunLock, write_json_atomic
from policytext.model import (DateMention, LegalRef, Official, Position, ReadError, Record, Source, Span, Task,
                              ThemeHit)
from policytext.runs.parts import PartWriter


def _record(i: int) -> Record:
    text = "Bộ trưởng Nguyễn Hồng Diên ký Chỉ thị 34-CT/TW ngày 30/8/2021."
    return Record(
        id=f"r{i}", source=Source("in.jsonl", i), text=text, published="2021-08-30",
        officials=[Official("Nguyễn Hồng Diên", [Position("Bộ trưởng", "Bộ Công Thương"), Position("Bí thư")],
                            [Span(10, 26, "Nguyễn Hồng Diên")])],
        dates=[DateMention(51, 60, "30/8/2021", "2021-08-30", "day")],
        legal_refs=[LegalRef(30, 46, "Chỉ thị 34-CT/TW", "Chỉ thị", "34-CT/TW", "34", None, "TW")],
        tasks=[Task(1, "Thứ nhất", 0, 9)],
        themes=[ThemeHit("party_building", 0.8, [Span(30, 37, "Chỉ thị")], "themes.model", [Span(0, 40, "")])],
    )


def _part(run_dir, number=0, **kwargs):
    return PartWriter(run_dir, number, input_index=0, input_name="in.jsonl", parquet=True,
                      count_fields=["officials", "dates"], **kwargs)


def test_a_part_appears_only_on_commit_and_its_manifest_comes_last(tmp_path):
    part = _part(tmp_path)
    part.add(0, _record(0))
    part.add(1, ReadError(Source("bad.jsonl", 3), "invalid JSON"))
    assert not list(tmp_path.glob("*/part-*"))  # a crash now leaves nothing that looks committed
    manifest = part.commit()
    record = json.loads((tmp_path / "records" / "part-00000.jsonl").read_text(encoding="utf-8"))
    error = json.loads((tmp_path / "errors" / "part-00000.jsonl").read_text(encoding="utf-8"))
    assert record["id"] == "r0" and error["location"] == "bad.jsonl:3" and error["reason"] == "invalid JSON"
    assert manifest == json.loads((tmp_path / "manifest" / "part-00000.json").read_text(encoding="utf-8"))
    assert (manifest["first_position"], manifest["last_position"], manifest["record_ids"]) == (0, 1, ["r0"])
    assert manifest["extracted"] == {"officials": 1, "dates": 1} and manifest["errors"] == 1
    for entry in manifest["files"].values():
        data = (tmp_path / entry["path"]).read_bytes()
        assert len(data) == entry["bytes"] and hashlib.sha256(data).hexdigest() == entry["sha256"]
    assert not [p for p in tmp_path.rglob("*") if p.name.startswith(".")]


def test_parquet_tables_have_one_row_per_position_and_item(tmp_path):
    part = _part(tmp_path)
    for i in range(3):
        part.add(i, _record(i))
    part.commit()
    officials = pq.read_table(tmp_path / "officials" / "part-00000.parquet").to_pylist()
    assert len(officials) == 6
    assert officials[1]["title"] == "Bí thư" and officials[1]["organization"] is None
    refs = pq.read_table(tmp_path / "legal_refs" / "part-00000.parquet").to_pylist()
    assert refs[0]["code"] == "34-CT/TW" and refs[0]["article_id"] == "r0"
    themes = pq.read_table(tmp_path / "themes" / "part-00000.parquet").to_pylist()
    assert themes[0]["evidence"] == ["Chỉ thị"]
    assert (themes[0]["evidence_start"], themes[0]["evidence_end"]) == ([30], [37])
    assert themes[0]["rule"] == "themes.model"
    assert (themes[0]["paragraph_start"], themes[0]["paragraph_end"]) == ([0], [40])
    articles = pq.read_table(tmp_path / "articles" / "part-00000.parquet").to_pylist()
    assert [a["n_officials"] for a in articles] == [1, 1, 1]


def test_the_same_records_give_the_same_bytes(tmp_path):
    for run in ("one", "two"):
        part = _part(tmp_path / run)
        for i in range(2500):  # more than a row group
            part.add(i, _record(i))
        part.commit()
    files = sorted(p.relative_to(tmp_path / "one") for p in (tmp_path / "one").rglob("*") if p.is_file())
    assert len(files) == 11  # records, errors, eight tables, the manifest
    for name in files:
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes(), name


def test_abort_removes_temporary_files(tmp_path):
    part = _part(tmp_path)
    part.add(0, _record(0))
    part.abort()
    assert not [p for p in tmp_path.rglob("*") if p.is_file()]


def test_every_table_is_written_even_without_rows(tmp_path):
    part = _part(tmp_path)
    part.add(0, Record(id="empty", source=Source("in.txt"), text="Không có gì."))
    part.commit()
    for name in ("officials", "organizations", "dates", "legal_refs", "tasks", "themes"):
        table = pq.read_table(tmp_path / name / "part-00000.parquet")
        assert table.num_rows == 0 and "article_id" in table.column_names


def test_json_is_replaced_atomically(tmp_path):
    target = tmp_path / "summary.json"
    write_json_atomic(target, {"a": 1})
    write_json_atomic(target, {"a": 2})
    assert json.loads(target.read_text()) == {"a": 2} and [p.name for p in tmp_path.iterdir()] == ["summary.json"]


def test_a_second_live_run_into_the_same_folder_is_refused(tmp_path):
    first = RunLock(tmp_path)
    with pytest.raises(OutputBusy, match="another policytext run"):
        RunLock(tmp_path)
    first.release()
    RunLock(tmp_path).release()  # free again once the first run is over


def test_a_stale_lock_from_a_dead_run_is_taken_over(tmp_path):
    (tmp_path / ".policytext.lock").write_text("999999999")
    lock = RunLock(tmp_path)
    assert (tmp_path / ".policytext.lock").read_text() == str(os.getpid())
    lock.release()


def test_task_and_reference_rows_carry_the_added_fields(tmp_path):
    from policytext import analyze
    from policytext.io.writers import table_rows

    text = ("Chỉ thị 16/CT-TTg yêu cầu các địa phương:\n1. Tạm dừng hoạt động đông người trước ngày 30/9/2021.\n"
            "2. Tăng cường kiểm tra.\nTheo Chỉ thị số 16, các tỉnh thực hiện ngay.")
    rows = table_rows(analyze(text, published="2021-08-30"))
    assert rows["tasks"][0]["directive"] == "Chỉ thị|16/CT-TTg" and rows["tasks"][0]["deadline"] == "/2021-09-30"
    assert rows["tasks"][0]["actor"] == ["các địa phương"] and rows["tasks"][0]["list"] == 1
    assert rows["legal_refs"][1]["resolved_code"] == "16/CT-TTg"
    assert {r["doc_key"] for r in rows["legal_refs"]} == {"Chỉ thị|16/CT-TTg"}


def test_a_table_file_is_the_same_bytes_however_its_rows_arrive(tmp_path):
    """Rows one by one as dicts (one job), in Arrow batches (workers' pieces) or mixed: the same row groups of
    exactly ROW_GROUP rows, the same bytes."""
    import pyarrow as pa

    from policytext.io.writers import ROW_GROUP, TableWriter

    schema = pa.schema([("article_id", pa.string()), ("n", pa.int64()), ("text", pa.string())])
    rows = [{"article_id": f"a{i // 3}", "n": i, "text": "Bộ trưởng " * (i % 5)} for i in range(2 * ROW_GROUP + 500)]

    def written(name: str, pieces) -> bytes:
        writer = TableWriter(tmp_path / name, schema)
        for piece in pieces:
            writer.add(piece)
        writer.close()
        return (tmp_path / name).read_bytes()

    one_by_one = written("dicts.parquet", ([row] for row in rows))
    batches = written("arrow.parquet", (pa.Table.from_pylist(rows[i:i + 7], schema=schema)
                                        for i in range(0, len(rows), 7)))
    mixed = written("mixed.parquet", (rows[i:i + 33] if i % 2 else pa.Table.from_pylist(rows[i:i + 33], schema=schema)
                                      for i in range(0, len(rows), 33)))
    assert one_by_one == batches == mixed
    meta = pq.ParquetFile(tmp_path / "dicts.parquet").metadata
    assert [meta.row_group(g).num_rows for g in range(meta.num_row_groups)] == [ROW_GROUP, ROW_GROUP, 500]
    assert pq.read_table(tmp_path / "mixed.parquet").to_pylist() == rows
