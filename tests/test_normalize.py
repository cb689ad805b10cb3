import unicodedata

import pytest

from policytext.text.normalize import normalize, normalize_string


@pytest.mark.parametrize(
    "written, canonical",
    [
        ("hoà bình", "hòa bình"),
        ("Uỷ ban", "Ủy ban"),
        ("thuỷ lợi", "thủy lợi"),
        ("khoẻ mạnh", "khỏe mạnh"),
        ("HOÀ", "HÒA"),
        ("quý III", "quý III"),  # "qu" is an onset: the tone stays on y
        ("hoàn thành", "hoàn thành"),  # closed syllable: both styles agree
        ("Ðà Nẵng", "Đà Nẵng"),  # Icelandic eth looks like Đ
        ("15/2020/NĐ-\u0421P", "15/2020/NĐ-CP"),  # Cyrillic С inside a code
        ("Москва", "Москва"),  # a Cyrillic word stays Cyrillic
    ],
)
def test_canonical_forms(written, canonical):
    assert normalize(written).text == canonical


def test_nfd_input_is_composed_and_offsets_index_the_original():
    original = unicodedata.normalize("NFD", "Ủy viên Bộ Công Thương")
    result = normalize(original)
    assert result.text == "Ủy viên Bộ Công Thương"
    start = result.text.index("Công")
    o_start, o_end = result.offsets.to_original(start, start + len("Công Thương"))
    assert unicodedata.normalize("NFC", original[o_start:o_end]) == "Công Thương"


def test_white_space_is_folded_but_offsets_stay_on_the_original():
    original = "Bộ\u00a0trưởng  Nguyễn\tHồng Diên\r\nphát biểu\u200b."
    result = normalize(original)
    assert result.text == "Bộ trưởng Nguyễn Hồng Diên\nphát biểu."
    start = result.text.index("Nguyễn")
    o_start, o_end = result.offsets.to_original(start, start + len("Nguyễn Hồng Diên"))
    assert original[o_start:o_end] == "Nguyễn\tHồng Diên"


def test_clean_text_gets_the_identity_map():
    result = normalize("Bộ Công Thương")
    assert result.offsets.starts is None
    assert result.offsets.to_original(4, 8) == (4, 8)


def test_normalize_string_matches_document_normalisation():
    assert normalize_string("Uỷ viên") == normalize("Uỷ viên Bộ Chính trị").text[:7]
