"""Build the theme model by weak supervision over VNTC (or any JSON Lines dump with a "text" field).

The lexicon labels the articles it is sure about; per-theme logistic regressions over hashed
syllable 1-2-grams learn from them (see policytext.evaluation.theme_training). Seeded and deterministic:
same inputs, sample and seed give the same file. Articles of the dev gold and of the held-out
check set are left out, so that benchmarks/eval_themes.py measures the model on text it never saw
and the check set stays an honest estimate.

    PYTHONPATH=src python benchmarks/train_theme_model.py ../shared/data/vntc/*.jsonl.gz \
        --out src/policytext/resources/theme_model.npz [--sample N] [--seed 13]
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from policytext.evaluation.theme_training import train_model  # noqa: E402

GOLD_FILES = (
    ROOT / "benchmarks" / "gold" / "themes_dev.jsonl",
    ROOT / "benchmarks" / "gold" / "themes_check.jsonl",  # held out: the model must never see it
)


def gold_ids(paths=GOLD_FILES) -> set[str]:
    """Ids of every labelled article (dev gold and check set): never training text."""
    ids: set[str] = set()
    for path in paths:
        if path.is_file():
            ids |= {json.loads(line)["id"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()}
    return ids


def read_articles(paths: list[Path], exclude: set[str]) -> list[tuple[str, str]]:
    articles = []
    for path in paths:
        opener = gzip.open if path.suffix == ".gz" else open
        with opener(path, "rt", encoding="utf-8") as handle:
            for line in handle:
                item = json.loads(line)
                article_id = str(item.get("id", len(articles)))
                if article_id not in exclude and item.get("text"):
                    articles.append((article_id, item["text"]))
    return articles


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("inputs", nargs="+", type=Path, help="JSON Lines files (.jsonl or .jsonl.gz)")
    parser.add_argument("--out", type=Path, required=True, help="where to write the model (.npz)")
    parser.add_argument("--sample", type=int, default=0, help="train on N articles drawn with the seed (0: all)")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--keep-gold", action="store_true", help="do not leave the gold articles out")
    args = parser.parse_args(argv)

    exclude = set() if args.keep_gold else gold_ids()
    articles = read_articles(args.inputs, exclude)
    articles.sort()  # input order must not change the sample
    if args.sample and args.sample < len(articles):
        articles = random.Random(args.seed).sample(articles, args.sample)
    started = time.perf_counter()
    print(f"training on {len(articles)} articles ({len(exclude)} dev-gold and check-set articles left out)")
    model = train_model([text for _, text in articles], seed=args.seed)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    model.save(args.out)
    size = args.out.stat().st_size
    print(f"wrote {args.out} ({size / 1024:.0f} KiB, {len(model.theme_ids)} themes) in {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
