"""Word-segmentation precision, recall and F1 on UD Vietnamese-VTB (default: the test split).

    python benchmarks/segmentation.py [--gold PATH] [--segmenter pyvi|underthesea]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from policytext.evaluation.segmentation import score_segmentation

DEFAULT_GOLD = Path(__file__).resolve().parents[1].parent / "shared/data/ud-vtb/vi_vtb-ud-test.conllu"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD)
    parser.add_argument("--segmenter", default="pyvi", choices=["pyvi", "underthesea"])
    args = parser.parse_args()
    if not args.gold.is_file():
        print(f"gold file not found: {args.gold}", file=sys.stderr)
        return 1
    started = time.perf_counter()
    score = score_segmentation(args.gold, args.segmenter)
    print(score.report(args.segmenter))
    print(f"time: {time.perf_counter() - started:.1f} s; target F1 >= 0.974: {'met' if score.f1 >= 0.974 else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
