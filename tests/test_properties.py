"""Properties over generated input (hypothesis): every span indexes the text, readers turn any bytes
into articles or error rows, date values follow RECORD.md, analyze() never raises.

Deterministic in CI: derandomized (a fixed sequence of examples), no example database, a bounded
number of examples and no per-example deadline (a slow machine is not a failure).
"""

from __future__ import annotations

import calendar
import json
import re
import unicodedata

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import policytext
from policytext.io.readers import iter_bytes
from policytext.model import Article, ReadError
from policytext.pipeline import Options

FIXED = dict(derandomize=True, database=None, deadline=None, suppress_health_check=[HealthCheck.too_slow])
NO_TOKENS = Options(tokens=False)

FRAGMENTS = [
    "Bộ trưởng ", "Bộ Công Thương ", "Nguyễn Hồng Diên", "ông Diên", "Thủ tướng Phạm Minh Chính", "UBND tỉnh ",
    "Chỉ thị 34-CT/TW", "Nghị định số 15/2020/NĐ-CP", "Luật Đầu tư 2020", "Quyết định 1880", "Nghị định này",
    "ngày 30/8/2021", "Chiều 30/8", "quý III/2021", "giai đoạn 2021 - 2026", "từ cuối tháng 4", "đến năm 2030",
    "hôm qua", "20h ngày 30/8", "6 tháng đầu năm", "Thứ nhất, ", "Thứ hai, ", "Một là, ", "(1) ", "a) ", "- ",
    "chuyển đổi số", "mục tiêu kép", "năng lượng tái tạo", "thi đua, khen thưởng", ". ", ", ", "\n", "\n\n",
    "\r\n", "\u00a0", "\u200b", "Đ", "\u00d0", "\u0421", "hoá", "Ủy", "Uỷ", "😀", "\ufeff", " ",
]
# mostly Vietnamese policy text, with arbitrary characters (any plane, combining marks, controls) between
texts = st.builds(
    lambda parts, nfd: unicodedata.normalize("NFD", "".join(parts)) if nfd else "".join(parts),
    st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=6)), max_size=30),
    st.booleans(),
)
published = st.one_of(st.none(), st.sampled_from(["2021-08-30T20:01:00+07:00", "2021-08-30", "30/08/2021 - 20:01",
                                                  "2026-02-06T22:30:00+00:00", "không rõ", ""]),
                      st.dates().map(lambda d: d.isoformat()))


def _spans(record: dict):
    yield from record["tokens"]
    for kind in ("dates", "legal_refs"):
        yield from record[kind]
    for official in record["officials"]:
        yield from official["mentions"]
    for organization in record["organizations"]:
        yield from organization["mentions"]
    for theme in record["themes"]:
        yield from theme["evidence"]


@settings(max_examples=300, **FIXED)
@given(text=texts, when=published)
def test_every_span_of_every_extractor_is_exactly_its_text(text, when):
    record = policytext.analyze(text, published=when).to_dict()
    assert record["text"] == text
    for span in _spans(record):
        assert 0 <= span["start"] <= span["end"] <= len(text)
        assert text[span["start"]:span["end"]] == span["text"]
    for item in (*record["sentences"], *record["tasks"]):
        assert 0 <= item["start"] <= item["end"] <= len(text)


@settings(max_examples=200, **FIXED)
@given(text=st.text(), title=st.one_of(st.none(), st.text(max_size=40)), when=st.one_of(published, st.text()))
def test_analyze_never_raises_whatever_the_text(text, title, when):
    record = policytext.analyze(text, title=title, published=when, options=NO_TOKENS)
    assert record.text == text


# --- readers ----------------------------------------------------------------------------------------

NAMES = ["a.txt", "a.jsonl", "a.json", "a.csv", "a.tsv", "a.html", "a.txt.gz", "a.jsonl.gz", "a.json.gz", "a.csv.gz"]
json_values = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
                           lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
                               st.sampled_from(["text", "title", "id", "published", "x"]), inner, max_size=4),
                           max_leaves=12)
contents = st.one_of(
    st.binary(max_size=3000),
    texts.map(lambda t: t.encode("utf-8")),
    st.tuples(texts, st.sampled_from(["utf-16-le", "utf-16", "utf-8-sig", "cp1258", "latin-1"])).map(
        lambda pair: pair[0].encode(pair[1], errors="replace")),
    st.lists(json_values.map(json.dumps), max_size=6).map(
        lambda lines: "\n".join(lines).encode("utf-8")),
)


def _maybe_gzip(data: bytes, name: str, cut: int) -> bytes:
    if not name.endswith(".gz"):
        return data
    import gzip

    packed = gzip.compress(data, mtime=0)  # no clock in the bytes: the same examples every run
    return packed[:max(1, len(packed) - cut)] if cut else packed  # truncated archives too


@settings(max_examples=500, **FIXED)
@given(data=contents, name=st.sampled_from(NAMES), cut=st.integers(min_value=0, max_value=40))
def test_readers_turn_any_bytes_into_articles_or_error_rows(data, name, cut):
    items = list(iter_bytes(_maybe_gzip(data, name, cut), name))
    assert items, "every file yields at least one article or error row"
    for item in items:
        assert isinstance(item, (Article, ReadError))
        if isinstance(item, Article):
            assert item.text.strip()
            item.text.encode("utf-8")  # writable as it is: no lone surrogates


# --- date values ----------------------------------------------------------------------------------------

_YEAR = r"(?:\d{4}|XXXX)"
_POINT = re.compile(rf"{_YEAR}(?:-(?P<m>\d{{2}})(?:-(?P<d>\d{{2}})(?:T(?P<h>\d{{2}})(?::(?P<mi>\d{{2}}))?)?)?"
                    rf"|-W(?P<w>\d{{2}})|-Q(?P<q>[1-4])|-H(?P<half>[12]))?")
GRAINS = {"minute", "hour", "day", "week", "month", "quarter", "half", "year", "interval"}


def _valid_point(value: str) -> bool:
    match = _POINT.fullmatch(value)
    if not match:
        return False
    year = value[:4]
    if match["m"] is not None:
        month = int(match["m"])
        if not 1 <= month <= 12:
            return False
        if match["d"] is not None:
            days = 29 if year == "XXXX" and month == 2 else calendar.monthrange(int(year) if year != "XXXX" else 2000,
                                                                                 month)[1]
            if not 1 <= int(match["d"]) <= days:
                return False
    if match["h"] is not None and not 0 <= int(match["h"]) <= 23:
        return False
    if match["mi"] is not None and not 0 <= int(match["mi"]) <= 59:
        return False
    if match["w"] is not None and not 1 <= int(match["w"]) <= (53 if year == "XXXX" else _iso_weeks(int(year))):
        return False
    return True


def _iso_weeks(year: int) -> int:
    import datetime

    return datetime.date(year, 12, 28).isocalendar()[1]


def valid_date_value(value: str | None) -> bool:
    """RECORD.md's values: a point (day, minute, hour, week, month, quarter, half, year, with XXXX for an
    unknown year), an interval of two points, or an open one ('2021-04/', '/2030')."""
    if value is None:
        return True
    if "/" not in value:
        return _valid_point(value)
    start, _, end = value.partition("/")
    return (start or end) != "" and all(_valid_point(p) for p in (start, end) if p)


numbers = st.integers(min_value=0, max_value=40).map(str) | st.integers(min_value=1899, max_value=2101).map(str)
date_phrases = st.builds(
    lambda template, a, b, c: template.format(a=a, b=b, c=c),
    st.sampled_from(["ngày {a}/{b}/{c}", "ngày {a}/{b}", "{a}/{b}/{c}", "tháng {a}/{c}", "tháng {a} năm {c}",
                     "quý {a}/{c}", "quý III/{c}", "6 tháng đầu năm {c}", "giai đoạn {c} - {b}", "từ ngày {a}/{b}/{c}",
                     "đến năm {c}", "trước ngày {a}/{b}", "{a}h ngày {b}/{c}", "{a}h{b} ngày {a}/{b}/{c}",
                     "tuần {a} năm {c}", "từ cuối tháng {a}", "năm {c}", "cuối năm nay", "hôm qua", "tháng trước",
                     "từ năm {c} đến nay", "sinh năm {c}", "nửa đầu năm {c}", "ngày {a} tháng {b} năm {c}"]),
    numbers, numbers, numbers,
)


@settings(max_examples=500, **FIXED)
@given(phrases=st.lists(date_phrases, min_size=1, max_size=4), when=published,
       glue=st.sampled_from([", ", ". ", " và ", "\n", " "]))
def test_date_values_are_always_valid(phrases, when, glue):
    text = "Theo kế hoạch, " + glue.join(phrases) + "."
    for date in policytext.analyze(text, published=when, options=NO_TOKENS).dates:
        assert date.grain in GRAINS, date
        assert valid_date_value(date.value), date
        assert ("/" in (date.value or "")) == (date.grain == "interval") or date.value is None, date


def test_the_date_value_checker_knows_valid_from_invalid():
    for value in ("2021-08-30", "2021-08-30T20:01", "2021-08-30T20", "2021-W34", "2021-08", "2021", "2021-Q3",
                  "2021-H1", "2021/2026", "2021-04/", "/2030", "XXXX-04-30", "XXXX-05", "1999/2021", None):
        assert valid_date_value(value), value
    for value in ("2021-02-30", "2021-13", "2021-00-10", "2021-W54", "2021-Q5", "2021-08-30T24", "/", "21-08",
                  "2021-8-3", "2021-08-30T20:60"):
        assert not valid_date_value(value), value
