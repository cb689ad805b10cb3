"""Cost of theme detection per article (lexicon alone, and the detector as shipped).

    python benchmarks/themes_speed.py [--n 1000] [--source vntc|modern|both] [--repeat 5] [--src DIR]

Articles: the first ones of each VNTC dump and/or of the modern news (with their titles). Documents
are built before the clock starts, with their sentences split as the pipeline does (segmentation
computes them anyway): this times extract_themes alone. Each variant runs --repeat times, alternating,
and the fastest pass in CPU time of the process is reported (the machine may be shared). --src DIR imports policytext from
another tree (e.g. an older commit unpacked with `git archive`) to compare before and after in one go.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _articles(shared: Path, source: str, n: int) -> list[tuple[str | None, str]]:
    files = []
    if source in ("vntc", "both"):
        files += sorted((shared / "vntc").glob("*.jsonl.gz"))
    if source in ("modern", "both"):
        files += [shared / "modern" / "hung0310_news2025.jsonl.gz", shared / "modern" / "covid_era_2020_2021.jsonl.gz"]
    per_file = -(-n // len(files))
    out = []
    for path in files:
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            for i, line in enumerate(handle):
                if i >= per_file:
                    break
                row = json.loads(line)
                out.append((row.get("title"), row["text"]))
    return out[:n]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--source", choices=("vntc", "modern", "both"), default="both")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--src", type=Path, default=ROOT / "src", help="the policytext source tree to time")
    args = parser.parse_args()
    sys.path.insert(0, str(args.src))

    from policytext.document import Document
    from policytext.extract.themes import extract_themes, load_taxonomy
    from policytext.text.segment import split_sentences

    docs = []
    for title, text in _articles(args.shared, args.source, args.n):
        doc = Document.from_text(text, title=title, segment=False)
        doc.sentences = split_sentences(doc.norm)
        docs.append(doc)
    taxonomy = load_taxonomy(None)
    variants = {"lexicon alone": False, "as shipped (default)": None}
    for model in variants.values():  # build automata, load the model, outside the clock
        for doc in docs:
            extract_themes(doc, taxonomy, model=model)
    best = {name: float("inf") for name in variants}
    labelled = {}
    for _ in range(args.repeat):
        for name, model in variants.items():
            started = time.process_time()
            labelled[name] = sum(bool(extract_themes(doc, taxonomy, model=model)) for doc in docs)
            best[name] = min(best[name], time.process_time() - started)
    chars = sum(len(doc.norm) for doc in docs) / len(docs)
    print(f"{args.src}: {len(docs)} articles ({args.source}, mean {chars:.0f} chars), best of {args.repeat}")
    for name in variants:
        print(f"  {name:22} {best[name] / len(docs) * 1000:.3f} ms/article, {labelled[name]} with a theme")


if __name__ == "__main__":
    main()
