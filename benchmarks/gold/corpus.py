"""The article dumps in ../shared/data, read by (source, id): what every gold file points into.

A gold line names its article by ``source`` and ``id``; the text stays in ../shared (licence rule):

- ``vntc-test-*.jsonl.gz`` (a bare name: the VNTC dumps under ``vntc/``), no publication date;
- ``modern/covid_era_2020_2021.jsonl.gz`` and ``modern/hung0310_news2025.jsonl.gz``: title,
  published (ISO, +07:00, or null), outlet, category;
- ``seed/moit-2021-08-30-thi-dua.txt``: the seed article, its body as ``evaluate.seed_article`` cuts it.

    python benchmarks/gold/corpus.py show SOURCE ID        # print one article, paragraphs numbered
"""

from __future__ import annotations

import gzip
import json
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterator

SHARED = Path(__file__).resolve().parents[3] / "shared" / "data"
VNTC = ("vntc-test-chinh-tri-xa-hoi.jsonl.gz", "vntc-test-kinh-doanh.jsonl.gz", "vntc-test-phap-luat.jsonl.gz")
COVID = "modern/covid_era_2020_2021.jsonl.gz"
NEWS_2025 = "modern/hung0310_news2025.jsonl.gz"
SEED = "seed/moit-2021-08-30-thi-dua.txt"
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


def path_of(source: str) -> Path:
    return SHARED / ("vntc/" + source if source.startswith("vntc-") else source)


def iter_source(source: str) -> Iterator[Item]:
    """Every article of one dump, in file order."""
    if source == SEED:
        from policytext.evaluation.extract import seed_article

        title, _, body = seed_article(path_of(source).read_text(encoding="utf-8"))
        yield Item(source, "moit-2021-08-30-thi-dua", 0, body, title, "2021-08-30T20:01:00+07:00",
                   "moit.gov.vn", "thi-dua")
        return
    with gzip.open(path_of(source), "rt", encoding="utf-8") as handle:
        for line, raw in enumerate(handle):
            row = json.loads(raw)
            if source.startswith("vntc-"):
                prefix = row["id"].split("_")[1]
                yield Item(source, row["id"], line, row["text"], None, None, VNTC_OUTLETS.get(prefix, prefix),
                           row.get("category"))
            else:
                yield Item(source, row["id"], line, row["text"], row.get("title"), row.get("published"),
                           row.get("outlet"), row.get("category"))


@lru_cache(maxsize=8)
def _by_id(source: str) -> dict[str, Item]:
    return {item.id: item for item in iter_source(source)}


def get(source: str, ident: str) -> Item:
    return _by_id(source)[ident]


def packet(items: list[Item], start_number: int = 1) -> str:
    """Articles as an annotator reads them: a header line, the title, numbered paragraphs."""
    out = []
    for number, item in enumerate(items, start=start_number):
        out.append(f"=== [{number}] source={item.source} id={item.id} outlet={item.outlet} "
                   f"published={item.published} category={item.category}")
        out.append(f"TITLE: {item.title}" if item.title else "TITLE: (none)")
        for n, paragraph in enumerate(p for p in item.text.split("\n") if p.strip()):
            out.append(f"[p{n + 1}] {paragraph.strip()}")
        out.append("")
    return "\n".join(out)


def main(argv: list[str]) -> int:
    if len(argv) == 3 and argv[0] == "show":
        print(packet([get(argv[1], argv[2])]))
        return 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
