"""Agreement between the two task annotators of a round on its double-labelled articles.

    python benchmarks/gold/tasks/agreement.py            # round 1 (T1, T2, 30 articles): the figures
    python benchmarks/gold/tasks/agreement.py --diff     # and every disagreement, article by article
    python benchmarks/gold/tasks/agreement.py --round 2  # round 2 (T3, T4, 30); --round 3 (T5, T6, 20);
                                                         # --round 4 (T7, T8, 16); --round 5 (T9, T10, 16);
                                                         # --round 6 (T11, T12, 12); --round 7 (T13, T14, 12);
                                                         # --round 8 (T15, T16, 12); --round 9 (T17, T18, 12)

A round's label files live outside the repository (``../annotations/tasks/``); only round 9's were on the machine
this was last run on (rounds 1-8's agreement figures are in README.md, as printed when they were).

Below, T1 and T2 stand for the round's first annotator (batch 1) and second (batch 2). Both annotators'
labels, as delivered (build.py's hand fixes not applied), are located in the article text as build.py
does (same quotes, same rules), then compared:
- ``enumerates_tasks``: Cohen's kappa (sklearn) and raw agreement over the articles;
- item starts: an item of one annotator matches an item of the other when their starts are within 5
  characters (one-to-one, nearest first); F1 = 2 * matched / (items T1 + items T2), with precision and
  recall of T2 against T1;
- on matched items: end exact-match rate, actor agreement (same set of names after case and white-space
  folding), deadline value agreement (same value, null = null), issued_by and directive agreement
  (same string after folding, null = null).
"""

from __future__ import annotations

import argparse
import sys
import unicodedata
from pathlib import Path

from sklearn.metrics import cohen_kappa_score

sys.path.insert(0, str(Path(__file__).resolve().parent))

from build import ROUNDS, Problems, get, read_labels, read_sample, resolve

WINDOW = 5


def fold(value: str | None) -> str | None:
    if value is None:
        return None
    return " ".join(unicodedata.normalize("NFC", value).casefold().split())


def actor_set(actor: list[str]) -> frozenset[str]:
    return frozenset(fold(a) for a in actor)


def match(first: list[dict], second: list[dict]) -> list[tuple[int, int]]:
    """One-to-one pairs (i, j) of items whose starts are within WINDOW characters, nearest first."""
    pairs = sorted((abs(a["start"] - b["start"]), i, j) for i, a in enumerate(first) for j, b in enumerate(second)
                   if abs(a["start"] - b["start"]) <= WINDOW)
    used_i, used_j, out = set(), set(), []
    for _, i, j in pairs:
        if i not in used_i and j not in used_j:
            used_i.add(i)
            used_j.add(j)
            out.append((i, j))
    return sorted(out)


def compare(labels: dict[str, Path] | None = None, round_: int = 1) -> dict:
    problems = Problems()
    sample = read_sample(round_)
    first, second = ROUNDS[round_].labels
    t1 = read_labels(sample, first, problems, (labels or {}).get(first), fixes=False)
    t2 = read_labels(sample, second, problems, (labels or {}).get(second), fixes=False)
    doubles = [r for r in sample if r["double"]]
    articles = []
    for row in doubles:
        key = (row["source"], row["id"])
        text = get(*key).text
        a, _ = resolve(t1[key], text, first, problems)
        b, _ = resolve(t2[key], text, second, problems)
        pairs = match(a, b)
        diffs = []
        if t1[key]["enumerates_tasks"] != t2[key]["enumerates_tasks"]:
            diffs.append(f"enumerates_tasks {first}={t1[key]['enumerates_tasks']} {second}={t2[key]['enumerates_tasks']}")
        mi, mj = {i for i, _ in pairs}, {j for _, j in pairs}
        for i, x in enumerate(a):
            if i not in mi:
                diffs.append(f"{first} only: item {x['ordinal']} {x['marker']!r} at {x['start']}: {x['text'][:60]!r}")
        for j, y in enumerate(b):
            if j not in mj:
                diffs.append(f"{second} only: item {y['ordinal']} {y['marker']!r} at {y['start']}: {y['text'][:60]!r}")
        for i, j in pairs:
            x, y = a[i], b[j]
            if x["start"] != y["start"]:
                diffs.append(f"item {x['ordinal']}: start {first}={x['start']} {second}={y['start']}")
            if x["end"] != y["end"]:
                diffs.append(f"item {x['ordinal']}: end {first}={x['end']} …{text[max(x['start'], x['end'] - 50):x['end']]!r}"
                             f" {second}={y['end']} …{text[max(y['start'], y['end'] - 50):y['end']]!r}")
            if actor_set(x["actor"]) != actor_set(y["actor"]):
                diffs.append(f"item {x['ordinal']}: actor {first}={x['actor']} {second}={y['actor']}")
            dx, dy = (x["deadline"] or {}).get("value"), (y["deadline"] or {}).get("value")
            if dx != dy or bool(x["deadline"]) != bool(y["deadline"]):
                diffs.append(f"item {x['ordinal']}: deadline {first}={x['deadline']} {second}={y['deadline']}")
            for f in ("issued_by", "directive"):
                if fold(x[f]) != fold(y[f]):
                    diffs.append(f"item {x['ordinal']}: {f} {first}={x[f]!r} {second}={y[f]!r}")
        articles.append({"key": key, "split": row["split"], "batch": row["batch"], "T1": a, "T2": b,
                         "pairs": pairs, "diffs": diffs,
                         "enum": (bool(t1[key]["enumerates_tasks"]), bool(t2[key]["enumerates_tasks"]))})
    return {"articles": articles, "problems": problems, "annotators": (first, second)}


def figures(result: dict) -> dict:
    arts = result["articles"]
    e1 = [int(x["enum"][0]) for x in arts]
    e2 = [int(x["enum"][1]) for x in arts]
    n1 = sum(len(x["T1"]) for x in arts)
    n2 = sum(len(x["T2"]) for x in arts)
    matched = [(x["T1"][i], x["T2"][j]) for x in arts for i, j in x["pairs"]]
    m = len(matched)

    def rate(same: list[bool]) -> tuple[int, int, float]:
        return sum(same), len(same), (sum(same) / len(same) if same else float("nan"))

    dl = [(a, b) for a, b in matched if a["deadline"] or b["deadline"]]
    return {
        "articles": len(arts),
        "enumerates_T1": sum(e1), "enumerates_T2": sum(e2),
        "enum_agree": sum(a == b for a, b in zip(e1, e2)) / len(arts),
        "kappa": cohen_kappa_score(e1, e2),
        "items_T1": n1, "items_T2": n2, "matched": m,
        "precision": m / n2 if n2 else float("nan"), "recall": m / n1 if n1 else float("nan"),
        "f1": 2 * m / (n1 + n2) if n1 + n2 else float("nan"),
        "start_exact": rate([a["start"] == b["start"] for a, b in matched]),
        "end_exact": rate([a["end"] == b["end"] for a, b in matched]),
        "actor": rate([actor_set(a["actor"]) == actor_set(b["actor"]) for a, b in matched]),
        "deadline": rate([(a["deadline"] or {}).get("value") == (b["deadline"] or {}).get("value")
                          and bool(a["deadline"]) == bool(b["deadline"]) for a, b in matched]),
        "deadline_any": rate([(a["deadline"] or {}).get("value") == (b["deadline"] or {}).get("value")
                              and bool(a["deadline"]) == bool(b["deadline"]) for a, b in dl]),
        "issued_by": rate([fold(a["issued_by"]) == fold(b["issued_by"]) for a, b in matched]),
        "directive": rate([fold(a["directive"]) == fold(b["directive"]) for a, b in matched]),
        "disagreeing_articles": sum(bool(x["diffs"]) for x in arts),
    }


def report(f: dict, annotators: tuple[str, str] = ("T1", "T2")) -> str:
    t1, t2 = annotators

    def r(name: str, t: tuple[int, int, float]) -> str:
        return f"{name:36} {t[0]:3}/{t[1]:<3} = {t[2]:.3f}"

    return "\n".join([
        f"{f['articles']} articles labelled twice ({t1} and {t2})",
        (f"enumerates_tasks: {t1} {f['enumerates_T1']}, {t2} {f['enumerates_T2']}; raw agreement "
         f"{f['enum_agree']:.3f}; Cohen's kappa {f['kappa']:.3f}"),
        f"items: {t1} {f['items_T1']}, {t2} {f['items_T2']}, matched (starts within {WINDOW} chars) {f['matched']}",
        f"item-start F1 {f['f1']:.3f} (precision of {t2} against {t1} {f['precision']:.3f}, recall "
        f"{f['recall']:.3f})",
        "on matched items:",
        r("  start exact", f["start_exact"]),
        r("  end exact", f["end_exact"]),
        r("  actor (same set, folded)", f["actor"]),
        r("  deadline value", f["deadline"]),
        r("  deadline value (either has one)", f["deadline_any"]),
        r("  issued_by (folded)", f["issued_by"]),
        r("  directive (folded)", f["directive"]),
        f"articles with any disagreement: {f['disagreeing_articles']} of {f['articles']}",
    ])


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--diff", action="store_true", help="list the disagreements article by article")
    parser.add_argument("--round", type=int, default=1, choices=sorted(ROUNDS), help="the round (default 1)")
    args = parser.parse_args(argv)
    if not ROUNDS[args.round].labelled_here:
        missing = [str(path) for path in ROUNDS[args.round].labels.values() if not path.is_file()]
        print(f"round {args.round}: the annotators' label files are not here ({', '.join(missing)}); its agreement "
              "is in benchmarks/gold/tasks/README.md")
        return 1
    result = compare(round_=args.round)
    for p in result["problems"]:
        print("PROBLEM", p)
    print(report(figures(result), result["annotators"]))
    if args.diff:
        for x in result["articles"]:
            if x["diffs"]:
                print(f"\n== {x['key'][1]} ({x['key'][0]}, {x['split']}, batch {x['batch']})")
                for d in x["diffs"]:
                    print("  " + d)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
