"""Scoring officials against the officials gold (benchmarks/gold/officials/officials_gold*.jsonl).

The gold comes in rounds: ``officials_gold.jsonl`` (round 1, 109 articles; its lines carry no ``round``),
``officials_gold-2.jsonl`` (round 2, 98 articles, ``"round": 2``), ``officials_gold-3.jsonl`` (round 3, 58
articles, ``"round": 3``), ``officials_gold-4.jsonl`` (round 4, 57 articles, ``"round": 4``),
``officials_gold-5.jsonl`` (round 5, 42 articles, ``"round": 5``), ``officials_gold-6.jsonl`` (round 6, 42
articles, ``"round": 6``), ``officials_gold-7.jsonl`` (round 7, 39 articles weighted to long enumerations of people,
``"round": 7``), ``officials_gold-8.jsonl`` (round 8, 57 articles drawn as rounds 3 and 4, ``"round": 8``),
``officials_gold-9.jsonl`` (round 9, 57 articles drawn as rounds 3 and 4, ``"round": 9``),
``officials_gold-10.jsonl`` (round 10, 38 articles weighted to foreign news, ``"round": 10``),
``officials_gold-11.jsonl`` (round 11, 55 articles drawn as rounds 3, 4, 8 and 9, ``"round": 11``),
``officials_gold-12.jsonl`` (round 12, 55 articles drawn as round 11, ``"round": 12``), ``officials_gold-13.jsonl``
(round 13, 54 articles drawn as rounds 11 and 12, ``"round": 13``), ``officials_gold-14.jsonl`` (round 14, 54
articles drawn as rounds 11-13, ``"round": 14``), ``officials_gold-15.jsonl`` (round 15, 54 articles drawn as rounds
3, 4 and 9, ``"round": 15``), ``officials_gold-16.jsonl`` (round 16, 52 articles drawn as rounds 3, 4, 9 and
15, ``"round": 16``) and ``officials_gold-17.jsonl`` (round 17, 56 articles drawn as round 16 with the 2020-21 cells
moved to the 2025 file, ``"round": 17``). Rounds 3, 4, 9 and 15-17 are test sets only (no dev split); rounds 16 and 17
are the held-out sets
(``HELD_OUT_ROUNDS``: scored in aggregate only, alone or pooled), rounds 3, 4, 9 and 15 having been retired in turn and
opened for error analysis (``RETIRED_TEST_ROUNDS``: their per-article differences may be listed). Rounds 5 to 8 and
10 to 14 are dev sets only (no test split): ``--split test`` means the test articles of rounds 1-4, 9 and 15-17,
``--split dev`` the dev articles of rounds 1, 2, 5-8 and 10-14.
Given the folder, every round is read, in round order; a round and a split select the articles.

Names are matched after NFC, case and white-space folding, each gold name once per article. Officials the
gold marks ``optional`` (company heads whose state ownership the text does not show) count neither way:
a prediction of one is no false positive, missing one is no false negative. Officials named only in the
title are left out too (a record's mentions index the body). On matched officials: **title attach**, the
share of gold positions whose title is among the predicted titles; title and organisation together; and
recall by ``class`` (how the person appears: foreign, deputy, list, chain, plain).

    policytext eval officials --split dev [--round 1|2|5|6|7|8|10|11|12|13|14|all] [--details]
    policytext eval officials --split test --round 3|4|9|15 [--details]  # retired test rounds, open to error analysis
    policytext eval officials --split test [--round 1|2|16|17|all]  # scores only: rounds 16 and 17 are held out
"""

from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping

from .extract import HeldOut, MissingData, NoGoldEntries, _as_dict, _get, article_text, article_title, fold, load_gold

CLASSES = ("foreign", "deputy", "list", "chain", "plain")
ROUNDS = ("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14", "15", "16", "17", "all")
# test sets once held out, now open to error analysis (--details on their test split)
RETIRED_TEST_ROUNDS = ("3", "4", "9", "15")
HELD_OUT_ROUNDS = ("16", "17")  # the held-out test sets: scored in aggregate only, per-article differences never listed


def _round_of_file(file: Path) -> tuple[int, str]:
    """``officials_gold.jsonl`` is round 1, ``officials_gold-N.jsonl`` round N: files sort by round number, so that
    round 10 follows round 9 (not round 1, as by name); any other name comes last, by name."""
    stem = file.name.removesuffix(".jsonl").removeprefix("officials_gold")
    if not stem:
        return 1, file.name
    number = stem.removeprefix("-")
    return (int(number), file.name) if stem.startswith("-") and number.isdigit() else (10**9, file.name)


def load_officials_gold(path: str | Path) -> list[dict]:
    """The gold entries of one file, or of every ``officials_gold*.jsonl`` in a folder (in round order, round 1
    first)."""
    path = Path(path)
    if not path.is_dir():
        return load_gold(path)
    files = sorted(path.glob("officials_gold*.jsonl"), key=_round_of_file)
    if not files:
        raise FileNotFoundError(f"no officials_gold*.jsonl in {path}")
    return [entry for file in files for entry in load_gold(file)]


def select_entries(entries: Iterable[Mapping[str, Any]], split: str | None = None,
                   round_: str | int | None = None) -> list[Mapping[str, Any]]:
    """The entries of a split (dev, test; None or "all": both) and a round (1 to 17; None or "all": every round).

    A line without ``round`` belongs to round 1."""
    return [e for e in entries
            if (split in (None, "all") or e.get("split") == split)
            and (round_ in (None, "all") or int(e.get("round", 1)) == int(round_))]


def _in_body(name: str, text: str) -> bool:
    return fold(name) in fold(text)


def evaluate_officials(entries: Iterable[Mapping[str, Any]], predict: Callable[..., Any], shared_dir: str | Path,
                       details: bool = False) -> dict[str, Any]:
    counts = Counter()
    by_class = defaultdict(Counter)
    diffs: dict[str, list[str]] = {}
    for entry in entries:
        try:
            text = article_text(entry, shared_dir)
            title = article_title(entry, shared_dir)
        except MissingData as error:
            counts["skipped"] += 1
            diffs[f"{entry['id']}: skipped"] = [str(error)]
            continue
        record = _as_dict(predict(text, entry.get("published"), title))
        predicted = {}
        for official in record.get("officials") or []:
            predicted.setdefault(fold(_get(official, "name")), official)
        optional = {fold(o["name"]) for o in entry["officials"] if o.get("optional")}
        scored = [o for o in entry["officials"] if not o.get("optional") and _in_body(o["name"], text)]
        counts["title_only"] += sum(1 for o in entry["officials"] if not o.get("optional")
                                    and not _in_body(o["name"], text))
        gold_names = {fold(o["name"]) for o in scored}
        predicted_names = set(predicted) - optional
        counts["tp"] += len(gold_names & predicted_names)
        counts["gold"] += len(gold_names)
        counts["predicted"] += len(predicted_names)
        lines = []
        for official in scored:
            name = fold(official["name"])
            by_class[official.get("class", "plain")]["gold"] += 1
            match = predicted.get(name)
            if match is None:
                lines.append(f"- {official['name']} [{official.get('class')}] "
                             f"{[(p['title'], p['organization']) for p in official['positions']]}")
                continue
            by_class[official.get("class", "plain")]["found"] += 1
            positions = [(fold(_get(p, "title")), fold(_get(p, "organization"))) for p in _get(match, "positions") or []]
            titles = {t for t, _ in positions}
            for position in official["positions"]:
                title, organization = fold(position["title"]), fold(position.get("organization"))
                counts["positions"] += 1
                counts["title_hits"] += title in titles
                counts["title_org_hits"] += (title, organization) in positions
                if title not in titles or (title, organization) not in positions:
                    lines.append(f"~ {official['name']}: gold ({position['title']}, {position.get('organization')}) "
                                 f"predicted {[(_get(p, 'title'), _get(p, 'organization')) for p in _get(match, 'positions') or []]}")
        lines += [f"+ {_get(predicted[n], 'name')} {[(_get(p, 'title'), _get(p, 'organization')) for p in _get(predicted[n], 'positions') or []]}"
                  for n in sorted(predicted_names - gold_names)]
        if details and lines:
            diffs[f"{entry['source']}#{entry['id']}"] = lines
        counts["articles"] += 1
    p = counts["tp"] / counts["predicted"] if counts["predicted"] else None
    r = counts["tp"] / counts["gold"] if counts["gold"] else None
    f1 = 2 * p * r / (p + r) if p and r else None
    return {
        "articles": counts["articles"], "tp": counts["tp"], "gold": counts["gold"], "predicted": counts["predicted"],
        "precision": p, "recall": r, "f1": f1, "title_only": counts["title_only"],
        "title_attach": counts["title_hits"] / counts["positions"] if counts["positions"] else None,
        "title_org": counts["title_org_hits"] / counts["positions"] if counts["positions"] else None,
        "positions": counts["positions"],
        "recall_by_class": {c: (by_class[c]["found"], by_class[c]["gold"]) for c in CLASSES if by_class[c]["gold"]},
        "details": diffs if details else {},
    }


def format_officials(result: Mapping[str, Any], label: str) -> str:
    def pct(x):
        return "  n/a" if x is None else f"{x:.3f}"

    lines = [f"Officials gold ({label}): {result['articles']} articles, {result['gold']} officials scored "
             f"({result['title_only']} named only in a title left out; optional ones ignored)",
             f"  names      P {pct(result['precision'])}  R {pct(result['recall'])}  F1 {pct(result['f1'])}"
             f"  (tp {result['tp']}, gold {result['gold']}, predicted {result['predicted']})",
             f"  title attach {pct(result['title_attach'])}   title + organisation {pct(result['title_org'])}"
             f"  (on {result['positions']} gold positions of matched officials)",
             "  recall by class: " + ", ".join(f"{c} {f}/{g} = {f / g:.3f}"
                                              for c, (f, g) in result["recall_by_class"].items())]
    for article, diff in result["details"].items():
        lines.append(article)
        lines.extend(f"    {line}" for line in diff)
    return "\n".join(lines)


def run_officials_eval(gold_path: str | Path, shared_dir: str | Path, split: str | None = None,
                       details: bool = False, round_: str | int | None = "all") -> str:
    from .. import analyze

    gold = load_officials_gold(gold_path)
    entries = select_entries(gold, split, round_)
    if not entries:
        splits = sorted({e.get("split") for e in select_entries(gold, None, round_)})
        if splits and round_ not in (None, "all"):  # the round lacks that split (3, 4, 9, 15-17 test; 5-8, 10-14 dev)
            raise NoGoldEntries(f"round {round_} of the officials gold has no {split} split: its articles are "
                                f"{' and '.join(splits)} only (use --split {splits[0]})")
        raise NoGoldEntries(f"no gold articles of split {split or 'all'}, round {round_ or 'all'} in {gold_path}")
    held = sorted({str(e.get("round", 1)) for e in entries if e.get("split") == "test"} & set(HELD_OUT_ROUNDS), key=int)
    if details and held:  # name the held-out rounds asked for: 16, 17, or both (--split test over all rounds)
        what = "round {} is the held-out test set" if len(held) == 1 else "rounds {} are the held-out test sets"
        named = held[0] if len(held) == 1 else f"{', '.join(held[:-1])} and {held[-1]}"
        raise HeldOut(f"{what.format(named)}: scored in aggregate only, per-article differences are never "
                      "listed")
    if not Path(shared_dir).is_dir():
        raise MissingData(f"shared reference data not found at {shared_dir}: the gold texts live there")

    def predict(text: str, published: str | None, title: str | None) -> dict:
        return analyze(text, published=published, title=title).to_dict()

    result = evaluate_officials(entries, predict, shared_dir, details)
    return format_officials(result, f"split {split or 'all'}, round {round_ or 'all'}")
