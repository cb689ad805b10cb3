"""Date values on a timeline: the first and last day each RECORD.md value covers, and the typed
``date_start``/``date_end`` columns of the dates table that make a timeline one groupby."""

from datetime import date

import pandas as pd
import pyarrow.parquet as pq
import pytest

from policytext.model import DateMention, Record, Source
from policytext.runs.parts import PartWriter
from policytext.timeline import value_bounds


@pytest.mark.parametrize("value,bounds", [
    ("2021-08-30", (date(2021, 8, 30), date(2021, 8, 30))),
    ("2021-08-30T20:01", (date(2021, 8, 30), date(2021, 8, 30))),
    ("2021-08-30T20", (date(2021, 8, 30), date(2021, 8, 30))),
    ("2021-W34", (date(2021, 8, 23), date(2021, 8, 29))),
    ("2020-W53", (date(2020, 12, 28), date(2021, 1, 3))),
    ("2021-08", (date(2021, 8, 1), date(2021, 8, 31))),
    ("2024-02", (date(2024, 2, 1), date(2024, 2, 29))),
    ("2021-Q3", (date(2021, 7, 1), date(2021, 9, 30))),
    ("2021-H1", (date(2021, 1, 1), date(2021, 6, 30))),
    ("2021", (date(2021, 1, 1), date(2021, 12, 31))),
    ("2021/2026", (date(2021, 1, 1), date(2026, 12, 31))),
    ("2021-Q1/2021-Q2", (date(2021, 1, 1), date(2021, 6, 30))),
    ("2021-08-30T13/2021-08-30T17", (date(2021, 8, 30), date(2021, 8, 30))),
    ("2021-04/", (date(2021, 4, 1), None)),  # open: from April 2021 on
    ("/2030", (None, date(2030, 12, 31))),  # until the end of 2030
    ("XXXX-04-30", (None, None)),  # partial: the year is unknown
    ("XXXX-07-01/XXXX-09-30", (None, None)),
    (None, (None, None)),
    ("2021-02-30", (None, None)),  # no such day
    ("2021-W60", (None, None)),
    ("not a date", (None, None)),
])
def test_value_bounds(value, bounds):
    assert value_bounds(value) == bounds


def test_the_dates_table_has_typed_start_and_end_days_for_a_timeline(tmp_path):
    text = "Quý III/2021, từ ngày 22/4, ngày 30/4."
    record = Record(id="a", source=Source("in.jsonl"), text=text, dates=[
        DateMention(0, 12, "Quý III/2021", "2021-Q3", "quarter"),
        DateMention(14, 26, "từ ngày 22/4", "2021-04-22/", "interval"),
        DateMention(28, 37, "ngày 30/4", "XXXX-04-30", "day")])
    part = PartWriter(tmp_path, 0, input_index=0, input_name="in.jsonl", parquet=True, count_fields=["dates"])
    part.add(0, record)
    part.commit()
    schema = pq.read_schema(tmp_path / "dates" / "part-00000.parquet")
    assert str(schema.field("date_start").type) == "date32[day]" and str(schema.field("date_end").type) == "date32[day]"
    dates = pd.read_parquet(tmp_path / "dates")
    assert dates["date_start"].tolist()[:2] == [date(2021, 7, 1), date(2021, 4, 22)]
    assert dates["date_end"].tolist()[0] == date(2021, 9, 30)
    assert dates["date_end"].isna().tolist() == [False, True, True]
    assert dates["date_start"].isna().tolist() == [False, False, True]
    # a timeline: mentions per month of their first day
    by_month = dates.dropna(subset=["date_start"]).groupby(
        pd.to_datetime(dates["date_start"]).dt.to_period("M")).size()
    assert by_month.to_dict() == {pd.Period("2021-04", "M"): 1, pd.Period("2021-07", "M"): 1}
