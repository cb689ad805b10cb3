"""Agreement between two annotators on the double-labelled theme articles: per-theme Cohen's kappa.

    python benchmarks/gold/themes/agreement.py FIRST.jsonl [FIRST2.jsonl ...] --second SECOND.jsonl

Every article labelled in SECOND and in one of the FIRST files is compared; for each theme the two
binary labels give Cohen's kappa (sklearn), with the count each annotator gave and the raw agreement.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from sklearn.metrics import cohen_kappa_score

THEMES = ["digital_transformation", "trade_agreements", "covid_dual_goal", "covid_control", "energy_transition",
          "exports_imports", "domestic_trade", "institutional_reform", "emulation_awards", "party_building",
          "discipline_anticorruption", "personnel", "industry_development", "growth_investment", "social_welfare",
          "innovation_science"]


def read(paths: list[Path]) -> dict[tuple[str, str], set[str]]:
    out = {}
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                out[(row["source"], row["id"])] = set(row["themes"])
    return out


def agreement(first: dict, second: dict) -> list[dict]:
    keys = sorted(set(first) & set(second))
    rows = []
    for theme in THEMES:
        a = [int(theme in first[k]) for k in keys]
        b = [int(theme in second[k]) for k in keys]
        same = sum(x == y for x, y in zip(a, b))
        kappa = cohen_kappa_score(a, b) if len(set(a) | set(b)) > 1 else float("nan")
        rows.append({"theme": theme, "n": len(keys), "first": sum(a), "second": sum(b), "agree": same / len(keys),
                     "kappa": kappa})
    return rows


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("first", nargs="+", type=Path)
    parser.add_argument("--second", type=Path, required=True)
    args = parser.parse_args(argv)
    rows = agreement(read(args.first), read([args.second]))
    print(f"{rows[0]['n']} articles labelled twice")
    print(f"{'theme':28} {'first':>5} {'second':>6} {'agree':>6} {'kappa':>6}")
    for r in rows:
        print(f"{r['theme']:28} {r['first']:5} {r['second']:6} {r['agree']:6.3f} {r['kappa']:6.3f}")
    valid = [r["kappa"] for r in rows if r["kappa"] == r["kappa"]]
    print(f"mean kappa over {len(valid)} themes: {sum(valid) / len(valid):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
