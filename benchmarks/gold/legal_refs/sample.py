"""Draw the legal-reference gold: news articles citing documents, seeded and stratified by dump.

    python benchmarks/gold/legal_refs/sample.py draw [2|3|4|5|6|7|8|9]       # writes sample.jsonl (round N: sample-N.jsonl)
    python benchmarks/gold/legal_refs/sample.py packets OUT_DIR [2|3|4|5|6|7|8|9]  # annotator packets (texts stay outside the repo)

Candidates: articles of 300 to 6,000 characters containing a document type word ("Luật", "Nghị định",
"Nghị quyết", "Quyết định", "Chỉ thị", "Thông tư", "Công văn", "Kết luận", "Hiến pháp", "Bộ luật", "Pháp
lệnh", "công điện") or a code-like string ("/NĐ-CP", "-CT/TW", "/QĐ-"), not in any other gold file.
Quotas: the 2025 file 50, the 2020-21 file 20, VNTC 30 (10 per dump). Test split: half of each cell,
seeded; 20 double-labelled (10 test, 10 dev).

Round 2 (drawn once round 1's test split had been opened to develop on, as a fresh held-out test): the same
candidates, none in round 1 or any other gold file, seeded with SEED_NUMBER + 1; quotas the 2025 file 30,
the 2020-21 file 12, VNTC 21 (7 per dump); **every article is test**; 12 double-labelled.

Round 3 (drawn when round 2, the held-out test, stayed at F1 0.932 while round 1's dev and spent test gave 0.985
and 0.962: nothing left to learn from there): fresh articles to develop on, the same candidates, none in rounds
1-2 or any other gold file, seeded with SEED_NUMBER + 2; quotas the 2025 file 34, the 2020-21 file 12, VNTC 15 (5
per dump); **every article is dev**, never a test; 10 double-labelled.

Round 4 (drawn once round 3's differences had been used to write rules, F1 0.894 -> 0.947 there): more fresh
articles to develop on, drawn as round 3 (same quotas, 10 double-labelled), seeded with SEED_NUMBER + 3, none in
rounds 1-3 or any other gold file; **every article is dev**.

Round 5 (drawn when round 4's differences had been used to write rules and the held-out round 2 stood at F1 0.947
after three aggregate scorings, short of 0.97): more fresh articles to develop on, drawn as rounds 3 and 4 but with the
2020-21 file's quota moved to the 2025 file (the 2020-21 pool holds one article not yet drawn: 2025 file 46, VNTC 15;
10 double-labelled), seeded with SEED_NUMBER + 4, none in rounds 1-4 or any other gold file; **every article
is dev**.

Round 6 (drawn when the held-out round 2, scored three times, stood at F1 0.947 and rounds 3-5's rules had been
written: a second, fresh held-out test, to measure them on articles nobody has seen): the same candidates, none in
rounds 1-5 or any other gold file, seeded with SEED_NUMBER + 5; quotas the 2025 file 30, VNTC 21 (7 per dump; the
2020-21 pool is spent); **every article is test**; 10 double-labelled. Labelled and adjudicated before any extractor
runs on it.

Round 7 (drawn when the fresh held-out round 6, scored once, gave F1 0.926 with named references its weak class, F1
0.899): fresh articles of round 6's mix to develop on, scored once before any rule is written from them; the same
candidates, none in rounds 1-6 or any other gold file, seeded with SEED_NUMBER + 6; quotas the 2025 file 30, VNTC 21 (7
per dump); **every article is dev**; 10 double-labelled.

Round 8 (drawn when round 7, scored first at F1 0.863, had been used to write rules, 0.863 -> 0.917 there): more fresh
articles of the same mix to score those rules on before any rule is written from them; the same candidates, none in
rounds 1-7 or any other gold file, seeded with SEED_NUMBER + 7; quotas the 2025 file 30, VNTC 21 (7 per dump); **every
article is dev**; 10 double-labelled.

Round 9 (drawn when round 8, scored first at F1 0.909 (round 7's rules had not reached it), had been used to write
rules, 0.909 -> 0.929, and the held-out round 6 stayed at 0.931): more fresh articles of the same mix, scored once
before any rule is written from them; the same candidates, none in rounds 1-8 or any other gold file, seeded with
SEED_NUMBER + 8; quotas the 2025 file 30, VNTC 21 (7 per dump); **every article is dev**; 10 double-labelled.
"""

from __future__ import annotations

import json
import random
import re
import sys
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE.parents[2] / "src"))

from corpus import COVID, NEWS_2025, VNTC, get, iter_source, packet  # noqa: E402

SEED_NUMBER = 20261209
SAMPLE = HERE / "sample.jsonl"
SAMPLES = {1: SAMPLE, 2: HERE / "sample-2.jsonl", 3: HERE / "sample-3.jsonl", 4: HERE / "sample-4.jsonl",
           5: HERE / "sample-5.jsonl", 6: HERE / "sample-6.jsonl",
           7: HERE / "sample-7.jsonl", 8: HERE / "sample-8.jsonl", 9: HERE / "sample-9.jsonl"}
QUOTA = {NEWS_2025: 50, COVID: 20, VNTC[0]: 10, VNTC[1]: 10, VNTC[2]: 10}
QUOTAS = {1: QUOTA, 2: {NEWS_2025: 30, COVID: 12, VNTC[0]: 7, VNTC[1]: 7, VNTC[2]: 7},
          3: {NEWS_2025: 34, COVID: 12, VNTC[0]: 5, VNTC[1]: 5, VNTC[2]: 5},
          4: {NEWS_2025: 34, COVID: 12, VNTC[0]: 5, VNTC[1]: 5, VNTC[2]: 5},
          5: {NEWS_2025: 46, VNTC[0]: 5, VNTC[1]: 5, VNTC[2]: 5},
          6: {NEWS_2025: 30, VNTC[0]: 7, VNTC[1]: 7, VNTC[2]: 7},
          7: {NEWS_2025: 30, VNTC[0]: 7, VNTC[1]: 7, VNTC[2]: 7},
          8: {NEWS_2025: 30, VNTC[0]: 7, VNTC[1]: 7, VNTC[2]: 7},
          9: {NEWS_2025: 30, VNTC[0]: 7, VNTC[1]: 7, VNTC[2]: 7}}
DOUBLE_2 = 12
ALL_TEST = (2, 6)  # rounds drawn as held-out tests only
DOUBLE_3 = 10
CITES = re.compile(r"(?<!\w)(?:Luật|Nghị định|Nghị quyết|Quyết định|Chỉ thị|Thông tư|Công văn|công văn|Kết luận|"
                   r"Hiến pháp|Bộ luật|Pháp lệnh|công điện|Công điện)(?!\w)|/NĐ-CP|-CT/TW|/QĐ-|/NQ-|/TT-")


def _gold_ids(round_: int = 1) -> set[tuple[str, str]]:
    taken = set()
    for path in HERE.parent.rglob("*.jsonl"):
        # a later round leaves the earlier rounds' articles out (this folder's other files are the same articles)
        if path.parent == HERE and path not in [SAMPLES[r] for r in SAMPLES if r < round_]:
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                if "source" in row and "id" in row:
                    taken.add((row["source"], row["id"]))
    return taken


def draw(round_: int = 1) -> list[dict]:
    rng = random.Random(SEED_NUMBER + round_ - 1)
    taken = _gold_ids(round_)
    rows = []
    for source, quota in QUOTAS[round_].items():
        pool = [i for i in iter_source(source) if 300 <= len(i.text) <= 6000 and (i.source, i.id) not in taken
                and CITES.search(i.text)]
        for item in rng.sample(pool, quota):
            rows.append({"source": item.source, "id": item.id, "line": item.line, "published": item.published})
    cells = defaultdict(list)
    for row in rows:
        cells[row["source"] if row["source"] not in VNTC else "vntc"].append(row)
    for key in sorted(cells):
        # rounds 2 and 6 are tests only, rounds 3 to 5 and 7 to 9 dev sets only
        n_test = len(cells[key]) if round_ in ALL_TEST else 0 if round_ >= 3 else len(cells[key]) // 2
        test = set(rng.sample(range(len(cells[key])), n_test))
        for i, row in enumerate(cells[key]):
            row["split"] = "test" if i in test else "dev"
    if round_ > 1:
        for row in rng.sample(rows, DOUBLE_3 if round_ >= 3 else DOUBLE_2):
            row["double"] = True
    else:
        for split in ("test", "dev"):
            for row in rng.sample([r for r in rows if r["split"] == split], 10):
                row["double"] = True
    order = list(range(len(rows)))
    rng.shuffle(order)
    for position, index in enumerate(order):
        rows[index]["batch"] = position % 2 + 1
        rows[index].setdefault("double", False)
        if round_ > 1:
            rows[index]["round"] = round_
    return rows


def packets(out_dir: Path, round_: int = 1) -> None:
    rows = [json.loads(line) for line in SAMPLES[round_].read_text(encoding="utf-8").splitlines()]
    out_dir.mkdir(parents=True, exist_ok=True)
    for batch in (1, 2):
        picked = [r for r in rows if r["batch"] == batch]
        (out_dir / f"batch-{batch}.txt").write_text(packet([get(r["source"], r["id"]) for r in picked]),
                                                    encoding="utf-8")
        other = [r for r in rows if r["double"] and r["batch"] != batch]
        (out_dir / f"batch-{batch}-double.txt").write_text(packet([get(r["source"], r["id"]) for r in other]),
                                                           encoding="utf-8")


def main(argv: list[str]) -> int:
    if argv[:1] == ["draw"] and len(argv) <= 2:
        round_ = int(argv[1]) if len(argv) == 2 else 1
        rows = draw(round_)
        SAMPLES[round_].write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
        print(f"{len(rows)} articles -> {SAMPLES[round_]}")
        return 0
    if len(argv) in (2, 3) and argv[0] == "packets":
        packets(Path(argv[1]), int(argv[2]) if len(argv) == 3 else 1)
        return 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
