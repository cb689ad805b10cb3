"""Agreement of the two legal-reference annotators (L1, L2) on the 20 double-labelled articles.

    python benchmarks/gold/legal_refs/agreement.py           # figures
    python benchmarks/gold/legal_refs/agreement.py --diff    # and every disagreement, article by article
    python benchmarks/gold/legal_refs/agreement.py --round 2 # round 2: L3 against L4 on its 12 double articles
    python benchmarks/gold/legal_refs/agreement.py --round 3 # round 3: L5 against L6 on its 10 double articles
    python benchmarks/gold/legal_refs/agreement.py --round 4 # round 4: L7 against L8 on its 10 double articles
    python benchmarks/gold/legal_refs/agreement.py --round 5 # round 5: L9 against L10 on its 10 double articles
    python benchmarks/gold/legal_refs/agreement.py --round 6 # round 6: L11 against L12 on its 10 double articles
    python benchmarks/gold/legal_refs/agreement.py --round 7 # round 7: L13 against L14 on its 10 double articles
    python benchmarks/gold/legal_refs/agreement.py --round 8 # round 8: L15 against L16 on its 10 double articles
    python benchmarks/gold/legal_refs/agreement.py --round 9 # round 9: L17 against L18 on its 10 double articles
(below, L1 and L2 stand for the round's first and second annotator)

Computed on the labels as delivered (``$POLICYTEXT_ANNOTATIONS/legal_refs/labels-L1.jsonl``, ``labels-L2.jsonl``,
located as build.py locates them: in a round with ``TITLE_COUNTED`` (rounds 5 to 9) occurrences count from the title
line and a mention in the title is no span), and again after the round's binding rules are applied to both sides (a
span inside another span of the same annotator dropped, a bare type word dropped): the second row shows what is left
for adjudication.

- A reference of L1 and one of L2 match when they have the same span, or when their spans overlap and both
  are numbered with the same ``code``; pairs are made one to one, identical spans first, then overlapping
  same-code spans by largest overlap. Reference F1 = 2·matched / (L1 + L2); P and R take L1 as the reference.
- On the matched pairs: ``doc_type`` agreement (exact), ``code`` agreement (exact, null = null), and
  ``refers_to`` agreement: both null, or both pointing to targets that are themselves a matched pair.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import build
from build import ROUNDS, TYPE_WORDS, Problems, get, locate_in_article, read_labels, read_sample


def spans_of(label: dict, item, where: str, problems: Problems) -> list[dict]:
    refs = locate_in_article(label["legal_refs"], item, where, label["id"], problems)
    for ref in refs:
        target = None
        if ref.get("refers_to"):
            full = [r for r in refs if r["text"] == ref["refers_to"] and not r.get("refers_to") and r is not ref]
            if full:
                first = min(full, key=lambda r: r["start"])
                target = (first["start"], first["end"])
            else:
                target = ("unresolved", ref["refers_to"])
        ref["target"] = target
    return sorted(refs, key=lambda r: (r["start"], r["end"]))


def apply_rules(refs: list[dict]) -> list[dict]:
    """The binding rules: no span inside another one (the outer kept), no bare type word."""
    keep = [r for r in refs if r["text"].strip().lower() not in TYPE_WORDS]
    return [r for r in keep if not any(o is not r and o["start"] <= r["start"] and r["end"] <= o["end"]
                                       and (o["end"] - o["start"]) > (r["end"] - r["start"]) for o in keep)]


def match(a: list[dict], b: list[dict]) -> list[tuple[int, int]]:
    pairs, used_a, used_b = [], set(), set()
    for i, x in enumerate(a):
        for j, y in enumerate(b):
            if j not in used_b and i not in used_a and (x["start"], x["end"]) == (y["start"], y["end"]):
                pairs.append((i, j))
                used_a.add(i)
                used_b.add(j)
    candidates = []
    for i, x in enumerate(a):
        for j, y in enumerate(b):
            overlap = min(x["end"], y["end"]) - max(x["start"], y["start"])
            if overlap > 0 and x["code"] is not None and x["code"] == y["code"]:
                candidates.append((-overlap, i, j))
    for _, i, j in sorted(candidates):
        if i not in used_a and j not in used_b:
            pairs.append((i, j))
            used_a.add(i)
            used_b.add(j)
    return sorted(pairs)


def compare(articles: list[tuple[str, str, list[dict], list[dict]]], diff: bool) -> dict:
    n1 = n2 = matched = doc = code = ref = ref_any = ref_any_ok = 0
    by_kind = {"numbered": [0, 0, 0], "named": [0, 0, 0]}
    identical = 0
    lines = []
    for ident, text, a, b in articles:
        pairs = match(a, b)
        pair_of = {(a[i]["start"], a[i]["end"]): (b[j]["start"], b[j]["end"]) for i, j in pairs}
        n1 += len(a)
        n2 += len(b)
        matched += len(pairs)
        for x in a:
            by_kind["numbered" if x["code"] is not None else "named"][0] += 1
        for y in b:
            by_kind["numbered" if y["code"] is not None else "named"][1] += 1
        same_article = len(pairs) == len(a) == len(b)
        for i, j in pairs:
            x, y = a[i], b[j]
            by_kind["numbered" if x["code"] is not None else "named"][2] += 1
            doc += x["doc_type"] == y["doc_type"]
            code += x["code"] == y["code"]
            ok = (x["target"] is None and y["target"] is None) or (
                x["target"] is not None and y["target"] is not None and pair_of.get(x["target"]) == y["target"])
            ref += ok
            if x["target"] is not None or y["target"] is not None:
                ref_any += 1
                ref_any_ok += ok
            fields = [k for k in ("doc_type", "code", "number", "year", "issuer") if x[k] != y[k]]
            if not ok:
                fields.append("refers_to")
            if (x["start"], x["end"]) != (y["start"], y["end"]) or fields:
                same_article = False
                lines.append(f"  {ident}: matched, differ on {fields or 'span'}: L1 {x['text']!r} "
                             f"[{x['start']}:{x['end']}] / L2 {y['text']!r} [{y['start']}:{y['end']}]")
        for i, x in enumerate(a):
            if i not in {p[0] for p in pairs}:
                lines.append(f"  {ident}: L1 only {x['text']!r} [{x['start']}:{x['end']}] {x['doc_type']} {x['code']}")
        for j, y in enumerate(b):
            if j not in {p[1] for p in pairs}:
                lines.append(f"  {ident}: L2 only {y['text']!r} [{y['start']}:{y['end']}] {y['doc_type']} {y['code']}")
        identical += same_article
    f1 = 2 * matched / (n1 + n2) if n1 + n2 else 1.0
    return {"n1": n1, "n2": n2, "matched": matched, "f1": f1, "p": matched / n2 if n2 else 1.0,
            "r": matched / n1 if n1 else 1.0, "ref_any": ref_any, "ref_any_ok": ref_any_ok, "doc": doc, "code": code, "ref": ref, "identical": identical,
            "articles": len(articles), "by_kind": by_kind, "lines": lines if diff else []}


def report(title: str, m: dict) -> str:
    out = [f"{title}: {m['identical']}/{m['articles']} articles identical (spans and all fields)",
           (f"  references: L1 {m['n1']}, L2 {m['n2']}, matched {m['matched']}: F1 {m['f1']:.3f} "
            f"(P {m['p']:.3f}, R {m['r']:.3f}, L1 as reference)")]
    for kind, (x, y, z) in m["by_kind"].items():
        f1 = 2 * z / (x + y) if x + y else 1.0
        out.append(f"    {kind} (each side's own; pairs by L1's kind): L1 {x}, L2 {y}, matched {z}: F1 {f1:.3f}")
    k = m["matched"] or 1
    out.append(f"  on matched pairs: doc_type {m['doc']}/{m['matched']} = {m['doc'] / k:.3f}, "
               f"code {m['code']}/{m['matched']} = {m['code'] / k:.3f}, refers_to {m['ref']}/{m['matched']} = "
               f"{m['ref'] / k:.3f} ({m['ref_any_ok']}/{m['ref_any']} where either has one)")
    out.extend(m["lines"])
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--diff", action="store_true", help="list every disagreement")
    parser.add_argument("--round", type=int, default=1, choices=sorted(ROUNDS), help="the round (default 1)")
    args = parser.parse_args(argv)
    build.use_round(args.round)
    problems = Problems()
    sample = read_sample()
    first, second = build.LABELS
    labels = {"L1": read_labels(sample, first, problems), "L2": read_labels(sample, second, problems)}
    raw, ruled = [], []
    for row in sample:
        if not row["double"]:
            continue
        key = (row["source"], row["id"])
        if key not in labels["L1"] or key not in labels["L2"]:
            problems.add("labels", row["id"], "double-labelled article missing from one annotator")
            continue
        item = get(*key)
        text = item.text
        a = spans_of(labels["L1"][key], item, f"labels-{first}.jsonl", problems)
        b = spans_of(labels["L2"][key], item, f"labels-{second}.jsonl", problems)
        raw.append((row["id"], text, a, b))
        ruled.append((row["id"], text, apply_rules(a), apply_rules(b)))
    print(f"{len(raw)} double-labelled articles "
          f"(dev {sum(r['double'] and r['split'] == 'dev' for r in sample)}, "
          f"test {sum(r['double'] and r['split'] == 'test' for r in sample)})")
    print(report("as delivered", compare(raw, args.diff)))
    print(report("after the binding rules (nested spans and bare type words dropped on both sides)",
                 compare(ruled, args.diff)))
    for problem in problems:
        print("  PROBLEM", problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
