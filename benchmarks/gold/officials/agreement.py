"""Agreement between the two officials annotators of a round on the double-labelled articles.

    python benchmarks/gold/officials/agreement.py              # round 1 (O1, O2): figures, then the differences
    python benchmarks/gold/officials/agreement.py --round 2    # round 2 (O3, O4)
    python benchmarks/gold/officials/agreement.py --round 3    # round 3 (O5, O6; 16 double-labelled articles)
    python benchmarks/gold/officials/agreement.py --round 4    # round 4 (O7, O8; 16 double-labelled articles)
    python benchmarks/gold/officials/agreement.py --round 5    # round 5 (O9, O10; 8 double-labelled articles)
    python benchmarks/gold/officials/agreement.py --round 6    # round 6 (O11, O12; 8 double-labelled articles)
    python benchmarks/gold/officials/agreement.py --round 7    # round 7 (O13, O14; 8 double-labelled articles)
    python benchmarks/gold/officials/agreement.py --round 8    # round 8 (O15, O16; 8 double-labelled articles)
    python benchmarks/gold/officials/agreement.py --round 9    # round 9 (O17, O18; 16 double-labelled articles)
    python benchmarks/gold/officials/agreement.py --round 10   # round 10 (O19, O20; 8 double-labelled articles)
    python benchmarks/gold/officials/agreement.py --round 11   # round 11 (O21, O22; 8 double-labelled articles)
    python benchmarks/gold/officials/agreement.py --round 12   # round 12 (O23, O24; 8 double-labelled articles)
    python benchmarks/gold/officials/agreement.py --round 13   # round 13 (O25, O26; 8 double-labelled articles)
    python benchmarks/gold/officials/agreement.py --round 14   # round 14 (O27, O28; 8 double-labelled articles)
    python benchmarks/gold/officials/agreement.py --round 15   # round 15 (O29/O30 against O32/O31; 16 double-labelled)
    python benchmarks/gold/officials/agreement.py --round 16   # round 16 (O33/O34 against O35/O36; 16 double-labelled)
    python benchmarks/gold/officials/agreement.py --round 17   # round 17 (O98/O99 against O100/O101; 16 double-labelled)
    python benchmarks/gold/officials/agreement.py --quiet      # figures only

Reads the raw labels (``labels-O1.jsonl``/``labels-O2.jsonl``, round 2 ``round2/labels-O3.jsonl``/
``labels-O4.jsonl``, round 3 ``round3/labels-O5.jsonl``/``labels-O6.jsonl``, round 4 ``round4/labels-O7.jsonl``/
``labels-O8.jsonl``, round 5 ``round5/labels-O9.jsonl``/``labels-O10.jsonl``, round 6 ``round6/labels-O11.jsonl``/
``labels-O12.jsonl``, round 7 ``round7/labels-O13.jsonl``/``labels-O14.jsonl``, round 8
``round8/labels-O15.jsonl``/``labels-O16.jsonl``, round 9 ``round9/labels-O17.jsonl``/``labels-O18.jsonl``, round 10
``round10/labels-O19.jsonl``/``labels-O20.jsonl``, round 11 ``round11/labels-O21.jsonl``/``labels-O22.jsonl``, round
12 ``round12/labels-O23.jsonl``/``labels-O24.jsonl``, round 13 ``round13/labels-O25.jsonl``/``labels-O26.jsonl``,
round 14 ``round14/labels-O27.jsonl``/``labels-O28.jsonl``, round 15 ``round15/labels-O29.jsonl``/``labels-O30.jsonl``
against ``labels-O32.jsonl``/``labels-O31.jsonl``, round 16 ``round16/labels-O33.jsonl``/``labels-O34.jsonl``
against ``labels-O35.jsonl``/``labels-O36.jsonl``, round 17 ``round17/labels-O98.jsonl``/``labels-O99.jsonl`` against
``labels-O100.jsonl``/``labels-O101.jsonl``, aligned to the round's sample as ``build.py`` does) and compares them
on every article with ``double: true`` in the sample (20; rounds 3, 4, 9 and 15-17 16, rounds 5 to 8 and 10 to 14 8).
Below, "O1" stands for the round's first annotator (O1, O3, O5, O7, O9, O11, O13, O15, O17, O19, O21, O23, O25, O27),
"O2" for its second (O2, O4, O6, O8, O10, O12, O14, O16, O18, O20, O22, O24, O26, O28). Round 15 has four
annotators (``build.py``: a packet mix-up): each double-labelled article is compared between the primary annotator of
its batch ("O29/O30": O29 for batch 1, O30 for batch 2, taken as reference) and the second annotator of that batch's
double-labelled articles ("O32/O31": O32 for batch 1, O31 for batch 2); the lines in which O29 and O30 repeated their
own double-labelled articles are not read. Round 16 has the same layout without repeated lines: "O33/O34" (O33 for batch
1, O34 for batch 2, taken as reference) against "O35/O36" (O35 for batch 1's double-labelled articles, O36 for batch
2's); round 17 likewise, "O98/O99" against "O100/O101".

- Names are matched after NFC, case folding and white-space folding, each name once per article.
- Optional officials are excluded from both sides: a name either annotator marks ``optional`` is dropped
  from both (evaluation ignores optional officials, so disagreeing on them is no disagreement on what is
  scored). The stricter variant, where each side drops only its own optional officials, is printed too.
- Name precision/recall/F1: micro over the articles, O1 taken as reference (F1 is symmetric).
- Title agreement on matched names: the share of positions, pooled over both annotators, whose title
  (folded) is among the other annotator's titles for that person; title+organisation likewise with the
  (title, organisation) pair (a null organisation folds to the empty string). Both directions are shown.
- Class agreement: the share of matched names given the same class, with Cohen's kappa.
- Articles with no difference at all (none of the above, nor in optional officials), and articles labelled
  identically (the same JSON: order of officials and positions and letter case included); ``build.py``
  takes the latter as they are and needs an adjudication for every other double-labelled article.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from build import ROUNDS, fold, load_round_labels, read_jsonl, same


def kappa(pairs: list[tuple[str, str]]) -> float:
    if not pairs:
        return float("nan")
    n = len(pairs)
    observed = sum(a == b for a, b in pairs) / n
    left, right = Counter(a for a, _ in pairs), Counter(b for _, b in pairs)
    expected = sum(left[c] * right[c] for c in set(left) | set(right)) / (n * n)
    return 1.0 if expected == 1 else (observed - expected) / (1 - expected)


def people(officials: list[dict], drop: set[str]) -> dict[str, dict]:
    return {fold(o["name"]): o for o in officials if fold(o["name"]) not in drop}


def compare(first: list[dict], second: list[dict], strict: bool, names: tuple[str, str] = ("O1", "O2")) -> dict:
    n1, n2 = names
    if strict:
        a = people([o for o in first if not o["optional"]], set())
        b = people([o for o in second if not o["optional"]], set())
    else:
        drop = {fold(o["name"]) for o in first + second if o["optional"]}
        a, b = people(first, drop), people(second, drop)
    matched = sorted(set(a) & set(b))
    out = Counter(first=len(a), second=len(b), matched=len(matched))
    classes, diffs = [], []
    for side, other in ((a, b), (b, a)):
        tag = "ab" if side is a else "ba"
        for key in matched:
            titles = {fold(p["title"]) for p in other[key]["positions"]}
            pairs = {(fold(p["title"]), fold(p["organization"])) for p in other[key]["positions"]}
            for pos in side[key]["positions"]:
                out[f"pos_{tag}"] += 1
                out[f"title_{tag}"] += fold(pos["title"]) in titles
                out[f"org_{tag}"] += (fold(pos["title"]), fold(pos["organization"])) in pairs
    for key in matched:
        classes.append((a[key]["class"], b[key]["class"]))
        pa = [(fold(p["title"]), fold(p["organization"])) for p in a[key]["positions"]]
        pb = [(fold(p["title"]), fold(p["organization"])) for p in b[key]["positions"]]
        if set(pa) != set(pb):
            diffs.append(f"positions {a[key]['name']}: {n1} {pa} | {n2} {pb}")
        if a[key]["class"] != b[key]["class"]:
            diffs.append(f"class {a[key]['name']}: {n1} {a[key]['class']} | {n2} {b[key]['class']}")
    diffs += [f"only {n1}: {a[k]['name']}" for k in sorted(set(a) - set(b))]
    diffs += [f"only {n2}: {b[k]['name']}" for k in sorted(set(b) - set(a))]
    if not strict:
        both_a, both_b = people(first, set()), people(second, set())
        for key in sorted((set(both_a) & set(both_b)) - set(matched)):  # dropped as optional: still listed
            pa = [(fold(p["title"]), fold(p["organization"])) for p in both_a[key]["positions"]]
            pb = [(fold(p["title"]), fold(p["organization"])) for p in both_b[key]["positions"]]
            if set(pa) != set(pb):
                diffs.append(f"positions (optional) {both_a[key]['name']}: {n1} {pa} | {n2} {pb}")
            if both_a[key]["class"] != both_b[key]["class"]:
                diffs.append(f"class (optional) {both_a[key]['name']}: {n1} {both_a[key]['class']} | "
                             f"{n2} {both_b[key]['class']}")
        for key in sorted(set(both_a) & set(both_b)):
            if both_a[key]["optional"] != both_b[key]["optional"]:
                out["optional_flag_differs"] += 1
                diffs.append(f"optional {both_a[key]['name']}: {n1} {both_a[key]['optional']} | "
                             f"{n2} {both_b[key]['optional']}")
        for key in sorted(set(both_a) ^ set(both_b)):
            person = both_a.get(key) or both_b.get(key)
            if person["optional"]:
                out["optional_one_side_only"] += 1
                diffs.append(f"optional on one side only: {person['name']} "
                             f"({n1 if key in both_a else n2})")
    return {"counts": out, "classes": classes, "diffs": diffs}


def ratio(num: float, den: float) -> str:
    return f"{num / den:.3f}" if den else "n/a"


def report(sample: list[dict], labels: dict, strict: bool, names: tuple[str, str] = ("O1", "O2"),
           pair=None) -> tuple[str, list[tuple[dict, list[str]]]]:
    """``names`` name the two sides in the figures; ``pair(ref)`` gives the two annotators of an article (by
    default ``names`` themselves; rounds 15's and 16's depend on the batch)."""
    pair = pair or (lambda ref: names)
    total, classes, per_article = Counter(), [], []
    doubles = [r for r in sample if r["double"]]
    for ref in doubles:
        one, other = pair(ref)
        result = compare(labels[(one, ref["source"], ref["id"])], labels[(other, ref["source"], ref["id"])], strict,
                         (one, other))
        total.update(result["counts"])
        classes += result["classes"]
        per_article.append((ref, result["diffs"]))
    tp, n1, n2 = total["matched"], total["first"], total["second"]
    pos = total["pos_ab"] + total["pos_ba"]
    same_class = sum(x == y for x, y in classes)
    lines = [
        f"{'strict (each side drops only its own optional officials)' if strict else 'main (a name optional on either side is dropped from both)'}",
        f"  articles {len(doubles)}; officials {names[0]} {n1}, {names[1]} {n2}, matched {tp}",
        f"  names      P {ratio(tp, n2)}  R {ratio(tp, n1)}  F1 {ratio(2 * tp, n1 + n2)}  ({names[0]} as reference)",
        (f"  title      {ratio(total['title_ab'] + total['title_ba'], pos)} of {pos} positions on matched names "
         f"({names[0]}->{names[1]} {total['title_ab']}/{total['pos_ab']}, "
         f"{names[1]}->{names[0]} {total['title_ba']}/{total['pos_ba']})"),
        (f"  title+org  {ratio(total['org_ab'] + total['org_ba'], pos)} "
         f"({names[0]}->{names[1]} {total['org_ab']}/{total['pos_ab']}, "
         f"{names[1]}->{names[0]} {total['org_ba']}/{total['pos_ba']})"),
        (f"  class      {ratio(same_class, len(classes))} of {len(classes)} matched names agree, "
         f"Cohen's kappa {kappa(classes):.3f}"),
    ]
    if not strict:
        lines.append(f"  optional   flag differs on {total['optional_flag_differs']} names both list; "
                     f"{total['optional_one_side_only']} optional names listed by one annotator only")
        identical = sum(1 for _, d in per_article if not d)
        lines.append(f"  articles with no difference at all: {identical} of {len(doubles)}")
        verbatim = sum(same(labels[(pair(r)[0], r["source"], r["id"])], labels[(pair(r)[1], r["source"], r["id"])])
                       for r in doubles)
        lines.append(f"  articles labelled identically (same officials, order and spelling): {verbatim} of {len(doubles)}"
                     f" (the others need adjudication)")
    return "\n".join(lines), per_article


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quiet", action="store_true", help="figures only")
    parser.add_argument("--round", type=int, choices=sorted(ROUNDS), default=1, help="which round (default 1)")
    args = parser.parse_args(argv)
    round_ = ROUNDS[args.round]
    sample = read_jsonl(round_.sample)
    labels, _ = load_round_labels(sample, round_)
    text, per_article = report(sample, labels, strict=False, names=round_.pair_names, pair=round_.pair)
    print(text)
    print(report(sample, labels, strict=True, names=round_.pair_names, pair=round_.pair)[0])
    if not args.quiet:
        for ref, diffs in per_article:
            if diffs:
                print(f"\n{ref['source']} {ref['id']} ({ref['stratum']}, {ref['split']})")
                for line in diffs:
                    print("  " + line)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
