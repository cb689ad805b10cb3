"""Score task extraction against the task gold (benchmarks/gold/tasks/tasks_gold.jsonl).

A gold line names its article (``source``, ``id``: a VNTC dump, a modern news dump or the seed) and gives
every item of every list of tasks with offsets into the article text, ``issued_by``, ``actor`` (list),
``deadline`` (``{"value", "start", "end"}`` or null) and ``directive`` (the document as written, or null);
``split`` is ``dev`` or ``test``; ``round`` (absent: 1) says which round of drawing and labelling the article came
from (benchmarks/gold/tasks/README.md).

Which rounds may be read: ``OPEN_ROUNDS`` (1 and 2, whose test splits were declared spent; 3, the held-out test
until round 5, retired and open to error analysis; 4, 6, 7, 8 and 9, dev sets only) may be scored with per-article
details; ``HELD_OUT_ROUNDS`` (5, the held-out test) are scored only when named (``--round 5``), in aggregate, never
with details. Without a round, a run leaves the held-out rounds out, so ``--split test`` scores exactly the test
articles of rounds 1-3, as before round 5 was drawn, and ``--split dev`` those of rounds 1, 2, 4, 6, 7, 8 and 9. A
split a round lacks (rounds 3 and 5 have no dev split, rounds 4, 6, 7, 8 and 9 no test split) is refused before any
article is read.

What is measured (micro-averaged over items, per article for counts):

- **task count exact**: the number of predicted items equals the gold's, over all articles and over the
  articles whose gold enumerates tasks;
- **articles with tasks**: precision/recall of "this article enumerates tasks";
- **items by start**: a predicted item matches a gold item when both start at the same character (the
  first character of the marker); one-to-one;
- **ends right**: on matched items, the same end character;
- **issued_by**, **actor**, **deadline**, **directive**: on matched items where the gold gives one.
  ``issued_by`` is right when the folded names are equal or one contains the other on word boundaries
  ("Nguyễn Hồng Diên" within "Bộ trưởng Nguyễn Hồng Diên"), a leading honorific or degree left out ("TS
  Thành" is "Thành", found in "Nguyễn Đức Thành"); a name that is exactly one organisation of the
  gazetteer is compared by its canonical name, on both sides ("UBND tỉnh Kiên Giang" = "Ủy ban nhân dân tỉnh
  Kiên Giang"), and an official is right where the gold writes the office they hold ("Nguyễn Xuân Phúc"
  holding "Thủ tướng", "Chính phủ" for "Thủ tướng Chính phủ"). ``actor`` is right when the sets are equal
  under that same name match (every gold name found among the predicted and every predicted one among
  the gold); ``actor (overlap)`` only asks for one name in common. ``deadline`` compares values.
  ``directive`` is right when a mention of the predicted document (the record's legal references with
  that ``doc_key``) and the gold's text contain one another; ``no directive`` is the share of matched
  items whose gold has none where none is predicted either.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping

from ..startcache import compile_regex
from .extract import MissingData, NoGoldEntries, _get, _pct, evaluate_gold, fold, gold_published, report_tail

_COUNTS = ("articles_with_tasks", "items")
_SHARES = ("count_exact", "count_exact_with_tasks", "ends", "issued_by", "actor", "actor_overlap", "deadline",
           "directive", "no_directive")
_PUNCTUATION = compile_regex(r"[\"“”'‘’()\[\]:;,.]+")


HELD_OUT_ROUNDS = frozenset({5})
"""Rounds held out: scored only when named, in aggregate, never with details, and left out of a run without a round."""
OPEN_ROUNDS = frozenset({1, 2, 3, 4, 6, 7, 8, 9})
"""Rounds whose every split may be read article by article (spent or retired tests, dev sets)."""


def details_refusal(split: str | None, round_: int | None) -> str | None:
    """Why per-article details may not be listed for this split and round of the task gold, or None when they may:
    on the dev split, or on a named open round; never on a held-out round."""
    if round_ in HELD_OUT_ROUNDS:
        return (f"round {round_} of the task gold is the held-out test: it is scored in aggregate only, never with "
                "--details")
    if split == "dev" or round_ in OPEN_ROUNDS:
        return None
    return ("--details needs --split dev, or --round 1, 2, 3, 4, 6, 7, 8 or 9 (rounds whose test splits are spent or "
            "retired, or that have none)")


def select_task_gold(path: str | Path, split: str | None = None, round_: int | None = None) -> list[dict]:
    """The gold lines a run scores: those of ``split`` and ``round_`` when given; without a round, every round
    but the held-out ones (``HELD_OUT_ROUNDS``), which are scored only when named."""
    entries = load_task_gold(path, split, round_)
    if round_ is None:
        entries = [e for e in entries if e.get("round", 1) not in HELD_OUT_ROUNDS]
    return entries


def load_task_gold(path: str | Path, split: str | None = None, round_: int | None = None) -> list[dict]:
    """The gold lines of ``path``, only those of ``split`` (``dev``/``test``) and of round ``round_`` when
    given (a line without ``round`` is of round 1)."""
    entries = []
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            entry = json.loads(line)
            if "enumerates_tasks" not in entry:
                raise ValueError(f"{path}:{number}: not a task gold line (no 'enumerates_tasks')")
            if (split is None or entry.get("split") == split) and (round_ is None or entry.get("round", 1) == round_):
                entries.append(entry)
    return entries


def is_task_gold(path: str | Path) -> bool:
    """Whether ``path`` is a task gold file (its first line has ``enumerates_tasks``)."""
    path = Path(path)
    if not path.is_file():
        return False
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                return "enumerates_tasks" in json.loads(line)
    return False


def name_key(text: str | None) -> str:
    """A folded name without quotes and brackets, without a leading honorific or degree ("TS Thành" is
    "thành"), an organisation by its canonical name ("UBND tỉnh Kiên Giang" and "Ủy ban nhân dân tỉnh Kiên
    Giang" are one): what two spellings of a name are compared on."""
    key = " ".join(_PUNCTUATION.sub(" ", fold(_normalised(_canonical_organization(text)))).split())
    return _HONORIFIC.sub("", key)


def _normalised(text: str | None) -> str | None:
    """One tone-mark style ("thuỷ" and "thủy" are one spelling), as the extractors' names have it."""
    from ..text.normalize import normalize_string

    return normalize_string(text) if text else text


# honorifics and degrees before a person's name: "ông", "TS", "PGS.TS", "Luật sư" (after folding and with dots
# turned to spaces)
_HONORIFIC = compile_regex(r"^(?:(?:ông|bà|anh|chị|ts|ths|gs|pgs|tskh|luật sư|luật gia|tiến sĩ|giáo sư|phó giáo sư|"
                        r"bác sĩ|chuyên gia|nhà báo|nhà nghiên cứu)\s+)+(?=\S)")


@lru_cache(maxsize=4096)
def _canonical_organization(text: str | None) -> str | None:
    """The gazetteer's canonical name when ``text`` is exactly one organisation, else ``text``."""
    if not text:
        return text
    from ..layers.organizations import organization_matches
    from ..text.normalize import normalize_string

    norm = normalize_string(text.strip())
    found = organization_matches(norm, None, context=True)
    if len(found) == 1 and found[0].start == 0 and found[0].end == len(norm):
        return found[0].name
    return text


def same_name(gold: str | None, predicted: str | None) -> bool:
    """Equal folded names, or one inside the other on word boundaries."""
    g, p = name_key(gold), name_key(predicted)
    if not g or not p:
        return False
    return g == p or f" {p} " in f" {g} " or f" {g} " in f" {p} "


def same_actors(gold: list[str], predicted: list[str]) -> bool:
    return all(any(same_name(g, p) for p in predicted) for g in gold) and \
        all(any(same_name(g, p) for g in gold) for p in predicted)


def _holds_office(record: Mapping[str, Any], name: str | None, office: str) -> bool:
    """Whether the official ``name`` of the record holds the office the gold writes instead of a name
    ("Nguyễn Xuân Phúc" for "Thủ tướng Chính phủ")."""
    if not name:
        return False
    for official in record.get("officials") or []:
        if fold(_get(official, "name")) != fold(name):
            continue
        for position in _get(official, "positions") or []:
            title, organization = _get(position, "title"), _get(position, "organization")
            written = [title, f"{title} {organization}" if organization else title]
            if any(name_key(w) == name_key(office) for w in written):
                return True
    return False


def _directive_right(gold: str, key: str | None, record: Mapping[str, Any]) -> bool:
    if not key:
        return False
    mentions = [_get(r, "text") for r in record.get("legal_refs") or [] if _get(r, "doc_key") == key]
    g = name_key(gold)
    return any(m and (name_key(m) in g or g in name_key(m)) for m in mentions)


def _deadline_value(task: Any) -> str | None:
    value = _get(task, "deadline")
    return value.get("value") if isinstance(value, Mapping) else value


def _score_article(gold: list[dict], predicted: list, record: Mapping[str, Any], acc: dict) -> list[str]:
    """Add one article's figures; return what differs (for reading dev errors)."""
    acc["count_exact"].add(len(gold) == len(predicted))
    if gold:
        acc["count_exact_with_tasks"].add(len(gold) == len(predicted))
    acc["articles_with_tasks"].add(int(bool(gold) and bool(predicted)), int(bool(gold)), int(bool(predicted)))
    by_start = {}
    for task in predicted:
        by_start.setdefault(_get(task, "start"), task)
    matched = [(g, by_start[g["start"]]) for g in gold if g["start"] in by_start]
    acc["items"].add(len(matched), len(gold), len(by_start))
    lines = []
    gold_starts = {g["start"] for g in gold}
    lines += [f"- item {g['ordinal']} {g['marker']!r} at {g['start']}" for g in gold if g["start"] not in by_start]
    lines += [f"+ item {_get(p, 'ordinal')} {_get(p, 'marker')!r} at {s}" for s, p in by_start.items()
              if s not in gold_starts]
    for g, p in matched:
        here = f"item {g['ordinal']} at {g['start']}"
        acc["ends"].add(g["end"] == _get(p, "end"))
        if g["end"] != _get(p, "end"):
            lines.append(f"~ {here}: end gold {g['end']}, predicted {_get(p, 'end')}")
        if g.get("issued_by"):
            right = same_name(g["issued_by"], _get(p, "issued_by")) or \
                _holds_office(record, _get(p, "issued_by"), g["issued_by"])
            acc["issued_by"].add(right)
            if not right:
                lines.append(f"~ {here}: issued_by gold {g['issued_by']!r}, predicted {_get(p, 'issued_by')!r}")
        if g.get("actor"):
            actors = list(_get(p, "actor") or [])
            right = same_actors(g["actor"], actors)
            acc["actor"].add(right)
            acc["actor_overlap"].add(any(same_name(a, b) for a in g["actor"] for b in actors))
            if not right:
                lines.append(f"~ {here}: actor gold {g['actor']}, predicted {actors}")
        if g.get("deadline"):
            right = g["deadline"]["value"] == _deadline_value(p)
            acc["deadline"].add(right)
            if not right:
                lines.append(f"~ {here}: deadline gold {g['deadline']['value']}, predicted {_deadline_value(p)}")
        if g.get("directive"):
            right = _directive_right(g["directive"], _get(p, "directive"), record)
            acc["directive"].add(right)
            if not right:
                lines.append(f"~ {here}: directive gold {g['directive']!r}, predicted {_get(p, 'directive')!r}")
        else:
            acc["no_directive"].add(not _get(p, "directive"))
            if _get(p, "directive"):
                lines.append(f"~ {here}: directive gold none, predicted {_get(p, 'directive')!r}")
    return lines


def evaluate_tasks(entries: Iterable[Mapping[str, Any]], predict: Callable[[str, str | None], Any],
                   shared_dir: str | Path | None = None, texts: Mapping[str, str] | None = None,
                   details: bool = False) -> dict[str, Any]:
    """Run ``predict(text, published)`` on every gold article and score its tasks.

    Texts come from ``texts`` (keyed by gold ``id``) when given, else from ``shared_dir``. With
    ``details``, ``result["details"]`` maps each article to what differs (only articles with differences).
    """
    def score(entry: Mapping[str, Any], text: str, record: Mapping[str, Any], acc: dict[str, Any]) -> list[str]:
        return _score_article(list(entry.get("tasks") or []), list(record.get("tasks") or []), record, acc)

    return evaluate_gold(entries, predict, shared_dir, texts, details, _COUNTS, _SHARES, score, gold_published)


def format_task_report(result: Mapping[str, Any], split: str | None = None, round_: int | None = None,
                       rounds: Iterable[int] | None = None) -> str:
    """A plain-text table of the ``evaluate_tasks`` result; ``rounds``, when given without ``round_``, names the rounds
    scored (and the held-out ones left out)."""
    rounds = sorted(set(rounds or []))
    scope = [f"round {round_}"] if round_ else ([f"rounds {', '.join(map(str, rounds))}"] if rounds else [])
    where = ", ".join(([f"{split} split"] if split else []) + scope)
    where = f" ({where})" if where else ""
    lines = [f"Task gold{where}: {result['articles']} articles scored"
             + (f", {len(result['skipped'])} skipped" if result["skipped"] else "")]
    if round_ is None and rounds:
        held = ", ".join(map(str, sorted(HELD_OUT_ROUNDS)))
        lines.append(f"(held-out round {held} left out: it is scored only when named, --round {held})")
    lines.append(f"{'':<34}{'P':>8}{'R':>8}{'F1':>8}{'TP':>6}{'gold':>6}{'pred':>6}")
    for key, label in (("articles_with_tasks", "articles that enumerate tasks"), ("items", "items (by start)")):
        r = result[key]
        lines.append(f"{label:<34}{_pct(r['precision']):>8}{_pct(r['recall']):>8}{_pct(r['f1']):>8}"
                     f"{r['tp']:>6}{r['gold']:>6}{r['predicted']:>6}")
    lines.append("")
    lines.append(f"{'measure':<40}{'accuracy':>9}{'hits':>7}{'of':>6}")
    for key, label in (("count_exact", "task count exact (all articles)"),
                       ("count_exact_with_tasks", "task count exact (articles with tasks)"),
                       ("ends", "ends right (matched items)"), ("issued_by", "issued_by (where gold has one)"),
                       ("actor", "actor, same set (where gold has one)"), ("actor_overlap", "actor, overlap"),
                       ("deadline", "deadline value (where gold has one)"),
                       ("directive", "directive (where gold has one)"), ("no_directive", "no directive (gold none)")):
        r = result[key]
        lines.append(f"{label:<40}{_pct(r['accuracy']):>9}{r['hits']:>7}{r['total']:>6}")
    return "\n".join(lines + report_tail(result))


def run_task_eval(gold_path: str | Path, shared_dir: str | Path, split: str | None = None, details: bool = False,
                  predict: Callable[[str, str | None], Any] | None = None, round_: int | None = None) -> str:
    """Score ``policytext.analyze`` (or ``predict``) on the task gold (one split, one round when given; without a
    round, every round but the held-out ones); the report as text. ``details`` on a split and round that
    ``details_refusal`` refuses, and a split or round with no article, raise before any article is read."""
    from .extract import analyze_predictor

    if details and (refusal := details_refusal(split, round_)):
        raise ValueError(refusal)
    entries = select_task_gold(gold_path, split, round_)
    if not entries:
        # say why before anything is read: rounds 3 and 5 are test sets only, rounds 4 and 6-9 dev sets only
        splits = sorted({e.get("split") for e in load_task_gold(gold_path, None, round_)})
        if splits and round_ is not None:
            raise NoGoldEntries(f"round {round_} of the task gold has no {split} split: its articles are "
                                f"{' and '.join(splits)} only (use --split {splits[0]})")
        raise NoGoldEntries(f"no gold articles of split {split or 'all'}, round {round_ or 'all'} in {gold_path}")
    if not Path(shared_dir).is_dir():
        raise MissingData(f"shared reference data not found at {shared_dir}: the gold texts live there")
    result = evaluate_tasks(entries, predict or analyze_predictor(), shared_dir=shared_dir, details=details)
    return format_task_report(result, split, round_, {e.get("round", 1) for e in entries})
