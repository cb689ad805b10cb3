"""The place layer (provinces with their validity, cities, districts, communes, countries), record.places and
the places table. Sentence examples are the rules' examples in resources/rules/places.yaml."""

from datetime import date

import pyarrow as pa
import pytest

import policytext
from policytext.document import Document
from policytext.layers.organizations import provinces_on
from policytext.layers.places import country_name
from policytext.tables.places import PLACES_SCHEMA, place_rows, places_table


def places(text, published=None):
    doc = Document.from_text(text, published=published, segment=False)
    return [(doc.norm[p.start:p.end], p.canonical, p.kind, p.province) for p in doc.layers.places]


def test_provinces_cities_districts_communes_and_countries():
    text = ("UBND tỉnh Quảng Ninh, Sở Y tế Hà Nội, huyện Cần Giờ, phường Bến Nghé, quận 1, TP.HCM, Nha Trang "
            "và Thủ tướng Nhật Bản.")
    assert places(text, date(2021, 8, 30)) == [
        ("tỉnh Quảng Ninh", "Quảng Ninh", "province", "Quảng Ninh"),
        ("Hà Nội", "Hà Nội", "province", "Hà Nội"),
        ("huyện Cần Giờ", "huyện Cần Giờ", "district", None),
        ("phường Bến Nghé", "phường Bến Nghé", "commune", None),
        ("quận 1", "quận 1", "district", None),
        ("TP.HCM", "Hồ Chí Minh", "province", "Hồ Chí Minh"),
        ("Nha Trang", "Nha Trang", "city", "Khánh Hòa"),
        ("Nhật Bản", "Nhật Bản", "country", None),
    ]


def test_a_merged_province_stands_for_its_successor_after_the_merger():
    assert places("Bình Dương và Vũng Tàu", date(2024, 6, 1)) == [
        ("Bình Dương", "Bình Dương", "province", "Bình Dương"),
        ("Vũng Tàu", "Vũng Tàu", "city", "Bà Rịa - Vũng Tàu")]
    assert places("Bình Dương và Vũng Tàu", date(2026, 2, 6)) == [
        ("Bình Dương", "Bình Dương", "province", "Hồ Chí Minh"),
        ("Vũng Tàu", "Vũng Tàu", "city", "Hồ Chí Minh")]
    assert places("thành phố Huế", date(2024, 6, 1)) == [("thành phố Huế", "Huế", "city", "Thừa Thiên Huế")]
    assert places("thành phố Huế", date(2026, 2, 6)) == [("thành phố Huế", "Huế", "province", "Huế")]
    assert places("tỉnh Hà Tây", date(2020, 1, 1)) == [("tỉnh Hà Tây", "Hà Tây", "province", "Hà Nội")]


def test_63_provinces_before_the_merger_and_34_after():
    assert len(provinces_on(date(2024, 6, 1))) == 63
    assert len(provinces_on(date(2025, 7, 1))) == 34


@pytest.mark.parametrize("text", [
    "Ông Nguyễn Thái Bình phát biểu.",  # a province's name inside a person's
    "Chủ tịch Hồ Chí Minh đã dạy.",  # the President, not the city
    "Chị Mỹ và anh Đức đã đến.",  # given names after a word of address
    "Ca sĩ Mỹ Linh hát.",
    "Anh cho biết sẽ về quê.",  # "he said"
    "Xây dựng xã hội chủ nghĩa.",
    "Em đạt giải nhất môn tiếng Anh.",  # a language
])
def test_no_place(text):
    assert places(text) == []


def test_countries_have_one_name():
    assert country_name("Mỹ") == country_name("Hoa Kỳ") == "Hoa Kỳ"
    assert country_name("Liên bang Nga") == "Nga"
    assert country_name("Hà Nội") is None
    assert places("Tổng thống Nga Vladimir Putin thăm Mỹ.") == [("Nga", "Nga", "country", None),
                                                               ("Mỹ", "Hoa Kỳ", "country", None)]


def test_places_in_the_record_and_the_table():
    text = "Đoàn công tác của UBND TP.HCM làm việc tại Bình Dương."
    record = policytext.analyze(text, published="2026-02-06T08:00:00+07:00")
    assert [(p.text, p.canonical, p.kind, p.province, p.rule) for p in record.places] == [
        ("TP.HCM", "Hồ Chí Minh", "province", "Hồ Chí Minh", "places.after-admin-word"),
        ("Bình Dương", "Bình Dương", "province", "Hồ Chí Minh", "places.listed-place")]
    assert all(text[p.start:p.end] == p.text for p in record.places)
    rows = place_rows(record)
    assert rows[1] == {"article_id": record.id, "published": "2026-02-06T08:00:00+07:00", "name": "Bình Dương",
                       "canonical": "Bình Dương", "kind": "province", "province": "Hồ Chí Minh",
                       "start": text.index("Bình Dương"), "end": text.index("Bình Dương") + 10}
    table = places_table([record])
    assert table.schema == PLACES_SCHEMA and table.num_rows == 2
    assert places_table([]).num_rows == 0
    assert isinstance(table.column("province"), pa.ChunkedArray)
