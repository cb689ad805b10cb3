"""Build the officials gold from the two annotators' labels, the adjudication and the cross-set corrections.

    python benchmarks/gold/officials/build.py                 # rounds 1 to 17: writes the gold files, summaries
    python benchmarks/gold/officials/build.py --round 4       # one round only
    python benchmarks/gold/officials/build.py --check         # builds and validates only, writes nothing

Inputs per round, in this folder (no article text is stored here) except the labels, which stay beside the
repository in ``../annotations/officials/`` (``ROUNDS`` below):

- round 1: ``sample.jsonl`` (109 articles), ``labels-O1.jsonl`` and ``labels-O2.jsonl``, ``adjudication.jsonl``,
  ``corrections.json`` -> ``officials_gold.jsonl``;
- round 2: ``sample-2.jsonl`` (98), ``round2/labels-O3.jsonl`` and ``round2/labels-O4.jsonl``,
  ``adjudication-2.jsonl``, ``corrections-2.json`` -> ``officials_gold-2.jsonl``;
- round 3 (a test set only): ``sample-3.jsonl`` (58), ``round3/labels-O5.jsonl`` and ``round3/labels-O6.jsonl``,
  ``adjudication-3.jsonl``, ``corrections-3.json`` -> ``officials_gold-3.jsonl``;
- round 4 (a test set only, replacing round 3 as the held-out set; retired to error analysis when round 9 replaced it):
  ``sample-4.jsonl`` (57), ``round4/labels-O7.jsonl`` and ``round4/labels-O8.jsonl``, ``adjudication-4.jsonl``,
  ``corrections-4.json`` -> ``officials_gold-4.jsonl``;
- round 5 (a dev set only, to develop on while round 4 stays held out): ``sample-5.jsonl`` (42),
  ``round5/labels-O9.jsonl`` and ``round5/labels-O10.jsonl``, ``adjudication-5.jsonl``, ``corrections-5.json`` ->
  ``officials_gold-5.jsonl``;
- round 6 (a dev set only, more fresh articles to develop on after round 5's differences were used to write rules):
  ``sample-6.jsonl`` (42), ``round6/labels-O11.jsonl`` and ``round6/labels-O12.jsonl``, ``adjudication-6.jsonl``,
  ``corrections-6.json`` -> ``officials_gold-6.jsonl``;
- round 7 (a dev set only, weighted to long enumerations of people and offices, the kind of article that holds 59 of
  round 4's 190 officials): ``sample-7.jsonl`` (39), ``round7/labels-O13.jsonl`` and ``round7/labels-O14.jsonl``,
  ``adjudication-7.jsonl``, ``corrections-7.json`` -> ``officials_gold-7.jsonl``;
- round 8 (a dev set only, drawn exactly as rounds 3 and 4: fresh articles of the held-out round 4's own mix):
  ``sample-8.jsonl`` (57), ``round8/labels-O15.jsonl`` and ``round8/labels-O16.jsonl``, ``adjudication-8.jsonl``,
  ``corrections-8.json`` -> ``officials_gold-8.jsonl``;
- round 9 (a test set only, replacing round 4 as the held-out set when round 4, scored six times without moving, was
  retired to error analysis; drawn exactly as rounds 3 and 4): ``sample-9.jsonl`` (57), ``round9/labels-O17.jsonl`` and
  ``round9/labels-O18.jsonl``, ``adjudication-9.jsonl``, ``corrections-9.json`` -> ``officials_gold-9.jsonl``;
- round 10 (a dev set only, weighted to foreign news, drawn when round 9's first scoring showed foreign
  office-holders the weakest class): ``sample-10.jsonl`` (38), ``round10/labels-O19.jsonl`` and
  ``round10/labels-O20.jsonl``, ``adjudication-10.jsonl``, ``corrections-10.json`` -> ``officials_gold-10.jsonl``;
- round 11 (a dev set only, drawn exactly as rounds 3, 4, 8 and 9, the held-out mix: fresh articles to score the next
  rules on before rules are written from them): ``sample-11.jsonl`` (55), ``round11/labels-O21.jsonl`` and
  ``round11/labels-O22.jsonl``, ``adjudication-11.jsonl``, ``corrections-11.json`` -> ``officials_gold-11.jsonl``;
- round 12 (a dev set only, drawn as round 11, the held-out mix: fresh articles to score this session's rules on
  before rules are written from them): ``sample-12.jsonl`` (55), ``round12/labels-O23.jsonl`` and
  ``round12/labels-O24.jsonl``, ``adjudication-12.jsonl``, ``corrections-12.json`` -> ``officials_gold-12.jsonl``;
- round 13 (a dev set only, drawn as rounds 11 and 12, the held-out mix: fresh articles to score the rules on before
  any rule is written from them): ``sample-13.jsonl`` (54), ``round13/labels-O25.jsonl`` and
  ``round13/labels-O26.jsonl``, ``adjudication-13.jsonl``, ``corrections-13.json`` -> ``officials_gold-13.jsonl``;
- round 14 (a dev set only, drawn as rounds 11-13, the held-out mix: fresh articles to score both the rules written
  from round 13 and those written from a recall probe on before any rule is written from them): ``sample-14.jsonl``
  (54), ``round14/labels-O27.jsonl`` and ``round14/labels-O28.jsonl``, ``adjudication-14.jsonl``,
  ``corrections-14.json`` -> ``officials_gold-14.jsonl``;
- round 15 (a test set only, replacing round 9 as the held-out set when round 9, scored nine times without moving, was
  retired to error analysis; drawn exactly as rounds 3, 4 and 9): ``sample-15.jsonl`` (54), labelled by four annotators
  in a layout of its own (below): ``round15/labels-O29.jsonl`` and ``round15/labels-O30.jsonl`` (the primary labels of
  batches 1 and 2), ``round15/labels-O32.jsonl`` and ``round15/labels-O31.jsonl`` (the second labels of the
  double-labelled articles of batches 1 and 2), ``adjudication-15.jsonl``, ``corrections-15.json`` ->
  ``officials_gold-15.jsonl``;
- round 16 (a test set only, a second held-out set beside round 15; drawn exactly as rounds 3, 4, 9 and 15):
  ``sample-16.jsonl`` (52), labelled in round 15's layout without its mix-up: ``round16/labels-O33.jsonl`` and
  ``round16/labels-O34.jsonl`` (the primary labels of batches 1 and 2, each its own batch only),
  ``round16/labels-O35.jsonl`` and ``round16/labels-O36.jsonl`` (the second labels of the double-labelled articles of
  batches 1 and 2), ``adjudication-16.jsonl``, ``corrections-16.json`` -> ``officials_gold-16.jsonl``;
- round 17 (a test set only, a third held-out set; drawn as rounds 3, 4, 9, 15 and 16 with the 2020-21 cells moved to
  the 2025 file, none of the articles read while writing rules): ``sample-17.jsonl`` (56), in round 16's layout:
  ``round17/labels-O98.jsonl`` and ``round17/labels-O99.jsonl`` (primary, batches 1 and 2),
  ``round17/labels-O100.jsonl`` and ``round17/labels-O101.jsonl`` (the second labels of the double-labelled articles
  of batches 1 and 2), ``adjudication-17.jsonl``, ``corrections-17.json`` -> ``officials_gold-17.jsonl``.

What each holds:

- the draw (``sample.py draw [2|3|4|5|6|7|8|9|10|11|12|13|14|15|16|17]``): stratum, split, batch and double flag of every
  article;
- the labels, verbatim: the first annotator (O1, O3, O5, O7, O9, O11, O13, O15, O17, O19, O21, O23, O25, O27)
  labelled batch 1 then the double-labelled articles of batch 2, the second (O2, O4, O6, O8, O10, O12, O14, O16, O18,
  O20, O22, O24, O26, O28) batch 2 then the double-labelled of batch 1, in the packet order
  ``sample.py packets`` writes (sample order within each group). Lines are aligned to the sample by that
  order: one annotator's script cut VNTC ids at the space (``XH_VNE_T_`` for ``XH_VNE_T_ (4053)``), so an
  id must equal the sample id or be a prefix of it (reported);
- round 15's labels, a packet mix-up repaired before any extractor ran on the round: O29 labelled batch 1 and O30
  batch 2 (the primary labels), but each was then given its own batch's double-labelled articles instead of the other
  batch's, and labelled them a second time (O29's last 9 lines repeat its own batch-1 double articles, O30's last 7
  its own batch-2 ones, each the same officials and note as its first label of that article). Those repeated lines
  are no second labels: the build checks that they are exactly the annotator's own double articles and ignores them
  (reported), taking the first line of each id. The second labels were then written blind by two more annotators,
  each from the other batch's double packet alone: O32 the 9 double-labelled articles of batch 1, O31 the 7 of batch
  2 (``Round.seconds``). A double-labelled article of batch 1 is compared O29 against O32, of batch 2 O30 against O31
  (``Round.pair``);
- round 16's labels, in the same layout from the start and with no repeated lines: O33 labelled batch 1 and O34 batch
  2 (the primary labels, each file its own batch in packet order and nothing else), O35 the 9 double-labelled articles
  of batch 1 and O36 the 7 of batch 2, each blind to the others. A double-labelled article of batch 1 is compared O33
  against O35, of batch 2 O34 against O36; round 17's likewise, O98 and O99 primary, O100 and O101 second (O98
  against O100, O99 against O101);
- the adjudication: the adjudicated officials of every double-labelled article on which the two annotators
  differ (the build fails if one is missing or superfluous);
- the corrections: cross-set corrections (each edit states the value it replaces; the build fails if the
  labels no longer hold it).

Gold per article: single-labelled -> that annotator's labels (``annotator`` O1/O2, O3/O4, O5/O6, O7/O8, O9/O10,
O11/O12, O13/O14, O15/O16, O17/O18, O19/O20, O21/O22, O23/O24, O25/O26, O27/O28, O29/O30, O33/O34, O98/O99);
double-labelled and identical -> the labels of the annotator whose batch it belongs to (rounds 15-17: the primary,
O29 or O30, O33 or O34, O98 or O99, never a second annotator); double-labelled and
different -> the adjudicated version (``annotator: "adjudicated"``). Corrections are applied last. Every name is checked to
occur in the article text or title (corpus.get). Round-2 to -17 lines carry ``"round": 2`` … ``17`` after ``split``;
round-1 lines are written exactly as before (no ``round`` key). Rounds 3, 4, 9 and 15-17 have only ``test`` lines,
rounds 5 to 8 and 10 to 14 only ``dev`` lines.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

# the annotators' files (notes quote the articles) live beside the repository (like ../shared), not in it
ANNOTATIONS = Path(os.environ.get("POLICYTEXT_ANNOTATIONS", HERE.parents[3] / "annotations")) / "officials"
CLASSES = ("foreign", "deputy", "list", "chain", "plain")


@dataclass(frozen=True)
class Round:
    """One round of the officials gold: its draw, the two annotators' files, adjudication, corrections, output.

    ``labels`` maps annotator -> file, the annotator of batch 1 first, of batch 2 second. ``seconds`` (rounds 15 and
    16) maps each second annotator -> (file, the batch whose double-labelled articles alone they labelled); when it is
    set, the ``labels`` files hold their own batch, followed in round 15 (``repeats``) by lines that only repeat their
    own batch's double-labelled articles (ignored)."""

    number: int
    sample: Path
    labels: dict
    adjudication: Path
    corrections: Path
    out: Path
    splits: tuple[str, ...] = ("dev", "test")  # rounds 3, 4, 9, 15-17 test sets only, 5-8, 10-14 dev only
    seconds: dict | None = None  # rounds 15-17: second annotator -> (labels file, batch of the double articles)
    repeats: bool = False  # round 15: the primary files repeat their own double-labelled articles after their batch

    @property
    def batch_of(self) -> dict[str, int]:
        return {annotator: k for k, annotator in enumerate(self.labels, start=1)}

    @property
    def annotators(self) -> tuple[str, str]:
        first, second = self.labels
        return first, second

    def pair(self, ref: dict) -> tuple[str, str]:
        """The two annotators of a double-labelled article, the reference first: the round's two annotators, or in
        rounds 15 and 16 the primary annotator of the article's batch and the second annotator of that batch's
        doubles."""
        if self.seconds is None:
            return self.annotators
        second = next(annotator for annotator, (_, batch) in self.seconds.items() if batch == ref["batch"])
        return self.annotators[ref["batch"] - 1], second

    @property
    def pair_names(self) -> tuple[str, str]:
        """How the two sides are named in the agreement figures ("O29/O30" and "O32/O31" in round 15, "O33/O34" and
        "O35/O36" in round 16)."""
        if self.seconds is None:
            return self.annotators
        seconds = {batch: annotator for annotator, (_, batch) in self.seconds.items()}
        return "/".join(self.annotators), "/".join(seconds[batch] for batch in (1, 2))


def _later_round(number: int, splits: tuple[str, ...] = ("dev", "test")) -> Round:
    """Round ``number`` (2 and later): its files named by the round, labelled by annotators O(2n-1) and O(2n)."""
    first, second = f"O{2 * number - 1}", f"O{2 * number}"
    folder = ANNOTATIONS / f"round{number}"
    return Round(number, HERE / f"sample-{number}.jsonl",
                 {first: folder / f"labels-{first}.jsonl", second: folder / f"labels-{second}.jsonl"},
                 HERE / f"adjudication-{number}.jsonl", HERE / f"corrections-{number}.json",
                 HERE / f"officials_gold-{number}.jsonl", splits)


def _four_annotator_round(number: int, primary: tuple[str, str], second: tuple[str, str],
                          repeats: bool = False) -> Round:
    """A test round labelled by four annotators (rounds 15-17): ``primary`` label batches 1 and 2, ``second`` the
    double-labelled articles of batch 1 and of batch 2."""
    folder = ANNOTATIONS / f"round{number}"
    return Round(number, HERE / f"sample-{number}.jsonl",
                 {name: folder / f"labels-{name}.jsonl" for name in primary},
                 HERE / f"adjudication-{number}.jsonl", HERE / f"corrections-{number}.json",
                 HERE / f"officials_gold-{number}.jsonl", ("test",),
                 {name: (folder / f"labels-{name}.jsonl", batch) for batch, name in enumerate(second, start=1)},
                 repeats=repeats)


ROUNDS = {
    1: Round(1, HERE / "sample.jsonl", {"O1": ANNOTATIONS / "labels-O1.jsonl", "O2": ANNOTATIONS / "labels-O2.jsonl"},
             HERE / "adjudication.jsonl", HERE / "corrections.json", HERE / "officials_gold.jsonl"),
    2: _later_round(2),
    3: _later_round(3, ("test",)),  # test sets only
    4: _later_round(4, ("test",)),
    **{number: _later_round(number, ("dev",)) for number in range(5, 9)},  # dev sets only
    9: _later_round(9, ("test",)),  # a test set only, replacing round 4 as the held-out set
    10: _later_round(10, ("dev",)),  # a dev set only, weighted to foreign news
    11: _later_round(11, ("dev",)),  # a dev set only, drawn as rounds 3, 4, 8 and 9 (the held-out mix)
    12: _later_round(12, ("dev",)),  # a dev set only, drawn as round 11 (the held-out mix)
    13: _later_round(13, ("dev",)),  # a dev set only, drawn as rounds 11 and 12 (the held-out mix)
    14: _later_round(14, ("dev",)),  # a dev set only, drawn as rounds 11-13 (the held-out mix)
    # a test set only, replacing round 9 as the held-out set; primary labels O29 (batch 1) and O30 (batch 2), second
    # labels of the double-labelled articles O32 (batch 1's) and O31 (batch 2's): see the docstring
    15: _four_annotator_round(15, ("O29", "O30"), ("O32", "O31"), repeats=True),
    # a test set only, a second held-out set beside round 15, in round 15's layout without its repeated lines: primary
    # labels O33 (batch 1) and O34 (batch 2), second labels O35 (batch 1's doubles) and O36 (batch 2's)
    16: _four_annotator_round(16, ("O33", "O34"), ("O35", "O36")),
    # a test set only, a third held-out set, in round 16's layout: primary labels O98 (batch 1) and O99 (batch 2),
    # second labels O100 (batch 1's doubles) and O101 (batch 2's)
    17: _four_annotator_round(17, ("O98", "O99"), ("O100", "O101")),
}
# round 1's names, kept for callers of the first version
SAMPLE, LABELS, ADJUDICATION, CORRECTIONS, OUT = (ROUNDS[1].sample, ROUNDS[1].labels, ROUNDS[1].adjudication,
                                                 ROUNDS[1].corrections, ROUNDS[1].out)
BATCH_OF = ROUNDS[1].batch_of


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def packet_order(sample: list[dict], annotator: str, batch_of: dict[str, int] = BATCH_OF) -> list[dict]:
    """The articles in the order the annotator saw them: own batch, then the other batch's double ones."""
    batch = batch_of[annotator]
    return [r for r in sample if r["batch"] == batch] + [r for r in sample if r["double"] and r["batch"] != batch]


def load_labels(sample: list[dict], paths: dict[str, Path] = LABELS) -> tuple[dict, list[str]]:
    """{(annotator, source, id): officials} aligned to the sample; plus notes on repaired ids.

    ``paths``: annotator -> labels file, the annotator of batch 1 first."""
    out, notes = {}, []
    batch_of = {annotator: k for k, annotator in enumerate(paths, start=1)}
    for annotator, path in paths.items():
        rows, order = read_jsonl(path), packet_order(sample, annotator, batch_of)
        if len(rows) != len(order):
            raise SystemExit(f"{path.name}: {len(rows)} lines, packet has {len(order)} articles")
        for k, (row, ref) in enumerate(zip(rows, order), start=1):
            if row["source"] != ref["source"] or not ref["id"].startswith(row["id"]):
                raise SystemExit(f"{path.name} line {k}: {row['source']} {row['id']!r} is not packet article "
                                 f"{ref['source']} {ref['id']!r}")
            if row["id"] != ref["id"]:
                notes.append(f"{annotator} line {k}: id {row['id']!r} -> {ref['id']!r}")
            out[(annotator, ref["source"], ref["id"])] = row["officials"]
    return out, notes


def load_round_labels(sample: list[dict], round_: Round) -> tuple[dict, list[str]]:
    """The labels of a round, aligned to its sample: ``load_labels`` for every round but 15 and 16, whose layout is
    their own.

    Rounds 15 and 16: each primary file (``labels``) holds its own batch in packet order; in round 15 (``repeats``) it
    then holds lines that repeat its own batch's double-labelled articles (checked to be exactly those, in sample order,
    and ignored: the first line of each id is the label); each second file (``seconds``) holds the double-labelled
    articles of one batch, in sample order."""
    if round_.seconds is None:
        return load_labels(sample, round_.labels)
    out, notes = {}, []
    groups = [(annotator, path, [r for r in sample if r["batch"] == batch],
               [r for r in sample if r["batch"] == batch and r["double"]] if round_.repeats else [])
              for batch, (annotator, path) in enumerate(round_.labels.items(), start=1)]
    groups += [(annotator, path, [r for r in sample if r["batch"] == batch and r["double"]], [])
               for annotator, (path, batch) in round_.seconds.items()]
    for annotator, path, order, repeated in groups:
        rows = read_jsonl(path)
        if len(rows) != len(order) + len(repeated):
            raise SystemExit(f"{path.name}: {len(rows)} lines, expected {len(order)} + {len(repeated)} repeated")
        for k, (row, ref) in enumerate(zip(rows, order + repeated), start=1):
            if row["source"] != ref["source"] or row["id"] != ref["id"]:
                raise SystemExit(f"{path.name} line {k}: {row['source']} {row['id']!r} is not packet article "
                                 f"{ref['source']} {ref['id']!r}")
            if k <= len(order):
                out[(annotator, ref["source"], ref["id"])] = row["officials"]
            elif not same(row["officials"], out[(annotator, ref["source"], ref["id"])]):
                notes.append(f"{annotator} line {k}: {ref['id']!r} repeated with other officials (ignored)")
        if repeated:
            notes.append(f"{annotator} lines {len(order) + 1}-{len(rows)}: repeat {annotator}'s own double-labelled "
                         f"articles (a packet mix-up), ignored")
    return out, notes


def fold(text: str | None) -> str:
    return " ".join(unicodedata.normalize("NFC", text or "").casefold().split())


def same(a: list[dict], b: list[dict]) -> bool:
    return json.dumps(a, ensure_ascii=False, sort_keys=True) == json.dumps(b, ensure_ascii=False, sort_keys=True)


def apply_corrections(gold: dict, corrections: dict) -> list[str]:
    """Apply the listed edits; each states the value it replaces and the build fails if the labels differ.

    ``field`` is a key of one official (``class``, ``optional``, ``positions``: the whole list), or
    ``official`` for the whole entry: ``from: null`` adds ``to`` (appended; the name must be new),
    ``to: null`` removes the entry, which must equal ``from``."""
    done = []
    for edit in corrections["edits"]:
        key = (edit["source"], edit["id"])
        if key not in gold:
            raise SystemExit(f"correction {edit}: no such article in the sample")
        officials = gold[key]["officials"]
        people = [o for o in officials if o["name"] == edit["name"]]
        if edit["field"] == "official" and edit["from"] is None:
            if people or not edit["to"] or edit["to"]["name"] != edit["name"]:
                raise SystemExit(f"correction {edit}: cannot add {edit['name']!r} (already there, or no entry)")
            officials.append(json.loads(json.dumps(edit["to"])))
            done.append(f"{edit['rule']} {edit['id']} {edit['name']}: added")
            continue
        if len(people) != 1:
            raise SystemExit(f"correction {edit}: {len(people)} officials named {edit['name']!r}")
        person = people[0]
        if edit["field"] == "official":
            if person != edit["from"] or edit["to"] is not None:
                raise SystemExit(f"correction {edit}: found {person!r}, expected {edit['from']!r}")
            officials.remove(person)
            done.append(f"{edit['rule']} {edit['id']} {edit['name']}: removed")
            continue
        if person[edit["field"]] != edit["from"]:
            raise SystemExit(f"correction {edit}: found {person[edit['field']]!r}, expected {edit['from']!r}")
        person[edit["field"]] = json.loads(json.dumps(edit["to"]))
        done.append(f"{edit['rule']} {edit['id']} {edit['name']}: {edit['field']} {_short(edit['from'])} -> "
                    f"{_short(edit['to'])}")
    return done


def _short(value) -> str:
    """A position list as 'title @ organisation; …', anything else as it is."""
    if isinstance(value, list):
        return "; ".join(f"{p['title']} @ {p['organization']}" for p in value)
    return str(value)


def build(round_: Round = ROUNDS[1]) -> tuple[list[dict], dict]:
    sample = read_jsonl(round_.sample)
    labels, id_notes = load_round_labels(sample, round_)
    adjudicated = {(r["source"], r["id"]): r for r in read_jsonl(round_.adjudication)}
    corrections = json.loads(round_.corrections.read_text(encoding="utf-8"))
    first, second = round_.annotators
    gold, used = {}, set()
    for ref in sample:
        key = (ref["source"], ref["id"])
        primary = first if ref["batch"] == 1 else second
        one, other = round_.pair(ref)
        if not ref["double"] or same(labels[(one, *key)], labels[(other, *key)]):
            officials, annotator = labels[(primary, *key)], primary
        else:
            if key not in adjudicated:
                raise SystemExit(f"double-labelled {key} differs between {one} and {other} and has no adjudication")
            officials, annotator = adjudicated[key]["officials"], "adjudicated"
            used.add(key)
        line = {"source": ref["source"], "id": ref["id"], "line": ref["line"], "published": ref["published"],
                "stratum": ref["stratum"], "split": ref["split"]}
        if round_.number > 1:
            line["round"] = round_.number
        gold[key] = {**line, "officials": json.loads(json.dumps(officials)), "annotator": annotator}
    extra = set(adjudicated) - used
    if extra:
        raise SystemExit(f"{round_.adjudication.name}: adjudication for articles that need none: {sorted(extra)}")
    report = {"id_notes": id_notes, "corrections": apply_corrections(gold, corrections)}
    return [gold[(r["source"], r["id"])] for r in sample], report


def validate(rows: list[dict], round_: Round = ROUNDS[1]) -> list[str]:
    """Schema problems (raise) and names not found in the article (returned)."""
    from corpus import get

    sample = read_jsonl(round_.sample)
    if [(r["source"], r["id"]) for r in rows] != [(r["source"], r["id"]) for r in sample]:
        raise SystemExit(f"gold lines do not match {round_.sample.name} one to one, in order")
    keys = ["source", "id", "line", "published", "stratum", "split", *(["round"] if round_.number > 1 else []),
            "officials", "annotator"]
    missing = []
    for row in rows:
        if list(row) != keys:
            raise SystemExit(f"{row['id']}: keys {list(row)}")
        if row["annotator"] not in (*round_.labels, "adjudicated") or row["split"] not in round_.splits:
            raise SystemExit(f"{row['id']}: annotator/split {row['annotator']!r} {row['split']!r}")
        item = get(row["source"], row["id"])
        haystack = f"{item.title or ''}\n{item.text}"
        names = Counter(fold(o["name"]) for o in row["officials"])
        if any(n > 1 for n in names.values()):
            raise SystemExit(f"{row['id']}: a name twice: {names}")
        for person in row["officials"]:
            if list(person) != ["name", "positions", "class", "optional"]:
                raise SystemExit(f"{row['id']}: official keys {list(person)}")
            if not isinstance(person["name"], str) or not person["name"].strip():
                raise SystemExit(f"{row['id']}: empty name")
            if person["class"] not in CLASSES or not isinstance(person["optional"], bool):
                raise SystemExit(f"{row['id']} {person['name']}: class/optional {person['class']!r} {person['optional']!r}")
            if not person["positions"]:
                raise SystemExit(f"{row['id']} {person['name']}: no position")
            seen = set()
            for pos in person["positions"]:
                if list(pos) != ["title", "organization"] or not isinstance(pos["title"], str) or not pos["title"]:
                    raise SystemExit(f"{row['id']} {person['name']}: position {pos}")
                if pos["organization"] is not None and not isinstance(pos["organization"], str):
                    raise SystemExit(f"{row['id']} {person['name']}: organization {pos}")
                folded = (fold(pos["title"]), fold(pos["organization"]))
                if folded in seen:
                    raise SystemExit(f"{row['id']} {person['name']}: duplicate position {pos}")
                seen.add(folded)
            if person["name"] not in haystack:
                where = "occurs after NFC/case folding" if fold(person["name"]) in fold(haystack) else "not in text"
                missing.append(f"{row['id']}: {person['name']!r} ({where})")
    return missing


def summary(rows: list[dict], out: Path = OUT, splits: tuple[str, ...] = ("dev", "test")) -> str:
    lines = [f"{len(rows)} articles -> {out.relative_to(HERE.parents[2])}"]
    by = Counter((r["stratum"], r["split"]) for r in rows)
    strata = sorted({r["stratum"] for r in rows})
    lines.append("articles   " + "  ".join(f"{s}: " + " + ".join(f"{by[(s, split)]} {split}" for split in splits)
                                          for s in strata))
    officials = [(r, o) for r in rows for o in r["officials"]]
    for split in (*splits, "all") if len(splits) > 1 else splits:
        picked = [r for r in rows if split == "all" or r["split"] == split]
        chosen = [(r, o) for r, o in officials if split == "all" or r["split"] == split]
        scored = [o for _, o in chosen if not o["optional"]]
        classes = Counter(o["class"] for o in scored)
        lines.append(f"officials  {split:4}: {len(scored)} scored ({', '.join(f'{c} {classes[c]}' for c in CLASSES)}), "
                     f"{len(chosen) - len(scored)} optional, {sum(len(o['positions']) for o in scored)} positions; "
                     f"articles with no official {sum(1 for r in picked if not r['officials'])}, "
                     f"with no scored official {sum(1 for r in picked if all(o['optional'] for o in r['officials']))}")
    lines.append("annotator  " + ", ".join(f"{k} {v}" for k, v in sorted(Counter(r["annotator"] for r in rows).items())))
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="validate only, do not write")
    parser.add_argument("--round", choices=(*map(str, ROUNDS), "all"), default="all",
                        help="which round to build (default all)")
    args = parser.parse_args(argv)
    failed = 0
    for number in ROUNDS if args.round == "all" else (int(args.round),):
        round_ = ROUNDS[number]
        if number > 1:
            print(f"\nround {number}")
        rows, report = build(round_)
        for note in report["id_notes"]:
            print("id repaired:" if round_.seconds is None else "labels:", note)
        for note in report["corrections"]:
            print("correction:", note)
        missing = validate(rows, round_)
        for note in missing:
            print("NAME NOT FOUND:", note)
        if not args.check:
            round_.out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
        print(summary(rows, round_.out, round_.splits))
        print(f"names not found verbatim in text or title: {len(missing)}")
        failed += bool(missing)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
