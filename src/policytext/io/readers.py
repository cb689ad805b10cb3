"""Streaming readers: files and folders of articles in, one ``Article`` or ``ReadError`` at a time out.

Formats (by extension, also inside ``.gz`` and ``.zip``): one-article ``.txt`` (title line, optional
publication line, body, optional author line), ``.jsonl``/``.ndjson``, ``.json``, ``.csv``/``.tsv``
and ``.html``/``.htm``. Nothing here raises for bad input: every article the input holds becomes
exactly one ``Article`` or one ``ReadError`` whose ``Source`` says where (file, line/row/element,
archive member), so counts add up and nothing is lost silently. Two things do raise, because
they make a whole run useless: a path that does not exist (``read``) and a ``--text-field`` that
none of a file's first records has (``FieldNotFound``). Memory and decompression limits are in
``guards``; archive members are streamed, never extracted.
"""

from __future__ import annotations

import codecs
import csv
import gzip
import io
import json
import logging
import os
import zipfile
import zlib
from dataclasses import replace
from itertools import chain
from pathlib import Path
from typing import IO, Any, Callable, Iterator

from ..startcache import compile_regex
from ..model import Article, ReadError, Source
from .encodings import DecodeError, decode_bytes, sniff_encoding
from .fields import (MISSING, FieldMap, FieldNotFound, TextFieldProbe, article_from_record, clean, json_type,
                     lookup)
from .guards import (MAX_DOCUMENT_BYTES, MAX_LINE_BYTES, DecompressionBomb, InputTooLarge, gunzip, mib,
                     zip_archive_problem, zip_member_problem)
from .lines import CHUNK, LongLine, RowLines, text_lines
from .published import VIETNAM, parse_published
from .txt_layout import TxtLayout, parse_txt_layout

__all__ = ["FORMATS", "FieldMap", "FieldNotFound", "TxtLayout", "VIETNAM", "article_from_record", "count_items",
           "file_format", "iter_bytes", "iter_items", "parse_published", "parse_txt_layout", "read"]

log = logging.getLogger("policytext")

# cells of 100 KB+ (whole articles) are normal in dumps; csv's default limit is 128 KB. A cell over
# the line limit is a quote that never closed, swallowing the file: csv.Error, an error row.
csv.field_size_limit(MAX_LINE_BYTES)

FORMATS = {".txt": "txt", ".text": "txt", ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json",
           ".csv": "csv", ".tsv": "tsv", ".html": "html", ".htm": "html"}
# what a damaged gzip or zip member raises while being read (the guards' limits are OSErrors too)
_STREAM_ERRORS = (EOFError, OSError, zlib.error, zipfile.BadZipFile)
_CONTAINER_KEYS = ("articles", "data", "items", "records", "results", "docs")
_ONE_PER_FILE = ("txt", "html")  # formats holding one article per file


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


def count_items(path: str | os.PathLike[str], *, fields: FieldMap | None = None) -> Iterator[None]:
    """One ``None`` for each item ``iter_items(path)`` yields, found cheaply, for a progress bar's total:
    a JSON Lines file counts its non-blank lines (broken ones too: each is an error row) without
    parsing them, a ``.txt`` or ``.html`` file counts one without being read; CSV and JSON files are
    read as a run reads them. A generator, so a caller can stop counting at any point."""
    fields = fields or FieldMap()
    path = Path(path)
    if path.is_dir():
        for item in _walk(path):
            if isinstance(item, ReadError):
                yield None
            else:
                yield from _read_path(item, fields, explicit=False, counting=True)
    elif path.exists():
        yield from _read_path(path, fields, explicit=True, counting=True)
    else:
        yield None


def read(path: str | os.PathLike[str], *, fields: FieldMap | None = None) -> Iterator[Article]:
    """Like ``iter_items`` but yields only articles; each error is logged as a warning.

    Raises FileNotFoundError at once for a path that does not exist: a typo must not look like
    an empty dump.
    """
    if not os.path.exists(path):
        raise FileNotFoundError(f"no such file or folder: {os.fspath(path)}")
    return _articles_only(iter_items(path, fields=fields))


def _articles_only(items: Iterator[Article | ReadError]) -> Iterator[Article]:
    for item in items:
        if isinstance(item, ReadError):
            log.warning("skipped %s: %s", item.source.location(), item.reason)
        else:
            yield item


def iter_bytes(data: bytes, name: str, *, fields: FieldMap | None = None) -> Iterator[Article | ReadError]:
    """The articles of ``data`` read as a file called ``name`` would be (its extension picks the format)."""
    fields = fields or FieldMap()
    source = Source(name)
    kind, gzipped = file_format(name)
    if kind is None or kind == "zip":
        yield ReadError(source, f"unsupported file type for bytes: {name}")
        return
    yield from _read_stream(io.BytesIO(data), kind, gzipped, source, fields)


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
    """A hidden file or folder (".git", "__MACOSX"); "." and ".." in a member's path are not."""
    return (name.startswith(".") and name not in (".", "..")) or name.startswith("__MACOSX")


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


def _read_path(path: Path, fields: FieldMap, explicit: bool, counting: bool = False) -> Iterator[Article | ReadError]:
    source = Source(str(path))
    kind, gzipped = file_format(path.name)
    if counting and kind in _ONE_PER_FILE:
        yield None  # one article, or one error row
        return
    if kind is None:
        if explicit:
            suffix = path.suffix or "no extension"
            yield ReadError(source, f"unsupported file type ({suffix}); supported: "
                                    f"{' '.join(sorted(FORMATS))} .zip, and any of these .gz")
        return
    if kind == "zip":
        yield from _read_zip(path, fields, counting)
        return
    try:
        handle = open(path, "rb")
    except OSError as exc:
        yield ReadError(source, f"cannot open: {exc.strerror or exc}")
        return
    with handle:
        yield from _read_stream(handle, kind, gzipped, source, fields, counting)


def _read_zip(path: Path, fields: FieldMap, counting: bool = False) -> Iterator[Article | ReadError]:
    source = Source(str(path))
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        yield ReadError(source, f"not a readable zip archive: {exc}")
        return
    with archive:
        members = sorted((i for i in archive.infolist() if not i.is_dir()), key=lambda i: i.filename)
        problem = zip_archive_problem(members, _size(path))
        if problem:
            yield ReadError(source, problem)
            return
        readable = 0
        for info in members:
            name = info.filename  # a label only: members are streamed, never extracted to a path
            kind, gzipped = file_format(name)
            if any(_hidden(part) for part in name.split("/")) or kind in (None, "zip"):
                continue
            readable += 1
            member = replace(source, member=name)
            problem = zip_member_problem(info)
            if problem:
                yield ReadError(member, problem)
                continue
            try:
                stream = archive.open(info)
            except (RuntimeError, NotImplementedError, zipfile.BadZipFile, OSError) as exc:  # encrypted, odd method
                yield ReadError(member, f"cannot open archive member: {exc}")
                continue
            if counting and kind in _ONE_PER_FILE:
                yield None
                continue
            with stream:
                yield from _read_stream(stream, kind, gzipped, member, fields, counting)
        if not readable:
            yield ReadError(source, "zip archive holds no file of a supported type")


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _read_stream(stream: IO[bytes], kind: str, gzipped: bool, source: Source,
                 fields: FieldMap, counting: bool = False) -> Iterator[Article | ReadError]:
    if gzipped:
        stream = gunzip(stream)
    readers: dict[str, Callable[..., Iterator[Article | ReadError]]] = {
        "jsonl": _count_jsonl if counting else _read_jsonl, "csv": _read_csv, "tsv": _read_csv,
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
    if isinstance(exc, (DecompressionBomb, InputTooLarge)):
        return f"{exc}; {progress}, the rest is unread"
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
            if size > MAX_DOCUMENT_BYTES:
                return ReadError(source, f"file over the limit of {mib(MAX_DOCUMENT_BYTES)} for a file read whole "
                                         "(.txt, .html, a JSON document): split it, or write it as JSON Lines")
    except _STREAM_ERRORS as exc:
        return ReadError(source, _stream_problem(exc, f"{size:,} bytes read before the failure"))
    return b"".join(parts)


# --- lines, for the streaming formats ----------------------------------------------------------

def _read_jsonl(stream: IO[bytes], source: Source, fields: FieldMap, **_: Any) -> Iterator[Article | ReadError]:
    number = 0
    probe = TextFieldProbe(fields, source)
    try:
        for number, line in enumerate(text_lines(stream), 1):
            here = replace(source, index=number)
            if isinstance(line, DecodeError):
                yield ReadError(here, f"line {number} is {line}, nor in any other known encoding")
            elif isinstance(line, LongLine):
                yield ReadError(here, line.reason(number))
            elif line.strip():
                yield _parse_json_line(line, here, fields, probe)
        probe.finish()
    except DecodeError as exc:
        yield ReadError(source, str(exc))
    except _STREAM_ERRORS as exc:
        yield ReadError(replace(source, index=number + 1), _stream_problem(exc, f"{number:,} complete lines read"))


def _count_jsonl(stream: IO[bytes], source: Source, fields: FieldMap, **_: Any) -> Iterator[None]:
    """``_read_jsonl``'s items, counted: one per non-blank line (or line that would not decode)."""
    try:
        for line in text_lines(stream):
            if not isinstance(line, str) or line.strip():
                yield None
    except (DecodeError, *_STREAM_ERRORS):
        yield None  # the error row reading would give


def _parse_json_line(line: str, source: Source, fields: FieldMap,
                     probe: TextFieldProbe | None = None) -> Article | ReadError:
    try:
        value = json.loads(line)
    except json.JSONDecodeError as exc:
        return ReadError(source, f"broken JSON on line {source.index}: {exc.msg} at column {exc.colno}")
    except RecursionError:
        return ReadError(source, f"JSON on line {source.index} is nested too deeply to read")
    return article_from_record(value, source, fields, probe)


def _read_csv(stream: IO[bytes], source: Source, fields: FieldMap, kind: str = "csv",
              **_: Any) -> Iterator[Article | ReadError]:
    def decoded() -> Iterator[str]:
        for number, line in enumerate(text_lines(stream), 1):
            if isinstance(line, DecodeError):  # keep the row; mark what could not be read
                log.warning("%s: line %d is %s; the line is replaced by U+FFFD", source.location(), number, line)
                line = "\ufffd\n"
            elif isinstance(line, LongLine):  # rows may span lines: there is no skipping one safely
                raise InputTooLarge(line.reason(number).replace("; skipped", ""))
            yield line

    row_number = 0
    probe = TextFieldProbe(fields, source)
    try:
        lines = RowLines(decoded())
        header_line = next(lines, None)
        if header_line is None:
            return
        delimiter = "\t" if kind == "tsv" else _guess_delimiter(header_line)
        lines = RowLines(chain([header_line], lines.lines))
        rows = csv.reader(lines, delimiter=delimiter)
        try:
            header = [name.strip() for name in lines.next_row(rows)]
        except csv.Error as exc:
            yield ReadError(source, f"malformed CSV header: {exc}; no row could be read")
            return
        if lines.unclosed_quote():
            yield ReadError(source, "the CSV header has a quote that never closes: no row could be read")
            return
        while True:
            try:
                row = lines.next_row(rows)
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
            if lines.unclosed_quote():
                first_line = lines.line_number - len(lines.row) + 1
                yield ReadError(here, f"malformed CSV row {row_number}: the quoted cell opened on line {first_line} "
                                      "never closes; the row is skipped and the lines after its first are read "
                                      "again")
                lines = RowLines(iter(lines.row[1:]), line_number=first_line)
                rows = csv.reader(lines, delimiter=delimiter)
                continue
            yield article_from_record(dict(zip(header, row)), here, fields, probe)
        probe.finish()
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
    probe = TextFieldProbe(fields, source)
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        if exc.msg == "Extra data":  # JSON Lines saved as .json
            for number, line in enumerate(text.split("\n"), 1):
                if line.strip():
                    yield _parse_json_line(line, replace(source, index=number), fields, probe)
            probe.finish()
            return
        yield ReadError(source, f"broken JSON: {exc.msg} at line {exc.lineno} column {exc.colno}")
        return
    except RecursionError:
        yield ReadError(source, "JSON nested too deeply to read")
        return
    if isinstance(value, dict):
        container = _article_list(value, fields)
        if container is None:
            yield article_from_record(value, source, fields, probe)
            probe.finish()
            return
        value = container
    if not isinstance(value, list):
        yield ReadError(source, f"JSON holds {json_type(value, article=True)}, not an object or an array of objects")
        return
    if not value:
        yield ReadError(source, "JSON array holds no articles")
    for index, element in enumerate(value):
        yield article_from_record(element, replace(source, index=index), fields, probe)
    probe.finish()


_JSON_SPACE = compile_regex(r"[ \t\r\n]*")


def _stream_json_array(stream: IO[bytes], first: bytes, source: Source,
                       fields: FieldMap) -> Iterator[Article | ReadError]:
    """The elements of a UTF-8 JSON array one at a time, holding about one element in memory."""
    decoder = codecs.getincrementaldecoder("utf-8-sig")()
    parse = json.JSONDecoder().raw_decode
    buffer, pos, index, at_end = decoder.decode(first), 0, 0, False
    want = CHUNK  # grows while one element spans several chunks
    probe = TextFieldProbe(fields, source)

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
                    if len(buffer) - pos > MAX_LINE_BYTES:
                        yield ReadError(replace(source, index=index), f"JSON array element {index} is over the limit "
                                        f"of {mib(MAX_LINE_BYTES)} for one element; the rest of the file is unread")
                        return
                    want = min(want * 2, 1 << 24)  # the element goes on in the next chunk; big ones: fewer re-parses
                    more()
                except RecursionError:
                    yield ReadError(replace(source, index=index), f"JSON array element {index} is nested too deeply "
                                                                  "to read; the rest of the file is unread")
                    return
            want = CHUNK
            yield article_from_record(value, replace(source, index=index), fields, probe)
            index, pos = index + 1, end
        pos += 1
        probe.finish()
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
    if any(lookup(document, name) is not MISSING for name in fields.text):
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
    text, title = extracted["text"], clean(extracted.get("title"))
    if title and text.startswith(title + "\n"):  # the page's headline repeated as the first line
        text = text[len(title) + 1:]
    url = clean(extracted.get("url"))
    yield Article(text=text.strip(), source=replace(source, url=url), title=title,
                  published=parse_published(extracted.get("date")), author=clean(extracted.get("author")),
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
