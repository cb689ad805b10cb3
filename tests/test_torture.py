"""A torture corpus, generated here: every file ends as records and error rows that add up to what
the readers found in it, with no exception, and the hostile ones (bombs, traversal names, huge
articles) become error rows that say why."""

from __future__ import annotations

import gzip
import io
import json
import random
import unicodedata
import zipfile
from collections import Counter
from pathlib import Path

import pytest

import policytext
from policytext.io.readers import count_items, iter_items
from policytext.model import ReadError
from policytext.pipeline import Options
from test_encodings import PARAGRAPH, cp1258_bytes, tcvn3_bytes, vni_bytes

TITLE = "Bộ Công Thương phát động thi đua"
BODY = PARAGRAPH
LIMITS = Options(max_chars=200_000, max_seconds=30)


def _write(root: Path, name: str, data: bytes | str) -> None:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)


def _zip(entries: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in entries.items():
            archive.writestr(zipfile.ZipInfo(name), data, compress_type=compression)
    return buffer.getvalue()


def _zip_bomb() -> bytes:
    """One member declaring 32 MiB that deflates from ~32 KiB: over a 100:1 ratio."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        with archive.open("bomb.txt", "w", force_zip64=True) as member:
            zeros = b"0" * (1 << 20)
            for _ in range(32):
                member.write(zeros)
    return buffer.getvalue()


def build_corpus(root: Path) -> None:
    rng = random.Random(8)
    words = BODY.split()
    lines = [json.dumps({"id": f"g{i}", "title": TITLE, "text": " ".join(rng.sample(words, len(words)))},
                        ensure_ascii=False) for i in range(30)]  # each line its own: no dump repeats itself
    for suffix in ("txt", "jsonl", "json", "csv", "html"):
        _write(root, f"random.{suffix}", rng.randbytes(4096))
    _write(root, "utf16-no-bom.txt", f"{TITLE}\n\n{BODY}\n".encode("utf-16-le"))
    _write(root, "tcvn3.txt", tcvn3_bytes(f"{TITLE}\n\n{BODY}\n".replace("Đảng ủy", "Đảng uỷ")))
    _write(root, "vni.txt", vni_bytes(f"{TITLE}\n\n{BODY}\n"))
    _write(root, "windows-1258.txt", cp1258_bytes(f"{TITLE}\n\n{BODY}\n"))
    _write(root, "nul-bytes.txt", f"{TITLE}\n\n{BODY}".encode() + b"\x00\x00\x00" + BODY.encode())
    _write(root, "nul-in-a-line.jsonl", lines[0].encode() + b"\n" + lines[1].encode()[:40] + b"\x00\x01" + b"\n")
    packed = gzip.compress("\n".join(lines).encode("utf-8"))
    _write(root, "truncated.jsonl.gz", packed[:len(packed) // 2])
    _write(root, "traversal.zip", _zip({"../../x.txt": f"{TITLE}\n\n{BODY}".encode(),
                                        "/etc/evil.jsonl": (lines[2] + "\n").encode()}))
    _write(root, "zip-bomb.zip", _zip_bomb())
    _write(root, "gzip-bomb.jsonl.gz", gzip.compress(b" " * (40 << 20), compresslevel=9))
    _write(root, "ten-megabytes.txt", f"{TITLE}\n\n" + (BODY + "\n\n") * (10_000_000 // (len(BODY) + 2)))
    _write(root, "million-character-line.jsonl", json.dumps({"id": "long", "text": "Kinh tế " * 125_001}) + "\n")
    for name, data in (("empty.txt", b""), ("empty.jsonl", b""), ("empty.csv", b""), ("empty.html", b""),
                       ("empty.json", b""), ("blank.txt", b" \n\t \r\n "), ("blank.jsonl", b"\n \n\t\n"),
                       ("blank.csv", b"\n\n"), ("blank.json", b"  \n")):
        _write(root, f"empty/{name}", data)
    _write(root, "broken.jsonl", "\n".join([
        lines[3], "{broken", "[1, 2]", '"a string"', "42", "null", "true", '{"text": 5}', '{"text": ["a", "b"]}',
        '{"text": ""}', '{"text": "   "}', '{"text": {"nested": "x"}}', "[" * 100_000 + "]" * 100_000,
        json.dumps({"text": BODY, "title": 7, "published": {"x": 1}, "id": [1], "author": {"name": 3}}), lines[4],
    ]) + "\n")
    _write(root, "broken-array.json", "[" + lines[5] + ", {broken}, " + lines[6])
    _write(root, "unbalanced-quotes.csv", f'text,id\n"{BODY},1\n{BODY.replace(",", ";")},2\n')
    _write(root, "scripts-only.html", "<html><head><style>p{color:red}</style><script>var a = '<p>x</p>';"
                                      "</script></head><body><script>document.write(1)</script></body></html>")
    nfd = unicodedata.normalize("NFD", BODY)
    _write(root, "mixed-nfc-nfd.txt", f"{TITLE}\n\n{BODY[:200]}{nfd[200:]}")
    _write(root, "emoji-zero-width.jsonl", "\n".join(json.dumps({"id": f"e{i}", "text": text}, ensure_ascii=False)
                                                      for i, text in enumerate([
        "Bộ\u200btrưởng\u200d Nguyễn\ufeffHồng Diên 👩‍👩‍👧‍👦 ký Chỉ thị 34-CT/TW 🇻🇳 ngày 30/8/2021.",
        "\u202eTP.HCM\u202c đẩy mạnh chuyển đổi số\u2028năm 2021\u2029 \U0001F600" * 20,
        "Một\u0300\u0301\u0302\u0303 dấu chồng 'ệ́' và ký tự điều khiển \x0b\x1c\x7f trong bài.",
    ])) + '\n{"id": "lone", "text": "Bộ trưởng \\ud83d nói xong."}\n')
    _write(root, "tên có dấu & khoảng trắng.txt", f"{TITLE}\n\n{BODY}")


@pytest.fixture(scope="module")
def torture_run(tmp_path_factory):
    root = tmp_path_factory.mktemp("torture")
    corpus = root / "corpus"
    build_corpus(corpus)
    summary = policytext.run([corpus], root / "out", options=LIMITS, jobs=2, part_size=7)
    records = [r.to_dict() for r in policytext.load(root / "out")]
    errors = [json.loads(line) for path in sorted((root / "out" / "errors").glob("part-*.jsonl"))
              for line in path.open(encoding="utf-8")]
    return corpus, summary, records, errors


def _file_of(source: dict) -> str:
    return Path(source["path"]).name


def test_every_file_adds_up_to_what_its_reader_found(torture_run):
    corpus, summary, records, errors = torture_run
    assert summary["articles_in"] == len(records) + len(errors) == summary["records"] + summary["errors"]
    found = Counter(_file_of(r["source"]) for r in records) + Counter(_file_of(e["source"]) for e in errors)
    files = sorted(p for p in corpus.rglob("*") if p.is_file())
    assert len(files) == 33
    for path in files:
        expected = sum(1 for _ in iter_items(path))
        assert expected >= 1, path.name
        assert found[path.name] == expected, path.name


def test_every_span_indexes_its_records_text(torture_run):
    _, _, records, _ = torture_run
    for record in records:
        text = record["text"]
        spans = [*record["tokens"], *record["dates"], *record["legal_refs"],
                 *(m for o in record["officials"] for m in o["mentions"]),
                 *(m for o in record["organizations"] for m in o["mentions"]),
                 *(e for t in record["themes"] for e in t["evidence"])]
        for span in spans:
            assert text[span["start"]:span["end"]] == span["text"], record["source"]


def _reasons(errors: list[dict], name: str) -> list[str]:
    return [e["reason"] for e in errors if _file_of(e["source"]) == name]


def _texts(records: list[dict], name: str) -> list[str]:
    return [r["text"] for r in records if _file_of(r["source"]) == name]


@pytest.mark.parametrize("name", ["utf16-no-bom.txt", "tcvn3.txt", "vni.txt", "windows-1258.txt"])
def test_every_encoding_reads_as_the_same_vietnamese(torture_run, name):
    _, _, records, _ = torture_run
    [text] = _texts(records, name)
    assert text.strip() == BODY.replace("Đảng ủy", "Đảng uỷ") if name == "tcvn3.txt" else text.strip() == BODY


def test_hostile_files_become_error_rows_that_say_why(torture_run, tmp_path):
    corpus, _, records, errors = torture_run
    assert any("zip bomb" in r for r in _reasons(errors, "zip-bomb.zip"))
    assert any("decompression bomb" in r for r in _reasons(errors, "gzip-bomb.jsonl.gz"))
    assert _reasons(errors, "ten-megabytes.txt") == [
        "article too long: 9,999,718 characters, over the limit of 200,000 per article (--max-chars)"]
    assert "over the limit of 200,000" in _reasons(errors, "million-character-line.jsonl")[0]
    assert any(r.startswith("binary file") for r in _reasons(errors, "nul-bytes.txt"))
    assert any("truncated" in r for r in _reasons(errors, "truncated.jsonl.gz"))
    assert _texts(records, "truncated.jsonl.gz")  # what came before the cut is kept
    assert any("never closes" in r for r in _reasons(errors, "unbalanced-quotes.csv"))
    assert len(_texts(records, "unbalanced-quotes.csv")) == 1  # the row after the broken quote is read again
    assert _reasons(errors, "scripts-only.html") == ["no article text found in the HTML page"]
    assert len(_reasons(errors, "broken.jsonl")) == 12 and len(_texts(records, "broken.jsonl")) == 3


def test_archive_member_names_are_labels_never_paths(torture_run):
    corpus, _, records, _ = torture_run
    members = sorted(r["source"]["member"] for r in records if _file_of(r["source"]) == "traversal.zip")
    assert members == ["../../x.txt", "/etc/evil.jsonl"]
    assert not (corpus.parent.parent / "x.txt").exists() and not (corpus / "x.txt").exists()


def test_odd_characters_are_kept_exactly(torture_run):
    corpus, _, records, _ = torture_run
    assert _texts(records, "mixed-nfc-nfd.txt")[0] == (corpus / "mixed-nfc-nfd.txt").read_text()[len(TITLE) + 2:]
    texts = _texts(records, "emoji-zero-width.jsonl")
    assert texts[0].startswith("Bộ\u200btrưởng\u200d") and "👩‍👩‍👧‍👦" in texts[0]
    assert texts[3] == "Bộ trưởng \ufffd nói xong."  # a lone surrogate escape: U+FFFD, one for one


def test_readers_alone_never_raise_on_the_corpus(torture_run):
    corpus, _, _, _ = torture_run
    for path in sorted(corpus.rglob("*")):
        if path.is_file():
            for item in iter_items(path):
                assert isinstance(item, (ReadError, policytext.Article))


def test_the_progress_count_matches_what_the_readers_find(torture_run):
    """count_items gives a progress bar its total without parsing JSON lines or reading .txt/.html files;
    on every file of the corpus it counts what reading finds, and on the whole folder what the run took."""
    corpus, summary, _, _ = torture_run
    for path in sorted(corpus.rglob("*")):
        if path.is_file():
            assert sum(1 for _ in count_items(path)) == sum(1 for _ in iter_items(path)), path.name
    assert sum(1 for _ in count_items(corpus)) == summary["articles_in"]
