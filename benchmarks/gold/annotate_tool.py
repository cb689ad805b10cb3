"""Annotation helper for the extraction gold: pick articles, show them, turn drafts into offsets.

    python benchmarks/gold/annotate_tool.py pick                 # the seeded random picks
    python benchmarks/gold/annotate_tool.py show SOURCE ID       # print an article with offsets
    python benchmarks/gold/annotate_tool.py build DRAFT.yaml OUT.jsonl
    python benchmarks/gold/annotate_tool.py check benchmarks/gold

A draft names spans by their exact text (and an occurrence index when the text repeats), so
nobody counts characters by hand; `build` finds the offsets and `check` verifies
text[start:end] == span text for every gold span. The article texts stay in ../shared.

Draft (YAML list, one item per article): source, id, line, published, and
    officials:  [[name, [[title, organization or null], ...]], ...]
    dates:      [[text, value, grain, occurrence?], ...]
    legal_refs: [[text, doc_type, code, number, year, issuer, occurrence?], ...]
    tasks:      [[ordinal, marker, occurrence or null?, text ending the item?], ...]
Without an occurrence, a span takes the first match of its text that overlaps no span placed
before it (legal references are placed first, so a year inside a law's name is skipped).
"""

from __future__ import annotations

import gzip
import json
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))

from policytext.evaluation.extract import article_text, load_gold  # noqa: E402

SHARED = ROOT.parent / "shared" / "data"
SEED = 20261125
KEYWORDS = ("Bộ trưởng", "Thủ tướng", "Chủ tịch", "Nghị định", "Quyết định", "Chỉ thị", "Luật", "Thứ nhất")
QUOTA = {"vntc-test-chinh-tri-xa-hoi.jsonl.gz": 14, "vntc-test-phap-luat.jsonl.gz": 8,
         "vntc-test-kinh-doanh.jsonl.gz": 1}
SPARE = 6  # extra picks listed after the quota, used in order when a pick is unusable
# enumerations are rare in random picks: a second, seeded draw from articles with task markers
TASK_MARKERS = re.compile(r"Thứ nhất|Một là|\(1\)|(?:^|\n)\s*(?:1[.)]|a\)) ")
TASK_QUOTA = {"vntc-test-chinh-tri-xa-hoi.jsonl.gz": 2, "vntc-test-phap-luat.jsonl.gz": 1}


def candidates(dump: str, tasks: bool = False) -> list[tuple[int, str]]:
    """(line index, id) of EVEN-line articles <= 6,000 chars containing a keyword (or a task marker)."""
    found = []
    with gzip.open(SHARED / "vntc" / dump, "rt", encoding="utf-8") as handle:
        for index, line in enumerate(handle):
            if index % 2:
                continue
            item = json.loads(line)
            text = item["text"]
            if len(text) > 6000:
                continue
            if TASK_MARKERS.search(text) if tasks else any(word in text for word in KEYWORDS):
                found.append((index, item["id"]))
    return found


def pick() -> None:
    for dump, quota in QUOTA.items():
        pool = candidates(dump)
        chosen = random.Random(SEED).sample(pool, quota + SPARE)
        print(f"# {dump}: {len(pool)} candidates")
        for n, (index, ident) in enumerate(chosen):
            print(f"{'spare' if n >= quota else 'pick '} {index}\t{ident}")
    for dump, quota in TASK_QUOTA.items():
        pool = candidates(dump, tasks=True)
        chosen = random.Random(SEED).sample(pool, quota + 2)
        print(f"# {dump}: {len(pool)} candidates with a task marker")
        for n, (index, ident) in enumerate(chosen):
            print(f"{'spare' if n >= quota else 'task '} {index}\t{ident}")


def show(source: str, ident: str) -> None:
    text = article_text({"source": source, "id": ident}, SHARED)
    position = 0
    for paragraph in text.split("\n"):
        print(f"[{position}] {paragraph}")
        position += len(paragraph) + 1


def _boundary_matches(text: str, needle: str) -> list[int]:
    """Starts of `needle` not glued to a letter/digit on the left or a digit/'/digit' on the right."""
    starts = []
    for match in re.finditer(re.escape(needle), text):
        s, e = match.start(), match.end()
        if s > 0 and text[s - 1].isalnum() and needle[0].isalnum():
            continue
        if e < len(text) and needle[-1].isalnum() and (text[e].isalnum() or
                                                       (text[e] in "/-." and text[e + 1: e + 2].isdigit())):
            continue
        starts.append(s)
    return starts


def _locate(text: str, needle: str, occurrence: int | None, taken: list, where: str) -> tuple[int, int]:
    """The explicit occurrence, else the first match that overlaps no span already placed."""
    starts = _boundary_matches(text, needle)
    if not starts:
        raise SystemExit(f"{where}: {needle!r} not found")
    if occurrence is not None:
        if occurrence >= len(starts):
            raise SystemExit(f"{where}: {needle!r} occurrence {occurrence} of {len(starts)}")
        start = starts[occurrence]
    else:
        free = [s for s in starts if not any(s < e and b < s + len(needle) for b, e in taken)]
        if not free:
            raise SystemExit(f"{where}: every {needle!r} is already used {starts}")
        start = free[0]
    taken.append((start, start + len(needle)))
    return start, start + len(needle)


def build(draft_path: str, out_path: str) -> None:
    import yaml

    draft = yaml.safe_load(Path(draft_path).read_text(encoding="utf-8"))
    lines = []
    for item in draft:
        text = article_text(item, SHARED)
        where = f"{item['source']}#{item['id']}"
        taken: list = []
        entry = {"source": item["source"], "id": item["id"], "line": item.get("line"),
                 "published": item.get("published"), "officials": [], "dates": [], "legal_refs": [],
                 "tasks": []}
        for name, positions in item.get("officials") or []:
            entry["officials"].append({"name": name, "positions": [
                {"title": title, "organization": org} for title, org in positions]})
        # legal refs first, so a year inside a law's name is not taken for a date
        for row in item.get("legal_refs") or []:
            span, doc_type, code, number, year, issuer, *occ = row
            start, end = _locate(text, span, occ[0] if occ else None, taken, where)
            entry["legal_refs"].append({"start": start, "end": end, "text": span, "doc_type": doc_type,
                                        "code": code, "number": number, "year": year, "issuer": issuer})
        for row in item.get("dates") or []:
            span, value, grain, *occ = row
            start, end = _locate(text, span, occ[0] if occ else None, taken, where)
            entry["dates"].append({"start": start, "end": end, "text": span, "value": value, "grain": grain})
        markers = []
        for row in item.get("tasks") or []:
            # [ordinal, marker, occurrence or null, text that ends the item (optional)]
            ordinal, marker, *rest = row
            occurrence = rest[0] if rest else None
            start, _ = _locate(text, marker, occurrence, taken, where)
            markers.append((ordinal, marker, start, rest[1] if len(rest) > 1 else None))
        for n, (ordinal, marker, start, until) in enumerate(markers):
            if until is not None:
                end = text.index(until, start) + len(until)
            elif n + 1 < len(markers):
                end = markers[n + 1][2]
            else:
                newline = text.find("\n", start)
                end = len(text) if newline < 0 else newline
            while end > start and text[end - 1].isspace():
                end -= 1
            entry["tasks"].append({"ordinal": ordinal, "marker": marker, "start": start, "end": end})
        for field in ("dates", "legal_refs"):
            entry[field].sort(key=lambda span: span["start"])
        lines.append(json.dumps(entry, ensure_ascii=False))
    Path(out_path).write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {len(lines)} articles to {out_path}")


def check(path: str) -> None:
    problems = 0
    entries = load_gold(path)
    for entry in entries:
        text = article_text(entry, SHARED)
        for field in ("dates", "legal_refs"):
            for span in entry[field]:
                if text[span["start"]:span["end"]] != span["text"]:
                    problems += 1
                    print(f"{entry['id']} {field}: {span} != {text[span['start']:span['end']]!r}")
        for task in entry["tasks"]:
            if not text[task["start"]:task["end"]].startswith(task["marker"]):
                problems += 1
                print(f"{entry['id']} task {task} does not start with its marker")
    print(f"{len(entries)} articles checked, {problems} problems")


if __name__ == "__main__":
    command, *args = sys.argv[1:] or ["help"]
    {"pick": pick, "show": show, "build": build, "check": check}.get(
        command, lambda *a: print(__doc__))(*args)
