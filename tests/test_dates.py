"""Date extraction: spans, ISO values and grains that analysts filter and plot on.

Unless a test says otherwise the article was published 2021-08-30T20:01+07:00 (a Monday, ISO week 35),
the seed article's date, so relative expressions have one right answer.
"""

import gzip
import json
import re
from datetime import datetime, timedelta, timezone


from policytext.document import Document
from policytext.extract.dates import extract_dates

PUBLISHED = datetime(2021, 8, 30, 20, 1, tzinfo=timezone(timedelta(hours=7)))


def dates_of(text, published=PUBLISHED):
    return [(d.text, d.value, d.grain)
            for d in extract_dates(Document.from_text(text, published=published, segment=False))]


# The tables of expressions and of non-dates are the rules' examples in
# src/policytext/resources/rules/dates.yaml (run by tests/test_rule_examples.py).


def test_day_without_year_in_january_is_last_december():
    found = dates_of("Ngày 28/12, Bộ họp tổng kết. Tháng 2 tới, Bộ sẽ họp.", published=datetime(2022, 1, 5))
    assert found == [("Ngày 28/12", "2021-12-28", "day"), ("Tháng 2 tới", "2022-02", "month")]


def test_without_publication_date_relative_dates_are_null_and_yearless_ones_partial():
    """RECORD.md: what is known is kept with the TIMEX3 placeholder XXXX; a relative expression with no
    anchor stays null, and so does an interval one end of which is relative."""
    found = dates_of("Hôm qua, Bộ họp. Ngày 30/8, đoàn đến. Ngày 30/8/2021, Bộ ký. Từ năm 1999 đến nay.",
                     published=None)
    assert found == [("Hôm qua", None, "day"), ("Ngày 30/8", "XXXX-08-30", "day"),
                     ("Ngày 30/8/2021", "2021-08-30", "day"), ("Từ năm 1999 đến nay", None, "interval")]


def test_partial_values_at_every_grain():
    found = dates_of("Lúc 20h ngày 30/4, tháng 5, quý III, 6 tháng đầu năm, 9 tháng đầu năm, từ 1/7 đến 30/9, "
                     "từ ngày 22/4, trước ngày 5/5, tháng 11 đến tháng 2/2022, năm nay, tuần trước, thứ Hai tuần trước.",
                     published=None)
    assert found == [("20h ngày 30/4", "XXXX-04-30T20", "hour"), ("tháng 5", "XXXX-05", "month"),
                     ("quý III", "XXXX-Q3", "quarter"), ("6 tháng đầu năm", "XXXX-H1", "half"),
                     ("9 tháng đầu năm", "XXXX-01/XXXX-09", "interval"),
                     ("từ 1/7 đến 30/9", "XXXX-07-01/XXXX-09-30", "interval"),
                     ("từ ngày 22/4", "XXXX-04-22/", "interval"), ("trước ngày 5/5", "/XXXX-05-05", "interval"),
                     ("tháng 11 đến tháng 2/2022", "2021-11/2022-02", "interval"),
                     ("năm nay", None, "year"), ("tuần trước", None, "week"), ("thứ Hai tuần trước", None, "day")]


def test_relative_dates_resolve_in_vietnam_time_whatever_the_offset():
    """22:30 UTC on 6 February is 05:30 on 7 February in Hà Nội: "hôm nay" is the 7th, "hôm qua" the 6th."""
    for published in ("2026-02-06T22:30:00+00:00", "2026-02-06T17:30:00-05:00", "2026-02-07T05:30:00+07:00"):
        assert dates_of("Hôm nay, Bộ họp. Hôm qua, đoàn đến.", published=published) == [
            ("Hôm nay", "2026-02-07", "day"), ("Hôm qua", "2026-02-06", "day")], published
    # a time written without an offset is Vietnam time already
    assert dates_of("Hôm nay, Bộ họp.", published="2026-02-06T22:30:00") == [("Hôm nay", "2026-02-06", "day")]


def test_guessed_years_keep_an_interval_in_order():
    """Read in mid-June, "31/12" alone would be last December; as the end of a range it follows its start."""
    found = dates_of("Từ 1/8 đến 31/12, trường tặng học bổng. Tàu cập cảng (12/12-20/12). "
                     "Từ ngày 1/10 đến nay, 3 triệu con gia cầm bị tiêu hủy.", published=datetime(2006, 6, 15))
    assert found == [("Từ 1/8 đến 31/12", "2006-08-01/2006-12-31", "interval"),
                     ("12/12-20/12", "2006-12-12/2006-12-20", "interval"),
                     ("Từ ngày 1/10 đến nay", "2005-10-01/2006-06-15", "interval")]


def test_tới_and_vừa_qua_after_a_day_belong_to_it_and_fix_its_year():
    """Read on 15 June 2006: "ngày 10/3 tới" is next March, "ngày 17/9 vừa qua" last September."""
    found = dates_of("Ngày 10/3 tới, Quốc hội họp. Ngày 17/9 vừa qua, giá dầu tăng. Hội nghị vào ngày 26-27/9 tới. "
                     "Từ ngày 1/7 tới nay giá tăng. Ngày 20/6 tới Hà Nội dự họp.", published=datetime(2006, 6, 15))
    assert found == [("Ngày 10/3 tới", "2007-03-10", "day"), ("Ngày 17/9 vừa qua", "2005-09-17", "day"),
                     ("ngày 26-27/9 tới", "2006-09-26/2006-09-27", "interval"),
                     ("Từ ngày 1/7 tới nay", "2005-07-01/2006-06-15", "interval"), ("Ngày 20/6", "2006-06-20", "day")]


def test_time_with_an_unresolved_day_keeps_its_grain():
    assert dates_of("Vụ cháy xảy ra lúc 22h30 tối qua. Sáng qua 8h đoàn đến.", published=None) == [
        ("22h30 tối qua", None, "minute"), ("Sáng qua 8h", None, "hour")]


# every value in one of RECORD.md's forms at its grain (the hour form is TIMEX3's "2005-12-13T15")
_POINT = {
    "minute": r"\d{4}-\d\d-\d\dT\d\d:\d\d", "hour": r"\d{4}-\d\d-\d\dT\d\d", "day": r"\d{4}-\d\d-\d\d",
    "week": r"\d{4}-W\d\d", "month": r"\d{4}-\d\d", "quarter": r"\d{4}-Q[1-4]", "half": r"\d{4}-H[12]", "year": r"\d{4}",
}
_ANY_POINT = "|".join(f"(?:{p})" for p in _POINT.values())
VALUE_FORMS = {grain: re.compile(p) for grain, p in _POINT.items()}
VALUE_FORMS["interval"] = re.compile(rf"(?:{_ANY_POINT})/(?:{_ANY_POINT})|(?:{_ANY_POINT})/|/(?:{_ANY_POINT})")


def test_values_match_their_grain_on_real_news(shared_data):
    """2,000 VNTC articles with a fixed publication date: every value parses and sits at its grain."""
    published = datetime(2005, 12, 13, 15, 0)
    checked = 0
    with gzip.open(shared_data / "vntc" / "vntc-test-phap-luat.jsonl.gz", "rt", encoding="utf-8") as lines:
        for _, line in zip(range(2000), lines):
            text = json.loads(line)["text"]
            for d in extract_dates(Document.from_text(text, published=published, segment=False)):
                assert text[d.start:d.end] == d.text
                if d.value is None:
                    continue  # lunar days only, when publication is known
                assert VALUE_FORMS[d.grain].fullmatch(d.value), (d.text, d.value, d.grain)
                for point in d.value.split("/"):
                    if point[4:5] == "-" and point[5:6].isdigit():
                        datetime.strptime(point[:10], "%Y-%m-%d" if len(point) >= 10 else "%Y-%m")
                checked += 1
    assert checked > 5000


def test_offsets_are_original_text_offsets():
    text = "Bộ họp.\u00a0\u00a0Chiều  30/8,\tđoàn đến;  từ ngày 10-12/10 hội chợ mở."  # odd spaces are folded
    doc = Document.from_text(text, published=PUBLISHED, segment=False)
    found = extract_dates(doc)
    assert [text[d.start:d.end] for d in found] == [d.text for d in found] == ["Chiều  30/8", "từ ngày 10-12/10"]


def test_decomposed_input_matches_and_keeps_its_own_characters():
    import unicodedata

    text = unicodedata.normalize("NFD", "Hôm qua, Bộ họp; cuối năm nay hoàn thành.")
    found = extract_dates(Document.from_text(text, published=PUBLISHED, segment=False))
    assert [(d.value, text[d.start:d.end] == d.text) for d in found] == [("2021-08-29", True), ("2021", True)]


def test_mentions_are_sorted_and_do_not_overlap():
    text = ("Sáng 30/8, từ năm 1999 đến nay, giai đoạn 2021 - 2026, quý III/2021, 6 tháng đầu năm, "
            "thứ Hai tuần trước, năm 2020-2021, tháng 9/2021.")
    found = extract_dates(Document.from_text(text, published=PUBLISHED, segment=False))
    assert len(found) == 8
    assert all(a.end <= b.start for a, b in zip(found, found[1:]))


def test_seed_article(shared_data):
    text = (shared_data / "seed" / "moit-2021-08-30-thi-dua.txt").read_text(encoding="utf-8")
    title, date_line, body = text.split("\n", 2)
    found = dates_of(body)
    assert ("Chiều 30/8", "2021-08-30", "day") in found
    assert ("năm 2021", "2021", "year") in found
    assert ("giai đoạn 2021- 2026", "2021/2026", "interval") in found
    assert ("giai đoạn 5 năm 2021 - 2026", "2021/2026", "interval") in found
    assert ("từ cuối tháng 4", "2021-04/", "interval") in found
    # nothing from the task ordinals ("Thứ hai, ..."), "70 năm xây dựng", "lần thứ 4", "Chỉ thị 34-CT/TW"
    assert not [d for d in found if "thứ" in d[0].lower() or "70" in d[0] or "34" in d[0]]
    assert {d[1] for d in found} == {"2021-08-30", "2021", "2021/2026", "2021-04/"}
    # the date line, when a reader leaves it in the text, is a minute-grain date
    assert ("30/08/2021 - 20:01", "2021-08-30T20:01", "minute") in dates_of(text)


def _vntc_articles(shared_data, ids):
    path = shared_data / "vntc" / "vntc-test-chinh-tri-xa-hoi.jsonl.gz"
    articles = {}
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            article = json.loads(line)
            if article["id"] in ids:
                articles[article["id"]] = article["text"]
                if len(articles) == len(ids):
                    break
    return articles


def test_real_vntc_sentences(shared_data):
    """VNTC has no publication dates: written dates get values, days without a year partial ones
    (XXXX), relative ones none."""
    articles = _vntc_articles(shared_data, {"XH_NLD_T_ (8965)", "XH_NLD_T_ (8977)", "XH_NLD_T_ (8983)",
                                            "XH_NLD_T_ (8992)", "XH_NLD_T_ (9066)"})

    def found(article_id):
        return dates_of(articles[article_id], published=None)

    tet = found("XH_NLD_T_ (8965)")  # Thai New Year tourism
    assert ("bắt đầu từ ngày 12 đến 14-4", "XXXX-04-12/XXXX-04-14", "interval") in tet
    assert ("từ đầu năm 2005", "2005/", "interval") in tet
    assert ("kể từ tháng 10-2005 đến nay", None, "interval") in tet
    assert not [d for d in tet if d[0].startswith("5-6")]
    study_abroad = found("XH_NLD_T_ (8977)")
    assert ("đến hết năm 2005", "/2005", "interval") in study_abroad
    assert ("ngày 05/11/2005", "2005-11-05", "day") in study_abroad
    assert ("giai đoạn 2006-2014", "2006/2014", "interval") in study_abroad
    assert ("từ 19 đến 22-7-2006", "2006-07-19/2006-07-22", "interval") in found("XH_NLD_T_ (8983)")
    elective = found("XH_NLD_T_ (8992)")
    assert ("từ 25 đến 28-4", "XXXX-04-25/XXXX-04-28", "interval") in elective
    assert not [d for d in elective if d[0].startswith("từ 1-3")]  # "học từ 1-3 môn": a count
    revolution = found("XH_NLD_T_ (9066)")
    assert ("trước ngày 1-1-1945", "/1945-01-01", "interval") in revolution
    assert ("19-8-1945", "1945-08-19", "day") in revolution


def test_law_header_and_entry_into_force(shared_data):
    with gzip.open(shared_data / "vlc-laws" / "vlc-laws.jsonl.gz", "rt", encoding="utf-8") as lines:
        law = json.loads(next(lines))  # Bộ luật Dân sự 2015
    found = dates_of(law["text"][:2000] + "\n" + law["text"][-3000:], published=None)
    assert ("ngày 24 tháng 11 năm 2015", "2015-11-24", "day") in found
    assert ("từ ngày 01 tháng 01 năm 2017", "2017-01-01/", "interval") in found
