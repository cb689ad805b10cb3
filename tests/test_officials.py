"""Officials: who counts, the titles and organisations they hold, one entry per person, name mentions.

The sentence tables (who counts, titles and organisations, former offices, appointments and deputies, state
companies, where an organisation ends) are the rules' examples in src/policytext/resources/rules/officials.yaml,
run by tests/test_rule_examples.py; what needs a whole article or a fixture is here."""

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


def test_a_title_before_a_surname_names_the_person_written_in_full_elsewhere():
    text = ("Với gần 40 năm trong nghề, Jack Weinstein đã khiến tòa án nổi tiếng. Theo Weinstein, luật là "
            "công cụ. Chánh án Weinstein cho biết ông sẽ xét xử.")
    [person] = officials(text)
    assert person.name == "Jack Weinstein"
    assert [(p.title, p.organization) for p in person.positions] == [("Chánh án", None)]
    assert [m.text for m in person.mentions] == ["Jack Weinstein", "Weinstein"]
    # a company title and a surname tell nothing: "Giám đốc Hải" may run a private firm
    assert officials("Anh Nguyễn Ngọc Hải gửi đơn. Giám đốc Hải cho biết.") == []


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
        "Trần Cẩm Tú": [("Ủy viên", "Bộ Chính trị", False), ("Thường trực", "Ban Bí thư", False)],
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
        "Lê Minh Hưng": [("Ủy viên", "Bộ Chính trị", False), ("Bí thư", "Trung ương Đảng", False),
                         ("Trưởng ban", "Ban Tổ chức Trung ương", False)],
        "Trần Lưu Quang": [("Bí thư", "Trung ương Đảng", False),
                           ("Trưởng ban", "Ban Chính sách, chiến lược Trung ương", False)],
        "Nguyễn Trọng Nghĩa": [("Bí thư", "Trung ương Đảng", False),
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




def test_places_and_bodies_named_after_a_person_are_no_mentions_of_them():
    text = ("Chủ tịch Hồ Chí Minh đã đến thăm. Tại TP Hồ Chí Minh, Bảo tàng Hồ Chí Minh mở cửa. Thành phố Hồ Chí "
            "Minh đẹp. Học viện Chính trị quốc gia Hồ Chí Minh và TP.Hồ Chí Minh. Bác Hồ Chí Minh đã dạy.")
    (official,) = officials(text)
    assert [m.start for m in official.mentions] == [9, text.index("Bác Hồ") + 4]


def test_an_acronym_after_small_letters_ends_no_name_but_names_in_capitals_stay():
    # "Đoàn Trường THPT …" is the school's Youth Union, no person named "Đoàn Trường"
    text = "Sau buổi nghe chuyện, Phạm Đức Duy, lớp 12A1, phó bí thư Đoàn Trường THPT chuyên Chu Văn An bày tỏ."
    assert all("THPT" not in o.name for o in officials(text))
    (official,) = officials("Ông NGÔ ANH VŨ, Viện trưởng Viện Quy hoạch xây dựng TP.HCM, cho biết.")
    assert official.name == "NGÔ ANH VŨ"


def test_a_country_is_no_prefix_of_a_province():
    (official,) = officials("Ông Nguyễn Văn Cường, Chi cục trưởng quản lý thị trường Lào Cai cho biết.")
    assert official.name == "Nguyễn Văn Cường"
    assert official.positions[0].organization == "Chi cục quản lý thị trường Lào Cai"


def test_a_career_sentence_is_about_the_story_s_subject_only():
    # the first person the last sentence names is its subject: "Ông" is Carney's, who holds no office here
    text = ("Ông Carney, người đưa Đảng Tự do trở lại, sau khi Thủ tướng Justin Trudeau từ chức, vận động tranh cử. "
            "Ông từng giữ chức Thống đốc tại hai ngân hàng trung ương.")
    assert [(o.name, [p.title for p in o.positions]) for o in officials(text)] == [("Justin Trudeau", ["Thủ tướng"])]
    # someone who holds no office named in between: "Ông" is theirs
    text = ("Bộ trưởng Bộ Y tế Đào Hồng Lan dự họp. Ông Nguyễn Văn Tám, người dân xã, cho biết gia đình khó khăn. "
            "Ông là Chủ tịch Hội nông dân xã.")
    assert [(o.name, [p.title for p in o.positions]) for o in officials(text)] == [("Đào Hồng Lan", ["Bộ trưởng"])]


def test_a_delegate_is_no_deputy_where_no_assembly_is_named():
    # rule deputy-by-word needs the Assembly or a council named somewhere in the article: a children's forum has
    # "đại biểu" too
    text = "Đại biểu học lớp 6 làm chatbot. Đại biểu Lê Nam Long (đoàn TP.HCM) đề xuất Tập đoàn Viettel đồng hành."
    assert extract_officials(Document.from_text(text)) == []
    named = text + " Ý kiến được gửi tới Quốc hội."
    assert [o.name for o in extract_officials(Document.from_text(named))] == ["Lê Nam Long"]


def test_an_age_between_commas_opens_no_office():
    # patterns/officials.yaml: a birth year between commas, or an age in a bracket, stands between a name and its
    # office; an age between commas does not (a community's chair, a company director in a feature story)
    text = "Ông Quan Hong Huynh, 55 tuổi, chủ tịch cộng đồng Việt kiều tại bang Louisiana, ở lại giúp đồng hương."
    assert officials(text) == []
    assert summary("Ông Nguyễn Văn An, sinh năm 1970, Phó Chủ tịch UBND tỉnh, được giới thiệu.") == {
        "Nguyễn Văn An": [("Phó Chủ tịch", "UBND tỉnh")]}


def test_a_company_job_in_a_career_sentence_is_dropped_not_written():
    # a private job read from a career sentence ("bà từng là Phó Tổng Giám đốc Công ty cổ phần …") is dropped like
    # everywhere else; before, the internal marker of a private job was written as its organisation
    text = ("Bà Phạm Thị Nhung, Chủ tịch Hội đồng thành viên GPBank, cho biết. Trước đó, bà từng là Phó Tổng Giám "
            "đốc Công ty cổ phần Hoa Sen.")
    assert summary(text) == {"Phạm Thị Nhung": [("Chủ tịch", "Hội đồng thành viên GPBank")]}


def test_a_district_before_its_province_is_no_person():
    # "Yên Thủy" (a district of Hòa Bình) after an unknown body and before ", Hòa Bình" names no one; a frequent
    # family name there still opens a person's name
    assert [o.name for o in officials("Giám đốc Trung tâm Y tế Yên Thủy, Hòa Bình cho biết.")] == []
    assert [o.name for o in officials("Giám đốc Sở Y tế Nguyễn An, Hà Nội cho biết.")] == ["Nguyễn An"]


def test_a_company_registering_is_no_registration_office():
    # the compound is listed with the body words it follows: "Coteccons đăng ký bán" is a verb, the body ends there
    positions = [p for o in officials("Bà Hà Tiểu Anh, Trưởng phòng Tài chính Kế toán của Coteccons đăng ký bán "
                                      "100.000 cổ phiếu.") for p in o.positions]
    assert all("bán" not in (p.organization or "") for p in positions)


def test_a_body_word_is_no_syllable_of_a_foreign_name():
    # a garbled line: the agency's word "Hãng" ends no name "Theo Hãng"
    text = "Tổng giám đốc Tổ chức Y tế thế giới (WHO) Theo Hãng tin Tass và trang web WHO, phát biểu tại khai mạc."
    assert [o.name for o in officials(text)] == []


def test_a_private_work_crew_leader_is_no_official():
    # "tổ khoán" (a contracted work crew on a building site) is no public unit (titles.yaml not_office_units)
    assert [o.name for o in officials("Anh Phạm Trung Hiếu (tổ trưởng tổ khoán của công trình) có gọi điện.")] == []


def test_the_pope_holds_no_chain_with_the_next_office():
    # "Giáo hoàng" is a sole office (titles.yaml sole): after it a comma and another title name someone else
    text = "Sau cuộc gặp với Giáo hoàng, Tổng thống Zelensky dự kiến gặp ông Keith Kellogg."
    found = {o.name: [p.title for p in o.positions] for o in officials(text)}
    assert found.get("Zelensky") == ["Tổng thống"]


def test_a_church_body_is_no_office():
    # church ranks and offices are none (officials gold's decision G1; titles.yaml not_office_units)
    assert [o.name for o in officials("Hồng y Bo, chủ tịch Liên hội đồng Giám mục châu Á, phát biểu.")] == []


def test_a_copula_after_an_unknown_body_needs_a_time_word():
    # "con ông chủ tịch huyện là Nguyễn Trọng Bằng": the chairman's son; "lúc đó là" names the holder
    assert [o.name for o in officials("Con ông chủ tịch huyện là Nguyễn Trọng Bằng ở lô số 1.")] == []
    text = "Phó đội trưởng Đội Cảnh sát hình sự quận lúc đó là Ngô Phước Vinh nhận tiền."
    assert [o.name for o in officials(text)] == ["Ngô Phước Vinh"]


def test_an_embassy_holds_no_ambassador():
    # "Đại sứ quán" (titles.yaml title_continuations): the mission, no title "Đại sứ" inside it
    text = "Tuỳ viên thương mại Đại sứ quán Việt Nam tại Campuchia Lê Biên Cương đã có mặt."
    assert [(o.name, o.positions[0].organization) for o in officials(text)] == \
        [("Lê Biên Cương", "Đại sứ quán Việt Nam tại Campuchia")]


def test_uv_is_a_title_only_before_a_known_body():
    # "UV" abbreviates "Ủy viên" in the 2000s press ("UV T.Ư Đảng"), and names a product's filter elsewhere
    assert [o.name for o in officials("Sản phẩm Anessa Brightening UV Sunscreen giá rẻ.")] == []


def test_a_western_name_is_not_read_family_first():
    # "Tổng thống Yoon" may be "Yoon Suk-yeol" written elsewhere (family name first); "Giáo hoàng Francis" is not
    # "Francis De Bernardo", whose second word is a particle (layers.names.NAME_PARTICLES)
    text = "Ông Francis De Bernardo, lãnh đạo nhóm vận động, nói. Giáo hoàng Francis qua đời."
    assert [o.name for o in officials(text)] == ["Francis"]


def test_a_glued_district_initial_needs_no_space_and_an_initial_with_a_space_is_a_name():
    # "UBND Q.Gò Vấp" (organizations.yaml admin_words "Q."), but "H. Clinton" after a dot and a space is an initial
    assert [(o.name, o.positions[0].organization) for o in officials("Chủ tịch UBND Q.1 Trần Kim Long đã ký.")] == \
        [("Trần Kim Long", "UBND Q.1")]
    assert [o.name for o in officials("Ngoại trưởng Mỹ Hillary R. Clinton nói.")] == ["Hillary R. Clinton"]


def test_a_function_word_is_part_of_a_director_s_title_only_in_lower_case():
    # "Giám đốc thông tin" (a director of information) is a title; "Ban Thông tin - Tuyên truyền" is a body's name
    text = "Trưởng ban Thông tin - Tuyên truyền Mai Duy Thiện nói."
    assert [(o.name, o.positions[0].organization) for o in officials(text)] == \
        [("Mai Duy Thiện", "Ban Thông tin - Tuyên truyền")]


def test_a_copula_after_a_comma_needs_no_dash():
    # "A, lúc này là Phó phòng …" names A's office; after a dash "- lúc đó là giám đốc" stays out (rule example)
    text = "Qua ông Trần Kim Long, Chủ tịch UBND quận Gò Vấp, Lê Minh Châu - lúc đó là giám đốc đã biết."
    assert [o.name for o in officials(text)] == ["Trần Kim Long"]


def test_a_place_closing_with_a_name_is_a_mayor_s_only():
    # after a mayor's title the holder's foreign name may close the place the places layer read ("Thị trưởng thành phố
    # New York Eric Adams"); elsewhere two words inside a place are the place's ("TP Buôn Ma Thuột")
    assert [o.name for o in officials("Chủ tịch UBND TP Buôn Ma Thuột cho biết.")] == []
    assert [o.name for o in officials("Thị trưởng thành phố New York Eric Adams nói.")] == ["Eric Adams"]


def test_khong_of_aviation_is_no_negation():
    # "không" ends a body as a clause word ("Giám đốc Sở Y tế không đồng ý"), but not in "Cục Hàng không"
    text = "Cục trưởng Cục Hàng không Việt Nam Nguyễn Tiến Sâm cho biết."
    assert [(o.name, o.positions[0].organization) for o in officials(text)] == \
        [("Nguyễn Tiến Sâm", "Cục Hàng không Việt Nam")]


def test_a_party_committee_s_unit_then_a_name_of_two_words_or_more():
    # "Bí thư Đảng ủy Bệnh viện Bạch Mai Nguyễn Quang Minh": the unit the committee leads, then its secretary; a ward's
    # last word is no one's name ("Bí thư đảng ủy Đức Giang")
    text = "Ông Nguyễn Doãn Anh - Bí thư đảng ủy Đức Giang là người có liên quan."
    assert [o.name for o in officials(text)] == ["Nguyễn Doãn Anh"]
