import pytest

from policytext.document import Document
from policytext.text.segment import split_sentences, syllables


@pytest.mark.parametrize(
    "piece",
    ["15/2020/NĐ-CP", "34-CT/TW", "749/QĐ-TTg", "66.7/2025/NQ-CP", "30/08/2021", "1/1/2021", "5,64%",
     "1.000", "https://moit.gov.vn/tin-tuc/a.html", "ban.tdkt@moit.gov.vn", "20:01"],
)
def test_protected_spans_stay_single_tokens(piece):
    doc = Document.from_text(f"Theo văn bản {piece} thì tăng trưởng đạt.")
    assert piece in [w.text for w in doc.words]


def test_multi_syllable_words_are_joined_with_a_space():
    doc = Document.from_text("Bộ trưởng Bộ Công Thương Nguyễn Hồng Diên chủ trì buổi lễ.")
    words = [w.text for w in doc.words]
    assert "Bộ trưởng" in words and "Công Thương" in words and "chủ trì" in words
    assert all(w.pos for w in doc.words)


def test_words_never_join_across_a_line_break():
    doc = Document.from_text("Bộ\ntrưởng")
    assert [w.text for w in doc.words] == ["Bộ", "trưởng"]


def test_sentence_split_keeps_abbreviations_and_splits_paragraphs():
    text = "Ông đến TP. Hồ Chí Minh hôm qua. Bà về Hà Nội!\nĐoạn mới"
    sentences = [text[s:e] for s, e in split_sentences(text)]
    assert sentences == ["Ông đến TP. Hồ Chí Minh hôm qua.", "Bà về Hà Nội!", "Đoạn mới"]


def test_syllables_cover_every_non_space_character():
    text = "Tăng 5,64% so với 30/8, theo Nghị định 15/2020/NĐ-CP."
    covered = "".join(text[s:e] for s, e in syllables(text))
    assert covered == text.replace(" ", "")


def test_underthesea_segmenter_is_selectable():
    doc = Document.from_text("Bộ trưởng Bộ Công Thương ký Nghị định 15/2020/NĐ-CP.", segmenter="underthesea")
    words = [w.text for w in doc.words]
    assert "15/2020/NĐ-CP" in words and "Bộ trưởng" in words


def test_unknown_segmenter_is_a_clear_error():
    with pytest.raises(ValueError, match="unknown segmenter"):
        Document.from_text("Xin chào", segmenter="spacy")


@pytest.mark.parametrize("text", [
    "Tăng 5,64% so với 30/8, theo Nghị định 15/2020/NĐ-CP; liên hệ ban.tdkt@moit.gov.vn hoặc https://moit.gov.vn.",
    "Ông A@ gửi thư (mail: a.b@c) ... TP. Hồ Chí Minh, 20:01 ngày 1-1-2021",
    "Không có a còng: 749/QĐ-TTg, 34-CT/TW, 1.000.000 đồng, www.chinhphu.vn/tin.",
])
def test_syllables_without_an_at_sign_skip_only_the_email_pattern(text):
    from policytext.text import segment

    for start, end in [(0, len(text)), (0, text.find("@") if "@" in text else len(text)), (5, len(text) - 3)]:
        full = [(m.start(), m.end()) for m in segment._SYLLABLE.finditer(text, start, end)]
        assert syllables(text, start, end) == full
