"""policytext report: one self-contained HTML file whose numbers are the run's (checked here against the
Parquet tables with DuckDB, not through the report's own code)."""

from __future__ import annotations

import json
import re

import duckdb
import pytest
from typer.testing import CliRunner

from policytext.cli import app
from policytext.report import build_report

CHARTS = ["themes-over-time", "officials", "documents", "sources", "organizations", "places", "theme-evidence"]


@pytest.fixture(scope="module")
def report(raw_run, tmp_path_factory):
    path = tmp_path_factory.mktemp("report") / "report.html"
    result = CliRunner().invoke(app, ["report", str(raw_run), "-o", str(path)])
    assert result.exit_code == 0, result.output
    assert f"{len(CHARTS)} charts ({', '.join(CHARTS)})" in result.output
    return path.read_text(encoding="utf-8")


def numbers(page: str, section: str) -> list[dict]:
    found = re.search(rf'<script type="application/json" class="numbers" id="numbers-{section}">(.*?)</script>',
                      page, re.S)
    return json.loads(found.group(1))


def figure(page: str, section: str) -> dict:
    found = re.search(rf'<script type="application/json" class="figure" data-target="chart-{section}">(.*?)</script>',
                      page, re.S)
    return json.loads(found.group(1))


def sql(query: str) -> list[tuple]:
    return duckdb.sql(query).fetchall()


def test_self_contained(report):
    assert report.count("<script") == report.count("</script>")
    markup = re.sub(r"(<script[^>]*>).*?</script>", r"\1</script>", report, flags=re.S)  # plotly.js names URLs
    assert not re.search(r"<script[^>]*\bsrc=|<link\b|<iframe|<img|@import|url\(", markup)
    assert not re.search(r"""(?:src|href)=["']?(?:https?:)?//""", markup)
    assert "Plotly.newPlot" in report and len(report) > 1_000_000  # plotly.js inlined
    for section in CHARTS:
        assert f'id="chart-{section}"' in report
    assert 'id="chart-places"' in report  # every run writes its places now


def test_a_run_without_places_gets_a_note_instead_of_the_chart(bare_run, tmp_path):
    build_report(bare_run, tmp_path / "report.html")
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert 'id="chart-places"' not in page and "This run has no places table" in page


def test_themes_over_time_are_the_runs_shares(report, raw_run):
    rows = numbers(report, "themes-over-time")
    per_month = dict(sql(f"SELECT substr(published, 1, 7), count(*) FROM '{raw_run}/articles/*.parquet' "
                         "GROUP BY 1"))
    labels = {(m, t): n for m, t, n in sql(
        f"SELECT substr(published, 1, 7), theme, count(DISTINCT article_id) FROM '{raw_run}/themes/*.parquet' "
        "GROUP BY ALL")}
    assert {(r["month"], r["theme"]) for r in rows if r["articles"]} == set(labels)
    for row in rows:
        assert row["articles"] == labels.get((row["month"], row["theme"]), 0)
        assert row["month_articles"] == per_month.get(row["month"], 0)
        if row["month_articles"]:
            assert row["share"] == pytest.approx(row["articles"] / row["month_articles"])
    months = [r["month"] for r in rows]
    assert months[0] == min(per_month) and months[-1] == max(per_month) and "2021-05" in months  # gaps kept
    # the chart draws the same shares, in percent
    for trace in figure(report, "themes-over-time")["data"]:
        mine = [r for r in rows if r["theme"] == trace["name"]]
        assert trace["x"] == [r["month"] for r in mine]
        assert trace["y"] == [None if r["share"] is None else pytest.approx(100 * r["share"], abs=0.01) for r in mine]


def test_top_officials_and_their_themes(report, raw_run):
    rows = numbers(report, "officials")
    counts = dict(sql(f"SELECT name, count(DISTINCT article_id) FROM '{raw_run}/officials/*.parquet' GROUP BY 1"))
    assert len(rows) == min(15, len(counts))
    assert [r["articles"] for r in rows] == sorted((r["articles"] for r in rows), reverse=True)
    for row in rows:
        assert row["articles"] == counts[row["official"]]
    themes = {(n, t): c for n, t, c in sql(
        f"SELECT o.name, t.theme, count(DISTINCT o.article_id) FROM '{raw_run}/officials/*.parquet' o "
        f"JOIN '{raw_run}/themes/*.parquet' t ON t.article_id = o.article_id GROUP BY ALL")}
    diên = next(r for r in rows if r["official"] == "Nguyễn Hồng Diên")
    assert diên["emulation_awards"] == themes[("Nguyễn Hồng Diên", "emulation_awards")] == 1
    for row in rows:
        for theme, value in row.items():
            if theme not in ("official", "articles", "person_id"):
                assert value == themes.get((row["official"], theme), 0)
    heatmap = figure(report, "officials")["data"][0]
    assert heatmap["type"] == "heatmap" and len(heatmap["z"]) == len(rows)


def test_most_cited_documents(report, raw_run):
    rows = numbers(report, "documents")
    by_code = dict(sql(f"SELECT code, count(DISTINCT article_id) FROM '{raw_run}/legal_refs/*.parquet' "
                       "WHERE code IS NOT NULL GROUP BY 1"))
    coded = [r for r in rows if r["code"]]
    assert coded and all(r["articles"] == by_code[r["code"]] for r in coded)
    assert {"document": "Chỉ thị 34-CT/TW", "doc_type": "Chỉ thị", "code": "34-CT/TW", "doc_key": "Chỉ thị|34-CT/TW",
            "articles": 1, "mentions": 1} in rows
    named = [r for r in rows if not r["code"]]
    assert "Nghị quyết Đại hội Đảng toàn quốc lần thứ XIII" in [r["document"] for r in named]  # named as written
    bars = figure(report, "documents")["data"]
    assert sum(sum(t["x"]) for t in bars) == sum(r["articles"] for r in rows)


def test_articles_by_source_and_month_add_up(report, raw_run):
    rows = numbers(report, "sources")
    total = sql(f"SELECT count(*) FROM '{raw_run}/articles/*.parquet'")[0][0]
    assert sum(r["articles"] for r in rows) == total
    per_month = dict(sql(f"SELECT substr(published, 1, 7), count(*) FROM '{raw_run}/articles/*.parquet' GROUP BY 1"))
    for month, count in per_month.items():
        assert sum(r["articles"] for r in rows if r["month"] == month) == count
    assert any(r["source"] == "example.gov.vn" and r["articles"] for r in rows)  # the URL's site
    bars = figure(report, "sources")["data"]
    assert sum(sum(t["y"]) for t in bars) == total


def test_organizations(report, raw_run):
    rows = numbers(report, "organizations")
    counts = dict(sql(f"SELECT name, count(DISTINCT article_id) FROM '{raw_run}/organizations/*.parquet' GROUP BY 1"))
    assert rows[0]["articles"] == max(counts.values())
    assert all(r["articles"] == counts[r["organization"]] for r in rows)


def test_theme_evidence(report, raw_run):
    rows = numbers(report, "theme-evidence")
    scores = {t: (n, s) for t, n, s in sql(
        f"SELECT theme, count(DISTINCT article_id), round(avg(score), 3) FROM '{raw_run}/themes/*.parquet' GROUP BY 1")}
    assert {r["theme"]: (r["articles"], r["mean_score"]) for r in rows} == scores
    emulation = next(r for r in rows if r["theme"] == "emulation_awards")
    assert "thi đua" in emulation["top_evidence"]


def test_tables_newer_runs_write_are_charted(future_run, tmp_path):
    result = build_report(future_run, tmp_path / "report.html")
    assert result.charts == ["themes-over-time", "officials", "documents", "sources", "organizations", "places",
                             "theme-evidence"]
    assert not result.notes
    page = result.path.read_text(encoding="utf-8")
    places = numbers(page, "places")
    assert places and {"place", "kind", "articles", "mentions"} <= set(places[0])
    officials = numbers(page, "officials")
    persons = {r[0] for r in sql(f"SELECT person_id FROM '{future_run}/persons/*.parquet'")}
    assert officials and all(r["person_id"] in persons for r in officials)  # by person
    documents = numbers(page, "documents")
    assert {"document": "Chỉ thị 34-CT/TW", "doc_type": "Chỉ thị", "code": "34-CT/TW", "doc_key": "Chỉ thị|34-CT/TW",
            "articles": 1, "mentions": 1} in documents
    assert "documents as the run&#x27;s documents.parquet counts them" in page


def test_no_run_exit_1(tmp_path):
    result = CliRunner().invoke(app, ["report", str(tmp_path), "-o", str(tmp_path / "r.html")])
    assert result.exit_code == 1 and "no articles table" in result.output
    assert not (tmp_path / "r.html").exists()


def test_a_run_without_dates(tmp_path):
    import policytext

    text = ("Bộ trưởng Bộ Công Thương Nguyễn Hồng Diên phát động phong trào thi đua, khen thưởng năm 2021. "
            "Phong trào thi đua yêu nước gắn với công tác khen thưởng kịp thời các điển hình tiên tiến.")
    (tmp_path / "in.jsonl").write_text(json.dumps({"id": "a", "title": "Thi đua", "text": text}) + "\n",
                                       encoding="utf-8")
    policytext.run([tmp_path / "in.jsonl"], tmp_path / "run")
    result = build_report(tmp_path / "run", tmp_path / "report.html")
    assert "No article of this run has a publication date" in result.notes["themes-over-time"]
    page = result.path.read_text(encoding="utf-8")
    assert numbers(page, "sources") == [{"month": "no date", "source": "in.jsonl", "articles": 1}]
    assert "officials" in result.charts
