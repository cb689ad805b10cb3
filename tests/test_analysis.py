"""Theme aggregations over a run folder (fixture: tests/fixtures/themes/run/records.jsonl, 5 records).

a1 2021-08 emulation_awards, covid_dual_goal   Bộ Công Thương                      Nguyễn Hồng Diên
a2 2021-08 digital_transformation              Bộ Công Thương, Bộ TT&TT            Diên, Nguyễn Mạnh Hùng
a3 2021-10 digital_transformation, trade_agr.  Bộ TT&TT                            Hùng
a4 (no date) trade_agreements                  Bộ Công Thương
a5 2021-10 (no theme)                          Bộ Y tế
"""

from __future__ import annotations

import shutil

import pytest

from policytext.analysis import (
    load_records,
    theme_counts_by_month,
    theme_counts_by_official,
    theme_counts_by_organization,
)
from policytext.model import Record


@pytest.fixture
def run_dir(fixtures):
    return fixtures / "themes" / "run"


def test_load_records_one_row_per_article_with_local_month(run_dir):
    frame = load_records(run_dir)
    assert list(frame["id"]) == ["a1", "a2", "a3", "a4", "a5"]
    # 23:30 on 31 August Vietnam time is August for the analyst, not September
    assert list(frame["month"].fillna("-")) == ["2021-08", "2021-08", "2021-10", "-", "2021-10"]
    assert frame.loc[2, "themes"] == ["digital_transformation", "trade_agreements"]
    assert frame.loc[1, "organizations"] == ["Bộ Công Thương", "Bộ Thông tin và Truyền thông"]


def test_counts_by_month_fill_empty_months_and_skip_undated(run_dir):
    table = theme_counts_by_month(run_dir)
    assert list(table.index) == ["2021-08", "2021-09", "2021-10"]
    assert table.loc["2021-08", "digital_transformation"] == 1
    assert table.loc["2021-10", "digital_transformation"] == 1
    assert table.loc["2021-09"].sum() == 0
    # a4 has no date: its trade_agreements label is not in any month
    assert table["trade_agreements"].sum() == 1
    assert table.columns[0] == "digital_transformation"  # busiest theme first


def test_counts_by_organization_count_articles_not_mentions(run_dir):
    table = theme_counts_by_organization(run_dir)
    assert table.index[0] == "Bộ Công Thương"  # in three labelled articles
    assert table.loc["Bộ Công Thương", "emulation_awards"] == 1  # two mentions in a1, one article
    assert table.loc["Bộ Công Thương", "trade_agreements"] == 1
    assert table.loc["Bộ Thông tin và Truyền thông", "digital_transformation"] == 2
    assert "Bộ Y tế" not in table.index  # its only article has no theme


def test_counts_by_official(run_dir):
    table = theme_counts_by_official(run_dir)
    assert table.loc["Nguyễn Mạnh Hùng", "digital_transformation"] == 2
    assert table.loc["Nguyễn Hồng Diên"].to_dict() == {
        "digital_transformation": 1, "trade_agreements": 0, "covid_dual_goal": 1, "emulation_awards": 1,
    }


def test_min_score_drops_weak_labels(run_dir):
    frame = load_records(run_dir, min_score=0.6)
    table = theme_counts_by_month(frame)  # a loaded frame is accepted too
    assert "covid_dual_goal" not in table.columns  # 0.55
    assert "trade_agreements" not in table.columns  # a3's 0.52 dropped, a4 is undated


def test_parquet_tables_give_the_same_counts(run_dir, tmp_path):
    import json

    from policytext.runs.parts import PartWriter

    records = [Record.from_dict(json.loads(line))
               for line in (run_dir / "records.jsonl").read_text(encoding="utf-8").splitlines()]
    for number, start in enumerate(range(0, len(records), 2)):  # parts of two records
        part = PartWriter(tmp_path / "run", number, input_index=0, input_name="x", parquet=True, count_fields=[])
        for position, record in enumerate(records[start:start + 2], start):
            part.add(position, record)
        part.commit()
    shutil.rmtree(tmp_path / "run" / "records")  # force the Parquet path
    assert theme_counts_by_organization(tmp_path / "run").equals(theme_counts_by_organization(run_dir))
    assert theme_counts_by_month(tmp_path / "run").equals(theme_counts_by_month(run_dir))


def test_not_a_run_folder(tmp_path):
    with pytest.raises(FileNotFoundError, match="no records"):
        load_records(tmp_path)


def test_records_file_path_is_accepted(run_dir, tmp_path):
    copy = tmp_path / "mine.jsonl"
    shutil.copy(run_dir / "records.jsonl", copy)
    assert len(load_records(copy)) == 5
