"""``places.parquet``: one row per place mention per article, so that analysts can ask which provinces
(or countries) a dump talks about: the place as written, its canonical name, its kind and the province or
centrally-run city it stands for on the publication date (``record.places``, layers/place_mentions.py)."""

from __future__ import annotations

from typing import Any, Iterable

import pyarrow as pa

from ..model import Record

PLACES_SCHEMA = pa.schema([
    ("article_id", pa.string()), ("published", pa.string()),
    ("name", pa.string()),  # as written (HTML character references decoded)
    ("canonical", pa.string()),  # "Hồ Chí Minh" for "TP.HCM", "huyện Cần Giờ", "Hoa Kỳ" for "Mỹ"
    ("kind", pa.string()),  # province, city, district, commune, country
    ("province", pa.string()),  # the province on the publication date ("Bình Dương" in 2026: "Hồ Chí Minh")
    ("start", pa.int64()), ("end", pa.int64()),
])


def place_rows(record: Record) -> list[dict[str, Any]]:
    """The rows one record contributes to ``places.parquet``."""
    return [{"article_id": record.id, "published": record.published, "name": p.text, "canonical": p.canonical,
             "kind": p.kind, "province": p.province, "start": p.start, "end": p.end} for p in record.places]


def places_table(records: Iterable[Record]) -> pa.Table:
    """``places.parquet`` of ``records`` as one table (small runs, tests); runs stream :func:`place_rows`."""
    return pa.Table.from_pylist([row for record in records for row in place_rows(record)], schema=PLACES_SCHEMA)
