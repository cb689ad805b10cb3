"""Near-duplicates across a run (runs/duplicates.py): who is marked, and the same bytes whatever -j,
after a resume, and in every process."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from contextlib import chdir
from pathlib import Path

import pandas as pd
import pytest

import policytext
from policytext.runs.duplicates import DuplicateSettings, NearDuplicates, signature, similarity
from policytext.runs.errors import RunConfigError
from test_runs import assert_same_run  # noqa: E402  (same folder, on pytest's path)

STORIES = [
    "Chiều 30/8, Bộ trưởng Bộ Công Thương Nguyễn Hồng Diên chủ trì lễ phát động phong trào thi đua giai đoạn "
    "2021 - 2026. Bộ trưởng yêu cầu các đơn vị đẩy mạnh chuyển đổi số, cải cách hành chính và hoàn thành "
    "kế hoạch năm 2021. Buổi lễ có sự tham dự của lãnh đạo các vụ, cục và doanh nghiệp trong ngành.",
    "Thủ tướng Phạm Minh Chính yêu cầu các bộ, ngành thực hiện Nghị định 15/2020/NĐ-CP trước ngày 30/9/2021. "
    "Theo Thủ tướng, việc xử phạt vi phạm hành chính trong lĩnh vực bưu chính, viễn thông phải nghiêm minh. "
    "Các địa phương báo cáo kết quả về Văn phòng Chính phủ trong tháng 10.",
    "Theo Chỉ thị 34-CT/TW, các cấp ủy đảng phải đổi mới công tác thi đua, khen thưởng. Ban Bí thư đề nghị "
    "phát hiện, bồi dưỡng và nhân rộng các điển hình tiên tiến ở cơ sở, coi trọng khen thưởng người lao động "
    "trực tiếp sản xuất và chiến sĩ ở đơn vị cơ sở.",
    "Giai đoạn 2021 - 2026, tỉnh Bình Định tập trung phát triển năng lượng tái tạo và điện gió ngoài khơi. "
    "Ủy ban nhân dân tỉnh đã trình Bộ Công Thương bổ sung ba dự án vào quy hoạch điện VIII và kêu gọi "
    "các nhà đầu tư trong và ngoài nước tham gia.",
]
PART_SIZE = 4


def _corpus(path: Path) -> Path:
    """Four stories, three printed again later by another outlet (with a lead of its own),
    and unrelated articles between them; one broken line."""
    lines = []
    for i in range(20):
        if i == 7:
            lines.append("{broken json")
            continue
        if i < 4:
            text = STORIES[i]
        elif i in (9, 13, 17):  # copies of stories 0, 1, 2
            original = STORIES[(i - 9) // 4]
            text = "Theo báo Nhân Dân, " + original[0].lower() + original[1:]
        else:  # the stories' words in another order: alike in vocabulary, no copy
            words = " ".join(STORIES).split()
            text = f"Bài số {i}: " + " ".join(random.Random(i).sample(words, 40)) + "."
        lines.append(json.dumps({"id": f"a{i}", "title": f"Bài {i}", "published": "2021-08-30", "text": text},
                                ensure_ascii=False))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    return _corpus(tmp_path_factory.mktemp("input") / "news.jsonl")


def _run(corpus: Path, where: Path, **kwargs) -> dict:
    where.mkdir(parents=True, exist_ok=True)
    with chdir(where):
        return policytext.run([str(corpus)], Path("out"), part_size=PART_SIZE, near_duplicates=True, **kwargs)


@pytest.fixture(scope="module")
def reference(corpus, tmp_path_factory) -> Path:
    here = tmp_path_factory.mktemp("reference")
    _run(corpus, here)
    return here / "out"


def test_a_copy_from_another_outlet_is_a_near_duplicate_and_the_rest_are_not():
    near = NearDuplicates(DuplicateSettings(threshold=0.8))
    copy = "Theo báo Nhân Dân, " + STORIES[0][0].lower() + STORIES[0][1:]
    assert near.check("first", signature(STORIES[0])) is None
    assert near.check("second", signature(STORIES[1])) is None
    assert near.check("copy", signature(copy)) == "first"
    assert near.check("copy of the copy", signature(copy + " Hết.")) == "first"  # copies point at the original
    assert similarity(signature(STORIES[0]), signature(STORIES[1])) < 0.2


def test_a_signature_is_the_same_in_every_process():
    here = signature(STORIES[0]).tolist()
    code = "import json, sys; from policytext.runs.duplicates import signature; print(json.dumps(signature(sys.argv[1]).tolist()))"
    there = subprocess.run([sys.executable, "-c", code, STORIES[0]], capture_output=True, text=True, check=True,
                           env={**os.environ, "PYTHONHASHSEED": "123"})
    assert json.loads(there.stdout) == here


def test_records_and_the_articles_table_carry_the_first_article_seen(reference):
    marked = {r.id: r.duplicate_of for r in policytext.load(reference) if r.duplicate_of}
    assert marked == {"a9": "a0", "a13": "a1", "a17": "a2"}
    articles = pd.read_parquet(reference / "articles")
    assert dict(articles.dropna(subset=["duplicate_of"])[["id", "duplicate_of"]].values) == marked
    lines = [json.loads(line) for f in sorted((reference / "records").glob("*.jsonl")) for line in f.open()]
    assert all(("duplicate_of" in r) == (r["id"] in marked) for r in lines)  # absent from originals
    summary = json.loads((reference / "summary.json").read_text())
    assert summary["near_duplicates"] == 3 and "minhash/" in summary["files"]
    assert json.loads((reference / "run.json").read_text())["near_duplicates"]["threshold"] == 0.8


def test_the_same_bytes_whatever_the_jobs(corpus, reference, tmp_path):
    _run(corpus, tmp_path, jobs=2)
    assert_same_run(reference, tmp_path / "out")


def test_a_resume_rebuilds_the_index_from_the_committed_parts(corpus, reference, tmp_path):
    _run(corpus, tmp_path)
    out = tmp_path / "out"
    (out / "summary.json").unlink()
    for later in sorted((out / "manifest").glob("part-*.json"))[3:]:  # killed after part 2, before the copies of 1 and 2
        later.unlink()
    _run(corpus, tmp_path, resume=True)
    assert_same_run(reference, out)


def test_tables_can_leave_duplicates_out(corpus, reference, tmp_path):
    summary = _run(corpus, tmp_path, exclude_duplicates=True)
    out = tmp_path / "out"
    assert summary["near_duplicates"] == 3
    for table in ("officials", "dates", "themes", "places", "organizations"):
        assert not set(pd.read_parquet(out / table).article_id) & {"a9", "a13", "a17"}, table
    assert len(pd.read_parquet(out / "articles")) == len(pd.read_parquet(reference / "articles"))
    assert len(pd.read_parquet(out / "officials")) < len(pd.read_parquet(reference / "officials"))


def test_a_resume_must_use_the_same_settings_and_the_threshold_is_checked(corpus, reference, tmp_path):
    _run(corpus, tmp_path)
    with pytest.raises(RunConfigError):
        _run(corpus, tmp_path, resume=True, duplicate_threshold=0.9)
    with pytest.raises(RunConfigError, match="threshold"):
        _run(corpus, tmp_path / "other", duplicate_threshold=1.5)


def test_the_compact_index_decides_as_datasketchs_lsh_would():
    """The same decisions as datasketch's MinHashLSH index (query, then the same similarity check)."""
    from datasketch import LeanMinHash, MinHashLSH

    rng = random.Random(7)
    words = " ".join(STORIES).split()
    texts = []
    for i in range(60):
        if i % 3 == 2:  # a copy of an earlier text with a few words changed
            copied = texts[rng.randrange(len(texts))].split()
            for _ in range(rng.randrange(3)):
                copied[rng.randrange(len(copied))] = rng.choice(words)
            texts.append(" ".join(copied))
        else:
            texts.append(" ".join(rng.sample(words, 60)))
    ours = NearDuplicates(DuplicateSettings(threshold=0.8))
    lsh, originals = MinHashLSH(threshold=0.8, num_perm=128), {}
    marked = 0
    for i, text in enumerate(texts):
        values = signature(text)
        expected = None
        minhash = LeanMinHash(seed=1, hashvalues=values, scheme="affine32")
        for key in sorted(lsh.query(minhash)):
            if similarity(values, originals[key]) >= 0.8:
                expected = f"t{key}"
                break
        if expected is None:
            lsh.insert(i, minhash)
            originals[i] = values
        assert ours.check(f"t{i}", values) == expected, i
        marked += expected is not None
    assert marked >= 5
