"""Readers: every supported format yields Articles, and bad input yields ReadErrors, never a crash.

Counts must add up: each article an input holds becomes exactly one Article or one ReadError.
"""

import csv
import gzip
import json
import logging
import zipfile
from pathlib import Path

import pytest

from policytext.io.readers import FieldMap, FieldNotFound, iter_items, parse_published, parse_txt_layout, read
from policytext.model import Article, ReadError

ROOT = Path(__file__).resolve().parents[1]
TEXT = "Chiều 30/8, Bộ trưởng Bộ Công Thương Nguyễn Hồng Diên chủ trì lễ phát động thi đua."
TEXT2 = "Ngày 4/8/2021, Phó Chủ tịch UBND thành phố ký Quyết định 2544/QĐ-UBND về hỗ trợ người lao động."


def items(path, **kwargs):
    return list(iter_items(path, **kwargs))


def articles(path, **kwargs):
    found = items(path, **kwargs)
    errors = [i for i in found if isinstance(i, ReadError)]
    assert not errors, errors
    return found


def only_error(path) -> ReadError:
    found = items(path)
    assert len(found) == 1 and isinstance(found[0], ReadError), found
    return found[0]


def write_jsonl(path, records):
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


# --- .txt --------------------------------------------------------------------------------------

def test_txt_in_the_announcement_layout(fixtures):
    path = fixtures / "readers" / "announcement.txt"
    [article] = articles(path)
    assert article.title == "Bộ Xây dựng phát động phong trào thi đua giai đoạn 2021 - 2025"
    assert article.published == "2021-03-15T09:30:00+07:00"
    assert article.author == "Minh Hà"
    assert article.text.startswith("TĐKT - Sáng 15/3")
    assert article.text.endswith("đẩy mạnh chuyển đổi số.")
    assert article.text in path.read_text(encoding="utf-8")  # a slice of the file, characters untouched
    assert article.source.path == str(path) and article.source.index == 0


@pytest.mark.parametrize("line, published", [
    ("30/08/2021 - 20:01", "2021-08-30T20:01:00+07:00"),
    ("30/08/2021 20:01", "2021-08-30T20:01:00+07:00"),
    ("30/8/2021", "2021-08-30"),
    ("Thứ Hai, 30/08/2021 - 20:01 (GMT+7)", "2021-08-30T20:01:00+07:00"),
    ("Cập nhật: 20:01 30/08/2021", "2021-08-30T20:01:00+07:00"),
    ("2021-08-30 20:01", "2021-08-30T20:01:00+07:00"),
])
def test_txt_publication_line_variants(line, published):
    layout = parse_txt_layout(f"Tiêu đề bài viết\n{line}\n\n{TEXT}\n")
    assert (layout.title, layout.published) == ("Tiêu đề bài viết", published)


def test_a_sentence_mentioning_a_date_is_not_a_publication_line():
    text = f"Tiêu đề bài viết\n\nNgày 30/8/2021, Bộ họp bàn kế hoạch.\n{TEXT}"
    layout = parse_txt_layout(text)
    assert layout.published is None
    assert text[layout.body_start:layout.body_end].startswith("Ngày 30/8/2021")


@pytest.mark.parametrize("last_line", [
    "Hội nghị kết thúc tốt đẹp.",          # a normal last sentence
    "Bộ Công Thương",                      # a body closing the article, not a person
    "Nguồn: Báo Công Thương",              # a source credit
    "Các đơn vị thực hiện nghiêm túc",     # lower-case words
])
def test_last_lines_that_are_not_authors_stay_in_the_body(last_line):
    text = f"Tiêu đề\n30/08/2021\n\n{TEXT}\n\n{last_line}"
    layout = parse_txt_layout(text)
    assert layout.author is None
    assert text[layout.body_start:layout.body_end].endswith(last_line)


def test_txt_without_header_keeps_everything_as_text(tmp_path):
    # VNTC style: the title runs into the first paragraph, no blank line, no date line
    content = (" Tàu du lịch cao tốc Cần Thơ - Phnom Penh Công ty Vận tải thủy Cần Thơ vừa đưa vào hoạt động tàu "
               "khách.\r\nTốc độ lên đến 25 hải lý/giờ. \r\n\r\n")
    path = tmp_path / "XH_NLD_T_ (8963).txt"
    path.write_text(content, encoding="utf-8")
    [article] = articles(path)
    assert article.title is None and article.published is None and article.author is None
    assert article.text == content.strip()


def test_txt_title_without_date_line_needs_a_blank_line_after_it(tmp_path):
    (tmp_path / "a.txt").write_text(f"Bộ Công Thương họp bàn về xuất khẩu\n\n{TEXT}\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text(f"Bộ Công Thương họp bàn về xuất khẩu\n{TEXT}\n", encoding="utf-8")
    a, b = articles(tmp_path)
    assert (a.title, a.text) == ("Bộ Công Thương họp bàn về xuất khẩu", TEXT)
    assert b.title is None and b.text.startswith("Bộ Công Thương họp bàn")


def test_txt_keeps_crlf_inside_the_body(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(f"Tiêu đề\r\n30/08/2021\r\n\r\n{TEXT}\r\n{TEXT2}\r\n".encode("utf-8"))
    [article] = articles(path)
    assert article.text == f"{TEXT}\r\n{TEXT2}"


def test_txt_with_only_a_title_and_date_is_an_error(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Tiêu đề\n30/08/2021\n", encoding="utf-8")
    assert "no body text" in only_error(path).reason


def test_txt_one_line_is_the_text(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    [article] = articles(path)
    assert article.text == TEXT and article.title is None


# --- JSON Lines --------------------------------------------------------------------------------

def test_jsonl_fields_and_text_kept_unchanged(tmp_path):
    raw_text = "  " + TEXT + "\n\n" + TEXT2 + " \n"
    path = write_jsonl(tmp_path / "dump.jsonl", [
        {"id": 7, "title": "  Lễ phát động ", "published": "30/08/2021 - 20:01", "url": "https://x.vn/a",
         "author": ["Phương Thanh", {"name": "Minh Anh"}], "text": raw_text},
        {"_id": "b2", "headline": "Hai", "date": "2021-08-31", "content": TEXT2},
    ])
    first, second = articles(path)
    assert first.text == raw_text  # gold offsets index this string: not stripped, not edited
    assert (first.id, first.title, first.published, first.url) == ("7", "Lễ phát động", "2021-08-30T20:01:00+07:00",
                                                                    "https://x.vn/a")
    assert first.author == "Phương Thanh, Minh Anh"
    assert (first.source.index, first.source.url) == (1, "https://x.vn/a")
    assert (second.id, second.title, second.published, second.text) == ("b2", "Hai", "2021-08-31", TEXT2)
    assert second.source.index == 2


def test_jsonl_bad_lines_are_error_rows_and_the_rest_continues(tmp_path):
    path = tmp_path / "dump.jsonl"
    path.write_text("\n".join([
        json.dumps({"text": TEXT}),
        "{broken",
        "",                                   # blank: skipped, not an error
        json.dumps({"title": "no text"}),
        "[1, 2]",
        json.dumps({"text": "   "}),
        json.dumps({"text": TEXT2}),
    ]), encoding="utf-8")
    found = items(path)
    kinds = [(type(i).__name__, i.source.index) for i in found]
    assert kinds == [("Article", 1), ("ReadError", 2), ("ReadError", 4), ("ReadError", 5), ("ReadError", 6),
                     ("Article", 7)]
    reasons = [i.reason for i in found if isinstance(i, ReadError)]
    assert "broken JSON on line 2" in reasons[0]
    assert "no text field" in reasons[1] and "title" in reasons[1]
    assert "array" in reasons[2]
    assert "empty" in reasons[3]


def test_field_map_overrides_and_dotted_paths(tmp_path):
    path = write_jsonl(tmp_path / "dump.ndjson", [
        {"Content": {"Text": TEXT, "lead": "x"}, "meta": {"headline": "Lễ"}, "Link": "https://x.vn/a"}])
    fields = FieldMap().with_overrides(text="content.text", title=["meta.title", "meta.headline"])
    [article] = articles(path, fields=fields)
    assert (article.text, article.title, article.url) == (TEXT, "Lễ", "https://x.vn/a")
    # the override replaces the defaults: a record without that field is an error that names it
    write_jsonl(path, [{"content": {"text": TEXT}}, {"text": TEXT}])
    [_, error] = items(path, fields=fields)
    assert isinstance(error, ReadError) and "content.text" in error.reason
    # and a file where no record has it stops the reading, naming the fields it does have
    write_jsonl(path, [{"text": TEXT, "id": "a"}])
    with pytest.raises(FieldNotFound, match=r"'content.text' matches nothing .* fields there are: text, id"):
        items(path, fields=fields)


def test_flattened_columns_are_found_like_nested_paths(tmp_path):
    """A CSV exported from nested JSON has columns content.text, content.title: found without
    --text-field, as the nested objects are, and by a dotted --text-field too."""
    path = tmp_path / "export.csv"
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "content.title", "content.text", "category"])
        writer.writerow(["a1", "Lễ phát động", TEXT, "Kinh tế"])
    [article] = articles(path)
    assert (article.id, article.title, article.text) == ("a1", "Lễ phát động", TEXT)
    [article] = articles(path, fields=FieldMap().with_overrides(text="content.text", title="content.title"))
    assert (article.title, article.text) == ("Lễ phát động", TEXT)
    nested = write_jsonl(tmp_path / "nested.jsonl", [
        {"id": "n1", "content": {"title": "Lễ", "text": TEXT, "published": "30/08/2021 20:01"}}])
    [article] = articles(nested)
    assert (article.id, article.title, article.text, article.published) == (
        "n1", "Lễ", TEXT, "2021-08-30T20:01:00+07:00")


def test_field_map_rejects_unknown_fields():
    with pytest.raises(TypeError):
        FieldMap().with_overrides(body="x")


@pytest.mark.parametrize("value, iso", [
    ("2021-08-30T20:01:00+07:00", "2021-08-30T20:01:00+07:00"),
    ("2021-08-30T13:01:00Z", "2021-08-30T13:01:00+00:00"),
    ("2021-08-30 20:01:00", "2021-08-30T20:01:00+07:00"),
    ("30/08/2021", "2021-08-30"),
    ("Mon, 30 Aug 2021 13:01:00 GMT", "2021-08-30T13:01:00+00:00"),
    (1630328460, "2021-08-30T20:01:00+07:00"),
    (1630328460000, "2021-08-30T20:01:00+07:00"),
    ("hôm qua", None),
    ("", None),
    (None, None),
])
def test_published_values_become_iso_8601(value, iso):
    assert parse_published(value) == iso


# --- JSON --------------------------------------------------------------------------------------

@pytest.mark.parametrize("document, count", [
    ([{"text": TEXT}, {"body": TEXT2}], 2),
    ({"text": TEXT, "title": "một bài"}, 1),
    ({"articles": [{"text": TEXT}, {"text": TEXT2}]}, 2),
    ({"data": [{"noi_dung": TEXT}]}, 1),
    ({"text": TEXT, "items": [{"name": "ảnh 1"}]}, 1),  # an article that has a list: still one article
])
def test_json_shapes(tmp_path, document, count):
    path = tmp_path / "a.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    found = articles(path)
    assert len(found) == count and found[0].text == TEXT
    assert [a.source.index for a in found] == list(range(count))


def test_large_json_array_is_read_element_by_element(tmp_path):
    texts = [f"Bài {i}. " + TEXT * (300 + 500 * i) for i in range(6)]  # elements from 25 KB to 1 MB
    path = tmp_path / "dump.json"
    path.write_text(json.dumps([{"id": i, "text": t} for i, t in enumerate(texts)], ensure_ascii=False, indent=2),
                    encoding="utf-8-sig")
    found = articles(path)
    assert [a.text for a in found] == texts and [a.source.index for a in found] == list(range(6))


def test_truncated_gzip_json_array_keeps_the_elements_before(tmp_path):
    data = gzip.compress(json.dumps([{"text": f"Bài {i}. " + TEXT * 30} for i in range(200)],
                                    ensure_ascii=False).encode("utf-8"))
    path = tmp_path / "dump.json.gz"
    path.write_bytes(data[: len(data) // 2])
    *found, error = items(path)
    assert 0 < len(found) < 200 and all(isinstance(a, Article) for a in found)
    assert "truncated" in error.reason and error.source.index == len(found)


@pytest.mark.parametrize("content, good, reason", [
    ('[{"text": "một"}, {"text": "hai"', 1, "broken JSON in array element 1"),
    ('[{"text": "một"} {"text": "hai"}]', 1, "expected ',' or ']'"),
    ('[{"text": "một"}', 1, "not closed"),
    ('[{"text": "một"}] [', 1, "after the JSON array"),
    ("[]", 0, "no articles"),
])
def test_broken_json_arrays_keep_the_elements_before_the_break(tmp_path, content, good, reason):
    path = tmp_path / "a.json"
    path.write_text(content, encoding="utf-8")
    *found, error = items(path)
    assert len(found) == good and all(isinstance(a, Article) for a in found)
    assert isinstance(error, ReadError) and reason in error.reason


def test_json_elements_that_are_not_articles_are_errors(tmp_path):
    path = tmp_path / "a.json"
    path.write_text(json.dumps([{"text": TEXT}, 3, {"title": "x"}]), encoding="utf-8")
    found = items(path)
    assert [type(i).__name__ for i in found] == ["Article", "ReadError", "ReadError"]
    assert found[1].source.index == 1


def test_json_lines_saved_as_json_still_read(tmp_path):
    path = write_jsonl(tmp_path / "a.json", [{"text": TEXT}, {"text": TEXT2}])
    assert [a.text for a in articles(path)] == [TEXT, TEXT2]


def test_broken_json_file_is_one_error(tmp_path):
    path = tmp_path / "a.json"
    path.write_text('[{"text": "một"', encoding="utf-8")
    assert "broken JSON" in only_error(path).reason


# --- CSV / TSV ---------------------------------------------------------------------------------

def test_csv_rows_with_huge_and_multiline_cells(tmp_path):
    long_text = (TEXT + "\n") * 2500  # ~250 KB, beyond csv's default field limit
    path = tmp_path / "a.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["id", "title", "content", "published"])
        writer.writerow(["1", "Dài", long_text, "30/08/2021 20:01"])
        writer.writerow([])
        writer.writerow(["2", "Hai dòng", f"{TEXT}\r\n{TEXT2}", ""])
        writer.writerow(["3", "Không có nội dung", "", ""])
    first, second, third = items(path)
    assert first.text == long_text and first.published == "2021-08-30T20:01:00+07:00"
    assert second.text == f"{TEXT}\r\n{TEXT2}" and second.source.index == 2
    assert isinstance(third, ReadError) and third.source.index == 3 and "empty" in third.reason


def test_csv_semicolons_bom_and_tsv(tmp_path):
    (tmp_path / "a.csv").write_bytes("\ufefftitle;text\nMột;\"" .encode("utf-8") + TEXT.encode() + b"\"\n")
    (tmp_path / "b.tsv").write_text(f"text\ttitle\n{TEXT2}\tHai\n", encoding="utf-8")
    a, b = articles(tmp_path)
    assert (a.title, a.text) == ("Một", TEXT)
    assert (b.title, b.text) == ("Hai", TEXT2)


def test_csv_with_only_a_header_is_an_error(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text("title,text\n", encoding="utf-8")
    assert "no data rows" in only_error(path).reason


def test_utf16_tab_separated_export(tmp_path):
    path = tmp_path / "a.tsv"  # what spreadsheet programs call "Unicode text"
    path.write_bytes(f"title\ttext\r\nMột\t{TEXT}\r\n".encode("utf-16"))
    [article] = articles(path)
    assert (article.title, article.text) == ("Một", TEXT)


# --- HTML --------------------------------------------------------------------------------------

def test_html_page_main_text_and_metadata(fixtures):
    [article] = articles(fixtures / "readers" / "page.html")
    assert article.title == "Hải Phòng khởi công khu công nghiệp mới"
    assert article.published == "2022-03-10T08:45:00+07:00"
    assert article.author == "Quang Huy"
    assert article.url == "https://example.gov.vn/tin/hai-phong-kcn"
    assert article.text.startswith("Sáng 10/3/2022, Chủ tịch UBND thành phố Hải Phòng")
    assert "quyền lợi của người dân" in article.text
    assert "Trang chủ" not in article.text and "Bản quyền" not in article.text


def test_html_page_without_text_is_an_error(tmp_path):
    path = tmp_path / "a.htm"
    path.write_text("<html><head><title>x</title></head><body><script>var x = 1;</script></body></html>",
                    encoding="utf-8")
    assert "no article text" in only_error(path).reason


# --- compressed and archived -------------------------------------------------------------------

def test_gzip_of_each_format(tmp_path):
    (tmp_path / "a.jsonl.gz").write_bytes(gzip.compress(json.dumps({"text": TEXT}).encode() + b"\n"))
    (tmp_path / "b.txt.gz").write_bytes(gzip.compress(f"Tiêu đề\n30/08/2021\n\n{TEXT2}".encode()))
    (tmp_path / "c.csv.gz").write_bytes(gzip.compress(f'text\n"{TEXT}"\n'.encode()))
    a, b, c = articles(tmp_path)
    assert (a.text, b.text, b.title, c.text) == (TEXT, TEXT2, "Tiêu đề", TEXT)


def test_truncated_gzip_yields_what_came_before_and_one_error(tmp_path):
    lines = [json.dumps({"id": i, "text": f"Bài {i}. " + TEXT * 20}, ensure_ascii=False) for i in range(300)]
    data = gzip.compress(("\n".join(lines) + "\n").encode("utf-8"))
    path = tmp_path / "dump.jsonl.gz"
    path.write_bytes(data[: len(data) // 2])
    found = items(path)
    *good, error = found
    assert good and all(isinstance(a, Article) for a in good)
    assert [a.id for a in good] == [str(i) for i in range(len(good))]  # in order, nothing half-read
    assert len(good) < 300
    assert isinstance(error, ReadError) and "truncated" in error.reason
    assert f"{len(good)} complete lines" in error.reason and error.source.index == len(good) + 1


@pytest.mark.parametrize("name", ["a.txt.gz", "a.csv.gz", "a.json.gz"])
def test_truncated_gzip_of_whole_file_formats_is_an_error(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(gzip.compress(f"text\n{TEXT * 50}\n".encode())[:-30])
    found = items(path)
    assert isinstance(found[-1], ReadError) and "truncated" in found[-1].reason


def test_a_file_named_gz_that_is_not_gzip(tmp_path):
    path = tmp_path / "a.jsonl.gz"
    path.write_bytes(b'{"text": "plain"}\n')
    assert "not a valid gzip file" in only_error(path).reason


def test_zip_members_are_read_and_named(tmp_path):
    path = tmp_path / "bundle.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("b/tin.jsonl", json.dumps({"text": TEXT}) + "\n" + json.dumps({"text": TEXT2}) + "\n")
        archive.writestr("a/bai.txt", f"Tiêu đề\n30/08/2021\n\n{TEXT}")
        archive.writestr("a/.hidden.txt", "bỏ qua")
        archive.writestr("__MACOSX/a/._bai.txt", "bỏ qua")
        archive.writestr("readme.md", "bỏ qua")
        archive.writestr("c/nested.jsonl.gz", gzip.compress(json.dumps({"text": TEXT2}).encode()))
    found = articles(path)
    assert [(a.source.member, a.source.index) for a in found] == [
        ("a/bai.txt", 0), ("b/tin.jsonl", 1), ("b/tin.jsonl", 2), ("c/nested.jsonl.gz", 1)]
    assert all(a.source.path == str(path) for a in found)
    assert found[0].source.location() == f"{path}!a/bai.txt:0"


def test_broken_zip_is_an_error(tmp_path):
    path = tmp_path / "a.zip"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    assert "not a readable zip" in only_error(path).reason


# --- folders and paths -------------------------------------------------------------------------

def test_folders_recursive_sorted_hidden_and_unknown_skipped(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / ".git").mkdir()
    (tmp_path / "b" / "2.txt").write_text(TEXT2, encoding="utf-8")
    (tmp_path / "1.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("x", encoding="utf-8")
    (tmp_path / ".git" / "x.txt").write_text("x", encoding="utf-8")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    (tmp_path / "script.py").write_text("print()", encoding="utf-8")
    assert [a.text for a in articles(tmp_path)] == [TEXT, TEXT2]


def test_unknown_extension_named_explicitly_is_an_error(tmp_path):
    path = tmp_path / "notes.pdf"
    path.write_bytes(b"%PDF")
    assert "unsupported file type (.pdf)" in only_error(path).reason


def test_missing_path_is_an_error(tmp_path):
    error = only_error(tmp_path / "nowhere.jsonl")
    assert error.reason == "no such file or directory" and error.source.path.endswith("nowhere.jsonl")


# --- bad input, every format -------------------------------------------------------------------

FORMATS = ["a.txt", "a.jsonl", "a.json", "a.csv", "a.tsv", "a.html", "a.txt.gz", "a.jsonl.gz"]


def _store(path: Path, data: bytes) -> None:
    path.write_bytes(gzip.compress(data) if path.name.endswith(".gz") else data)


@pytest.mark.parametrize("name", FORMATS)
def test_empty_file_is_one_error(tmp_path, name):
    _store(tmp_path / name, b"")
    assert "empty" in only_error(tmp_path / name).reason


@pytest.mark.parametrize("name", FORMATS)
def test_binary_file_is_one_error(tmp_path, name):
    _store(tmp_path / name, bytes(range(256)) * 40)
    assert "binary file" in only_error(tmp_path / name).reason


@pytest.mark.parametrize("name", ["a.txt", "a.json", "a.jsonl", "a.csv"])
def test_undecodable_file_is_one_error(tmp_path, name):
    _store(tmp_path / name, bytes(range(0x80, 0x100)) * 20)
    assert "undecodable" in only_error(tmp_path / name).reason


def test_damaged_copies_of_the_samples_never_raise(tmp_path):
    import random

    rng = random.Random(7)
    samples = sorted(p for p in (ROOT / "data" / "raw").rglob("*") if p.is_file())
    for attempt in range(120):
        source = rng.choice(samples)
        data = bytearray(source.read_bytes())
        if attempt % 3 == 0:
            data = data[: rng.randrange(len(data) + 1)]  # cut anywhere, compressed or not
        else:
            for _ in range(rng.randint(1, 4)):
                data[rng.randrange(len(data))] = rng.randrange(256)
        path = tmp_path / f"{attempt}{''.join(source.suffixes[-2:])}"
        path.write_bytes(bytes(data))
        found = items(path)
        assert found and all(isinstance(i, (Article, ReadError)) for i in found)


def test_counts_add_up_over_a_folder_of_good_and_bad_files(tmp_path):
    write_jsonl(tmp_path / "a.jsonl", [{"text": TEXT}, {"title": "no text"}, {"text": TEXT2}])  # 3 articles
    (tmp_path / "b.txt").write_bytes(b"")                                                      # 1 (error)
    (tmp_path / "c.json").write_bytes(bytes(range(256)))                                       # 1 (error)
    (tmp_path / "d.csv").write_text(f"text\n{TEXT}\n\"{TEXT2}\"\n", encoding="utf-8")          # 2
    found = items(tmp_path)
    assert len(found) == 7
    assert sum(isinstance(i, Article) for i in found) == 4


def test_read_skips_errors_and_logs_each(tmp_path, caplog):
    write_jsonl(tmp_path / "a.jsonl", [{"text": TEXT}, {"title": "no text"}])
    (tmp_path / "b.txt").write_bytes(b"")
    with caplog.at_level(logging.WARNING, logger="policytext"):
        found = list(read(tmp_path))
    assert [a.text for a in found] == [TEXT]
    warnings = [r.getMessage() for r in caplog.records if r.name == "policytext"]
    assert len(warnings) == 2 and "a.jsonl:2" in warnings[0] and "b.txt:0" in warnings[1]


# --- encodings through the readers -------------------------------------------------------------

def test_legacy_and_utf16_txt_files(tmp_path):
    (tmp_path / "a.txt").write_bytes(f"Tiêu đề\r\n30/08/2021\r\n\r\n{TEXT}\r\n".encode("utf-16-le"))  # no BOM
    # TCVN3 "Bộ Công Thương phát động phong trào thi đua năm 2021" (bytes as Windows-1252 shows them)
    tcvn3 = "Bé C«ng Th\xad¬ng ph¸t ®éng phong trµo thi ®ua n¨m 2021".encode("latin-1")
    (tmp_path / "b.txt").write_bytes(tcvn3)
    vni = "Boä Coâng Thöông phaùt ñoäng phong traøo thi ñua naêm 2021".encode("cp1252")
    (tmp_path / "c.txt").write_bytes(vni)
    a, b, c = articles(tmp_path)
    assert (a.title, a.text) == ("Tiêu đề", TEXT)
    assert b.text == c.text == "Bộ Công Thương phát động phong trào thi đua năm 2021"


def test_windows_1258_jsonl(tmp_path):
    # "ộ" has no code of its own in Windows-1258: it is "ô" followed by the dot-below mark byte
    line = '{"text": "Bô\u0323 Công Thương phát đô\u0323ng thi đua năm 2021"}\n'
    (tmp_path / "a.jsonl").write_bytes(line.encode("cp1258"))
    [article] = articles(tmp_path / "a.jsonl")
    assert article.text == "Bộ Công Thương phát động thi đua năm 2021"


# --- the project's own samples and the shared reference data -----------------------------------

def test_every_sample_in_data_raw_reads_without_errors():
    found = articles(ROOT / "data" / "raw")
    assert len(found) >= 15
    assert all(a.text.strip() for a in found)


def test_seed_article(shared_data):
    [article] = articles(shared_data / "seed" / "moit-2021-08-30-thi-dua.txt")
    assert article.title.startswith("Ngành Công Thương quyết tâm")
    assert article.published == "2021-08-30T20:01:00+07:00"
    assert article.author == "Phương Thanh"
    assert article.text.startswith("TĐKT - Chiều 30/8")
    assert article.text.endswith("của cơ quan, đơn vị.")


def test_vntc_dump_reads_completely(shared_data):
    found = items(shared_data / "vntc" / "vntc-test-chinh-tri-xa-hoi.jsonl.gz")
    assert len(found) == 7567
    assert all(isinstance(a, Article) for a in found)
    assert found[0].id == "XH_NLD_T_ (8962)"


def test_messy_utf16_files_with_odd_names(shared_data):
    found = articles(shared_data / "messy")
    assert len(found) == 12
    assert all(a.title is None for a in found)  # the title runs into the body: nothing may be lost
    first = found[0]
    assert first.source.path.endswith("XH_NLD_T_ (8962).txt")
    assert first.text.startswith("Mạo hiểm rừng Đa Mi")
    assert "\r\n" in first.text and "\ufffd" not in "".join(a.text for a in found)


def test_a_csv_header_that_cannot_be_parsed_is_an_error_row():
    from policytext.io.readers import iter_bytes

    [error] = iter_bytes(b"\x00\x01\x00\x01\x00\x01\x00\r\x00\x01", "a.csv")  # found by hypothesis
    assert isinstance(error, ReadError) and error.reason.startswith("malformed CSV header")
