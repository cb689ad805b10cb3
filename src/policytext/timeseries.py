"""Theme shares by month that say what they rest on: the article count behind every point, the
months too thin to read, and how many articles had no publication date at all.

Input is the per-article frame of ``policytext.analysis.load_records`` (columns ``month``, a
'YYYY-MM' string or None, and ``themes``, a list of ids). A share is the number of articles of the
month labelled with the theme over the month's dated articles; every month between the first and
the last appears, empty months with 0 articles (and share NaN: nothing to divide by).
"""

from __future__ import annotations

from typing import Iterable

import pandas as pd

MIN_ARTICLES = 30  # a month with fewer dated articles is flagged sparse: its shares move by whole articles

SHARE_COLUMNS = ["month", "theme", "articles", "month_articles", "share", "sparse"]


def undated_articles(frame: pd.DataFrame) -> int:
    """Articles without a usable publication date (they have no month and are in no share)."""
    return int(frame["month"].isna().sum())


def month_totals(frame: pd.DataFrame) -> pd.Series:
    """Dated articles per month, every month between the first and the last (0 where none)."""
    months = frame["month"].dropna()
    if months.empty:
        return pd.Series(dtype="int64", name="month_articles").rename_axis("month")
    counts = months.value_counts()
    span = pd.period_range(min(counts.index), max(counts.index), freq="M").strftime("%Y-%m")
    return counts.reindex(span, fill_value=0).astype("int64").rename("month_articles").rename_axis("month")


def theme_shares_by_month(frame: pd.DataFrame, min_articles: int = MIN_ARTICLES,
                          themes: Iterable[str] | None = None) -> pd.DataFrame:
    """One row per (month, theme): ``articles`` labelled with the theme, ``month_articles`` dated
    articles that month, ``share`` = articles / month_articles, ``sparse`` when month_articles is
    under ``min_articles``. ``themes``: the themes to report (default: every theme found), so a theme
    never labelled still gets its rows of zeros.

    ``result.attrs``: ``undated`` (articles left out for want of a date), ``dated``, ``min_articles``.
    """
    if min_articles < 0:
        raise ValueError("min_articles must be 0 or more")
    totals = month_totals(frame)
    dated = frame[frame["month"].notna()]
    pairs = dated[["month", "themes"]].explode("themes").dropna()
    found = sorted(set(pairs["themes"]))
    wanted = list(themes) if themes is not None else found
    counts = pairs.groupby(["month", "themes"]).size()
    rows = []
    for month, total in totals.items():
        for theme in wanted:
            n = int(counts.get((month, theme), 0))
            rows.append((month, theme, n, int(total), n / total if total else float("nan"), bool(total < min_articles)))
    result = pd.DataFrame(rows, columns=SHARE_COLUMNS)
    result["articles"] = result["articles"].astype("int64")
    result["month_articles"] = result["month_articles"].astype("int64")
    result.attrs.update(undated=undated_articles(frame), dated=int(len(dated)), min_articles=min_articles)
    return result


def share_table(shares: pd.DataFrame) -> pd.DataFrame:
    """The long table of ``theme_shares_by_month`` as months x themes (shares), for plotting."""
    table = shares.pivot(index="month", columns="theme", values="share")
    table.columns.name = "theme"
    table.attrs.update(shares.attrs)
    return table
