"""The worker pool: results in input order, a dead or stuck worker costs only its own item, and
workers never outlive the process that started them."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from policytext.runs.workers import WorkerCrashed, ordered_batches, ordered_map

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals and fork")


def _slow_first(item: int) -> int:
    if item == 0:
        time.sleep(0.3)  # everything else finishes first and fills the window
    return item * 10


def test_results_come_in_input_order_whatever_finishes_first():
    items = [(f"k{i}", i) for i in range(40)]
    results = list(ordered_map(_slow_first, items, jobs=3, window=4))
    assert results == [(f"k{i}", i * 10) for i in range(40)]


def test_one_job_runs_in_this_process():
    assert list(ordered_map(lambda item: os.getpid(), [(0, 0)], jobs=1)) == [(0, os.getpid())]


def _dies_on_three(item: int) -> int:
    if item == 3:
        os.kill(os.getpid(), signal.SIGKILL)  # as the kernel's out-of-memory killer would
    if item == 5:
        raise ValueError("bad item")
    return item


def test_a_worker_that_dies_costs_only_the_item_it_was_analysing():
    crashed = []

    def on_crash(item, reason):
        crashed.append((item, reason))
        return "crashed"

    results = [result for _, result in ordered_map(_dies_on_three, [(i, i) for i in range(10)], jobs=2,
                                                   on_crash=on_crash)]
    assert results == [0, 1, 2, "crashed", 4, "crashed", 6, 7, 8, 9]
    crashed.sort()  # the two can be noticed in either order
    assert crashed[0][0] == 3 and "killed by SIGKILL (out of memory?)" in crashed[0][1]
    assert crashed[1] == (5, "ValueError: bad item")


def test_without_on_crash_a_dead_workers_item_is_reported_as_an_exception():
    [(_, result)] = list(ordered_map(_dies_on_three, [(3, 3)], jobs=2))
    assert isinstance(result, WorkerCrashed)


def _hangs_on_one(item: int) -> int:
    if item == 1:
        signal.signal(signal.SIGALRM, signal.SIG_IGN)  # as if stuck in C code: nothing interrupts it
        time.sleep(60)
    return item


def test_the_watchdog_stops_a_worker_stuck_on_one_item():
    started = time.monotonic()
    results = [r for _, r in ordered_map(_hangs_on_one, [(i, i) for i in range(4)], jobs=2, hard_timeout=0.5,
                                         on_crash=lambda item, reason: reason)]
    assert results[0] == 0 and results[2:] == [2, 3]
    assert "did not finish this article within 0.5 s" in results[1]
    assert time.monotonic() - started < 10


def _crash_label(item, reason: str) -> str:
    return f"crashed {item}: {reason}"


def _batches(n: int, size: int) -> list[tuple[str, list[int]]]:
    return [(f"b{start}", list(range(start, min(start + size, n)))) for start in range(0, n, size)]


def test_batches_come_back_assembled_in_order():
    results = list(ordered_batches(_slow_first, _batches(40, 6), assemble=tuple, on_crash=_crash_label, jobs=3,
                                   window=3))
    assert results == [(f"b{start}", tuple(10 * i for i in range(start, min(start + 6, 40))))
                       for start in range(0, 40, 6)]


def test_a_crash_in_a_batch_costs_only_its_item_and_the_rest_is_analysed_again():
    results = list(ordered_batches(_dies_on_three, _batches(10, 5), assemble=tuple, on_crash=_crash_label, jobs=2))
    keys = [key for key, _ in results]
    flat = [value for _, batch in results for value in batch]
    assert keys == ["b0", "b0", "b0", "b5"]  # the first batch in three places: before, culprit, after
    assert flat[:3] == [0, 1, 2] and flat[4] == 4 and flat[6:] == [6, 7, 8, 9]
    assert flat[3].startswith("crashed 3: worker process was killed by SIGKILL")
    assert flat[5] == "crashed 5: ValueError: bad item"  # an exception: the worker carries on


def test_the_watchdog_times_each_item_of_a_batch():
    started = time.monotonic()
    results = list(ordered_batches(_hangs_on_one, _batches(4, 4), assemble=list, on_crash=_crash_label, jobs=2,
                                   hard_timeout=0.5))
    flat = [value for _, batch in results for value in batch]
    assert flat[0] == 0 and flat[2:] == [2, 3]
    assert "did not finish this article within 0.5 s" in flat[1]
    assert time.monotonic() - started < 10


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG and /proc are Linux's")
def test_workers_die_with_the_process_that_started_them(tmp_path):
    script = tmp_path / "pool.py"
    script.write_text(textwrap.dedent("""
        import os, sys, time
        from policytext.runs.workers import _Pool

        def forever(item):
            time.sleep(600)

        pool = _Pool(forever, 2, hard_timeout=None, on_crash=None)
        print(" ".join(str(w.process.pid) for w in pool.workers), flush=True)
        time.sleep(600)
    """))
    process = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True)
    try:
        workers = [int(pid) for pid in process.stdout.readline().split()]
        assert len(workers) == 2
        process.kill()  # SIGKILL: no clean-up code runs in the parent
        process.wait(timeout=10)
        deadline = time.monotonic() + 10
        while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not any(_alive(pid) for pid in workers), "orphaned workers"
    finally:
        process.kill()


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as handle:
            return handle.read().split()[2] != "Z"  # a zombie is dead, waiting for its reaper
    except FileNotFoundError:
        return False
