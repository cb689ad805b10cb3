"""Throughput of the pipeline on real articles, stage by stage.

    python benchmarks/throughput.py [--input PATH] [--limit N] [--stages normalise,segment+pos]

Prints milliseconds per article for reading, normalisation, segmentation and each extractor, and
articles per second for the whole single-process pipeline. One-time costs (imports, loading models,
compiling patterns) are paid on a first article before the clock starts and are printed apart as
"setup", so the per-article figures are the steady state a long run sees.
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
from policytext.pipeline import EXTRACTORS, Options, run_extractor
from policytext.text.segment import segment_document

DEFAULT_INPUT = Path(__file__).resolve().parents[1].parent / "shared/data/vntc/vntc-test-chinh-tri-xa-hoi.jsonl.gz"
BASE_STAGES = ("normalise", "segment+pos")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--input", type=Path, default=DEFAULT_INPUT)
    parser.add_argument("--limit", type=int, default=500)
    parser.add_argument(
        "--stages", default=None,
        help=f"comma-separated stages to time (default: all): {', '.join((*BASE_STAGES, *EXTRACTORS))}",
    )
    args = parser.parse_args()
    if not args.input.exists():
        print(f"input not found: {args.input}", file=sys.stderr)
        return 1
    stages = _chosen_stages(args.stages)
    if stages is None:
        return 2

    started = time.perf_counter()
    articles = [item for _, item in zip(range(args.limit), iter_items(args.input)) if isinstance(item, Article)]
    read_seconds = time.perf_counter() - started
    if not articles:
        print(f"no articles in {args.input}", file=sys.stderr)
        return 1
    options = Options()
    extractors = [name for name in EXTRACTORS if name in stages]

    clock = time.perf_counter()
    _analyse(articles[0], stages, extractors, options, defaultdict(float))  # loads models, fills caches
    setup_seconds = time.perf_counter() - clock

    seconds: dict[str, float] = defaultdict(float)
    for article in articles:
        _analyse(article, stages, extractors, options, seconds)
    n = len(articles)
    characters = sum(len(article.text) for article in articles)
    total = sum(seconds.values())
    print(f"{n} articles from {args.input.name}, {characters / n:,.0f} characters on average")
    print(f"{'read':>14}: {1000 * read_seconds / n:7.2f} ms/article")
    print(f"{'setup':>14}: {1000 * setup_seconds:7.0f} ms once (imports, models, patterns; first article)")
    for stage, value in seconds.items():
        print(f"{stage:>14}: {1000 * value / n:7.2f} ms/article  ({100 * value / total:4.1f}%)"
              f"  {n / value if value else float('inf'):9,.0f} articles/s")
    print(f"{'analysis':>14}: {1000 * total / n:7.2f} ms/article -> {n / total:,.1f} articles/s in one process")
    return 0


def _chosen_stages(spec: str | None) -> set[str] | None:
    known = (*BASE_STAGES, *EXTRACTORS)
    if spec is None:
        return set(known)
    chosen = {s.strip() for s in spec.split(",") if s.strip()}
    unknown = chosen - set(known)
    if unknown:
        print(f"unknown stage(s) {', '.join(sorted(unknown))}; choose from {', '.join(known)}", file=sys.stderr)
        return None
    return chosen | {"normalise"}  # every later stage reads the normalised document


def _analyse(article: Article, stages: set[str], extractors: list[str], options: Options,
             seconds: dict[str, float]) -> None:
    clock = time.perf_counter()
    doc = Document.from_text(article.text, segment=False)
    seconds["normalise"] += time.perf_counter() - clock
    if "segment+pos" in stages:
        clock = time.perf_counter()
        segment_document(doc)
        seconds["segment+pos"] += time.perf_counter() - clock
    for name in extractors:
        clock = time.perf_counter()
        run_extractor(name, doc, options)
        seconds[name] += time.perf_counter() - clock


if __name__ == "__main__":
    sys.exit(main())
