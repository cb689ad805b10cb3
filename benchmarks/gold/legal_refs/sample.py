"""Draw the legal-reference gold: news articles citing documents, seeded and stratified by dump.

    python benchmarks/gold/legal_refs/sample.py draw             # writes benchmarks/gold/legal_refs/sample.jsonl
    python benchmarks/gold/legal_refs/sample.py packets OUT_DIR  # annotator packets (texts stay outside the repo)

Candidates: articles of 300 to 6,000 characters containing a document type word ("Luật", "Nghị định",
"Nghị quyết", "Quyết định", "Chỉ thị", "Thông tư", "Công văn", "Kết luận", "Hiến pháp", "Bộ luật", "Pháp
lệnh", "công điện") or a code-like string ("/NĐ-CP", "-CT/TW", "/QĐ-"), not in any other gold file.
Quotas: the 2025 file 50, the 2020-21 file 20, VNTC 30 (10 per dump). Test split: half of each cell,
seeded; 20 double-labelled (10 test, 10 dev).
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
QUOTA = {NEWS_2025: 50, COVID: 20, VNTC[0]: 10, VNTC[1]: 10, VNTC[2]: 10}
CITES = re.compile(r"(?<!\w)(?:Luật|Nghị định|Nghị quyết|Quyết định|Chỉ thị|Thông tư|Công văn|công văn|Kết luận|"
                   r"Hiến pháp|Bộ luật|Pháp lệnh|công điện|Công điện)(?!\w)|/NĐ-CP|-CT/TW|/QĐ-|/NQ-|/TT-")


def _gold_ids() -> set[tuple[str, str]]:
    taken = set()
    for path in HERE.parent.rglob("*.jsonl"):
        if path.parent == HERE:
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                if "source" in row and "id" in row:
                    taken.add((row["source"], row["id"]))
    return taken


def draw() -> list[dict]:
    rng = random.Random(SEED_NUMBER)
    taken = _gold_ids()
    rows = []
    for source, quota in QUOTA.items():
        pool = [i for i in iter_source(source) if 300 <= len(i.text) <= 6000 and (i.source, i.id) not in taken
                and CITES.search(i.text)]
        for item in rng.sample(pool, quota):
            rows.append({"source": item.source, "id": item.id, "line": item.line, "published": item.published})
    cells = defaultdict(list)
    for row in rows:
        cells[row["source"] if row["source"] not in VNTC else "vntc"].append(row)
    for key in sorted(cells):
        test = set(rng.sample(range(len(cells[key])), len(cells[key]) // 2))
        for i, row in enumerate(cells[key]):
            row["split"] = "test" if i in test else "dev"
    for split in ("test", "dev"):
        for row in rng.sample([r for r in rows if r["split"] == split], 10):
            row["double"] = True
    order = list(range(len(rows)))
    rng.shuffle(order)
    for position, index in enumerate(order):
        rows[index]["batch"] = position % 2 + 1
        rows[index].setdefault("double", False)
    return rows


def packets(out_dir: Path) -> None:
    rows = [json.loads(line) for line in SAMPLE.read_text(encoding="utf-8").splitlines()]
    out_dir.mkdir(parents=True, exist_ok=True)
    for batch in (1, 2):
        picked = [r for r in rows if r["batch"] == batch]
        (out_dir / f"batch-{batch}.txt").write_text(packet([get(r["source"], r["id"]) for r in picked]),
                                                    encoding="utf-8")
        other = [r for r in rows if r["double"] and r["batch"] != batch]
        (out_dir / f"batch-{batch}-double.txt").write_text(packet([get(r["source"], r["id"]) for r in other]),
                                                           encoding="utf-8")


def main(argv: list[str]) -> int:
    if argv == ["draw"]:
        rows = draw()
        SAMPLE.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
        print(f"{len(rows)} articles -> {SAMPLE}")
        return 0
    if len(argv) == 2 and argv[0] == "packets":
        packets(Path(argv[1]))
        return 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
