"""policytext.load_tables: every table of a run as pandas with proper dtypes and working join keys."""

from __future__ import annotations

import json

import pandas as pd
import pyarrow.parquet as pq
import pytest

import policytext
from policytext.frames import RUN_LEVEL, TABLES, published_timestamps, table_paths


def test_every_table_with_its_rows_and_the_missing_ones_named(bare_run):
    raw_run = bare_run
    tables = policytext.load_tables(raw_run)
    for name in ("articles", "officials", "organizations", "dates", "legal_refs", "tasks", "themes", "errors"):
        assert name in tables, name
        if name != "errors":
            rows = sum(pq.read_metadata(p).num_rows for p in table_paths(raw_run, name))
            assert len(tables[name]) == rows, name
    assert set(tables.missing) == set(RUN_LEVEL)
    assert "no places table in this run" in tables.missing["places"]
    assert set(tables) | set(tables.missing) == set(TABLES)


def test_published_is_a_vietnam_timestamp_beside_the_string_as_written(raw_run):
    articles = policytext.load_tables(raw_run, ["articles"])["articles"]
    assert str(articles["published"].dtype) == "datetime64[us, Asia/Ho_Chi_Minh]"
    raw = pd.read_parquet(raw_run / "articles")["published"]
    assert list(articles["published_iso"]) == list(raw)
    # a date alone is midnight in Vietnam, a date-time keeps its moment
    dated = articles.set_index("published_iso")["published"]
    assert dated["2021-10-12"] == pd.Timestamp("2021-10-12T00:00:00+07:00")
    assert dated["2021-08-30T20:01:00+07:00"] == pd.Timestamp("2021-08-30T13:01:00Z")
    assert articles.loc[articles["published_iso"] == "2021-08-30T20:01:00+07:00", "month"].item() == "2021-08"


def test_published_mixes_dates_date_times_offsets_and_garbage():
    values = pd.Series(["2021-08-30T20:01:00+07:00", "2021-10-12", None, "2021-08-31T20:00:00Z",
                        "2021-08-31T17:30:00+00:00", "2021-08-30T20:01", "30/08/2021", "2021-08-30T20:01:00+0700"])
    moments = published_timestamps(values)
    assert list(moments.dt.strftime("%Y-%m-%d %H:%M").fillna("-")) == [
        "2021-08-30 20:01", "2021-10-12 00:00", "-", "2021-09-01 03:00", "2021-09-01 00:30", "2021-08-30 20:01",
        "-", "2021-08-30 20:01"]


def test_integers_nullable_lists_as_lists_text_as_strings(raw_run):
    tables = policytext.load_tables(raw_run)
    refs = tables["legal_refs"]
    assert refs["year"].dtype == pd.Int64Dtype()  # not float: whole years or <NA>
    assert refs["year"].isna().any() and (refs["year"].dropna() > 1900).all()
    assert tables["officials"]["former"].dtype == pd.BooleanDtype()
    assert tables["articles"]["title"].dtype == pd.StringDtype()
    assert all(isinstance(v, list) for v in tables["articles"]["themes"])
    evidence = tables["themes"].iloc[0]
    assert isinstance(evidence["evidence"], list) and isinstance(evidence["evidence_start"][0], int)
    assert len(evidence["evidence"]) == evidence["n_evidence"]


def test_join_keys_join(raw_run):
    tables = policytext.load_tables(raw_run)
    ids = set(tables["articles"]["id"])
    assert tables["articles"]["id"].is_unique
    for name in ("officials", "organizations", "dates", "legal_refs", "tasks", "themes"):
        assert set(tables[name]["article_id"]) <= ids, name
    joined = tables["officials"].merge(tables["articles"][["id", "title"]], left_on="article_id", right_on="id",
                                       suffixes=("", "_article"))
    assert len(joined) == len(tables["officials"])


def test_columns_limit_what_is_read(raw_run):
    tables = policytext.load_tables(raw_run, ["articles"], columns={"articles": ["id", "published", "nope"]})
    assert list(tables["articles"].columns) == ["id", "published", "published_iso", "month"]


def test_run_level_tables_are_read_where_newer_runs_put_them(future_run):
    tables = policytext.load_tables(future_run)
    assert not tables.missing
    persons = tables["persons"]
    assert persons["person_id"].is_unique
    assert isinstance(persons.iloc[0]["positions"], list) and isinstance(persons.iloc[0]["positions"][0], dict)
    assert set(tables["officials"]["person_id"]) == set(persons["person_id"])
    assert tables["places"]["published"].dtype.tz is not None and len(tables["places"]) > 0
    documents = tables["documents"]
    assert documents["n_articles"].dtype == pd.Int64Dtype()
    assert all(set(ids) <= set(tables["articles"]["id"]) for ids in documents["article_ids"])


def test_error_rows_are_a_table(tmp_path):
    (tmp_path / "in.jsonl").write_text(
        json.dumps({"id": "a", "text": "Bộ Công Thương họp.", "published": "2021-08-30"}) + "\n{broken\n",
        encoding="utf-8")
    policytext.run([tmp_path / "in.jsonl"], tmp_path / "run")
    errors = policytext.load_tables(tmp_path / "run", ["errors"])["errors"]
    assert len(errors) == 1 and errors.loc[0, "source_index"] == 2  # the line
    assert errors.loc[0, "source_path"].endswith("in.jsonl") and errors.loc[0, "reason"]


def test_no_run_no_tables(tmp_path):
    with pytest.raises(FileNotFoundError, match="no articles table"):
        policytext.load_tables(tmp_path)
