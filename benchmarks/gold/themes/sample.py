"""Draw the theme corpus: seeded, stratified over themes, outlets and years; no detector involved.

    python benchmarks/gold/themes/sample.py draw            # writes benchmarks/gold/themes/sample.jsonl
    python benchmarks/gold/themes/sample.py packets OUT_DIR  # annotator packets (texts stay outside the repo)
    python benchmarks/gold/themes/sample.py draw-round N            # round N: 2-5 training articles, 6 a second test split
    python benchmarks/gold/themes/sample.py packets-round N OUT_DIR
    python benchmarks/gold/themes/sample.py merge-round N LABELS_DIR  # round N's gold written into corpus.jsonl

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
from dataclasses import dataclass
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


def _take(rng: random.Random, chosen: dict[tuple[str, str], dict], pool: list[Item], n: int, fields: dict) -> None:
    """Draw ``n`` articles of ``pool`` not chosen yet into ``chosen``, each row with ``fields`` added."""
    pool = [i for i in pool if (i.source, i.id) not in chosen]
    for item in rng.sample(pool, min(n, len(pool))):
        chosen[(item.source, item.id)] = {"source": item.source, "id": item.id, "line": item.line,
                                          "outlet": item.outlet, "published": item.published, **fields}


def draw() -> list[dict]:
    rng = random.Random(SEED)
    items = _eligible()
    chosen: dict[tuple[str, str], dict] = {}

    def take(pool: list[Item], n: int, stratum: str) -> None:
        _take(rng, chosen, pool, n, {"stratum": stratum})

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


# --- later rounds: more training articles for the themes the model misses most, and a second test split ------

@dataclass(frozen=True)
class TrainingRound:
    """A later round, drawn as round 1 was, leaving out every article already in a gold file or an earlier
    round's sample. Rounds 2-5 are training articles only, with seed phrases broader than round 1's (the themes'
    other wordings, and words their near misses use), so that articles mentioning the subject in passing come
    too: the model needs those negatives. Round 6 is a second held-out split (``split`` "test2"): never trained
    or tuned on, only scored."""

    number: int
    seed: int
    phrases: dict[str, list[str]]
    quotas: dict[str, dict[str, int]]  # per theme, articles from each dump group
    random_quota: dict[str, int]  # per dump
    first: tuple[str, ...]  # the annotators of the batches, in batch order
    second: str  # the annotator of the double-labelled set
    batches: int = 4
    double: int = 60
    split: str = "train"

    @property
    def sample(self) -> Path:
        return HERE / f"sample-{self.number}.jsonl"


_ROUND_2_DT = [*SEED_PHRASES["digital_transformation"], "số hóa", "chữ ký số", "nền tảng số", "công nghệ số",
               "dữ liệu dân cư", "thanh toán điện tử", "xã hội số", "trực tuyến"]
# words of the later rounds' strata that several rounds share
_DUAL_GOAL_WORDS = [*SEED_PHRASES["covid_dual_goal"], "phục hồi sản xuất", "gói hỗ trợ", "bình thường mới",
                    "mở cửa trở lại"]
_PARTY_WORDS = [*SEED_PHRASES["party_building"], "chi bộ", "kết nạp", "Ban Chấp hành", "tổ chức Đảng"]
ROUNDS = {
    2: TrainingRound(
        2, 20261207,
        phrases={
            "digital_transformation": _ROUND_2_DT,
            "trade_agreements": [*SEED_PHRASES["trade_agreements"], "FTA", "thuế quan", "đàm phán thương mại",
                                 "ưu đãi thuế quan", "quy tắc xuất xứ", "APEC", "ASEAN"],
            "covid_dual_goal": [*_DUAL_GOAL_WORDS, "doanh nghiệp gặp khó", "vừa sản xuất"],
            "covid_control": SEED_PHRASES["covid_control"],
        },
        quotas={
            "digital_transformation": {"vntc": 10, "covid": 20, "2025": 40},
            "trade_agreements": {"vntc": 10, "covid": 25, "2025": 35},
            "covid_dual_goal": {"covid": 45, "2025": 25},
            "covid_control": {"covid": 20, "2025": 10},
        },
        random_quota={COVID: 40, NEWS_2025: 40},
        first=("A6", "A7", "A8", "A9"), second="B2"),
    # round 3: the themes with the most misses on the first models' cross-validation and test split
    # (growth_investment, institutional_reform, exports_imports, the rare ones), and VNTC's years
    3: TrainingRound(
        3, 20261208,
        phrases={
            "growth_investment": [*SEED_PHRASES["growth_investment"], "vốn đầu tư", "thu hút đầu tư", "tăng trưởng",
                                  "vốn ODA", "kinh tế - xã hội", "kích cầu", "dự án trọng điểm"],
            "institutional_reform": [*SEED_PHRASES["institutional_reform"], "dự thảo", "luật sửa đổi", "phân cấp",
                                     "chính quyền địa phương hai cấp", "Quốc hội thông qua", "cắt giảm thủ tục"],
            "exports_imports": [*SEED_PHRASES["exports_imports"], "hàng xuất khẩu", "thị trường xuất khẩu", "hải quan",
                                "phòng vệ thương mại", "nhập siêu", "xuất siêu"],
            "digital_transformation": _ROUND_2_DT,
            "covid_dual_goal": [*_DUAL_GOAL_WORDS, "giãn cách", "hỗ trợ người lao động", "phục hồi"],
            "emulation_awards": [*SEED_PHRASES["emulation_awards"], "trao tặng", "Anh hùng", "phong trào thi đua",
                                 "tuyên dương"],
            "industry_development": [*SEED_PHRASES["industry_development"], "nhà máy", "công nghiệp", "cơ khí",
                                     "chế tạo", "sản xuất"],
            "social_welfare": [*SEED_PHRASES["social_welfare"], "trợ cấp", "người có công", "bảo hiểm y tế",
                               "lương hưu", "nhà ở xã hội"],
            "party_building": _PARTY_WORDS,
        },
        quotas={
            "growth_investment": {"vntc": 20, "covid": 10, "2025": 30},
            "institutional_reform": {"vntc": 10, "covid": 5, "2025": 25},
            "exports_imports": {"vntc": 10, "covid": 5, "2025": 15},
            "digital_transformation": {"vntc": 5, "covid": 5, "2025": 20},
            "covid_dual_goal": {"covid": 20, "2025": 10},
            "emulation_awards": {"vntc": 10, "covid": 5, "2025": 10},
            "industry_development": {"vntc": 10, "covid": 5, "2025": 10},
            "social_welfare": {"vntc": 8, "covid": 4, "2025": 8},
            "party_building": {"vntc": 8, "covid": 2, "2025": 10},
        },
        random_quota={dump: 15 for dump in VNTC},
        first=("A10", "A11", "A12", "A13", "A14"), second="B3", batches=5),
    # round 4: the themes weakest in the round-3 model's cross-validation on the train split (industry_development
    # F1 0.32, social_welfare 0.63, innovation_science 0.67, digital_transformation 0.69, covid_dual_goal 0.69,
    # party_building 0.70, energy_transition recall 0.64), and random modern articles for the negatives
    4: TrainingRound(
        4, 20261209,
        phrases={
            "industry_development": [*SEED_PHRASES["industry_development"], "công nghiệp chế biến, chế tạo",
                                     "nội địa hóa", "chuỗi cung ứng", "cụm công nghiệp", "công nghiệp nền tảng",
                                     "cơ khí", "linh kiện"],
            "social_welfare": [*SEED_PHRASES["social_welfare"], "trợ cấp", "bảo trợ xã hội", "người có công",
                               "nhà ở xã hội", "lương hưu", "bảo hiểm y tế", "hỗ trợ người lao động"],
            "innovation_science": [*SEED_PHRASES["innovation_science"], "trí tuệ nhân tạo", "AI", "công nghệ chiến lược",
                                   "viện nghiên cứu", "nhà khoa học", "R&D", "công nghệ cao"],
            "digital_transformation": [*_ROUND_2_DT, "dữ liệu", "định danh điện tử", "hóa đơn điện tử", "ứng dụng"],
            "covid_dual_goal": [*_DUAL_GOAL_WORDS, "giãn cách", "vùng xanh", "chuỗi cung ứng", "thiếu lao động"],
            "party_building": [*_PARTY_WORDS, "Đại hội đại biểu", "nhiệm kỳ 2025-2030", "công tác cán bộ"],
            "energy_transition": [*SEED_PHRASES["energy_transition"], "điện lực", "EVN", "năng lượng", "xăng sinh học",
                                  "tiết kiệm điện", "Quy hoạch điện VIII"],
        },
        quotas={
            "industry_development": {"vntc": 10, "covid": 10, "2025": 30},
            "social_welfare": {"vntc": 10, "covid": 10, "2025": 25},
            "innovation_science": {"vntc": 5, "covid": 5, "2025": 30},
            "digital_transformation": {"vntc": 5, "covid": 10, "2025": 25},
            "covid_dual_goal": {"covid": 25, "2025": 5},
            "party_building": {"vntc": 5, "covid": 5, "2025": 20},
            "energy_transition": {"vntc": 5, "covid": 5, "2025": 20},
        },
        random_quota={COVID: 15, NEWS_2025: 25},
        first=("A15", "A16", "A17", "A18", "A19"), second="B4", batches=5),
    # round 5: growth_investment, the theme with the most misses on the test split with every model so far (recall
    # 0.654) and the most training positives still short of its wording; energy_transition, whose round-4 positives
    # include foreign energy policy (near misses needed: markets, prices, supply); institutional_reform and
    # digital_transformation again; and random articles of every dump (the natural mix the test split has)
    5: TrainingRound(
        5, 20261210,
        phrases={
            "growth_investment": [*SEED_PHRASES["growth_investment"], "vốn đầu tư", "thu hút đầu tư", "tăng trưởng",
                                  "dự án trọng điểm", "hạ tầng", "cao tốc", "đường sắt tốc độ cao", "kinh tế tư nhân",
                                  "tín dụng", "lãi suất"],
            "energy_transition": [*SEED_PHRASES["energy_transition"], "giá điện", "xăng dầu", "năng lượng", "than",
                                  "khí đốt", "LNG", "EVN"],
            "institutional_reform": [*SEED_PHRASES["institutional_reform"], "dự thảo luật", "phân cấp, phân quyền",
                                     "chính quyền địa phương hai cấp", "cắt giảm thủ tục", "Quốc hội thông qua"],
            "digital_transformation": [*_ROUND_2_DT, "dữ liệu", "trí tuệ nhân tạo", "nền tảng số"],
        },
        quotas={
            "growth_investment": {"vntc": 20, "covid": 10, "2025": 35},
            "energy_transition": {"vntc": 10, "covid": 5, "2025": 25},
            "institutional_reform": {"vntc": 10, "covid": 5, "2025": 20},
            "digital_transformation": {"vntc": 5, "covid": 5, "2025": 20},
        },
        random_quota={**{dump: 15 for dump in VNTC}, COVID: 20, NEWS_2025: 40},
        first=("A20", "A21", "A22", "A23", "A24"), second="B5", batches=5),
    # round 6: a second held-out split ("test2"), drawn after the round-1 test split had been scored five times in
    # aggregate, to measure the targets on articles no model, lexicon or threshold was tuned on, with more
    # positives of the four themes the issue names than round 1's test split has (covid_dual_goal: 3 there). Round
    # 1's narrow seed phrases (as round 1's test split was drawn), broader ones for covid_dual_goal (the 2020-21
    # file is nearly spent: 255 eligible articles left), a few articles for every other theme, and a natural mix
    # of every dump in `random`
    6: TrainingRound(
        6, 20261211,
        phrases={
            "digital_transformation": SEED_PHRASES["digital_transformation"],
            "trade_agreements": SEED_PHRASES["trade_agreements"],
            "covid_dual_goal": [*_DUAL_GOAL_WORDS, "giãn cách", "vùng xanh", "thiếu lao động", "doanh nghiệp gặp khó"],
            "covid_control": SEED_PHRASES["covid_control"],
            **{theme: phrases for theme, phrases in SEED_PHRASES.items() if theme not in COVID_THEMES
               and theme not in ("digital_transformation", "trade_agreements")},
        },
        quotas={
            "digital_transformation": {"vntc": 4, "covid": 6, "2025": 25},
            "trade_agreements": {"vntc": 10, "covid": 5, "2025": 20},
            "covid_dual_goal": {"covid": 30, "2025": 10},
            "covid_control": {"covid": 15, "2025": 15},
            **{theme: {"vntc": 2, "2025": 3} for theme in SEED_PHRASES if theme not in COVID_THEMES
               and theme not in ("digital_transformation", "trade_agreements")},
        },
        random_quota={**{dump: 10 for dump in VNTC}, COVID: 40, NEWS_2025: 60},
        first=("A25", "A26", "A27", "A28", "A29"), second="B6", batches=5, split="test2"),
}


def draw_round(spec: TrainingRound) -> list[dict]:
    rng = random.Random(spec.seed)
    earlier = {(r["source"], r["id"]) for path in [SAMPLE, *(ROUNDS[n].sample for n in ROUNDS if n < spec.number)]
               for r in map(json.loads, path.read_text(encoding="utf-8").splitlines())}
    items = [i for i in _eligible() if (i.source, i.id) not in earlier]
    chosen: dict[tuple[str, str], dict] = {}

    def take(pool: list[Item], n: int, stratum: str) -> None:
        _take(rng, chosen, pool, n, {"stratum": stratum, "split": spec.split, "round": spec.number})

    by_source = defaultdict(list)
    for item in items:
        by_source[item.source].append(item)
    for source, quota in spec.random_quota.items():
        take(by_source[source], quota, "random")
    for theme, phrases in spec.phrases.items():
        pattern = _phrase_pattern(phrases)
        pools = defaultdict(list)
        for item in items:
            if pattern.search(f"{item.title or ''}\n{item.text}"):
                pools[_group(item.source)].append(item)
        for group, n in spec.quotas[theme].items():
            take(pools[group], n, f"kw{spec.number}:{theme}")
    rows = sorted(chosen.values(), key=lambda r: (r["stratum"], r["source"], r["line"]))
    double = rng.sample(rows, spec.double)
    for row in rows:
        row["double"] = any(row is d for d in double)
    order = list(range(len(rows)))
    rng.shuffle(order)
    for position, index in enumerate(order):
        rows[index]["batch"] = position % spec.batches + 1
    return rows


def packets_round(spec: TrainingRound, out_dir: Path) -> None:
    rows = [json.loads(line) for line in spec.sample.read_text(encoding="utf-8").splitlines()]
    out_dir.mkdir(parents=True, exist_ok=True)
    for batch in range(1, spec.batches + 1):
        picked = [r for r in rows if r["batch"] == batch]
        (out_dir / f"batch{spec.number}-{batch}.txt").write_text(packet([get(r["source"], r["id"]) for r in picked]),
                                                                 encoding="utf-8")
    double = [r for r in rows if r["double"]]
    random.Random(spec.seed + 1).shuffle(double)
    (out_dir / f"batch{spec.number}-double.txt").write_text(packet([get(r["source"], r["id"]) for r in double]),
                                                            encoding="utf-8")


def merge_round(spec: TrainingRound, labels_dir: Path) -> list[dict]:
    """A round's gold rows: the first annotator's themes (labels-<annotator>.jsonl), replaced by the
    adjudicator's where one decided (adjudication<N>/final-*.jsonl: every article with an unsure label, and
    every double-labelled one where the two annotators differed or were unsure)."""
    def read(path: Path) -> dict[tuple[str, str], dict]:
        return {(r["source"], r["id"]): r for r in map(json.loads, path.read_text(encoding="utf-8").splitlines())}

    first: dict[tuple[str, str], tuple[str, dict]] = {}
    for annotator in spec.first:
        for key, row in read(labels_dir / f"labels-{annotator}.jsonl").items():
            first[key] = (annotator, row)
    second = read(labels_dir / f"labels-{spec.second}.jsonl")
    final: dict[tuple[str, str], dict] = {}
    for path in sorted((labels_dir / f"adjudication{spec.number}").glob("final-*.jsonl")):
        final.update(read(path))
    rows = []
    for row in map(json.loads, spec.sample.read_text(encoding="utf-8").splitlines()):
        key = (row["source"], row["id"])
        annotator, labels = first[key]
        out = {name: row[name] for name in ("source", "id", "line", "outlet", "published", "stratum", "split")}
        out["themes"] = sorted(final[key]["themes"] if key in final else labels["themes"])
        out["annotators"] = [annotator, spec.second] if key in second else [annotator]
        if key in final:
            out["adjudicated"] = True
        out["round"] = spec.number
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
    if len(argv) == 2 and argv[0] == "draw-round":
        spec = ROUNDS[int(argv[1])]
        rows = draw_round(spec)
        spec.sample.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
        print(f"{len(rows)} articles -> {spec.sample}")
        return 0
    if len(argv) == 3 and argv[0] == "packets-round":
        packets_round(ROUNDS[int(argv[1])], Path(argv[2]))
        return 0
    if len(argv) == 3 and argv[0] == "merge-round":
        spec = ROUNDS[int(argv[1])]
        corpus = HERE / "corpus.jsonl"
        tag = f'"round": {spec.number}}}'
        kept = [line for line in corpus.read_text(encoding="utf-8").splitlines() if not line.endswith(tag)]
        rows = merge_round(spec, Path(argv[2]))
        corpus.write_text("".join(f"{line}\n" for line in kept) +
                          "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
        print(f"{len(rows)} round-{spec.number} articles written to {corpus} ({len(kept)} others kept)")
        return 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
