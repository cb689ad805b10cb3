"""Score extractors against the hand-annotated dev gold (benchmarks/gold/extract_dev*.jsonl).

The gold never contains article texts: each line names an article in ``../shared/data`` (a VNTC
dump and its ``id``, or the seed file) and gives spans as offsets into that text. ``evaluate``
compares a prediction (a record dict as ``Record.to_dict()`` gives it) with the gold, per
extractor; ``format_report`` prints the table; ``run_eval`` does all of it for the CLI.
"""

from __future__ import annotations

import gzip
import json
import re
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping

from ..startcache import compile_regex
from ..text.normalize import normalize_string

SEED_SOURCE = "seed/moit-2021-08-30-thi-dua.txt"
SEED_PUBLISHED = "2021-08-30T20:01:00+07:00"


class MissingData(FileNotFoundError):
    """The shared reference data a gold entry points at is not there."""


class NoGoldEntries(ValueError):
    """The chosen split and round select no article of a gold."""


class HeldOut(ValueError):
    """Per-article differences were asked for on a held-out test set, which is only ever scored in aggregate (raised
    before any article is read, whoever calls the scorer)."""


# --- loading ---------------------------------------------------------------------------------


def load_gold(path: str | Path) -> list[dict]:
    """Gold entries from one .jsonl file, or from every extract_*.jsonl in a folder (not its subfolders)."""
    path = Path(path)
    files = sorted(path.glob("extract_*.jsonl")) if path.is_dir() else [path]
    if not files:
        raise FileNotFoundError(f"no extract_*.jsonl gold files in {path}")
    entries = []
    for file in files:
        with open(file, encoding="utf-8") as handle:
            for number, line in enumerate(handle, 1):
                if line.strip():
                    entry = json.loads(line)
                    entry.setdefault("gold_file", f"{file.name}:{number}")
                    entries.append(entry)
    return entries


def seed_article(raw: str) -> tuple[str, str | None, str]:
    """(title, date line, body) of a seed-style file: title line, date line, body, author line.

    The body is everything between the date line and the last non-empty line (the author),
    stripped of surrounding white space; gold offsets index exactly this string.
    """
    lines = raw.split("\n")
    nonempty = [n for n, line in enumerate(lines) if line.strip()]
    title, date_line, author = nonempty[0], nonempty[1], nonempty[-1]
    body = "\n".join(lines[date_line + 1:author]).strip()
    return lines[title].strip(), lines[date_line].strip(), body


@lru_cache(maxsize=8)
def _dump(path: str) -> dict[str, dict]:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return {item["id"]: item for item in map(json.loads, handle)}


def _dump_item(entry: Mapping[str, Any], shared_dir: str | Path) -> dict:
    """The dump row a gold entry points at: ``vntc-test-*.jsonl.gz`` under vntc/, ``modern/…`` as a path."""
    source = entry["source"]
    path = Path(shared_dir) / (source if "/" in source else f"vntc/{source}")
    if not path.is_file():
        raise MissingData(f"dump not found at {path}")
    items = _dump(str(path))
    if entry["id"] not in items:
        raise MissingData(f"article {entry['id']!r} not in {path}")
    return items[entry["id"]]


def article_text(entry: Mapping[str, Any], shared_dir: str | Path) -> str:
    """The exact text a gold entry's offsets index, read from ``shared_dir`` (…/shared/data)."""
    if entry["source"].startswith("seed/"):
        path = Path(shared_dir) / entry["source"]
        if not path.is_file():
            raise MissingData(f"seed article not found at {path}")
        return seed_article(path.read_text(encoding="utf-8"))[2]
    return _dump_item(entry, shared_dir)["text"]


def article_title(entry: Mapping[str, Any], shared_dir: str | Path) -> str | None:
    """The article's title when its dump has one (the modern news); VNTC articles have none."""
    if entry["source"].startswith("seed/"):
        path = Path(shared_dir) / entry["source"]
        return seed_article(path.read_text(encoding="utf-8"))[0] if path.is_file() else None
    return _dump_item(entry, shared_dir).get("title")


def gold_published(entry: Mapping[str, Any]) -> str | None:
    """The gold's own publication date, or None (the task and legal-reference golds)."""
    return entry.get("published")


def article_published(entry: Mapping[str, Any]) -> str | None:
    """The publication date to give the predictor: the gold's own, the seed's, or None (VNTC)."""
    if entry.get("published"):
        return entry["published"]
    return SEED_PUBLISHED if entry["source"] == SEED_SOURCE else None


# --- comparison keys -------------------------------------------------------------------------

_SPACE = compile_regex(r"\s+")


def fold(text: str | None) -> str:
    """Case-, width-, white-space- and tone-style-insensitive key for names, titles and organisations
    ("Uỷ viên" and "Ủy viên" are one title: the gold keeps the article's tone-mark style)."""
    if text is None:
        return ""
    return _SPACE.sub(" ", normalize_string(unicodedata.normalize("NFC", text))).strip().casefold()


def canonical_code(code: str) -> str:
    """A legal code as RECORD.md writes it: NFC, look-alikes mapped, no spaces (case kept)."""
    code = unicodedata.normalize("NFC", code).replace("\u00d0", "\u0110")  # Ð -> Đ
    code = code.translate(str.maketrans("СМНОРТАВЕКХ", "CMHOPTABEKX"))  # Cyrillic look-alikes
    return re.sub(r"\s+", "", code)


def _get(item: Any, key: str) -> Any:
    return item.get(key) if isinstance(item, Mapping) else getattr(item, key, None)


def _as_dict(record: Any) -> Mapping[str, Any]:
    if isinstance(record, Mapping):
        return record
    if hasattr(record, "to_dict"):
        return record.to_dict()
    raise TypeError(f"a prediction must be a dict or have .to_dict(), got {type(record).__name__}")


def _overlaps(a: Mapping, b: Mapping) -> bool:
    return a["start"] < b["end"] and b["start"] < a["end"]


def _match_spans(gold: list, predicted: list) -> list[tuple[int, int]]:
    """Greedy one-to-one pairing of overlapping spans, largest overlap first."""
    candidates = []
    for g, gs in enumerate(gold):
        for p, ps in enumerate(predicted):
            if _overlaps(gs, ps):
                overlap = min(gs["end"], ps["end"]) - max(gs["start"], ps["start"])
                candidates.append((-overlap, g, p))
    return greedy_pairs(candidates)


def greedy_pairs(candidates: list[tuple[int, int, int]]) -> list[tuple[int, int]]:
    """(gold, predicted) pairs from (-overlap, gold, predicted) candidates, largest overlap first, each once."""
    pairs, used_g, used_p = [], set(), set()
    for _, g, p in sorted(candidates):
        if g not in used_g and p not in used_p:
            pairs.append((g, p))
            used_g.add(g)
            used_p.add(p)
    return pairs


# --- counters --------------------------------------------------------------------------------


class _Count:
    """True positives and the two totals, summed over articles (micro average)."""

    def __init__(self) -> None:
        self.tp = self.gold = self.predicted = 0

    def add(self, tp: int, gold: int, predicted: int) -> None:
        self.tp += tp
        self.gold += gold
        self.predicted += predicted

    def result(self) -> dict[str, float | int | None]:
        precision = self.tp / self.predicted if self.predicted else None
        recall = self.tp / self.gold if self.gold else None
        if precision is None or recall is None:
            f1 = None
        else:
            f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return {"tp": self.tp, "gold": self.gold, "predicted": self.predicted,
                "precision": precision, "recall": recall, "f1": f1}


class _Share:
    """A share of hits among trials (None when there were no trials)."""

    def __init__(self) -> None:
        self.hits = self.total = 0

    def add(self, hit: bool | int, total: int = 1) -> None:
        self.hits += int(hit)
        self.total += total

    def result(self) -> dict[str, float | int | None]:
        return {"hits": self.hits, "total": self.total,
                "accuracy": self.hits / self.total if self.total else None}


# --- per-extractor scoring -------------------------------------------------------------------


def _score_officials(gold: list, predicted: list, acc: dict) -> None:
    predicted_by_name: dict[str, Any] = {}
    for official in predicted:
        predicted_by_name.setdefault(fold(_get(official, "name")), official)
    gold_names = {fold(official["name"]) for official in gold}
    acc["officials"].add(len(gold_names & predicted_by_name.keys()), len(gold_names), len(predicted_by_name))
    for official in gold:
        match = predicted_by_name.get(fold(official["name"]))
        if match is None:
            continue
        positions = [(fold(_get(p, "title")), fold(_get(p, "organization"))) for p in _get(match, "positions") or []]
        titles = {title for title, _ in positions}
        for position in official["positions"]:
            title, organization = fold(position["title"]), fold(position.get("organization"))
            acc["title"].add(title in titles)
            acc["title_org"].add((title, organization) in positions)


def _score_dates(gold: list, predicted: list, acc: dict) -> None:
    pairs = _match_spans(gold, predicted)
    acc["dates"].add(len(pairs), len(gold), len(predicted))
    for g, p in pairs:
        gold_value, value = gold[g]["value"], _get(predicted[p], "value")
        if gold_value is None:
            acc["date_partial"].add(is_partial(value))
        acc["date_value"].add(gold_value == _resolved(value))
        acc["date_grain"].add(gold[g]["grain"] == _get(predicted[p], "grain"))


# Pointing-back mentions ("Nghị định này", "Luật sửa đổi") are references since this round's RECORD.md, but the
# extraction golds were annotated before it, under a guideline that lists "nghị định này" among non-references
# (benchmarks/gold/README.md): on those golds they are left out of the prediction, not counted as errors.
ANAPHORIC_RULE = "legal_refs.anaphoric-mention"


def _in_old_scope(ref: Any) -> bool:
    return _get(ref, "rule") != ANAPHORIC_RULE


def is_partial(value: str | None) -> bool:
    """A value whose year could not be resolved ("XXXX-04-30", RECORD.md)."""
    return value is not None and "XXXX" in value


def _resolved(value: str | None) -> str | None:
    """The value as the gold writes it. The gold was labelled when RECORD.md left every value whose year
    is unknown null (gold README); a partial value keeps the year unknown too, so it compares as null.
    What partial values say beyond that is checked by the date rules' examples, not here."""
    return None if is_partial(value) else value


def _score_legal_refs(gold: list, predicted: list, acc: dict) -> None:
    predicted = [ref for ref in predicted if _in_old_scope(ref)]
    # numbered references match by canonical code (each code once per article) ...
    gold_codes = {canonical_code(r["code"]): r for r in gold if r.get("code")}
    predicted_codes: dict[str, Any] = {}
    for ref in predicted:
        if _get(ref, "code"):
            predicted_codes.setdefault(canonical_code(_get(ref, "code")), ref)
    matched = gold_codes.keys() & predicted_codes.keys()
    pairs = [(gold_codes[code], predicted_codes[code]) for code in matched]
    # ... named ones (code null) by overlapping span
    gold_named = [r for r in gold if not r.get("code")]
    predicted_named = [r for r in map(_as_span, predicted) if not r.get("code")]
    named_pairs = _match_spans(gold_named, predicted_named)
    pairs += [(gold_named[g], predicted_named[p]) for g, p in named_pairs]
    acc["legal_refs"].add(len(pairs), len(gold_codes) + len(gold_named), len(predicted_codes) + len(predicted_named))
    acc["legal_numbered"].add(len(matched), len(gold_codes), len(predicted_codes))
    acc["legal_named"].add(len(named_pairs), len(gold_named), len(predicted_named))
    for g, p in pairs:
        acc["doc_type"].add(fold(g.get("doc_type")) == fold(_get(p, "doc_type")))


def _as_span(item: Any) -> dict:
    return item if isinstance(item, dict) else {k: _get(item, k) for k in ("start", "end", "code", "doc_type")}


def _score_tasks(gold: list, predicted: list, acc: dict) -> None:
    acc["task_count"].add(len(gold) == len(predicted))
    gold_markers = {(t["ordinal"], fold(t["marker"])) for t in gold}
    predicted_markers = {(_get(t, "ordinal"), fold(_get(t, "marker"))) for t in predicted}
    acc["task_markers"].add(len(gold_markers & predicted_markers), len(gold_markers), len(predicted_markers))


_COUNTS = ("officials", "dates", "legal_refs", "legal_numbered", "legal_named", "task_markers")
_SHARES = ("title", "title_org", "date_value", "date_grain", "date_partial", "doc_type", "task_count")


def evaluate(gold_entries: Iterable[Mapping[str, Any]],
             predict: Callable[[str, str | None], Any],
             shared_dir: str | Path | None = None,
             texts: Mapping[str, str] | None = None,
             details: bool = False) -> dict[str, Any]:
    """Run ``predict(text, published)`` on every gold article and score it, per extractor.

    Texts come from ``texts`` (keyed by gold ``id``) when given, else from ``shared_dir``.
    Counts are micro-averaged over articles. Articles whose text is missing are skipped and
    listed under ``skipped``. With ``details``, ``result["details"]`` maps each article id to
    its ``article_diff`` lines (only articles with differences).
    """
    def score(entry: Mapping[str, Any], text: str, record: Mapping[str, Any], acc: dict[str, Any]) -> list[str]:
        _score_officials(entry.get("officials", []), record.get("officials") or [], acc)
        _score_dates(entry.get("dates", []), record.get("dates") or [], acc)
        _score_legal_refs(entry.get("legal_refs", []), record.get("legal_refs") or [], acc)
        _score_tasks(entry.get("tasks", []), record.get("tasks") or [], acc)
        return article_diff(entry, record, text) if details else []

    return evaluate_gold(gold_entries, predict, shared_dir, texts, details, _COUNTS, _SHARES, score)


def evaluate_gold(entries: Iterable[Mapping[str, Any]], predict: Callable[[str, str | None], Any],
                  shared_dir: str | Path | None, texts: Mapping[str, str] | None, details: bool,
                  counts: Iterable[str], shares: Iterable[str],
                  score: Callable[[Mapping[str, Any], str, Mapping[str, Any], dict[str, Any]], list[str]],
                  published: Callable[[Mapping[str, Any]], str | None] | None = None) -> dict[str, Any]:
    """Predict every gold article and ``score(entry, text, record, acc)`` it into counters (``counts``) and
    shares (``shares``); ``score`` returns the article's differences, kept when ``details``."""
    acc: dict[str, Any] = {name: _Count() for name in counts}
    acc.update({name: _Share() for name in shares})
    articles, skipped, diffs = 0, [], {}
    for entry, text, record in predicted_articles(entries, predict, shared_dir, texts, skipped,
                                                  published or article_published):
        lines = score(entry, text, record, acc)
        if details and lines:
            diffs[f"{entry['source']}#{entry['id']}"] = lines
        articles += 1
    return scored_result(acc, articles, skipped, diffs if details else None)


def predicted_articles(entries: Iterable[Mapping[str, Any]], predict: Callable[[str, str | None], Any],
                       shared_dir: str | Path | None, texts: Mapping[str, str] | None, skipped: list[str],
                       published: Callable[[Mapping[str, Any]], str | None] = article_published):
    """(entry, text, prediction as a dict) for each gold entry whose text can be read, from ``texts`` (keyed
    by gold ``id``) or ``shared_dir``; an entry whose text is missing is listed in ``skipped`` instead."""
    for entry in entries:
        try:
            text = texts[entry["id"]] if texts is not None else article_text(entry, shared_dir or _default_shared())
        except (MissingData, KeyError) as error:
            skipped.append(f"{entry.get('id')}: {error}")
            continue
        yield entry, text, _as_dict(predict(text, published(entry)))


def scored_result(acc: Mapping[str, Any], articles: int, skipped: list[str],
                  details: dict[str, list[str]] | None) -> dict[str, Any]:
    """Each counter's result, the number of articles scored, those skipped, and the details when asked."""
    result = {name: value.result() for name, value in acc.items()}
    result["articles"] = articles
    result["skipped"] = skipped
    if details is not None:
        result["details"] = details
    return result


def _default_shared() -> Path:
    return Path(__file__).resolve().parents[2].parent / "shared" / "data"


def article_diff(entry: Mapping[str, Any], record: Any, text: str) -> list[str]:
    """What one prediction missed (-) and added (+) against one gold entry, one line each.

    For reading errors, not for scoring: spans are shown with their text, officials by name.
    """
    record = _as_dict(record)
    lines = []
    gold_names = {fold(o["name"]): o["name"] for o in entry.get("officials", [])}
    predicted_names = {fold(_get(o, "name")): _get(o, "name") for o in record.get("officials") or []}
    lines += [f"- official {gold_names[k]}" for k in gold_names.keys() - predicted_names.keys()]
    lines += [f"+ official {predicted_names[k]}" for k in predicted_names.keys() - gold_names.keys()]
    for field, label in (("dates", "date"), ("legal_refs", "legal")):
        gold = list(entry.get(field, []))
        predicted = [_as_span_full(item, text) for item in record.get(field) or []
                     if field != "legal_refs" or _in_old_scope(item)]
        pairs = _match_spans(gold, predicted)
        matched_gold, matched_predicted = {g for g, _ in pairs}, {p for _, p in pairs}
        lines += [f"- {label} {gold[g]['text']!r} {gold[g].get('value', gold[g].get('code'))}"
                  for g in range(len(gold)) if g not in matched_gold]
        lines += [f"+ {label} {predicted[p]['text']!r} {predicted[p].get('value', predicted[p].get('code'))}"
                  for p in range(len(predicted)) if p not in matched_predicted]
        if field == "dates":
            lines += [f"~ date {gold[g]['text']!r} gold {gold[g]['value']} {gold[g]['grain']}, "
                      f"predicted {predicted[p].get('value')} {predicted[p].get('grain')}"
                      for g, p in pairs if (gold[g]["value"], gold[g]["grain"])
                      != (predicted[p].get("value"), predicted[p].get("grain"))]
    gold_tasks, predicted_tasks = len(entry.get("tasks", [])), len(record.get("tasks") or [])
    if gold_tasks != predicted_tasks:
        lines.append(f"~ tasks gold {gold_tasks}, predicted {predicted_tasks}")
    return lines


def _as_span_full(item: Any, text: str) -> dict:
    data = dict(item) if isinstance(item, Mapping) else {
        k: _get(item, k) for k in ("start", "end", "text", "value", "grain", "code", "doc_type")}
    data.setdefault("text", text[data["start"]:data["end"]])
    return data


# --- report ----------------------------------------------------------------------------------


def _pct(value: float | None) -> str:
    return "   n/a" if value is None else f"{100 * value:5.1f}%"


def format_report(result: Mapping[str, Any]) -> str:
    """A plain-text table of the ``evaluate`` result."""
    lines = [f"Extraction gold: {result['articles']} articles scored"
             + (f", {len(result['skipped'])} skipped" if result["skipped"] else "")]
    lines.append(f"{'extractor':<28}{'P':>8}{'R':>8}{'F1':>8}{'TP':>6}{'gold':>6}{'pred':>6}")
    labels = [("officials", "officials (by name)"), ("dates", "dates (overlap)"),
              ("legal_refs", "legal refs (all)"), ("legal_numbered", "  numbered (by code)"),
              ("legal_named", "  named (overlap)"), ("task_markers", "task markers (by ordinal)")]
    for key, label in labels:
        r = result[key]
        lines.append(f"{label:<28}{_pct(r['precision']):>8}{_pct(r['recall']):>8}{_pct(r['f1']):>8}"
                     f"{r['tp']:>6}{r['gold']:>6}{r['predicted']:>6}")
    lines.append("")
    lines.append(f"{'attribute (on matches)':<40}{'accuracy':>9}{'hits':>7}{'of':>6}")
    shares = [("title", "official title"), ("title_org", "official title + organization"),
              ("date_value", "date value (partial = null)"), ("date_grain", "date grain"),
              ("date_partial", "date partial where gold null (XXXX)"), ("doc_type", "legal ref doc_type"), ("task_count", "task count exact (per article)")]
    for key, label in shares:
        r = result[key]
        lines.append(f"{label:<40}{_pct(r['accuracy']):>9}{r['hits']:>7}{r['total']:>6}")
    return "\n".join(lines + report_tail(result))


def report_tail(result: Mapping[str, Any]) -> list[str]:
    """The lines every evaluation report ends with: the articles skipped, then each article's differences
    (with ``details``)."""
    lines = [f"skipped {reason}" for reason in result["skipped"]]
    for article, diff in (result.get("details") or {}).items():
        lines += ["", article, *(f"  {line}" for line in diff)]
    return lines


def analyze_predictor() -> Callable[[str, str | None], dict]:
    """``policytext.analyze`` as a predictor (imported late: the pipeline is optional here)."""
    from .. import analyze

    def predict(text: str, published: str | None) -> dict:
        return analyze(text, published=published).to_dict()

    return predict


def run_eval(gold_path: str | Path, shared_dir: str | Path,
             predict: Callable[[str, str | None], Any] | None = None) -> str:
    """Score ``policytext.analyze`` (or ``predict``) on the gold; the report as text."""
    gold = load_gold(gold_path)
    if not Path(shared_dir).is_dir():
        raise MissingData(f"shared reference data not found at {shared_dir}: the gold texts live there")
    result = evaluate(gold, predict or analyze_predictor(), shared_dir=shared_dir)
    return format_report(result)
