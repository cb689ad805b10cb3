"""Theme detection on a theme gold, lexicon alone and with the model, with the time each takes.

    python benchmarks/eval_themes.py [--gold benchmarks/gold/themes/corpus.jsonl] [--split test]
        [--model FILE] [--errors]

Texts are read from ../shared/data by (source, id), never copied. --errors lists the false positives
and negatives of each article, and is refused on a test split: its errors are never read.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from policytext.evaluation.themes import format_report, gold_documents, key, load_gold, score_themes  # noqa: E402
from policytext.extract.themes import extract_themes  # noqa: E402
from policytext.themes.model import ThemeModel, shipped_model  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=ROOT / "benchmarks" / "gold" / "themes" / "corpus.jsonl")
    parser.add_argument("--split", default=None, help="score only this split (train, test)")
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--model", type=Path, default=None, help="model .npz (default: the shipped one)")
    parser.add_argument("--errors", action="store_true", help="list every false positive and negative")
    args = parser.parse_args()
    if args.errors and (args.split == "test" or args.split is None and "themes/corpus" in str(args.gold)):
        parser.error("--errors is for the train split (or the older dev gold): the test split's errors are never read")

    rows = load_gold(args.gold, args.split)
    docs = gold_documents(rows, args.shared)
    gold = {key(row): set(row["themes"]) for row in rows}
    model = ThemeModel.load(args.model) if args.model else shipped_model()
    variants: list[tuple[str, object]] = [("lexicon alone", False)]
    if model is not None:
        variants.append((f"lexicon + model ({args.model.name if args.model else 'shipped'})", model))
    for name, variant in variants:
        started = time.process_time()
        pred = {k: {hit.id for hit in extract_themes(doc, model=variant)} for k, doc in docs.items()}
        elapsed = (time.process_time() - started) / len(docs) * 1000
        title = f"{args.gold.name}{' split ' + args.split if args.split else ''}: {name} [{elapsed:.2f} ms/article]"
        print(format_report(score_themes(gold, pred), title))
        if args.errors:
            for k in gold:
                fp, fn = pred[k] - gold[k], gold[k] - pred[k]
                if fp or fn:
                    print(f"    {k}: {docs[k].text[:70]!r} fp={sorted(fp)} fn={sorted(fn)}")
        print()


if __name__ == "__main__":
    main()
