"""Draw the task gold: articles with enumeration markers (seeded, stratified), plus random ones.

    python benchmarks/gold/tasks/sample.py draw [2|3|4|5|6|7|8|9]       # round 1: sample.jsonl; round N: sample-N.jsonl
    python benchmarks/gold/tasks/sample.py packets OUT_DIR [2|3|4|5|6|7|8|9]  # annotator packets (texts stay outside the repo)

Strata (README.md in this folder):
- ``directive``: two consecutive enumeration markers of one style (RECORD.md's: "Thứ nhất … Thứ hai",
  "Một là … Hai là", "(1) … (2)", lines "1." … "2.", "a)" … "b)", bullet lines, "Bước 1 … Bước 2",
  "Phương án 1 … 2", "Đầu tiên … Cuối cùng") with a directive word ("nhiệm vụ", "giải pháp", "yêu
  cầu" …) in the 300 characters before the first marker: 100 articles;
- ``marker``: two consecutive markers, no such word required: 50 articles;
- ``random``: 40 articles with no marker requirement (most have no task: they measure false positives);
- the seed article (its six tasks), in the dev split.
Articles of 300 to 10,000 characters; articles in any other gold file are left out. Test split: half of
each (stratum, dump group) cell, seeded; a double-labelled 30 (15 test, 15 dev).

Round 2 (drawn after round 1's test scores showed too few lists to develop on): 140 ``directive`` (50 VNTC,
90 2025: the 2020-21 dump has no more) and 20
``marker`` articles, none in round 1 or any other gold file, seeded with SEED_NUMBER + 1; the same split
and double-labelling rules; no seed article.

Round 3 (drawn once rounds 1 and 2's test splits had been used to develop on, as a fresh held-out
test): 85 ``directive`` (40 VNTC, 45 2025) and 15 ``marker`` (8 VNTC, 7 2025) articles, none in rounds
1-2 or any other gold file, seeded with SEED_NUMBER + 2; **every article is test**; 20 double-labelled.

Round 4 (drawn when round 3, the held-out test, stayed far below the targets for issued_by and actor, 0.673
and 0.466, while the spent rounds had little left to learn from): fresh articles to develop on, 55
``directive`` (52 VNTC, 3 2025: the 2025 pool is spent) and 25 ``marker`` (10 VNTC, 15 2025), none in rounds 1-3 or any other gold
file, seeded with SEED_NUMBER + 3; **every article is dev**, never a test; 16 double-labelled.

Round 5 (drawn when round 3, the held-out test, had been looked at five times in aggregate and its issued_by fell
after rules chosen on round 4, 0.673 -> 0.626: a fresh held-out test, to measure the rules on articles nobody has
seen; round 3 is retired and may be read to develop on): 45 ``directive`` (VNTC: the 2025 and 2020-21 pools are
spent) and 25 ``marker`` (10 VNTC, 15 2025) articles, none in rounds 1-4 or any other gold file, seeded with
SEED_NUMBER + 4; **every article is test**; 16 double-labelled. Labelled and adjudicated before any extractor runs
on it.

Round 6 (drawn when round 5, the new held-out test, was scored once: items F1 0.678, issued_by 0.342, actor 0.286,
far below the retired round 3, while round 4 had little left to teach): fresh articles to develop on, 40
``directive`` (VNTC) and 20 ``marker`` (10 VNTC, 10 2025) articles, none in rounds 1-5 or any other gold file, seeded
with SEED_NUMBER + 5; **every article is dev**, never a test; 12 double-labelled.

Round 7 (drawn when round 6's differences had been used to write rules while the held-out round 5 stayed at items F1
0.678 and issued_by 0.342: fresh articles of round 5's mix, scored once before any rule is written from them): drawn as
round 6 (QUOTA_6), none in rounds 1-6 or any other gold file, seeded with SEED_NUMBER + 6; **every article is dev**;
12 double-labelled.

Round 8 (drawn when round 7, scored first at items F1 0.588 and issued_by 0 of 6, had been used to write rules: more
fresh articles of the same mix to score those rules on before any rule is written from them): drawn as rounds 6 and 7
(QUOTA_6), none in rounds 1-7 or any other gold file, seeded with SEED_NUMBER + 7; **every article is dev**; 12
double-labelled.

Round 9 (drawn when the rules written from rounds 7 and 8 had not reached the next fresh round and the held-out round 5
stayed at items F1 0.678: fresh articles of the same mix to score a learned decision of which lists are tasks, trained
on the other rounds, against the rules alone, before anything is written from them): 23 ``directive`` articles (VNTC:
every one left; the 2020-21 and 2025 pools are spent) and 37 ``marker`` (17 VNTC, 20 2025) (QUOTA_9), none in rounds
1-8 or any other gold file, seeded with SEED_NUMBER + 8; **every article is dev**; 12 double-labelled.
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

from corpus import COVID, NEWS_2025, SEED, VNTC, get, iter_source, packet  # noqa: E402

SEED_NUMBER = 20261207
SAMPLE = HERE / "sample.jsonl"
SAMPLES = {1: SAMPLE, 2: HERE / "sample-2.jsonl", 3: HERE / "sample-3.jsonl", 4: HERE / "sample-4.jsonl",
           5: HERE / "sample-5.jsonl", 6: HERE / "sample-6.jsonl", 7: HERE / "sample-7.jsonl",
           8: HERE / "sample-8.jsonl", 9: HERE / "sample-9.jsonl"}
MIN_CHARS, MAX_CHARS = 300, 10000
QUOTA = {"directive": {"vntc": 45, "covid": 10, "2025": 45}, "marker": {"vntc": 22, "covid": 8, "2025": 20},
         "random": {"vntc": 16, "covid": 10, "2025": 14}}
QUOTA_2 = {"directive": {"vntc": 50, "2025": 90}, "marker": {"vntc": 10, "covid": 5, "2025": 5}}
QUOTA_3 = {"directive": {"vntc": 40, "2025": 45}, "marker": {"vntc": 8, "2025": 7}}
QUOTA_4 = {"directive": {"vntc": 52, "2025": 3}, "marker": {"vntc": 10, "2025": 15}}
QUOTA_5 = {"directive": {"vntc": 45}, "marker": {"vntc": 10, "2025": 15}}
QUOTA_6 = {"directive": {"vntc": 40}, "marker": {"vntc": 10, "2025": 10}}
QUOTA_9 = {"directive": {"vntc": 23}, "marker": {"vntc": 17, "2025": 20}}  # the directive pool has 23 articles left
QUOTAS = {1: QUOTA, 2: QUOTA_2, 3: QUOTA_3, 4: QUOTA_4, 5: QUOTA_5, 6: QUOTA_6, 7: QUOTA_6, 8: QUOTA_6, 9: QUOTA_9}
ALL_TEST = {3, 5}  # rounds drawn as held-out test only
ALL_DEV = {4, 6, 7, 8, 9}  # rounds drawn to develop on only
DOUBLE_4 = 16
DOUBLE_6 = 12
DOUBLE = 30
DOUBLE_3 = 20
_LINE = r"(?:^|\n)[ \t]*"
PAIRS = [
    re.compile(r"(?<!\w)[Tt]hứ nhất\b.{1,1500}?(?<!\w)[Tt]hứ hai\s*[,:]", re.S),
    re.compile(r"(?<!\w)[Mm]ột là\b.{1,1500}?(?<!\w)[Hh]ai là\b", re.S),
    re.compile(r"\(1\).{1,1500}?\(2\)", re.S),
    re.compile(_LINE + r"1[.)][ \t].{1,1500}?" + _LINE + r"2[.)][ \t]", re.S),
    re.compile(_LINE + r"a\)[ \t].{1,1500}?" + _LINE + r"b\)[ \t]", re.S),
    re.compile(_LINE + r"[-•+*][ \t]\S.{1,800}?" + _LINE + r"[-•+*][ \t]\S", re.S),
    re.compile(r"(?<!\w)Bước 1\b.{1,1500}?(?<!\w)Bước 2\b", re.S),
    re.compile(r"(?<!\w)[Pp]hương án 1\b.{1,1500}?(?<!\w)[Pp]hương án 2\b", re.S),
    re.compile(r"(?<!\w)Đầu tiên\b.{1,2000}?(?<!\w)(?:Tiếp theo|Cuối cùng)\b", re.S),
]
DIRECTIVE_WORDS = re.compile(r"(?i)(?<!\w)(?:nhiệm vụ|giải pháp|biện pháp|yêu cầu|đề nghị|chỉ đạo|kiến nghị|"
                             r"đề xuất|giao|phương án|cần|phải|tập trung)(?!\w)")


def _group(source: str) -> str:
    return "vntc" if source in VNTC else "covid" if source == COVID else "2025"


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


def _stratum(text: str) -> str | None:
    first = None
    for pattern in PAIRS:
        m = pattern.search(text)
        if m and (first is None or m.start() < first.start()):
            first = m
    if first is None:
        return None
    return "directive" if DIRECTIVE_WORDS.search(text, max(0, first.start() - 300), first.start()) else "marker"


def draw(round_: int = 1) -> list[dict]:
    rng = random.Random(SEED_NUMBER + round_ - 1)
    taken = _gold_ids(round_)
    quotas = QUOTAS[round_]
    pools: dict[tuple[str, str], list] = defaultdict(list)
    for source in (*VNTC, COVID, NEWS_2025):
        for item in iter_source(source):
            if not MIN_CHARS <= len(item.text) <= MAX_CHARS or (item.source, item.id) in taken:
                continue
            stratum = _stratum(item.text)
            if stratum:
                pools[(stratum, _group(source))].append(item)
            pools[("random", _group(source))].append(item)
    chosen: dict[tuple[str, str], dict] = {}
    for stratum, quota in quotas.items():
        for group, n in quota.items():
            pool = [i for i in pools[(stratum, group)] if (i.source, i.id) not in chosen]
            for item in rng.sample(pool, n):
                chosen[(item.source, item.id)] = {"source": item.source, "id": item.id, "line": item.line,
                                                  "published": item.published, "stratum": stratum}
    rows = sorted(chosen.values(), key=lambda r: (r["stratum"], r["source"], r["line"]))
    cells = defaultdict(list)
    for row in rows:
        cells[(row["stratum"], _group(row["source"]))].append(row)
    for key in sorted(cells):
        n_test = len(cells[key]) if round_ in ALL_TEST else 0 if round_ in ALL_DEV else len(cells[key]) // 2
        test = rng.sample(range(len(cells[key])), n_test)
        for i, row in enumerate(cells[key]):
            row["split"] = "test" if i in test else "dev"
    if round_ == 1:
        rows.append({"source": SEED, "id": "moit-2021-08-30-thi-dua", "line": 0,
                     "published": "2021-08-30T20:01:00+07:00", "stratum": "seed", "split": "dev"})
    if round_ in ALL_TEST or round_ in ALL_DEV:
        for row in rng.sample(rows, DOUBLE_3 if round_ == 3 else DOUBLE_6 if round_ in (6, 7, 8, 9) else DOUBLE_4):
            row["double"] = True
    else:
        for split in ("test", "dev"):
            members = [r for r in rows if r["split"] == split]
            for row in rng.sample(members, DOUBLE // 2):
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
        # the double-labelled articles of this batch go to the other annotator too
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
    if argv[:1] == ["packets"] and len(argv) in (2, 3):
        packets(Path(argv[1]), int(argv[2]) if len(argv) == 3 else 1)
        return 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
