"""Tables of the whole run (runs.finish): persons and documents, person_id filled into the officials
parts, places per part; a stop during the finish stage is redone by --resume to the same bytes."""

from __future__ import annotations

import json
from contextlib import chdir
from pathlib import Path

import pandas as pd
import pytest

import policytext
from policytext.runs import finish as finish_stage
from policytext.runs.errors import RunStopped

ARTICLES = [
    ("a1", "2021-08-30", "Chiều 30/8, Bộ trưởng Bộ Công Thương Nguyễn Hồng Diên chủ trì hội nghị tại Hà Nội. "
                         "Theo Nghị định 15/2020/NĐ-CP, các địa phương phải báo cáo."),
    ("a2", "2021-09-02", "Sáng 2/9, ông Nguyễn Hồng Diên, Bộ trưởng Bộ Công Thương, làm việc với tỉnh Nghệ An."),
    ("a3", "2021-09-05", "Thủ tướng Phạm Minh Chính yêu cầu thực hiện Nghị định số 15/2020/NĐ-CP trước ngày 30/9."),
    ("a4", "2021-09-06", "Tỉnh Nghệ An tập trung phát triển năng lượng tái tạo."),
]


def _input(folder: Path) -> Path:
    path = folder / "news.jsonl"
    path.write_text("".join(json.dumps({"id": i, "published": p, "text": t}, ensure_ascii=False) + "\n"
                            for i, p, t in ARTICLES), encoding="utf-8")
    return path


def _run(corpus: Path, out: Path, **kwargs) -> dict:
    with chdir(out.parent):
        return policytext.run([str(corpus)], Path(out.name), part_size=2, **kwargs)


def _files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and p.name != "summary.json"}


def test_one_person_across_articles_and_documents_across_the_run(tmp_path):
    out = tmp_path / "out"
    summary = _run(_input(tmp_path), out)
    assert summary["run_tables"] == {"persons": 2, "documents": 1}
    officials = pd.read_parquet(out / "officials")
    assert officials["person_id"].notna().all()
    dien = officials[officials["name"] == "Nguyễn Hồng Diên"]
    assert sorted(dien["article_id"]) == ["a1", "a2"] and dien["person_id"].nunique() == 1
    persons = pd.read_parquet(out / "persons").set_index("name")
    assert persons.loc["Nguyễn Hồng Diên", "articles"] == 2
    assert persons.loc["Nguyễn Hồng Diên", "person_id"] == dien["person_id"].iloc[0]
    documents = pd.read_parquet(out / "documents")
    (row,) = documents.to_dict("records")
    assert row["doc_key"] == "Nghị định|15/2020/NĐ-CP" and row["n_articles"] == 2
    places = pd.read_parquet(out / "places")
    assert set(places["canonical"]) >= {"Hà Nội", "Nghệ An"}
    # records read back carry the person of each official, from the officials table of their part
    ids = {o.person_id for r in policytext.load(out) for o in r.officials if o.name == "Nguyễn Hồng Diên"}
    assert ids == {dien["person_id"].iloc[0]}


def test_a_stop_during_the_finish_stage_is_redone_by_resume(tmp_path, monkeypatch):
    corpus = _input(tmp_path)
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    _run(corpus, tmp_path / "a" / "out")

    real = finish_stage._fill_person_ids

    def stopped_midway(run_dir, number, manifest, linker):
        if number == 1:
            raise RunStopped(15, safe_articles=4, parts=2)
        real(run_dir, number, manifest, linker)

    monkeypatch.setattr(finish_stage, "_fill_person_ids", stopped_midway)
    with pytest.raises(RunStopped):
        _run(corpus, tmp_path / "b" / "out")
    assert not (tmp_path / "b" / "out" / "summary.json").exists()
    monkeypatch.setattr(finish_stage, "_fill_person_ids", real)
    _run(corpus, tmp_path / "b" / "out", resume=True)
    assert _files(tmp_path / "a" / "out") == _files(tmp_path / "b" / "out")


def test_a_finished_run_with_rewritten_officials_parts_is_intact_on_resume(tmp_path):
    corpus = _input(tmp_path)
    out = tmp_path / "out"
    _run(corpus, out)
    before = _files(out)
    _run(corpus, out, resume=True)  # verifies every part: the officials files match their 'finished' entry
    assert _files(out) == before


def test_a_run_of_tables_only_links_persons_and_documents_from_its_tables(tmp_path):
    corpus = _input(tmp_path)
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    _run(corpus, tmp_path / "a" / "out")
    summary = _run(corpus, tmp_path / "b" / "out", output_format="parquet")
    assert summary["run_tables"] == {"persons": 2, "documents": 1}
    assert not (tmp_path / "b" / "out" / "records").exists()
    for table in ("persons", "documents", "officials"):
        assert pd.read_parquet(tmp_path / "a" / "out" / table).equals(pd.read_parquet(tmp_path / "b" / "out" / table))


def test_buckets_on_disk_give_the_tables_one_pass_in_memory_gives(tmp_path, monkeypatch):
    """The finish stage links and counts one bucket of names (doc_keys) at a time: with a bucket per
    official, the tables and the officials' person ids are those of one bucket for the whole run, and
    no bucket file is left behind."""
    from policytext.runs import spill

    corpus = _input(tmp_path)
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    _run(corpus, tmp_path / "a" / "out")
    monkeypatch.setattr(spill, "ROWS_PER_BUCKET", 1)
    assert spill.bucket_count(5) == 5 and spill.bucket_count(10**9) == spill.MAX_BUCKETS
    _run(corpus, tmp_path / "b" / "out")
    assert _files(tmp_path / "a" / "out") == _files(tmp_path / "b" / "out")
    assert not [p for p in (tmp_path / "b" / "out").rglob(".*")]


def test_spilled_rows_keep_their_bucket_and_sorted_runs_merge(tmp_path):
    from policytext.runs.spill import SortedRuns, Spill, stable_bucket

    spill = Spill(tmp_path, "t", 3)
    for key in ("a", "b", "c", "a", "d"):
        spill.add(key, [key, 1])
    spill.close()
    buckets = [list(spill.bucket(i)) for i in range(3)]
    assert sorted(row[0] for rows in buckets for row in rows) == ["a", "a", "b", "c", "d"]
    assert [row[0] for row in buckets[stable_bucket("a", 3)]].count("a") == 2  # one key, one bucket
    runs = SortedRuns(tmp_path, "r", key=lambda row: row)
    runs.add_run([1, 4, 9])
    runs.add_run([2, 3, 10])
    assert list(runs.merge()) == [1, 2, 3, 4, 9, 10]
    spill.remove()
    runs.remove()
    assert not list(tmp_path.iterdir())
