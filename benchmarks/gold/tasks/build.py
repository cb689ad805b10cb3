"""Build the task gold (tasks_gold.jsonl) from the annotators' quote-based labels.

    python benchmarks/gold/tasks/build.py            # writes benchmarks/gold/tasks/tasks_gold.jsonl
    python benchmarks/gold/tasks/build.py --check    # resolve and validate only, write nothing

Inputs (all in this folder):
- ``sample.jsonl``: the 191 drawn articles (stratum, split, batch, double);
- ``labels/labels-T1.jsonl``, ``labels/labels-T2.jsonl``: the two annotators' labels as delivered
  (GUIDELINE.md format: quotes, not offsets). T1 labelled batch 1 and the double-labelled articles of
  batch 2, T2 batch 2 and the double-labelled articles of batch 1, each in packet order;
- ``adjudicated.jsonl``: the adjudicated labels (same format) of the double-labelled articles on which
  the two annotators disagree;
- ``FIXES`` below: hand fixes of unambiguous annotation slips (listed in README.md).

Gold per article: the adjudicated labels when there are some, else the labels of the annotator who had
the article's batch (for a double-labelled article the two agree). Quotes are located in the exact text
``corpus.get(source, id).text``: an item starts at its ``starts`` quote (``occurrence`` when given, else
the first occurrence at or after the previous item's end) and ends at the end of the first occurrence of
its ``ends`` quote after the start (trailing white space excluded). A quote that cannot be found is an
error: it is reported (file, id, which quote) and nothing is written.
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import sys
from collections import Counter
from itertools import pairwise
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE.parents[2] / "src"))

from corpus import get

SAMPLE = HERE / "sample.jsonl"
# the annotators' files quote the articles, so they live beside the repository (like ../shared), not in it
ANNOTATIONS = Path(os.environ.get("POLICYTEXT_ANNOTATIONS", HERE.parents[3] / "annotations")) / "tasks"
LABELS = {"T1": ANNOTATIONS / "labels-T1.jsonl", "T2": ANNOTATIONS / "labels-T2.jsonl"}
ADJUDICATED = ANNOTATIONS / "adjudicated.jsonl"
GOLD = HERE / "tasks_gold.jsonl"
BATCH_OF = {"T1": 1, "T2": 2}

# Hand fixes of unambiguous slips: (annotator, id) -> list of (path, old, new); path is a tuple of keys
# and indexes into the article's label object. Each is listed, with its reason, in README.md.
FIXES: dict[tuple[str, str], list[tuple[tuple, object, object]]] = {
    # End rule (GUIDELINE.md "End"): the text between two items belongs to the earlier one. The annotators
    # left the "Và" of "Và cuối cùng" out of both items; it goes to the end of the earlier item.
    ("T1", "XH_VNE_T_ (3590)"): [
        (("lists", 0, "items", 2, "ends"),
         "yêu cầu thi ngoại ngữ tương ứng trình độ C và phải đạt tối thiểu 50/100 điểm.",
         "yêu cầu thi ngoại ngữ tương ứng trình độ C và phải đạt tối thiểu 50/100 điểm.\nVà")],
    ("T2", "tuoitre-2025110909345799"): [
        (("lists", 0, "items", 2, "ends"), "quy trình và công nghệ của doanh nghiệp.",
         "quy trình và công nghệ của doanh nghiệp. Và")],
    ("T2", "tuoitre-20250618092853816"): [
        (("lists", 0, "items", 1, "ends"), "chỉ trong một kết quả trả về mà thôi.",
         "chỉ trong một kết quả trả về mà thôi. Và")],
}


class Problems(list):
    def add(self, where: str, ident: str, what: str) -> None:
        self.append(f"{where} | {ident} | {what}")


def read_sample() -> list[dict]:
    return [json.loads(line) for line in SAMPLE.read_text(encoding="utf-8").splitlines() if line.strip()]


def packet_order(sample: list[dict], annotator: str) -> list[dict]:
    """The articles of an annotator's two packets in order (sample.py ``packets``)."""
    batch = BATCH_OF[annotator]
    return ([r for r in sample if r["batch"] == batch]
            + [r for r in sample if r["double"] and r["batch"] != batch])


def read_labels(sample: list[dict], annotator: str, problems: Problems, path: Path | None = None,
                fixes: bool = True) -> dict[tuple[str, str], dict]:
    """One annotator's labels by (source, id), aligned on packet order; hand fixes applied unless ``fixes``
    is false (agreement is measured on the labels as delivered)."""
    path = path or LABELS[annotator]
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    order = packet_order(sample, annotator)
    if len(rows) != len(order):
        problems.add(path.name, "-", f"{len(rows)} label lines for {len(order)} packet articles")
    out = {}
    for position, (want, row) in enumerate(zip(order, rows)):
        if (row["source"], row["id"]) != (want["source"], want["id"]):
            if row["source"] == want["source"] and want["id"].startswith(row["id"].rstrip()):
                problems.add(path.name, row["id"], f"id truncated; aligned by packet position {position + 1}"
                             f" to {want['id']!r}")
            else:
                problems.add(path.name, row["id"], f"packet position {position + 1} is {want['id']!r}: not aligned")
                continue
        row = copy.deepcopy(row)
        row["source"], row["id"] = want["source"], want["id"]
        for keys, old, new in (FIXES.get((annotator, want["id"]), []) if fixes else []):
            target = row
            for key in keys[:-1]:
                target = target[key]
            if target[keys[-1]] != old:
                problems.add(path.name, want["id"], f"fix {keys}: expected {old!r}, found {target[keys[-1]]!r}")
            else:
                target[keys[-1]] = new
        out[(want["source"], want["id"])] = row
    return out


def read_adjudicated(problems: Problems) -> dict[tuple[str, str], dict]:
    if not ADJUDICATED.exists():
        return {}
    out = {}
    for line in ADJUDICATED.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            out[(row["source"], row["id"])] = row
    return out


def _find_nth(text: str, quote: str, n: int) -> int:
    pos = -1
    for _ in range(n):
        pos = text.find(quote, pos + 1)
        if pos < 0:
            return -1
    return pos


def resolve(label: dict, text: str, where: str, problems: Problems) -> tuple[list[dict], list[dict]]:
    """Offsets for every item (tasks, in article order) and every non-task list of one article."""
    ident = label["id"]
    tasks: list[dict] = []
    cursor = 0
    for li, lst in enumerate(label.get("lists", [])):
        tag = f"list {li + 1}"
        if lst.get("intro") and lst["intro"] not in text:
            problems.add(where, ident, f"{tag} intro not found: {lst['intro']!r}")
        items = lst.get("items", [])
        if len(items) < 2:
            problems.add(where, ident, f"{tag} has {len(items)} item(s)")
        for it in items:
            itag = f"{tag} item {it.get('ordinal')}"
            starts = it["starts"]
            if it.get("occurrence"):
                start = _find_nth(text, starts, int(it["occurrence"]))
            else:
                start = text.find(starts, cursor)
            if start < 0:
                why = f"occurrence {it['occurrence']}" if it.get("occurrence") else f"at or after offset {cursor}"
                problems.add(where, ident, f"{itag} starts not found ({why}): {starts!r}")
                continue
            if not it.get("occurrence") and text.count(starts) > 1 and text.find(starts) != start:
                problems.add(where, ident, f"{itag} starts occurs {text.count(starts)} times; took the one after "
                             f"the previous item (offset {start})")
            ends = it["ends"].rstrip()
            pos = text.find(ends, start)
            if pos < 0:
                problems.add(where, ident, f"{itag} ends not found after start {start}: {it['ends']!r}")
                continue
            end = pos + len(ends)
            while end > start and text[end - 1].isspace():
                end -= 1
            item_text = text[start:end]
            deadline = None
            if it.get("deadline"):
                d = it["deadline"]
                dpos = item_text.find(d["text"])
                if dpos < 0:
                    problems.add(where, ident, f"{itag} deadline text not inside the item: {d['text']!r}")
                else:
                    deadline = {"text": d["text"], "value": d.get("value"), "start": start + dpos,
                                "end": start + dpos + len(d["text"])}
            actor = it.get("actor") or []
            if isinstance(actor, str):
                actor = [actor]
            tasks.append({"ordinal": it["ordinal"], "marker": it["marker"], "start": start, "end": end,
                          "text": item_text, "issued_by": lst.get("issued_by"), "actor": list(actor),
                          "deadline": deadline, "directive": lst.get("directive"), "list": li + 1})
            cursor = end
    non_task = []
    for nl in label.get("non_task_lists", []):
        q = nl.get("starts", "")
        pos = text.find(q) if q else -1
        if pos < 0:
            problems.add(where, ident, f"non-task list starts not found: {q!r}")
            non_task.append({"marker": nl.get("marker"), "start": None, "end": None, "text": q, "why": nl.get("why")})
        else:
            non_task.append({"marker": nl.get("marker"), "start": pos, "end": pos + len(q), "text": q,
                             "why": nl.get("why")})
    return tasks, non_task


def without_text(row: dict) -> dict:
    """The gold line as committed: offsets only, no article text (the modern dumps may not be copied);
    ``text[start:end]`` of the article gives each span back."""
    row = dict(row)
    row["tasks"] = [{k: v for k, v in t.items() if k != "text"} | (
        {"deadline": {k: v for k, v in t["deadline"].items() if k != "text"}} if t.get("deadline") else {})
        for t in row["tasks"]]
    row["non_task_lists"] = [{k: v for k, v in n.items() if k != "text"} for n in row.get("non_task_lists", [])]
    return row


def check_items(tasks: list[dict], text: str, where: str, ident: str, problems: Problems,
                warnings: Problems) -> None:
    """Order, overlap, span texts; the guideline's end rules as warnings."""
    for a, b in pairwise(tasks):
        if b["start"] < a["end"]:
            problems.add(where, ident, f"item {b['ordinal']} (list {b['list']}) starts at {b['start']} before the "
                         f"previous item ends at {a['end']}")
        elif a["list"] == b["list"] and text[a["end"]:b["start"]].strip():
            warnings.add(where, ident, f"list {a['list']}: text between item {a['ordinal']} and item {b['ordinal']}"
                         f" left out: {text[a['end']:b['start']][:80]!r}")
    for i, t in enumerate(tasks):
        if text[t["start"]:t["end"]] != t["text"]:
            problems.add(where, ident, f"item {t['ordinal']} span text differs")
        if t["deadline"] and text[t["deadline"]["start"]:t["deadline"]["end"]] != t["deadline"]["text"]:
            problems.add(where, ident, f"item {t['ordinal']} deadline span text differs")
        last = i + 1 == len(tasks) or tasks[i + 1]["list"] != t["list"]
        if last and "\n" in t["text"]:
            warnings.add(where, ident, f"list {t['list']}: last item {t['ordinal']} runs over a paragraph break")
        if last:
            para_end = text.find("\n", t["end"])
            para_end = len(text) if para_end < 0 else para_end
            rest = text[t["end"]:para_end].strip()
            if rest and "\n" in text.strip():
                warnings.add(where, ident, f"list {t['list']}: last item {t['ordinal']} stops before the end of "
                             f"its paragraph: {rest[:60]!r}")


def build(check_only: bool = False, labels: dict[str, Path] | None = None) -> tuple[list[dict], Problems, Problems]:
    problems, warnings = Problems(), Problems()
    sample = read_sample()
    by_ann = {ann: read_labels(sample, ann, problems, (labels or {}).get(ann)) for ann in LABELS}
    adjudicated = read_adjudicated(problems)
    for key in adjudicated:
        if not any((r["source"], r["id"]) == key and r["double"] for r in sample):
            problems.add(ADJUDICATED.name, key[1], "adjudicated article is not double-labelled in the sample")
    out = []
    for row in sample:
        key = (row["source"], row["id"])
        if key in adjudicated:
            annotator, label, where = "adjudicated", adjudicated[key], ADJUDICATED.name
        else:
            annotator = "T1" if row["batch"] == 1 else "T2"
            label, where = by_ann[annotator].get(key), ((labels or {}).get(annotator) or LABELS[annotator]).name
            if label is None:
                problems.add(where, row["id"], "no label for this article")
                continue
        text = get(row["source"], row["id"]).text
        tasks, non_task = resolve(label, text, where, problems)
        check_items(tasks, text, where, row["id"], problems, warnings)
        if bool(label["enumerates_tasks"]) != bool(label.get("lists")):
            problems.add(where, row["id"], "enumerates_tasks disagrees with lists")
        out.append({"source": row["source"], "id": row["id"], "line": row["line"], "published": row["published"],
                    "stratum": row["stratum"], "split": row["split"], "double": row["double"],
                    "enumerates_tasks": bool(tasks), "tasks": tasks, "non_task_lists": non_task,
                    "annotator": annotator})
    return out, problems, warnings


def summary(rows: list[dict]) -> str:
    tasks = [t for r in rows for t in r["tasks"]]
    lines = [(f"{len(rows)} articles; {sum(r['enumerates_tasks'] for r in rows)} enumerate tasks; {len(tasks)} items "
              f"in {sum(len({t['list'] for t in r['tasks']}) for r in rows)} lists")]
    cells = Counter((r["stratum"], r["split"]) for r in rows)
    pos = Counter((r["stratum"], r["split"]) for r in rows if r["enumerates_tasks"])
    items, lists = Counter(), Counter()
    for r in rows:
        items[(r["stratum"], r["split"])] += len(r["tasks"])
        lists[(r["stratum"], r["split"])] += len({t["list"] for t in r["tasks"]})
    lines.append(f"{'stratum':10} {'split':5} {'articles':>8} {'w/tasks':>7} {'lists':>5} {'items':>6}")
    for key in sorted(cells):
        lines.append(f"{key[0]:10} {key[1]:5} {cells[key]:8} {pos[key]:7} {lists[key]:5} {items[key]:6}")
    for split in ("dev", "test"):
        rs = [r for r in rows if r["split"] == split]
        lines.append(f"{split}: {len(rs)} articles, {sum(r['enumerates_tasks'] for r in rs)} with tasks, "
                     f"{sum(len(r['tasks']) for r in rs)} items")
    lines.append(f"items with deadline {sum(bool(t['deadline']) for t in tasks)}, actor "
                 f"{sum(bool(t['actor']) for t in tasks)}, directive {sum(bool(t['directive']) for t in tasks)}, "
                 f"issued_by {sum(bool(t['issued_by']) for t in tasks)}")
    lines.append("annotator: " + ", ".join(f"{k} {v}" for k, v in sorted(Counter(r["annotator"] for r in rows).items())))
    lines.append("markers: " + ", ".join(f"{k} {v}" for k, v in Counter(t["marker"] for t in tasks).most_common(12)))
    return "\n".join(lines)


def validate(rows: list[dict]) -> list[str]:
    """The written gold against the sample and the texts."""
    errors = []
    sample = read_sample()
    if [(r["source"], r["id"]) for r in rows] != [(r["source"], r["id"]) for r in sample]:
        errors.append("gold articles differ from sample.jsonl (order or membership)")
    for r, s in zip(rows, sample):
        for k in ("stratum", "split", "line", "published"):
            if r[k] != s[k]:
                errors.append(f"{r['id']}: {k} {r[k]!r} != sample {s[k]!r}")
        text = get(r["source"], r["id"]).text
        for a, b in pairwise(r["tasks"]):
            if not a["start"] < a["end"] <= b["start"] < b["end"]:
                errors.append(f"{r['id']}: items {a['ordinal']} and {b['ordinal']} out of order or overlapping")
        for t in r["tasks"]:
            if text[t["start"]:t["end"]] != t["text"] or not t["text"]:
                errors.append(f"{r['id']}: item {t['ordinal']} span text differs")
            if t["text"] != t["text"].rstrip():
                errors.append(f"{r['id']}: item {t['ordinal']} ends in white space")
            if not t["text"].lower().startswith(t["marker"].lower()):
                errors.append(f"{r['id']}: item {t['ordinal']} does not start with its marker {t['marker']!r}")
            d = t["deadline"]
            if d and not (t["start"] <= d["start"] < d["end"] <= t["end"] and text[d["start"]:d["end"]] == d["text"]):
                errors.append(f"{r['id']}: item {t['ordinal']} deadline span wrong")
        if r["enumerates_tasks"] != bool(r["tasks"]):
            errors.append(f"{r['id']}: enumerates_tasks disagrees with tasks")
    return errors


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="resolve and validate, write nothing")
    parser.add_argument("--warnings", action="store_true", help="also print the guideline warnings")
    args = parser.parse_args(argv)
    rows, problems, warnings = build()
    for p in problems:
        print("PROBLEM", p)
    if args.warnings:
        for w in warnings:
            print("WARNING", w)
    if problems:
        print(f"{len(problems)} problem(s): nothing written")
        return 1
    errors = validate(rows)
    for e in errors:
        print("INVALID", e)
    if errors:
        return 1
    if not args.check:
        GOLD.write_text("".join(json.dumps(without_text(r), ensure_ascii=False) + "\n" for r in rows),
                        encoding="utf-8")
        print(f"wrote {GOLD.relative_to(HERE.parents[2])}")
    print(summary(rows))
    print(f"{len(warnings)} guideline warning(s) (--warnings to list)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
