"""What was made faster gives what the slower code gave (issue 13): words and tags on first use, the
dates' first-word scan, records turned into dicts. Timings live in benchmarks/, never here."""

from __future__ import annotations

import dataclasses
import re

import pytest

from policytext.document import Document
from policytext.extract.dates import DIGIT, _OTHER_DIGIT_RANGES, _any_first, _starts
from policytext.pipeline import Options, analyze
from policytext.text.segment import pos_tags, segment_sentence, split_sentences

TEXTS = [
    "Chiều 30/8, Bộ trưởng Bộ Công Thương Nguyễn Hồng Diên chủ trì lễ phát động phong trào thi đua.",
    "NGÀY 2/9/2021 và THÁNG TÁM năm ngoái; Quý III/2021, giai đoạn 2021 - 2026, hôm qua, rạng sáng nay.",
    "Thứ nhất, đẩy mạnh chuyển đổi số.\n\nThứ hai, tăng cường kiểm tra, giám sát trước ngày 30/9/2021.",
    "Năm² ngày³ ①tháng x²3 ngàyX năm_2020 _ngày sn1970 SN 1970 İstanbul ngày mồng MỒNG 5 ⑩ ²⁰²¹.",
    "Theo Nghị định 15/2020/NĐ-CP và Chỉ thị 34-CT/TW, UBND TP.HCM giao Sở TT&TT (email: a@b.vn).",
]


def test_the_other_digits_are_what_isdigit_takes_beyond_decimal_digits():
    found = [c for c in range(0x110000) if chr(c).isdigit() and not chr(c).isdecimal()]
    listed = [c for a, b in _OTHER_DIGIT_RANGES for c in range(a, b + 1)]
    assert listed == found


def _starts_word_by_word(norm: str) -> list[tuple[int, str]]:
    """The scan as it was: every word of the text, looked up one by one."""
    starts = []
    for m in re.finditer(r"\w+", norm):
        word = DIGIT if m.group()[0].isdigit() else m.group().lower()
        if word in _any_first():
            starts.append((m.start(), word))
    return starts


@pytest.mark.parametrize("text", TEXTS)
def test_the_dates_first_word_scan_finds_what_the_word_by_word_scan_found(text):
    norm = Document.from_text(text, segment=False).norm
    assert _starts(norm) == _starts_word_by_word(norm)


def test_the_scan_agrees_on_real_news():
    import gzip
    import json
    from pathlib import Path

    shared = Path(__file__).resolve().parents[2] / "shared" / "data"
    files = [shared / "modern" / "covid_era_2020_2021.jsonl.gz", shared / "vntc" / "vntc-test-phap-luat.jsonl.gz"]
    if not all(f.exists() for f in files):
        pytest.skip("../shared/data is not there")
    for path in files:
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            for _, line in zip(range(300), handle):
                norm = Document.from_text(json.loads(line)["text"], segment=False).norm
                assert _starts(norm) == _starts_word_by_word(norm)


@pytest.mark.parametrize("text", TEXTS)
def test_words_and_tags_on_first_use_are_those_of_segmenting_up_front(text):
    doc = Document.from_text(text)
    eager = []
    for start, end in split_sentences(doc.norm):
        spans = segment_sentence(doc.norm, start, end)
        tags = pos_tags([doc.norm[s:e] for s, e in spans])
        eager += [(s, e, doc.norm[s:e], tag) for (s, e), tag in zip(spans, tags)]
    assert doc._words is None  # nothing segmented until asked
    assert [(w.start, w.end, w.text, w.pos) for w in doc.words] == eager
    untagged = Document.from_text(text, pos=False)
    assert [w.pos for w in untagged.words] == [None] * len(eager)


@pytest.mark.parametrize("text", TEXTS)
def test_a_record_becomes_the_dict_asdict_made(text):
    record = analyze(text, published="2021-08-30T20:01:00+07:00", options=Options(tokens=True))
    plain = dataclasses.asdict(record)
    plain["sentences"] = [{"start": s.start, "end": s.end} for s in record.sentences]
    del plain["input_fields"], plain["duplicate_of"]
    for theme in plain["themes"]:  # a theme's paragraphs are offsets only, like the sentences
        theme["paragraphs"] = [{"start": p["start"], "end": p["end"]} for p in theme["paragraphs"]]
    assert record.to_dict() == {"schema_version": plain.pop("schema_version"), **plain}
