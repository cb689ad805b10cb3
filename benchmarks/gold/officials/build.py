"""Build the officials gold from the two annotators' labels, the adjudication and the cross-set corrections.

    python benchmarks/gold/officials/build.py            # writes officials_gold.jsonl, prints a summary
    python benchmarks/gold/officials/build.py --check    # builds and validates only, writes nothing

Inputs (all in this folder; no article text is stored here):

- ``sample.jsonl``: the 109 drawn articles (``sample.py draw``), with stratum, split, batch and double flag;
- ``labels/labels-O1.jsonl``, ``labels/labels-O2.jsonl``: the annotators' output, verbatim. O1 labelled
  batch 1 then the double-labelled articles of batch 2, O2 batch 2 then the double-labelled of batch 1, in
  the packet order ``sample.py packets`` writes (sample order within each group). Lines are aligned to the
  sample by that order: one annotator's script cut VNTC ids at the space (``XH_VNE_T_`` for
  ``XH_VNE_T_ (4053)``), so an id must equal the sample id or be a prefix of it (reported);
- ``adjudication.jsonl``: the adjudicated officials of every double-labelled article on which the two
  annotators differ (the build fails if one is missing or superfluous);
- ``corrections.json``: the cross-set corrections (each edit states the value it replaces; the build
  fails if the labels no longer hold it).

Gold per article: single-labelled -> that annotator's labels (``annotator`` O1/O2); double-labelled and
identical -> the labels of the annotator whose batch it belongs to (O1 for batch 1, O2 for batch 2);
double-labelled and different -> the adjudicated version (``annotator: "adjudicated"``). Corrections are
applied last. Every name is checked to occur in the article text or title (corpus.get).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import unicodedata
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

SAMPLE = HERE / "sample.jsonl"
# the annotators' files (notes quote the articles) live beside the repository (like ../shared), not in it
ANNOTATIONS = Path(os.environ.get("POLICYTEXT_ANNOTATIONS", HERE.parents[3] / "annotations")) / "officials"
LABELS = {"O1": ANNOTATIONS / "labels-O1.jsonl", "O2": ANNOTATIONS / "labels-O2.jsonl"}
ADJUDICATION = HERE / "adjudication.jsonl"
CORRECTIONS = HERE / "corrections.json"
OUT = HERE / "officials_gold.jsonl"
CLASSES = ("foreign", "deputy", "list", "chain", "plain")
BATCH_OF = {"O1": 1, "O2": 2}


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def packet_order(sample: list[dict], annotator: str) -> list[dict]:
    """The articles in the order the annotator saw them: own batch, then the other batch's double ones."""
    batch = BATCH_OF[annotator]
    return [r for r in sample if r["batch"] == batch] + [r for r in sample if r["double"] and r["batch"] != batch]


def load_labels(sample: list[dict], paths: dict[str, Path] = LABELS) -> tuple[dict, list[str]]:
    """{(annotator, source, id): officials} aligned to the sample; plus notes on repaired ids."""
    out, notes = {}, []
    for annotator, path in paths.items():
        rows, order = read_jsonl(path), packet_order(sample, annotator)
        if len(rows) != len(order):
            raise SystemExit(f"{path.name}: {len(rows)} lines, packet has {len(order)} articles")
        for k, (row, ref) in enumerate(zip(rows, order), start=1):
            if row["source"] != ref["source"] or not ref["id"].startswith(row["id"]):
                raise SystemExit(f"{path.name} line {k}: {row['source']} {row['id']!r} is not packet article "
                                 f"{ref['source']} {ref['id']!r}")
            if row["id"] != ref["id"]:
                notes.append(f"{annotator} line {k}: id {row['id']!r} -> {ref['id']!r}")
            out[(annotator, ref["source"], ref["id"])] = row["officials"]
    return out, notes


def fold(text: str | None) -> str:
    return " ".join(unicodedata.normalize("NFC", text or "").casefold().split())


def same(a: list[dict], b: list[dict]) -> bool:
    return json.dumps(a, ensure_ascii=False, sort_keys=True) == json.dumps(b, ensure_ascii=False, sort_keys=True)


def apply_corrections(gold: dict, corrections: dict) -> list[str]:
    done = []
    for edit in corrections["edits"]:
        key = (edit["source"], edit["id"])
        people = [o for o in gold[key]["officials"] if o["name"] == edit["name"]]
        if len(people) != 1:
            raise SystemExit(f"correction {edit}: {len(people)} officials named {edit['name']!r}")
        person = people[0]
        if person[edit["field"]] != edit["from"]:
            raise SystemExit(f"correction {edit}: found {person[edit['field']]!r}, expected {edit['from']!r}")
        person[edit["field"]] = edit["to"]
        done.append(f"{edit['rule']} {edit['id']} {edit['name']}: {edit['field']} {edit['from']} -> {edit['to']}")
    return done


def build() -> tuple[list[dict], dict]:
    sample = read_jsonl(SAMPLE)
    labels, id_notes = load_labels(sample)
    adjudicated = {(r["source"], r["id"]): r for r in read_jsonl(ADJUDICATION)}
    corrections = json.loads(CORRECTIONS.read_text(encoding="utf-8"))
    gold, used = {}, set()
    for ref in sample:
        key = (ref["source"], ref["id"])
        primary = "O1" if ref["batch"] == 1 else "O2"
        if not ref["double"] or same(labels[("O1", *key)], labels[("O2", *key)]):
            officials, annotator = labels[(primary, *key)], primary
        else:
            if key not in adjudicated:
                raise SystemExit(f"double-labelled {key} differs between O1 and O2 and has no adjudication")
            officials, annotator = adjudicated[key]["officials"], "adjudicated"
            used.add(key)
        gold[key] = {"source": ref["source"], "id": ref["id"], "line": ref["line"], "published": ref["published"],
                     "stratum": ref["stratum"], "split": ref["split"],
                     "officials": json.loads(json.dumps(officials)), "annotator": annotator}
    extra = set(adjudicated) - used
    if extra:
        raise SystemExit(f"adjudication for articles that need none: {sorted(extra)}")
    report = {"id_notes": id_notes, "corrections": apply_corrections(gold, corrections)}
    return [gold[(r["source"], r["id"])] for r in sample], report


def validate(rows: list[dict]) -> list[str]:
    """Schema problems (raise) and names not found in the article (returned)."""
    from corpus import get

    sample = read_jsonl(SAMPLE)
    if [(r["source"], r["id"]) for r in rows] != [(r["source"], r["id"]) for r in sample]:
        raise SystemExit("gold lines do not match sample.jsonl one to one, in order")
    keys = ["source", "id", "line", "published", "stratum", "split", "officials", "annotator"]
    missing = []
    for row in rows:
        if list(row) != keys:
            raise SystemExit(f"{row['id']}: keys {list(row)}")
        if row["annotator"] not in ("O1", "O2", "adjudicated") or row["split"] not in ("dev", "test"):
            raise SystemExit(f"{row['id']}: annotator/split {row['annotator']!r} {row['split']!r}")
        item = get(row["source"], row["id"])
        haystack = f"{item.title or ''}\n{item.text}"
        names = Counter(fold(o["name"]) for o in row["officials"])
        if any(n > 1 for n in names.values()):
            raise SystemExit(f"{row['id']}: a name twice: {names}")
        for person in row["officials"]:
            if list(person) != ["name", "positions", "class", "optional"]:
                raise SystemExit(f"{row['id']}: official keys {list(person)}")
            if not isinstance(person["name"], str) or not person["name"].strip():
                raise SystemExit(f"{row['id']}: empty name")
            if person["class"] not in CLASSES or not isinstance(person["optional"], bool):
                raise SystemExit(f"{row['id']} {person['name']}: class/optional {person['class']!r} {person['optional']!r}")
            if not person["positions"]:
                raise SystemExit(f"{row['id']} {person['name']}: no position")
            seen = set()
            for pos in person["positions"]:
                if list(pos) != ["title", "organization"] or not isinstance(pos["title"], str) or not pos["title"]:
                    raise SystemExit(f"{row['id']} {person['name']}: position {pos}")
                if pos["organization"] is not None and not isinstance(pos["organization"], str):
                    raise SystemExit(f"{row['id']} {person['name']}: organization {pos}")
                folded = (fold(pos["title"]), fold(pos["organization"]))
                if folded in seen:
                    raise SystemExit(f"{row['id']} {person['name']}: duplicate position {pos}")
                seen.add(folded)
            if person["name"] not in haystack:
                where = "occurs after NFC/case folding" if fold(person["name"]) in fold(haystack) else "not in text"
                missing.append(f"{row['id']}: {person['name']!r} ({where})")
    return missing


def summary(rows: list[dict]) -> str:
    lines = [f"{len(rows)} articles -> {OUT.relative_to(HERE.parents[2])}"]
    by = Counter((r["stratum"], r["split"]) for r in rows)
    strata = sorted({r["stratum"] for r in rows})
    lines.append("articles   " + "  ".join(f"{s}: {by[(s, 'dev')]} dev + {by[(s, 'test')]} test" for s in strata))
    officials = [(r, o) for r in rows for o in r["officials"]]
    for split in ("dev", "test", "all"):
        picked = [r for r in rows if split == "all" or r["split"] == split]
        chosen = [(r, o) for r, o in officials if split == "all" or r["split"] == split]
        scored = [o for _, o in chosen if not o["optional"]]
        classes = Counter(o["class"] for o in scored)
        lines.append(f"officials  {split:4}: {len(scored)} scored ({', '.join(f'{c} {classes[c]}' for c in CLASSES)}), "
                     f"{len(chosen) - len(scored)} optional, {sum(len(o['positions']) for o in scored)} positions; "
                     f"articles with no official {sum(1 for r in picked if not r['officials'])}, "
                     f"with no scored official {sum(1 for r in picked if all(o['optional'] for o in r['officials']))}")
    lines.append("annotator  " + ", ".join(f"{k} {v}" for k, v in sorted(Counter(r["annotator"] for r in rows).items())))
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="validate only, do not write")
    args = parser.parse_args(argv)
    rows, report = build()
    for note in report["id_notes"]:
        print("id repaired:", note)
    for note in report["corrections"]:
        print("correction:", note)
    missing = validate(rows)
    for note in missing:
        print("NAME NOT FOUND:", note)
    if not args.check:
        OUT.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    print(summary(rows))
    print(f"names not found verbatim in text or title: {len(missing)}")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
