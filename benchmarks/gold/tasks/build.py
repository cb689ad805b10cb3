"""Build the task gold (tasks_gold.jsonl) from the annotators' quote-based labels.

    python benchmarks/gold/tasks/build.py            # writes benchmarks/gold/tasks/tasks_gold.jsonl
    python benchmarks/gold/tasks/build.py --check    # resolve and validate only, write nothing

Inputs, per round (``ROUNDS``):
- round 1: ``sample.jsonl`` (the 191 drawn articles: stratum, split, batch, double) in this folder;
  ``../annotations/tasks/labels-T1.jsonl``, ``labels-T2.jsonl``: the two annotators' labels as delivered
  (GUIDELINE.md format: quotes, not offsets). T1 labelled batch 1 and the double-labelled articles of
  batch 2, T2 batch 2 and the double-labelled articles of batch 1, each in packet order;
  ``../annotations/tasks/adjudicated.jsonl``: the adjudicated labels (same format) of the
  double-labelled articles on which the two annotators disagree;
- round 2: ``sample-2.jsonl`` (160 articles), ``../annotations/tasks/round2/labels-T3.jsonl`` (batch 1)
  and ``labels-T4.jsonl`` (batch 2), ``../annotations/tasks/round2/adjudicated.jsonl``;
- round 3 (test only): ``sample-3.jsonl`` (100 articles), ``../annotations/tasks/round3/labels-T5.jsonl``
  (batch 1) and ``labels-T6.jsonl`` (batch 2), ``../annotations/tasks/round3/adjudicated.jsonl`` (which
  may also hold articles labelled once: the adjudicator decided the cases annotators flagged);
- round 4 (dev only): ``sample-4.jsonl`` (80 articles), ``../annotations/tasks/round4/labels-T7.jsonl`` (batch 1)
  and ``labels-T8.jsonl`` (batch 2), ``../annotations/tasks/round4/adjudicated.jsonl`` (as in round 3, disagreements
  and flagged cases);
- round 5 (test only, the held-out test since rounds 3 and 4): ``sample-5.jsonl`` (70 articles),
  ``../annotations/tasks/round5/labels-T9.jsonl`` (batch 1) and ``labels-T10.jsonl`` (batch 2), and
  ``adjudication-5.jsonl`` **in this folder** (committed, unlike rounds 1-4's adjudicated files): every
  decision that changes or settles round 5's labels, as edits of one annotator's labels as delivered
  (``read_edits``): the double-labelled articles on which the annotators differ (``kind`` ``double``) and any
  single-labelled article corrected (``single``), each with gold annotator ``adjudicated`` as in rounds 3-4.
  An edit takes a value from the other annotator's labels (``from``) or writes a short one, so the file
  carries names and a few quoted words, no article;
- round 6 (dev only, drawn to develop on after round 5's first scoring): ``sample-6.jsonl`` (60 articles),
  ``../annotations/tasks/round6/labels-T11.jsonl`` (batch 1) and ``labels-T12.jsonl`` (batch 2), and
  ``adjudication-6.jsonl`` in this folder (committed, edits as round 5's);
- round 7 (dev only, fresh articles of round 6's mix to score the rules on before rules are written from them):
  ``sample-7.jsonl`` (60 articles), ``../annotations/tasks/round7/labels-T13.jsonl`` (batch 1) and
  ``labels-T14.jsonl`` (batch 2), and ``adjudication-7.jsonl`` in this folder (committed, edits as round 5's);
- round 8 (dev only, fresh articles of round 6's mix to score the rules written from round 7 on before rules are
  written from them): ``sample-8.jsonl`` (60 articles), ``../annotations/tasks/round8/labels-T15.jsonl`` (batch 1) and
  ``labels-T16.jsonl`` (batch 2), and ``adjudication-8.jsonl`` in this folder (committed, edits as round 5's);
- round 9 (dev only, fresh articles to score a learned decision of which lists are tasks against the rules alone on,
  before anything is written from them; the directive pool had only 23 articles left, so 37 are marker articles):
  ``sample-9.jsonl`` (60 articles),
  ``../annotations/tasks/round9/labels-T17.jsonl`` (batch 1) and ``labels-T18.jsonl`` (batch 2), and
  ``adjudication-9.jsonl`` in this folder (committed, edits as round 5's);
- ``FIXES`` below: hand fixes of unambiguous annotation slips and of labels that contradict a decision
  written in GUIDELINE.md (listed in README.md), rounds 1-2.

The gold holds round 1's lines as they were (no ``round`` key), then those of rounds 2, 3, 4, 5, 6, 7, 8 and 9,
each with its ``"round"``; a later round only appends lines. A round whose label files are not on this machine
(every round's labels live outside the repository and may be absent: rounds 1-4's adjudications too; rounds 7, 8 and
9 were each built where only its own labels, or its and the previous round's, were) is not rebuilt: its
committed lines are read from ``tasks_gold.jsonl`` and written back byte for byte (``--check`` validates
them against the sample and the texts all the same), and the build says so.

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
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE.parents[2] / "src"))

from corpus import get

SAMPLE = HERE / "sample.jsonl"
# the annotators' files quote the articles, so they live beside the repository (like ../shared), not in it
ANNOTATIONS = Path(os.environ.get("POLICYTEXT_ANNOTATIONS", HERE.parents[3] / "annotations")) / "tasks"
GOLD = HERE / "tasks_gold.jsonl"


@dataclass(frozen=True)
class Round:
    """One round of drawing and labelling: its sample, its annotators (by batch) and its adjudication."""
    number: int
    sample: Path
    labels: dict[str, Path]        # annotator -> label file; the first labelled batch 1, the second batch 2
    adjudicated: Path
    edits: bool = False            # adjudicated holds edits of delivered labels (rounds 5-9), not whole labels

    @property
    def labelled_here(self) -> bool:
        """Whether the annotators' label files are on this machine (else the committed lines are kept)."""
        return all(path.is_file() for path in self.labels.values())

    @property
    def batch_of(self) -> dict[str, int]:
        return {annotator: batch for batch, annotator in enumerate(self.labels, start=1)}

    def annotator_of(self, batch: int) -> str:
        return list(self.labels)[batch - 1]


def _edited_round(number: int, first: str, second: str) -> Round:
    """A round whose adjudication is a file of edits committed in this folder and whose two annotators' labels lie
    beside the repository in ``roundN/`` (rounds 5-9)."""
    folder = ANNOTATIONS / f"round{number}"
    return Round(number, HERE / f"sample-{number}.jsonl",
                 {first: folder / f"labels-{first}.jsonl", second: folder / f"labels-{second}.jsonl"},
                 HERE / f"adjudication-{number}.jsonl", edits=True)


ROUNDS = {
    1: Round(1, SAMPLE, {"T1": ANNOTATIONS / "labels-T1.jsonl", "T2": ANNOTATIONS / "labels-T2.jsonl"},
             ANNOTATIONS / "adjudicated.jsonl"),
    2: Round(2, HERE / "sample-2.jsonl", {"T3": ANNOTATIONS / "round2" / "labels-T3.jsonl",
                                          "T4": ANNOTATIONS / "round2" / "labels-T4.jsonl"},
             ANNOTATIONS / "round2" / "adjudicated.jsonl"),
    3: Round(3, HERE / "sample-3.jsonl", {"T5": ANNOTATIONS / "round3" / "labels-T5.jsonl",
                                          "T6": ANNOTATIONS / "round3" / "labels-T6.jsonl"},
             ANNOTATIONS / "round3" / "adjudicated.jsonl"),
    4: Round(4, HERE / "sample-4.jsonl", {"T7": ANNOTATIONS / "round4" / "labels-T7.jsonl",
                                          "T8": ANNOTATIONS / "round4" / "labels-T8.jsonl"},
             ANNOTATIONS / "round4" / "adjudicated.jsonl"),
    5: _edited_round(5, "T9", "T10"),
    6: _edited_round(6, "T11", "T12"),
    7: _edited_round(7, "T13", "T14"),
    8: _edited_round(8, "T15", "T16"),
    9: _edited_round(9, "T17", "T18"),
}
# round 1's names, kept for callers of this module
LABELS = ROUNDS[1].labels
ADJUDICATED = ROUNDS[1].adjudicated
BATCH_OF = {ann: batch for rnd in ROUNDS.values() for ann, batch in rnd.batch_of.items()}

class NotTasks(str):
    """A fix's ``new``: the list at the path is judged no list of tasks; it moves to ``non_task_lists``
    (its first item's marker and quote, this reason)."""


DELETE = object()  # a fix's ``new``: the element at the path goes (a nested list annotated as a list)

# Hand fixes of unambiguous slips: (annotator, id) -> list of (path, old, new); path is a tuple of keys
# and indexes into the article's label object; ``old`` is the value found there (a dict: the keys it must
# have), ``new`` the value put instead, ``DELETE`` or ``NotTasks(why)``. Each is listed, with its reason, in
# README.md.
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
    # Round 2 (README.md "Hand fixes"): labels of single-annotated articles that contradict a decision of
    # GUIDELINE.md "Decisions after round 2" (numbers in brackets), or the guideline's rules.
    ("T3", "znews-1551107"): [  # (3) a joint statement is no directive
        (("lists", 0, "directive"), "Tuyên bố chung về nâng cấp quan hệ Việt Nam - Kazakhstan", None)],
    ("T4", "tuoitre-20250703123440116"): [  # (4) options a decided policy offers households: entitlements
        (("lists", 0), {"issued_by": "UBND TP Đà Nẵng"}, NotTasks("entitlements (decision 4 after round 2)"))],
    ("T4", "XH_VNE_T_ (3214)"): [  # (9) the boxed bullet list lies between items 1 and 2 of the outer list
        (("lists", 0, "items", 0, "ends"), "dựa trên kinh nghiệm và nghiên cứu dịch bệnh tại châu Á.",
         "dịch bệnh với OIE kịp thời, minh bạch."),
        (("lists", 1), {"issued_by": "Hội nghị quốc tế cúm gia cầm châu Á lần 2"}, DELETE)],
    ("T4", "tuoitre-20251108021125797"): [  # (6) the "Và" of "Và năm là" ends item 4
        (("lists", 0, "items", 3, "ends"), "nhu cầu theo thời gian thực.", "nhu cầu theo thời gian thực. Và")],
    # (8) issued_by without the apposition after the name
    ("T3", "tuoitre-20250517000051568"): [
        (("lists", 0, "issued_by"), "ông Trịnh Nguyễn Thiên Phước - giám đốc công nghệ Công ty Gianty Việt Nam",
         "ông Trịnh Nguyễn Thiên Phước")],
    ("T3", "znews-1557200"): [
        (("lists", 0, "issued_by"), "ông Nguyễn Quốc Hiệp, Chủ tịch Hiệp hội Nhà thầu xây dựng Việt Nam",
         "ông Nguyễn Quốc Hiệp")],
    ("T3", "tuoitre-20250717152416746"): [
        (("lists", 0, "issued_by"), "ông Nguyễn Văn Phong, phó giám đốc Sở Giáo dục và Đào tạo TP.HCM",
         "ông Nguyễn Văn Phong")],
    ("T3", "tuoitre-20251106202042021"): [
        (("lists", 0, "issued_by"), "ông Shaokai Fan, Giám đốc khu vực châu Á - Thái Bình Dương tại Hội đồng Vàng "
         "thế giới (WGC)", "ông Shaokai Fan")],
    ("T3", "znews-1604398"): [
        (("lists", 0, "issued_by"), "đại biểu Nguyễn Anh Trí (Hà Nội)", "đại biểu Nguyễn Anh Trí")],
    ("T3", "znews-1609422"): [
        (("lists", 0, "issued_by"), "Đại biểu Phan Đức Hiếu (Đoàn Hưng Yên)", "Đại biểu Phan Đức Hiếu")],
}


class Problems(list):
    def add(self, where: str, ident: str, what: str) -> None:
        self.append(f"{where} | {ident} | {what}")


def read_sample(round_: int | None = 1) -> list[dict]:
    """The drawn articles of one round (``None``: every round, in round order)."""
    rounds = [ROUNDS[round_]] if round_ else list(ROUNDS.values())
    return [json.loads(line) for rnd in rounds for line in rnd.sample.read_text(encoding="utf-8").splitlines()
            if line.strip()]


def round_of(annotator: str) -> Round:
    return next(rnd for rnd in ROUNDS.values() if annotator in rnd.labels)


def packet_order(sample: list[dict], annotator: str) -> list[dict]:
    """The articles of an annotator's two packets in order (sample.py ``packets``)."""
    batch = BATCH_OF[annotator]
    return ([r for r in sample if r["batch"] == batch]
            + [r for r in sample if r["double"] and r["batch"] != batch])


def read_labels(sample: list[dict], annotator: str, problems: Problems, path: Path | None = None,
                fixes: bool = True) -> dict[tuple[str, str], dict]:
    """One annotator's labels by (source, id), aligned on packet order; hand fixes applied unless ``fixes``
    is false (agreement is measured on the labels as delivered)."""
    path = path or round_of(annotator).labels[annotator]
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
            apply_fix(row, keys, old, new, lambda what: problems.add(path.name, want["id"], what))
        out[(want["source"], want["id"])] = row
    return out


def apply_fix(row: dict, keys: tuple, old: object, new: object, problem) -> None:
    """One hand fix on a label object, after checking that ``old`` is what the path holds."""
    target = row
    for key in keys[:-1]:
        target = target[key]
    try:
        current = target[keys[-1]]
    except (IndexError, KeyError):
        problem(f"fix {keys}: nothing there")
        return
    found = all(current.get(k) == v for k, v in old.items()) if isinstance(old, dict) else current == old
    if not found:
        problem(f"fix {keys}: expected {old!r}, found {current!r}")
    elif new is DELETE:
        del target[keys[-1]]
    elif isinstance(new, NotTasks):
        first = current["items"][0]
        row.setdefault("non_task_lists", []).append({"marker": first["marker"], "starts": first["starts"],
                                                     "why": str(new)})
        del target[keys[-1]]
        row["enumerates_tasks"] = bool(row.get("lists"))
    else:
        target[keys[-1]] = new


def read_adjudicated(problems: Problems, path: Path = ADJUDICATED) -> dict[tuple[str, str], dict]:
    if not path.exists():
        return {}
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            out[(row["source"], row["id"])] = row
    return out


def read_edits(rnd: Round, by_ann: dict[str, dict[tuple[str, str], dict]], problems: Problems,
               path: Path | None = None) -> dict[tuple[str, str], dict]:
    """A round's committed adjudication (``adjudication-5.jsonl`` to ``adjudication-9.jsonl``): per article, the
    labels of one annotator as delivered (``based_on``) with ``edits`` applied in order, each ``{"path": [...],
    "old": ..., <one of>}``:

    - ``"new": value``: the value put at the path;
    - ``"from": annotator`` (and ``"from_path"`` when it differs from ``path``): the other annotator's value there;
    - ``"delete": true``: the element at the path goes;
    - ``"not_tasks": why``: the list at the path is no list of tasks; it moves to ``non_task_lists``;
    - ``"append": true`` with ``new`` or ``from``: the value is appended to the list at the path (``old`` is its
      length before).

    ``old`` is what the path must hold before the edit (a dict: the keys it must have), as in ``FIXES``: an edit
    that finds something else is a problem. ``kind`` (``double``: the two annotators disagreed; ``single``: a
    single-labelled article corrected), ``decisions`` and ``note`` document the line."""
    path = path or rnd.adjudicated
    out: dict[tuple[str, str], dict] = {}
    if not path.exists():
        return out
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        entry = json.loads(line)
        key, where = (entry["source"], entry["id"]), f"{path.name}:{number}"
        base = by_ann.get(entry["based_on"], {}).get(key)
        if base is None:
            problems.add(where, entry["id"], f"no labels of {entry['based_on']} for this article")
            continue
        row = copy.deepcopy(base)
        for edit in entry["edits"]:
            keys = tuple(edit["path"])
            if "from" in edit:
                source = by_ann.get(edit["from"], {}).get(key)
                value = source
                try:
                    for k in edit.get("from_path", edit["path"]):
                        value = value[k]
                except (IndexError, KeyError, TypeError):
                    problems.add(where, entry["id"], f"edit {keys}: {edit['from']} has nothing at "
                                 f"{edit.get('from_path', edit['path'])}")
                    continue
                new = copy.deepcopy(value)
            elif edit.get("delete"):
                new = DELETE
            elif "not_tasks" in edit:
                new = NotTasks(edit["not_tasks"])
            else:
                new = edit["new"]
            if edit.get("append"):
                target = row
                for k in keys:
                    target = target.setdefault(k, []) if isinstance(target, dict) else target[k]
                if len(target) != edit["old"]:
                    problems.add(where, entry["id"], f"edit {keys}: expected {edit['old']} elements, found "
                                 f"{len(target)}")
                else:
                    target.append(new)
                continue
            apply_fix(row, keys, edit["old"], new, lambda what: problems.add(where, entry["id"], what))
        row["enumerates_tasks"] = bool(row.get("lists"))
        row["adjudication"] = {"based_on": entry["based_on"], "kind": entry.get("kind")}
        out[key] = row
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


def build(check_only: bool = False, labels: dict[str, Path] | None = None,
          kept: list[int] | None = None) -> tuple[list[dict], Problems, Problems]:
    """Every round's gold lines, in round then sample order. A round whose label files are absent (and not given
    in ``labels``) keeps its committed lines (``committed_lines``): their numbers are appended to ``kept``."""
    problems, warnings = Problems(), Problems()
    out = []
    for rnd in ROUNDS.values():
        if rnd.labelled_here or (labels and all(ann in labels for ann in rnd.labels)):
            out += build_round(rnd, problems, warnings, labels)
        else:
            out += committed_lines(rnd, problems)
            if kept is not None:
                kept.append(rnd.number)
    return out, problems, warnings


def committed_lines(rnd: Round, problems: Problems) -> list[dict]:
    """A round's lines as committed in ``tasks_gold.jsonl``, each with its exact line (``_raw``, written back
    unchanged) and its spans' texts put back from the article (for validation and the counts)."""
    out = []
    for raw in GOLD.read_text(encoding="utf-8").splitlines(keepends=True) if GOLD.exists() else []:
        if not raw.strip():
            continue
        row = json.loads(raw)
        if row.get("round", 1) != rnd.number:
            continue
        text = get(row["source"], row["id"]).text
        for t in row["tasks"]:
            t["text"] = text[t["start"]:t["end"]]
            if t.get("deadline"):
                t["deadline"]["text"] = text[t["deadline"]["start"]:t["deadline"]["end"]]
        for n in row.get("non_task_lists", []):
            n["text"] = text[n["start"]:n["end"]] if n.get("start") is not None else None
        row["_raw"] = raw
        out.append(row)
    if not out:
        problems.add(GOLD.name, "-", f"round {rnd.number}: no label files ({', '.join(map(str, rnd.labels.values()))})"
                     " and no committed lines")
    return out


def build_round(rnd: Round, problems: Problems, warnings: Problems,
                labels: dict[str, Path] | None = None) -> list[dict]:
    sample = read_sample(rnd.number)
    by_ann = {ann: read_labels(sample, ann, problems, (labels or {}).get(ann)) for ann in rnd.labels}
    if rnd.edits:
        adjudicated = read_edits(rnd, by_ann, problems)
    else:
        adjudicated = read_adjudicated(problems, rnd.adjudicated)
    for key, label in adjudicated.items():
        rows = [r for r in sample if (r["source"], r["id"]) == key]
        if not rows:
            problems.add(rnd.adjudicated.name, key[1], "adjudicated article is not in the sample")
        elif rnd.number < 3 and not rows[0]["double"]:  # from round 3 the adjudicator also decided flagged cases
            problems.add(rnd.adjudicated.name, key[1], "adjudicated article is not double-labelled in the sample")
        elif rnd.edits and (label["adjudication"]["kind"] == "double") != rows[0]["double"]:
            problems.add(rnd.adjudicated.name, key[1], f"kind {label['adjudication']['kind']!r} but double is "
                         f"{rows[0]['double']}")
    out = []
    for row in sample:
        key = (row["source"], row["id"])
        if key in adjudicated:
            annotator, label, where = "adjudicated", adjudicated[key], rnd.adjudicated.name
        else:
            annotator = rnd.annotator_of(row["batch"])
            label, where = by_ann[annotator].get(key), ((labels or {}).get(annotator) or rnd.labels[annotator]).name
            if label is None:
                problems.add(where, row["id"], "no label for this article")
                continue
        text = get(row["source"], row["id"]).text
        tasks, non_task = resolve(label, text, where, problems)
        check_items(tasks, text, where, row["id"], problems, warnings)
        if bool(label["enumerates_tasks"]) != bool(label.get("lists")):
            problems.add(where, row["id"], "enumerates_tasks disagrees with lists")
        line = {"source": row["source"], "id": row["id"], "line": row["line"], "published": row["published"],
                "stratum": row["stratum"], "split": row["split"], "double": row["double"],
                "enumerates_tasks": bool(tasks), "tasks": tasks, "non_task_lists": non_task,
                "annotator": annotator}
        if rnd.number > 1:  # round 1's lines stay as first written
            line["round"] = rnd.number
        out.append(line)
    return out


def summary(rows: list[dict]) -> str:
    tasks = [t for r in rows for t in r["tasks"]]
    lines = [(f"{len(rows)} articles; {sum(r['enumerates_tasks'] for r in rows)} enumerate tasks; {len(tasks)} items "
              f"in {sum(len({t['list'] for t in r['tasks']}) for r in rows)} lists")]
    def cell(r: dict) -> tuple[int, str, str]:
        return r.get("round", 1), r["stratum"], r["split"]

    cells = Counter(cell(r) for r in rows)
    pos = Counter(cell(r) for r in rows if r["enumerates_tasks"])
    items, lists = Counter(), Counter()
    for r in rows:
        items[cell(r)] += len(r["tasks"])
        lists[cell(r)] += len({t["list"] for t in r["tasks"]})
    lines.append(f"{'round':5} {'stratum':10} {'split':5} {'articles':>8} {'w/tasks':>7} {'lists':>5} {'items':>6}")
    for key in sorted(cells):
        lines.append(f"{key[0]:<5} {key[1]:10} {key[2]:5} {cells[key]:8} {pos[key]:7} {lists[key]:5} {items[key]:6}")
    for round_ in sorted({r.get("round", 1) for r in rows}):
        for split in ("dev", "test"):
            rs = [r for r in rows if r["split"] == split and r.get("round", 1) == round_]
            if not rs:  # rounds 3 and 5 (test) and 4 and 6-9 (dev) have one split only
                continue
            ts = [t for r in rs for t in r["tasks"]]
            lines.append(f"round {round_} {split}: {len(rs)} articles, {sum(r['enumerates_tasks'] for r in rs)} with "
                         f"tasks, {len({(r['id'], t['list']) for r in rs for t in r['tasks']})} lists, "
                         f"{len(ts)} items (with issued_by {sum(bool(t['issued_by']) for t in ts)}, actor "
                         f"{sum(bool(t['actor']) for t in ts)}, deadline {sum(bool(t['deadline']) for t in ts)}, "
                         f"directive {sum(bool(t['directive']) for t in ts)})")
    lines.append(f"items with deadline {sum(bool(t['deadline']) for t in tasks)}, actor "
                 f"{sum(bool(t['actor']) for t in tasks)}, directive {sum(bool(t['directive']) for t in tasks)}, "
                 f"issued_by {sum(bool(t['issued_by']) for t in tasks)}")
    lines.append("annotator: " + ", ".join(f"{k} {v}" for k, v in sorted(Counter(r["annotator"] for r in rows).items())))
    lines.append("markers: " + ", ".join(f"{k} {v}" for k, v in Counter(t["marker"] for t in tasks).most_common(12)))
    return "\n".join(lines)


def validate(rows: list[dict]) -> list[str]:
    """The written gold against the sample and the texts."""
    errors = []
    sample = read_sample(None)
    if [(r["source"], r["id"]) for r in rows] != [(r["source"], r["id"]) for r in sample]:
        errors.append("gold articles differ from the samples (order or membership)")
    if len(set((r["source"], r["id"]) for r in rows)) != len(rows):
        errors.append("an article is in the gold twice")
    for r, s in zip(rows, sample):
        for k in ("stratum", "split", "line", "published"):
            if r[k] != s[k]:
                errors.append(f"{r['id']}: {k} {r[k]!r} != sample {s[k]!r}")
        if r.get("round", 1) != s.get("round", 1):
            errors.append(f"{r['id']}: round {r.get('round', 1)} != sample {s.get('round', 1)}")
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
    kept: list[int] = []
    rows, problems, warnings = build(kept=kept)
    for number in kept:
        print(f"round {number}: its label files are not here; its committed lines are kept byte for byte")
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
        GOLD.write_text("".join(r["_raw"] if "_raw" in r else json.dumps(without_text(r), ensure_ascii=False) + "\n"
                                for r in rows), encoding="utf-8")
        print(f"wrote {GOLD.relative_to(HERE.parents[2])}")
    print(summary(rows))
    print(f"{len(warnings)} guideline warning(s) (--warnings to list)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
