"""Draw the theme corpus: seeded, stratified over themes, outlets and years; no detector involved.

    python benchmarks/gold/themes/sample.py draw            # writes benchmarks/gold/themes/sample.jsonl
    python benchmarks/gold/themes/sample.py packets OUT_DIR  # annotator packets (texts stay outside the repo)
    python benchmarks/gold/themes/sample.py draw2           # round 2, training articles only: sample-2.jsonl
    python benchmarks/gold/themes/sample.py packets2 OUT_DIR
    python benchmarks/gold/themes/sample.py merge2 LABELS_DIR  # round 2's gold appended to corpus.jsonl

Strata (README.md in this folder says why):
- ``random``: 360 articles drawn uniformly from the news sections of each dump (VNTC 40 per dump,
  the 2020-21 file 100, the 2025 file 140);
- ``kw:<theme>``: 30 articles per theme drawn among those containing one of a few hand-picked
  seed phrases of that theme (below; written for the draw, not taken from the lexicon), spread over
  the dumps that can hold the theme (no Covid before 2010).
Articles of 300 to 8,000 characters only; VNTC articles already in any gold file are left out.
The fixed test split (240) and the double-labelled set (160) are seeded draws within strata.
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

from corpus import COVID, NEWS_2025, VNTC, Item, get, iter_source, packet  # noqa: E402

SEED = 20261206
SAMPLE = HERE / "sample.jsonl"
MIN_CHARS, MAX_CHARS = 300, 8000
RANDOM_QUOTA = {**{dump: 40 for dump in VNTC}, COVID: 100, NEWS_2025: 140}
PER_THEME = 30
TEST_SIZE, DOUBLE_SIZE, BATCHES = 240, 160, 5
# sections an analyst of policy news would not point the tool at
NOT_NEWS = re.compile(r"giai-tri|giải trí|the-thao|thể thao|du-lich|du lịch|thời trang|sao|làm đẹp|chăm sóc da|"
                      r"hoa hậu|á hậu|âm nhạc|phim|ẩm thực|món |quiz|bóng đá|giảm cân|tình yêu|chuyện lạ|vui|"
                      r"hot girl|ca sĩ|diễn viên|đám cưới|trấn thành|kim kardashian|hòa minzy|hari won|midu|"
                      r"đan trường|chi bảo|sĩ thanh|thư kỳ|ốc thanh vân|cao thái hà|lệ rơi|angela|mai phương|"
                      r"btv|giá vàng|chứng khoán|xe|răng|tâm sự|blog|xuất bản", re.IGNORECASE)
SEED_PHRASES = {
    "digital_transformation": ["chuyển đổi số", "chính phủ điện tử", "dịch vụ công trực tuyến", "kinh tế số",
                               "VNeID", "không dùng tiền mặt", "Đề án 06"],
    "trade_agreements": ["EVFTA", "CPTPP", "RCEP", "UKVFTA", "hiệp định thương mại tự do", "WTO",
                         "hội nhập kinh tế quốc tế", "thuế đối ứng"],
    "covid_dual_goal": ["mục tiêu kép", "thích ứng an toàn", "phục hồi kinh tế", "vừa chống dịch"],
    "covid_control": ["Covid-19", "giãn cách xã hội", "F0", "cách ly", "vắc xin"],
    "energy_transition": ["năng lượng tái tạo", "điện gió", "điện mặt trời", "quy hoạch điện", "thiếu điện",
                          "điện hạt nhân", "phát thải ròng"],
    "exports_imports": ["kim ngạch xuất khẩu", "xuất khẩu", "nhập khẩu", "cán cân thương mại", "chống bán phá giá"],
    "domestic_trade": ["giá xăng", "quản lý thị trường", "hàng giả", "bình ổn giá", "hàng Việt", "siêu thị",
                       "chỉ số giá tiêu dùng"],
    "institutional_reform": ["thủ tục hành chính", "cải cách hành chính", "tinh gọn bộ máy", "sáp nhập tỉnh",
                             "môi trường kinh doanh", "dự án luật", "sắp xếp đơn vị hành chính"],
    "emulation_awards": ["thi đua", "khen thưởng", "Huân chương", "Bằng khen", "danh hiệu"],
    "party_building": ["Đại hội Đảng", "đảng viên", "xây dựng Đảng", "chỉnh đốn Đảng", "Nghị quyết Trung ương",
                       "Đảng bộ"],
    "discipline_anticorruption": ["tham nhũng", "kỷ luật", "thanh tra", "nhận hối lộ", "lạm quyền",
                                  "Ủy ban Kiểm tra"],
    "personnel": ["bổ nhiệm", "bầu giữ chức", "miễn nhiệm", "công chức", "biên chế", "điều động"],
    "industry_development": ["công nghiệp hỗ trợ", "khu công nghiệp", "công nghiệp chế biến",
                             "sản xuất công nghiệp", "bán dẫn"],
    "growth_investment": ["tăng trưởng GDP", "GDP", "đầu tư công", "vốn FDI", "ngân sách nhà nước", "giải ngân",
                          "tăng trưởng kinh tế"],
    "social_welfare": ["bảo hiểm xã hội", "lương tối thiểu", "giảm nghèo", "hộ nghèo", "thất nghiệp",
                       "an sinh xã hội", "việc làm"],
    "innovation_science": ["khởi nghiệp", "đổi mới sáng tạo", "khoa học công nghệ", "nghiên cứu khoa học",
                           "sáng chế", "Nghị quyết 57"],
}
COVID_THEMES = {"covid_dual_goal", "covid_control"}


def _quota(theme: str) -> dict[str, int]:
    """How many of a theme's 30 come from each dump group (no Covid in VNTC; modern themes lean modern)."""
    if theme in COVID_THEMES:
        return {"covid": 12, "2025": 18}
    if theme in ("digital_transformation", "trade_agreements", "energy_transition", "innovation_science"):
        return {"vntc": 8, "covid": 6, "2025": 16}
    return {"vntc": 10, "covid": 5, "2025": 15}


def _group(source: str) -> str:
    return "vntc" if source in VNTC else "covid" if source == COVID else "2025"


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


def _eligible() -> list[Item]:
    taken = _gold_ids()
    items = []
    for source in (*VNTC, COVID, NEWS_2025):
        for item in iter_source(source):
            if not MIN_CHARS <= len(item.text) <= MAX_CHARS or (item.source, item.id) in taken:
                continue
            if item.category and NOT_NEWS.search(item.category):
                continue
            items.append(item)
    return items


def _phrase_pattern(phrases: list[str]) -> re.Pattern[str]:
    parts = [re.escape(p) if p != p.lower() else f"(?i:{re.escape(p)})" for p in phrases]
    return re.compile(rf"(?<!\w)(?:{'|'.join(parts)})(?!\w)")


def draw() -> list[dict]:
    rng = random.Random(SEED)
    items = _eligible()
    chosen: dict[tuple[str, str], dict] = {}

    def take(pool: list[Item], n: int, stratum: str) -> None:
        pool = [i for i in pool if (i.source, i.id) not in chosen]
        for item in rng.sample(pool, min(n, len(pool))):
            chosen[(item.source, item.id)] = {"source": item.source, "id": item.id, "line": item.line,
                                              "outlet": item.outlet, "published": item.published,
                                              "stratum": stratum}

    by_source = defaultdict(list)
    for item in items:
        by_source[item.source].append(item)
    for source, quota in RANDOM_QUOTA.items():
        take(by_source[source], quota, "random")
    for theme, phrases in SEED_PHRASES.items():
        pattern = _phrase_pattern(phrases)
        pools = defaultdict(list)
        for item in items:
            if pattern.search(f"{item.title or ''}\n{item.text}"):
                pools[_group(item.source)].append(item)
        for group, n in _quota(theme).items():
            take(pools[group], n, f"kw:{theme}")
    rows = sorted(chosen.values(), key=lambda r: (r["stratum"], r["source"], r["line"]))
    _assign_splits(rows, rng)
    return rows


def _assign_splits(rows: list[dict], rng: random.Random) -> None:
    """Test split and double-labelled set: the same share of every (stratum, dump group) cell."""
    cells = defaultdict(list)
    for row in rows:
        cells[(row["stratum"], _group(row["source"]))].append(row)
    test: list[dict] = []
    for key in sorted(cells):
        cell = cells[key]
        test.extend(rng.sample(cell, round(len(cell) * TEST_SIZE / len(rows))))
    for row in rows:
        row["split"] = "test" if any(row is t for t in test) else "train"
    train = [r for r in rows if r["split"] == "train"]
    double = rng.sample(test, DOUBLE_SIZE // 2) + rng.sample(train, DOUBLE_SIZE - DOUBLE_SIZE // 2)
    for row in rows:
        row["double"] = any(row is d for d in double)
    order = list(range(len(rows)))
    rng.shuffle(order)
    for position, index in enumerate(order):
        rows[index]["batch"] = position % BATCHES + 1


def packets(out_dir: Path) -> None:
    rows = [json.loads(line) for line in SAMPLE.read_text(encoding="utf-8").splitlines()]
    out_dir.mkdir(parents=True, exist_ok=True)
    for batch in range(1, BATCHES + 1):
        picked = [r for r in rows if r["batch"] == batch]
        (out_dir / f"batch-{batch}.txt").write_text(packet([get(r["source"], r["id"]) for r in picked]),
                                                    encoding="utf-8")
    double = [r for r in rows if r["double"]]
    random.Random(SEED + 1).shuffle(double)
    (out_dir / "batch-double.txt").write_text(packet([get(r["source"], r["id"]) for r in double]), encoding="utf-8")


# --- round 2: more training articles for the themes the first model missed most -----------------------

SEED_2 = 20261207
SAMPLE_2 = HERE / "sample-2.jsonl"
BATCHES_2, DOUBLE_SIZE_2 = 4, 60
# broader seed phrases than round 1's (the themes' other wordings, and words their near misses use), so the
# draw also brings articles that mention the subject in passing: the model needs those negatives too
SEED_PHRASES_2 = {
    "digital_transformation": [*SEED_PHRASES["digital_transformation"], "số hóa", "chữ ký số", "nền tảng số",
                               "công nghệ số", "dữ liệu dân cư", "thanh toán điện tử", "xã hội số", "trực tuyến"],
    "trade_agreements": [*SEED_PHRASES["trade_agreements"], "FTA", "thuế quan", "đàm phán thương mại",
                         "ưu đãi thuế quan", "quy tắc xuất xứ", "APEC", "ASEAN"],
    "covid_dual_goal": [*SEED_PHRASES["covid_dual_goal"], "phục hồi sản xuất", "gói hỗ trợ", "bình thường mới",
                        "mở cửa trở lại", "doanh nghiệp gặp khó", "vừa sản xuất"],
    "covid_control": SEED_PHRASES["covid_control"],
}
QUOTA_2 = {  # per theme, articles from each dump group
    "digital_transformation": {"vntc": 10, "covid": 20, "2025": 40},
    "trade_agreements": {"vntc": 10, "covid": 25, "2025": 35},
    "covid_dual_goal": {"covid": 45, "2025": 25},
    "covid_control": {"covid": 20, "2025": 10},
}
RANDOM_QUOTA_2 = {COVID: 40, NEWS_2025: 40}


def draw2() -> list[dict]:
    """Round 2 (320 articles, every one for training: the test split stays round 1's): drawn as round 1 was,
    leaving out every article already in a gold file, round 1's sample included."""
    rng = random.Random(SEED_2)
    round_1 = {(r["source"], r["id"]) for r in map(json.loads, SAMPLE.read_text(encoding="utf-8").splitlines())}
    items = [i for i in _eligible() if (i.source, i.id) not in round_1]
    chosen: dict[tuple[str, str], dict] = {}

    def take(pool: list[Item], n: int, stratum: str) -> None:
        pool = [i for i in pool if (i.source, i.id) not in chosen]
        for item in rng.sample(pool, min(n, len(pool))):
            chosen[(item.source, item.id)] = {"source": item.source, "id": item.id, "line": item.line,
                                              "outlet": item.outlet, "published": item.published,
                                              "stratum": stratum, "split": "train", "round": 2}

    by_source = defaultdict(list)
    for item in items:
        by_source[item.source].append(item)
    for source, quota in RANDOM_QUOTA_2.items():
        take(by_source[source], quota, "random")
    for theme, phrases in SEED_PHRASES_2.items():
        pattern = _phrase_pattern(phrases)
        pools = defaultdict(list)
        for item in items:
            if pattern.search(f"{item.title or ''}\n{item.text}"):
                pools[_group(item.source)].append(item)
        for group, n in QUOTA_2[theme].items():
            take(pools[group], n, f"kw2:{theme}")
    rows = sorted(chosen.values(), key=lambda r: (r["stratum"], r["source"], r["line"]))
    double = rng.sample(rows, DOUBLE_SIZE_2)
    for row in rows:
        row["double"] = any(row is d for d in double)
    order = list(range(len(rows)))
    rng.shuffle(order)
    for position, index in enumerate(order):
        rows[index]["batch"] = position % BATCHES_2 + 1
    return rows


def packets2(out_dir: Path) -> None:
    rows = [json.loads(line) for line in SAMPLE_2.read_text(encoding="utf-8").splitlines()]
    out_dir.mkdir(parents=True, exist_ok=True)
    for batch in range(1, BATCHES_2 + 1):
        picked = [r for r in rows if r["batch"] == batch]
        (out_dir / f"batch2-{batch}.txt").write_text(packet([get(r["source"], r["id"]) for r in picked]),
                                                     encoding="utf-8")
    double = [r for r in rows if r["double"]]
    random.Random(SEED_2 + 1).shuffle(double)
    (out_dir / "batch2-double.txt").write_text(packet([get(r["source"], r["id"]) for r in double]), encoding="utf-8")


def merge2(labels_dir: Path) -> list[dict]:
    """Round 2's gold rows: the first annotator's themes (labels-A6..A9.jsonl), replaced by the adjudicator's
    where one decided (adjudication2/final-*.jsonl: every article with an unsure label, and every
    double-labelled one where the two annotators differed or were unsure)."""
    def read(path: Path) -> dict[tuple[str, str], dict]:
        return {(r["source"], r["id"]): r for r in map(json.loads, path.read_text(encoding="utf-8").splitlines())}

    first: dict[tuple[str, str], tuple[str, dict]] = {}
    for annotator in ("A6", "A7", "A8", "A9"):
        for key, row in read(labels_dir / f"labels-{annotator}.jsonl").items():
            first[key] = (annotator, row)
    second = read(labels_dir / "labels-B2.jsonl")
    final: dict[tuple[str, str], dict] = {}
    for path in sorted((labels_dir / "adjudication2").glob("final-*.jsonl")):
        final.update(read(path))
    rows = []
    for row in map(json.loads, SAMPLE_2.read_text(encoding="utf-8").splitlines()):
        key = (row["source"], row["id"])
        annotator, labels = first[key]
        out = {name: row[name] for name in ("source", "id", "line", "outlet", "published", "stratum", "split")}
        out["themes"] = sorted(final[key]["themes"] if key in final else labels["themes"])
        out["annotators"] = [annotator, "B2"] if key in second else [annotator]
        if key in final:
            out["adjudicated"] = True
        out["round"] = 2
        rows.append(out)
    return rows


def main(argv: list[str]) -> int:
    if argv == ["draw"]:
        rows = draw()
        SAMPLE.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
        print(f"{len(rows)} articles -> {SAMPLE}")
        return 0
    if len(argv) == 2 and argv[0] == "packets":
        packets(Path(argv[1]))
        return 0
    if argv == ["draw2"]:
        rows = draw2()
        SAMPLE_2.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
        print(f"{len(rows)} articles -> {SAMPLE_2}")
        return 0
    if len(argv) == 2 and argv[0] == "merge2":
        corpus = HERE / "corpus.jsonl"
        kept = [line for line in corpus.read_text(encoding="utf-8").splitlines() if '"round": 2' not in line]
        rows = merge2(Path(argv[1]))
        corpus.write_text("".join(f"{line}\n" for line in kept) +
                          "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
        print(f"{len(rows)} round-2 articles appended to {corpus} ({len(kept)} of round 1 kept)")
        return 0
    if len(argv) == 2 and argv[0] == "packets2":
        packets2(Path(argv[1]))
        return 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
