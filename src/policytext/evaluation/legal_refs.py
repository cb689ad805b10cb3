"""Score legal references against the legal-reference gold (benchmarks/gold/legal_refs/legal_refs_gold.jsonl).

A gold line names its article (``source``, ``id``) and lists every mention with offsets, ``doc_type``,
``code`` (canonical, the number as written for a short one, null for a named one), ``number``, ``year``,
``issuer`` and ``refers_to`` (the ``{"start", "end"}`` of the full mention a short or pointing-back one means,
or null); ``split`` is ``dev`` or ``test`` (the test split is only ever scored). Each round is a file of its own,
scored with ``--gold FILE``: round 1 ``legal_refs_gold.jsonl`` (dev and a spent test), rounds 2 and 6
``legal_refs_gold-2.jsonl`` and ``legal_refs_gold-6.jsonl`` (the held-out tests, test only: round 6 a second, fresh
one, drawn once round 2 had been scored three times and rules had been written on rounds 3-5), rounds 3 to 5
``legal_refs_gold-3.jsonl`` to ``legal_refs_gold-5.jsonl``, rounds 7 to 9 ``legal_refs_gold-7.jsonl`` to
``legal_refs_gold-9.jsonl`` (dev sets only, drawn to develop on). Per-article differences (``details``) are listed for
dev articles only: ``run_legal_eval`` refuses them on any test article (``HeldOut``) before an article is read, whoever
calls it.

What is measured (micro-averaged over mentions):

- **references**: a predicted reference matches a gold one when their spans overlap and their codes are the
  same (canonical form; both null for a named reference); one-to-one, largest overlap first. Precision,
  recall, F1, also for numbered and named gold references apart;
- **doc_type** on matched pairs (case-folded);
- **resolution**, for the gold mentions with a ``refers_to``: right when the mention and its target are both
  matched and the predicted mention carries the predicted target's ``doc_key``; **resolved_code**, where the
  target has a full code: the predicted mention's ``resolved_code`` is that code.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping

from .extract import (HeldOut, MissingData, _get, _pct, canonical_code, evaluate_gold, fold, gold_published,
                      greedy_pairs, report_tail)

_COUNTS = ("references", "numbered", "named")
_SHARES = ("doc_type", "resolution", "resolved_code")


def load_legal_gold(path: str | Path, split: str | None = None) -> list[dict]:
    entries = []
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            entry = json.loads(line)
            if "legal_refs" not in entry or "split" not in entry:
                raise ValueError(f"{path}:{number}: not a legal-reference gold line (no 'legal_refs' and 'split')")
            if split is None or entry["split"] == split:
                entries.append(entry)
    return entries


def is_legal_gold(path: str | Path) -> bool:
    """Whether ``path`` is a legal-reference gold file: lines with ``legal_refs`` and a ``split``, nothing else
    annotated (the extraction golds also have ``legal_refs``, but no split and other fields)."""
    path = Path(path)
    if not path.is_file():
        return False
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                entry = json.loads(line)
                return "legal_refs" in entry and "split" in entry and not {"officials", "dates", "tasks"} & entry.keys()
    return False


def _code(item: Any) -> str | None:
    code = _get(item, "code")
    return canonical_code(code) if code else None


def _pairs(gold: list[Mapping], predicted: list[Any]) -> list[tuple[int, int]]:
    candidates = []
    for g, gs in enumerate(gold):
        for p, ps in enumerate(predicted):
            overlap = min(gs["end"], _get(ps, "end")) - max(gs["start"], _get(ps, "start"))
            if overlap > 0 and _code(gs) == _code(ps):
                candidates.append((-overlap, g, p))
    return greedy_pairs(candidates)


def _score_article(gold: list[Mapping], predicted: list[Any], acc: dict, text: str) -> list[str]:
    pairs = _pairs(gold, predicted)
    to_predicted = dict(pairs)
    acc["references"].add(len(pairs), len(gold), len(predicted))
    numbered = [g for g, item in enumerate(gold) if item.get("code")]
    acc["numbered"].add(sum(g in to_predicted for g in numbered), len(numbered),
                        sum(1 for p in predicted if _get(p, "code")))
    named = [g for g, item in enumerate(gold) if not item.get("code")]
    acc["named"].add(sum(g in to_predicted for g in named), len(named), sum(1 for p in predicted if not _get(p, "code")))
    lines = []
    for g, p in pairs:
        right = fold(gold[g].get("doc_type")) == fold(_get(predicted[p], "doc_type"))
        acc["doc_type"].add(right)
        if not right:
            lines.append(f"~ {text[gold[g]['start']:gold[g]['end']]!r}: doc_type gold {gold[g].get('doc_type')}, "
                         f"predicted {_get(predicted[p], 'doc_type')}")
    by_span = {(item["start"], item["end"]): g for g, item in enumerate(gold)}
    for g, item in enumerate(gold):
        target = item.get("refers_to")
        if not target:
            continue
        t = by_span.get((target["start"], target["end"]))
        mention, antecedent = to_predicted.get(g), to_predicted.get(t) if t is not None else None
        right = mention is not None and antecedent is not None and \
            _get(predicted[mention], "doc_key") is not None and \
            _get(predicted[mention], "doc_key") == _get(predicted[antecedent], "doc_key")
        acc["resolution"].add(right)
        if not right:
            lines.append(f"~ {text[item['start']:item['end']]!r} refers to {text[target['start']:target['end']]!r}: "
                         + ("not matched" if mention is None or antecedent is None else
                            f"keys {_get(predicted[mention], 'doc_key')!r} / {_get(predicted[antecedent], 'doc_key')!r}"))
        if t is not None and gold[t].get("code"):
            acc["resolved_code"].add(mention is not None and _code({"code": _get(predicted[mention], "resolved_code")})
                                     == _code(gold[t]))
    matched_g, matched_p = set(to_predicted), set(to_predicted.values())
    lines += [f"- {text[item['start']:item['end']]!r} {item.get('code')}" for g, item in enumerate(gold)
              if g not in matched_g]
    lines += [f"+ {text[_get(ref, 'start'):_get(ref, 'end')]!r} {_get(ref, 'code')}" for p, ref in enumerate(predicted)
              if p not in matched_p]
    return lines


def evaluate_legal_refs(entries: Iterable[Mapping[str, Any]], predict: Callable[[str, str | None], Any],
                        shared_dir: str | Path | None = None, texts: Mapping[str, str] | None = None,
                        details: bool = False) -> dict[str, Any]:
    def score(entry: Mapping[str, Any], text: str, record: Mapping[str, Any], acc: dict[str, Any]) -> list[str]:
        return _score_article(list(entry.get("legal_refs") or []), list(record.get("legal_refs") or []), acc, text)

    return evaluate_gold(entries, predict, shared_dir, texts, details, _COUNTS, _SHARES, score, gold_published)


def format_legal_report(result: Mapping[str, Any], split: str | None = None) -> str:
    where = f" ({split} split)" if split else ""
    lines = [f"Legal-reference gold{where}: {result['articles']} articles scored"
             + (f", {len(result['skipped'])} skipped" if result["skipped"] else "")]
    lines.append(f"{'':<34}{'P':>8}{'R':>8}{'F1':>8}{'TP':>6}{'gold':>6}{'pred':>6}")
    for key, label in (("references", "references (overlap + code)"), ("numbered", "  numbered"),
                       ("named", "  named")):
        r = result[key]
        lines.append(f"{label:<34}{_pct(r['precision']):>8}{_pct(r['recall']):>8}{_pct(r['f1']):>8}"
                     f"{r['tp']:>6}{r['gold']:>6}{r['predicted']:>6}")
    lines.append("")
    lines.append(f"{'measure':<40}{'accuracy':>9}{'hits':>7}{'of':>6}")
    for key, label in (("doc_type", "doc_type (matched pairs)"), ("resolution", "resolution (same doc_key)"),
                       ("resolved_code", "resolved_code (target has a code)")):
        r = result[key]
        lines.append(f"{label:<40}{_pct(r['accuracy']):>9}{r['hits']:>7}{r['total']:>6}")
    return "\n".join(lines + report_tail(result))


def run_legal_eval(gold_path: str | Path, shared_dir: str | Path, split: str | None = None, details: bool = False,
                   predict: Callable[[str, str | None], Any] | None = None) -> str:
    from .extract import analyze_predictor

    entries = load_legal_gold(gold_path, split)
    if details and any(entry["split"] == "test" for entry in entries):
        # refused before any article is read or any extractor runs: the test splits (the held-out rounds 2 and 6
        # among them) are only ever scored, their per-article errors never listed
        raise HeldOut(f"{Path(gold_path).name}: per-article differences are listed on the dev split only; its test "
                      "articles are scored in aggregate only (use --split dev, or drop --details)")
    if not Path(shared_dir).is_dir():
        raise MissingData(f"shared reference data not found at {shared_dir}: the gold texts live there")
    result = evaluate_legal_refs(entries, predict or analyze_predictor(), shared_dir=shared_dir, details=details)
    return format_legal_report(result, split)
