"""Throughput of the pipeline on real articles, stage by stage.

    python benchmarks/throughput.py [--input PATH] [--limit N]

Prints milliseconds per article for reading, normalisation, segmentation and each extractor, and
articles per second for the whole single-process pipeline.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from pathlib import Path

from policytext.document import Document
from policytext.io.readers import iter_items
from policytext.model import Article
from policytext.pipeline import EXTRACTORS, Options, _extractor, _taxonomy
from policytext.text.segment import segment_document

DEFAULT_INPUT = Path(__file__).resolve().parents[1].parent / "shared/data/vntc/vntc-test-chinh-tri-xa-hoi.jsonl.gz"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--input", type=Path, default=DEFAULT_INPUT)
    parser.add_argument("--limit", type=int, default=500)
    args = parser.parse_args()
    if not args.input.exists():
        print(f"input not found: {args.input}", file=sys.stderr)
        return 1

    started = time.perf_counter()
    articles = [item for _, item in zip(range(args.limit), iter_items(args.input)) if isinstance(item, Article)]
    read_seconds = time.perf_counter() - started
    taxonomy = _taxonomy(Options().taxonomy, False)
    seconds: dict[str, float] = defaultdict(float)
    characters = 0
    for article in articles:
        characters += len(article.text)
        clock = time.perf_counter()
        doc = Document.from_text(article.text, segment=False)
        seconds["normalise"] += time.perf_counter() - clock
        clock = time.perf_counter()
        segment_document(doc)
        seconds["segment+pos"] += time.perf_counter() - clock
        for name, target in EXTRACTORS.items():
            function = _extractor(target)
            clock = time.perf_counter()
            function(doc, taxonomy) if name == "themes" else function(doc)
            seconds[name] += time.perf_counter() - clock
    n = len(articles)
    total = sum(seconds.values())
    print(f"{n} articles from {args.input.name}, {characters / max(n, 1):,.0f} characters on average")
    print(f"{'read':>14}: {1000 * read_seconds / n:7.2f} ms/article")
    for stage, value in seconds.items():
        print(f"{stage:>14}: {1000 * value / n:7.2f} ms/article  ({100 * value / total:4.1f}%)")
    print(f"{'analysis':>14}: {1000 * total / n:7.2f} ms/article -> {n / total:,.1f} articles/s in one process")
    return 0


if __name__ == "__main__":
    sys.exit(main())
