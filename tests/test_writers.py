import json
import os

import pyarrow.parquet as pq
import pytest

from policytext.io.writers import OutputBusy, RunWriter
from policytext.model import (DateMention, LegalRef, Official, Position, ReadError, Record, Source, Span, Task,
                              ThemeHit)


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


def test_outputs_appear_only_on_commit(tmp_path):
    writer = RunWriter(tmp_path)
    writer.write_record(_record(0))
    writer.write_error(ReadError(Source("bad.jsonl", 3), "invalid JSON"))
    assert not (tmp_path / "records.jsonl").exists()  # a crash now leaves nothing that looks complete
    writer.commit({"records": 1})
    assert json.loads((tmp_path / "records.jsonl").read_text(encoding="utf-8"))["id"] == "r0"
    error = json.loads((tmp_path / "errors.jsonl").read_text(encoding="utf-8"))
    assert error["location"] == "bad.jsonl:3" and error["reason"] == "invalid JSON"
    assert json.loads((tmp_path / "summary.json").read_text())["files"][-1] == "summary.json"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_parquet_tables_have_one_row_per_position_and_item(tmp_path):
    writer = RunWriter(tmp_path)
    for i in range(3):
        writer.write_record(_record(i))
    writer.commit({})
    officials = pq.read_table(tmp_path / "officials.parquet").to_pylist()
    assert len(officials) == 6
    assert officials[1]["title"] == "Bí thư" and officials[1]["organization"] is None
    refs = pq.read_table(tmp_path / "legal_refs.parquet").to_pylist()
    assert refs[0]["code"] == "34-CT/TW" and refs[0]["article_id"] == "r0"
    themes = pq.read_table(tmp_path / "themes.parquet").to_pylist()
    assert themes[0]["evidence"] == ["Chỉ thị"]
    assert (themes[0]["evidence_start"], themes[0]["evidence_end"]) == ([30], [37])
    assert themes[0]["rule"] == "themes.model"
    assert (themes[0]["paragraph_start"], themes[0]["paragraph_end"]) == ([0], [40])
    articles = pq.read_table(tmp_path / "articles.parquet").to_pylist()
    assert [a["n_officials"] for a in articles] == [1, 1, 1]


def test_abort_removes_temporary_files(tmp_path):
    writer = RunWriter(tmp_path)
    writer.write_record(_record(0))
    writer.abort()
    assert list(tmp_path.iterdir()) == []


def test_a_second_live_run_into_the_same_folder_is_refused(tmp_path):
    first = RunWriter(tmp_path)
    with pytest.raises(OutputBusy, match="another policytext run"):
        RunWriter(tmp_path)
    first.abort()
    RunWriter(tmp_path).abort()  # free again once the first run is over


def test_a_stale_lock_from_a_dead_run_is_taken_over(tmp_path):
    (tmp_path / ".policytext.lock").write_text("999999999")
    writer = RunWriter(tmp_path)
    assert (tmp_path / ".policytext.lock").read_text() == str(os.getpid())
    writer.abort()


def test_every_table_is_written_even_without_rows(tmp_path):
    writer = RunWriter(tmp_path)
    writer.write_record(Record(id="empty", source=Source("in.txt"), text="Không có gì."))
    files = writer.commit({})
    for name in ("officials", "organizations", "dates", "legal_refs", "tasks", "themes"):
        table = pq.read_table(tmp_path / f"{name}.parquet")
        assert table.num_rows == 0 and "article_id" in table.column_names
        assert f"{name}.parquet" in files
