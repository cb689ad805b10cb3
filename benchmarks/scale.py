"""Scale: -j 2 against -j 1, peak memory at 1,000 and 16,000 articles, the finish stage's memory, the
near-duplicate index's bytes per article, and a Dask LocalCluster against the local engine.

    python benchmarks/scale.py [--what jobs,memory,duplicates,dask] [--jobs-sample 2000] [--rounds 2]

Runs are whole ``policytext run`` processes (``os.wait4`` gives each one's CPU seconds and peak RSS,
its worker processes included). -j 1 and -j 2 alternate, round after round, on the same articles; the
wall-clock ratio is what the target is about, so the load average (other work on the machine takes
cores from -j 2 first) is printed with it. Memory: VNTC (16,631 articles, the largest dump in
../shared/data), the first 1,000 and the first 16,000 articles.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from throughput import DEFAULT_CORPUS, SHARED, _load, _write_jsonl, held_out_sample  # noqa: E402

VNTC = sorted((SHARED / "vntc").glob("*.jsonl.gz"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--what", default="jobs,memory,duplicates,dask")
    parser.add_argument("--jobs-sample", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    what = set(args.what.split(","))
    print(f"load average at start: {_load()}")
    with tempfile.TemporaryDirectory(prefix="policytext-scale-") as work:
        work_dir = Path(work)
        if "jobs" in what or "dask" in what:
            sample = work_dir / "sample.jsonl"
            _write_jsonl(sample, held_out_sample(DEFAULT_CORPUS, args.jobs_sample))
        if "jobs" in what:
            _jobs(sample, work_dir, args.rounds)
        if "memory" in what:
            _memory(work_dir)
        if "duplicates" in what:
            _duplicate_index()
        if "dask" in what:
            _dask(sample, work_dir)
    print(f"load average at end: {_load()}")
    return 0


def _process(command: list[str]) -> tuple[float, float, float]:
    """(wall s, CPU s, peak RSS MB) of one process and the children it waited for."""
    clock = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - clock
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{command} failed: {process.stderr.read().decode()[-2000:]}")
    process.stderr.close()
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def _run_command(inputs: list[Path], out: Path, *options: str) -> list[str]:
    return [sys.executable, "-m", "policytext", "run", *map(str, inputs), "-o", str(out), "--overwrite", "--quiet",
            *options]


def _jobs(sample: Path, work_dir: Path, rounds: int) -> None:
    """-j 1 and -j 2 alternating: wall-clock ratio, and the CPU seconds of the main process and of the
    workers, from which the ratio on two idle cores follows: the start-up (a run of one article) is
    serial, the rest of -j 2's CPU splits over two cores at best."""
    n = sum(1 for _ in open(sample, encoding="utf-8"))
    child = work_dir / "jobs_child.py"
    child.write_text(textwrap.dedent("""
        import json, resource, sys, time
        from pathlib import Path
        import policytext
        clock = time.perf_counter()
        policytext.run([sys.argv[1]], Path(sys.argv[2]), jobs=int(sys.argv[3]), limit=int(sys.argv[4]) or None,
                       overwrite=True)
        me, workers = (resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
        print(json.dumps({"wall": time.perf_counter() - clock, "main": me.ru_utime + me.ru_stime,
                          "workers": workers.ru_utime + workers.ru_stime}))
    """))

    def measured(jobs: int, limit: int = 0) -> dict:
        out = subprocess.run([sys.executable, str(child), str(sample), str(work_dir / f"j{jobs}"), str(jobs),
                              str(limit)], capture_output=True, text=True, check=True).stdout
        return json.loads(out.strip().splitlines()[-1])

    startup = min(measured(1, limit=1)["main"] for _ in range(2))
    runs: dict[int, list[dict]] = {1: [], 2: []}
    for number in range(rounds):
        for jobs in (1, 2):
            runs[jobs].append(measured(jobs))
        print(f"round {number + 1}: -j 1 {runs[1][-1]['wall']:.1f} s, -j 2 {runs[2][-1]['wall']:.1f} s wall; "
              f"load average {_load()}")
    same = all((work_dir / "j1" / p.relative_to(work_dir / "j2")).read_bytes() == p.read_bytes()
               for p in (work_dir / "j2").rglob("*") if p.is_file() and p.name != "summary.json")
    one = min(runs[1], key=lambda r: r["wall"])
    two = min(runs[2], key=lambda r: r["wall"])
    cpu_one = min(r["main"] + r["workers"] for r in runs[1])
    cpu_two = min(r["main"] + r["workers"] for r in runs[2])
    main_two = min(r["main"] for r in runs[2])
    idle = cpu_one / (startup + (cpu_two - startup) / 2)
    print(f"-j 1: {n / one['wall']:.1f} articles/s wall; -j 2: {n / two['wall']:.1f} articles/s wall; "
          f"-j 2 / -j 1 = {one['wall'] / two['wall']:.2f}x measured (same files: {same})")
    print(f"CPU: -j 1 {cpu_one:.2f} s; -j 2 {cpu_two:.2f} s ({main_two:.2f} s main process, the rest workers), "
          f"+{100 * (cpu_two / cpu_one - 1):.1f}%; start-up (a run of one article) {startup:.2f} s; on two idle "
          f"cores -j 2 / -j 1 would be at most {idle:.2f}x")


def _memory(work_dir: Path) -> None:
    """Peak RSS of whole runs over the first 1,000 and 16,000 VNTC articles (RSS before the finish stage
    too), then, in another process, the finish stage redone on each run's parts under tracemalloc: its
    own peak of Python allocations (a second pass, so that what a run has already loaded is not counted). (Tracing inside the measured run would add its bookkeeping to the
    RSS it measures.)"""
    if not VNTC:
        print("memory: ../shared/data/vntc not found")
        return
    child = work_dir / "run_memory.py"
    child.write_text(textwrap.dedent("""
        import json, resource, sys
        from pathlib import Path
        import policytext
        from policytext.runs import runner

        finish = runner.finish
        seen = {}

        def measured(*args, **kwargs):
            seen["before_finish_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            return finish(*args, **kwargs)

        runner.finish = measured
        policytext.run(sys.argv[3:], Path(sys.argv[1]), limit=int(sys.argv[2]), overwrite=True)
        seen["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(json.dumps(seen))
    """))
    finish_child = work_dir / "finish_memory.py"
    finish_child.write_text(textwrap.dedent("""
        import json, sys, tracemalloc
        from pathlib import Path
        from policytext.runs import layout
        from policytext.runs.finish import finish

        run_dir = Path(sys.argv[1])
        parts = len(layout.committed_manifests(run_dir))
        finish(run_dir, parts)  # once untraced: modules and resources load (the run had them loaded)
        tracemalloc.start()
        finish(run_dir, parts)  # the stage is a pure function of the parts: the same work again
        print(json.dumps({"finish_traced_peak_mb": tracemalloc.get_traced_memory()[1] / 2**20}))
    """))
    results = {}
    for n in (1000, 16000):
        out = work_dir / f"memory-{n}"
        command = [sys.executable, str(child), str(out), str(n), *map(str, VNTC)]
        clock = time.perf_counter()
        printed = subprocess.run(command, capture_output=True, text=True, check=True).stdout
        seen = json.loads(printed.strip().splitlines()[-1])
        seconds = time.perf_counter() - clock
        printed = subprocess.run([sys.executable, str(finish_child), str(out)], capture_output=True, text=True,
                                 check=True).stdout
        seen.update(json.loads(printed.strip().splitlines()[-1]))
        persons = _rows(out / "persons")
        results[n] = seen
        print(f"memory, {n:,} VNTC articles: peak RSS {seen['peak_mb']:.0f} MB (before the finish stage "
              f"{seen['before_finish_mb']:.0f} MB); finish stage's Python allocations at their peak "
              f"{seen['finish_traced_peak_mb']:.1f} MB for {persons:,} persons; {seconds:.0f} s")
    growth = results[16000]["peak_mb"] / results[1000]["peak_mb"] - 1
    print(f"memory: peak RSS growth from 1,000 to 16,000 articles {100 * growth:+.1f}%")


def _rows(folder: Path) -> int:
    import pyarrow.parquet as pq

    return sum(pq.ParquetFile(p).metadata.num_rows for p in folder.glob("*.parquet"))


def _duplicate_index(n: int = 20000) -> None:
    """Bytes the near-duplicate index holds per original article (tracemalloc), and its time."""
    import tracemalloc

    import numpy as np

    from policytext.runs.duplicates import DuplicateSettings, NearDuplicates

    rng = np.random.default_rng(1)
    signatures = rng.integers(0, 2**32 - 1, size=(n, 128), dtype=np.uint32)  # unrelated articles
    tracemalloc.start()
    near = NearDuplicates(DuplicateSettings())
    clock = time.process_time()
    for i, values in enumerate(signatures):
        near.check(f"article-{i:08d}", values)
    seconds = time.process_time() - clock
    held = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    print(f"near-duplicate index: {held / n:,.0f} bytes per original article held, "
          f"{1e6 * seconds / n:.0f} µs per check (over {n:,} articles)")


def _dask(sample: Path, work_dir: Path) -> None:
    """The same run with the local engine (-j 2) and a Dask LocalCluster of 2 workers (start-up included)."""
    local = _process(_run_command([sample], work_dir / "local", "-j", "2"))
    dask = _process(_run_command([sample], work_dir / "dask", "--engine", "dask", "-j", "2"))
    same = all((work_dir / "local" / p.relative_to(work_dir / "dask")).read_bytes() == p.read_bytes()
               for p in (work_dir / "dask").rglob("*") if p.is_file() and p.name != "summary.json")
    print(f"dask: LocalCluster of 2 workers {dask[0]:.1f} s wall, local engine -j 2 {local[0]:.1f} s wall; "
          f"same files: {same}")


if __name__ == "__main__":
    sys.exit(main())
