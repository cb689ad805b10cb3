"""decode_bytes: every encoding a Vietnamese news file comes in, and refusing what is not text.

The legacy byte strings are built here from this file's own tables (typed independently of the
shipped resources/legacy_encodings.yaml) and cross-checked against well-known code points.
"""

import codecs
import unicodedata

import pytest

from policytext.io.encodings import DecodeError, decode_as, decode_bytes, sniff_encoding

SENTENCE = "Bộ Công Thương phát động phong trào thi đua năm 2021"
PARAGRAPH = (
    "Chiều 30/8, Bộ trưởng Bộ Công Thương chủ trì lễ phát động phong trào thi đua giai đoạn 2021 - 2026. "
    "Theo Chỉ thị 34-CT/TW, các đơn vị cần đổi mới nội dung, hình thức thi đua, khen thưởng; kịp thời "
    "biểu dương những tập thể, cá nhân tiêu biểu. Đảng ủy Bộ yêu cầu người đứng đầu trực tiếp chỉ đạo, "
    "bảo đảm thực hiện thắng lợi nhiệm vụ phát triển kinh tế - xã hội, ứng phó hiệu quả với dịch bệnh."
)

# TCVN3: one byte per letter, in the order grave, hook, tilde, acute, dot for each vowel
TCVN3_LETTERS = "àảãáạăằẳẵắặâầẩẫấậđèẻẽéẹêềểễếệìỉĩíịòỏõóọôồổỗốộơờởỡớợùủũúụưừửữứựỳỷỹýỵĂÂÊÔƠƯĐ"
TCVN3_CODES = bytes([
    0xB5, 0xB6, 0xB7, 0xB8, 0xB9, 0xA8, 0xBB, 0xBC, 0xBD, 0xBE, 0xC6, 0xA9, 0xC7, 0xC8, 0xC9, 0xCA, 0xCB,
    0xAE, 0xCC, 0xCE, 0xCF, 0xD0, 0xD1, 0xAA, 0xD2, 0xD3, 0xD4, 0xD5, 0xD6, 0xD7, 0xD8, 0xDC, 0xDD, 0xDE,
    0xDF, 0xE1, 0xE2, 0xE3, 0xE4, 0xAB, 0xE5, 0xE6, 0xE7, 0xE8, 0xE9, 0xAC, 0xEA, 0xEB, 0xEC, 0xED, 0xEE,
    0xEF, 0xF1, 0xF2, 0xF3, 0xF4, 0xAD, 0xF5, 0xF6, 0xF7, 0xF8, 0xF9, 0xFA, 0xFB, 0xFC, 0xFD, 0xFE,
    0xA1, 0xA2, 0xA3, 0xA4, 0xA5, 0xA6, 0xA7,
])
TONE = {"\u0301": "acute", "\u0300": "grave", "\u0309": "hook", "\u0303": "tilde", "\u0323": "dot"}
# VNI: vowel + one mark byte (shape, tone); lower-case bytes, upper-case ones are 0x20 less
VNI_MARK = {
    (None, "acute"): 0xF9, (None, "grave"): 0xF8, (None, "hook"): 0xFB, (None, "tilde"): 0xF5, (None, "dot"): 0xEF,
    ("circumflex", None): 0xE2, ("circumflex", "acute"): 0xE1, ("circumflex", "grave"): 0xE0,
    ("circumflex", "hook"): 0xE5, ("circumflex", "tilde"): 0xE3, ("circumflex", "dot"): 0xE4,
    ("breve", None): 0xEA, ("breve", "acute"): 0xE9, ("breve", "grave"): 0xE8, ("breve", "hook"): 0xFA,
    ("breve", "tilde"): 0xFC, ("breve", "dot"): 0xEB,
}
VNI_LETTER = {"đ": 0xF1, "ơ": 0xF4, "ư": 0xF6, "í": 0xED, "ì": 0xEC, "ỉ": 0xE6, "ĩ": 0xF3, "ị": 0xF2, "ỵ": 0xEE}


def tcvn3_bytes(text: str) -> bytes:
    table = dict(zip(TCVN3_LETTERS, TCVN3_CODES))
    return bytes(table[ch] if ch in table else ord(ch) for ch in text)


def vni_bytes(text: str) -> bytes:
    out = bytearray()
    for ch in text:
        lower = ch.lower()
        upper = 0x20 if ch != lower else 0
        if ch.isascii():
            out.append(ord(ch))
        elif lower in VNI_LETTER:
            out.append(VNI_LETTER[lower] - upper)
        else:
            parts = unicodedata.normalize("NFD", lower)
            base, marks = parts[0], parts[1:]
            if "\u031b" in marks:  # ơ, ư are bytes of their own
                out.append(VNI_LETTER[unicodedata.normalize("NFC", base + "\u031b")] - upper)
            else:
                out.append(ord(base.upper() if upper else base))
            shape = "circumflex" if "\u0302" in marks else "breve" if "\u0306" in marks else None
            tone = next((TONE[m] for m in marks if m in TONE), None)
            if shape or tone:
                out.append(VNI_MARK[shape, tone] - upper)
    return bytes(out)


def cp1258_bytes(text: str) -> bytes:
    """Windows-1258 as Vietnamese keyboards wrote it: precomposed where the code page has it, else mark after."""
    out = bytearray()
    for ch in text:
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", ch)
            base = unicodedata.normalize("NFC", "".join(p for p in parts if p not in TONE))
            out += base.encode("cp1258") + "".join(p for p in parts if p in TONE).encode("cp1258")
    return bytes(out)


def test_well_known_tcvn3_and_vni_codes():
    assert tcvn3_bytes("đĐươâêôă") == bytes([0xAE, 0xA7, 0xAD, 0xAC, 0xA9, 0xAA, 0xAB, 0xA8])
    assert decode_as(bytes([0xAE, 0xA7, 0xAD, 0xAC, 0xA9, 0xAA, 0xAB, 0xA8]), "tcvn3") == "đĐươâêôă"
    assert vni_bytes("đĐ") == b"\xf1\xd1"
    assert decode_as(b"a\xf9 a\xf8 a\xfb a\xf5 a\xef \xf1 \xd1", "vni") == "á à ả ã ạ đ Đ"
    # how the sentence looks when a VNI or TCVN3 file is opened as Windows-1252
    assert vni_bytes(SENTENCE).decode("cp1252") == "Boä Coâng Thöông phaùt ñoäng phong traøo thi ñua naêm 2021"
    assert tcvn3_bytes(SENTENCE).decode("latin-1") == "Bé C«ng Th\xad¬ng ph¸t ®éng phong trµo thi ®ua n¨m 2021"


def test_every_tcvn3_letter_decodes():
    assert decode_as(TCVN3_CODES, "tcvn3") == TCVN3_LETTERS


def test_every_vni_letter_decodes_in_both_cases():
    letters = TCVN3_LETTERS[:-7]  # the 67 lower-case letters
    everything = letters + letters.upper() + "ĐĂÂÊÔƠƯ"
    assert decode_as(vni_bytes(everything), "vni") == everything


@pytest.mark.parametrize("encode, name", [(tcvn3_bytes, "tcvn3"), (vni_bytes, "vni"),
                                          (cp1258_bytes, "windows-1258")])
def test_legacy_encodings_are_detected_and_converted(encode, name):
    text = PARAGRAPH if name != "tcvn3" else PARAGRAPH.replace("Đảng ủy", "Đảng uỷ")
    decoded, encoding = decode_bytes(encode(text))
    assert encoding == name
    assert decoded == text


def test_tcvn3_capital_toned_letters_come_back_lower_case():
    # TCVN3 has no codes for them: "ĐẢNG ỦY" typed in a capitals-only font is stored with the
    # lower-case codes, and nothing in the bytes says which font was used
    assert decode_bytes(tcvn3_bytes("ĐảNG ủY xã ") * 5)[0].startswith("ĐảNG ủY xã")


def test_windows_1258_gives_composed_letters():
    data = cp1258_bytes(SENTENCE)
    assert b"\xf2" in data  # the dot below is a separate mark byte in the file
    text, encoding = decode_bytes(data)
    assert encoding == "windows-1258" and text == SENTENCE and unicodedata.is_normalized("NFC", text)


def test_the_same_article_gives_the_same_text_in_every_legacy_encoding():
    texts = {decode_bytes(encode(PARAGRAPH))[0] for encode in (vni_bytes, cp1258_bytes)}
    assert texts == {PARAGRAPH}


def test_utf8_with_and_without_bom():
    assert decode_bytes(SENTENCE.encode("utf-8")) == (SENTENCE, "utf-8")
    assert decode_bytes(codecs.BOM_UTF8 + SENTENCE.encode("utf-8")) == (SENTENCE, "utf-8-sig")


def test_unicode_text_is_not_normalised():
    decomposed = unicodedata.normalize("NFD", SENTENCE)
    assert decode_bytes(decomposed.encode("utf-8"))[0] == decomposed


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_with_or_without_bom(codec):
    text = SENTENCE + "\r\nĐoạn hai.\r\n"
    if codec == "utf-16-be":
        data = codecs.BOM_UTF16_BE + text.encode(codec)
        assert decode_bytes(data)[0] == text
    data = text.encode(codec)  # "utf-16"/"utf-32" add a BOM; -le/-be do not
    decoded, encoding = decode_bytes(data)
    assert decoded == text
    assert encoding.startswith(codec[:6])


def test_utf16_without_bom_in_both_byte_orders():
    assert decode_bytes(SENTENCE.encode("utf-16-le"))[1] == "utf-16-le"
    assert decode_bytes(SENTENCE.encode("utf-16-be"))[1] == "utf-16-be"


@pytest.mark.parametrize("data, reason", [
    (b"\x00\x01\x02\x03binary\x00\x00\xff" * 20, "binary file"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "PDF"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
    (bytes([1, 2, 3, 4, 5, 6, 7, 8]) * 50, "control bytes"),
])
def test_binary_data_is_refused(data, reason):
    with pytest.raises(DecodeError, match=reason):
        decode_bytes(data)


def test_bytes_in_no_known_encoding_are_refused():
    with pytest.raises(DecodeError, match="undecodable"):
        decode_bytes(bytes(range(0x80, 0x100)) * 8)


def test_ascii_text_with_a_few_windows_1252_quotes():
    text, encoding = decode_bytes(b"He said \x93policy\x94 - twice, in 2021.")
    assert text == "He said \u201cpolicy\u201d - twice, in 2021." and encoding == "windows-1252"


def test_utf8_with_a_few_broken_bytes_keeps_the_text():
    data = (PARAGRAPH * 2).encode("utf-8") + b"\xff"
    text, encoding = decode_bytes(data)
    assert text == PARAGRAPH * 2 + "\ufffd"
    assert encoding == "utf-8 (1 invalid bytes replaced)"


def test_sniffing_the_start_of_a_file_ignores_a_character_cut_at_the_end():
    data = PARAGRAPH.encode("utf-8")
    cut = data[: data.index("ư".encode()) + 1]  # half of a two-byte letter
    assert sniff_encoding(cut, complete=False) == "utf-8"
    assert sniff_encoding(vni_bytes(PARAGRAPH)[:300], complete=False) == "vni"
    with pytest.raises(DecodeError, match="binary"):
        sniff_encoding(b"\x00\x00\x01" * 100, complete=True)


def test_empty_input_is_empty_text():
    assert decode_bytes(b"") == ("", "utf-8")
