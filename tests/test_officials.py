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
    text = ("Ông Bùi Văn Mật, Giám đốc Công ty Kinh doanh thép, cho biết giá tăng. "
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


@pytest.mark.parametrize(
    "text, expected",
    [
        # a degree before the name is no part of it, after a known or an unknown organisation
        ("Giám đốc Bệnh viện Bạch Mai, PGS.TS Đào Xuân Cơ cho biết.",
         {"Đào Xuân Cơ": [("Giám đốc", "Bệnh viện Bạch Mai")]}),
        ("Phó giám đốc Bưu điện TP HCM, TS Nguyễn Việt Dũng phát biểu.",
         {"Nguyễn Việt Dũng": [("Phó Giám đốc", "Bưu điện TP HCM")]}),
        ("GS Võ Tòng Xuân, Hiệu trưởng ĐH An Giang và ông Lê Văn Hai cho rằng.",
         {"Võ Tòng Xuân": [("Hiệu trưởng", "ĐH An Giang")]}),
        # a foreign lecturer heading a private school: a degree does not make any name a person's
        ("Tiến sĩ Eric Kuan, hiệu trưởng MDIS sẽ thuyết trình.", {}),
        # names glued to the next list number
        ("9. Chủ tịch Công đoàn Liên hiệp Hợp tác xã thương mại TP HCM Quách Cường10. Nhà báo Cù Mai Công",
         {"Quách Cường": [("Chủ tịch", "Công đoàn Liên hiệp Hợp tác xã thương mại TP HCM")]}),
        # the unit word the title left out is restored before a lower-case start
        ("Ông Hứa Công Ảnh, Đội trưởng chống lậu Cục Hải quan Lạng Sơn, cho hay.",
         {"Hứa Công Ảnh": [("Đội trưởng", "Đội chống lậu Cục Hải quan Lạng Sơn")]}),
        ("Thiếu tá Đặng Nguyên Khánh, Phó Đội trưởng và trung úy Trương Ngọc Long được khen.", {}),
        # organisations with a comma, and international bodies' country offices
        ("Chủ nhiệm Ủy ban Văn hóa Giáo dục, Thanh thiếu niên và Nhi đồng Trần Thị Tâm Đan cho biết.",
         {"Trần Thị Tâm Đan": [("Chủ nhiệm", "Ủy ban Văn hóa Giáo dục, Thanh thiếu niên và Nhi đồng")]}),
        ("Trưởng Đại diện Quỹ Nhi đồng Liên hợp quốc (UNICEF) tại Việt Nam Silvia Danailov cho biết.",
         {"Silvia Danailov": [("Trưởng Đại diện", "Quỹ Nhi đồng Liên hợp quốc tại Việt Nam")]}),
        ("Giám đốc Quốc gia Ngân hàng Thế giới tại Việt Nam Mariam Sherman nhận định.",
         {"Mariam Sherman": [("Giám đốc Quốc gia", "Ngân hàng Thế giới tại Việt Nam")]}),
        ("Ông Nguyễn Kinh Quốc, người phát ngôn của Thủ tướng, cho biết.",
         {"Nguyễn Kinh Quốc": [("Người phát ngôn", None)]}),
        # "kiêm": the title before it shares a state group's or association's organisation
        ("Phó Chủ tịch kiêm Tổng Thư ký Hội Nạn nhân chất độc da cam Trần Xuân Thu cho biết.",
         {"Trần Xuân Thu": [("Tổng Thư ký", "Hội Nạn nhân chất độc da cam"),
                            ("Phó Chủ tịch", "Hội Nạn nhân chất độc da cam")]}),
        ("Bí thư kiêm Chủ tịch UBND xã Tân Phú Lê Văn Hai dự.",
         {"Lê Văn Hai": [("Chủ tịch", "UBND xã Tân Phú"), ("Bí thư", None)]}),
        # a plural title lists its holders
        ("Dự họp có các Phó Thủ tướng: Trần Hồng Hà, Lê Thành Long và Bộ trưởng Bộ Y tế Đào Hồng Lan.",
         {"Trần Hồng Hà": [("Phó Thủ tướng", None)], "Lê Thành Long": [("Phó Thủ tướng", None)],
          "Đào Hồng Lan": [("Bộ trưởng", "Bộ Y tế")]}),
        # foreign ministries named by their field, foreign parliaments, particles and glued initials
        ("Bộ trưởng Ngoại giao Hoa Kỳ Marco Rubio điện đàm.", {"Marco Rubio": [("Bộ trưởng", "Bộ Ngoại giao Hoa Kỳ")]}),
        ("Chủ tịch Quốc hội Lào Saysomphone Phomvihane hội kiến.",
         {"Saysomphone Phomvihane": [("Chủ tịch", "Quốc hội Lào")]}),
        ("Chủ tịch Ủy ban châu Âu Ursula von der Leyen gặp Thủ tướng.",
         {"Ursula von der Leyen": [("Chủ tịch", "Ủy ban châu Âu")]}),
        ("Thứ trưởng Thương mại Iran M.Ansari cho biết.", {"M.Ansari": [("Thứ trưởng", "Bộ Thương mại Iran")]}),
        ("Chủ tịch Quốc hội Hàn Quốc Lãnh đạo Đảng và Nhà nước tiếp.", {}),  # a headline, no name
        # the suffix of a title is not its organisation's
        ("Phó Trưởng Ban Thường trực Ban Tổ chức Trung ương Hoàng Đăng Quang dự.",
         {"Hoàng Đăng Quang": [("Phó Trưởng ban Thường trực", "Ban Tổ chức Trung ương")]}),
        # an unknown organisation between two titles after the name
        ("Thượng tướng Nguyễn Tân Cương, Tổng Tham mưu trưởng Quân đội nhân dân Việt Nam, Thứ trưởng Bộ Quốc phòng dự.",
         {"Nguyễn Tân Cương": [("Tổng Tham mưu trưởng", "Quân đội nhân dân Việt Nam"),
                               ("Thứ trưởng", "Bộ Quốc phòng")]}),
        # lists of people: ";" and "và" end one person's titles
        ("Đại tá Triệu Văn Đạt, Giám đốc Công an tỉnh Phú Thọ; đại tá Nguyễn Ngọc Khánh, Phó giám đốc Công an tỉnh.",
         {"Triệu Văn Đạt": [("Giám đốc", "Công an tỉnh Phú Thọ")],
          "Nguyễn Ngọc Khánh": [("Phó Giám đốc", "Công an tỉnh")]}),
        ("Ông Trần Văn Hiệp, trưởng phòng điều vận và Lâm Ngọc Kiệt, trưởng phòng quản trị bị bắt.",
         {"Trần Văn Hiệp": [("Trưởng phòng", "Phòng điều vận")], "Lâm Ngọc Kiệt": [("Trưởng phòng", "Phòng quản trị")]}),
        # one title, several holders, a list closed by "và"; the last one's own titles are theirs
        ("Cùng dự có Thứ trưởng Bộ Công Thương Nguyễn Hoàng Long, Phan Thị Thắng và Trương Thanh Hoài.",
         {"Nguyễn Hoàng Long": [("Thứ trưởng", "Bộ Công Thương")], "Phan Thị Thắng": [("Thứ trưởng", "Bộ Công Thương")],
          "Trương Thanh Hoài": [("Thứ trưởng", "Bộ Công Thương")]}),
        ("Cùng dự có Thứ trưởng Bộ Công Thương Nguyễn Hoàng Long và Trương Thanh Hoài, Chánh Văn phòng Bộ.",
         {"Nguyễn Hoàng Long": [("Thứ trưởng", "Bộ Công Thương")], "Trương Thanh Hoài": [("Chánh Văn phòng", "Văn phòng Bộ")]}),
        # Ê Đê and Jrai names run to five syllables; "Y Dược" is a university's
        ("Đồng chí Y Thanh Hà Niê Kđăm, Bí thư Tỉnh ủy Lâm Đồng chủ trì.",
         {"Y Thanh Hà Niê Kđăm": [("Bí thư", "Tỉnh ủy Lâm Đồng")]}),
        ("Hiệu trưởng Trường Đại học Y Dược Huế Nguyễn Văn An cho biết.",
         {"Nguyễn Văn An": [("Hiệu trưởng", "Trường Đại học Y Dược Huế")]}),
        # a dot after an abbreviation does not end the organisation
        ("Hiệu trưởng Trường Đại học Y Dược TP.HCM Nguyễn Văn An cho biết.",
         {"Nguyễn Văn An": [("Hiệu trưởng", "Trường Đại học Y Dược TP.HCM")]}),
        ("Ông Lê Văn Hai, Chánh án TAND Q.Bình Thạnh cho biết.", {"Lê Văn Hai": [("Chánh án", "TAND Q.Bình Thạnh")]}),
        # an abbreviation holds the unit word the title left out
        ("Viện trưởng VKSND khu vực 2 TP.HCM Trần Văn Bình ký quyết định.",
         {"Trần Văn Bình": [("Viện trưởng", "VKSND khu vực 2 TP.HCM")]}),
        # every province is listed: after "Tỉnh ủy" an unlisted name is a person's
        ("Chủ tịch UBND tỉnh Điện Biên Lê Thành Đô và Phó Bí thư Tỉnh ủy Lò Văn Tiến dự.",
         {"Lê Thành Đô": [("Chủ tịch", "UBND tỉnh Điện Biên")], "Lò Văn Tiến": [("Phó Bí thư", "Tỉnh ủy")]}),
        # the board of a joint-stock company is private; a state corporation's or a state group's is not
        ("Chủ tịch HĐQT Vingroup Phạm Nhật Vượng cho biết.", {}),
        ("Chủ tịch HĐQT Tổng công ty Sông Đà Nguyễn Văn Hai cho biết.",
         {"Nguyễn Văn Hai": [("Chủ tịch", "HĐQT Tổng công ty Sông Đà")]}),
    ],
)
def test_harder_forms(text, expected):
    assert summary(text) == expected


def test_a_title_before_a_surname_names_the_person_written_in_full_elsewhere():
    text = ("Với gần 40 năm trong nghề, Jack Weinstein đã khiến tòa án nổi tiếng. Theo Weinstein, luật là "
            "công cụ. Chánh án Weinstein cho biết ông sẽ xét xử.")
    [person] = officials(text)
    assert person.name == "Jack Weinstein"
    assert [(p.title, p.organization) for p in person.positions] == [("Chánh án", None)]
    assert [m.text for m in person.mentions] == ["Jack Weinstein", "Weinstein"]
    # a company title and a surname tell nothing: "Giám đốc Hải" may run a private firm
    assert officials("Anh Nguyễn Ngọc Hải gửi đơn. Giám đốc Hải cho biết.") == []


@pytest.mark.parametrize(
    "text, expected",
    [
        # former offices are marked; the title stays without "nguyên"/"cựu"
        ("Bị cáo Trần Văn Hải, nguyên Chủ tịch UBND xã Tân Phú, bị truy tố.",
         {"Trần Văn Hải": [("Chủ tịch", "UBND xã Tân Phú", True)]}),
        ("Cựu Bộ trưởng Bộ Y tế Nguyễn Thanh Long bị khởi tố.", {"Nguyễn Thanh Long": [("Bộ trưởng", "Bộ Y tế", True)]}),
        ("Ông Lê Văn Bình, nguyên là Giám đốc Sở Tài chính, cho biết.",
         {"Lê Văn Bình": [("Giám đốc", "Sở Tài chính", True)]}),
        # each title of a chain is former or current on its own
        ("Ông Phạm Văn Sơn, nguyên Phó Bí thư Tỉnh ủy, Chủ tịch Hội Cựu chiến binh tỉnh, phát biểu.",
         {"Phạm Văn Sơn": [("Phó Bí thư", "Tỉnh ủy", True), ("Chủ tịch", "Hội Cựu chiến binh tỉnh", False)]}),
        # acting and newly appointed holders hold the office now
        ("Quyền Bộ trưởng Bộ Y tế Đỗ Xuân Tuyên làm việc.", {"Đỗ Xuân Tuyên": [("Bộ trưởng", "Bộ Y tế", False)]}),
        ("Tân Đại sứ Việt Nam tại Hàn Quốc Vũ Hồ trình Quốc thư.",
         {"Vũ Hồ": [("Đại sứ", "Việt Nam tại Hàn Quốc", False)]}),
    ],
)
def test_former_offices(text, expected):
    found = {o.name: [(p.title, p.organization, p.former) for p in o.positions] for o in officials(text)}
    assert found == expected


# Modern (2024-2026) government, ministry and provincial news in the style of the held-out articles
# (tests/fixtures/officials/*.txt, written for these tests): every official with every position,
# (title, organisation, former), nearest-to-the-name first for titles written before the name.
MODERN = {
    "government_meeting.txt": (datetime(2025, 9, 12), {
        "Phạm Minh Chính": [("Thủ tướng", None, False), ("Bí thư", "Đảng ủy Chính phủ", False),
                            ("Ủy viên", "Bộ Chính trị", False)],
        "Nguyễn Hòa Bình": [("Phó Thủ tướng Thường trực", None, False)],
        "Trần Hồng Hà": [("Phó Thủ tướng", None, False)],  # "các Phó Thủ tướng: A, B"
        "Lê Thành Long": [("Phó Thủ tướng", None, False)],
        "Đỗ Đức Duy": [("Bộ trưởng", "Bộ Nông nghiệp và Môi trường", False)],
        "Nguyễn Văn Thắng": [("Bộ trưởng", "Bộ Tài chính", False)],
    }),
    "provincial_congress.txt": (datetime(2025, 10, 20), {
        "Trần Cẩm Tú": [("Ủy viên", "Bộ Chính trị", False), ("Thường trực Ban Bí thư", None, False)],
        "Hồ Minh Khôi": [("Ủy viên", "Trung ương Đảng", False), ("Bí thư", "Tỉnh ủy", False),
                         ("Chủ tịch", "HĐND tỉnh", False)],
        "Phạm Anh Tuấn": [("Phó Bí thư", "Tỉnh ủy", False), ("Chủ tịch", "UBND tỉnh", False)],
        "Rơ Mah Thị Hạnh": [("Phó Chủ tịch", "Ủy ban MTTQ Việt Nam tỉnh", False)],
    }),
    "moit_working_session.txt": (datetime(2024, 3, 5), {
        "Nguyễn Hồng Diên": [("Bộ trưởng", "Bộ Công Thương", False)],
        "Nguyễn Sinh Nhật Tân": [("Thứ trưởng Thường trực", None, False)],  # a four-syllable name
        "Vũ Bá Phú": [("Cục trưởng", "Cục Xúc tiến thương mại", False)],
        "Đặng Hoàng An": [("Chủ tịch", "Hội đồng thành viên Tập đoàn Điện lực Việt Nam", False)],
        "Nguyễn Anh Tuấn": [("Tổng Giám đốc", "EVN", False)],
    }),
    "commune_after_merger.txt": (datetime(2025, 7, 2), {
        "Hồ Văn Mười": [("Chủ tịch", "UBND tỉnh Lâm Đồng", False)],
        "Lê Quang Vinh": [("Bí thư", "Đảng ủy xã Tân Hội", False)],
        "Trần Thị Bích Ngọc": [("Chủ tịch", "UBND xã", False)],
        "Nguyễn Văn Hùng": [("Giám đốc", "Sở Nội vụ tỉnh Lâm Đồng", False)],
    }),
    "foreign_visit.txt": (datetime(2025, 10, 26), {
        "Phạm Minh Chính": [("Thủ tướng", None, False)],
        "Donald Trump": [("Tổng thống", "Hoa Kỳ", False)],
        "Ishiba Shigeru": [("Thủ tướng", "Nhật Bản", False)],
        "Kao Kim Hourn": [("Tổng Thư ký", "ASEAN", False)],
        "Phạm Quang Hiệu": [("Đại sứ", "Việt Nam tại Nhật Bản", False)],
    }),
    "former_officials_trial.txt": (datetime(2024, 5, 14), {
        "Đặng Việt Hà": [("Cục trưởng", "Cục Đăng kiểm Việt Nam", True)],
        "Nguyễn Thanh Long": [("Bộ trưởng", "Bộ Y tế", True)],
        "Hồ Thị Kim Thoa": [("Thứ trưởng", "Bộ Công Thương", True)],
        "Nguyễn Hải Trường": [("Cục trưởng", "Cục Đăng kiểm Việt Nam", False)],
        "Vũ Hồ": [("Đại sứ", "Việt Nam tại Hàn Quốc", False)],
    }),
    "national_assembly.txt": (datetime(2025, 10, 20), {
        "Trần Thanh Mẫn": [("Chủ tịch", "Quốc hội", False)],
        "Tô Lâm": [("Tổng Bí thư", None, False)],
        "Lương Cường": [("Chủ tịch nước", None, False)],
        "Phạm Minh Chính": [("Thủ tướng", None, False)],
        "Lê Quang Tùng": [("Chủ nhiệm", "Văn phòng Quốc hội", False), ("Tổng Thư ký", "Quốc hội", False),
                          ("Ủy viên", "Trung ương Đảng", False)],
        "Phan Văn Mãi": [("Chủ nhiệm", "Ủy ban Kinh tế và Tài chính", False)],
    }),
    "party_central.txt": (datetime(2025, 9, 9), {
        "Lê Minh Hưng": [("Ủy viên", "Bộ Chính trị", False), ("Bí thư Trung ương Đảng", None, False),
                         ("Trưởng ban", "Ban Tổ chức Trung ương", False)],
        "Trần Lưu Quang": [("Bí thư Trung ương Đảng", None, False),
                           ("Trưởng ban", "Ban Chính sách, chiến lược Trung ương", False)],
        "Nguyễn Trọng Nghĩa": [("Bí thư Trung ương Đảng", None, False),
                               ("Trưởng ban", "Ban Tuyên giáo và Dân vận Trung ương", False)],
        "Nguyễn Quang Dương": [("Phó Trưởng ban", "Ban Tổ chức Trung ương", False)],
    }),
    "customs_2025.txt": (datetime(2025, 4, 10), {
        "Nguyễn Văn Thọ": [("Cục trưởng", "Cục Hải quan", False)],
        "Âu Anh Tuấn": [("Phó Cục trưởng", "Cục Hải quan", False)],
        "Cao Anh Tuấn": [("Thứ trưởng", "Bộ Tài chính", False)],
    }),
    "women_leaders.txt": (datetime(2025, 3, 8), {
        "Võ Thị Ánh Xuân": [("Phó Chủ tịch nước", None, False)],
        "Phạm Thị Thanh Trà": [("Bộ trưởng", "Bộ Nội vụ", False)],
        "Nguyễn Thị Hồng": [("Ủy viên", "Trung ương Đảng", False),
                            ("Thống đốc", "Ngân hàng Nhà nước Việt Nam", False)],
    }),
    "state_groups.txt": (datetime(2026, 1, 15), {
        # "Chủ tịch kiêm Tổng Giám đốc Viettel": the state group is both offices' organisation
        "Tào Đức Thắng": [("Tổng Giám đốc", "Viettel", False), ("Chủ tịch", "Viettel", False)],
        "Lê Mạnh Hùng": [("Chủ tịch", "HĐTV Tập đoàn Công nghiệp - Năng lượng Quốc gia Việt Nam", False)],
        # the head of a joint-stock company is no official
    }),
    "department_emulation.txt": (datetime(2025, 11, 28), {
        "Phạm Văn Hóa": [("Giám đốc", "Sở Công Thương", False)],
        "Trần Văn Minh": [("Phó Giám đốc", "Sở Nông nghiệp và Môi trường", False)],
        "Lê Thị Thu Hà": [("Giám đốc", "Sở Dân tộc và Tôn giáo", False)],
        "Nguyễn Đức Trung": [("Bí thư", "Tỉnh ủy", False)],
    }),
}


@pytest.mark.parametrize("name", sorted(MODERN))
def test_modern_articles(fixtures, name):
    published, expected = MODERN[name]
    text = (fixtures / "officials" / name).read_text(encoding="utf-8")
    found = {o.name: [(p.title, p.organization, p.former) for p in o.positions] for o in officials(text, published)}
    assert found == expected
    for official in officials(text, published):
        assert all(text[m.start:m.end] == m.text for m in official.mentions)


def test_a_body_after_a_title_is_no_short_mention():
    text = ("Thủ tướng Chính phủ Phạm Minh Chính chủ trì. Thủ tướng Chính phủ yêu cầu các bộ khẩn trương. "
            "Thủ tướng Chính nhấn mạnh.")
    [person] = officials(text)
    assert [(m.text, m.start) for m in person.mentions] == [
        ("Phạm Minh Chính", 20), ("Chính", text.rindex("Chính nhấn"))]


def test_regional_units_of_2025():
    text = "Giám đốc Kho bạc Nhà nước khu vực XII Lê Văn Chung cho biết."
    assert summary(text) == {"Lê Văn Chung": [("Giám đốc", "Kho bạc Nhà nước khu vực XII")]}


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Ông Nguyễn Văn Bình được bổ nhiệm giữ chức Thứ trưởng Bộ Tài chính.",
         {"Nguyễn Văn Bình": [("Thứ trưởng", "Bộ Tài chính", False)]}),
        ("Bà Lê Thị Hoa được bầu làm Chủ tịch HĐND tỉnh nhiệm kỳ 2021-2026.",
         {"Lê Thị Hoa": [("Chủ tịch", "HĐND tỉnh", False)]}),
        ("Thủ tướng đồng ý cho ông Nguyễn Văn An thôi giữ chức Chủ tịch UBND tỉnh.",
         {"Nguyễn Văn An": [("Chủ tịch", "UBND tỉnh", True)]}),
        ("Ông Trần Văn Nam là Phó Giám đốc Công an tỉnh.", {"Trần Văn Nam": [("Phó Giám đốc", "Công an tỉnh", False)]}),
        # a company title with no body after a verb: a company's ("Công ty Tam Nguyên do bà A làm giám đốc")
        ("Công ty Tam Nguyên do bà Hà Kiều Anh làm giám đốc.", {}),
        ("Ông Nguyễn Văn Cường làm việc với Bộ trưởng Bộ Y tế.", {}),
        # a birth year or a home between the name and the titles
        ("Bị can Nguyễn Văn Hải (SN 1975, trú tại Hà Nội) - nguyên Chủ tịch UBND xã Tân Lập bị bắt.",
         {"Nguyễn Văn Hải": [("Chủ tịch", "UBND xã Tân Lập", True)]}),
        # an organisation named past a comma up to the body it belongs to
        ("Ông Dương Văn Lực (sinh năm 1960), Vụ phó vụ 4, Thanh tra khiếu tố địa phương thuộc Thanh tra Chính phủ "
         "bị khởi tố.",
         {"Dương Văn Lực": [("Vụ phó", "vụ 4, Thanh tra khiếu tố địa phương thuộc Thanh tra Chính phủ", False)]}),
        # National Assembly debates: the deputy and the delegation written after the name
        ("Đại biểu Phạm Văn Hòa (Đoàn ĐBQH tỉnh Đồng Tháp) phát biểu. Theo đại biểu Hòa, cần sửa luật.",
         {"Phạm Văn Hòa": [("đại biểu Quốc hội", "Đoàn ĐBQH tỉnh Đồng Tháp", False)]}),
    ],
)
def test_appointments_and_deputies(text, expected):
    found = {o.name: [(p.title, p.organization, p.former) for p in o.positions] for o in officials(text)}
    assert found == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a rank and another person joined by "và" end the first one's organisation
        ("báo cáo với Trung tướng Nguyễn Việt Thành, Phó Tổng Cục trưởng Tổng cục Cảnh sát và đại tá "
         "Phạm Hùng Chiến, Phó Cục trưởng Cục CSĐT tội phạm về trật tự quản lý kinh tế và chức vụ.",
         {"Nguyễn Việt Thành": [("Phó Tổng cục trưởng", "Tổng cục Cảnh sát")],
          "Phạm Hùng Chiến": [("Phó Cục trưởng", "Cục CSĐT tội phạm về trật tự quản lý kinh tế và chức vụ")]}),
        ("Giám đốc BV và gia đình sản phụ Hoàng Thị Thuyết đã thỏa thuận.", {}),
        # a bracket between the organisation and the name
        ("Cục trưởng Cục Chăn nuôi (Bộ NN-PTNT) Nguyễn Đăng Vang cho biết.",
         {"Nguyễn Đăng Vang": [("Cục trưởng", "Cục Chăn nuôi")]}),
        # schools named after people hide no holder
        ("Ông Nguyễn Thanh Tâm - hiệu trưởng Trường PT đặc biệt Nguyễn Đình Chiểu TP.HCM cho biết.",
         {"Nguyễn Thanh Tâm": [("Hiệu trưởng", "Trường PT đặc biệt Nguyễn Đình Chiểu TP.HCM")]}),
        ("Ông Vũ Đình Chuẩn, Phó Giám đốc Sở GD-ĐT TP Đà Nẵng- Hiệu trưởng Trường THPT chuyên Lê Quý Đôn Đà Nẵng, "
         "cho biết.",
         {"Vũ Đình Chuẩn": [("Phó Giám đốc", "Sở GD-ĐT TP Đà Nẵng"),
                            ("Hiệu trưởng", "Trường THPT chuyên Lê Quý Đôn Đà Nẵng")]}),
        # ... but a name may follow an organisation's abbreviation or foreign name
        ("Chủ nhiệm Ủy ban các vấn đề xã hội của QH Nguyễn Thị Hoài Thu góp ý.",
         {"Nguyễn Thị Hoài Thu": [("Chủ nhiệm", "Ủy ban các vấn đề xã hội của QH")]}),
        # long organisations written in apposition
        ("Ông Nguyễn Văn Bình, Cục phó Cục Y tế dự phòng và Phòng chống HIV/AIDS - Bộ Y tế, cho biết.",
         {"Nguyễn Văn Bình": [("Cục phó", "Cục Y tế dự phòng và Phòng chống HIV/AIDS - Bộ Y tế")]}),
        # a photo position in brackets, a familiar form of address, a sentence opener before the name
        ("Ông Lê Hữu Thăng (bên trái), Phó Chủ tịch UBND tỉnh Quảng Trị, đang thăm hỏi người dân.",
         {"Lê Hữu Thăng": [("Phó Chủ tịch", "UBND tỉnh Quảng Trị")]}),
        ("Anh Hồ Văn Luông, Bí thư xã Thạnh An, hồ hởi nói.", {"Hồ Văn Luông": [("Bí thư", "xã Thạnh An")]}),
        ("Theo Nguyễn Thị Liên, Hiệu trưởng trường tiểu học Trưng Vương, giảm tải không phải là cắt bớt.",
         {"Nguyễn Thị Liên": [("Hiệu trưởng", "trường tiểu học Trưng Vương")]}),
        # a dash before another title ends an organisation; an escaped "&" does not
        ("Ông Phan Xuân Biên, Ủy viên Ban Thường vụ - Trưởng Ban Tư tưởng Văn hóa Thành ủy TPHCM, phát biểu.",
         {"Phan Xuân Biên": [("Ủy viên", "Ban Thường vụ"), ("Trưởng ban", "Ban Tư tưởng Văn hóa Thành ủy TPHCM")]}),
        ("bà Hoàng Thị Liên, Phó Giám đốc Trung tâm Kiểm định quốc gia vắc-xin &amp; sinh phẩm y học, cho biết.",
         {"Hoàng Thị Liên": [("Phó Giám đốc", "Trung tâm Kiểm định quốc gia vắc-xin &amp; sinh phẩm y học")]}),
        # a foreign head of government of a country written with its state form, named twice
        ("Cựu Thủ tướng CHLB Đức Schroeder thăm VN. Ngày 16-3, cựu Thủ tướng CHLB Đức Gerhard Schroeder đến.",
         {"Gerhard Schroeder": [("Thủ tướng", "CHLB Đức")]}),
        # the title of a document's author is not the next person's
        ("Thực hiện công điện của Thủ tướng Chính phủ, ông Lê Thanh Hải, Chủ tịch UBND TPHCM, yêu cầu các sở.",
         {"Lê Thanh Hải": [("Chủ tịch", "UBND TPHCM")]}),
        ("Theo yêu cầu của Thủ tướng Chính phủ Nguyễn Tấn Dũng, các bộ phải làm.",
         {"Nguyễn Tấn Dũng": [("Thủ tướng", "Chính phủ")]}),
        # garbled names: a missing space, a headline running into the text
        ("Giám đốc Ngân hàng Phát triển châu Á (ADB) Ayumi Konishi-khi trả lời câu hỏi.",
         {"Ayumi Konishi": [("Giám đốc", "Ngân hàng Phát triển châu Á")]}),
        ("Bộ trưởng Bộ GD-ĐT Nguyễn Minh Hiển Trao đổi với Bộ trưởng Giáo dục Nguyễn Minh Hiển về đề án.",
         {"Nguyễn Minh Hiển": [("Bộ trưởng", "Bộ GD-ĐT")]}),
        # one office, two spellings of its body
        ("Chủ tịch Quốc hội Nguyễn Văn An phát biểu. Chủ tịch QH Nguyễn Văn An nói.",
         {"Nguyễn Văn An": [("Chủ tịch", "Quốc hội")]}),
        # organisations do not run on into the next sentence, another title or a rank
        ("bà Nguyễn Thị Hồng, Giám đốc Sở Tài chính TP. Bà Hồng nêu lý do.",
         {"Nguyễn Thị Hồng": [("Giám đốc", "Sở Tài chính TP")]}),
        ("Hai phó trưởng ban là Bộ trưởng Bộ GD-ĐT Nguyễn Minh Hiển và Phó Chủ nhiệm Văn phòng Chính phủ "
         "Trần Quốc Toản.",
         {"Nguyễn Minh Hiển": [("Bộ trưởng", "Bộ GD-ĐT")],
          "Trần Quốc Toản": [("Phó Chủ nhiệm", "Văn phòng Chính phủ")]}),
        ("Ngày 18/5, Phó thủ trưởng Cơ quan CSĐT Bộ Công an - đại tá Phạm Hùng Chiến đã ký quyết định.",
         {"Phạm Hùng Chiến": [("Phó Thủ trưởng", "Cơ quan CSĐT Bộ Công an")]}),
        # company staff: a unit of "the company", a union in a limited company, a trade name written as a company's
        ("ông Ngô Tuấn Minh - trưởng phòng thanh tra pháp chế an toàn giao thông của công ty - cho biết.", {}),
        ("Phạm Tuấn Hùng, Chủ tịch Công đoàn Công ty TNHH May in Hoàng Tấn: Nâng cao đời sống người lao động", {}),
        ("vụ tranh chấp giữa bà Lâm Thị Quý và Công ty Phú An Sinh. Giám đốc Phú An Sinh Phạm Văn Minh nói.", {}),
        # a city's council committee, a prison's warden (not an exam's invigilator), a foreign head before the title
        ("Phó Ban kinh tế ngân sách thành phố Huỳnh Công Hùng nhận định.",
         {"Huỳnh Công Hùng": [("Phó ban", "Ban kinh tế ngân sách thành phố")]}),
        ("người đó là thày Hải (trung tá Nguyễn Duy Hải - giám thị Trại giam Nghĩa Kỳ) nên cảm kích.",
         {"Nguyễn Duy Hải": [("Giám thị", "Trại giam Nghĩa Kỳ")]}),
        ("Cô Nguyễn Thị Lan, giám thị phòng thi số 5, cho biết.", {}),
        ("Trước thềm phiên họp, James Wolfensohn, Chủ tịch WB nhận xét: Hiện nay.",
         {"James Wolfensohn": [("Chủ tịch", "WB")]}),
        ("Theo Richard Peters, Phó tổng Giám đốc công ty PwC, những buổi gặp.", {}),
        ("ông Lương Vĩnh Phúc, Trưởng Phòng Thi hành án TPHCM, cho biết.",
         {"Lương Vĩnh Phúc": [("Trưởng phòng", "Phòng Thi hành án TPHCM")]}),
        # a company named in brackets after its legal form
        ("Công ty Cổ phần Xuất nhập khẩu y tế TP HCM (Yteco) và các nhà cung cấp. "
         "Giám đốc Yteco Huỳnh Kim Hoàng nói.", {}),
        # international and foreign bodies' heads, Arabic particles in a name
        ("Chủ tịch OPEC Sheikh Ahmad al-Fahd al-Sabah hôm thứ 7 cho biết ông sẽ có cuộc hội đàm.",
         {"Sheikh Ahmad al-Fahd al-Sabah": [("Chủ tịch", "OPEC")]}),
        ("Trong khi đó, Chủ tịch Cục dự trữ Liên bang Mỹ (Fed), ông Alan Greenspan, lại tỏ ra khá thờ ơ.",
         {"Alan Greenspan": [("Chủ tịch", "Cục Dự trữ Liên bang Mỹ")]}),
        ("Kết thúc chuyến làm việc, Phó đại diện Thương mại Mỹ Josette Shiner cho biết.",
         {"Josette Shiner": [("Phó Đại diện Thương mại", "Mỹ")]}),
        # "là" between the office and its holder; "giữ chức" inside a bracket
        ("Công an tỉnh đã tạm giam chủ tịch UBND xã này là Lý Kông Sinh với tội danh trên.",
         {"Lý Kông Sinh": [("Chủ tịch", "UBND xã")]}),
        ("Tuy nhiên, ông Lê Bá Lai (giữ chức Chủ tịch năm 1994-1999) đã không bị xử lý kỷ luật.",
         {"Lê Bá Lai": [("Chủ tịch", None)]}),
        # a title without its unit word does not run into the next person's name
        ("4 cán bộ bị cách chức gồm: tổ trưởng giám sát Phan Văn Nghiêm, đội trưởng lái máy Nguyễn Trọng Hội.", {}),
        # a foreign body closing with its country, then a foreign name; a school's deputy head
        ("Thống đốc Ngân hàng trung ương Trung Quốc Zhou Xiaochuan hôm qua khẳng định.",
         {"Zhou Xiaochuan": [("Thống đốc", "Ngân hàng trung ương Trung Quốc")]}),
        ("Bộ trưởng Năng lượng Philippines Vincent Perez cũng cho rằng.",
         {"Vincent Perez": [("Bộ trưởng", "Bộ Năng lượng Philippines")]}),
        ("Trao đổi với VnExpress,Hiệu phó ĐH Kinh tế quốc dân Phan Công Nghĩa cho biết.",
         {"Phan Công Nghĩa": [("Hiệu phó", "ĐH Kinh tế quốc dân")]}),
        # an apposition to a name ends at its comma; a comma alone does not
        ("Tháng 9/2000, qua ông Trần Kim Long, Chủ tịch UBND quận Gò Vấp, Lê Minh Châu - lúc đó là giám đốc đã biết.",
         {"Trần Kim Long": [("Chủ tịch", "UBND quận Gò Vấp")]}),
        ("Vụ án được đưa ra xét xử. Phó Chánh án TAND tỉnh, Hoàng Thanh Tùng làm chủ tọa.",
         {"Hoàng Thanh Tùng": [("Phó Chánh án", "TAND tỉnh")]}),
        # a private university, a neighbourhood group, a company's head before another person joined by "và"
        ("Theo Hiệu trưởng ĐH dân lập Thăng Long Phan Huy Phú, điểm trúng tuyển khối A là 16.", {}),
        ("ông Lê Văn Thạnh, tổ trưởng tổ 10, nói: đoạn đê vừa bị cuốn không thuộc giám sát của tôi.", {}),
        ("ông Hồ Tùng Lâm, Giám đốc Công ty Địa ốc Gò Môn và Lê Minh Châu nguyên Giám đốc Công ty Xây dựng Gò Vấp.",
         {}),
        ("Phó Tổng Giám đốc Liên doanh dầu khí Việt Xô Dương Quốc Hà cho biết.",
         {"Dương Quốc Hà": [("Phó Tổng Giám đốc", "Liên doanh dầu khí Việt Xô")]}),
        # "thành phố" written after the title is the body ("Phó chủ tịch phường" -> "phường")
        ("Phó chủ tịch thành phố Dương Anh Điền cho biết, thành phố sẽ kiên quyết thu hồi.",
         {"Dương Anh Điền": [("Phó Chủ tịch", "thành phố")]}),
        # a minister's ministry by its abbreviation ("&amp;" is "&" once normalised)
        ("Bộ trưởng NN-PTNT Cao Đức Phát cho biết.", {"Cao Đức Phát": [("Bộ trưởng", "Bộ NN-PTNT")]}),
        ("Bộ trưởng NN &amp; PTNT Cao Đức Phát cho biết.", {"Cao Đức Phát": [("Bộ trưởng", "Bộ NN &amp; PTNT")]}),
        # long department names; a place then "và" and lower-case words, or a sentence after a dash, end them
        ("Ngày 13-6, đại tá Nguyễn Tiến Lực, Phó Cục trưởng Cục Cảnh sát Điều tra tội phạm về trật tự quản lý kinh tế "
         "và chức vụ (Bộ Công an), cho biết: Liên quan",
         {"Nguyễn Tiến Lực": [("Phó Cục trưởng",
                               "Cục Cảnh sát Điều tra tội phạm về trật tự quản lý kinh tế và chức vụ")]}),
        ("Trịnh Duy Sinh, Bí thư Đoàn thanh niên xã Ngọc Thanh - bị kết án 3 năm tù về tội lợi dụng chức vụ.",
         {"Trịnh Duy Sinh": [("Bí thư", "Đoàn thanh niên xã Ngọc Thanh")]}),
    ],
)
def test_ordinary_news_round_3(text, expected):
    assert summary(text) == expected


def test_recall_study_on_ordinary_news(shared_data, fixtures):
    """160 random VNTC articles whose officials were listed by hand (tests/fixtures/officials/
    recall_study_vntc.json): names found and names invented stay within a tenth of the list."""
    import gzip
    import json

    study = json.loads((fixtures / "officials" / "recall_study_vntc.json").read_text(encoding="utf-8"))
    wanted: dict[str, dict[int, dict]] = {}
    for draw in study["draws"]:
        for article in draw["articles"]:
            wanted.setdefault(article["source"], {})[article["line"]] = article
    fold = lambda s: " ".join(s.casefold().split())  # noqa: E731
    found = invented = missed = 0
    for source, by_line in wanted.items():
        with gzip.open(shared_data / "vntc" / source, "rt", encoding="utf-8") as handle:
            for line_number, line in enumerate(handle):
                article = by_line.get(line_number)
                if article is None:
                    continue
                record = json.loads(line)
                assert record["id"] == article["id"]
                predicted = {fold(o.name) for o in officials(record["text"])}
                gold = {fold(o["name"]) for o in article["officials"]}
                found += len(predicted & gold)
                invented += len(predicted - gold)
                missed += len(gold - predicted)
    assert found / (found + missed) >= 0.88
    assert found / (found + invented) >= 0.88


@pytest.mark.parametrize(
    "text, expected",
    [
        # a public utility or state monopoly named plainly "Công ty ...": its head is an official
        ("Ông Võ Dũng, Giám đốc Công ty Cấp nước TP HCM, cho biết giá nước sẽ điều chỉnh.",
         {"Võ Dũng": [("Giám đốc", "Công ty Cấp nước TP HCM")]}),
        ("Giám đốc Công ty Thoát nước Hà Nội Nguyễn Sỹ Bảo cho biết sẽ nạo vét hồ.",
         {"Nguyễn Sỹ Bảo": [("Giám đốc", "Công ty Thoát nước Hà Nội")]}),
        ("ông Đinh Văn Sang, Phó tổng giám đốc Công ty vận tải hành khách đường sắt Sài Gòn, cho biết.",
         {"Đinh Văn Sang": [("Phó Tổng Giám đốc", "Công ty vận tải hành khách đường sắt Sài Gòn")]}),
        ("Theo ông Hoàng Duy Hùng, Giám đốc Công ty quản lý điểm đỗ xe Hà Nội, gara sắp hoạt động.",
         {"Hoàng Duy Hùng": [("Giám đốc", "Công ty quản lý điểm đỗ xe Hà Nội")]}),
        # a single-member LLC is no private cue when the sector says the State runs it
        ("Ông Trần Văn Hải, Giám đốc Công ty TNHH MTV Xổ số kiến thiết Cần Thơ, cho biết.",
         {"Trần Văn Hải": [("Giám đốc", "Công ty TNHH MTV Xổ số kiến thiết Cần Thơ")]}),
        # a state parent after the company, or an owner before another mention of it
        ("Ông Lê Văn Nam, Giám đốc Công ty Xây lắp 4 thuộc Bộ Quốc phòng, cho biết.",
         {"Lê Văn Nam": [("Giám đốc", "Công ty Xây lắp 4 thuộc Bộ Quốc phòng")]}),
        ("Tổng công ty Thủy tinh (Viglacera), \"mẹ\" của Công ty Gốm Hạ Long, đã họp. "
         "Ông Nguyễn Quang Mâu, Giám đốc Công ty Gốm Hạ Long, đã giải trình.",
         {"Nguyễn Quang Mâu": [("Giám đốc", "Công ty Gốm Hạ Long")]}),
        ("Ông Phạm Văn Tâm, Giám đốc Công ty Vận tải số 5, một doanh nghiệp nhà nước, cho biết.",
         {"Phạm Văn Tâm": [("Giám đốc", "Công ty Vận tải số 5")]}),
        # a bare "Giám đốc công ty" is the state company the article is about
        ("Đội chiếu sáng thuộc Công ty Quản lý công trình đô thị Đà Lạt bị mất trộm dây. "
         "Ông Nguyễn Văn Ngọc, Phó giám đốc công ty, cho biết.",
         {"Nguyễn Văn Ngọc": [("Phó Giám đốc", "công ty")]}),
        # private cues win: joint-stock, several-member TNHH, "tư nhân", a joint venture, a cooperative
        ("Ông Lê Văn Ba, Giám đốc Công ty cổ phần Cấp nước Thủ Đức, cho biết.", {}),
        ("Ông Lê Văn Ba, Giám đốc Công ty TNHH Xe buýt Phương Trang, cho biết.", {}),
        ("Ông Lê Văn Ba, Giám đốc Công ty xe buýt tư nhân Sao Mai, cho biết.", {}),
        ("Ông Lê Văn Ba, Giám đốc Công ty liên doanh cảng quốc tế Cái Mép, cho biết.", {}),
        ("Tòa tuyên phạt Nguyễn Thị Huỳnh, nguyên phó chủ nhiệm Hợp tác xã Tân Cảng, 4 năm tù.", {}),
        # a single-member LLC with no state cue, or a company with none, stays private
        ("Ông Lê Văn Ba, Giám đốc Công ty TNHH MTV Thương mại Hoàng Long, cho biết.", {}),
        ("Ông Lê Văn Ba, Giám đốc Công ty Địa ốc Gò Môn, cho biết.", {}),
        ("Công ty TNHH Minh Phát khai trương. Ông Trần Văn Tâm, Giám đốc công ty, cho biết.", {}),
    ],
)
def test_heads_of_state_companies_written_as_plain_companies(text, expected):
    assert summary(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a name's apposition between dashes ends at its closing dash: after the body's proper-noun end ...
        ("Ông Nguyễn Văn Đam - Phó giám đốc Công ty Quản lý khai thác dịch vụ thủy lợi TP.HCM - khoanh từng điểm.",
         {"Nguyễn Văn Đam": [("Phó Giám đốc", "Công ty Quản lý khai thác dịch vụ thủy lợi TP.HCM")]}),
        ("Ông Huỳnh Công Hùng - phó Ban kinh tế và ngân sách HĐND TP - đồng tình với ý kiến này.",
         {"Huỳnh Công Hùng": [("Phó ban", "Ban kinh tế và ngân sách HĐND TP")]}),
        ("Theo trung tá Lê Văn Hương - Phó đội trưởng Đội PCCC Q.9 - người chỉ huy chữa cháy thì lửa đã tắt.",
         {"Lê Văn Hương": [("Phó Đội trưởng", "Đội PCCC Q.9")]}),
        # ... right after the title (a bare "Trưởng phòng" then names no office) ...
        ("Gặp chúng tôi, ông Võ Phi Dũng - Trưởng phòng - phân bua về chuyện học sinh bỏ học.", {}),
        # ... or before a word that goes on with the sentence ("đại diện", "thành viên")
        ("Ông Nguyễn Quốc Hùng - Giám đốc Ban quản lý hạ tầng Tả Ngạn - đại diện chủ đầu tư cho biết.",
         {"Nguyễn Quốc Hùng": [("Giám đốc", "Ban quản lý hạ tầng Tả Ngạn")]}),
        ("Bà Nguyễn Thị Hiền, Cục trưởng Cục giao dịch đảm bảo - thành viên ban soạn thảo - cho biết như vậy.",
         {"Nguyễn Thị Hiền": [("Cục trưởng", "Cục giao dịch đảm bảo")]}),
        # a dash between the organisation and the name, or before a degree, is none of the organisation
        ("Phó chủ nhiệm Ủy ban Dân số - gia đình và trẻ em Phú Yên - Phạm Thị Tương Lai bức xúc.",
         {"Phạm Thị Tương Lai": [("Phó Chủ nhiệm", "Ủy ban Dân số - gia đình và trẻ em Phú Yên")]}),
        ("Đoàn do Chủ tịch Hội - tiến sĩ Nguyễn Văn Thưởng dẫn đầu.", {"Nguyễn Văn Thưởng": [("Chủ tịch", "Hội")]}),
        # "cho VnExpress biết", "cho phóng viên hay": whom the person told
        ("Ông Nguyễn Xuân Thành, Giám đốc công ty khai thác thủy lợi Dầu Tiếng cho VnExpress biết nước đã mặn.",
         {"Nguyễn Xuân Thành": [("Giám đốc", "công ty khai thác thủy lợi Dầu Tiếng")]}),
        ("Ông Nguyễn Thanh Nam, Giám đốc Trung tâm truyền dẫn Viettel cho phóng viên hay mạng đã ổn định.",
         {"Nguyễn Thanh Nam": [("Giám đốc", "Trung tâm truyền dẫn Viettel")]}),
        # time phrases, "về vấn đề", an address
        ("Ông Nguyễn Đăng Đức, Phó trưởng phòng đào tạo - nghiên cứu khoa học lúc bấy giờ, đã ký giấy.",
         {"Nguyễn Đăng Đức": [("Phó Trưởng phòng", "Phòng đào tạo - nghiên cứu khoa học")]}),
        ("Ông Đào Tiến Dũng, Phó tổng giám đốc Tổng công ty Đầu tư phát triển nhà từ tháng 6/2003, đã ký.",
         {"Đào Tiến Dũng": [("Phó Tổng Giám đốc", "Tổng công ty Đầu tư phát triển nhà")]}),
        ("Ông Tống Khiêm, Giám đốc Trung tâm Khuyến nông quốc gia về vấn đề này đã trả lời.",
         {"Tống Khiêm": [("Giám đốc", "Trung tâm Khuyến nông quốc gia")]}),
        ("Ông Đặng Tất, Phó vụ trưởng Vụ Xuất nhập khẩu Bộ Thương mại tại số 9A Tràng Tiền, đã tiếp.",
         {"Đặng Tất": [("Phó Vụ trưởng", "Vụ Xuất nhập khẩu Bộ Thương mại")]}),
        # a comma then a new clause is no parent body the organisation goes on to
        ("Ông Trần Văn Lục, Giám đốc Ban quản lý dự án đường sắt, Chính phủ đã đồng ý nhận khoản vay của ADB.",
         {"Trần Văn Lục": [("Giám đốc", "Ban quản lý dự án đường sắt")]}),
        # the clause after the closing dash is no organisation, and the next name there is someone else
        ("Ông Bùi Quốc Việt - giám đốc Trung tâm Thông tin bưu điện thuộc VNPT - cho biết sau khi nhận được thư "
         "của ông Nguyễn Trọng Hỷ thì đã làm ngay.",
         {"Bùi Quốc Việt": [("Giám đốc", "Trung tâm Thông tin bưu điện thuộc VNPT")]}),
        ("Theo ông Nguyễn Văn Phong, Phó giám đốc xí nghiệp BOT 15 - đơn vị trực tiếp thu phí trên tuyến đường "
         "Huỳnh Tấn Phát, xe vẫn vượt trạm.", {"Nguyễn Văn Phong": [("Phó Giám đốc", "xí nghiệp BOT 15")]}),
        # a dash joining two fields of one body stays
        ("Ông Cao Minh Huệ, Giám đốc Sở Tài nguyên - môi trường Bình Dương, cho biết.",
         {"Cao Minh Huệ": [("Giám đốc", "Sở Tài nguyên - môi trường Bình Dương")]}),
        ("Ông Ngô Kim Khôi, Phó vụ trưởng Vụ ĐH - sau ĐH, cho biết.",
         {"Ngô Kim Khôi": [("Phó Vụ trưởng", "Vụ ĐH - sau ĐH")]}),
        ("Ông Dương Tấn Thân, Trưởng phòng tổng hợp - đối ngoại, cho biết.",
         {"Dương Tấn Thân": [("Trưởng phòng", "Phòng tổng hợp - đối ngoại")]}),
        ("Ông Lê Văn Bình, Cục trưởng Cục Trợ giúp pháp lý, cho biết.",
         {"Lê Văn Bình": [("Cục trưởng", "Cục Trợ giúp pháp lý")]}),
    ],
)
def test_organisation_ends_before_clause_material(text, expected):
    assert summary(text) == expected
