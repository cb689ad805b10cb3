"""One person across the articles of a run: person_id, persons.parquet rows, homonyms kept apart."""

import random

import policytext
from policytext.tables.persons import PERSON_LINKS_SCHEMA, PERSONS_SCHEMA, PersonLinker, persons_table


def record(article_id, text, published):
    found = policytext.analyze(text, published=published)
    found.id = article_id
    return found


def official(name, *positions):
    """An official of a record dict: positions (title, organization[, former])."""
    return {"name": name, "mentions": [], "positions": [
        {"title": p[0], "organization": p[1], "former": p[2] if len(p) > 2 else False} for p in positions]}


def article(article_id, published, *officials):
    return {"id": article_id, "published": published, "text": "", "officials": list(officials)}


def ids(linker, records):
    return [linker.person_ids(r) for r in records]


def test_one_person_whose_title_changed_over_time():
    records = [record("a1", "Thủ tướng Nguyễn Xuân Phúc chỉ đạo các bộ.", "2020-03-01"),
               record("a2", "Chủ tịch nước Nguyễn Xuân Phúc tiếp Đại sứ.", "2021-06-01"),
               record("a3", "Ông Nguyễn Xuân Phúc, Chủ tịch nước, dự lễ.", "2021-09-02")]
    linker = PersonLinker()
    for r in records:
        linker.add(r)
    assert len({i for row in ids(linker, records) for i in row}) == 1
    [row] = linker.rows()
    assert row["name"] == "Nguyễn Xuân Phúc" and row["articles"] == 3
    assert (row["first_published"], row["last_published"]) == ("2020-03-01", "2021-09-02")
    assert [(p["title_norm"], p["first_seen"], p["last_seen"], p["articles"]) for p in row["positions"]] == [
        ("Thủ tướng", "2020-03-01", "2020-03-01", 1), ("Chủ tịch nước", "2021-06-01", "2021-09-02", 2)]
    annotated = linker.annotate(records[0])
    assert annotated.officials[0].person_id == row["person_id"]
    assert annotated.to_dict()["officials"][0]["person_id"] == row["person_id"]


def test_homonyms_with_incompatible_offices_at_the_same_time_stay_apart():
    records = [record("a1", "Bộ trưởng Bộ Y tế Nguyễn Văn Hùng cho biết.", "2021-03-01"),
               record("a2", "Bộ trưởng Bộ Công Thương Nguyễn Văn Hùng phát biểu.", "2021-03-20"),
               record("a3", "Ông Nguyễn Văn Hùng, Bộ trưởng Bộ Y tế, ký quyết định.", "2021-05-01"),
               record("a4", "Ông Nguyễn Văn Hùng dự họp với Bộ trưởng Bộ Y tế Nguyễn Văn Hùng.", "2021-05-02")]
    linker = PersonLinker()
    for r in records:
        linker.add(r)
    a1, a2, a3, a4 = (row[0] for row in ids(linker, records))
    assert a1 == a3 == a4 != a2
    assert sorted(r["articles"] for r in linker.rows()) == [1, 3]


def test_people_s_committees_of_two_provinces_at_once_are_two_people():
    records = [article("a1", "2021-03-01", official("Trần Văn Nam", ("Chủ tịch", "UBND tỉnh Bình Dương"))),
               article("a2", "2021-04-01", official("Trần Văn Nam", ("Chủ tịch", "UBND tỉnh Long An"))),
               article("a3", "2021-04-02", official("Trần Văn Nam", ("Bí thư", "Tỉnh ủy Bình Dương"),
                                                    ("Chủ tịch", "UBND tỉnh Bình Dương")))]
    linker = PersonLinker()
    for r in records:
        linker.add(r)
    a1, a2, a3 = (row[0] for row in ids(linker, records))
    assert a1 == a3 != a2


def test_a_body_and_its_successor_are_one_office():
    # the minister of planning and investment in February, of finance in March 2025 (Bộ KH&ĐT merged into it)
    records = [article("a1", "2025-02-10", official("Nguyễn Văn Thắng", ("Bộ trưởng", "Bộ KH&ĐT"))),
               article("a2", "2025-03-10", official("Nguyễn Văn Thắng", ("Bộ trưởng", "Bộ Tài chính"))),
               # a province merged into Hồ Chí Minh City on 1 July 2025
               article("b1", "2025-06-10", official("Võ Văn Minh", ("Chủ tịch", "UBND tỉnh Bình Dương"))),
               article("b2", "2025-07-10", official("Võ Văn Minh", ("Phó Chủ tịch", "UBND TP.HCM")),
                       official("Võ Văn Minh", ("Chủ tịch", "UBND TP.HCM")))]
    linker = PersonLinker()
    for r in records:
        linker.add(r)
    (a1,), (a2,), (b1,), (b2, b3) = ids(linker, records)
    assert a1 == a2 and b1 == b2 == b3


def test_offices_far_apart_in_time_may_be_one_career():
    records = [article("a1", "2016-04-01", official("Phạm Văn An", ("Bộ trưởng", "Bộ Y tế"))),
               article("a2", "2021-04-01", official("Phạm Văn An", ("Bộ trưởng", "Bộ Công Thương")))]
    linker = PersonLinker()
    for r in records:
        linker.add(r)
    assert ids(linker, records)[0] == ids(linker, records)[1]


def test_a_foreign_and_a_vietnamese_office_are_two_people_whenever_seen():
    records = [article("a1", "2010-01-01", official("Lee Min Ho", ("Tổng thống", "Hàn Quốc"))),
               article("a2", "2021-01-01", official("Lee Min Ho", ("Phó Chủ tịch", "UBND tỉnh Bình Dương")))]
    linker = PersonLinker()
    for r in records:
        linker.add(r)
    assert ids(linker, records)[0] != ids(linker, records)[1]


def test_short_names_link_only_within_their_article():
    # "ông Diên" is Nguyễn Hồng Diên within the article (the extractor merges it); a one-word name, or
    # given names without a family name, never links two articles
    text = "Bộ trưởng Bộ Công Thương Nguyễn Hồng Diên phát biểu. Ông Diên cho biết."
    found = record("a0", text, "2021-08-30")
    assert [(o.name, [m.text for m in o.mentions]) for o in found.officials] == [
        ("Nguyễn Hồng Diên", ["Nguyễn Hồng Diên", "Diên"])]
    records = [article("a1", "2021-06-01", official("Putin", ("Tổng thống", "Nga"))),
               article("a2", "2021-06-02", official("Putin", ("Tổng thống", "Nga"))),
               article("a3", "2021-06-02", official("Văn Dũng", ("Giám đốc", "Sở Y tế Hà Nội"))),
               article("a4", "2021-06-03", official("Văn Dũng", ("Giám đốc", "Sở Y tế Hà Nội"))),
               article("a5", "2021-06-03", official("Vladimir Putin", ("Tổng thống", "Nga"))),
               article("a6", "2021-06-04", official("Vladimir Putin", ("Tổng thống", "Nga")))]
    linker = PersonLinker()
    for r in records:
        linker.add(r)
    (p1,), (p2,), (d1,), (d2,), (v1,), (v2,) = ids(linker, records)
    assert p1 != p2 and d1 != d2 and v1 == v2


def test_ids_are_stable_whatever_the_order_of_records():
    records = [article(f"a{i}", f"2021-0{1 + i % 9}-01", official("Trần Văn Nam", ("Chủ tịch", f"UBND tỉnh {p}")))
               for i, p in enumerate(["Long An", "Bình Dương", "Long An", "Bình Dương", "Nghệ An", "Long An"])]
    first = PersonLinker()
    for r in records:
        first.add(r)
    shuffled = records[:]
    random.Random(7).shuffle(shuffled)
    second = PersonLinker()
    for r in shuffled:
        second.add(r)
    assert ids(first, records) == ids(second, records)
    assert first.rows() == second.rows()


def test_undated_articles_with_incompatible_offices_stay_apart():
    records = [article("a1", None, official("Lê Văn Tám", ("Bộ trưởng", "Bộ Y tế"))),
               article("a2", None, official("Lê Văn Tám", ("Bộ trưởng", "Bộ Tài chính"))),
               article("a3", None, official("Lê Văn Tám", ("Bộ trưởng", "Bộ Y tế")))]
    linker = PersonLinker()
    for r in records:
        linker.add(r)
    (a1,), (a2,), (a3,) = ids(linker, records)
    assert a1 == a3 != a2
    assert {r["first_published"] for r in linker.rows()} == {None}


def test_tables_and_links():
    records = [record("a1", "Thủ tướng Phạm Minh Chính và Bộ trưởng Bộ Y tế Đào Hồng Lan dự họp.", "2024-03-01"),
               record("a2", "Thủ tướng Phạm Minh Chính làm việc.", "2024-03-05")]
    table = persons_table(records)
    assert table.schema == PERSONS_SCHEMA and table.num_rows == 2
    linker = PersonLinker()
    for r in records:
        linker.add(r.to_dict())  # records as records.jsonl holds them
    links = linker.links()
    assert [(l["article_id"], l["official"], l["name"]) for l in links] == [
        ("a1", 0, "Phạm Minh Chính"), ("a1", 1, "Đào Hồng Lan"), ("a2", 0, "Phạm Minh Chính")]
    assert links[0]["person_id"] == links[2]["person_id"]
    assert set(links[0]) == set(PERSON_LINKS_SCHEMA.names)
    assert persons_table([]).num_rows == 0


def test_nationality_separates_names_in_vietnamese_syllables_only():
    records = [article("a1", "2015-03-01", official("Lý Cường", ("Thủ tướng", "Trung Quốc"))),
               article("a2", "2021-03-01", official("Lý Cường", ("Giám đốc", "Sở Y tế Hà Nội"))),
               # a stray foreign office next to a shared title is the extractor's slip
               article("b1", "2025-01-02", official("Tô Lâm", ("Tổng Bí thư", "Đảng Cộng sản Việt Nam"))),
               article("b2", "2025-04-24", official("Tô Lâm", ("Tổng Bí thư", None), ("Đại sứ", "Pháp"))),
               # a foreign-shaped name given a Vietnamese body: the extractor's slip too
               article("c1", "2025-04-03", official("Maxime Prevot", ("Bộ trưởng", "Bộ Ngoại giao"))),
               article("c2", "2025-04-09", official("Maxime Prevot", ("Ngoại trưởng", "Bỉ"))),
               # romanised without Vietnamese letters: a full name, linked across articles
               article("d1", "2025-04-18", official("Hun Sen", ("Chủ tịch", "Thượng viện Campuchia"))),
               article("d2", "2025-04-27", official("Hun Sen", ("Chủ tịch", "Thượng viện Vương quốc Campuchia")))]
    linker = PersonLinker()
    for r in records:
        linker.add(r)
    (a1,), (a2,), (b1,), (b2,), (c1,), (c2,), (d1,), (d2,) = ids(linker, records)
    assert a1 != a2 and b1 == b2 and c1 == c2 and d1 == d2


def test_an_office_in_common_settles_it():
    records = [article("a1", "2025-04-03", official("Scott Bessent", ("Bộ trưởng", "Bộ Tài chính Mỹ"))),
               article("a2", "2025-04-21", official("Scott Bessent", ("Bộ trưởng", "Bộ Tài chính Mỹ"),
                                                    ("Bộ trưởng", "Bộ Thương mại")))]
    linker = PersonLinker()
    for r in records:
        linker.add(r)
    assert ids(linker, records)[0] == ids(linker, records)[1]
    [row] = linker.rows()
    assert [(p["title_norm"], p["organization"]) for p in row["positions"]] == [
        ("Bộ trưởng", "Bộ Tài chính Hoa Kỳ"), ("Bộ trưởng", "Bộ Thương mại")]
