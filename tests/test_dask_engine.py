"""--engine dask: a dask.distributed LocalCluster (worker processes on this machine, over loopback)
writes the same files as the local engine, record by record and byte by byte, and resumes either way."""

from __future__ import annotations

import json
from contextlib import chdir
from pathlib import Path

import pytest

import policytext
from policytext.runs.dask_engine import partitions

distributed = pytest.importorskip("dask.distributed")

from test_near_duplicates import _corpus, assert_same_run  # noqa: E402  (same folder, on pytest's path)

PART_SIZE = 4


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """Two inputs (parts never span two), a broken line, near-duplicates."""
    folder = tmp_path_factory.mktemp("input")
    first = _corpus(folder / "a.jsonl")
    second = folder / "b.jsonl"
    second.write_text("".join(first.read_text(encoding="utf-8").splitlines(keepends=True)[:6]).replace('"a', '"b'),
                      encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as c:
        yield c


def _run(corpus: Path, where: Path, **kwargs) -> dict:
    where.mkdir(parents=True, exist_ok=True)
    with chdir(where):
        return policytext.run([str(corpus / "a.jsonl"), str(corpus / "b.jsonl")], Path("out"), part_size=PART_SIZE,
                              near_duplicates=True, **kwargs)


@pytest.fixture(scope="module")
def local(corpus, tmp_path_factory) -> Path:
    here = tmp_path_factory.mktemp("local")
    _run(corpus, here)
    return here / "out"


def test_partitions_are_cut_like_the_local_engines_parts():
    items = [((0, p, None), f"a{p}") for p in range(5)] + [((1, p, None), f"b{p}") for p in range(3)]
    cut = [(index, [item for _, _, item in batch]) for index, batch in partitions(items, 2)]
    assert cut == [(0, ["a0", "a1"]), (0, ["a2", "a3"]), (0, ["a4"]), (1, ["b0", "b1"]), (1, ["b2"])]


def test_a_dask_run_writes_what_a_local_run_writes(corpus, local, cluster, tmp_path):
    summary = _run(corpus, tmp_path, engine="dask", scheduler=cluster.scheduler_address)
    assert summary["session"]["engine"] == "dask" and summary["near_duplicates"] == 3 + 6  # b.jsonl repeats a.jsonl's first 6
    assert_same_run(local, tmp_path / "out")
    assert [r.to_dict() for r in policytext.load(tmp_path / "out")] == [r.to_dict() for r in policytext.load(local)]


def test_a_run_resumes_with_either_engine(corpus, local, cluster, tmp_path):
    out = tmp_path / "out"
    for first, then in (("local", "dask"), ("dask", "local")):
        where = {"dask": cluster.scheduler_address, "local": None}
        _run(corpus, tmp_path, engine=first, scheduler=where[first], overwrite=True)
        (out / "summary.json").unlink()
        for later in sorted((out / "manifest").glob("part-*.json"))[2:]:  # stopped after part 1
            later.unlink()
        _run(corpus, tmp_path, engine=then, scheduler=where[then], resume=True)
        assert_same_run(local, out)
        assert json.loads((out / "summary.json").read_text())["session"]["resumed_at"] == 2 * PART_SIZE


def test_an_engine_or_scheduler_given_wrong_stops_the_run_before_any_work(corpus, tmp_path):
    from policytext.runs.errors import RunConfigError

    with pytest.raises(RunConfigError, match="unknown engine"):
        _run(corpus, tmp_path, engine="spark")
    with pytest.raises(RunConfigError, match="needs --engine dask"):
        _run(corpus, tmp_path, scheduler="tcp://127.0.0.1:8786")
    assert not (tmp_path / "out").exists()
