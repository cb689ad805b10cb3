"""Draw the officials gold: modern and VNTC politics news, stratified by the classes officials hide in.

    python benchmarks/gold/officials/sample.py draw [2|3|4|5|6|7|8|9|10|11|12|13|14|15|16|17]  # round 1: sample.jsonl; round N: sample-N.jsonl
    python benchmarks/gold/officials/sample.py packets OUT_DIR [2|3|4|5|6|7|8|9|10|11|12|13|14|15|16|17]  # annotator packets (texts stay outside the repo)

Strata (README.md in this folder): ``random`` (60: news sections of the 2025 file 30, the 2020-21 file
15, VNTC 15), ``foreign`` (15: world sections naming a head of state or government), ``deputy`` (15:
"đại biểu"/"ĐB" before a capitalised name, or "ĐBQH"), ``list`` (10: three lines or more opening with a
number or a dash then a capitalised name, or "gồm các ông/bà"), ``chain`` (10: "Ủy viên Bộ Chính trị",
"Ủy viên Trung ương Đảng", "Ủy viên Ban Chấp hành Trung ương"). Articles of 300 to 6,000 characters;
articles in any other gold file are left out. Test split: half of each cell, seeded; 20 double-labelled.

Round 2 (drawn after round 1's test split, scored once, fell short of the targets: fresh articles to
develop on and to measure on): the same strata and rules, seeded with SEED_NUMBER + 1, quotas QUOTA_2 (more
list and VNTC articles), none in round 1 or any other gold file.

Round 3 (drawn after both test splits were scored with the round-2 rules and fell short again: names F1
0.875 and 0.851, title attach 0.688 and 0.774): a test set only, 60 articles asked (58 drawn: the 2020-21 dump had no deputy or list article left), QUOTA_3, seeded with
SEED_NUMBER + 2, none in rounds 1-2 or any other gold file, 16 double-labelled; nothing is tuned on it.

Round 4 (drawn when round 3, scored eight times in aggregate, stayed at names F1 0.916 and title attach 0.889
while the rules improved on rounds 1-2: round 3 is opened for error analysis and round 4 replaces it as the test
set): drawn as round 3 (QUOTA_3, 16 double-labelled), seeded with SEED_NUMBER + 3, none in rounds 1-3 or any
other gold file; nothing is tuned on it.

Round 5 (drawn when round 4, scored three times, met the names target but not title attach, 0.816: fresh articles
to develop on, of the kinds whose titles are hardest; a dev set only, never a test set): QUOTA_5 (fewer random
articles, more foreign, list and deputy ones), seeded with SEED_NUMBER + 4, none in rounds 1-4 or any other gold
file, 8 double-labelled.

Round 6 (drawn when round 5's differences had been used to write rules: names F1 0.752 -> 0.906, title attach 0.912
-> 0.959 there): more fresh articles to develop on, drawn as round 5 (QUOTA_5, 8 double-labelled), seeded with
SEED_NUMBER + 5, none in rounds 1-5 or any other gold file; a dev set only.

Round 7 (drawn when round 4, the held-out set, scored a fourth time, had not moved at all with the rules from rounds
5 and 6, title attach 0.816: what round 4 misses is of other kinds; the one thing known about it without reading it
is that one article holds 59 of its 190 officials): a dev set only, weighted to long enumerations of people and
their offices, a stratum ``biglist`` (an article naming at least 12 people after "ông", "bà" or "đồng chí", or with
at least 8 list lines), QUOTA_7, seeded with SEED_NUMBER + 6, none in rounds 1-6 or any other gold file, 8
double-labelled.

Round 8 (drawn when round 4, scored a fifth time, had still not moved with the rules from rounds 5-7, whose draws
were weighted to other kinds): a dev set only, drawn exactly as rounds 3 and 4 (QUOTA_3), seeded with SEED_NUMBER + 7,
none in rounds 1-7 or any other gold file, 8 double-labelled: fresh articles of round 4's own mix.

Round 9 (drawn when round 4, the held-out set, had been scored six times without moving while rounds 5-8's rules
raised every dev round: round 4 is retired, opened for error analysis like round 3 before it, and round 9 replaces it
as the held-out set): a test set only, drawn exactly as rounds 3 and 4 (QUOTA_3, 16 double-labelled), seeded with
SEED_NUMBER + 8, none in rounds 1-8 or any other gold file; labelled and adjudicated before any extractor runs on it,
and nothing is tuned on it.

Round 10 (drawn when round 9, the new held-out set, was scored once, names F1 0.897 and title attach 0.849, with
foreign office-holders its weakest class, recall 28/41, as on the dev rounds 5-8, 0.69-0.80): a dev set only,
weighted to foreign news (QUOTA_10), seeded with SEED_NUMBER + 9, none in rounds 1-9 or any other gold file, 8
double-labelled.

Round 11 (drawn when round 9, the held-out set, was still at names F1 0.897 and title attach 0.849 after the rules from
rounds 4, 8 and 10: fresh articles of the held-out mix, to score the next rules on before they are written from them):
a dev set only, drawn exactly as rounds 3, 4, 8 and 9 (QUOTA_3), seeded with SEED_NUMBER + 10, none in rounds 1-10 or
any other gold file, 8 double-labelled.

Round 12 (drawn when round 11's differences had been used to write rules, names F1 0.927 -> 0.949 and title attach
0.928 -> 0.958 there, while the held-out round 9 stayed at 0.893 and 0.849: more fresh articles of the held-out mix to
measure the rules on before any rule is written from them): a dev set only, drawn exactly as round 11 (QUOTA_3),
seeded with SEED_NUMBER + 11, none in rounds 1-11 or any other gold file, 8 double-labelled.

Round 13 (drawn when round 12's differences had been used to write rules, names F1 0.939 -> 0.976 there, while the
held-out round 9 stayed at names F1 0.902 and title attach 0.850: more fresh articles of the held-out mix to score the
rules on before any rule is written from them): a dev set only, drawn exactly as rounds 11 and 12 (QUOTA_3), seeded
with SEED_NUMBER + 12, none in rounds 1-12 or any other gold file, 8 double-labelled.

Round 14 (drawn when the rules written from round 13 had raised it from names F1 0.888 to 0.951 while the held-out
round 9 stayed at 0.902, and a session's rules were, for once, written from a recall probe over sampled articles
instead of from a gold round: fresh articles of the held-out mix to score both kinds of rule on before any rule is
written from them): a dev set only, drawn exactly as rounds 11-13 (QUOTA_3), seeded with SEED_NUMBER + 13, none in
rounds 1-13 or any other gold file, 8 double-labelled.

Round 15 (drawn when round 9, the held-out set, had been scored nine times in aggregate and stayed at names F1
0.902 and title attach 0.850 while the rules raised every dev round, dev round 14 from 0.876 to 0.937: round 9 is
retired, opened for error analysis like rounds 3 and 4 before it, and round 15 replaces it as the held-out set): a
test set only, drawn exactly as rounds 3, 4 and 9 (QUOTA_3, 16 double-labelled), seeded with SEED_NUMBER + 14, none
in rounds 1-14 or any other gold file; labelled and adjudicated before any extractor runs on it, and nothing is tuned
on it.

Round 16 (drawn when round 15, the held-out set, had been scored four times in aggregate at names F1 0.890, while the
first scorings of the fresh dev rounds 11-14 of the same mix ranged from 0.876 to 0.927: one set of 54 articles, some of
its officials clustered in two long lists, measures the rules with a wide margin): a second held-out set beside round
15, drawn exactly as rounds 3, 4, 9 and 15 (QUOTA_3, 16 double-labelled), seeded with SEED_NUMBER + 15, none in rounds
1-15 or any other gold file; labelled and adjudicated before any extractor runs on it, nothing is tuned on it, and it is
scored in aggregate only, alone and pooled with round 15.

Round 17 (drawn when rounds 15 and 16, scored 24 and 20 times in aggregate, had not moved since the eleventh session
while the recall audits' rules raised every fresh audit they were written from: a third held-out set, fresh, to measure
the rules on; round 15 may then be retired and opened for error analysis): a test set only, drawn as rounds 3, 4, 9, 15
and 16 (16 double-labelled) but with QUOTA_17 (QUOTA_3's 2020-21 cells moved to the 2025 file), seeded with SEED_NUMBER
+ 16, none in rounds 1-16, any other gold file or LOOKED_AT (the recall audits' articles and the 12,363 sampled articles
the rules were checked on, which hold every 2020-21 article of the dump); labelled and adjudicated before any extractor
runs on it, and nothing is tuned on it.
"""

from __future__ import annotations

import gzip
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

SEED_NUMBER = 20261208
SAMPLE = HERE / "sample.jsonl"
MIN_CHARS, MAX_CHARS = 300, 6000
QUOTA = {"random": {"2025": 30, "covid": 15, "vntc": 15}, "foreign": {"2025": 10, "covid": 3, "vntc": 2},
         "deputy": {"2025": 8, "covid": 2, "vntc": 5}, "list": {"2025": 4, "covid": 2, "vntc": 4},
         "chain": {"2025": 5, "covid": 2, "vntc": 3}}
QUOTA_2 = {"random": {"2025": 25, "covid": 10, "vntc": 15}, "foreign": {"2025": 8, "covid": 3, "vntc": 4},
           "deputy": {"2025": 6, "covid": 1, "vntc": 5}, "list": {"2025": 6, "covid": 2, "vntc": 6},
           "chain": {"2025": 5, "covid": 2, "vntc": 3}}
QUOTA_3 = {"random": {"2025": 15, "covid": 6, "vntc": 9}, "foreign": {"2025": 5, "covid": 2, "vntc": 3},
           "deputy": {"2025": 4, "covid": 1, "vntc": 3}, "list": {"2025": 3, "covid": 1, "vntc": 3},
           "chain": {"2025": 3, "covid": 1, "vntc": 1}}
QUOTA_5 = {"random": {"2025": 6, "covid": 2, "vntc": 3}, "foreign": {"2025": 6, "covid": 2, "vntc": 4},
           "deputy": {"2025": 4, "covid": 1, "vntc": 2}, "list": {"2025": 5, "covid": 2, "vntc": 4},
           "chain": {"2025": 2, "covid": 1, "vntc": 2}}
QUOTA_7 = {"biglist": {"2025": 12, "covid": 4, "vntc": 10}, "foreign": {"2025": 4, "covid": 1, "vntc": 3},
           "deputy": {"2025": 3, "covid": 0, "vntc": 2}, "random": {"2025": 2, "covid": 0, "vntc": 1}}
QUOTA_10 = {"foreign": {"2025": 16, "covid": 4, "vntc": 10}, "random": {"2025": 6, "covid": 2, "vntc": 4}}
# round 17: QUOTA_3 with the 2020-21 cells moved to the 2025 file (every 2020-21 article was among the sampled ones the
# rules were checked on: LOOKED_AT)
QUOTA_17 = {stratum: {"2025": cells["2025"] + cells["covid"], "covid": 0, "vntc": cells["vntc"]}
            for stratum, cells in QUOTA_3.items()}
# articles read while writing rules (the recall audits' excerpts; the 12,363 sampled articles whose changed output was
# read): left out of draws from round 17 on
LOOKED_AT = HERE / "looked-at.tsv.gz"
SAMPLES = {1: SAMPLE, 2: HERE / "sample-2.jsonl", 3: HERE / "sample-3.jsonl", 4: HERE / "sample-4.jsonl",
           5: HERE / "sample-5.jsonl", 6: HERE / "sample-6.jsonl", 7: HERE / "sample-7.jsonl",
           8: HERE / "sample-8.jsonl", 9: HERE / "sample-9.jsonl",
           10: HERE / "sample-10.jsonl", 11: HERE / "sample-11.jsonl",
           12: HERE / "sample-12.jsonl", 13: HERE / "sample-13.jsonl", 14: HERE / "sample-14.jsonl",
           15: HERE / "sample-15.jsonl", 16: HERE / "sample-16.jsonl", 17: HERE / "sample-17.jsonl"}
DOUBLE = 20
DOUBLE_3 = 16
DOUBLE_5 = 8
DEV_ONLY = (5, 6, 7, 8, 10, 11, 12, 13, 14)
NEWS = re.compile(r"(?i)thời ?sự|thoi-su|chính trị|xã ?hội|pháp ?luật|phap-luat|thế ?giới|the-gioi|quốc tế|"
                  r"kinh ?doanh|kinh-doanh|vĩ mô|quân sự|chính sách|nhân sự|tinh gọn|tin tức|kinh tế|giáo ?dục|"
                  r"y ?tế|sức khỏe|suc-khoe|môi ?trường")
WORLD = re.compile(r"(?i)thế ?giới|the-gioi|quốc tế")
HEAD_OF_STATE = re.compile(r"(?<!\w)(?:Tổng thống|Thủ tướng|Ngoại trưởng|Quốc vương|Chủ tịch nước|Tổng Thư ký)\s")
DEPUTY = re.compile(r"(?<!\w)(?:[Đđ]ại biểu|ĐB)\s+[A-ZĐ][^\W\d_]+ [A-ZĐ]|ĐBQH")
LIST_LINE = re.compile(r"(?m)^[ \t]*(?:\d{1,2}[.)/-]|[-–•+])[ \t]*(?:(?:Ông|Bà|Đồng chí|đồng chí|ông|bà)\s+)?[A-ZĐ][^\W\d_]+ [A-ZĐ]")
PEOPLE = re.compile(r"(?<!\w)(?:ông|bà|đồng chí|Ông|Bà|Đồng chí) [A-ZĐ][^\W\d_]+ [A-ZĐ]")
LIST_WORDS = re.compile(r"(?<!\w)gồm (?:các )?(?:ông|bà|đồng chí)(?!\w)")
CHAIN = re.compile(r"(?<!\w)Ủy viên (?:Bộ Chính trị|Trung ương Đảng|Ban Chấp hành Trung ương)|"
                   r"(?<!\w)Uỷ viên (?:Bộ Chính trị|Trung ương Đảng|Ban Chấp hành Trung ương)")


def _group(source: str) -> str:
    return "vntc" if source in VNTC else "covid" if source == COVID else "2025"


def _gold_ids(round_: int = 1) -> set[tuple[str, str]]:
    taken = set()
    for path in HERE.parent.rglob("*.jsonl"):
        if path.parent == HERE and path not in [SAMPLES[earlier] for earlier in range(1, round_)]:
            # this folder: only the draws of earlier rounds (the gold files repeat them; a later round's
            # draw must not change an earlier round's)
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                if "source" in row and "id" in row:
                    taken.add((row["source"], row["id"]))
    if round_ >= 17:
        with gzip.open(LOOKED_AT, "rt", encoding="utf-8") as f:
            taken.update(tuple(line.split("\t")[:2]) for line in f if not line.startswith("#"))
    return taken


def _strata(item) -> list[str]:
    text = item.text
    vntc = item.source in VNTC
    found = []
    if vntc and item.source != VNTC[1] or item.category and NEWS.search(item.category) or \
            not vntc and item.category is None:
        found.append("random")
    if (vntc or item.category and WORLD.search(item.category)) and HEAD_OF_STATE.search(text):
        found.append("foreign")
    if DEPUTY.search(text):
        found.append("deputy")
    if len(LIST_LINE.findall(text)) >= 3 or LIST_WORDS.search(text):
        found.append("list")
    if CHAIN.search(text):
        found.append("chain")
    if len(PEOPLE.findall(text)) >= 12 or len(LIST_LINE.findall(text)) >= 8:
        found.append("biglist")
    return found


def draw(round_: int = 1) -> list[dict]:
    rng = random.Random(SEED_NUMBER + round_ - 1)
    taken = _gold_ids(round_)
    quotas = {1: QUOTA, 2: QUOTA_2, 3: QUOTA_3, 4: QUOTA_3, 5: QUOTA_5, 6: QUOTA_5, 7: QUOTA_7, 8: QUOTA_3, 9: QUOTA_3, 10: QUOTA_10, 11: QUOTA_3, 12: QUOTA_3,
              13: QUOTA_3, 14: QUOTA_3, 15: QUOTA_3, 16: QUOTA_3, 17: QUOTA_17}[round_]
    pools: dict[tuple[str, str], list] = defaultdict(list)
    for source in (*VNTC, COVID, NEWS_2025):
        for item in iter_source(source):
            if not MIN_CHARS <= len(item.text) <= MAX_CHARS or (item.source, item.id) in taken:
                continue
            for stratum in _strata(item):
                pools[(stratum, _group(source))].append(item)
    chosen: dict[tuple[str, str], dict] = {}
    for stratum in ("biglist", "chain", "list", "deputy", "foreign", "random"):  # the rare strata first
        for group, n in quotas.get(stratum, {}).items():
            pool = [i for i in pools[(stratum, group)] if (i.source, i.id) not in chosen]
            for item in rng.sample(pool, min(n, len(pool))):
                chosen[(item.source, item.id)] = {"source": item.source, "id": item.id, "line": item.line,
                                                  "published": item.published, "stratum": stratum}
    rows = sorted(chosen.values(), key=lambda r: (r["stratum"], r["source"], r["line"]))
    cells = defaultdict(list)
    for row in rows:
        cells[(row["stratum"], _group(row["source"]))].append(row)
    for key in sorted(cells):
        test = set(rng.sample(range(len(cells[key])), (len(cells[key]) + 1) // 2))
        for i, row in enumerate(cells[key]):
            # rounds 3, 4, 9, 15, 16 and 17 are test sets only, rounds 5 to 8 dev sets only
            row["split"] = "dev" if round_ in DEV_ONLY else "test" if i in test or round_ >= 3 else "dev"
    if round_ >= 3:
        for row in rng.sample(rows, DOUBLE_5 if round_ in DEV_ONLY else DOUBLE_3):
            row["double"] = True
    for split in ("test", "dev") if round_ < 3 else ():  # (rounds 3 to 5: DOUBLE_3, DOUBLE_5 above)
        for row in rng.sample([r for r in rows if r["split"] == split], DOUBLE // 2):
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
    if argv[:1] == ["packets"] and len(argv) in (2, 3):
        packets(Path(argv[1]), int(argv[2]) if len(argv) == 3 else 1)
        return 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
