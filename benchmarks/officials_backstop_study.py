"""Would a learned classifier find the officials the rules miss? A study, not a shipped component.

    python benchmarks/officials_backstop_study.py [--gold benchmarks/gold/officials] [--shared ../shared/data]

Candidates: every Vietnamese full name the names layer finds (``vietnamese_name`` at each capitalised word, surname
first) in the officials gold of every round but the held-out ones (``HELD_OUT_ROUNDS``: never read here). A candidate is
*covered* when an official the rules found has that name, and *positive* when the gold lists it (optional officials are
left out). Features: the words before and after the name in its line (positions 1-4 and bags of 10), whether the name
opens a line or a list item, the nearest title of the titles layer before and after (distance bucket, which title), the
name's length. A logistic regression is trained in five folds grouped by article; the report is what it would add on the
*uncovered* candidates at each probability threshold: how many it flags, how many of those are gold officials.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from policytext import analyze  # noqa: E402
from policytext.document import Document  # noqa: E402
from policytext.evaluation.extract import article_text, article_title, fold  # noqa: E402
from policytext.evaluation.officials import HELD_OUT_ROUNDS, load_officials_gold  # noqa: E402
from policytext.layers.names import capitalised_word_starts, vietnamese_name  # noqa: E402

_WORD = re.compile(r"[^\W\d_]+|\d+|[^\w\s]")
_ITEM_OPENING = re.compile(r"\s*[\d\-–•+.)]*\s*")


def candidates(gold_dir: Path, shared: Path) -> list[dict]:
    rows = []
    entries = [e for path in sorted(gold_dir.glob("officials_gold*.jsonl")) for e in load_officials_gold(path)
               if str(e.get("round", 1)) not in HELD_OUT_ROUNDS]
    for entry in entries:
        text, title = article_text(entry, shared), article_title(entry, shared)
        found = [fold(o.name) for o in analyze(text, published=entry.get("published"), title=title).officials]
        gold = {fold(o["name"]): o for o in entry["officials"]}
        doc = Document.from_text(text, title=title)
        norm, titles, orgs = doc.norm, doc.layers.titles.values(), doc.layers.organizations_in_context
        after = -1
        for start in capitalised_word_starts(norm):
            span = None if start < after else vietnamese_name(norm, start, orgs, after_title=False)
            if span is None:
                continue
            a, b = span
            after = b
            name = fold(norm[a:b])
            official = gold.get(name)
            if official is not None and official.get("optional"):
                continue
            rows.append({"article": entry["id"], "covered": any(name in f for f in found), "label": official is not None,
                         "left": norm[max(0, a - 120):a], "right": norm[b:b + 120], "length": len(name.split()),
                         "before": [(m.end, m.text) for m in titles if a - 120 <= m.end <= a],
                         "after": [m.start for m in titles if b <= m.start <= b + 120], "span": span})
    return rows


def features(row: dict) -> dict:
    f = {}
    left_line = row["left"].split("\n")[-1]
    left, right = _WORD.findall(left_line[-80:]), _WORD.findall(row["right"].split("\n")[0][:80])
    for i, w in enumerate(reversed(left[-4:])):
        f[f"L{i}={w.lower()}"] = 1
    for w in left[-10:]:
        f[f"Lbag={w.lower()}"] = 1
    for i, w in enumerate(right[:4]):
        f[f"R{i}={w.lower()}"] = 1
    for w in right[:10]:
        f[f"Rbag={w.lower()}"] = 1
    f["opens_item"] = int(bool(_ITEM_OPENING.fullmatch(left_line)))
    start, end = row["span"]
    if row["before"]:
        end_of_title, text = max(row["before"])
        d = start - end_of_title
        f[f"title_before<{[2, 10, 30, 121][sum(d >= x for x in (2, 10, 30))]}"] = 1
        f["title_before=" + text.lower()] = 1
    if row["after"]:
        d = min(row["after"]) - end
        f[f"title_after<{[3, 10, 30, 121][sum(d >= x for x in (3, 10, 30))]}"] = 1
    f[f"syllables={row['length']}"] = 1
    return f


def main(argv: list[str] | None = None) -> None:
    import numpy as np
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import roc_auc_score
    from sklearn.model_selection import GroupKFold

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=ROOT / "benchmarks" / "gold" / "officials")
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "data")
    args = parser.parse_args(argv)
    rows = candidates(args.gold, args.shared)
    y = np.array([r["label"] for r in rows])
    uncovered = np.array([not r["covered"] for r in rows])
    x = DictVectorizer().fit_transform([features(r) for r in rows])
    groups = np.array([r["article"] for r in rows])
    p = np.zeros(len(y))
    for train, test in GroupKFold(5).split(x, y, groups):
        p[test] = LogisticRegression(C=1.0, max_iter=3000).fit(x[train], y[train]).predict_proba(x[test])[:, 1]
    print(f"{len(rows)} occurrences of full names in {len(set(groups))} articles: {int(y.sum())} of a gold official, "
          f"{int((y & ~uncovered).sum())} of them of one the rules found; {int(uncovered.sum())} of a name the rules did "
          f"not find, {int((y & uncovered).sum())} of them of a gold official")
    print(f"ROC AUC out of fold: all candidates {roc_auc_score(y, p):.3f}, uncovered ones "
          f"{roc_auc_score(y[uncovered], p[uncovered]):.3f}")
    for threshold in (0.5, 0.7, 0.8, 0.9, 0.95):
        flagged = uncovered & (p >= threshold)
        hits = int((flagged & y).sum())
        print(f"  threshold {threshold}: flags {int(flagged.sum())} occurrences the rules left, {hits} of a gold official "
              f"(precision {hits / max(1, int(flagged.sum())):.2f}; {hits} of {int((y & uncovered).sum())} missed)")


if __name__ == "__main__":
    main()
