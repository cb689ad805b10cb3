"""Build the legal-reference gold (legal_refs_gold.jsonl) from the annotators' quote-based labels.

    python benchmarks/gold/legal_refs/build.py            # writes benchmarks/gold/legal_refs/legal_refs_gold.jsonl
    python benchmarks/gold/legal_refs/build.py --check    # resolve and validate only, compare with the file, write nothing
    python benchmarks/gold/legal_refs/build.py --check --warnings   # also list field warnings and the changes
    python benchmarks/gold/legal_refs/build.py --round 2  # round 2 (test only): legal_refs_gold-2.jsonl
    python benchmarks/gold/legal_refs/build.py --round 3  # round 3 (dev only): legal_refs_gold-3.jsonl
    python benchmarks/gold/legal_refs/build.py --round 4  # round 4 (dev only): legal_refs_gold-4.jsonl
    python benchmarks/gold/legal_refs/build.py --round 5  # round 5 (dev only): legal_refs_gold-5.jsonl
    python benchmarks/gold/legal_refs/build.py --round 6  # round 6 (test only, held out): legal_refs_gold-6.jsonl
    python benchmarks/gold/legal_refs/build.py --round 7  # round 7 (dev only): legal_refs_gold-7.jsonl
    python benchmarks/gold/legal_refs/build.py --round 8  # round 8 (dev only): legal_refs_gold-8.jsonl
    python benchmarks/gold/legal_refs/build.py --round 9  # round 9 (dev only): legal_refs_gold-9.jsonl

Inputs:
- ``sample.jsonl`` (this folder): the 100 drawn articles (split, batch, double);
- ``$POLICYTEXT_ANNOTATIONS/legal_refs/`` (default ``<repo>/../annotations/legal_refs/``; outside the repository
  because the labels quote the articles): ``labels-L1.jsonl`` (batch 1 + the double-labelled articles of batch 2)
  and ``labels-L2.jsonl`` (batch 2 + the double-labelled articles of batch 1), GUIDELINE.md format (``text`` +
  ``occurrence``, packet order), and ``adjudicated.jsonl`` (same format: the adjudicated labels of the
  double-labelled articles on which L1 and L2 differ);
- ``DROPS`` below: the mentions removed from single-annotated labels by the round's binding decisions;
- round 2 (``--round 2``, ``ROUNDS``): ``sample-2.jsonl``, ``round2/labels-L3.jsonl`` (batch 1),
  ``round2/labels-L4.jsonl`` (batch 2) and ``round2/adjudicated.jsonl`` (which may also hold articles labelled
  once: the adjudicator decided the cases the annotators flagged), written to ``legal_refs_gold-2.jsonl``;
- round 3 (``--round 3``): ``sample-3.jsonl``, ``round3/labels-L5.jsonl`` (batch 1), ``round3/labels-L6.jsonl``
  (batch 2) and ``round3/adjudicated.jsonl`` (like round 2's), written to ``legal_refs_gold-3.jsonl``;
- round 4 (``--round 4``): ``sample-4.jsonl``, ``round4/labels-L7.jsonl`` (batch 1), ``round4/labels-L8.jsonl``
  (batch 2) and ``round4/adjudicated.jsonl`` (like round 3's), written to ``legal_refs_gold-4.jsonl``;
- round 5 (``--round 5``): ``sample-5.jsonl``, ``round5/labels-L9.jsonl`` (batch 1), ``round5/labels-L10.jsonl``
  (batch 2) and ``adjudication-5.jsonl`` **in this folder** (same format as the earlier ``adjudicated.jsonl``; it
  quotes only the mentions, so it is committed and the gold rebuilds from the raw labels plus committed files),
  written to ``legal_refs_gold-5.jsonl``. Its annotators counted ``occurrence`` from the packet's TITLE line
  (``TITLE_COUNTED``): quotes are located in the title, a newline and the text, and a mention found in the title is
  left out and listed as a change (the stored text has no title; README.md, decision D3);
- round 6 (``--round 6``): the second held-out test (every article ``test``), built as round 5: ``sample-6.jsonl``,
  ``round6/labels-L11.jsonl`` (batch 1), ``round6/labels-L12.jsonl`` (batch 2) and ``adjudication-6.jsonl`` in this
  folder, occurrences counted from the TITLE line (``TITLE_COUNTED``), written to ``legal_refs_gold-6.jsonl``;
- round 7 (``--round 7``): a dev set (every article ``dev``), built as round 6: ``sample-7.jsonl``,
  ``round7/labels-L13.jsonl`` (batch 1), ``round7/labels-L14.jsonl`` (batch 2) and ``adjudication-7.jsonl`` in this
  folder, occurrences counted from the TITLE line (``TITLE_COUNTED``), written to ``legal_refs_gold-7.jsonl``;
- round 8 (``--round 8``): a dev set (every article ``dev``), built as round 7: ``sample-8.jsonl``,
  ``round8/labels-L15.jsonl`` (batch 1), ``round8/labels-L16.jsonl`` (batch 2) and ``adjudication-8.jsonl`` in this
  folder, occurrences counted from the TITLE line (``TITLE_COUNTED``), written to ``legal_refs_gold-8.jsonl``;
- round 9 (``--round 9``): a dev set (every article ``dev``), built as round 8: ``sample-9.jsonl``,
  ``round9/labels-L17.jsonl`` (batch 1), ``round9/labels-L18.jsonl`` (batch 2) and ``adjudication-9.jsonl`` in this
  folder, occurrences counted from the TITLE line (``TITLE_COUNTED``), written to ``legal_refs_gold-9.jsonl``.

Gold per article: the adjudicated labels when there are some, else the labels of the annotator who had the
article's batch (for a double-labelled article without adjudication the two annotators agree), minus ``DROPS``.
Each ``text`` is located in the exact text ``corpus.get(source, id).text`` as its ``occurrence``-th occurrence
(counting every occurrence of the string, overlapping ones included; in a ``TITLE_COUNTED`` round, from the title
line on); a text that is not found is reported and nothing is written. ``refers_to`` (the text of the full mention a
short one points to) becomes the offsets of the first reference of the article's gold whose text is that string and
which is itself a full mention (``refers_to`` null). The built gold must have spans in text order and no two
overlapping; a bare type word as a reference and a full-code mention with a ``refers_to`` are errors (the decisions
in README.md).
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import re
import sys
from collections import Counter
from itertools import pairwise
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE.parents[2] / "src"))

from corpus import COVID, NEWS_2025, VNTC, get

SAMPLE = HERE / "sample.jsonl"
# the annotators' files quote the articles, so they live beside the repository (like ../shared), not in it
ANNOTATIONS = Path(os.environ.get("POLICYTEXT_ANNOTATIONS", HERE.parents[3] / "annotations")) / "legal_refs"
LABELS = {"L1": ANNOTATIONS / "labels-L1.jsonl", "L2": ANNOTATIONS / "labels-L2.jsonl"}
ADJUDICATED = ANNOTATIONS / "adjudicated.jsonl"
GOLD = HERE / "legal_refs_gold.jsonl"
BATCH_OF = {"L1": 1, "L2": 2}
# True for a round whose annotators counted ``occurrence`` over the packet's TITLE line and then the paragraphs (rounds
# 5 to 9): the stored text of the modern dumps has no title, so a mention in the title is no gold span (decision D3)
TITLE_COUNTED = False
REF_KEYS = ("start", "end", "doc_type", "code", "number", "year", "issuer", "refers_to")
LINE_KEYS = ("source", "id", "line", "published", "split", "double", "legal_refs", "annotator")

# Mentions removed from the labels of single-annotated articles by the binding decisions (README.md,
# "Decisions and changes"): (annotator, id) -> [(text, occurrence, reason)]. Adjudicated articles carry their
# decisions in adjudicated.jsonl instead.
NESTED = ("nested inside the title of the amending law 'Luật sửa đổi, bổ sung một số điều của Luật Doanh "
          "nghiệp': one reference, the outer one (no overlapping spans)")
DROPS: dict[tuple[str, str], list[tuple[str, int, str]]] = {
    ("L1", "tuoitre-20250609115719597"): [("Luật Doanh nghiệp", 1, NESTED)],
    ("L1", "tuoitre-20250520145200938"): [("Luật Doanh nghiệp", 1, NESTED)],
}

# A reference that is only a type word ("theo pháp lệnh", "Hiến pháp") is no reference (binding decision).
TYPE_WORDS = {"hiến pháp", "bộ luật", "luật", "pháp lệnh", "nghị định", "nghị quyết", "quyết định", "chỉ thị",
              "thông tư", "thông tư liên tịch", "kết luận", "quy định", "công văn", "công điện", "văn bản",
              "thông báo", "kế hoạch", "điện khẩn"}
YEAR = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)")


def dump_of(source: str) -> str:
    if source == NEWS_2025:
        return "news-2025"
    if source == COVID:
        return "news-2020-21"
    if source in VNTC:
        return "vntc-" + source.removeprefix("vntc-test-").removesuffix(".jsonl.gz")
    return source


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


def read_labels(sample: list[dict], annotator: str, problems: Problems,
                path: Path | None = None) -> dict[tuple[str, str], dict]:
    """One annotator's labels as delivered, by (source, id), aligned on packet order (a truncated id is
    aligned to its packet position and reported)."""
    path = path or LABELS[annotator]
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    order = packet_order(sample, annotator)
    if len(rows) != len(order):
        problems.add(path.name, "-", f"{len(rows)} label lines for {len(order)} packet articles")
    out = {}
    for position, (want, row) in enumerate(zip(order, rows)):
        if (row["source"], row["id"]) != (want["source"], want["id"]):
            if row["source"] == want["source"] and want["id"].startswith(row["id"].rstrip()):
                problems.add(path.name, row["id"], f"id truncated; aligned by packet position {position + 1} "
                             f"to {want['id']!r}")
            else:
                problems.add(path.name, row["id"], f"packet position {position + 1} is {want['id']!r}: not aligned")
                continue
        row = copy.deepcopy(row)
        row["source"], row["id"] = want["source"], want["id"]
        out[(want["source"], want["id"])] = row
    return out


def read_adjudicated() -> dict[tuple[str, str], dict]:
    if not ADJUDICATED.exists():
        return {}
    rows = (json.loads(line) for line in ADJUDICATED.read_text(encoding="utf-8").splitlines() if line.strip())
    return {(r["source"], r["id"]): r for r in rows}


def find_nth(text: str, quote: str, n: int) -> int:
    """Start of the n-th occurrence (1-based) of ``quote`` in ``text``, overlapping occurrences counted; -1."""
    pos = -1
    for _ in range(max(n, 1)):
        pos = text.find(quote, pos + 1)
        if pos < 0:
            return -1
    return pos


def locate(refs: list[dict], text: str, where: str, ident: str, problems: Problems) -> list[dict]:
    """Each quoted mention with ``start``/``end`` (the located copy keeps ``text`` and ``refers_to`` as a string);
    mentions that cannot be found are reported and left out."""
    out = []
    for i, ref in enumerate(refs):
        occurrence = int(ref.get("occurrence") or 1)
        start = find_nth(text, ref["text"], occurrence)
        if start < 0:
            problems.add(where, ident, f"reference {i + 1} not found: {ref['text']!r} occurrence {occurrence} "
                         f"(the string occurs {text.count(ref['text'])} times)")
            continue
        out.append(dict(ref, start=start, end=start + len(ref["text"]), occurrence=occurrence))
    return out


def locate_in_article(refs: list[dict], item, where: str, ident: str, problems: Problems,
                      changes: list[str] | None = None, annotator: str = "") -> list[dict]:
    """``locate`` in the article's stored text; in a ``TITLE_COUNTED`` round the occurrences count from the title
    line (title, a newline, the text, as the packet shows it), and a mention found in the title is left out (listed
    in ``changes``): offsets index the stored text, which has no title."""
    if not (TITLE_COUNTED and item.title):
        return locate(refs, item.text, where, ident, problems)
    prefix = item.title + "\n"
    out = []
    for ref in locate(refs, prefix + item.text, where, ident, problems):
        if ref["start"] < len(prefix):
            if ref["end"] > len(prefix):
                problems.add(where, ident, f"{ref['text']!r} runs from the title into the text")
            elif changes is not None:
                changes.append(f"{annotator} {ident}: dropped {ref['text']!r} occurrence {ref['occurrence']} (in the "
                               f"title line, which is not part of the stored text; decision D3)")
            continue
        out.append(dict(ref, start=ref["start"] - len(prefix), end=ref["end"] - len(prefix)))
    return out


def apply_drops(refs: list[dict], drops: list[tuple[str, int, str]], where: str, ident: str,
                problems: Problems, changes: list[str], annotator: str) -> list[dict]:
    keep = list(refs)
    for quote, occurrence, reason in drops:
        hit = [r for r in keep if r["text"] == quote and r["occurrence"] == occurrence]
        if len(hit) != 1:
            problems.add(where, ident, f"drop {quote!r} occurrence {occurrence}: {len(hit)} matching references")
            continue
        keep.remove(hit[0])
        changes.append(f"{annotator} {ident}: dropped {quote!r} occurrence {occurrence} "
                       f"[{hit[0]['start']}:{hit[0]['end']}] ({reason})")
    return keep


def resolve_refers_to(refs: list[dict], where: str, ident: str, problems: Problems) -> list[dict]:
    """Gold references (REF_KEYS) with ``refers_to`` as the offsets of its target."""
    out = []
    for ref in refs:
        target = None
        if ref.get("refers_to"):
            full = [r for r in refs if r["text"] == ref["refers_to"] and not r.get("refers_to") and r is not ref]
            if not full:
                problems.add(where, ident, f"refers_to of {ref['text']!r} [{ref['start']}]: no full mention "
                             f"{ref['refers_to']!r} among the article's references")
            else:
                first = min(full, key=lambda r: r["start"])
                target = {"start": first["start"], "end": first["end"]}
        out.append({"start": ref["start"], "end": ref["end"], "doc_type": ref["doc_type"], "code": ref["code"],
                    "number": ref["number"], "year": ref["year"], "issuer": ref["issuer"], "refers_to": target})
    return out


def check_article(refs: list[dict], text: str, where: str, ident: str, problems: Problems,
                  warnings: Problems) -> None:
    """Errors: order, overlap, spans out of range, bare type words, full codes with refers_to, dangling
    refers_to. Warnings: field consistency (number, year, code as written) and word boundaries."""
    starts = {(r["start"], r["end"]) for r in refs}
    for a, b in pairwise(refs):
        if (b["start"], b["end"]) < (a["start"], a["end"]):
            problems.add(where, ident, f"references out of text order at {b['start']}")
        if b["start"] < a["end"]:
            problems.add(where, ident, f"overlap: {text[a['start']:a['end']]!r} [{a['start']}:{a['end']}] and "
                         f"{text[b['start']:b['end']]!r} [{b['start']}:{b['end']}]")
    for r in refs:
        span = text[r["start"]:r["end"]]
        tag = f"{span!r} [{r['start']}:{r['end']}]"
        if not 0 <= r["start"] < r["end"] <= len(text):
            problems.add(where, ident, f"span out of range {tag}")
        if span.strip().lower() in TYPE_WORDS:
            problems.add(where, ident, f"bare type word as a reference {tag}")
        code = r["code"]
        if code and re.search(r"[^\W\d_]", code) and r["refers_to"]:
            problems.add(where, ident, f"full-code mention with refers_to {tag}")
        if r["refers_to"]:
            t = r["refers_to"]
            if (t["start"], t["end"]) not in starts or (t["start"], t["end"]) == (r["start"], r["end"]):
                problems.add(where, ident, f"refers_to of {tag} is not another reference of the article")
        if r["start"] > 0 and text[r["start"] - 1].isalnum():
            warnings.add(where, ident, f"span starts inside a word {tag}")
        if r["end"] < len(text) and text[r["end"]].isalnum() and span[-1].isalnum():
            warnings.add(where, ident, f"span ends inside a word {tag}")
        if code is None:
            if r["number"] is not None or r["issuer"] is not None:
                warnings.add(where, ident, f"named reference with number/issuer {tag}")
            years = YEAR.findall(span)
            if r["year"] is not None and str(r["year"]) not in years:
                warnings.add(where, ident, f"year {r['year']} not in the name {tag}")
            if r["year"] is None and years:
                warnings.add(where, ident, f"year null although the name has {years} {tag}")
        else:
            if " " in code:
                problems.add(where, ident, f"code with a space {code!r} {tag}")
            if r["number"] is None or not code.startswith(r["number"]):
                warnings.add(where, ident, f"number {r['number']!r} does not start code {code!r} {tag}")
            years = YEAR.findall(code)
            if (int(years[0]) if years else None) != r["year"]:
                warnings.add(where, ident, f"year {r['year']} vs code {code!r} {tag}")
            if code.replace(" ", "").lower() not in span.replace(" ", "").lower():
                warnings.add(where, ident, f"code {code!r} not as written in {tag}")


# each round's files; ``use_round`` points the module's names (SAMPLE, LABELS …) at one of them
def _built_here(round_: int, first: str, second: str) -> dict:
    """A round built from its two annotators' labels beside the repository (``roundN/labels-X.jsonl``, batch 1 then
    batch 2) and an adjudication committed in this folder, its occurrences counted from the TITLE line (rounds 5-9)."""
    folder = ANNOTATIONS / f"round{round_}"
    return {"SAMPLE": HERE / f"sample-{round_}.jsonl",
            "LABELS": {first: folder / f"labels-{first}.jsonl", second: folder / f"labels-{second}.jsonl"},
            "ADJUDICATED": HERE / f"adjudication-{round_}.jsonl", "GOLD": HERE / f"legal_refs_gold-{round_}.jsonl",
            "BATCH_OF": {first: 1, second: 2}, "DROPS": {}, "TITLE_COUNTED": True}


ROUNDS = {
    1: {"SAMPLE": SAMPLE, "LABELS": LABELS, "ADJUDICATED": ADJUDICATED, "GOLD": GOLD, "BATCH_OF": BATCH_OF,
        "DROPS": DROPS, "TITLE_COUNTED": False},
    2: {"SAMPLE": HERE / "sample-2.jsonl",
        "LABELS": {"L3": ANNOTATIONS / "round2" / "labels-L3.jsonl", "L4": ANNOTATIONS / "round2" / "labels-L4.jsonl"},
        "ADJUDICATED": ANNOTATIONS / "round2" / "adjudicated.jsonl", "GOLD": HERE / "legal_refs_gold-2.jsonl",
        "BATCH_OF": {"L3": 1, "L4": 2}, "DROPS": {}, "TITLE_COUNTED": False},
    3: {"SAMPLE": HERE / "sample-3.jsonl",
        "LABELS": {"L5": ANNOTATIONS / "round3" / "labels-L5.jsonl", "L6": ANNOTATIONS / "round3" / "labels-L6.jsonl"},
        "ADJUDICATED": ANNOTATIONS / "round3" / "adjudicated.jsonl", "GOLD": HERE / "legal_refs_gold-3.jsonl",
        "BATCH_OF": {"L5": 1, "L6": 2}, "DROPS": {}, "TITLE_COUNTED": False},
    4: {"SAMPLE": HERE / "sample-4.jsonl",
        "LABELS": {"L7": ANNOTATIONS / "round4" / "labels-L7.jsonl", "L8": ANNOTATIONS / "round4" / "labels-L8.jsonl"},
        "ADJUDICATED": ANNOTATIONS / "round4" / "adjudicated.jsonl", "GOLD": HERE / "legal_refs_gold-4.jsonl",
        "BATCH_OF": {"L7": 1, "L8": 2}, "DROPS": {}, "TITLE_COUNTED": False},
    # round 5: the adjudication is a file of this folder (it quotes the mentions only, no other article text), so
    # the gold rebuilds from the raw labels plus committed files; its annotators counted occurrences from the packet's
    # TITLE line (README.md, decision D3)
    5: _built_here(5, "L9", "L10"),
    # round 6: the second held-out test (every article test), built as round 5: its adjudication is committed in this
    # folder and its annotators counted occurrences from the TITLE line (GUIDELINE.md, "What to write")
    6: _built_here(6, "L11", "L12"),
    # round 7: a dev set (every article dev), built as round 6: adjudication committed in this folder, occurrences
    # counted from the TITLE line
    7: _built_here(7, "L13", "L14"),
    # round 8: a dev set (every article dev), built as round 7: adjudication committed in this folder, occurrences
    # counted from the TITLE line
    8: _built_here(8, "L15", "L16"),
    # round 9: a dev set (every article dev), built as round 8: adjudication committed in this folder, occurrences
    # counted from the TITLE line
    9: _built_here(9, "L17", "L18"),
}
ROUND = 1


def use_round(number: int) -> None:
    """Build (and read labels) for round ``number`` from now on."""
    global ROUND
    ROUND = number
    globals().update(ROUNDS[number])


def build(labels: dict[str, Path] | None = None) -> tuple[list[dict], Problems, Problems, list[str]]:
    problems, warnings, changes = Problems(), Problems(), []
    sample = read_sample()
    by_ann = {ann: read_labels(sample, ann, problems, (labels or {}).get(ann)) for ann in LABELS}
    adjudicated = read_adjudicated()
    doubles = {(r["source"], r["id"]) for r in sample if r["double"]}
    for key in adjudicated:
        if key not in doubles and ROUND == 1:  # from round 2 the adjudicator also decided flagged cases
            problems.add(ADJUDICATED.name, key[1], "adjudicated article is not double-labelled in the sample")
    used_drops = set()
    out = []
    for row in sample:
        key = (row["source"], row["id"])
        item = get(*key)
        text = item.text
        annotators = list(LABELS)
        batch_annotator = annotators[row["batch"] - 1]
        if key in adjudicated:
            annotator, label, where = "adjudicated", adjudicated[key], ADJUDICATED.name
        else:
            annotator = batch_annotator
            label, where = by_ann[annotator].get(key), LABELS[annotator].name
            if label is None:
                problems.add(where, row["id"], "no label for this article")
                continue
            if row["double"]:
                other = by_ann[annotators[2 - row["batch"]]].get(key)
                if other is not None and _comparable(other) != _comparable(label):
                    problems.add(where, row["id"], "double-labelled, the annotators differ and there is no "
                                 "adjudicated line")
        refs = locate_in_article(label["legal_refs"], item, where, row["id"], problems, changes, annotator)
        drops = DROPS.get((annotator, row["id"]), [])
        if drops:
            used_drops.add((annotator, row["id"]))
            refs = apply_drops(refs, drops, where, row["id"], problems, changes, annotator)
        refs.sort(key=lambda r: (r["start"], r["end"]))
        gold_refs = resolve_refers_to(refs, where, row["id"], problems)
        check_article(gold_refs, text, where, row["id"], problems, warnings)
        out.append({"source": row["source"], "id": row["id"], "line": row["line"], "published": row["published"],
                    "split": row["split"], "double": row["double"], "legal_refs": gold_refs, "annotator": annotator})
    for key in set(DROPS) - used_drops:
        problems.add("DROPS", key[1], f"{key[0]} is not the source of this article's gold")
    for key, adj in adjudicated.items():
        changes.append(f"adjudicated {key[1]}: " + "; ".join(adj.get("adjudication", {}).get("decisions", [])))
    return out, problems, warnings, changes


def _comparable(label: dict) -> list[tuple]:
    return [tuple(ref.get(k) for k in ("text", "occurrence", "doc_type", "code", "number", "year", "issuer",
                                       "refers_to")) for ref in label["legal_refs"]]


def summary(rows: list[dict]) -> str:
    refs = [(r, x) for r in rows for x in r["legal_refs"]]
    lines = [(f"{len(rows)} articles, {len(refs)} legal references "
              f"({sum(x['code'] is not None for _, x in refs)} numbered, {sum(x['code'] is None for _, x in refs)} "
              f"named; {sum(x['refers_to'] is not None for _, x in refs)} with refers_to); "
              f"{sum(bool(r['legal_refs']) for r in rows)} articles with at least one")]
    lines.append(f"{'dump':26} {'split':5} {'articles':>8} {'w/refs':>6} {'refs':>5} {'numbered':>8} {'named':>5} "
                 f"{'refers_to':>9}")
    cells = sorted({(dump_of(r["source"]), r["split"]) for r in rows})
    for dump, split in cells + [("all", "dev"), ("all", "test"), ("all", "all")]:
        rs = [r for r in rows if (dump == "all" or dump_of(r["source"]) == dump) and split in ("all", r["split"])]
        xs = [x for r in rs for x in r["legal_refs"]]
        lines.append(f"{dump:26} {split:5} {len(rs):8} {sum(bool(r['legal_refs']) for r in rs):6} {len(xs):5} "
                     f"{sum(x['code'] is not None for x in xs):8} {sum(x['code'] is None for x in xs):5} "
                     f"{sum(x['refers_to'] is not None for x in xs):9}")
    codes = {split: len({(r["id"], x["code"]) for r in rows if r["split"] == split for x in r["legal_refs"]
                         if x["code"] is not None}) for split in ("dev", "test")}
    resolved = {split: len({(r["id"], _document_code(r, x)) for r in rows if r["split"] == split
                            for x in r["legal_refs"] if _document_code(r, x) is not None}) for split in ("dev", "test")}
    lines.append(f"distinct (article, code) pairs, the unit of numbered scoring: dev {codes['dev']}, test {codes['test']}"
                 f"; with short mentions counted as the code of their refers_to target: dev {resolved['dev']}, "
                 f"test {resolved['test']}")
    lines.append("doc_type: " + ", ".join(f"{k} {v}" for k, v in Counter(x["doc_type"] for _, x in refs).most_common()))
    lines.append("annotator of the gold line: " + ", ".join(f"{k} {v}" for k, v in
                                                            sorted(Counter(r["annotator"] for r in rows).items())))
    lines.append(f"double-labelled: {sum(r['double'] for r in rows)} "
                 f"(dev {sum(r['double'] for r in rows if r['split'] == 'dev')}, "
                 f"test {sum(r['double'] for r in rows if r['split'] == 'test')})")
    return "\n".join(lines)


def _document_code(row: dict, ref: dict) -> str | None:
    """The code of the document a mention names: its refers_to target's code when it has a target with one."""
    if ref["refers_to"]:
        for other in row["legal_refs"]:
            if (other["start"], other["end"]) == (ref["refers_to"]["start"], ref["refers_to"]["end"]) and other["code"]:
                return other["code"]
    return ref["code"]


def serialise(rows: list[dict]) -> str:
    return "".join(json.dumps({k: row[k] for k in LINE_KEYS}, ensure_ascii=False) + "\n" for row in rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="validate and compare with the file, write nothing")
    parser.add_argument("--warnings", action="store_true", help="list field warnings and every change")
    parser.add_argument("--round", type=int, default=1, choices=sorted(ROUNDS), help="the round (default 1)")
    args = parser.parse_args(argv)
    use_round(args.round)
    rows, problems, warnings, changes = build()
    sample = read_sample()
    if [(r["source"], r["id"]) for r in rows] != [(r["source"], r["id"]) for r in sample]:
        problems.add("gold", "-", "the gold lines do not follow sample.jsonl one to one")
    for row in rows:
        for ref in row["legal_refs"]:
            if tuple(ref) != REF_KEYS:
                problems.add("gold", row["id"], f"reference keys {tuple(ref)}")
    print(summary(rows))
    print(f"changes to the labels: {len(changes)}")
    if args.warnings:
        for change in changes:
            print("  CHANGE", change)
    print(f"warnings: {len(warnings)}")
    if args.warnings:
        for warning in warnings:
            print("  WARNING", warning)
    if problems:
        print(f"PROBLEMS: {len(problems)}")
        for problem in problems:
            print("  PROBLEM", problem)
        return 1
    if args.check:
        if not GOLD.exists():
            print(f"{GOLD.name} does not exist yet (run without --check)")
            return 1
        if GOLD.read_text(encoding="utf-8") != serialise(rows):
            print(f"{GOLD.name} differs from a fresh build (run without --check to rewrite it)")
            return 1
        print(f"{GOLD.name} is up to date; no problems")
        return 0
    GOLD.write_text(serialise(rows), encoding="utf-8")
    print(f"wrote {len(rows)} lines -> {GOLD}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
