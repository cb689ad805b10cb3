"""policytext export RUN --duckdb FILE: the run's tables and join views, queried here with SQL."""

from __future__ import annotations

import duckdb
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from policytext.cli import app
from policytext.duckdb_export import export_duckdb


@pytest.fixture(scope="module")
def database(raw_run, tmp_path_factory):
    path = tmp_path_factory.mktemp("duckdb") / "run.duckdb"
    result = CliRunner().invoke(app, ["export", str(raw_run), "--duckdb", str(path)])
    assert result.exit_code == 0, result.output
    assert "views article_themes, official_articles, official_themes, citations, document_articles" in result.output
    assert "person_articles, place_articles" in result.output  # every run writes persons and places now
    return path


def _sql(path, query):
    with duckdb.connect(str(path), read_only=True) as con:
        return con.execute(query).fetchall()


def test_tables_hold_every_row_with_their_types(database, raw_run):
    for table in ("articles", "officials", "organizations", "dates", "legal_refs", "tasks", "themes"):
        rows = sum(pq.read_metadata(p).num_rows for p in (raw_run / table).glob("part-*.parquet"))
        assert _sql(database, f"SELECT count(*) FROM {table}") == [(rows,)], table
    types = dict(_sql(database, "SELECT column_name, data_type FROM information_schema.columns "
                                "WHERE table_name = 'legal_refs'"))
    assert types["published"] == "TIMESTAMP WITH TIME ZONE" and types["published_iso"] == "VARCHAR"
    assert types["year"] == "BIGINT"
    assert dict(_sql(database, "SELECT column_name, data_type FROM information_schema.columns "
                               "WHERE table_name = 'articles'"))["themes"] == "VARCHAR[]"


def test_sql_counts_themes_by_month_as_the_parquet_says(database, raw_run):
    got = _sql(database, "SELECT month, theme, count(DISTINCT article_id) FROM article_themes "
                         "GROUP BY ALL ORDER BY ALL")
    # the same from the Parquet files themselves (this run's dates are all written in Vietnam time)
    expected = duckdb.sql(
        f"SELECT substr(published, 1, 7), theme, count(DISTINCT article_id) "
        f"FROM '{raw_run}/themes/*.parquet' GROUP BY ALL ORDER BY ALL").fetchall()
    assert got == expected and got


def test_join_views(database):
    officials = _sql(database, "SELECT count(*) FROM officials")[0][0]
    assert _sql(database, "SELECT count(*) FROM official_articles")[0][0] == officials
    # the seed article names Nguyễn Hồng Diên and carries emulation_awards
    by_theme = _sql(database, "SELECT name, theme, articles FROM official_themes")
    assert ("Nguyễn Hồng Diên", "emulation_awards", 1) in by_theme
    titles = _sql(database, "SELECT DISTINCT article_title FROM official_articles WHERE name = 'Nguyễn Hồng Diên'")
    assert titles[0][0].startswith("Ngành Công Thương")
    citations = _sql(database, "SELECT doc_key, code FROM citations")
    assert len(citations) == _sql(database, "SELECT count(*) FROM legal_refs")[0][0]
    assert ("Chỉ thị|34-CT/TW", "34-CT/TW") in citations
    assert all(key for key, _code in citations)
    cited = _sql(database, "SELECT count(*) FROM document_articles WHERE doc_key = 'Chỉ thị|34-CT/TW'")
    assert cited == [(1,)]


def test_future_tables_get_their_views(future_run, tmp_path):
    result = export_duckdb(future_run, tmp_path / "future.duckdb")
    assert {"persons", "places", "documents"} <= set(result.tables)
    assert {"person_articles", "place_articles", "document_articles"} <= set(result.views)
    assert not result.skipped
    path = result.path
    assert _sql(path, "SELECT count(*) FROM person_articles") == _sql(path, "SELECT count(*) FROM officials")
    assert _sql(path, "SELECT count(*) FROM place_articles") == _sql(path, "SELECT count(*) FROM places")
    # document_articles unnests documents.article_ids: one row per document and citing article
    assert _sql(path, "SELECT count(*) FROM document_articles") == _sql(
        path, "SELECT sum(len(article_ids)) FROM documents")
    columns = [c for (c,) in _sql(path, "SELECT column_name FROM information_schema.columns "
                                        "WHERE table_name = 'official_themes'")]
    assert columns[:2] == ["person_id", "name"]


def test_an_existing_database_is_kept_unless_overwritten(raw_run, tmp_path):
    path = tmp_path / "run.duckdb"
    path.write_text("mine")
    with pytest.raises(FileExistsError):
        export_duckdb(raw_run, path)
    assert path.read_text() == "mine"
    export_duckdb(raw_run, path, overwrite=True)
    assert _sql(path, "SELECT count(*) > 0 FROM articles") == [(True,)]
    assert [p.name for p in tmp_path.iterdir()] == ["run.duckdb"]  # no temporary file left


def test_no_run_exit_1(tmp_path):
    result = CliRunner().invoke(app, ["export", str(tmp_path), "--duckdb", str(tmp_path / "x.duckdb")])
    assert result.exit_code == 1 and "no articles table" in result.output
