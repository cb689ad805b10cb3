"""Runs that survive: parts, resume after SIGKILL/SIGTERM/SIGINT byte for byte, refusing to write over
a run, loud failures before any work, limits, and reading runs back."""

from __future__ import annotations

import json
import os
import re
import shlex
import signal
import subprocess
import sys
import textwrap
import time
from contextlib import chdir
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

import policytext
from policytext import analysis
from policytext.cli import app
from policytext.pipeline import Options
from policytext.runs.errors import RunConfigError
from policytext.runs.runner import TIMING_KEYS

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")

SENTENCES = [
    "Chiều 30/8, Bộ trưởng Bộ Công Thương Nguyễn Hồng Diên chủ trì lễ phát động phong trào thi đua.",
    "Thủ tướng Phạm Minh Chính yêu cầu thực hiện Nghị định 15/2020/NĐ-CP trước ngày 30/9/2021.",
    "Thứ nhất, đẩy mạnh chuyển đổi số.\n\nThứ hai, tăng cường kiểm tra, giám sát.",
    "Giai đoạn 2021 - 2026, tỉnh tập trung phát triển năng lượng tái tạo và điện gió.",
    "Theo Chỉ thị 34-CT/TW, các cấp ủy đảng phải đổi mới công tác thi đua, khen thưởng.",
]
PART_SIZE = 4


def _corpus(path: Path, n: int = 36) -> Path:
    lines = []
    for i in range(n):
        if i == 9:
            lines.append("{broken json")
        elif i == 22:
            lines.append(json.dumps({"id": f"a{i}", "title": "no text"}))
        else:
            text = " ".join(SENTENCES[(i + k) % len(SENTENCES)] for k in range(1 + i % 3))
            lines.append(json.dumps({"id": f"a{i}", "title": f"Bài {i}", "published": "2021-08-30", "text": text},
                                    ensure_ascii=False))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    return _corpus(tmp_path_factory.mktemp("input") / "news.jsonl")


@pytest.fixture(scope="module")
def reference(corpus, tmp_path_factory) -> Path:
    """An uninterrupted run, in a folder called ``out`` like every run compared with it."""
    here = tmp_path_factory.mktemp("reference")
    with chdir(here):
        policytext.run([str(corpus)], Path("out"), part_size=PART_SIZE)
    return here / "out"


def assert_same_run(expected: Path, found: Path) -> None:
    """Every file byte for byte, summary.json apart from its timings; no file more or less."""
    names = sorted(p.relative_to(expected) for p in expected.rglob("*") if p.is_file())
    assert names == sorted(p.relative_to(found) for p in found.rglob("*") if p.is_file())
    for name in names:
        if name.name == "summary.json":
            summaries = [json.loads((root / name).read_text(encoding="utf-8")) for root in (expected, found)]
            for summary in summaries:
                for key in TIMING_KEYS:
                    summary.pop(key)
            assert summaries[0] == summaries[1]
        else:
            assert (expected / name).read_bytes() == (found / name).read_bytes(), name


# --- the CLI in a process of its own, slowed so that a stop lands midway --------------------------

@pytest.fixture(scope="module")
def cli_script(tmp_path_factory) -> Path:
    script = tmp_path_factory.mktemp("bin") / "policytext_slow.py"
    script.write_text(textwrap.dedent("""
        import os, sys, time
        from policytext import pipeline

        _analyze = pipeline.analyze_article

        def slow(article, options):  # only the pace changes: every output is the real one
            time.sleep(float(os.environ.get("DELAY", "0")))
            return _analyze(article, options)

        pipeline.analyze_article = slow
        from policytext.cli import main
        sys.argv[0] = "policytext"
        main()
    """))
    return script


def _start(script: Path, args: list[str], cwd: Path, delay: float, **kwargs) -> subprocess.Popen:
    env = {**os.environ, "DELAY": str(delay), "COLUMNS": "200"}
    return subprocess.Popen([sys.executable, str(script), *args], cwd=cwd, env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kwargs)


def _wait_for(path: Path, process: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not path.exists():
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, f"{path} never appeared"
        time.sleep(0.01)


def _leftovers(out: Path) -> list[str]:
    return [str(p) for p in out.rglob("*") if ".tmp-" in p.name or p.name == ".policytext.lock"]


def _resume(script: Path, corpus: Path, cwd: Path, jobs: int) -> None:
    process = _start(script, ["run", str(corpus), "-o", "out", "--part-size", str(PART_SIZE), "-j", str(jobs),
                              "-q", "--resume"], cwd, delay=0)
    stdout, stderr = process.communicate(timeout=120)
    assert process.returncode == 0, stderr


def test_sigkill_midway_then_resume_gives_the_same_folder(cli_script, corpus, reference, tmp_path):
    process = _start(cli_script, ["run", str(corpus), "-o", "out", "--part-size", str(PART_SIZE), "-j", "2", "-q"],
                     tmp_path, delay=0.05)
    _wait_for(tmp_path / "out" / "manifest" / "part-00002.json", process)
    process.kill()
    process.communicate(timeout=30)
    assert not (tmp_path / "out" / "summary.json").exists(), "the run ended before it was killed"
    _resume(cli_script, corpus, tmp_path, jobs=2)
    assert_same_run(reference, tmp_path / "out")


@pytest.mark.parametrize("signum, jobs", [(signal.SIGTERM, 1), (signal.SIGINT, 2), (signal.SIGHUP, 1)])
def test_a_stop_signal_leaves_committed_parts_and_says_how_to_resume(cli_script, corpus, reference, tmp_path,
                                                                     signum, jobs):
    process = _start(cli_script, ["run", str(corpus), "-o", "out", "--part-size", str(PART_SIZE), "-j", str(jobs),
                                  "-q"], tmp_path, delay=0.05, start_new_session=True)
    _wait_for(tmp_path / "out" / "manifest" / "part-00002.json", process)
    os.killpg(process.pid, signum)  # the whole group, as a terminal's Ctrl-C or a service manager does
    stdout, stderr = process.communicate(timeout=30)
    assert process.returncode == 128 + signum
    assert "Traceback" not in stderr and "Error" not in stderr
    [line] = stderr.strip().splitlines()
    name = signal.Signals(signum).name
    match = re.fullmatch(rf"policytext: stopped by {name}; (\d+) articles are safe in out \((\d+) parts\); "
                         r"resume with: (.*)", line)
    assert match, line
    manifests = [json.loads(p.read_text()) for p in (tmp_path / "out" / "manifest").glob("part-*.json")]
    assert int(match.group(1)) == sum(m["articles_in"] for m in manifests) > 0
    assert int(match.group(2)) == len(manifests)
    assert _leftovers(tmp_path / "out") == []  # no temporary file survives a stop
    command = shlex.split(match.group(3))
    assert command[:2] == ["policytext", "run"] and command[-1] == "--resume"
    resumed = _start(cli_script, command[1:], tmp_path, delay=0)  # the very command it printed
    assert resumed.wait(timeout=120) == 0, resumed.communicate()
    assert_same_run(reference, tmp_path / "out")


# --- the same in this process ---------------------------------------------------------------------

def _run_here(corpus: Path, where: Path, **kwargs) -> dict:
    where.mkdir(parents=True, exist_ok=True)
    with chdir(where):
        return policytext.run([str(corpus)], Path("out"), part_size=PART_SIZE, **kwargs)


def test_two_runs_give_identical_files_whatever_the_jobs(corpus, reference, tmp_path):
    _run_here(corpus, tmp_path / "again", jobs=2)
    assert_same_run(reference, tmp_path / "again" / "out")


def test_leftovers_of_a_crash_are_removed_and_a_damaged_last_part_is_redone(corpus, reference, tmp_path):
    _run_here(corpus, tmp_path)
    out = tmp_path / "out"
    (out / "summary.json").unlink()
    manifests = sorted((out / "manifest").glob("part-*.json"))
    for later in manifests[5:]:
        later.unlink()  # as if killed after part 4 was committed ...
    (out / "records" / "part-00006.jsonl").write_text("{}")  # ... while renaming part 6's files
    (out / "officials" / ".part-00005.parquet.tmp-12345").write_bytes(b"half")
    (out / ".records.jsonl.tmp-999").write_bytes(b"an older version's leftover")
    records = out / "records" / "part-00004.jsonl"
    records.write_bytes(records.read_bytes()[:100])  # a power cut caught the last committed part
    (out / ".policytext.lock").write_text("999999999")  # its process is gone
    _run_here(corpus, tmp_path, resume=True)
    assert_same_run(reference, out)


def test_a_finished_run_with_a_damaged_part_is_repaired_by_resume(corpus, reference, tmp_path):
    _run_here(corpus, tmp_path)
    last = sorted((tmp_path / "out" / "themes").glob("part-*.parquet"))[-1]
    last.write_bytes(last.read_bytes()[:-10])  # the disk lost the end of the last part
    _run_here(corpus, tmp_path, resume=True)
    assert_same_run(reference, tmp_path / "out")


def test_resume_refuses_an_input_that_changed(tmp_path):
    dump = _corpus(tmp_path / "news.jsonl")
    _run_here(dump, tmp_path)
    out = tmp_path / "out"
    (out / "summary.json").unlink()
    for later in sorted((out / "manifest").glob("part-*.json"))[3:]:
        later.unlink()  # an interrupted run: three parts committed
    _corpus(dump, n=8)  # the dump was replaced by a shorter one meanwhile
    with pytest.raises(RunConfigError, match="news.jsonl changed since the run started .*only 8 articles"):
        _run_here(dump, tmp_path, resume=True)


def test_an_existing_run_is_refused_unless_resumed_or_overwritten(corpus, tmp_path):
    first = _run_here(corpus, tmp_path)
    with pytest.raises(RunConfigError, match="already holds a finished run .*--resume .*--overwrite"):
        _run_here(corpus, tmp_path)
    stamp = (tmp_path / "out" / "manifest" / "part-00000.json").stat().st_mtime_ns
    assert _run_here(corpus, tmp_path, resume=True)["records"] == first["records"]  # finished: nothing to do
    assert (tmp_path / "out" / "manifest" / "part-00000.json").stat().st_mtime_ns == stamp
    with pytest.raises(RunConfigError, match="different settings .*tokens"):
        _run_here(corpus, tmp_path, resume=True, options=Options(tokens=True))
    (tmp_path / "out" / "notes.txt").write_text("mine")
    again = _run_here(corpus, tmp_path, overwrite=True, options=Options(tokens=True))
    assert again["records"] == first["records"]
    assert (tmp_path / "out" / "notes.txt").read_text() == "mine"  # only policytext's own files go


def test_an_older_runs_folder_is_refused_too(corpus, tmp_path):
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "records.jsonl").write_text("")
    with pytest.raises(RunConfigError, match="older policytext"):
        _run_here(corpus, tmp_path)
    _run_here(corpus, tmp_path, overwrite=True)
    assert not (tmp_path / "out" / "records.jsonl").exists()


def test_reading_a_run_works_on_parts_partial_or_finished(corpus, reference, tmp_path):
    records = list(policytext.load(reference))
    assert [r.id for r in records][:3] == ["a0", "a1", "a2"] and len(records) == 34
    articles = pd.read_parquet(reference / "articles")  # a table is a folder: pandas reads it whole
    assert list(articles["id"]) == [r.id for r in records]
    assert len(analysis.load_records(reference)) == 34
    _run_here(corpus, tmp_path)
    (tmp_path / "out" / "summary.json").unlink()
    for later in sorted((tmp_path / "out" / "manifest").glob("part-*.json"))[2:]:
        later.unlink()
    assert len(list(policytext.load(tmp_path / "out"))) == 8  # the records of the two committed parts
    with pytest.raises(FileNotFoundError):
        policytext.load(tmp_path / "nothing-here")


def test_duckdb_reads_the_table_folders(reference):
    duckdb = pytest.importorskip("duckdb")
    [(count,)] = duckdb.sql(f"select count(*) from read_parquet('{reference}/articles/*.parquet')").fetchall()
    assert count == 34


# --- loud failures ----------------------------------------------------------------------------------

runner = CliRunner()


def _cli(*args: str):
    return runner.invoke(app, list(args), env={"COLUMNS": "300"})


def test_a_broken_taxonomy_stops_the_run_before_any_work(corpus, tmp_path):
    taxonomy = tmp_path / "bad.yaml"
    taxonomy.write_text("themes:\n  - id: digital_transformation\n    threshold: x\n", encoding="utf-8")
    result = _cli("run", str(corpus), "-o", str(tmp_path / "out"), "--taxonomy", str(taxonomy), "--extend-taxonomy")
    assert result.exit_code == 2
    assert "invalid taxonomy" in result.output and "bad.yaml line 3" in result.output and "threshold" in result.output
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_a_taxonomy_file_is_data_never_code(corpus, tmp_path):
    marker = tmp_path / "executed"
    taxonomy = tmp_path / "evil.yaml"
    taxonomy.write_text(f"themes: !!python/object/apply:os.system ['touch {marker}']\n", encoding="utf-8")
    result = _cli("run", str(corpus), "-o", str(tmp_path / "out"), "--taxonomy", str(taxonomy))
    assert result.exit_code == 2 and "invalid taxonomy" in result.output
    assert not marker.exists()


def test_parts_never_span_two_inputs(tmp_path):
    first = _corpus(tmp_path / "first.jsonl", n=5)
    second = _corpus(tmp_path / "second.jsonl", n=3)
    policytext.run([first, second], tmp_path / "out", part_size=4)
    manifests = [json.loads(p.read_text()) for p in sorted((tmp_path / "out" / "manifest").glob("*.json"))]
    assert [(m["input"], m["first_position"], m["last_position"]) for m in manifests] == [
        (str(first), 0, 3), (str(first), 4, 4), (str(second), 0, 2)]
    assert manifests[1]["record_ids"] == ["a4"] and manifests[2]["first_source"]["index"] == 1


def test_a_missing_input_stops_the_run_and_writes_nothing(tmp_path):
    result = _cli("run", str(tmp_path / "nope"), "-o", str(tmp_path / "out"))
    assert result.exit_code == 2 and "no such file or folder" in result.output
    assert not (tmp_path / "out").exists()
    with pytest.raises(FileNotFoundError, match="nope"):
        policytext.read(tmp_path / "nope")


@pytest.mark.parametrize("make_args, message", [
    (lambda c, t: ["--resume", "--overwrite"], "contradict"),
    (lambda c, t: ["--extend-taxonomy"], "needs --taxonomy"),
    (lambda c, t: ["-o", str(c)], "is a file, not a folder"),
    (lambda c, t: ["-o", str(c / "sub")], "cannot write into the output folder"),  # under a file
    (lambda c, t: ["-o", str(c.parent / "inside")], "inside the input folder"),
])
def test_unusable_option_combinations_and_outputs_stop_at_once(corpus, tmp_path, make_args, message):
    args = make_args(corpus, tmp_path)
    inputs = [str(corpus.parent)] if "inside the input folder" == message else [str(corpus)]
    if "-o" not in args:
        args = ["-o", str(tmp_path / "out"), *args]
    result = _cli("run", *inputs, *args)
    assert result.exit_code == 2, result.output
    assert message in result.output


def test_a_text_field_that_matches_nothing_stops_with_the_fields_there_are(tmp_path):
    dump = tmp_path / "dump.jsonl"
    dump.write_text("".join(json.dumps({"id": i, "title": "T", "content": "Nội dung."}) + "\n" for i in range(3)))
    result = _cli("run", str(dump), "-o", str(tmp_path / "out"), "--text-field", "noi_dung")
    assert result.exit_code == 2
    assert "--text-field 'noi_dung' matches nothing in its first 3 records" in result.output
    assert "the fields there are: id, title, content" in result.output
    assert not (tmp_path / "out" / "run.json").exists()  # nothing that would need --overwrite


# --- limits and crashes -----------------------------------------------------------------------------

def _slow_or_dying(article, options):
    if "CHẬM" in article.text:
        time.sleep(30)
    if "CHẾT" in article.text:
        os._exit(7)
    return _real_analyze(article, options)


_real_analyze = policytext.pipeline.analyze_article


@pytest.mark.parametrize("jobs", [1, 2])
def test_limits_and_crashes_make_error_rows_naming_why(tmp_path, monkeypatch, jobs):
    monkeypatch.setattr(policytext.pipeline, "analyze_article", _slow_or_dying)
    texts = ["Bình thường.", "x" * 5000, "Bài CHẬM.", "Bài CHẾT." if jobs > 1 else "Bình thường.", "Cuối."]
    dump = tmp_path / "dump.jsonl"
    dump.write_text("".join(json.dumps({"id": f"t{i}", "text": t}) + "\n" for i, t in enumerate(texts)))
    started = time.monotonic()
    summary = policytext.run([dump], tmp_path / "out", jobs=jobs, options=Options(max_chars=1000, max_seconds=0.5))
    assert time.monotonic() - started < 20
    errors = [json.loads(line) for line in (tmp_path / "out" / "errors" / "part-00000.jsonl").open()]
    reasons = {e["source"]["index"]: e["reason"] for e in errors}
    assert reasons[2] == "article too long: 5,000 characters, over the limit of 1,000 per article (--max-chars)"
    assert reasons[3] == "analysis stopped: over the time limit of 0.5 s per article (--max-seconds)"
    if jobs > 1:
        assert reasons[4] == "analysis failed: worker process exited (code 7) while analysing this article"
    assert summary["articles_in"] == 5 and summary["records"] + summary["errors"] == 5
