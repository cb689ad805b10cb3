"""Build the theme model (src/policytext/resources/theme_model.npz) from the theme corpus's train split.

Labelled: the train split of benchmarks/gold/themes/corpus.jsonl (the test split is never read here),
plus the older VNTC theme gold (themes_dev.jsonl, themes_check.jsonl) as extra training rows unless
--no-extra. Unlabelled: every article of ../shared/data (VNTC, modern news) of 300-8,000 characters
that no gold file names; it gives the vocabulary, IDF and LSA projection, never labels. Seeded and
deterministic: same data, options and seed give the same model. Gold files added later (any task's) leave their
articles out of the unlabelled pool, so the shipped model rebuilds byte for byte from the gold files of the commit
that trained it (8f9fe87: checked 2026-12-07) and only nearly from later ones. Prints the cross-validated
comparison of lexicon alone, text model alone and their combinations on the train split.

    python benchmarks/train_theme_model.py [--out src/policytext/resources/theme_model.npz] [--seed 13]
        [--labelled N] [--unlabelled N] [--max-features N] [--lsa-dims N] [--folds K] [--later-rounds scored|extra|none]
        [--max-round N]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from policytext.evaluation.corpus import get, iter_source  # noqa: E402
from policytext.evaluation.theme_training import Article, Settings, train_model  # noqa: E402

GOLD = ROOT / "benchmarks" / "gold"
CORPUS = GOLD / "themes" / "corpus.jsonl"
EXTRA = (GOLD / "themes_dev.jsonl", GOLD / "themes_check.jsonl")  # older VNTC gold, older guideline
UNLABELLED_SOURCES = (
    "modern/hung0310_news2025.jsonl.gz",
    "modern/covid_era_2020_2021.jsonl.gz",
    "vntc-test-chinh-tri-xa-hoi.jsonl.gz",
    "vntc-test-kinh-doanh.jsonl.gz",
    "vntc-test-phap-luat.jsonl.gz",
)
LENGTHS = (300, 8000)


def _rows(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def gold_ids(folder: Path = GOLD) -> set[str]:
    """Ids of every article any gold file names (test split included): never unlabelled training text."""
    ids: set[str] = set()
    for path in folder.rglob("*.jsonl"):
        for line in path.read_text(encoding="utf-8").splitlines():
            try:
                row = json.loads(line)
            except json.JSONDecodeError:
                continue
            if isinstance(row, dict) and "id" in row:
                ids.add(str(row["id"]))
    return ids


# the corpus rounds the shipped model (resources/theme_model.npz) was trained on: round 5 was added to the corpus
# later and did not improve the cross-validation that compares models (round 1's train articles, later rounds as
# extra rows: micro F1 0.766 with rounds 2-4 and with rounds 2-5), so the model was not replaced
SHIPPED_MAX_ROUND = 4


def labelled_articles(shared: Path, extra: bool, limit: int, seed: int, later: str = "scored",
                      max_round: int = SHIPPED_MAX_ROUND) -> list[Article]:
    """The train split (never the test split) of rounds up to ``max_round``. ``later``: the corpus's rounds 2 and
    later (training articles drawn for the themes the models missed) are ``scored`` like round 1, only trained on
    (``extra``: cross-validation then scores round 1's train split alone, comparable with a model built without
    them), or left out (``none``)."""
    rows = [row for row in _rows(CORPUS) if row["split"] == "train"  # never the test split
            and row.get("round", 1) <= max_round]
    if later == "none":
        rows = [row for row in rows if row.get("round", 1) == 1]
    if limit:
        rows = random.Random(seed).sample(rows, min(limit, len(rows)))
    articles = []
    for row in rows:
        item = get(row["source"], row["id"], shared)
        scored = later == "scored" or row.get("round", 1) == 1
        articles.append(Article(item.title, item.text, frozenset(row["themes"]), scored=scored))
    if extra:
        for path in EXTRA:
            for row in _rows(path):
                item = get(row["source"], row["id"], shared)
                articles.append(Article(item.title, item.text, frozenset(row["themes"]), scored=False))
    return articles


def unlabelled_articles(shared: Path, limit: int, seed: int) -> list[tuple[str | None, str]]:
    exclude = gold_ids()
    pool = []
    for source in UNLABELLED_SOURCES:
        for item in iter_source(source, shared):
            if item.id not in exclude and LENGTHS[0] <= len(item.text) <= LENGTHS[1]:
                pool.append((source, item.id, item.title, item.text))
    pool.sort(key=lambda x: (x[0], x[1]))
    if limit and limit < len(pool):
        pool = random.Random(seed).sample(pool, limit)
    return [(title, text) for _, _, title, text in pool]


def main(argv: list[str] | None = None) -> None:
    defaults = Settings()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "src" / "policytext" / "resources" / "theme_model.npz")
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--seed", type=int, default=defaults.seed)
    parser.add_argument("--labelled", type=int, default=0, help="use N train articles drawn with the seed (0: all)")
    parser.add_argument("--unlabelled", type=int, default=0, help="use N unlabelled articles (0: all)")
    parser.add_argument("--no-extra", action="store_true", help="leave out the older VNTC gold")
    parser.add_argument("--later-rounds", choices=("scored", "extra", "none"), default="scored",
                        help="the corpus's rounds 2 and later: scored in cross-validation like round 1 (default), "
                             "trained on only, or left out")
    parser.add_argument("--max-round", type=int, default=SHIPPED_MAX_ROUND,
                        help=f"the corpus rounds to train on (default {SHIPPED_MAX_ROUND}: the shipped model's)")
    parser.add_argument("--max-features", type=int, default=defaults.max_features)
    parser.add_argument("--lsa-dims", type=int, default=defaults.lsa_dims)
    parser.add_argument("--folds", type=int, default=defaults.folds)
    parser.add_argument("--keep-names", action="store_true", help="the text model reads names of bodies too")
    args = parser.parse_args(argv)

    started = time.perf_counter()
    settings = Settings(max_features=args.max_features, lsa_dims=args.lsa_dims, folds=args.folds, seed=args.seed,
                        mask_names=not args.keep_names)
    labelled = labelled_articles(args.shared, not args.no_extra, args.labelled, args.seed, args.later_rounds,
                                 args.max_round)
    unlabelled = unlabelled_articles(args.shared, args.unlabelled, args.seed)
    print(f"training on {len(labelled)} labelled and {len(unlabelled)} unlabelled articles (seed {args.seed})")
    model = train_model(labelled, unlabelled, settings=settings)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    model.save(args.out)
    size = args.out.stat().st_size
    print(f"wrote {args.out} ({size / 1024:.0f} KiB, {len(model.theme_ids)} themes, "
          f"{len(model.vocabulary)} n-grams) in {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
