"""Legal references (RECORD.md "Legal references"): what an analyst filtering by code or type relies on."""

from __future__ import annotations

import gzip
import json
import re
import unicodedata


from policytext.document import Document
from policytext.extract.legal_refs import extract_legal_refs


def refs(text: str):
    return extract_legal_refs(Document.from_text(text, segment=False))


def fields(ref):
    return (ref.text, ref.doc_type, ref.code, ref.number, ref.year, ref.issuer)


# The tables of references and of non-references are the rules' examples in
# src/policytext/resources/rules/legal_refs.yaml (run by tests/test_rule_examples.py).


def test_several_references_sorted_and_disjoint():
    text = ("Căn cứ Luật Đầu tư số 61/2020/QH14; Nghị định 31/2021/NĐ-CP; Chỉ thị 34-CT/TW "
            "và Quyết định 1880, Hiến pháp năm 2013.")
    found = refs(text)
    assert [r.code for r in found] == ["61/2020/QH14", "31/2021/NĐ-CP", "34-CT/TW", "1880", None]
    assert found[0].text == "Luật Đầu tư số 61/2020/QH14" and found[0].doc_type == "Luật"
    for a, b in zip(found, found[1:]):
        assert a.end <= b.start


def test_offsets_index_the_original_text():
    # NFD input, a no-break space and a zero-width space: normalisation changes lengths
    text = unicodedata.normalize("NFD", "Tiếp\u00a0\u00a0theo, Nghị\u200b định số 15/2020/NĐ-CP và Chỉ thị 34-CT/TW.")
    found = refs(text)
    assert [r.code for r in found] == ["15/2020/NĐ-CP", "34-CT/TW"]
    for r in found:
        assert text[r.start:r.end] == r.text
    assert unicodedata.normalize("NFC", found[1].text) == "Chỉ thị 34-CT/TW"


def test_qualifier_stops_before_the_document_it_guides():
    # the guided law is its own reference, so the decree's qualifier ends before it
    found = refs("Chính phủ vừa ban hành Nghị định quy định chi tiết thi hành Luật Cạnh tranh.")
    assert [(r.text, r.doc_type, r.code) for r in found] == [
        ("Nghị định quy định chi tiết thi hành", "Nghị định", None), ("Luật Cạnh tranh", "Luật", None)]


def test_abbreviation_restating_a_name_is_not_a_second_reference():
    found = refs("Đó là điểm mới đưa vào Bộ luật Dân sự (BLDS) trong kỳ họp tới.")
    assert [(r.text, r.doc_type) for r in found] == [("Bộ luật Dân sự", "Bộ luật")]


def test_lower_case_back_references_keep_their_own_number():
    # the dev gold: "nghị định 95/CP" and a later "nghị định 95" are two references
    found = refs("Giấy cấp theo nghị định 95/CP của Chính phủ. Theo nghị định 95 vừa được ban hành, giấy còn giá trị.")
    assert [(r.text, r.code) for r in found] == [("nghị định 95/CP", "95/CP"), ("nghị định 95", "95")]


def test_no_year_inside_code_becomes_part_of_a_name():
    # "Luật Đầu tư năm 2020 số 61/2020/QH14": one reference, the code's
    found = refs("Theo Luật Đầu tư năm 2020 số 61/2020/QH14, nhà đầu tư")
    assert [fields(r) for r in found] == [
        ("Luật Đầu tư năm 2020 số 61/2020/QH14", "Luật", "61/2020/QH14", "61", 2020, "QH14")]


# VLC-style law text (written for this test in the gazette's conventions)
LAW_HEADER = """QUỐC HỘI
--------

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
---------------

Luật số: 12/2099/QH19

Hà Nội, ngày 24 tháng 11 năm 2099

LUẬT

THỬ NGHIỆM

Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;

Quốc hội ban hành Luật thử nghiệm.
"""


def test_law_header_own_number_and_constitution():
    found = refs(LAW_HEADER)
    assert fields(found[0]) == ("Luật số: 12/2099/QH19", "Luật", "12/2099/QH19", "12", 2099, "QH19")
    assert found[1].doc_type == "Hiến pháp" and found[1].code is None
    assert len(found) == 2  # "Luật thử nghiệm": lower-case, not a known name -> not guessed


def test_law_cross_references():
    text = ("Điều 10. Sửa đổi, bổ sung một số điều của Luật Điện ảnh số 62/2006/QH11 đã được sửa đổi, "
            "bổ sung một số điều theo Luật số 31/2009/QH12; Pháp lệnh Công an xã số 06/2008/PL-UBTVQH12 "
            "hết hiệu lực; chế độ theo Nghị quyết số 26/2008/QH12 của Quốc hội, Nghị quyết số "
            "725/2009/UBTVQH12.")
    found = refs(text)
    assert [(r.text, r.doc_type, r.code) for r in found] == [
        ("Luật Điện ảnh số 62/2006/QH11", "Luật", "62/2006/QH11"),
        ("Luật số 31/2009/QH12", "Luật", "31/2009/QH12"),
        ("Pháp lệnh Công an xã số 06/2008/PL-UBTVQH12", "Pháp lệnh", "06/2008/PL-UBTVQH12"),
        ("Nghị quyết số 26/2008/QH12", "Nghị quyết", "26/2008/QH12"),
        ("Nghị quyết số 725/2009/UBTVQH12", "Nghị quyết", "725/2009/UBTVQH12"),
    ]


def test_seed_article(shared_data):
    text = (shared_data / "seed" / "moit-2021-08-30-thi-dua.txt").read_text(encoding="utf-8")
    found = refs(text)
    assert [(r.text, r.doc_type, r.code, r.number, r.year, r.issuer) for r in found] == [
        ("Nghị quyết Đại hội Đảng toàn quốc lần thứ XIII", "Nghị quyết", None, None, None, None),
        ("Nghị quyết Đại hội Đảng toàn quốc lần thứ XIII", "Nghị quyết", None, None, None, None),
        ("Chỉ thị 34-CT/TW", "Chỉ thị", "34-CT/TW", "34", None, "TW"),
        ("Nghị quyết Đại hội toàn quốc lần thứ XIII của Đảng", "Nghị quyết", None, None, None, None),
    ]
    for r in found:
        assert text[r.start:r.end] == r.text


def test_vlc_laws_own_numbers(shared_data):
    """Each of the first 25 VLC laws' own header number is found with its exact code."""
    path = shared_data / "vlc-laws" / "vlc-laws.jsonl.gz"
    header = re.compile(r"(?:Luật số|Bộ luật số|Số)\s*:+\s*(\d+/\d{4}/[A-ZĐ]+ ?\d*)")
    checked = 0
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for line, _ in zip(lines, range(25)):
            law = json.loads(line)
            own = header.search(law["text"][:1500])
            if not own:
                continue
            head = law["text"][:3000]  # the header is enough; keeps the test fast
            assert own.group(1).replace(" ", "") in {r.code for r in refs(head)}, law["id"]
            checked += 1
    assert checked >= 20


# --- one key per document (doc_key, resolved_code) ------------------------------------------------------------


def test_every_reference_carries_a_key_and_spellings_of_one_law_share_it():
    found = refs("Sửa Luật Đất đai. Theo luật đất đai, người dân được giao đất. Luật Phòng, chống tham nhũng "
                 "và Luật Phòng chống tham nhũng.")
    keys = [r.doc_key for r in found]
    assert keys[0] == keys[1] == "Luật|đất đai"
    assert keys[2] == keys[3] == "Luật|phòng chống tham nhũng"


def test_a_bare_code_takes_the_type_the_article_gives_that_code():
    found = refs("Luật số 80/2015/QH13 quy định trình tự. Theo 80/2015/QH13, văn bản phải công khai.")
    assert found[1].doc_type is None and found[1].doc_key == found[0].doc_key == "Luật|80/2015/QH13"


def test_a_short_number_points_to_the_full_code_given_after_it_too():
    found = refs("Nghị định 17 đã sửa phí. Nghị định 17/2020/NĐ-CP có hiệu lực từ tháng 3.")
    assert found[0].resolved_code == "17/2020/NĐ-CP" and found[0].doc_key == "Nghị định|17/2020/NĐ-CP"


def test_an_unresolved_short_number_keeps_its_own_key():
    assert refs("Theo Quyết định 1880 của Thủ tướng.")[0].doc_key == "Quyết định|1880"


def test_a_short_number_of_another_year_is_another_document():
    found = refs("Nghị định 54/2003 đã hết hiệu lực. Nghị định 54/2010/NĐ-CP thay thế nó.")
    assert found[0].resolved_code is None


def test_pointing_back_needs_a_document_of_its_type_before_it():
    found = refs("Thông tư 01/2021/TT-BCT quy định. Nghị định này có hiệu lực.")
    assert [r.text for r in found] == ["Thông tư 01/2021/TT-BCT"]


def test_registry_resolves_named_laws_with_a_year_only():
    found = refs("Luật Đầu tư năm 2020 và Luật Đất đai đều có hiệu lực.")
    assert found[0].resolved_code == "61/2020/QH14" and found[0].resolved_by == "legal_refs.registry-law"
    assert found[1].resolved_code is None and found[1].doc_key == "Luật|đất đai"


def test_registry_entries_come_from_law_texts_with_their_source():
    from policytext.resources import load_yaml

    laws = load_yaml("laws.yaml")["laws"]
    assert len(laws) >= 110
    assert all(re.fullmatch(r"\d+(?:/\d{4}/QH\d+|-[A-Z]+/[A-ZĐ0-9]+)", law["code"]) for law in laws)
    assert all(law["source"].startswith("vlc-laws ") for law in laws)
    assert {"type": "Bộ luật", "name": "Lao động", "code": "45/2019/QH14"}.items() <= \
        next(law for law in laws if law["code"] == "45/2019/QH14").items()


def test_registry_is_what_the_script_builds_from_the_vlc_texts(shared_data):
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    result = subprocess.run([sys.executable, str(root / "scripts" / "build_law_registry.py"), "--check"],
                            capture_output=True, text=True)
    assert result.returncode == 0, "resources/laws.yaml differs from what scripts/build_law_registry.py builds"
