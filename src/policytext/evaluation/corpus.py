"""Gold articles read from the shared dumps by (source, id): the texts every gold file points into.

A gold line names its article by ``source`` and ``id``; the text stays in ``../shared/data`` (the
modern texts may not be copied at all):

- ``vntc-test-*.jsonl.gz`` (a bare name: the VNTC dumps under ``vntc/``): no title, no date;
- ``modern/*.jsonl.gz``: title, published (ISO, +07:00, or null), outlet, category;
- ``seed/moit-2021-08-30-thi-dua.txt``: the seed article, its body as ``extract.seed_article`` cuts it.

``benchmarks/gold/corpus.py`` (the annotators' packets) reads through this module.
"""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator

from .extract import MissingData, seed_article

SEED_SOURCE = "seed/moit-2021-08-30-thi-dua.txt"
VNTC_OUTLETS = {"VNE": "vnexpress.net", "NLD": "nld.com.vn", "TT": "tuoitre.vn", "TN": "thanhnien.vn"}


@dataclass(frozen=True, slots=True)
class Item:
    source: str
    id: str
    line: int
    text: str
    title: str | None = None
    published: str | None = None
    outlet: str | None = None
    category: str | None = None


def path_of(source: str, shared_dir: str | Path) -> Path:
    """Where a gold ``source`` lives under ``shared_dir`` (…/shared/data)."""
    return Path(shared_dir) / ("vntc/" + source if source.startswith("vntc-") else source)


def iter_source(source: str, shared_dir: str | Path) -> Iterator[Item]:
    """Every article of one dump, in file order."""
    path = path_of(source, shared_dir)
    if not path.is_file():
        raise MissingData(f"{path}: the dump named by the gold ('{source}') is not there")
    if source == SEED_SOURCE:
        title, _, body = seed_article(path.read_text(encoding="utf-8"))
        yield Item(source, "moit-2021-08-30-thi-dua", 0, body, title, "2021-08-30T20:01:00+07:00",
                   "moit.gov.vn", "thi-dua")
        return
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line, raw in enumerate(handle):
            row = json.loads(raw)
            if source.startswith("vntc-"):
                prefix = row["id"].split("_")[1] if "_" in row["id"] else ""
                yield Item(source, row["id"], line, row["text"], None, None, VNTC_OUTLETS.get(prefix, prefix),
                           row.get("category"))
            else:
                yield Item(source, row["id"], line, row["text"], row.get("title"), row.get("published"),
                           row.get("outlet"), row.get("category"))


@lru_cache(maxsize=8)
def _by_id(source: str, shared_dir: str) -> dict[str, Item]:
    return {item.id: item for item in iter_source(source, shared_dir)}


def get(source: str, ident: str, shared_dir: str | Path) -> Item:
    """One article; MissingData names the dump and the id when it is not there."""
    items = _by_id(source, str(Path(shared_dir)))
    if ident not in items:
        raise MissingData(f"article {ident!r} not in {path_of(source, shared_dir)}")
    return items[ident]


def get_many(rows: Iterable[dict], shared_dir: str | Path) -> dict[tuple[str, str], Item]:
    """The articles of gold rows (each with ``source`` and ``id``), by (source, id)."""
    return {(row["source"], row["id"]): get(row["source"], row["id"], shared_dir) for row in rows}
