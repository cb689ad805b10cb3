"""Legal-reference extraction measured on the 110 VLC laws (../shared/data/vlc-laws).

    PYTHONPATH=src python benchmarks/legal_refs_vlc.py [--sample 40] [--seed 7]

Prints, for the whole corpus:
- own number: each law's number in its header ("Luật số: 91/2015/QH13", "Số: 18-L/CTN") found as a
  reference with that exact canonical code;
- recall of numbered codes: every string an independent regex calls a code
  (``\\d+/\\d{4}/[A-ZĐ]…`` and Party-style ``\\d+-[A-ZĐ]…/[A-ZĐ]…``) must lie inside an extracted
  reference with the same number;
- counts by kind and doc_type, time per law;
- a seeded random sample of extracted references with context, to judge precision by eye;
  ``--news`` samples from VNTC news articles (../shared/data/vntc) instead, where names without
  numbers ("Luật Đất đai", "Quyết định 70") are most of what is found.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import sys
import time
from collections import Counter
from pathlib import Path

from policytext.document import Document
from policytext.extract.legal_refs import extract_legal_refs

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data"
DATA = SHARED / "vlc-laws" / "vlc-laws.jsonl.gz"
NEWS = sorted((SHARED / "vntc").glob("vntc-test-*.jsonl.gz"))

# independent of the extractor: deliberately simple, written from the corpus' conventions
STATE_CODE = re.compile(r"(?<![\w/.])(\d+)\s?/\s?(\d{4})\s?/\s?([A-ZĐÐ][A-Za-zĐđÐ0-9.]*(?:\s?-\s?[A-ZĐÐ][A-Za-zĐđÐ0-9]*)*(?: \d{1,2}\b)?)")
PARTY_CODE = re.compile(r"(?<![\w/.])(\d+)\s?-\s?([A-ZĐÐ][A-Za-zĐđÐ]*)\s?/\s?([A-ZĐÐ][A-Za-zĐđÐ0-9.]*)")
OWN_NUMBER = re.compile(r"(?:Luật số|Bộ luật số|Số|SỐ)\s*:*\s*(\d+[^\s,]*(?: \d{1,2}\b)?)")


def canonical(code: str) -> str:
    return code.replace(" ", "").replace("Ð", "Đ").rstrip(".:")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--sample", type=int, default=40, help="references to print for judging precision")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--misses", type=int, default=20, help="missed codes to print")
    parser.add_argument("--news", action="store_true", help="draw the precision sample from VNTC news")
    args = parser.parse_args()
    if not args.data.is_file():
        print(f"VLC laws not found at {args.data}", file=sys.stderr)
        return 2

    laws = [json.loads(line) for line in gzip.open(args.data, "rt", encoding="utf-8")]
    own_checked = own_found = 0
    own_missed: list[str] = []
    code_total = code_found = 0
    misses: list[str] = []
    all_refs: list[tuple[str, str, object]] = []
    kinds: Counter[str] = Counter()
    types: Counter[str] = Counter()
    elapsed = build = 0.0
    for law in laws:
        text = law["text"]
        t0 = time.perf_counter()
        doc = Document.from_text(text, segment=False)
        t1 = time.perf_counter()
        refs = extract_legal_refs(doc)
        build += t1 - t0
        elapsed += time.perf_counter() - t1
        for ref in refs:
            assert text[ref.start:ref.end] == ref.text, (law["id"], ref)
            kinds["numbered" if ref.code and ref.code != ref.number and "/" in ref.code else
                  "bare number" if ref.code else "named"] += 1
            types[ref.doc_type or "(none)"] += 1
            all_refs.append((law["id"], text, ref))

        own = OWN_NUMBER.search(text[:1500])
        if own:
            own_checked += 1
            want = canonical(own.group(1))
            if any(r.code == want for r in refs):
                own_found += 1
            else:
                own_missed.append(f"{law['id']}: {want}")

        for pattern in (STATE_CODE, PARTY_CODE):
            for m in pattern.finditer(text):
                code_total += 1
                hit = any(r.start <= m.start() < r.end and r.number == m.group(1) for r in refs)
                code_found += hit
                if not hit and len(misses) < args.misses:
                    misses.append(f"{law['id']}: …{text[max(0, m.start() - 50):m.end() + 15]!r}…")

    n_refs = len(all_refs)
    print(f"laws: {len(laws)}  references: {n_refs}  by kind: {dict(kinds)}")
    print(f"doc_type: {dict(types.most_common())}")
    print(f"own number found: {own_found}/{own_checked} = {own_found / max(own_checked, 1):.4f}"
          f"  (laws without a header number: {len(laws) - own_checked})")
    for line in own_missed:
        print("  own number missed:", line)
    print(f"numbered-code recall: {code_found}/{code_total} = {code_found / max(code_total, 1):.4f}")
    for line in misses:
        print("  missed:", line)
    print(f"time: extraction {elapsed:.2f} s ({1000 * elapsed / len(laws):.1f} ms per law), normalisation "
          f"{build:.2f} s, for {sum(len(l['text']) for l in laws) / 1e6:.1f} M characters")

    rng = random.Random(args.seed)
    if args.news:
        all_refs = list(news_refs())
        n_refs = len(all_refs)
        print(f"\nVNTC news: {n_refs} references")
    print(f"\nsample of {min(args.sample, n_refs)} references (judge precision by eye):")
    for law_id, text, ref in rng.sample(all_refs, min(args.sample, n_refs)):
        before = text[max(0, ref.start - 40):ref.start].replace("\n", " ")
        after = text[ref.end:ref.end + 25].replace("\n", " ")
        print(f"  [{law_id[:28]}] …{before}[[{ref.text}]]{after}…  -> {ref.doc_type} | {ref.code} | {ref.year} | {ref.issuer}")
    return 0


def news_refs(every: int = 4):
    """References in every ``every``-th VNTC test article (a quarter: ~4,000 articles)."""
    for path in NEWS:
        with gzip.open(path, "rt", encoding="utf-8") as lines:
            for i, line in enumerate(lines):
                if i % every == 1:
                    article = json.loads(line)
                    for ref in extract_legal_refs(Document.from_text(article["text"], segment=False)):
                        yield article["id"], article["text"], ref


if __name__ == "__main__":
    raise SystemExit(main())
