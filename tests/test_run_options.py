"""The analyst's side of a run: kept input fields, output formats, tokens off by default, progress with a
total (rich on the command line, tqdm from the API), --version and help that fits 80 columns."""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest
from rich.console import Console
from rich.progress import Progress
from typer.testing import CliRunner

import policytext
from policytext.cli import app
from policytext.cli_display import RunProgress
from policytext.io.readers import FieldMap
from policytext.progress import InputCount, TqdmProgress
from policytext.runs.errors import RunConfigError
from test_runs import assert_same_run

runner = CliRunner()
TEXT = "Chiều 30/8, Bộ trưởng Bộ Công Thương Nguyễn Hồng Diên ký Chỉ thị 34-CT/TW."


def _dump(path: Path, n: int = 9) -> Path:
    rows = [{"id": f"a{i}", "text": TEXT, "category": ["Kinh tế", "Xã hội"][i % 2], "author_id": i,
             "tags": ["x", i]} for i in range(n)]
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


def _run(tmp_path: Path, *args: str, name: str = "out"):
    return runner.invoke(app, ["run", str(_dump(tmp_path / "news.jsonl")), "-o", str(tmp_path / name), "--quiet",
                               *args])


# --- kept input fields ----------------------------------------------------------------------------

def test_kept_fields_become_columns_of_articles_and_a_field_of_each_record(tmp_path):
    result = _run(tmp_path, "--keep-fields", "category,author_id,missing")
    assert result.exit_code == 0, result.output
    articles = pd.read_parquet(tmp_path / "out" / "articles")
    assert articles["category"].tolist()[:3] == ["Kinh tế", "Xã hội", "Kinh tế"]
    assert articles["author_id"].tolist()[:2] == ["0", "1"]  # as text: JSON for what is not a string
    assert articles["missing"].isna().all()
    assert articles.groupby("category").size().to_dict() == {"Kinh tế": 5, "Xã hội": 4}
    record = next(policytext.load(tmp_path / "out"))
    assert record.input_fields == {"category": "Kinh tế", "author_id": "0", "missing": None}
    assert json.loads((tmp_path / "out" / "run.json").read_text())["fields"]["keep"] == [
        "category", "author_id", "missing"]


def test_keep_all_fields_is_one_map_column(tmp_path):
    assert _run(tmp_path, "--keep-fields", "all").exit_code == 0
    articles = pd.read_parquet(tmp_path / "out" / "articles")
    assert dict(articles["input_fields"][0]) == {"id": "a0", "category": "Kinh tế", "author_id": "0",
                                                 "tags": '["x", 0]'}  # everything but the text


def test_a_kept_field_named_like_a_column_is_refused_before_any_work(tmp_path):
    result = _run(tmp_path, "--keep-fields", "category,title")
    assert result.exit_code == 2 and "--keep-fields title" in result.output
    assert not (tmp_path / "out" / "run.json").exists()
    with pytest.raises(RunConfigError, match="'all' keeps every field"):
        policytext.run([_dump(tmp_path / "n.jsonl")], tmp_path / "api", keep_fields=["all", "category"])


def test_a_record_without_kept_fields_has_no_such_key():
    assert "input_fields" not in policytext.analyze(TEXT).to_dict()


# --- formats and tokens ---------------------------------------------------------------------------

@pytest.mark.parametrize("output_format,records,tables", [("both", True, True), ("jsonl", True, False),
                                                          ("parquet", False, True)])
def test_output_formats(tmp_path, output_format, records, tables):
    assert _run(tmp_path, "--format", output_format).exit_code == 0
    out = tmp_path / "out"
    assert (out / "records").is_dir() == records and (out / "officials").is_dir() == tables
    assert (out / "errors" / "part-00000.jsonl").is_file()  # error rows whatever the format
    summary = json.loads((out / "summary.json").read_text())
    assert ("records/" in summary["files"]) == records and summary["records"] == 9
    if not records:
        with pytest.raises(FileNotFoundError, match="tables only"):
            policytext.load(out)


def test_an_unknown_format_is_a_usage_error(tmp_path):
    assert _run(tmp_path, "--format", "csv").exit_code == 2


def test_tokens_are_left_out_of_runs_unless_asked_and_kept_by_analyze(tmp_path):
    assert _run(tmp_path).exit_code == 0
    assert next(policytext.load(tmp_path / "out")).tokens == []
    assert _run(tmp_path, "--tokens", name="with").exit_code == 0
    assert next(policytext.load(tmp_path / "with")).tokens
    assert policytext.analyze(TEXT).tokens
    result = runner.invoke(app, ["analyze", "-"], input=TEXT.encode("utf-8"))
    assert json.loads(result.stdout)["tokens"]


def test_a_resumed_run_with_kept_fields_and_tables_only_equals_an_uninterrupted_one(tmp_path):
    source = _dump(tmp_path / "news.jsonl", n=30)
    options = {"part_size": 4, "keep_fields": "all", "output_format": "parquet"}
    old = os.getcwd()
    os.chdir(tmp_path)  # both runs in a folder called "out": the summary names it
    try:
        policytext.run([source], Path("out"), **options)
        shutil.move("out", "reference")
        policytext.run([source], Path("out"), **options)
        Path("out/summary.json").unlink()
        for manifest in sorted(Path("out/manifest").glob("part-*.json"))[3:]:
            manifest.unlink()  # as if stopped after part 2 was committed
        policytext.run([source], Path("out"), resume=True, **options)
    finally:
        os.chdir(old)
    assert_same_run(tmp_path / "reference", tmp_path / "out")


# --- progress -------------------------------------------------------------------------------------

def test_the_input_count_gives_the_total_and_respects_the_limit(tmp_path):
    source = _dump(tmp_path / "news.jsonl", n=12)
    (tmp_path / "folder").mkdir()
    (tmp_path / "folder" / "a.txt").write_text(TEXT, encoding="utf-8")
    shutil.copy(source, tmp_path / "folder" / "b.jsonl")
    assert InputCount([source, tmp_path / "folder"]).start().wait(10) == 25
    assert InputCount([source], limit=5).start().wait(10) == 5
    assert InputCount([tmp_path / "nothing-here"]).start().wait(10) == 1  # the error row a run gives


class FakeBar:
    """What TqdmProgress needs of a tqdm bar, recorded."""

    made: list["FakeBar"] = []

    def __init__(self, total=None, initial=0, **kwargs):
        self.total, self.n, self.kwargs, self.postfix, self.closed = total, initial, kwargs, {}, False
        FakeBar.made.append(self)

    def update(self, n):
        self.n += n

    def refresh(self):
        pass

    def set_postfix(self, refresh=True, **kwargs):
        self.postfix = kwargs

    def close(self):
        self.closed = True


def test_the_api_draws_a_tqdm_bar_with_the_total(tmp_path):
    FakeBar.made = []
    summary = policytext.run([_dump(tmp_path / "news.jsonl")], tmp_path / "out", progress=FakeBar)
    (bar,) = FakeBar.made
    assert (bar.n, bar.total, bar.closed) == (summary["articles_in"], 9, True)
    assert policytext.run([_dump(tmp_path / "n.jsonl")], tmp_path / "out2", progress=True)["records"] == 9


def test_a_resumed_session_starts_the_bar_at_what_is_safe():
    count = InputCount([])
    count.total = 100
    FakeBar.made = []
    display = TqdmProgress(count, FakeBar)
    display(40, 2)  # the session's first call: what committed parts hold
    display(41, 2)
    display(41, 3)
    bar = FakeBar.made[0]
    assert (bar.total, bar.n, bar.postfix) == (100, 44, {"errors": "3"})


def test_the_command_line_bar_shows_the_total_once_counted():
    progress = Progress(console=Console(file=open(os.devnull, "w")), disable=True)
    count = InputCount([])
    display = RunProgress(progress, count)
    display(10, 1)
    (task,) = progress.tasks
    assert (task.completed, task.total) == (11, None)  # not counted yet: no total, no time left
    count.total = 50
    display(20, 1)
    assert (task.completed, task.total, task.description) == (21, 50, "20 records, 1 errors")


# --- --version and help ---------------------------------------------------------------------------

def test_version():
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.output.startswith("policytext ") and "record schema 1" in result.output


@pytest.mark.parametrize("command", [[], ["run"], ["analyze"], ["explain"], ["eval"], ["eval", "extract"]])
def test_help_cuts_no_option_or_command_short_at_80_columns(command):
    result = runner.invoke(app, [*command, "--help"], terminal_width=80, env={"COLUMNS": "80"})
    assert result.exit_code == 0
    cut = [line for line in result.output.splitlines()  # "--published-fie…", "against a CoNLL-U..."
           if re.search(r"\w…", line) or line.endswith("...") and not line.startswith("Usage:")]
    assert cut == []
    assert max(len(line) for line in result.output.splitlines()) <= 80
    if command == ["run"]:
        for option in ("--published-field", "--extend-taxonomy", "--keep-fields", "--format", "--max-seconds",
                       "--part-size", "--tokens / --no-tokens", "--resume", "--overwrite"):
            assert option in result.output, option
