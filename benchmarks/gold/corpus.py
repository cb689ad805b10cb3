"""The article dumps in ../shared/data, read by (source, id): what every gold file points into.

A gold line names its article by ``source`` and ``id``; the text stays in ../shared (licence rule):

- ``vntc-test-*.jsonl.gz`` (a bare name: the VNTC dumps under ``vntc/``), no publication date;
- ``modern/covid_era_2020_2021.jsonl.gz`` and ``modern/hung0310_news2025.jsonl.gz``: title,
  published (ISO, +07:00, or null), outlet, category;
- ``seed/moit-2021-08-30-thi-dua.txt``: the seed article, its body as ``evaluate.seed_article`` cuts it.

The reading itself is ``policytext.evaluation.corpus`` (also used by ``policytext eval themes``);
this module fixes the shared folder and adds the annotators' packets.

    python benchmarks/gold/corpus.py show SOURCE ID        # print one article, paragraphs numbered
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Iterator

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "src"))

from policytext.evaluation import corpus as _corpus  # noqa: E402
from policytext.evaluation.corpus import VNTC_OUTLETS, Item  # noqa: E402,F401

SHARED = Path(__file__).resolve().parents[3] / "shared" / "data"
VNTC = ("vntc-test-chinh-tri-xa-hoi.jsonl.gz", "vntc-test-kinh-doanh.jsonl.gz", "vntc-test-phap-luat.jsonl.gz")
COVID = "modern/covid_era_2020_2021.jsonl.gz"
NEWS_2025 = "modern/hung0310_news2025.jsonl.gz"
SEED = _corpus.SEED_SOURCE


def path_of(source: str) -> Path:
    return _corpus.path_of(source, SHARED)


def iter_source(source: str) -> Iterator[Item]:
    """Every article of one dump, in file order."""
    return _corpus.iter_source(source, SHARED)


def get(source: str, ident: str) -> Item:
    return _corpus.get(source, ident, SHARED)


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
