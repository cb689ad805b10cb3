"""Theme detection on the dev gold (benchmarks/gold/themes_dev.jsonl), with and without the model.

Article texts are read from ../shared/data/vntc (never copied into the repo).

    PYTHONPATH=src python benchmarks/eval_themes.py [--gold FILE] [--vntc DIR] [--model FILE] [--errors]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from policytext.document import Document  # noqa: E402
from policytext.evaluation.themes import format_report, load_gold, read_vntc_texts, score_themes  # noqa: E402
from policytext.extract.themes import extract_themes  # noqa: E402
from policytext.themes.model import USE_BY_DEFAULT, ThemeModel, shipped_model_path  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=ROOT / "benchmarks" / "gold" / "themes_dev.jsonl")
    parser.add_argument("--vntc", type=Path, default=ROOT.parent / "shared" / "data" / "vntc")
    parser.add_argument("--model", type=Path, default=None, help="model .npz (default: the shipped one)")
    parser.add_argument("--errors", action="store_true", help="list every false positive and negative")
    args = parser.parse_args()

    rows = load_gold(args.gold)
    texts = read_vntc_texts(rows, args.vntc)
    gold = {row["id"]: set(row["themes"]) for row in rows}
    docs = {article_id: Document.from_text(text, segment=False) for article_id, text in texts.items()}

    variants: list[tuple[str, object]] = [("lexicon only", False)]
    model_path = args.model or Path(str(shipped_model_path()))
    if model_path.is_file():
        variants.append((f"lexicon + model ({model_path.name})", ThemeModel.load(model_path)))
    else:
        print(f"(no model at {model_path}: build one with benchmarks/train_theme_model.py --out FILE, pass --model FILE)")
    for name, model in variants:
        started = time.perf_counter()
        pred = {i: {hit.id for hit in extract_themes(doc, model=model)} for i, doc in docs.items()}
        elapsed = (time.perf_counter() - started) / len(docs) * 1000
        print(format_report(score_themes(gold, pred), f"{name} [{elapsed:.2f} ms/article]"))
        if args.errors:
            for article_id in gold:
                fp, fn = pred[article_id] - gold[article_id], gold[article_id] - pred[article_id]
                if fp or fn:
                    print(f"    {article_id}: {texts[article_id][:70]!r} fp={sorted(fp)} fn={sorted(fn)}")
        print()
    print(f"model used by extract_themes() by default: {'yes' if USE_BY_DEFAULT else 'no (lexicon only)'}")


if __name__ == "__main__":
    main()
