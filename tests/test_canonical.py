"""Canonical positions (RECORD.md added fields): title_norm, organization_canonical valid at publication, the
organisation's offsets, HTML character references decoded in every text field written."""

import json
from datetime import date

import pytest

import policytext
from policytext.extract.officials.canonical import organization_canonical, title_norm
from policytext.model import Official, Position, Record


def positions(text, published=None):
    record = policytext.analyze(text, published=published)
    return {o.name: [(p.title_norm, p.organization_canonical) for p in o.positions] for o in record.officials}


@pytest.mark.parametrize("title, expected", [
    ("Phó Thủ tướng thường trực", "Phó Thủ tướng Thường trực"),
    ("Phó Thủ tướng Thường trực", "Phó Thủ tướng Thường trực"),
    ("đại biểu Quốc hội", "Đại biểu Quốc hội"),
    ("Trưởng Ban", "Trưởng ban"),
    ("phó chủ tịch", "Phó Chủ tịch"),
    ("Bộ Trưởng", "Bộ trưởng"),
    ("Thứ trưởng thường trực", "Thứ trưởng Thường trực"),
    ("Chuyên viên", "Chuyên viên"),  # no entry: as written, first letter capital
])
def test_one_spelling_and_casing_per_title(title, expected):
    assert title_norm(title) == expected


# the seven spellings of the Ministry of Education and Training found in the shared dumps
@pytest.mark.parametrize("written", ["Bộ Giáo dục và Đào tạo", "Bộ GDĐT", "Bộ GD&ĐT", "Bộ GD-ĐT", "Bộ Giáo dục",
                                     "Bộ GD&amp;ĐT", "Bộ Giáo dục - Đào tạo", "Bộ GD & ĐT"])
def test_the_seven_spellings_of_one_ministry(written):
    assert organization_canonical(written, date(2021, 8, 30)) == "Bộ Giáo dục và Đào tạo"
    text = f"Thứ trưởng {written} Nguyễn Văn Phúc cho biết."
    assert positions(text, "2021-08-30")["Nguyễn Văn Phúc"] == [("Thứ trưởng", "Bộ Giáo dục và Đào tạo")]


def test_a_chairman_of_a_place_alone_heads_its_people_s_committee():
    text = ("Phó chủ tịch thành phố Hải Phòng Nguyễn Văn Tùng cho biết. Chủ tịch xã Tân Phú Lê Văn An nói. "
            "Chủ tịch TP.HCM Phan Văn Mãi dự.")
    assert positions(text, "2021-08-30") == {
        "Nguyễn Văn Tùng": [("Phó Chủ tịch", "Ủy ban nhân dân thành phố Hải Phòng")],
        "Lê Văn An": [("Chủ tịch", "Ủy ban nhân dân xã Tân Phú")],
        "Phan Văn Mãi": [("Chủ tịch", "Ủy ban nhân dân Thành phố Hồ Chí Minh")]}
    # a level alone is the article's one province or city of that level
    text = "Chủ tịch tỉnh Nguyễn Văn Thọ cho biết tỉnh Bà Rịa - Vũng Tàu đã sẵn sàng. Chủ tịch TP Phan Văn Mãi nói TP.HCM mở cửa."
    assert positions(text, "2021-08-30") == {
        "Nguyễn Văn Thọ": [("Chủ tịch", "Ủy ban nhân dân tỉnh Bà Rịa - Vũng Tàu")],
        "Phan Văn Mãi": [("Chủ tịch", "Ủy ban nhân dân Thành phố Hồ Chí Minh")]}
    # a ministry's field alone after a title that is no minister's names no ministry
    assert organization_canonical("Thương mại", date(2025, 11, 15)) is None
    # a country's chairman heads no committee; nor does a title that is no chairman's
    assert positions("Chủ tịch Trung Quốc Tập Cận Bình và Bí thư tỉnh Quảng Ninh Nguyễn Xuân Ký gặp nhau.",
                     "2021-08-30") == {"Tập Cận Bình": [("Chủ tịch", "Trung Quốc")],
                                       "Nguyễn Xuân Ký": [("Bí thư", None)]}


@pytest.mark.parametrize("written", ["UBND TP.HCM", "UBND TPHCM", "UBND TP HCM", "UBND TP. HCM",
                                     "UBND Thành phố Hồ Chí Minh", "Ủy ban nhân dân TP Hồ Chí Minh", "UBND TP.Hồ Chí Minh"])
def test_people_s_committee_of_ho_chi_minh_city(written):
    assert organization_canonical(written, date(2021, 8, 30)) == "Ủy ban nhân dân Thành phố Hồ Chí Minh"


def test_a_body_written_with_its_level_only_is_the_article_s_province():
    text = "Chủ tịch UBND TP Phan Văn Mãi cho biết TP.HCM sẽ mở cửa trường học."
    assert positions(text, "2021-08-30") == {"Phan Văn Mãi": [("Chủ tịch", "Ủy ban nhân dân Thành phố Hồ Chí Minh")]}
    text = "Chủ tịch UBND tỉnh Nguyễn Văn Thọ cho biết tỉnh Bà Rịa - Vũng Tàu đã sẵn sàng."
    assert positions(text, "2021-08-30") == {"Nguyễn Văn Thọ": [("Chủ tịch", "Ủy ban nhân dân tỉnh Bà Rịa - Vũng Tàu")]}
    # two provinces named, or none: which one is unknown
    text = "Chủ tịch UBND tỉnh Nguyễn Văn Thọ cho biết Đồng Nai và Bình Dương đã sẵn sàng."
    assert positions(text, "2021-08-30") == {"Nguyễn Văn Thọ": [("Chủ tịch", None)]}
    # in 2026 Bà Rịa - Vũng Tàu no longer exists: "UBND tỉnh" cannot be its committee
    text = "Chủ tịch UBND tỉnh Nguyễn Văn Thọ nói về tỉnh Bà Rịa - Vũng Tàu cũ."
    assert positions(text, "2026-02-06") == {"Nguyễn Văn Thọ": [("Chủ tịch", None)]}


@pytest.mark.parametrize("written, expected", [
    ("UBND Quảng Ngãi", "Ủy ban nhân dân tỉnh Quảng Ngãi"),
    ("UBND TP Quảng Ngãi", "Ủy ban nhân dân thành phố Quảng Ngãi"),  # the provincial capital
    ("UBND Hà Nội", "Ủy ban nhân dân thành phố Hà Nội"),
    ("HĐND TP. Hà Nội", "Hội đồng nhân dân thành phố Hà Nội"),
    ("Sở Y tế Hà Nội", "Sở Y tế thành phố Hà Nội"),
    ("Sở GD-ĐT Nghệ An", "Sở Giáo dục và Đào tạo tỉnh Nghệ An"),
    ("Tỉnh ủy Quảng Ninh", "Tỉnh ủy Quảng Ninh"),
    ("Thành ủy TP.HCM", "Thành ủy Thành phố Hồ Chí Minh"),
    ("Công an TP. Hà Nội", "Công an thành phố Hà Nội"),
    ("UBND tỉnh Đăk Lăk", "Ủy ban nhân dân tỉnh Đắk Lắk"),
    ("UBND Nha Trang", "Ủy ban nhân dân thành phố Nha Trang"),
    ("UBND quận 1", "Ủy ban nhân dân quận 1"),
    ("UBND huyện", None),
    ("UBND tỉnh", None),
    ("Sở Tài chính", None),
    ("Bệnh viện Bạch Mai", None),
    ("Ủy ban Pháp luật của Quốc hội", "Ủy ban Pháp luật"),
    ("Huyện ủy huyện Thạch Thành", "Huyện ủy Thạch Thành"),  # a Party committee's name says its level
    ("Ban Thường vụ Tỉnh ủy tỉnh Quảng Ninh", "Ban Thường vụ Tỉnh ủy Quảng Ninh"),
    ("Ban cán sự Đảng UBND tỉnh Nghệ An", "Ban cán sự Đảng Ủy ban nhân dân tỉnh Nghệ An"),
    ("Ban Thường vụ Tỉnh ủy", None),
    ("Đại học Quốc gia Hà Nội", "Đại học Quốc gia Hà Nội"),  # a gazetteer name stays
])
def test_local_and_other_bodies(written, expected):
    assert organization_canonical(written, date(2021, 8, 30)) == expected


def test_provinces_renamed_or_merged_in_2025_read_in_2024_and_2026():
    # Huế: a city of Thừa Thiên Huế until 2024, a centrally-run city from 2025
    assert organization_canonical("UBND Huế", date(2024, 6, 1)) == "Ủy ban nhân dân thành phố Huế"
    assert organization_canonical("UBND Huế", date(2026, 2, 6)) == "Ủy ban nhân dân thành phố Huế"
    assert organization_canonical("UBND tỉnh Thừa Thiên Huế", date(2024, 6, 1)) == \
        "Ủy ban nhân dân tỉnh Thừa Thiên Huế"
    # Bình Dương merged into Hồ Chí Minh City on 1 July 2025: its committee keeps its name (the body that was)
    assert organization_canonical("UBND Bình Dương", date(2024, 6, 1)) == "Ủy ban nhân dân tỉnh Bình Dương"
    assert organization_canonical("UBND Bình Dương", date(2026, 2, 6)) == "Ủy ban nhân dân tỉnh Bình Dương"
    # a bare "UBND tỉnh" is the article's province existing at publication
    text = "Phó Chủ tịch UBND tỉnh Lê Văn A nói Hà Giang và Tuyên Quang phối hợp."
    assert positions(text, "2024-06-01")["Lê Văn A"] == [("Phó Chủ tịch", None)]  # two provinces in 2024
    assert positions(text, "2026-02-06")["Lê Văn A"] == [("Phó Chủ tịch", "Ủy ban nhân dân tỉnh Tuyên Quang")]


def test_ministries_by_the_name_valid_at_publication():
    assert organization_canonical("Bộ Nông nghiệp", date(2021, 8, 30)) == "Bộ Nông nghiệp và Phát triển nông thôn"
    assert organization_canonical("Bộ Nông nghiệp", date(2026, 2, 6)) == "Bộ Nông nghiệp và Môi trường"
    assert organization_canonical("Bộ KH&ĐT", date(2021, 8, 30)) == "Bộ Kế hoạch và Đầu tư"


def test_foreign_and_international_bodies():
    assert organization_canonical("Mỹ", date(2021, 8, 30)) == "Hoa Kỳ"
    assert organization_canonical("Chính phủ Mỹ", date(2021, 8, 30)) == "Chính phủ Hoa Kỳ"
    assert organization_canonical("Bộ Ngoại giao Hoa Kỳ", date(2021, 8, 30)) == "Bộ Ngoại giao Hoa Kỳ"
    assert organization_canonical("NATO", date(2021, 8, 30)) == "Tổ chức Hiệp ước Bắc Đại Tây Dương"
    assert organization_canonical("Hạ viện Mỹ", date(2021, 8, 30)) == "Hạ viện Hoa Kỳ"
    assert organization_canonical("WB", date(2021, 8, 30)) == "Ngân hàng Thế giới"
    found = positions("Ngoại trưởng Mỹ Antony Blinken và Tổng Thư ký NATO Jens Stoltenberg hội đàm.", "2021-08-30")
    assert found == {"Antony Blinken": [("Ngoại trưởng", "Hoa Kỳ")],
                     "Jens Stoltenberg": [("Tổng Thư ký", "Tổ chức Hiệp ước Bắc Đại Tây Dương")]}


def test_organisation_offsets_index_the_original_text():
    text = "Hôm qua, Bộ trưởng Bộ Công thương Nguyễn Hồng Diên và Đại biểu Phạm Văn Hòa (Đoàn ĐBQH tỉnh Đồng Tháp) dự họp."
    record = policytext.analyze(text, published="2021-08-30")
    spans = {o.name: [(p.organization, text[p.organization_start:p.organization_end]) for p in o.positions]
             for o in record.officials}
    assert spans == {"Nguyễn Hồng Diên": [("Bộ Công Thương", "Bộ Công thương")],
                     "Phạm Văn Hòa": [("Đoàn ĐBQH tỉnh Đồng Tháp", "Đoàn ĐBQH tỉnh Đồng Tháp")]}
    # a title that names its organisation itself writes none
    record = policytext.analyze("Tổng Thanh tra Chính phủ Đoàn Hồng Phong làm việc.", published="2021-08-30")
    position = record.officials[0].positions[0]
    assert (position.organization, position.organization_start, position.organization_end) == \
        ("Thanh tra Chính phủ", None, None)
    assert position.organization_canonical == "Thanh tra Chính phủ"


def test_html_character_references_are_decoded_in_every_text_field():
    text = "Bộ trưởng Bộ NN &amp; PTNT Cao Đức Phát cho biết tại Hà Nội ngày 30/8/2005."
    record = policytext.analyze(text, published="2005-09-01")
    position = record.officials[0].positions[0]
    assert position.organization == "Bộ NN & PTNT"
    assert position.organization_canonical == "Bộ Nông nghiệp và Phát triển nông thôn"
    assert text[position.organization_start:position.organization_end] == "Bộ NN &amp; PTNT"  # offsets: original
    written = record.to_dict()
    written.pop("text")  # the body stays as read: offsets index it
    assert "&amp;" not in json.dumps(written, ensure_ascii=False)
    assert [o.mentions[0].text for o in record.organizations] == ["Bộ NN & PTNT"]


def test_added_fields_round_trip_and_old_records_load():
    position = Position("Bộ trưởng", "Bộ Y tế", rule="officials.x", title_norm="Bộ trưởng",
                        organization_canonical="Bộ Y tế", organization_start=10, organization_end=17)
    record = Record(id="a", source=policytext.model.Source("x"), text="t",
                    officials=[Official("Nguyễn Văn A", [position], person_id="p1")])
    data = record.to_dict()
    assert data["officials"][0]["person_id"] == "p1"
    assert data["officials"][0]["positions"][0]["organization_canonical"] == "Bộ Y tế"
    assert Record.from_dict(data) == record
    old = {"id": "b", "source": {"path": "x"}, "text": "t",
           "officials": [{"name": "A B", "positions": [{"title": "Bộ trưởng", "organization": None}], "mentions": []}]}
    loaded = Record.from_dict(old)
    assert loaded.officials[0].person_id is None and loaded.officials[0].positions[0].title_norm is None
    assert loaded.places == []
