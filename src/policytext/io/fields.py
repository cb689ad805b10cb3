"""Article fields in JSON objects and CSV rows: where to look (``FieldMap``), what to take, and
the check that stops a run whose ``--text-field`` names a field the data does not have."""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from itertools import chain
from typing import Any, Iterable, Iterator, Sequence

from ..startcache import compile_regex
from ..model import Article, ReadError, Source
from .published import parse_published

FIELDS = ("text", "title", "published", "url", "id", "author")
KEEP_ALL = "all"  # --keep-fields all: every field of the input record but the text
PROBE_RECORDS = 100  # a --text-field that none of a file's first 100 records has is a mistake
_LONE_SURROGATE = compile_regex("[\ud800-\udfff]")  # left by JSON "\\ud83d" escapes without their pair


def writable(value: str) -> str:
    """``value`` with lone surrogates replaced by U+FFFD, one character for one so offsets hold:
    no UTF-8 output (records, Parquet) can hold them, and one would stop the whole run."""
    return _LONE_SURROGATE.sub("\ufffd", value) if _LONE_SURROGATE.search(value) else value


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
    explicit: frozenset[str] = field(default=frozenset())  # fields the analyst named (with_overrides)
    keep: tuple[str, ...] = ()  # input fields carried into the record and articles table, or ("all",)

    def __post_init__(self) -> None:  # accept lists and single names too
        for name in FIELDS:
            object.__setattr__(self, name, _names(getattr(self, name)))
        object.__setattr__(self, "explicit", frozenset(self.explicit))
        keep = _names(self.keep)
        if KEEP_ALL in keep and len(keep) > 1:
            raise ValueError(f"keep fields: '{KEEP_ALL}' keeps every field, name no others beside it")
        if len(set(keep)) != len(keep) or any(not name.strip() for name in keep):
            raise ValueError(f"keep fields: names must be distinct and not empty, not {list(keep)}")
        object.__setattr__(self, "keep", keep)

    def with_keep(self, names: str | Sequence[str] | None) -> "FieldMap":
        """A copy that carries these input fields along (comma-separated names, or "all")."""
        if isinstance(names, str):
            names = [n.strip() for n in names.split(",") if n.strip()]
        return replace(self, keep=tuple(names or ()))

    @property
    def keeps_all(self) -> bool:
        return self.keep == (KEEP_ALL,)

    def with_overrides(self, **names: str | Sequence[str] | None) -> "FieldMap":
        """A copy in which each given field is looked up only under the given name(s)."""
        unknown = set(names) - set(FIELDS)
        if unknown:
            raise TypeError(f"unknown field(s): {', '.join(sorted(unknown))}")
        given = {k: _names(v) for k, v in names.items() if v}
        return replace(self, explicit=self.explicit | set(given), **given)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON for run.json: the names looked up for each field, and which were given."""
        return {**{name: list(getattr(self, name)) for name in FIELDS}, "explicit": sorted(self.explicit),
                "keep": list(self.keep)}


def _names(value: str | Iterable[str]) -> tuple[str, ...]:
    return (value,) if isinstance(value, str) else tuple(value)


MISSING = object()


def article_from_record(record: Any, source: Source, fields: FieldMap,
                        probe: "TextFieldProbe | None" = None) -> Article | ReadError:
    """An Article from one JSON object or CSV row, or a ReadError saying what is missing.

    ``probe`` (one per file) raises FieldNotFound when the analyst's text field is nowhere to be seen.
    """
    if probe is not None:
        probe.check(record)
    if not isinstance(record, dict):
        return ReadError(source, f"record is {json_type(record, article=True)}, not a JSON object")
    text = None
    found_empty = found_other = None
    # a field the analyst named is looked up where it says; otherwise the article may be one level
    # down ({"content": {"text": …, "title": …}}, or the columns content.text, content.title of a CSV
    # exported from it), and then its other fields are looked for there too
    scopes = chain([record], () if "text" in fields.explicit else _objects(record))
    for scope in scopes:
        for name in fields.text:
            value = lookup(scope, name)
            if isinstance(value, str):
                if value.strip():
                    text = value
                    break
                found_empty = found_empty or name
            elif value is not MISSING and value is not None and scope is record:
                found_other = found_other or (name, value)
        if text is not None:
            break
    if text is None:
        if found_empty:
            reason = f"text field '{found_empty}' is empty"
        elif found_other:
            reason = f"text field '{found_other[0]}' holds {json_type(found_other[1], article=True)}, not a string"
        else:
            keys = ", ".join(list(map(str, record))[:12]) or "none"
            reason = f"no text field (looked for {', '.join(fields.text)}; the record has: {keys})"
        return ReadError(source, reason)
    kept = _kept(record, fields, text) if fields.keep else None
    if scope is not record:
        record = {**scope, **record}  # the record's own fields first, then the article object's
    url = clean(_first(record, fields.url))
    identifier = _first(record, fields.id)
    if isinstance(identifier, bool) or not isinstance(identifier, (str, int)):
        identifier = None
    return Article(
        text=writable(text),  # otherwise unchanged: annotations index it
        source=replace(source, url=url),
        title=clean(_first(record, fields.title)),
        published=parse_published(_first(record, fields.published)),
        author=_author(_first(record, fields.author)),
        id=clean(str(identifier)) if identifier is not None else None,
        url=url,
        extra=kept,
    )


def _kept(record: dict, fields: FieldMap, text: str) -> dict[str, str | None]:
    """The input fields to carry along, as strings (JSON for numbers, lists and objects): the named
    ones (null where missing), or with "all" every field but the text and any object holding it."""
    if fields.keeps_all:
        return {str(k): _cell(v) for k, v in record.items() if not _holds(v, text)}
    return {name: _cell(lookup(record, name)) for name in fields.keep}


def _holds(value: Any, text: str) -> bool:
    return value is text or (isinstance(value, dict) and any(_holds(v, text) for v in value.values()))


def _cell(value: Any) -> str | None:
    if value is MISSING or value is None:
        return None
    if isinstance(value, str):
        return writable(value)
    return writable(json.dumps(value, ensure_ascii=False))


def lookup(record: dict, name: str) -> Any:
    """``record[name]``, or the dotted path ``a.b`` inside it; keys also match case-insensitively.

    Flattened names count as nested: a CSV exported from nested JSON has a column ``content.text``,
    which ``lookup(row, "content.text")`` finds as it finds ``{"content": {"text": …}}``, and
    ``lookup(row, "content")`` gives ``{"text": …}`` as it would from the nested object."""
    if name in record:
        return record[name]
    current: Any = record
    parts = name.split(".")
    i = 0
    while i < len(parts):
        if not isinstance(current, dict):
            return MISSING
        for j in range(len(parts), i, -1):  # the longest run of parts written as one key first
            key = _key(current, ".".join(parts[i:j]))
            if key is not MISSING:
                current, i = current[key], j
                break
        else:
            return _flattened(current, ".".join(parts[i:])) or MISSING
    return current


def _key(mapping: dict, name: str) -> Any:
    if name in mapping:
        return name
    folded = name.casefold()
    return next((k for k in mapping if str(k).casefold() == folded), MISSING)


def _flattened(mapping: dict, prefix: str) -> dict:
    """The keys under ``prefix.`` of a flattened object, without the prefix: {"text": …} for "content"."""
    folded = prefix.casefold() + "."
    return {str(k)[len(folded):]: v for k, v in mapping.items() if str(k).casefold().startswith(folded)}


def _objects(record: dict) -> Iterator[dict]:
    """The objects one level down in ``record``, nested (``{"content": {…}}``) or flattened
    (``content.text``, ``content.title`` columns), in the order of their first key."""
    seen: set[str] = set()
    for key, value in record.items():
        if isinstance(value, dict):
            yield value
        elif "." in str(key):
            prefix = str(key).split(".", 1)[0].casefold()
            if prefix not in seen and prefix not in (str(k).casefold() for k in record if isinstance(record[k], dict)):
                seen.add(prefix)
                yield _flattened(record, prefix)


def _first(record: dict, names: Sequence[str]) -> Any:
    for name in names:
        value = lookup(record, name)
        if value is not MISSING and value not in (None, "", [], {}):
            return value
    return None


def clean(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    return writable(" ".join(value.split())) or None


def _author(value: Any) -> str | None:
    if isinstance(value, list):
        names = [clean(v.get("name") if isinstance(v, dict) else v) for v in value]
        return ", ".join(n for n in names if n) or None
    if isinstance(value, dict):
        return clean(value.get("name"))
    return clean(value)


def json_type(value: Any, article: bool = False) -> str:
    name = {dict: "object", list: "array", str: "string", bool: "boolean", type(None): "null"}.get(
        type(value), "number")
    return (("an " if name[0] in "aeiou" else "a ") + name) if article else name


class FieldNotFound(ValueError):
    """The analyst's --text-field is in none of a file's first records: the run would only make
    error rows, so it stops and says which fields the file has."""


class TextFieldProbe:
    """Watches the first ``PROBE_RECORDS`` objects of one file, when the text field was given by name."""

    def __init__(self, fields: FieldMap, source: Source):
        self.active = "text" in fields.explicit
        self.fields = fields
        self.source = source
        self.seen = 0
        self.keys: dict[str, None] = {}  # in first-seen order

    def check(self, record: Any) -> None:
        if not self.active or not isinstance(record, dict):
            return
        if any(lookup(record, name) is not MISSING for name in self.fields.text):
            self.active = False  # found once: the name is right
            return
        self.seen += 1
        for key in record:
            self.keys.setdefault(str(key), None)
        if self.seen >= PROBE_RECORDS:
            self.fail()

    def finish(self) -> None:
        """At the end of a file shorter than the probe: none of its records had the field."""
        if self.active and self.seen:
            self.fail()

    def fail(self) -> None:
        where = self.source.path if self.source.member is None else f"{self.source.path}!{self.source.member}"
        names = " or ".join(repr(name) for name in self.fields.text)
        keys = list(self.keys)
        shown = ", ".join(keys[:30]) + (f" (and {len(keys) - 30} more)" if len(keys) > 30 else "")
        raise FieldNotFound(f"{where}: --text-field {names} matches nothing in its first {self.seen} records; "
                            f"the fields there are: {shown or 'none'}")
