"""Organisations: canonical names as of the article, merged mentions, local bodies, no common nouns."""

from datetime import date, datetime

import pytest

from policytext.document import Document
from policytext.extract.organizations import extract_organizations
from policytext.layers.organizations import organization_entry, successor_of


def organizations(text, published=None):
    return extract_organizations(Document.from_text(text, published=published, segment=False))


def names(text, published=None):
    return [o.name for o in organizations(text, published)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Bộ Công thương và Bộ Công Thương", ["Bộ Công Thương"]),  # case variants merge
        ("BỘ CÔNG THƯƠNG thông báo", ["Bộ Công Thương"]),
        ("Ban chấp hành Trung ương Đảng họp", ["Ban Chấp hành Trung ương Đảng"]),
        ("Bộ KH&ĐT và Bộ NN-PTNT", ["Bộ Kế hoạch và Đầu tư", "Bộ Nông nghiệp và Phát triển nông thôn"]),
        ("Bộ GD&ĐT ban hành", ["Bộ Giáo dục và Đào tạo"]),
        ("Bộ LĐ-TB&XH hướng dẫn", ["Bộ Lao động - Thương binh và Xã hội"]),
        ("Bộ Dân tộc và Tôn giáo ra mắt", ["Bộ Dân tộc và Tôn giáo"]),
        ("Ngân hàng Nhà nước điều hành", ["Ngân hàng Nhà nước Việt Nam"]),
        ("Tòa án nhân dân tối cao và VKSND tối cao",
         ["Tòa án nhân dân tối cao", "Viện Kiểm sát nhân dân tối cao"]),
        ("Chỉ thị của Bộ Chính trị, Ban Bí thư", ["Bộ Chính trị", "Ban Bí thư"]),
        ("UBND tỉnh Quảng Ninh báo cáo", ["Ủy ban nhân dân tỉnh Quảng Ninh"]),
        ("Ủy ban nhân dân TP Hà Nội và UBND TP.HCM",
         ["Ủy ban nhân dân thành phố Hà Nội", "Ủy ban nhân dân Thành phố Hồ Chí Minh"]),
        ("Sở Công Thương Hà Nội kiểm tra", ["Sở Công Thương Hà Nội"]),
        ("Sở KH&ĐT TP Hà Nội", ["Sở Kế hoạch và Đầu tư thành phố Hà Nội"]),
        ("Công an huyện Cần Giờ vào cuộc", ["Công an huyện Cần Giờ"]),
        ("HĐND xã Tân Phú họp", ["Hội đồng nhân dân xã Tân Phú"]),
        ("UBND quận 1 yêu cầu", ["Ủy ban nhân dân quận 1"]),
        ("Ban cán sự Đảng Bộ Công Thương", ["Ban cán sự Đảng Bộ Công Thương"]),
        ("Ban Thường vụ Tỉnh ủy Nghệ An", ["Ban Thường vụ Tỉnh ủy Nghệ An"]),
        ("EVN và Tập đoàn Điện lực Việt Nam", ["Tập đoàn Điện lực Việt Nam"]),
        ("WTO và Ngân hàng Thế giới", ["Tổ chức Thương mại Thế giới", "Ngân hàng Thế giới"]),
        # a State body followed by a foreign country is that country's, not the Vietnamese one
        ("luật sư của Bộ Tư pháp Mỹ yêu cầu", ["Bộ Tư pháp Mỹ"]),
        ("vốn vay ưu đãi của Chính phủ Tây Ban Nha", ["Chính phủ Tây Ban Nha"]),
        ("Chính phủ Việt Nam quyết định", ["Chính phủ"]),
        # names with a comma (a YAML trap) and renamed bodies
        ("Bộ Văn hóa, Thể thao và Du lịch và Bộ Bưu chính, Viễn thông",
         ["Bộ Văn hóa, Thể thao và Du lịch", "Bộ Bưu chính, Viễn thông"]),
        ("Mặt trận Tổ quốc và các đoàn thể; Ủy ban MTTQ tỉnh Nghệ An",
         ["Mặt trận Tổ quốc Việt Nam", "Ủy ban Mặt trận Tổ quốc tỉnh Nghệ An"]),
    ],
)
def test_canonical_names(text, expected):
    assert names(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "xây dựng chính phủ điện tử",  # a common noun
        "lực lượng công an đã có mặt",
        "Công an đã có mặt",  # a local head with no place
        "Thanh tra đã vào cuộc",
        "Thái Lan và Nhật Bản",  # countries are no organisations here
        "Ngành Công Thương quyết tâm",  # a sector, not the ministry
    ],
)
def test_not_organisations(text):
    assert names(text) == []


def test_old_names_stay_as_written():
    # a 2021 article: the ministry as it was then, not its 2025 successor
    assert names("Bộ Kế hoạch và Đầu tư công bố", datetime(2021, 8, 30)) == ["Bộ Kế hoạch và Đầu tư"]
    assert successor_of("Bộ Kế hoạch và Đầu tư") == "Bộ Tài chính"
    assert successor_of("Bộ Kế hoạch và Đầu tư", on=date(2021, 8, 30)) is None
    assert successor_of("Bộ Thương mại") == "Bộ Công Thương"
    assert successor_of("Bộ Thủy sản") == "Bộ Nông nghiệp và Môi trường"  # through two mergers
    assert organization_entry("Bộ Giao thông vận tải").valid_to == date(2025, 2, 28)


def test_a_spelling_of_two_bodies_names_the_one_of_the_publication_date():
    assert names("Bộ Nông nghiệp họp", datetime(2021, 8, 30)) == ["Bộ Nông nghiệp và Phát triển nông thôn"]
    assert names("Bộ Nông nghiệp họp", datetime(2025, 9, 1)) == ["Bộ Nông nghiệp và Môi trường"]
    assert names("Bộ Nông nghiệp họp") == ["Bộ Nông nghiệp và Phát triển nông thôn"]  # undated: the older body


def test_mentions_are_original_offsets():
    text = "Chiều 30/8, Bộ\u00a0Công  thương tổ chức lễ; Bộ Công Thương cho biết."
    [ministry] = organizations(text)
    assert [m.text for m in ministry.mentions] == ["Bộ\u00a0Công  thương", "Bộ Công Thương"]
    for mention in ministry.mentions:
        assert text[mention.start:mention.end] == mention.text


def test_seed_article(shared_data):
    text = (shared_data / "seed" / "moit-2021-08-30-thi-dua.txt").read_text(encoding="utf-8")
    found = {o.name: o for o in organizations(text, datetime(2021, 8, 30))}
    moit = found["Bộ Công Thương"]
    assert {m.text for m in moit.mentions} == {"Bộ Công thương", "Bộ Công Thương"}
    assert len(moit.mentions) == 5
    assert "Ban Chấp hành Trung ương Đảng" in found and "Bộ Chính trị" in found


def test_provinces_before_and_after_the_2025_mergers():
    from policytext.layers.organizations import province_on, provinces_on

    assert len(provinces_on(date(2024, 6, 30))) == 63
    assert len(provinces_on(date(2025, 6, 30))) == 63  # Huế in place of Thừa Thiên Huế
    after = provinces_on(date(2025, 7, 1))
    assert len(after) == 34 and "Bình Dương" not in after and "Hồ Chí Minh" in after
    assert province_on("Bình Dương", date(2024, 1, 1)) == "Bình Dương"
    assert province_on("Bình Dương", date(2026, 1, 1)) == "Hồ Chí Minh"
    assert province_on("Hà Tây", date(2021, 8, 30)) == "Hà Nội"
    assert province_on("Thừa Thiên Huế", date(2025, 8, 1)) == "Huế"
    assert province_on("Huế", date(2020, 1, 1)) is None  # the city's province was Thừa Thiên Huế
    assert province_on("Nha Trang", date(2026, 1, 1)) is None  # a city, no province


def test_bodies_of_the_2025_reorganisation():
    text = ("Đảng ủy Chính phủ, Đảng ủy các cơ quan Đảng Trung ương và Ban Chính sách, chiến lược Trung ương "
            "phối hợp với Ủy ban Kinh tế và Tài chính, Bộ Dân tộc và Tôn giáo và Cục Hải quan.")
    assert names(text, datetime(2025, 9, 1)) == [
        "Đảng ủy Chính phủ", "Đảng ủy các cơ quan Đảng Trung ương", "Ban Chính sách, chiến lược Trung ương",
        "Ủy ban Kinh tế và Tài chính", "Bộ Dân tộc và Tôn giáo", "Cục Hải quan"]
    assert successor_of("Tổng cục Hải quan") == "Cục Hải quan"
    assert successor_of("Ủy ban Tài chính - Ngân sách") == "Ủy ban Kinh tế và Tài chính"
    assert successor_of("Cục Điều tiết điện lực") == "Cục Điện lực"
    # Petrovietnam's name of the day
    assert names("PVN công bố", datetime(2024, 1, 1)) == ["Tập đoàn Dầu khí Việt Nam"]
    assert names("PVN công bố", datetime(2025, 6, 1)) == ["Tập đoàn Công nghiệp - Năng lượng Quốc gia Việt Nam"]
    # a provincial front is not the national one
    assert names("Ủy ban MTTQ Việt Nam tỉnh Gia Lai phát động") == ["Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Gia Lai"]
    assert names("Ủy ban MTTQ Việt Nam phát động") == ["Mặt trận Tổ quốc Việt Nam"]


@pytest.mark.parametrize(
    "text, expected",
    [
        # after "TP. " only a listed place goes on the name: the dot may end the sentence
        ("Giám đốc Sở Tài chính TP. Bà Hồng nêu lý do.", ["Sở Tài chính thành phố"]),
        ("Sở Tài chính TP. Hồ Chí Minh cho biết.", ["Sở Tài chính Thành phố Hồ Chí Minh"]),
        ("Chủ tịch OPEC nói.", ["Tổ chức các nước xuất khẩu dầu mỏ"]),
    ],
)
def test_a_sentence_dot_and_international_bodies(text, expected):
    assert names(text) == expected
