"""Theme shares by month with their counts, sparse months and undated articles
(fixture run: tests/fixtures/themes/run, see tests/test_analysis.py)."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from policytext import analysis
from policytext.timeseries import share_table, theme_shares_by_month


@pytest.fixture
def run_dir(fixtures):
    return fixtures / "themes" / "run"


def test_shares_carry_the_counts_behind_them(run_dir):
    shares = analysis.theme_shares_by_month(run_dir, min_articles=2)
    assert list(shares.columns) == ["month", "theme", "articles", "month_articles", "share", "sparse"]
    row = shares.set_index(["month", "theme"]).loc[("2021-08", "digital_transformation")]
    assert (row["articles"], row["month_articles"], row["share"]) == (1, 2, 0.5)
    oct_ = shares.set_index(["month", "theme"]).loc[("2021-10", "trade_agreements")]
    assert (oct_["articles"], oct_["month_articles"], oct_["share"]) == (1, 2, 0.5)  # a5 has no theme but counts


def test_every_month_between_first_and_last_and_empty_months_are_sparse(run_dir):
    shares = analysis.theme_shares_by_month(run_dir, min_articles=2)
    assert sorted(set(shares["month"])) == ["2021-08", "2021-09", "2021-10"]
    september = shares[shares["month"] == "2021-09"]
    assert (september["month_articles"] == 0).all() and september["sparse"].all()
    assert all(math.isnan(v) for v in september["share"])
    assert not shares[shares["month"] == "2021-08"]["sparse"].any()
    assert analysis.theme_shares_by_month(run_dir, min_articles=3)["sparse"].all()


def test_articles_without_a_date_are_counted_and_left_out(run_dir):
    shares = analysis.theme_shares_by_month(run_dir)
    assert shares.attrs["undated"] == 1 and shares.attrs["dated"] == 4
    # a4 (undated) is the only other trade_agreements article: it is in no month
    assert shares[shares["theme"] == "trade_agreements"]["articles"].sum() == 1


def test_requested_themes_get_rows_of_zeros_and_a_wide_table():
    frame = pd.DataFrame({"month": ["2025-01", "2025-01", "2025-03", None],
                          "themes": [["personnel"], [], ["personnel", "energy_transition"], ["personnel"]]})
    shares = theme_shares_by_month(frame, min_articles=1, themes=["personnel", "covid_control"])
    assert set(shares["theme"]) == {"personnel", "covid_control"}
    assert shares[shares["theme"] == "covid_control"]["articles"].sum() == 0
    table = share_table(shares)
    assert table.loc["2025-01", "personnel"] == 0.5 and table.loc["2025-03", "personnel"] == 1.0
    assert table.attrs["undated"] == 1


def test_a_run_without_any_date():
    frame = pd.DataFrame({"month": [None, None], "themes": [["personnel"], []]})
    shares = theme_shares_by_month(frame)
    assert shares.empty and shares.attrs["undated"] == 2
