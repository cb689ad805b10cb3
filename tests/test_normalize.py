import random
import re
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
    assert result.offsets.is_identity
    assert result.offsets.to_original(4, 8) == (4, 8)


def test_normalize_string_matches_document_normalisation():
    assert normalize_string("Uỷ viên") == normalize("Uỷ viên Bộ Chính trị").text[:7]


# --- the fast paths give what the plain per-character rules give --------------------------------
# The reference below is the straightforward implementation normalize.py had before it was made
# fast (a loop over every character, the tone pattern spelled out word by word); normalize() must
# agree with it exactly, text and offsets, on any input.

_SPACE_LIKE = "\t\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
_DROPPED = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_TONES = {"\u0300", "\u0301", "\u0309", "\u0303", "\u0323"}
_REFERENCE_TONE = re.compile(
    r"(?<![^\W\d_])([^\W\d_]*?)(?<![qQ])([oO][àáảãạÀÁẢÃẠèéẻẽẹÈÉẺẼẸ]|[uU][ỳýỷỹỵỲÝỶỸỴ])(?![^\W\d_])"
)


def reference_normalize(text: str) -> tuple[str, list[int] | None, list[int] | None]:
    """(normalised text, original start and end of every normalised character, None for the identity)."""
    if unicodedata.is_normalized("NFC", text) and not re.search(f"[{_SPACE_LIKE}{_DROPPED}\r]|  ", text):
        return _reference_letters(text), None, None
    out, starts, ends = [], [], []
    i, n = 0, len(text)
    while i < n:
        j = i + 1
        while j < n and unicodedata.combining(text[j]):
            j += 1
        chunk = text[i:j]
        if chunk[0] in _DROPPED and j == i + 1:
            pass
        elif chunk[0] == "\r":
            if not (j < n and text[j] == "\n"):
                out.append("\n"), starts.append(i), ends.append(j)
        elif chunk[0] == " " or chunk[0] in _SPACE_LIKE:
            if out and out[-1] == " ":
                ends[-1] = j
            else:
                out.append(" "), starts.append(i), ends.append(j)
        else:
            for c in unicodedata.normalize("NFC", chunk) if j > i + 1 else chunk:
                out.append(c), starts.append(i), ends.append(j)
        i = j
    return _reference_letters("".join(out)), starts, ends


def _reference_letters(canonical: str) -> str:
    canonical = canonical.translate(str.maketrans({"\u00d0": "\u0110", "\u2010": "-", "\u2011": "-", "\u2212": "-"}))
    latin = str.maketrans("АВСЕНІЈКМОРТХаесіјорхуЅѕ", "ABCEHIJKMOPTXaecijopxySs")
    canonical = re.sub(
        r"\w*[\u0400-\u04ff]\w*",
        lambda m: m.group(0).translate(latin) if re.search(r"[0-9A-Za-z\u00c0-\u024f\u1e00-\u1eff]", m.group(0))
        else m.group(0),
        canonical,
    )
    return _REFERENCE_TONE.sub(_reference_old_style, canonical)


def _reference_old_style(match: re.Match[str]) -> str:
    prefix, (first, second) = match.group(1), match.group(2)
    marks = unicodedata.normalize("NFD", second)
    tone = next(m for m in marks[1:] if m in _TONES)
    rest = "".join(m for m in marks[1:] if m != tone)
    return prefix + unicodedata.normalize("NFC", first + tone) + unicodedata.normalize("NFC", marks[0] + rest)


def reference_to_original(starts: list[int] | None, ends: list[int], length: int, start: int, end: int):
    if starts is None:
        return start, end
    n = len(starts)
    if start >= n:
        return length, length
    end = min(end, n)
    return starts[start], ends[end - 1] if end > start else starts[start]


# the characters messy input is made of, weighted towards the ones the rules treat specially
_PIECES = (
    list("aAoOuUyYqQhHxđĐ0179.,-/")
    + ["hoà", "Uỷ", "thuỷ", "quý", "khoẻ", "oà", "uý", "Ð", "\u2010", "\u2212", "\u0421P", "Москва"]
    + [" ", " ", " ", "  ", "\t", "\u00a0", "\u3000", "\r", "\n", "\r\n", "\r\r\n"]
    + list(_DROPPED)
    + ["\u0301", "\u0300", "\u0323", "\u0302", "\u0306", "\u031b", "\u0309", "\u0303"]  # Vietnamese NFD marks
    + ["\U0001d165", "\U0001f600", "\u2126", "\u1100\u1161", "e\u0301\u0301"]  # astral mark, emoji, singleton, jamo
)


def random_texts(seed: int, count: int, longest: int) -> list[str]:
    randomly = random.Random(seed)
    return ["".join(randomly.choice(_PIECES) for _ in range(randomly.randint(0, longest))) for _ in range(count)]


def assert_same_as_reference(text: str, randomly: random.Random) -> None:
    result = normalize(text)
    canonical, starts, ends = reference_normalize(text)
    assert result.text == canonical, repr(text)
    assert result.offsets.is_identity == (starts is None), repr(text)
    n = len(canonical)
    spans = [(i, i + 1) for i in range(n)]
    for _ in range(20):
        start = randomly.randint(0, n + 2)
        spans.append((start, randomly.randint(start, n + 3)))
    for start, end in spans:
        expected = reference_to_original(starts, ends, len(text), start, end)
        assert result.offsets.to_original(start, end) == expected, (repr(text), start, end)


def test_fast_paths_match_the_per_character_rules_on_random_messy_text():
    randomly = random.Random(7)
    for text in random_texts(seed=2021, count=3000, longest=30):
        assert_same_as_reference(text, randomly)


def test_fast_paths_match_the_per_character_rules_on_long_text():
    randomly = random.Random(8)
    for text in random_texts(seed=2026, count=20, longest=3000):
        assert_same_as_reference(text, randomly)


@pytest.mark.parametrize("transform", [
    lambda t: t,
    lambda t: t.replace("\n", "\r\n"),
    lambda t: unicodedata.normalize("NFD", t),
    lambda t: t.replace(" ", "  ").replace(". ", ".\u00a0"),
])
def test_fast_paths_match_the_per_character_rules_on_news(transform, shared_data):
    text = (shared_data / "seed" / "moit-2021-08-30-thi-dua.txt").read_text(encoding="utf-8")
    assert_same_as_reference(transform(text), random.Random(9))


def test_crlf_text_keeps_offsets_in_pieces_not_per_character():
    text = "Dòng một\r\n" * 500
    result = normalize(text)
    assert result.text == "Dòng một\n" * 500
    assert len(result.offsets.keys) <= 2 * 500  # a piece per line break, not per character
    assert result.offsets.to_original(9 * 499, 9 * 499 + 8) == (10 * 499, 10 * 499 + 8)


def test_html_character_references_are_decoded_with_offsets_on_the_original():
    original = "Quyết định 20/2005/QĐ-BGD&amp;ĐT và &quot;Luật Giáo dục&quot;&nbsp;&nbsp;mới; R&D, &foo;"
    result = normalize(original)
    assert result.text == 'Quyết định 20/2005/QĐ-BGD&ĐT và "Luật Giáo dục" mới; R&D, &foo;'
    start = result.text.index("QĐ-BGD&ĐT")
    o_start, o_end = result.offsets.to_original(start, start + len("QĐ-BGD&ĐT"))
    assert original[o_start:o_end] == "QĐ-BGD&amp;ĐT"
