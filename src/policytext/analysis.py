"""Aggregations over a processed run, for analysts: theme counts by month, organisation, official,
and theme shares by month with the counts behind them (``theme_shares_by_month``).

A run folder is what ``policytext run`` writes: ``records/part-*.jsonl`` (one RECORD.md record per
line) and, when Parquet was on, a folder of parts per table (``articles/``, ``themes/``,
``organizations/``, ``officials/``); a run of an older policytext has ``records.jsonl`` and
``articles.parquet`` ... instead, and reads the same. Functions accept the folder, a records file,
or a frame that ``load_records`` returned (so a notebook loads once and aggregates many times).

Every count is a number of ARTICLES: an article naming an organisation five times counts once
for it. Months are the local calendar month of ``published`` as written (Vietnam time in
practice); articles without a publication date have no month and are left out of by-month counts
(``theme_shares_by_month(...).attrs["undated"]`` says how many).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Union

import pandas as pd

from .runs.layout import record_files, table_files

RunLike = Union[str, Path, pd.DataFrame]

COLUMNS = ["id", "title", "published", "month", "themes", "theme_scores", "organizations", "officials"]


def _month(published: object) -> str | None:
    """'2021-08' from an ISO 8601 string, keeping its own (local) date rather than converting to UTC."""
    if not isinstance(published, str) or len(published) < 7 or published[4] != "-":
        return None
    month = published[:7]
    return month if month[:4].isdigit() and month[5:7].isdigit() else None


def _row(record: dict, min_score: float | None) -> dict:
    themes = [t for t in record.get("themes") or [] if min_score is None or t.get("score", 0) >= min_score]
    return {
        "id": record.get("id"),
        "title": record.get("title"),
        "published": record.get("published"),
        "month": _month(record.get("published")),
        "themes": [t["id"] for t in themes],
        "theme_scores": {t["id"]: t.get("score") for t in themes},
        "organizations": sorted({o["name"] for o in record.get("organizations") or [] if o.get("name")}),
        "officials": sorted({o["name"] for o in record.get("officials") or [] if o.get("name")}),
    }


def _table(run_dir: Path, name: str, columns: list[str] | None = None) -> pd.DataFrame | None:
    """One table of a run, all its parts in order; None when the run has no such table."""
    files = table_files(run_dir, name)
    if not files:
        return None
    return pd.concat([pd.read_parquet(path, columns=columns) for path in files], ignore_index=True)


def _from_parquet(run_dir: Path, min_score: float | None) -> pd.DataFrame:
    articles = _table(run_dir, "articles", columns=["id", "title", "published"])

    def grouped(name: str, column: str, filter_score: bool = False) -> pd.Series:
        table = _table(run_dir, name)
        if table is None or table.empty:
            return pd.Series(dtype=object)
        if filter_score and min_score is not None:
            table = table[table["score"] >= min_score]
        return table.groupby("article_id")[column].agg(lambda values: sorted(set(values)))

    themes = grouped("themes", "theme", filter_score=True)
    organizations = grouped("organizations", "name")
    officials = grouped("officials", "name")
    scores: dict[str, dict[str, float]] = {}
    theme_rows = _table(run_dir, "themes", columns=["article_id", "theme", "score"])
    if theme_rows is not None:
        for row in theme_rows.itertuples(index=False):
            if min_score is None or row.score >= min_score:
                scores.setdefault(row.article_id, {})[row.theme] = row.score
    rows = []
    for article in articles.itertuples(index=False):
        rows.append({
            "id": article.id,
            "title": article.title,
            "published": article.published,
            "month": _month(article.published),
            "themes": themes.get(article.id, []),
            "theme_scores": scores.get(article.id, {}),
            "organizations": organizations.get(article.id, []),
            "officials": officials.get(article.id, []),
        })
    return pd.DataFrame(rows, columns=COLUMNS)


def load_records(run: str | Path, min_score: float | None = None) -> pd.DataFrame:
    """One row per article: id, title, published, month, themes, theme_scores, organizations, officials.

    ``run``: a run folder (its records are read; its Parquet tables when the records were deleted)
    or the path of a records file. ``min_score`` drops theme labels scoring under it.
    """
    path = Path(run)
    files = [path] if path.is_file() else [f for f in record_files(path) if f.is_file()]
    if files:
        rows = []
        for records_file in files:
            with open(records_file, encoding="utf-8") as handle:
                for number, line in enumerate(handle, start=1):
                    if not line.strip():
                        continue
                    try:
                        rows.append(_row(json.loads(line), min_score))
                    except (json.JSONDecodeError, KeyError, TypeError) as exc:
                        raise ValueError(f"{records_file} line {number}: not a policytext record ({exc})") from None
        return pd.DataFrame(rows, columns=COLUMNS)
    if table_files(path, "articles"):
        return _from_parquet(path, min_score)
    raise FileNotFoundError(f"{path}: no records (records/part-*.jsonl, or records.jsonl) nor articles table "
                            "(is this a policytext run folder?)")


def _records(run: RunLike) -> pd.DataFrame:
    return run if isinstance(run, pd.DataFrame) else load_records(run)


def _crosstab(frame: pd.DataFrame, key: str) -> pd.DataFrame:
    """Articles per (key value, theme) as a wide table: one row per key value, one column per theme."""
    pairs = frame[[key, "themes"]].explode(key).explode("themes").dropna()
    if pairs.empty:
        return pd.DataFrame(dtype="int64")
    table = pd.crosstab(pairs[key], pairs["themes"]).astype("int64")
    table.columns.name = "theme"
    return table


def _order(table: pd.DataFrame) -> pd.DataFrame:
    """Busiest rows first (ties by name), busiest themes first."""
    if table.empty:
        return table
    row_totals = table.sum(axis=1)
    rows = sorted(table.index, key=lambda name: (-row_totals[name], str(name)))
    column_totals = table.sum(axis=0)
    columns = sorted(table.columns, key=lambda name: (-column_totals[name], str(name)))
    return table.loc[rows, columns]


def theme_counts_by_month(run: RunLike) -> pd.DataFrame:
    """Articles per month (rows, 'YYYY-MM', every month between the first and last, in order) and theme."""
    frame = _records(run)
    frame = frame[frame["month"].notna()]
    table = _crosstab(frame.assign(month=frame["month"].map(lambda m: [m])), "month")
    if table.empty:
        return table
    months = pd.period_range(min(table.index), max(table.index), freq="M").strftime("%Y-%m")
    table = table.reindex(months, fill_value=0)
    table.index.name = "month"
    column_totals = table.sum(axis=0)
    return table[sorted(table.columns, key=lambda name: (-column_totals[name], str(name)))]


def theme_counts_by_organization(run: RunLike) -> pd.DataFrame:
    """Articles per organisation (rows, canonical name) and theme (columns), busiest first."""
    table = _order(_crosstab(_records(run), "organizations"))
    table.index.name = "organization"
    return table


def theme_counts_by_official(run: RunLike) -> pd.DataFrame:
    """Articles per official (rows, name as in records) and theme (columns), busiest first."""
    table = _order(_crosstab(_records(run), "officials"))
    table.index.name = "official"
    return table


def theme_shares_by_month(run: RunLike, min_articles: int | None = None, min_score: float | None = None) -> pd.DataFrame:
    """Share of each month's articles labelled with each theme, with the article count behind every
    point and months under ``min_articles`` dated articles flagged ``sparse`` (see
    ``policytext.timeseries``). ``.attrs["undated"]`` says how many articles had no publication date
    and are in no month."""
    from .timeseries import MIN_ARTICLES, theme_shares_by_month as shares

    frame = run if isinstance(run, pd.DataFrame) else load_records(run, min_score=min_score)
    return shares(frame, MIN_ARTICLES if min_articles is None else min_articles)
