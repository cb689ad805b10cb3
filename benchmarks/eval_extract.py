"""Score the extractors on the hand-annotated dev gold and print the report.

    PYTHONPATH=src python benchmarks/eval_extract.py [--gold benchmarks/gold] [--shared ../shared/data]
                                                     [--predict-module module:function] [--json] [--details]

By default the predictor is ``policytext.analyze(text, published=…)``; ``--predict-module`` names
any ``function(text, published) -> record dict`` instead (e.g. to score one extractor alone).
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _predictor(target: str | None):
    from policytext.evaluation.extract import analyze_predictor

    if target is None:
        try:
            return analyze_predictor()
        except ImportError as error:
            sys.exit(f"policytext.analyze is not available ({error}); pass --predict-module module:function")
    module_name, _, function_name = target.partition(":")
    return getattr(importlib.import_module(module_name), function_name or "predict")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", default=str(ROOT / "benchmarks" / "gold"))
    parser.add_argument("--shared", default=str(ROOT.parent / "shared" / "data"))
    parser.add_argument("--predict-module", default=None, help="module:function(text, published) -> dict")
    parser.add_argument("--json", action="store_true", help="print the raw result as JSON")
    parser.add_argument("--details", action="store_true",
                        help="also list, per article, what was missed (-), added (+) or valued differently (~)")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT / "src"))
    from policytext.evaluation.extract import evaluate, format_report, load_gold

    if not Path(args.shared).is_dir():
        sys.exit(f"shared reference data not found at {args.shared}: the gold's article texts live there")
    gold = load_gold(args.gold)
    predict = _predictor(args.predict_module)
    started = time.perf_counter()
    result = evaluate(gold, predict, shared_dir=args.shared, details=args.details)
    elapsed = time.perf_counter() - started
    print(json.dumps(result, indent=1, ensure_ascii=False) if args.json else format_report(result))
    print(f"({result['articles']} articles in {elapsed:.2f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
