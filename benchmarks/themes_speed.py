"""Cost of theme detection per article on VNTC (default: 1,000 articles, lexicon only).

    PYTHONPATH=src python benchmarks/themes_speed.py [--n 1000] [--model FILE]

Documents are built (normalised) before the clock starts: this times extract_themes alone.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from policytext.document import Document  # noqa: E402
from policytext.extract.themes import extract_themes, load_taxonomy  # noqa: E402
from policytext.themes.model import ThemeModel  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--vntc", type=Path, default=ROOT.parent / "shared" / "data" / "vntc")
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--model", type=Path, default=None, help="also time lexicon + this model")
    args = parser.parse_args()

    texts: list[str] = []
    files = sorted(args.vntc.glob("*.jsonl.gz"))
    per_file = -(-args.n // len(files))
    for path in files:
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            for i, line in enumerate(handle):
                if i >= per_file:
                    break
                texts.append(json.loads(line)["text"])
    texts = texts[: args.n]
    docs = [Document.from_text(text, segment=False) for text in texts]
    taxonomy = load_taxonomy(None)
    extract_themes(docs[0], taxonomy, model=False)  # build the automata outside the clock

    runs = [("lexicon", False)]
    if args.model:
        runs.append(("lexicon + model", ThemeModel.load(args.model)))
    for name, model in runs:
        started = time.perf_counter()
        labelled = sum(bool(extract_themes(doc, taxonomy, model=model)) for doc in docs)
        elapsed = time.perf_counter() - started
        chars = sum(len(doc.norm) for doc in docs) / len(docs)
        print(
            f"{name}: {elapsed / len(docs) * 1000:.3f} ms/article over {len(docs)} VNTC articles "
            f"(mean {chars:.0f} chars), {labelled} with at least one theme"
        )


if __name__ == "__main__":
    main()
