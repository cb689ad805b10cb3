"""Streaming readers: files and folders of articles in, one ``Article`` or ``ReadError`` at a time out.

Formats (by extension, also inside ``.gz`` and ``.zip``): one-article ``.txt`` (title line, optional
publication line, body, optional author line), ``.jsonl``/``.ndjson``, ``.json``, ``.csv``/``.tsv``
and ``.html``/``.htm``. Nothing here raises for bad input: every article the input holds becomes
exactly one ``Article`` or one ``ReadError`` whose ``Source`` says where (file, line/row/element,
archive member), so counts add up and nothing is lost silently.
"""

from __future__ import annotations

import codecs
import csv
import gzip
import json
import logging
import os
import re
import sys
import zipfile
import zlib
from dataclasses import dataclass, replace
from datetime import datetime, timedelta, timezone
from email.utils import parsedate_to_datetime
from functools import lru_cache
from itertools import chain
from pathlib import Path
from typing import IO, Any, Callable, Iterable, Iterator, Sequence

from ..model import Article, ReadError, Source
from ..resources import load_yaml
from .encodings import DecodeError, decode_as, decode_bytes, sniff_encoding

log = logging.getLogger("policytext")

# cells of 100 KB+ (whole articles) are normal in dumps; csv's default limit is 128 KB
csv.field_size_limit(min(sys.maxsize, 2**31 - 1))

FORMATS = {".txt": "txt", ".text": "txt", ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json",
           ".csv": "csv", ".tsv": "tsv", ".html": "html", ".htm": "html"}
CHUNK = 1 << 16
VIETNAM = timezone(timedelta(hours=7))  # times without an offset in Vietnamese news are local time
# what a damaged gzip or zip member raises while being read
_STREAM_ERRORS = (EOFError, OSError, zlib.error, zipfile.BadZipFile)
_CONTAINER_KEYS = ("articles", "data", "items", "records", "results", "docs")


@dataclass(frozen=True)
class FieldMap:
    """Where a JSON/CSV record keeps each article field: candidate names, tried in order.

    Dotted names reach into nested objects (``content.text``); names also match case-insensitively.
    """

    text: tuple[str, ...] = ("text", "content", "body", "article", "noi_dung")
    title: tuple[str, ...] = ("title", "headline", "tieu_de")
    published: tuple[str, ...] = ("published", "date", "published_at", "publish_date", "pubdate", "time",
                                  "datetime")
    url: tuple[str, ...] = ("url", "link", "source_url")
    id: tuple[str, ...] = ("id", "_id", "guid", "doc_id")
    author: tuple[str, ...] = ("author", "authors", "byline")

    def __post_init__(self) -> None:  # accept lists and single names too
        for name in ("text", "title", "published", "url", "id", "author"):
            object.__setattr__(self, name, _names(getattr(self, name)))

    def with_overrides(self, **names: str | Sequence[str] | None) -> "FieldMap":
        """A copy in which each given field is looked up only under the given name(s)."""
        unknown = set(names) - {"text", "title", "published", "url", "id", "author"}
        if unknown:
            raise TypeError(f"unknown field(s): {', '.join(sorted(unknown))}")
        return replace(self, **{k: _names(v) for k, v in names.items() if v})


def _names(value: str | Iterable[str]) -> tuple[str, ...]:
    return (value,) if isinstance(value, str) else tuple(value)


# --- public entry points -----------------------------------------------------------------------

def iter_items(path: str | os.PathLike[str], *, fields: FieldMap | None = None) -> Iterator[Article | ReadError]:
    """Every article in a file or folder (recursively, sorted, hidden files skipped), or why not."""
    fields = fields or FieldMap()
    path = Path(path)
    try:
        is_dir = path.is_dir()
        exists = is_dir or path.exists()
    except OSError as exc:
        yield ReadError(Source(str(path)), f"cannot access: {exc.strerror or exc}")
        return
    if is_dir:
        for item in _walk(path):
            if isinstance(item, ReadError):
                yield item
            else:
                yield from _read_path(item, fields, explicit=False)
    elif exists:
        yield from _read_path(path, fields, explicit=True)
    else:
        yield ReadError(Source(str(path)), "no such file or directory")


def read(path: str | os.PathLike[str], *, fields: FieldMap | None = None) -> Iterator[Article]:
    """Like ``iter_items`` but yields only articles; each error is logged as a warning."""
    for item in iter_items(path, fields=fields):
        if isinstance(item, ReadError):
            log.warning("skipped %s: %s", item.source.location(), item.reason)
        else:
            yield item


def file_format(name: str) -> tuple[str | None, bool]:
    """(format, gzipped) for a file name: ``("jsonl", True)`` for ``x.jsonl.gz``; format None if unknown."""
    lower = name.lower()
    gzipped = lower.endswith(".gz")
    if gzipped:
        lower = lower[:-3]
    elif lower.endswith(".zip"):
        return "zip", False
    return FORMATS.get(os.path.splitext(lower)[1]), gzipped


# --- files, folders and archives ---------------------------------------------------------------

def _hidden(name: str) -> bool:
    return name.startswith(".") or name.startswith("__MACOSX")


def _walk(folder: Path) -> Iterator[Path | ReadError]:
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        yield ReadError(Source(str(folder)), f"cannot list folder: {exc.strerror or exc}")
        return
    for entry in entries:
        if _hidden(entry.name):
            continue
        try:
            if entry.is_dir(follow_symlinks=False):
                yield from _walk(Path(entry.path))
            elif entry.is_file() and file_format(entry.name)[0] is not None:
                yield Path(entry.path)
        except OSError as exc:
            yield ReadError(Source(entry.path), f"cannot access: {exc.strerror or exc}")


def _read_path(path: Path, fields: FieldMap, explicit: bool) -> Iterator[Article | ReadError]:
    source = Source(str(path))
    kind, gzipped = file_format(path.name)
    if kind is None:
        if explicit:
            suffix = path.suffix or "no extension"
            yield ReadError(source, f"unsupported file type ({suffix}); supported: "
                                    f"{' '.join(sorted(FORMATS))} .zip, and any of these .gz")
        return
    if kind == "zip":
        yield from _read_zip(path, fields)
        return
    try:
        handle = open(path, "rb")
    except OSError as exc:
        yield ReadError(source, f"cannot open: {exc.strerror or exc}")
        return
    with handle:
        yield from _read_stream(handle, kind, gzipped, source, fields)


def _read_zip(path: Path, fields: FieldMap) -> Iterator[Article | ReadError]:
    source = Source(str(path))
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        yield ReadError(source, f"not a readable zip archive: {exc}")
        return
    with archive:
        members = sorted((i for i in archive.infolist() if not i.is_dir()), key=lambda i: i.filename)
        readable = 0
        for info in members:
            name = info.filename
            kind, gzipped = file_format(name)
            if any(_hidden(part) for part in name.split("/")) or kind in (None, "zip"):
                continue
            readable += 1
            member = replace(source, member=name)
            try:
                stream = archive.open(info)
            except (RuntimeError, NotImplementedError, zipfile.BadZipFile, OSError) as exc:  # encrypted, odd method
                yield ReadError(member, f"cannot open archive member: {exc}")
                continue
            with stream:
                yield from _read_stream(stream, kind, gzipped, member, fields)
        if not readable:
            yield ReadError(source, "zip archive holds no file of a supported type")


def _read_stream(stream: IO[bytes], kind: str, gzipped: bool, source: Source,
                 fields: FieldMap) -> Iterator[Article | ReadError]:
    if gzipped:
        stream = gzip.GzipFile(fileobj=stream, mode="rb")
    readers: dict[str, Callable[..., Iterator[Article | ReadError]]] = {
        "jsonl": _read_jsonl, "csv": _read_csv, "tsv": _read_csv,
        "txt": _read_txt, "json": _read_json, "html": _read_html,
    }
    produced = False
    for item in readers[kind](stream, source, fields, kind=kind):
        produced = True
        yield item
    if not produced:
        yield ReadError(source, "empty file")


def _stream_problem(exc: BaseException, progress: str) -> str:
    """What went wrong reading a compressed stream, and how far reading got (``progress``)."""
    if isinstance(exc, EOFError):
        return f"truncated compressed file: the data ends early, {progress}"
    if isinstance(exc, gzip.BadGzipFile):
        return f"not a valid gzip file ({exc}), {progress}"
    return f"corrupt data ({type(exc).__name__}: {exc}), {progress}"


def _read_all(stream: IO[bytes], source: Source) -> bytes | ReadError:
    parts: list[bytes] = []
    size = 0
    try:
        while chunk := stream.read(CHUNK):
            parts.append(chunk)
            size += len(chunk)
    except _STREAM_ERRORS as exc:
        return ReadError(source, _stream_problem(exc, f"{size:,} bytes read before the failure"))
    return b"".join(parts)


# --- lines, for the streaming formats ----------------------------------------------------------

def _byte_lines(stream: IO[bytes], first: bytes) -> Iterator[bytes]:
    """Complete lines (with their b"\\n"); a line cut off by a read error is never yielded."""
    pending = b""
    chunk = first
    while chunk:
        parts = chunk.split(b"\n")
        parts[0] = pending + parts[0]
        pending = parts.pop()
        for part in parts:
            yield part + b"\n"
        chunk = stream.read(CHUNK)  # may raise: the caller reports how far it got
    if pending:
        yield pending


def _text_lines(stream: IO[bytes]) -> Iterator[str | DecodeError]:
    """Decoded lines (ends kept), or a DecodeError in place of a line that would not decode.

    The encoding is chosen once from the start of the file; UTF-16/32 files are decoded whole.
    Raises DecodeError when the file as a whole is binary or undecodable.
    """
    first = stream.read(CHUNK)
    encoding = sniff_encoding(first, complete=len(first) < CHUNK)
    if encoding.startswith(("utf-16", "utf-32")):
        rest = stream.read()
        text = decode_as(first + rest, encoding)
        yield from (line + "\n" for line in text.split("\n")[:-1])
        if not text.endswith("\n"):
            yield text[text.rfind("\n") + 1:]
        return
    for number, raw in enumerate(_byte_lines(stream, first), 1):
        if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        try:
            if encoding.startswith("utf-8") or encoding == "ascii":
                yield raw.decode("utf-8")
            else:
                yield decode_as(raw, encoding)
        except (UnicodeDecodeError, DecodeError):
            try:  # one line in another encoding (a pasted Windows-1258 line)
                yield decode_bytes(raw)[0]
            except DecodeError:
                yield DecodeError(f"not valid {encoding}")


def _read_jsonl(stream: IO[bytes], source: Source, fields: FieldMap, **_: Any) -> Iterator[Article | ReadError]:
    number = 0
    try:
        for number, line in enumerate(_text_lines(stream), 1):
            here = replace(source, index=number)
            if isinstance(line, DecodeError):
                yield ReadError(here, f"line {number} is {line}, nor in any other known encoding")
            elif line.strip():
                yield _parse_json_line(line, here, fields)
    except DecodeError as exc:
        yield ReadError(source, str(exc))
    except _STREAM_ERRORS as exc:
        yield ReadError(replace(source, index=number + 1), _stream_problem(exc, f"{number:,} complete lines read"))


def _parse_json_line(line: str, source: Source, fields: FieldMap) -> Article | ReadError:
    try:
        value = json.loads(line)
    except json.JSONDecodeError as exc:
        return ReadError(source, f"broken JSON on line {source.index}: {exc.msg} at column {exc.colno}")
    return article_from_record(value, source, fields)


def _read_csv(stream: IO[bytes], source: Source, fields: FieldMap, kind: str = "csv",
              **_: Any) -> Iterator[Article | ReadError]:
    def lines() -> Iterator[str]:
        for number, line in enumerate(_text_lines(stream), 1):
            if isinstance(line, DecodeError):  # keep the row; mark what could not be read
                log.warning("%s: line %d is %s; the line is replaced by U+FFFD", source.location(), number, line)
                line = "\ufffd\n"
            yield line

    row_number = 0
    try:
        text_lines = lines()
        header_line = next(text_lines, None)
        if header_line is None:
            return
        delimiter = "\t" if kind == "tsv" else _guess_delimiter(header_line)
        rows = csv.reader(chain([header_line], text_lines), delimiter=delimiter)
        header = [name.strip() for name in next(rows)]
        while True:
            try:
                row = next(rows)
            except StopIteration:
                break
            except csv.Error as exc:
                row_number += 1
                yield ReadError(replace(source, index=row_number), f"malformed CSV row {row_number}: {exc}")
                continue
            if not any(cell.strip() for cell in row):
                continue
            row_number += 1
            here = replace(source, index=row_number)
            yield article_from_record(dict(zip(header, row)), here, fields)
        if row_number == 0:
            yield ReadError(source, "CSV file has a header but no data rows")
    except DecodeError as exc:
        yield ReadError(source, str(exc))
    except _STREAM_ERRORS as exc:
        yield ReadError(replace(source, index=row_number + 1),
                        _stream_problem(exc, f"{row_number:,} complete rows read"))


def _guess_delimiter(header: str) -> str:
    """The separator the header line uses most (header names rarely contain , ; tab or |)."""
    counts = {d: header.count(d) for d in (",", ";", "\t", "|")}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


# --- whole-file formats ------------------------------------------------------------------------

def _read_decoded(stream: IO[bytes], source: Source, first: bytes = b"") -> str | ReadError:
    data = _read_all(stream, source)
    if isinstance(data, ReadError):
        return data
    data = first + data
    if not data.strip():
        return ReadError(source, "empty file")
    try:
        text, encoding = decode_bytes(data)
    except DecodeError as exc:
        return ReadError(source, str(exc))
    if "replaced" in encoding:
        log.warning("%s: %s", source.location(), encoding)
    if not text.strip():
        return ReadError(source, "empty file (white space only)")
    return text


def _read_json(stream: IO[bytes], source: Source, fields: FieldMap, **_: Any) -> Iterator[Article | ReadError]:
    try:
        first = stream.read(CHUNK)
    except _STREAM_ERRORS as exc:
        yield ReadError(source, _stream_problem(exc, "nothing read"))
        return
    if first.lstrip(b" \t\r\n").removeprefix(b"\xef\xbb\xbf").lstrip(b" \t\r\n").startswith(b"["):
        try:
            utf8 = sniff_encoding(first, complete=len(first) < CHUNK).startswith("utf-8")
        except DecodeError:
            utf8 = False
        if utf8:  # the common case: a UTF-8 array, read element by element, never whole
            yield from _stream_json_array(stream, first, source, fields)
            return
    text = _read_decoded(stream, source, first)
    if isinstance(text, ReadError):
        yield text
        return
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        if exc.msg == "Extra data":  # JSON Lines saved as .json
            for number, line in enumerate(text.split("\n"), 1):
                if line.strip():
                    yield _parse_json_line(line, replace(source, index=number), fields)
            return
        yield ReadError(source, f"broken JSON: {exc.msg} at line {exc.lineno} column {exc.colno}")
        return
    if isinstance(value, dict):
        container = _article_list(value, fields)
        if container is None:
            yield article_from_record(value, source, fields)
            return
        value = container
    if not isinstance(value, list):
        yield ReadError(source, f"JSON holds {_json_type(value, article=True)}, not an object or an array of objects")
        return
    if not value:
        yield ReadError(source, "JSON array holds no articles")
    for index, element in enumerate(value):
        yield article_from_record(element, replace(source, index=index), fields)


_JSON_SPACE = re.compile(r"[ \t\r\n]*")


def _stream_json_array(stream: IO[bytes], first: bytes, source: Source,
                       fields: FieldMap) -> Iterator[Article | ReadError]:
    """The elements of a UTF-8 JSON array one at a time, holding about one element in memory."""
    decoder = codecs.getincrementaldecoder("utf-8-sig")()
    parse = json.JSONDecoder().raw_decode
    buffer, pos, index, at_end = decoder.decode(first), 0, 0, False
    want = CHUNK  # grows while one element spans several chunks

    def more() -> None:  # drop what is parsed, append the next chunk
        nonlocal buffer, pos, at_end
        chunk = stream.read(want)
        at_end = not chunk
        buffer = buffer[pos:] + decoder.decode(chunk, final=at_end)
        pos = 0

    def skip_space() -> str:  # the next significant character, "" at the end of the file
        nonlocal pos
        while True:
            pos = _JSON_SPACE.match(buffer, pos).end()
            if pos < len(buffer) or at_end:
                return buffer[pos:pos + 1]
            more()

    try:
        skip_space()
        pos += 1  # the "["
        while True:
            char = skip_space()
            if char == "]":
                break
            if index and char == ",":
                pos += 1
                skip_space()
            elif index or not char:
                yield ReadError(replace(source, index=index),
                                f"broken JSON array after element {index - 1}: expected ',' or ']'"
                                if char else "broken JSON: the array is not closed")
                return
            while True:
                try:
                    value, end = parse(buffer, pos)
                    break
                except json.JSONDecodeError as exc:
                    if at_end:
                        yield ReadError(replace(source, index=index), f"broken JSON in array element {index}: "
                                                                      f"{exc.msg}; the rest of the file is unread")
                        return
                    want = min(want * 2, 1 << 24)  # the element goes on in the next chunk; big ones: fewer re-parses
                    more()
            want = CHUNK
            yield article_from_record(value, replace(source, index=index), fields)
            index, pos = index + 1, end
        pos += 1
        if skip_space():
            yield ReadError(replace(source, index=index), "unexpected data after the JSON array")
        elif index == 0:
            yield ReadError(source, "JSON array holds no articles")
    except UnicodeDecodeError as exc:
        yield ReadError(replace(source, index=index), f"not valid UTF-8 after array element {index - 1}: {exc.reason}")
    except _STREAM_ERRORS as exc:
        yield ReadError(replace(source, index=index), _stream_problem(exc, f"{index:,} array elements read"))


def _article_list(document: dict, fields: FieldMap) -> list | None:
    """The list of articles in {"articles": [...]} or {"data": [...]}; None if ``document`` is one article."""
    if any(_lookup(document, name) is not _MISSING for name in fields.text):
        return None
    for key in _CONTAINER_KEYS:
        value = document.get(key)
        if isinstance(value, list) and (not value or isinstance(value[0], dict)):
            return value
    return None


def _read_txt(stream: IO[bytes], source: Source, fields: FieldMap, **_: Any) -> Iterator[Article | ReadError]:
    text = _read_decoded(stream, source)
    if isinstance(text, ReadError):
        yield text
        return
    layout = parse_txt_layout(text)
    if layout.body_start >= layout.body_end:
        yield ReadError(source, "no body text after the title and date lines")
        return
    yield Article(text=text[layout.body_start:layout.body_end], source=source, title=layout.title,
                  published=layout.published, author=layout.author)


def _read_html(stream: IO[bytes], source: Source, fields: FieldMap, **_: Any) -> Iterator[Article | ReadError]:
    html = _read_decoded(stream, source)
    if isinstance(html, ReadError):
        yield html
        return
    extracted = _extract_html(html)
    if extracted is None or not (extracted.get("text") or "").strip():
        yield ReadError(source, "no article text found in the HTML page")
        return
    text, title = extracted["text"], _clean(extracted.get("title"))
    if title and text.startswith(title + "\n"):  # the page's headline repeated as the first line
        text = text[len(title) + 1:]
    url = _clean(extracted.get("url"))
    yield Article(text=text.strip(), source=replace(source, url=url), title=title,
                  published=parse_published(extracted.get("date")), author=_clean(extracted.get("author")),
                  url=url)


def _extract_html(html: str) -> dict[str, Any] | None:
    import trafilatura  # imported on first use: it is slow to import and only HTML needs it

    try:
        document = trafilatura.bare_extraction(
            html, with_metadata=True, include_comments=False, include_tables=True,
            date_extraction_params={"extensive_search": True, "original_date": True,
                                    "outputformat": "%Y-%m-%dT%H:%M:%S%z"})
    except Exception as exc:  # trafilatura fails on some malformed pages: that page is an error row
        log.debug("trafilatura failed", exc_info=True)
        return {"text": "", "error": str(exc)}
    if document is None:
        return None
    return document if isinstance(document, dict) else document.as_dict()


# --- records (JSON objects, CSV rows) to articles ----------------------------------------------

_MISSING = object()


def article_from_record(record: Any, source: Source, fields: FieldMap) -> Article | ReadError:
    """An Article from one JSON object or CSV row, or a ReadError saying what is missing."""
    if not isinstance(record, dict):
        return ReadError(source, f"record is {_json_type(record, article=True)}, not a JSON object")
    text = None
    found_empty = found_other = None
    for name in fields.text:
        value = _lookup(record, name)
        if isinstance(value, str):
            if value.strip():
                text = value
                break
            found_empty = found_empty or name
        elif value is not _MISSING and value is not None:
            found_other = found_other or (name, value)
    if text is None:
        if found_empty:
            reason = f"text field '{found_empty}' is empty"
        elif found_other:
            reason = f"text field '{found_other[0]}' holds {_json_type(found_other[1], article=True)}, not a string"
        else:
            keys = ", ".join(list(map(str, record))[:12]) or "none"
            reason = f"no text field (looked for {', '.join(fields.text)}; the record has: {keys})"
        return ReadError(source, reason)
    url = _clean(_first(record, fields.url))
    identifier = _first(record, fields.id)
    if isinstance(identifier, bool) or not isinstance(identifier, (str, int)):
        identifier = None
    return Article(
        text=text,  # unchanged: annotations index it
        source=replace(source, url=url),
        title=_clean(_first(record, fields.title)),
        published=parse_published(_first(record, fields.published)),
        author=_author(_first(record, fields.author)),
        id=_clean(str(identifier)) if identifier is not None else None,
        url=url,
    )


def _lookup(record: dict, name: str) -> Any:
    """``record[name]``, or the dotted path ``a.b`` inside it; keys also match case-insensitively."""
    if name in record:
        return record[name]
    current: Any = record
    for part in name.split("."):
        if not isinstance(current, dict):
            return _MISSING
        if part in current:
            current = current[part]
            continue
        folded = {str(k).casefold(): k for k in current}
        key = folded.get(part.casefold(), _MISSING)
        if key is _MISSING:
            return _MISSING
        current = current[key]
    return current


def _first(record: dict, names: Sequence[str]) -> Any:
    for name in names:
        value = _lookup(record, name)
        if value is not _MISSING and value not in (None, "", [], {}):
            return value
    return None


def _clean(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    return " ".join(value.split()) or None


def _author(value: Any) -> str | None:
    if isinstance(value, list):
        names = [_clean(v.get("name") if isinstance(v, dict) else v) for v in value]
        return ", ".join(n for n in names if n) or None
    if isinstance(value, dict):
        return _clean(value.get("name"))
    return _clean(value)


def _json_type(value: Any, article: bool = False) -> str:
    name = {dict: "object", list: "array", str: "string", bool: "boolean", type(None): "null"}.get(
        type(value), "number")
    return (("an " if name[0] in "aeiou" else "a ") + name) if article else name


# --- publication dates -------------------------------------------------------------------------

_DMY = re.compile(r"(?<!\d)(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})(?!\d)")
_YMD = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
_TIME = re.compile(r"(?<![\d:])(\d{1,2})\s*[:hg]\s*(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*(AM|PM|SA|CH)?(?![\d:])",
                   re.IGNORECASE)
_ZONE = re.compile(r"\(?\s*(?:GMT|UTC)\s*([+-])\s*(\d{1,2})(?::?(\d{2}))?\s*\)?|(?<=\d)Z\b|(?<=\d)([+-])(\d{2}):?(\d{2})\b")
_LEFTOVER = re.compile(r"[\s,;|()\[\]\-–—:.T]+|\b(?:ngày|lúc|giờ|vào)\b", re.IGNORECASE)


def parse_published(value: Any) -> str | None:
    """A publication date as ISO 8601: ``2021-08-30T20:01:00+07:00`` or ``2021-08-30``; None if unreadable.

    Accepts ISO strings, Vietnamese ``30/08/2021 - 20:01`` (weekday and GMT+7 allowed), RFC 2822
    (RSS) and Unix timestamps. Times without an offset are taken as Vietnam time (+07:00).
    """
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        seconds = value / 1000 if value > 1e11 else value  # milliseconds in many JS-made dumps
        try:
            return datetime.fromtimestamp(seconds, VIETNAM).isoformat()
        except (OverflowError, OSError, ValueError):
            return None
    if not isinstance(value, str) or not value.strip() or len(value) > 120:
        return None
    value = value.strip()
    if value.isdigit() and len(value) >= 9:
        return parse_published(int(value))
    parsed = _parse_date_line(value, strict=False)
    if parsed:
        return parsed
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if moment is None:
        return None
    return (moment if moment.tzinfo else moment.replace(tzinfo=VIETNAM)).isoformat()


def _parse_date_line(line: str, strict: bool) -> str | None:
    """ISO date of a line holding only a date (and time, weekday, zone); with strict=False, any text."""
    date = _DMY.search(line)
    if date:
        day, month, year = (int(g) for g in date.groups())
    else:
        date = _YMD.search(line)
        if not date:
            return None
        year, month, day = (int(g) for g in date.groups())
    rest = line[:date.start()] + " " + line[date.end():]
    zone = _ZONE.search(rest)
    offset = VIETNAM
    if zone:
        if zone.group(0) == "Z":
            offset = timezone.utc
        else:
            sign, hours, minutes = (zone.group(1), zone.group(2), zone.group(3)) if zone.group(1) else (
                zone.group(4), zone.group(5), zone.group(6))
            delta = timedelta(hours=int(hours), minutes=int(minutes or 0))
            offset = timezone(-delta if sign == "-" else delta)
        rest = rest[:zone.start()] + " " + rest[zone.end():]
    time = _TIME.search(rest)
    hour = minute = second = None
    if time:
        hour, minute = int(time.group(1)), int(time.group(2))
        second = int(time.group(3) or 0)
        meridiem = (time.group(4) or "").upper()
        if meridiem in ("PM", "CH") and hour < 12:
            hour += 12
        elif meridiem in ("AM", "SA") and hour == 12:
            hour = 0
        rest = rest[:time.start()] + " " + rest[time.end():]
    if strict and _LEFTOVER.sub("", _without_date_words(rest)):
        return None
    try:
        if hour is None:
            return datetime(year, month, day).date().isoformat()
        return datetime(year, month, day, hour, minute, second, tzinfo=offset).isoformat()
    except ValueError:
        return None


def _without_date_words(text: str) -> str:
    return _date_words().sub(" ", text)


@lru_cache(maxsize=None)
def _date_words() -> re.Pattern[str]:
    vocabulary = load_yaml("readers.yaml")
    words = sorted(vocabulary["weekdays"] + vocabulary["date_prefixes"], key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, words)) + r")(?!\w)", re.IGNORECASE)


# --- the layout of a one-article .txt file -----------------------------------------------------

@dataclass(frozen=True)
class TxtLayout:
    title: str | None
    published: str | None
    author: str | None
    body_start: int  # the body is text[body_start:body_end], white space trimmed
    body_end: int


_TITLE_MAX_CHARS, _TITLE_MAX_WORDS = 200, 35
_BLANK_LINE = re.compile(r"[ \t]*\r?\n[ \t]*\r?\n")
_SENTENCE_BREAK = re.compile(r"[.!?…]\s+[A-ZĐÀ-ỸА-Я]")
_AUTHOR_WORD = re.compile(r"[^\W\d_]+")


def parse_txt_layout(text: str) -> TxtLayout:
    """Find title, publication line, body and author line; conservative: the body never loses text.

    With a publication line under it, the first line is the title. Without one, the first line is a
    title only if it clearly looks like one: short, no final punctuation, no sentence break inside,
    a blank line after it and more text after that (dumps such as VNTC run the title into the body).
    """
    lines = [(m.start(), m.end()) for m in re.finditer(r"[^\r\n]*\S[^\r\n]*", text)]  # non-blank lines
    if not lines:
        return TxtLayout(None, None, None, 0, 0)
    title = published = author = None
    head = 0
    first = text[lines[0][0]:lines[0][1]].strip()
    published = _date_line(first)
    if published:
        head = 1
    elif len(lines) > 1:
        second = text[lines[1][0]:lines[1][1]].strip()
        published = _date_line(second)
        if published and len(first) <= 2 * _TITLE_MAX_CHARS:
            title, head = first, 2
        else:
            published = None
            blank_after = bool(_BLANK_LINE.match(text, lines[0][1], lines[1][0]))
            if blank_after and _looks_like_title(first):
                title, head = first, 1
    if head >= len(lines):
        return TxtLayout(title, published, None, len(text), len(text))
    end = lines[-1][1]
    if len(lines) - head >= 2:
        last = text[lines[-1][0]:lines[-1][1]].strip()
        if _looks_like_author(last):
            author, end = last, lines[-2][1]
    start = lines[head][0]
    while text[start].isspace():
        start += 1
    while text[end - 1].isspace():
        end -= 1
    return TxtLayout(title, published, author, start, end)


def _date_line(line: str) -> str | None:
    return _parse_date_line(line, strict=True) if len(line) <= 80 else None


def _looks_like_title(line: str) -> bool:
    return (len(line) <= _TITLE_MAX_CHARS and len(line.split()) <= _TITLE_MAX_WORDS
            and not line.endswith((".", "!", "?", "…", ":", ";", ",")) and not _SENTENCE_BREAK.search(line)
            and (line[0].isupper() or line[0].isdigit() or line[0] in "\"“'‘«("))


def _looks_like_author(line: str) -> bool:
    words = line.split()
    if not 2 <= len(words) <= 5 or len(line) > 50:
        return False
    if not all(_AUTHOR_WORD.fullmatch(w) and w[0].isupper() for w in words):
        return False
    return words[0] not in _not_author_words()


@lru_cache(maxsize=None)
def _not_author_words() -> frozenset[str]:
    return frozenset(load_yaml("readers.yaml")["not_author_first_words"])
