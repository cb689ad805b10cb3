"""Throughput of policytext against the route a user would take today and against tokenization alone.

    python benchmarks/throughput.py [--corpus FILE.jsonl.gz] [--sample 2000] [--underthesea-sample 100]
                                    [--rounds 2] [--stages-sample 300] [--no-routes]

On one sample of held-out dated news (default: the 2025 news of ../shared/data, articles with a
publication date and in no gold file, evenly spread over the file), each route runs as its own process,
start-up included, and is timed in CPU seconds (``os.times()`` of the finished child, so other load on
the machine does not count against it):

- ``policytext run``: the whole command line run (read, normalise, sentences, every extractor, themes,
  write records and tables, the finish stage); also with ``--tokens`` (every article segmented into
  words and tagged), and with ``--near-duplicates`` (MinHash/LSH across the run);
- the underthesea route: ``sent_tokenize`` then ``ner`` on every sentence (on an evenly spread subset:
  it is slow);
- tokenization only: sentence split and pyvi's ``ViTokenizer.tokenize`` on every sentence.

Routes alternate, round after round, and the best round of each is kept. Printed: articles per
CPU-second and per wall second of each route, the ratios, the peak RSS of each process, the start-up
(``policytext analyze`` on one article, wall and CPU), and milliseconds per article of each stage
(measured in this process, after a first article has loaded everything). The load average is printed
with the figures: wall times mean little on a busy machine, CPU seconds hold.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
DEFAULT_CORPUS = SHARED / "modern" / "hung0310_news2025.jsonl.gz"
SEED = SHARED / "seed" / "moit-2021-08-30-thi-dua.txt"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="JSON Lines (.gz) of articles")
    parser.add_argument("--sample", "--limit", type=int, default=2000, help="articles in the sample")
    parser.add_argument("--underthesea-sample", type=int, default=100,
                        help="articles of the sample (evenly spread) the underthesea route analyses")
    parser.add_argument("--rounds", type=int, default=2, help="rounds of the alternating routes")
    parser.add_argument("--stages-sample", type=int, default=300, help="articles timed stage by stage")
    parser.add_argument("--no-routes", action="store_true", help="only the stages and start-up")
    parser.add_argument("--no-near-duplicates", action="store_true",
                        help="leave out the --near-duplicates run (a policytext without the option)")
    parser.add_argument("--route", nargs=2, metavar=("NAME", "FILE"), help=argparse.SUPPRESS)  # a child
    args = parser.parse_args()
    if args.route:
        return _child_route(*args.route)
    if not args.corpus.exists():
        print(f"corpus not found: {args.corpus} (is ../shared/data there?)", file=sys.stderr)
        return 1

    print(f"load average at start: {_load()}")
    articles = held_out_sample(args.corpus, args.sample)
    characters = sum(len(a["text"]) for a in articles) / len(articles)
    print(f"sample: {len(articles):,} dated articles of {args.corpus.name} in no gold file, "
          f"{characters:,.0f} characters on average")
    with tempfile.TemporaryDirectory(prefix="policytext-throughput-") as work:
        work_dir = Path(work)
        sample = work_dir / "sample.jsonl"
        _write_jsonl(sample, articles)
        step = max(1, len(articles) // max(1, args.underthesea_sample))
        subset = articles[::step][: args.underthesea_sample]
        small = work_dir / "underthesea-sample.jsonl"
        _write_jsonl(small, subset)
        if not args.no_routes:
            routes = _routes(sample, small, work_dir, len(articles), len(subset))
            if args.no_near_duplicates:
                routes = [r for r in routes if "near-duplicates" not in r.name]
            _compare(routes, args.rounds)
        _startup()
        _stages(articles[: args.stages_sample])
    print(f"load average at end: {_load()}")
    return 0


# --- the sample --------------------------------------------------------------------------------

def held_out_sample(corpus: Path, size: int) -> list[dict]:
    """``size`` articles with a publication date and an id in no gold file, evenly spread over ``corpus``."""
    gold = _gold_ids()
    candidates = []
    with gzip.open(corpus, "rt", encoding="utf-8") if corpus.suffix == ".gz" else open(corpus, encoding="utf-8") as f:
        for line in f:
            item = json.loads(line)
            if item.get("published") and item.get("text") and str(item.get("id")) not in gold:
                candidates.append({k: item.get(k) for k in ("id", "title", "published", "url", "text")})
    step = max(1, len(candidates) // size)
    return candidates[::step][:size]


def _gold_ids() -> set[str]:
    ids: set[str] = set()
    for path in (ROOT / "benchmarks" / "gold").rglob("*.jsonl"):
        ids.update(re.findall(r'"id": "([^"]+)"', path.read_text(encoding="utf-8")))
    return ids


def _write_jsonl(path: Path, items: list[dict]) -> None:
    with open(path, "w", encoding="utf-8") as handle:
        for item in items:
            handle.write(json.dumps(item, ensure_ascii=False) + "\n")


# --- the routes, each in its own process -------------------------------------------------------

class Route:
    def __init__(self, name: str, command: list[str], articles: int):
        self.name, self.command, self.articles = name, command, articles
        self.cpu: list[float] = []
        self.wall: list[float] = []
        self.rss_mb: list[float] = []

    def run(self) -> None:
        before = os.times()
        clock = time.perf_counter()
        process = subprocess.Popen(self.command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - clock
        process.returncode = os.waitstatus_to_exitcode(status)
        after = os.times()
        if process.returncode != 0:
            raise SystemExit(f"{self.name} failed ({process.returncode}): {process.stderr.read().decode()[-2000:]}")
        process.stderr.close()
        self.cpu.append((after.children_user - before.children_user) + (after.children_system - before.children_system))
        self.wall.append(wall)
        self.rss_mb.append(usage.ru_maxrss / 1024)

    @property
    def rate(self) -> float:  # articles per CPU-second, best round
        return self.articles / min(self.cpu)


def _routes(sample: Path, small: Path, work_dir: Path, n: int, n_small: int) -> list[Route]:
    python = sys.executable
    me = str(Path(__file__).resolve())
    run = [python, "-m", "policytext", "run", str(sample), "--overwrite", "--quiet"]
    return [
        Route("policytext run", [*run, "-o", str(work_dir / "out")], n),
        Route("tokenization only", [python, me, "--route", "tokenize", str(sample)], n),
        Route("underthesea route", [python, me, "--route", "underthesea", str(small)], n_small),
        Route("policytext run --tokens", [*run, "-o", str(work_dir / "out-tokens"), "--tokens"], n),
        Route("policytext run --near-duplicates", [*run, "-o", str(work_dir / "out-dup"), "--near-duplicates"], n),
    ]


def _compare(routes: list[Route], rounds: int) -> None:
    for number in range(rounds):
        for route in routes:
            route.run()
        print(f"round {number + 1} of {rounds} done; load average {_load()}")
    print(f"\n{'route':<34} {'articles':>8} {'CPU s':>7} {'art/CPU-s':>10} {'art/wall-s':>10} {'peak RSS':>9}")
    for route in routes:
        best = route.cpu.index(min(route.cpu))
        print(f"{route.name:<34} {route.articles:>8,} {route.cpu[best]:>7.2f} {route.rate:>10.1f} "
              f"{route.articles / route.wall[best]:>10.1f} {route.rss_mb[best]:>7.0f} MB")
        if len(route.cpu) > 1:
            print(f"{'':<34} rounds (CPU s): {', '.join(f'{c:.2f}' for c in route.cpu)}")
    by_name = {route.name: route for route in routes}
    pipeline, tokens = by_name["policytext run"], by_name["policytext run --tokens"]
    print()
    for ours in (pipeline, tokens):
        print(f"{ours.name}: {ours.rate / by_name['underthesea route'].rate:5.1f}x the underthesea route, "
              f"{ours.rate / by_name['tokenization only'].rate:4.2f}x tokenization only")
    dup = by_name.get("policytext run --near-duplicates")
    if dup is not None:
        print(f"near-duplicates cost: {1000 * (min(dup.cpu) - min(pipeline.cpu)) / dup.articles:+.2f} ms of CPU "
              f"per article ({100 * (min(dup.cpu) / min(pipeline.cpu) - 1):+.1f}%)")


def _child_route(name: str, path: str) -> int:
    """A comparison route, run in its own process so that its imports and start-up count."""
    with open(path, encoding="utf-8") as handle:
        texts = [json.loads(line)["text"] for line in handle]
    if name == "tokenize":
        from pyvi import ViTokenizer

        from policytext.text.segment import split_sentences

        for text in texts:
            for start, end in split_sentences(text):
                ViTokenizer.tokenize(text[start:end])
    elif name == "underthesea":
        from underthesea import ner, sent_tokenize

        for text in texts:
            for sentence in sent_tokenize(text):
                ner(sentence)
    else:
        raise SystemExit(f"unknown route {name}")
    return 0


# --- start-up and stages -----------------------------------------------------------------------

def _startup(tries: int = 5) -> None:
    """``policytext analyze`` on one article, as a user types it: best of ``tries`` (wall and CPU), with the
    start-up cache filled by an earlier process (as from a user's second command on) and without it."""
    if not SEED.exists():
        return
    # as on a user's machine: Python caches the package's bytecode (pip compiles it at install, an editable
    # install on first import); a shell with PYTHONDONTWRITEBYTECODE set would recompile every module each time
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    command = [sys.executable, "-m", "policytext", "analyze", str(SEED)]
    with tempfile.TemporaryDirectory(prefix="policytext-cache-") as cache:
        for label, directory in (("start-up cache filled", cache), ("no start-up cache", "off")):
            run_env = {**env, "POLICYTEXT_CACHE_DIR": directory}
            subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=run_env)  # bytecode, cache: untimed
            walls, cpus = [], []
            for _ in range(tries):
                before = os.times()
                clock = time.perf_counter()
                subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=run_env)
                walls.append(time.perf_counter() - clock)
                after = os.times()
                cpus.append((after.children_user - before.children_user)
                            + (after.children_system - before.children_system))
            print(f"start-up: policytext analyze {SEED.name}, {label}: {min(walls):.2f} s wall, "
                  f"{min(cpus):.2f} s CPU (best of {tries}, bytecode cached; load average {_load()})")


def _stages(articles: list[dict]) -> None:
    """Milliseconds of CPU per article for each stage, in this process, after a warm-up article."""
    from policytext.document import Document
    from policytext.io.writers import table_rows
    from policytext.model import Article, Source
    from policytext.pipeline import EXTRACTORS, Options, analyze_article, run_extractor

    options = Options(tokens=False)
    analyze_article(Article(text=articles[0]["text"], source=Source("<warm-up>")), options)
    seconds: dict[str, float] = defaultdict(float)

    def timed(stage, function, *args):
        clock = time.process_time()
        result = function(*args)
        seconds[stage] += time.process_time() - clock
        return result

    for item in articles:
        article = Article(text=item["text"], source=Source("<sample>"), title=item["title"],
                          published=item["published"])
        doc = timed("normalise + sentences", Document.from_text, article.text)
        words = timed("words (only with --tokens)", lambda: doc.words)
        timed("POS (only with --tokens)", lambda: [w.pos for w in words])  # tagged sentence by sentence
        for name in EXTRACTORS:
            timed(name, run_extractor, name, doc, options)
        record = analyze_article(article, options)
        timed("record -> JSON + table rows", lambda: (json.dumps(record.to_dict(), ensure_ascii=False),
                                                       table_rows(record, ())))
    n = len(articles)
    run_total = sum(v for k, v in seconds.items() if "only with" not in k)
    print(f"\nstages, ms of CPU per article over {n} articles (after a warm-up article):")
    for stage, value in seconds.items():
        print(f"{stage:>30}: {1000 * value / n:6.2f}")
    print(f"{'a run without --tokens':>30}: {1000 * run_total / n:6.2f} -> {n / run_total:,.0f} articles per "
          f"CPU-second, before reading and start-up")


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


if __name__ == "__main__":
    sys.exit(main())
