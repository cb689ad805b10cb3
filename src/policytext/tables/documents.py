"""``documents.parquet``: one row per document the articles of a run cite (RECORD.md "Legal references":
``doc_key``), with what an analyst counts: how many articles cite it, how often, and when.

    table = DocumentTable()
    for record in records:          # Record objects or record dicts (records.jsonl)
        table.add(record)
    rows = table.rows()             # list of dicts in SCHEMA's columns, sorted by articles citing, then key

or ``document_rows(records)`` for the same in one call. Memory grows with the number of distinct documents
and, per document, the ids of the articles citing it (a law cited by every article of a dump keeps every id).

Columns: ``doc_key``; ``doc_type`` (the key's type); ``code`` (the document's full code when known: its own,
the one a short mention resolved to, the registry's for a named law; else a bare number as written, or null for
a named document); ``name`` (a named document's name as most often written, or the registry's name of a coded
law); ``issuer`` (most often written); ``year``; ``n_articles`` and ``article_ids`` (sorted); ``n_mentions``;
``first_published`` and ``last_published`` (the ISO strings of the earliest and latest citing article with a
publication date; null when none has one). A reference without a ``doc_key`` (records of an older run) is
keyed here as the extractor would key an unresolved one: "<type>|<code>" or "<type>|<text>".
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any, Iterable, Mapping

import pyarrow as pa

_STR, _INT = pa.string(), pa.int64()
SCHEMA = pa.schema([
    ("doc_key", _STR), ("doc_type", _STR), ("code", _STR), ("name", _STR), ("issuer", _STR), ("year", _INT),
    ("n_articles", _INT), ("article_ids", pa.list_(_STR)), ("n_mentions", _INT),
    ("first_published", _STR), ("last_published", _STR),
])
_VIETNAM = timezone(timedelta(hours=7))
_POINTING_BACK = "legal_refs.anaphoric-mention"


def _get(item: Any, key: str) -> Any:
    return item.get(key) if isinstance(item, Mapping) else getattr(item, key, None)


def _moment(published: str | None) -> datetime | None:
    """A comparable time for an ISO date or date-time (a date is its midnight, Vietnam time when no zone)."""
    if not published:
        return None
    try:
        moment = datetime.fromisoformat(published)
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=_VIETNAM)


def key_of(ref: Any) -> str | None:
    """The reference's ``doc_key``, or the key of an unresolved reference for records without one."""
    key = _get(ref, "doc_key")
    if key:
        return key
    kind = _get(ref, "doc_type") or "Văn bản"
    code = _get(ref, "code")
    text = _get(ref, "text")
    if code:
        return f"{kind}|{code}"
    return f"{kind}|{' '.join(text.lower().split())}" if text else None


@dataclass
class _Document:
    doc_type: str
    code: str | None = None
    names: Counter = field(default_factory=Counter)
    issuers: Counter = field(default_factory=Counter)
    years: Counter = field(default_factory=Counter)
    articles: set = field(default_factory=set)
    mentions: int = 0
    first: tuple[datetime, str] | None = None
    last: tuple[datetime, str] | None = None


class DocumentTable:
    """Accumulates the documents of a stream of records (``add``) into rows (``rows``)."""

    def __init__(self) -> None:
        self._documents: dict[str, _Document] = {}

    def add(self, record: Any) -> None:
        article = _get(record, "id")
        published = _get(record, "published")
        moment = _moment(published)
        for ref in _get(record, "legal_refs") or []:
            key = key_of(ref)
            if key is None:
                continue
            kind, _, tail = key.partition("|")
            document = self._documents.get(key)
            if document is None:
                document = self._documents[key] = _Document(kind)
            document.mentions += 1
            document.articles.add(article)
            code = _get(ref, "resolved_code") or _get(ref, "code")
            if code and (document.code is None or len(code) > len(document.code)):
                document.code = code  # the fullest code any mention gives ("17/2020/NĐ-CP" over "17")
            if _get(ref, "code") is None and not _get(ref, "resolved_code") and _get(ref, "text") \
                    and _get(ref, "rule") != _POINTING_BACK:  # "Nghị định này" names nothing
                document.names[" ".join(_get(ref, "text").split())] += 1
            if _get(ref, "issuer"):
                document.issuers[_get(ref, "issuer")] += 1
            if _get(ref, "year"):
                document.years[int(_get(ref, "year"))] += 1
            if moment is not None:
                if document.first is None or moment < document.first[0]:
                    document.first = (moment, published)
                if document.last is None or moment > document.last[0]:
                    document.last = (moment, published)

    def rows(self) -> list[dict[str, Any]]:
        from ..extract.legal_refs.resolution import registry_names

        names = registry_names()
        out = []
        for key, document in self._documents.items():
            code = document.code
            name = document.names.most_common(1)[0][0] if document.names else names.get(code or "")
            year = document.years.most_common(1)[0][0] if document.years else _year_of(code)
            out.append({
                "doc_key": key, "doc_type": document.doc_type, "code": code, "name": name,
                "issuer": document.issuers.most_common(1)[0][0] if document.issuers else None,
                "year": year, "n_articles": len(document.articles),
                "article_ids": sorted(str(a) for a in document.articles if a is not None),
                "n_mentions": document.mentions,
                "first_published": document.first[1] if document.first else None,
                "last_published": document.last[1] if document.last else None,
            })
        return sorted(out, key=row_order)

    def table(self) -> pa.Table:
        return pa.Table.from_pylist(self.rows(), schema=SCHEMA)


def row_order(row: Mapping[str, Any]) -> tuple:
    """The order of ``documents.parquet``'s rows: most articles citing first, then most mentions, then key."""
    return -row["n_articles"], -row["n_mentions"], row["doc_key"]


def _year_of(code: str | None) -> int | None:
    """The year inside a state code ("15/2020/NĐ-CP" -> 2020), if it has one."""
    if not code:
        return None
    parts = code.split("/")
    return int(parts[1]) if len(parts) > 2 and parts[1].isdigit() and len(parts[1]) == 4 else None


def document_rows(records: Iterable[Any]) -> list[dict[str, Any]]:
    """One row per ``doc_key`` over ``records`` (see the module docstring for the columns)."""
    table = DocumentTable()
    for record in records:
        table.add(record)
    return table.rows()
