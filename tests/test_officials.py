"""Officials: who counts, the titles and organisations they hold, one entry per person, name mentions."""

import time
from datetime import datetime

import pytest

from policytext.document import Document
from policytext.extract.officials import extract_officials


def officials(text, published=None):
    doc = Document.from_text(text, published=published, segment=False)
    return extract_officials(doc)


def summary(text):
    return {o.name: [(p.title, p.organization) for p in o.positions] for o in officials(text)}


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Thủ tướng Phan Văn Khải đã tiếp đoàn.", {"Phan Văn Khải": [("Thủ tướng", None)]}),
        ("Chủ tịch nước Trần Đức Lương dự lễ.", {"Trần Đức Lương": [("Chủ tịch nước", None)]}),
        ("Bộ trưởng Bộ Tài chính Nguyễn Sinh Hùng cho biết.", {"Nguyễn Sinh Hùng": [("Bộ trưởng", "Bộ Tài chính")]}),
        # the unit word left out after a minister's title is restored
        ("Bộ trưởng Tài chính Nguyễn Sinh Hùng cho biết.", {"Nguyễn Sinh Hùng": [("Bộ trưởng", "Bộ Tài chính")]}),
        ("Phó Thủ tướng Thường trực Nguyễn Tấn Dũng chỉ đạo.",
         {"Nguyễn Tấn Dũng": [("Phó Thủ tướng Thường trực", None)]}),
        ("Thủ tướng Chính phủ Nguyễn Xuân Phúc đã ký.", {"Nguyễn Xuân Phúc": [("Thủ tướng", "Chính phủ")]}),
        ("Chủ tịch Quốc hội Nguyễn Văn An phát biểu.", {"Nguyễn Văn An": [("Chủ tịch", "Quốc hội")]}),
        ("Tổng Bí thư Nông Đức Mạnh đã tiếp đoàn.", {"Nông Đức Mạnh": [("Tổng Bí thư", None)]}),
        # organisations as written: abbreviations kept
        ("Chủ tịch UBND tỉnh Quảng Ninh Nguyễn Văn Đọc đã ký.",
         {"Nguyễn Văn Đọc": [("Chủ tịch", "UBND tỉnh Quảng Ninh")]}),
        ("Chủ tịch UBND TP Lê Thanh Hải chủ trì.", {"Lê Thanh Hải": [("Chủ tịch", "UBND TP")]}),
        ("Bí thư Thành ủy TP.HCM Nguyễn Minh Triết dự.", {"Nguyễn Minh Triết": [("Bí thư", "Thành ủy TP.HCM")]}),
        ("Viện trưởng Viện Kiểm sát nhân dân tối cao Hà Mạnh Trí cho biết.",
         {"Hà Mạnh Trí": [("Viện trưởng", "Viện Kiểm sát nhân dân tối cao")]}),
        ("Thống đốc Ngân hàng Nhà nước Lê Đức Thúy nói.", {"Lê Đức Thúy": [("Thống đốc", "Ngân hàng Nhà nước")]}),
        ("Trưởng ban Tuyên giáo Trung ương Đinh Thế Huynh dự.",
         {"Đinh Thế Huynh": [("Trưởng ban", "Ban Tuyên giáo Trung ương")]}),
        ("Giám đốc Bệnh viện Bạch Mai Nguyễn Quốc Anh cho biết.",
         {"Nguyễn Quốc Anh": [("Giám đốc", "Bệnh viện Bạch Mai")]}),
        ("Người phát ngôn Bộ Ngoại giao Lê Dũng trả lời.", {"Lê Dũng": [("Người phát ngôn", "Bộ Ngoại giao")]}),
        # leaders of state-owned groups count
        ("Tổng Giám đốc EVN Đào Văn Hưng khẳng định.", {"Đào Văn Hưng": [("Tổng Giám đốc", "EVN")]}),
        # a former office-holder counts; the title leaves out "nguyên"
        ("Nguyên Bộ trưởng Bộ Thương mại Trương Đình Tuyển phát biểu.",
         {"Trương Đình Tuyển": [("Bộ trưởng", "Bộ Thương mại")]}),
        # titles after the name
        ("Theo ông Nguyễn Văn An, Giám đốc Sở Tài chính Hà Nội, ngân sách tăng.",
         {"Nguyễn Văn An": [("Giám đốc", "Sở Tài chính Hà Nội")]}),
        ("Ông Hoàng Văn Năm, Cục phó Thú y khẳng định.", {"Hoàng Văn Năm": [("Cục phó", "Cục Thú y")]}),
        ("Ông Văn Dũng, Giám đốc Sở Giao thông công chính, cho biết.",
         {"Văn Dũng": [("Giám đốc", "Sở Giao thông công chính")]}),
        # a rank is no position; the office is
        ("Thượng tướng Nguyễn Văn Hưởng, Thứ trưởng Bộ Công an, cho biết.",
         {"Nguyễn Văn Hưởng": [("Thứ trưởng", "Bộ Công an")]}),
        # foreign and international office-holders
        ("Tổng thống Mỹ George W. Bush đến Hà Nội.", {"George W. Bush": [("Tổng thống", "Mỹ")]}),
        ("Tổng Thư ký Liên Hợp Quốc Kofi Annan phát biểu.", {"Kofi Annan": [("Tổng Thư ký", "Liên Hợp Quốc")]}),
        ("Thủ tướng Campuchia Hun Sen hội đàm.", {"Hun Sen": [("Thủ tướng", "Campuchia")]}),
        ("Thứ trưởng tiếp Đại sứ Nhật Bản Ito Naoki.", {"Ito Naoki": [("Đại sứ", "Nhật Bản")]}),
        ("Chủ tịch WB Paul Wolfowitz thăm Việt Nam.", {"Paul Wolfowitz": [("Chủ tịch", "WB")]}),
        ("Chủ tịch Trung Quốc Hồ Cẩm Đào thăm Việt Nam.", {"Hồ Cẩm Đào": [("Chủ tịch", "Trung Quốc")]}),
        # an organisation the gazetteer does not know ends where its place ends
        ("Ông Nguyễn Thanh Sơn, Giám đốc Trung tâm Y tế huyện Bình Chánh tổng kết rằng.",
         {"Nguyễn Thanh Sơn": [("Giám đốc", "Trung tâm Y tế huyện Bình Chánh")]}),
        # a unit title never takes a country: "Pháp chế" is a legal department
        ("Ông Võ Dũng, Tổng Giám đốc Tổng công ty Cấp nước TP HCM vẫn cho rằng giá thấp.",
         {"Võ Dũng": [("Tổng Giám đốc", "Tổng công ty Cấp nước TP HCM")]}),
        ("Ông Nguyễn Thanh Chín, Trưởng ban Pháp chế HĐND TP HCM yêu cầu.",
         {"Nguyễn Thanh Chín": [("Trưởng ban", "Ban Pháp chế HĐND TP HCM")]}),
        ("Tổng cục phó Tổng cục Du lịch Phạm Từ cho biết.", {"Phạm Từ": [("Tổng cục phó", "Tổng cục Du lịch")]}),
        ("Chủ tịch UBND thị xã Đồ Sơn Hoàng Anh Hùng nhận quà.",
         {"Hoàng Anh Hùng": [("Chủ tịch", "UBND thị xã Đồ Sơn")]}),
        ("Ông Lê Đình Đấu, Bí thư Đảng uỷ kiêm Phó tổng Thanh tra Chính phủ, cho biết.",
         {"Lê Đình Đấu": [("Bí thư", "Đảng uỷ"), ("Phó Tổng Thanh tra", "Thanh tra Chính phủ")]}),
        ("Phó giám đốc Liên đoàn bản đồ địa chất Việt Nam tại TP HCM, ông Nguyễn Hữu Trí cho biết.",
         {"Nguyễn Hữu Trí": [("Phó Giám đốc", "Liên đoàn bản đồ địa chất Việt Nam tại TP HCM")]}),
        # a Party committee's place needs no "huyện"/"thị xã"; the place is no person
        ("Ông Nguyễn Văn Tân (Tỉnh ủy viên, Bí thư Thị ủy Hà Tiên, nguyên phó chủ tịch UBND tỉnh).",
         {"Nguyễn Văn Tân": [("Tỉnh ủy viên", None), ("Bí thư", "Thị ủy Hà Tiên"), ("Phó Chủ tịch", "UBND tỉnh")]}),
        ("Bí thư Tỉnh ủy Nguyễn Bá Thanh phát biểu.", {"Nguyễn Bá Thanh": [("Bí thư", "Tỉnh ủy")]}),
        # two people in one sentence stay two entries
        ("Chủ tịch Quốc hội Nguyễn Văn An, Phó Chủ tịch Quốc hội Nguyễn Phúc Thanh dự họp.",
         {"Nguyễn Văn An": [("Chủ tịch", "Quốc hội")], "Nguyễn Phúc Thanh": [("Phó Chủ tịch", "Quốc hội")]}),
    ],
)
def test_officials_and_their_positions(text, expected):
    assert summary(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Bộ trưởng Bộ Y tế cho biết sẽ tăng cường kiểm tra.",  # a title only
        "Anh N.H.N. được cấp cứu kịp thời.",  # initials only
        "Ông Nguyễn Văn Bình, Giám đốc Công ty TNHH Minh Phát, cho biết.",  # private company
        "Ông Guy Lacombe, Tổng giám đốc Big C Việt Nam, cho biết.",  # a foreign retailer's head
        "Theo ông Nguyễn Đăng Tân, tổ trưởng tổ dân phố, giá tăng.",  # a neighbourhood volunteer
        "Giám đốc Công ty cổ phần Hoàng Long Trần Văn Tâm cho biết.",
        "Cầu thủ Lê Công Vinh ghi bàn thắng quyết định.",  # an athlete
        "Bệnh nhân Nguyễn Văn Tư đã xuất viện.",  # a patient
        "Giám đốc Sở Tài chính Hà Nội cho biết ngân sách tăng.",  # place after the title, no person
        "Thủ tướng Chính phủ đã chỉ đạo các bộ, ngành.",
        "Thượng tá Võ Văn Vân, cán bộ phòng cảnh sát giao thông, cho biết.",  # a rank with no office
        "Đoàn công tác của UBND TP Hồ Chí Minh đến thăm.",  # the city is not a person
        "Hiệu trưởng Trường THPT Lê Quý Đôn cho biết.",  # a school named after a historical figure
        "Người dân phường Kim Liên phản ánh, Chủ tịch phường Kim Liên hứa giải quyết.",  # a ward
        "Trợ lý Bộ trưởng Ngoại giao Đào Việt Trung cho biết.",  # the minister's assistant
        "Theo yêu cầu của Thủ tướng, ông Lương Cao Khải đã kiểm điểm.",  # a bare title, then someone else
    ],
)
def test_no_entry(text):
    assert officials(text) == []


def test_bare_company_titles_count_unless_the_article_is_about_private_firms():
    state = "Hội nghị kiểm điểm lãnh đạo Tổng công ty Dầu khí Việt Nam. Tổng giám đốc Trần Ngọc Cảnh nhận lỗi."
    assert summary(state) == {"Trần Ngọc Cảnh": [("Tổng Giám đốc", None)]}
    private = "Công ty TNHH Minh Phát khai trương. Giám đốc Trần Văn Tâm cho biết."
    assert summary(private) == {}


def test_board_chair_of_a_state_group_and_of_a_private_firm():
    text = "Chủ tịch Hội đồng quản trị Tổng công ty Điện lực VN (EVN) Đặng Hùng chịu trách nhiệm."
    assert summary(text) == {"Đặng Hùng": [("Chủ tịch", "Hội đồng quản trị Tổng công ty Điện lực VN")]}
    assert summary("Ông Lê Văn Ba, Chủ tịch HĐQT Công ty TNHH Interpet VN, vắng mặt.") == {}


def test_a_private_job_is_not_made_public_by_a_bare_title_elsewhere():
    text = ("Ông Bùi Văn Mật, Giám đốc Công ty Kinh doanh nước sạch, cho biết giá tăng. "
            "Giám đốc Bùi Văn Mật nói thêm.")
    assert summary(text) == {}


def test_wards_named_after_historical_figures_are_places():
    text = "Chủ tịch UBND phường Bùi Thị Xuân Nguyễn Văn Hòa cho biết."
    assert summary(text) == {"Nguyễn Văn Hòa": [("Chủ tịch", "UBND phường Bùi Thị Xuân")]}


def test_one_entry_per_person_with_every_mention():
    text = ("Bộ trưởng Bộ Công Thương Nguyễn Hồng Diên chủ trì. Ông Diên nhấn mạnh yêu cầu. "
            "Bộ trưởng Diên cũng đề nghị các đơn vị. Nguyễn Hồng Diên kết luận.")
    [person] = officials(text)
    assert person.name == "Nguyễn Hồng Diên"
    assert [(m.text, m.start) for m in person.mentions] == [
        ("Nguyễn Hồng Diên", 25), ("Diên", text.index("Diên nhấn")), ("Diên", text.index("Diên cũng")),
        ("Nguyễn Hồng Diên", text.rindex("Nguyễn Hồng Diên"))]
    assert [(p.title, p.organization) for p in person.positions] == [("Bộ trưởng", "Bộ Công Thương")]


def test_a_given_name_after_an_honorific_merges_with_the_full_name():
    text = ("Giám đốc Sở Giao thông công chính Nguyễn Văn Dũng chủ trì. "
            "Ông Văn Dũng, Giám đốc Sở Giao thông công chính, cho biết thêm.")
    [person] = officials(text)
    assert person.name == "Nguyễn Văn Dũng"
    assert [m.text for m in person.mentions] == ["Nguyễn Văn Dũng", "Văn Dũng"]


def test_mentions_index_the_original_text():
    text = "Bộ\u00a0trưởng  Bộ Công thương Nguyễn Hồng Diên chủ trì; ông Diên phát biểu."
    [person] = officials(text)
    for mention in person.mentions:
        assert text[mention.start:mention.end] == mention.text
    assert person.positions[0].organization == "Bộ Công Thương"  # gazetteer casing


def test_seed_article(shared_data):
    text = (shared_data / "seed" / "moit-2021-08-30-thi-dua.txt").read_text(encoding="utf-8")
    found = {o.name: o for o in officials(text, datetime(2021, 8, 30, 20, 1))}
    dien = found.pop("Nguyễn Hồng Diên")
    assert [(p.title, p.organization) for p in dien.positions] == [
        ("Bộ trưởng", "Bộ Công Thương"),
        ("Bí thư", "Ban cán sự Đảng Bộ Công Thương"),
        ("Ủy viên", "Ban Chấp hành Trung ương Đảng"),
    ]
    assert len(dien.mentions) == 3
    assert all(text[m.start:m.end] == "Nguyễn Hồng Diên" for m in dien.mentions)
    assert text[dien.mentions[2].start - 10:dien.mentions[2].start] == "Bộ trưởng "
    # the only other person is the late president named with his office (benchmarks/gold/README.md)
    assert list(found) == ["Hồ Chí Minh"]


def test_vntc_politics_articles_are_read_and_fast(shared_data):
    import gzip
    import json

    with gzip.open(shared_data / "vntc" / "vntc-test-chinh-tri-xa-hoi.jsonl.gz", "rt", encoding="utf-8") as handle:
        texts = [json.loads(line)["text"] for _, line in zip(range(300), handle)]
    docs = [Document.from_text(t, segment=False) for t in texts]
    extract_officials(docs[0])  # build the automata once
    started = time.perf_counter()
    found = [o for doc in docs for o in extract_officials(doc)]
    per_article = (time.perf_counter() - started) / len(docs)
    assert per_article < 0.005
    names = {o.name for o in found}
    assert len(names) > 30
    for doc, text in zip(docs, texts):
        for official in extract_officials(doc) if "Thủ tướng" in text else []:
            for mention in official.mentions:
                assert text[mention.start:mention.end] == mention.text
