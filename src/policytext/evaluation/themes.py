"""Multi-label theme scoring against a gold set: micro/macro F1 and per-theme P/R/F1."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Mapping

if TYPE_CHECKING:
    from ..document import Document


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def score_themes(gold: Mapping[str, Iterable[str]], pred: Mapping[str, Iterable[str]]) -> dict:
    """Scores over the articles in ``gold`` (an article missing from ``pred`` predicted nothing).

    Returns {"micro": {p, r, f1, tp, fp, fn}, "macro": {p, r, f1}, "per_theme": {id: {p, r, f1, tp,
    fp, fn, support}}, "articles": n, "exact_match": share of articles with exactly the gold set}.
    Macro averages over themes that occur in gold or predictions.
    """
    counts: dict[str, list[int]] = {}
    exact = 0
    for article_id, gold_themes in gold.items():
        gold_set = set(gold_themes)
        pred_set = set(pred.get(article_id, ()))
        exact += gold_set == pred_set
        for theme in gold_set | pred_set:
            c = counts.setdefault(theme, [0, 0, 0])
            if theme in gold_set and theme in pred_set:
                c[0] += 1
            elif theme in pred_set:
                c[1] += 1
            else:
                c[2] += 1
    per_theme = {}
    for theme in sorted(counts):
        tp, fp, fn = counts[theme]
        p, r, f = _prf(tp, fp, fn)
        per_theme[theme] = {"p": p, "r": r, "f1": f, "tp": tp, "fp": fp, "fn": fn, "support": tp + fn}
    tp, fp, fn = (sum(c[i] for c in counts.values()) for i in range(3))
    p, r, f = _prf(tp, fp, fn)
    n = len(per_theme)
    macro = {
        key: (sum(v[key] for v in per_theme.values()) / n if n else 0.0) for key in ("p", "r", "f1")
    }
    return {
        "micro": {"p": p, "r": r, "f1": f, "tp": tp, "fp": fp, "fn": fn},
        "macro": macro,
        "per_theme": per_theme,
        "articles": len(gold),
        "exact_match": exact / len(gold) if gold else 0.0,
    }


def load_gold(path: str | Path, split: str | None = None) -> list[dict]:
    """Rows of a themes gold file: {"source": dump, "id": article id, "themes": [...], "split"?: ...}.

    ``split``: keep only rows of that split ("train", "test"); a file without splits has none.
    """
    rows = []
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path} line {number}: not JSON ({exc.msg})") from None
            if not isinstance(row.get("themes"), list) or "id" not in row or "source" not in row:
                raise ValueError(f"{path} line {number}: needs 'source', 'id' and a 'themes' list")
            rows.append(row)
    if split is not None:
        splits = {row.get("split") for row in rows}
        if split not in splits:
            raise ValueError(f"{path}: no article of split {split!r} (splits here: {sorted(map(str, splits))})")
        rows = [row for row in rows if row.get("split") == split]
    return rows


def format_report(result: dict, title: str = "themes") -> str:
    """Plain-text report: micro and macro F1 then one line per theme."""
    micro, macro = result["micro"], result["macro"]
    lines = [
        f"{title}: {result['articles']} articles, exact match {result['exact_match']:.3f}",
        f"  micro P {micro['p']:.3f}  R {micro['r']:.3f}  F1 {micro['f1']:.3f}"
        f"   (tp {micro['tp']}, fp {micro['fp']}, fn {micro['fn']})",
        f"  macro P {macro['p']:.3f}  R {macro['r']:.3f}  F1 {macro['f1']:.3f}",
        f"  {'theme':28} {'P':>6} {'R':>6} {'F1':>6} {'gold':>5} {'tp':>4} {'fp':>4} {'fn':>4}",
    ]
    for theme, v in result["per_theme"].items():
        lines.append(
            f"  {theme:28} {v['p']:6.3f} {v['r']:6.3f} {v['f1']:6.3f} {v['support']:5d} {v['tp']:4d} {v['fp']:4d} {v['fn']:4d}"
        )
    return "\n".join(lines)


def gold_documents(rows: list[dict], shared_dir: str | Path) -> dict[str, "Document"]:
    """The gold articles as documents (title and body as the pipeline sees them), keyed "source|id"."""
    from ..document import Document
    from .corpus import get_many

    items = get_many(rows, shared_dir)
    return {
        key(row): Document.from_text(items[row["source"], row["id"]].text, title=items[row["source"], row["id"]].title,
                                     segment=False)
        for row in rows
    }


def key(row: dict) -> str:
    """An article's key in scores: ids are unique within a dump, not across dumps."""
    return f"{row['source']}|{row['id']}"


def evaluate_gold(gold_path: str | Path, shared_dir: str | Path, taxonomy=None, model=None,
                  split: str | None = None) -> dict:
    """Run theme detection over the gold articles and score it (``policytext eval themes``).

    ``shared_dir``: the folder holding the dumps (``…/shared/data``; VNTC sources are read from
    its ``vntc/``). ``model``: None = the detector as shipped, False = lexicon only, or a ThemeModel.
    """
    from ..extract.themes import extract_themes

    rows = load_gold(gold_path, split)
    docs = gold_documents(rows, shared_dir)
    gold = {key(row): set(row["themes"]) for row in rows}
    pred = {k: {hit.id for hit in extract_themes(doc, taxonomy, model=model)} for k, doc in docs.items()}
    return score_themes(gold, pred)
